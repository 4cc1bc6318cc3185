/* lurk-sim-control-private.h: helpers shared by the control API files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-private.h"

G_BEGIN_DECLS

/* Body members; a member of the wrong JSON type counts as missing. */
const char  *_lurk_sim_ctl_get_string        (JsonObject          *object,
                                              const char          *key);
gboolean     _lurk_sim_ctl_get_int           (JsonObject          *object,
                                              const char          *key,
                                              gint64              *value);
gboolean     _lurk_sim_ctl_get_double        (JsonObject          *object,
                                              const char          *key,
                                              double              *value);
gboolean     _lurk_sim_ctl_get_bool          (JsonObject          *object,
                                              const char          *key,
                                              gboolean            *value);
JsonObject  *_lurk_sim_ctl_get_object        (JsonObject          *object,
                                              const char          *key);
void         _lurk_sim_ctl_reply_ok          (SoupServerMessage   *msg,
                                              JsonObject          *object);
/* The `broadcaster` login of a body (default: lurkstream); NULL after replying 400. */
LurkSimUser *_lurk_sim_ctl_body_broadcaster  (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_ctl_merge_over        (JsonObject          *target,
                                              JsonObject          *overrides);
char        *_lurk_sim_ctl_object_to_string  (JsonObject          *object);
gboolean     _lurk_sim_ctl_session_wanted    (LurkSimSubscription *sub,
                                              const char          *session_id);

/* lurk-sim-flood.c */
void         _lurk_sim_control_flood         (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);

/* lurk-sim-control-admin.c */
void         _lurk_sim_control_tokens_list   (LurkSim             *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_tokens_mint   (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_tokens_change (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body,
                                              gboolean             revoke);
void         _lurk_sim_control_helix_fail    (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_sent          (LurkSim             *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_subscriptions (LurkSim             *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_sessions      (LurkSim             *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_stats         (LurkSim             *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_reset         (LurkSim             *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_config        (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_clock         (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_clients       (LurkSim             *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);

G_END_DECLS
