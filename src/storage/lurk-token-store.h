/* lurk-token-store.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-token.h"

G_BEGIN_DECLS

#define LURK_TYPE_TOKEN_STORE (lurk_token_store_get_type ())

G_DECLARE_INTERFACE (LurkTokenStore, lurk_token_store, LURK, TOKEN_STORE, GObject)

/**
 * LurkTokenStoreInterface:
 *
 * Where signed-in users' tokens live, one per Twitch user id, kept apart per profile
 * (lurk_profile_get_name()): the keyring (#LurkSecretTokenStore) in the app, memory
 * (#LurkMemoryTokenStore) in tests. Failures are %LURK_ERROR_KEYRING with a message for the
 * user; a cancelled operation gives %G_IO_ERROR_CANCELLED.
 */
struct _LurkTokenStoreInterface
{
  GTypeInterface parent_iface;

  void       (*store_async)     (LurkTokenStore       *self,
                                 LurkToken            *token,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  gboolean   (*store_finish)    (LurkTokenStore       *self,
                                 GAsyncResult         *result,
                                 GError              **error);
  void       (*load_async)      (LurkTokenStore       *self,
                                 const char           *user_id,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  LurkToken *(*load_finish)     (LurkTokenStore       *self,
                                 GAsyncResult         *result,
                                 GError              **error);
  void       (*load_any_async)  (LurkTokenStore       *self,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  LurkToken *(*load_any_finish) (LurkTokenStore       *self,
                                 GAsyncResult         *result,
                                 GError              **error);
  void       (*delete_async)    (LurkTokenStore       *self,
                                 const char           *user_id,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
  gboolean   (*delete_finish)   (LurkTokenStore       *self,
                                 GAsyncResult         *result,
                                 GError              **error);
};

/* Stores (or replaces) the token of lurk_token_get_user_id (@token). */
void       lurk_token_store_store_async     (LurkTokenStore       *self,
                                             LurkToken            *token,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean   lurk_token_store_store_finish    (LurkTokenStore       *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* The token of @user_id; %NULL without an error when there is none. */
void       lurk_token_store_load_async      (LurkTokenStore       *self,
                                             const char           *user_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
LurkToken *lurk_token_store_load_finish     (LurkTokenStore       *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* The profile's signed-in user: the most recently stored token of this profile; %NULL
 * without an error when nobody is signed in. */
void       lurk_token_store_load_any_async  (LurkTokenStore       *self,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
LurkToken *lurk_token_store_load_any_finish (LurkTokenStore       *self,
                                             GAsyncResult         *result,
                                             GError              **error);
/* Deletes the token of @user_id; deleting one that is not there is not an error. */
void       lurk_token_store_delete_async    (LurkTokenStore       *self,
                                             const char           *user_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean   lurk_token_store_delete_finish   (LurkTokenStore       *self,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
