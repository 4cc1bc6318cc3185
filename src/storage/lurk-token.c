/* lurk-token.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-token"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-token.h"

/**
 * LurkToken:
 *
 * A signed-in user's Twitch credentials and who they are. The keyring keeps it as one JSON
 * secret per user id:
 *
 * |[
 * {"version":1,"user_id":"141981764","login":"alice","display_name":"Alice",
 *  "profile_image_url":"https://…","client_id":"…","access_token":"…",
 *  "refresh_token":null,"expires_at":1795000000,"scopes":["user:read:chat"]}
 * ]|
 *
 * The token strings are wiped from memory when replaced or when the object is finalized.
 * Copies json-glib makes while (de)serializing are not (secure-ish, not secure).
 */

#define TOKEN_JSON_VERSION 1

struct _LurkToken
{
  GObject   parent_instance;

  char     *user_id;
  char     *login;
  char     *display_name;
  char     *profile_image_url;
  char     *client_id;
  char     *access_token;
  char     *refresh_token;
  char    **scopes;
  gint64    expires_at;
};

G_DEFINE_FINAL_TYPE (LurkToken, lurk_token, G_TYPE_OBJECT)

static void
replace_secret (char       **field,
                const char  *value)
{
  char *old = *field;

  *field = g_strdup (value);
  lurk_secret_free (old);
}

static void
set_str (char       **field,
         const char  *value)
{
  char *old = *field;

  *field = g_strdup (value);
  g_free (old);
}

static void
lurk_token_finalize (GObject *object)
{
  LurkToken *self = (LurkToken *)object;

  g_clear_pointer (&self->access_token, lurk_secret_free);
  g_clear_pointer (&self->refresh_token, lurk_secret_free);
  g_clear_pointer (&self->user_id, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->profile_image_url, g_free);
  g_clear_pointer (&self->client_id, g_free);
  g_clear_pointer (&self->scopes, g_strfreev);

  G_OBJECT_CLASS (lurk_token_parent_class)->finalize (object);
}

static void
lurk_token_class_init (LurkTokenClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_token_finalize;
}

static void
lurk_token_init (LurkToken *self)
{
  self->scopes = g_new0 (char *, 1);
}

/**
 * lurk_token_new:
 * @user_id: the Twitch user id (the keyring key)
 * @login: the user's login
 * @client_id: the client id the token was issued to
 * @access_token: the access token
 *
 * Returns: (transfer full): a token without refresh token, scopes or expiry yet
 */
LurkToken *
lurk_token_new (const char *user_id,
                const char *login,
                const char *client_id,
                const char *access_token)
{
  LurkToken *self;

  g_return_val_if_fail (user_id != NULL && *user_id != '\0', NULL);
  g_return_val_if_fail (access_token != NULL, NULL);

  self = g_object_new (LURK_TYPE_TOKEN, NULL);
  self->user_id = g_strdup (user_id);
  self->login = g_strdup (login);
  self->client_id = g_strdup (client_id);
  self->access_token = g_strdup (access_token);

  return self;
}

/**
 * lurk_token_copy:
 *
 * Returns: (transfer full): an independent copy
 */
LurkToken *
lurk_token_copy (LurkToken *self)
{
  LurkToken *copy;

  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  copy = lurk_token_new (self->user_id, self->login, self->client_id, self->access_token);
  copy->display_name = g_strdup (self->display_name);
  copy->profile_image_url = g_strdup (self->profile_image_url);
  copy->refresh_token = g_strdup (self->refresh_token);
  copy->expires_at = self->expires_at;
  lurk_token_set_scopes (copy, (const char * const *) self->scopes);

  return copy;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * lurk_token_to_json:
 *
 * Returns: (transfer full): the JSON secret; free it with lurk_secret_free()
 */
char *
lurk_token_to_json (LurkToken *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TOKEN_JSON_VERSION);
  add_string_member (builder, "user_id", self->user_id);
  add_string_member (builder, "login", self->login);
  add_string_member (builder, "display_name", self->display_name);
  add_string_member (builder, "profile_image_url", self->profile_image_url);
  add_string_member (builder, "client_id", self->client_id);
  add_string_member (builder, "access_token", self->access_token);
  add_string_member (builder, "refresh_token", self->refresh_token);
  json_builder_set_member_name (builder, "expires_at");
  json_builder_add_int_value (builder, self->expires_at);
  json_builder_set_member_name (builder, "scopes");
  json_builder_begin_array (builder);
  for (guint i = 0; self->scopes[i] != NULL; i++)
    json_builder_add_string_value (builder, self->scopes[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

/* A member that must be a string (or, when @nullable, null or absent). */
static gboolean
get_string (JsonObject   *object,
            const char   *name,
            gboolean      nullable,
            const char  **out,
            GError      **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *out = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (nullable)
        return TRUE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *out = json_node_get_string (node);
      if (nullable || **out != '\0')
        return TRUE;
    }

  g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
               _("The saved Twitch sign-in is damaged (“%s” is missing or wrong). "
                 "Sign in again."),
               name);
  return FALSE;
}

/**
 * lurk_token_new_from_json:
 * @json: what lurk_token_to_json() wrote
 * @error: %LURK_ERROR_MALFORMED when it is not a token
 *
 * Returns: (transfer full) (nullable): the token
 */
LurkToken *
lurk_token_new_from_json (const char  *json,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(LurkToken) self = NULL;
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  const char *user_id, *login, *display_name, *image, *client_id, *access, *refresh;
  JsonObject *object;
  JsonNode *node;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &parse_error) ||
      json_parser_get_root (parser) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      /* The parser's message may quote the secret: not passed on. */
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                           _("The saved Twitch sign-in is damaged. Sign in again."));
      return NULL;
    }

  object = json_node_get_object (json_parser_get_root (parser));

  if (!get_string (object, "user_id", FALSE, &user_id, error) ||
      !get_string (object, "access_token", FALSE, &access, error) ||
      !get_string (object, "login", TRUE, &login, error) ||
      !get_string (object, "display_name", TRUE, &display_name, error) ||
      !get_string (object, "profile_image_url", TRUE, &image, error) ||
      !get_string (object, "client_id", TRUE, &client_id, error) ||
      !get_string (object, "refresh_token", TRUE, &refresh, error))
    return NULL;

  self = lurk_token_new (user_id, login, client_id, access);
  self->display_name = g_strdup (display_name);
  self->profile_image_url = g_strdup (image);
  self->refresh_token = g_strdup (refresh);

  node = json_object_get_member (object, "expires_at");
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    self->expires_at = json_node_get_int (node);

  node = json_object_get_member (object, "scopes");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (scopes, (gpointer) json_node_get_string (element));
        }
    }
  lurk_token_set_scopes (self, (const char * const *) scopes->pdata);

  return g_steal_pointer (&self);
}

const char *
lurk_token_get_user_id (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return self->user_id;
}

const char *
lurk_token_get_login (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return self->login;
}

void
lurk_token_set_login (LurkToken  *self,
                      const char *login)
{
  g_return_if_fail (LURK_IS_TOKEN (self));

  set_str (&self->login, login);
}

const char *
lurk_token_get_display_name (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return self->display_name;
}

void
lurk_token_set_display_name (LurkToken  *self,
                             const char *display_name)
{
  g_return_if_fail (LURK_IS_TOKEN (self));

  set_str (&self->display_name, display_name);
}

const char *
lurk_token_get_profile_image_url (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return self->profile_image_url;
}

void
lurk_token_set_profile_image_url (LurkToken  *self,
                                  const char *url)
{
  g_return_if_fail (LURK_IS_TOKEN (self));

  set_str (&self->profile_image_url, url);
}

const char *
lurk_token_get_client_id (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return self->client_id;
}

/* Never log it. */
const char *
lurk_token_get_access_token (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return self->access_token;
}

void
lurk_token_set_access_token (LurkToken  *self,
                             const char *access_token)
{
  g_return_if_fail (LURK_IS_TOKEN (self));
  g_return_if_fail (access_token != NULL);

  replace_secret (&self->access_token, access_token);
}

/* Never log it. %NULL for the implicit grant. */
const char *
lurk_token_get_refresh_token (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return self->refresh_token;
}

/* Refresh tokens are single-use: store the new one before using the new access token. */
void
lurk_token_set_refresh_token (LurkToken  *self,
                              const char *refresh_token)
{
  g_return_if_fail (LURK_IS_TOKEN (self));

  replace_secret (&self->refresh_token, refresh_token);
}

const char * const *
lurk_token_get_scopes (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), NULL);

  return (const char * const *) self->scopes;
}

void
lurk_token_set_scopes (LurkToken          *self,
                       const char * const *scopes)
{
  char **old;

  g_return_if_fail (LURK_IS_TOKEN (self));

  old = self->scopes;
  self->scopes = scopes != NULL ? g_strdupv ((char **) scopes) : g_new0 (char *, 1);
  g_strfreev (old);
}

gboolean
lurk_token_has_scope (LurkToken  *self,
                      const char *scope)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), FALSE);
  g_return_val_if_fail (scope != NULL, FALSE);

  return g_strv_contains ((const char * const *) self->scopes, scope);
}

gint64
lurk_token_get_expires_at (LurkToken *self)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), 0);

  return self->expires_at;
}

void
lurk_token_set_expires_at (LurkToken *self,
                           gint64     expires_at)
{
  g_return_if_fail (LURK_IS_TOKEN (self));

  self->expires_at = expires_at;
}

/**
 * lurk_token_is_expired:
 * @now: seconds since the epoch
 *
 * Returns: whether the expiry is known and passed. Twitch's validation is what decides;
 *   this only saves a request that would fail.
 */
gboolean
lurk_token_is_expired (LurkToken *self,
                       gint64     now)
{
  g_return_val_if_fail (LURK_IS_TOKEN (self), FALSE);

  return self->expires_at > 0 && now >= self->expires_at;
}
