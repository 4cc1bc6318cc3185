/* lurk-history-storage-row.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-history-storage-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-history-files.h"
#include "lurk-history-storage-row.h"
#include "lurk-profile.h"

/**
 * LurkHistoryStorageRow:
 *
 * Preferences' row about the stored history: how many events and how much disk it holds
 * (counted off the UI thread each time the row is shown), and Clear History… behind a
 * confirmation, since it cannot be undone.
 */

struct _LurkHistoryStorageRow
{
  AdwActionRow  parent_instance;

  char         *path;
  GCancellable *cancellable;
  gint64        n_events;

  GtkButton    *clear_button;
};

G_DEFINE_FINAL_TYPE (LurkHistoryStorageRow, lurk_history_storage_row, ADW_TYPE_ACTION_ROW)

static void
measured_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LurkHistoryStorageRow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *size = NULL;
  g_autofree char *count = NULL;
  g_autofree char *subtitle = NULL;
  gint64 n_bytes = 0;

  if (!lurk_history_measure_finish (result, &self->n_events, &n_bytes, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not measure the history: %s", error->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Could not read the history"));
      return;
    }

  size = g_format_size (n_bytes);
  count = g_strdup_printf ("%'" G_GINT64_FORMAT, self->n_events);
  /* Translators: the stored history in Preferences: "33,334 events · 12.5 MB" */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s event · %s", "%s events · %s",
                                           self->n_events),
                              count, size);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), self->n_events > 0);
}

/**
 * lurk_history_storage_row_refresh:
 *
 * Counts the events and bytes again.
 */
void
lurk_history_storage_row_refresh (LurkHistoryStorageRow *self)
{
  g_return_if_fail (LURK_IS_HISTORY_STORAGE_ROW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Counting…"));
  lurk_history_measure_async (self->path, self->cancellable, measured_cb, g_object_ref (self));
}

static void
cleared_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(LurkHistoryStorageRow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gint64 deleted = lurk_history_clear_finish (result, &error);

  if (deleted < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not clear the history: %s", error->message);
      if (ADW_IS_PREFERENCES_WINDOW (root))
        adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                          adw_toast_new (_("Could not clear the history")));
    }
  else if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root),
                                      adw_toast_new (_("History cleared")));

  lurk_history_storage_row_refresh (self);
}

static void
confirm_response_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     LurkHistoryStorageRow *self)
{
  if (!g_str_equal (response, "clear"))
    return;

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), FALSE);
  lurk_history_clear_async (self->path, self->cancellable, cleared_cb, g_object_ref (self));
}

static void
clear_clicked_cb (LurkHistoryStorageRow *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *count = g_strdup_printf ("%'" G_GINT64_FORMAT, self->n_events);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The %s stored event of every channel will be deleted. "
                                       "This cannot be undone.",
                                       "All %s stored events of every channel will be deleted. "
                                       "This cannot be undone.",
                                       self->n_events),
                          count);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Clear History?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "clear", _("_Clear History"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "clear",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lurk_history_storage_row_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lurk_history_storage_row_parent_class)->map (widget);

  lurk_history_storage_row_refresh (LURK_HISTORY_STORAGE_ROW (widget));
}

static void
lurk_history_storage_row_dispose (GObject *object)
{
  LurkHistoryStorageRow *self = LURK_HISTORY_STORAGE_ROW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_HISTORY_STORAGE_ROW);

  G_OBJECT_CLASS (lurk_history_storage_row_parent_class)->dispose (object);
}

static void
lurk_history_storage_row_finalize (GObject *object)
{
  LurkHistoryStorageRow *self = LURK_HISTORY_STORAGE_ROW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lurk_history_storage_row_parent_class)->finalize (object);
}

static void
lurk_history_storage_row_class_init (LurkHistoryStorageRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_history_storage_row_dispose;
  object_class->finalize = lurk_history_storage_row_finalize;
  widget_class->map = lurk_history_storage_row_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lurkapp/Lurk/"
                                                             "lurk-history-storage-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryStorageRow, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
lurk_history_storage_row_init (LurkHistoryStorageRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->path = lurk_profile_dup_event_store_path ();
}

GtkWidget *
lurk_history_storage_row_new (void)
{
  return g_object_new (LURK_TYPE_HISTORY_STORAGE_ROW, NULL);
}

const char *
lurk_history_storage_row_get_path (LurkHistoryStorageRow *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_STORAGE_ROW (self), NULL);

  return self->path;
}

/**
 * lurk_history_storage_row_set_path:
 * @path: the event store's file (the profile's by default)
 */
void
lurk_history_storage_row_set_path (LurkHistoryStorageRow *self,
                                   const char            *path)
{
  g_return_if_fail (LURK_IS_HISTORY_STORAGE_ROW (self));
  g_return_if_fail (path != NULL);

  g_free (self->path);
  self->path = g_strdup (path);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    lurk_history_storage_row_refresh (self);
}
