/* lurk-sim-socket.h: the server side of one RFC 6455 WebSocket, framed by hand
 *
 * libsoup 3.2 does not tell a server about Pongs nor let it drop a connection without a close
 * frame, and EventSub needs both; it also lets a flood batch many frames into one write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LURK_TYPE_SIM_SOCKET (lurk_sim_socket_get_type ())

G_DECLARE_FINAL_TYPE (LurkSimSocket, lurk_sim_socket, LURK, SIM_SOCKET, GObject)

typedef struct
{
  /* The peer sent a text, binary or continuation frame. */
  void (*data_frame) (LurkSimSocket *socket,
                      gpointer       user_data);
  void (*pong)       (LurkSimSocket *socket,
                      gpointer       user_data);
  /* The peer sent a Ping. Without this handler the socket answers with a Pong. */
  void (*ping)       (LurkSimSocket *socket,
                      gpointer       user_data);
  /* The connection is gone; code is the peer's close code, or 1006 without one. Called once. */
  void (*closed)     (LurkSimSocket *socket,
                      gushort        code,
                      gpointer       user_data);
} LurkSimSocketHandlers;

LurkSimSocket *lurk_sim_socket_new          (GIOStream                   *stream,
                                             GSocket                     *socket);
void           lurk_sim_socket_set_handlers (LurkSimSocket               *self,
                                             const LurkSimSocketHandlers *handlers,
                                             gpointer                     user_data);
void           lurk_sim_socket_start        (LurkSimSocket               *self);
void           lurk_sim_socket_send_text    (LurkSimSocket               *self,
                                             const char                  *text,
                                             gsize                        length);
void           lurk_sim_socket_ping         (LurkSimSocket               *self);
void           lurk_sim_socket_close        (LurkSimSocket               *self,
                                             gushort                      code,
                                             const char                  *reason);
void           lurk_sim_socket_drop         (LurkSimSocket               *self);
gboolean       lurk_sim_socket_is_open      (LurkSimSocket               *self);
gsize          lurk_sim_socket_get_pending  (LurkSimSocket               *self);

G_END_DECLS
