/* lurk-listener.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-eventsub-session.h"

G_BEGIN_DECLS

/**
 * LurkListenerConfig:
 * @eventsub_url: the EventSub WebSocket URL (without `keepalive_timeout_seconds`)
 * @helix_url: the Helix base URL
 * @client_id: the token's client id
 * @access_token: the user token (never logged)
 * @user_id: the signed-in user
 * @broadcaster_id: (nullable): the favorite broadcaster; %NULL: none yet
 * @store_path: (nullable): the event store to write; %NULL: no store
 * @keepalive_seconds: 0 for the default (10)
 * @unpaced: hand events over as soon as they are ready instead of at most once per frame
 *   (16 ms); for lurk-events, where latency is the figure
 * @backoff_initial_ms: 0 for the default (1 s)
 * @backoff_max_ms: 0 for the default (60 s)
 * @no_network_monitor: do not watch GNetworkMonitor (tests)
 *
 * What a listener needs. Copied by lurk_listener_new().
 */
typedef struct
{
  const char *eventsub_url;
  const char *helix_url;
  const char *client_id;
  const char *access_token;
  const char *user_id;
  const char *broadcaster_id;
  const char *store_path;
  guint       keepalive_seconds;
  gboolean    unpaced;
  guint       backoff_initial_ms;
  guint       backoff_max_ms;
  gboolean    no_network_monitor;
} LurkListenerConfig;

#define LURK_TYPE_LISTENER (lurk_listener_get_type ())

G_DECLARE_FINAL_TYPE (LurkListener, lurk_listener, LURK, LISTENER, GObject)

/**
 * LurkListener:
 *
 * The background listener of DESIGN.md, started as a GTask (lurk_listener_run_async()):
 * the task's thread runs its own GMainContext and SoupSession with a #LurkEventSubSession
 * (which parses, dedupes and keeps only the broadcaster's events), writes the event store in
 * batched transactions (a writer thread behind a bounded queue), and hands finished events
 * to the thread that called lurk_listener_run_async() (its thread-default main context), in
 * batches, at most one per frame. All signals are emitted there:
 * - `events` (GPtrArray of LurkEvent): new events of the broadcaster, in arrival order,
 *   stored (if a store is configured) and never seen before; after
 *   lurk_listener_set_broadcaster(), nothing of the previous broadcaster
 * - `revoked` (type, status): Twitch revoked a subscription
 * - `subscription-failed` (description, message): a type could not be subscribed
 * - `store-error` (GError): the store could not be opened or written (events still flow)
 * - notify::state, notify::degraded-types
 */
LurkListener      *lurk_listener_new                (const LurkListenerConfig *config);
void               lurk_listener_run_async          (LurkListener             *self,
                                                     GCancellable             *cancellable,
                                                     GAsyncReadyCallback       callback,
                                                     gpointer                  user_data);
gboolean           lurk_listener_run_finish         (LurkListener             *self,
                                                     GAsyncResult             *result,
                                                     GError                  **error);
void               lurk_listener_stop               (LurkListener             *self);
void               lurk_listener_set_broadcaster    (LurkListener             *self,
                                                     const char               *broadcaster_id);
void               lurk_listener_set_access_token   (LurkListener             *self,
                                                     const char               *access_token);
LurkConnection  lurk_listener_get_state          (LurkListener             *self);
const char * const*lurk_listener_get_degraded_types (LurkListener             *self);

G_END_DECLS
