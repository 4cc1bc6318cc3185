/* test-window.c: the main window, its pages and the app's actions, with the real app
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lurk-a11y-check.h"
#include "lurk-account-area.h"
#include "lurk-application.h"
#include "lurk-error.h"
#include "lurk-home-page.h"
#include "lurk-memory-token-store.h"
#include "lurk-preferences-window.h"
#include "lurk-profile.h"
#include "lurk-streamer-page.h"
#include "lurk-test-ui.h"
#include "lurk-window.h"

typedef struct _Fixture Fixture;
typedef void (*FixtureFunc) (Fixture *f);

struct _Fixture
{
  LurkApplication *app;
  LurkWindow      *window;
  GSettings       *settings;
  FixtureFunc      body;
};

/* The real application, run as `lurk` would run, but non-unique so that test programs
 * running side by side do not join each other. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->settings = lurk_profile_new_settings ();
  lurk_test_reset_settings (f->settings);
  lurk_test_forget_tokens ();

  f->app = lurk_test_application_new ("io.github.lurkapp.Lurk.Test");
}

/* After LurkApplication's own activate handler: the window is there. Run the test in it. */
static void
fixture_activate_cb (GApplication *app,
                     Fixture      *f)
{
  f->window = LURK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_true (LURK_IS_WINDOW (f->window));
  g_object_ref (f->window);
  lurk_test_flush ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->window)));

  g_application_hold (app);
  f->body (f);
  g_application_release (app);

  lurk_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_application_quit (app);
}

static void
fixture_run (Fixture       *f,
             gconstpointer  body)
{
  f->body = (FixtureFunc) body;
  g_signal_connect_after (f->app, "activate", G_CALLBACK (fixture_activate_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), 0, NULL), ==, 0);
  g_assert_null (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lurk_test_flush ();
  g_assert_finalize_object (g_steal_pointer (&f->app));
  g_assert_finalize_object (g_steal_pointer (&f->settings));
}

static LurkHomePage *
get_home_page (Fixture *f)
{
  return LURK_HOME_PAGE (lurk_test_find_widget (GTK_WIDGET (f->window), LURK_TYPE_HOME_PAGE));
}

static LurkStreamerPage *
get_streamer_page (Fixture *f)
{
  return LURK_STREAMER_PAGE (lurk_test_find_widget (GTK_WIDGET (f->window),
                                                    LURK_TYPE_STREAMER_PAGE));
}

static void
test_window_new_destroy (Fixture *f)
{
  LurkWindow *window = g_object_ref (lurk_window_new (f->app));

  g_assert_cmpstr (lurk_window_get_visible_page (window), ==, "home");
  lurk_test_destroy_window (GTK_WINDOW (window));
}

static void
test_pages_new_destroy (void)
{
  GtkWidget *home = g_object_ref_sink (lurk_home_page_new ());
  GtkWidget *streamer = g_object_ref_sink (lurk_streamer_page_new ());

  g_assert_null (lurk_home_page_get_error_text (LURK_HOME_PAGE (home)));
  g_assert_cmpint (lurk_streamer_page_get_live_status (LURK_STREAMER_PAGE (streamer)), ==,
                   LURK_LIVE_STATUS_UNKNOWN);

  g_assert_finalize_object (home);
  g_assert_finalize_object (streamer);
}

/* The broadcaster choice is no longer on the first-run card (issue 18, item 16): the
 * account area has no switch; it is a setting, in Preferences (test_app_preferences). */
static void
test_account_area_no_broadcaster_switch (void)
{
  g_autoptr(LurkTokenStore) store = lurk_memory_token_store_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  LurkAccount *account = lurk_account_new (store, session, settings);
  GtkWidget *area = g_object_ref_sink (lurk_account_area_new (account));

  g_assert_null (lurk_test_find_widget (area, GTK_TYPE_SWITCH));
  g_assert_cmpstr (lurk_account_area_get_page_name (LURK_ACCOUNT_AREA (area)), ==, "signed-out");

  g_assert_finalize_object (area);
  g_assert_finalize_object (account);
}

static void
test_window_navigation (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  LurkStreamerPage *page = get_streamer_page (f);
  GtkWidget *open_row = NULL;

  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");

  /* No favorite yet: there is no streamer page to go to. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-streamer", NULL);
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-streamer", "s", "Some_Streamer");
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "streamer");
  g_assert_cmpstr (g_settings_get_string (f->settings, "favorite-login"), ==, "some_streamer");
  g_assert_cmpstr (lurk_streamer_page_get_title (page), ==, "some_streamer");
  g_assert_cmpstr (lurk_streamer_page_get_subtitle (page), ==, "twitch.tv/some_streamer");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-home", NULL);
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-streamer", NULL);
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "streamer");

  /* The back button on the streamer page is wired to the same action. */
  gtk_widget_activate_action (GTK_WIDGET (page), "win.show-home", NULL);
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");

  /* On the Home page, the favorite's row opens its page too. */
  lurk_test_collect_widgets (GTK_WIDGET (get_home_page (f)), ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (row)),
                     "win.show-streamer") == 0)
        open_row = row;
    }
  g_assert_nonnull (open_row);
  g_assert_true (gtk_widget_get_visible (open_row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (open_row)), ==,
                   "some_streamer");
  g_assert_true (gtk_widget_activate (open_row));
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "streamer");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-home", NULL);

  /* A bad name from the API side is refused and changes nothing. */
  g_assert_false (lurk_window_open_streamer (f->window, "no spaces", &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN);
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");
  g_assert_cmpstr (g_settings_get_string (f->settings, "favorite-login"), ==, "some_streamer");
}

typedef struct
{
  const char *input;
  const char *error;
} BadName;

/* Runs the main loop until a mapped label under @root shows @text, for up to 2 s. */
static GtkWidget *
wait_for_label (GtkWidget  *root,
                const char *text)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  GtkWidget *label;

  while ((label = lurk_test_find_label (root, text)) == NULL &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  return label;
}

static void
test_toast_plain_text (Fixture *f)
{
  const char *error = "“<” is not allowed: use only letters a–z, digits and _";

  /* libadwaita 1.2 reads toast titles as markup: the quoted character must show, not empty
   * the toast. The app action is what `lurk --streamer NAME` and notifications use. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "open-streamer",
                                  g_variant_new_string ("a<b>&amp;"));
  g_assert_nonnull (wait_for_label (GTK_WIDGET (f->window), error));
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");
}

static void
test_home_entry_errors (Fixture *f)
{
  static const BadName bad_names[] = {
    { "two words", "Twitch names cannot contain spaces" },
    { "dash-name", "“-” is not allowed: use only letters a–z, digits and _" },
    { "émile", "“é” is not allowed: use only letters a–z, digits and _" },
    { "abcdefghijklmnopqrstuvwxyz", "Twitch names have at most 25 characters" },
    { "@@twice", "“@” is not allowed: use only letters a–z, digits and _" },
  };
  LurkHomePage *home = get_home_page (f);
  GtkWidget *row = lurk_test_find_widget (GTK_WIDGET (home), ADW_TYPE_ENTRY_ROW);

  g_assert_nonnull (row);
  g_settings_set_string (f->settings, "favorite-login", "before");

  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++)
    {
      /* While typing */
      gtk_editable_set_text (GTK_EDITABLE (row), bad_names[i].input);
      g_assert_cmpstr (lurk_home_page_get_error_text (home), ==, bad_names[i].error);
      g_assert_true (gtk_widget_has_css_class (row, "error"));
      g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (home), bad_names[i].error));

      /* and after Enter, which neither saves nor navigates */
      g_signal_emit_by_name (row, "entry-activated");
      g_assert_cmpstr (lurk_home_page_get_error_text (home), ==, bad_names[i].error);
      g_assert_cmpstr (g_settings_get_string (f->settings, "favorite-login"), ==, "before");
      g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");
    }

  /* An empty entry is not an error while typing, only on Enter. */
  gtk_editable_set_text (GTK_EDITABLE (row), "  ");
  g_assert_null (lurk_home_page_get_error_text (home));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "entry-activated");
  g_assert_cmpstr (lurk_home_page_get_error_text (home), ==, "Enter a Twitch channel name");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* Fixing the text clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (row), "fine");
  g_assert_null (lurk_home_page_get_error_text (home));
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

/* Signed out nothing can check a name: Enter saves nothing, and says why (issue 18, item 3). */
static void
test_home_entry_signed_out (Fixture *f)
{
  LurkHomePage *home = get_home_page (f);
  GtkWidget *row = lurk_test_find_widget (GTK_WIDGET (home), ADW_TYPE_ENTRY_ROW);
  g_autofree char *login = NULL;
  g_autofree char *id = NULL;
  const char *note;

  g_settings_set_string (f->settings, "favorite-login", "old_one");
  g_settings_set_string (f->settings, "favorite-id", "12345");

  gtk_editable_set_text (GTK_EDITABLE (row), "  @Lurk_Demo_42 ");
  g_assert_null (lurk_home_page_get_error_text (home));
  g_signal_emit_by_name (row, "entry-activated");

  login = g_settings_get_string (f->settings, "favorite-login");
  id = g_settings_get_string (f->settings, "favorite-id");
  g_assert_cmpstr (login, ==, "old_one");
  g_assert_cmpstr (id, ==, "12345");
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");
  note = lurk_home_page_get_error_text (home);
  g_assert_cmpstr (note, ==, "Sign in with Twitch to check that “lurk_demo_42” exists before "
                             "Lurk follows it");
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (home), note));
  /* A note, not an error: the name itself is fine. */
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "  @Lurk_Demo_42 ");

  /* The apply button does the same. */
  gtk_editable_set_text (GTK_EDITABLE (row), "Another");
  g_signal_emit_by_name (row, "apply");
  g_assert_cmpstr (lurk_home_page_get_favorite_login (home), ==, "old_one");
  g_assert_cmpstr (lurk_window_get_visible_page (f->window), ==, "home");
}

static gboolean
chat_shown (gpointer page)
{
  return gtk_widget_get_mapped (lurk_streamer_page_get_chat (page));
}

static gboolean
chat_hidden (gpointer page)
{
  return !chat_shown (page);
}

static void
test_streamer_header (Fixture *f)
{
  LurkStreamerPage *page = get_streamer_page (f);
  g_autofree char *settings_program = NULL;

  lurk_window_open_streamer (f->window, "caster", NULL);
  lurk_test_flush ();

  /* Signed out nothing says whether "caster" exists: it is not called Offline. */
  g_assert_null (lurk_test_find_label (GTK_WIDGET (page), "Offline"));
  g_assert_cmpstr (lurk_streamer_page_get_subtitle (page), ==, "twitch.tv/caster");

  /* The window is named after the channel (issue 18, item 15). */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "caster — Lurk");

  lurk_streamer_page_set_display_name (page, "Caster");
  lurk_streamer_page_set_live_status (page, LURK_LIVE_STATUS_LIVE);
  lurk_test_flush ();
  g_assert_cmpstr (lurk_streamer_page_get_title (page), ==, "Caster");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Caster — Lurk");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-home", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Lurk");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-streamer", NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Caster — Lurk");
  g_assert_cmpstr (lurk_streamer_page_get_subtitle (page), ==, "Live now");
  /* The LIVE badge is the channel header's alone (issue 18, item 11): not in the header bar. */
  g_assert_null (lurk_test_find_label (GTK_WIDGET (page), "LIVE"));

  lurk_streamer_page_set_live_status (page, LURK_LIVE_STATUS_OFFLINE);
  lurk_test_flush ();
  g_assert_cmpstr (lurk_streamer_page_get_subtitle (page), ==, "Offline");
  g_assert_null (lurk_test_find_label (GTK_WIDGET (page), "LIVE"));

  /* A new favorite forgets the old one's name and status. */
  lurk_window_open_streamer (f->window, "next", NULL);
  g_assert_cmpstr (lurk_streamer_page_get_title (page), ==, "next");
  g_assert_cmpstr (lurk_streamer_page_get_subtitle (page), ==, "twitch.tv/next");

  /* Without GNOME Settings (here; or inside Flatpak, which has no portal for it), Network
   * Settings says where to look instead of doing nothing (issue 18, item 18). */
  settings_program = g_find_program_in_path ("gnome-control-center");
  if (settings_program == NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (page), "streamer.network-settings", NULL);
      g_assert_cmpstr (lurk_streamer_page_get_last_toast (page), ==,
                       "Lurk cannot open the network settings: open Settings, then Network or "
                       "Wi-Fi");
    }

  /* Without events yet, the sidebar says so; chat is shown. */
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (page), "No Events Yet"));
  g_assert_true (chat_shown (page));

  /* Chat and sidebar follow their settings, through the window's toggle actions. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.chat-visible", NULL);
  g_assert_false (g_settings_get_boolean (f->settings, "chat-visible"));
  lurk_test_wait_for (chat_hidden, page, "chat to hide");

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sidebar-visible", NULL);
  g_assert_false (g_settings_get_boolean (f->settings, "sidebar-visible"));
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (lurk_test_find_widget (GTK_WIDGET (page),
                                                                             ADW_TYPE_FLAP))));

  g_settings_set_boolean (f->settings, "chat-visible", TRUE);
  g_settings_set_boolean (f->settings, "sidebar-visible", TRUE);
  lurk_test_wait_for (chat_shown, page, "chat to show");
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (lurk_test_find_widget (GTK_WIDGET (page),
                                                                            ADW_TYPE_FLAP))));
}


static GtkToggleButton *
find_toggle (LurkStreamerPage *page,
             const char       *name)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  lurk_test_collect_widgets (GTK_WIDGET (page), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (gtk_test_accessible_has_property (g_ptr_array_index (toggles, i),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL) &&
        gtk_test_accessible_check_property (g_ptr_array_index (toggles, i),
                                            GTK_ACCESSIBLE_PROPERTY_LABEL, name) == NULL)
      return g_ptr_array_index (toggles, i);

  g_error ("No toggle named “%s”", name);
}

static void
assert_toggle (GtkToggleButton *toggle,
               gboolean         active)
{
  g_autofree char *wrong = NULL;

  g_assert_cmpint (gtk_toggle_button_get_active (toggle), ==, active);
  wrong = gtk_test_accessible_check_state (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_STATE_PRESSED,
                                           active ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                  : GTK_ACCESSIBLE_TRISTATE_FALSE);
  if (wrong != NULL)
    g_error ("pressed is %s, expected %s", wrong, active ? "true" : "false");
}

/* The header's toggles tell the truth from the start, to eyes and to screen readers
 * (issue 18, item 1). */
static void
test_streamer_toggles (Fixture *f)
{
  LurkStreamerPage *page = get_streamer_page (f);
  GtkToggleButton *chat;
  GtkToggleButton *events;

  lurk_window_open_streamer (f->window, "caster", NULL);
  lurk_test_flush ();
  chat = find_toggle (page, "Show Chat");
  events = find_toggle (page, "Show Events");

  assert_toggle (chat, TRUE);
  assert_toggle (events, TRUE);

  /* F9 (the action) and the button both. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.sidebar-visible", NULL);
  assert_toggle (events, FALSE);
  assert_toggle (chat, TRUE);
  gtk_toggle_button_set_active (events, TRUE);
  g_assert_true (g_settings_get_boolean (f->settings, "sidebar-visible"));
  gtk_toggle_button_set_active (chat, FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "chat-visible"));
  assert_toggle (chat, FALSE);
  g_settings_set_boolean (f->settings, "chat-visible", TRUE);
  assert_toggle (chat, TRUE);
}

typedef struct
{
  GtkWidget *pane;
  guint      tabs;
} PaneStop;

/* Every pane is reached with Tab, with visible focus, and the web views do not keep it; F6
 * moves between the panes (issue 18, item 2). */
static void
test_streamer_keyboard (Fixture *f)
{
  LurkStreamerPage *page = get_streamer_page (f);
  GtkWidget *player = lurk_streamer_page_get_player (page);
  GtkWidget *chat = lurk_streamer_page_get_chat (page);
  GtkWidget *back = NULL;
  GtkWidget *events = NULL;
  GtkWidget *focus;
  GtkWidget *previous = NULL;
  PaneStop stops[3];
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  lurk_window_open_streamer (f->window, "caster", NULL);
  lurk_test_flush ();
  lurk_test_collect_widgets (GTK_WIDGET (page), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len && back == NULL; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                   "win.show-home") == 0)
      back = g_ptr_array_index (buttons, i);
  g_assert_nonnull (back);
  events = gtk_widget_get_ancestor (GTK_WIDGET (lurk_test_find_label (GTK_WIDGET (page),
                                                                      "No Events Yet")),
                                    ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (events);

  stops[0] = (PaneStop) { player, 0 };
  stops[1] = (PaneStop) { chat, 0 };
  stops[2] = (PaneStop) { events, 0 };

  g_assert_true (gtk_widget_grab_focus (back));
  for (guint tab = 1; tab <= 12; tab++)
    {
      g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
      focus = gtk_window_get_focus (GTK_WINDOW (f->window));
      g_assert_nonnull (focus);
      g_test_message ("Tab %u: %s in %s, mapped %d", tab, G_OBJECT_TYPE_NAME (focus),
                      G_OBJECT_TYPE_NAME (gtk_widget_get_parent (focus)),
                      gtk_widget_get_mapped (focus));
      /* Only what is on screen. */
      g_assert_true (gtk_widget_get_mapped (focus));
      /* Never on the Home page out of sight, nor inside a web view: the pane is the stop. */
      g_assert_false (gtk_widget_is_ancestor (focus, GTK_WIDGET (get_home_page (f))));
      g_assert_false (gtk_widget_is_ancestor (focus, player));
      g_assert_false (gtk_widget_is_ancestor (focus, chat));
      /* Tab moves on. */
      g_assert_true (tab == 1 || focus != previous);
      previous = focus;
      for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
        if (stops[i].tabs == 0 &&
            (focus == stops[i].pane || gtk_widget_is_ancestor (focus, stops[i].pane)))
          stops[i].tabs = tab;
    }
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      g_test_message ("%s after %u Tabs", G_OBJECT_TYPE_NAME (stops[i].pane), stops[i].tabs);
      g_assert_cmpuint (stops[i].tabs, >, 0);
      g_assert_cmpuint (stops[i].tabs, <=, 8);
    }
  g_assert_cmpuint (stops[0].tabs, <, stops[1].tabs);
  g_assert_cmpuint (stops[1].tabs, <, stops[2].tabs);

  /* A visible focus ring on the web view's pane. */
  gtk_window_set_focus_visible (GTK_WINDOW (f->window), TRUE);
  g_assert_true (gtk_widget_grab_focus (player));
  g_assert_true (gtk_widget_has_visible_focus (player));
  g_assert_true (gtk_widget_has_css_class (player, "pane"));

  /* F6: header, video, chat, events, and round again; Shift+F6 back. */
  g_assert_true (gtk_widget_grab_focus (back));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-pane", NULL);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == player);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-pane", NULL);
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->window)) == chat);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-pane", NULL);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (focus == events || gtk_widget_is_ancestor (focus, events));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-pane", NULL);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (gtk_widget_get_ancestor (focus, GTK_TYPE_HEADER_BAR) != NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.previous-pane", NULL);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (focus == events || gtk_widget_is_ancestor (focus, events));

  /* Hidden panes are skipped. */
  g_settings_set_boolean (f->settings, "chat-visible", FALSE);
  lurk_test_flush ();
  g_assert_true (gtk_widget_grab_focus (player));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.next-pane", NULL);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_true (focus == events || gtk_widget_is_ancestor (focus, events));
}

/* Every control on each page has one proper name (issue 18, item 19). */
static void
test_a11y_pages (Fixture *f)
{
  GtkWindow *prefs;

  lurk_test_flush ();
  lurk_a11y_assert_tree (GTK_WIDGET (f->window), "the Home page, signed out");

  lurk_window_open_streamer (f->window, "caster", NULL);
  lurk_test_flush ();
  lurk_a11y_assert_tree (GTK_WIDGET (f->window), "the Streamer page, signed out");

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  lurk_test_flush ();
  prefs = g_object_ref (lurk_test_find_toplevel (LURK_TYPE_PREFERENCES_WINDOW));
  lurk_a11y_assert_tree (GTK_WIDGET (prefs), "Preferences");
  lurk_test_destroy_window (prefs);
}

/* The widget is the default size less the client-side decoration's border. */
static gboolean
grew_to_1200x780 (gpointer window)
{
  return gtk_widget_get_width (window) > 1150 && gtk_widget_get_height (window) > 750;
}

static void
test_window_state (Fixture *f)
{
  LurkWindow *second;
  int width = 0;
  int height = 0;

  /* Let the first configure from mapping pass, then resize and wait for the new size. */
  lurk_test_flush ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 780);
  lurk_test_wait_for (grew_to_1200x780, f->window, "the window to grow to 1200×780");

  /* Closing saves the size. */
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 1200);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 780);
  g_assert_false (g_settings_get_boolean (f->settings, "window-maximized"));

  /* and a new window starts with it. */
  second = g_object_ref (lurk_window_new (f->app));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1200);
  g_assert_cmpint (height, ==, 780);
  lurk_test_destroy_window (GTK_WINDOW (second));

  /* Without a window manager a maximize request is never granted, so the maximized state is
   * not checked here. */
}

static AdwComboRow *
find_combo_row (GtkWindow  *window,
                const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  lurk_test_collect_widgets (GTK_WIDGET (window), ADW_TYPE_COMBO_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);

  g_error ("No combo row “%s”", title);
}

static void
test_app_preferences (Fixture *f)
{
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) switches = g_ptr_array_new ();
  GtkWindow *prefs;
  GtkSpinButton *recent = NULL;
  gboolean saw_port = FALSE;

  g_assert_null (lurk_test_find_toplevel (LURK_TYPE_PREFERENCES_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  lurk_test_flush ();

  prefs = lurk_test_find_toplevel (LURK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_object_ref (prefs);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (prefs)));
  g_assert_true (gtk_window_get_transient_for (prefs) == GTK_WINDOW (f->window));

  /* The rows show the settings' values ... */
  lurk_test_collect_widgets (GTK_WIDGET (prefs), GTK_TYPE_SPIN_BUTTON, spins);
  for (guint i = 0; i < spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (spins, i);
      int value = gtk_spin_button_get_value_as_int (spin);

      if (value == 10)
        recent = spin;
      saw_port |= value == 17563;
    }
  g_assert_nonnull (recent);
  g_assert_true (saw_port);

  /* ... and write them back. */
  gtk_spin_button_set_value (recent, 42);
  g_assert_cmpuint (g_settings_get_uint (f->settings, "recent-event-count"), ==, 42);

  lurk_test_collect_widgets (GTK_WIDGET (prefs), GTK_TYPE_SWITCH, switches);
  /* chat, events, shared chat partners, in sync with the video, going live, raids, and the
   * broadcaster choice: a setting now, off the first-run card (issue 18, item 16), that the
   * app's account follows */
  g_assert_cmpuint (switches->len, ==, 7);
  g_assert_false (lurk_account_get_broadcaster_scopes (lurk_application_get_account (f->app)));
  g_settings_set_boolean (f->settings, "broadcaster-scopes", TRUE);
  g_assert_true (lurk_account_get_broadcaster_scopes (lurk_application_get_account (f->app)));
  /* The chat's own Twitch sign-in is said, and how it ends (sign-out clears it) */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    gboolean said = FALSE;

    lurk_test_collect_widgets (GTK_WIDGET (prefs), ADW_TYPE_ACTION_ROW, rows);
    for (guint i = 0; i < rows->len; i++)
      {
        const char *subtitle = adw_action_row_get_subtitle (g_ptr_array_index (rows, i));

        said |= subtitle != NULL && strstr (subtitle, "until you sign out of Lurk") != NULL;
      }
    g_assert_true (said);
  }
  g_settings_set_boolean (f->settings, "notify-raid", FALSE);
  {
    guint n_off = 0;

    for (guint i = 0; i < switches->len; i++)
      n_off += !gtk_switch_get_active (g_ptr_array_index (switches, i));
    g_assert_cmpuint (n_off, ==, 1);
  }
  g_settings_set_boolean (f->settings, "show-partner-events", FALSE);
  {
    guint n_off = 0;

    for (guint i = 0; i < switches->len; i++)
      n_off += !gtk_switch_get_active (g_ptr_array_index (switches, i));
    g_assert_cmpuint (n_off, ==, 2);
  }
  g_settings_set_boolean (f->settings, "sync-events-to-video", FALSE);
  {
    guint n_off = 0;

    for (guint i = 0; i < switches->len; i++)
      n_off += !gtk_switch_get_active (g_ptr_array_index (switches, i));
    g_assert_cmpuint (n_off, ==, 3);
  }

  /* Keeping events is a choice, not days where 0 means forever (issue 18, item 16). */
  {
    AdwComboRow *row = find_combo_row (prefs, "_Keep Events For");
    GListModel *choices = adw_combo_row_get_model (row);

    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "Forever");
    g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 3);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 3), ==, "90 Days");
    adw_combo_row_set_selected (row, 0);
    g_assert_cmpuint (g_settings_get_uint (f->settings, "history-retention-days"), ==, 0);
    adw_combo_row_set_selected (row, 1);
    g_assert_cmpuint (g_settings_get_uint (f->settings, "history-retention-days"), ==, 365);
    /* A number of days set elsewhere: the nearest choice that keeps at least as long. */
    g_settings_set_uint (f->settings, "history-retention-days", 45);
    g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 3);
  }

  /* The client type: "As Built" (empty), Public, Confidential. */
  {
    AdwComboRow *type_row = find_combo_row (prefs, "Client _Type");
    g_autofree char *type = NULL;

    g_assert_nonnull (type_row);
    g_assert_cmpuint (adw_combo_row_get_selected (type_row), ==, 0);
    adw_combo_row_set_selected (type_row, 2);
    type = g_settings_get_string (f->settings, "client-type");
    g_assert_cmpstr (type, ==, "confidential");
    g_settings_set_string (f->settings, "client-type", "public");
    g_assert_cmpuint (adw_combo_row_get_selected (type_row), ==, 1);
  }

  lurk_test_destroy_window (prefs);
  g_assert_null (lurk_test_find_toplevel (LURK_TYPE_PREFERENCES_WINDOW));
}

static void
test_app_about (Fixture *f)
{
  GtkWindow *about;
  g_autofree char *version = NULL;
  g_autofree char *icon = NULL;
  GtkLicense license;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  lurk_test_flush ();

  about = lurk_test_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_object_ref (about);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (about)));

  g_object_get (about,
                "version", &version,
                "application-icon", &icon,
                "license-type", &license,
                NULL);
  g_assert_cmpstr (version, ==, PACKAGE_VERSION);
  g_assert_cmpstr (icon, ==, APP_ID);
  g_assert_cmpint (license, ==, GTK_LICENSE_GPL_3_0);

  lurk_test_destroy_window (about);
}

static void
test_app_shortcuts (Fixture *f)
{
  GtkShortcutsWindow *overlay;

  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_nonnull (overlay);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));

  /* Ctrl+W and the panes' keys are listed. */
  {
    g_autoptr(GPtrArray) shortcuts = g_ptr_array_new ();
    gboolean close = FALSE;
    gboolean pane = FALSE;

    lurk_test_collect_widgets (GTK_WIDGET (overlay), GTK_TYPE_SHORTCUTS_SHORTCUT, shortcuts);
    for (guint i = 0; i < shortcuts->len; i++)
      {
        g_autofree char *action = NULL;
        g_autofree char *accel = NULL;

        g_object_get (g_ptr_array_index (shortcuts, i), "action-name", &action,
                      "accelerator", &accel, NULL);
        close |= g_strcmp0 (action, "window.close") == 0;
        pane |= g_strcmp0 (accel, "F6") == 0;
      }
    g_assert_true (close);
    g_assert_true (pane);
  }

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  lurk_test_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
  lurk_test_flush ();
}

static void
test_app_accels (Fixture *f)
{
  static const struct {
    const char *action;
    const char *accel;
  } expected[] = {
    { "app.quit", "<Control>q" },
    { "window.close", "<Control>w" },
    { "app.preferences", "<Control>comma" },
    { "win.show-home", "<Alt>Left" },
    { "win.show-help-overlay", "<Control>question" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                    expected[i].action);

      g_assert_true (g_strv_contains ((const char * const *) accels, expected[i].accel));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/lurk/ui/pages/new-destroy", test_pages_new_destroy);
  g_test_add_func ("/lurk/ui/home/account-area-no-broadcaster-switch",
                   test_account_area_no_broadcaster_switch);
#define ADD(path, func) \
  g_test_add (path, Fixture, (gconstpointer) func, fixture_set_up, fixture_run, fixture_tear_down)
  ADD ("/lurk/ui/window/new-destroy", test_window_new_destroy);
  ADD ("/lurk/ui/window/navigation", test_window_navigation);
  ADD ("/lurk/ui/window/state", test_window_state);
  ADD ("/lurk/ui/home/entry-errors", test_home_entry_errors);
  ADD ("/lurk/ui/home/entry-signed-out", test_home_entry_signed_out);
  ADD ("/lurk/ui/window/toast-plain-text", test_toast_plain_text);
  ADD ("/lurk/ui/streamer/header", test_streamer_header);
  ADD ("/lurk/ui/streamer/toggles", test_streamer_toggles);
  ADD ("/lurk/ui/streamer/keyboard", test_streamer_keyboard);
  ADD ("/lurk/ui/a11y/pages", test_a11y_pages);
  ADD ("/lurk/ui/app/preferences", test_app_preferences);
  ADD ("/lurk/ui/app/about", test_app_about);
  ADD ("/lurk/ui/app/shortcuts", test_app_shortcuts);
  ADD ("/lurk/ui/app/accels", test_app_accels);
#undef ADD

  return g_test_run ();
}
