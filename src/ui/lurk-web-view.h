/* lurk-web-view.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

/**
 * LurkWebViewStatus:
 * @LURK_WEB_VIEW_EMPTY: nothing loaded
 * @LURK_WEB_VIEW_LOADING: loading
 * @LURK_WEB_VIEW_LOADED: the page is shown
 * @LURK_WEB_VIEW_FAILED: the load failed: a status page with Reload
 * @LURK_WEB_VIEW_CRASHED: the web process ended: a status page with Reload
 * @LURK_WEB_VIEW_DISABLED: web views are turned off (`LURK_DISABLE_WEB_VIEWS=1`)
 */
typedef enum
{
  LURK_WEB_VIEW_EMPTY,
  LURK_WEB_VIEW_LOADING,
  LURK_WEB_VIEW_LOADED,
  LURK_WEB_VIEW_FAILED,
  LURK_WEB_VIEW_CRASHED,
  LURK_WEB_VIEW_DISABLED,
} LurkWebViewStatus;

#define LURK_TYPE_WEB_VIEW (lurk_web_view_get_type ())

G_DECLARE_FINAL_TYPE (LurkWebView, lurk_web_view, LURK, WEB_VIEW, AdwBin)

GtkWidget         *lurk_web_view_new              (void);
void               lurk_web_view_load_embed       (LurkWebView *self,
                                                   const char  *embed_url,
                                                   const char  *background);
void               lurk_web_view_reload           (LurkWebView *self);
LurkWebViewStatus  lurk_web_view_get_status       (LurkWebView *self);
const char        *lurk_web_view_get_embed_url    (LurkWebView *self);
WebKitWebView     *lurk_web_view_get_web_view     (LurkWebView *self);
char              *lurk_web_view_build_host_page  (const char  *embed_url,
                                                   const char  *background);

/* The embeds' one network session, web context and settings (lurk-web-view.c). */
gboolean              lurk_web_views_disabled         (void);
WebKitNetworkSession *lurk_web_get_network_session    (void);
WebKitWebContext     *lurk_web_get_context            (void);
WebKitSettings       *lurk_web_get_settings           (void);
char                 *lurk_web_dup_sim_origin         (void);
void                  lurk_web_connect_policy         (WebKitWebView *web_view);
void                  lurk_web_open_in_browser        (const char    *uri);

G_END_DECLS
