/* lurk-account-area.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-account.h"

G_BEGIN_DECLS

#define LURK_TYPE_ACCOUNT_AREA (lurk_account_area_get_type ())

G_DECLARE_FINAL_TYPE (LurkAccountArea, lurk_account_area, LURK, ACCOUNT_AREA, AdwBin)

GtkWidget   *lurk_account_area_new             (LurkAccount     *account);
LurkAccount *lurk_account_area_get_account     (LurkAccountArea *self);
void         lurk_account_area_set_account     (LurkAccountArea *self,
                                                LurkAccount     *account);
const char  *lurk_account_area_get_page_name   (LurkAccountArea *self);

G_END_DECLS
