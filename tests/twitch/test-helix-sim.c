/* test-helix-sim.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* LurkHelix and the EventSub message parser against lurk-sim on 127.0.0.1:0: the answers of
 * the simulator's Helix (which follows TWITCH.md) come out as the right data and errors. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-eventsub-message.h"
#include "lurk-helix.h"
#include "lurk-oauth.h"
#include "lurk-sim.h"
#include "lurk-subscription-plan.h"
#include "lurk-test-sim.h"
#include "lurk-test-wait.h"

typedef struct
{
  LurkSim             *sim;
  SoupSession         *session;
  LurkHelix           *helix;
  SoupWebsocketConnection *ws;
  LurkEventSubMessage *welcome;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *helix_url = NULL;

  f->sim = lurk_test_sim_start ();

  lurk_endpoints_use_simulator (lurk_sim_get_url (f->sim));
  helix_url = lurk_endpoints_dup_helix_url ();
  f->session = soup_session_new ();
  f->helix = lurk_helix_new (f->session, helix_url, LURK_SIM_CLIENT_ID, LURK_SIM_DEMO_TOKEN);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->welcome, lurk_eventsub_message_free);
  if (f->ws != NULL)
    {
      soup_websocket_connection_close (f->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&f->ws);
    }
  g_assert_finalize_object (f->helix);
  g_clear_object (&f->session);
  lurk_sim_stop (f->sim);
  g_clear_object (&f->sim);
  lurk_endpoints_use_simulator (NULL);
}

static void
on_ws_message (SoupWebsocketConnection *ws,
               gint                     type,
               GBytes                  *message,
               gpointer                 user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) parsed = NULL;
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  parsed = lurk_eventsub_message_parse (data, length, g_get_real_time (), &error);
  g_assert_no_error (error);
  if (parsed->type == LURK_EVENTSUB_MESSAGE_WELCOME && f->welcome == NULL)
    f->welcome = g_steal_pointer (&parsed);
}

/* Opens the EventSub socket and parses the welcome with lurk_eventsub_message_parse(). */
static void
connect_eventsub (Fixture *f)
{
  g_autofree char *url = lurk_endpoints_dup_eventsub_url ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        lurk_test_store_result, &result);
  f->ws
    = soup_session_websocket_connect_finish (f->session, lurk_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_signal_connect (f->ws, "message", G_CALLBACK (on_ws_message), f);
  while (f->welcome == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (f->welcome->session_id);
  g_assert_cmpuint (f->welcome->keepalive_timeout_seconds, >=, 10);
}

static void
test_users (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixUser) me = NULL;
  g_autoptr(LurkHelixUser) streamer = NULL;
  g_autoptr(LurkHelixUser) nobody = NULL;

  lurk_helix_get_self_async (f->helix, NULL, lurk_test_store_result, &r1);
  me = lurk_helix_get_self_finish (f->helix, lurk_test_wait_result (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (me->login, ==, LURK_SIM_DEMO_LOGIN);
  g_assert_cmpstr (me->id, ==, LURK_SIM_DEMO_USER_ID);

  lurk_helix_get_user_async (f->helix, LURK_SIM_BROADCASTER_LOGIN, NULL, lurk_test_store_result,
                             &r2);
  streamer = lurk_helix_get_user_finish (f->helix, lurk_test_wait_result (&r2), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (streamer->id, ==, LURK_SIM_BROADCASTER_ID);

  lurk_helix_get_user_async (f->helix, "no_such_channel_here", NULL, lurk_test_store_result, &r3);
  nobody = lurk_helix_get_user_finish (f->helix, lurk_test_wait_result (&r3), &error);
  g_assert_null (nobody);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_NOT_FOUND);
}

static void
test_bad_token (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixUser) me = NULL;

  lurk_helix_set_access_token (f->helix, "not-a-token");
  lurk_helix_get_self_async (f->helix, NULL, lurk_test_store_result, &result);
  me = lurk_helix_get_self_finish (f->helix, lurk_test_wait_result (&result), &error);
  g_assert_null (me);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED);
}

static void
test_stream (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixStream) stream = NULL;

  lurk_helix_get_stream_async (f->helix, LURK_SIM_BROADCASTER_LOGIN, NULL, NULL,
                               lurk_test_store_result, &result);
  g_assert_true (
    lurk_helix_get_stream_finish (f->helix, lurk_test_wait_result (&result), &stream, &error));
  g_assert_no_error (error);
  if (stream != NULL)
    g_assert_cmpstr (stream->user_id, ==, LURK_SIM_BROADCASTER_ID);
}

static void
test_subscriptions (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(JsonObject) condition = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GAsyncResult) r3 = NULL;
  g_autoptr(GAsyncResult) r4 = NULL;
  g_autoptr(GAsyncResult) r5 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixSubscription) sub = NULL;
  g_autoptr(LurkHelixSubscription) again = NULL;
  g_autoptr(LurkHelixSubscriptionList) list = NULL;
  gboolean found = FALSE;

  connect_eventsub (f);
  condition = lurk_helix_condition_new ("broadcaster_user_id", LURK_SIM_BROADCASTER_ID, NULL);

  lurk_helix_create_subscription_async (f->helix, "stream.online", "1", condition,
                                        f->welcome->session_id, NULL, lurk_test_store_result, &r1);
  sub = lurk_helix_create_subscription_finish (f->helix, lurk_test_wait_result (&r1), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sub->status, ==, "enabled");
  g_assert_cmpstr (sub->type, ==, "stream.online");
  g_assert_cmpint (sub->cost, ==, 1);
  g_assert_cmpint (sub->max_total_cost, ==, 10);
  g_assert_cmpstr (sub->session_id, ==, f->welcome->session_id);

  /* the same again on the same session: 409 */
  lurk_helix_create_subscription_async (f->helix, "stream.online", "1", condition,
                                        f->welcome->session_id, NULL, lurk_test_store_result, &r2);
  again = lurk_helix_create_subscription_finish (f->helix, lurk_test_wait_result (&r2), &error);
  g_assert_null (again);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_CONFLICT);
  g_clear_error (&error);

  lurk_helix_list_subscriptions_async (f->helix, NULL, NULL, NULL, NULL, NULL, TRUE, NULL,
                                       lurk_test_store_result, &r3);
  list = lurk_helix_list_subscriptions_finish (f->helix, lurk_test_wait_result (&r3), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->subscriptions->len; i++)
    {
      LurkHelixSubscription *s = g_ptr_array_index (list->subscriptions, i);

      found |= g_str_equal (s->id, sub->id);
    }
  g_assert_true (found);
  g_assert_cmpint (list->total_cost, >=, 1);

  lurk_helix_delete_subscription_async (f->helix, sub->id, NULL, lurk_test_store_result, &r4);
  g_assert_true (
    lurk_helix_delete_subscription_finish (f->helix, lurk_test_wait_result (&r4), &error));
  g_assert_no_error (error);

  lurk_helix_delete_subscription_async (f->helix, sub->id, NULL, lurk_test_store_result, &r5);
  g_assert_false (
    lurk_helix_delete_subscription_finish (f->helix, lurk_test_wait_result (&r5), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_NOT_FOUND);
}

/* A token the simulator issues for exactly @scopes, as Twitch would after a sign-in that
 * asked for them (POST /sim/tokens). */
static char *
mint_token (Fixture            *f,
            const char         *login,
            const char * const *scopes)
{
  g_autofree char *url = g_strconcat (lurk_sim_get_url (f->sim), "/sim/tokens", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, login);
  json_builder_set_member_name (builder, "scopes");
  json_builder_begin_array (builder);
  for (guint i = 0; scopes[i] != NULL; i++)
    json_builder_add_string_value (builder, scopes[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  body = g_bytes_new (text, strlen (text));
  soup_message_set_request_body_from_bytes (msg, "application/json", body);

  soup_session_send_and_read_async (f->session, msg, G_PRIORITY_DEFAULT, NULL, lurk_test_store_result,
                                    &result);
  reply = soup_session_send_and_read_finish (f->session, lurk_test_wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (reply, NULL),
                                             g_bytes_get_size (reply), NULL));
  return g_strdup (json_object_get_string_member (json_node_get_object (
                                                    json_parser_get_root (parser)),
                                                  "access_token"));
}

/* Broadcaster mode: the token from a sign-in with lurk_oauth_build_scopes (TRUE) carries the
 * scope of every type the plan subscribes to, so Twitch (the simulator enforces the scope of
 * each type) accepts all of them; a missing scope would be a 403 in every session. */
static void
test_broadcaster_scopes (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(GStrv) scopes = lurk_oauth_build_scopes (TRUE);
  g_autofree char *token = mint_token (f, LURK_SIM_BROADCASTER_LOGIN,
                                       (const char * const *) scopes);
  g_autoptr(GPtrArray) plan = lurk_subscription_plan_build (LURK_SIM_BROADCASTER_ID,
                                                            LURK_SIM_BROADCASTER_ID, 10, NULL);
  g_autoptr(GString) refused = g_string_new (NULL);
  gboolean seen_ban = FALSE, seen_moderator = FALSE, seen_vip = FALSE;

  connect_eventsub (f);
  lurk_helix_set_access_token (f->helix, token);

  for (guint i = 0; i < plan->len; i++)
    {
      const LurkSubscriptionSpec *spec = g_ptr_array_index (plan, i);
      g_autoptr(JsonObject) condition = lurk_subscription_spec_dup_condition (spec);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkHelixSubscription) sub = NULL;

      seen_ban |= g_str_equal (spec->type, "channel.ban");
      seen_moderator |= g_str_equal (spec->type, "channel.moderator.add");
      seen_vip |= g_str_equal (spec->type, "channel.vip.remove");

      lurk_helix_create_subscription_async (f->helix, spec->type, spec->version, condition,
                                            f->welcome->session_id, NULL, lurk_test_store_result, &result);
      sub = lurk_helix_create_subscription_finish (f->helix, lurk_test_wait_result (&result), &error);
      if (error != NULL)
        g_string_append_printf (refused, "%s: %s\n", spec->type, error->message);
      else
        g_assert_cmpstr (sub->status, ==, "enabled");
    }

  g_assert_true (seen_ban && seen_moderator && seen_vip);
  g_assert_cmpstr (refused->str, ==, "");
}

#define ADD(path, func) \
  g_test_add ("/lurk/helix-sim/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  ADD ("users", test_users);
  ADD ("bad-token", test_bad_token);
  ADD ("stream", test_stream);
  ADD ("subscriptions", test_subscriptions);
  ADD ("broadcaster-scopes", test_broadcaster_scopes);

  return g_test_run ();
}
