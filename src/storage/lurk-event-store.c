/* lurk-event-store.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-event-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "lurk-error.h"
#include "lurk-event-store.h"
#include "lurk-event-store-private.h"

/**
 * LurkEventStore:
 *
 * The event history: one SQLite file (by default `events.db` in the profile's data
 * directory) in WAL mode, `synchronous=NORMAL` (a crashed process never loses a committed
 * batch; a power cut may lose the last ones but never leaves the file inconsistent), the
 * EventSub `message_id` as primary key so an event is never stored twice, and the raw event
 * JSON so that rows become #LurkEvent objects again through lurk_event_new_from_json_string()
 * (display text is never stored).
 *
 * The schema version lives in `PRAGMA user_version`; opening a file runs every migration
 * between its version and the current one, each in its own transaction. A file written by a
 * newer Lurk is refused rather than guessed at.
 *
 * A damaged file gives %LURK_ERROR_STORE_CORRUPT and is left alone: only
 * lurk_event_store_recover() moves it aside (never deletes it), when the user asks.
 */

static const char * const stmt_sql[N_STORE_STMTS] = {
  [STORE_STMT_BEGIN] = "BEGIN IMMEDIATE",
  [STORE_STMT_COMMIT] = "COMMIT",
  [STORE_STMT_ROLLBACK] = "ROLLBACK",
  [STORE_STMT_INSERT] =
    "INSERT OR IGNORE INTO events (message_id, broadcaster_id, subscription_type, "
    "subscription_version, kind, occurred_at, occurred_at_text, received_at, actor_login, "
    "actor_name, search_text, event_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
    "?11, ?12)",
  [STORE_STMT_CONTAINS] = "SELECT 1 FROM events WHERE message_id = ?1",
  /* The next chunk of rows for the search index, after the watermark. */
  [STORE_STMT_INDEX] =
    "INSERT INTO events_fts (rowid, actor_login, actor_name, search_text) "
    "SELECT rowid, actor_login, actor_name, search_text FROM events "
    "WHERE rowid > ?1 AND rowid <= ?2",
};

G_DEFINE_FINAL_TYPE (LurkEventStore, lurk_event_store, G_TYPE_OBJECT)

/* The search index */

/* Indexing runs inside lurk_event_store_insert(), so its chunks stay small to keep the
 * listener's latency low; still far cheaper per event than a trigger (bench/README.md). */
#define INDEX_CHUNK 256
#define INDEX_INTERVAL_USEC (G_USEC_PER_SEC / 4)

/* Moves the watermark over the next @max_rows rows after it, indexing them, in one
 * transaction. Returns how many were indexed, -1 on error. */
static gint64
index_pending (LurkEventStore  *self,
               guint            max_rows,
               GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 from = 0;
  gint64 to = 0;
  gint64 count = 0;
  int rc;

  rc = sqlite3_step (self->stmts[STORE_STMT_BEGIN]);
  sqlite3_reset (self->stmts[STORE_STMT_BEGIN]);
  if (rc != SQLITE_DONE)
    {
      _lurk_event_store_set_error (error, self->db, rc, self->path);
      return -1;
    }

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT s.indexed_rowid, max(c.rowid), count(c.rowid) FROM fts_state s "
                           "LEFT JOIN (SELECT rowid FROM events WHERE rowid > "
                           "(SELECT indexed_rowid FROM fts_state) ORDER BY rowid LIMIT ?1) c",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, max_rows);
      rc = sqlite3_step (stmt);
    }
  if (rc == SQLITE_ROW)
    {
      from = sqlite3_column_int64 (stmt, 0);
      to = sqlite3_column_int64 (stmt, 1);
      count = sqlite3_column_int64 (stmt, 2);
      /* A count() is never negative: -1 below always comes with @error set. */
      g_assert (count >= 0);
      rc = SQLITE_DONE;
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  if (rc == SQLITE_DONE && count > 0)
    {
      stmt = self->stmts[STORE_STMT_INDEX];
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);

      if (rc == SQLITE_DONE)
        {
          rc = sqlite3_prepare_v2 (self->db, "UPDATE fts_state SET indexed_rowid = ?1", -1,
                                   &stmt, NULL);
          if (rc == SQLITE_OK)
            {
              sqlite3_bind_int64 (stmt, 1, to);
              rc = sqlite3_step (stmt);
            }
          sqlite3_finalize (stmt);
        }
    }

  if (rc == SQLITE_DONE)
    {
      rc = sqlite3_step (self->stmts[STORE_STMT_COMMIT]);
      sqlite3_reset (self->stmts[STORE_STMT_COMMIT]);
    }

  if (rc != SQLITE_DONE)
    {
      _lurk_event_store_set_error (error, self->db, rc, self->path);
      if (!sqlite3_get_autocommit (self->db))
        {
          sqlite3_step (self->stmts[STORE_STMT_ROLLBACK]);
          sqlite3_reset (self->stmts[STORE_STMT_ROLLBACK]);
        }
      return -1;
    }

  self->fts_indexed_time = g_get_monotonic_time ();
  self->fts_pending = count < max_rows ? 0 : self->fts_pending - MIN (self->fts_pending, count);

  return count;
}

/**
 * lurk_event_store_update_search_index:
 *
 * Adds every stored event to the search index now. lurk_event_store_insert() does this by
 * itself, in chunks of at most 256 events, at least 4 times a second while events arrive;
 * until then lurk_event_store_search() still finds the newest events, by plain substring.
 *
 * Returns: %TRUE when the index is complete
 */
gboolean
lurk_event_store_update_search_index (LurkEventStore  *self,
                                      GError         **error)
{
  gint64 count;

  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), FALSE);

  if (!self->has_fts)
    return TRUE;

  do
    count = index_pending (self, 4096, error);
  while (count == 4096);

  return count >= 0;
}

static void
maybe_index (LurkEventStore *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->has_fts || self->fts_pending == 0 || self->fts_manual)
    return;

  if (self->fts_pending < INDEX_CHUNK &&
      g_get_monotonic_time () - self->fts_indexed_time < INDEX_INTERVAL_USEC)
    return;

  /* The events are stored; a failure here (disk full...) only delays the index. */
  if (index_pending (self, INDEX_CHUNK, &error) < 0)
    g_debug ("Search index not updated: %s", error->message);
}

/* The object */

static void
lurk_event_store_finalize (GObject *object)
{
  LurkEventStore *self = (LurkEventStore *)object;

  if (self->db != NULL && self->has_fts && self->fts_pending > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!lurk_event_store_update_search_index (self, &error))
        g_debug ("Search index not updated: %s", error->message);
    }

  for (guint i = 0; i < N_STORE_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);

  /* Wait for a running checkpoint; the writer closes last, so that it checkpoints and
   * removes the WAL (a clean end, see wal_left_behind()). */
  g_clear_pointer (&self->checkpointer, _lurk_event_store_checkpointer_close);
  g_clear_pointer (&self->reader, sqlite3_close_v2);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_clear (&self->reader_lock);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lurk_event_store_parent_class)->finalize (object);
}

static void
lurk_event_store_class_init (LurkEventStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_event_store_finalize;
}

static void
lurk_event_store_init (LurkEventStore *self)
{
  g_mutex_init (&self->reader_lock);
}

/**
 * lurk_event_store_new:
 * @path: the database file (lurk_profile_dup_event_store_path() for the profile's own)
 * @error: %LURK_ERROR_STORE_CORRUPT for a damaged file, %LURK_ERROR_STORE when the file or
 *   its folder cannot be created or written, or the file is from a newer Lurk
 *
 * Opens (creating it and its folder if needed) and checks the event history, and brings
 * its schema up to date. This does blocking I/O: call it from a worker thread, or use
 * lurk_event_store_new_async().
 *
 * Returns: (transfer full) (nullable): the store
 */
LurkEventStore *
lurk_event_store_new (const char  *path,
                      GError     **error)
{
  g_autoptr(LurkEventStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (LURK_TYPE_EVENT_STORE, NULL);
  self->path = g_strdup (path);
  self->db = _lurk_event_store_open_writer (self->path, error);
  if (self->db == NULL)
    return NULL;

  self->has_fts = _lurk_event_store_table_exists (self->db, "events_fts");

  /* Replaces SQLite's automatic checkpoints. */
  _lurk_event_store_start_checkpoints (self);

  for (guint i = 0; i < N_STORE_STMTS; i++)
    {
      int rc;

      if (i == STORE_STMT_INDEX && !self->has_fts)
        continue;

      rc = sqlite3_prepare_v3 (self->db, stmt_sql[i], -1, SQLITE_PREPARE_PERSISTENT,
                               &self->stmts[i], NULL);
      if (rc != SQLITE_OK)
        {
          _lurk_event_store_set_error (error, self->db, rc, self->path);
          return NULL;
        }
    }

  /* Rows a previous run stored but did not index yet. */
  if (self->has_fts)
    {
      gint64 pending = 0;

      if (!_lurk_event_store_query_int (self->db, self->path,
                      "SELECT count(*) FROM events WHERE rowid > "
                      "(SELECT indexed_rowid FROM fts_state)", &pending, error))
        return NULL;

      self->fts_pending = (guint) MIN (pending, G_MAXUINT);
    }
  self->fts_indexed_time = g_get_monotonic_time ();

  return g_steal_pointer (&self);
}

static void
new_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  LurkEventStore *store = lurk_event_store_new (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * lurk_event_store_new_async:
 * @path: (nullable): as for lurk_event_store_new()
 *
 * Opens the store in a worker thread.
 */
void
lurk_event_store_new_async (const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lurk_event_store_new_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, new_thread);
}

LurkEventStore *
lurk_event_store_new_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
lurk_event_store_get_path (LurkEventStore *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), NULL);

  return self->path;
}

/* Package-private: the writer connection, for tests (PRAGMA max_page_count). */
sqlite3 *
_lurk_event_store_get_db (LurkEventStore *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), NULL);

  return self->db;
}

#ifdef LURK_BENCH_HOOKS
void
_lurk_event_store_set_manual_index (LurkEventStore *self,
                                    gboolean        manual)
{
  g_return_if_fail (LURK_IS_EVENT_STORE (self));

  self->fts_manual = !!manual;
}
#endif

gboolean
lurk_event_store_has_full_text_search (LurkEventStore *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), FALSE);

  return self->has_fts;
}

/* Writing */

static int
step_cached (LurkEventStore *self,
             StoreStmt       which)
{
  sqlite3_stmt *stmt = self->stmts[which];
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc;
}

static void
append_search_part (GString    *text,
                    const char *part)
{
  if (part == NULL || *part == '\0')
    return;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  g_string_append (text, part);
}

/* What search finds besides the actor: the words a user remembers of an event. */
static void
build_search_text (LurkEvent *event,
                   GString   *text)
{
  g_string_truncate (text, 0);
  append_search_part (text, lurk_event_get_message_text (event));
  /* Twitch's system message repeats the actor and the kind, except for kinds Lurk does not
   * know: indexing it only then halves the search index's cost. */
  if (lurk_event_get_kind (event) == LURK_EVENT_KIND_UNKNOWN)
    append_search_part (text, lurk_event_get_system_message (event));
  append_search_part (text, lurk_event_get_title (event));
  append_search_part (text, lurk_event_get_category (event));
  append_search_part (text, lurk_event_get_target_login (event));
  append_search_part (text, lurk_event_get_target_name (event));
}

static void
rollback (LurkEventStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    step_cached (self, STORE_STMT_ROLLBACK);
}

static inline void
bind_text_or (sqlite3_stmt *stmt,
              int           index,
              const char   *text,
              const char   *fallback)
{
  if (text == NULL)
    text = fallback;

  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, index);
}

/**
 * lurk_event_store_insert:
 * @self: a #LurkEventStore
 * @events: (element-type LurkEvent): the batch to store
 * @inserted: (out) (optional) (element-type LurkEvent) (transfer container): the events of
 *   @events that were not stored before (in order)
 * @error: %LURK_ERROR_STORE_FULL when the disk is full, %LURK_ERROR_STORE_CORRUPT,
 *   %LURK_ERROR_STORE
 *
 * Stores the batch in one transaction; an event whose message_id is already stored is
 * ignored. On failure nothing of the batch is stored and the caller keeps it to retry.
 *
 * Returns: %TRUE when the batch is committed
 */
gboolean
lurk_event_store_insert (LurkEventStore  *self,
                         GPtrArray       *events,
                         GPtrArray      **inserted,
                         GError         **error)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GString) search_text = NULL;
  g_autoptr(GString) compact_json = NULL;
  sqlite3_stmt *insert;
  int rc;

  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  fresh = g_ptr_array_new_full (events->len, g_object_unref);

  if (events->len == 0)
    {
      if (inserted != NULL)
        *inserted = g_steal_pointer (&fresh);
      return TRUE;
    }

  rc = step_cached (self, STORE_STMT_BEGIN);
  if (rc != SQLITE_DONE)
    {
      _lurk_event_store_set_error (error, self->db, rc, self->path);
      return FALSE;
    }

  insert = self->stmts[STORE_STMT_INSERT];
  search_text = g_string_sized_new (256);
  compact_json = g_string_sized_new (2048);

  for (guint i = 0; i < events->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (events, i);
      const char *id = lurk_event_get_id (event);
      const char *broadcaster_id = lurk_event_get_broadcaster_id (event);
      const char *event_json = lurk_event_get_event_json (event);
      const char *json;
      gsize json_length;

      if (id == NULL)
        {
          g_warning ("Not storing an event without a message id");
          continue;
        }

      build_search_text (event, search_text);

      /* NOT NULL columns get a harmless value rather than failing the whole batch. */
      sqlite3_bind_text (insert, 1, id, -1, SQLITE_STATIC);
      bind_text_or (insert, 2, broadcaster_id, "");
      bind_text_or (insert, 3, lurk_event_get_subscription_type (event), "");
      bind_text_or (insert, 4, lurk_event_get_subscription_version (event), "");
      bind_text_or (insert, 5, lurk_event_kind_to_string (lurk_event_get_kind (event)),
                    "unknown");
      sqlite3_bind_int64 (insert, 6, lurk_event_get_occurred_at (event));
      bind_text_or (insert, 7, lurk_event_get_occurred_at_string (event), "");
      sqlite3_bind_int64 (insert, 8, lurk_event_get_received_at (event));
      bind_text_or (insert, 9, lurk_event_get_actor_login (event), NULL);
      bind_text_or (insert, 10, lurk_event_get_actor_name (event), NULL);
      sqlite3_bind_text (insert, 11, search_text->str, search_text->len, SQLITE_STATIC);
      json = _lurk_event_store_compact_json (event_json != NULL ? event_json : "{}",
                                             compact_json, &json_length);
      sqlite3_bind_text (insert, 12, json, json_length, SQLITE_STATIC);

      rc = sqlite3_step (insert);
      sqlite3_reset (insert);

      if (rc != SQLITE_DONE)
        {
          _lurk_event_store_set_error (error, self->db, rc, self->path);
          sqlite3_clear_bindings (insert);
          rollback (self);
          return FALSE;
        }

      if (sqlite3_changes (self->db) > 0)
        g_ptr_array_add (fresh, g_object_ref (event));
    }

  sqlite3_clear_bindings (insert);

  rc = step_cached (self, STORE_STMT_COMMIT);
  if (rc != SQLITE_DONE)
    {
      _lurk_event_store_set_error (error, self->db, rc, self->path);
      rollback (self);
      return FALSE;
    }

  self->fts_pending += fresh->len;
  maybe_index (self);

  if (inserted != NULL)
    *inserted = g_steal_pointer (&fresh);

  return TRUE;
}

/**
 * lurk_event_store_idle:
 * @self: a #LurkEventStore
 *
 * Tells the store that writes have stopped for a while; its owner (the listener's writer
 * thread) calls it once after a burst, never on a timer. The store then indexes what the
 * search index still lacks, copies the WAL into the database and empties it when no reader
 * is in the way (without waiting for one), and gives its connections' page caches back to
 * the allocator: after a flood, the cache and the WAL cost nothing while nothing happens.
 */
void
lurk_event_store_idle (LurkEventStore *self)
{
  g_autoptr(GError) error = NULL;
  int rc;

  g_return_if_fail (LURK_IS_EVENT_STORE (self));

  if (self->has_fts && self->fts_pending > 0 && !self->fts_manual &&
      !lurk_event_store_update_search_index (self, &error))
    g_debug ("Search index not updated: %s", error->message);

  /* TRUNCATE waits for readers through the busy handler: not here, a reader in the middle
   * of a history query just means the WAL is emptied after the next burst instead. */
  sqlite3_busy_timeout (self->db, 0);
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sqlite3_busy_timeout (self->db, _LURK_EVENT_STORE_BUSY_TIMEOUT_MS);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
    g_debug ("Checkpoint of %s when idle: %s", self->path, sqlite3_errmsg (self->db));

  sqlite3_db_release_memory (self->db);
  if (g_mutex_trylock (&self->reader_lock))
    {
      if (self->reader != NULL)
        sqlite3_db_release_memory (self->reader);
      g_mutex_unlock (&self->reader_lock);
    }
}

/**
 * lurk_event_store_contains:
 *
 * Returns: whether an event with this EventSub message_id is stored (%FALSE on errors)
 */
gboolean
lurk_event_store_contains (LurkEventStore *self,
                           const char     *message_id)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  stmt = self->stmts[STORE_STMT_CONTAINS];
  sqlite3_bind_text (stmt, 1, message_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return rc == SQLITE_ROW;
}

/**
 * lurk_event_store_prune:
 * @older_than_usec: events that occurred before this time (µs since the epoch) are deleted
 *
 * Applies the history retention.
 *
 * Returns: how many events were deleted (0 with @error set on failure)
 */
guint
lurk_event_store_prune (LurkEventStore  *self,
                        gint64           older_than_usec,
                        GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  guint deleted = 0;
  int rc;

  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), 0);

  rc = step_cached (self, STORE_STMT_BEGIN);
  if (rc == SQLITE_DONE)
    rc = sqlite3_prepare_v2 (self->db, "DELETE FROM events WHERE occurred_at < ?1", -1, &stmt,
                             NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, older_than_usec);
      rc = sqlite3_step (stmt);
      deleted = sqlite3_changes (self->db);
    }
  sqlite3_finalize (stmt);
  stmt = NULL;

  /* New rows get max(rowid) + 1: keep the index watermark below that, so that they are
   * never taken for indexed ones. */
  if (rc == SQLITE_DONE && self->has_fts)
    {
      char *errmsg = NULL;

      rc = sqlite3_exec (self->db,
                         "UPDATE fts_state SET indexed_rowid = min(indexed_rowid, "
                         "(SELECT coalesce(max(rowid), 0) FROM events))",
                         NULL, NULL, &errmsg);
      sqlite3_free (errmsg);
      if (rc == SQLITE_OK)
        rc = SQLITE_DONE;
    }

  if (rc == SQLITE_DONE)
    rc = step_cached (self, STORE_STMT_COMMIT);

  if (rc != SQLITE_DONE)
    {
      _lurk_event_store_set_error (error, self->db, rc, self->path);
      rollback (self);
      return 0;
    }

  return deleted;
}

/**
 * lurk_event_store_count:
 * @broadcaster_id: (nullable): only this channel, or all
 *
 * Returns: the number of stored events, or -1 with @error set
 */
gint64
lurk_event_store_count (LurkEventStore  *self,
                        const char      *broadcaster_id,
                        GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 count = -1;
  int rc;

  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), -1);

  rc = sqlite3_prepare_v2 (self->db,
                           broadcaster_id != NULL
                           ? "SELECT count(*) FROM events WHERE broadcaster_id = ?1"
                           : "SELECT count(*) FROM events",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      if (broadcaster_id != NULL)
        sqlite3_bind_text (stmt, 1, broadcaster_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }

  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _lurk_event_store_set_error (error, self->db, rc, self->path);

  sqlite3_finalize (stmt);
  return count;
}

/**
 * lurk_event_store_check:
 *
 * Runs `PRAGMA integrity_check` (slow on a big file: a maintenance operation).
 *
 * Returns: %TRUE when the file is sound, else %LURK_ERROR_STORE_CORRUPT
 */
gboolean
lurk_event_store_check (LurkEventStore  *self,
                        GError         **error)
{
  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), FALSE);

  return _lurk_event_store_check_integrity (self->db, self->path, "PRAGMA integrity_check",
                                            error);
}

/* Recovery */

/**
 * lurk_event_store_recover:
 * @path: the damaged file
 * @moved_to: (out) (optional) (transfer full): where it went
 * @error: %LURK_ERROR_STORE when it cannot be moved
 *
 * Moves a damaged history aside to `PATH.corrupt-YYYYMMDDTHHMMSSZ` (with its `-wal` and
 * `-shm` companions), so that lurk_event_store_new() starts an empty one. Nothing is
 * deleted. Call it only when the user asked for it, with no store open on @path.
 *
 * Returns: %TRUE when moved
 */
gboolean
lurk_event_store_recover (const char  *path,
                          char       **moved_to,
                          GError     **error)
{
  static const char * const suffixes[] = { "-wal", "-shm" };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *target = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  target = g_strdup_printf ("%s.corrupt-%s", path, stamp);
  for (guint n = 2; g_file_test (target, G_FILE_TEST_EXISTS); n++)
    {
      g_free (target);
      target = g_strdup_printf ("%s.corrupt-%s-%u", path, stamp, n);
    }

  if (g_rename (path, target) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, LURK_ERROR, LURK_ERROR_STORE,
                   _("Cannot move the damaged event history “%s” aside: %s"),
                   path, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Cannot move %s to %s: %s", from, to, g_strerror (errno));
    }

  g_message ("Moved the damaged event history %s to %s", path, target);

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&target);

  return TRUE;
}
