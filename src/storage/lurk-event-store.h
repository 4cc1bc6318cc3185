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

/* A search needs every word; SQLite cannot evaluate a condition much deeper than 1,000 terms */
#define LURK_EVENT_STORE_MAX_SEARCH_WORDS 64

G_DECLARE_FINAL_TYPE (LurkEventStore, lurk_event_store, LURK, EVENT_STORE, GObject)

/* Threading: the synchronous functions use the store's own connection and must be called
 * from one thread at a time (the listener's worker owns the writer). The _async functions
 * may be called from any thread with a main context: they run in a GTask thread on a
 * second, read-only connection of the same file, so the UI never waits on SQLite. */

/* Which events a history page holds; every member may be left empty (NULL or 0). */
typedef struct
{
  const char         *broadcaster_id; /* only this channel */
  const char         *text;           /* words, as lurk_event_store_search() takes them */
  const char * const *kinds;          /* only these kinds (lurk_event_kind_to_string()) */
  gint64              since_usec;     /* only events that occurred at or after this time */
  gboolean            oldest_first;   /* pages in the order the events occurred */
} LurkEventFilter;

/* Where the next page starts: all zero for the newest events. Opaque to callers. */
typedef struct
{
  gint64 occurred_at;
  gint64 rowid;
} LurkEventCursor;

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
GPtrArray      *lurk_event_store_page         (LurkEventStore        *self,
                                               const LurkEventFilter *filter,
                                               LurkEventCursor       *cursor,
                                               guint                  limit,
                                               GError               **error);
/* A channel with stored events: lurk_event_store_list_channels_async() */
typedef struct
{
  char   *broadcaster_id;
  char   *login;          /* nullable */
  char   *name;           /* nullable */
  gint64  n_events;
  gint64  newest_usec;
} LurkStoredChannel;

void            lurk_stored_channel_free      (LurkStoredChannel    *channel);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkStoredChannel, lurk_stored_channel_free)

char           *lurk_event_store_find_broadcaster (LurkEventStore  *self,
                                                   const char      *login,
                                                   GError         **error);
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
void            lurk_event_store_page_async         (LurkEventStore        *self,
                                                     const LurkEventFilter *filter,
                                                     const LurkEventCursor *cursor,
                                                     guint                  limit,
                                                     GCancellable          *cancellable,
                                                     GAsyncReadyCallback    callback,
                                                     gpointer               user_data);
GPtrArray      *lurk_event_store_page_finish        (LurkEventStore        *self,
                                                     GAsyncResult          *result,
                                                     LurkEventCursor       *next,
                                                     GError               **error);
void            lurk_event_store_list_channels_async  (LurkEventStore      *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
GPtrArray      *lurk_event_store_list_channels_finish (LurkEventStore      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

gboolean        lurk_event_store_recover      (const char           *path,
                                               char                **moved_to,
                                               GError              **error);

G_END_DECLS
