/* lurk-sim-socket.c: the server side of one RFC 6455 WebSocket, framed by hand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-socket.h"

#define MAX_FRAME_PAYLOAD (1024 * 1024)
#define READ_CHUNK 16384

struct _LurkSimSocket
{
  GObject parent_instance;

  GIOStream *stream;
  GSocket *socket;
  GCancellable *cancellable;

  GByteArray *inbuf;
  guint8 *readbuf;

  GByteArray *outbuf;
  GBytes *writing;

  LurkSimSocketHandlers handlers;
  gpointer user_data;

  gushort close_code;
  guint started : 1;
  guint close_sent : 1;
  guint close_after_flush : 1;
  guint finished : 1;
};

G_DEFINE_FINAL_TYPE (LurkSimSocket, lurk_sim_socket, G_TYPE_OBJECT)

static void flush_output (LurkSimSocket *self);

static void
lurk_sim_socket_finalize (GObject *object)
{
  LurkSimSocket *self = (LurkSimSocket *)object;

  if (self->socket != NULL)
    g_socket_shutdown (self->socket, TRUE, TRUE, NULL);
  g_io_stream_close (self->stream, NULL, NULL);

  g_clear_object (&self->stream);
  g_clear_object (&self->socket);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->inbuf, g_byte_array_unref);
  g_clear_pointer (&self->outbuf, g_byte_array_unref);
  g_clear_pointer (&self->writing, g_bytes_unref);
  g_clear_pointer (&self->readbuf, g_free);

  G_OBJECT_CLASS (lurk_sim_socket_parent_class)->finalize (object);
}

static void
lurk_sim_socket_class_init (LurkSimSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_sim_socket_finalize;
}

static void
lurk_sim_socket_init (LurkSimSocket *self)
{
  self->cancellable = g_cancellable_new ();
  self->inbuf = g_byte_array_new ();
  self->outbuf = g_byte_array_new ();
  self->readbuf = g_malloc (READ_CHUNK);
}

LurkSimSocket *
lurk_sim_socket_new (GIOStream *stream,
                     GSocket   *socket)
{
  LurkSimSocket *self;

  g_return_val_if_fail (G_IS_IO_STREAM (stream), NULL);

  self = g_object_new (LURK_TYPE_SIM_SOCKET, NULL);
  self->stream = g_object_ref (stream);
  self->socket = socket ? g_object_ref (socket) : NULL;

  return self;
}

void
lurk_sim_socket_set_handlers (LurkSimSocket               *self,
                              const LurkSimSocketHandlers *handlers,
                              gpointer                     user_data)
{
  g_return_if_fail (LURK_IS_SIM_SOCKET (self));

  if (handlers != NULL)
    self->handlers = *handlers;
  else
    memset (&self->handlers, 0, sizeof self->handlers);
  self->user_data = user_data;
}

gboolean
lurk_sim_socket_is_open (LurkSimSocket *self)
{
  g_return_val_if_fail (LURK_IS_SIM_SOCKET (self), FALSE);

  return !self->finished && !self->close_sent;
}

gsize
lurk_sim_socket_get_pending (LurkSimSocket *self)
{
  g_return_val_if_fail (LURK_IS_SIM_SOCKET (self), 0);

  return self->outbuf->len + (self->writing ? g_bytes_get_size (self->writing) : 0);
}

static void
finish (LurkSimSocket *self,
        gushort        code)
{
  /* The closed handler may drop the last reference. */
  g_autoptr(LurkSimSocket) hold = g_object_ref (self);

  if (self->finished)
    return;

  self->finished = TRUE;
  if (self->close_code == 0)
    self->close_code = code;
  g_cancellable_cancel (self->cancellable);
  if (self->socket != NULL)
    g_socket_shutdown (self->socket, TRUE, TRUE, NULL);
  g_byte_array_set_size (self->outbuf, 0);

  if (self->handlers.closed != NULL)
    self->handlers.closed (self, self->close_code, self->user_data);
}

static void
append_frame (GByteArray   *buffer,
              guint8        opcode,
              const guint8 *data,
              gsize         length)
{
  guint8 header[10];
  gsize n = 0;

  header[n++] = 0x80 | opcode;
  if (length < 126)
    {
      header[n++] = (guint8)length;
    }
  else if (length < 65536)
    {
      header[n++] = 126;
      header[n++] = (length >> 8) & 0xff;
      header[n++] = length & 0xff;
    }
  else
    {
      header[n++] = 127;
      for (int i = 7; i >= 0; i--)
        header[n++] = ((guint64)length >> (8 * i)) & 0xff;
    }

  g_byte_array_append (buffer, header, n);
  if (length > 0)
    g_byte_array_append (buffer, data, length);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(LurkSimSocket) self = user_data;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->writing, g_bytes_unref);

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    {
      finish (self, 1006);
      return;
    }

  if (self->finished)
    return;

  if (self->outbuf->len > 0)
    flush_output (self);
  else if (self->close_after_flush)
    finish (self, self->close_code);
}

static void
flush_output (LurkSimSocket *self)
{
  GOutputStream *out;
  GByteArray *full;

  if (self->finished || self->writing != NULL || self->outbuf->len == 0 || !self->started)
    return;

  full = g_steal_pointer (&self->outbuf);
  self->outbuf = g_byte_array_sized_new (MIN (full->len, 1024 * 1024));
  self->writing = g_byte_array_free_to_bytes (full);

  out = g_io_stream_get_output_stream (self->stream);
  g_output_stream_write_all_async (out,
                                   g_bytes_get_data (self->writing, NULL),
                                   g_bytes_get_size (self->writing),
                                   G_PRIORITY_DEFAULT,
                                   self->cancellable,
                                   write_cb,
                                   g_object_ref (self));
}

void
lurk_sim_socket_send_text (LurkSimSocket *self,
                           const char    *text,
                           gsize          length)
{
  g_return_if_fail (LURK_IS_SIM_SOCKET (self));

  if (self->finished || self->close_sent)
    return;

  append_frame (self->outbuf, 0x1, (const guint8 *)text, length);
  flush_output (self);
}

void
lurk_sim_socket_ping (LurkSimSocket *self)
{
  static const char payload[] = "lurk-sim";

  g_return_if_fail (LURK_IS_SIM_SOCKET (self));

  if (self->finished || self->close_sent)
    return;

  append_frame (self->outbuf, 0x9, (const guint8 *)payload, strlen (payload));
  flush_output (self);
}

void
lurk_sim_socket_close (LurkSimSocket *self,
                       gushort        code,
                       const char    *reason)
{
  guint8 payload[125];
  gsize reason_len = reason ? MIN (strlen (reason), sizeof payload - 2) : 0;

  g_return_if_fail (LURK_IS_SIM_SOCKET (self));

  if (self->finished || self->close_sent)
    return;

  payload[0] = (code >> 8) & 0xff;
  payload[1] = code & 0xff;
  if (reason_len > 0)
    memcpy (payload + 2, reason, reason_len);

  append_frame (self->outbuf, 0x8, payload, reason_len + 2);
  self->close_sent = TRUE;
  self->close_after_flush = TRUE;
  if (self->close_code == 0)
    self->close_code = code;
  flush_output (self);
}

void
lurk_sim_socket_drop (LurkSimSocket *self)
{
  g_return_if_fail (LURK_IS_SIM_SOCKET (self));

  finish (self, 1006);
}

static void
handle_frame (LurkSimSocket *self,
              guint8         opcode,
              const guint8  *payload,
              gsize          length)
{
  switch (opcode)
    {
    case 0x0:
    case 0x1:
    case 0x2:
      if (self->handlers.data_frame != NULL)
        self->handlers.data_frame (self, self->user_data);
      break;

    case 0x8:
      {
        gushort code = length >= 2 ? (gushort)((payload[0] << 8) | payload[1]) : 1005;

        if (self->close_code == 0)
          self->close_code = code;
        if (!self->close_sent)
          {
            gushort reply = (code == 1005 || code == 1006 || code == 1015) ? 1000 : code;
            guint8 echo[2] = { (reply >> 8) & 0xff, reply & 0xff };

            append_frame (self->outbuf, 0x8, echo, 2);
            self->close_sent = TRUE;
            self->close_after_flush = TRUE;
            flush_output (self);
          }
        else
          {
            finish (self, self->close_code);
          }
      }
      break;

    case 0x9:
      if (self->handlers.ping != NULL)
        self->handlers.ping (self, self->user_data);
      else if (!self->close_sent)
        {
          append_frame (self->outbuf, 0xA, payload, length);
          flush_output (self);
        }
      break;

    case 0xA:
      if (self->handlers.pong != NULL)
        self->handlers.pong (self, self->user_data);
      break;

    default:
      lurk_sim_socket_close (self, 1002, "unknown opcode");
      break;
    }
}

/* Returns FALSE when no complete frame is buffered (or the connection ended). */
static gboolean
parse_one_frame (LurkSimSocket *self)
{
  const guint8 *b = self->inbuf->data;
  gsize have = self->inbuf->len;
  gsize header = 2;
  guint64 length;
  guint8 opcode;
  /* Only a control frame's payload is used (a data frame's content is not looked at), and
   * RFC 6455 5.5 limits those to 125 bytes. */
  guint8 payload[125];

  if (have < 2)
    return FALSE;

  opcode = b[0] & 0x0f;
  length = b[1] & 0x7f;

  if ((b[0] & 0x70) != 0 || (b[1] & 0x80) == 0)
    {
      /* Reserved bits without an extension, or an unmasked client frame. */
      lurk_sim_socket_close (self, 1002, "protocol error");
      return FALSE;
    }

  if (length == 126)
    {
      if (have < 4)
        return FALSE;
      length = ((guint64)b[2] << 8) | b[3];
      header = 4;
    }
  else if (length == 127)
    {
      if (have < 10)
        return FALSE;
      length = 0;
      for (int i = 0; i < 8; i++)
        length = (length << 8) | b[2 + i];
      header = 10;
    }

  if (length > MAX_FRAME_PAYLOAD)
    {
      lurk_sim_socket_close (self, 1009, "message too big");
      return FALSE;
    }

  if (opcode >= 0x8 && length > sizeof payload)
    {
      lurk_sim_socket_close (self, 1002, "control frame too long");
      return FALSE;
    }

  if (have < header + 4 + length)
    return FALSE;

  for (guint64 i = 0; opcode >= 0x8 && i < length; i++)
    payload[i] = b[header + 4 + i] ^ b[header + (i % 4)];

  g_byte_array_remove_range (self->inbuf, 0, header + 4 + length);
  handle_frame (self, opcode, payload, length);

  return !self->finished;
}

static void read_more (LurkSimSocket *self);

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LurkSimSocket) self = user_data;
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  if (self->finished)
    return;

  if (n <= 0)
    {
      finish (self, 1006);
      return;
    }

  g_byte_array_append (self->inbuf, self->readbuf, n);
  while (parse_one_frame (self))
    ;

  if (!self->finished)
    read_more (self);
}

static void
read_more (LurkSimSocket *self)
{
  g_input_stream_read_async (g_io_stream_get_input_stream (self->stream),
                             self->readbuf,
                             READ_CHUNK,
                             G_PRIORITY_DEFAULT,
                             self->cancellable,
                             read_cb,
                             g_object_ref (self));
}

void
lurk_sim_socket_start (LurkSimSocket *self)
{
  g_return_if_fail (LURK_IS_SIM_SOCKET (self));
  g_return_if_fail (!self->started);

  self->started = TRUE;
  read_more (self);
  flush_output (self);
}
