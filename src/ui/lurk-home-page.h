/* lurk-home-page.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LURK_TYPE_HOME_PAGE (lurk_home_page_get_type ())

G_DECLARE_FINAL_TYPE (LurkHomePage, lurk_home_page, LURK, HOME_PAGE, AdwBin)

GtkWidget  *lurk_home_page_new                (void);
const char *lurk_home_page_get_favorite_login (LurkHomePage *self);
void        lurk_home_page_set_favorite_login (LurkHomePage *self,
                                               const char   *favorite_login);
const char *lurk_home_page_get_error_text     (LurkHomePage *self);

G_END_DECLS
