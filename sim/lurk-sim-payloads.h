/* lurk-sim-payloads.h: the EventSub payload generators (events made up from the world)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-world.h"

G_BEGIN_DECLS

/* A made-up event of `type` (a notice_type for chat notifications) for broadcaster (NULL:
 * lurkstream); NULL with a G_IO_ERROR for a type or notice type it does not know. */
JsonObject  *_lurk_sim_generate_event (LurkSimWorld *world,
                                      const char   *type,
                                      const char   *notice_type,
                                      LurkSimUser  *broadcaster,
                                      GError      **error);

/* Helpers shared by the generators (and the demo scenario). */

void         _lurk_sim_set_user       (JsonObject         *object,
                                       const char         *prefix,
                                       LurkSimUser        *user);
void         _lurk_sim_set_null_user  (JsonObject         *object,
                                       const char         *prefix);
LurkSimUser *_lurk_sim_other_channel  (LurkSimWorld       *world,
                                       LurkSimUser        *not_this);
gint         _lurk_sim_rand           (LurkSimWorld       *world,
                                       gint                begin,
                                       gint                end);
const char  *_lurk_sim_pick           (LurkSimWorld       *world,
                                       const char * const *items,
                                       guint               n_items);
char        *_lurk_sim_later_rfc3339  (gint                seconds);
JsonObject  *_lurk_sim_text_message   (LurkSimWorld       *world,
                                       const char         *text);

/* lurk-sim-payloads-channel.c: everything but chat messages and notifications. */
JsonObject  *_lurk_sim_generate_channel_event (LurkSimWorld *world,
                                               const char   *type,
                                               LurkSimUser  *broadcaster,
                                               GError      **error);

#define PICK(self, array) _lurk_sim_pick ((self), (array), G_N_ELEMENTS (array))

G_END_DECLS
