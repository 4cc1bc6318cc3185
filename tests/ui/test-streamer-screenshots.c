/* test-streamer-screenshots.c: docs/screenshots/streamer-*.png and home-signed-in.png from the
 * real app against lurk-sim's demo scenario, web views on. Skipped unless LURK_SCREENSHOT_DIR
 * is set:
 *
 *   LURK_SCREENSHOT_DIR=$PWD/docs/screenshots build-aux/test-session.sh \
 *     meson test -C _build ui-streamer-screenshots
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <libsoup/soup.h>

#include "lurk-application.h"
#include "lurk-endpoints.h"
#include "lurk-profile.h"
#include "lurk-sim.h"
#include "lurk-streamer-page.h"
#include "lurk-test-http.h"
#include "lurk-test-ui.h"
#include "lurk-web-view.h"
#include "lurk-window.h"

static LurkSim *sim;
static const char *out_dir;

static void
post (const char *path,
      const char *body)
{
  g_autoptr(SoupSession) soup = soup_session_new ();
  g_autofree char *url = g_strconcat (lurk_sim_get_url (sim), path, NULL);

  g_assert_cmpuint (lurk_test_http (soup, "POST", url, body, NULL), !=, 0);
}

static void reload_crashed (GtkWindow *window);

static void
shoot (GtkWindow  *window,
       const char *name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.png", out_dir, name);

  if (lurk_test_find_widget (GTK_WIDGET (window), LURK_TYPE_STREAMER_PAGE) != NULL &&
      g_strcmp0 (lurk_window_get_visible_page (LURK_WINDOW (window)), "streamer") == 0)
    reload_crashed (window);

  lurk_test_save_screenshot (GTK_WIDGET (window), path);
}

/* A crashed embed shows its status page with Reload (by design); a screenshot wants it back. */
static void
reload_crashed (GtkWindow *window)
{
  GtkWidget *page = lurk_test_find_widget (GTK_WIDGET (window), LURK_TYPE_STREAMER_PAGE);
  GtkWidget *views[] = {
    lurk_streamer_page_get_player (LURK_STREAMER_PAGE (page)),
    lurk_streamer_page_get_chat (LURK_STREAMER_PAGE (page)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    if (lurk_web_view_get_status (LURK_WEB_VIEW (views[i])) == LURK_WEB_VIEW_CRASHED)
      {
        lurk_web_view_reload (LURK_WEB_VIEW (views[i]));
        lurk_test_spin (3);
      }
}

static gboolean
ignore_web_process_end (const char     *log_domain,
                        GLogLevelFlags  log_level,
                        const char     *message,
                        gpointer        user_data)
{
  return g_strcmp0 (log_domain, "lurk-web-view") != 0;
}

static void
resize (GtkWindow *window,
        int        width,
        int        height)
{
  gtk_window_set_default_size (window, width, height);
  lurk_test_spin (1.5);
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;

  g_assert_true (lurk_account_sign_in_demo_finish (LURK_ACCOUNT (object), result, NULL));
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  AdwStyleManager *style = adw_style_manager_get_default ();
  gboolean done = FALSE;

  g_application_hold (app);
  gtk_window_set_default_size (window, 1280, 760);
  lurk_test_spin (0.5);

  lurk_account_sign_in_demo_async (lurk_application_get_account (LURK_APPLICATION (app)),
                                   lurk_sim_get_url (sim), NULL, signed_in_cb, &done);
  lurk_test_wait_for (is_true, &done, "the sign-in");
  lurk_test_spin (1);

  /* Home, signed in, with the favorite */
  shoot (window, "home-signed-in");

  lurk_window_show_streamer (LURK_WINDOW (window));
  lurk_test_spin (6);
  /* A gift bomb as Twitch sends it: the community gift, then one sub_gift per recipient
   * with its id. The chat shows every notice, the sidebar one row. */
  post ("/sim/trigger", "{\"type\":\"channel.chat.notification\","
                        "\"notice_type\":\"community_sub_gift\",\"event\":{"
                        "\"chatter_user_name\":\"LunaLatte\",\"chatter_user_login\":\"lunalatte\","
                        "\"chatter_is_anonymous\":false,"
                        "\"system_message\":\"LunaLatte is gifting 3 Tier 1 Subs to LurkStream's "
                        "community! They've gifted a total of 20 in the channel!\","
                        "\"community_sub_gift\":{\"id\":\"shot-bomb\",\"total\":3,"
                        "\"sub_tier\":\"1000\",\"cumulative_total\":20}}}");
  for (guint i = 0; i < 3; i++)
    {
      static const char * const kids[] = { "RiverRook", "PixelPete", "NovaNoodle" };
      g_autofree char *body = g_strdup_printf (
        "{\"type\":\"channel.chat.notification\",\"notice_type\":\"sub_gift\",\"event\":{"
        "\"chatter_user_name\":\"LunaLatte\",\"chatter_user_login\":\"lunalatte\","
        "\"chatter_is_anonymous\":false,"
        "\"system_message\":\"LunaLatte gifted a Tier 1 sub to %s!\","
        "\"sub_gift\":{\"duration_months\":1,\"cumulative_total\":null,"
        "\"recipient_user_id\":\"9100%u\",\"recipient_user_name\":\"%s\","
        "\"recipient_user_login\":\"kid%u\",\"sub_tier\":\"1000\","
        "\"community_gift_id\":\"shot-bomb\"}}}", kids[i], i, kids[i], i);

      post ("/sim/trigger", body);
    }
  lurk_test_spin (0.4);
  post ("/sim/trigger", "{\"type\":\"channel.raid\",\"event\":{"
                        "\"from_broadcaster_user_name\":\"CozyOtter\","
                        "\"from_broadcaster_user_login\":\"cozyotter\",\"viewers\":312}}");
  lurk_test_spin (0.4);
  post ("/sim/trigger", "{\"type\":\"channel.chat.message\",\"notice_type\":\"cheer\"}");
  lurk_test_spin (3);

  shoot (window, "streamer-wide-light");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  lurk_test_spin (3);
  shoot (window, "streamer-wide-dark");

  {
    GtkWidget *page = lurk_test_find_widget (GTK_WIDGET (window), LURK_TYPE_STREAMER_PAGE);
    int min, nat;

    gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
    g_test_message ("page min %d nat %d", min, nat);
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat,
                        NULL, NULL);
    g_test_message ("window min %d nat %d", min, nat);
  }
  resize (window, 720, 900);
  lurk_test_spin (1.5);
  shoot (window, "streamer-narrow-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  lurk_test_spin (3);
  shoot (window, "streamer-narrow-light");

  g_application_release (app);
  gtk_window_destroy (window);
  g_application_quit (app);
}

static void
test_screenshots (void)
{
  g_autoptr(LurkApplication) app = NULL;
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();

  if (out_dir == NULL)
    {
      g_test_skip ("LURK_SCREENSHOT_DIR is not set");
      return;
    }

  g_settings_set_string (settings, "favorite-login", LURK_SIM_BROADCASTER_LOGIN);
  g_settings_set_boolean (settings, "notify-live", FALSE);
  g_settings_set_boolean (settings, "notify-raid", FALSE);

  app = lurk_test_application_new ("io.github.lurkapp.Lurk.Screenshots");
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 0, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = g_dir_make_tmp ("lurk-screenshots-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
  out_dir = g_getenv ("LURK_SCREENSHOT_DIR");
  gtk_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (ignore_web_process_end, NULL);

  sim = lurk_sim_new ();
  lurk_sim_set_scenario (sim, "demo");
  if (!lurk_sim_start_in_thread (sim, "127.0.0.1", 0, NULL))
    g_error ("lurk-sim did not start");
  lurk_endpoints_use_simulator (lurk_sim_get_url (sim));

  g_test_add_func ("/lurk/ui/streamer/screenshots", test_screenshots);
  status = g_test_run ();

  lurk_sim_stop (sim);
  g_object_unref (sim);

  return status;
}
