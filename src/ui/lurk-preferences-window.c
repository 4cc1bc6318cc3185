/* lurk-preferences-window.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-a11y.h"
#include "lurk-history-storage-row.h"
#include "lurk-preferences-window.h"
#include "lurk-profile.h"

/*
 * The preferences: every row is bound to a key of the current profile's GSettings, so a
 * change applies at once and there is nothing to save.
 */

struct _LurkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GtkSwitch            *chat_visible_switch;
  GtkSwitch            *sidebar_visible_switch;
  GtkSpinButton        *recent_event_count_spin;
  GtkSwitch            *show_partner_events_switch;
  GtkSwitch            *sync_events_switch;
  GtkSwitch            *notify_live_switch;
  GtkSwitch            *notify_raid_switch;
  AdwComboRow          *history_retention_row;
  GtkSwitch            *broadcaster_switch;
  AdwEntryRow          *client_id_row;
  AdwComboRow          *client_type_row;
  GtkSpinButton        *redirect_port_spin;
};

G_DEFINE_FINAL_TYPE (LurkPreferencesWindow, lurk_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

static void
lurk_preferences_window_dispose (GObject *object)
{
  LurkPreferencesWindow *self = LURK_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (lurk_preferences_window_parent_class)->dispose (object);
}

static void
lurk_preferences_window_finalize (GObject *object)
{
  LurkPreferencesWindow *self = LURK_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lurk_preferences_window_parent_class)->finalize (object);
}

/* The rows of client_type_row, in the order of the .ui file. */
static const char * const client_types[] = { "", "public", "confidential" };

static gboolean
client_type_to_row (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  const char *type = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (client_types); i++)
    if (g_str_equal (type, client_types[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
row_to_client_type (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  return g_variant_new_string (row < G_N_ELEMENTS (client_types) ? client_types[row] : "");
}

static void
lurk_preferences_window_class_init (LurkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_preferences_window_dispose;
  object_class->finalize = lurk_preferences_window_finalize;

  g_type_ensure (LURK_TYPE_HISTORY_STORAGE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/lurkapp/Lurk/"
                                                             "lurk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, chat_visible_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow,
                                        sidebar_visible_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow,
                                        recent_event_count_spin);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow,
                                        show_partner_events_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, sync_events_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, notify_live_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, notify_raid_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow,
                                        history_retention_row);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, broadcaster_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, client_id_row);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, client_type_row);
  gtk_widget_class_bind_template_child (widget_class, LurkPreferencesWindow, redirect_port_spin);
}

/* An AdwComboRow (libadwaita 1.2) shows its choice in a focusable list item that has no
 * accessible name: it gets the choice's text. */
static GtkWidget *
find_list_item (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) ==
          GTK_ACCESSIBLE_ROLE_LIST_ITEM)
        return child;
      found = find_list_item (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
combo_row_name_choice (AdwComboRow *row)
{
  GtkWidget *item = find_list_item (GTK_WIDGET (row));
  GObject *selected = adw_combo_row_get_selected_item (row);

  if (item == NULL || !GTK_IS_STRING_OBJECT (selected))
    return;

  gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_string_object_get_string (GTK_STRING_OBJECT (selected)),
                                  -1);
  /* and the label inside it, which says the same, leaves the tree */
  lurk_a11y_hide_labels (item);
}

static void
combo_row_name_choices (AdwComboRow *row)
{
  g_signal_connect (row, "notify::selected-item", G_CALLBACK (combo_row_name_choice), NULL);
  combo_row_name_choice (row);
}

/* The rows of "Keep Events For", in days (0: forever). */
static const guint retention_days[] = { 0, 365, 180, 90, 30, 7 };

/* The row of the stored number of days; one set elsewhere (gsettings) gets the nearest row
 * that keeps at least as long. */
static gboolean
retention_to_row (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  guint days = g_variant_get_uint32 (variant);
  guint row = 0;

  if (days != 0)
    for (guint i = 1; i < G_N_ELEMENTS (retention_days); i++)
      if (retention_days[i] >= days)
        row = i;

  g_value_set_uint (value, row);
  return TRUE;
}

static GVariant *
row_to_retention (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint row = g_value_get_uint (value);

  if (row >= G_N_ELEMENTS (retention_days))
    return NULL;

  return g_variant_new_uint32 (retention_days[row]);
}

static void
lurk_preferences_window_init (LurkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lurk_a11y_name_controls (GTK_WIDGET (self));

  self->settings = lurk_profile_new_settings ();

  g_settings_bind (self->settings, "chat-visible", self->chat_visible_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sidebar-visible", self->sidebar_visible_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "recent-event-count", self->recent_event_count_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-partner-events", self->show_partner_events_switch,
                   "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sync-events-to-video", self->sync_events_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-live", self->notify_live_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-raid", self->notify_raid_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "history-retention-days",
                                self->history_retention_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, retention_to_row, row_to_retention,
                                NULL, NULL);
  g_settings_bind (self->settings, "broadcaster-scopes", self->broadcaster_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "client-id", self->client_id_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "client-type", self->client_type_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, client_type_to_row, row_to_client_type,
                                NULL, NULL);
  g_settings_bind (self->settings, "redirect-port", self->redirect_port_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  combo_row_name_choices (self->history_retention_row);
  combo_row_name_choices (self->client_type_row);
}

/**
 * lurk_preferences_window_new:
 * @transient_for: (nullable): the window it belongs to
 *
 * Returns: (transfer none): a new preferences window, owned by GTK until it is closed
 */
GtkWidget *
lurk_preferences_window_new (GtkWindow *transient_for)
{
  g_return_val_if_fail (transient_for == NULL || GTK_IS_WINDOW (transient_for), NULL);

  return g_object_new (LURK_TYPE_PREFERENCES_WINDOW,
                       "transient-for", transient_for,
                       NULL);
}
