/* lurk-web-view.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-web-view"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lurk-web-view.h"

/*
 * LurkWebView shows one of Twitch's embeds (player or chat) the way TWITCH.md "Embeds" says
 * they work: a small host page loaded with the base URI `http://localhost/` frames the embed
 * URL (built with `parent=localhost`).
 *
 * This widget is the app's side only and does not use WebKit: the WebKit view inside it, the
 * shared network session and settings, and the navigation rules live in liblurk-web.so
 * (lurk-web-engine.c), which `lurk` opens the first time an embed is loaded
 * (lurk_web_module_load_async(), lurk-web-loader.c) — after the first frame, since the
 * streamer page loads its embeds then. Until the module is there the view is blank; if it
 * cannot be loaded the view says the player and chat are unavailable. A failed load or a
 * crashed web process shows a status page with Reload.
 *
 * A view that plays video (the player: plays-video) asks the engine, once each page has
 * loaded, whether it can play Twitch's streams at all (LurkWebModule.view_check_media(), see
 * lurk-web-engine.c for why the host page is asked, from C); when H.264, AAC or Media Source
 * Extensions are missing, a status page names what is missing and what to install, in place of
 * Twitch's error #4000.
 *
 * The player is created through Twitch's embed API (lurk_web_view_load_player(): the host page
 * loads `v1.js` and makes a `Twitch.Player`), so the view can tell what the video does: about
 * once a second while the page is loaded and on screen, it asks the page
 * (LurkWebModule.view_poll_player()) and keeps the answer in player-state and latency-seconds
 * (the embed API's hlsLatencyBroadcaster), which the streamer page times events by.
 */

#define PLAYER_POLL_MS 1000

struct _LurkWebView
{
  AdwBin               parent_instance;

  char                *embed_url;
  char                *api_url;
  char                *background;
  LurkWebViewStatus    status;
  LurkWebPlayerState   player_state;
  double               latency;
  guint                poll_id;

  GtkStack            *stack;
  GtkWidget           *web_view;
  AdwStatusPage       *status_page;
  GCancellable        *cancellable;
  const LurkWebModule *module;
  guint                module_requested : 1;
  guint                plays_video : 1;
  guint                polling : 1;
};

G_DEFINE_FINAL_TYPE (LurkWebView, lurk_web_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_PLAYS_VIDEO,
  PROP_PLAYER_STATE,
  PROP_LATENCY_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void lurk_web_view_apply (LurkWebView *self);
static void lurk_web_view_update_polling (LurkWebView *self);

gboolean
lurk_web_views_disabled (void)
{
  const char *value = g_getenv ("LURK_DISABLE_WEB_VIEWS");

  return value != NULL && value[0] != '\0' && !g_str_equal (value, "0");
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

/* The player page's script: it creates the player through the embed API and keeps its state
 * from the API's events; lurkPlayerPoll() is what lurk-web-engine.c asks once a second.
 * getPlaybackStats() is read both flat, as Twitch's page documents it, and nested in
 * videoStatistics, as some of Twitch's players have answered. */
static const char player_script[] =
  "'use strict';"
  "(() => {"
  "  let state = 'loading', player = null;"
  "  try {"
  "    player = new Twitch.Player('player', OPTIONS);"
  "  } catch (e) {"
  "    state = 'none';"
  "  }"
  "  if (player) {"
  "    const P = Twitch.Player;"
  "    const on = (name, f) => { if (name) player.addEventListener(name, f); };"
  "    on(P.READY, () => { if (state === 'loading') state = 'ready'; });"
  "    on(P.PLAY, () => { if (state !== 'offline') state = 'buffering'; });"
  "    on(P.PLAYING, () => { state = 'playing'; });"
  "    on(P.PAUSE, () => { if (state !== 'offline') state = 'paused'; });"
  "    on(P.ONLINE, () => { if (state === 'offline') state = 'buffering'; });"
  "    on(P.OFFLINE, () => { state = 'offline'; });"
  "    on(P.ENDED, () => { state = 'offline'; });"
  "  }"
  "  Object.defineProperty(window, 'lurkPlayerPoll', { value: () => {"
  "    let latency = -1, now = state;"
  "    try {"
  "      const stats = player.getPlaybackStats() || {};"
  "      const video = stats.videoStatistics || stats;"
  "      if (typeof video.hlsLatencyBroadcaster === 'number')"
  "        latency = video.hlsLatencyBroadcaster;"
  "      if (now === 'playing' && player.isPaused())"
  "        now = 'paused';"
  "    } catch (e) {}"
  "    return { state: now, latency };"
  "  } });"
  "})();";

/* "parent" may repeat; the others are single. */
static JsonNode *
player_options (const char *player_url)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GUri) uri = g_uri_parse (player_url, G_URI_FLAGS_ENCODED_QUERY, NULL);
  const char *query = uri != NULL ? g_uri_get_query (uri) : NULL;
  const char *value;

  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "width");
  json_builder_add_string_value (builder, "100%");
  json_builder_set_member_name (builder, "height");
  json_builder_add_string_value (builder, "100%");
  if (params != NULL && (value = g_hash_table_lookup (params, "channel")) != NULL)
    {
      json_builder_set_member_name (builder, "channel");
      json_builder_add_string_value (builder, value);
    }
  json_builder_set_member_name (builder, "parent");
  json_builder_begin_array (builder);
  value = params != NULL ? g_hash_table_lookup (params, "parent") : NULL;
  json_builder_add_string_value (builder, value != NULL ? value : "localhost");
  json_builder_end_array (builder);
  value = params != NULL ? g_hash_table_lookup (params, "autoplay") : NULL;
  json_builder_set_member_name (builder, "autoplay");
  json_builder_add_boolean_value (builder, g_strcmp0 (value, "false") != 0);
  value = params != NULL ? g_hash_table_lookup (params, "muted") : NULL;
  json_builder_set_member_name (builder, "muted");
  json_builder_add_boolean_value (builder, g_strcmp0 (value, "true") == 0);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * lurk_web_view_build_player_page:
 * @api_url: the embed API script (lurk_endpoints_dup_embed_api_url())
 * @player_url: the player URL (lurk_endpoints_build_player_url()), whose `channel`,
 *   `parent`, `autoplay` and `muted` become the player's options
 * @background: (nullable): a CSS color for the page behind the player
 *
 * Returns: (transfer full): the HTML of a page that creates the player through the embed API
 *   (`new Twitch.Player(…)`), edge to edge
 */
char *
lurk_web_view_build_player_page (const char *api_url,
                                 const char *player_url,
                                 const char *background)
{
  g_autoptr(JsonNode) options = NULL;
  g_autofree char *json = NULL;
  g_autofree char *src = NULL;
  g_autofree char *bg = NULL;
  g_autofree char *script = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) json_parts = NULL;

  g_return_val_if_fail (api_url != NULL, NULL);
  g_return_val_if_fail (player_url != NULL, NULL);

  options = player_options (player_url);
  json = json_to_string (options, FALSE);
  /* Inside <script>: a "</" in a value must not end it. */
  json_parts = g_strsplit (json, "</", -1);
  g_free (json);
  json = g_strjoinv ("<\\/", json_parts);
  parts = g_strsplit (player_script, "OPTIONS", 2);
  script = g_strconcat (parts[0], json, parts[1], NULL);

  src = g_markup_escape_text (api_url, -1);
  bg = g_markup_escape_text (background != NULL ? background : "#0e0e10", -1);

  return g_strdup_printf ("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                          "<meta name=\"referrer\" content=\"origin\">"
                          "<style>html,body,#player{margin:0;height:100%%;overflow:hidden;"
                          "background:%s}iframe{display:block;border:0}</style></head><body>"
                          "<div id=\"player\"></div><script src=\"%s\"></script>"
                          "<script>%s</script></body></html>",
                          bg, src, script);
}

static void
lurk_web_view_set_status (LurkWebView       *self,
                          LurkWebViewStatus  status)
{
  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  lurk_web_view_update_polling (self);
}

static void
lurk_web_view_set_player (LurkWebView        *self,
                          LurkWebPlayerState  state,
                          double              latency)
{
  if (latency < 0)
    latency = -1;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->player_state != state)
    {
      self->player_state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYER_STATE]);
    }
  if (self->latency != latency)
    {
      self->latency = latency;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY_SECONDS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * _lurk_web_view_report_player:
 * @owner: the #LurkWebView whose page was asked (LurkWebModule.view_poll_player())
 * @state: what its player does
 * @latency: the player's latency to the broadcaster in seconds, < 0 for none
 *
 * LurkWebHost.view_player.
 */
void
_lurk_web_view_report_player (GObject            *owner,
                              LurkWebPlayerState  state,
                              double              latency)
{
  LurkWebView *self;

  g_return_if_fail (LURK_IS_WEB_VIEW (owner));

  self = LURK_WEB_VIEW (owner);
  self->polling = FALSE;
  /* An answer that arrives after the page was replaced or hidden is stale. */
  if (self->poll_id == 0)
    return;

  lurk_web_view_set_player (self, state, latency);
}

static gboolean
poll_player_cb (gpointer user_data)
{
  LurkWebView *self = user_data;

  /* One question at a time: a busy web process answers late, not twice. */
  if (!self->polling && self->web_view != NULL)
    {
      self->polling = TRUE;
      self->module->view_poll_player (self->web_view);
    }

  return G_SOURCE_CONTINUE;
}

/* Asks the player while its page is loaded and on screen; otherwise there is no player to
 * follow (a hidden player is not being watched). */
static void
lurk_web_view_update_polling (LurkWebView *self)
{
  gboolean wanted = self->api_url != NULL && self->web_view != NULL &&
                    self->status == LURK_WEB_VIEW_LOADED &&
                    gtk_widget_get_mapped (GTK_WIDGET (self));

  if (wanted && self->poll_id == 0)
    {
      self->poll_id = g_timeout_add (PLAYER_POLL_MS, poll_player_cb, self);
      poll_player_cb (self);
    }
  else if (!wanted && self->poll_id != 0)
    {
      g_clear_handle_id (&self->poll_id, g_source_remove);
      lurk_web_view_set_player (self, LURK_WEB_PLAYER_NONE, -1);
    }
}

/* The status page is made when first needed: a view that never fails builds none (and the
 * hidden page's icon is not loaded for the first frame, GtkStack measures every child). */
static void
lurk_web_view_ensure_status_page (LurkWebView *self)
{
  GtkWidget *button;

  if (self->status_page != NULL)
    return;

  self->status_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  gtk_widget_add_css_class (GTK_WIDGET (self->status_page), "compact");
  button = gtk_button_new_with_mnemonic (_("_Reload"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "embed.reload");
  adw_status_page_set_child (self->status_page, button);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status_page), "status");
}

static void
lurk_web_view_show_problem (LurkWebView       *self,
                            LurkWebViewStatus  status,
                            const char        *title,
                            const char        *description)
{
  GtkWidget *button;

  lurk_web_view_ensure_status_page (self);
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  /* Reloading cannot bring decoders: the web process reads GStreamer's plugins once. */
  button = adw_status_page_get_child (self->status_page);
  if (button != NULL)
    gtk_widget_set_visible (button, status != LURK_WEB_VIEW_NO_CODECS);
  if (status == LURK_WEB_VIEW_NO_CODECS)
    adw_status_page_set_icon_name (self->status_page, "video-x-generic-symbolic");
  else if (g_strcmp0 (adw_status_page_get_icon_name (self->status_page),
                      "video-x-generic-symbolic") == 0)
    adw_status_page_set_icon_name (self->status_page, "dialog-warning-symbolic");
  gtk_stack_set_visible_child_name (self->stack, "status");
  lurk_web_view_set_status (self, status);
}

/**
 * _lurk_web_view_describe_missing_media:
 * @missing: the LurkWebMedia flags the engine lacks (not 0)
 * @flatpak: whether Lurk runs in a Flatpak sandbox
 *
 * Returns: (transfer full): what is missing and what to install, for the status page
 */
char *
_lurk_web_view_describe_missing_media (LurkWebMedia missing,
                                       gboolean     flatpak)
{
  const char *what;
  const char *fix;

  if (missing & LURK_WEB_MEDIA_MSE)
    return g_strdup (_("This system’s WebKitGTK was built without Media Source Extensions, "
                       "which Twitch’s player needs to stream video."));

  if ((missing & LURK_WEB_MEDIA_H264) && (missing & LURK_WEB_MEDIA_AAC))
    what = _("There is no H.264 video decoder and no AAC audio decoder for Twitch’s player.");
  else if (missing & LURK_WEB_MEDIA_H264)
    what = _("There is no H.264 video decoder for Twitch’s player.");
  else
    what = _("There is no AAC audio decoder for Twitch’s player.");

  /* Flatpak: GNOME 49 and later runtimes (freedesktop 25.08) download the codecs extension
   * by themselves; it is missing only when it was removed or never came. */
  if (flatpak)
    fix = _("Install the Flatpak runtime’s codecs, org.freedesktop.Platform.codecs-extra, then "
            "restart Lurk.");
  else
    fix = _("Install gstreamer1.0-libav (Debian, Ubuntu), or gstreamer1-plugin-openh264 and "
            "gstreamer1-plugin-libav (Fedora), then restart Lurk.");

  return g_strconcat (what, " ", fix, NULL);
}

/**
 * _lurk_web_view_report_media:
 * @owner: the #LurkWebView whose page was asked (LurkWebModule.view_check_media())
 * @missing: the LurkWebMedia flags the engine lacks, 0 for none
 *
 * LurkWebHost.view_media: shows what to install in place of a player that cannot play.
 */
void
_lurk_web_view_report_media (GObject      *owner,
                             LurkWebMedia  missing)
{
  LurkWebView *self;
  g_autofree char *description = NULL;

  g_return_if_fail (LURK_IS_WEB_VIEW (owner));

  self = LURK_WEB_VIEW (owner);
  if (self->stack == NULL || !self->plays_video || missing == 0 ||
      self->status != LURK_WEB_VIEW_LOADED)
    return;

  description = _lurk_web_view_describe_missing_media (
    missing, g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS));
  lurk_web_view_show_problem (self, LURK_WEB_VIEW_NO_CODECS, _("Video Cannot Play"),
                              description);
}

/**
 * _lurk_web_view_report:
 * @owner: the #LurkWebView the module's view was made for
 * @event: what happened
 *
 * LurkWebHost.view_event: the web module's view of @owner loaded, failed or crashed.
 */
void
_lurk_web_view_report (GObject      *owner,
                       LurkWebEvent  event)
{
  LurkWebView *self;

  g_return_if_fail (LURK_IS_WEB_VIEW (owner));

  self = LURK_WEB_VIEW (owner);

  /* A late report from a view this widget has already let go of. */
  if (self->stack == NULL)
    return;

  switch (event)
    {
    case LURK_WEB_EVENT_LOADED:
      if (self->status == LURK_WEB_VIEW_LOADING)
        {
          lurk_web_view_set_status (self, LURK_WEB_VIEW_LOADED);
          if (self->plays_video && self->web_view != NULL)
            self->module->view_check_media (self->web_view);
        }
      break;

    case LURK_WEB_EVENT_FAILED:
      lurk_web_view_show_problem (self, LURK_WEB_VIEW_FAILED,
                                  _("Could Not Load"),
                                  _("Check your connection, then reload"));
      break;

    case LURK_WEB_EVENT_CRASHED:
    case LURK_WEB_EVENT_OUT_OF_MEMORY:
    default:
      lurk_web_view_show_problem (self, LURK_WEB_VIEW_CRASHED,
                                  _("Stopped Unexpectedly"),
                                  event == LURK_WEB_EVENT_OUT_OF_MEMORY
                                  ? _("It used too much memory")
                                  : _("Reload to try again"));
      break;
    }
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  lurk_web_view_reload (LURK_WEB_VIEW (widget));
}

static void
module_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LurkWebView) self = user_data;
  g_autoptr(GError) error = NULL;
  const LurkWebModule *module;

  module = lurk_web_module_load_finish (result, &error);
  if (module == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* The loader logged why, once for all views. */
      lurk_web_view_ensure_status_page (self);
      adw_status_page_set_icon_name (self->status_page, "web-browser-symbolic");
      adw_status_page_set_child (self->status_page, NULL);
      lurk_web_view_show_problem (self, LURK_WEB_VIEW_UNAVAILABLE,
                                  _("Player and Chat Unavailable"),
                                  _("This installation of Lurk cannot show web pages. "
                                    "Events still arrive in the sidebar."));
      return;
    }

  /* One module per process: a view that peeked at it already has this one. */
  g_assert (self->module == NULL || self->module == module);
  self->module = module;
  lurk_web_view_apply (self);
}

/* Shows the current embed_url, once the module is there. */
static void
lurk_web_view_apply (LurkWebView *self)
{
  g_autofree char *html = NULL;

  if (lurk_web_views_disabled () || self->status == LURK_WEB_VIEW_UNAVAILABLE ||
      self->stack == NULL)
    return;

  if (self->module == NULL)
    self->module = lurk_web_module_peek ();

  if (self->module == NULL)
    {
      /* Blank (not the status page) while the module opens in a worker thread. */
      if (self->embed_url != NULL)
        lurk_web_view_set_status (self, LURK_WEB_VIEW_LOADING);
      if (!self->module_requested)
        {
          self->module_requested = TRUE;
          lurk_web_module_load_async (self->cancellable, module_loaded_cb,
                                      g_object_ref (self));
        }
      return;
    }

  if (self->web_view == NULL)
    {
      self->web_view = self->module->view_new (G_OBJECT (self));
      gtk_stack_add_named (self->stack, self->web_view, "web");
    }

  if (self->embed_url == NULL)
    {
      self->module->view_load_uri (self->web_view, "about:blank");
      lurk_web_view_set_status (self, LURK_WEB_VIEW_EMPTY);
      return;
    }

  if (self->api_url != NULL)
    html = lurk_web_view_build_player_page (self->api_url, self->embed_url, self->background);
  else
    html = lurk_web_view_build_host_page (self->embed_url, self->background);
  gtk_stack_set_visible_child_name (self->stack, "web");
  lurk_web_view_set_status (self, LURK_WEB_VIEW_LOADING);
  self->module->view_load_html (self->web_view, html, "http://localhost/");
}

static void
lurk_web_view_dispose (GObject *object)
{
  LurkWebView *self = LURK_WEB_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->web_view != NULL)
    self->module->view_terminate (self->web_view);
  self->web_view = NULL;
  self->status_page = NULL;
  self->stack = NULL;
  adw_bin_set_child (ADW_BIN (self), NULL);

  G_OBJECT_CLASS (lurk_web_view_parent_class)->dispose (object);
}

static void
lurk_web_view_finalize (GObject *object)
{
  LurkWebView *self = LURK_WEB_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->embed_url, g_free);
  g_clear_pointer (&self->api_url, g_free);
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

    case PROP_PLAYS_VIDEO:
      g_value_set_boolean (value, self->plays_video);
      break;

    case PROP_PLAYER_STATE:
      g_value_set_int (value, self->player_state);
      break;

    case PROP_LATENCY_SECONDS:
      g_value_set_double (value, self->latency);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_web_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LurkWebView *self = LURK_WEB_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYS_VIDEO:
      lurk_web_view_set_plays_video (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_web_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lurk_web_view_parent_class)->map (widget);
  lurk_web_view_update_polling (LURK_WEB_VIEW (widget));
}

static void
lurk_web_view_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lurk_web_view_parent_class)->unmap (widget);
  lurk_web_view_update_polling (LURK_WEB_VIEW (widget));
}

static void
lurk_web_view_class_init (LurkWebViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_web_view_dispose;
  object_class->finalize = lurk_web_view_finalize;
  object_class->get_property = lurk_web_view_get_property;
  object_class->set_property = lurk_web_view_set_property;

  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL,
                      LURK_WEB_VIEW_EMPTY, LURK_WEB_VIEW_NO_CODECS, LURK_WEB_VIEW_EMPTY,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The view shows Twitch's player: it checks that the engine can play Twitch's streams. */
  properties[PROP_PLAYS_VIDEO] =
    g_param_spec_boolean ("plays-video", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));
  /* What the player made through the embed API does (LurkWebPlayerState); NONE when there
   * is no such player or it is not on screen. */
  properties[PROP_PLAYER_STATE] =
    g_param_spec_int ("player-state", NULL, NULL,
                      LURK_WEB_PLAYER_NONE, LURK_WEB_PLAYER_OFFLINE, LURK_WEB_PLAYER_NONE,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Its latency to the broadcaster (hlsLatencyBroadcaster), seconds; -1 when unknown. */
  properties[PROP_LATENCY_SECONDS] =
    g_param_spec_double ("latency-seconds", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  widget_class->map = lurk_web_view_map;
  widget_class->unmap = lurk_web_view_unmap;

  gtk_widget_class_install_action (widget_class, "embed.reload", NULL, reload_action);
}

static void
lurk_web_view_init (LurkWebView *self)
{
  self->cancellable = g_cancellable_new ();
  self->latency = -1;
  self->stack = GTK_STACK (gtk_stack_new ());
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  gtk_stack_add_named (self->stack, gtk_box_new (GTK_ORIENTATION_VERTICAL, 0), "blank");

  if (lurk_web_views_disabled ())
    {
      lurk_web_view_ensure_status_page (self);
      adw_status_page_set_icon_name (self->status_page, "web-browser-symbolic");
      adw_status_page_set_title (self->status_page, _("Web Views Are Off"));
      adw_status_page_set_child (self->status_page, NULL);
      gtk_stack_set_visible_child_name (self->stack, "status");
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
 * Loads the host page framing @embed_url, with the base URI `http://localhost/`; the first
 * call opens the web module (in a worker thread), so the page comes a little later.
 */
void
lurk_web_view_load_embed (LurkWebView *self,
                          const char  *embed_url,
                          const char  *background)
{
  g_return_if_fail (LURK_IS_WEB_VIEW (self));

  lurk_web_view_load_player (self, NULL, embed_url, background);
}

/**
 * lurk_web_view_load_player:
 * @self: a web view
 * @api_url: (nullable): the embed API script (lurk_endpoints_dup_embed_api_url()); %NULL
 *   frames @player_url as lurk_web_view_load_embed() does
 * @player_url: (nullable): the player URL (lurk_endpoints_build_player_url()); %NULL unloads
 * @background: (nullable): the host page's background color (CSS)
 *
 * Loads a page that creates the player of @player_url through the embed API at @api_url
 * (lurk_web_view_build_player_page()), with the base URI `http://localhost/`; the view then
 * follows the player (player-state, latency-seconds).
 */
void
lurk_web_view_load_player (LurkWebView *self,
                           const char  *api_url,
                           const char  *player_url,
                           const char  *background)
{
  g_return_if_fail (LURK_IS_WEB_VIEW (self));

  if (g_strcmp0 (self->embed_url, player_url) == 0 &&
      g_strcmp0 (self->api_url, api_url) == 0 &&
      g_strcmp0 (self->background, background) == 0 &&
      self->status != LURK_WEB_VIEW_FAILED && self->status != LURK_WEB_VIEW_CRASHED)
    return;

  g_free (self->embed_url);
  self->embed_url = g_strdup (player_url);
  g_free (self->api_url);
  self->api_url = g_strdup (api_url);
  g_free (self->background);
  self->background = g_strdup (background);

  lurk_web_view_apply (self);
}

/**
 * lurk_web_view_get_player_state:
 * @self: a web view
 *
 * Returns: what the player made through the embed API does; %LURK_WEB_PLAYER_NONE when
 *   there is none or it is not on screen
 */
LurkWebPlayerState
lurk_web_view_get_player_state (LurkWebView *self)
{
  g_return_val_if_fail (LURK_IS_WEB_VIEW (self), LURK_WEB_PLAYER_NONE);

  return self->player_state;
}

/**
 * lurk_web_view_get_latency_seconds:
 * @self: a web view
 *
 * Returns: the player's latency to the broadcaster (hlsLatencyBroadcaster) in seconds, or
 *   -1 when unknown
 */
double
lurk_web_view_get_latency_seconds (LurkWebView *self)
{
  g_return_val_if_fail (LURK_IS_WEB_VIEW (self), -1);

  return self->latency;
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
  g_return_if_fail (LURK_IS_WEB_VIEW (self));

  if (self->embed_url == NULL || self->web_view == NULL)
    return;

  lurk_web_view_apply (self);
}

void
lurk_web_view_set_plays_video (LurkWebView *self,
                               gboolean     plays_video)
{
  g_return_if_fail (LURK_IS_WEB_VIEW (self));

  plays_video = !!plays_video;
  if (self->plays_video == (guint) plays_video)
    return;

  self->plays_video = plays_video;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYS_VIDEO]);
}

gboolean
lurk_web_view_get_plays_video (LurkWebView *self)
{
  g_return_val_if_fail (LURK_IS_WEB_VIEW (self), FALSE);

  return self->plays_video;
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
 * Returns: (transfer none) (nullable): the web module's view (a WebKitWebView), once
 *   something was loaded
 */
GtkWidget *
lurk_web_view_get_web_view (LurkWebView *self)
{
  g_return_val_if_fail (LURK_IS_WEB_VIEW (self), NULL);

  return self->web_view;
}
