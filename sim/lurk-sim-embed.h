/* lurk-sim-embed.h: the simulator's stand-ins for Twitch's player and chat embeds
 *
 * The chat page shows the chat traffic the control API triggers, through a Server-Sent
 * Events stream per page and a short backlog per channel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-world.h"

G_BEGIN_DECLS

typedef struct _LurkSimEmbed LurkSimEmbed;

LurkSimEmbed *_lurk_sim_embed_new               (LurkSimWorld      *world);
void          _lurk_sim_embed_free              (LurkSimEmbed      *self);
/* Ends every event stream and forgets the backlog (the server stops). */
void          _lurk_sim_embed_stop              (LurkSimEmbed      *self);
/* Forgets the backlog and the player's state (/sim/reset). */
void          _lurk_sim_embed_reset             (LurkSimEmbed      *self);
void          _lurk_sim_handle_embed            (LurkSimEmbed      *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);
/* An event the simulator sent: chat events reach the chat pages of its channel. */
void          _lurk_sim_embed_chat_event        (LurkSimEmbed      *self,
                                                 const char        *type,
                                                 JsonObject        *event);

/* What the embed API's player reports and does (/sim/player): hlsLatencyBroadcaster in
 * seconds, paused by the viewer, the stream taken from the player. */
void          _lurk_sim_embed_get_player        (LurkSimEmbed      *self,
                                                 double            *latency_seconds,
                                                 gboolean          *paused,
                                                 gboolean          *offline);
/* Sets it; every player page hears the change. */
void          _lurk_sim_embed_set_player        (LurkSimEmbed      *self,
                                                 double             latency_seconds,
                                                 gboolean           paused,
                                                 gboolean           offline);
/* (transfer full): `{"latency_seconds", "paused", "offline"}` */
char         *_lurk_sim_embed_dup_player_state  (LurkSimEmbed      *self);

G_END_DECLS
