/* lurk-event-store.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-event.h"

G_BEGIN_DECLS

#define LURK_TYPE_EVENT_STORE (lurk_event_store_get_type ())

G_DECLARE_FINAL_TYPE (LurkEventStore, lurk_event_store, LURK, EVENT_STORE, GObject)

/* Threading: the synchronous functions use the store's own connection and must be called
 * from one thread at a time (the listener's worker owns the writer). The _async functions
 * may be called from any thread with a main context: they run in a GTask thread on a
 * second, read-only connection of the same file, so the UI never waits on SQLite. */

LurkEventStore *lurk_event_store_new          (const char           *path,
                                               GError              **error);
void            lurk_event_store_new_async    (const char           *path,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
LurkEventStore *lurk_event_store_new_finish   (GAsyncResult         *result,
                                               GError              **error);
const char     *lurk_event_store_get_path     (LurkEventStore       *self);

gboolean        lurk_event_store_insert       (LurkEventStore       *self,
                                               GPtrArray            *events,
                                               GPtrArray           **inserted,
                                               GError              **error);
gboolean        lurk_event_store_contains     (LurkEventStore       *self,
                                               const char           *message_id);
GPtrArray      *lurk_event_store_list_recent  (LurkEventStore       *self,
                                               const char           *broadcaster_id,
                                               guint                 limit,
                                               GError              **error);
GPtrArray      *lurk_event_store_search       (LurkEventStore       *self,
                                               const char           *broadcaster_id,
                                               const char           *text,
                                               const char           *kind,
                                               guint                 limit,
                                               GError              **error);
guint           lurk_event_store_prune        (LurkEventStore       *self,
                                               gint64                older_than_usec,
                                               GError              **error);
gint64          lurk_event_store_count        (LurkEventStore       *self,
                                               const char           *broadcaster_id,
                                               GError              **error);
gboolean        lurk_event_store_check        (LurkEventStore       *self,
                                               GError              **error);
gboolean        lurk_event_store_has_full_text_search (LurkEventStore *self);
gboolean        lurk_event_store_update_search_index  (LurkEventStore  *self,
                                                       GError         **error);
void            lurk_event_store_idle                 (LurkEventStore  *self);

void            lurk_event_store_list_recent_async  (LurkEventStore      *self,
                                                     const char          *broadcaster_id,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray      *lurk_event_store_list_recent_finish (LurkEventStore      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void            lurk_event_store_search_async       (LurkEventStore      *self,
                                                     const char          *broadcaster_id,
                                                     const char          *text,
                                                     const char          *kind,
                                                     guint                limit,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray      *lurk_event_store_search_finish      (LurkEventStore      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

gboolean        lurk_event_store_recover      (const char           *path,
                                               char                **moved_to,
                                               GError              **error);

G_END_DECLS
