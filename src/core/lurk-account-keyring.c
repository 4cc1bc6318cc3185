/* lurk-account-keyring.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lurk-account-private.h"
#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-profile.h"
#include "lurk-secret-token-store.h"

/* LurkAccount's side of the token store and the endpoint configuration. */

void
_lurk_account_init_endpoints (LurkAccount *self)
{
  g_autofree char *settings_client_id = g_settings_get_string (self->settings, "client-id");
  g_autofree char *settings_client_type = g_settings_get_string (self->settings, "client-type");
  char *client_id = lurk_endpoints_dup_client_id (settings_client_id);

  g_free (self->id_url);
  g_free (self->helix_url);
  g_free (self->client_id);
  self->id_url = lurk_endpoints_dup_id_url ();
  self->helix_url = lurk_endpoints_dup_helix_url ();
  /* Empty when none is configured: sign-in then says LURK_ERROR_NO_CLIENT_ID. */
  self->client_id = client_id != NULL ? client_id : g_strdup ("");
  self->client_type = lurk_endpoints_get_client_type (settings_client_type);
}

/**
 * lurk_account_new_for_profile:
 * @session: (nullable): the app's #SoupSession; %NULL makes one
 *
 * The app's account: the keyring token store and the settings of the current profile
 * (lurk_profile_get()), the endpoints of lurk-endpoints.
 *
 * Returns: (transfer full): a new #LurkAccount; call lurk_account_load_async() next
 */
LurkAccount *
lurk_account_new_for_profile (SoupSession *session)
{
  g_autoptr(LurkTokenStore) store = lurk_secret_token_store_new (lurk_profile_get_name ());
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  g_autoptr(SoupSession) own_session = NULL;

  if (session == NULL)
    {
      own_session = soup_session_new ();
      session = own_session;
    }

  return lurk_account_new (store, session, settings);
}

/* Save ----------------------------------------------------------------------------------- */

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lurk_token_store_store_finish (LURK_TOKEN_STORE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
_lurk_account_save_async (LurkAccount         *self,
                          const char          *access_token,
                          const char          *refresh_token,
                          gint64               expires_at,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(LurkToken) token = NULL;

  g_task_set_source_tag (task, _lurk_account_save_async);

  token = lurk_token_new (self->user_id, self->login, self->client_id, access_token);
  lurk_token_set_display_name (token, self->display_name);
  lurk_token_set_profile_image_url (token, self->avatar_url);
  lurk_token_set_refresh_token (token, refresh_token);
  lurk_token_set_scopes (token, (const char * const *) self->scopes);
  lurk_token_set_expires_at (token, expires_at);

  lurk_token_store_store_async (self->store, token, cancellable, on_stored,
                                g_steal_pointer (&task));
}

gboolean
_lurk_account_save_finish (LurkAccount   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Load ----------------------------------------------------------------------------------- */

static void
on_token_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  g_autoptr(LurkToken) token = NULL;
  g_autoptr(GError) error = NULL;
  gboolean any = GPOINTER_TO_INT (g_task_get_task_data (task));

  if (any)
    token = lurk_token_store_load_any_finish (LURK_TOKEN_STORE (object), result, &error);
  else
    token = lurk_token_store_load_finish (LURK_TOKEN_STORE (object), result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A sign-in started (or finished) while the keyring answered: it wins. */
  if (self->state != LURK_ACCOUNT_SIGNED_OUT)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "Superseded by a sign-in");
      return;
    }

  if (token == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_NOT_FOUND,
                               "No token in the store");
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  g_free (self->user_id);
  self->user_id = g_strdup (lurk_token_get_user_id (token));
  g_free (self->login);
  self->login = g_strdup (lurk_token_get_login (token));
  g_free (self->display_name);
  self->display_name = g_strdup (lurk_token_get_display_name (token) != NULL
                                 ? lurk_token_get_display_name (token)
                                 : lurk_token_get_login (token));
  g_free (self->avatar_url);
  self->avatar_url = g_strdup (lurk_token_get_profile_image_url (token));
  g_object_notify (G_OBJECT (self), "user-id");
  g_object_notify (G_OBJECT (self), "login");
  g_object_notify (G_OBJECT (self), "display-name");
  g_object_notify (G_OBJECT (self), "avatar-url");
  g_object_thaw_notify (G_OBJECT (self));

  g_strfreev (self->scopes);
  self->scopes = g_strdupv ((char **) lurk_token_get_scopes (token));
  _lurk_account_clear_secret (&self->access_token);
  _lurk_account_clear_secret (&self->refresh_token);

  /* A token from another client ID (the setting, or an endpoint override, changed) is not
   * this session's: it is sent nowhere, not even to be validated (an offline start would
   * otherwise keep it and hand it to Helix). */
  if (lurk_token_get_client_id (token) != NULL
      && g_strcmp0 (lurk_token_get_client_id (token), self->client_id) != 0)
    {
      g_debug ("The stored token belongs to another client ID; not using it");
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                               "The stored token belongs to another client ID");
      return;
    }

  self->access_token = g_strdup (lurk_token_get_access_token (token));
  self->refresh_token = g_strdup (lurk_token_get_refresh_token (token));
  self->expires_at = lurk_token_get_expires_at (token);

  g_task_return_boolean (task, TRUE);
}

void
_lurk_account_load_async (LurkAccount         *self,
                          const char          *user_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _lurk_account_load_async);

  if (user_id != NULL && user_id[0] != '\0')
    lurk_token_store_load_async (self->store, user_id, cancellable, on_token_loaded,
                                 g_steal_pointer (&task));
  else
    {
      g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      lurk_token_store_load_any_async (self->store, cancellable, on_token_loaded,
                                       g_steal_pointer (&task));
    }
}

gboolean
_lurk_account_load_finish (LurkAccount   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Delete --------------------------------------------------------------------------------- */

static void
on_deleted (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lurk_token_store_delete_finish (LURK_TOKEN_STORE (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
_lurk_account_delete_async (LurkAccount         *self,
                            const char          *user_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, _lurk_account_delete_async);
  lurk_token_store_delete_async (self->store, user_id, cancellable, on_deleted,
                                 g_steal_pointer (&task));
}

gboolean
_lurk_account_delete_finish (LurkAccount   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
