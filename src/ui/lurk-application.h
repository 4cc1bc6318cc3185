/* lurk-application.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-account.h"
#include "lurk-channel.h"
#include "lurk-notifier.h"

G_BEGIN_DECLS

#define LURK_TYPE_APPLICATION (lurk_application_get_type ())

G_DECLARE_FINAL_TYPE (LurkApplication, lurk_application, LURK, APPLICATION, AdwApplication)

LurkApplication *lurk_application_new                (void);
GSettings       *lurk_application_get_settings       (LurkApplication *self);
const char      *lurk_application_get_demo_scenario  (LurkApplication *self);
LurkAccount     *lurk_application_get_account        (LurkApplication *self);
LurkChannel     *lurk_application_get_channel        (LurkApplication *self);
LurkNotifier    *lurk_application_get_notifier       (LurkApplication *self);

G_END_DECLS
