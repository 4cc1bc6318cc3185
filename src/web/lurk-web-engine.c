/* lurk-web-engine.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-web-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>
#include <math.h>

#include "lurk-embed-popup.h"
#include "lurk-web-engine.h"
#include "lurk-web-module.h"
#include "lurk-web-policy.h"

/*
 * The WebKit side of LurkWebView (lurk-web-view.c), built into liblurk-web.so with
 * lurk-web-policy.c and lurk-embed-popup.c; the app reaches it only through the
 * LurkWebModule table (lurk-web-module.h).
 *
 * All views share one WebKitWebContext, one WebKitNetworkSession (so the chat's twitch.tv
 * sign-in cookies are the popup's too) and one WebKitSettings: no developer extras outside
 * the development profile, no file access from file URLs, no scripted windows.
 *
 * Navigation goes through lurk_web_policy_decide(); WebKitGTK 2.50 cannot say whether a
 * navigation targets the main frame (webkit_navigation_action_is_for_main_frame() is not
 * released), so a navigation counts as the view's page when the user started it (a click or
 * a form) and as a frame otherwise: the user's links to foreign sites open in their browser,
 * a script or frame loading a foreign site is refused. New windows: only Twitch's sign-in
 * (from the chat embed) opens, in a LurkEmbedPopup; other links go to the browser.
 * Permission requests are denied except the encrypted-media request the player may need;
 * fullscreen is allowed. Load ends and web process ends are reported to the app's view
 * (LurkWebHost.view_event), which shows the status page with Reload.
 */

static const LurkWebHost *app_host;

/* The shared WebKit objects ---------------------------------------------------------- */

WebKitNetworkSession *
lurk_web_get_network_session (void)
{
  static WebKitNetworkSession *session;

  g_return_val_if_fail (app_host != NULL, NULL);

  if (session == NULL)
    {
      g_autofree char *data_dir = app_host->build_data_dir ();
      g_autofree char *cache_dir = app_host->build_cache_dir ();
      g_autofree char *cookies = g_build_filename (data_dir, "cookies.sqlite", NULL);
      WebKitCookieManager *cookie_manager;

      session = webkit_network_session_new (data_dir, cache_dir);

      /* Twitch's chat keeps its sign-in in twitch.tv cookies, which are third-party under
       * the localhost host page: accept them (this session only ever shows Twitch, see
       * lurk-web-policy.c) and keep them across restarts. */
      cookie_manager = webkit_network_session_get_cookie_manager (session);
      webkit_cookie_manager_set_accept_policy (cookie_manager, WEBKIT_COOKIE_POLICY_ACCEPT_ALWAYS);
      webkit_cookie_manager_set_persistent_storage (cookie_manager, cookies,
                                                    WEBKIT_COOKIE_PERSISTENT_STORAGE_SQLITE);
      webkit_network_session_set_itp_enabled (session, FALSE);
    }

  return session;
}

WebKitWebContext *
lurk_web_get_context (void)
{
  static WebKitWebContext *context;

  if (context == NULL)
    {
      context = webkit_web_context_new ();
      webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
    }

  return context;
}

/* A GPU WebKit can composite with: a DRM render node, and GL not forced to software. Without
 * one (Xvfb, a Flatpak without --device=dri, LIBGL_ALWAYS_SOFTWARE) accelerated compositing
 * runs on llvmpipe and the embeds stay black for seconds after the page is shown. */
static gboolean
lurk_web_has_gpu (void)
{
  const char *software;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  software = g_getenv ("LIBGL_ALWAYS_SOFTWARE");
  if (software != NULL && software[0] != '\0' && !g_str_equal (software, "0") &&
      g_ascii_strcasecmp (software, "false") != 0)
    return FALSE;

  dir = g_dir_open ("/dev/dri", 0, NULL);
  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;

  return FALSE;
}

WebKitSettings *
lurk_web_get_settings (void)
{
  static WebKitSettings *settings;

  if (settings == NULL)
    {
      settings = webkit_settings_new ();
      webkit_settings_set_enable_developer_extras (settings, DEVELOPMENT);
      webkit_settings_set_allow_file_access_from_file_urls (settings, FALSE);
      webkit_settings_set_allow_universal_access_from_file_urls (settings, FALSE);
      webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
      webkit_settings_set_media_playback_requires_user_gesture (settings, FALSE);
      webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
      webkit_settings_set_user_agent_with_application_details (settings, "Lurk",
                                                               PACKAGE_VERSION);
      if (!lurk_web_has_gpu ())
        {
          g_debug ("No GPU: the embeds are drawn without accelerated compositing");
          webkit_settings_set_hardware_acceleration_policy (
            settings, WEBKIT_HARDWARE_ACCELERATION_POLICY_NEVER);
        }
    }

  return settings;
}

/**
 * lurk_web_dup_sim_origin:
 *
 * Returns: (transfer full) (nullable): the simulator's origin in the demo, else %NULL
 */
char *
lurk_web_dup_sim_origin (void)
{
  g_return_val_if_fail (app_host != NULL, NULL);

  return app_host->dup_sim_origin ();
}

/**
 * lurk_web_open_in_browser:
 * @uri: an http(s) URL
 *
 * Hands @uri to the user's default browser (the OpenURI portal inside Flatpak).
 */
void
lurk_web_open_in_browser (const char *uri)
{
  g_return_if_fail (uri != NULL);

  g_debug ("Opening a link in the browser");
  g_app_info_launch_default_for_uri_async (uri, NULL, NULL, NULL, NULL);
}

static gboolean
navigation_is_user_initiated (WebKitNavigationAction *action)
{
  WebKitNavigationType type = webkit_navigation_action_get_navigation_type (action);

  return webkit_navigation_action_is_user_gesture (action) ||
         type == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED ||
         type == WEBKIT_NAVIGATION_TYPE_FORM_SUBMITTED ||
         type == WEBKIT_NAVIGATION_TYPE_FORM_RESUBMITTED;
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  gpointer                  user_data)
{
  g_autofree char *sim_origin = NULL;
  WebKitNavigationAction *action;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
             WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  sim_origin = lurk_web_dup_sim_origin ();

  if (type == WEBKIT_POLICY_DECISION_TYPE_NEW_WINDOW_ACTION)
    {
      /* Twitch's sign-in from the chat embed: "create" makes the popup. */
      if (lurk_web_policy_is_sign_in_uri (uri, sim_origin))
        {
          webkit_policy_decision_use (decision);
          return TRUE;
        }

      if (lurk_web_policy_decide (uri, TRUE, sim_origin) != LURK_WEB_POLICY_DENY)
        lurk_web_open_in_browser (uri);
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  switch (lurk_web_policy_decide (uri, navigation_is_user_initiated (action), sim_origin))
    {
    case LURK_WEB_POLICY_ALLOW:
      webkit_policy_decision_use (decision);
      break;

    case LURK_WEB_POLICY_OPEN_IN_BROWSER:
      lurk_web_open_in_browser (uri);
      webkit_policy_decision_ignore (decision);
      break;

    case LURK_WEB_POLICY_DENY:
    default:
      g_debug ("Refused a navigation of an embed");
      webkit_policy_decision_ignore (decision);
      break;
    }

  return TRUE;
}

static gboolean
permission_request_cb (WebKitWebView           *web_view,
                       WebKitPermissionRequest *request,
                       gpointer                 user_data)
{
  /* The player may need encrypted media; nothing else is granted. */
  if (WEBKIT_IS_MEDIA_KEY_SYSTEM_PERMISSION_REQUEST (request))
    webkit_permission_request_allow (request);
  else
    webkit_permission_request_deny (request);

  return TRUE;
}

static GtkWidget *
create_cb (WebKitWebView          *web_view,
           WebKitNavigationAction *action,
           gpointer                user_data)
{
  g_autofree char *sim_origin = lurk_web_dup_sim_origin ();
  const char *uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));
  GtkRoot *root;

  if (!lurk_web_policy_is_sign_in_uri (uri, sim_origin))
    return NULL;

  root = gtk_widget_get_root (GTK_WIDGET (web_view));

  return GTK_WIDGET (lurk_embed_popup_create_view (web_view,
                                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                        : NULL));
}

/**
 * lurk_web_connect_policy:
 * @web_view: a view of the embeds' network session
 *
 * Holds @web_view to Lurk's navigation, window and permission rules.
 */
void
lurk_web_connect_policy (WebKitWebView *web_view)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (web_view));

  g_signal_connect (web_view, "decide-policy", G_CALLBACK (decide_policy_cb), NULL);
  g_signal_connect (web_view, "permission-request", G_CALLBACK (permission_request_cb), NULL);
  g_signal_connect (web_view, "create", G_CALLBACK (create_cb), NULL);
}

/* The module's table -------------------------------------------------------------------- */

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 GObject         *owner)
{
  if (event == WEBKIT_LOAD_FINISHED)
    app_host->view_event (owner, LURK_WEB_EVENT_LOADED);
}

static gboolean
load_failed_cb (WebKitWebView   *web_view,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                GObject         *owner)
{
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return TRUE;

  app_host->view_event (owner, LURK_WEB_EVENT_FAILED);
  return TRUE;
}

static void
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           GObject                           *owner)
{
  if (reason == WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    return;

  g_message ("An embed’s web process ended (%d)", reason);
  app_host->view_event (owner, reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
                               ? LURK_WEB_EVENT_OUT_OF_MEMORY
                               : LURK_WEB_EVENT_CRASHED);
}

static void
module_init (const LurkWebHost *host)
{
  g_return_if_fail (host != NULL);

  app_host = host;
}

static GtkWidget *
module_view_new (GObject *owner)
{
  g_autoptr(WebKitWebsitePolicies) policies = NULL;
  WebKitWebView *web_view;

  g_return_val_if_fail (app_host != NULL, NULL);
  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);

  policies = webkit_website_policies_new_with_policies ("autoplay", WEBKIT_AUTOPLAY_ALLOW,
                                                        NULL);
  web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                           "web-context", lurk_web_get_context (),
                           "network-session", lurk_web_get_network_session (),
                           "settings", lurk_web_get_settings (),
                           "website-policies", policies,
                           "hexpand", TRUE,
                           "vexpand", TRUE,
                           NULL);
  lurk_web_connect_policy (web_view);
  g_object_set_data (G_OBJECT (web_view), "lurk-web-owner", owner);
  g_signal_connect_object (web_view, "load-changed", G_CALLBACK (load_changed_cb), owner, 0);
  g_signal_connect_object (web_view, "load-failed", G_CALLBACK (load_failed_cb), owner, 0);
  g_signal_connect_object (web_view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), owner, 0);

  return GTK_WIDGET (web_view);
}

static void
module_view_load_html (GtkWidget  *view,
                       const char *html,
                       const char *base_uri)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (view));

  webkit_web_view_load_html (WEBKIT_WEB_VIEW (view), html, base_uri);
}

static void
module_view_load_uri (GtkWidget  *view,
                      const char *uri)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (view));

  webkit_web_view_load_uri (WEBKIT_WEB_VIEW (view), uri);
}

static void
module_view_terminate (GtkWidget *view)
{
  g_return_if_fail (WEBKIT_IS_WEB_VIEW (view));

  webkit_web_view_terminate_web_process (WEBKIT_WEB_VIEW (view));
}

/* Can the player play? ------------------------------------------------------------------
 *
 * Twitch's player streams with Media Source Extensions: fragmented MP4 with H.264 video and
 * AAC audio. WebKitGTK decodes them with GStreamer plugins (avdec_h264 and avdec_aac from
 * gstreamer1.0-libav on Debian, the codecs extension of the Flatpak runtime); without them the
 * player shows Twitch's error #4000 ("not supported in this browser"), which tells the user
 * nothing about what to install. So after the host page has loaded, the app asks the engine
 * the player's own question, MediaSource.isTypeSupported() for Twitch's types, and shows a
 * status page that names what is missing instead.
 *
 * The question is asked of the host page, not of the player's frame: every frame of the view
 * runs in the same web process with the same GStreamer registry, so the answer is the same
 * for the cross-origin player, and the host page is ours, loaded before Twitch's player has
 * a chance to fail. It is asked from C (webkit_web_view_evaluate_javascript()) in an isolated
 * script world, rather than having the page report through a script message handler: no
 * frame's script (Twitch's included) gets a channel into the app, and a script of the page
 * cannot replace MediaSource.isTypeSupported() in the world the answer comes from. The
 * script returns the LurkWebMedia flags that are missing. */

#define MEDIA_CHECK_WORLD "lurk-media-check"

/* The flags as numbers, in the script. */
G_STATIC_ASSERT (LURK_WEB_MEDIA_MSE == 1 && LURK_WEB_MEDIA_H264 == 2 && LURK_WEB_MEDIA_AAC == 4);

static const char media_check_script[] =
  "(() => {"
  "  const ms = window.MediaSource;"
  "  if (!ms || !ms.isTypeSupported) return 7;"
  "  let missing = 0;"
  "  if (!ms.isTypeSupported('video/mp4; codecs=\"avc1.4D401F\"')) missing |= 2;"
  "  if (!ms.isTypeSupported('audio/mp4; codecs=\"mp4a.40.2\"')) missing |= 4;"
  "  if (missing === 0 && !ms.isTypeSupported('video/mp4; codecs=\"avc1.4D401F,mp4a.40.2\"'))"
  "    missing = 6;"
  "  return missing;"
  "})()";

static void
media_checked_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GObject) owner = g_weak_ref_get (user_data);
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;
  int missing;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (value == NULL)
    {
      /* A page replaced meanwhile: the next load asks again. */
      g_debug ("Could not ask the web view about media support: %s", error->message);
      return;
    }
  if (owner == NULL || !jsc_value_is_number (value))
    return;

  missing = jsc_value_to_int32 (value) & LURK_WEB_MEDIA_ALL;
  if (missing != 0)
    g_message ("The player cannot play Twitch’s streams (missing:%s%s%s)",
               missing & LURK_WEB_MEDIA_MSE ? " Media Source Extensions" : "",
               missing & LURK_WEB_MEDIA_H264 ? " H.264" : "",
               missing & LURK_WEB_MEDIA_AAC ? " AAC" : "");
  app_host->view_media (owner, missing);
}

static void
module_view_check_media (GtkWidget *view)
{
  GObject *owner;
  GWeakRef *ref;

  g_return_if_fail (WEBKIT_IS_WEB_VIEW (view));

  owner = g_object_get_data (G_OBJECT (view), "lurk-web-owner");
  g_return_if_fail (G_IS_OBJECT (owner));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, owner);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (view), media_check_script, -1,
                                       MEDIA_CHECK_WORLD, "lurk:media-check", NULL,
                                       media_checked_cb, ref);
}

/* What is the player doing? --------------------------------------------------------------
 *
 * The player page (lurk_web_view_build_player_page()) creates the player through Twitch's
 * embed API and keeps its state from the API's events; this asks it, about once a second
 * while the page is shown, for that state and getPlaybackStats().hlsLatencyBroadcaster. It is
 * a local call into the page's own script world (the player object lives there), not a
 * network request, and nothing in the page can call into the app: the answer is read as a
 * state name and a number, anything else counts as no player. */

static const char player_poll_script[] =
  "(() => {"
  "  const poll = window.lurkPlayerPoll;"
  "  return typeof poll === 'function' ? poll() : null;"
  "})()";

static LurkWebPlayerState
player_state_from_name (const char *name)
{
  static const struct { const char *name; LurkWebPlayerState state; } states[] = {
    { "loading", LURK_WEB_PLAYER_LOADING },
    { "ready", LURK_WEB_PLAYER_READY },
    { "buffering", LURK_WEB_PLAYER_BUFFERING },
    { "playing", LURK_WEB_PLAYER_PLAYING },
    { "paused", LURK_WEB_PLAYER_PAUSED },
    { "offline", LURK_WEB_PLAYER_OFFLINE },
  };

  for (gsize i = 0; name != NULL && i < G_N_ELEMENTS (states); i++)
    if (g_str_equal (name, states[i].name))
      return states[i].state;

  return LURK_WEB_PLAYER_NONE;
}

static void
player_polled_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GObject) owner = g_weak_ref_get (user_data);
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(JSCValue) state = NULL;
  g_autoptr(JSCValue) latency = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  LurkWebPlayerState player_state = LURK_WEB_PLAYER_NONE;
  double seconds = -1;

  g_weak_ref_clear (user_data);
  g_free (user_data);

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  if (owner == NULL)
    return;
  if (value == NULL)
    g_debug ("Could not ask the player what it does: %s", error->message);

  if (value != NULL && jsc_value_is_object (value))
    {
      state = jsc_value_object_get_property (value, "state");
      latency = jsc_value_object_get_property (value, "latency");
      if (jsc_value_is_string (state))
        {
          name = jsc_value_to_string (state);
          player_state = player_state_from_name (name);
        }
      if (jsc_value_is_number (latency))
        {
          seconds = jsc_value_to_double (latency);
          /* Beyond any HLS latency: not a figure to schedule by. */
          if (!isfinite (seconds) || seconds < 0 || seconds > 600)
            seconds = -1;
        }
    }

  app_host->view_player (owner, player_state, seconds);
}

static void
module_view_poll_player (GtkWidget *view)
{
  GObject *owner;
  GWeakRef *ref;

  g_return_if_fail (WEBKIT_IS_WEB_VIEW (view));

  owner = g_object_get_data (G_OBJECT (view), "lurk-web-owner");
  g_return_if_fail (G_IS_OBJECT (owner));

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, owner);
  webkit_web_view_evaluate_javascript (WEBKIT_WEB_VIEW (view), player_poll_script, -1,
                                       NULL, "lurk:player-poll", NULL, player_polled_cb, ref);
}

static void
module_clear_data (GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  WebKitWebsiteDataManager *manager =
    webkit_network_session_get_website_data_manager (lurk_web_get_network_session ());

  /* every type, whatever its age (a timespan of 0) */
  webkit_website_data_manager_clear (manager, WEBKIT_WEBSITE_DATA_ALL, 0, cancellable,
                                     callback, user_data);
}

static gboolean
module_clear_data_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_autoptr(GObject) manager = g_async_result_get_source_object (result);

  return webkit_website_data_manager_clear_finish (WEBKIT_WEBSITE_DATA_MANAGER (manager),
                                                   result, error);
}

static const LurkWebModule module_table = {
  .abi_version = LURK_WEB_MODULE_ABI_VERSION,
  .init = module_init,
  .view_new = module_view_new,
  .view_load_html = module_view_load_html,
  .view_load_uri = module_view_load_uri,
  .view_terminate = module_view_terminate,
  .view_check_media = module_view_check_media,
  .view_poll_player = module_view_poll_player,
  .clear_data = module_clear_data,
  .clear_data_finish = module_clear_data_finish,
};

/**
 * lurk_web_module_get:
 *
 * The module's one entry point (LURK_WEB_MODULE_ENTRY), looked up by lurk-web-loader.c.
 *
 * Returns: the module's table
 */
G_MODULE_EXPORT const LurkWebModule *
lurk_web_module_get (void)
{
  return &module_table;
}
