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

G_END_DECLS
