/* lurk-eventsub-session.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lurk-event.h"

G_BEGIN_DECLS

/**
 * LurkEventSubState:
 * @LURK_EVENTSUB_STATE_STOPPED: not started, stopped, or nothing to listen to
 * @LURK_EVENTSUB_STATE_CONNECTING: opening the socket, waiting for the welcome, subscribing
 * @LURK_EVENTSUB_STATE_CONNECTED: subscribed; events flow
 * @LURK_EVENTSUB_STATE_RECONNECTING: the connection was lost; waiting (backoff) or retrying
 * @LURK_EVENTSUB_STATE_WAITING_FOR_NETWORK: offline; reconnects when the network is back
 * @LURK_EVENTSUB_STATE_UNAUTHORIZED: Twitch refused the token (401); nothing is retried
 *   until a new token is given
 */
typedef enum
{
  LURK_EVENTSUB_STATE_STOPPED,
  LURK_EVENTSUB_STATE_CONNECTING,
  LURK_EVENTSUB_STATE_CONNECTED,
  LURK_EVENTSUB_STATE_RECONNECTING,
  LURK_EVENTSUB_STATE_WAITING_FOR_NETWORK,
  LURK_EVENTSUB_STATE_UNAUTHORIZED,
} LurkEventSubState;

#define LURK_TYPE_EVENTSUB_STATE (lurk_eventsub_state_get_type ())
GType       lurk_eventsub_state_get_type  (void) G_GNUC_CONST;
/* "stopped", "connecting", "connected", "reconnecting", "waiting-for-network",
 * "unauthorized" */
const char *lurk_eventsub_state_to_string (LurkEventSubState state);

#define LURK_EVENTSUB_DEFAULT_KEEPALIVE_SECONDS 10

#define LURK_TYPE_EVENTSUB_SESSION (lurk_eventsub_session_get_type ())

G_DECLARE_FINAL_TYPE (LurkEventSubSession, lurk_eventsub_session, LURK, EVENTSUB_SESSION, GObject)

/**
 * LurkEventSubSession:
 *
 * One EventSub WebSocket session of the signed-in user, following one broadcaster.
 * It lives in the thread-default main context of the thread that calls
 * lurk_eventsub_session_start(), and uses the given #SoupSession (created in that context).
 * Signals:
 * - `event` (LurkEvent*): a new notification (deduplicated by message_id, not stale)
 * - `revoked` (type, status, subscription_id): Twitch revoked one subscription
 * - `subscription-failed` (description, GError*): a type could not be subscribed
 * - notify::state, notify::session-id, notify::degraded-types
 */
LurkEventSubSession *lurk_eventsub_session_new             (SoupSession         *soup,
                                                            const char          *eventsub_url,
                                                            const char          *helix_url,
                                                            const char          *client_id,
                                                            const char          *access_token,
                                                            const char          *user_id);
void                 lurk_eventsub_session_set_keepalive   (LurkEventSubSession *self,
                                                            guint                seconds);
/* For tests: backoff after a lost connection, from @initial_ms doubling up to @max_ms. */
void                 lurk_eventsub_session_set_backoff     (LurkEventSubSession *self,
                                                            guint                initial_ms,
                                                            guint                max_ms);
/* %NULL: do not watch the network (tests); default: g_network_monitor_get_default(). */
void                 lurk_eventsub_session_set_network_monitor (LurkEventSubSession *self,
                                                                GNetworkMonitor     *monitor);
/* Retargets: deletes the subscriptions of the previous broadcaster, then subscribes. */
void                 lurk_eventsub_session_set_broadcaster (LurkEventSubSession *self,
                                                            const char          *broadcaster_id);
const char          *lurk_eventsub_session_get_broadcaster (LurkEventSubSession *self);
/* A new token (after a refresh or a new sign-in); leaves the unauthorized state. */
void                 lurk_eventsub_session_set_access_token (LurkEventSubSession *self,
                                                             const char          *access_token);
void                 lurk_eventsub_session_start           (LurkEventSubSession *self);
void                 lurk_eventsub_session_stop            (LurkEventSubSession *self);
LurkEventSubState    lurk_eventsub_session_get_state       (LurkEventSubSession *self);
const char          *lurk_eventsub_session_get_session_id  (LurkEventSubSession *self);
/* Descriptions (lurk_subscription_spec_describe()) of the types Twitch refused for good. */
GStrv                lurk_eventsub_session_dup_degraded_types (LurkEventSubSession *self);
/* Subscriptions created and enabled on the current session */
guint                lurk_eventsub_session_get_n_subscriptions (LurkEventSubSession *self);

G_END_DECLS
