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

#include "lurk-error.h"
#include "lurk-oauth.h"
#include "lurk-oauth-private.h"

#define MAX_TOKEN_LENGTH 512

/* The scopes of the broadcaster-only EventSub types (DESIGN.md, "Events"): one per type
 * group of lurk-subscription-plan.c, each the one Twitch's reference names for the type
 * (docs/twitch-facts.md). channel.ban/unban accept only channel:moderate, which also lets an
 * app moderate. Lurk never calls a moderation endpoint; it asks because a broadcaster wants to
 * see whether someone was banned or timed out, for how long, and unbans, which the viewer type
 * channel.chat.clear_user_messages does not tell. */
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
  "channel:moderate",
  "moderation:read",
  "channel:read:vips",
  NULL
};

/**
 * lurk_secret_free:
 * @secret: (nullable) (transfer full): a string holding a secret
 *
 * Overwrites the string, then frees it.
 */
void
lurk_secret_free (char *secret)
{
  if (secret == NULL)
    return;

  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
lurk_oauth_token_free (LurkOAuthToken *token)
{
  if (token == NULL)
    return;

  /* Do not leave tokens lying around in freed memory. */
  lurk_secret_free (token->access_token);
  lurk_secret_free (token->refresh_token);
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

  lurk_secret_free (code->device_code);
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

void
_lurk_oauth_form_add (GString    *form,
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

  _lurk_oauth_form_add (query, "client_id", client_id);
  _lurk_oauth_form_add (query, "redirect_uri", redirect_uri);
  _lurk_oauth_form_add (query, "response_type", "token");
  _lurk_oauth_form_add (query, "scope", scope);
  _lurk_oauth_form_add (query, "state", state);
  _lurk_oauth_form_add (query, "force_verify", "true");

  base = g_uri_parse (endpoint, G_URI_FLAGS_ENCODED, error);
  if (base == NULL)
    return NULL;

  uri = g_uri_build (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), NULL, g_uri_get_host (base),
                     g_uri_get_port (base), g_uri_get_path (base), query->str, NULL);

  return g_uri_to_string (uri);
}

/* A token or code travels in headers and forms: printable ASCII without spaces only, so
 * that an injected value cannot smuggle a header, a parameter or a control character. */
gboolean
_lurk_oauth_is_token_like (const char *value,
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
char *
_lurk_oauth_sanitize_message (const char *text)
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
        _lurk_oauth_sanitize_message (g_hash_table_lookup (seen, "error_description"));

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

  if (!_lurk_oauth_is_token_like (access_token, MAX_TOKEN_LENGTH))
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
