/* lurk-web-engine.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <webkit/webkit.h>

G_BEGIN_DECLS

/* Inside liblurk-web.so only (and the tests that link it): the embeds' one network session,
 * web context and settings, and the navigation rules (lurk-web-engine.c). Call after the
 * module was initialized (lurk_web_module_load()). */
WebKitNetworkSession *lurk_web_get_network_session    (void);
WebKitWebContext     *lurk_web_get_context            (void);
WebKitSettings       *lurk_web_get_settings           (void);
char                 *lurk_web_dup_sim_origin         (void);
void                  lurk_web_connect_policy         (WebKitWebView *web_view);
void                  lurk_web_open_in_browser        (const char    *uri);

G_END_DECLS
