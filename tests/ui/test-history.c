/* test-history.c: the History window over a store of 100,000 events
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lurk-event-menu.h"
#include "lurk-event-row.h"
#include "lurk-history-storage-row.h"
#include "lurk-history-window.h"
#include "lurk-streamer-page.h"
#include "lurk-test-history.h"
#include "lurk-test-ui.h"

#define N_EVENTS 100000

static char *store_dir;
static LurkEventStore *store;
static gint64 newest;

static const char *
favorite (void)
{
  return lurk_test_history_channel_ids[0];
}

static guint
n_favorite_events (void)
{
  return (N_EVENTS + LURK_TEST_HISTORY_N_CHANNELS - 1) / LURK_TEST_HISTORY_N_CHANNELS;
}

static LurkHistoryWindow *
open_history (LurkEventStore *with_store,
              const char     *broadcaster_id)
{
  LurkHistoryWindow *window = lurk_history_window_new (NULL, with_store, broadcaster_id,
                                                       "TwitchDev");

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static const char *
visible_page (LurkHistoryWindow *window)
{
  GtkWidget *stack = find_named (GTK_WIDGET (window), "history-stack");

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

typedef struct
{
  LurkHistoryWindow *window;
  const char        *page;
  guint              n_items;
} Wait;

static gboolean
page_shown (gpointer data)
{
  Wait *wait = data;
  LurkHistoryModel *model = lurk_history_window_get_model (wait->window);

  return !lurk_history_model_get_loading (model) &&
         g_strcmp0 (visible_page (wait->window), wait->page) == 0 &&
         (wait->n_items == 0 ||
          g_list_model_get_n_items (G_LIST_MODEL (model)) == wait->n_items);
}

static void
wait_for_page (LurkHistoryWindow *window,
               const char        *page,
               guint              n_items)
{
  Wait wait = { window, page, n_items };
  LurkHistoryModel *model = lurk_history_window_get_model (window);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!page_shown (&wait))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s (%u) in History: %s with %u events, %s, %s", page,
                 n_items, visible_page (window),
                 g_list_model_get_n_items (G_LIST_MODEL (model)),
                 lurk_history_model_get_loading (model) ? "loading" : "not loading",
                 lurk_history_model_get_complete (model) ? "complete" : "not complete");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  lurk_test_flush ();
}

/* The rows on screen: mapped LurkEventRows of the list */
static GPtrArray *
shown_rows (LurkHistoryWindow *window)
{
  GtkWidget *list = find_named (GTK_WIDGET (window), "history-list");
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *mapped = g_ptr_array_new ();

  lurk_test_collect_widgets (list, LURK_TYPE_EVENT_ROW, all);
  for (guint i = 0; i < all->len; i++)
    if (gtk_widget_get_mapped (all->pdata[i]) &&
        lurk_event_row_get_event (all->pdata[i]) != NULL)
      g_ptr_array_add (mapped, all->pdata[i]);

  return mapped;
}

static void
close_window (LurkHistoryWindow *window)
{
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (window));
  lurk_test_flush ();
  g_assert_null (window);
}

static void
test_new_destroy (void)
{
  LurkHistoryWindow *window = lurk_history_window_new (NULL, store, favorite (), NULL);
  LurkHistoryModel *model = g_object_ref (lurk_history_window_get_model (window));

  gtk_window_destroy (GTK_WINDOW (window));
  /* the page being read is cancelled; its callback lets go of the model */
  while (lurk_history_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  lurk_test_flush ();
  g_assert_finalize_object (model);
}

static void
text_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

/* Newest first, the first page only, then one search hit, read off the screen */
static void
test_search (void)
{
  LurkHistoryWindow *window = open_history (store, favorite ());
  LurkHistoryModel *model = lurk_history_window_get_model (window);
  GtkWidget *entry = lurk_test_find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(LurkEvent) first = NULL;
  g_autofree char *text = NULL;
  LurkEventRow *row;

  /* the pages the list's rows asked for, not the whole history */
  wait_for_page (window, "list", 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <=,
                    3 * lurk_history_model_get_page_size (model));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (lurk_event_get_occurred_at (first), ==, newest);
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "Today"));

  /* Ctrl+F's action focuses the entry; typing searches after the entry's pause */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "history.search", NULL));
  lurk_test_flush ();
  g_assert_true (gtk_widget_has_focus (entry) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "zanzibar");
  wait_for_page (window, "list", 1);

  /* the list lays the row out in a frame or two */
  for (gint64 end = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
       g_get_monotonic_time () < end;)
    {
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = shown_rows (window);
      if (rows->len > 0)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  lurk_test_flush ();
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = shown_rows (window);
  g_assert_cmpuint (rows->len, ==, 1);
  row = rows->pdata[0];
  g_assert_cmpstr (lurk_event_row_get_who (row), ==, LURK_TEST_HISTORY_UNIQUE_NAME);
  g_assert_nonnull (strstr (lurk_event_row_get_what (row), LURK_TEST_HISTORY_UNIQUE_NAME));
  text = lurk_event_row_dup_text (row);
  g_assert_nonnull (strstr (text, LURK_TEST_HISTORY_UNIQUE_NAME));
  g_assert_cmpstr (lurk_event_get_broadcaster_id (lurk_event_row_get_event (row)), ==,
                   favorite ());

  /* the Menu key on the focused row opens its menu: Copy Summary and Open Channel in
   * Browser, no Watch (not a raid) */
  {
    GtkWidget *box = gtk_widget_get_parent (GTK_WIDGET (row));
    GtkPopover *popover = NULL;
    GMenuModel *menu;

    gtk_widget_grab_focus (gtk_widget_get_parent (box));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "history.row-menu", NULL));
    lurk_test_flush ();
    for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (GTK_IS_POPOVER_MENU (child))
        popover = GTK_POPOVER (child);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
    gtk_popover_popdown (popover);
  }

  /* its menu: Copy Summary puts the row's text on the clipboard; a sub's has no Watch */
  {
    g_autofree char *copied = NULL;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "event.copy-summary", NULL));
    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                   text_read_cb, &copied);
    while (copied == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (copied, ==, lurk_event_row_get_what (row));
  }

  /* nothing matches: the no-results status page */
  gtk_editable_set_text (GTK_EDITABLE (entry), "nobody by this name");
  wait_for_page (window, "no-results", 0);
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "No Results Found"));

  close_window (window);
}

/* Scrolling to the end reads every page: each of the favorite's events once, newest first */
static void
test_scroll_to_end (void)
{
  LurkHistoryWindow *window = open_history (store, favorite ());
  LurkHistoryModel *model = lurk_history_window_get_model (window);
  GtkWidget *scroller = find_named (GTK_WIDGET (window), "history-scroller");
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 deadline = g_get_monotonic_time () + 150 * G_USEC_PER_SEC;
  gint64 previous = G_MAXINT64;
  guint n;

  wait_for_page (window, "list", 0);
  while (!lurk_history_model_get_complete (model))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
      g_main_context_iteration (NULL, TRUE);
    }
  lurk_test_flush ();

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, n_favorite_events ());
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LurkEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (g_hash_table_add (seen, g_strdup (lurk_event_get_id (event))));
      g_assert_cmpstr (lurk_event_get_broadcaster_id (event), ==, favorite ());
      g_assert_cmpint (lurk_event_get_occurred_at (event), <, previous);
      previous = lurk_event_get_occurred_at (event);
    }

  close_window (window);
}

/* The kind filter: only raids, of every page */
static void
test_group_filter (void)
{
  LurkHistoryWindow *window = open_history (store, favorite ());
  LurkHistoryModel *model = lurk_history_window_get_model (window);
  GtkWidget *dropdown = find_named (GTK_WIDGET (window), "history-group");
  guint n;

  wait_for_page (window, "list", 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), LURK_HISTORY_GROUP_RAIDS);
  wait_for_page (window, "list", 0);
  while (!lurk_history_model_get_complete (model))
    {
      lurk_history_model_load_more (model);
      g_main_context_iteration (NULL, TRUE);
    }

  /* every fifth of the favorite's events is a raid */
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >=, n_favorite_events () / 5);
  g_assert_cmpuint (n, <=, n_favorite_events () / 5 + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LurkEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpint (lurk_event_get_kind (event), ==, LURK_EVENT_KIND_RAID_IN);
    }

  close_window (window);
}

typedef struct
{
  GtkWidget *dropdown;
  guint      n;
} Choices;

static gboolean
channels_listed (gpointer data)
{
  Choices *choices = data;
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (choices->dropdown));

  return model != NULL && g_list_model_get_n_items (model) == choices->n &&
         gtk_widget_get_visible (choices->dropdown);
}

/* The channel filter: the favorite first, then the other channels of the history; picking
 * one shows its events */
static void
test_channel_filter (void)
{
  LurkHistoryWindow *window = open_history (store, favorite ());
  LurkHistoryModel *model = lurk_history_window_get_model (window);
  Choices choices = { find_named (GTK_WIDGET (window), "history-channel"), 3 };
  GtkStringList *names;
  g_autoptr(LurkEvent) first = NULL;

  wait_for_page (window, "list", 0);
  lurk_test_wait_for (channels_listed, &choices, "the channels");
  names = GTK_STRING_LIST (gtk_drop_down_get_model (GTK_DROP_DOWN (choices.dropdown)));
  g_assert_cmpstr (gtk_string_list_get_string (names, 0), ==, "TwitchDev");
  g_assert_cmpstr (gtk_string_list_get_string (names, 1), ==,
                   lurk_test_history_channel_logins[1]);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (choices.dropdown), 2);
  lurk_test_flush ();
  wait_for_page (window, "list", 0);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (lurk_event_get_broadcaster_id (first), ==, lurk_test_history_channel_ids[2]);
  g_assert_cmpstr (lurk_history_model_get_broadcaster_id (model), ==,
                   lurk_test_history_channel_ids[2]);

  close_window (window);
}

/* A channel with nothing stored: the empty status page */
static void
test_empty (void)
{
  LurkHistoryWindow *window = open_history (store, "404");

  wait_for_page (window, "empty", 0);
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "No History Yet"));
  close_window (window);
}

/* The row menu the sidebar shares: a raid's has Watch in Lurk, opened on the focused row */
static void
test_raid_row_menu (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = lurk_event_row_new ();
  /* index 6 of the filler: a raid into the favorite */
  g_autoptr(LurkEvent) raid = lurk_test_history_event (6, 100, newest);
  GtkPopover *popover = NULL;
  GMenuModel *menu;

  g_assert_cmpint (lurk_event_get_kind (raid), ==, LURK_EVENT_KIND_RAID_IN);
  lurk_event_row_set_event (LURK_EVENT_ROW (row), raid);
  lurk_event_menu_attach (row, LURK_EVENT_ROW (row));
  gtk_widget_set_focusable (row, TRUE);
  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  lurk_test_flush ();
  gtk_widget_grab_focus (row);

  g_assert_true (lurk_event_menu_popup_at_focus (GTK_ROOT (window)));
  lurk_test_flush ();
  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      popover = GTK_POPOVER (child);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover));
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 3);
  {
    g_autofree char *action = NULL;

    g_assert_true (g_menu_model_get_item_attribute (menu, 2, G_MENU_ATTRIBUTE_ACTION, "s",
                                                    &action));
    g_assert_cmpstr (action, ==, "event.watch");
  }
  gtk_popover_popdown (popover);
  gtk_window_destroy (GTK_WINDOW (window));
  lurk_test_flush ();
}

/* The main menu's Copy Channel Link puts the channel's twitch.tv address on the clipboard */
static void
test_copy_channel_link (void)
{
  GtkWidget *page = g_object_ref_sink (lurk_streamer_page_new ());
  g_autofree char *text = NULL;

  lurk_streamer_page_set_login (LURK_STREAMER_PAGE (page), "twitchdev");
  g_assert_true (gtk_widget_activate_action (page, "streamer.copy-link", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (page), NULL, text_read_cb, &text);
  while (text == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (text, ==, "https://www.twitch.tv/twitchdev");
  g_object_unref (page);
}

typedef struct
{
  GtkWidget  *row;
  const char *prefix;
} Subtitle;

static gboolean
subtitle_starts (gpointer data)
{
  Subtitle *expect = data;
  const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (expect->row));

  return subtitle != NULL && g_str_has_prefix (subtitle, expect->prefix);
}

/* Preferences' row: the count and size of the history, and Clear History… after the
 * confirmation */
static void
test_storage_row (void)
{
  g_autofree char *path = g_build_filename (store_dir, "clear.db", NULL);
  g_autoptr(LurkEventStore) small = lurk_event_store_new (path, NULL);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = lurk_history_storage_row_new ();
  GtkWidget *button;
  GtkWindow *dialog;
  Subtitle counted = { row, "300 events · " };
  Subtitle cleared = { row, "0 events · " };
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (small);
  lurk_test_history_fill (small, 300, newest);
  g_clear_object (&small);

  lurk_history_storage_row_set_path (LURK_HISTORY_STORAGE_ROW (row), path);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  lurk_test_wait_for (subtitle_starts, &counted, "the count");

  button = lurk_test_find_widget (row, GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  lurk_test_flush ();
  dialog = lurk_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Clear History?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "300"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "clear");
  gtk_window_destroy (dialog);
  lurk_test_wait_for (subtitle_starts, &cleared, "the history cleared");
  g_assert_false (gtk_widget_get_sensitive (button));

  small = lurk_event_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_store_count (small, NULL, NULL), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
  lurk_test_flush ();
}

static void
shoot (GtkWindow  *window,
       const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.png", g_getenv ("LURK_SCREENSHOT_DIR"), name);

  lurk_test_save_screenshot (GTK_WIDGET (window), path);
}

/* README's screenshots, light and dark: a store whose events are spread over three days.
 * Skipped unless LURK_SCREENSHOT_DIR is set:
 *   LURK_SCREENSHOT_DIR=$PWD/docs/screenshots build-aux/test-session.sh \
 *     meson test -C _build ui-history */
static void
test_screenshots (void)
{
  g_autofree char *path = NULL;
  g_autoptr(LurkEventStore) shots = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  AdwStyleManager *style = adw_style_manager_get_default ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC * G_USEC_PER_SEC;
  LurkHistoryWindow *window;

  if (g_getenv ("LURK_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("LURK_SCREENSHOT_DIR is not set");
      return;
    }

  /* the app's style sheet, which AdwApplication would load */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/lurkapp/Lurk/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  path = g_build_filename (store_dir, "shots.db", NULL);
  shots = lurk_event_store_new (path, &error);
  g_assert_no_error (error);
  /* the favorite's events (every third index), 40 minutes apart, the newest ten minutes ago */
  for (guint i = 0; i < 3 * 90; i += 3)
    g_ptr_array_add (batch, lurk_test_history_event (i, 3 * 90,
                                                     now - 10 * 60 * G_USEC_PER_SEC -
                                                     (gint64) (i / 3) * 40 * 60 * G_USEC_PER_SEC +
                                                     (gint64) i * 60 * G_USEC_PER_SEC));
  g_assert_true (lurk_event_store_insert (shots, batch, NULL, &error));
  g_assert_no_error (error);

  for (guint dark = 0; dark <= 1; dark++)
    {
      GtkWidget *scroller;
      GtkAdjustment *adjustment;

      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      window = lurk_history_window_new (NULL, shots, favorite (), "TwitchDev");
      gtk_window_set_default_size (GTK_WINDOW (window), 480, 640);
      gtk_window_present (GTK_WINDOW (window));
      wait_for_page (window, "list", 0);
      /* down to where one day ends and the next begins */
      scroller = find_named (GTK_WIDGET (window), "history-scroller");
      adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      while (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
        g_main_context_iteration (NULL, TRUE);
      for (guint i = 0; i < 200; i++)
        {
          GtkWidget *yesterday = lurk_test_find_label (GTK_WIDGET (window), "Yesterday");
          graphene_point_t point;

          if (yesterday != NULL &&
              gtk_widget_compute_point (yesterday, GTK_WIDGET (window),
                                        &GRAPHENE_POINT_INIT (0, 0), &point) &&
              point.y > 120 && point.y < 300)
            break;
          gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + 20);
          lurk_test_flush ();
        }
      lurk_test_flush ();
      shoot (GTK_WINDOW (window), dark ? "history-dark" : "history-light");
      close_window (window);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gint64 start;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  store_dir = g_dir_make_tmp ("lurk-history-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (store_dir, "events.db", NULL);
  store = lurk_event_store_new (path, &error);
  g_assert_no_error (error);
  newest = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  start = g_get_monotonic_time ();
  lurk_test_history_fill (store, N_EVENTS, newest);
  g_test_message ("%d events stored in %.2f s", N_EVENTS,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  g_test_add_func ("/lurk/ui/history/new-destroy", test_new_destroy);
  g_test_add_func ("/lurk/ui/history/search", test_search);
  g_test_add_func ("/lurk/ui/history/scroll-to-end", test_scroll_to_end);
  g_test_add_func ("/lurk/ui/history/group-filter", test_group_filter);
  g_test_add_func ("/lurk/ui/history/empty", test_empty);
  g_test_add_func ("/lurk/ui/history/channel-filter", test_channel_filter);
  g_test_add_func ("/lurk/ui/history/copy-channel-link", test_copy_channel_link);
  g_test_add_func ("/lurk/ui/history/raid-row-menu", test_raid_row_menu);
  g_test_add_func ("/lurk/ui/history/storage-row", test_storage_row);
  g_test_add_func ("/lurk/ui/history/screenshots", test_screenshots);

  status = g_test_run ();

  g_clear_object (&store);
  command = g_strdup_printf ("rm -rf '%s'", store_dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (store_dir);

  return status;
}
