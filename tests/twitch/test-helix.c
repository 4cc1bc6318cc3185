/* test-helix.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LurkHelix against a tiny Helix served by a SoupServer inside the test, on 127.0.0.1:0. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-helix.h"
#include "lurk-test-http.h"
#include "lurk-test-wait.h"

#define CLIENT_ID "test-client"
#define TOKEN "test-token"

typedef struct
{
  guint  status;
  char  *body;
  gint64 ratelimit_remaining; /* -1: no rate-limit headers */
  gint64 ratelimit_reset;
} Fault;

typedef struct
{
  SoupServer   *server;
  SoupSession  *session;
  LurkHelix    *helix;
  char         *base_url;
  GQueue        faults;         /* of Fault: answered first, one per request */
  guint         n_requests;
  gint64        last_request_at; /* real time, µs */
  char         *last_authorization;
  char         *last_client_id;
  char         *last_query;
  char         *last_body;
  char         *last_method;
  GPtrArray    *subscriptions;  /* ids the server knows */
} Fixture;

static void
fault_free (Fault *fault)
{
  g_free (fault->body);
  g_free (fault);
}

static void
push_fault (Fixture    *f,
            guint       status,
            const char *body,
            gint64      remaining,
            gint64      reset)
{
  Fault *fault = g_new0 (Fault, 1);

  fault->status = status;
  fault->body = g_strdup (body);
  fault->ratelimit_remaining = remaining;
  fault->ratelimit_reset = reset;
  g_queue_push_tail (&f->faults, fault);
}

static void
reply (SoupServerMessage *msg,
       guint              status,
       const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                      body, strlen (body));
}

/* The values of a repeated query key, in order. */
static GPtrArray *
query_values (const char *query,
              const char *key)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) pairs = g_strsplit (query != NULL ? query : "", "&", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (pairs[i], "=", 2);
      g_autofree char *name = NULL;

      if (kv[0] == NULL || kv[1] == NULL)
        continue;
      name = g_uri_unescape_string (kv[0], NULL);
      if (g_strcmp0 (name, key) == 0)
        g_ptr_array_add (values, g_uri_unescape_string (kv[1], NULL));
    }

  return g_steal_pointer (&values);
}

static void
handle_users (Fixture           *f,
              SoupServerMessage *msg,
              const char        *query)
{
  g_autoptr(GPtrArray) logins = query_values (query, "login");
  g_autoptr(GPtrArray) ids = query_values (query, "id");
  g_autoptr(GString) body = g_string_new ("{\"data\":[");
  gboolean first = TRUE;

  if (logins->len == 0 && ids->len == 0)
    g_ptr_array_add (logins, g_strdup ("me"));

  for (guint i = 0; i < logins->len; i++)
    {
      const char *login = g_ptr_array_index (logins, i);

      if (g_str_equal (login, "nobody"))
        continue; /* unknown logins are absent */
      g_string_append_printf (body, "%s{\"id\":\"%u\",\"login\":\"%s\",\"display_name\":\"%s\","
                              "\"type\":\"\",\"broadcaster_type\":\"partner\","
                              "\"description\":\"d\",\"profile_image_url\":\"https://x/p.png\","
                              "\"offline_image_url\":\"\",\"created_at\":"
                              "\"2016-12-14T20:32:28Z\"}",
                              first ? "" : ",", 100 + i, login, login);
      first = FALSE;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_string_append_printf (body, "%s{\"id\":\"%s\",\"login\":\"user%s\"}",
                              first ? "" : ",", (char *) g_ptr_array_index (ids, i),
                              (char *) g_ptr_array_index (ids, i));
      first = FALSE;
    }
  g_string_append (body, "]}");
  reply (msg, 200, body->str);
}

static void
handle_subscriptions (Fixture           *f,
                      SoupServerMessage *msg,
                      const char        *method,
                      const char        *query)
{
  if (g_str_equal (method, "POST"))
    {
      g_autofree char *id = g_strdup_printf ("sub-%u", f->subscriptions->len + 1);
      g_autofree char *body = NULL;

      g_ptr_array_add (f->subscriptions, g_strdup (id));
      body = g_strdup_printf ("{\"data\":[{\"id\":\"%s\",\"status\":\"enabled\",\"type\":"
                              "\"stream.online\",\"version\":\"1\",\"condition\":"
                              "{\"broadcaster_user_id\":\"1337\"},\"created_at\":"
                              "\"2026-11-27T20:00:00Z\",\"transport\":{\"method\":\"websocket\","
                              "\"session_id\":\"S1\"},\"cost\":1}],\"total\":%u,"
                              "\"total_cost\":%u,\"max_total_cost\":10}",
                              id, f->subscriptions->len, f->subscriptions->len);
      reply (msg, 202, body);
    }
  else if (g_str_equal (method, "DELETE"))
    {
      g_autoptr(GPtrArray) ids = query_values (query, "id");

      for (guint i = 0; ids->len == 1 && i < f->subscriptions->len; i++)
        {
          if (g_str_equal (g_ptr_array_index (f->subscriptions, i), g_ptr_array_index (ids, 0)))
            {
              g_ptr_array_remove_index (f->subscriptions, i);
              reply (msg, 204, NULL);
              return;
            }
        }
      reply (msg, 404, "{\"error\":\"Not Found\",\"status\":404,"
                       "\"message\":\"subscription not found\"}");
    }
  else
    {
      /* two pages: a, b then c */
      g_autoptr(GPtrArray) after = query_values (query, "after");

      if (after->len == 0)
        reply (msg, 200, "{\"data\":[{\"id\":\"a\",\"type\":\"stream.online\",\"cost\":1},"
                         "{\"id\":\"b\",\"type\":\"stream.offline\",\"cost\":1}],\"total\":3,"
                         "\"total_cost\":3,\"max_total_cost\":10,"
                         "\"pagination\":{\"cursor\":\"page2\"}}");
      else if (g_str_equal (g_ptr_array_index (after, 0), "page2"))
        reply (msg, 200, "{\"data\":[{\"id\":\"c\",\"type\":\"channel.update\",\"cost\":1,"
                         "\"transport\":{\"method\":\"websocket\",\"session_id\":\"S\"}}],"
                         "\"total\":3,\"total_cost\":3,\"max_total_cost\":10,"
                         "\"pagination\":{}}");
      else
        reply (msg, 400, "{\"error\":\"Bad Request\",\"status\":400,"
                         "\"message\":\"bad cursor\"}");
    }
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query_table,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  SoupMessageHeaders *request_headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *request_body = soup_server_message_get_request_body (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  Fault *fault;

  f->n_requests++;
  f->last_request_at = g_get_real_time ();
  g_free (f->last_authorization);
  f->last_authorization = g_strdup (soup_message_headers_get_one (request_headers,
                                                                  "Authorization"));
  g_free (f->last_client_id);
  f->last_client_id = g_strdup (soup_message_headers_get_one (request_headers, "Client-Id"));
  g_free (f->last_query);
  f->last_query = g_strdup (query);
  g_free (f->last_method);
  f->last_method = g_strdup (method);
  g_free (f->last_body);
  f->last_body = request_body->length > 0 ? g_strndup (request_body->data, request_body->length)
                                          : NULL;

  fault = g_queue_pop_head (&f->faults);
  if (fault != NULL)
    {
      if (fault->ratelimit_remaining >= 0)
        {
          SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
          g_autofree char *remaining = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                        fault->ratelimit_remaining);
          g_autofree char *reset = g_strdup_printf ("%" G_GINT64_FORMAT, fault->ratelimit_reset);

          soup_message_headers_replace (headers, "Ratelimit-Limit", "800");
          soup_message_headers_replace (headers, "Ratelimit-Remaining", remaining);
          soup_message_headers_replace (headers, "Ratelimit-Reset", reset);
        }
      reply (msg, fault->status, fault->body);
      fault_free (fault);
      return;
    }

  if (g_strcmp0 (f->last_client_id, CLIENT_ID) != 0 ||
      g_strcmp0 (f->last_authorization, "Bearer " TOKEN) != 0)
    {
      reply (msg, 401, "{\"error\":\"Unauthorized\",\"status\":401,"
                       "\"message\":\"Invalid OAuth token\"}");
      return;
    }

  if (g_str_equal (path, "/helix/users"))
    handle_users (f, msg, query);
  else if (g_str_equal (path, "/helix/streams"))
    {
      g_autoptr(GPtrArray) logins = query_values (query, "user_login");

      if (logins->len == 1 && g_str_equal (g_ptr_array_index (logins, 0), "live_one"))
        reply (msg, 200, "{\"data\":[{\"id\":\"40952121085\",\"user_id\":\"101\","
                         "\"user_login\":\"live_one\",\"user_name\":\"Live_One\","
                         "\"game_id\":\"33214\",\"game_name\":\"Fortnite\",\"type\":\"live\","
                         "\"title\":\"hi\",\"tags\":[\"English\",7],\"viewer_count\":78365,"
                         "\"started_at\":\"2026-11-27T19:00:00Z\",\"language\":\"en\","
                         "\"thumbnail_url\":\"https://x/{width}x{height}.jpg\","
                         "\"is_mature\":false}],\"pagination\":{}}");
      else
        reply (msg, 200, "{\"data\":[],\"pagination\":{}}");
    }
  else if (g_str_equal (path, "/helix/eventsub/subscriptions"))
    handle_subscriptions (f, msg, method, query);
  else if (g_str_equal (path, "/helix/garbage"))
    reply (msg, 200, "this is not json");
  else
    reply (msg, 404, "{\"error\":\"Not Found\",\"status\":404,\"message\":\"no such path\"}");
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  guint port;

  g_queue_init (&f->faults);
  f->subscriptions = g_ptr_array_new_with_free_func (g_free);
  f->server = lurk_test_server_new (&port);
  soup_server_add_handler (f->server, NULL, server_callback, f, NULL);
  f->base_url = g_strdup_printf ("http://127.0.0.1:%u/helix", port);

  f->session = soup_session_new ();
  f->helix = lurk_helix_new (f->session, f->base_url, CLIENT_ID, TOKEN);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (f->helix);
  g_clear_object (&f->session);
  /* let both ends close their connections before the server goes */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_queue_clear_full (&f->faults, (GDestroyNotify) fault_free);
  g_ptr_array_unref (f->subscriptions);
  g_free (f->base_url);
  g_free (f->last_authorization);
  g_free (f->last_client_id);
  g_free (f->last_query);
  g_free (f->last_body);
  g_free (f->last_method);
}

static void
test_new_destroy (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  LurkHelix *helix = lurk_helix_new (session, "http://127.0.0.1:9/helix/", "c", "t");
  g_autofree char *client_id = lurk_helix_dup_client_id (helix);

  g_assert_cmpstr (lurk_helix_get_base_url (helix), ==, "http://127.0.0.1:9/helix");
  g_assert_cmpstr (client_id, ==, "c");
  g_assert_finalize_object (helix);
}

static void
test_users (Fixture       *f,
            gconstpointer  data)
{
  const char *logins[] = { "alice", "nobody", "b&b=1", NULL };
  const char *ids[] = { "42", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  LurkHelixUser *user;

  lurk_helix_get_users_async (f->helix, logins, ids, NULL, lurk_test_store_result, &result);
  users = lurk_helix_get_users_finish (f->helix, lurk_test_wait_result (&result), &error);
  g_assert_no_error (error);

  /* headers and repeated keys as Twitch wants them; the odd login stays one value */
  g_assert_cmpstr (f->last_client_id, ==, CLIENT_ID);
  g_assert_cmpstr (f->last_authorization, ==, "Bearer " TOKEN);
  g_assert_cmpstr (f->last_query, ==, "login=alice&login=nobody&login=b%26b%3D1&id=42");

  g_assert_cmpuint (users->len, ==, 3);
  user = g_ptr_array_index (users, 0);
  g_assert_cmpstr (user->login, ==, "alice");
  g_assert_cmpstr (user->id, ==, "100");
  g_assert_cmpstr (user->broadcaster_type, ==, "partner");
  user = g_ptr_array_index (users, 1);
  g_assert_cmpstr (user->login, ==, "b&b=1");
  user = g_ptr_array_index (users, 2);
  g_assert_cmpstr (user->id, ==, "42");
  g_assert_cmpstr (user->display_name, ==, "user42"); /* falls back to the login */
}

static void
test_user_not_found (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixUser) nobody = NULL;
  g_autoptr(LurkHelixUser) me = NULL;

  lurk_helix_get_user_async (f->helix, "nobody", NULL, lurk_test_store_result, &result);
  nobody = lurk_helix_get_user_finish (f->helix, lurk_test_wait_result (&result), &error);
  g_assert_null (nobody);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nobody"));
  g_clear_error (&error);

  lurk_helix_get_self_async (f->helix, NULL, lurk_test_store_result, &result2);
  me = lurk_helix_get_self_finish (f->helix, lurk_test_wait_result (&result2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (me->login, ==, "me");
  g_assert_null (f->last_query);
}

static void
test_too_many_users (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) logins = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;

  for (guint i = 0; i < 101; i++)
    g_ptr_array_add (logins, g_strdup_printf ("user%u", i));
  g_ptr_array_add (logins, NULL);

  lurk_helix_get_users_async (f->helix, (const char *const *) logins->pdata, NULL, NULL,
                              lurk_test_store_result, &result);
  users = lurk_helix_get_users_finish (f->helix, lurk_test_wait_result (&result), &error);
  g_assert_null (users);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_BAD_REQUEST);
  g_assert_cmpuint (f->n_requests, ==, 0);
}

static void
test_stream (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixStream) live = NULL;
  LurkHelixStream *offline = (gpointer) 0x1;

  lurk_helix_get_stream_async (f->helix, "live_one", NULL, NULL, lurk_test_store_result, &result);
  g_assert_true (
    lurk_helix_get_stream_finish (f->helix, lurk_test_wait_result (&result), &live, &error));
  g_assert_no_error (error);
  g_assert_nonnull (live);
  g_assert_cmpstr (live->user_login, ==, "live_one");
  g_assert_cmpstr (live->game_name, ==, "Fortnite");
  g_assert_cmpint (live->viewer_count, ==, 78365);
  g_assert_cmpuint (g_strv_length (live->tags), ==, 1); /* the number is skipped */

  lurk_helix_get_stream_async (f->helix, "sleepy", NULL, NULL, lurk_test_store_result, &result2);
  g_assert_true (
    lurk_helix_get_stream_finish (f->helix, lurk_test_wait_result (&result2), &offline, &error));
  g_assert_no_error (error);
  g_assert_null (offline);
}

static void
test_subscriptions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) condition = lurk_helix_condition_new ("broadcaster_user_id", "1337",
                                                              "user_id", NULL, NULL);
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GAsyncResult) r5 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixSubscription) sub = NULL;
  g_autoptr(LurkHelixSubscriptionList) list = NULL;
  g_autoptr(JsonNode) sent = NULL;
  JsonObject *sent_object;
  JsonObject *transport;

  lurk_helix_create_subscription_async (f->helix, "stream.online", "1", condition, "S1", NULL,
                                        lurk_test_store_result, &r1);
  sub = lurk_helix_create_subscription_finish (f->helix, lurk_test_wait_result (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sub->id, ==, "sub-1");
  g_assert_cmpstr (sub->status, ==, "enabled");
  g_assert_cmpint (sub->cost, ==, 1);
  g_assert_cmpint (sub->total_cost, ==, 1);
  g_assert_cmpint (sub->max_total_cost, ==, 10);
  g_assert_cmpstr (sub->session_id, ==, "S1");
  g_assert_cmpstr (json_object_get_string_member (sub->condition, "broadcaster_user_id"), ==,
                   "1337");

  /* what was sent: Twitch's shape */
  g_assert_cmpstr (f->last_method, ==, "POST");
  sent = json_from_string (f->last_body, &error);
  g_assert_no_error (error);
  sent_object = json_node_get_object (sent);
  g_assert_cmpstr (json_object_get_string_member (sent_object, "type"), ==, "stream.online");
  g_assert_cmpstr (json_object_get_string_member (sent_object, "version"), ==, "1");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (sent_object,
                                                                         "condition")), ==, 1);
  transport = json_object_get_object_member (sent_object, "transport");
  g_assert_cmpstr (json_object_get_string_member (transport, "method"), ==, "websocket");
  g_assert_cmpstr (json_object_get_string_member (transport, "session_id"), ==, "S1");

  /* all pages */
  lurk_helix_list_subscriptions_async (f->helix, "enabled", NULL, NULL, NULL, NULL, TRUE, NULL,
                                       lurk_test_store_result, &r2);
  list = lurk_helix_list_subscriptions_finish (f->helix, lurk_test_wait_result (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->subscriptions->len, ==, 3);
  g_assert_cmpstr (((LurkHelixSubscription *) g_ptr_array_index (list->subscriptions, 2))->id,
                   ==, "c");
  g_assert_null (list->cursor);
  g_assert_cmpint (list->total_cost, ==, 3);
  g_assert_cmpstr (f->last_query, ==, "status=enabled&after=page2");
  g_clear_pointer (&list, lurk_helix_subscription_list_free);

  /* one page */
  lurk_helix_list_subscriptions_async (f->helix, NULL, NULL, NULL, NULL, NULL, FALSE, NULL,
                                       lurk_test_store_result, &r3);
  list = lurk_helix_list_subscriptions_finish (f->helix, lurk_test_wait_result (&r3), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->subscriptions->len, ==, 2);
  g_assert_cmpstr (list->cursor, ==, "page2");

  /* delete: 204, then 404 */
  lurk_helix_delete_subscription_async (f->helix, "sub-1", NULL, lurk_test_store_result, &r4);
  g_assert_true (
    lurk_helix_delete_subscription_finish (f->helix, lurk_test_wait_result (&r4), &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->last_method, ==, "DELETE");
  g_assert_cmpstr (f->last_query, ==, "id=sub-1");

  lurk_helix_delete_subscription_async (f->helix, "sub-1", NULL, lurk_test_store_result, &r5);
  g_assert_false (
    lurk_helix_delete_subscription_finish (f->helix, lurk_test_wait_result (&r5), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "subscription not found"));
}

static GError *
get_users_error (Fixture *f)
{
  const char *logins[] = { "alice", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;
  GError *error = NULL;

  lurk_helix_get_users_async (f->helix, logins, NULL, NULL, lurk_test_store_result, &result);
  users = lurk_helix_get_users_finish (f->helix, lurk_test_wait_result (&result), &error);
  g_assert_true ((users == NULL) == (error != NULL));
  return error;
}

typedef struct
{
  guint      status;
  LurkError  code;
} StatusCase;

static void
test_status_codes (Fixture       *f,
                   gconstpointer  data)
{
  static const StatusCase cases[] = {
    { 400, LURK_ERROR_BAD_REQUEST },
    { 401, LURK_ERROR_UNAUTHORIZED },
    { 403, LURK_ERROR_FORBIDDEN },
    { 404, LURK_ERROR_NOT_FOUND },
    { 409, LURK_ERROR_CONFLICT },
    { 410, LURK_ERROR_GONE },
    { 500, LURK_ERROR_SERVER },
    { 502, LURK_ERROR_SERVER },
    { 418, LURK_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *body = g_strdup_printf ("{\"error\":\"E\",\"status\":%u,"
                                               "\"message\":\"twitch says %u\"}",
                                               cases[i].status, cases[i].status);
      g_autofree char *expected = g_strdup_printf ("twitch says %u", cases[i].status);

      f->n_requests = 0;
      push_fault (f, cases[i].status, body, -1, 0);
      error = get_users_error (f);
      g_assert_error (error, LURK_ERROR, (gint) cases[i].code);
      g_assert_nonnull (strstr (error->message, expected));
      g_assert_cmpuint (f->n_requests, ==, 1);
    }
}

static void
test_wrong_token (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  lurk_helix_set_access_token (f->helix, "expired");
  error = get_users_error (f);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "Invalid OAuth token"));
  g_assert_cmpstr (f->last_authorization, ==, "Bearer expired");
  /* the token never shows up in an error */
  g_assert_null (strstr (error->message, "expired"));

  lurk_helix_set_access_token (f->helix, TOKEN);
  error2 = get_users_error (f);
  g_assert_no_error (error2);
}

static void
test_rate_limit_waits (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 reset = g_get_real_time () / G_USEC_PER_SEC + 1;

  push_fault (f, 429, "{\"error\":\"Too Many Requests\",\"status\":429,\"message\":\"\"}",
              0, reset);
  error = get_users_error (f);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_requests, ==, 2);
  /* the retry came no earlier than Ratelimit-Reset */
  g_assert_cmpint (f->last_request_at, >=, reset * G_USEC_PER_SEC - 1000);
}

static void
test_rate_limit_too_long (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  push_fault (f, 429, "{\"error\":\"Too Many Requests\",\"status\":429,"
                      "\"message\":\"slow down\"}",
              0, g_get_real_time () / G_USEC_PER_SEC + 600);
  error = get_users_error (f);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_RATE_LIMITED);
  g_assert_nonnull (strstr (error->message, "slow down"));
  g_assert_cmpuint (f->n_requests, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

static void
test_rate_limit_gives_up (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 4; i++)
    push_fault (f, 429, NULL, 0, 0); /* a reset in the past: retry soon */
  error = get_users_error (f);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_RATE_LIMITED);
  g_assert_cmpuint (f->n_requests, ==, 4); /* one try and three retries */
}

static void
test_cost_exceeded (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  push_fault (f, 429, "{\"error\":\"Too Many Requests\",\"status\":429,"
                      "\"message\":\"subscription cost exceeds max_total_cost\"}",
              700, g_get_real_time () / G_USEC_PER_SEC + 1);
  error = get_users_error (f);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_COST_EXCEEDED);
  g_assert_cmpuint (f->n_requests, ==, 1);
}

static void
cancel_now (gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_rate_limit_cancel (Fixture       *f,
                        gconstpointer  data)
{
  const char *logins[] = { "alice", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  push_fault (f, 429, NULL, 0, g_get_real_time () / G_USEC_PER_SEC + 30);
  lurk_helix_get_users_async (f->helix, logins, NULL, cancellable, lurk_test_store_result, &result);
  /* the client sees the 429 and waits 30 s for the reset: cancel it while it waits */
  g_timeout_add_once (300, cancel_now, cancellable);
  users = lurk_helix_get_users_finish (f->helix, lurk_test_wait_result (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (users);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  /* never a retry (on a very busy machine the cancel may even come before the answer) */
  g_assert_cmpuint (f->n_requests, <=, 1);
}

static void
test_unavailable_retried_once (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  push_fault (f, 503, NULL, -1, 0);
  error = get_users_error (f);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_requests, ==, 2);

  f->n_requests = 0;
  push_fault (f, 503, NULL, -1, 0);
  push_fault (f, 503, "{\"message\":\"down for maintenance\"}", -1, 0);
  error2 = get_users_error (f);
  g_assert_error (error2, LURK_ERROR, LURK_ERROR_SERVER);
  g_assert_nonnull (strstr (error2->message, "down for maintenance"));
  g_assert_cmpuint (f->n_requests, ==, 2);
}

static void
test_malformed_answer (Fixture       *f,
                       gconstpointer  data)
{
  static const char *bodies[] = {
    "this is not json", "[]", "{}", "{\"data\":{}}", "{\"data\":[1]}",
    "{\"data\":[{\"login\":\"x\"}]}", "{\"data\":[{\"id\":5,\"login\":\"x\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr(GError) error = NULL;

      push_fault (f, 200, bodies[i], -1, 0);
      error = get_users_error (f);
      g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
    }
}

static void
test_network_error (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(LurkHelix) helix = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *logins[] = { "alice", NULL };

  /* a port that was just free: nobody listens there any more */
  url = g_strdup_printf ("http://127.0.0.1:%u/helix", lurk_test_free_port ());

  helix = lurk_helix_new (session, url, CLIENT_ID, TOKEN);
  lurk_helix_get_users_async (helix, logins, NULL, NULL, lurk_test_store_result, &result);
  users = lurk_helix_get_users_finish (helix, lurk_test_wait_result (&result), &error);
  g_assert_null (users);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_NETWORK);
}

static void
test_parsers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixSubscriptionList) list = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;
  g_autoptr(GError) e3 = NULL;
  static const char bad_utf8[] = "{\"data\":[{\"id\":\"1\",\"login\":\"\xff\"}]}";
  static const char empty_list[] = "{\"data\":[],\"total\":0,\"total_cost\":0,"
                                   "\"max_total_cost\":10,\"pagination\":{\"cursor\":\"\"}}";
  static const char limit[] = "{\"message\":\"websocket transport limit exceeded\"}";
  g_autofree char *deep = NULL;

  list = lurk_helix_parse_subscriptions (empty_list, sizeof empty_list - 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->subscriptions->len, ==, 0);
  g_assert_cmpint (list->max_total_cost, ==, 10);
  g_assert_null (list->cursor);

  users = lurk_helix_parse_users (bad_utf8, sizeof bad_utf8 - 1, &error);
  g_assert_null (users);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  g_clear_error (&error);

  deep = g_strnfill (100000, '[');
  users = lurk_helix_parse_users (deep, strlen (deep), &error);
  g_assert_null (users);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);

  /* error bodies that are not Twitch's shape still give the right code */
  e1 = lurk_helix_error_from_response (403, "nonsense", 8);
  g_assert_error (e1, LURK_ERROR, LURK_ERROR_FORBIDDEN);
  e2 = lurk_helix_error_from_response (409, NULL, 0);
  g_assert_error (e2, LURK_ERROR, LURK_ERROR_CONFLICT);
  e3 = lurk_helix_error_from_response (429, limit, sizeof limit - 1);
  g_assert_error (e3, LURK_ERROR, LURK_ERROR_COST_EXCEEDED);

  /* the socket died mid-subscribe: not a refusal of the type, whatever the status */
  for (guint status = 400; status <= 410; status += 10)
    {
      static const char gone[] = "{\"error\":\"Bad Request\",\"status\":400,\"message\":"
                                 "\"websocket transport session does not exist or has already "
                                 "disconnected\"}";
      g_autoptr(GError) e4 = lurk_helix_error_from_response (status, gone, sizeof gone - 1);

      g_assert_error (e4, LURK_ERROR, LURK_ERROR_SESSION_GONE);
    }
}

static void
test_error_text_stripped (void)
{
  /* Twitch's text ends up in labels and on lurk-events' stderr: a terminal escape in it
   * (ESC ] 0 ; … BEL retitles a terminal; CSI as C1) must not survive */
  static const char body[] = "{\"error\":\"Bad Request\",\"status\":400,\"message\":"
                             "\"\\u001b]0;pwned\\u0007 \\u001b[31mred\\u009b\\u007f\"}";
  g_autoptr(GError) error = lurk_helix_error_from_response (400, body, sizeof body - 1);

  g_assert_error (error, LURK_ERROR, LURK_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "pwned"));
  for (const char *p = error->message; *p != '\0'; p = g_utf8_next_char (p))
    g_assert_false (g_unichar_iscntrl (g_utf8_get_char (p)));
}

/* GET /channels: an offline channel's title and category (issue 18, item 17). */
static void
test_parse_channels (void)
{
  static const char answer[] =
    "{\"data\":[{\"broadcaster_id\":\"141981764\",\"broadcaster_login\":\"twitchdev\","
    "\"broadcaster_name\":\"TwitchDev\",\"broadcaster_language\":\"en\","
    "\"game_id\":\"509670\",\"game_name\":\"Science & Technology\","
    "\"title\":\"TwitchDev Monthly Update // May 6, 2021\",\"delay\":0,"
    "\"tags\":[\"DevsInTheKnow\"],\"content_classification_labels\":[],"
    "\"is_branded_content\":false}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) channels = lurk_helix_parse_channels (answer, strlen (answer), &error);
  LurkHelixStream *channel;

  g_assert_no_error (error);
  g_assert_nonnull (channels);
  g_assert_cmpuint (channels->len, ==, 1);
  channel = g_ptr_array_index (channels, 0);
  g_assert_cmpstr (channel->user_id, ==, "141981764");
  g_assert_cmpstr (channel->user_login, ==, "twitchdev");
  g_assert_cmpstr (channel->title, ==, "TwitchDev Monthly Update // May 6, 2021");
  g_assert_cmpstr (channel->game_name, ==, "Science & Technology");
  g_assert_null (channel->started_at);
  g_assert_nonnull (channel->tags);

  g_clear_pointer (&channels, g_ptr_array_unref);
  /* No broadcaster_id: refused. */
  channels = lurk_helix_parse_channels ("{\"data\":[{\"title\":\"x\"}]}", 24, &error);
  g_assert_null (channels);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
}

#define ADD(path, func) \
  g_test_add ("/lurk/helix/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/helix/new-destroy", test_new_destroy);
  g_test_add_func ("/lurk/helix/parsers", test_parsers);
  g_test_add_func ("/lurk/helix/parse-channels", test_parse_channels);
  g_test_add_func ("/lurk/helix/error-text-stripped", test_error_text_stripped);
  g_test_add_func ("/lurk/helix/network-error", test_network_error);
  ADD ("users", test_users);
  ADD ("user-not-found", test_user_not_found);
  ADD ("too-many-users", test_too_many_users);
  ADD ("stream", test_stream);
  ADD ("subscriptions", test_subscriptions);
  ADD ("status-codes", test_status_codes);
  ADD ("wrong-token", test_wrong_token);
  ADD ("rate-limit-waits", test_rate_limit_waits);
  ADD ("rate-limit-too-long", test_rate_limit_too_long);
  ADD ("rate-limit-gives-up", test_rate_limit_gives_up);
  ADD ("cost-exceeded", test_cost_exceeded);
  ADD ("rate-limit-cancel", test_rate_limit_cancel);
  ADD ("unavailable-retried-once", test_unavailable_retried_once);
  ADD ("malformed-answer", test_malformed_answer);

  return g_test_run ();
}
