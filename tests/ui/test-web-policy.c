/* test-web-policy.c: where the embeds may navigate (lurk_web_policy_decide), the sign-in
 * popup rule, and the host page
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "lurk-profile.h"
#include "lurk-test-wait.h"
#include "lurk-web-engine.h"
#include "lurk-web-policy.h"
#include "lurk-web-view.h"

#define SIM "http://127.0.0.1:41234"

static const struct {
  const char    *uri;
  gboolean       main_frame;
  const char    *sim;
  LurkWebPolicy  expected;
} cases[] = {
  /* The host page and blank frames */
  { "http://localhost/", TRUE, NULL, LURK_WEB_POLICY_ALLOW },
  { "http://localhost", TRUE, NULL, LURK_WEB_POLICY_ALLOW },
  { "about:blank", FALSE, NULL, LURK_WEB_POLICY_ALLOW },
  { "about:srcdoc", FALSE, NULL, LURK_WEB_POLICY_ALLOW },
  /* Twitch's embeds and sign-in */
  { "https://player.twitch.tv/?channel=lurkstream&parent=localhost", FALSE, NULL,
    LURK_WEB_POLICY_ALLOW },
  { "https://player.twitch.tv/?channel=lurkstream&parent=localhost", TRUE, NULL,
    LURK_WEB_POLICY_ALLOW },
  { "https://www.twitch.tv/embed/lurkstream/chat?parent=localhost", FALSE, NULL,
    LURK_WEB_POLICY_ALLOW },
  { "https://www.twitch.tv/embed/lurkstream/chat?parent=localhost&darkpopout", TRUE, NULL,
    LURK_WEB_POLICY_ALLOW },
  { "https://www.twitch.tv/popout/lurkstream/chat", TRUE, NULL, LURK_WEB_POLICY_ALLOW },
  { "https://www.twitch.tv/login?popup=true", TRUE, NULL, LURK_WEB_POLICY_ALLOW },
  { "https://passport.twitch.tv/login", TRUE, NULL, LURK_WEB_POLICY_ALLOW },
  { "https://id.twitch.tv/oauth2/authorize?client_id=x", TRUE, NULL, LURK_WEB_POLICY_ALLOW },
  { "https://client-api.arkoselabs.com/fc/gt2/", FALSE, NULL, LURK_WEB_POLICY_ALLOW },
  /* Twitch pages that are not embeds: the browser's */
  { "https://www.twitch.tv/lurkstream", TRUE, NULL, LURK_WEB_POLICY_OPEN_IN_BROWSER },
  { "https://www.twitch.tv/directory", TRUE, NULL, LURK_WEB_POLICY_OPEN_IN_BROWSER },
  { "https://dashboard.twitch.tv/", TRUE, NULL, LURK_WEB_POLICY_OPEN_IN_BROWSER },
  /* Plain HTTP or another port is not Twitch */
  { "http://player.twitch.tv/?channel=x", TRUE, NULL, LURK_WEB_POLICY_OPEN_IN_BROWSER },
  { "http://player.twitch.tv/?channel=x", FALSE, NULL, LURK_WEB_POLICY_DENY },
  { "https://player.twitch.tv:8443/", FALSE, NULL, LURK_WEB_POLICY_DENY },
  /* Look-alike hosts */
  { "https://player.twitch.tv.evil.example/", FALSE, NULL, LURK_WEB_POLICY_DENY },
  { "https://eviltwitch.tv/", FALSE, NULL, LURK_WEB_POLICY_DENY },
  { "https://twitch.tv@evil.example/", TRUE, NULL, LURK_WEB_POLICY_DENY },
  /* Foreign sites: a followed link goes to the browser, a frame is refused */
  { "https://example.com/some/page?x=1", TRUE, NULL, LURK_WEB_POLICY_OPEN_IN_BROWSER },
  { "https://example.com/ads", FALSE, NULL, LURK_WEB_POLICY_DENY },
  { "http://localhost:8080/", TRUE, NULL, LURK_WEB_POLICY_OPEN_IN_BROWSER },
  { "http://localhost/other", FALSE, NULL, LURK_WEB_POLICY_DENY },
  /* Other schemes: nowhere */
  { "file:///etc/passwd", TRUE, NULL, LURK_WEB_POLICY_DENY },
  { "file:///etc/passwd", FALSE, NULL, LURK_WEB_POLICY_DENY },
  { "javascript:alert(1)", TRUE, NULL, LURK_WEB_POLICY_DENY },
  { "data:text/html,<p>hi</p>", FALSE, NULL, LURK_WEB_POLICY_DENY },
  { "lurk://x", TRUE, NULL, LURK_WEB_POLICY_DENY },
  { "", TRUE, NULL, LURK_WEB_POLICY_DENY },
  { NULL, TRUE, NULL, LURK_WEB_POLICY_DENY },
  { "not a url", TRUE, NULL, LURK_WEB_POLICY_DENY },
  /* The simulator's origin, in the demo only */
  { SIM "/embed/player?channel=lurkstream", FALSE, SIM, LURK_WEB_POLICY_ALLOW },
  { SIM "/embed/chat?channel=lurkstream", TRUE, SIM, LURK_WEB_POLICY_ALLOW },
  { SIM "/embed/player?channel=lurkstream", FALSE, NULL, LURK_WEB_POLICY_DENY },
  { SIM "/embed/player?channel=lurkstream", TRUE, NULL, LURK_WEB_POLICY_OPEN_IN_BROWSER },
  { "http://127.0.0.1:41235/embed/player", FALSE, SIM, LURK_WEB_POLICY_DENY },
  { "https://127.0.0.1:41234/embed/player", FALSE, SIM, LURK_WEB_POLICY_DENY },
};

static void
test_policy_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LurkWebPolicy got = lurk_web_policy_decide (cases[i].uri, cases[i].main_frame,
                                                  cases[i].sim);

      if (got != cases[i].expected)
        g_error ("%s (%s frame, sim %s): expected %s, got %s", cases[i].uri,
                 cases[i].main_frame ? "main" : "sub", cases[i].sim ? cases[i].sim : "none",
                 lurk_web_policy_to_string (cases[i].expected),
                 lurk_web_policy_to_string (got));
    }
}

/* The decision the web views act on for a foreign link: it leaves Lurk for the browser. */
static void
test_policy_foreign_to_browser (void)
{
  g_assert_cmpint (lurk_web_policy_decide ("https://www.example.org/", TRUE, NULL), ==,
                   LURK_WEB_POLICY_OPEN_IN_BROWSER);
  g_assert_cmpint (lurk_web_policy_decide ("https://www.example.org/", FALSE, NULL), ==,
                   LURK_WEB_POLICY_DENY);
  g_assert_cmpint (lurk_web_policy_decide ("https://www.example.org/", TRUE, SIM), ==,
                   LURK_WEB_POLICY_OPEN_IN_BROWSER);
}

static void
test_policy_sign_in_popup (void)
{
  g_assert_true (lurk_web_policy_is_sign_in_uri ("https://www.twitch.tv/login?popup=true", NULL));
  g_assert_true (lurk_web_policy_is_sign_in_uri ("https://passport.twitch.tv/x", NULL));
  g_assert_true (lurk_web_policy_is_sign_in_uri ("https://id.twitch.tv/oauth2/authorize", NULL));
  g_assert_true (lurk_web_policy_is_sign_in_uri (SIM "/oauth2/authorize?x=1", SIM));
  g_assert_false (lurk_web_policy_is_sign_in_uri ("https://www.twitch.tv/lurkstream", NULL));
  g_assert_false (lurk_web_policy_is_sign_in_uri ("https://example.com/login", NULL));
  g_assert_false (lurk_web_policy_is_sign_in_uri ("http://www.twitch.tv/login", NULL));
  g_assert_false (lurk_web_policy_is_sign_in_uri (SIM "/oauth2/authorize", NULL));
  g_assert_false (lurk_web_policy_is_sign_in_uri (NULL, NULL));
}

static void
test_host_page (void)
{
  g_autofree char *html = lurk_web_view_build_host_page (
    "https://player.twitch.tv/?channel=a&parent=localhost\"><script>x</script>", "#000");

  /* The URL is escaped into the attribute: no markup can come in through it. */
  g_assert_nonnull (strstr (html, "channel=a&amp;parent=localhost&quot;&gt;&lt;script&gt;"));
  g_assert_null (strstr (html, "<script>"));
  g_assert_nonnull (strstr (html, "allow=\"autoplay; fullscreen; encrypted-media\""));
}

static void
test_shared_settings (void)
{
  g_autoptr(GError) error = NULL;
  WebKitSettings *settings;

  /* The module this program links is the one the app opens: one copy, initialized once. */
  g_assert_nonnull (lurk_web_module_load (&error));
  g_assert_no_error (error);
  settings = lurk_web_get_settings ();

  g_assert_true (settings == lurk_web_get_settings ());
  g_assert_true (lurk_web_get_network_session () == lurk_web_get_network_session ());
  g_assert_false (webkit_settings_get_allow_file_access_from_file_urls (settings));
  g_assert_false (webkit_settings_get_allow_universal_access_from_file_urls (settings));
  g_assert_false (webkit_settings_get_javascript_can_open_windows_automatically (settings));
  g_assert_cmpint (webkit_settings_get_enable_developer_extras (settings), ==, DEVELOPMENT);
}

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  if ((st.st_mode & 0077) != 0)
    g_error ("%s is readable by others (mode %o)", path, (guint) (st.st_mode & 0777));
}

static GList *
all_cookies (WebKitCookieManager *cookies)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;
  GList *list;

  webkit_cookie_manager_get_all_cookies (cookies, NULL, lurk_test_store_result, &result);
  list = webkit_cookie_manager_get_all_cookies_finish (cookies, lurk_test_wait_result (&result),
                                                       &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  return list;
}

static void
test_clear_data (void)
{
  g_autoptr(GError) error = NULL;
  WebKitCookieManager *cookies;
  SoupCookie *cookie;
  GAsyncResult *result = NULL;
  GList *list;

  g_assert_nonnull (lurk_web_module_load (&error));
  g_assert_no_error (error);
  cookies = webkit_network_session_get_cookie_manager (lurk_web_get_network_session ());

  /* The chat's own Twitch login, as twitch.tv sets it */
  cookie = soup_cookie_new ("auth-token", "chat-session-secret", ".twitch.tv", "/", 3600);
  soup_cookie_set_secure (cookie, TRUE);
  webkit_cookie_manager_add_cookie (cookies, cookie, NULL, lurk_test_store_result, &result);
  g_assert_true (webkit_cookie_manager_add_cookie_finish (cookies,
                                                          lurk_test_wait_result (&result),
                                                          &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  soup_cookie_free (cookie);
  list = all_cookies (cookies);
  g_assert_cmpuint (g_list_length (list), ==, 1);
  g_list_free_full (list, (GDestroyNotify) soup_cookie_free);

  /* What sign-out does: the login is gone */
  lurk_web_clear_data_async (NULL, lurk_test_store_result, &result);
  g_assert_true (lurk_web_clear_data_finish (lurk_test_wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  list = all_cookies (cookies);
  g_assert_cmpuint (g_list_length (list), ==, 0);
}

/* In a fresh process: the network session is made once per process. */
static void
test_private_folders_subprocess (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache_root = g_build_filename (g_get_user_cache_dir (), "lurk", NULL);
  g_autofree char *cache_web = g_build_filename (cache_root, lurk_profile_get_name (), "web",
                                                 NULL);
  g_autofree char *data_root = g_build_filename (g_get_user_data_dir (), "lurk", NULL);
  g_autofree char *data_web = lurk_profile_build_data_path ("web");

  /* The web cache and the chat's cookies (a Twitch login) are the user's alone; a folder an
   * older version left open is closed. */
  if (g_mkdir_with_parents (cache_root, 0755) == 0)
    g_chmod (cache_root, 0755);
  g_assert_nonnull (lurk_web_module_load (&error));
  g_assert_no_error (error);
  g_assert_nonnull (lurk_web_get_network_session ());

  assert_private (cache_root);
  assert_private (cache_web);
  assert_private (data_root);
  assert_private (data_web);
}

static void
test_private_folders (void)
{
  g_test_trap_subprocess ("/lurk/web-policy/private-folders/subprocess", 30 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
}

/* What the player's status page says when the engine cannot play Twitch's streams. */
static void
test_missing_media_text (void)
{
  g_autofree char *h264 = _lurk_web_view_describe_missing_media (LURK_WEB_MEDIA_H264, FALSE);
  g_autofree char *aac = _lurk_web_view_describe_missing_media (LURK_WEB_MEDIA_AAC, FALSE);
  g_autofree char *both = _lurk_web_view_describe_missing_media (
    LURK_WEB_MEDIA_H264 | LURK_WEB_MEDIA_AAC, TRUE);
  g_autofree char *mse = _lurk_web_view_describe_missing_media (LURK_WEB_MEDIA_ALL, FALSE);

  g_assert_nonnull (strstr (h264, "H.264"));
  g_assert_null (strstr (h264, "AAC"));
  g_assert_nonnull (strstr (h264, "gstreamer1.0-libav"));
  g_assert_nonnull (strstr (h264, "gstreamer1-plugin-openh264"));
  g_assert_nonnull (strstr (aac, "AAC"));
  g_assert_null (strstr (aac, "H.264"));
  g_assert_nonnull (strstr (aac, "gstreamer1.0-libav"));
  /* In Flatpak, the runtime's codecs extension, not a distribution package. */
  g_assert_nonnull (strstr (both, "H.264"));
  g_assert_nonnull (strstr (both, "AAC"));
  g_assert_nonnull (strstr (both, "org.freedesktop.Platform.codecs-extra"));
  g_assert_null (strstr (both, "gstreamer1.0-libav"));
  g_assert_nonnull (strstr (mse, "Media Source Extensions"));
}

static void
test_module_missing_subprocess (void)
{
  g_autoptr(LurkWebView) view = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_setenv ("LURK_WEB_MODULE_DIR", "/nonexistent-lurk-web-module-dir", TRUE);
  g_unsetenv ("LURK_DISABLE_WEB_VIEWS");
  g_test_expect_message ("lurk-web-loader", G_LOG_LEVEL_WARNING,
                         "The player and chat are unavailable: Cannot open the web module "
                         "/nonexistent-lurk-web-module-dir/liblurk-web.so*");

  view = g_object_ref_sink (LURK_WEB_VIEW (lurk_web_view_new ()));
  lurk_web_view_load_embed (view, "http://127.0.0.1:9/embed/player?channel=a", NULL);
  g_assert_cmpint (lurk_web_view_get_status (view), ==, LURK_WEB_VIEW_LOADING);

  while (lurk_web_view_get_status (view) == LURK_WEB_VIEW_LOADING &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* The user sees a calm status page, not a crash; the log says which file is missing. */
  g_test_assert_expected_messages ();
  g_assert_cmpint (lurk_web_view_get_status (view), ==, LURK_WEB_VIEW_UNAVAILABLE);
  g_assert_null (lurk_web_view_get_web_view (view));

  /* Loading again does not retry, log again or crash. */
  lurk_web_view_load_embed (view, "http://127.0.0.1:9/embed/chat?channel=a", NULL);
  g_assert_cmpint (lurk_web_view_get_status (view), ==, LURK_WEB_VIEW_UNAVAILABLE);

  g_assert_finalize_object (g_steal_pointer (&view));
}

static void
test_module_missing (void)
{
  g_test_trap_subprocess ("/lurk/web-view/module-missing/subprocess", 30 * G_USEC_PER_SEC, 0);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/web-policy/table", test_policy_table);
  g_test_add_func ("/lurk/web-policy/foreign-to-browser", test_policy_foreign_to_browser);
  g_test_add_func ("/lurk/web-policy/sign-in-popup", test_policy_sign_in_popup);
  g_test_add_func ("/lurk/web-policy/host-page", test_host_page);
  g_test_add_func ("/lurk/web-policy/shared-settings", test_shared_settings);
  g_test_add_func ("/lurk/web-policy/private-folders", test_private_folders);
  g_test_add_func ("/lurk/web-policy/clear-data", test_clear_data);
  g_test_add_func ("/lurk/web-policy/private-folders/subprocess",
                   test_private_folders_subprocess);
  g_test_add_func ("/lurk/web-view/missing-media-text", test_missing_media_text);
  g_test_add_func ("/lurk/web-view/module-missing", test_module_missing);
  g_test_add_func ("/lurk/web-view/module-missing/subprocess", test_module_missing_subprocess);

  return g_test_run ();
}
