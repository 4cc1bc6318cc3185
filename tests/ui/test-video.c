/* test-video.c: the player plays real video in the app's own web view, and says what to
 * install when it cannot
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <unistd.h>
#include <webkit/webkit.h>

#include "lurk-endpoints.h"
#include "lurk-sim.h"
#include "lurk-test-ui.h"
#include "lurk-web-view.h"

/*
 * Both tests run in a subprocess of their own: each gets a fresh WebKit web process, and the
 * second one an environment in which GStreamer sees every plugin of this machine but libav.
 *
 * /lurk/video/plays: a LurkWebView (the app's widget, WebKit in liblurk-web.so) loads the
 * player URL the app builds, against lurk-sim, whose player streams fragmented MP4 (H.264 +
 * AAC) through Media Source Extensions. The player frame is cross-origin to the host page, so
 * the test listens on the host page for the figures the sim's player posts to its parent
 * (video.getVideoPlaybackQuality().totalVideoFrames and currentTime): frames are decoded, the
 * playhead advances, and goes on well past the clip's end (the live loop appends on, with a
 * moving timestampOffset) while what lies far behind the playhead is removed.
 *
 * /lurk/video/embed-api: the same player, made through the sim's embed API as the app makes it:
 * the view's player-state and latency-seconds follow what POST /sim/player and /sim/stream
 * do to the video.
 *
 * /lurk/video/no-libav: the same with a private GStreamer registry built from links to this
 * machine's plugins without libav (GST_REGISTRY, GST_PLUGIN_SYSTEM_PATH; WebKit's web process
 * inherits them, and its sandbox binds them): what a machine set up with
 * `apt-get install --no-install-recommends libwebkitgtk-6.0-4` has. The other H.264 and AAC
 * decoders are left out too: Debian's gstreamer1.0-plugins-bad ships openh264dec and faad,
 * which play the sim's stream alone (measured: with only libav hidden, the clip plays), and
 * the hardware decoders (VA, V4L2) cannot work here anyway. The view shows its status page,
 * which names the package to install.
 */

#define CLIP_SECONDS 4.0

/* The plugins that decode H.264 or AAC: libav (gstreamer1.0-libav) first, then the rest. */
static const char *const hidden_plugins[] = {
  "libgstlibav.so",
  "libgstopenh264.so", "libgstfaad.so", "libgstfdkaac.so",
  "libgstva.so", "libgstvaapi.so", "libgstv4l2codecs.so", "libgstvideo4linux2.so",
  "libgstnvcodec.so", "libgstmsdk.so", "libgstqsv.so", NULL,
};

typedef struct
{
  gboolean   done;
  JSCValue  *value;
  GError    *error;
} Eval;

static void
eval_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Eval *eval = user_data;

  eval->value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                            &eval->error);
  eval->done = TRUE;
}

/* Runs @script in the host page (the view's main frame); returns its value as a string. */
static char *
run_script (WebKitWebView *view,
            const char    *script)
{
  Eval eval = { 0 };
  char *text;

  webkit_web_view_evaluate_javascript (view, script, -1, NULL, NULL, NULL, eval_cb, &eval);
  while (!eval.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (eval.error);
  text = jsc_value_to_string (eval.value);
  g_object_unref (eval.value);

  return text;
}

typedef struct
{
  LurkSim     *sim;
  GtkWindow   *window;
  LurkWebView *view;
} Player;

/* The sim, and a window with the app's player view showing its lurkstream player. */
static void
player_open (Player *p)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *api = NULL;
  gint64 deadline;

  p->sim = lurk_sim_new ();
  if (!lurk_sim_start_in_thread (p->sim, "127.0.0.1", 0, &error))
    g_error ("lurk-sim did not start: %s", error->message);
  lurk_endpoints_use_simulator (lurk_sim_get_url (p->sim));

  p->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (p->window, 640, 400);
  p->view = LURK_WEB_VIEW (lurk_web_view_new ());
  lurk_web_view_set_plays_video (p->view, TRUE);
  gtk_window_set_child (p->window, GTK_WIDGET (p->view));
  gtk_window_present (p->window);

  /* What the streamer page loads (lurk_streamer_page_dup_player_url(), through the embed
   * API). */
  url = lurk_endpoints_build_player_url (LURK_SIM_BROADCASTER_LOGIN, "localhost", TRUE, FALSE);
  api = lurk_endpoints_dup_embed_api_url ();
  lurk_web_view_load_player (p->view, api, url, "#0e0e10");

  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (lurk_web_view_get_status (p->view) == LURK_WEB_VIEW_LOADING ||
         lurk_web_view_get_status (p->view) == LURK_WEB_VIEW_EMPTY)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The player page did not load");
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
player_close (Player *p)
{
  gtk_window_destroy (p->window);
  lurk_sim_stop (p->sim);
  g_clear_object (&p->sim);
}

typedef struct
{
  gboolean  seen;
  double    frames;
  double    current_time;
  double    buffered_from;
  double    loops;
  char     *error;
  gboolean  supported;
} Stats;

/* The player's latest figures, as its frame posted them to the host page. */
static void
read_stats (WebKitWebView *web_view,
            Stats         *stats)
{
  g_autofree char *json = run_script (web_view, "JSON.stringify (window.lurkTestStats)");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  g_clear_pointer (&stats->error, g_free);
  stats->seen = FALSE;
  node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  stats->seen = TRUE;
  stats->frames = json_object_get_double_member_with_default (object, "frames", 0);
  stats->current_time = json_object_get_double_member_with_default (object, "currentTime", 0);
  stats->buffered_from = json_object_get_double_member_with_default (object, "bufferedFrom", 0);
  stats->loops = json_object_get_double_member_with_default (object, "loops", 0);
  stats->supported = json_object_get_boolean_member_with_default (object, "supported", FALSE);
  if (json_object_has_member (object, "error") && !json_object_get_null_member (object, "error"))
    stats->error = g_strdup (json_object_get_string_member (object, "error"));
}

static void
test_plays_subprocess (void)
{
  Player p = { 0 };
  WebKitWebView *web_view;
  g_autofree char *listen = NULL;
  Stats first = { 0 }, now = { 0 };
  gint64 deadline;

  player_open (&p);
  g_assert_cmpint (lurk_web_view_get_status (p.view), ==, LURK_WEB_VIEW_LOADED);
  web_view = WEBKIT_WEB_VIEW (lurk_web_view_get_web_view (p.view));

  /* The host page keeps what the player's frame posts (only from the sim's origin). */
  listen = g_strdup_printf ("window.lurkTestStats = null;"
                            "addEventListener ('message', (e) => {"
                            "  if (e.origin === '%s' && e.data && e.data.lurkSimPlayer)"
                            "    window.lurkTestStats = e.data.lurkSimPlayer;"
                            "}); 'listening'",
                            lurk_sim_get_url (p.sim));
  g_free (run_script (web_view, listen));

  /* Decoded frames and a moving playhead. */
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  do
    {
      lurk_test_spin (0.2);
      read_stats (web_view, &first);
      g_assert_null (first.error);
      if (g_get_monotonic_time () > deadline)
        g_error ("No frame was decoded (seen %d, frames %.0f, time %.2f)", first.seen,
                 first.frames, first.current_time);
    }
  while (!first.seen || first.frames < 1 || first.current_time <= 0);
  g_assert_true (first.supported);

  /* On past the clip's end twice: the live loop goes on, frames keep coming, and the buffer
   * behind the playhead is let go (the player keeps 8 s of it). */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  do
    {
      lurk_test_spin (0.25);
      read_stats (web_view, &now);
      g_assert_null (now.error);
      if (g_get_monotonic_time () > deadline)
        g_error ("The playhead stopped at %.2f s (%.0f frames; first %.2f s, %.0f frames)",
                 now.current_time, now.frames, first.current_time, first.frames);
    }
  while (now.current_time < first.current_time + 2 * CLIP_SECONDS + 2 || now.buffered_from <= 0);

  g_test_message ("first: %.2f s, %.0f frames; then %.2f s, %.0f frames, loop %.0f, buffered "
                  "from %.2f s", first.current_time, first.frames, now.current_time, now.frames,
                  now.loops, now.buffered_from);
  g_assert_cmpfloat (now.loops, >=, 2);
  g_assert_cmpfloat (now.buffered_from, >, 0);
  g_assert_cmpfloat (now.buffered_from, <, now.current_time);
  /* 30 frames a second; a slow software decoder may drop some, not most. */
  g_assert_cmpfloat (now.frames - first.frames, >=,
                     (now.current_time - first.current_time) * 30 / 2);
  /* The engine can play it: no status page in place of the player. */
  g_assert_cmpint (lurk_web_view_get_status (p.view), ==, LURK_WEB_VIEW_LOADED);

  g_clear_pointer (&now.error, g_free);
  g_clear_pointer (&first.error, g_free);
  player_close (&p);
}

static void
test_plays (void)
{
  g_test_trap_subprocess ("/lurk/video/plays/subprocess", 40 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* POST @path (/sim/…) @body. */
static void
sim_post (Player     *p,
          const char *path,
          const char *body)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (lurk_sim_get_url (p->sim), path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  reply = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (reply);
}

/* Spins until the view says @state and, when @latency >= 0, that latency. */
static void
await_player (Player             *p,
              LurkWebPlayerState  state,
              double              latency)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (lurk_web_view_get_player_state (p->view) != state ||
         (latency >= 0 && lurk_web_view_get_latency_seconds (p->view) != latency))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The player view says state %d, latency %.2f s; expected %d, %.2f s",
                 lurk_web_view_get_player_state (p->view),
                 lurk_web_view_get_latency_seconds (p->view), state, latency);
      lurk_test_spin (0.05);
    }
}

/* The player made through the sim's embed API (/embed/v1.js): the view follows its state and
 * latency, as POST /sim/player sets them, about once a second; not on screen, no player. */
static void
test_embed_api_subprocess (void)
{
  Player p = { 0 };
  gint64 start;

  player_open (&p);
  g_assert_cmpint (lurk_web_view_get_status (p.view), ==, LURK_WEB_VIEW_LOADED);

  /* Autoplay, at the sim's default latency. */
  await_player (&p, LURK_WEB_PLAYER_PLAYING, 2.0);

  start = g_get_monotonic_time ();
  sim_post (&p, "/sim/player", "{\"latency_seconds\":4}");
  await_player (&p, LURK_WEB_PLAYER_PLAYING, 4.0);
  g_test_message ("latency seen %.2f s after it changed",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  /* About once a second (and the frame reports every half second). */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);

  sim_post (&p, "/sim/player", "{\"paused\":true}");
  await_player (&p, LURK_WEB_PLAYER_PAUSED, -1);
  sim_post (&p, "/sim/player", "{\"paused\":false}");
  await_player (&p, LURK_WEB_PLAYER_PLAYING, 4.0);

  sim_post (&p, "/sim/player", "{\"offline\":true}");
  await_player (&p, LURK_WEB_PLAYER_OFFLINE, -1);
  sim_post (&p, "/sim/player", "{\"offline\":false}");
  await_player (&p, LURK_WEB_PLAYER_PLAYING, 4.0);

  /* The stream ends: the page reloads its frame offline. */
  sim_post (&p, "/sim/stream", "{\"live\":false}");
  await_player (&p, LURK_WEB_PLAYER_OFFLINE, -1);
  sim_post (&p, "/sim/stream", "{\"live\":true}");
  await_player (&p, LURK_WEB_PLAYER_PLAYING, 4.0);

  /* Hidden: nobody watches, so there is no player to follow. */
  gtk_widget_set_visible (GTK_WIDGET (p.view), FALSE);
  g_assert_cmpint (lurk_web_view_get_player_state (p.view), ==, LURK_WEB_PLAYER_NONE);
  g_assert_cmpfloat (lurk_web_view_get_latency_seconds (p.view), ==, -1);
  gtk_widget_set_visible (GTK_WIDGET (p.view), TRUE);
  await_player (&p, LURK_WEB_PLAYER_PLAYING, 4.0);

  player_close (&p);
}

static void
test_embed_api (void)
{
  g_test_trap_subprocess ("/lurk/video/embed-api/subprocess", 60 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_no_libav_subprocess (void)
{
  Player p = { 0 };
  AdwStatusPage *status_page;
  const char *description;
  gint64 deadline;

  player_open (&p);

  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (lurk_web_view_get_status (p.view) != LURK_WEB_VIEW_NO_CODECS)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No status page in place of the player (status %d)",
                 lurk_web_view_get_status (p.view));
      g_main_context_iteration (NULL, TRUE);
    }

  status_page = ADW_STATUS_PAGE (lurk_test_find_widget (GTK_WIDGET (p.view),
                                                        ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (status_page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (status_page)));
  description = adw_status_page_get_description (status_page);
  g_test_message ("%s: %s", adw_status_page_get_title (status_page), description);
  g_assert_nonnull (strstr (description, "H.264"));
  g_assert_nonnull (strstr (description, "gstreamer1.0-libav"));

  player_close (&p);
}

static gboolean
has_core_elements (const char *dir)
{
  g_autofree char *core = g_build_filename (dir, "libgstcoreelements.so", NULL);

  return g_file_test (core, G_FILE_TEST_EXISTS);
}

/* The directory GStreamer loads this machine's plugins from (the one with its core elements):
 * /usr/lib/<multiarch triplet>/gstreamer-1.0 on Debian, /usr/lib64/gstreamer-1.0 on Fedora. */
static char *
find_plugin_dir (void)
{
  g_autoptr(GDir) lib = g_dir_open ("/usr/lib", 0, NULL);
  const char *name;

  while (lib != NULL && (name = g_dir_read_name (lib)) != NULL)
    {
      g_autofree char *candidate = g_build_filename ("/usr/lib", name, "gstreamer-1.0", NULL);

      if (has_core_elements (candidate))
        return g_steal_pointer (&candidate);
    }
  if (has_core_elements ("/usr/lib64/gstreamer-1.0"))
    return g_strdup ("/usr/lib64/gstreamer-1.0");
  if (has_core_elements ("/usr/lib/gstreamer-1.0"))
    return g_strdup ("/usr/lib/gstreamer-1.0");

  return NULL;
}

static void
test_no_libav (void)
{
  g_autofree char *system_dir = find_plugin_dir ();
  g_autofree char *libav = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *plugins = NULL;
  g_autofree char *registry = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint linked = 0;

  if (system_dir == NULL)
    {
      g_test_skip ("No GStreamer plugin directory found");
      return;
    }
  libav = g_build_filename (system_dir, "libgstlibav.so", NULL);
  if (!g_file_test (libav, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("gstreamer1.0-libav is not installed: nothing to hide");
      return;
    }

  /* Every plugin of the machine but libav, and a registry of their own. */
  tmp = g_dir_make_tmp ("lurk-test-gst-XXXXXX", &error);
  g_assert_no_error (error);
  plugins = g_build_filename (tmp, "plugins", NULL);
  registry = g_build_filename (tmp, "registry.bin", NULL);
  g_assert_cmpint (g_mkdir (plugins, 0700), ==, 0);
  dir = g_dir_open (system_dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *target = NULL;
      g_autofree char *link = NULL;

      if (g_strv_contains ((const char *const *) hidden_plugins, name) ||
          !g_str_has_suffix (name, ".so"))
        continue;
      target = g_build_filename (system_dir, name, NULL);
      link = g_build_filename (plugins, name, NULL);
      g_assert_cmpint (symlink (target, link), ==, 0);
      linked++;
    }
  g_test_message ("%u plugins of %s, without the H.264 and AAC decoders", linked,
                  system_dir);
  g_assert_cmpuint (linked, >, 10);

  g_setenv ("GST_REGISTRY", registry, TRUE);
  g_setenv ("GST_REGISTRY_1_0", registry, TRUE);
  g_setenv ("GST_PLUGIN_SYSTEM_PATH", plugins, TRUE);
  g_setenv ("GST_PLUGIN_SYSTEM_PATH_1_0", plugins, TRUE);
  g_unsetenv ("GST_PLUGIN_PATH");
  g_unsetenv ("GST_PLUGIN_PATH_1_0");

  g_test_trap_subprocess ("/lurk/video/no-libav/subprocess", 40 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);

  g_unsetenv ("GST_REGISTRY");
  g_unsetenv ("GST_REGISTRY_1_0");
  g_unsetenv ("GST_PLUGIN_SYSTEM_PATH");
  g_unsetenv ("GST_PLUGIN_SYSTEM_PATH_1_0");

  /* The private registry was written: GStreamer did scan the reduced directory. */
  g_assert_true (g_file_test (registry, G_FILE_TEST_EXISTS));
  g_test_trap_assert_passed ();

  /* Clean up the links and the registry. */
  g_clear_pointer (&dir, g_dir_close);
  dir = g_dir_open (plugins, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (plugins, name, NULL);

      g_unlink (link);
    }
  g_rmdir (plugins);
  g_unlink (registry);
  g_rmdir (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("LURK_DISABLE_WEB_VIEWS");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/lurk/video/plays", test_plays);
  g_test_add_func ("/lurk/video/plays/subprocess", test_plays_subprocess);
  g_test_add_func ("/lurk/video/embed-api", test_embed_api);
  g_test_add_func ("/lurk/video/embed-api/subprocess", test_embed_api_subprocess);
  g_test_add_func ("/lurk/video/no-libav", test_no_libav);
  g_test_add_func ("/lurk/video/no-libav/subprocess", test_no_libav_subprocess);

  return g_test_run ();
}
