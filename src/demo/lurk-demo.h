/* lurk-demo.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-account.h"

G_BEGIN_DECLS

#define LURK_TYPE_DEMO (lurk_demo_get_type ())

G_DECLARE_FINAL_TYPE (LurkDemo, lurk_demo, LURK, DEMO, GObject)

LurkDemo   *lurk_demo_new      (const char    *scenario,
                                GError       **error);
const char *lurk_demo_get_url  (LurkDemo      *self);
const char *lurk_demo_get_access_token      (LurkDemo *self);
const char *lurk_demo_get_client_id         (LurkDemo *self);
const char *lurk_demo_get_broadcaster_login (LurkDemo *self);
void        lurk_demo_run      (LurkDemo      *self,
                                GApplication  *application,
                                LurkAccount   *account);

G_END_DECLS
