/* test-video-sync.c: the sidebar shows an event when the viewer's video reaches it, in the
 * real app against lurk-sim, with the real player
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-application.h"
#include "lurk-endpoints.h"
#include "lurk-event-row.h"
#include "lurk-notifier.h"
#include "lurk-profile.h"
#include "lurk-sim.h"
#include "lurk-streamer-page.h"
#include "lurk-test-notifications.h"
#include "lurk-test-sim.h"
#include "lurk-test-ui.h"
#include "lurk-web-view.h"
#include "lurk-window.h"

/*
 * The app plays the sim's stream through the sim's embed API (/embed/v1.js); POST /sim/player
 * sets the latency the player reports, or pauses it. A raid triggered at t (when the sim has
 * sent it) must enter the sidebar at t + latency with the setting on, at once with it off;
 * a latency that drops from 8 to 2 s releases what waited, in order; a paused video releases
 * everything. A raid's notification (to a stand-in notification server) comes with its row
 * while the window is shown, at once when it is hidden. The figures each test saw are in its
 * messages.
 */

typedef struct _Fixture Fixture;
typedef void (*FixtureFunc) (Fixture *f);

struct _Fixture
{
  LurkSim         *sim;
  SoupSession     *soup;
  LurkApplication *app;
  LurkWindow      *window;
  GSettings       *settings;
  FixtureFunc      body;
};

static LurkSim *the_sim;

/* A raid from @name; returns when the sim has sent it (monotonic µs). */
static gint64
raid (Fixture    *f,
      const char *name)
{
  g_autofree char *login = g_ascii_strdown (name, -1);
  g_autofree char *body = g_strdup_printf (
    "{\"type\":\"channel.raid\",\"event\":{\"from_broadcaster_user_name\":\"%s\","
    "\"from_broadcaster_user_login\":\"%s\",\"viewers\":800}}", name, login);

  lurk_test_sim_post (f->sim, f->soup, "/sim/trigger", body);
  return g_get_monotonic_time ();
}

static LurkStreamerPage *
get_page (Fixture *f)
{
  return LURK_STREAMER_PAGE (lurk_test_find_widget (GTK_WIDGET (f->window),
                                                    LURK_TYPE_STREAMER_PAGE));
}

/* The sidebar's rows, top (newest) first, by who they are about, as "A B C". */
static char *
dup_rows (Fixture *f)
{
  g_autoptr(GPtrArray) rows = lurk_streamer_page_get_rows (get_page (f));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i ? " " : "",
                            lurk_event_row_get_who (g_ptr_array_index (rows, i)));
  return g_string_free (out, FALSE);
}

typedef struct
{
  Fixture    *f;
  const char *name;
} Row;

static gboolean
row_shown (gpointer data)
{
  Row *row = data;
  g_autoptr(GPtrArray) rows = lurk_streamer_page_get_rows (get_page (row->f));

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (lurk_event_row_get_who (g_ptr_array_index (rows, i)), row->name) == 0)
      return TRUE;
  return FALSE;
}

/* Seconds from @since until the row of @name is shown. */
static double
await_row (Fixture    *f,
           const char *name,
           gint64      since)
{
  Row row = { f, name };

  lurk_test_wait_long (row_shown, &row, 15, name);
  return (g_get_monotonic_time () - since) / (double) G_USEC_PER_SEC;
}

static gboolean
is_shown (Fixture    *f,
          const char *name)
{
  Row row = { f, name };

  return row_shown (&row);
}

typedef struct
{
  Fixture    *f;
  const char *text;
} Label;

static gboolean
label_shown (gpointer data)
{
  Label *label = data;

  return lurk_test_find_label (GTK_WIDGET (label->f->window), label->text) != NULL;
}

static void
await_header (Fixture    *f,
              const char *text)
{
  Label label = { f, text };

  lurk_test_wait_long (label_shown, &label, 10, text);
}

static gboolean
connected (gpointer data)
{
  Fixture *f = data;

  return lurk_channel_get_connection (lurk_application_get_channel (f->app)) ==
         LURK_CONNECTION_CONNECTED;
}

typedef struct
{
  LurkWebView *view;
  double       latency;
} Player;

static gboolean
player_at (gpointer data)
{
  Player *p = data;

  return lurk_web_view_get_player_state (p->view) == LURK_WEB_PLAYER_PLAYING &&
         lurk_web_view_get_latency_seconds (p->view) == p->latency;
}

/* Sets the player's latency and waits until the app has it. */
static void
set_latency (Fixture *f,
             double   latency)
{
  g_autofree char *body = g_strdup_printf ("{\"latency_seconds\":%g}", latency);
  Player p = { LURK_WEB_VIEW (lurk_streamer_page_get_player (get_page (f))), latency };

  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  lurk_test_sim_post (f->sim, f->soup, "/sim/player", body);
  while (!player_at (&p))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The player says state %d, latency %.2f s, status %d; expected playing at "
                 "%.2f s", lurk_web_view_get_player_state (p.view),
                 lurk_web_view_get_latency_seconds (p.view), lurk_web_view_get_status (p.view),
                 latency);
      lurk_test_spin (0.01);
    }
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lurk_account_sign_in_demo_finish (LURK_ACCOUNT (object), result, &error));
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
account_settled (gpointer data)
{
  return lurk_account_get_state (data) != LURK_ACCOUNT_SIGNING_IN;
}

static void
app_activate_cb (GApplication *app,
                 Fixture      *f)
{
  LurkAccount *account = lurk_application_get_account (f->app);

  f->window = LURK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_object_ref (f->window);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  g_application_hold (app);

  lurk_test_wait_long (account_settled, account, 10, "the stored session to be checked");
  if (lurk_account_get_state (account) != LURK_ACCOUNT_SIGNED_IN)
    {
      gboolean done = FALSE;

      lurk_account_sign_in_demo_async (account, lurk_sim_get_url (f->sim), NULL, signed_in_cb,
                                       &done);
      lurk_test_wait_long (is_true, &done, 10, "the sign-in");
    }

  lurk_window_show_streamer (f->window);
  lurk_test_wait_long (connected, f, 15, "the listener to connect");
  /* The subscriptions are in place once the sim has them; give the session a moment. */
  lurk_test_spin (1);

  f->body (f);
  g_application_release (app);
  lurk_test_destroy_window (GTK_WINDOW (g_steal_pointer (&f->window)));
  g_application_quit (app);
}

static void
run_app (Fixture     *f,
         FixtureFunc  body)
{
  f->body = body;
  lurk_test_run_application (&f->app, "io.github.lurkapp.Lurk.VideoSyncTest",
                             G_CALLBACK (app_activate_cb), f);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  f->sim = g_object_ref (the_sim);
  f->soup = soup_session_new ();
  f->settings = lurk_profile_new_settings ();
  g_object_get (f->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (f->settings, keys[i]);
  g_settings_set_string (f->settings, "favorite-login", LURK_SIM_BROADCASTER_LOGIN);
  g_settings_set_boolean (f->settings, "notify-live", FALSE);
  g_settings_set_boolean (f->settings, "notify-raid", FALSE);
  g_settings_set_boolean (f->settings, "chat-visible", FALSE);
  lurk_test_sim_post (f->sim, f->soup, "/sim/player",
                      "{\"latency_seconds\":2,\"paused\":false,\"offline\":false}");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->settings);
  g_clear_object (&f->soup);
  g_clear_object (&f->sim);
}

/* Latency 4 s: with the setting on, a raid enters the sidebar 4 s after it happened; off, at
 * once. The header says which. */
static void
timing_body (Fixture *f)
{
  gint64 t;
  double seen;

  set_latency (f, 4);
  await_header (f, "In sync with the video (4 s behind live)");

  t = raid (f, "SyncOn1");
  lurk_test_spin (3.3);
  g_assert_false (is_shown (f, "SyncOn1"));
  seen = await_row (f, "SyncOn1", t);
  g_test_message ("sync on, latency 4 s: the raid was shown after %.3f s", seen);
  g_assert_cmpfloat (seen, >=, 3.5);
  g_assert_cmpfloat (seen, <=, 4.5);

  /* Notifications follow the same timing while the window is shown (not focused: the
   * notifier is quiet while the user looks at Lurk); hidden, see release_body(). */
  {
    LurkNotifier *notifier = lurk_application_get_notifier (f->app);
    GPtrArray *received = lurk_test_start_notification_server ();
    guint sent;

    g_ptr_array_set_size (received, 0);
    g_settings_set_boolean (f->settings, "notify-raid", TRUE);
    lurk_notifier_set_foreground (notifier, FALSE);
    sent = lurk_notifier_get_n_sent (notifier);
    t = raid (f, "Notify1");
    lurk_test_spin (3.3);
    g_assert_cmpuint (lurk_notifier_get_n_sent (notifier), ==, sent);
    seen = await_row (f, "Notify1", t);
    g_test_message ("window shown: the raid's notification after %.3f s", seen);
    g_assert_cmpuint (lurk_notifier_get_n_sent (notifier), ==, sent + 1);

    /* As the notification server received it. */
    for (gint64 until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
         received->len < 1 && g_get_monotonic_time () < until;)
      lurk_test_spin (0.01);
    g_assert_cmpuint (received->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (received, 0), "Raid from Notify1"));
    g_settings_set_boolean (f->settings, "notify-raid", FALSE);
  }

  /* The header's own switch turns it off. */
  {
    g_autoptr(GPtrArray) switches = g_ptr_array_new ();
    GtkSwitch *sync = NULL;

    lurk_test_collect_widgets (GTK_WIDGET (get_page (f)), GTK_TYPE_SWITCH, switches);
    for (guint i = 0; i < switches->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (switches, i)),
                     "app.sync-events-to-video") == 0)
        sync = g_ptr_array_index (switches, i);
    g_assert_nonnull (sync);
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (sync)));
    g_assert_true (gtk_switch_get_active (sync));
    gtk_switch_set_active (sync, FALSE);
    lurk_test_flush ();
    g_assert_false (g_settings_get_boolean (f->settings, "sync-events-to-video"));
  }
  await_header (f, "Live");
  t = raid (f, "SyncOff1");
  seen = await_row (f, "SyncOff1", t);
  g_test_message ("sync off: the raid was shown after %.3f s", seen);
  g_assert_cmpfloat (seen, <=, 0.5);
}

static void
test_timing (Fixture       *f,
             gconstpointer  data)
{
  run_app (f, timing_body);
}

/* Latency 8 s, three raids wait; at 2 s, what is older than that leaves at once, in order.
 * Then a raid that waits is shown as soon as the viewer pauses. */
static void
release_body (Fixture *f)
{
  g_autofree char *rows = NULL;
  gint64 t, changed;
  double seen;

  set_latency (f, 8);

  /* Hidden, the window shows no video: a raid notifies at once (a fresh app: raids notify
   * at most once in 30 s). */
  {
    LurkNotifier *notifier = lurk_application_get_notifier (f->app);
    GPtrArray *received = lurk_test_start_notification_server ();

    g_ptr_array_set_size (received, 0);
    g_settings_set_boolean (f->settings, "notify-raid", TRUE);
    gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
    lurk_notifier_set_foreground (notifier, FALSE);
    t = raid (f, "Hidden1");
    while (received->len == 0 && g_get_monotonic_time () - t < 3 * G_USEC_PER_SEC)
      lurk_test_spin (0.005);
    seen = (g_get_monotonic_time () - t) / (double) G_USEC_PER_SEC;
    g_test_message ("window hidden, latency 8 s: the raid's notification after %.3f s", seen);
    g_assert_cmpuint (received->len, ==, 1);
    g_assert_nonnull (strstr (g_ptr_array_index (received, 0), "Raid from Hidden1"));
    g_assert_cmpfloat (seen, <=, 0.5);
    g_settings_set_boolean (f->settings, "notify-raid", FALSE);
    gtk_widget_set_visible (GTK_WIDGET (f->window), TRUE);
    set_latency (f, 8);
  }

  t = raid (f, "Wait1");
  lurk_test_spin (0.3);
  raid (f, "Wait2");
  lurk_test_spin (0.3);
  raid (f, "Wait3");
  lurk_test_spin (2.5);
  g_assert_false (is_shown (f, "Wait1"));
  g_assert_false (is_shown (f, "Wait3"));

  changed = g_get_monotonic_time ();
  set_latency (f, 2);
  seen = await_row (f, "Wait3", changed);
  g_test_message ("8 → 2 s: shown %.3f s after the change (%.3f s after the first raid)",
                  seen, (g_get_monotonic_time () - t) / (double) G_USEC_PER_SEC);
  lurk_test_flush ();
  rows = dup_rows (f);
  g_test_message ("rows: %s", rows);
  g_assert_true (g_str_has_prefix (rows, "Wait3 Wait2 Wait1"));

  set_latency (f, 8);
  t = raid (f, "Paused1");
  lurk_test_spin (1.5);
  g_assert_false (is_shown (f, "Paused1"));
  changed = g_get_monotonic_time ();
  lurk_test_sim_post (f->sim, f->soup, "/sim/player", "{\"paused\":true}");
  seen = await_row (f, "Paused1", changed);
  g_test_message ("paused: shown %.3f s after the pause (%.3f s after the raid)", seen,
                  (g_get_monotonic_time () - t) / (double) G_USEC_PER_SEC);
  /* The app asks the player about once a second. */
  g_assert_cmpfloat (seen, <, 2.5);
  await_header (f, "Live");
}

static void
test_release (Fixture       *f,
              gconstpointer  data)
{
  run_app (f, release_body);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = g_dir_make_tmp ("lurk-test-video-sync-XXXXXX", NULL);
  int status;

  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_unsetenv ("LURK_DISABLE_WEB_VIEWS");
  gtk_test_init (&argc, &argv, NULL);

  the_sim = lurk_sim_new ();
  lurk_sim_set_scenario (the_sim, "none");
  if (!lurk_sim_start_in_thread (the_sim, "127.0.0.1", 0, NULL))
    g_error ("lurk-sim did not start");
  lurk_endpoints_use_simulator (lurk_sim_get_url (the_sim));

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lurk/ui/video-sync/timing", test_timing);
  ADD ("/lurk/ui/video-sync/release", test_release);
#undef ADD

  status = g_test_run ();
  lurk_sim_stop (the_sim);
  g_object_unref (the_sim);

  return status;
}
