/* lurk-event-store-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lurk-event-store.h"

G_BEGIN_DECLS

typedef enum
{
  STORE_STMT_BEGIN,
  STORE_STMT_COMMIT,
  STORE_STMT_ROLLBACK,
  STORE_STMT_INSERT,
  STORE_STMT_CONTAINS,
  STORE_STMT_INDEX,
  N_STORE_STMTS
} StoreStmt;

#define _LURK_EVENT_STORE_BUSY_TIMEOUT_MS 5000

typedef struct _Checkpointer Checkpointer;

struct _LurkEventStore
{
  GObject       parent_instance;

  char         *path;
  sqlite3      *db;
  sqlite3_stmt *stmts[N_STORE_STMTS];
  gboolean      has_fts;
  guint         fts_pending;      /* rows inserted and not in events_fts yet */
  gint64        fts_indexed_time; /* monotonic time of the last indexing */
  gboolean      fts_manual;       /* no indexing inside lurk_event_store_insert() */
  Checkpointer *checkpointer;     /* background WAL checkpoints */

  /* The second connection, for the _async readers; opened on first use in a worker
   * thread and used by one worker at a time. */
  GMutex        reader_lock;
  sqlite3      *reader;
  gboolean      reader_has_fts;
};

/* lurk-event-store-db.c: the file, its schema and connections */
void       _lurk_event_store_set_error          (GError         **error,
                                                 sqlite3         *db,
                                                 int              rc,
                                                 const char      *path);
sqlite3   *_lurk_event_store_open_writer        (const char      *path,
                                                 GError         **error);
sqlite3   *_lurk_event_store_open_reader        (const char      *path,
                                                 GError         **error);
gboolean   _lurk_event_store_table_exists       (sqlite3         *db,
                                                 const char      *name);
gboolean   _lurk_event_store_query_int          (sqlite3         *db,
                                                 const char      *path,
                                                 const char      *sql,
                                                 gint64          *out,
                                                 GError         **error);
gboolean   _lurk_event_store_check_integrity    (sqlite3         *db,
                                                 const char      *path,
                                                 const char      *pragma,
                                                 GError         **error);
void       _lurk_event_store_start_checkpoints  (LurkEventStore  *self);
void       _lurk_event_store_checkpointer_close (Checkpointer    *checkpointer);

/* lurk-event-store-json.c: what is stored of an event's JSON */
const char *_lurk_event_store_compact_json (const char *json,
                                            GString    *scratch,
                                            gsize      *length);

/* lurk-event-store-query.c: the reading side, on either connection */
GPtrArray *_lurk_event_store_query_recent (sqlite3       *db,
                                           const char    *path,
                                           const char    *broadcaster_id,
                                           guint          limit,
                                           GCancellable  *cancellable,
                                           GError       **error);
GPtrArray *_lurk_event_store_query_search (sqlite3       *db,
                                           const char    *path,
                                           gboolean       has_fts,
                                           const char    *broadcaster_id,
                                           const char    *text,
                                           const char    *kind,
                                           guint          limit,
                                           GCancellable  *cancellable,
                                           GError       **error);
GPtrArray *_lurk_event_store_query_page   (sqlite3               *db,
                                           const char            *path,
                                           gboolean               has_fts,
                                           const LurkEventFilter *filter,
                                           LurkEventCursor       *cursor,
                                           guint                  limit,
                                           GCancellable          *cancellable,
                                           GError               **error);

/* The writer connection, for tests that need to shape it (PRAGMA max_page_count to make
 * the disk "full"). Use only from the thread that owns the store. */
sqlite3 *_lurk_event_store_get_db (LurkEventStore *self);

#ifdef LURK_BENCH_HOOKS
/* For the benchmark (-Dbench_hooks=true only): leave the search index to
 * lurk_event_store_update_search_index(), so that inserting and indexing can be measured
 * apart. */
void     _lurk_event_store_set_manual_index (LurkEventStore *self,
                                             gboolean        manual);
#endif

G_END_DECLS
