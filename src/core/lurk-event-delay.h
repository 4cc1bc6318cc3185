/* lurk-event-delay.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-event.h"

G_BEGIN_DECLS

#define LURK_TYPE_EVENT_DELAY (lurk_event_delay_get_type ())

G_DECLARE_FINAL_TYPE (LurkEventDelay, lurk_event_delay, LURK, EVENT_DELAY, GObject)

/* Microseconds on a monotonic clock (g_get_monotonic_time() by default). */
typedef gint64 (*LurkEventDelayClock) (gpointer user_data);

LurkEventDelay *lurk_event_delay_new             (void);
void            lurk_event_delay_set_clock       (LurkEventDelay      *self,
                                                  LurkEventDelayClock  clock,
                                                  gpointer             user_data);
gboolean        lurk_event_delay_get_enabled     (LurkEventDelay      *self);
void            lurk_event_delay_set_enabled     (LurkEventDelay      *self,
                                                  gboolean             enabled);
void            lurk_event_delay_set_video       (LurkEventDelay      *self,
                                                  gboolean             playing,
                                                  double               latency_seconds);
gboolean        lurk_event_delay_get_delaying    (LurkEventDelay      *self);
double          lurk_event_delay_get_latency     (LurkEventDelay      *self);
guint           lurk_event_delay_get_n_pending   (LurkEventDelay      *self);
void            lurk_event_delay_push            (LurkEventDelay      *self,
                                                  GPtrArray           *events);
void            lurk_event_delay_update          (LurkEventDelay      *self);
void            lurk_event_delay_clear           (LurkEventDelay      *self);
gboolean        lurk_event_delay_kind_follows_video (LurkEventKind     kind);

G_END_DECLS
