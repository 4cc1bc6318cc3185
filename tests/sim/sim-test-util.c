/* sim-test-util.c: a lurk-sim in its own thread, and small HTTP and WebSocket clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sim-test-util.h"

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->sim = lurk_sim_new ();
  lurk_sim_set_time_scale (f->sim, TEST_TIME_SCALE);
  /* Timing rules that a busy machine could trip are switched on by the tests about them. */
  lurk_sim_set_require_subscription (f->sim, FALSE);
  lurk_sim_set_ping_interval (f->sim, 0);
  g_assert_true (lurk_sim_start_in_thread (f->sim, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  f->url = lurk_sim_get_url (f->sim);
  f->session = soup_session_new ();
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  lurk_sim_stop (f->sim);
  g_assert_finalize_object (f->sim);
  /* Let closed client connections finish. */
  ws_pump (10);
}

void
reply_clear (Reply *reply)
{
  g_clear_pointer (&reply->root, json_node_unref);
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_free);
}

void
http (Fixture    *f,
      Reply      *reply,
      const char *method,
      const char *path,
      const char *token,
      const char *client_id,
      const char *body)
{
  g_autofree char *url = g_strconcat (f->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SoupMessageHeaders *headers;

  g_assert_nonnull (msg);
  reply_clear (reply);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (client_id != NULL)
    soup_message_headers_replace (headers, "Client-Id", client_id);
  if (body != NULL)
    {
      g_autoptr(GBytes) payload = NULL;
      const char *content_type = "application/json";

      if (g_str_has_prefix (body, "form:"))
        {
          body += 5;
          content_type = "application/x-www-form-urlencoded";
        }
      payload = g_bytes_new (body, strlen (body));
      soup_message_set_request_body_from_bytes (msg, content_type, payload);
    }

  bytes = soup_session_send_and_read (f->session, msg, NULL, &error);
  g_assert_no_error (error);

  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  if (bytes != NULL && g_bytes_get_size (bytes) > 0)
    reply->body = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  else
    reply->body = g_strdup ("");
  if (reply->body[0] != 0 && json_parser_load_from_data (parser, reply->body, -1, NULL))
    reply->root = json_node_ref (json_parser_get_root (parser));
}

void
helix (Fixture    *f,
       Reply      *reply,
       const char *method,
       const char *path,
       const char *body)
{
  g_autofree char *full = g_strconcat ("/helix", path, NULL);

  http (f, reply, method, full, LURK_SIM_DEMO_TOKEN, LURK_SIM_CLIENT_ID, body);
}

JsonObject *
reply_object (Reply *reply)
{
  g_assert_nonnull (reply->root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (reply->root));
  return json_node_get_object (reply->root);
}

JsonObject *
reply_first_data (Reply *reply)
{
  JsonArray *data = json_object_get_array_member (reply_object (reply), "data");

  g_assert_nonnull (data);
  g_assert_cmpuint (json_array_get_length (data), >=, 1);
  return json_array_get_object_element (data, 0);
}

void
control (Fixture    *f,
         const char *path,
         const char *body)
{
  g_auto(Reply) reply = { 0 };

  http (f, &reply, "POST", path, NULL, NULL, body ? body : "{}");
  if (reply.status != 200 && reply.status != 202)
    g_error ("POST %s %s → %u %s", path, body, reply.status, reply.body);
}

void
ws_pump (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (500);
    }
}

static void
ws_message_cb (SoupWebsocketConnection *conn,
               gint                     type,
               GBytes                  *message,
               gpointer                 user_data)
{
  Ws *ws = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (message, &len);

  g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  g_queue_push_tail (&ws->messages,
                     json_object_ref (json_node_get_object (json_parser_get_root (parser))));
}

static void
ws_closed_cb (SoupWebsocketConnection *conn,
              gpointer                 user_data)
{
  Ws *ws = user_data;

  ws->closed = TRUE;
  ws->close_code = soup_websocket_connection_get_close_code (conn);
}

typedef struct
{
  SoupWebsocketConnection *conn;
  GError *error;
  gboolean done;
} Connecting;

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connecting *c = user_data;

  c->conn = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &c->error);
  c->done = TRUE;
}

Ws *
ws_connect (Fixture    *f,
            const char *url_or_query)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  Connecting c = { 0 };
  Ws *ws;

  if (url_or_query != NULL && g_str_has_prefix (url_or_query, "ws://"))
    url = g_strdup (url_or_query);
  else
    url = g_strdup_printf ("ws://%s/ws%s", f->url + strlen ("http://"),
                           url_or_query ? url_or_query : "");

  msg = soup_message_new ("GET", url);
  soup_session_websocket_connect_async (f->session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        connected_cb, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (c.error);

  ws = g_new0 (Ws, 1);
  ws->conn = c.conn;
  g_queue_init (&ws->messages);
  /* The client must not ping on its own (that is inbound traffic for EventSub). */
  soup_websocket_connection_set_keepalive_interval (ws->conn, 0);
  g_signal_connect (ws->conn, "message", G_CALLBACK (ws_message_cb), ws);
  g_signal_connect (ws->conn, "closed", G_CALLBACK (ws_closed_cb), ws);

  return ws;
}

void
ws_free (Ws *ws)
{
  g_signal_handlers_disconnect_by_data (ws->conn, ws);
  if (soup_websocket_connection_get_state (ws->conn) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (ws->conn, 1000, NULL);
  g_clear_object (&ws->conn);
  g_queue_clear_full (&ws->messages, (GDestroyNotify)json_object_unref);
  g_free (ws->session_id);
  g_free (ws);
}

/* A wait for something to happen, stretched under valgrind or a sanitizer */
static gint64
deadline_after (guint timeout_ms)
{
  return g_get_monotonic_time () + (gint64)(timeout_ms * lurk_test_slowdown () * 1000);
}

static JsonObject *
ws_next_until (Ws     *ws,
               gint64  end)
{
  while (g_queue_is_empty (&ws->messages) && !ws->closed && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
    }

  return g_queue_pop_head (&ws->messages);
}

JsonObject *
ws_next (Ws    *ws,
         guint  timeout_ms)
{
  return ws_next_until (ws, deadline_after (timeout_ms));
}

const char *
message_type_of (JsonObject *message)
{
  return json_object_get_string_member (json_object_get_object_member (message, "metadata"),
                                        "message_type");
}

JsonObject *
event_of (JsonObject *message)
{
  return json_object_get_object_member (json_object_get_object_member (message, "payload"),
                                        "event");
}

/* Skips keepalives and others until one of message_type arrives. */
JsonObject *
ws_next_of_type (Ws         *ws,
                 const char *message_type,
                 guint       timeout_ms)
{
  gint64 end = deadline_after (timeout_ms);

  for (;;)
    {
      JsonObject *message = ws_next_until (ws, end);

      if (message == NULL)
        return NULL;
      if (g_str_equal (message_type_of (message), message_type))
        return message;
      json_object_unref (message);
    }
}

gboolean
ws_wait_closed (Ws    *ws,
                guint  timeout_ms)
{
  gint64 end = deadline_after (timeout_ms);

  while (!ws->closed && g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
    }

  return ws->closed;
}

guint
subscribe (Fixture    *f,
           const char *token,
           const char *session_id,
           const char *type,
           const char *version,
           const char *condition_json,
           char      **id)
{
  g_auto(Reply) reply = { 0 };
  g_autofree char *body = g_strdup_printf ("{\"type\":\"%s\",\"version\":\"%s\",\"condition\":%s,"
                                           "\"transport\":{\"method\":\"websocket\","
                                           "\"session_id\":\"%s\"}}",
                                           type, version, condition_json, session_id);

  http (f, &reply, "POST", "/helix/eventsub/subscriptions", token, LURK_SIM_CLIENT_ID, body);
  if (id != NULL)
    *id = reply.status == 202
            ? g_strdup (json_object_get_string_member (reply_first_data (&reply), "id"))
            : NULL;
  return reply.status;
}
