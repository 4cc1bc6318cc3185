/* lurk-oauth.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lurk-error.h"
#include "lurk-oauth.h"

/* Answers from the ID endpoints are small; anything bigger is not Twitch talking. */
#define MAX_BODY_SIZE    (64 * 1024)
#define MAX_TOKEN_LENGTH 512

/* The read scopes of the broadcaster-only EventSub types (DESIGN.md, "Events"). */
static const char * const broadcaster_scopes[] = {
  "moderator:read:followers",
  "channel:read:subscriptions",
  "bits:read",
  "channel:read:redemptions",
  "channel:read:polls",
  "channel:read:predictions",
  "channel:read:hype_train",
  "channel:read:goals",
  "channel:read:charity",
  "channel:read:ads",
  "moderator:read:shoutouts",
  NULL
};

void
lurk_oauth_token_free (LurkOAuthToken *token)
{
  if (token == NULL)
    return;

  /* Do not leave tokens lying around in freed memory. */
  if (token->access_token != NULL)
    explicit_bzero (token->access_token, strlen (token->access_token));
  if (token->refresh_token != NULL)
    explicit_bzero (token->refresh_token, strlen (token->refresh_token));

  g_free (token->access_token);
  g_free (token->refresh_token);
  g_strfreev (token->scopes);
  g_free (token->token_type);
  g_free (token);
}

LurkOAuthToken *
lurk_oauth_token_copy (const LurkOAuthToken *token)
{
  LurkOAuthToken *copy;

  g_return_val_if_fail (token != NULL, NULL);

  copy = g_new0 (LurkOAuthToken, 1);
  copy->access_token = g_strdup (token->access_token);
  copy->refresh_token = g_strdup (token->refresh_token);
  copy->scopes = g_strdupv (token->scopes);
  copy->expires_in = token->expires_in;
  copy->token_type = g_strdup (token->token_type);

  return copy;
}

void
lurk_oauth_validation_free (LurkOAuthValidation *validation)
{
  if (validation == NULL)
    return;

  g_free (validation->client_id);
  g_free (validation->login);
  g_free (validation->user_id);
  g_strfreev (validation->scopes);
  g_free (validation);
}

void
lurk_device_code_free (LurkDeviceCode *code)
{
  if (code == NULL)
    return;

  if (code->device_code != NULL)
    explicit_bzero (code->device_code, strlen (code->device_code));

  g_free (code->device_code);
  g_free (code->user_code);
  g_free (code->verification_uri);
  g_free (code);
}

LurkDeviceCode *
lurk_device_code_copy (const LurkDeviceCode *code)
{
  LurkDeviceCode *copy;

  g_return_val_if_fail (code != NULL, NULL);

  copy = g_new0 (LurkDeviceCode, 1);
  copy->device_code = g_strdup (code->device_code);
  copy->user_code = g_strdup (code->user_code);
  copy->verification_uri = g_strdup (code->verification_uri);
  copy->expires_in = code->expires_in;
  copy->interval = code->interval;

  return copy;
}

/* Scopes ---------------------------------------------------------------------------------- */

/**
 * lurk_oauth_build_scopes:
 * @broadcaster: whether the user said they are the broadcaster of the favorite channel
 *
 * Returns: (transfer full): `user:read:chat`, plus the broadcaster read scopes if asked
 */
char **
lurk_oauth_build_scopes (gboolean broadcaster)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, LURK_OAUTH_SCOPE_CHAT);
  if (broadcaster)
    g_strv_builder_addv (builder, (const char **) broadcaster_scopes);

  return g_strv_builder_end (builder);
}

char *
lurk_oauth_join_scopes (const char * const *scopes)
{
  if (scopes == NULL)
    return g_strdup ("");

  return g_strjoinv (" ", (char **) scopes);
}

/* State ----------------------------------------------------------------------------------- */

/**
 * lurk_oauth_generate_state:
 *
 * Returns: (transfer full): 32 bytes from the OS CSPRNG (getrandom), base64url without
 *   padding (43 characters), or %NULL when the kernel cannot give random bytes
 */
char *
lurk_oauth_generate_state (GError **error)
{
  guint8 bytes[LURK_OAUTH_STATE_BYTES];
  gsize filled = 0;
  g_autofree char *encoded = NULL;
  char *p;

  while (filled < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + filled, sizeof bytes - filled, 0);

      if (n < 0)
        {
          int errsv = errno;

          if (errsv == EINTR)
            continue;

          g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED,
                       _("Could not get random bytes from the system: %s"),
                       g_strerror (errsv));
          return NULL;
        }

      filled += (gsize) n;
    }

  encoded = g_base64_encode (bytes, sizeof bytes);
  explicit_bzero (bytes, sizeof bytes);

  for (p = encoded; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }

  return g_steal_pointer (&encoded);
}

/**
 * lurk_oauth_state_equal:
 * @expected: the state Lurk sent
 * @received: (nullable): the state that came back
 *
 * Compares in time that depends only on the length of @expected, so that an attacker cannot
 * guess the state byte by byte.
 *
 * Returns: %TRUE when both are the same non-empty string
 */
gboolean
lurk_oauth_state_equal (const char *expected,
                        const char *received)
{
  gsize expected_len;
  gsize received_len;
  guint8 diff;

  if (expected == NULL || received == NULL)
    return FALSE;

  expected_len = strlen (expected);
  received_len = strlen (received);
  if (expected_len == 0)
    return FALSE;

  diff = expected_len != received_len;
  for (gsize i = 0; i < expected_len; i++)
    {
      guint8 r = i < received_len ? (guint8) received[i] : 0;

      diff |= (guint8) expected[i] ^ r;
    }

  return diff == 0;
}

/* URLs and forms -------------------------------------------------------------------------- */

static void
form_add (GString    *form,
          const char *key,
          const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value != NULL ? value : "", NULL, FALSE);

  if (form->len > 0)
    g_string_append_c (form, '&');
  g_string_append (form, key);
  g_string_append_c (form, '=');
  g_string_append (form, escaped);
}

/**
 * lurk_oauth_build_endpoint_uri:
 * @id_url: `https://id.twitch.tv`, or a lurk-sim's base URL
 * @path: an absolute path such as `/oauth2/token`
 *
 * Returns: (transfer full) (nullable): the endpoint, or %NULL if @id_url is not an http(s) URL
 */
char *
lurk_oauth_build_endpoint_uri (const char *id_url,
                               const char *path)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *joined = NULL;
  const char *scheme;
  const char *base_path;

  g_return_val_if_fail (id_url != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  base = g_uri_parse (id_url, G_URI_FLAGS_ENCODED, NULL);
  if (base == NULL)
    return NULL;

  scheme = g_uri_get_scheme (base);
  if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0)
    return NULL;
  if (g_uri_get_host (base) == NULL || *g_uri_get_host (base) == '\0')
    return NULL;

  base_path = g_uri_get_path (base);
  if (g_str_has_suffix (base_path, "/"))
    {
      g_autofree char *trimmed = g_strndup (base_path, strlen (base_path) - 1);

      joined = g_strconcat (trimmed, path, NULL);
    }
  else
    joined = g_strconcat (base_path, path, NULL);

  uri = g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (base),
                     g_uri_get_port (base), joined, NULL, NULL);

  return g_uri_to_string (uri);
}

/**
 * lurk_oauth_build_redirect_uri:
 * @port: the loopback port of the redirect server
 *
 * Returns: (transfer full): `http://localhost:PORT/auth`, the form Twitch registers
 */
char *
lurk_oauth_build_redirect_uri (guint port)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (port > 0 && port <= G_MAXUINT16, NULL);

  uri = g_uri_build (G_URI_FLAGS_NONE, "http", NULL, "localhost", (int) port, "/auth",
                     NULL, NULL);

  return g_uri_to_string (uri);
}

/**
 * lurk_oauth_build_authorize_uri:
 * @id_url: the ID base URL
 * @client_id: the public client ID
 * @redirect_uri: the registered redirect URI
 * @scopes: the scopes to ask for
 * @state: the value from lurk_oauth_generate_state()
 * @error: a #GError
 *
 * Returns: (transfer full): `{id_url}/oauth2/authorize?client_id&redirect_uri&
 *   response_type=token&scope&state&force_verify=true`
 */
char *
lurk_oauth_build_authorize_uri (const char          *id_url,
                                const char          *client_id,
                                const char          *redirect_uri,
                                const char * const  *scopes,
                                const char          *state,
                                GError             **error)
{
  g_autofree char *endpoint = NULL;
  g_autofree char *scope = NULL;
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (id_url != NULL, NULL);
  g_return_val_if_fail (redirect_uri != NULL, NULL);
  g_return_val_if_fail (state != NULL, NULL);

  if (client_id == NULL || *client_id == '\0')
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_NO_CLIENT_ID,
                   _("No Twitch client ID is configured"));
      return NULL;
    }

  if (strlen (state) < 22)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED,
                   "The sign-in state is too short to be unguessable");
      return NULL;
    }

  endpoint = lurk_oauth_build_endpoint_uri (id_url, "/oauth2/authorize");
  if (endpoint == NULL)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED,
                   _("The Twitch sign-in address “%s” is not a web address"), id_url);
      return NULL;
    }

  scope = lurk_oauth_join_scopes (scopes);

  form_add (query, "client_id", client_id);
  form_add (query, "redirect_uri", redirect_uri);
  form_add (query, "response_type", "token");
  form_add (query, "scope", scope);
  form_add (query, "state", state);
  form_add (query, "force_verify", "true");

  base = g_uri_parse (endpoint, G_URI_FLAGS_ENCODED, error);
  if (base == NULL)
    return NULL;

  uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), NULL, g_uri_get_host (base),
                     g_uri_get_port (base), g_uri_get_path (base), query->str, NULL);

  return g_uri_to_string (uri);
}

/* A token or code travels in headers and forms: printable ASCII without spaces only, so
 * that an injected value cannot smuggle a header, a parameter or a control character. */
static gboolean
is_token_like (const char *value,
               gsize       max_length)
{
  gsize len;

  if (value == NULL)
    return FALSE;

  len = strlen (value);
  if (len == 0 || len > max_length)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) value[i];

      if (!(g_ascii_isalnum (c) || strchr ("-._~+/=", c) != NULL))
        return FALSE;
    }

  return TRUE;
}

/* Text Twitch sends that may end up in a label: no control characters, bounded length. */
static char *
sanitize_message (const char *text)
{
  g_autoptr(GString) out = NULL;
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  out = g_string_new (NULL);
  for (p = text; *p != '\0' && out->len < 200; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  g_strstrip (out->str);
  if (out->str[0] == '\0')
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * lurk_oauth_parse_redirect_params:
 * @params: the URL fragment (or query, for errors) of the redirect, without `#` or `?`
 * @expected_state: the state Lurk sent
 * @error: a #GError
 *
 * Parses what the authorize endpoint sent back to the redirect URI. A repeated parameter, a
 * bad encoding or a token with characters a token cannot have is %LURK_ERROR_MALFORMED; a
 * missing or different state is %LURK_ERROR_STATE_MISMATCH (checked before anything else is
 * believed); `error=access_denied` is %LURK_ERROR_ACCESS_DENIED. Unknown parameters are
 * ignored.
 *
 * Returns: (transfer full): the token
 */
LurkOAuthToken *
lurk_oauth_parse_redirect_params (const char  *params,
                                  const char  *expected_state,
                                  GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LurkOAuthToken) token = NULL;
  GUriParamsIter iter;
  char *key;
  char *value;
  const char *state;
  const char *oauth_error;
  const char *access_token;
  const char *token_type;
  const char *scope;

  g_return_val_if_fail (expected_state != NULL, NULL);

  if (params == NULL || *params == '\0')
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch sent the browser back without an answer"));
      return NULL;
    }

  if (strlen (params) > 16 * 1024)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("The answer from Twitch is too long"));
      return NULL;
    }

  g_uri_params_iter_init (&iter, params, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &key, &value, &local_error))
    {
      if (g_hash_table_contains (seen, key))
        {
          g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                       _("The answer from Twitch repeats the parameter “%s”"), key);
          g_free (key);
          g_free (value);
          return NULL;
        }

      if (!g_utf8_validate (value, -1, NULL) || !g_utf8_validate (key, -1, NULL))
        {
          g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                       _("The answer from Twitch is not valid text"));
          g_free (key);
          g_free (value);
          return NULL;
        }

      g_hash_table_insert (seen, key, value);
    }

  if (local_error != NULL)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("The answer from Twitch is badly encoded"));
      return NULL;
    }

  state = g_hash_table_lookup (seen, "state");
  if (!lurk_oauth_state_equal (expected_state, state))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_STATE_MISMATCH,
                   state == NULL
                   ? _("The answer did not carry this sign-in’s state; it was ignored")
                   : _("The answer belongs to another sign-in; it was ignored"));
      return NULL;
    }

  oauth_error = g_hash_table_lookup (seen, "error");
  if (oauth_error != NULL)
    {
      g_autofree char *description =
        sanitize_message (g_hash_table_lookup (seen, "error_description"));

      if (g_strcmp0 (oauth_error, "access_denied") == 0)
        g_set_error (error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED, _("Sign-in cancelled"));
      else if (description != NULL)
        g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED,
                     _("Twitch refused the sign-in: %s"), description);
      else
        g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED, _("Twitch refused the sign-in"));
      return NULL;
    }

  access_token = g_hash_table_lookup (seen, "access_token");
  if (access_token == NULL)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s answer has no access token"));
      return NULL;
    }

  if (!is_token_like (access_token, MAX_TOKEN_LENGTH))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s answer has an access token that cannot be one"));
      return NULL;
    }

  token_type = g_hash_table_lookup (seen, "token_type");
  if (token_type != NULL && g_ascii_strcasecmp (token_type, "bearer") != 0)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s answer has an unknown token type"));
      return NULL;
    }

  token = g_new0 (LurkOAuthToken, 1);
  token->access_token = g_strdup (access_token);
  token->token_type = g_strdup ("bearer");

  scope = g_hash_table_lookup (seen, "scope");
  if (scope != NULL && *scope != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (scope, " ", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (*parts[i] != '\0')
          g_strv_builder_add (builder, parts[i]);

      token->scopes = g_strv_builder_end (builder);
    }
  else
    token->scopes = g_new0 (char *, 1);

  return g_steal_pointer (&token);
}

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

  return sanitize_message (message);
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

/* Device code grant ----------------------------------------------------------------------- */

char *
lurk_oauth_build_device_code_form (const char         *client_id,
                                   const char * const *scopes)
{
  g_autoptr(GString) form = g_string_new (NULL);
  g_autofree char *scope = lurk_oauth_join_scopes (scopes);

  g_return_val_if_fail (client_id != NULL, NULL);

  form_add (form, "client_id", client_id);
  form_add (form, "scopes", scope);

  return g_string_free (g_steal_pointer (&form), FALSE);
}

/**
 * lurk_oauth_parse_device_code:
 * @status: the HTTP status of `POST /oauth2/device`
 * @body: its body
 * @error: a #GError
 *
 * Returns: (transfer full): the device code; `interval` is at least 1 s (5 s when absent),
 *   and the verification URI is an http(s) URL
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

  if (status != 200)
    {
      set_status_error (status, body, error);
      return NULL;
    }

  object = parse_object (body, error);
  if (object == NULL)
    return NULL;

  device_code = get_string (object, "device_code");
  user_code = get_string (object, "user_code");
  verification_uri = get_string (object, "verification_uri");

  if (!is_token_like (device_code, MAX_TOKEN_LENGTH) || !is_token_like (user_code, 64)
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

  form_add (form, "client_id", client_id);
  form_add (form, "scopes", scope);
  form_add (form, "device_code", device_code);
  form_add (form, "grant_type", "urn:ietf:params:oauth:grant-type:device_code");

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

  form_add (form, "client_id", client_id);
  form_add (form, "grant_type", "refresh_token");
  form_add (form, "refresh_token", refresh_token);

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

  if (status != 200)
    {
      set_status_error (status, body, error);
      return NULL;
    }

  object = parse_object (body, error);
  if (object == NULL)
    return NULL;

  access_token = get_string (object, "access_token");
  if (!is_token_like (access_token, MAX_TOKEN_LENGTH))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Twitch’s token answer has no usable access token"));
      return NULL;
    }

  refresh_token = get_string (object, "refresh_token");
  if (refresh_token != NULL && !is_token_like (refresh_token, MAX_TOKEN_LENGTH))
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

  if (status != 200)
    {
      set_status_error (status, body, error);
      return NULL;
    }

  object = parse_object (body, error);
  if (object == NULL)
    return NULL;

  client_id = get_string (object, "client_id");
  login = get_string (object, "login");
  user_id = get_string (object, "user_id");

  if (client_id == NULL || login == NULL || user_id == NULL || *user_id == '\0'
      || !is_token_like (user_id, 64) || !is_token_like (login, 64))
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

  form_add (form, "client_id", client_id);
  form_add (form, "token", token);

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
