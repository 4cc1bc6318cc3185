/* lurk-eventsub-session-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-dedup.h"
#include "lurk-eventsub-session.h"
#include "lurk-helix.h"

G_BEGIN_DECLS

#define WATCHDOG_FACTOR       1.2
#define WATCHDOG_MARGIN_USEC  (500 * G_TIME_SPAN_MILLISECOND)
/* After a handover the old socket is read until it has been quiet this long (Twitch sends
 * nothing more on it after the new welcome), at most RETIRE_MAX_USEC */
#define RETIRE_QUIET_USEC     (1 * G_TIME_SPAN_SECOND)
#define RETIRE_MAX_USEC       (5 * G_TIME_SPAN_SECOND)
#define STALE_USEC            (10 * G_TIME_SPAN_MINUTE)
#define HEALTHY_USEC          (30 * G_TIME_SPAN_SECOND)
#define MAX_INCOMING_PAYLOAD  (4 * 1024 * 1024)
#define SUBSCRIBE_RETRIES     3
#define SUBSCRIBE_RETRY_MSEC  1000
#define MALFORMED_WARNINGS    10

typedef struct
{
  LurkEventSubSession     *session;    /* borrowed: handlers are gone before it is */
  SoupWebsocketConnection *ws;
  GCancellable            *cancellable;
  GSource                 *watchdog;
  gint64                   last_message; /* monotonic */
  guint                    keepalive_seconds;
  char                    *session_id;
  guint                    serial;
  GSource                 *retire_source;  /* the handover drain, in the session's context */
  gint64                   retired_at;   /* monotonic */
  guint                    reconnect_target : 1;
  guint                    welcomed : 1;
} Connection;

struct _LurkEventSubSession
{
  GObject              parent_instance;

  GMainContext        *context;
  SoupSession         *soup;
  LurkHelix           *helix;
  char                *eventsub_url;
  char                *user_id;
  char                *broadcaster_id;
  guint                keepalive_seconds;
  guint                backoff_initial_ms;
  guint                backoff_max_ms;
  GNetworkMonitor     *monitor;
  gboolean             monitor_is_default; /* its "offline" ignores loopback servers */
  gulong               network_changed_id;

  LurkConnection       state;
  Connection          *pending;
  Connection          *active;
  GPtrArray           *retiring;

  LurkDedup           *dedup;
  GPtrArray           *subscription_ids;   /* created on the active session */
  GPtrArray           *to_delete;          /* made for a previous broadcaster */
  guint                generation;         /* bumped by each retarget */
  GPtrArray           *degraded;           /* descriptions refused for good */
  GCancellable        *subscribe_cancellable;
  GSource             *subscribe_retry_source; /* holds its SubscribeRun */
  GSource             *retry_source;
  guint                backoff_attempt;
  gint64               healthy_since;
  guint                n_malformed;
  guint                next_serial;
  /* Twitch's clock: its time at the last anchor, and this machine's monotonic time then.
   * Now on Twitch's clock is twitch_anchor + (monotonic now − monotonic_anchor), so a jump
   * of the local wall clock changes nothing. */
  gint64               twitch_anchor;      /* µs since the epoch, 0: none yet */
  gint64               monotonic_anchor;
  guint                n_stale;            /* notifications dropped as older than 10 min */
};

void   _lurk_eventsub_session_set_state                (LurkEventSubSession *self,
                                                        LurkConnection       state);
void   _lurk_eventsub_session_close_all                (LurkEventSubSession *self);
guint  _lurk_eventsub_session_backoff_delay_ms         (LurkEventSubSession *self);
void   _lurk_eventsub_session_schedule_reconnect       (LurkEventSubSession *self,
                                                        guint                delay_ms);
void   _lurk_eventsub_session_set_unauthorized         (LurkEventSubSession *self);
void   _lurk_eventsub_session_lose_active              (LurkEventSubSession *self);
void   _lurk_eventsub_session_degraded_changed         (LurkEventSubSession *self);
void   _lurk_eventsub_session_emit_subscription_failed (LurkEventSubSession *self,
                                                        const char          *description,
                                                        const GError        *error);

/* lurk-eventsub-session-subscribe.c */
void   _lurk_eventsub_session_subscribe_all            (LurkEventSubSession *self);
void   _lurk_eventsub_session_resubscribe              (LurkEventSubSession *self);
void   _lurk_eventsub_session_clear_subscribe_retry    (LurkEventSubSession *self);

G_END_DECLS
