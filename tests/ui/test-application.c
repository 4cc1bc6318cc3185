/* test-application.c: `lurk` as started from the command line
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "lurk-application.h"
#include "lurk-profile.h"
#include "lurk-test-ui.h"
#include "lurk-window.h"

typedef struct
{
  char *page;
  char *favorite;
  char *application_id;
  char *settings_path;
  char *scenario;
} Seen;

static void
seen_clear (Seen *seen)
{
  g_clear_pointer (&seen->page, g_free);
  g_clear_pointer (&seen->favorite, g_free);
  g_clear_pointer (&seen->application_id, g_free);
  g_clear_pointer (&seen->settings_path, g_free);
  g_clear_pointer (&seen->scenario, g_free);
}

/* Once the window is up: note what the user would see, then quit through app.quit. */
static gboolean
look_and_quit_cb (gpointer user_data)
{
  GApplication *app = g_application_get_default ();
  Seen *seen = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  GSettings *settings = lurk_application_get_settings (LURK_APPLICATION (app));

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  seen->page = g_strdup (lurk_window_get_visible_page (LURK_WINDOW (window)));
  seen->favorite = g_settings_get_string (settings, "favorite-login");
  seen->application_id = g_strdup (g_application_get_application_id (app));
  g_object_get (settings, "path", &seen->settings_path, NULL);
  seen->scenario = g_strdup (lurk_application_get_demo_scenario (LURK_APPLICATION (app)));

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static int
run_lurk_with (const char * const *args,
               GSourceFunc         watch_cb,
               gpointer            watch_data,
               Seen               *seen)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  LurkApplication *app = lurk_application_new ();
  guint watch;
  int status;

  g_ptr_array_add (argv, (gpointer) "lurk");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  watch = g_timeout_add (20, watch_cb, watch_data);
  status = g_application_run (G_APPLICATION (app), argv->len - 1, (char **) argv->pdata);
  if (seen->page == NULL)
    g_source_remove (watch);

  lurk_test_flush ();
  g_assert_finalize_object (app);

  return status;
}

static int
run_lurk (const char * const *args,
          Seen               *seen)
{
  return run_lurk_with (args, look_and_quit_cb, seen, seen);
}

typedef struct
{
  Seen        *seen;
  GSubprocess *second;
  guint        n_windows;
  gint64       deadline;
} SecondInstance;

/* With the window up, start a second `lurk --streamer …`: it must hand the streamer to this
 * instance and exit, and this instance must show it in its one window. */
static gboolean
second_instance_cb (gpointer user_data)
{
  SecondInstance *si = user_data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *favorite = NULL;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  if (si->second == NULL)
    {
      g_autofree char *lurk = g_build_filename (g_getenv ("LURK_BUILD_DIR"), "src", "lurk",
                                                NULL);
      g_autoptr(GError) error = NULL;

      si->second = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error,
                                     lurk, "--streamer", "@Second_One", NULL);
      g_assert_no_error (error);
      si->deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      return G_SOURCE_CONTINUE;
    }

  favorite = g_settings_get_string (lurk_application_get_settings (LURK_APPLICATION (app)),
                                    "favorite-login");
  if (g_get_monotonic_time () < si->deadline &&
      (g_subprocess_get_identifier (si->second) != NULL ||
       g_strcmp0 (favorite, "second_one") != 0))
    return G_SOURCE_CONTINUE;

  si->n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  return look_and_quit_cb (si->seen);
}

static void
test_app_second_instance (void)
{
  static const char * const args[] = { NULL };
  Seen seen = { 0 };
  SecondInstance si = { &seen, NULL, 0, 0 };

  g_assert_cmpint (run_lurk_with (args, second_instance_cb, &si, &seen), ==, 0);
  g_assert_nonnull (si.second);
  g_subprocess_wait (si.second, NULL, NULL);
  g_assert_true (g_subprocess_get_if_exited (si.second));
  g_assert_cmpint (g_subprocess_get_exit_status (si.second), ==, 0);
  g_assert_cmpstr (seen.favorite, ==, "second_one");
  g_assert_cmpstr (seen.page, ==, "streamer");
  g_assert_cmpuint (si.n_windows, ==, 1);

  g_clear_object (&si.second);
  seen_clear (&seen);
}

static void
test_app_new_destroy (void)
{
  LurkApplication *app = lurk_application_new ();

  g_assert_cmpstr (g_application_get_application_id (G_APPLICATION (app)), ==, APP_ID);
  g_assert_null (lurk_application_get_demo_scenario (app));
  g_assert_finalize_object (app);
}

static void
test_app_streamer_option (void)
{
  static const char * const args[] = { "--streamer", "  @Night_Owl ", NULL };
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  Seen seen = { 0 };

  g_assert_cmpint (run_lurk (args, &seen), ==, 0);
  g_assert_cmpstr (seen.page, ==, "streamer");
  g_assert_cmpstr (seen.favorite, ==, "night_owl");
  g_assert_cmpstr (seen.application_id, ==, APP_ID);
  g_assert_cmpstr (seen.settings_path, ==, "/io/github/lurkapp/Lurk/");
  g_assert_null (seen.scenario);

  /* app.quit closed the window, which saved its size. */
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), >, 0);
  g_assert_cmpstr (g_settings_get_string (settings, "favorite-login"), ==, "night_owl");
  seen_clear (&seen);
}

static void
test_app_plain_start (void)
{
  static const char * const args[] = { NULL };
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  Seen seen = { 0 };

  g_settings_set_string (settings, "favorite-login", "");
  g_assert_cmpint (run_lurk (args, &seen), ==, 0);
  g_assert_cmpstr (seen.page, ==, "home");
  seen_clear (&seen);
}

typedef struct
{
  Seen      *seen;
  GtkWindow *other;
  gint64     deadline;
  gboolean   foreground;  /* the notifier said so while Lurk's window had the focus */
  gboolean   background;  /* ... and not once another program's window had it */
} Focus;

static gboolean
focus_cb (gpointer user_data)
{
  Focus *focus = user_data;
  GApplication *app = g_application_get_default ();
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  LurkNotifier *notifier = lurk_application_get_notifier (LURK_APPLICATION (app));
  gint64 now = g_get_monotonic_time ();

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  if (focus->deadline == 0)
    focus->deadline = now + 10 * G_USEC_PER_SEC;

  if (!focus->foreground)
    {
      focus->foreground = gtk_window_is_active (window) &&
                          lurk_notifier_get_foreground (notifier);
      if (!focus->foreground && now < focus->deadline)
        return G_SOURCE_CONTINUE;
    }

  if (focus->other == NULL)
    {
      /* another program's window (outside the application) takes the focus */
      focus->other = GTK_WINDOW (gtk_window_new ());
      gtk_window_present (focus->other);
      focus->deadline = now + 10 * G_USEC_PER_SEC;
      return G_SOURCE_CONTINUE;
    }

  focus->background = !gtk_window_is_active (window) &&
                      !lurk_notifier_get_foreground (notifier);
  if (!focus->background && now < focus->deadline)
    return G_SOURCE_CONTINUE;

  gtk_window_destroy (focus->other);
  return look_and_quit_cb (focus->seen);
}

/* GNOME's convention: no desktop notification while the user looks at Lurk. The notifier
 * (src/core, no widgets) is told by the application, from its windows' focus. */
static void
test_app_notifier_foreground (void)
{
  static const char * const args[] = { NULL };
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  Seen seen = { 0 };
  Focus focus = { &seen, NULL, 0, FALSE, FALSE };

  g_settings_set_string (settings, "favorite-login", "");
  g_assert_cmpint (run_lurk_with (args, focus_cb, &focus, &seen), ==, 0);
  g_assert_true (focus.foreground);
  g_assert_true (focus.background);
  seen_clear (&seen);
}

static void
test_app_bad_streamer (void)
{
  if (g_test_subprocess ())
    {
      static const char * const args[] = { "--streamer", "not valid!", NULL };
      Seen seen = { 0 };

      exit (run_lurk (args, &seen));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*--streamer: Twitch names cannot contain spaces*");
}

static void
test_app_version (void)
{
  if (g_test_subprocess ())
    {
      static const char * const args[] = { "--version", NULL };
      Seen seen = { 0 };

      exit (run_lurk (args, &seen));
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("lurk " PACKAGE_VERSION "\n");
}

static void
test_app_demo (void)
{
  if (g_test_subprocess ())
    {
      static const char * const args[] = { "--demo-scenario", "none", "--streamer", "demo_cat",
                                           NULL };
      g_autoptr(GSettings) real = NULL;
      Seen seen = { 0 };

      g_assert_cmpint (run_lurk (args, &seen), ==, 0);
      g_assert_true (lurk_profile_is_demo ());
      g_assert_cmpstr (seen.application_id, ==, APP_ID ".Demo");
      g_assert_cmpstr (seen.settings_path, ==, "/io/github/lurkapp/Lurk/demo/");
      g_assert_cmpstr (seen.favorite, ==, "demo_cat");
      g_assert_cmpstr (seen.page, ==, "streamer");
      g_assert_cmpstr (seen.scenario, ==, "none");

      /* The real profile's settings were not touched. */
      real = g_settings_new_with_path (LURK_SETTINGS_SCHEMA_ID, "/io/github/lurkapp/Lurk/");
      g_assert_cmpstr (g_settings_get_string (real, "favorite-login"), ==, "");
      seen_clear (&seen);
      exit (0);
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/ui/application/new-destroy", test_app_new_destroy);
  g_test_add_func ("/lurk/ui/application/plain-start", test_app_plain_start);
  g_test_add_func ("/lurk/ui/application/notifier-foreground", test_app_notifier_foreground);
  g_test_add_func ("/lurk/ui/application/streamer-option", test_app_streamer_option);
  g_test_add_func ("/lurk/ui/application/second-instance", test_app_second_instance);
  g_test_add_func ("/lurk/ui/application/bad-streamer", test_app_bad_streamer);
  g_test_add_func ("/lurk/ui/application/version", test_app_version);
  g_test_add_func ("/lurk/ui/application/demo", test_app_demo);

  return g_test_run ();
}
