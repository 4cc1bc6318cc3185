/* lurk-sim-control.h: the simulator's control area (the /sim API and the demo scenario)
 *
 * It drives every other area: triggers and floods events through EventSub, mints and expires
 * OAuth tokens, injects Helix failures, changes the world (streams, channels, the clock) and
 * resets it all. Its files share lurk-sim-control-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-embed.h"
#include "lurk-sim-helix.h"

G_BEGIN_DECLS

typedef struct _LurkSimControl LurkSimControl;

LurkSimControl *_lurk_sim_control_new           (LurkSimWorld      *world,
                                                 LurkSimOAuth      *oauth,
                                                 LurkSimHelix      *helix,
                                                 LurkSimEventSub   *eventsub,
                                                 LurkSimEmbed      *embed);
void            _lurk_sim_control_free          (LurkSimControl    *self);
/* "demo" or "none": what lurk_sim_control_start() plays. */
void            _lurk_sim_control_set_scenario  (LurkSimControl    *self,
                                                 const char        *scenario);
/* Starts the scenario; stop ends it and every flood. */
void            _lurk_sim_control_start         (LurkSimControl    *self);
void            _lurk_sim_control_stop          (LurkSimControl    *self);
void            _lurk_sim_handle_control        (LurkSimControl    *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);

G_END_DECLS
