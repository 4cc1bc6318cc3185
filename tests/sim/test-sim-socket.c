/* test-sim-socket.c: lurk-sim's hand-written WebSocket framing, over a socket pair
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <locale.h>
#include <string.h>
#include <sys/socket.h>

#include "lurk-sim-socket.h"

typedef struct
{
  LurkSimSocket *socket;
  GSocket *peer;          /* the "client" end, blocking */
  GByteArray *inbuf;      /* what the peer received and has not parsed yet */
  guint data_frames;
  guint pongs;
  gint closed_code;
} Fixture;

static void
on_data_frame (LurkSimSocket *socket,
               gpointer       user_data)
{
  ((Fixture *)user_data)->data_frames++;
}

static void
on_pong (LurkSimSocket *socket,
         gpointer       user_data)
{
  ((Fixture *)user_data)->pongs++;
}

static void
on_closed (LurkSimSocket *socket,
           gushort        code,
           gpointer       user_data)
{
  ((Fixture *)user_data)->closed_code = code;
}

static const LurkSimSocketHandlers handlers = {
  .data_frame = on_data_frame,
  .pong = on_pong,
  .closed = on_closed,
};

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  int fds[2];
  g_autoptr(GSocket) server = NULL;
  g_autoptr(GSocketConnection) conn = NULL;

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM, 0, fds), ==, 0);
  server = g_socket_new_from_fd (fds[0], NULL);
  f->peer = g_socket_new_from_fd (fds[1], NULL);
  g_assert_nonnull (server);
  g_assert_nonnull (f->peer);
  g_socket_set_timeout (f->peer, 5);

  conn = g_socket_connection_factory_create_connection (server);
  f->socket = lurk_sim_socket_new (G_IO_STREAM (conn), server);
  f->closed_code = -1;
  f->inbuf = g_byte_array_new ();
  lurk_sim_socket_set_handlers (f->socket, &handlers, f);
  lurk_sim_socket_start (f->socket);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  lurk_sim_socket_set_handlers (f->socket, NULL, NULL);
  lurk_sim_socket_drop (f->socket);
  /* Cancelled reads and writes hold references until they report. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (f->socket);
  g_clear_object (&f->peer);
  g_clear_pointer (&f->inbuf, g_byte_array_unref);
}

static void
pump_until (gboolean *condition,
            guint     timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (!*condition && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (200);
}

/* Reads one server frame from the peer (blocking, iterating the loop so the server writes). */
static guint8
read_frame (Fixture  *f,
            GBytes  **payload)
{
  GByteArray *buffer = f->inbuf;
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (;;)
    {
      if (buffer->len >= 2)
        {
          const guint8 *b = buffer->data;
          guint64 len = b[1] & 0x7f;
          gsize header = 2;

          g_assert_cmpuint (b[1] & 0x80, ==, 0);   /* server frames are not masked */
          if (len == 126 && buffer->len >= 4)
            {
              len = ((guint64)b[2] << 8) | b[3];
              header = 4;
            }
          else if (len == 127 && buffer->len >= 10)
            {
              len = 0;
              for (int i = 0; i < 8; i++)
                len = (len << 8) | b[2 + i];
              header = 10;
            }
          if ((b[1] & 0x7f) < 126 || header > 2)
            if (buffer->len >= header + len)
              {
                guint8 first = b[0];

                *payload = g_bytes_new (b + header, len);
                g_byte_array_remove_range (buffer, 0, header + len);
                return first;
              }
        }

      g_main_context_iteration (NULL, FALSE);
      if (g_socket_condition_check (f->peer, G_IO_IN) & G_IO_IN)
        {
          guint8 chunk[65536];
          gssize n = g_socket_receive (f->peer, (char *)chunk, sizeof chunk, NULL, NULL);

          g_assert_cmpint (n, >, 0);
          g_byte_array_append (buffer, chunk, n);
        }
      else
        {
          g_usleep (200);
        }
      g_assert_cmpint (g_get_monotonic_time (), <, end);
    }
}

static void
send_client_frame (Fixture      *f,
                   guint8        first,
                   const void   *data,
                   gsize         len,
                   gboolean      masked,
                   gboolean      byte_by_byte)
{
  static const guint8 mask[4] = { 0x12, 0x34, 0x56, 0x78 };
  g_autoptr(GByteArray) frame = g_byte_array_new ();
  guint8 header[2] = { first, (masked ? 0x80 : 0) | (guint8)len };

  g_assert_cmpuint (len, <, 126);
  g_byte_array_append (frame, header, 2);
  if (masked)
    g_byte_array_append (frame, mask, 4);
  for (gsize i = 0; i < len; i++)
    {
      guint8 c = ((const guint8 *)data)[i] ^ (masked ? mask[i % 4] : 0);

      g_byte_array_append (frame, &c, 1);
    }

  if (byte_by_byte)
    {
      for (guint i = 0; i < frame->len; i++)
        {
          g_assert_cmpint (g_socket_send (f->peer, (char *)frame->data + i, 1, NULL, NULL), ==, 1);
          for (int k = 0; k < 3; k++)
            g_main_context_iteration (NULL, FALSE);
        }
    }
  else
    {
      g_assert_cmpint (g_socket_send (f->peer, (char *)frame->data, frame->len, NULL, NULL), ==,
                       frame->len);
    }
}

static void
test_text_lengths (Fixture       *f,
                   gconstpointer  data)
{
  static const gsize lengths[] = { 0, 5, 125, 126, 65535, 65536, 300000 };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autofree char *text = g_malloc (lengths[i] + 1);
      g_autoptr(GBytes) payload = NULL;

      memset (text, 'a' + i, lengths[i]);
      lurk_sim_socket_send_text (f->socket, text, lengths[i]);
      g_assert_cmphex (read_frame (f, &payload), ==, 0x81);
      g_assert_cmpuint (g_bytes_get_size (payload), ==, lengths[i]);
      if (lengths[i] > 0)
        g_assert_cmpmem (g_bytes_get_data (payload, NULL), lengths[i], text, lengths[i]);
    }
  g_assert_cmpuint (lurk_sim_socket_get_pending (f->socket), ==, 0);
}

static void
test_data_frame_reported (Fixture       *f,
                          gconstpointer  data)
{
  gboolean seen = FALSE;

  /* Split across reads, one byte at a time. */
  send_client_frame (f, 0x81, "hello", 5, TRUE, TRUE);
  while (!seen)
    {
      pump_until (&seen, 50);
      seen = f->data_frames == 1;
    }
  g_assert_cmpuint (f->data_frames, ==, 1);
}

static void
test_ping_pong (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(GBytes) ping = NULL;
  gboolean got_pong = FALSE;

  send_client_frame (f, 0x89, "abc", 3, TRUE, FALSE);
  g_assert_cmphex (read_frame (f, &payload), ==, 0x8A);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), g_bytes_get_size (payload), "abc", 3);

  lurk_sim_socket_ping (f->socket);
  g_assert_cmphex (read_frame (f, &ping), ==, 0x89);
  send_client_frame (f, 0x8A, g_bytes_get_data (ping, NULL), g_bytes_get_size (ping), TRUE, FALSE);
  while (!got_pong)
    {
      pump_until (&got_pong, 50);
      got_pong = f->pongs == 1;
    }
}

static void
test_server_close (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) payload = NULL;
  const guint8 *b;
  gboolean closed = FALSE;

  lurk_sim_socket_send_text (f->socket, "last", 4);
  lurk_sim_socket_close (f->socket, 4002, "failed ping-pong");
  g_assert_false (lurk_sim_socket_is_open (f->socket));
  /* Nothing is sent after the close frame. */
  lurk_sim_socket_send_text (f->socket, "ignored", 7);

  g_clear_pointer (&payload, g_bytes_unref);
  g_assert_cmphex (read_frame (f, &payload), ==, 0x81);
  g_clear_pointer (&payload, g_bytes_unref);
  g_assert_cmphex (read_frame (f, &payload), ==, 0x88);
  b = g_bytes_get_data (payload, NULL);
  g_assert_cmpuint ((b[0] << 8) | b[1], ==, 4002);
  g_assert_cmpmem (b + 2, g_bytes_get_size (payload) - 2, "failed ping-pong", 16);

  while (!closed)
    {
      pump_until (&closed, 50);
      closed = f->closed_code == 4002;
    }
}

static void
test_client_close (Fixture       *f,
                   gconstpointer  data)
{
  guint8 code[2] = { 1000 >> 8, 1000 & 0xff };
  g_autoptr(GBytes) payload = NULL;
  gboolean closed = FALSE;

  send_client_frame (f, 0x88, code, 2, TRUE, FALSE);
  g_assert_cmphex (read_frame (f, &payload), ==, 0x88);
  g_assert_cmpmem (g_bytes_get_data (payload, NULL), 2, code, 2);
  while (!closed)
    {
      pump_until (&closed, 50);
      closed = f->closed_code == 1000;
    }
}

static void
test_unmasked_is_protocol_error (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GBytes) payload = NULL;
  const guint8 *b;

  send_client_frame (f, 0x81, "hi", 2, FALSE, FALSE);
  g_assert_cmphex (read_frame (f, &payload), ==, 0x88);
  b = g_bytes_get_data (payload, NULL);
  g_assert_cmpuint ((b[0] << 8) | b[1], ==, 1002);
  g_assert_cmpuint (f->data_frames, ==, 0);
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  char byte;

  lurk_sim_socket_drop (f->socket);
  g_assert_cmpint (f->closed_code, ==, 1006);
  /* The peer sees the end of the stream, and no close frame. */
  g_assert_cmpint (g_socket_receive (f->peer, &byte, 1, NULL, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, setup, func, teardown)
  ADD ("/lurk/sim/socket/text-lengths", test_text_lengths);
  ADD ("/lurk/sim/socket/data-frame-reported", test_data_frame_reported);
  ADD ("/lurk/sim/socket/ping-pong", test_ping_pong);
  ADD ("/lurk/sim/socket/server-close", test_server_close);
  ADD ("/lurk/sim/socket/client-close", test_client_close);
  ADD ("/lurk/sim/socket/unmasked-is-protocol-error", test_unmasked_is_protocol_error);
  ADD ("/lurk/sim/socket/drop", test_drop);
#undef ADD

  return g_test_run ();
}
