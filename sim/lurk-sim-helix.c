/* lurk-sim-helix.c: Helix routing, authentication, rate limit, users and streams
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lurk-sim-helix.h"

typedef struct
{
  double tokens;
  gint64 updated;   /* monotonic µs */
} LurkSimBucket;

typedef struct
{
  guint status;
  guint count;
} LurkSimFailure;

struct _LurkSimHelix
{
  LurkSimWorld *world;
  LurkSimOAuth *oauth;
  LurkSimEventSub *eventsub;
  guint rate_limit;
  GHashTable *buckets;           /* "client:user" → LurkSimBucket */
  GHashTable *failures;          /* path → LurkSimFailure */
};

LurkSimHelix *
_lurk_sim_helix_new (LurkSimWorld    *world,
                     LurkSimOAuth    *oauth,
                     LurkSimEventSub *eventsub)
{
  LurkSimHelix *self = g_new0 (LurkSimHelix, 1);

  self->world = world;
  self->oauth = oauth;
  self->eventsub = eventsub;
  self->rate_limit = 800;
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  return self;
}

void
_lurk_sim_helix_free (LurkSimHelix *self)
{
  g_hash_table_unref (self->buckets);
  g_hash_table_unref (self->failures);
  g_free (self);
}

void
_lurk_sim_helix_reset (LurkSimHelix *self)
{
  g_hash_table_remove_all (self->buckets);
  g_hash_table_remove_all (self->failures);
}

void
_lurk_sim_helix_set_rate_limit (LurkSimHelix *self,
                                guint         points_per_minute)
{
  self->rate_limit = MAX (points_per_minute, 1);
  g_hash_table_remove_all (self->buckets);
}

guint
_lurk_sim_helix_get_rate_limit (LurkSimHelix *self)
{
  return self->rate_limit;
}

void
_lurk_sim_helix_fail (LurkSimHelix *self,
                      const char   *path,
                      guint         status,
                      guint         count)
{
  LurkSimFailure *failure = g_new0 (LurkSimFailure, 1);

  failure->status = status;
  failure->count = count;
  g_hash_table_replace (self->failures, g_strdup (path), failure);
}

/* Authentication and rate limit */

static LurkSimToken *
authenticate (LurkSimHelix      *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *client_id = soup_message_headers_get_one (headers, "Client-Id");
  LurkSimToken *token;

  if (authorization == NULL || g_ascii_strncasecmp (authorization, "Bearer ", 7) != 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "OAuth token is missing");
      return NULL;
    }

  token = _lurk_sim_token_lookup (self->oauth, authorization + 7);
  if (token == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "Invalid OAuth token");
      return NULL;
    }

  if (client_id == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "Client-Id header required");
      return NULL;
    }

  if (!g_str_equal (client_id, token->client_id))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_UNAUTHORIZED,
                             "Client ID and OAuth token do not match");
      return NULL;
    }

  return token;
}

/* A token bucket per client and user, refilled continuously (rate_limit points a minute). */
static gboolean
take_point (LurkSimHelix      *self,
            SoupServerMessage *msg,
            LurkSimToken      *token)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *key = g_strdup_printf ("%s:%s", token->client_id, token->user_id);
  LurkSimBucket *bucket = g_hash_table_lookup (self->buckets, key);
  gint64 now = g_get_monotonic_time ();
  double per_second = self->rate_limit / 60.0;
  double reset_in;
  gboolean ok;
  char value[32];

  if (bucket == NULL)
    {
      bucket = g_new0 (LurkSimBucket, 1);
      bucket->tokens = self->rate_limit;
      bucket->updated = now;
      g_hash_table_insert (self->buckets, g_steal_pointer (&key), bucket);
    }

  bucket->tokens = MIN ((double)self->rate_limit,
                        bucket->tokens + (now - bucket->updated) / 1e6 * per_second);
  bucket->updated = now;

  ok = bucket->tokens >= 1.0;
  if (ok)
    bucket->tokens -= 1.0;

  reset_in = (self->rate_limit - bucket->tokens) / per_second;

  g_snprintf (value, sizeof value, "%u", self->rate_limit);
  soup_message_headers_replace (headers, "Ratelimit-Limit", value);
  g_snprintf (value, sizeof value, "%u", (guint)floor (bucket->tokens));
  soup_message_headers_replace (headers, "Ratelimit-Remaining", value);
  g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT,
              g_get_real_time () / G_USEC_PER_SEC + (gint64)ceil (reset_in));
  soup_message_headers_replace (headers, "Ratelimit-Reset", value);

  if (!ok)
    _lurk_sim_reply_error (msg, LURK_SIM_STATUS_TOO_MANY_REQUESTS, "Too Many Requests");

  return ok;
}

static gboolean
injected_failure (LurkSimHelix      *self,
                  SoupServerMessage *msg,
                  const char        *path)
{
  LurkSimFailure *failure = g_hash_table_lookup (self->failures, path);
  guint status;

  if (failure == NULL)
    return FALSE;

  status = failure->status;
  if (--failure->count == 0)
    g_hash_table_remove (self->failures, path);

  _lurk_sim_reply_error (msg, status, "Injected failure (lurk-sim /sim/helix/fail)");
  return TRUE;
}

/* Parsing a request: no world, no message */

static gboolean
bad_request (GError    **error,
             const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static guint
n_values (GPtrArray *values)
{
  return values ? values->len : 0;
}

gboolean
_lurk_sim_helix_parse_request (const char          *method,
                               const char          *path,
                               const char          *query,
                               LurkSimHelixRequest *request,
                               GError             **error)
{
  gboolean get = g_str_equal (method, "GET");

  memset (request, 0, sizeof *request);

  if (g_str_equal (path, "/users") && get)
    request->action = LURK_SIM_HELIX_USERS;
  else if (g_str_equal (path, "/streams") && get)
    request->action = LURK_SIM_HELIX_STREAMS;
  else if (g_str_equal (path, "/channels") && get)
    request->action = LURK_SIM_HELIX_CHANNELS;
  else if (g_str_equal (path, "/eventsub/subscriptions") && g_str_equal (method, "POST"))
    request->action = LURK_SIM_HELIX_SUBSCRIPTIONS_CREATE;
  else if (g_str_equal (path, "/eventsub/subscriptions") && get)
    request->action = LURK_SIM_HELIX_SUBSCRIPTIONS_LIST;
  else if (g_str_equal (path, "/eventsub/subscriptions") && g_str_equal (method, "DELETE"))
    request->action = LURK_SIM_HELIX_SUBSCRIPTIONS_DELETE;
  else if (g_str_equal (path, "/users") || g_str_equal (path, "/streams") ||
           g_str_equal (path, "/channels") || g_str_equal (path, "/eventsub/subscriptions"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Method Not Allowed");
      return FALSE;
    }
  else
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Not Found");
      return FALSE;
    }

  /* The subscription handlers (lurk-sim-subscriptions.c) read their own query and body. */
  if (request->action != LURK_SIM_HELIX_USERS && request->action != LURK_SIM_HELIX_STREAMS &&
      request->action != LURK_SIM_HELIX_CHANNELS)
    return TRUE;

  request->query = _lurk_sim_parse_query_string (query);
  switch (request->action)
    {
    case LURK_SIM_HELIX_USERS:
      request->ids = g_hash_table_lookup (request->query, "id");
      request->logins = g_hash_table_lookup (request->query, "login");
      if (n_values (request->ids) + n_values (request->logins) > 100)
        return bad_request (error, "The sum of the id and login parameters may not exceed 100");
      break;

    case LURK_SIM_HELIX_STREAMS:
      request->ids = g_hash_table_lookup (request->query, "user_id");
      request->logins = g_hash_table_lookup (request->query, "user_login");
      if (n_values (request->ids) + n_values (request->logins) > 100)
        return bad_request (error,
                            "The sum of the user_id and user_login parameters may not exceed 100");
      break;

    case LURK_SIM_HELIX_CHANNELS:
      request->ids = g_hash_table_lookup (request->query, "broadcaster_id");
      if (request->ids == NULL || request->ids->len > 100)
        return bad_request (error, "broadcaster_id is required (at most 100)");
      break;

    case LURK_SIM_HELIX_SUBSCRIPTIONS_CREATE:
    case LURK_SIM_HELIX_SUBSCRIPTIONS_LIST:
    case LURK_SIM_HELIX_SUBSCRIPTIONS_DELETE:
    default:
      break;
    }

  return TRUE;
}

void
_lurk_sim_helix_request_clear (LurkSimHelixRequest *request)
{
  g_clear_pointer (&request->query, g_hash_table_unref);
  memset (request, 0, sizeof *request);
}

/* Users and streams */

static void
handle_users (LurkSimHelix        *self,
              SoupServerMessage   *msg,
              LurkSimToken        *token,
              LurkSimHelixRequest *request)
{
  GPtrArray *ids = request->ids;
  GPtrArray *logins = request->logins;
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *data = json_array_new ();
  guint n = n_values (ids) + n_values (logins);

  if (n == 0)
    {
      LurkSimUser *self_user = _lurk_sim_user_by_id (self->world, token->user_id);

      if (self_user != NULL)
        g_ptr_array_add (found, self_user);
    }

  for (guint i = 0; ids && i < ids->len; i++)
    {
      LurkSimUser *user = _lurk_sim_user_by_id (self->world, g_ptr_array_index (ids, i));

      if (user != NULL && !g_ptr_array_find (found, user, NULL))
        g_ptr_array_add (found, user);
    }
  for (guint i = 0; logins && i < logins->len; i++)
    {
      LurkSimUser *user = _lurk_sim_user_by_login (self->world, g_ptr_array_index (logins, i));

      if (user != NULL && !g_ptr_array_find (found, user, NULL))
        g_ptr_array_add (found, user);
    }

  for (guint i = 0; i < found->len; i++)
    json_array_add_object_element (data,
                                   _lurk_sim_user_to_json (self->world,
                                                           g_ptr_array_index (found, i)));

  json_object_set_array_member (root, "data", data);
  _lurk_sim_reply_object (msg, SOUP_STATUS_OK, root);
}

/* GET /channels?broadcaster_id=… (repeated, at most 100): title and category, live or not. */
static void
handle_channels (LurkSimHelix        *self,
                 SoupServerMessage   *msg,
                 LurkSimHelixRequest *request)
{
  GPtrArray *ids = request->ids;
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *data;

  data = json_array_new ();
  for (guint i = 0; i < ids->len; i++)
    {
      LurkSimUser *user = _lurk_sim_user_by_id (self->world, g_ptr_array_index (ids, i));
      JsonObject *channel;
      JsonArray *tags;

      if (user == NULL)
        continue;

      channel = json_object_new ();
      tags = json_array_new ();
      for (guint j = 0; user->tags && user->tags[j]; j++)
        json_array_add_string_element (tags, user->tags[j]);
      json_object_set_string_member (channel, "broadcaster_id", user->id);
      json_object_set_string_member (channel, "broadcaster_login", user->login);
      json_object_set_string_member (channel, "broadcaster_name", user->display_name);
      json_object_set_string_member (channel, "broadcaster_language", user->language);
      json_object_set_string_member (channel, "game_id", user->category_id);
      json_object_set_string_member (channel, "game_name", user->category_name);
      json_object_set_string_member (channel, "title", user->title);
      json_object_set_int_member (channel, "delay", 0);
      json_object_set_array_member (channel, "tags", tags);
      json_object_set_array_member (channel, "content_classification_labels", json_array_new ());
      json_object_set_boolean_member (channel, "is_branded_content", FALSE);
      json_array_add_object_element (data, channel);
    }

  json_object_set_array_member (root, "data", data);
  _lurk_sim_reply_object (msg, SOUP_STATUS_OK, root);
}

static void
handle_streams (LurkSimHelix        *self,
                SoupServerMessage   *msg,
                LurkSimHelixRequest *request)
{
  GPtrArray *ids = request->ids;
  GPtrArray *logins = request->logins;
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *data = json_array_new ();

  for (guint i = 0; i < self->world->users->len; i++)
    {
      LurkSimUser *user = g_ptr_array_index (self->world->users, i);
      gboolean wanted = ids == NULL && logins == NULL;

      for (guint j = 0; !wanted && ids && j < ids->len; j++)
        wanted = g_str_equal (g_ptr_array_index (ids, j), user->id);
      for (guint j = 0; !wanted && logins && j < logins->len; j++)
        wanted = g_ascii_strcasecmp (g_ptr_array_index (logins, j), user->login) == 0;

      if (wanted && user->live)
        json_array_add_object_element (data, _lurk_sim_stream_to_json (self->world, user));
    }

  json_object_set_array_member (root, "data", data);
  json_object_set_object_member (root, "pagination", json_object_new ());
  _lurk_sim_reply_object (msg, SOUP_STATUS_OK, root);
}

void
_lurk_sim_handle_helix (LurkSimHelix      *self,
                        SoupServerMessage *msg,
                        const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_auto(LurkSimHelixRequest) request = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean parsed;
  LurkSimToken *token;

  /* Parsed first, but as before a bad request is only answered after failures, the token
   * and the rate limit. */
  parsed = _lurk_sim_helix_parse_request (method, path, query, &request, &error);

  if (injected_failure (self, msg, path))
    return;

  token = authenticate (self, msg);
  if (token == NULL)
    return;

  if (!take_point (self, msg, token))
    return;

  if (!parsed)
    {
      guint status = SOUP_STATUS_BAD_REQUEST;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        status = SOUP_STATUS_NOT_FOUND;
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
        status = SOUP_STATUS_METHOD_NOT_ALLOWED;
      _lurk_sim_reply_error (msg, status, error->message);
      return;
    }

  switch (request.action)
    {
    case LURK_SIM_HELIX_USERS:
      handle_users (self, msg, token, &request);
      break;
    case LURK_SIM_HELIX_STREAMS:
      handle_streams (self, msg, &request);
      break;
    case LURK_SIM_HELIX_CHANNELS:
      handle_channels (self, msg, &request);
      break;
    case LURK_SIM_HELIX_SUBSCRIPTIONS_CREATE:
      _lurk_sim_subscriptions_create (self->eventsub, msg, token);
      break;
    case LURK_SIM_HELIX_SUBSCRIPTIONS_LIST:
      _lurk_sim_subscriptions_list (self->eventsub, msg, token);
      break;
    case LURK_SIM_HELIX_SUBSCRIPTIONS_DELETE:
      _lurk_sim_subscriptions_delete (self->eventsub, msg, token);
      break;
    default:
      g_assert_not_reached ();
    }
}
