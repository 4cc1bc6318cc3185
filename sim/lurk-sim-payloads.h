/* lurk-sim-payloads.h: helpers shared by the payload generators
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-private.h"

G_BEGIN_DECLS

void        _lurk_sim_set_user       (JsonObject  *object,
                                      const char  *prefix,
                                      LurkSimUser *user);
void        _lurk_sim_set_null_user  (JsonObject  *object,
                                      const char  *prefix);
LurkSimUser *_lurk_sim_other_channel (LurkSim     *self,
                                      LurkSimUser *not_this);
gint        _lurk_sim_rand           (LurkSim     *self,
                                      gint         begin,
                                      gint         end);
const char *_lurk_sim_pick           (LurkSim     *self,
                                      const char * const *items,
                                      guint        n_items);
char       *_lurk_sim_later_rfc3339  (gint         seconds);
JsonObject *_lurk_sim_text_message   (LurkSim     *self,
                                      const char  *text);

/* lurk-sim-payloads-channel.c: everything but chat messages and notifications. */
JsonObject *_lurk_sim_generate_channel_event (LurkSim     *self,
                                              const char  *type,
                                              LurkSimUser *broadcaster,
                                              GError     **error);

#define PICK(self, array) _lurk_sim_pick ((self), (array), G_N_ELEMENTS (array))

G_END_DECLS
