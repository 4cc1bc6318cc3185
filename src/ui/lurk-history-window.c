/* lurk-history-window.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-error.h"
#include "lurk-event-menu.h"
#include "lurk-event-row.h"
#include "lurk-history-export.h"
#include "lurk-history-window.h"
#include "lurk-profile.h"

/**
 * LurkHistoryWindow:
 *
 * History: every stored event of one channel, newest first, under a heading per day, read
 * from the store a page at a time as the list scrolls (#LurkHistoryModel), with a search on
 * the store's full-text index (as the user types, after GtkSearchEntry's pause) and a filter
 * by kind. Rows are the sidebar's #LurkEventRow with the time of day instead of the age.
 */

struct _LurkHistoryWindow
{
  AdwWindow          parent_instance;

  LurkHistoryModel  *model;
  GtkNoSelection    *selection;
  GCancellable      *cancellable;
  char              *broadcaster_id;
  char              *channel_name;
  GtkFileChooserNative *chooser;
  LurkHistoryFormat  export_format;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkMenuButton     *export_button;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *group_dropdown;
  GtkDropDown       *channel_dropdown;
  GStrv              channel_ids;     /* the channel drop-down's, in its order */
  GtkStack          *stack;
  GtkSpinner        *spinner;
  GtkScrolledWindow *scroller;
  GtkListView       *list_view;
};

G_DEFINE_FINAL_TYPE (LurkHistoryWindow, lurk_history_window, ADW_TYPE_WINDOW)

static void
update_stack (LurkHistoryWindow *self)
{
  const char *page;

  const char *shown = gtk_stack_get_visible_child_name (self->stack);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    page = "list";
  else if (lurk_history_model_get_store (self->model) == NULL ||
           !lurk_history_model_get_complete (self->model))
    /* While the next search runs, what was shown stays (no flicker as the user types);
     * the spinner is for the first page. */
    page = g_strcmp0 (shown, "loading") == 0 || shown == NULL ? "loading" : shown;
  else if (lurk_history_model_get_text (self->model) != NULL ||
           lurk_history_model_get_group (self->model) != LURK_HISTORY_GROUP_ALL)
    page = "no-results";
  else
    page = "empty";

  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
apply_filter (LurkHistoryWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  LurkHistoryGroup group = gtk_drop_down_get_selected (self->group_dropdown);

  if (group >= LURK_HISTORY_N_GROUPS)
    group = LURK_HISTORY_GROUP_ALL;

  lurk_history_model_set_filter (self->model, self->broadcaster_id, text, group);
  update_stack (self);
}

static void
search_changed_cb (LurkHistoryWindow *self)
{
  apply_filter (self);
}

static void
stop_search_cb (LurkHistoryWindow *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
group_changed_cb (LurkHistoryWindow *self)
{
  apply_filter (self);
}

static void
channel_changed_cb (LurkHistoryWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->channel_dropdown);
  GtkStringList *names = GTK_STRING_LIST (gtk_drop_down_get_model (self->channel_dropdown));

  if (self->channel_ids == NULL || selected >= g_strv_length (self->channel_ids))
    return;

  g_free (self->broadcaster_id);
  self->broadcaster_id = g_strdup (self->channel_ids[selected]);
  adw_window_title_set_subtitle (self->window_title, gtk_string_list_get_string (names, selected));
  apply_filter (self);
}

/* The channel filter: the favorite first, then the earlier favorites with stored events, the
 * most recently active first; hidden when there is only one. */
static void
channels_listed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LurkHistoryWindow) self = user_data;
  g_autoptr(GPtrArray) channels = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *subtitle = adw_window_title_get_subtitle (self->window_title);

  channels = lurk_event_store_list_channels_finish (LURK_EVENT_STORE (object), result, &error);
  if (channels == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not list the history's channels: %s", error->message);
      return;
    }

  if (self->broadcaster_id != NULL)
    {
      g_strv_builder_add (ids, self->broadcaster_id);
      gtk_string_list_append (names, subtitle != NULL && *subtitle != '\0'
                                     ? subtitle : self->broadcaster_id);
    }
  for (guint i = 0; i < channels->len; i++)
    {
      LurkStoredChannel *channel = g_ptr_array_index (channels, i);

      if (g_strcmp0 (channel->broadcaster_id, self->broadcaster_id) == 0)
        continue;
      g_strv_builder_add (ids, channel->broadcaster_id);
      gtk_string_list_append (names, channel->name != NULL ? channel->name
                                     : channel->login != NULL ? channel->login
                                     : channel->broadcaster_id);
    }

  g_strfreev (self->channel_ids);
  self->channel_ids = g_strv_builder_end (ids);
  g_signal_handlers_block_by_func (self->channel_dropdown, channel_changed_cb, self);
  gtk_drop_down_set_model (self->channel_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->channel_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->channel_dropdown, channel_changed_cb, self);
  gtk_widget_set_visible (GTK_WIDGET (self->channel_dropdown),
                          g_strv_length (self->channel_ids) > 1);
}

static void
list_channels (LurkHistoryWindow *self)
{
  LurkEventStore *store = lurk_history_model_get_store (self->model);

  if (store != NULL)
    lurk_event_store_list_channels_async (store, self->cancellable, channels_listed_cb,
                                          g_object_ref (self));
}

static void
page_failed_cb (LurkHistoryWindow *self,
                const GError      *error)
{
  g_autofree char *title = NULL;

  /* A search the store refuses says why in words for people (LURK_ERROR_FAILED); a file
   * that cannot be read is said plainly. */
  if (g_error_matches (error, LURK_ERROR, LURK_ERROR_FAILED))
    title = g_markup_escape_text (error->message, -1);
  else
    title = g_strdup (_("Could not read the history"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

/* Rows ---------------------------------------------------------------------------------- */

static GDateTime *
event_local_time (LurkEvent *event)
{
  gint64 when = lurk_event_get_occurred_at (event);

  if (when <= 0)
    when = lurk_event_get_received_at (event);

  return g_date_time_new_from_unix_local (when / G_USEC_PER_SEC);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

static char *
format_day (GDateTime *day)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (now, -1);

  if (same_day (day, now))
    return g_strdup (_("Today"));
  if (same_day (day, yesterday))
    return g_strdup (_("Yesterday"));
  if (g_date_time_get_year (day) == g_date_time_get_year (now))
    /* Translators: a day heading in History, see strftime(3) */
    return g_date_time_format (day, _("%A, %e %B"));

  /* Translators: a day heading in History for another year, see strftime(3) */
  return g_date_time_format (day, _("%A, %e %B %Y"));
}

/* The Menu key and Shift+F10: the menu of the row that has the focus */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  lurk_event_menu_popup_at_focus (GTK_ROOT (widget));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LurkHistoryWindow        *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *heading = gtk_label_new (NULL);
  GtkWidget *row = lurk_event_row_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "history-day");
  gtk_widget_set_visible (heading, FALSE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), row);
  gtk_list_item_set_child (item, box);
  g_object_set_data (G_OBJECT (box), "history-heading", heading);
  g_object_set_data (G_OBJECT (box), "history-row", row);

  /* The row's menu, as in the sidebar: right click, long press, Menu, Shift+F10 */
  lurk_event_menu_attach (box, LURK_EVENT_ROW (row));

  gtk_list_item_set_activatable (item, FALSE);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LurkHistoryWindow        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *heading = g_object_get_data (G_OBJECT (box), "history-heading");
  LurkEventRow *row = g_object_get_data (G_OBJECT (box), "history-row");
  LurkEvent *event = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  g_autoptr(GDateTime) when = event_local_time (event);
  g_autoptr(GDateTime) before = NULL;
  g_autofree char *clock = NULL;

  lurk_event_row_set_event (row, event);
  /* Translators: the time of day of an event in History, see strftime(3) */
  clock = g_date_time_format (when, _("%H:%M"));
  lurk_event_row_set_time_text (row, clock);

  if (position > 0)
    {
      g_autoptr(LurkEvent) previous = g_list_model_get_item (G_LIST_MODEL (self->model),
                                                             position - 1);

      if (previous != NULL)
        before = event_local_time (previous);
    }

  if (before == NULL || !same_day (before, when))
    {
      g_autofree char *day = format_day (when);

      gtk_label_set_text (GTK_LABEL (heading), day);
      gtk_widget_set_visible (heading, TRUE);
    }
  else
    gtk_widget_set_visible (heading, FALSE);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LurkHistoryWindow        *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  lurk_event_row_set_event (g_object_get_data (G_OBJECT (box), "history-row"), NULL);
}

/* Actions ------------------------------------------------------------------------------- */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LurkHistoryWindow *self = LURK_HISTORY_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LurkHistoryWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 count = lurk_history_export_finish (result, &error);

  if (count < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not export the history: %s", error->message);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Could not export the events")));
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %" G_GINT64_FORMAT " event",
                                        "Exported %" G_GINT64_FORMAT " events", count),
                           count);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

static void
chooser_response_cb (LurkHistoryWindow *self,
                     int                response,
                     GtkNativeDialog   *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  lurk_history_export_async (self->model, self->export_format, file, self->cancellable,
                             export_done_cb, g_object_ref (self));
}

/* Through the file chooser portal in Flatpak: the file the user picks is the only one Lurk
 * may write. */
static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  LurkHistoryWindow *self = LURK_HISTORY_WINDOW (widget);
  gboolean csv = g_strcmp0 (g_variant_get_string (param, NULL), "csv") == 0;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  self->export_format = csv ? LURK_HISTORY_FORMAT_CSV : LURK_HISTORY_FORMAT_JSON_LINES;
  name = g_strdup_printf ("%s-%s-%s.%s", _("history"),
                          self->channel_name != NULL ? self->channel_name : _("all"), date,
                          csv ? "csv" : "jsonl");
  self->chooser = gtk_file_chooser_native_new (csv ? _("Export as CSV") : _("Export as JSON Lines"),
                                               GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The store --------------------------------------------------------------------------- */

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LurkHistoryWindow) self = user_data;
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = lurk_event_store_new_finish (result, &error);
  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not open the event store: %s", error->message);
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("Could not open the history")));
        }
      return;
    }

  lurk_history_model_set_store (self->model, store);
  update_stack (self);
  list_channels (self);
}

/* Widget -------------------------------------------------------------------------------- */

static void
lurk_history_window_dispose (GObject *object)
{
  LurkHistoryWindow *self = LURK_HISTORY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_HISTORY_WINDOW);
  g_clear_object (&self->selection);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (lurk_history_window_parent_class)->dispose (object);
}

static void
lurk_history_window_finalize (GObject *object)
{
  LurkHistoryWindow *self = LURK_HISTORY_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->broadcaster_id, g_free);
  g_clear_pointer (&self->channel_name, g_free);
  g_clear_pointer (&self->channel_ids, g_strfreev);

  G_OBJECT_CLASS (lurk_history_window_parent_class)->finalize (object);
}

static void
lurk_history_window_class_init (LurkHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_history_window_dispose;
  object_class->finalize = lurk_history_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, group_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, LurkHistoryWindow, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, group_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, channel_changed_cb);

  gtk_widget_class_install_action (widget_class, "history.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "history.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "history.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "history.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "history.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "history.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
lurk_history_window_init (LurkHistoryWindow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->model = lurk_history_model_new ();
  g_signal_connect_swapped (self->model, "notify::n-items", G_CALLBACK (update_stack), self);
  g_signal_connect_swapped (self->model, "notify::complete", G_CALLBACK (update_stack), self);
  g_signal_connect_swapped (self->model, "page-failed", G_CALLBACK (page_failed_cb), self);

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  /* GTK 4.8 does not read an icon-only button's tooltip to screen readers */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export"), -1);
}

/**
 * lurk_history_window_new:
 * @parent: (nullable): the window it belongs to
 * @store: (nullable): the store to read, or %NULL for the profile's (opened off the UI
 *   thread)
 * @broadcaster_id: (nullable): the channel, or every channel
 * @channel_name: (nullable): the channel as people read it, for the subtitle
 */
LurkHistoryWindow *
lurk_history_window_new (GtkWindow      *parent,
                         LurkEventStore *store,
                         const char     *broadcaster_id,
                         const char     *channel_name)
{
  LurkHistoryWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (store == NULL || LURK_IS_EVENT_STORE (store), NULL);

  self = g_object_new (LURK_TYPE_HISTORY_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent)
                                                     : NULL,
                       NULL);
  self->broadcaster_id = g_strdup (broadcaster_id);
  self->channel_name = g_strdup (channel_name);
  adw_window_title_set_subtitle (self->window_title, channel_name != NULL ? channel_name : "");

  if (store != NULL)
    {
      lurk_history_model_set_store (self->model, store);
      list_channels (self);
    }
  else
    {
      g_autofree char *path = lurk_profile_dup_event_store_path ();

      lurk_event_store_new_async (path, self->cancellable, store_opened_cb,
                                  g_object_ref (self));
    }
  apply_filter (self);

  return self;
}

/**
 * lurk_history_window_get_model:
 *
 * Returns: (transfer none): the events the list shows, as read so far
 */
LurkHistoryModel *
lurk_history_window_get_model (LurkHistoryWindow *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_WINDOW (self), NULL);

  return self->model;
}
