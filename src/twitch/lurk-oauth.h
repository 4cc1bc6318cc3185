/* lurk-oauth.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Twitch's OAuth for a public client (no secret, no PKCE): the implicit grant through a
 * loopback redirect and the device code grant. Everything here is pure protocol logic:
 * building requests and parsing answers (bytes in, struct or GError out), so that it can be
 * unit-tested and fuzzed. Nothing in here logs a token. */

#define LURK_OAUTH_DEFAULT_REDIRECT_PORT 17563
#define LURK_OAUTH_SCOPE_CHAT            "user:read:chat"
#define LURK_OAUTH_STATE_BYTES           32
/* Twitch's device codes live 30 minutes; a longer lifetime is cut to this */
#define LURK_OAUTH_DEVICE_CODE_MAX_LIFETIME (2 * 60 * 60)

/**
 * LurkOAuthToken:
 * @access_token: the bearer token (never log it)
 * @refresh_token: (nullable): only the device code grant and refresh give one
 * @scopes: (array zero-terminated=1): the granted scopes
 * @expires_in: seconds from when the answer was received, 0 when unknown
 * @token_type: "bearer"
 */
typedef struct
{
  char    *access_token;
  char    *refresh_token;
  char   **scopes;
  gint64   expires_in;
  char    *token_type;
} LurkOAuthToken;

/* Wipes and frees a string that holds a secret (a token, a device code, a keyring JSON). */
void            lurk_secret_free      (char           *secret);

void            lurk_oauth_token_free (LurkOAuthToken *token);
LurkOAuthToken *lurk_oauth_token_copy (const LurkOAuthToken *token);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkOAuthToken, lurk_oauth_token_free)

/**
 * LurkOAuthValidation:
 *
 * The answer of `GET /oauth2/validate`.
 */
typedef struct
{
  char    *client_id;
  char    *login;
  char    *user_id;
  char   **scopes;
  gint64   expires_in;
} LurkOAuthValidation;

void lurk_oauth_validation_free (LurkOAuthValidation *validation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkOAuthValidation, lurk_oauth_validation_free)

/**
 * LurkDeviceCode:
 * @expires_in: seconds, 1 to %LURK_OAUTH_DEVICE_CODE_MAX_LIFETIME
 *
 * The answer of `POST /oauth2/device`.
 */
typedef struct
{
  char    *device_code;
  char    *user_code;
  char    *verification_uri;
  gint64   expires_in;
  guint    interval;
} LurkDeviceCode;

void            lurk_device_code_free (LurkDeviceCode *code);
LurkDeviceCode *lurk_device_code_copy (const LurkDeviceCode *code);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkDeviceCode, lurk_device_code_free)

/* Scopes */
char          **lurk_oauth_build_scopes             (gboolean              broadcaster);
char           *lurk_oauth_join_scopes              (const char * const   *scopes);

/* State */
char           *lurk_oauth_generate_state           (GError              **error);
gboolean        lurk_oauth_state_equal              (const char           *expected,
                                                     const char           *received);

/* Implicit grant */
char           *lurk_oauth_build_redirect_uri       (guint                 port);
char           *lurk_oauth_build_authorize_uri      (const char           *id_url,
                                                     const char           *client_id,
                                                     const char           *redirect_uri,
                                                     const char * const   *scopes,
                                                     const char           *state,
                                                     GError              **error);
LurkOAuthToken *lurk_oauth_parse_redirect_params    (const char           *params,
                                                     const char           *expected_state,
                                                     GError              **error);

/* Device code grant */
char           *lurk_oauth_build_device_code_form   (const char           *client_id,
                                                     const char * const   *scopes);
LurkDeviceCode *lurk_oauth_parse_device_code        (guint                 status,
                                                     GBytes               *body,
                                                     GError              **error);
char           *lurk_oauth_build_device_token_form  (const char           *client_id,
                                                     const char * const   *scopes,
                                                     const char           *device_code);

/**
 * LurkDeviceAnswer:
 * @LURK_DEVICE_ANSWER_SUCCESS: a token was issued
 * @LURK_DEVICE_ANSWER_PENDING: `authorization_pending`: poll again after the interval
 * @LURK_DEVICE_ANSWER_SLOW_DOWN: `slow_down`: poll again, 5 s slower (RFC 8628 §3.5)
 * @LURK_DEVICE_ANSWER_EXPIRED: the device code expired (`expired_token`,
 *   `invalid device code`)
 * @LURK_DEVICE_ANSWER_DENIED: the user refused (`access_denied`)
 * @LURK_DEVICE_ANSWER_ERROR: anything else; final
 *
 * How one answer of the token endpoint to a device code poll is classified.
 */
typedef enum
{
  LURK_DEVICE_ANSWER_SUCCESS,
  LURK_DEVICE_ANSWER_PENDING,
  LURK_DEVICE_ANSWER_SLOW_DOWN,
  LURK_DEVICE_ANSWER_EXPIRED,
  LURK_DEVICE_ANSWER_DENIED,
  LURK_DEVICE_ANSWER_ERROR,
} LurkDeviceAnswer;

LurkDeviceAnswer lurk_oauth_classify_device_poll    (guint                 status,
                                                     GBytes               *body,
                                                     LurkOAuthToken      **token,
                                                     GError              **error);

/* Token endpoint (device code success, refresh) */
char           *lurk_oauth_build_refresh_form       (const char           *client_id,
                                                     const char           *refresh_token);
LurkOAuthToken *lurk_oauth_parse_token              (guint                 status,
                                                     GBytes               *body,
                                                     GError              **error);

/* Validate and revoke */
LurkOAuthValidation *lurk_oauth_parse_validation    (guint                 status,
                                                     GBytes               *body,
                                                     GError              **error);
char           *lurk_oauth_build_revoke_form        (const char           *client_id,
                                                     const char           *token);
gboolean        lurk_oauth_parse_revoke             (guint                 status,
                                                     GBytes               *body,
                                                     GError              **error);

/* Endpoint URLs below the ID base URL (https://id.twitch.tv or a lurk-sim) */
char           *lurk_oauth_build_endpoint_uri       (const char           *id_url,
                                                     const char           *path);

G_END_DECLS
