/* lurk-history-files.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-history-files"

#include "config.h"

#include <glib/gstdio.h>

#include "lurk-event-store.h"
#include "lurk-history-files.h"

/* What Preferences says and does about the history as a whole: how many events and bytes it
 * holds, and Clear History. Both run in a worker thread on a connection of their own, so the
 * UI thread never waits on SQLite; the listener keeps writing beside them (WAL). */

typedef struct
{
  gint64 n_events;
  gint64 n_bytes;
} Measure;

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : 0;
}

static void
measure_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(LurkEventStore) store = NULL;
  GError *error = NULL;
  Measure *measure = g_new0 (Measure, 1);

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      store = lurk_event_store_new (path, &error);
      if (store == NULL)
        {
          g_free (measure);
          g_task_return_error (task, error);
          return;
        }
      measure->n_events = lurk_event_store_count (store, NULL, &error);
      if (measure->n_events < 0)
        {
          g_free (measure);
          g_task_return_error (task, error);
          return;
        }
    }
  measure->n_bytes = file_size (path) + file_size (wal);

  g_task_return_pointer (task, measure, g_free);
}

/**
 * lurk_history_measure_async:
 * @store_path: the event store's file
 *
 * Counts the stored events (of every channel) and the bytes of the file and its WAL.
 */
void
lurk_history_measure_async (const char          *store_path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (store_path != NULL);

  g_task_set_source_tag (task, lurk_history_measure_async);
  g_task_set_task_data (task, g_strdup (store_path), g_free);
  g_task_run_in_thread (task, measure_thread);
}

gboolean
lurk_history_measure_finish (GAsyncResult  *result,
                             gint64        *n_events,
                             gint64        *n_bytes,
                             GError       **error)
{
  g_autofree Measure *measure = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_history_measure_async,
                        FALSE);

  measure = g_task_propagate_pointer (G_TASK (result), error);
  if (measure == NULL)
    return FALSE;

  if (n_events != NULL)
    *n_events = measure->n_events;
  if (n_bytes != NULL)
    *n_bytes = measure->n_bytes;

  return TRUE;
}

static void
clear_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_autoptr(LurkEventStore) store = NULL;
  GError *error = NULL;
  guint deleted;

  store = lurk_event_store_new (task_data, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* everything that occurred before the end of time */
  deleted = lurk_event_store_prune (store, G_MAXINT64, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, deleted);
}

/**
 * lurk_history_clear_async:
 * @store_path: the event store's file
 *
 * Deletes every stored event of every channel.
 */
void
lurk_history_clear_async (const char          *store_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (store_path != NULL);

  g_task_set_source_tag (task, lurk_history_clear_async);
  g_task_set_task_data (task, g_strdup (store_path), g_free);
  g_task_run_in_thread (task, clear_thread);
}

/**
 * lurk_history_clear_finish:
 *
 * Returns: how many events were deleted, or -1 with @error set
 */
gint64
lurk_history_clear_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_history_clear_async, -1);

  return g_task_propagate_int (G_TASK (result), error);
}
