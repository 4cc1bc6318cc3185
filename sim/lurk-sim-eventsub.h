/* lurk-sim-eventsub.h: the simulator's EventSub area (WebSocket sessions, subscriptions)
 *
 * What the other areas ask of it: Helix creates, lists and deletes subscriptions; the control
 * API delivers events, acts on sessions and reads the counters. Its files share
 * lurk-sim-eventsub-private.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-oauth.h"

G_BEGIN_DECLS

typedef struct _LurkSimEventSub LurkSimEventSub;
typedef struct _LurkSimSession LurkSimSession;
typedef struct _LurkSimSubscription LurkSimSubscription;

/* Configuration, read by every new session; lurk-sim.c's setters and /sim/config write it. */
typedef struct
{
  guint keepalive_default;       /* keepalive_timeout_seconds for clients that do not ask */
  guint grace_seconds;           /* after session_reconnect, before 4004 */
  guint subscribe_window;        /* with require_subscription: before 4003 */
  guint ping_interval;           /* 0: no Pings */
  gboolean require_subscription;
  guint max_per_connection;      /* 300, as Twitch; lower only for tests */
} LurkSimEventSubConfig;

LurkSimEventSub       *_lurk_sim_eventsub_new           (LurkSimWorld        *world);
void                   _lurk_sim_eventsub_free          (LurkSimEventSub     *self);
LurkSimEventSubConfig *_lurk_sim_eventsub_get_config    (LurkSimEventSub     *self);
/* Drops every session; with forget, also every subscription, sent id and counter. */
void                   _lurk_sim_eventsub_stop          (LurkSimEventSub     *self,
                                                         gboolean             forget);

/* /ws */
void                   _lurk_sim_handle_ws              (LurkSimEventSub     *self,
                                                         SoupServerMessage   *msg);
/* /helix/eventsub/subscriptions, once Helix has checked the token */
void                   _lurk_sim_subscriptions_create   (LurkSimEventSub     *self,
                                                         SoupServerMessage   *msg,
                                                         LurkSimToken        *token);
void                   _lurk_sim_subscriptions_list     (LurkSimEventSub     *self,
                                                         SoupServerMessage   *msg,
                                                         LurkSimToken        *token);
void                   _lurk_sim_subscriptions_delete   (LurkSimEventSub     *self,
                                                         SoupServerMessage   *msg,
                                                         LurkSimToken        *token);

/* For the control API */

/* Delivers one event to every enabled subscription it matches (only those of session_id
 * unless NULL), stamped message_timestamp unless NULL; returns how many were sent and adds
 * their message ids to message_ids unless NULL. */
guint                  _lurk_sim_eventsub_deliver_event (LurkSimEventSub     *self,
                                                         const char          *type,
                                                         JsonObject          *event,
                                                         LurkSimUser         *broadcaster,
                                                         const char          *session_id,
                                                         const char          *message_timestamp,
                                                         GPtrArray           *message_ids);
/* The enabled subscriptions a flood of `type` goes to; FALSE while one of their sockets has
 * more than max_pending bytes queued. */
gboolean               _lurk_sim_eventsub_flood_targets (LurkSimEventSub     *self,
                                                         const char          *type,
                                                         LurkSimUser         *broadcaster,
                                                         const char          *session_id,
                                                         gsize                max_pending,
                                                         GPtrArray           *targets);
/* Sends one pre-serialized event to a subscription of flood_targets(). */
void                   _lurk_sim_deliver                (LurkSimEventSub     *self,
                                                         LurkSimSubscription *sub,
                                                         const char          *event_json,
                                                         char               **message_id);
/* The sessions a call acts on: the one named, or all with NULL; NULL for an unknown id. */
GPtrArray             *_lurk_sim_eventsub_sessions      (LurkSimEventSub     *self,
                                                         const char          *session_id);
void                   _lurk_sim_session_close          (LurkSimSession      *session,
                                                         gushort              code,
                                                         const char          *reason);
void                   _lurk_sim_session_drop           (LurkSimSession      *session);
void                   _lurk_sim_session_reconnect      (LurkSimSession      *session);
void                   _lurk_sim_session_set_keepalive  (LurkSimSession      *session,
                                                         gboolean             enabled);
/* Sends the last `count` notifications again, oldest first; adds their ids to ids. */
guint                  _lurk_sim_eventsub_duplicate     (LurkSimEventSub     *self,
                                                         gint64               count,
                                                         JsonArray           *ids);
/* Revokes the enabled subscription with this id, or those of this type; returns how many,
 * or -1 when an id matches none. */
gint                   _lurk_sim_eventsub_revoke        (LurkSimEventSub     *self,
                                                         const char          *subscription_id,
                                                         const char          *type,
                                                         const char          *status);
/* Revokes (authorization_revoked) the enabled subscriptions of a client and user. */
void                   _lurk_sim_eventsub_revoke_authorization (LurkSimEventSub *self,
                                                         const char          *client_id,
                                                         const char          *user_id);
/* /sim/sent, /sim/subscriptions, /sim/sessions: the `data` arrays. */
JsonArray             *_lurk_sim_eventsub_sent_to_json  (LurkSimEventSub     *self);
JsonArray             *_lurk_sim_eventsub_subscriptions_to_json (LurkSimEventSub *self);
JsonArray             *_lurk_sim_eventsub_sessions_to_json (LurkSimEventSub  *self);
/* Adds the EventSub counters of /sim/stats to reply. */
void                   _lurk_sim_eventsub_stats         (LurkSimEventSub     *self,
                                                         JsonObject          *reply);

G_END_DECLS
