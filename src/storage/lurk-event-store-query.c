/* lurk-event-store-query.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-event-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-error.h"
#include "lurk-event-store-private.h"

/* The reading side of LurkEventStore: the same queries on the writer's connection (the
 * synchronous functions) and on the read-only connection of the async ones. Rows become
 * LurkEvent objects again through lurk_event_new_for_broadcaster() with the stored
 * broadcaster id, which decides the side of a channel.raid (raid_in or raid_out). */

#define EVENT_COLUMNS \
  "e.message_id, e.subscription_type, e.subscription_version, e.occurred_at_text, " \
  "e.received_at, e.event_json, e.broadcaster_id"

static GPtrArray *
collect_events (sqlite3         *db,
                const char      *path,
                sqlite3_stmt    *stmt,
                LurkEventCursor *last,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) local_error = NULL;
      LurkEvent *event;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      /* The page's next cursor follows the last row read, readable or not. */
      if (last != NULL)
        {
          last->occurred_at = sqlite3_column_int64 (stmt, 7);
          last->rowid = sqlite3_column_int64 (stmt, 8);
        }

      event = lurk_event_new_for_broadcaster ((const char *) sqlite3_column_text (stmt, 0),
                                              (const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2),
                                              (const char *) sqlite3_column_text (stmt, 3),
                                              sqlite3_column_int64 (stmt, 4),
                                              (const char *) sqlite3_column_text (stmt, 6),
                                              (const char *) sqlite3_column_text (stmt, 5),
                                              -1,
                                              &local_error);
      if (event == NULL)
        {
          /* One unreadable row must not hide the others. */
          g_warning ("%s: skipping stored event %s: %s", path,
                     (const char *) sqlite3_column_text (stmt, 0),
                     local_error != NULL ? local_error->message : "not an event");
          continue;
        }

      g_ptr_array_add (events, event);
    }

  if (rc != SQLITE_DONE)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      return NULL;
    }

  return g_steal_pointer (&events);
}

GPtrArray *
_lurk_event_store_query_recent (sqlite3       *db,
                                const char    *path,
                                const char    *broadcaster_id,
                                guint          limit,
                                GCancellable  *cancellable,
                                GError       **error)
{
  sqlite3_stmt *stmt = NULL;
  GPtrArray *events;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT " EVENT_COLUMNS " FROM events e WHERE e.broadcaster_id = ?1 "
                           "ORDER BY e.occurred_at DESC LIMIT ?2",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      return NULL;
    }

  sqlite3_bind_text (stmt, 1, broadcaster_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, limit);
  events = collect_events (db, path, stmt, NULL, cancellable, error);
  sqlite3_finalize (stmt);

  return events;
}

/* What the user typed, as words: "alice  subs" → alice, subs. */
static GStrv
split_words (const char *text)
{
  g_auto(GStrv) parts = g_strsplit_set (text != NULL ? text : "", " \t\r\n", -1);
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (words, parts[i]);

  return g_strv_builder_end (words);
}

/* Every word must appear, as a word prefix: "alice"* "subs"*. Quotes inside a word are
 * doubled so that nothing the user types is FTS5 syntax. */
static char *
build_fts_query (const char * const *words)
{
  g_autoptr(GString) query = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (query->len > 0)
        g_string_append_c (query, ' ');

      g_string_append_c (query, '"');
      for (const char *p = words[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append (query, "\"*");
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* The same words as LIKE patterns (substring, ASCII case-insensitive), for the rows the
 * search index does not have yet, or for every row without FTS5. */
static char *
build_like_pattern (const char *word)
{
  GString *pattern = g_string_new ("%");

  for (const char *p = word; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

/* Each word is one more condition every row must meet, and past ~1,000 of them SQLite
 * refuses the statement ("Expression tree is too large"), which would read as a broken
 * history file. No one types that many words to find an event. */
static gboolean
check_word_count (guint    n_words,
                  GError **error)
{
  if (n_words <= LURK_EVENT_STORE_MAX_SEARCH_WORDS)
    return TRUE;

  g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED,
               g_dngettext (GETTEXT_PACKAGE,
                            "Search for at most %d word: every word must match, and the "
                            "history cannot check more at once",
                            "Search for at most %d words: every word must match, and the "
                            "history cannot check more at once",
                            LURK_EVENT_STORE_MAX_SEARCH_WORDS),
               LURK_EVENT_STORE_MAX_SEARCH_WORDS);
  return FALSE;
}

#define FIRST_WORD_PARAM 5

static void
append_like_clause (GString            *sql,
                    const char         *table,
                    const char * const *words,
                    int                 first_param)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      int p = first_param + i;

      g_string_append_printf (sql,
                              "%s(%s.actor_login LIKE ?%d ESCAPE '\\' OR %s.actor_name LIKE ?%d "
                              "ESCAPE '\\' OR %s.search_text LIKE ?%d ESCAPE '\\')",
                              i > 0 ? " AND " : "", table, p, table, p, table, p);
    }
}

/* The WHERE clause that finds @words (none: no clause): through the FTS5 index (bound as ?1,
 * built into *@match) plus LIKE on the rows it has not indexed yet, or LIKE alone without an
 * index; the words are bound from @first_param on. Returns how the next condition joins. */
static const char *
append_words_clause (GString             *sql,
                     const char * const  *words,
                     gboolean             has_fts,
                     int                  first_param,
                     char               **match)
{
  if (words[0] == NULL)
    return " WHERE ";

  if (has_fts)
    {
      *match = build_fts_query (words);
      g_string_append (sql, " WHERE e.rowid IN (SELECT rowid FROM events_fts WHERE events_fts "
                            "MATCH ?1 UNION ALL SELECT x.rowid FROM events x WHERE x.rowid > "
                            "(SELECT indexed_rowid FROM fts_state) AND ");
      append_like_clause (sql, "x", words, first_param);
      g_string_append (sql, ")");
    }
  else
    {
      g_string_append (sql, " WHERE ");
      append_like_clause (sql, "e", words, first_param);
    }

  return " AND ";
}

GPtrArray *
_lurk_event_store_query_search (sqlite3       *db,
                                const char    *path,
                                gboolean       has_fts,
                                const char    *broadcaster_id,
                                const char    *text,
                                const char    *kind,
                                guint          limit,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " EVENT_COLUMNS " FROM events e");
  g_auto(GStrv) words = split_words (text);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *joiner;
  GPtrArray *events;
  guint n_words = g_strv_length (words);
  int rc;

  if (!check_word_count (n_words, error))
    return NULL;

  /* Only fixed fragments go into the SQL; every value is bound: ?1 the FTS5 query, ?2 the
   * broadcaster, ?3 the kind, ?4 the limit, ?5... the words as LIKE patterns. */
  joiner = append_words_clause (sql, (const char * const *) words, has_fts, FIRST_WORD_PARAM, &match);

  if (broadcaster_id != NULL)
    {
      g_string_append_printf (sql, "%se.broadcaster_id = ?2", joiner);
      joiner = " AND ";
    }

  if (kind != NULL)
    g_string_append_printf (sql, "%se.kind = ?3", joiner);

  g_string_append (sql, " ORDER BY e.occurred_at DESC LIMIT ?4");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      return NULL;
    }

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (broadcaster_id != NULL)
    sqlite3_bind_text (stmt, 2, broadcaster_id, -1, SQLITE_STATIC);
  if (kind != NULL)
    sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, limit);
  for (guint i = 0; i < n_words; i++)
    sqlite3_bind_text (stmt, FIRST_WORD_PARAM + i, build_like_pattern (words[i]), -1, g_free);

  events = collect_events (db, path, stmt, NULL, cancellable, error);
  sqlite3_finalize (stmt);

  return events;
}

/* History, a page at a time: newest first, each page continuing strictly after the last row
 * of the one before (occurred_at, then rowid, both descending), so that pages neither
 * repeat nor skip rows however many events share a timestamp, and a deep page costs what
 * the first one does. */
#define PAGE_FIRST_WORD_PARAM 7

GPtrArray *
_lurk_event_store_query_page (sqlite3               *db,
                              const char            *path,
                              gboolean               has_fts,
                              const LurkEventFilter *filter,
                              LurkEventCursor       *cursor,
                              guint                  limit,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " EVENT_COLUMNS ", e.occurred_at, e.rowid "
                                         "FROM events e");
  g_auto(GStrv) words = split_words (filter->text);
  g_autofree char *match = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *joiner;
  GPtrArray *events;
  guint n_words = g_strv_length (words);
  guint n_kinds = filter->kinds != NULL ? g_strv_length ((GStrv) filter->kinds) : 0;
  int kinds_param = PAGE_FIRST_WORD_PARAM + n_words;
  int rc;

  if (!check_word_count (n_words, error))
    return NULL;

  /* Every value is bound: ?1 the FTS5 query, ?2 the broadcaster, ?3 since, ?4 and ?5 the
   * cursor, ?6 the limit, then the words as LIKE patterns, then the kinds. */
  joiner = append_words_clause (sql, (const char * const *) words, has_fts, PAGE_FIRST_WORD_PARAM, &match);

  if (filter->broadcaster_id != NULL)
    {
      g_string_append_printf (sql, "%se.broadcaster_id = ?2", joiner);
      joiner = " AND ";
    }

  if (filter->since_usec > 0)
    {
      g_string_append_printf (sql, "%se.occurred_at >= ?3", joiner);
      joiner = " AND ";
    }

  if (cursor->rowid > 0)
    {
      g_string_append_printf (sql, "%s(e.occurred_at, e.rowid) %s (?4, ?5)", joiner,
                              filter->oldest_first ? ">" : "<");
      joiner = " AND ";
    }

  if (n_kinds > 0)
    {
      g_string_append_printf (sql, "%se.kind IN (", joiner);
      for (guint i = 0; i < n_kinds; i++)
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", kinds_param + i);
      g_string_append_c (sql, ')');
    }

  if (filter->oldest_first)
    g_string_append (sql, " ORDER BY e.occurred_at, e.rowid LIMIT ?6");
  else
    g_string_append (sql, " ORDER BY e.occurred_at DESC, e.rowid DESC LIMIT ?6");

  rc = sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      return NULL;
    }

  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  if (filter->broadcaster_id != NULL)
    sqlite3_bind_text (stmt, 2, filter->broadcaster_id, -1, SQLITE_STATIC);
  if (filter->since_usec > 0)
    sqlite3_bind_int64 (stmt, 3, filter->since_usec);
  if (cursor->rowid > 0)
    {
      sqlite3_bind_int64 (stmt, 4, cursor->occurred_at);
      sqlite3_bind_int64 (stmt, 5, cursor->rowid);
    }
  sqlite3_bind_int64 (stmt, 6, limit);
  for (guint i = 0; i < n_words; i++)
    sqlite3_bind_text (stmt, PAGE_FIRST_WORD_PARAM + i, build_like_pattern (words[i]), -1,
                       g_free);
  for (guint i = 0; i < n_kinds; i++)
    sqlite3_bind_text (stmt, kinds_param + i, filter->kinds[i], -1, SQLITE_STATIC);

  events = collect_events (db, path, stmt, cursor, cancellable, error);
  sqlite3_finalize (stmt);

  return events;
}

/**
 * lurk_event_store_list_recent:
 * @broadcaster_id: the channel
 * @limit: at most this many events
 *
 * Returns: (transfer container) (element-type LurkEvent) (nullable): the channel's latest
 *   events, newest first
 */
GPtrArray *
lurk_event_store_list_recent (LurkEventStore  *self,
                              const char      *broadcaster_id,
                              guint            limit,
                              GError         **error)
{
  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (broadcaster_id != NULL, NULL);

  return _lurk_event_store_query_recent (self->db, self->path, broadcaster_id, limit, NULL,
                                         error);
}

/**
 * lurk_event_store_search:
 * @broadcaster_id: (nullable): only this channel, or all
 * @text: (nullable): words that must all appear (as word prefixes, ignoring case and
 *   accents) in the actor's login or name or in the event's text (message, title, category,
 *   system message, target); %NULL or blank matches everything
 * @kind: (nullable): only this kind (lurk_event_kind_to_string())
 * @limit: at most this many events
 *
 * Returns: (transfer container) (element-type LurkEvent) (nullable): the matches, newest
 *   first
 */
GPtrArray *
lurk_event_store_search (LurkEventStore  *self,
                         const char      *broadcaster_id,
                         const char      *text,
                         const char      *kind,
                         guint            limit,
                         GError         **error)
{
  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), NULL);

  return _lurk_event_store_query_search (self->db, self->path, self->has_fts, broadcaster_id,
                                         text, kind, limit, NULL, error);
}

/**
 * lurk_event_store_page:
 * @filter: which events
 * @cursor: (inout): where to start (all zero: the newest event); on return, where the next
 *   page starts
 * @limit: at most this many events; fewer means the last page
 *
 * Returns: (transfer container) (element-type LurkEvent) (nullable): one page of matching
 *   events, newest first
 */
GPtrArray *
lurk_event_store_page (LurkEventStore         *self,
                       const LurkEventFilter  *filter,
                       LurkEventCursor        *cursor,
                       guint                   limit,
                       GError                **error)
{
  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (cursor != NULL, NULL);

  return _lurk_event_store_query_page (self->db, self->path, self->has_fts, filter, cursor,
                                       limit, NULL, error);
}

/**
 * lurk_event_store_find_broadcaster:
 * @login: a channel's login
 *
 * Looks the channel up in its stored events, for readers of the history that have no
 * network (lurk-events --history --streamer).
 *
 * Returns: (transfer full) (nullable): the channel's user id, or %NULL (without @error)
 *   when no stored event names it
 */
char *
lurk_event_store_find_broadcaster (LurkEventStore  *self,
                                   const char      *login,
                                   GError         **error)
{
  sqlite3_stmt *stmt = NULL;
  char *id = NULL;
  int rc;

  g_return_val_if_fail (LURK_IS_EVENT_STORE (self), NULL);
  g_return_val_if_fail (login != NULL, NULL);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT broadcaster_id FROM events WHERE "
                           "json_extract (event_json, '$.broadcaster_user_login') = ?1 "
                           "ORDER BY occurred_at DESC LIMIT 1",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, login, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _lurk_event_store_set_error (error, self->db, rc, self->path);

  return id;
}

/* Async readers */

typedef struct
{
  char            *broadcaster_id;
  char            *text;
  char            *kind;
  GStrv            kinds;
  gint64           since_usec;
  LurkEventCursor  cursor;
  guint            limit;
  guint            search : 1;
  guint            page : 1;
  guint            oldest_first : 1;
} Query;

static void
query_free (Query *query)
{
  g_free (query->broadcaster_id);
  g_free (query->text);
  g_free (query->kind);
  g_strfreev (query->kinds);
  g_free (query);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LurkEventStore *self = source_object;
  Query *query = task_data;
  GError *error = NULL;
  GPtrArray *events = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->reader_lock);

  if (self->reader == NULL)
    {
      self->reader = _lurk_event_store_open_reader (self->path, &error);
      if (self->reader != NULL)
        self->reader_has_fts = _lurk_event_store_table_exists (self->reader, "events_fts");
    }

  if (self->reader != NULL)
    {
      if (query->page)
        {
          LurkEventFilter filter = {
            query->broadcaster_id, query->text, (const char * const *) query->kinds,
            query->since_usec, query->oldest_first,
          };

          events = _lurk_event_store_query_page (self->reader, self->path,
                                                 self->reader_has_fts, &filter, &query->cursor,
                                                 query->limit, cancellable, &error);
        }
      else if (query->search)
        events = _lurk_event_store_query_search (self->reader, self->path,
                                                 self->reader_has_fts, query->broadcaster_id,
                                                 query->text, query->kind, query->limit,
                                                 cancellable, &error);
      else
        events = _lurk_event_store_query_recent (self->reader, self->path,
                                                 query->broadcaster_id, query->limit,
                                                 cancellable, &error);
    }

  g_mutex_unlock (&self->reader_lock);

  if (events == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, events, (GDestroyNotify) g_ptr_array_unref);
}

static void
run_query (LurkEventStore      *self,
           Query               *query,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, query, (GDestroyNotify) query_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * lurk_event_store_list_recent_async:
 *
 * lurk_event_store_list_recent() in a worker thread, on the store's read connection; safe
 * to call from the UI thread while the listener writes.
 */
void
lurk_event_store_list_recent_async (LurkEventStore      *self,
                                    const char          *broadcaster_id,
                                    guint                limit,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  Query *query;

  g_return_if_fail (LURK_IS_EVENT_STORE (self));
  g_return_if_fail (broadcaster_id != NULL);

  query = g_new0 (Query, 1);
  query->broadcaster_id = g_strdup (broadcaster_id);
  query->limit = limit;

  run_query (self, query, lurk_event_store_list_recent_async, cancellable, callback,
             user_data);
}

GPtrArray *
lurk_event_store_list_recent_finish (LurkEventStore  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lurk_event_store_list_recent_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * lurk_event_store_search_async:
 *
 * lurk_event_store_search() in a worker thread, on the store's read connection.
 */
void
lurk_event_store_search_async (LurkEventStore      *self,
                               const char          *broadcaster_id,
                               const char          *text,
                               const char          *kind,
                               guint                limit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Query *query;

  g_return_if_fail (LURK_IS_EVENT_STORE (self));

  query = g_new0 (Query, 1);
  query->broadcaster_id = g_strdup (broadcaster_id);
  query->text = g_strdup (text);
  query->kind = g_strdup (kind);
  query->limit = limit;
  query->search = TRUE;

  run_query (self, query, lurk_event_store_search_async, cancellable, callback, user_data);
}

GPtrArray *
lurk_event_store_search_finish (LurkEventStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lurk_event_store_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}


/**
 * lurk_event_store_page_async:
 *
 * lurk_event_store_page() in a worker thread, on the store's read connection; the UI's
 * History reads page after page this way.
 */
void
lurk_event_store_page_async (LurkEventStore        *self,
                             const LurkEventFilter *filter,
                             const LurkEventCursor *cursor,
                             guint                  limit,
                             GCancellable          *cancellable,
                             GAsyncReadyCallback    callback,
                             gpointer               user_data)
{
  Query *query;

  g_return_if_fail (LURK_IS_EVENT_STORE (self));
  g_return_if_fail (filter != NULL);

  query = g_new0 (Query, 1);
  query->broadcaster_id = g_strdup (filter->broadcaster_id);
  query->text = g_strdup (filter->text);
  query->kinds = g_strdupv ((GStrv) filter->kinds);
  query->since_usec = filter->since_usec;
  query->oldest_first = filter->oldest_first != FALSE;
  if (cursor != NULL)
    query->cursor = *cursor;
  query->limit = limit;
  query->page = TRUE;

  run_query (self, query, lurk_event_store_page_async, cancellable, callback, user_data);
}

/**
 * lurk_event_store_page_finish:
 * @next: (out) (optional): where the page after this one starts
 */
GPtrArray *
lurk_event_store_page_finish (LurkEventStore   *self,
                              GAsyncResult     *result,
                              LurkEventCursor  *next,
                              GError          **error)
{
  GPtrArray *events;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lurk_event_store_page_async, NULL);

  events = g_task_propagate_pointer (G_TASK (result), error);
  if (events != NULL && next != NULL)
    *next = ((Query *) g_task_get_task_data (G_TASK (result)))->cursor;

  return events;
}

/* The channels of the history */

void
lurk_stored_channel_free (LurkStoredChannel *channel)
{
  if (channel == NULL)
    return;

  g_free (channel->broadcaster_id);
  g_free (channel->login);
  g_free (channel->name);
  g_free (channel);
}

/* Every channel with stored events, the most recently active first, named after its newest
 * event (the builder knows which side of a raid is the channel). */
static GPtrArray *
query_channels (sqlite3       *db,
                const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                 lurk_stored_channel_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3_stmt *newest = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db,
                           "SELECT broadcaster_id, count(*), max(occurred_at) FROM events "
                           "GROUP BY broadcaster_id ORDER BY 3 DESC",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db,
                             "SELECT " EVENT_COLUMNS " FROM events e WHERE e.broadcaster_id = ?1 "
                             "ORDER BY e.occurred_at DESC LIMIT 1",
                             -1, &newest, NULL);

  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LurkStoredChannel *channel = g_new0 (LurkStoredChannel, 1);
      g_autoptr(GPtrArray) events = NULL;

      channel->broadcaster_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      channel->n_events = sqlite3_column_int64 (stmt, 1);
      channel->newest_usec = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (channels, channel);

      sqlite3_bind_text (newest, 1, channel->broadcaster_id, -1, SQLITE_STATIC);
      events = collect_events (db, path, newest, NULL, cancellable, NULL);
      sqlite3_reset (newest);
      if (events != NULL && events->len > 0)
        {
          LurkEvent *event = g_ptr_array_index (events, 0);

          channel->login = g_strdup (lurk_event_get_broadcaster_login (event));
          channel->name = g_strdup (lurk_event_get_broadcaster_name (event));
        }
      rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);
  sqlite3_finalize (newest);

  if (rc != SQLITE_DONE)
    {
      _lurk_event_store_set_error (error, db, rc, path);
      return NULL;
    }

  return g_steal_pointer (&channels);
}

static void
channels_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  LurkEventStore *self = source_object;
  GError *error = NULL;
  GPtrArray *channels = NULL;

  g_mutex_lock (&self->reader_lock);
  if (self->reader == NULL)
    {
      self->reader = _lurk_event_store_open_reader (self->path, &error);
      if (self->reader != NULL)
        self->reader_has_fts = _lurk_event_store_table_exists (self->reader, "events_fts");
    }
  if (self->reader != NULL)
    channels = query_channels (self->reader, self->path, cancellable, &error);
  g_mutex_unlock (&self->reader_lock);

  if (channels == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, channels, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * lurk_event_store_list_channels_async:
 *
 * Lists the channels with stored events (History's channel filter: the favorite and the
 * earlier ones), on the read connection in a worker thread.
 */
void
lurk_event_store_list_channels_async (LurkEventStore      *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LURK_IS_EVENT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_event_store_list_channels_async);
  g_task_run_in_thread (task, channels_thread);
}

/**
 * lurk_event_store_list_channels_finish:
 *
 * Returns: (transfer container) (element-type LurkStoredChannel): the channels, the most
 *   recently active first
 */
GPtrArray *
lurk_event_store_list_channels_finish (LurkEventStore  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lurk_event_store_list_channels_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
