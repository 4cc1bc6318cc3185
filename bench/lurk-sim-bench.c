/* lurk-sim-bench.c: how many notifications a second lurk-sim sends to one client on loopback
 *
 * Starts a simulator in its own thread, connects one plain-socket WebSocket client that only
 * counts frames (so the figure is the server's, not a parser's), subscribes, asks for a flood
 * at rate 0 and times it from the first notification to the last.
 *
 * With "libsoup" as third argument the client is a SoupWebsocketConnection instead (what Lurk
 * uses), which measures the pair.
 *
 * Usage: lurk-sim-bench [COUNT] [TYPE] [libsoup]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>
#include <string.h>

#include "lurk-sim.h"

static guint
post (SoupSession *session,
      const char  *url,
      const char  *token,
      const char  *body)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) payload = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (token != NULL)
    {
      g_autofree char *value = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", value);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Client-Id",
                                    LURK_SIM_CLIENT_ID);
    }
  soup_message_set_request_body_from_bytes (msg, "application/json", payload);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  if (reply == NULL)
    g_error ("POST %s: %s", url, error->message);

  return soup_message_get_status (msg);
}

typedef struct
{
  GInputStream *in;
  GByteArray *buffer;
  gsize offset;
} Reader;

/* Returns the opcode of the next complete frame; the payload stays in the buffer. */
static int
next_frame (Reader  *r,
            char   **text)
{
  for (;;)
    {
      gsize have = r->buffer->len - r->offset;
      const guint8 *b = r->buffer->data + r->offset;

      if (have >= 2)
        {
          guint64 len = b[1] & 0x7f;
          gsize header = 2;

          if (len == 126 && have >= 4)
            {
              len = (b[2] << 8) | b[3];
              header = 4;
            }
          else if (len == 127 && have >= 10)
            {
              len = 0;
              for (int i = 0; i < 8; i++)
                len = (len << 8) | b[2 + i];
              header = 10;
            }
          if ((b[1] & 0x7f) < 126 || header > 2)
            if (have >= header + len)
              {
                int opcode = b[0] & 0x0f;

                if (text != NULL)
                  *text = g_strndup ((const char *)b + header, len);
                r->offset += header + len;
                return opcode;
              }
        }

      if (r->offset > 0)
        {
          g_byte_array_remove_range (r->buffer, 0, r->offset);
          r->offset = 0;
        }

      {
        guint8 chunk[65536];
        gssize n = g_input_stream_read (r->in, chunk, sizeof chunk, NULL, NULL);

        if (n <= 0)
          return -1;
        g_byte_array_append (r->buffer, chunk, n);
      }
    }
}

typedef struct
{
  LurkSim *sim;
  SoupSession *session;
  const char *type;
  guint64 count;
  guint64 received;
  guint64 bytes;
  gint64 first;
  gint64 last;
  GMainLoop *loop;
  gboolean subscribed;
} SoupBench;

static void
subscribe_and_flood (SoupBench  *b,
                     const char *session_id)
{
  g_autofree char *url = g_strconcat (lurk_sim_get_url (b->sim), "/helix/eventsub/subscriptions",
                                      NULL);
  g_autofree char *flood = g_strconcat (lurk_sim_get_url (b->sim), "/sim/flood", NULL);
  g_autofree char *body = NULL;
  g_autofree char *flood_body = NULL;

  body = g_strdup_printf ("{\"type\":\"%s\",\"version\":\"1\",\"condition\":{"
                          "\"broadcaster_user_id\":\"%s\",\"user_id\":\"%s\"},\"transport\":{"
                          "\"method\":\"websocket\",\"session_id\":\"%s\"}}",
                          b->type, LURK_SIM_BROADCASTER_ID, LURK_SIM_DEMO_USER_ID, session_id);
  if (post (b->session, url, LURK_SIM_DEMO_TOKEN, body) != 202)
    g_error ("subscription refused");

  flood_body = g_strdup_printf ("{\"type\":\"%s\",%s\"count\":%" G_GUINT64_FORMAT ",\"rate\":0}",
                                b->type, g_str_equal (b->type, "channel.chat.notification")
                                         ? "\"notice_type\":\"resub\"," : "", b->count);
  if (post (b->session, flood, NULL, flood_body) != 202)
    g_error ("flood refused");
}

static void
soup_message_cb (SoupWebsocketConnection *conn,
                 gint                     kind,
                 GBytes                  *message,
                 gpointer                 user_data)
{
  SoupBench *b = user_data;
  gsize len;
  const char *data = g_bytes_get_data (message, &len);
  g_autofree char *text = g_strndup (data, len);

  if (!b->subscribed)
    {
      const char *start = strstr (text, "\"id\":\"");
      g_autofree char *session_id = NULL;

      if (start == NULL)
        g_error ("no welcome");
      start += 6;
      session_id = g_strndup (start, strchr (start, '"') - start);
      b->subscribed = TRUE;
      subscribe_and_flood (b, session_id);
      return;
    }

  if (strstr (text, "\"message_type\":\"notification\"") == NULL)
    return;
  if (b->received == 0)
    b->first = g_get_monotonic_time ();
  b->received++;
  b->bytes += len;
  if (b->received == b->count)
    {
      b->last = g_get_monotonic_time ();
      g_main_loop_quit (b->loop);
    }
}

static void
soup_connected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SoupBench *b = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *conn = soup_session_websocket_connect_finish (SOUP_SESSION (object),
                                                                         result, &error);

  if (conn == NULL)
    g_error ("%s", error->message);
  soup_websocket_connection_set_max_incoming_payload_size (conn, 0);
  g_signal_connect (conn, "message", G_CALLBACK (soup_message_cb), b);
  g_object_set_data_full (G_OBJECT (b->session), "conn", conn, g_object_unref);
}

static int
run_libsoup (LurkSim    *sim,
             guint64     count,
             const char *type)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *url = g_strdup_printf ("ws://%s/ws",
                                          lurk_sim_get_url (sim) + strlen ("http://"));
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  SoupBench b = { sim, session, type, count, 0, 0, 0, 0, loop, FALSE };
  double seconds;

  soup_session_websocket_connect_async (session, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        soup_connected_cb, &b);
  g_main_loop_run (loop);

  seconds = (b.last - b.first) / 1e6;
  g_print ("lurk-sim flood: %" G_GUINT64_FORMAT " %s notifications (%" G_GUINT64_FORMAT
           " bytes avg) in %.3f s = %.0f notifications/s to one libsoup client on loopback\n",
           b.received, type, b.bytes / MAX (b.received, 1), seconds,
           seconds > 0 ? (b.received - 1) / seconds : 0.0);
  g_object_set_data (G_OBJECT (session), "conn", NULL);
  lurk_sim_stop (sim);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint64 count = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 200000;
  const char *type = argc > 2 ? argv[2] : "channel.chat.notification";
  g_autoptr(LurkSim) sim = lurk_sim_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree char *request = NULL;
  g_autofree char *welcome = NULL;
  g_autofree char *session_id = NULL;
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  const char *host;
  const char *start, *end;
  Reader reader = { 0 };
  gint64 first = 0, last = 0;
  guint64 received = 0, bytes = 0;
  double seconds;
  char *text = NULL;
  int opcode;

  if (count == 0)
    {
      g_printerr ("usage: lurk-sim-bench [COUNT] [TYPE]\n");
      return 2;
    }

  if (!lurk_sim_start_in_thread (sim, "127.0.0.1", 0, &error))
    g_error ("%s", error->message);
  if (argc > 3 && g_str_equal (argv[3], "libsoup"))
    return run_libsoup (sim, count, type);
  host = lurk_sim_get_url (sim) + strlen ("http://");

  conn = g_socket_client_connect_to_host (client, host, 0, NULL, &error);
  if (conn == NULL)
    g_error ("%s", error->message);
  request
    = g_strdup_printf ("GET /ws HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
                       "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                       "Sec-WebSocket-Version: 13\r\n\r\n",
                       host);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (conn)), request,
                             strlen (request), NULL, NULL, NULL);

  reader.in = g_io_stream_get_input_stream (G_IO_STREAM (conn));
  reader.buffer = buffer;
  while (buffer->len == 0 ||
         (end = g_strstr_len ((const char *)buffer->data, buffer->len, "\r\n\r\n")) == NULL)
    {
      guint8 chunk[4096];
      gssize n = g_input_stream_read (reader.in, chunk, sizeof chunk, NULL, NULL);

      if (n <= 0)
        g_error ("no handshake");
      g_byte_array_append (buffer, chunk, n);
    }
  reader.offset = end + 4 - (const char *)buffer->data;

  if (next_frame (&reader, &welcome) != 1 || (start = strstr (welcome, "\"id\":\"")) == NULL)
    g_error ("no welcome");
  start += 6;
  session_id = g_strndup (start, strchr (start, '"') - start);

  url = g_strconcat (lurk_sim_get_url (sim), "/helix/eventsub/subscriptions", NULL);
  body = g_strdup_printf ("{\"type\":\"%s\",\"version\":\"1\",\"condition\":{"
                          "\"broadcaster_user_id\":\"%s\",\"user_id\":\"%s\"},\"transport\":{"
                          "\"method\":\"websocket\",\"session_id\":\"%s\"}}",
                          type, LURK_SIM_BROADCASTER_ID, LURK_SIM_DEMO_USER_ID, session_id);
  if (post (session, url, LURK_SIM_DEMO_TOKEN, body) != 202)
    g_error ("subscription refused");

  g_free (url);
  g_free (body);
  url = g_strconcat (lurk_sim_get_url (sim), "/sim/flood", NULL);
  body = g_strdup_printf ("{\"type\":\"%s\",%s\"count\":%" G_GUINT64_FORMAT ",\"rate\":0}",
                          type, g_str_equal (type, "channel.chat.notification")
                                ? "\"notice_type\":\"resub\"," : "", count);
  if (post (session, url, NULL, body) != 202)
    g_error ("flood refused");

  while (received < count && (opcode = next_frame (&reader, &text)) >= 0)
    {
      if (opcode == 1 && strstr (text, "\"message_type\":\"notification\"") != NULL)
        {
          if (received == 0)
            first = g_get_monotonic_time ();
          received++;
          bytes += strlen (text);
        }
      g_clear_pointer (&text, g_free);
    }
  last = g_get_monotonic_time ();

  seconds = (last - first) / 1e6;
  g_print ("lurk-sim flood: %" G_GUINT64_FORMAT " %s notifications (%" G_GUINT64_FORMAT
           " bytes avg) in %.3f s = %.0f notifications/s to one client on loopback\n",
           received, type, received ? bytes / received : 0, seconds,
           seconds > 0 ? (received - 1) / seconds : 0.0);

  lurk_sim_stop (sim);
  return received == count ? 0 : 1;
}
