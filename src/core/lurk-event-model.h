/* lurk-event-model.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-event.h"

G_BEGIN_DECLS

#define LURK_TYPE_EVENT_MODEL (lurk_event_model_get_type ())

G_DECLARE_FINAL_TYPE (LurkEventModel, lurk_event_model, LURK, EVENT_MODEL, GObject)

/**
 * LurkEventModel:
 *
 * A #GListModel of #LurkEvent: the most recent events of one broadcaster, newest first
 * (by message timestamp, then arrival), at most #LurkEventModel:limit of them. Filled from
 * the store (lurk_event_model_merge()) and from listener batches (lurk_event_model_add()),
 * one items-changed per call, so its memory is bounded by the limit, not the history. It
 * folds the chat's twin of a raid and the gifts of a gift bomb into one row each.
 * Events added live are "new" until lurk_event_model_mark_seen(); ::events-added says
 * which events of a live batch the list now shows (the sidebar's announcements and the
 * notifier read that, so they tell what the list shows).
 */
LurkEventModel *lurk_event_model_new               (guint           limit);
guint           lurk_event_model_get_limit         (LurkEventModel *self);
void            lurk_event_model_set_limit         (LurkEventModel *self,
                                                    guint           limit);
gboolean        lurk_event_model_get_show_partner_events (LurkEventModel *self);
void            lurk_event_model_set_show_partner_events (LurkEventModel *self,
                                                          gboolean        show);
const char     *lurk_event_model_get_broadcaster_id (LurkEventModel *self);
void            lurk_event_model_set_broadcaster_id (LurkEventModel *self,
                                                     const char     *broadcaster_id);
guint           lurk_event_model_merge             (LurkEventModel *self,
                                                    GPtrArray      *events);
guint           lurk_event_model_add               (LurkEventModel *self,
                                                    GPtrArray      *events);
gboolean        lurk_event_model_is_new            (LurkEventModel *self,
                                                    LurkEvent      *event);
guint           lurk_event_model_get_n_new         (LurkEventModel *self);
void            lurk_event_model_mark_seen         (LurkEventModel *self);

G_END_DECLS
