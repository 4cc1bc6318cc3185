/* lurk-login-name.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LURK_LOGIN_NAME_MAX_LENGTH 25

char *lurk_login_name_normalize (const char  *input,
                                 GError     **error);

G_END_DECLS
