/* lurk-history-export.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-history-export"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-event-line.h"
#include "lurk-history-export.h"

/* History's events, all of those the filter matches (not only the pages read so far), into a
 * file: CSV (RFC 4180) for spreadsheets, or JSON Lines in lurk-events' format for scripts.
 * It runs in a worker thread on a connection of its own, and the file appears complete or not
 * at all (g_file_replace() writes beside it and renames on close). */

#define EXPORT_PAGE 2000
#define FLUSH_BYTES (256 * 1024)

typedef struct
{
  char              *store_path;
  char              *broadcaster_id;
  char              *text;
  LurkHistoryGroup   group;
  LurkHistoryFormat  format;
  GFile             *file;
} Export;

static void
export_free (Export *export)
{
  g_free (export->store_path);
  g_free (export->broadcaster_id);
  g_free (export->text);
  g_clear_object (&export->file);
  g_free (export);
}

/* A CSV field: quoted when it holds a separator, a quote or a line break, quotes doubled */
static void
csv_append_field (GString    *out,
                  const char *value,
                  gboolean    last)
{
  if (value == NULL)
    value = "";

  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, value);

  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_append_event (GString   *out,
                  LurkEvent *event)
{
  g_autofree char *summary = lurk_event_dup_summary (event);

  csv_append_field (out, lurk_event_get_occurred_at_string (event), FALSE);
  csv_append_field (out, lurk_event_kind_to_string (lurk_event_get_kind (event)), FALSE);
  csv_append_field (out, lurk_event_get_broadcaster_id (event), FALSE);
  csv_append_field (out, lurk_event_get_actor_login (event), FALSE);
  csv_append_field (out, lurk_event_get_actor_name (event), FALSE);
  csv_append_field (out, summary, FALSE);
  csv_append_field (out, lurk_event_get_message_text (event), FALSE);
  csv_append_field (out, lurk_event_get_subscription_type (event), FALSE);
  csv_append_field (out, lurk_event_get_id (event), TRUE);
}

static gboolean
flush (GOutputStream  *stream,
       GString        *out,
       GCancellable   *cancellable,
       GError        **error)
{
  gboolean ok = g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable,
                                           error);

  g_string_truncate (out, 0);
  return ok;
}

static gint64
export_events (Export        *export,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(LurkEventLineWriter) writer = lurk_event_line_writer_new (NULL);
  g_autoptr(GString) out = g_string_sized_new (FLUSH_BYTES + 4096);
  LurkEventFilter filter = { 0 };
  LurkEventCursor cursor = { 0 };
  gint64 count = 0;

  store = lurk_event_store_new (export->store_path, error);
  if (store == NULL)
    return -1;

  stream = g_file_replace (export->file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                           cancellable, error);
  if (stream == NULL)
    return -1;

  if (export->format == LURK_HISTORY_FORMAT_CSV)
    g_string_append (out, "occurred_at,kind,broadcaster_id,user_login,user_name,summary,message,"
                          "type,id\r\n");

  filter.broadcaster_id = export->broadcaster_id;
  filter.text = export->text;
  filter.kinds = lurk_history_group_get_kinds (export->group);

  for (;;)
    {
      g_autoptr(GPtrArray) page = lurk_event_store_page (store, &filter, &cursor, EXPORT_PAGE,
                                                         error);

      if (page == NULL)
        return -1;

      for (guint i = 0; i < page->len; i++)
        {
          if (export->format == LURK_HISTORY_FORMAT_CSV)
            csv_append_event (out, g_ptr_array_index (page, i));
          else
            lurk_event_line_writer_append (writer, out, g_ptr_array_index (page, i));

          if (out->len >= FLUSH_BYTES &&
              !flush (G_OUTPUT_STREAM (stream), out, cancellable, error))
            return -1;
        }
      count += page->len;

      if (page->len < EXPORT_PAGE)
        break;
    }

  if (!flush (G_OUTPUT_STREAM (stream), out, cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    return -1;

  return count;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  gint64 count = export_events (task_data, cancellable, &error);

  if (count < 0)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, count);
}

/**
 * lurk_history_export_async:
 * @model: the events History shows: its store and filter
 * @format: CSV or JSON Lines
 * @file: where to write (replaced when it exists)
 *
 * Writes every event @model's filter matches, newest first, in a worker thread.
 */
void
lurk_history_export_async (LurkHistoryModel    *model,
                           LurkHistoryFormat    format,
                           GFile               *file,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LurkEventStore *store;
  Export *export;

  g_return_if_fail (LURK_IS_HISTORY_MODEL (model));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_history_export_async);

  store = lurk_history_model_get_store (model);
  if (store == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                               _("The history is not open yet"));
      return;
    }

  export = g_new0 (Export, 1);
  export->store_path = g_strdup (lurk_event_store_get_path (store));
  export->broadcaster_id = g_strdup (lurk_history_model_get_broadcaster_id (model));
  export->text = g_strdup (lurk_history_model_get_text (model));
  export->group = lurk_history_model_get_group (model);
  export->format = format;
  export->file = g_object_ref (file);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * lurk_history_export_finish:
 *
 * Returns: how many events were written, or -1 with @error set
 */
gint64
lurk_history_export_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_history_export_async,
                        -1);

  return g_task_propagate_int (G_TASK (result), error);
}
