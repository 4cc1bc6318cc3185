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
 * LurkConnection:
 * @LURK_CONNECTION_IDLE: not started, stopped, or nothing to listen to (no favorite yet)
 * @LURK_CONNECTION_CONNECTING: opening the socket, waiting for the welcome, subscribing
 * @LURK_CONNECTION_CONNECTED: subscribed; events arrive as they happen
 * @LURK_CONNECTION_RECONNECTING: the connection was lost; waiting (backoff) or retrying
 * @LURK_CONNECTION_WAITING_FOR_NETWORK: offline; reconnects when the network is back
 * @LURK_CONNECTION_UNAUTHORIZED: Twitch refused the token (401) or the sign-in expired;
 *   nothing is retried until a new token is given: sign in again
 * @LURK_CONNECTION_SIGNED_OUT: nobody is signed in, so there is nothing to connect with
 *   (only #LurkChannel says this; a session always has a token)
 *
 * The one connection state, from the EventSub session (which sets all but
 * %LURK_CONNECTION_SIGNED_OUT) through the listener and the channel to the streamer page's
 * indicator.
 */
typedef enum
{
  LURK_CONNECTION_IDLE,
  LURK_CONNECTION_CONNECTING,
  LURK_CONNECTION_CONNECTED,
  LURK_CONNECTION_RECONNECTING,
  LURK_CONNECTION_WAITING_FOR_NETWORK,
  LURK_CONNECTION_UNAUTHORIZED,
  LURK_CONNECTION_SIGNED_OUT,
} LurkConnection;

#define LURK_TYPE_CONNECTION (lurk_connection_get_type ())
GType       lurk_connection_get_type  (void) G_GNUC_CONST;
/* "idle", "connecting", "connected", "reconnecting", "waiting-for-network",
 * "unauthorized", "signed-out" */
const char *lurk_connection_to_string (LurkConnection connection);

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
 * - `event` (LurkEvent*): a new notification about the current broadcaster, not stale,
 *   never seen before: this is the one place the stream is deduplicated (by message_id)
 *   and filtered by broadcaster
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
LurkConnection       lurk_eventsub_session_get_state       (LurkEventSubSession *self);
const char          *lurk_eventsub_session_get_session_id  (LurkEventSubSession *self);
/* Descriptions (lurk_subscription_spec_describe()) of the types Twitch refused for good. */
GStrv                lurk_eventsub_session_dup_degraded_types (LurkEventSubSession *self);
/* Subscriptions created and enabled on the current session */
guint                lurk_eventsub_session_get_n_subscriptions (LurkEventSubSession *self);

G_END_DECLS
