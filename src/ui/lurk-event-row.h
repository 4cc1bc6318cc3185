/* lurk-event-row.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lurk-event.h"

G_BEGIN_DECLS

#define LURK_TYPE_EVENT_ROW (lurk_event_row_get_type ())

G_DECLARE_FINAL_TYPE (LurkEventRow, lurk_event_row, LURK, EVENT_ROW, GtkWidget)

GtkWidget  *lurk_event_row_new          (void);
LurkEvent  *lurk_event_row_get_event    (LurkEventRow *self);
void        lurk_event_row_set_event    (LurkEventRow *self,
                                         LurkEvent    *event);
gboolean    lurk_event_row_get_is_new   (LurkEventRow *self);
void        lurk_event_row_set_is_new   (LurkEventRow *self,
                                         gboolean      is_new);
void        lurk_event_row_update_time  (LurkEventRow *self,
                                         gint64        now_usec);
void        lurk_event_row_set_time_text (LurkEventRow *self,
                                          const char   *text);
const char *lurk_event_row_get_who      (LurkEventRow *self);
const char *lurk_event_row_get_what     (LurkEventRow *self);
const char *lurk_event_row_get_amount   (LurkEventRow *self);
const char *lurk_event_row_get_time     (LurkEventRow *self);
char       *lurk_event_row_dup_text     (LurkEventRow *self);
char       *lurk_event_row_dup_shown_text (LurkEventRow *self);

/* Display helpers, shared with notifications and announcements. */
const char *lurk_event_kind_get_icon_name (LurkEventKind kind);
char       *lurk_event_dup_who            (LurkEvent    *event);
char       *lurk_dup_channel_url          (const char   *login);
char       *lurk_event_dup_amount         (LurkEvent    *event);
char       *lurk_format_relative_time     (gint64        then_usec,
                                           gint64        now_usec);

G_END_DECLS
