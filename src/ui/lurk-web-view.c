/* lurk-web-view.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-web-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-embed-popup.h"
#include "lurk-endpoints.h"
#include "lurk-profile.h"
#include "lurk-web-policy.h"
#include "lurk-web-view.h"

/*
 * LurkWebView shows one of Twitch's embeds (player or chat) the way TWITCH.md "Embeds" says
 * they work: a small host page loaded with the base URI `http://localhost/` frames the embed
 * URL (built with `parent=localhost`). All views share one WebKitWebContext, one
 * WebKitNetworkSession (so the chat's twitch.tv sign-in cookies are the popup's too) and one
 * WebKitSettings: no developer extras outside the development profile, no file access from
 * file URLs, no scripted windows.
 *
 * Navigation goes through lurk_web_policy_decide(); WebKitGTK 2.50 cannot say whether a
 * navigation targets the main frame (webkit_navigation_action_is_for_main_frame() is not
 * released), so a navigation counts as the view's page when the user started it (a click or
 * a form) and as a frame otherwise: the user's links to foreign sites open in their browser,
 * a script or frame loading a foreign site is refused. New windows: only Twitch's sign-in
 * (from the chat embed) opens, in a LurkEmbedPopup; other links go to the browser.
 * Permission requests are denied except the encrypted-media request the player may need;
 * fullscreen is allowed. A failed load or a crashed web process shows a status page with
 * Reload.
 */

struct _LurkWebView
{
  AdwBin             parent_instance;

  char              *embed_url;
  char              *background;
  LurkWebViewStatus  status;

  GtkStack          *stack;
  WebKitWebView     *web_view;
  AdwStatusPage     *status_page;
};

G_DEFINE_FINAL_TYPE (LurkWebView, lurk_web_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATUS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The shared WebKit objects ---------------------------------------------------------- */

gboolean
lurk_web_views_disabled (void)
{
  const char *value = g_getenv ("LURK_DISABLE_WEB_VIEWS");

  return value != NULL && value[0] != '\0' && !g_str_equal (value, "0");
}

WebKitNetworkSession *
lurk_web_get_network_session (void)
{
  static WebKitNetworkSession *session;

  if (session == NULL)
    {
      g_autofree char *data_dir = lurk_profile_build_data_path ("web");
      g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "lurk",
                                                     lurk_profile_get_name (), "web", NULL);

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
  return lurk_endpoints_dup_simulator_url ();
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

/* The host page ----------------------------------------------------------------------- */

/**
 * lurk_web_view_build_host_page:
 * @embed_url: the player or chat URL
 * @background: (nullable): a CSS color for the page behind the frame
 *
 * Returns: (transfer full): the HTML of a page that frames @embed_url edge to edge
 */
char *
lurk_web_view_build_host_page (const char *embed_url,
                               const char *background)
{
  g_autofree char *src = NULL;
  g_autofree char *bg = NULL;

  g_return_val_if_fail (embed_url != NULL, NULL);

  src = g_markup_escape_text (embed_url, -1);
  bg = g_markup_escape_text (background != NULL ? background : "#0e0e10", -1);

  return g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                          "<meta name=\"referrer\" content=\"origin\">"
                          "<style>html,body{margin:0;height:100%%;overflow:hidden;"
                          "background:%s}iframe{display:block;border:0;width:100%%;"
                          "height:100%%}</style></head><body>"
                          "<iframe src=\"%s\" allow=\"autoplay; fullscreen; encrypted-media\" "
                          "allowfullscreen scrolling=\"no\"></iframe></body></html>",
                          bg, src);
}

static void
lurk_web_view_set_status (LurkWebView       *self,
                          LurkWebViewStatus  status)
{
  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

static void
lurk_web_view_show_problem (LurkWebView       *self,
                            LurkWebViewStatus  status,
                            const char        *title,
                            const char        *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "status");
  lurk_web_view_set_status (self, status);
}

static void
load_changed_cb (LurkWebView     *self,
                 WebKitLoadEvent  event,
                 WebKitWebView   *web_view)
{
  if (event == WEBKIT_LOAD_FINISHED && self->status == LURK_WEB_VIEW_LOADING)
    lurk_web_view_set_status (self, LURK_WEB_VIEW_LOADED);
}

static gboolean
load_failed_cb (LurkWebView     *self,
                WebKitLoadEvent  event,
                const char      *failing_uri,
                GError          *error,
                WebKitWebView   *web_view)
{
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR,
                       WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return TRUE;

  lurk_web_view_show_problem (self, LURK_WEB_VIEW_FAILED,
                              _("Could Not Load"),
                              _("Check your connection, then reload"));
  return TRUE;
}

static void
web_process_terminated_cb (LurkWebView                       *self,
                           WebKitWebProcessTerminationReason  reason,
                           WebKitWebView                     *web_view)
{
  if (reason == WEBKIT_WEB_PROCESS_TERMINATED_BY_API)
    return;

  g_message ("An embed’s web process ended (%d)", reason);
  lurk_web_view_show_problem (self, LURK_WEB_VIEW_CRASHED,
                              _("Stopped Unexpectedly"),
                              reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
                              ? _("It used too much memory")
                              : _("Reload to try again"));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  lurk_web_view_reload (LURK_WEB_VIEW (widget));
}

static void
lurk_web_view_ensure_web_view (LurkWebView *self)
{
  g_autoptr(WebKitWebsitePolicies) policies = NULL;

  if (self->web_view != NULL || lurk_web_views_disabled ())
    return;

  policies = webkit_website_policies_new_with_policies ("autoplay", WEBKIT_AUTOPLAY_ALLOW,
                                                        NULL);
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", lurk_web_get_context (),
                                 "network-session", lurk_web_get_network_session (),
                                 "settings", lurk_web_get_settings (),
                                 "website-policies", policies,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  lurk_web_connect_policy (self->web_view);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "load-failed", G_CALLBACK (load_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->web_view), "web");
}

static void
lurk_web_view_dispose (GObject *object)
{
  LurkWebView *self = LURK_WEB_VIEW (object);

  if (self->web_view != NULL)
    webkit_web_view_terminate_web_process (self->web_view);
  self->web_view = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (lurk_web_view_parent_class)->dispose (object);
}

static void
lurk_web_view_finalize (GObject *object)
{
  LurkWebView *self = LURK_WEB_VIEW (object);

  g_clear_pointer (&self->embed_url, g_free);
  g_clear_pointer (&self->background, g_free);

  G_OBJECT_CLASS (lurk_web_view_parent_class)->finalize (object);
}

static void
lurk_web_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LurkWebView *self = LURK_WEB_VIEW (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_web_view_class_init (LurkWebViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_web_view_dispose;
  object_class->finalize = lurk_web_view_finalize;
  object_class->get_property = lurk_web_view_get_property;

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      LURK_WEB_VIEW_EMPTY, LURK_WEB_VIEW_DISABLED, LURK_WEB_VIEW_EMPTY,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "embed.reload", NULL, reload_action);
}

static void
lurk_web_view_init (LurkWebView *self)
{
  GtkWidget *button;

  self->stack = GTK_STACK (gtk_stack_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");
  button = gtk_button_new_with_mnemonic (_("_Reload"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "embed.reload");
  adw_status_page_set_child (self->status_page, button);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");

  if (lurk_web_views_disabled ())
    {
      adw_status_page_set_icon_name (self->status_page, "web-browser-symbolic");
      adw_status_page_set_title (self->status_page, _("Web Views Are Off"));
      adw_status_page_set_child (self->status_page, NULL);
      self->status = LURK_WEB_VIEW_DISABLED;
    }
}

GtkWidget *
lurk_web_view_new (void)
{
  return g_object_new (LURK_TYPE_WEB_VIEW, NULL);
}

/**
 * lurk_web_view_load_embed:
 * @self: a web view
 * @embed_url: (nullable): the player or chat URL (with `parent=localhost`); %NULL unloads
 * @background: (nullable): the host page's background color (CSS)
 *
 * Loads the host page framing @embed_url, with the base URI `http://localhost/`.
 */
void
lurk_web_view_load_embed (LurkWebView *self,
                          const char  *embed_url,
                          const char  *background)
{
  g_autofree char *html = NULL;

  g_return_if_fail (LURK_IS_WEB_VIEW (self));

  if (g_strcmp0 (self->embed_url, embed_url) == 0 &&
      g_strcmp0 (self->background, background) == 0 &&
      self->status != LURK_WEB_VIEW_FAILED && self->status != LURK_WEB_VIEW_CRASHED)
    return;

  g_free (self->embed_url);
  self->embed_url = g_strdup (embed_url);
  g_free (self->background);
  self->background = g_strdup (background);

  if (lurk_web_views_disabled ())
    return;

  lurk_web_view_ensure_web_view (self);

  if (embed_url == NULL)
    {
      webkit_web_view_load_uri (self->web_view, "about:blank");
      lurk_web_view_set_status (self, LURK_WEB_VIEW_EMPTY);
      return;
    }

  html = lurk_web_view_build_host_page (embed_url, background);
  gtk_stack_set_visible_child_name (self->stack, "web");
  lurk_web_view_set_status (self, LURK_WEB_VIEW_LOADING);
  webkit_web_view_load_html (self->web_view, html, "http://localhost/");
}

/**
 * lurk_web_view_reload:
 * @self: a web view
 *
 * Loads the embed again (the status page's Reload button).
 */
void
lurk_web_view_reload (LurkWebView *self)
{
  g_autofree char *url = NULL;
  g_autofree char *background = NULL;

  g_return_if_fail (LURK_IS_WEB_VIEW (self));

  if (self->embed_url == NULL || self->web_view == NULL)
    return;

  url = g_steal_pointer (&self->embed_url);
  background = g_steal_pointer (&self->background);
  lurk_web_view_load_embed (self, url, background);
}

LurkWebViewStatus
lurk_web_view_get_status (LurkWebView *self)
{
  g_return_val_if_fail (LURK_IS_WEB_VIEW (self), LURK_WEB_VIEW_EMPTY);

  return self->status;
}

const char *
lurk_web_view_get_embed_url (LurkWebView *self)
{
  g_return_val_if_fail (LURK_IS_WEB_VIEW (self), NULL);

  return self->embed_url;
}

/**
 * lurk_web_view_get_web_view:
 * @self: a web view
 *
 * Returns: (transfer none) (nullable): the WebKit view, once something was loaded
 */
WebKitWebView *
lurk_web_view_get_web_view (LurkWebView *self)
{
  g_return_val_if_fail (LURK_IS_WEB_VIEW (self), NULL);

  return self->web_view;
}
