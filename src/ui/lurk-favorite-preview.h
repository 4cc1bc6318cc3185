/* lurk-favorite-preview.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-account.h"

G_BEGIN_DECLS

#define LURK_TYPE_FAVORITE_PREVIEW (lurk_favorite_preview_get_type ())

G_DECLARE_FINAL_TYPE (LurkFavoritePreview, lurk_favorite_preview, LURK, FAVORITE_PREVIEW, GtkWidget)

GtkWidget   *lurk_favorite_preview_new            (void);
void         lurk_favorite_preview_set_account    (LurkFavoritePreview *self,
                                                   LurkAccount         *account);
void         lurk_favorite_preview_look_up        (LurkFavoritePreview *self,
                                                   const char          *login);
void         lurk_favorite_preview_clear          (LurkFavoritePreview *self);
void         lurk_favorite_preview_save           (LurkFavoritePreview *self);
const char  *lurk_favorite_preview_get_login      (LurkFavoritePreview *self);
const char  *lurk_favorite_preview_get_name       (LurkFavoritePreview *self);
const char  *lurk_favorite_preview_get_status     (LurkFavoritePreview *self);
gboolean     lurk_favorite_preview_get_busy       (LurkFavoritePreview *self);
const char  *lurk_favorite_preview_get_unavailable (LurkFavoritePreview *self);

G_END_DECLS
