/* lurk-memory-token-store.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-token-store.h"

G_BEGIN_DECLS

#define LURK_TYPE_MEMORY_TOKEN_STORE (lurk_memory_token_store_get_type ())

G_DECLARE_FINAL_TYPE (LurkMemoryTokenStore, lurk_memory_token_store, LURK, MEMORY_TOKEN_STORE,
                      GObject)

/* A token store in memory, for tests: tokens are kept serialized, as in the keyring, under
 * the profile current when the store was made. */
LurkTokenStore *lurk_memory_token_store_new       (void);
/* Makes every following operation fail with @error (e.g. a locked keyring); %NULL to stop. */
void            lurk_memory_token_store_set_error (LurkMemoryTokenStore *self,
                                                   const GError         *error);
/* How many tokens are stored, in all profiles. */
guint           lurk_memory_token_store_get_size  (LurkMemoryTokenStore *self);

G_END_DECLS
