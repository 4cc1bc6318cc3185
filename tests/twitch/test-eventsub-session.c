/* test-eventsub-session.c: LurkEventSubSession against a tiny scripted EventSub server
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lurk-sim plays Twitch faithfully; this server instead lets a test put exact bytes on the
 * wire (malformed frames, a stale or repeated notification, a reconnect with a message in
 * flight on the old socket, a welcome with a 1 s keepalive) and count every Helix call.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <sys/resource.h>

#include "lurk-error.h"
#include "lurk-eventsub-session.h"
#include "lurk-test-http.h"
#include "lurk-test-wait.h"

#define USER_ID        "7"
#define BROADCASTER_ID "100"

typedef struct
{
  SoupServer       *server;
  char             *base;
  GPtrArray        *sockets;       /* SoupWebsocketConnection, server side, in order */
  guint             n_ws_closed;
  guint             n_posts;
  guint             n_deletes;
  GPtrArray        *posted_types;
  GPtrArray        *posted_sessions;
  GPtrArray        *posted_broadcasters;
  GPtrArray        *deleted_ids;
  GHashTable       *status_by_type; /* type → GUINT_TO_POINTER (status) */
  guint             status_all;     /* nonzero: every POST answers this */
  const char       *gone_type;      /* its next gone_count POSTs: the session is gone */
  guint             gone_count;
  const char       *cost_type;      /* its next cost_count POSTs: over the cost budget */
  guint             cost_count;
  guint             welcome_keepalive;
  gint64            welcome_time;   /* monotonic, of the last welcome sent */
  guint             next_session;
  gboolean          no_welcome;
  gboolean          pause_helix;
  GPtrArray        *paused;         /* SoupServerMessage */

  LurkEventSubSession *session;
  GPtrArray        *events;         /* LurkEvent */
  GPtrArray        *failed;         /* descriptions */
  guint             n_states;
} Fixture;

/* Server */

static gint64 server_skew_seconds;

static char *
message_new (const char *type,
             const char *id,
             const char *timestamp,
             const char *payload)
{
  g_autoptr(GDateTime) real_now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) now = g_date_time_add_seconds (real_now, server_skew_seconds);
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  return g_strdup_printf ("{\"metadata\":{\"message_id\":\"%s\",\"message_type\":\"%s\","
                          "\"message_timestamp\":\"%s\"%s},\"payload\":%s}",
                          id, type, timestamp ? timestamp : stamp,
                          g_str_equal (type, "notification") ?
                            ",\"subscription_type\":\"stream.online\","
                            "\"subscription_version\":\"1\"" : "",
                          payload);
}

static void
send_welcome (Fixture                 *fixture,
              SoupWebsocketConnection *ws)
{
  g_autofree char *payload = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id = g_strdup_printf ("welcome-%u", fixture->next_session);

  payload = g_strdup_printf ("{\"session\":{\"id\":\"session-%u\",\"status\":\"connected\","
                             "\"connected_at\":\"2026-01-01T00:00:00.000000000Z\","
                             "\"keepalive_timeout_seconds\":%u,\"reconnect_url\":null}}",
                             fixture->next_session++, fixture->welcome_keepalive);
  text = message_new ("session_welcome", id, NULL, payload);
  soup_websocket_connection_send_text (ws, text);
  fixture->welcome_time = g_get_monotonic_time ();
}

static void
send_notification_for (SoupWebsocketConnection *ws,
                       const char              *id,
                       const char              *timestamp,
                       const char              *broadcaster_id)
{
  g_autofree char *text = NULL;
  g_autofree char *payload = NULL;

  payload = g_strdup_printf ("{\"subscription\":{\"id\":\"sub\",\"status\":\"enabled\","
                             "\"type\":\"stream.online\",\"version\":\"1\",\"cost\":1,"
                             "\"condition\":{\"broadcaster_user_id\":\"%s\"},"
                             "\"transport\":{\"method\":\"websocket\",\"session_id\":\"s\"},"
                             "\"created_at\":\"2026-01-01T00:00:00Z\"},"
                             "\"event\":{\"id\":\"9\",\"broadcaster_user_id\":\"%s\","
                             "\"broadcaster_user_login\":\"carol\","
                             "\"broadcaster_user_name\":\"Carol\",\"type\":\"live\","
                             "\"started_at\":\"2026-01-01T00:00:00Z\"}}",
                             broadcaster_id, broadcaster_id);
  text = message_new ("notification", id, timestamp, payload);
  soup_websocket_connection_send_text (ws, text);
}

static void
send_notification (SoupWebsocketConnection *ws,
                   const char              *id,
                   const char              *timestamp)
{
  send_notification_for (ws, id, timestamp, BROADCASTER_ID);
}

static void
on_server_ws_closed (SoupWebsocketConnection *ws,
                     gpointer                 user_data)
{
  Fixture *fixture = user_data;

  fixture->n_ws_closed++;
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *msg,
              const char              *path,
              SoupWebsocketConnection *ws,
              gpointer                 user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->sockets, g_object_ref (ws));
  g_signal_connect (ws, "closed", G_CALLBACK (on_server_ws_closed), fixture);
  if (!fixture->no_welcome)
    send_welcome (fixture, ws);
}

static void
on_helix (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *fixture = user_data;
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *answer = NULL;
  JsonObject *root;
  const char *type;
  guint status;

  g_assert_cmpstr (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "Client-Id"), ==, "client");
  g_assert_cmpstr (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "Authorization"), ==, "Bearer token");

  if (g_str_equal (method, "DELETE"))
    {
      fixture->n_deletes++;
      g_ptr_array_add (fixture->deleted_ids, g_strdup (g_hash_table_lookup (query, "id")));
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }

  g_assert_cmpstr (method, ==, "POST");
  fixture->n_posts++;
  g_assert_true (json_parser_load_from_data (parser, request->data, request->length, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  type = json_object_get_string_member (root, "type");
  g_ptr_array_add (fixture->posted_types, g_strdup (type));
  g_ptr_array_add (fixture->posted_sessions,
                   g_strdup (json_object_get_string_member (
                     json_object_get_object_member (root, "transport"), "session_id")));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (root, "transport"), "method"), ==,
                   "websocket");
  {
    JsonObject *condition = json_object_get_object_member (root, "condition");
    const char *b = json_object_get_string_member_with_default (condition,
                                                                "broadcaster_user_id", NULL);

    if (b == NULL)
      b = json_object_get_string_member_with_default (condition, "to_broadcaster_user_id",
                                                      NULL);
    if (b == NULL)
      b = json_object_get_string_member_with_default (condition, "from_broadcaster_user_id",
                                                      NULL);
    g_ptr_array_add (fixture->posted_broadcasters, g_strdup (b));
  }

  status = fixture->status_all ? fixture->status_all
                               : GPOINTER_TO_UINT (g_hash_table_lookup (fixture->status_by_type,
                                                                        type));
  if (status == 0)
    status = 202;

  if (fixture->gone_type != NULL && g_str_equal (type, fixture->gone_type) &&
      fixture->gone_count > 0)
    {
      /* Twitch's wording (Teekeks/pyTwitchAPI#291); lurk-sim sends it with 400 */
      fixture->gone_count--;
      status = 400;
      answer = g_strdup ("{\"error\":\"Bad Request\",\"status\":400,\"message\":"
                         "\"websocket transport session does not exist or has already "
                         "disconnected\"}");
    }
  else if (fixture->cost_type != NULL && g_str_equal (type, fixture->cost_type) &&
           fixture->cost_count > 0)
    {
      fixture->cost_count--;
      status = 429;
      answer = g_strdup ("{\"error\":\"Too Many Requests\",\"status\":429,"
                         "\"message\":\"subscription cost exceeds max_total_cost\"}");
    }
  else if (status != 202)
    {
      answer = g_strdup_printf ("{\"error\":\"x\",\"status\":%u,\"message\":\"refused\"}",
                                status);
    }
  else
    {
      answer = g_strdup_printf ("{\"data\":[{\"id\":\"sub-%u\",\"status\":\"enabled\","
                                "\"type\":\"%s\",\"version\":\"1\",\"cost\":0}],"
                                "\"total\":1,\"total_cost\":0,\"max_total_cost\":10}",
                                fixture->n_posts, type);
    }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer,
                                    strlen (answer));
  if (fixture->pause_helix)
    {
      soup_server_message_pause (msg);
      g_ptr_array_add (fixture->paused, g_object_ref (msg));
    }
}

/* Client side */

static void
on_event (LurkEventSubSession *session,
          LurkEvent           *event,
          gpointer             user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->events, g_object_ref (event));
}

static void
on_failed (LurkEventSubSession *session,
           const char          *description,
           const GError        *error,
           gpointer             user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->failed, g_strdup (description));
}

static void
on_state (LurkEventSubSession *session,
          GParamSpec          *pspec,
          gpointer             user_data)
{
  Fixture *fixture = user_data;

  fixture->n_states++;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *ws_url = NULL;
  g_autofree char *helix_url = NULL;
  g_autoptr(SoupSession) soup = soup_session_new ();
  guint port;

  fixture->sockets = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->posted_types = g_ptr_array_new_with_free_func (g_free);
  fixture->posted_sessions = g_ptr_array_new_with_free_func (g_free);
  fixture->posted_broadcasters = g_ptr_array_new_with_free_func (g_free);
  fixture->deleted_ids = g_ptr_array_new_with_free_func (g_free);
  fixture->status_by_type = g_hash_table_new (g_str_hash, g_str_equal);
  fixture->events = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->failed = g_ptr_array_new_with_free_func (g_free);
  fixture->paused = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->welcome_keepalive = 10;
  fixture->next_session = 1;

  fixture->server = lurk_test_server_new (&port);
  soup_server_add_websocket_handler (fixture->server, "/ws", NULL, NULL, on_websocket,
                                     fixture, NULL);
  soup_server_add_handler (fixture->server, "/helix/eventsub/subscriptions", on_helix,
                           fixture, NULL);
  fixture->base = g_strdup_printf ("127.0.0.1:%u", port);

  ws_url = g_strdup_printf ("ws://%s/ws", fixture->base);
  helix_url = g_strdup_printf ("http://%s/helix", fixture->base);
  fixture->session = lurk_eventsub_session_new (soup, ws_url, helix_url, "client", "token",
                                                USER_ID);
  lurk_eventsub_session_set_network_monitor (fixture->session, NULL);
  lurk_eventsub_session_set_backoff (fixture->session, 20, 200);
  g_signal_connect (fixture->session, "event", G_CALLBACK (on_event), fixture);
  g_signal_connect (fixture->session, "subscription-failed", G_CALLBACK (on_failed), fixture);
  g_signal_connect (fixture->session, "notify::state", G_CALLBACK (on_state), fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->session != NULL)
    {
      lurk_eventsub_session_stop (fixture->session);
      g_assert_finalize_object (fixture->session);
    }
  g_ptr_array_unref (fixture->paused);
  for (guint i = 0; i < fixture->sockets->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (fixture->sockets, i), fixture);
  g_ptr_array_unref (fixture->sockets);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (fixture->posted_types);
  g_ptr_array_unref (fixture->posted_sessions);
  g_ptr_array_unref (fixture->posted_broadcasters);
  g_ptr_array_unref (fixture->deleted_ids);
  g_hash_table_unref (fixture->status_by_type);
  g_ptr_array_unref (fixture->events);
  g_ptr_array_unref (fixture->failed);
  g_free (fixture->base);
}

static gboolean
is_connected (gpointer data)
{
  Fixture *fixture = data;

  return lurk_eventsub_session_get_state (fixture->session) == LURK_CONNECTION_CONNECTED;
}

static gboolean
is_unauthorized (gpointer data)
{
  Fixture *fixture = data;

  return lurk_eventsub_session_get_state (fixture->session) == LURK_CONNECTION_UNAUTHORIZED;
}

static gboolean
has_one_event (gpointer data)
{
  Fixture *fixture = data;

  return fixture->events->len >= 1;
}

static gboolean
has_two_events (gpointer data)
{
  Fixture *fixture = data;

  return fixture->events->len >= 2;
}

static gboolean
has_two_sockets (gpointer data)
{
  Fixture *fixture = data;

  return fixture->sockets->len >= 2;
}

static gboolean
first_socket_closed (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_ws_closed >= 1;
}

static SoupWebsocketConnection *
server_socket (Fixture *fixture,
               guint    index)
{
  g_assert_cmpuint (index, <, fixture->sockets->len);
  return g_ptr_array_index (fixture->sockets, index);
}

static void
start_connected (Fixture *fixture)
{
  lurk_eventsub_session_set_broadcaster (fixture->session, BROADCASTER_ID);
  lurk_eventsub_session_start (fixture->session);
  g_assert_true (lurk_test_wait_until (is_connected, fixture, 5));
}

/* A network monitor the test switches on and off */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static gboolean
test_monitor_initable_init_fn (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_fn;
}

static gboolean
test_monitor_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_MONITOR (monitor)->available;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_monitor_can_reach;
}

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

/* Tests */

static void
test_new_destroy (void)
{
  g_autoptr(SoupSession) soup = soup_session_new ();
  LurkEventSubSession *session;

  session = lurk_eventsub_session_new (soup, "ws://127.0.0.1:9/ws", "http://127.0.0.1:9/helix",
                                       "client", "token", USER_ID);
  g_assert_cmpint (lurk_eventsub_session_get_state (session), ==, LURK_CONNECTION_IDLE);
  g_assert_null (lurk_eventsub_session_get_session_id (session));
  g_assert_finalize_object (session);
}

static void
test_subscribe (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(GStrv) degraded = NULL;

  g_hash_table_insert (fixture->status_by_type, (gpointer) "channel.shared_chat.begin",
                       GUINT_TO_POINTER (403));
  g_hash_table_insert (fixture->status_by_type, (gpointer) "stream.offline",
                       GUINT_TO_POINTER (409));
  g_hash_table_insert (fixture->status_by_type, (gpointer) "channel.chat.message_delete",
                       GUINT_TO_POINTER (410));
  start_connected (fixture);

  /* every planned type was asked for, on the welcomed session, for the broadcaster */
  g_assert_cmpuint (fixture->n_posts, ==, 14);
  for (guint i = 0; i < fixture->posted_sessions->len; i++)
    {
      g_assert_cmpstr (g_ptr_array_index (fixture->posted_sessions, i), ==, "session-1");
      g_assert_cmpstr (g_ptr_array_index (fixture->posted_broadcasters, i), ==, BROADCASTER_ID);
    }
  g_assert_cmpstr (lurk_eventsub_session_get_session_id (fixture->session), ==, "session-1");

  /* 403 and 410 degrade their type only; 409 means it exists: fine */
  degraded = lurk_eventsub_session_dup_degraded_types (fixture->session);
  g_assert_cmpuint (g_strv_length (degraded), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) degraded, "channel.shared_chat.begin"));
  g_assert_true (g_strv_contains ((const char * const *) degraded,
                                  "channel.chat.message_delete"));
  g_assert_cmpuint (fixture->failed->len, ==, 2);
  g_assert_cmpuint (lurk_eventsub_session_get_n_subscriptions (fixture->session), ==, 11);

  /* connected and idle costs nothing: no busy timer */
  {
    struct rusage before, after;
    gint64 cpu_usec;

    getrusage (RUSAGE_SELF, &before);
    lurk_test_spin (1.0);
    getrusage (RUSAGE_SELF, &after);
    cpu_usec = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * G_USEC_PER_SEC +
               (after.ru_utime.tv_usec - before.ru_utime.tv_usec) +
               (after.ru_stime.tv_sec - before.ru_stime.tv_sec) * G_USEC_PER_SEC +
               (after.ru_stime.tv_usec - before.ru_stime.tv_usec);
    g_assert_cmpint (cpu_usec, <, 100 * G_TIME_SPAN_MILLISECOND);
  }

  send_notification (server_socket (fixture, 0), "n-1", NULL);
  g_assert_true (lurk_test_wait_until (has_one_event, fixture, 5));
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 0)), ==, "n-1");
  g_assert_cmpint (lurk_event_get_kind (g_ptr_array_index (fixture->events, 0)), ==,
                   LURK_EVENT_KIND_STREAM_ONLINE);
}

static guint
count_posts (Fixture    *fixture,
             const char *type,
             const char *session_id)
{
  guint n = 0;

  for (guint i = 0; i < fixture->posted_types->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (fixture->posted_types, i), type) &&
          (session_id == NULL ||
           g_strcmp0 (g_ptr_array_index (fixture->posted_sessions, i), session_id) == 0))
        n++;
    }
  return n;
}

static gboolean
connected_on_second_session (gpointer data)
{
  Fixture *fixture = data;

  return is_connected (fixture) &&
         g_strcmp0 (lurk_eventsub_session_get_session_id (fixture->session), "session-2") == 0;
}

/* Twitch answers a subscribe with "websocket transport session does not exist or has already
 * disconnected" when the socket died meanwhile: that is a lost connection, not a refused
 * type. The session connects again and asks for every type, that one included. */
static void
test_session_gone_mid_subscribe (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_auto(GStrv) degraded = NULL;

  fixture->gone_type = "channel.update";
  fixture->gone_count = 1;
  lurk_eventsub_session_set_broadcaster (fixture->session, BROADCASTER_ID);
  lurk_eventsub_session_start (fixture->session);

  g_assert_true (lurk_test_wait_until (connected_on_second_session, fixture, 5));
  g_assert_cmpuint (fixture->sockets->len, ==, 2);
  g_assert_cmpuint (count_posts (fixture, "channel.update", "session-1"), ==, 1);
  g_assert_cmpuint (count_posts (fixture, "channel.update", "session-2"), ==, 1);
  degraded = lurk_eventsub_session_dup_degraded_types (fixture->session);
  g_assert_cmpuint (g_strv_length (degraded), ==, 0);
  g_assert_cmpuint (fixture->failed->len, ==, 0);
  g_assert_cmpuint (lurk_eventsub_session_get_n_subscriptions (fixture->session), ==, 14);
}

/* Over the cost budget is about this moment (subscriptions of a lost connection still count
 * until Twitch disables them): the type is skipped on this connection and asked for again
 * on the next one, without a change of favorite. */
static void
test_cost_refusal_retried (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(GStrv) degraded = NULL;

  fixture->cost_type = "channel.shared_chat.end";
  fixture->cost_count = 1;
  start_connected (fixture);

  g_assert_cmpuint (count_posts (fixture, "channel.shared_chat.end", "session-1"), ==, 1);
  g_assert_cmpuint (fixture->failed->len, ==, 1);
  degraded = lurk_eventsub_session_dup_degraded_types (fixture->session);
  g_assert_cmpuint (g_strv_length (degraded), ==, 0);

  /* the connection drops: the next one asks for the type again, and gets it */
  soup_websocket_connection_close (server_socket (fixture, 0), 4000, NULL);
  g_assert_true (lurk_test_wait_until (connected_on_second_session, fixture, 5));
  g_assert_cmpuint (count_posts (fixture, "channel.shared_chat.end", "session-2"), ==, 1);
  g_assert_cmpuint (lurk_eventsub_session_get_n_subscriptions (fixture->session), ==, 14);
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  SoupWebsocketConnection *ws;
  const char *garbage[] = {
    "{not json",
    "{\"metadata\":5,\"payload\":{}}",
    "{\"metadata\":{\"message_id\":\"x\",\"message_type\":\"notification\","
      "\"message_timestamp\":\"2026-01-01T00:00:00Z\"},\"payload\":{\"event\":[]}}",
    "[]",
    "{\"metadata\":{\"message_id\":\"x\"",
  };

  start_connected (fixture);
  ws = server_socket (fixture, 0);

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_test_expect_message ("lurk-eventsub", G_LOG_LEVEL_WARNING, "Ignoring an EventSub*");
      soup_websocket_connection_send_text (ws, garbage[i]);
    }
  g_test_expect_message ("lurk-eventsub", G_LOG_LEVEL_WARNING, "Ignoring a binary frame*");
  soup_websocket_connection_send_binary (ws, "\x01\x02", 2);

  /* then a good one, twice (a resend keeps its id), and one older than 10 minutes */
  send_notification (ws, "good", NULL);
  send_notification (ws, "good", NULL);
  send_notification (ws, "stale", "2020-01-01T00:00:00.123456789Z");
  send_notification (ws, "after", NULL);
  g_assert_true (lurk_test_wait_until (has_two_events, fixture, 5));
  lurk_test_spin (0.2);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (fixture->events->len, ==, 2);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 0)), ==, "good");
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 1)), ==, "after");
  /* the session went on: same socket, same session, no reconnect */
  g_assert_true (is_connected (fixture));
  g_assert_cmpuint (fixture->sockets->len, ==, 1);
  g_assert_cmpuint (fixture->n_posts, ==, 14);
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  fixture->status_all = 401;
  g_test_expect_message ("lurk-eventsub", G_LOG_LEVEL_WARNING, "Twitch refused the access*");
  lurk_eventsub_session_set_broadcaster (fixture->session, BROADCASTER_ID);
  lurk_eventsub_session_start (fixture->session);
  g_assert_true (lurk_test_wait_until (is_unauthorized, fixture, 5));
  g_test_assert_expected_messages ();

  /* no retry storm: one refused call, the socket closed, nothing more */
  lurk_test_spin (1.5);
  g_assert_true (is_unauthorized (fixture));
  g_assert_cmpuint (fixture->n_posts, ==, 1);
  g_assert_cmpuint (fixture->sockets->len, ==, 1);
  g_assert_cmpuint (fixture->n_ws_closed, ==, 1);

  /* a new token starts again */
  fixture->status_all = 0;
  lurk_eventsub_session_set_access_token (fixture->session, "token");
  g_assert_true (lurk_test_wait_until (is_connected, fixture, 5));
  g_assert_cmpuint (fixture->sockets->len, ==, 2);
}

static void
test_reconnect_overlap (Fixture       *fixture,
                        gconstpointer  data)
{
  SoupWebsocketConnection *old_ws;
  g_autofree char *payload = NULL;
  g_autofree char *text = NULL;

  start_connected (fixture);
  old_ws = server_socket (fixture, 0);

  payload = g_strdup_printf ("{\"session\":{\"id\":\"session-1\",\"status\":\"reconnecting\","
                             "\"connected_at\":\"2026-01-01T00:00:00.000000000Z\","
                             "\"keepalive_timeout_seconds\":null,"
                             "\"reconnect_url\":\"ws://%s/ws?reconnect=abc\"}}",
                             fixture->base);
  text = message_new ("session_reconnect", "r-1", NULL, payload);
  fixture->no_welcome = TRUE;
  soup_websocket_connection_send_text (old_ws, text);
  g_assert_true (lurk_test_wait_until (has_two_sockets, fixture, 5));

  /* the old socket still delivers until the new one's welcome */
  send_notification (old_ws, "on-old", NULL);
  g_assert_true (lurk_test_wait_until (has_one_event, fixture, 5));
  send_welcome (fixture, server_socket (fixture, 1));
  send_notification (server_socket (fixture, 1), "on-new", NULL);
  send_notification (old_ws, "on-new", NULL); /* the same message on both: once */
  g_assert_true (lurk_test_wait_until (has_two_events, fixture, 5));

  /* what was still in flight on the old socket keeps arriving: it is read until quiet */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("late-%u", i);

      lurk_test_spin (0.3);
      g_assert_cmpint (soup_websocket_connection_get_state (old_ws), ==,
                       SOUP_WEBSOCKET_STATE_OPEN);
      send_notification (old_ws, id, NULL);
    }
  g_assert_true (lurk_test_wait_until (first_socket_closed, fixture, 3));
  lurk_test_spin (0.1);

  g_assert_cmpuint (fixture->events->len, ==, 6);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 1)), ==, "on-new");
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 5)), ==, "late-3");
  g_assert_cmpstr (lurk_eventsub_session_get_session_id (fixture->session), ==, "session-2");
  /* subscriptions moved over: nothing recreated */
  g_assert_cmpuint (fixture->n_posts, ==, 14);
  g_assert_cmpuint (fixture->sockets->len, ==, 2);
  g_assert_true (is_connected (fixture));
}

static void
on_foreign_websocket (SoupServer              *server,
                      SoupServerMessage       *msg,
                      const char              *path,
                      SoupWebsocketConnection *ws,
                      gpointer                 user_data)
{
  (*(guint *) user_data)++;
}

static void
on_foreign_request (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  (*(guint *) user_data)++;
  soup_server_message_set_status (msg, 404, NULL);
}

static void
test_reconnect_url_refused (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SoupServer) foreign = NULL;
  SoupWebsocketConnection *ws;
  guint foreign_port = 0;
  guint n_foreign = 0;
  g_autofree char *plain = NULL;
  g_autofree char *tls_elsewhere = NULL;
  g_autofree char *twitch_no_tls = NULL;
  const char *urls[4] = { NULL };

  /* A session_reconnect may only move to Twitch's EventSub host over TLS, or to the
   * configured endpoint: not to another server, even on this machine (it would get the
   * session's subscriptions) */
  foreign = lurk_test_server_new (&foreign_port);
  plain = g_strdup_printf ("ws://127.0.0.1:%u/ws?reconnect=abc", foreign_port);
  tls_elsewhere = g_strdup_printf ("wss://127.0.0.1:%u/ws", foreign_port);
  twitch_no_tls = g_strdup_printf ("ws://eventsub.wss.twitch.tv:%u/ws", foreign_port);
  soup_server_add_websocket_handler (foreign, "/ws", NULL, NULL, on_foreign_websocket,
                                     &n_foreign, NULL);
  soup_server_add_handler (foreign, NULL, on_foreign_request, &n_foreign, NULL);

  start_connected (fixture);
  ws = server_socket (fixture, 0);
  urls[0] = plain;
  urls[1] = tls_elsewhere;
  urls[2] = twitch_no_tls;
  for (guint i = 0; urls[i] != NULL; i++)
    {
      const char *url = urls[i];
      g_autofree char *payload = NULL;
      g_autofree char *text = NULL;
      g_autofree char *id = g_strdup_printf ("r-%u", i);

      payload = g_strdup_printf ("{\"session\":{\"id\":\"session-1\",\"status\":\"reconnecting\","
                                 "\"connected_at\":\"2026-01-01T00:00:00.000000000Z\","
                                 "\"keepalive_timeout_seconds\":null,"
                                 "\"reconnect_url\":\"%s\"}}", url);
      text = message_new ("session_reconnect", id, NULL, payload);
      soup_websocket_connection_send_text (ws, text);
    }
  lurk_test_spin (1.0);

  g_assert_cmpuint (n_foreign, ==, 0);
  /* the session goes on where it was */
  send_notification (ws, "still-here", NULL);
  g_assert_true (lurk_test_wait_until (has_one_event, fixture, 5));
  g_assert_cmpuint (fixture->sockets->len, ==, 1);
  g_assert_true (is_connected (fixture));
}

static gboolean
has_28_posts (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_posts >= 28 && is_connected (fixture);
}

static void
test_close_4003 (Fixture       *fixture,
                 gconstpointer  data)
{
  start_connected (fixture);

  soup_websocket_connection_close (server_socket (fixture, 0), 4003, "connection unused");
  g_assert_true (lurk_test_wait_until (has_28_posts, fixture, 5));
  g_assert_cmpuint (fixture->sockets->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->posted_sessions, 27), ==, "session-2");

  send_notification (server_socket (fixture, 1), "after", NULL);
  g_assert_true (lurk_test_wait_until (has_one_event, fixture, 5));
}

static void
test_keepalive_watchdog (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 start;

  /* the server promises a keepalive every second, then stays silent; it pings, and pings
   * must not count as traffic */
  fixture->welcome_keepalive = 1;
  start_connected (fixture);
  g_object_set (server_socket (fixture, 0), "keepalive-interval", 1, NULL);
  start = fixture->welcome_time; /* the last message the client got */

  g_assert_true (lurk_test_wait_until (has_two_sockets, fixture, 5));
  /* 1 s × 1.2 plus a margin, never before the window */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_TIME_SPAN_SECOND);
  g_assert_true (lurk_test_wait_until (is_connected, fixture, 5));
}

static gboolean
send_keepalive_cb (gpointer user_data)
{
  Fixture *fixture = user_data;
  g_autofree char *text = NULL;
  static guint serial;
  g_autofree char *id = g_strdup_printf ("keepalive-%u", serial++);
  SoupWebsocketConnection *ws;

  if (fixture->sockets->len == 0)
    return G_SOURCE_CONTINUE;
  ws = g_ptr_array_index (fixture->sockets, fixture->sockets->len - 1);
  if (soup_websocket_connection_get_state (ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return G_SOURCE_CONTINUE;
  text = message_new ("session_keepalive", id, NULL, "{}");
  soup_websocket_connection_send_text (ws, text);

  return G_SOURCE_CONTINUE;
}

static gint64
cpu_time_usec (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
test_keepalive_kept (Fixture       *fixture,
                     gconstpointer  data)
{
  guint id;
  gint64 cpu;

  /* keepalives every 0.6 s against a 1 s window: the connection stays, and the watchdog
   * (which fires and finds recent traffic several times) costs no CPU */
  fixture->welcome_keepalive = 1;
  id = g_timeout_add (600, send_keepalive_cb, fixture);
  start_connected (fixture);
  cpu = cpu_time_usec ();
  lurk_test_spin (4.0);
  g_source_remove (id);

  g_assert_cmpint (cpu_time_usec () - cpu, <, 200 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (fixture->sockets->len, ==, 1);
  g_assert_cmpuint (fixture->n_ws_closed, ==, 0);
  g_assert_true (is_connected (fixture));
}

static gboolean
has_deleted_and_resubscribed (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_deletes >= 14 && fixture->n_posts >= 28 && is_connected (fixture);
}

static void
test_retarget (Fixture       *fixture,
               gconstpointer  data)
{
  start_connected (fixture);

  lurk_eventsub_session_set_broadcaster (fixture->session, "200");
  g_assert_true (lurk_test_wait_until (has_deleted_and_resubscribed, fixture, 5));

  /* every old subscription deleted, and before the first new one was created */
  g_assert_cmpuint (fixture->n_deletes, ==, 14);
  for (guint i = 0; i < 14; i++)
    {
      g_autofree char *id = g_strdup_printf ("sub-%u", i + 1);

      g_assert_true (g_ptr_array_find_with_equal_func (fixture->deleted_ids, id, g_str_equal,
                                                       NULL));
      g_assert_cmpstr (g_ptr_array_index (fixture->posted_broadcasters, 14 + i), ==, "200");
    }
  g_assert_cmpuint (fixture->sockets->len, ==, 1);

  /* Until Twitch has deleted them, the previous broadcaster's subscriptions may deliver:
   * the session is the one place that drops them (nothing downstream checks again). */
  send_notification_for (server_socket (fixture, 0), "old-broadcaster", NULL, BROADCASTER_ID);
  send_notification_for (server_socket (fixture, 0), "new-broadcaster", NULL, "200");
  g_assert_true (lurk_test_wait_until (has_one_event, fixture, 5));
  lurk_test_spin (0.2);
  g_assert_cmpuint (fixture->events->len, ==, 1);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 0)), ==,
                   "new-broadcaster");
  g_assert_cmpstr (lurk_event_get_broadcaster_id (g_ptr_array_index (fixture->events, 0)), ==,
                   "200");
}

static gboolean
is_waiting_for_network (gpointer data)
{
  Fixture *fixture = data;

  return lurk_eventsub_session_get_state (fixture->session) ==
         LURK_CONNECTION_WAITING_FOR_NETWORK;
}

static void
test_waiting_for_network (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);

  lurk_eventsub_session_set_network_monitor (fixture->session, G_NETWORK_MONITOR (monitor));
  start_connected (fixture);

  /* offline, then the connection drops: wait for the network instead of retrying */
  test_monitor_set_available (monitor, FALSE);
  soup_websocket_connection_close (server_socket (fixture, 0), 4006, "network error");
  g_assert_true (lurk_test_wait_until (is_waiting_for_network, fixture, 5));
  lurk_test_spin (0.5);
  g_assert_true (is_waiting_for_network (fixture));
  g_assert_cmpuint (fixture->sockets->len, ==, 1);

  /* back online: at once, connected and subscribed again */
  test_monitor_set_available (monitor, TRUE);
  g_assert_true (lurk_test_wait_until (has_28_posts, fixture, 5));
  g_assert_cmpuint (fixture->sockets->len, ==, 2);
  lurk_eventsub_session_stop (fixture->session);
}

static char *
channel_update_with_title (const char *id,
                           gsize       title_length)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *title = g_strnfill (title_length, 'x');
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "{\"metadata\":{\"message_id\":\"%s\","
                          "\"message_type\":\"notification\",\"message_timestamp\":\"%s\","
                          "\"subscription_type\":\"channel.update\","
                          "\"subscription_version\":\"2\"},", id, stamp);
  g_string_append (text, "\"payload\":{\"subscription\":{\"id\":\"s\",\"status\":\"enabled\","
                   "\"type\":\"channel.update\",\"version\":\"2\",\"cost\":1,"
                   "\"condition\":{\"broadcaster_user_id\":\"100\"},"
                   "\"transport\":{\"method\":\"websocket\",\"session_id\":\"s\"},"
                   "\"created_at\":\"2026-01-01T00:00:00Z\"},\"event\":{"
                   "\"broadcaster_user_id\":\"100\",\"broadcaster_user_login\":\"carol\","
                   "\"broadcaster_user_name\":\"Carol\",\"title\":\"");
  g_string_append (text, title);
  g_string_append (text, "\",\"language\":\"en\",\"category_id\":\"1\","
                   "\"category_name\":\"Art\",\"content_classification_labels\":[]}}}");

  return g_string_free (text, FALSE);
}

static void
test_clock_skew (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDateTime) real_now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) eleven_minutes_ago = NULL;
  g_autofree char *old = NULL;

  /* Twitch's clock is an hour behind this machine's: nothing looks stale because of it */
  server_skew_seconds = -3600;
  start_connected (fixture);
  send_notification (server_socket (fixture, 0), "fresh", NULL);

  /* but a message 11 minutes older than Twitch's now still is, and the first one dropped
   * is said once (not once per message) */
  eleven_minutes_ago = g_date_time_add_seconds (real_now, -3600 - 11 * 60);
  old = g_date_time_format_iso8601 (eleven_minutes_ago);
  g_test_expect_message ("lurk-eventsub", G_LOG_LEVEL_MESSAGE, "Dropped an EventSub*old*");
  send_notification (server_socket (fixture, 0), "old", old);
  send_notification (server_socket (fixture, 0), "old-too", old);
  send_notification (server_socket (fixture, 0), "fresh-too", NULL);
  g_assert_true (lurk_test_wait_until (has_two_events, fixture, 5));
  lurk_test_spin (0.2);
  g_test_assert_expected_messages ();
  server_skew_seconds = 0;

  g_assert_cmpuint (fixture->events->len, ==, 2);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 0)), ==, "fresh");
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 1)), ==, "fresh-too");
}

static void
send_keepalive (Fixture *fixture)
{
  g_autofree char *text = message_new ("session_keepalive", "keepalive-jump", NULL, "{}");

  soup_websocket_connection_send_text (server_socket (fixture, 0), text);
}

/* This machine's clock jumps 15 minutes forward after the welcome (seen from here: Twitch's
 * stamps are suddenly 15 minutes behind). Staleness is judged on Twitch's clock, which the
 * next keepalive (stamped when sent) brings back: fresh notifications are not dropped until
 * some reconnect. A notification whose stamp is ahead of that clock moves it forward too. */
static void
test_clock_jump (Fixture       *fixture,
                 gconstpointer  data)
{
  start_connected (fixture);

  server_skew_seconds = -15 * 60;
  send_keepalive (fixture);
  send_notification (server_socket (fixture, 0), "after-jump", NULL);
  g_assert_true (lurk_test_wait_until (has_one_event, fixture, 5));

  /* and back: a notification from "the future" of the clock kept so far is simply newer */
  server_skew_seconds = 0;
  send_notification (server_socket (fixture, 0), "after-jump-back", NULL);
  g_assert_true (lurk_test_wait_until (has_two_events, fixture, 5));
  g_assert_cmpuint (fixture->sockets->len, ==, 1);
}

static void
test_huge_message (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *big = channel_update_with_title ("big", 900 * 1024);
  g_autofree char *huge = channel_update_with_title ("huge", 2 * 1024 * 1024);

  start_connected (fixture);

  /* 900 KB arrives whole; 2 MB is more than any EventSub message: a warning, and the
   * session goes on */
  soup_websocket_connection_send_text (server_socket (fixture, 0), big);
  g_test_expect_message ("lurk-eventsub", G_LOG_LEVEL_WARNING, "*too large*");
  soup_websocket_connection_send_text (server_socket (fixture, 0), huge);
  send_notification (server_socket (fixture, 0), "after", NULL);
  g_assert_true (lurk_test_wait_until (has_two_events, fixture, 10));
  g_test_assert_expected_messages ();

  g_assert_cmpuint (fixture->events->len, ==, 2);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 0)), ==, "big");
  g_assert_cmpuint (strlen (lurk_event_get_title (g_ptr_array_index (fixture->events, 0))), ==,
                    900 * 1024);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (fixture->events, 1)), ==, "after");
  g_assert_cmpuint (fixture->sockets->len, ==, 1);
  g_assert_true (is_connected (fixture));
}

static gboolean
has_a_post (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_posts >= 1;
}

static gboolean
has_14_posts (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_posts >= 14 && is_connected (fixture);
}

static void
test_reconnect_while_subscribing (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *payload = NULL;
  g_autofree char *text = NULL;

  /* Helix holds its first answer while Twitch moves the session elsewhere */
  fixture->pause_helix = TRUE;
  lurk_eventsub_session_set_broadcaster (fixture->session, BROADCASTER_ID);
  lurk_eventsub_session_start (fixture->session);
  g_assert_true (lurk_test_wait_until (has_a_post, fixture, 5));

  payload = g_strdup_printf ("{\"session\":{\"id\":\"session-1\",\"status\":\"reconnecting\","
                             "\"connected_at\":\"2026-01-01T00:00:00.000000000Z\","
                             "\"keepalive_timeout_seconds\":null,"
                             "\"reconnect_url\":\"ws://%s/ws?reconnect=abc\"}}",
                             fixture->base);
  text = message_new ("session_reconnect", "r-1", NULL, payload);
  fixture->no_welcome = TRUE;
  soup_websocket_connection_send_text (server_socket (fixture, 0), text);
  g_assert_true (lurk_test_wait_until (has_two_sockets, fixture, 5));
  send_welcome (fixture, server_socket (fixture, 1));
  lurk_test_spin (0.2);

  fixture->pause_helix = FALSE;
  for (guint i = 0; i < fixture->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fixture->paused, i));
  g_assert_true (lurk_test_wait_until (has_14_posts, fixture, 5));

  /* the rest were made on the new session, none twice, nothing degraded */
  g_assert_cmpuint (fixture->n_posts, ==, 14);
  g_assert_cmpstr (g_ptr_array_index (fixture->posted_sessions, 0), ==, "session-1");
  g_assert_cmpstr (g_ptr_array_index (fixture->posted_sessions, 13), ==, "session-2");
  g_assert_cmpuint (fixture->failed->len, ==, 0);
  g_assert_cmpstr (lurk_eventsub_session_get_session_id (fixture->session), ==, "session-2");
}

static gboolean
has_15_posts (gpointer data)
{
  Fixture *fixture = data;

  return fixture->n_posts >= 15 && is_connected (fixture);
}

static void
test_retarget_twice_while_subscribing (Fixture       *fixture,
                                       gconstpointer  data)
{
  /* the first subscription is in flight when the user picks one streamer, then another */
  fixture->pause_helix = TRUE;
  lurk_eventsub_session_set_broadcaster (fixture->session, BROADCASTER_ID);
  lurk_eventsub_session_start (fixture->session);
  g_assert_true (lurk_test_wait_until (has_a_post, fixture, 5));
  lurk_eventsub_session_set_broadcaster (fixture->session, "200");
  lurk_eventsub_session_set_broadcaster (fixture->session, "300");

  fixture->pause_helix = FALSE;
  for (guint i = 0; i < fixture->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fixture->paused, i));
  g_assert_true (lurk_test_wait_until (has_15_posts, fixture, 5));
  lurk_test_spin (0.2);

  /* what was made for the first is deleted, nothing for the second, all for the last */
  g_assert_cmpuint (fixture->n_deletes, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->deleted_ids, 0), ==, "sub-1");
  g_assert_cmpuint (fixture->n_posts, ==, 15);
  for (guint i = 1; i < 15; i++)
    g_assert_cmpstr (g_ptr_array_index (fixture->posted_broadcasters, i), ==, "300");
  g_assert_cmpuint (lurk_eventsub_session_get_n_subscriptions (fixture->session), ==, 14);
}

static void
test_destroy_while_subscribing (Fixture       *fixture,
                                gconstpointer  data)
{
  LurkEventSubSession *session = g_steal_pointer (&fixture->session);

  /* Helix holds its answer; meanwhile the session is stopped and destroyed */
  fixture->pause_helix = TRUE;
  lurk_eventsub_session_set_broadcaster (session, BROADCASTER_ID);
  lurk_eventsub_session_start (session);
  g_assert_true (lurk_test_wait_until (has_a_post, fixture, 5));
  lurk_eventsub_session_stop (session);
  g_assert_finalize_object (session);

  /* the answer arrives afterwards: nothing happens (no crash, no second request) */
  for (guint i = 0; i < fixture->paused->len; i++)
    soup_server_message_unpause (g_ptr_array_index (fixture->paused, i));
  lurk_test_spin (0.5);
  g_assert_cmpuint (fixture->n_posts, ==, 1);
}

static void
on_session_debug (const char     *log_domain,
                  GLogLevelFlags  level,
                  const char     *message,
                  gpointer        user_data)
{
  if (g_str_has_prefix (message, "subscribing to ") && g_str_has_suffix (message, ": retrying"))
    *(gboolean *) user_data = TRUE;
}

/* The listener runs its session in a worker's context and drops that context after the
 * session: a subscribe retry pending then must go with the session, not stay behind in the
 * context (where its run leaked when the context went: valgrind's definite leak). */
static void
test_destroy_while_retrying (Fixture       *fixture,
                             gconstpointer  data)
{
  GMainContext *context = g_main_context_new ();
  g_autoptr(SoupSession) soup = NULL;
  g_autofree char *ws_url = g_strdup_printf ("ws://%s/ws", fixture->base);
  g_autofree char *helix_url = g_strdup_printf ("http://%s/helix", fixture->base);
  LurkEventSubSession *session;
  gboolean retrying = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * lurk_test_slowdown () * G_USEC_PER_SEC;
  guint handler;

  /* Helix fails every subscription with a 500: the session retries it a second later */
  fixture->status_all = 500;
  handler = g_log_set_handler ("lurk-eventsub", G_LOG_LEVEL_DEBUG, on_session_debug, &retrying);
  g_main_context_push_thread_default (context);
  soup = soup_session_new ();
  session = lurk_eventsub_session_new (soup, ws_url, helix_url, "client", "token", USER_ID);
  lurk_eventsub_session_set_network_monitor (session, NULL);
  lurk_eventsub_session_set_broadcaster (session, BROADCASTER_ID);
  lurk_eventsub_session_start (session);
  while (!retrying && g_get_monotonic_time () < deadline)
    {
      /* the server lives in the default context, the session in its own */
      g_main_context_iteration (context, FALSE);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_log_remove_handler ("lurk-eventsub", handler);
  g_assert_true (retrying);
  g_assert_cmpuint (fixture->n_posts, ==, 1);

  lurk_eventsub_session_stop (session);
  g_assert_finalize_object (session);
  g_assert_finalize_object (g_steal_pointer (&soup));

  /* the worker lets the sockets close, well within the retry's second, and its context goes;
   * then past that second nothing more reached Helix */
  for (gint64 end = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
       g_get_monotonic_time () < end;
       g_usleep (1000))
    {
      g_main_context_iteration (context, FALSE);
      g_main_context_iteration (NULL, FALSE);
    }
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  lurk_test_spin (1.5);
  g_assert_cmpuint (fixture->n_posts, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/eventsub/session/new-destroy", test_new_destroy);
#define ADD(path, func) \
  g_test_add ("/lurk/eventsub/session/" path, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("subscribe", test_subscribe);
  ADD ("malformed", test_malformed);
  ADD ("unauthorized", test_unauthorized);
  ADD ("reconnect-overlap", test_reconnect_overlap);
  ADD ("reconnect-url-refused", test_reconnect_url_refused);
  ADD ("close-4003", test_close_4003);
  ADD ("keepalive-watchdog", test_keepalive_watchdog);
  ADD ("keepalive-kept", test_keepalive_kept);
  ADD ("retarget", test_retarget);
  ADD ("waiting-for-network", test_waiting_for_network);
  ADD ("huge-message", test_huge_message);
  ADD ("clock-skew", test_clock_skew);
  ADD ("clock-jump", test_clock_jump);
  ADD ("session-gone-mid-subscribe", test_session_gone_mid_subscribe);
  ADD ("cost-refusal-retried", test_cost_refusal_retried);
  ADD ("destroy-while-subscribing", test_destroy_while_subscribing);
  ADD ("destroy-while-retrying", test_destroy_while_retrying);
  ADD ("reconnect-while-subscribing", test_reconnect_while_subscribing);
  ADD ("retarget-twice-while-subscribing", test_retarget_twice_while_subscribing);
#undef ADD

  return g_test_run ();
}
