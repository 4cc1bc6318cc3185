/* lurk-embed-popup.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

#define LURK_TYPE_EMBED_POPUP (lurk_embed_popup_get_type ())

G_DECLARE_FINAL_TYPE (LurkEmbedPopup, lurk_embed_popup, LURK, EMBED_POPUP, AdwWindow)

WebKitWebView *lurk_embed_popup_create_view (WebKitWebView *related_view,
                                             GtkWindow     *parent);

G_END_DECLS
