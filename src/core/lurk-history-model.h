/* lurk-history-model.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-event-store.h"

G_BEGIN_DECLS

/* The kinds of events History filters by, as groups a person thinks in */
typedef enum
{
  LURK_HISTORY_GROUP_ALL,
  LURK_HISTORY_GROUP_SUBS,       /* subs, resubs, gifts, upgrades */
  LURK_HISTORY_GROUP_CHEERS,     /* cheers, bits badges, charity */
  LURK_HISTORY_GROUP_RAIDS,      /* raids in and out, shoutouts */
  LURK_HISTORY_GROUP_CHANNEL,    /* live, offline, title and category, shared chat */
  LURK_HISTORY_GROUP_MODERATION, /* clears, timeouts, bans, deletions, chat settings */
  LURK_HISTORY_N_GROUPS
} LurkHistoryGroup;

const char * const *lurk_history_group_get_kinds (LurkHistoryGroup group);

#define LURK_TYPE_HISTORY_MODEL (lurk_history_model_get_type ())

G_DECLARE_FINAL_TYPE (LurkHistoryModel, lurk_history_model, LURK, HISTORY_MODEL, GObject)

LurkHistoryModel *lurk_history_model_new              (void);
LurkEventStore   *lurk_history_model_get_store        (LurkHistoryModel *self);
void              lurk_history_model_set_store        (LurkHistoryModel *self,
                                                       LurkEventStore   *store);
void              lurk_history_model_set_filter       (LurkHistoryModel *self,
                                                       const char       *broadcaster_id,
                                                       const char       *text,
                                                       LurkHistoryGroup  group);
const char       *lurk_history_model_get_broadcaster_id (LurkHistoryModel *self);
const char       *lurk_history_model_get_text         (LurkHistoryModel *self);
LurkHistoryGroup  lurk_history_model_get_group        (LurkHistoryModel *self);
void              lurk_history_model_load_more        (LurkHistoryModel *self);
gboolean          lurk_history_model_get_loading      (LurkHistoryModel *self);
gboolean          lurk_history_model_get_complete     (LurkHistoryModel *self);
guint             lurk_history_model_get_page_size    (LurkHistoryModel *self);
void              lurk_history_model_set_page_size    (LurkHistoryModel *self,
                                                       guint             page_size);
void              lurk_history_model_reload           (LurkHistoryModel *self);

G_END_DECLS
