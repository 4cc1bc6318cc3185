/* lurk-account-refresh.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lurk-account-private.h"
#include "lurk-error.h"
#include "lurk-oauth-client.h"

/* Keeping a LurkAccount's session alive: validation at startup and every hour (Twitch
 * requires it: https://dev.twitch.tv/docs/authentication/validate-tokens/), refresh on 401
 * with the rotated refresh token stored before the new access token is used, and the EXPIRED
 * state when that is not possible.
 *
 * Refresh tokens are single-use, and sending a spent one again makes Twitch revoke every token
 * of the authorization and its EventSub subscriptions (twitchdev/issues #903). So a refresh
 * token whose answer was lost is never sent again (on_refresh_lost()). */

/* Refresh -------------------------------------------------------------------------------- */

static void
finish_refresh_waiters (LurkAccount  *self,
                        const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

/* A refresh in flight belongs to one session: after a sign-out or a new sign-in (a new
 * generation) its result is dropped. */
typedef struct
{
  LurkAccount *self;
  guint        generation;
  char        *user_id;
} Refresh;

static Refresh *
refresh_new (LurkAccount *self)
{
  Refresh *refresh = g_new0 (Refresh, 1);

  refresh->self = g_object_ref (self);
  refresh->generation = self->generation;
  refresh->user_id = g_strdup (self->user_id);

  return refresh;
}

static void
refresh_free (Refresh *refresh)
{
  g_clear_object (&refresh->self);
  g_free (refresh->user_id);
  g_free (refresh);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Refresh, refresh_free)

static void
on_stale_deleted (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!_lurk_account_delete_finish (LURK_ACCOUNT (object), result, &error))
    g_debug ("Could not delete a token stored after sign-out: %s", error->message);
}

/**
 * _lurk_account_abandon_refresh:
 *
 * The session ends (sign-out) or is replaced (a new sign-in): whatever refresh or validation
 * is in flight will not touch the new state.
 */
void
_lurk_account_abandon_refresh (LurkAccount *self)
{
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  _lurk_account_clear_secret (&self->pending_access_token);
  _lurk_account_clear_secret (&self->pending_refresh_token);

  if (self->refreshing)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     "The session ended");

      self->refreshing = FALSE;
      finish_refresh_waiters (self, error);
    }
}

static void
on_refreshed_token_saved (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  LurkAccount *self = refresh->self;
  g_autoptr(GError) error = NULL;
  gboolean saved = _lurk_account_save_finish (self, result, &error);

  if (refresh->generation != self->generation)
    {
      /* Signed out meanwhile: the secret must not outlive the sign-out. */
      if (saved && self->state == LURK_ACCOUNT_SIGNED_OUT && refresh->user_id != NULL)
        _lurk_account_delete_async (self, refresh->user_id, NULL, on_stale_deleted, NULL);
      return;
    }

  self->refreshing = FALSE;

  if (!saved)
    {
      /* The rotated refresh token could not be kept, so this session cannot outlive the app:
       * say so, but keep going with the new token in memory. */
      g_warning ("Could not store the refreshed token: %s", error->message);
      _lurk_account_set_error_message (self, error->message);
    }

  /* Only now is the new access token used. */
  _lurk_account_clear_secret_fields (self);
  self->access_token = g_steal_pointer (&self->pending_access_token);
  self->refresh_token = g_steal_pointer (&self->pending_refresh_token);
  self->expires_at = self->pending_expires_at;

  _lurk_account_settle (self, LURK_ACCOUNT_SIGNED_IN);
  _lurk_account_schedule_validation (self);
  _lurk_account_emit_token_changed (self);
  finish_refresh_waiters (self, NULL);
}

static void
on_lost_refresh_validated (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* A 401 has ended the session (no refresh token left): the user is asked to sign in. */
  if (!lurk_account_validate_finish (LURK_ACCOUNT (object), result, &error))
    g_debug ("Validation after a lost refresh answer: %s", error->message);
}

static void
on_refresh_forgotten (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  LurkAccount *self = refresh->self;
  g_autoptr(GError) error = NULL;
  gboolean saved = _lurk_account_save_finish (self, result, &error);

  if (refresh->generation != self->generation)
    {
      if (saved && self->state == LURK_ACCOUNT_SIGNED_OUT && refresh->user_id != NULL)
        _lurk_account_delete_async (self, refresh->user_id, NULL, on_stale_deleted, NULL);
      return;
    }

  if (!saved)
    g_debug ("Could not drop the spent refresh token from the keyring: %s", error->message);

  /* The access token decides: still good, the session goes on until it is refused; refused,
   * validation finds no refresh token and asks the user to sign in again. */
  if (self->state == LURK_ACCOUNT_SIGNED_IN)
    lurk_account_validate_async (self, self->cancellable, on_lost_refresh_validated, NULL);
}

/* The refresh request may have reached Twitch and the answer been lost: then Twitch rotated
 * the pair and the refresh token Lurk holds is spent. Sending it again would be taken for
 * theft (twitchdev/issues #903), so it is forgotten, in memory and in the keyring, and the
 * access token is validated instead. */
static void
on_refresh_lost (LurkAccount *self,
                 Refresh     *refresh)
{
  _lurk_account_clear_secret (&self->refresh_token);
  _lurk_account_save_async (self, self->access_token, NULL, self->expires_at,
                            self->cancellable, on_refresh_forgotten, refresh);
}

static void
on_refreshed (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Refresh) refresh = user_data;
  LurkAccount *self = refresh->self;
  g_autoptr(LurkOAuthToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = lurk_oauth_refresh_finish (result, &error);
  if (refresh->generation != self->generation)
    return;

  if (token == NULL)
    {
      self->refreshing = FALSE;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          finish_refresh_waiters (self, error);
          return;
        }

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_NETWORK))
        {
          g_debug ("The refresh got no answer: %s", error->message);
          finish_refresh_waiters (self, error);
          on_refresh_lost (self, g_steal_pointer (&refresh));
          return;
        }

      g_debug ("Refresh refused: %s", error->message);
      _lurk_account_become_expired (self);
      {
        g_autoptr(GError) expired = g_error_new (LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                                                 _("Your Twitch session ended — Sign in again"));
        finish_refresh_waiters (self, expired);
      }
      return;
    }

  /* Refresh tokens are single-use: store the rotated one before using the new access
   * token, so that a crash between the two cannot lose the session. */
  _lurk_account_clear_secret (&self->pending_access_token);
  _lurk_account_clear_secret (&self->pending_refresh_token);
  self->pending_access_token = g_strdup (token->access_token);
  self->pending_refresh_token = g_strdup (token->refresh_token != NULL ? token->refresh_token
                                                                       : self->refresh_token);
  self->pending_expires_at = token->expires_in > 0
                             ? g_get_real_time () / G_USEC_PER_SEC + token->expires_in : 0;
  if (token->scopes != NULL && token->scopes[0] != NULL)
    {
      g_strfreev (self->scopes);
      self->scopes = g_strdupv (token->scopes);
    }

  _lurk_account_save_async (self, self->pending_access_token, self->pending_refresh_token,
                            self->pending_expires_at, self->cancellable,
                            on_refreshed_token_saved, g_steal_pointer (&refresh));
}

/* Refreshes, or ends in EXPIRED when there is no refresh token. */
static void
refresh_or_expire (LurkAccount *self,
                   GTask       *waiter)
{
  if (waiter != NULL)
    g_ptr_array_add (self->refresh_waiters, g_object_ref (waiter));

  if (self->refreshing)
    return;

  if (self->refresh_token == NULL)
    {
      g_autoptr(GError) error = g_error_new (LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                                             _("Your Twitch session ended — Sign in again"));

      _lurk_account_become_expired (self);
      finish_refresh_waiters (self, error);
      return;
    }

  self->refreshing = TRUE;
  lurk_oauth_refresh_async (self->session, self->id_url, self->client_id, self->refresh_token,
                            self->cancellable, on_refreshed, refresh_new (self));
}

/* Validation ----------------------------------------------------------------------------- */

static void
on_validated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  g_autoptr(LurkOAuthValidation) validation = NULL;
  g_autoptr(GError) error = NULL;

  validation = lurk_oauth_validate_finish (result, &error);
  if (validation == NULL)
    {
      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED))
        {
          refresh_or_expire (self, task);
          return;
        }

      /* Offline or Twitch down: not a verdict on the token. */
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A token of another user, or of another client ID (the setting changed), is not this
   * session's: Helix would refuse it anyway. */
  if ((self->user_id != NULL && g_strcmp0 (validation->user_id, self->user_id) != 0)
      || (self->client_id != NULL && self->client_id[0] != '\0'
          && g_strcmp0 (validation->client_id, self->client_id) != 0))
    {
      g_debug ("The token belongs to another user or client ID; ending the session");
      _lurk_account_become_expired (self);
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                               _("Your Twitch session ended — Sign in again"));
      return;
    }

  if (validation->scopes != NULL)
    {
      g_strfreev (self->scopes);
      self->scopes = g_strdupv (validation->scopes);
    }
  if (validation->expires_in > 0)
    self->expires_at = g_get_real_time () / G_USEC_PER_SEC + validation->expires_in;

  _lurk_account_settle (self, LURK_ACCOUNT_SIGNED_IN);
  g_task_return_boolean (task, TRUE);
}

/**
 * lurk_account_validate_async:
 * @self: a #LurkAccount
 *
 * Checks the token with `/oauth2/validate`. A 401 refreshes (or ends in EXPIRED, finishing
 * with %LURK_ERROR_UNAUTHORIZED). A network error finishes with %LURK_ERROR_NETWORK and
 * changes nothing.
 */
void
lurk_account_validate_async (LurkAccount         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LURK_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_account_validate_async);

  if (self->access_token == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                               _("Not signed in"));
      return;
    }

  lurk_oauth_validate_async (self->session, self->id_url, self->access_token, cancellable,
                             on_validated, g_steal_pointer (&task));
}

gboolean
lurk_account_validate_finish (LurkAccount   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_hourly_validated (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lurk_account_validate_finish (LURK_ACCOUNT (object), result, &error))
    g_debug ("Hourly validation: %s", error->message);
}

static gboolean
on_validate_timeout (gpointer user_data)
{
  LurkAccount *self = user_data;

  self->validate_id = 0;
  if (self->state == LURK_ACCOUNT_SIGNED_IN)
    {
      lurk_account_validate_async (self, self->cancellable, on_hourly_validated, NULL);
      _lurk_account_schedule_validation (self);
    }

  return G_SOURCE_REMOVE;
}

void
_lurk_account_schedule_validation (LurkAccount *self)
{
  /* Required by Twitch for user tokens (not polling for events). */
  g_clear_handle_id (&self->validate_id, g_source_remove);
  self->validate_id = g_timeout_add_seconds (self->validate_interval, on_validate_timeout, self);
}

/**
 * lurk_account_report_unauthorized:
 * @self: a #LurkAccount
 *
 * Someone (Helix, EventSub) got a 401 with the current token: refresh it when possible,
 * otherwise the session ends (EXPIRED). Listen to #LurkAccount::token-changed for the new one.
 */
void
lurk_account_report_unauthorized (LurkAccount *self)
{
  g_return_if_fail (LURK_IS_ACCOUNT (self));

  if (self->state != LURK_ACCOUNT_SIGNED_IN)
    return;

  refresh_or_expire (self, NULL);
}

/* Load at startup ------------------------------------------------------------------------ */

static void
on_load_validated (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = LURK_ACCOUNT (object);
  g_autoptr(GError) error = NULL;

  if (!lurk_account_validate_finish (self, result, &error))
    {
      if (self->state == LURK_ACCOUNT_EXPIRED)
        {
          /* Not an error of loading: the Home page shows the expired state. */
          g_task_return_boolean (task, TRUE);
          return;
        }

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_NETWORK))
        {
          /* Offline at startup: keep the session, validate again later. */
          g_debug ("Could not validate at startup: %s", error->message);
          _lurk_account_settle (self, LURK_ACCOUNT_SIGNED_IN);
          _lurk_account_schedule_validation (self);
          _lurk_account_emit_token_changed (self);
          g_task_return_boolean (task, TRUE);
          return;
        }

      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lurk_account_schedule_validation (self);
  _lurk_account_emit_token_changed (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = LURK_ACCOUNT (object);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  if (!_lurk_account_load_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          && self->state != LURK_ACCOUNT_SIGNED_OUT)
        {
          /* A sign-in started meanwhile and decides the session. */
          g_task_return_boolean (task, TRUE);
          return;
        }

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED))
        {
          /* Stored for another client ID: the Home page asks to sign in again. */
          _lurk_account_become_expired (self);
          g_task_return_boolean (task, TRUE);
          return;
        }

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_NOT_FOUND))
        {
          /* The secret is gone (deleted in Seahorse, say): signed out. */
          g_settings_set_string (self->settings, "signed-in-user-id", "");
          _lurk_account_become_signed_out (self);
          g_task_return_boolean (task, TRUE);
          return;
        }

      /* No Secret Service, or the keyring stays locked: say which, keep no plaintext. */
      _lurk_account_set_error_message (self, error->message);
      if (self->state == LURK_ACCOUNT_SIGNED_OUT)
        _lurk_account_become_signed_out (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _lurk_account_set_error_message (self, NULL);
  cancellable = g_task_get_cancellable (task);
  lurk_account_validate_async (self, cancellable, on_load_validated, g_steal_pointer (&task));
}

/**
 * lurk_account_load_async:
 * @self: a #LurkAccount
 *
 * At startup: reads the signed-in user's token from the keyring and validates it. Finishes
 * in SIGNED_OUT (no account), SIGNED_IN or EXPIRED; an error only when the keyring could not
 * be used (%LURK_ERROR_KEYRING, also in #LurkAccount:error-message).
 */
void
lurk_account_load_async (LurkAccount         *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *user_id = NULL;

  g_return_if_fail (LURK_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_account_load_async);

  /* The setting names the signed-in user; without it, the profile's most recent token. */
  user_id = g_settings_get_string (self->settings, "signed-in-user-id");
  _lurk_account_load_async (self, user_id, cancellable, on_loaded, g_steal_pointer (&task));
}

gboolean
lurk_account_load_finish (LurkAccount   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_lurk_account_set_validate_interval (LurkAccount *self,
                                     guint        seconds)
{
  self->validate_interval = seconds;
  if (self->validate_id != 0)
    _lurk_account_schedule_validation (self);
}
