/* lurk-account.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lurk-account.h"
#include "lurk-account-private.h"
#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-helix.h"
#include "lurk-oauth-client.h"

/*
 * LurkAccount: the signed-in session. The token lives in the keyring only (LurkTokenStore);
 * this object holds it in memory while the app runs. Twitch requires validating the token at
 * startup and every hour; a 401 (from validate, or reported by Helix or EventSub) refreshes
 * the token when there is a refresh token, storing the rotated refresh token before the new
 * access token is used, and otherwise ends in the EXPIRED state the Home page shows.
 */

G_DEFINE_FINAL_TYPE (LurkAccount, lurk_account, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LurkAccountState, lurk_account_state,
  G_DEFINE_ENUM_VALUE (LURK_ACCOUNT_SIGNED_OUT, "signed-out"),
  G_DEFINE_ENUM_VALUE (LURK_ACCOUNT_SIGNING_IN, "signing-in"),
  G_DEFINE_ENUM_VALUE (LURK_ACCOUNT_SIGNED_IN, "signed-in"),
  G_DEFINE_ENUM_VALUE (LURK_ACCOUNT_EXPIRED, "expired"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_LOGIN,
  PROP_DISPLAY_NAME,
  PROP_USER_ID,
  PROP_AVATAR_URL,
  PROP_ERROR_MESSAGE,
  PROP_BROADCASTER_SCOPES,
  N_PROPS
};

enum {
  TOKEN_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* State and properties ------------------------------------------------------------------ */

void
_lurk_account_set_state (LurkAccount      *self,
                         LurkAccountState  state)
{
  if (self->state == state)
    return;

  g_debug ("Account state: %d → %d", self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_string (LurkAccount  *self,
            char        **field,
            const char   *value,
            int           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_lurk_account_set_error_message (LurkAccount *self,
                                 const char  *message)
{
  set_string (self, &self->error_message, message, PROP_ERROR_MESSAGE);
}

static void
set_profile (LurkAccount *self,
             const char  *user_id,
             const char  *login,
             const char  *display_name,
             const char  *avatar_url)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->user_id, user_id, PROP_USER_ID);
  set_string (self, &self->login, login, PROP_LOGIN);
  set_string (self, &self->display_name,
              display_name != NULL && *display_name != '\0' ? display_name : login,
              PROP_DISPLAY_NAME);
  set_string (self, &self->avatar_url, avatar_url, PROP_AVATAR_URL);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_lurk_account_clear_secret_fields (LurkAccount *self)
{
  _lurk_account_clear_secret (&self->access_token);
  _lurk_account_clear_secret (&self->refresh_token);
}

void
_lurk_account_clear_secret (char **secret)
{
  g_clear_pointer (secret, lurk_secret_free);
}

void
_lurk_account_become_signed_out (LurkAccount *self)
{
  g_clear_handle_id (&self->validate_id, g_source_remove);
  _lurk_account_clear_secret_fields (self);
  g_clear_pointer (&self->scopes, g_strfreev);
  self->expires_at = 0;
  set_profile (self, NULL, NULL, NULL, NULL);
  _lurk_account_set_state (self, LURK_ACCOUNT_SIGNED_OUT);
  _lurk_account_emit_token_changed (self);
}

/**
 * _lurk_account_settle:
 *
 * The session itself reached @state (validation, refresh, startup). While a sign-in runs, it
 * keeps the foreground: @state is where a cancelled sign-in returns to.
 */
void
_lurk_account_settle (LurkAccount      *self,
                      LurkAccountState  state)
{
  if (self->state == LURK_ACCOUNT_SIGNING_IN)
    self->sign_in_return_state = state;
  else
    _lurk_account_set_state (self, state);
}

void
_lurk_account_become_expired (LurkAccount *self)
{
  g_clear_handle_id (&self->validate_id, g_source_remove);
  _lurk_account_clear_secret_fields (self);
  _lurk_account_settle (self, LURK_ACCOUNT_EXPIRED);
  _lurk_account_emit_token_changed (self);
}

void
_lurk_account_emit_token_changed (LurkAccount *self)
{
  g_signal_emit (self, signals[TOKEN_CHANGED], 0);
}

/* Token in memory ----------------------------------------------------------------------- */

static void
adopt_token (LurkAccount          *self,
             const LurkOAuthToken *token)
{
  _lurk_account_clear_secret_fields (self);
  self->access_token = g_strdup (token->access_token);
  self->refresh_token = g_strdup (token->refresh_token);
  if (token->scopes != NULL)
    {
      g_strfreev (self->scopes);
      self->scopes = g_strdupv (token->scopes);
    }
  self->expires_at = token->expires_in > 0 ? g_get_real_time () / G_USEC_PER_SEC
                                             + token->expires_in : 0;
}

/* Helix: the user's display name and avatar ---------------------------------------------- */

typedef struct
{
  char *display_name;
  char *avatar_url;
} Profile;

static void
profile_free (Profile *profile)
{
  g_free (profile->display_name);
  g_free (profile->avatar_url);
  g_free (profile);
}

static void
on_users (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) users = NULL;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  LurkHelixUser *user;
  Profile *profile;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The fuzzed parser (tests/fuzz/fuzz-helix-users.c): size and depth limits, valid UTF-8.
   * json-glib alone overflows the stack on a deeply nested answer, as lurk-sim did. */
  if (soup_message_get_status (message) == SOUP_STATUS_OK)
    users = lurk_helix_parse_users (g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
  if (users == NULL || users->len < 1)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_MALFORMED,
                               "Helix /users answered %u", soup_message_get_status (message));
      return;
    }

  user = g_ptr_array_index (users, 0);
  profile = g_new0 (Profile, 1);
  profile->display_name = g_strdup (user->display_name);
  profile->avatar_url = g_strdup (user->profile_image_url);
  g_task_return_pointer (task, profile, (GDestroyNotify) profile_free);
}

static void
fetch_profile_async (LurkAccount         *self,
                     const char          *access_token,
                     const char          *user_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  g_autofree char *authorization = NULL;

  g_task_set_source_tag (task, fetch_profile_async);

  url = lurk_build_url (self->helix_url, "/users", "id", user_id, NULL);
  if (url == NULL || (message = soup_message_new ("GET", url)) == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_FAILED, "Bad Helix URL");
      return;
    }

  authorization = g_strconcat ("Bearer ", access_token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Client-Id",
                                self->client_id);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_users, g_steal_pointer (&task));
}

static Profile *
fetch_profile_finish (LurkAccount   *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Sign-in -------------------------------------------------------------------------------- */

/**
 * lurk_account_begin_sign_in:
 *
 * A login window started: SIGNING_IN until it completes or is cancelled.
 */
void
lurk_account_begin_sign_in (LurkAccount *self)
{
  g_return_if_fail (LURK_IS_ACCOUNT (self));

  if (self->state == LURK_ACCOUNT_SIGNING_IN)
    return;

  self->sign_in_return_state = self->state;
  _lurk_account_set_state (self, LURK_ACCOUNT_SIGNING_IN);
}

/**
 * lurk_account_cancel_sign_in:
 *
 * Back to the state before lurk_account_begin_sign_in().
 */
void
lurk_account_cancel_sign_in (LurkAccount *self)
{
  g_return_if_fail (LURK_IS_ACCOUNT (self));

  if (self->state != LURK_ACCOUNT_SIGNING_IN)
    return;

  _lurk_account_set_state (self, self->sign_in_return_state);
}

typedef struct
{
  LurkOAuthToken      *token;
  LurkOAuthValidation *validation;
  Profile             *profile;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_pointer (&sign_in->token, lurk_oauth_token_free);
  g_clear_pointer (&sign_in->validation, lurk_oauth_validation_free);
  g_clear_pointer (&sign_in->profile, profile_free);
  g_free (sign_in);
}

static void
sign_in_failed (LurkAccount *self,
                GTask       *task,
                GError      *error)
{
  if (self->state == LURK_ACCOUNT_SIGNING_IN)
    _lurk_account_set_state (self, self->sign_in_return_state);
  g_task_return_error (task, error);
}

static void
on_sign_in_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!_lurk_account_save_finish (self, result, &error))
    {
      /* No plaintext fallback: without a keyring there is no signed-in session (and the
       * previous one, if any, was already replaced). */
      _lurk_account_set_error_message (self, error->message);
      _lurk_account_clear_secret_fields (self);
      g_clear_handle_id (&self->validate_id, g_source_remove);
      set_profile (self, NULL, NULL, NULL, NULL);
      self->sign_in_return_state = LURK_ACCOUNT_SIGNED_OUT;
      _lurk_account_emit_token_changed (self);
      sign_in_failed (self, task, g_steal_pointer (&error));
      return;
    }

  g_settings_set_string (self->settings, "signed-in-user-id", sign_in->validation->user_id);
  _lurk_account_set_error_message (self, NULL);
  _lurk_account_set_state (self, LURK_ACCOUNT_SIGNED_IN);
  _lurk_account_schedule_validation (self);
  _lurk_account_emit_token_changed (self);
  g_task_return_boolean (task, TRUE);
}

static void
on_old_deleted (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!_lurk_account_delete_finish (LURK_ACCOUNT (object), result, &error))
    g_debug ("Could not delete the previous account’s token: %s", error->message);
}

static void
on_sign_in_profile (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *previous_user_id = NULL;

  sign_in->profile = fetch_profile_finish (self, result, &error);
  if (sign_in->profile == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          sign_in_failed (self, task, g_steal_pointer (&error));
          return;
        }

      /* Cosmetic: the login stands in for the display name. */
      g_debug ("No profile for the new account: %s", error->message);
      sign_in->profile = g_new0 (Profile, 1);
    }

  /* Signing in as someone else replaces the previous account's secret. */
  previous_user_id = g_settings_get_string (self->settings, "signed-in-user-id");
  if (previous_user_id[0] != '\0'
      && g_strcmp0 (previous_user_id, sign_in->validation->user_id) != 0)
    _lurk_account_delete_async (self, previous_user_id, NULL, on_old_deleted, NULL);

  /* A refresh of the previous session must not overwrite this one. */
  _lurk_account_abandon_refresh (self);
  adopt_token (self, sign_in->token);
  if (sign_in->validation->scopes != NULL && sign_in->validation->scopes[0] != NULL)
    {
      g_strfreev (self->scopes);
      self->scopes = g_strdupv (sign_in->validation->scopes);
    }
  if (sign_in->validation->expires_in > 0)
    self->expires_at = g_get_real_time () / G_USEC_PER_SEC + sign_in->validation->expires_in;

  set_profile (self, sign_in->validation->user_id, sign_in->validation->login,
               sign_in->profile->display_name, sign_in->profile->avatar_url);

  _lurk_account_save_async (self, self->access_token, self->refresh_token, self->expires_at,
                            g_task_get_cancellable (task), on_sign_in_saved,
                            g_object_ref (task));
}

static void
on_sign_in_validated (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  SignIn *sign_in = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  sign_in->validation = lurk_oauth_validate_finish (result, &error);
  if (sign_in->validation == NULL)
    {
      g_prefix_error (&error, "%s", _("Twitch did not accept the new sign-in: "));
      sign_in_failed (self, task, g_steal_pointer (&error));
      return;
    }

  /* A token issued to another application must not be used (token substitution). */
  if (g_strcmp0 (sign_in->validation->client_id, self->client_id) != 0)
    {
      sign_in_failed (self, task,
                      g_error_new (LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                                   _("Twitch issued this sign-in to another application")));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  fetch_profile_async (self, sign_in->token->access_token, sign_in->validation->user_id,
                       cancellable, on_sign_in_profile, g_steal_pointer (&task));
}

/**
 * lurk_account_complete_sign_in_async:
 * @self: a #LurkAccount
 * @token: what the redirect or the device code flow gave
 *
 * Validates @token (it must be issued to Lurk's client ID), fetches the user's display name
 * and avatar, stores the token in the keyring and becomes SIGNED_IN. On failure the state
 * goes back to what it was before the sign-in began.
 */
void
lurk_account_complete_sign_in_async (LurkAccount          *self,
                                     const LurkOAuthToken *token,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SignIn *sign_in;

  g_return_if_fail (LURK_IS_ACCOUNT (self));
  g_return_if_fail (token != NULL && token->access_token != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_account_complete_sign_in_async);
  sign_in = g_new0 (SignIn, 1);
  sign_in->token = lurk_oauth_token_copy (token);
  g_task_set_task_data (task, sign_in, (GDestroyNotify) sign_in_free);

  lurk_account_begin_sign_in (self);
  lurk_oauth_validate_async (self->session, self->id_url, token->access_token, cancellable,
                             on_sign_in_validated, g_steal_pointer (&task));
}

gboolean
lurk_account_complete_sign_in_finish (LurkAccount   *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign-out ------------------------------------------------------------------------------- */

typedef struct
{
  char   *access_token;  /* a secret: wiped when freed */
  GError *delete_error;
} SignOut;

static void
sign_out_free (SignOut *sign_out)
{
  _lurk_account_clear_secret (&sign_out->access_token);
  g_clear_error (&sign_out->delete_error);
  g_free (sign_out);
}

static void
sign_out_return (GTask *task)
{
  LurkAccount *self = g_task_get_source_object (task);
  SignOut *sign_out = g_task_get_task_data (task);

  if (sign_out->delete_error != NULL)
    {
      _lurk_account_set_error_message (self, sign_out->delete_error->message);
      g_task_return_error (task, g_steal_pointer (&sign_out->delete_error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_revoked (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* Offline: the token dies at its expiry; the secret is gone already. */
  if (!lurk_oauth_revoke_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not revoke the token at Twitch: %s", error->message);

  sign_out_return (task);
}

static void
on_sign_out_deleted (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  SignOut *sign_out = g_task_get_task_data (task);

  _lurk_account_delete_finish (self, result, &sign_out->delete_error);

  if (sign_out->access_token == NULL)
    {
      sign_out_return (task);
      return;
    }

  lurk_oauth_revoke_async (self->session, self->id_url, self->client_id,
                           sign_out->access_token, g_task_get_cancellable (task), on_revoked,
                           g_object_ref (task));
  _lurk_account_clear_secret (&sign_out->access_token);
}

/**
 * lurk_account_sign_out_async:
 * @self: a #LurkAccount
 *
 * Becomes SIGNED_OUT at once (listeners stop on #LurkAccount::token-changed), deletes the
 * secret from the keyring, then revokes the token at Twitch.
 */
void
lurk_account_sign_out_async (LurkAccount         *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *access_token = NULL;
  g_autofree char *user_id = NULL;
  SignOut *sign_out;

  g_return_if_fail (LURK_IS_ACCOUNT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_account_sign_out_async);

  user_id = g_strdup (self->user_id);
  if (user_id == NULL)
    user_id = g_settings_get_string (self->settings, "signed-in-user-id");
  access_token = g_strdup (self->access_token);

  g_settings_set_string (self->settings, "signed-in-user-id", "");
  _lurk_account_abandon_refresh (self);
  _lurk_account_become_signed_out (self);

  if (user_id == NULL || user_id[0] == '\0')
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  sign_out = g_new0 (SignOut, 1);
  sign_out->access_token = g_steal_pointer (&access_token);
  g_task_set_task_data (task, sign_out, (GDestroyNotify) sign_out_free);

  /* The secret goes first, and not cancellably: quitting while Twitch answers the revoke
   * must not leave a token behind that signs the next start back in. */
  _lurk_account_delete_async (self, user_id, NULL, on_sign_out_deleted,
                              g_steal_pointer (&task));
}

gboolean
lurk_account_sign_out_finish (LurkAccount   *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject -------------------------------------------------------------------------------- */

LurkAccount *
lurk_account_new (LurkTokenStore *store,
                  SoupSession    *session,
                  GSettings      *settings)
{
  LurkAccount *self;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LURK_TYPE_ACCOUNT, NULL);
  self->store = g_object_ref (store);
  self->session = g_object_ref (session);
  self->settings = g_object_ref (settings);
  _lurk_account_init_endpoints (self);

  return self;
}

/**
 * lurk_account_set_endpoints:
 * @id_url: (nullable): the ID base URL (`https://id.twitch.tv` or a lurk-sim)
 * @helix_url: (nullable): the Helix base URL
 * @client_id: (nullable): the client ID
 *
 * Overrides what the endpoint configuration says (tests, the demo).
 */
void
lurk_account_set_endpoints (LurkAccount *self,
                            const char  *id_url,
                            const char  *helix_url,
                            const char  *client_id)
{
  g_return_if_fail (LURK_IS_ACCOUNT (self));

  if (id_url != NULL)
    {
      g_free (self->id_url);
      self->id_url = g_strdup (id_url);
    }
  if (helix_url != NULL)
    {
      g_free (self->helix_url);
      self->helix_url = g_strdup (helix_url);
    }
  if (client_id != NULL)
    {
      g_free (self->client_id);
      self->client_id = g_strdup (client_id);
    }
}

/**
 * lurk_account_set_client_type:
 * @client_type: how the client ID is registered at Twitch
 *
 * Overrides the configured client type (tests, screenshots), with lurk_account_set_endpoints().
 */
void
lurk_account_set_client_type (LurkAccount    *self,
                              LurkClientType  client_type)
{
  g_return_if_fail (LURK_IS_ACCOUNT (self));

  self->client_type = client_type;
}

static void
lurk_account_dispose (GObject *object)
{
  LurkAccount *self = LURK_ACCOUNT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->validate_id, g_source_remove);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lurk_account_parent_class)->dispose (object);
}

static void
lurk_account_finalize (GObject *object)
{
  LurkAccount *self = LURK_ACCOUNT (object);

  _lurk_account_clear_secret_fields (self);
  _lurk_account_clear_secret (&self->pending_access_token);
  _lurk_account_clear_secret (&self->pending_refresh_token);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);
  g_free (self->id_url);
  g_free (self->helix_url);
  g_free (self->client_id);
  g_free (self->login);
  g_free (self->display_name);
  g_free (self->user_id);
  g_free (self->avatar_url);
  g_free (self->error_message);
  g_strfreev (self->scopes);

  G_OBJECT_CLASS (lurk_account_parent_class)->finalize (object);
}

static void
lurk_account_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LurkAccount *self = LURK_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_LOGIN:
      g_value_set_string (value, self->login);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_USER_ID:
      g_value_set_string (value, self->user_id);
      break;

    case PROP_AVATAR_URL:
      g_value_set_string (value, self->avatar_url);
      break;

    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;

    case PROP_BROADCASTER_SCOPES:
      g_value_set_boolean (value, self->broadcaster_scopes);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_account_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LurkAccount *self = LURK_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_BROADCASTER_SCOPES:
      lurk_account_set_broadcaster_scopes (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_account_class_init (LurkAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_account_dispose;
  object_class->finalize = lurk_account_finalize;
  object_class->get_property = lurk_account_get_property;
  object_class->set_property = lurk_account_set_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LURK_TYPE_ACCOUNT_STATE, LURK_ACCOUNT_SIGNED_OUT,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOGIN] =
    g_param_spec_string ("login", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_ID] =
    g_param_spec_string ("user-id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AVATAR_URL] =
    g_param_spec_string ("avatar-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BROADCASTER_SCOPES] =
    g_param_spec_boolean ("broadcaster-scopes", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LurkAccount::token-changed:
   *
   * The access token changed (sign-in, refresh, sign-out, expiry): whoever uses it (the
   * listener, Helix) reads lurk_account_get_access_token() again, or stops when it is %NULL.
   */
  signals[TOKEN_CHANGED] =
    g_signal_new ("token-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
lurk_account_init (LurkAccount *self)
{
  self->state = LURK_ACCOUNT_SIGNED_OUT;
  self->sign_in_return_state = LURK_ACCOUNT_SIGNED_OUT;
  self->cancellable = g_cancellable_new ();
  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->validate_interval = LURK_ACCOUNT_VALIDATE_INTERVAL_SECONDS;
}

/* Getters -------------------------------------------------------------------------------- */

LurkAccountState
lurk_account_get_state (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), LURK_ACCOUNT_SIGNED_OUT);

  return self->state;
}

const char *
lurk_account_get_login (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->login;
}

const char *
lurk_account_get_display_name (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->display_name;
}

const char *
lurk_account_get_user_id (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->user_id;
}

const char *
lurk_account_get_avatar_url (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->avatar_url;
}

const char * const *
lurk_account_get_scopes (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return (const char * const *) self->scopes;
}

const char *
lurk_account_get_error_message (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->error_message;
}

gboolean
lurk_account_get_broadcaster_scopes (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), FALSE);

  return self->broadcaster_scopes;
}

void
lurk_account_set_broadcaster_scopes (LurkAccount *self,
                                     gboolean     broadcaster_scopes)
{
  g_return_if_fail (LURK_IS_ACCOUNT (self));

  broadcaster_scopes = !!broadcaster_scopes;
  if (self->broadcaster_scopes == broadcaster_scopes)
    return;

  self->broadcaster_scopes = broadcaster_scopes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROADCASTER_SCOPES]);
}

const char *
lurk_account_get_access_token (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->access_token;
}

const char *
lurk_account_get_client_id (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->client_id;
}

LurkClientType
lurk_account_get_client_type (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), LURK_CLIENT_PUBLIC);

  return self->client_type;
}

const char *
lurk_account_get_id_url (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->id_url;
}

SoupSession *
lurk_account_get_session (LurkAccount *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), NULL);

  return self->session;
}
