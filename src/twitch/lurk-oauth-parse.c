/* lurk-oauth-parse.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lurk-error.h"
#include "lurk-json-scan.h"
#include "lurk-oauth.h"
#include "lurk-oauth-private.h"

/* The ID server's JSON answers (device code, token, validate, revoke) and the forms that ask
 * for them: bytes in, struct or GError out, so that each can be fuzzed. */

/* Answers from the ID endpoints are small; anything bigger is not Twitch talking. */
#define MAX_BODY_SIZE    (64 * 1024)
#define MAX_TOKEN_LENGTH 512

/* JSON answers ---------------------------------------------------------------------------- */

static JsonObject *
parse_object (GBytes  *body,
              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize size = 0;
  JsonNode *root;

  if (body == NULL || g_bytes_get_size (body) == 0)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED, _("Twitch sent an empty answer"));
      return NULL;
    }

  data = g_bytes_get_data (body, &size);
  if (size > MAX_BODY_SIZE)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED, _("Twitch’s answer is too big"));
      return NULL;
    }

  /* Validate first with the strict scanner (grammar, UTF-8, nesting depth), as
   * lurk-helix-parse.c does: json-glib recurses without a depth limit and is lenient about
   * some inputs. */
  {
    LurkJsonDoc doc;
    gboolean valid = lurk_json_doc_parse (&doc, data, size, NULL);

    lurk_json_doc_clear (&doc);
    if (!valid)
      {
        g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                     _("Twitch’s answer is not valid JSON"));
        return NULL;
      }
  }

  if (!json_parser_load_from_data (parser, data, (gssize) size, &local_error))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s answer is not valid JSON"));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s answer is not a JSON object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  *value = json_node_get_int (node);
  return TRUE;
}

/* `scope` (token) and `scopes` (validate) are arrays of strings, or null. */
static char **
get_scopes (JsonObject *object,
            const char *name)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element)
              && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  else if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), " ", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

/* Twitch's error bodies: {"status":400,"message":"…"} or {"error":"…","status":…}. */
static char *
get_error_message (GBytes *body)
{
  g_autoptr(JsonObject) object = parse_object (body, NULL);
  const char *message;

  if (object == NULL)
    return NULL;

  message = get_string (object, "message");
  if (message == NULL)
    message = get_string (object, "error");

  return _lurk_oauth_sanitize_message (message);
}

static void
set_status_error (guint        status,
                  GBytes      *body,
                  GError     **error)
{
  g_autofree char *message = get_error_message (body);
  int code;

  if (status == 400)
    code = LURK_ERROR_BAD_REQUEST;
  else if (status == 401)
    code = LURK_ERROR_UNAUTHORIZED;
  else if (status == 403)
    code = LURK_ERROR_FORBIDDEN;
  else if (status == 404)
    code = LURK_ERROR_NOT_FOUND;
  else if (status == 429)
    code = LURK_ERROR_RATE_LIMITED;
  else if (status >= 500 && status < 600)
    code = LURK_ERROR_SERVER;
  else if (status == 0)
    code = LURK_ERROR_NETWORK;
  else
    code = LURK_ERROR_FAILED;

  if (message != NULL)
    g_set_error (error, LURK_ERROR, code, _("Twitch answered %u: %s"), status, message);
  else
    g_set_error (error, LURK_ERROR, code, _("Twitch answered %u"), status);
}

/* The JSON object of a 200 answer; any other status is the error it stands for. */
static JsonObject *
parse_ok_object (guint    status,
                 GBytes  *body,
                 GError **error)
{
  if (status != 200)
    {
      set_status_error (status, body, error);
      return NULL;
    }

  return parse_object (body, error);
}

/* Device code grant ----------------------------------------------------------------------- */

char *
lurk_oauth_build_device_code_form (const char         *client_id,
                                   const char * const *scopes)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *scope = lurk_oauth_join_scopes (scopes);

  g_return_val_if_fail (client_id != NULL, NULL);

  _lurk_oauth_form_add (form, "client_id", client_id);
  _lurk_oauth_form_add (form, "scopes", scope);

  return g_string_free (g_steal_pointer (&form), FALSE);
}

/**
 * lurk_oauth_parse_device_code:
 * @status: the HTTP status of `POST /oauth2/device`
 * @body: its body
 * @error: a #GError
 *
 * Returns: (transfer full): the device code; `interval` is at least 1 s (5 s when absent),
 *   `expires_in` at most %LURK_OAUTH_DEVICE_CODE_MAX_LIFETIME, and the verification URI is an
 *   http(s) URL
 */
LurkDeviceCode *
lurk_oauth_parse_device_code (guint     status,
                              GBytes   *body,
                              GError  **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LurkDeviceCode) code = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *device_code;
  const char *user_code;
  const char *verification_uri;
  gint64 expires_in = 0;
  gint64 interval = 5;

  object = parse_ok_object (status, body, error);
  if (object == NULL)
    return NULL;

  device_code = get_string (object, "device_code");
  user_code = get_string (object, "user_code");
  verification_uri = get_string (object, "verification_uri");

  if (!_lurk_oauth_is_token_like (device_code, MAX_TOKEN_LENGTH) || !_lurk_oauth_is_token_like (user_code, 64)
      || verification_uri == NULL || !get_int (object, "expires_in", &expires_in)
      || expires_in <= 0)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s device code answer is incomplete"));
      return NULL;
    }

  uri = g_uri_parse (verification_uri, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL
      || (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0
          && g_strcmp0 (g_uri_get_scheme (uri), "http") != 0)
      || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s activation page is not a web address"));
      return NULL;
    }

  /* now + expires_in · 10⁶ µs must not overflow, and no code lives for days */
  expires_in = MIN (expires_in, LURK_OAUTH_DEVICE_CODE_MAX_LIFETIME);

  if (get_int (object, "interval", &interval) && interval < 1)
    interval = 1;
  if (interval > 60)
    interval = 60;

  code = g_new0 (LurkDeviceCode, 1);
  code->device_code = g_strdup (device_code);
  code->user_code = g_strdup (user_code);
  code->verification_uri = g_strdup (verification_uri);
  code->expires_in = expires_in;
  code->interval = (guint) interval;

  return g_steal_pointer (&code);
}

char *
lurk_oauth_build_device_token_form (const char         *client_id,
                                    const char * const *scopes,
                                    const char         *device_code)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *scope = lurk_oauth_join_scopes (scopes);

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (device_code != NULL, NULL);

  _lurk_oauth_form_add (form, "client_id", client_id);
  _lurk_oauth_form_add (form, "scopes", scope);
  _lurk_oauth_form_add (form, "device_code", device_code);
  _lurk_oauth_form_add (form, "grant_type", "urn:ietf:params:oauth:grant-type:device_code");

  return g_string_free (g_steal_pointer (&form), FALSE);
}

/**
 * lurk_oauth_classify_device_poll:
 * @status: the HTTP status of the poll
 * @body: its body
 * @token: (out) (optional): the token on %LURK_DEVICE_ANSWER_SUCCESS
 * @error: set for the final answers other than success
 *
 * Returns: what the answer means for the device flow
 */
LurkDeviceAnswer
lurk_oauth_classify_device_poll (guint            status,
                                 GBytes          *body,
                                 LurkOAuthToken **token,
                                 GError         **error)
{
  g_autofree char *message = NULL;

  if (token != NULL)
    *token = NULL;

  if (status == 200)
    {
      g_autoptr(LurkOAuthToken) parsed = lurk_oauth_parse_token (status, body, error);

      if (parsed == NULL)
        return LURK_DEVICE_ANSWER_ERROR;

      if (token != NULL)
        *token = g_steal_pointer (&parsed);
#ifdef __clang_analyzer__
      /* Not a leak: g_autoptr frees @parsed when @token is NULL, but clang 14's analyzer does
       * not model cleanup attributes, so it is freed visibly for the analyzer only. */
      g_clear_pointer (&parsed, lurk_oauth_token_free);
#endif
      return LURK_DEVICE_ANSWER_SUCCESS;
    }

  if (status == 429)
    return LURK_DEVICE_ANSWER_SLOW_DOWN;

  if (status == 400 || status == 401 || status == 403)
    {
      message = get_error_message (body);

      if (g_strcmp0 (message, "authorization_pending") == 0)
        return LURK_DEVICE_ANSWER_PENDING;
      if (g_strcmp0 (message, "slow_down") == 0)
        return LURK_DEVICE_ANSWER_SLOW_DOWN;
      if (g_strcmp0 (message, "expired_token") == 0
          || g_strcmp0 (message, "invalid device code") == 0)
        {
          g_set_error (error, LURK_ERROR, LURK_ERROR_EXPIRED,
                       _("The code expired before it was entered"));
          return LURK_DEVICE_ANSWER_EXPIRED;
        }
      if (g_strcmp0 (message, "access_denied") == 0)
        {
          g_set_error (error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED, _("Sign-in cancelled"));
          return LURK_DEVICE_ANSWER_DENIED;
        }
    }

  set_status_error (status, body, error);
  return LURK_DEVICE_ANSWER_ERROR;
}

/* Token, refresh, validate, revoke -------------------------------------------------------- */

char *
lurk_oauth_build_refresh_form (const char *client_id,
                               const char *refresh_token)
{
  g_autoptr(GString) form = g_string_new (NULL);

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (refresh_token != NULL, NULL);

  _lurk_oauth_form_add (form, "client_id", client_id);
  _lurk_oauth_form_add (form, "grant_type", "refresh_token");
  _lurk_oauth_form_add (form, "refresh_token", refresh_token);

  return g_string_free (g_steal_pointer (&form), FALSE);
}

/**
 * lurk_oauth_parse_token:
 * @status: the HTTP status of `POST /oauth2/token`
 * @body: its body
 * @error: a #GError; a 400 or 401 to a refresh means the refresh token is no good
 *
 * Returns: (transfer full): the token
 */
LurkOAuthToken *
lurk_oauth_parse_token (guint     status,
                        GBytes   *body,
                        GError  **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LurkOAuthToken) token = NULL;
  const char *access_token;
  const char *refresh_token;
  const char *token_type;
  gint64 expires_in = 0;

  object = parse_ok_object (status, body, error);
  if (object == NULL)
    return NULL;

  access_token = get_string (object, "access_token");
  if (!_lurk_oauth_is_token_like (access_token, MAX_TOKEN_LENGTH))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s token answer has no usable access token"));
      return NULL;
    }

  refresh_token = get_string (object, "refresh_token");
  if (refresh_token != NULL && !_lurk_oauth_is_token_like (refresh_token, MAX_TOKEN_LENGTH))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s token answer has an unusable refresh token"));
      return NULL;
    }

  token_type = get_string (object, "token_type");
  if (token_type != NULL && g_ascii_strcasecmp (token_type, "bearer") != 0)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s answer has an unknown token type"));
      return NULL;
    }

  if (get_int (object, "expires_in", &expires_in) && expires_in < 0)
    expires_in = 0;

  token = g_new0 (LurkOAuthToken, 1);
  token->access_token = g_strdup (access_token);
  token->refresh_token = g_strdup (refresh_token);
  token->scopes = get_scopes (object, "scope");
  token->expires_in = expires_in;
  token->token_type = g_strdup ("bearer");

  return g_steal_pointer (&token);
}

/**
 * lurk_oauth_parse_validation:
 * @status: the HTTP status of `GET /oauth2/validate`
 * @body: its body
 * @error: a #GError; %LURK_ERROR_UNAUTHORIZED on 401 (the session has ended)
 *
 * Returns: (transfer full): who the token belongs to
 */
LurkOAuthValidation *
lurk_oauth_parse_validation (guint     status,
                             GBytes   *body,
                             GError  **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LurkOAuthValidation) validation = NULL;
  const char *client_id;
  const char *login;
  const char *user_id;
  gint64 expires_in = 0;

  object = parse_ok_object (status, body, error);
  if (object == NULL)
    return NULL;

  client_id = get_string (object, "client_id");
  login = get_string (object, "login");
  user_id = get_string (object, "user_id");

  if (client_id == NULL || login == NULL || user_id == NULL || *user_id == '\0'
      || !_lurk_oauth_is_token_like (user_id, 64) || !_lurk_oauth_is_token_like (login, 64))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s token check answer does not name a user"));
      return NULL;
    }

  if (get_int (object, "expires_in", &expires_in) && expires_in < 0)
    expires_in = 0;

  validation = g_new0 (LurkOAuthValidation, 1);
  validation->client_id = g_strdup (client_id);
  validation->login = g_ascii_strdown (login, -1);
  validation->user_id = g_strdup (user_id);
  validation->scopes = get_scopes (object, "scopes");
  validation->expires_in = expires_in;

  return g_steal_pointer (&validation);
}

char *
lurk_oauth_build_revoke_form (const char *client_id,
                              const char *token)
{
  g_autoptr(GString) form = g_string_new (NULL);

  g_return_val_if_fail (client_id != NULL, NULL);
  g_return_val_if_fail (token != NULL, NULL);

  _lurk_oauth_form_add (form, "client_id", client_id);
  _lurk_oauth_form_add (form, "token", token);

  return g_string_free (g_steal_pointer (&form), FALSE);
}

/**
 * lurk_oauth_parse_revoke:
 * @status: the HTTP status of `POST /oauth2/revoke`
 * @body: its body
 * @error: a #GError
 *
 * A token Twitch does not know (400 "Invalid token") counts as revoked.
 *
 * Returns: %TRUE when the token is no longer valid
 */
gboolean
lurk_oauth_parse_revoke (guint     status,
                         GBytes   *body,
                         GError  **error)
{
  g_autofree char *message = NULL;

  if (status == 200)
    return TRUE;

  message = get_error_message (body);
  if (status == 400 && message != NULL && g_ascii_strcasecmp (message, "Invalid token") == 0)
    return TRUE;

  set_status_error (status, body, error);
  return FALSE;
}
