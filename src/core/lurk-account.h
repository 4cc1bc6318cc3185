/* lurk-account.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lurk-endpoints.h"
#include "lurk-oauth.h"
#include "lurk-token-store.h"

G_BEGIN_DECLS

/**
 * LurkAccountState:
 * @LURK_ACCOUNT_SIGNED_OUT: no token
 * @LURK_ACCOUNT_SIGNING_IN: a login window or device code flow is running
 * @LURK_ACCOUNT_SIGNED_IN: a validated token
 * @LURK_ACCOUNT_EXPIRED: Twitch ended the session and it could not be refreshed: "Your
 *   Twitch session ended — Sign in again"
 */
typedef enum
{
  LURK_ACCOUNT_SIGNED_OUT,
  LURK_ACCOUNT_SIGNING_IN,
  LURK_ACCOUNT_SIGNED_IN,
  LURK_ACCOUNT_EXPIRED,
} LurkAccountState;

GType lurk_account_state_get_type (void) G_GNUC_CONST;
#define LURK_TYPE_ACCOUNT_STATE (lurk_account_state_get_type ())

/* Twitch requires validating a user token at startup and every hour. */
#define LURK_ACCOUNT_VALIDATE_INTERVAL_SECONDS 3600

#define LURK_TYPE_ACCOUNT (lurk_account_get_type ())

G_DECLARE_FINAL_TYPE (LurkAccount, lurk_account, LURK, ACCOUNT, GObject)

LurkAccount      *lurk_account_new                     (LurkTokenStore       *store,
                                                        SoupSession          *session,
                                                        GSettings            *settings);
LurkAccount      *lurk_account_new_for_profile         (SoupSession          *session);
void              lurk_account_set_endpoints           (LurkAccount          *self,
                                                        const char           *id_url,
                                                        const char           *helix_url,
                                                        const char           *client_id);
void              lurk_account_set_client_type         (LurkAccount          *self,
                                                        LurkClientType        client_type);

/* Startup: the signed-in user's token from the keyring, validated (refreshed if needed). */
void              lurk_account_load_async              (LurkAccount          *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          lurk_account_load_finish             (LurkAccount          *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Sign-in: the login window calls begin, then complete with the token it got (or cancel). */
void              lurk_account_begin_sign_in           (LurkAccount          *self);
void              lurk_account_cancel_sign_in          (LurkAccount          *self);
void              lurk_account_complete_sign_in_async  (LurkAccount          *self,
                                                        const LurkOAuthToken *token,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          lurk_account_complete_sign_in_finish (LurkAccount          *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* `lurk --demo`: signs in to a lurk-sim as lurkdemo through the device code flow, approved
 * through the simulator's control API; no user action. */
void              lurk_account_sign_in_demo_async      (LurkAccount          *self,
                                                        const char           *sim_url,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          lurk_account_sign_in_demo_finish     (LurkAccount          *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

/* Hourly, and whenever anyone got a 401 with the current token. */
void              lurk_account_validate_async          (LurkAccount          *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          lurk_account_validate_finish         (LurkAccount          *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void              lurk_account_report_unauthorized     (LurkAccount          *self);

/* Revokes at Twitch, deletes the secret. */
void              lurk_account_sign_out_async          (LurkAccount          *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          lurk_account_sign_out_finish         (LurkAccount          *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);

LurkAccountState  lurk_account_get_state               (LurkAccount          *self);
const char       *lurk_account_get_login               (LurkAccount          *self);
const char       *lurk_account_get_display_name        (LurkAccount          *self);
const char       *lurk_account_get_user_id             (LurkAccount          *self);
const char       *lurk_account_get_avatar_url          (LurkAccount          *self);
const char * const *lurk_account_get_scopes            (LurkAccount          *self);
const char       *lurk_account_get_error_message       (LurkAccount          *self);
gboolean          lurk_account_get_broadcaster_scopes  (LurkAccount          *self);
void              lurk_account_set_broadcaster_scopes  (LurkAccount          *self,
                                                        gboolean              broadcaster_scopes);
/* For the Helix client and the listener; never log it. NULL unless signed in. */
const char       *lurk_account_get_access_token        (LurkAccount          *self);
const char       *lurk_account_get_client_id           (LurkAccount          *self);
/* Which sign-in the login window offers (lurk-endpoints.h). */
LurkClientType    lurk_account_get_client_type         (LurkAccount          *self);
const char       *lurk_account_get_id_url              (LurkAccount          *self);
SoupSession      *lurk_account_get_session             (LurkAccount          *self);

G_END_DECLS
