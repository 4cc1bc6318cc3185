/* lurk-sim-player.h: the live video of the simulated player (lurk-sim-player.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

void _lurk_sim_player_append_video  (GString           *html,
                                     gboolean           muted);
void _lurk_sim_player_handle_asset  (SoupServerMessage *msg,
                                     const char        *name);
void _lurk_sim_player_append_bridge (GString           *html,
                                     const char        *login,
                                     const char        *state);

/* hlsLatencyBroadcaster of the simulated player until /sim/player sets it (seconds): what
 * Twitch's low-latency player typically reports. */
#define LURK_SIM_PLAYER_DEFAULT_LATENCY 2.0
/* The most /sim/player accepts. */
#define LURK_SIM_PLAYER_MAX_LATENCY     120.0

G_END_DECLS
