/* lurk-token-store.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-token-store.h"

G_DEFINE_INTERFACE (LurkTokenStore, lurk_token_store, G_TYPE_OBJECT)

static void
lurk_token_store_default_init (LurkTokenStoreInterface *iface)
{
}

/**
 * lurk_token_store_store_async:
 * @token: the token to keep, replacing any of the same user id
 */
void
lurk_token_store_store_async (LurkTokenStore      *self,
                              LurkToken           *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (LURK_IS_TOKEN_STORE (self));
  g_return_if_fail (LURK_IS_TOKEN (token));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LURK_TOKEN_STORE_GET_IFACE (self)->store_async (self, token, cancellable, callback,
                                                  user_data);
}

gboolean
lurk_token_store_store_finish (LurkTokenStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (LURK_IS_TOKEN_STORE (self), FALSE);

  return LURK_TOKEN_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
lurk_token_store_load_async (LurkTokenStore      *self,
                             const char          *user_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (LURK_IS_TOKEN_STORE (self));
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LURK_TOKEN_STORE_GET_IFACE (self)->load_async (self, user_id, cancellable, callback,
                                                 user_data);
}

/**
 * lurk_token_store_load_finish:
 *
 * Returns: (transfer full) (nullable): the token, or %NULL (@error unset) when there is none
 */
LurkToken *
lurk_token_store_load_finish (LurkTokenStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (LURK_IS_TOKEN_STORE (self), NULL);

  return LURK_TOKEN_STORE_GET_IFACE (self)->load_finish (self, result, error);
}

void
lurk_token_store_load_any_async (LurkTokenStore      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LURK_IS_TOKEN_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LURK_TOKEN_STORE_GET_IFACE (self)->load_any_async (self, cancellable, callback, user_data);
}

/**
 * lurk_token_store_load_any_finish:
 *
 * Returns: (transfer full) (nullable): the most recently stored token of the profile, or
 *   %NULL (@error unset) when nobody is signed in
 */
LurkToken *
lurk_token_store_load_any_finish (LurkTokenStore  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  g_return_val_if_fail (LURK_IS_TOKEN_STORE (self), NULL);

  return LURK_TOKEN_STORE_GET_IFACE (self)->load_any_finish (self, result, error);
}

void
lurk_token_store_delete_async (LurkTokenStore      *self,
                               const char          *user_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (LURK_IS_TOKEN_STORE (self));
  g_return_if_fail (user_id != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  LURK_TOKEN_STORE_GET_IFACE (self)->delete_async (self, user_id, cancellable, callback,
                                                   user_data);
}

gboolean
lurk_token_store_delete_finish (LurkTokenStore  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (LURK_IS_TOKEN_STORE (self), FALSE);

  return LURK_TOKEN_STORE_GET_IFACE (self)->delete_finish (self, result, error);
}
