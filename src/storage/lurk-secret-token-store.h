/* lurk-secret-token-store.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-token-store.h"

G_BEGIN_DECLS

#define LURK_TYPE_SECRET_TOKEN_STORE (lurk_secret_token_store_get_type ())

G_DECLARE_FINAL_TYPE (LurkSecretTokenStore, lurk_secret_token_store, LURK, SECRET_TOKEN_STORE,
                      GObject)

/* The keyring (Secret Service) token store of the current profile. */
LurkTokenStore *lurk_secret_token_store_new (const char *profile);

G_END_DECLS
