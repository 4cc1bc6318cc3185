/* lurk-history-retention.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-history-retention"

#include "config.h"

#include "lurk-event-store.h"
#include "lurk-history-retention.h"

/**
 * LurkHistoryRetention:
 *
 * Applies Preferences' "Keep Events For" (the `history-retention-days` setting; 0 keeps
 * everything): a while after start, every few hours, and soon after the setting changes,
 * it deletes the events older than that, in a worker thread on a connection of its own.
 */

#define FIRST_DELAY_SECONDS   30
#define PERIOD_SECONDS        (6 * 60 * 60)
#define CHANGED_DELAY_SECONDS 2

struct _LurkHistoryRetention
{
  GObject       parent_instance;

  GSettings    *settings;
  char         *store_path;
  GCancellable *cancellable;
  guint         timeout_id;
};

G_DEFINE_FINAL_TYPE (LurkHistoryRetention, lurk_history_retention, G_TYPE_OBJECT)

static void schedule (LurkHistoryRetention *self,
                      guint                 seconds);

static void
prune_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  LurkHistoryRetention *self = source_object;
  gint64 older_than = *(gint64 *) task_data;
  g_autoptr(LurkEventStore) store = NULL;
  GError *error = NULL;
  guint deleted;

  if (!g_file_test (self->store_path, G_FILE_TEST_EXISTS))
    {
      g_task_return_int (task, 0);
      return;
    }

  store = lurk_event_store_new (self->store_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  deleted = lurk_event_store_prune (store, older_than, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_int (task, deleted);
}

/**
 * lurk_history_retention_apply_async:
 *
 * Deletes the events older than the retention now (nothing when it is 0).
 */
void
lurk_history_retention_apply_async (LurkHistoryRetention *self,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  guint days;
  gint64 *older_than;

  g_return_if_fail (LURK_IS_HISTORY_RETENTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_history_retention_apply_async);

  days = g_settings_get_uint (self->settings, "history-retention-days");
  if (days == 0)
    {
      g_task_return_int (task, 0);
      return;
    }

  older_than = g_new (gint64, 1);
  *older_than = g_get_real_time () - (gint64) days * 24 * 60 * 60 * G_USEC_PER_SEC;
  g_task_set_task_data (task, older_than, g_free);
  g_task_run_in_thread (task, prune_thread);
}

/**
 * lurk_history_retention_apply_finish:
 *
 * Returns: how many events were deleted, or -1 with @error set
 */
gint64
lurk_history_retention_apply_finish (LurkHistoryRetention  *self,
                                     GAsyncResult          *result,
                                     GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 deleted = lurk_history_retention_apply_finish (LURK_HISTORY_RETENTION (object), result,
                                                        &error);

  if (deleted < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not apply the history retention: %s", error->message);
  else if (deleted > 0)
    g_debug ("Deleted %" G_GINT64_FORMAT " events past the retention", deleted);
}

static gboolean
timeout_cb (gpointer user_data)
{
  LurkHistoryRetention *self = user_data;

  self->timeout_id = 0;
  lurk_history_retention_apply_async (self, self->cancellable, applied_cb, NULL);
  schedule (self, PERIOD_SECONDS);

  return G_SOURCE_REMOVE;
}

static void
schedule (LurkHistoryRetention *self,
          guint                 seconds)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_seconds (seconds, timeout_cb, self);
}

static void
changed_cb (LurkHistoryRetention *self)
{
  /* a spin button changes the setting once per step: wait for the last */
  schedule (self, CHANGED_DELAY_SECONDS);
}

static void
lurk_history_retention_dispose (GObject *object)
{
  LurkHistoryRetention *self = LURK_HISTORY_RETENTION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lurk_history_retention_parent_class)->dispose (object);
}

static void
lurk_history_retention_finalize (GObject *object)
{
  LurkHistoryRetention *self = LURK_HISTORY_RETENTION (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->store_path, g_free);

  G_OBJECT_CLASS (lurk_history_retention_parent_class)->finalize (object);
}

static void
lurk_history_retention_class_init (LurkHistoryRetentionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_history_retention_dispose;
  object_class->finalize = lurk_history_retention_finalize;
}

static void
lurk_history_retention_init (LurkHistoryRetention *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * lurk_history_retention_new:
 * @settings: the profile's settings
 * @store_path: the event store's file
 */
LurkHistoryRetention *
lurk_history_retention_new (GSettings  *settings,
                            const char *store_path)
{
  LurkHistoryRetention *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (store_path != NULL, NULL);

  self = g_object_new (LURK_TYPE_HISTORY_RETENTION, NULL);
  self->settings = g_object_ref (settings);
  self->store_path = g_strdup (store_path);
  g_signal_connect_object (settings, "changed::history-retention-days",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  schedule (self, FIRST_DELAY_SECONDS);

  return self;
}
