/* lurk-web-view.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-web-module.h"

G_BEGIN_DECLS

/**
 * LurkWebViewStatus:
 * @LURK_WEB_VIEW_EMPTY: nothing loaded
 * @LURK_WEB_VIEW_LOADING: loading
 * @LURK_WEB_VIEW_LOADED: the page is shown
 * @LURK_WEB_VIEW_FAILED: the load failed: a status page with Reload
 * @LURK_WEB_VIEW_CRASHED: the web process ended: a status page with Reload
 * @LURK_WEB_VIEW_DISABLED: web views are turned off (`LURK_DISABLE_WEB_VIEWS=1`)
 * @LURK_WEB_VIEW_UNAVAILABLE: the web module (liblurk-web.so) could not be loaded
 * @LURK_WEB_VIEW_NO_CODECS: a player whose engine cannot play Twitch's streams (no H.264 or
 *   AAC decoder, or no Media Source Extensions): a status page says what to install
 */
typedef enum
{
  LURK_WEB_VIEW_EMPTY,
  LURK_WEB_VIEW_LOADING,
  LURK_WEB_VIEW_LOADED,
  LURK_WEB_VIEW_FAILED,
  LURK_WEB_VIEW_CRASHED,
  LURK_WEB_VIEW_DISABLED,
  LURK_WEB_VIEW_UNAVAILABLE,
  LURK_WEB_VIEW_NO_CODECS,
} LurkWebViewStatus;

#define LURK_TYPE_WEB_VIEW (lurk_web_view_get_type ())

G_DECLARE_FINAL_TYPE (LurkWebView, lurk_web_view, LURK, WEB_VIEW, AdwBin)

GtkWidget         *lurk_web_view_new              (void);
void               lurk_web_view_load_embed       (LurkWebView *self,
                                                   const char  *embed_url,
                                                   const char  *background);
void               lurk_web_view_load_player      (LurkWebView *self,
                                                   const char  *api_url,
                                                   const char  *player_url,
                                                   const char  *background);
void               lurk_web_view_reload           (LurkWebView *self);
LurkWebPlayerState lurk_web_view_get_player_state (LurkWebView *self);
double             lurk_web_view_get_latency_seconds (LurkWebView *self);
LurkWebViewStatus  lurk_web_view_get_status       (LurkWebView *self);
void               lurk_web_view_set_plays_video  (LurkWebView *self,
                                                   gboolean     plays_video);
gboolean           lurk_web_view_get_plays_video  (LurkWebView *self);
const char        *lurk_web_view_get_embed_url    (LurkWebView *self);
GtkWidget         *lurk_web_view_get_web_view     (LurkWebView *self);
char              *lurk_web_view_build_host_page  (const char  *embed_url,
                                                   const char  *background);
char              *lurk_web_view_build_player_page (const char *api_url,
                                                    const char *player_url,
                                                    const char *background);

gboolean           lurk_web_views_disabled        (void);

/* For lurk-web-loader.c: a view made by the web module reports to its LurkWebView. */
void               _lurk_web_view_report          (GObject      *owner,
                                                   LurkWebEvent  event);
void               _lurk_web_view_report_media    (GObject      *owner,
                                                   LurkWebMedia  missing);
void               _lurk_web_view_report_player   (GObject            *owner,
                                                   LurkWebPlayerState  state,
                                                   double              latency);
char              *_lurk_web_view_describe_missing_media (LurkWebMedia missing,
                                                          gboolean     flatpak);

G_END_DECLS
