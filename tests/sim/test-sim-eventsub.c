/* test-sim-eventsub.c: lurk-sim's EventSub WebSocket and subscription rules, over the wire
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sim-test-util.h"

#define CHAT_CONDITION "{\"broadcaster_user_id\":\"" LURK_SIM_BROADCASTER_ID "\",\"user_id\":\"" \
                       LURK_SIM_DEMO_USER_ID "\"}"
#define ONLINE_CONDITION "{\"broadcaster_user_id\":\"" LURK_SIM_BROADCASTER_ID "\"}"
#define WINDOW_MS 200   /* 10 s at TEST_TIME_SCALE */
#define GRACE_MS 600    /* 30 s at TEST_TIME_SCALE */

static Ws *
open_session (Fixture    *f,
              const char *query)
{
  Ws *ws = ws_connect (f, query);
  g_autoptr(JsonObject) welcome = ws_next (ws, 2000);
  JsonObject *session;

  g_assert_nonnull (welcome);
  g_assert_cmpstr (message_type_of (welcome), ==, "session_welcome");
  session = json_object_get_object_member (json_object_get_object_member (welcome, "payload"),
                                           "session");
  ws->session_id = g_strdup (json_object_get_string_member (session, "id"));

  return ws;
}

static guint
subscribe_chat (Fixture    *f,
                Ws         *ws,
                const char *type)
{
  return subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, type, "1", CHAT_CONDITION, NULL);
}

static char *
trigger_notice (Fixture    *f,
                const char *notice_type)
{
  g_auto(Reply) reply = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"type\":\"channel.chat.notification\","
                                           "\"notice_type\":\"%s\"}", notice_type);
  JsonArray *ids;

  http (f, &reply, "POST", "/sim/trigger", NULL, NULL, body);
  g_assert_cmpuint (reply.status, ==, 200);
  ids = json_object_get_array_member (reply_object (&reply), "message_ids");
  if (json_array_get_length (ids) == 0)
    return NULL;
  return g_strdup (json_array_get_string_element (ids, 0));
}

static const char *
message_id_of (JsonObject *message)
{
  return json_object_get_string_member (json_object_get_object_member (message, "metadata"),
                                        "message_id");
}

static const char *subscription_status (Fixture    *f,
                                        const char *id);

static void
test_new_destroy (void)
{
  g_autoptr(GError) error = NULL;
  LurkSim *sim = lurk_sim_new ();

  g_assert_true (lurk_sim_start (sim, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (lurk_sim_get_url (sim), "http://127.0.0.1:"));
  g_assert_cmpuint (lurk_sim_get_port (sim), >, 0);
  lurk_sim_stop (sim);
  g_assert_finalize_object (sim);
}

static void
test_start_errors (void)
{
  g_autoptr(GError) error = NULL;
  LurkSim *first = lurk_sim_new ();
  LurkSim *second = lurk_sim_new ();
  LurkSim *third = lurk_sim_new ();

  g_assert_true (lurk_sim_start_in_thread (first, "127.0.0.1", 0, &error));
  g_assert_no_error (error);

  /* The port is taken: the thread reports the error and ends. */
  g_assert_false (lurk_sim_start_in_thread (second, "127.0.0.1", lurk_sim_get_port (first),
                                            &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);

  g_assert_false (lurk_sim_start (third, "not an address", 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  lurk_sim_stop (first);
  g_assert_finalize_object (first);
  g_assert_finalize_object (second);
  g_assert_finalize_object (third);
}

/* The same seed gives the same generated events. */
static char *
first_chatter (guint32 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  LurkSim *sim = lurk_sim_new ();
  Fixture fixture = { sim, session, NULL };
  Ws *ws;
  JsonObject *message;
  char *name;

  lurk_sim_set_seed (sim, seed);
  g_assert_true (lurk_sim_start_in_thread (sim, "127.0.0.1", 0, &error));
  fixture.url = lurk_sim_get_url (sim);
  ws = open_session (&fixture, NULL);
  g_assert_cmpuint (subscribe (&fixture, LURK_SIM_DEMO_TOKEN, ws->session_id,
                               "channel.chat.message", "1", CHAT_CONDITION, NULL), ==, 202);
  control (&fixture, "/sim/trigger", "{\"type\":\"channel.chat.message\"}");
  message = ws_next_of_type (ws, "notification", 2000);
  name = g_strdup_printf ("%s: %s",
                          json_object_get_string_member (event_of (message), "chatter_user_login"),
                          json_object_get_string_member (json_object_get_object_member (
                            event_of (message), "message"), "text"));
  json_object_unref (message);
  ws_free (ws);
  lurk_sim_stop (sim);
  g_assert_finalize_object (sim);

  return name;
}

static void
test_seed (void)
{
  g_autofree char *a = first_chatter (42);
  g_autofree char *b = first_chatter (42);

  g_assert_cmpstr (a, ==, b);
}

static void
test_welcome (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(Ws) ws = ws_connect (f, NULL);
  g_autoptr(JsonObject) welcome = ws_next (ws, 2000);
  g_autoptr (GRegex) nanos
    = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z$", 0, 0, NULL);
  JsonObject *metadata, *session;

  g_assert_nonnull (welcome);
  metadata = json_object_get_object_member (welcome, "metadata");
  g_assert_cmpstr (json_object_get_string_member (metadata, "message_type"), ==, "session_welcome");
  g_assert_cmpuint (strlen (json_object_get_string_member (metadata, "message_id")), ==, 36);
  g_assert_true (
    g_regex_match (nanos, json_object_get_string_member (metadata, "message_timestamp"), 0, NULL));
  g_assert_false (json_object_has_member (metadata, "subscription_type"));

  session
    = json_object_get_object_member (json_object_get_object_member (welcome, "payload"), "session");
  g_assert_cmpstr (json_object_get_string_member (session, "status"), ==, "connected");
  g_assert_cmpint (json_object_get_int_member (session, "keepalive_timeout_seconds"), ==, 10);
  g_assert_true (json_object_get_null_member (session, "reconnect_url"));
  g_assert_cmpuint (strlen (json_object_get_string_member (session, "id")), >, 10);
  g_assert_true (
    g_regex_match (nanos, json_object_get_string_member (session, "connected_at"), 0, NULL));
}

static void
test_keepalive_clamp (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { const char *query; gint64 expected; } cases[] = {
    { "?keepalive_timeout_seconds=5", 10 },
    { "?keepalive_timeout_seconds=1000", 600 },
    { "?keepalive_timeout_seconds=30", 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(Ws) ws = ws_connect (f, cases[i].query);
      g_autoptr(JsonObject) welcome = ws_next (ws, 2000);
      JsonObject *session = json_object_get_object_member (
        json_object_get_object_member (welcome, "payload"), "session");

      g_assert_cmpint (json_object_get_int_member (session, "keepalive_timeout_seconds"), ==,
                       cases[i].expected);
    }
}

static void
test_keepalive (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) keepalive = NULL;
  g_autoptr(JsonObject) notification = NULL;
  g_autoptr(JsonObject) next = NULL;
  g_autofree char *id = NULL;
  gint64 start, notified;

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);

  start = g_get_monotonic_time ();
  keepalive = ws_next (ws, 2000);
  g_assert_nonnull (keepalive);
  g_assert_cmpstr (message_type_of (keepalive), ==, "session_keepalive");
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (keepalive, "payload")), ==,
                    0);
  g_assert_cmpint (g_get_monotonic_time () - start, <=,
                   (WINDOW_MS * 3) * 1000 * lurk_test_slowdown ());

  /* A notification resets the window: no keepalive sooner than a window after it. The
   * server sends it after the trigger call starts, so that start is a lower bound of the
   * window's start that a slow client (ASan, a loaded machine) cannot push later; without
   * the reset the next keepalive would come half a window after it. */
  ws_pump (WINDOW_MS / 2);
  notified = g_get_monotonic_time ();
  id = trigger_notice (f, "sub");
  notification = ws_next (ws, 1000);
  g_assert_cmpstr (message_type_of (notification), ==, "notification");
  g_assert_cmpstr (message_id_of (notification), ==, id);
  next = ws_next (ws, 2000);
  g_assert_cmpstr (message_type_of (next), ==, "session_keepalive");
  g_assert_cmpint (g_get_monotonic_time () - notified, >=, (WINDOW_MS - 30) * 1000);
}

static void
test_keepalive_silenced (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) message = NULL;

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  control (f, "/sim/keepalive", "{\"enabled\":false}");
  g_queue_clear_full (&ws->messages, (GDestroyNotify)json_object_unref);

  message = ws_next (ws, WINDOW_MS * 3);
  g_assert_null (message);
  g_assert_false (ws->closed);
}

static void
test_close_4001 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autofree char *id = NULL;

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.notification",
                               "1", CHAT_CONDITION, &id), ==, 202);
  soup_websocket_connection_send_text (ws->conn, "{\"hello\":\"twitch\"}");
  g_assert_true (ws_wait_closed (ws, 2000));
  g_assert_cmpuint (ws->close_code, ==, 4001);
  g_assert_cmpstr (subscription_status (f, id), ==, "websocket_received_inbound_traffic");
}

/* A client that never answers Pings: raw socket, no WebSocket library. */
static void
test_client_ping_4001 (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);

  /* libsoup's own keepalive sends Pings: the stricter reading of Twitch's rule closes. */
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  soup_websocket_connection_set_keepalive_interval (ws->conn, 1);
  g_assert_true (ws_wait_closed (ws, 3000));
  g_assert_cmpuint (ws->close_code, ==, 4001);
}

static void
test_close_4002 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *request = NULL;
  GInputStream *in;
  gboolean saw_ping = FALSE;
  gint close_code = -1;
  gsize offset = 0;

  control (f, "/sim/config", "{\"ping_interval\":30}");

  conn = g_socket_client_connect_to_host (client, f->url + strlen ("http://"), 0, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (g_socket_connection_get_socket (conn), 5);
  request
    = g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n",
                       f->url + strlen ("http://"));
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                             strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);

  in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  while (close_code < 0)
    {
      guint8 chunk[4096];
      gssize n = g_input_stream_read (in, chunk, sizeof chunk, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_byte_array_append (buffer, chunk, n);

      if (offset == 0)
        {
          const char *end = g_strstr_len ((const char *)buffer->data, buffer->len, "\r\n\r\n");

          if (end == NULL)
            continue;
          g_assert_true (g_str_has_prefix ((const char *)buffer->data, "HTTP/1.1 101"));
          offset = end + 4 - (const char *)buffer->data;
        }

      /* Server frames are unmasked. */
      while (buffer->len - offset >= 2)
        {
          const guint8 *b = buffer->data + offset;
          guint64 len = b[1] & 0x7f;
          gsize header = 2;

          if (len == 126)
            {
              if (buffer->len - offset < 4)
                break;
              len = (b[2] << 8) | b[3];
              header = 4;
            }
          g_assert_cmpuint (len, !=, 127);
          if (buffer->len - offset < header + len)
            break;
          if ((b[0] & 0x0f) == 0x9)
            saw_ping = TRUE;
          if ((b[0] & 0x0f) == 0x8)
            close_code = (b[header] << 8) | b[header + 1];
          offset += header + len;
        }
    }

  g_assert_true (saw_ping);
  g_assert_cmpint (close_code, ==, 4002);
}

static void
test_pong_keeps_open (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Ws) ws = NULL;

  control (f, "/sim/config", "{\"ping_interval\":30}");
  ws = open_session (f, NULL);

  /* libsoup answers Pings; after several ping intervals (600 ms) the connection still stands. */
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  ws_pump (1800);
  g_assert_false (ws->closed);
}

static void
test_close_4003 (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Ws) ws = NULL;
  gint64 start;

  control (f, "/sim/config", "{\"require_subscription\":true}");
  ws = open_session (f, NULL);
  start = g_get_monotonic_time ();

  g_assert_true (ws_wait_closed (ws, 2000));
  g_assert_cmpuint (ws->close_code, ==, 4003);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (WINDOW_MS - 50) * 1000);
}

static void
test_subscribed_in_time (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Ws) ws = NULL;
  g_autoptr(Ws) idle = NULL;
  g_autofree char *config = NULL;

  /* A 1 s window (50 s scaled; stretched for a slow client, who must subscribe in it): one
   * connection subscribes, the other does not. */
  config = g_strdup_printf ("{\"require_subscription\":true,\"subscribe_window\":%u}",
                            (guint) (50 * lurk_test_slowdown ()));
  control (f, "/sim/config", config);
  ws = open_session (f, NULL);
  idle = open_session (f, NULL);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  g_assert_true (ws_wait_closed (idle, 3000));
  g_assert_cmpuint (idle->close_code, ==, 4003);
  ws_pump (300);
  g_assert_false (ws->closed);
}

static void
test_close_code (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_auto(Reply) reply = { 0 };

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  control (f, "/sim/close", "{\"code\":4000}");
  g_assert_true (ws_wait_closed (ws, 2000));
  g_assert_cmpuint (ws->close_code, ==, 4000);

  http (f, &reply, "POST", "/sim/close", NULL, NULL, "{\"code\":12}");
  g_assert_cmpuint (reply.status, ==, 400);
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  control (f, "/sim/drop", "{}");
  g_assert_true (ws_wait_closed (ws, 2000));
  /* No close frame: libsoup reports an abnormal closure. */
  g_assert_cmpuint (ws->close_code, !=, 4000);
  g_assert_cmpuint (ws->close_code, <, 4000);
}

static const char *
subscription_status (Fixture    *f,
                     const char *id)
{
  g_auto(Reply) reply = { 0 };
  static char status[64];
  JsonArray *data;

  http (f, &reply, "GET", "/sim/subscriptions", NULL, NULL, NULL);
  data = json_object_get_array_member (reply_object (&reply), "data");
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *sub = json_array_get_object_element (data, i);

      if (g_str_equal (json_object_get_string_member (sub, "id"), id))
        {
          g_strlcpy (status, json_object_get_string_member (sub, "status"), sizeof status);
          return status;
        }
    }
  return NULL;
}

static void
test_disconnect_disables (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autofree char *id = NULL;

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.message", "1",
                               CHAT_CONDITION, &id), ==, 202);
  g_assert_cmpstr (subscription_status (f, id), ==, "enabled");
  soup_websocket_connection_close (ws->conn, 1000, NULL);
  g_assert_true (ws_wait_closed (ws, 2000));
  ws_pump (100);
  g_assert_cmpstr (subscription_status (f, id), ==, "websocket_disconnected");

  /* Helix lists it, disabled, with when the connection began and ended; it costs nothing. */
  {
    g_auto(Reply) reply = { 0 };
    JsonObject *transport;

    helix (f, &reply, "GET", "/eventsub/subscriptions?status=websocket_disconnected", NULL);
    transport = json_object_get_object_member (reply_first_data (&reply), "transport");
    g_assert_nonnull (json_object_get_string_member (transport, "connected_at"));
    g_assert_nonnull (json_object_get_string_member (transport, "disconnected_at"));
    g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "total_cost"), ==, 0);
  }
}

static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Ws) old = NULL;
  g_autoptr(Ws) fresh = NULL;
  g_autoptr(JsonObject) reconnect = NULL;
  g_autoptr(JsonObject) welcome = NULL;
  g_autoptr(JsonObject) on_old = NULL;
  g_autoptr(JsonObject) on_new = NULL;
  g_autoptr(GPtrArray) received = g_ptr_array_new_with_free_func (g_free);
  g_auto(Reply) sent = { 0 };
  g_auto(Reply) subs = { 0 };
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *sub_id = NULL;
  JsonObject *session;
  JsonArray *ids;
  const char *url;

  /* 100 s scaled: 2 s to reconnect, plenty on a busy machine. */
  control (f, "/sim/config", "{\"grace\":100}");
  old = open_session (f, NULL);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, old->session_id,
                               "channel.chat.notification", "1", CHAT_CONDITION, &sub_id), ==, 202);
  first = trigger_notice (f, "sub");
  on_old = ws_next_of_type (old, "notification", 1000);
  g_assert_cmpstr (message_id_of (on_old), ==, first);
  g_ptr_array_add (received, g_strdup (first));
  g_clear_pointer (&on_old, json_object_unref);

  control (f, "/sim/reconnect", "{}");
  reconnect = ws_next_of_type (old, "session_reconnect", 1000);
  g_assert_nonnull (reconnect);
  session = json_object_get_object_member (json_object_get_object_member (reconnect, "payload"),
                                           "session");
  g_assert_cmpstr (json_object_get_string_member (session, "status"), ==, "reconnecting");
  g_assert_true (json_object_get_null_member (session, "keepalive_timeout_seconds"));
  url = json_object_get_string_member (session, "reconnect_url");
  g_assert_true (g_str_has_prefix (url, "ws://127.0.0.1:"));

  /* Until the new welcome, the old socket keeps delivering. */
  second = trigger_notice (f, "resub");
  on_old = ws_next_of_type (old, "notification", 1000);
  g_assert_cmpstr (message_id_of (on_old), ==, second);
  g_ptr_array_add (received, g_strdup (second));

  fresh = ws_connect (f, url);
  welcome = ws_next (fresh, 2000);
  g_assert_cmpstr (message_type_of (welcome), ==, "session_welcome");
  session
    = json_object_get_object_member (json_object_get_object_member (welcome, "payload"), "session");
  g_assert_cmpstr (json_object_get_string_member (session, "id"), ==, old->session_id);
  soup_websocket_connection_close (old->conn, 1000, NULL);

  /* No resubscription: the subscription moved over and is still enabled. */
  third = trigger_notice (f, "raid");
  on_new = ws_next_of_type (fresh, "notification", 1000);
  g_assert_nonnull (on_new);
  g_assert_cmpstr (message_id_of (on_new), ==, third);
  g_ptr_array_add (received, g_strdup (third));
  g_assert_cmpstr (subscription_status (f, sub_id), ==, "enabled");
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, old->session_id,
                               "channel.chat.notification", "1", CHAT_CONDITION, NULL), ==, 409);

  /* Nothing lost: what was sent is what was received. */
  http (f, &sent, "GET", "/sim/sent", NULL, NULL, NULL);
  ids = json_object_get_array_member (reply_object (&sent), "data");
  g_assert_cmpuint (json_array_get_length (ids), ==, received->len);
  for (guint i = 0; i < received->len; i++)
    g_assert_cmpstr (json_array_get_string_element (ids, i), ==, g_ptr_array_index (received, i));

  /* The new connection outlives the grace time. */
  ws_pump (2200);
  g_assert_false (fresh->closed);
}

static void
test_reconnect_late (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) reconnect = NULL;
  g_autofree char *id = NULL;
  gint64 start;

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.notification",
                               "1", CHAT_CONDITION, &id), ==, 202);
  control (f, "/sim/reconnect", "{}");
  reconnect = ws_next_of_type (ws, "session_reconnect", 1000);
  g_assert_nonnull (reconnect);
  start = g_get_monotonic_time ();

  g_assert_true (ws_wait_closed (ws, GRACE_MS * 3));
  g_assert_cmpuint (ws->close_code, ==, 4004);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (GRACE_MS - 50) * 1000);
  ws_pump (50);
  g_assert_cmpstr (subscription_status (f, id), ==, "websocket_failed_to_reconnect");
}

static void
test_reconnect_invalid (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Ws) ws = ws_connect (f, "?reconnect_id=not-a-real-one");

  g_assert_true (ws_wait_closed (ws, 2000));
  g_assert_cmpuint (ws->close_code, ==, 4007);
}

static void
test_revocation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) revocation = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *id = NULL, *none = NULL;
  JsonObject *metadata, *sub;

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.notification",
                               "1", CHAT_CONDITION, &id), ==, 202);
  control (f, "/sim/revoke",
           "{\"type\":\"channel.chat.notification\",\"status\":\"user_removed\"}");

  revocation = ws_next_of_type (ws, "revocation", 1000);
  g_assert_nonnull (revocation);
  metadata = json_object_get_object_member (revocation, "metadata");
  g_assert_cmpstr (json_object_get_string_member (metadata, "subscription_type"), ==,
                   "channel.chat.notification");
  g_assert_cmpstr (json_object_get_string_member (metadata, "subscription_version"), ==, "1");
  sub = json_object_get_object_member (json_object_get_object_member (revocation, "payload"),
                                       "subscription");
  g_assert_cmpstr (json_object_get_string_member (sub, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (sub, "status"), ==, "user_removed");
  g_assert_false (
    json_object_has_member (json_object_get_object_member (revocation, "payload"), "event"));

  none = trigger_notice (f, "sub");
  g_assert_null (none);
  after = ws_next_of_type (ws, "notification", WINDOW_MS);
  g_assert_null (after);
}

/* A spent refresh token sent again ends the authorization: its tokens and its EventSub
 * subscriptions (twitchdev/issues #903). */
static void
test_refresh_reuse_revokes (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) revocation = NULL;
  g_auto(Reply) minted = { 0 };
  g_auto(Reply) reply = { 0 };
  g_autofree char *access = NULL;
  g_autofree char *spend = NULL;
  g_autofree char *id = NULL;
  JsonObject *sub;

  http (f, &minted, "POST", "/sim/tokens", NULL, NULL,
        "{\"login\":\"lurkdemo\",\"scopes\":[\"user:read:chat\"]}");
  spend = g_strdup_printf ("form:grant_type=refresh_token&client_id=" LURK_SIM_CLIENT_ID
                           "&refresh_token=%s",
                           json_object_get_string_member (reply_object (&minted),
                                                          "refresh_token"));
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, spend);
  g_assert_cmpuint (reply.status, ==, 200);
  access = g_strdup (json_object_get_string_member (reply_object (&reply), "access_token"));
  g_assert_cmpuint (subscribe (f, access, ws->session_id, "channel.chat.notification", "1",
                               CHAT_CONDITION, &id), ==, 202);

  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, spend);
  g_assert_cmpuint (reply.status, ==, 400);

  revocation = ws_next_of_type (ws, "revocation", 1000);
  g_assert_nonnull (revocation);
  sub = json_object_get_object_member (json_object_get_object_member (revocation, "payload"),
                                       "subscription");
  g_assert_cmpstr (json_object_get_string_member (sub, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (sub, "status"), ==, "authorization_revoked");
  http (f, &reply, "GET", "/helix/users", access, LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 401);
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autofree char *id = NULL;

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  id = trigger_notice (f, "community_sub_gift");
  first = ws_next_of_type (ws, "notification", 1000);
  control (f, "/sim/duplicate", "{\"count\":1}");
  again = ws_next_of_type (ws, "notification", 1000);
  g_assert_nonnull (again);
  g_assert_cmpstr (message_id_of (again), ==, id);
  g_assert_cmpstr (message_id_of (first), ==, id);
}

static void
test_notification_shape (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *id = NULL;
  JsonObject *metadata, *payload, *sub, *transport;

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.notification",
                               "1", CHAT_CONDITION, &id), ==, 202);
  g_free (trigger_notice (f, "sub"));
  message = ws_next_of_type (ws, "notification", 1000);
  metadata = json_object_get_object_member (message, "metadata");
  g_assert_cmpstr (json_object_get_string_member (metadata, "subscription_type"), ==,
                   "channel.chat.notification");
  g_assert_cmpstr (json_object_get_string_member (metadata, "subscription_version"), ==, "1");
  payload = json_object_get_object_member (message, "payload");
  sub = json_object_get_object_member (payload, "subscription");
  g_assert_cmpstr (json_object_get_string_member (sub, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (sub, "status"), ==, "enabled");
  g_assert_cmpint (json_object_get_int_member (sub, "cost"), ==, 0);
  transport = json_object_get_object_member (sub, "transport");
  g_assert_cmpstr (json_object_get_string_member (transport, "method"), ==, "websocket");
  g_assert_cmpstr (json_object_get_string_member (transport, "session_id"), ==, ws->session_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (payload, "event"),
                                                  "broadcaster_user_login"), ==, "lurkstream");

  /* age_seconds dates a message in the past (clients drop those older than 10 minutes). */
  {
    g_autoptr(JsonObject) old = NULL;
    g_autoptr(GDateTime) when = NULL;
    gint64 age;

    control (f, "/sim/trigger", "{\"type\":\"channel.chat.notification\",\"age_seconds\":700}");
    old = ws_next_of_type (ws, "notification", 1000);
    when = g_date_time_new_from_iso8601 (
      json_object_get_string_member (json_object_get_object_member (old, "metadata"),
                                     "message_timestamp"),
      NULL);
    g_assert_nonnull (when);
    age = g_get_real_time () / G_USEC_PER_SEC - g_date_time_to_unix (when);
    g_assert_cmpint (age, >=, 699);
    g_assert_cmpint (age, <=, 705);
  }
}

static void
test_costs (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  static const char *channels[] = { "90000100", "90000101", "90000102", "90000103", "90000104" };
  g_auto(Reply) reply = { 0 };
  JsonObject *root;
  guint n = 0;

  /* Chat types cost nothing. */
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.message"), ==, 202);

  /* Public types cost 1 for a viewer; the budget is 10. */
  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      g_autofree char *condition
        = g_strdup_printf ("{\"broadcaster_user_id\":\"%s\"}", channels[i]);

      g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "stream.online", "1",
                                   condition, NULL), ==, 202);
      g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "stream.offline", "1",
                                   condition, NULL), ==, 202);
      n += 2;
    }
  g_assert_cmpuint (n, ==, 10);

  helix (f, &reply, "GET", "/eventsub/subscriptions", NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  root = reply_object (&reply);
  g_assert_cmpint (json_object_get_int_member (root, "total"), ==, 11);
  g_assert_cmpint (json_object_get_int_member (root, "total_cost"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (root, "max_total_cost"), ==, 10);

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.update", "2",
                               ONLINE_CONDITION, NULL), ==, 429);
  /* Cost-0 types still fit. */
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.clear"), ==, 202);
}

static void
test_broadcaster_cost_zero (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_auto(Reply) reply = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"type\":\"stream.online\",\"version\":\"1\","
                                           "\"condition\":" ONLINE_CONDITION ",\"transport\":"
                                           "{\"method\":\"websocket\",\"session_id\":\"%s\"}}",
                                           ws->session_id);

  http (f, &reply, "POST", "/helix/eventsub/subscriptions", LURK_SIM_BROADCASTER_TOKEN,
        LURK_SIM_CLIENT_ID, body);
  g_assert_cmpuint (reply.status, ==, 202);
  g_assert_cmpint (json_object_get_int_member (reply_first_data (&reply), "cost"), ==, 0);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 409);
}

static void
test_forbidden (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_auto(Reply) minted = { 0 };
  const char *token;

  /* A viewer cannot subscribe to broadcaster-only types, nor read chat as someone else. */
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.subscribe", "1",
                               ONLINE_CONDITION, NULL), ==, 403);
  g_assert_cmpuint (
    subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.follow", "2",
               "{\"broadcaster_user_id\":\"90000100\",\"moderator_user_id\":\"90000001\"}", NULL),
    ==, 403);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.message", "1",
                               "{\"broadcaster_user_id\":\"90000100\",\"user_id\":\"90000201\"}",
                               NULL), ==, 403);

  /* The broadcaster may, with the scope. */
  g_assert_cmpuint (subscribe (f, LURK_SIM_BROADCASTER_TOKEN, ws->session_id, "channel.subscribe",
                               "1", ONLINE_CONDITION, NULL), ==, 202);

  /* Without the scope, even the broadcaster gets 403. */
  http (f, &minted, "POST", "/sim/tokens", NULL, NULL,
        "{\"login\":\"lurkstream\",\"scopes\":[\"user:read:chat\"]}");
  g_assert_cmpuint (minted.status, ==, 200);
  token = json_object_get_string_member (reply_object (&minted), "access_token");
  g_assert_cmpuint (subscribe (f, token, ws->session_id, "channel.cheer", "1", ONLINE_CONDITION,
                               NULL), ==, 403);

  /* And a chat token without user:read:chat gets 403 for chat types. */
  {
    g_auto(Reply) bare = { 0 };

    http (f, &bare, "POST", "/sim/tokens", NULL, NULL, "{\"login\":\"lurkdemo\",\"scopes\":[]}");
    g_assert_cmpuint (
      subscribe (f, json_object_get_string_member (reply_object (&bare), "access_token"),
                 ws->session_id, "channel.chat.message", "1", CHAT_CONDITION, NULL),
      ==, 403);
  }
}

/* The broadcaster-only types whose scope a broadcaster sign-in once forgot to ask for: each
 * is refused with 403 when the token lacks its scope, even on the broadcaster's own token,
 * and accepted once the token has it. */
static void
test_forbidden_without_scope (Fixture       *f,
                              gconstpointer  data)
{
  static const struct
  {
    const char *type;
    const char *scope;
  } cases[] = {
    { "channel.ban", "channel:moderate" },
    { "channel.unban", "channel:moderate" },
    { "channel.moderator.add", "moderation:read" },
    { "channel.moderator.remove", "moderation:read" },
    { "channel.vip.add", "channel:read:vips" },
    { "channel.vip.remove", "channel:read:vips" },
  };
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_auto(Reply) without = { 0 };
  const char *without_token;

  /* every scope Lurk asked for before, none of these three */
  http (f, &without, "POST", "/sim/tokens", NULL, NULL,
        "{\"login\":\"lurkstream\",\"scopes\":[\"user:read:chat\","
        "\"moderator:read:followers\",\"channel:read:subscriptions\",\"bits:read\","
        "\"channel:read:redemptions\",\"channel:read:polls\",\"channel:read:predictions\","
        "\"channel:read:hype_train\",\"channel:read:goals\",\"channel:read:charity\","
        "\"channel:read:ads\",\"moderator:read:shoutouts\"]}");
  g_assert_cmpuint (without.status, ==, 200);
  without_token = json_object_get_string_member (reply_object (&without), "access_token");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Reply) with = { 0 };
      g_autofree char *mint = g_strdup_printf ("{\"login\":\"lurkstream\",\"scopes\":"
                                               "[\"%s\"]}", cases[i].scope);

      g_test_message ("%s needs %s", cases[i].type, cases[i].scope);
      g_assert_cmpuint (subscribe (f, without_token, ws->session_id, cases[i].type, "1",
                                   ONLINE_CONDITION, NULL), ==, 403);

      http (f, &with, "POST", "/sim/tokens", NULL, NULL, mint);
      g_assert_cmpuint (with.status, ==, 200);
      g_assert_cmpuint (subscribe (f, json_object_get_string_member (reply_object (&with),
                                                                     "access_token"),
                                   ws->session_id, cases[i].type, "1", ONLINE_CONDITION, NULL),
                        ==, 202);
    }
}

/* A subscribe that names a session whose socket is gone: Twitch's 400 and its wording
 * (Teekeks/pyTwitchAPI#291), which a client must tell from a refused type. */
static void
test_session_gone (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autofree char *body = NULL;
  g_autofree char *session_id = g_strdup (ws->session_id);
  const char *bodies_session[] = { "no-such-session", session_id };

  soup_websocket_connection_close (ws->conn, 1000, NULL);
  g_assert_true (ws_wait_closed (ws, 2000));
  ws_pump (100);

  for (guint i = 0; i < G_N_ELEMENTS (bodies_session); i++)
    {
      g_auto(Reply) reply = { 0 };

      g_free (body);
      body = g_strdup_printf ("{\"type\":\"stream.online\",\"version\":\"1\","
                              "\"condition\":" ONLINE_CONDITION ",\"transport\":"
                              "{\"method\":\"websocket\",\"session_id\":\"%s\"}}",
                              bodies_session[i]);
      helix (f, &reply, "POST", "/eventsub/subscriptions", body);
      g_assert_cmpuint (reply.status, ==, 400);
      g_assert_cmpstr (json_object_get_string_member (reply_object (&reply), "message"), ==,
                       "websocket transport session does not exist or has already "
                       "disconnected");
    }
}

static gint64
timestamp_of (JsonObject *message)
{
  const char *stamp = json_object_get_string_member (
    json_object_get_object_member (message, "metadata"), "message_timestamp");
  g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (stamp, NULL);

  g_assert_nonnull (parsed);
  return g_date_time_to_unix (parsed);
}

/* POST /sim/clock {"timestamp_offset_seconds": N} moves every message_timestamp by N seconds
 * (keepalives and notifications alike), the way a client sees its own clock jump by -N. */
static void
test_message_clock (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) keepalive = NULL;
  g_autoptr(JsonObject) notification = NULL;
  g_autoptr(JsonObject) old = NULL;
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) bad = { 0 };
  g_autofree char *id = NULL;
  gint64 now;

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  http (f, &reply, "POST", "/sim/clock", NULL, NULL, "{\"timestamp_offset_seconds\":-900}");
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "timestamp_offset_seconds"),
                   ==, -900);
  /* the OAuth clock is another clock: untouched */
  g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "offset_seconds"), ==, 0);

  keepalive = ws_next_of_type (ws, "session_keepalive", 2000);
  g_assert_nonnull (keepalive);
  now = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpint (timestamp_of (keepalive), <=, now - 900 + 2);
  g_assert_cmpint (timestamp_of (keepalive), >=, now - 900 - 2);

  id = trigger_notice (f, "sub");
  notification = ws_next_of_type (ws, "notification", 2000);
  g_assert_cmpstr (message_id_of (notification), ==, id);
  now = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpint (timestamp_of (notification), <=, now - 900 + 2);
  g_assert_cmpint (timestamp_of (notification), >=, now - 900 - 2);

  /* age_seconds counts on the message clock: 700 s old by the shifted clock */
  {
    g_auto(Reply) aged = { 0 };

    http (f, &aged, "POST", "/sim/trigger", NULL, NULL,
          "{\"type\":\"channel.chat.notification\",\"notice_type\":\"sub\","
          "\"age_seconds\":700}");
    g_assert_cmpuint (aged.status, ==, 200);
    old = ws_next_of_type (ws, "notification", 2000);
    now = g_get_real_time () / G_USEC_PER_SEC;
    g_assert_cmpint (timestamp_of (old), <=, now - 1600 + 2);
    g_assert_cmpint (timestamp_of (old), >=, now - 1600 - 2);
  }

  http (f, &bad, "POST", "/sim/clock", NULL, NULL, "{\"timestamp_offset_seconds\":\"x\"}");
  g_assert_cmpuint (bad.status, ==, 400);
}

static void
test_gone_and_bad_type (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.update", "1",
                               ONLINE_CONDITION, NULL), ==, 410);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.message", "7",
                               CHAT_CONDITION, NULL), ==, 410);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.nonsense", "1",
                               ONLINE_CONDITION, NULL), ==, 400);
}

static void
test_bad_requests (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  static const char *bodies[] = {
    "{",
    "[]",
    "\"text\"",
    "{\"type\":1,\"version\":\"1\"}",
    "{\"type\":\"stream.online\",\"version\":\"1\"}",
    "{\"type\":\"stream.online\",\"version\":\"1\",\"condition\":{},\"transport\":{\"method\":"
    "\"websocket\",\"session_id\":\"x\"}}",
    "{\"type\":\"stream.online\",\"version\":\"1\",\"condition\":{\"broadcaster_user_id\":\"1\"},"
    "\"transport\":{\"method\":\"websocket\"}}",
    "{\"type\":\"stream.online\",\"version\":\"1\",\"condition\":{\"broadcaster_user_id\":\"1\"},"
    "\"transport\":{\"method\":\"webhook\"}}",
    "{\"type\":\"stream.online\",\"version\":\"1\",\"condition\":[1],\"transport\":{}}",
  };
  g_autofree char *unknown_user = NULL;
  g_autofree char *raid_both = NULL;
  g_autofree char *bad_value = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_auto(Reply) reply = { 0 };

      helix (f, &reply, "POST", "/eventsub/subscriptions", bodies[i]);
      g_assert_cmpuint (reply.status, ==, 400);
      g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "status"), ==, 400);
      g_assert_cmpstr (json_object_get_string_member (reply_object (&reply), "error"), ==,
                       "Bad Request");
    }

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, "no-such-session", "stream.online", "1",
                               ONLINE_CONDITION, NULL), ==, 400);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "stream.online", "1",
                               "{\"broadcaster_user_id\":\"123\"}", NULL), ==, 400);
  g_assert_cmpuint (
    subscribe (
      f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.raid", "1",
      "{\"to_broadcaster_user_id\":\"90000100\",\"from_broadcaster_user_id\":\"90000101\"}", NULL),
    ==, 400);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "stream.online", "1",
                               "{\"broadcaster_user_id\":90000100}", NULL), ==, 400);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.raid", "1",
                               "{\"to_broadcaster_user_id\":\"90000100\"}", NULL), ==, 202);
}

static void
test_connection_limit (Fixture       *f,
                       gconstpointer  data)
{
  Ws *sessions[4];

  for (guint i = 0; i < 4; i++)
    {
      sessions[i] = open_session (f, NULL);
      g_assert_cmpuint (subscribe_chat (f, sessions[i], i % 2 ? "channel.chat.message"
                                                              : "channel.chat.notification"),
                        ==, i < 3 ? 202 : 429);
    }

  /* Once one connection is gone, another may take its place. */
  soup_websocket_connection_close (sessions[0]->conn, 1000, NULL);
  g_assert_true (ws_wait_closed (sessions[0], 2000));
  ws_pump (50);
  g_assert_cmpuint (subscribe_chat (f, sessions[3], "channel.chat.clear"), ==, 202);

  for (guint i = 0; i < 4; i++)
    ws_free (sessions[i]);
}

static void
test_per_connection_limit (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(Ws) other = open_session (f, NULL);

  /* The seeded world cannot reach 300 distinct free subscriptions; the cap is lowered to 3. */
  control (f, "/sim/config", "{\"max_subscriptions_per_connection\":3}");
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.message"), ==, 202);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.clear"), ==, 202);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.message_delete"), ==, 429);
  /* Per connection: another connection of the same user still has room. */
  g_assert_cmpuint (subscribe_chat (f, other, "channel.chat.message_delete"), ==, 202);
}

static void
test_list_and_delete (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_auto(Reply) reply = { 0 };
  g_autofree char *id = NULL;
  g_autofree char *path = NULL;
  JsonObject *root;

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.chat.message", "1",
                               CHAT_CONDITION, &id), ==, 202);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);

  helix (f, &reply, "GET", "/eventsub/subscriptions?first=1", NULL);
  root = reply_object (&reply);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "data")), ==, 1);
  g_assert_cmpint (json_object_get_int_member (root, "total"), ==, 2);
  g_assert_true (
    json_object_has_member (json_object_get_object_member (root, "pagination"), "cursor"));

  helix (f, &reply, "GET", "/eventsub/subscriptions?type=channel.chat.message", NULL);
  g_assert_cmpstr (json_object_get_string_member (reply_first_data (&reply), "id"), ==, id);

  helix (f, &reply, "GET", "/eventsub/subscriptions?type=channel.chat.message&status=enabled",
         NULL);
  g_assert_cmpuint (reply.status, ==, 400);

  path = g_strdup_printf ("/eventsub/subscriptions?id=%s", id);
  helix (f, &reply, "DELETE", path, NULL);
  g_assert_cmpuint (reply.status, ==, 204);
  helix (f, &reply, "DELETE", path, NULL);
  g_assert_cmpuint (reply.status, ==, 404);
  helix (f, &reply, "DELETE", "/eventsub/subscriptions", NULL);
  g_assert_cmpuint (reply.status, ==, 400);

  helix (f, &reply, "GET", "/eventsub/subscriptions", NULL);
  g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "total"), ==, 1);
}

static void
test_notice_types (Fixture       *f,
                   gconstpointer  data)
{
  static const char *notice_types[] = {
    "sub", "resub", "sub_gift", "community_sub_gift", "gift_paid_upgrade", "prime_paid_upgrade",
    "raid", "unraid", "pay_it_forward", "announcement", "bits_badge_tier", "charity_donation",
    "shared_chat_sub", "shared_chat_resub", "shared_chat_sub_gift",
    "shared_chat_community_sub_gift", "shared_chat_gift_paid_upgrade",
    "shared_chat_prime_paid_upgrade", "shared_chat_raid", "shared_chat_pay_it_forward",
    "shared_chat_announcement",
  };
  g_autoptr(Ws) ws = open_session (f, NULL);

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  for (guint i = 0; i < G_N_ELEMENTS (notice_types); i++)
    {
      g_autofree char *id = trigger_notice (f, notice_types[i]);
      g_autoptr(JsonObject) message = ws_next_of_type (ws, "notification", 1000);
      JsonObject *event = event_of (message);
      JsonNode *detail;

      g_assert_cmpstr (message_id_of (message), ==, id);
      g_assert_cmpstr (json_object_get_string_member (event, "notice_type"), ==, notice_types[i]);
      detail = json_object_get_member (event, notice_types[i]);
      g_assert_nonnull (detail);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (detail));
      if (!g_str_has_suffix (notice_types[i], "announcement"))
        g_assert_cmpuint (strlen (json_object_get_string_member (event, "system_message")), >, 10);
      if (g_str_has_prefix (notice_types[i], "shared_chat_"))
        g_assert_nonnull (json_object_get_string_member (event, "source_broadcaster_user_id"));
      else
        g_assert_true (json_object_get_null_member (event, "source_broadcaster_user_id"));
    }

  /* A newer notice type without an object of its own: only system_message tells what it is. */
  {
    g_autofree char *id = trigger_notice (f, "watch_streak");
    g_autoptr(JsonObject) message = ws_next_of_type (ws, "notification", 1000);
    JsonObject *event = event_of (message);

    g_assert_cmpstr (json_object_get_string_member (event, "notice_type"), ==, "watch_streak");
    g_assert_false (json_object_has_member (event, "watch_streak"));
    g_assert_nonnull (strstr (json_object_get_string_member (event, "system_message"),
                              "watch streak"));
  }
}

static void
test_trigger_merge (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) message = NULL;
  JsonObject *event;

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  control (f, "/sim/trigger",
           "{\"type\":\"channel.chat.notification\",\"notice_type\":\"sub\","
           "\"event\":{\"chatter_user_name\":\"Merged\",\"sub\":{\"sub_tier\":\"3000\"}}}");
  message = ws_next_of_type (ws, "notification", 1000);
  event = event_of (message);
  g_assert_cmpstr (json_object_get_string_member (event, "chatter_user_name"), ==, "Merged");
  g_assert_cmpstr (
    json_object_get_string_member (json_object_get_object_member (event, "sub"), "sub_tier"), ==,
    "3000");
  g_assert_true (json_object_has_member (json_object_get_object_member (event, "sub"), "is_prime"));
}

static void
test_raid_directions (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_autoptr(JsonObject) in = NULL;
  g_autoptr(JsonObject) out = NULL;
  g_autofree char *in_id = NULL;
  g_autofree char *out_id = NULL;

  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.raid", "1",
                               "{\"to_broadcaster_user_id\":\"" LURK_SIM_BROADCASTER_ID "\"}",
                               &in_id), ==, 202);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.raid", "1",
                               "{\"from_broadcaster_user_id\":\"" LURK_SIM_BROADCASTER_ID "\"}",
                               &out_id), ==, 202);

  control (f, "/sim/trigger", "{\"type\":\"channel.raid\"}");
  in = ws_next_of_type (ws, "notification", 1000);
  g_assert_cmpstr (json_object_get_string_member (event_of (in), "to_broadcaster_user_login"), ==,
                   "lurkstream");
  g_assert_cmpint (json_object_get_int_member (event_of (in), "viewers"), >, 0);

  control (f, "/sim/trigger", "{\"type\":\"channel.raid\",\"raid_to\":\"cozyotter\"}");
  out = ws_next_of_type (ws, "notification", 1000);
  g_assert_cmpstr (json_object_get_string_member (event_of (out), "from_broadcaster_user_login"),
                   ==, "lurkstream");
  g_assert_cmpstr (json_object_get_string_member (event_of (out), "to_broadcaster_user_login"), ==,
                   "cozyotter");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     json_object_get_object_member (out, "payload"), "subscription"), "id"), ==,
                   out_id);
}

static void
test_every_type_generates (Fixture       *f,
                           gconstpointer  data)
{
  static const char *types[] = {
    "stream.online", "stream.offline", "channel.update", "channel.raid",
    "channel.shared_chat.begin", "channel.shared_chat.update", "channel.shared_chat.end",
    "channel.chat.message", "channel.chat.clear", "channel.chat.clear_user_messages",
    "channel.chat.message_delete", "channel.chat_settings.update", "channel.follow",
    "channel.subscribe", "channel.subscription.end", "channel.subscription.gift",
    "channel.subscription.message", "channel.cheer",
    "channel.channel_points_custom_reward_redemption.add", "channel.poll.begin",
    "channel.poll.progress", "channel.poll.end", "channel.prediction.begin",
    "channel.prediction.progress", "channel.prediction.lock", "channel.prediction.end",
    "channel.hype_train.begin", "channel.hype_train.progress", "channel.hype_train.end",
    "channel.goal.begin", "channel.goal.progress", "channel.goal.end",
    "channel.charity_campaign.donate", "channel.charity_campaign.start",
    "channel.charity_campaign.progress", "channel.charity_campaign.stop",
    "channel.ad_break.begin", "channel.shoutout.create", "channel.shoutout.receive",
    "channel.ban", "channel.unban", "channel.moderator.add", "channel.moderator.remove",
    "channel.vip.add", "channel.vip.remove",
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_auto(Reply) reply = { 0 };
      g_autofree char *body = g_strdup_printf ("{\"type\":\"%s\"}", types[i]);

      http (f, &reply, "POST", "/sim/trigger", NULL, NULL, body);
      g_assert_cmpuint (reply.status, ==, 200);
    }
}

static void
test_flood (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(Ws) ws = open_session (f, NULL);
  g_auto(Reply) stats = { 0 };
  guint received = 0;

  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.message"), ==, 202);
  control (f, "/sim/flood", "{\"type\":\"channel.chat.message\",\"count\":3000,\"rate\":0}");
  while (received < 3000)
    {
      g_autoptr(JsonObject) message = ws_next_of_type (ws, "notification", 5000);

      g_assert_nonnull (message);
      received++;
    }

  http (f, &stats, "GET", "/sim/stats", NULL, NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (reply_object (&stats), "notifications_sent"), ==,
                   3000);
  g_assert_cmpint (json_object_get_int_member (reply_object (&stats), "floods_running"), ==, 0);
}

static const char *demo_expected[] = {
  "sub", "resub", "raid", "announcement", "community_sub_gift", "sub_gift",
  "charity_donation", "channel.chat.message", "channel.update", "channel.raid",
  "channel.chat.clear_user_messages", "stream.offline", "stream.online", "shared_chat_sub", NULL
};

static gboolean
seen_all (GHashTable  *seen,
          const char **expected)
{
  for (guint i = 0; expected[i] != NULL; i++)
    if (!g_hash_table_contains (seen, expected[i]))
      return FALSE;

  return TRUE;
}

static void
test_demo_scenario (void)
{
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  Ws *ws;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* At 0.02 the 90-second loop takes under 2 s. */
  f->sim = lurk_sim_new ();
  lurk_sim_set_scenario (f->sim, "demo");
  lurk_sim_set_time_scale (f->sim, TEST_TIME_SCALE);
  /* as in fixture_setup: under valgrind the seven subscriptions outlast a scaled ping
   * interval or subscribe window, and the closed session refused the rest (400) */
  lurk_sim_set_require_subscription (f->sim, FALSE);
  lurk_sim_set_ping_interval (f->sim, 0);
  g_assert_true (lurk_sim_start_in_thread (f->sim, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  f->url = lurk_sim_get_url (f->sim);
  f->session = soup_session_new ();

  ws = open_session (f, NULL);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.notification"), ==, 202);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.message"), ==, 202);
  g_assert_cmpuint (subscribe_chat (f, ws, "channel.chat.clear_user_messages"), ==, 202);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "stream.online", "1",
                               ONLINE_CONDITION, NULL), ==, 202);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "stream.offline", "1",
                               ONLINE_CONDITION, NULL), ==, 202);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.update", "2",
                               ONLINE_CONDITION, NULL), ==, 202);
  g_assert_cmpuint (subscribe (f, LURK_SIM_DEMO_TOKEN, ws->session_id, "channel.raid", "1",
                               "{\"to_broadcaster_user_id\":\"" LURK_SIM_BROADCASTER_ID "\"}",
                               NULL),
                    ==, 202);

  /* A whole loop: going live again after a break, and much on the way. A slow client
   * (valgrind) that subscribed after the loop had begun sees it all by the next going-live. */
  for (guint n_online = 0; n_online < 2 && !seen_all (seen, demo_expected);)
    {
      g_autoptr(JsonObject) message = ws_next_of_type (ws, "notification", 6000);
      JsonObject *event;
      const char *type;

      g_assert_nonnull (message);
      event = event_of (message);
      type = json_object_get_string_member (json_object_get_object_member (message, "metadata"),
                                            "subscription_type");
      if (g_str_equal (type, "channel.chat.notification"))
        g_hash_table_add (seen, g_strdup (json_object_get_string_member (event, "notice_type")));
      else
        g_hash_table_add (seen, g_strdup (type));

      if (g_str_equal (type, "stream.online"))
        n_online++;
    }

  for (guint i = 0; demo_expected[i] != NULL; i++)
    if (!g_hash_table_contains (seen, demo_expected[i]))
      g_error ("the demo scenario never sent %s", demo_expected[i]);

  ws_free (ws);
  fixture_teardown (f, NULL);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/lurk/sim/new-destroy", test_new_destroy);
  g_test_add_func ("/lurk/sim/start-errors", test_start_errors);
  g_test_add_func ("/lurk/sim/seed", test_seed);
  ADD ("/lurk/sim/ws/welcome", test_welcome);
  ADD ("/lurk/sim/ws/keepalive-clamp", test_keepalive_clamp);
  ADD ("/lurk/sim/ws/keepalive", test_keepalive);
  ADD ("/lurk/sim/ws/keepalive-silenced", test_keepalive_silenced);
  ADD ("/lurk/sim/ws/close-4001-inbound-data", test_close_4001);
  ADD ("/lurk/sim/ws/close-4001-client-ping", test_client_ping_4001);
  ADD ("/lurk/sim/ws/close-4002-no-pong", test_close_4002);
  ADD ("/lurk/sim/ws/pong-keeps-open", test_pong_keeps_open);
  ADD ("/lurk/sim/ws/close-4003-unused", test_close_4003);
  ADD ("/lurk/sim/ws/subscribed-in-time", test_subscribed_in_time);
  ADD ("/lurk/sim/ws/close-code", test_close_code);
  ADD ("/lurk/sim/ws/drop", test_drop);
  ADD ("/lurk/sim/ws/disconnect-disables", test_disconnect_disables);
  ADD ("/lurk/sim/ws/reconnect", test_reconnect);
  ADD ("/lurk/sim/ws/reconnect-late-4004", test_reconnect_late);
  ADD ("/lurk/sim/ws/reconnect-invalid-4007", test_reconnect_invalid);
  ADD ("/lurk/sim/ws/revocation", test_revocation);
  ADD ("/lurk/sim/ws/refresh-reuse-revokes", test_refresh_reuse_revokes);
  ADD ("/lurk/sim/ws/duplicate", test_duplicate);
  ADD ("/lurk/sim/ws/notification-shape", test_notification_shape);
  ADD ("/lurk/sim/ws/flood", test_flood);
  ADD ("/lurk/sim/eventsub/costs", test_costs);
  ADD ("/lurk/sim/eventsub/broadcaster-cost-zero", test_broadcaster_cost_zero);
  ADD ("/lurk/sim/eventsub/409-conflict", test_conflict);
  ADD ("/lurk/sim/eventsub/403-forbidden", test_forbidden);
  ADD ("/lurk/sim/eventsub/403-without-scope", test_forbidden_without_scope);
  ADD ("/lurk/sim/eventsub/400-session-gone", test_session_gone);
  ADD ("/lurk/sim/ws/message-clock", test_message_clock);
  ADD ("/lurk/sim/eventsub/410-gone", test_gone_and_bad_type);
  ADD ("/lurk/sim/eventsub/400-bad-requests", test_bad_requests);
  ADD ("/lurk/sim/eventsub/connection-limit", test_connection_limit);
  ADD ("/lurk/sim/eventsub/per-connection-limit", test_per_connection_limit);
  ADD ("/lurk/sim/eventsub/list-and-delete", test_list_and_delete);
  ADD ("/lurk/sim/payloads/notice-types", test_notice_types);
  ADD ("/lurk/sim/payloads/trigger-merge", test_trigger_merge);
  ADD ("/lurk/sim/payloads/every-type", test_every_type_generates);
  ADD ("/lurk/sim/payloads/raid-directions", test_raid_directions);
  g_test_add_func ("/lurk/sim/scenario/demo", test_demo_scenario);
#undef ADD

  return g_test_run ();
}
