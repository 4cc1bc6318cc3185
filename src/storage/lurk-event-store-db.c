/* lurk-event-store-db.c
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

#include "lurk-error.h"
#include "lurk-event-store-private.h"

/* The SQLite file behind LurkEventStore: errors, schema and forward migrations, opening the
 * writer and reader connections, and the background WAL checkpoints. */

#define BUSY_TIMEOUT_MS _LURK_EVENT_STORE_BUSY_TIMEOUT_MS

/* Errors */

void
_lurk_event_store_set_error (GError     **error,
                             sqlite3     *db,
                             int          rc,
                             const char  *path)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, LURK_ERROR, LURK_ERROR_STORE_CORRUPT,
                   _("The event history file “%s” is damaged and cannot be read (%s). "
                     "It can be moved aside and a new, empty history started."),
                   path, detail);
      break;

    case SQLITE_FULL:
      g_set_error (error, LURK_ERROR, LURK_ERROR_STORE_FULL,
                   _("The disk is full: events cannot be saved in “%s”. Free some space; "
                     "Lurk keeps the unsaved events and tries again."),
                   path);
      break;

    default:
      g_set_error (error, LURK_ERROR, LURK_ERROR_STORE,
                   _("Cannot use the event history file “%s”: %s"), path, detail);
      break;
    }
}

/* Opening and migrations */

static gboolean
exec_sql (sqlite3     *db,
          const char  *path,
          const char  *sql,
          GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      return FALSE;
    }

  return TRUE;
}

gboolean
_lurk_event_store_query_int (sqlite3     *db,
                             const char  *path,
                             const char  *sql,
                             gint64      *out,
                             GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    {
      *out = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
      return TRUE;
    }

  _lurk_event_store_set_error (error, db, rc, path);
  sqlite3_finalize (stmt);
  return FALSE;
}

gboolean
_lurk_event_store_table_exists (sqlite3    *db,
                                const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_master WHERE name = ?1", -1, &stmt,
                          NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
    }

  sqlite3_finalize (stmt);
  return found;
}

static gboolean
migrate_to_v1 (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  static const char *sql =
    "CREATE TABLE events ("
    "  message_id           TEXT PRIMARY KEY NOT NULL,"
    "  broadcaster_id       TEXT NOT NULL,"
    "  subscription_type    TEXT NOT NULL,"
    "  subscription_version TEXT NOT NULL,"
    "  kind                 TEXT NOT NULL,"
    "  occurred_at          INTEGER NOT NULL,"  /* µs since the epoch */
    "  occurred_at_text     TEXT NOT NULL,"     /* message_timestamp as sent */
    "  received_at          INTEGER NOT NULL,"  /* µs since the epoch */
    "  actor_login          TEXT,"
    "  actor_name           TEXT,"
    "  search_text          TEXT,"              /* message, title, system message... */
    "  event_json           TEXT NOT NULL"      /* the EventSub event object as received */
    ");"
    "CREATE INDEX events_recent ON events (broadcaster_id, occurred_at DESC);"
    "CREATE INDEX events_occurred ON events (occurred_at);";
  /* The search index is filled behind the writes, in chunks (see index_pending()), because
   * indexing each row as it is inserted (a trigger) costs several times more per event
   * (bench/README.md). fts_state.indexed_rowid is the watermark: rows up to it are in
   * events_fts; search looks at the few rows after it with LIKE. */
  static const char *fts_sql =
    "CREATE VIRTUAL TABLE events_fts USING fts5 ("
    "  actor_login, actor_name, search_text,"
    "  content='events', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');"
    "CREATE TABLE fts_state (indexed_rowid INTEGER NOT NULL);"
    "INSERT INTO fts_state (indexed_rowid) VALUES (0);"
    /* Merge segments less eagerly: less work per indexed event, search a little slower
     * (bench/README.md). */
    "INSERT INTO events_fts (events_fts, rank) VALUES ('automerge', 16);"
    "CREATE TRIGGER events_fts_delete AFTER DELETE ON events"
    "  WHEN old.rowid <= (SELECT indexed_rowid FROM fts_state) BEGIN"
    "  INSERT INTO events_fts (events_fts, rowid, actor_login, actor_name, search_text)"
    "    VALUES ('delete', old.rowid, old.actor_login, old.actor_name, old.search_text);"
    "END;";

  if (!exec_sql (db, path, sql, error))
    return FALSE;

  /* Debian's and the GNOME runtime's SQLite have FTS5; without it search falls back to
   * LIKE, decided at query time by whether events_fts exists. */
  if (sqlite3_compileoption_used ("ENABLE_FTS5") && !exec_sql (db, path, fts_sql, error))
    return FALSE;

  return TRUE;
}

typedef gboolean (*MigrateFunc) (sqlite3     *db,
                                 const char  *path,
                                 GError     **error);

/* migrations[i] takes a file from user_version i to i + 1. Append only. */
static const MigrateFunc migrations[] = {
  migrate_to_v1,
};

#define SCHEMA_VERSION ((gint64) G_N_ELEMENTS (migrations))

static gboolean
run_migrations (sqlite3     *db,
                const char  *path,
                GError     **error)
{
  gint64 version = 0;

  if (!_lurk_event_store_query_int (db, path, "PRAGMA user_version", &version, error))
    return FALSE;

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_STORE,
                   _("The event history file “%s” was written by a newer version of Lurk "
                     "(schema %" G_GINT64_FORMAT ", this version knows %" G_GINT64_FORMAT ")."),
                   path, version, SCHEMA_VERSION);
      return FALSE;
    }

  for (; version < SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = NULL;

      g_debug ("Migrating %s from schema %" G_GINT64_FORMAT, path, version);

      if (!exec_sql (db, path, "BEGIN IMMEDIATE", error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);

      if (!migrations[version] (db, path, error) ||
          !exec_sql (db, path, set_version, error) ||
          !exec_sql (db, path, "COMMIT", error))
        {
          if (!sqlite3_get_autocommit (db))
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
_lurk_event_store_check_integrity (sqlite3     *db,
                                   const char  *path,
                                   const char  *pragma,
                                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      return FALSE;
    }

  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_STORE_CORRUPT,
                   _("The event history file “%s” is damaged (%s). It can be moved aside "
                     "and a new, empty history started."),
                   path, result ? result : "?");
      return FALSE;
    }

  return TRUE;
}

/* The last connection to close checkpoints and deletes the WAL: one left behind means the
 * previous writer crashed (or is still running). */
static gboolean
wal_left_behind (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf buf;

  return g_stat (wal, &buf) == 0 && buf.st_size > 0;
}

/* Opening checks the header and the schema (not a database: %LURK_ERROR_STORE_CORRUPT).
 * After an unclean end it also runs `PRAGMA quick_check`, which reads the whole file (its
 * time grows with the history): not at every start. Damage found later by any operation is
 * reported the same way, and lurk_event_store_check() runs the full integrity check. */
static sqlite3 *
open_connection (const char  *path,
                 gboolean     read_only,
                 GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_NOMUTEX;
  gboolean unclean = FALSE;
  int rc;

  if (read_only)
    {
      flags |= SQLITE_OPEN_READONLY;
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, LURK_ERROR, LURK_ERROR_STORE,
                       _("Cannot create the folder “%s” for the event history: %s"),
                       dir, g_strerror (saved_errno));
          return NULL;
        }

      flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
      unclean = wal_left_behind (path);
    }

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      sqlite3_close_v2 (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  /* The first statements that read the header: a file that is not a database fails here
   * with SQLITE_NOTADB. */
  if (!read_only)
    {
      sqlite3_stmt *stmt = NULL;
      g_autofree char *mode = NULL;

      rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);

      if (rc != SQLITE_ROW)
        {
          _lurk_event_store_set_error (error, db, rc, path);
          sqlite3_close_v2 (db);
          return NULL;
        }

      if (g_strcmp0 (mode, "wal") != 0)
        g_warning ("%s: journal mode is %s, not WAL", path, mode);

      if (!exec_sql (db, path,
                     "PRAGMA synchronous = NORMAL;"
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA journal_size_limit = 67108864;"
                     /* 4 MB: inserts append and reads go through the mmap; a bigger
                      * page cache was a large share of the app's private memory after
                      * a flood (bench/README.md) */
                     "PRAGMA cache_size = -4096;"
                     "PRAGMA mmap_size = 268435456;",
                     error) ||
          (unclean && !_lurk_event_store_check_integrity (db, path, "PRAGMA quick_check", error)) ||
          !run_migrations (db, path, error))
        {
          sqlite3_close_v2 (db);
          return NULL;
        }
    }
  else
    {
      gint64 version = 0;

      if (!exec_sql (db, path, "PRAGMA query_only = ON", error) ||
          !_lurk_event_store_query_int (db, path, "PRAGMA user_version", &version, error))
        {
          sqlite3_close_v2 (db);
          return NULL;
        }

      if (version != SCHEMA_VERSION)
        {
          g_set_error (error, LURK_ERROR, LURK_ERROR_STORE,
                       _("The event history file “%s” has schema %" G_GINT64_FORMAT
                         " instead of %" G_GINT64_FORMAT "."),
                       path, version, SCHEMA_VERSION);
          sqlite3_close_v2 (db);
          return NULL;
        }
    }

  return db;
}

sqlite3 *
_lurk_event_store_open_reader (const char  *path,
                               GError     **error)
{
  return open_connection (path, TRUE, error);
}

sqlite3 *
_lurk_event_store_open_writer (const char  *path,
                               GError     **error)
{
  return open_connection (path, FALSE, error);
}

/* Checkpoints, in the background
 *
 * A checkpoint copies the WAL into the database and fsyncs it: tens of milliseconds that
 * SQLite would spend inside the commit that crosses the threshold, on the listener's thread.
 * Instead, the commit hook hands it to a worker thread with its own connection (a PASSIVE
 * checkpoint never blocks the writer). The WAL only starts over from its beginning when a
 * write finds it wholly copied, which a flood rarely allows while the worker copies: so the
 * writer checkpoints itself once the WAL passes CHECKPOINT_FORCE_PAGES (most of it already
 * copied by then), and lurk_event_store_idle() empties it after a burst, which keeps the WAL
 * of a long flood small (bench/README.md, bench/store-bench --flood). */

#define CHECKPOINT_PAGES 1000       /* SQLite's own default threshold, about 4 MB */
#define CHECKPOINT_FORCE_PAGES 8192 /* 32 MB */

struct _Checkpointer
{
  GMutex    lock;
  char     *path;
  sqlite3  *db;      /* opened on first use, in the worker */
  gboolean  closed;
  gint      running; /* atomic: a checkpoint is queued or running */
};

static void
checkpointer_clear (Checkpointer *self)
{
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_mutex_clear (&self->lock);
}

static void
checkpointer_unref (Checkpointer *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) checkpointer_clear);
}

static void
checkpoint_in_thread (gpointer data,
                      gpointer user_data)
{
  Checkpointer *self = data;

  g_mutex_lock (&self->lock);

  if (!self->closed && self->db == NULL)
    {
      int rc = sqlite3_open_v2 (self->path, &self->db,
                                SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
          /* A connection opens the WAL with its first read: until then a checkpoint on it
           * does nothing at all (and says so only by *pnLog = -1). */
          rc = sqlite3_exec (self->db, "PRAGMA schema_version", NULL, NULL, NULL);
        }
      if (rc != SQLITE_OK)
        {
          g_debug ("Background checkpoints of %s: %s", self->path,
                   self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
          g_clear_pointer (&self->db, sqlite3_close_v2);
        }
    }

  if (!self->closed && self->db != NULL)
    {
      int rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL,
                                          NULL);

      if (rc != SQLITE_OK)
        g_debug ("Background checkpoint of %s: %s", self->path, sqlite3_errmsg (self->db));
    }

  g_atomic_int_set (&self->running, FALSE);
  g_mutex_unlock (&self->lock);
  checkpointer_unref (self);
}

static GThreadPool *
get_checkpoint_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (checkpoint_in_thread, NULL, 1, FALSE, NULL));

  return pool;
}

static int
on_wal_commit (gpointer    user_data,
               sqlite3    *db,
               const char *name,
               int         n_pages)
{
  LurkEventStore *self = user_data;

  if (n_pages >= CHECKPOINT_FORCE_PAGES)
    {
      sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
    }
  else if (n_pages >= CHECKPOINT_PAGES &&
           g_atomic_int_compare_and_exchange (&self->checkpointer->running, FALSE, TRUE))
    {
      g_thread_pool_push (get_checkpoint_pool (), g_atomic_rc_box_acquire (self->checkpointer),
                          NULL);
    }

  return SQLITE_OK;
}

/* Replaces SQLite's automatic checkpoints on the writer connection. */
void
_lurk_event_store_start_checkpoints (LurkEventStore *self)
{
  self->checkpointer = g_atomic_rc_box_new0 (Checkpointer);
  g_mutex_init (&self->checkpointer->lock);
  self->checkpointer->path = g_strdup (self->path);
  sqlite3_wal_hook (self->db, on_wal_commit, self);
}

/* Waits for a running checkpoint and closes its connection, before the writer closes (the
 * writer closes last, so that it checkpoints and removes the WAL: a clean end, see
 * wal_left_behind()). */
void
_lurk_event_store_checkpointer_close (Checkpointer *self)
{
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_mutex_unlock (&self->lock);
  checkpointer_unref (self);
}
