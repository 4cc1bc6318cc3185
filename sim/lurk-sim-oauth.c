/* lurk-sim-oauth.c: id.twitch.tv (authorize, device, token, validate, revoke) and tokens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Client types, as Twitch registers them (https://dev.twitch.tv/docs/authentication/
 * getting-tokens-oauth/) and as they behave:
 * - public: device code grant, and refresh without a secret (twitchdev/issues #895). The
 *   implicit grant is refused. How Twitch refuses it is not documented in anything we could
 *   read: the simulator redirects with RFC 6749 §4.2.2.1's `#error=unauthorized_client`.
 * - confidential: implicit grant and device code grant; a refresh without client_secret is
 *   400 "missing client secret" (twitchdev/issues #943).
 * Refresh tokens are single-use: a refresh spends the old pair (access and refresh token).
 * Sending a spent refresh token again revokes every token of that authorization (client and
 * user) and its EventSub subscriptions (twitchdev/issues #903), and answers 400 "Invalid
 * refresh token" (twitchdev/issues #1037). */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>
#include <sys/random.h>

#include "lurk-sim-oauth.h"

#define ACCESS_TOKEN_SECONDS (4 * 60 * 60)
#define IMPLICIT_TOKEN_SECONDS (60 * 24 * 60 * 60)
#define REFRESH_TOKEN_SECONDS (30 * 24 * 60 * 60)
#define DEVICE_CODE_SECONDS 1800
#define DEVICE_INTERVAL 5
#define DEVICE_GRANT "urn:ietf:params:oauth:grant-type:device_code"

/* An application registered at dev.twitch.tv. Public: device code grant and refresh without
 * secret only. Confidential: has a secret, which every refresh needs (twitchdev/issues #943). */
typedef struct
{
  char *client_id;
  GPtrArray *redirect_uris;
  gboolean confidential;
  char *secret;           /* confidential only */
} LurkSimClient;

typedef struct
{
  char *refresh_token;
  char *client_id;
  char *user_id;
  char **scopes;
  char *access_token;     /* issued with it; revoked when it is spent */
  gint64 expires_at;
  gboolean used;
} LurkSimRefresh;

typedef enum
{
  DEVICE_PENDING,
  DEVICE_APPROVED,
  DEVICE_DENIED,
  DEVICE_USED,
} LurkSimDeviceState;

typedef struct
{
  char *device_code;
  char *user_code;
  char *client_id;
  char **scopes;
  char *user_id;          /* set on approval */
  gint64 expires_at;
  LurkSimDeviceState state;
} LurkSimDevice;

struct _LurkSimOAuth
{
  LurkSimWorld *world;
  GHashTable *clients;           /* client_id → LurkSimClient */
  GHashTable *tokens;            /* access token → LurkSimToken */
  GHashTable *refresh_tokens;    /* refresh token → LurkSimRefresh */
  GHashTable *devices;           /* device code → LurkSimDevice */
  GHashTable *user_codes;        /* user code → LurkSimDevice (unowned) */
  char *lose_path;               /* /sim/oauth/lose: the answers of the next calls to this */
  guint lose_count;              /* OAuth path are lost (the connection closes) */
  LurkSimRevokedFunc revoked_func;
  gpointer revoked_data;
};

/* Expiry runs on the simulator's clock, which /sim/clock can move forward. */
static gint64
oauth_now (LurkSimOAuth *self)
{
  return _lurk_sim_world_now (self->world);
}

static const char *known_scopes[] = {
  "analytics:read:extensions", "analytics:read:games", "bits:read", "channel:bot",
  "channel:edit:commercial", "channel:manage:broadcast", "channel:manage:polls",
  "channel:manage:predictions", "channel:manage:redemptions", "channel:moderate",
  "channel:read:ads", "channel:read:charity", "channel:read:editors", "channel:read:goals",
  "channel:read:guest_star", "channel:read:hype_train", "channel:read:polls",
  "channel:read:predictions", "channel:read:redemptions", "channel:read:subscriptions",
  "channel:read:vips", "chat:edit", "chat:read", "clips:edit", "moderation:read",
  "moderator:manage:shoutouts", "moderator:read:chatters", "moderator:read:followers",
  "moderator:read:shoutouts", "user:bot", "user:read:chat", "user:read:email",
  "user:read:follows", "user:read:subscriptions", "user:write:chat", "whispers:read",
};

static const char *broadcaster_scopes[] = {
  "user:read:chat", "moderator:read:followers", "channel:read:subscriptions", "bits:read",
  "channel:read:redemptions", "channel:read:polls", "channel:read:predictions",
  "channel:read:hype_train", "channel:read:goals", "channel:read:charity", "channel:read:ads",
  "moderator:read:shoutouts", "channel:moderate", "moderation:read", "channel:read:vips",
  NULL,
};

static gboolean
scope_is_known (const char *scope)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_scopes); i++)
    if (g_str_equal (known_scopes[i], scope))
      return TRUE;
  return FALSE;
}

static void
client_free (gpointer data)
{
  LurkSimClient *client = data;

  g_free (client->client_id);
  g_free (client->secret);
  g_ptr_array_unref (client->redirect_uris);
  g_free (client);
}

static void
token_free (gpointer data)
{
  LurkSimToken *token = data;

  g_free (token->access_token);
  g_free (token->client_id);
  g_free (token->user_id);
  g_strfreev (token->scopes);
  g_free (token);
}

static void
refresh_free (gpointer data)
{
  LurkSimRefresh *refresh = data;

  g_free (refresh->refresh_token);
  g_free (refresh->client_id);
  g_free (refresh->user_id);
  g_strfreev (refresh->scopes);
  g_free (refresh->access_token);
  g_free (refresh);
}

static void
device_free (gpointer data)
{
  LurkSimDevice *device = data;

  g_free (device->device_code);
  g_free (device->user_code);
  g_free (device->client_id);
  g_strfreev (device->scopes);
  g_free (device->user_id);
  g_free (device);
}

/* Tokens and codes come from the OS CSPRNG, as they would on Twitch. */
static char *
random_string (LurkSimOAuth *self,
               const char   *alphabet,
               guint         length)
{
  guint n = strlen (alphabet);
  g_autofree guint8 *bytes = g_malloc (length);
  char *text = g_malloc (length + 1);

  if (getrandom (bytes, length, 0) != (gssize)length)
    g_error ("getrandom() failed");
  for (guint i = 0; i < length; i++)
    text[i] = alphabet[bytes[i] % n];
  text[length] = 0;

  return text;
}

static char *
new_token_string (LurkSimOAuth *self)
{
  return random_string (self, "abcdefghijklmnopqrstuvwxyz0123456789", 30);
}

static LurkSimClient *
ensure_client (LurkSimOAuth *self,
               const char   *client_id,
               const char   *redirect_uri)
{
  LurkSimClient *client = g_hash_table_lookup (self->clients, client_id);

  if (client == NULL)
    {
      client = g_new0 (LurkSimClient, 1);
      client->client_id = g_strdup (client_id);
      client->redirect_uris = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->clients, client->client_id, client);
    }

  if (redirect_uri != NULL &&
      !g_ptr_array_find_with_equal_func (client->redirect_uris, redirect_uri, g_str_equal, NULL))
    g_ptr_array_add (client->redirect_uris, g_strdup (redirect_uri));

  return client;
}

void
_lurk_sim_oauth_add_client (LurkSimOAuth *self,
                            const char   *client_id,
                            const char   *redirect_uri)
{
  ensure_client (self, client_id, redirect_uri);
}

void
_lurk_sim_oauth_add_confidential_client (LurkSimOAuth *self,
                                         const char   *client_id,
                                         const char   *client_secret,
                                         const char   *redirect_uri)
{
  LurkSimClient *client = ensure_client (self, client_id, redirect_uri);

  client->confidential = TRUE;
  g_free (client->secret);
  client->secret = g_strdup (client_secret);
}

gboolean
_lurk_sim_oauth_has_client (LurkSimOAuth *self,
                            const char   *client_id)
{
  return client_id != NULL && g_hash_table_contains (self->clients, client_id);
}

void
_lurk_sim_oauth_set_revoked_func (LurkSimOAuth       *self,
                                  LurkSimRevokedFunc  func,
                                  gpointer            data)
{
  self->revoked_func = func;
  self->revoked_data = data;
}

void
_lurk_sim_oauth_lose (LurkSimOAuth *self,
                      const char   *path,
                      guint         count)
{
  g_free (self->lose_path);
  self->lose_path = g_strdup (path);
  self->lose_count = count;
}

void
_lurk_sim_oauth_reset (LurkSimOAuth *self)
{
  static const char *viewer_scopes[] = { "user:read:chat", NULL };

  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->user_codes, g_hash_table_unref);
  g_clear_pointer (&self->devices, g_hash_table_unref);

  g_clear_pointer (&self->lose_path, g_free);
  self->lose_count = 0;

  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, token_free);
  self->refresh_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, refresh_free);
  self->devices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, device_free);
  self->user_codes = g_hash_table_new (g_str_hash, g_str_equal);

  _lurk_sim_token_issue (self, LURK_SIM_CLIENT_ID, LURK_SIM_DEMO_USER_ID, viewer_scopes,
                         LURK_SIM_DEMO_TOKEN, FALSE, NULL);
  _lurk_sim_token_issue (self, LURK_SIM_CLIENT_ID, LURK_SIM_BROADCASTER_ID, broadcaster_scopes,
                         LURK_SIM_BROADCASTER_TOKEN, FALSE, NULL);
}

LurkSimOAuth *
_lurk_sim_oauth_new (LurkSimWorld *world)
{
  LurkSimOAuth *self = g_new0 (LurkSimOAuth, 1);

  self->world = world;
  self->clients = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, client_free);
  _lurk_sim_oauth_add_client (self, LURK_SIM_CLIENT_ID, LURK_SIM_REDIRECT_URI);
  _lurk_sim_oauth_add_confidential_client (self, LURK_SIM_CONFIDENTIAL_CLIENT_ID,
                                           LURK_SIM_CONFIDENTIAL_CLIENT_SECRET,
                                           LURK_SIM_REDIRECT_URI);
  _lurk_sim_oauth_reset (self);

  return self;
}

void
_lurk_sim_oauth_free (LurkSimOAuth *self)
{
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->user_codes, g_hash_table_unref);
  g_clear_pointer (&self->devices, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_free (self->lose_path);
  g_free (self);
}

static LurkSimRefresh *
issue_refresh (LurkSimOAuth       *self,
               const char         *client_id,
               const char         *user_id,
               const char * const *scopes,
               const char         *access_token)
{
  LurkSimRefresh *refresh = g_new0 (LurkSimRefresh, 1);

  refresh->refresh_token = random_string (self, "abcdefghijklmnopqrstuvwxyz0123456789", 50);
  refresh->client_id = g_strdup (client_id);
  refresh->user_id = g_strdup (user_id);
  refresh->scopes = g_strdupv ((char **)scopes);
  refresh->access_token = g_strdup (access_token);
  refresh->expires_at = oauth_now (self) + (gint64)REFRESH_TOKEN_SECONDS * G_USEC_PER_SEC;
  g_hash_table_insert (self->refresh_tokens, refresh->refresh_token, refresh);

  return refresh;
}

LurkSimToken *
_lurk_sim_token_issue (LurkSimOAuth        *self,
                       const char          *client_id,
                       const char          *user_id,
                       const char * const  *scopes,
                       const char          *access_token,
                       gboolean             with_refresh,
                       char               **refresh_token)
{
  LurkSimToken *token = g_new0 (LurkSimToken, 1);
  static const char *none[] = { NULL };

  token->access_token = access_token ? g_strdup (access_token) : new_token_string (self);
  token->client_id = g_strdup (client_id);
  token->user_id = g_strdup (user_id);
  token->scopes = g_strdupv ((char **)(scopes ? scopes : none));
  token->expires_at = oauth_now (self) +
                      (gint64)(with_refresh ? ACCESS_TOKEN_SECONDS : IMPLICIT_TOKEN_SECONDS) *
                      G_USEC_PER_SEC;
  g_hash_table_replace (self->tokens, token->access_token, token);

  if (with_refresh)
    {
      LurkSimRefresh *refresh = issue_refresh (self, client_id, user_id, scopes,
                                               token->access_token);

      if (refresh_token != NULL)
        *refresh_token = g_strdup (refresh->refresh_token);
    }

  return token;
}

LurkSimToken *
_lurk_sim_token_lookup (LurkSimOAuth *self,
                        const char   *access_token)
{
  LurkSimToken *token = access_token ? g_hash_table_lookup (self->tokens, access_token) : NULL;

  if (token == NULL || token->revoked || token->expires_at <= oauth_now (self))
    return NULL;

  return token;
}

gboolean
_lurk_sim_token_has_scope (LurkSimToken *token,
                           const char   *scope)
{
  return scope == NULL || g_strv_contains ((const char * const *)token->scopes, scope);
}

static gint64
expires_in (LurkSimOAuth *self,
            gint64        expires_at)
{
  return MAX (0, (expires_at - oauth_now (self)) / G_USEC_PER_SEC);
}

static JsonArray *
scopes_array (char **scopes)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; scopes && scopes[i]; i++)
    json_array_add_string_element (array, scopes[i]);

  return array;
}

JsonObject *
_lurk_sim_token_to_json (LurkSimOAuth *self,
                         LurkSimToken *token)
{
  JsonObject *object = json_object_new ();
  LurkSimUser *user = _lurk_sim_user_by_id (self->world, token->user_id);

  json_object_set_string_member (object, "access_token", token->access_token);
  json_object_set_string_member (object, "client_id", token->client_id);
  json_object_set_string_member (object, "user_id", token->user_id);
  json_object_set_string_member (object, "login", user ? user->login : "");
  json_object_set_array_member (object, "scopes", scopes_array (token->scopes));
  json_object_set_int_member (object, "expires_in", expires_in (self, token->expires_at));
  json_object_set_boolean_member (object, "valid",
                                  _lurk_sim_token_lookup (self, token->access_token) != NULL);

  return object;
}

JsonArray *
_lurk_sim_oauth_tokens_to_json (LurkSimOAuth *self)
{
  JsonArray *data = json_array_new ();
  GHashTableIter iter;
  LurkSimToken *token;

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&token))
    json_array_add_object_element (data, _lurk_sim_token_to_json (self, token));

  return data;
}

guint
_lurk_sim_oauth_tokens_change (LurkSimOAuth *self,
                               const char   *access_token,
                               gboolean      revoke)
{
  GHashTableIter iter;
  LurkSimToken *token;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&token))
    {
      if (access_token != NULL && !g_str_equal (access_token, token->access_token))
        continue;
      if (revoke)
        token->revoked = TRUE;
      else
        token->expires_at = oauth_now (self) - 1;
      n++;
    }

  return n;
}

/* OAuth errors look like {"status":400,"message":"…"} on id.twitch.tv. */
static void
oauth_error (SoupServerMessage *msg,
             guint              status,
             const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_int_member (object, "status", status);
  json_object_set_string_member (object, "message", message);
  _lurk_sim_reply_object (msg, status, object);
}

/* Query parameters, then form fields of the body (which win). */
GHashTable *
_lurk_sim_read_params (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (g_strcmp0 (method, "POST") == 0)
    bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));

  return _lurk_sim_oauth_parse_params (g_uri_get_query (uri), method, content_type,
                                       bytes ? g_bytes_get_data (bytes, NULL) : NULL,
                                       bytes ? g_bytes_get_size (bytes) : 0);
}

/* Pure: what _lurk_sim_read_params() reads, from the request's parts (tests/fuzz feeds it). */
GHashTable *
_lurk_sim_oauth_parse_params (const char *query,
                              const char *method,
                              const char *content_type,
                              const char *body,
                              gsize       length)
{
  GHashTable *params = query ? soup_form_decode (query)
                             : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (g_strcmp0 (method, "POST") == 0 &&
      g_strcmp0 (content_type, "application/x-www-form-urlencoded") == 0)
    {
      g_autofree char *text = g_strndup (body ? body : "", length);
      g_autoptr(GHashTable) form = soup_form_decode (text);
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, form);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (params, g_strdup (key), g_strdup (value));
    }

  return params;
}

/* Splits a space-separated scope list; NULL (and *bad set) when one is unknown. */
char **
_lurk_sim_oauth_parse_scopes (const char  *text,
                              char       **bad)
{
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", " +", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; parts[i]; i++)
    {
      if (parts[i][0] == 0)
        continue;
      if (!scope_is_known (parts[i]))
        {
          *bad = g_strdup (parts[i]);
          return NULL;
        }
      g_strv_builder_add (builder, parts[i]);
    }

  return g_strv_builder_end (builder);
}

static gboolean
check_authorize_request (LurkSimOAuth        *self,
                         SoupServerMessage   *msg,
                         GHashTable          *params,
                         char              ***scopes_out)
{
  const char *client_id = g_hash_table_lookup (params, "client_id");
  const char *redirect_uri = g_hash_table_lookup (params, "redirect_uri");
  const char *response_type = g_hash_table_lookup (params, "response_type");
  LurkSimClient *client = client_id ? g_hash_table_lookup (self->clients, client_id) : NULL;
  g_autofree char *bad = NULL;
  char **scopes;

  if (client == NULL)
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid client");
      return FALSE;
    }
  if (redirect_uri == NULL ||
      !g_ptr_array_find_with_equal_func (client->redirect_uris, redirect_uri, g_str_equal, NULL))
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST,
                   "Parameter redirect_uri does not match registered URI");
      return FALSE;
    }
  if (g_strcmp0 (response_type, "token") != 0 && g_strcmp0 (response_type, "code") != 0)
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported response_type");
      return FALSE;
    }
  scopes = _lurk_sim_oauth_parse_scopes (g_hash_table_lookup (params, "scope"), &bad);
  if (scopes == NULL)
    {
      g_autofree char *message = g_strdup_printf ("invalid scope requested: '%s'", bad);

      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return FALSE;
    }

  *scopes_out = scopes;
  return TRUE;
}

static void
redirect_to (SoupServerMessage *msg,
             const char        *location)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, location);
}

static void
handle_authorize (LurkSimOAuth      *self,
                  SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = _lurk_sim_read_params (msg);
  g_auto(GStrv) scopes = NULL;
  const char *decision = g_hash_table_lookup (params, "decision");
  const char *redirect_uri, *state, *response_type;
  LurkSimClient *client;
  LurkSimUser *user;
  g_autofree char *scope_text = NULL;
  g_autoptr(GString) location = NULL;

  if (!check_authorize_request (self, msg, params, &scopes))
    return;

  redirect_uri = g_hash_table_lookup (params, "redirect_uri");
  state = g_hash_table_lookup (params, "state");
  response_type = g_hash_table_lookup (params, "response_type");
  client = g_hash_table_lookup (self->clients, g_hash_table_lookup (params, "client_id"));

  if (g_str_equal (response_type, "token") && !client->confidential)
    {
      /* RFC 6749 §4.2.2.1 (the implicit grant's errors travel in the fragment); Twitch's own
       * answer is not documented in what we could read. */
      location = g_string_new (redirect_uri);
      g_string_append (location, "#error=unauthorized_client&error_description=");
      g_string_append_uri_escaped (location, "Public clients may not use the implicit grant",
                                   NULL, FALSE);
      if (state != NULL)
        {
          g_string_append (location, "&state=");
          g_string_append_uri_escaped (location, state, NULL, FALSE);
        }
      redirect_to (msg, location->str);
      return;
    }

  if (g_str_equal (soup_server_message_get_method (msg), "GET") || decision == NULL)
    {
      _lurk_sim_consent_page (self->world, msg, params, scopes);
      return;
    }

  location = g_string_new (redirect_uri);

  if (!g_str_equal (decision, "authorize"))
    {
      g_string_append (location, strchr (redirect_uri, '?') ? "&" : "?");
      g_string_append (location,
                       "error=access_denied&error_description=The+user+denied+you+access");
      if (state != NULL)
        {
          g_string_append (location, "&state=");
          g_string_append_uri_escaped (location, state, NULL, FALSE);
        }
      redirect_to (msg, location->str);
      return;
    }

  user = _lurk_sim_user_by_login (self->world, g_hash_table_lookup (params, "login"));
  if (user == NULL)
    user = _lurk_sim_user_by_login (self->world, LURK_SIM_DEMO_LOGIN);

  scope_text = g_strjoinv (" ", scopes);
  if (g_str_equal (response_type, "token"))
    {
      LurkSimToken *token = _lurk_sim_token_issue (self, g_hash_table_lookup (params, "client_id"),
                                                   user->id, (const char * const *)scopes,
                                                   NULL, FALSE, NULL);

      g_string_append (location, "#access_token=");
      g_string_append (location, token->access_token);
      g_string_append (location, "&scope=");
      g_string_append_uri_escaped (location, scope_text, NULL, FALSE);
      if (state != NULL)
        {
          g_string_append (location, "&state=");
          g_string_append_uri_escaped (location, state, NULL, FALSE);
        }
      g_string_append (location, "&token_type=bearer");
    }
  else
    {
      /* Authorization code: the exchange needs a client secret, which public clients lack. */
      g_autofree char *code = new_token_string (self);

      g_string_append (location, strchr (redirect_uri, '?') ? "&" : "?");
      g_string_append (location, "code=");
      g_string_append (location, code);
      g_string_append (location, "&scope=");
      g_string_append_uri_escaped (location, scope_text, NULL, FALSE);
      if (state != NULL)
        {
          g_string_append (location, "&state=");
          g_string_append_uri_escaped (location, state, NULL, FALSE);
        }
    }

  redirect_to (msg, location->str);
}

static void
handle_device (LurkSimOAuth      *self,
               SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = _lurk_sim_read_params (msg);
  const char *client_id = g_hash_table_lookup (params, "client_id");
  g_autofree char *bad = NULL;
  g_autofree char *uri = NULL;
  g_auto(GStrv) scopes = NULL;
  g_autoptr(JsonObject) reply = NULL;
  LurkSimDevice *device;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      oauth_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
      return;
    }
  if (!_lurk_sim_oauth_has_client (self, client_id))
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid client");
      return;
    }
  scopes = _lurk_sim_oauth_parse_scopes (g_hash_table_lookup (params, "scopes"), &bad);
  if (scopes == NULL)
    {
      g_autofree char *message = g_strdup_printf ("invalid scope requested: '%s'", bad);

      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, message);
      return;
    }

  device = g_new0 (LurkSimDevice, 1);
  device->device_code
    = random_string (self, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40);
  do
    {
      g_free (device->user_code);
      device->user_code = random_string (self, "ABCDEFGHJKLMNPQRSTUVWXYZ", 8);
    }
  while (g_hash_table_contains (self->user_codes, device->user_code));
  device->client_id = g_strdup (client_id);
  device->scopes = g_steal_pointer (&scopes);
  device->expires_at = oauth_now (self) + (gint64)DEVICE_CODE_SECONDS * G_USEC_PER_SEC;
  device->state = DEVICE_PENDING;
  g_hash_table_insert (self->devices, device->device_code, device);
  g_hash_table_insert (self->user_codes, device->user_code, device);

  uri = g_strdup_printf ("%s/activate?public=true&device-code=%s", self->world->url,
                         device->user_code);
  reply = json_object_new ();
  json_object_set_string_member (reply, "device_code", device->device_code);
  json_object_set_int_member (reply, "expires_in", DEVICE_CODE_SECONDS);
  json_object_set_int_member (reply, "interval", DEVICE_INTERVAL);
  json_object_set_string_member (reply, "user_code", device->user_code);
  json_object_set_string_member (reply, "verification_uri", uri);
  _lurk_sim_reply_object (msg, SOUP_STATUS_OK, reply);
}

static void
reply_token (LurkSimOAuth      *self,
             SoupServerMessage *msg,
             LurkSimToken      *token,
             const char        *refresh_token)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_string_member (reply, "access_token", token->access_token);
  json_object_set_int_member (reply, "expires_in", expires_in (self, token->expires_at));
  json_object_set_string_member (reply, "refresh_token", refresh_token);
  json_object_set_array_member (reply, "scope", scopes_array (token->scopes));
  json_object_set_string_member (reply, "token_type", "bearer");
  _lurk_sim_reply_object (msg, SOUP_STATUS_OK, reply);
}

static void
token_device_grant (LurkSimOAuth      *self,
                    SoupServerMessage *msg,
                    GHashTable        *params)
{
  const char *client_id = g_hash_table_lookup (params, "client_id");
  const char *code = g_hash_table_lookup (params, "device_code");
  LurkSimDevice *device = code ? g_hash_table_lookup (self->devices, code) : NULL;
  g_autofree char *refresh = NULL;
  LurkSimToken *token;

  if (device == NULL || device->state == DEVICE_USED)
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid device code");
      return;
    }
  if (g_strcmp0 (client_id, device->client_id) != 0)
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid client");
      return;
    }
  if (device->expires_at <= oauth_now (self))
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "expired_token");
      return;
    }

  switch (device->state)
    {
    case DEVICE_PENDING:
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "authorization_pending");
      return;

    case DEVICE_DENIED:
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "access_denied");
      return;

    case DEVICE_APPROVED:
      device->state = DEVICE_USED;
      token = _lurk_sim_token_issue (self, device->client_id, device->user_id,
                                     (const char * const *)device->scopes, NULL, TRUE, &refresh);
      reply_token (self, msg, token, refresh);
      return;

    case DEVICE_USED:
    default:
      g_assert_not_reached ();
    }
}

/* Twitch's answer to a spent refresh token sent again: every token of the authorization (this
 * client and user) and its EventSub subscriptions are revoked (twitchdev/issues #903). */
static void
revoke_authorization (LurkSimOAuth *self,
                      const char   *client_id,
                      const char   *user_id)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LurkSimToken *token = value;

      if (g_str_equal (token->client_id, client_id) && g_str_equal (token->user_id, user_id))
        token->revoked = TRUE;
    }

  g_hash_table_iter_init (&iter, self->refresh_tokens);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LurkSimRefresh *refresh = value;

      if (g_str_equal (refresh->client_id, client_id) && g_str_equal (refresh->user_id, user_id))
        refresh->used = TRUE;
    }

  if (self->revoked_func != NULL)
    self->revoked_func (client_id, user_id, self->revoked_data);
}

static void
token_refresh_grant (LurkSimOAuth      *self,
                     SoupServerMessage *msg,
                     GHashTable        *params)
{
  const char *client_id = g_hash_table_lookup (params, "client_id");
  const char *secret = g_hash_table_lookup (params, "client_secret");
  const char *value = g_hash_table_lookup (params, "refresh_token");
  LurkSimClient *client = g_hash_table_lookup (self->clients, client_id);
  LurkSimRefresh *refresh = value ? g_hash_table_lookup (self->refresh_tokens, value) : NULL;
  g_autofree char *next = NULL;
  LurkSimToken *token;

  /* A confidential client authenticates with its secret; a public one has none. */
  if (client->confidential && secret == NULL)
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "missing client secret");
      return;
    }
  if (client->confidential && g_strcmp0 (secret, client->secret) != 0)
    {
      oauth_error (msg, SOUP_STATUS_FORBIDDEN, "invalid client secret");
      return;
    }

  if (refresh != NULL && refresh->used && g_strcmp0 (client_id, refresh->client_id) == 0)
    {
      revoke_authorization (self, refresh->client_id, refresh->user_id);
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid refresh token");
      return;
    }
  if (refresh == NULL || refresh->used || refresh->expires_at <= oauth_now (self))
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid refresh token");
      return;
    }
  if (g_strcmp0 (client_id, refresh->client_id) != 0)
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid client");
      return;
    }

  /* Single use: the old pair is spent ("the old access/refresh tokens are revoked",
   * twitchdev/issues #903), a new refresh token comes with the new access token. */
  refresh->used = TRUE;
  if (refresh->access_token != NULL)
    {
      LurkSimToken *old = g_hash_table_lookup (self->tokens, refresh->access_token);

      if (old != NULL)
        old->revoked = TRUE;
    }
  token = _lurk_sim_token_issue (self, refresh->client_id, refresh->user_id,
                                 (const char * const *)refresh->scopes, NULL, TRUE, &next);
  reply_token (self, msg, token, next);
}

static void
handle_token (LurkSimOAuth      *self,
              SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = _lurk_sim_read_params (msg);
  const char *grant_type = g_hash_table_lookup (params, "grant_type");
  const char *client_id = g_hash_table_lookup (params, "client_id");

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      oauth_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
      return;
    }
  if (!_lurk_sim_oauth_has_client (self, client_id))
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid client");
      return;
    }

  if (g_strcmp0 (grant_type, DEVICE_GRANT) == 0)
    token_device_grant (self, msg, params);
  else if (g_strcmp0 (grant_type, "refresh_token") == 0)
    token_refresh_grant (self, msg, params);
  else if (g_strcmp0 (grant_type, "authorization_code") == 0 ||
           g_strcmp0 (grant_type, "client_credentials") == 0)
    oauth_error (msg, g_hash_table_contains (params, "client_secret") ? SOUP_STATUS_FORBIDDEN
                                                                      : SOUP_STATUS_BAD_REQUEST,
                 g_hash_table_contains (params, "client_secret") ? "invalid client secret"
                                                                 : "missing client secret");
  else
    oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported grant type");
}

/* Pure: the token of an `Authorization: OAuth …` (or Bearer) header, or NULL. */
const char *
_lurk_sim_oauth_parse_authorization (const char *authorization)
{
  if (authorization != NULL && g_ascii_strncasecmp (authorization, "OAuth ", 6) == 0)
    return authorization + 6;
  if (authorization != NULL && g_ascii_strncasecmp (authorization, "Bearer ", 7) == 0)
    return authorization + 7;
  return NULL;
}

static void
handle_validate (LurkSimOAuth      *self,
                 SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  g_autoptr(JsonObject) reply = NULL;
  LurkSimToken *token;
  LurkSimUser *user;

  token = _lurk_sim_token_lookup (self, _lurk_sim_oauth_parse_authorization (authorization));
  if (token == NULL)
    {
      oauth_error (msg, SOUP_STATUS_UNAUTHORIZED, "invalid access token");
      return;
    }

  user = _lurk_sim_user_by_id (self->world, token->user_id);
  reply = json_object_new ();
  json_object_set_string_member (reply, "client_id", token->client_id);
  json_object_set_string_member (reply, "login", user ? user->login : "");
  json_object_set_array_member (reply, "scopes", scopes_array (token->scopes));
  json_object_set_string_member (reply, "user_id", token->user_id);
  json_object_set_int_member (reply, "expires_in", expires_in (self, token->expires_at));
  _lurk_sim_reply_object (msg, SOUP_STATUS_OK, reply);
}

static void
handle_revoke (LurkSimOAuth      *self,
               SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = _lurk_sim_read_params (msg);
  const char *client_id = g_hash_table_lookup (params, "client_id");
  const char *value = g_hash_table_lookup (params, "token");
  LurkSimToken *token = value ? g_hash_table_lookup (self->tokens, value) : NULL;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      oauth_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method not allowed");
      return;
    }
  if (!_lurk_sim_oauth_has_client (self, client_id))
    {
      oauth_error (msg, SOUP_STATUS_NOT_FOUND, "client does not exist");
      return;
    }
  if (token == NULL || !g_str_equal (token->client_id, client_id))
    {
      oauth_error (msg, SOUP_STATUS_BAD_REQUEST, "Invalid token");
      return;
    }

  token->revoked = TRUE;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static void
lose_answer (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
dispatch_oauth (LurkSimOAuth      *self,
                SoupServerMessage *msg,
                const char        *path)
{
  if (g_str_equal (path, "/authorize"))
    handle_authorize (self, msg);
  else if (g_str_equal (path, "/device"))
    handle_device (self, msg);
  else if (g_str_equal (path, "/token"))
    handle_token (self, msg);
  else if (g_str_equal (path, "/validate"))
    handle_validate (self, msg);
  else if (g_str_equal (path, "/revoke"))
    handle_revoke (self, msg);
  else
    oauth_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
}

void
_lurk_sim_handle_oauth (LurkSimOAuth      *self,
                        SoupServerMessage *msg,
                        const char        *path)
{
  gboolean lose = self->lose_count > 0 && g_strcmp0 (path, self->lose_path) == 0;

  if (lose)
    self->lose_count--;

  dispatch_oauth (self, msg, path);

  if (lose)
    lose_answer (msg);
}

gboolean
_lurk_sim_device_decide (LurkSimOAuth  *self,
                         const char    *user_code,
                         const char    *login,
                         gboolean       approve,
                         GError       **error)
{
  g_autofree char *upper = user_code ? g_ascii_strup (user_code, -1) : NULL;
  LurkSimDevice *device = upper ? g_hash_table_lookup (self->user_codes, upper) : NULL;
  LurkSimUser *user = _lurk_sim_user_by_login (self->world, login ? login : LURK_SIM_DEMO_LOGIN);

  if (device == NULL || device->state != DEVICE_PENDING ||
      device->expires_at <= oauth_now (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           "No pending device code has this user code");
      return FALSE;
    }
  if (user == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "Unknown login");
      return FALSE;
    }

  device->state = approve ? DEVICE_APPROVED : DEVICE_DENIED;
  g_free (device->user_id);
  device->user_id = g_strdup (user->id);

  return TRUE;
}
