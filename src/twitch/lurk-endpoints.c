/* lurk-endpoints.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-endpoints"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "lurk-endpoints.h"

typedef struct
{
  const char *variable;
  const char *twitch;
  const char *sim_path; /* appended to the simulator base URL */
} EndpointInfo;

static const EndpointInfo endpoints[] = {
  [LURK_ENDPOINT_ID] = { "LURK_TWITCH_ID_URL", "https://id.twitch.tv", "" },
  [LURK_ENDPOINT_HELIX] = { "LURK_TWITCH_HELIX_URL", "https://api.twitch.tv/helix", "/helix" },
  [LURK_ENDPOINT_EVENTSUB] = { "LURK_TWITCH_EVENTSUB_URL", "wss://eventsub.wss.twitch.tv/ws",
                               "/ws" },
  [LURK_ENDPOINT_PLAYER] = { "LURK_TWITCH_PLAYER_URL", "https://player.twitch.tv",
                             "/embed/player" },
  [LURK_ENDPOINT_CHAT] = { "LURK_TWITCH_CHAT_URL", "https://www.twitch.tv/embed", "/embed/chat" },
};

G_LOCK_DEFINE_STATIC (simulator);
static char *simulator_url;

static char *
strip_trailing_slashes (const char *url)
{
  char *copy = g_strdup (url);
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return copy;
}

static const char *
non_empty_env (const char *variable)
{
  const char *value = g_getenv (variable);

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/**
 * lurk_endpoints_override_is_allowed:
 * @url: the value of `LURK_SIM_URL` or of a `LURK_TWITCH_*_URL`
 * @development: whether this is a development build
 *
 * A variable that points Lurk at another server gets the user's keyring token (validated
 * there) and the web views' trust. Development builds honour any; the others only `https://`
 * and `wss://` (the certificate names the host) or `http://` and `ws://` to this machine
 * (`localhost` or a loopback address: nothing crosses the network in clear). `--demo` does
 * not depend on this: it runs its own simulator (lurk_endpoints_use_simulator()).
 *
 * Returns: whether @url may replace Twitch's endpoint
 */
gboolean
lurk_endpoints_override_is_allowed (const char *url,
                                    gboolean    development)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GInetAddress) address = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  if (development)
    return TRUE;

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (host == NULL || host[0] == '\0')
    return FALSE;

  if (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "wss") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "ws") != 0)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  address = g_inet_address_new_from_string (host);

  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* The variable's value when set and allowed here; a refused one is said once. */
static const char *
allowed_env (const char *variable)
{
  static GHashTable *warned;
  G_LOCK_DEFINE_STATIC (warned);
  const char *value = non_empty_env (variable);

  if (value == NULL || lurk_endpoints_override_is_allowed (value, DEVELOPMENT))
    return value;

  G_LOCK (warned);
  if (warned == NULL)
    warned = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_hash_table_add (warned, (gpointer) variable))
    g_warning ("%s is ignored: Lurk sends the signed-in user’s token only to https:// servers "
               "or to http:// on this machine (development builds take any)", variable);
  G_UNLOCK (warned);

  return NULL;
}

char *
lurk_endpoints_dup_simulator_url (void)
{
  char *url = NULL;

  G_LOCK (simulator);
  if (simulator_url != NULL)
    url = g_strdup (simulator_url);
  G_UNLOCK (simulator);

  if (url == NULL && allowed_env ("LURK_SIM_URL") != NULL)
    url = strip_trailing_slashes (g_getenv ("LURK_SIM_URL"));

  return url;
}

void
lurk_endpoints_use_simulator (const char *base_url)
{
  G_LOCK (simulator);
  g_clear_pointer (&simulator_url, g_free);
  if (base_url != NULL && base_url[0] != '\0')
    simulator_url = strip_trailing_slashes (base_url);
  G_UNLOCK (simulator);
}

/**
 * lurk_endpoints_dup_url:
 * @endpoint: which one
 *
 * Returns: (transfer full): the base URL of @endpoint, without a trailing slash
 */
char *
lurk_endpoints_dup_url (LurkEndpoint endpoint)
{
  g_autofree char *sim = NULL;
  const EndpointInfo *info;
  const char *value;

  g_return_val_if_fail ((guint) endpoint < G_N_ELEMENTS (endpoints), NULL);

  info = &endpoints[endpoint];
  sim = lurk_endpoints_dup_simulator_url ();
  if (sim != NULL)
    {
      if (endpoint == LURK_ENDPOINT_EVENTSUB)
        {
          if (g_str_has_prefix (sim, "https://"))
            return g_strconcat ("wss://", sim + strlen ("https://"), info->sim_path, NULL);
          if (g_str_has_prefix (sim, "http://"))
            return g_strconcat ("ws://", sim + strlen ("http://"), info->sim_path, NULL);
        }
      return g_strconcat (sim, info->sim_path, NULL);
    }

  value = allowed_env (info->variable);
  if (value != NULL)
    return strip_trailing_slashes (value);

  return g_strdup (info->twitch);
}

char *
lurk_endpoints_dup_id_url (void)
{
  return lurk_endpoints_dup_url (LURK_ENDPOINT_ID);
}

char *
lurk_endpoints_dup_helix_url (void)
{
  return lurk_endpoints_dup_url (LURK_ENDPOINT_HELIX);
}

char *
lurk_endpoints_dup_eventsub_url (void)
{
  return lurk_endpoints_dup_url (LURK_ENDPOINT_EVENTSUB);
}

char *
lurk_endpoints_dup_client_id (const char *settings_client_id)
{
  g_autofree char *sim = NULL;
  const char *env = non_empty_env ("LURK_CLIENT_ID");

  if (env != NULL)
    return g_strdup (env);

  sim = lurk_endpoints_dup_simulator_url ();
  if (sim != NULL)
    return g_strdup (LURK_ENDPOINTS_SIM_CLIENT_ID);

  if (settings_client_id != NULL && settings_client_id[0] != '\0')
    return g_strdup (settings_client_id);

  if (TWITCH_CLIENT_ID[0] != '\0')
    return g_strdup (TWITCH_CLIENT_ID);

  return NULL;
}

gboolean
lurk_client_type_from_string (const char     *text,
                              LurkClientType *type)
{
  if (g_strcmp0 (text, "public") == 0)
    *type = LURK_CLIENT_PUBLIC;
  else if (g_strcmp0 (text, "confidential") == 0)
    *type = LURK_CLIENT_CONFIDENTIAL;
  else
    return FALSE;

  return TRUE;
}

LurkClientType
lurk_endpoints_get_client_type (const char *settings_client_type)
{
  g_autofree char *sim = NULL;
  const char *env = non_empty_env ("LURK_CLIENT_TYPE");
  LurkClientType type = LURK_CLIENT_PUBLIC;

  if (env != NULL)
    {
      if (lurk_client_type_from_string (env, &type))
        return type;
      g_warning ("LURK_CLIENT_TYPE must be “public” or “confidential”, not “%s”; ignored", env);
    }

  /* lurk-sim-client is registered there as public (and LURK_CLIENT_ID, which could name
   * another of the simulator's clients, comes with its own LURK_CLIENT_TYPE). */
  sim = lurk_endpoints_dup_simulator_url ();
  if (sim != NULL && non_empty_env ("LURK_CLIENT_ID") == NULL)
    return LURK_CLIENT_PUBLIC;

  if (lurk_client_type_from_string (settings_client_type, &type))
    return type;

  if (lurk_client_type_from_string (TWITCH_CLIENT_TYPE, &type))
    return type;

  return LURK_CLIENT_PUBLIC;
}

void
lurk_form_append (GString    *query,
                  const char *key,
                  const char *value)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_uri_escaped (query, key, NULL, FALSE);
  g_string_append_c (query, '=');
  g_string_append_uri_escaped (query, value, NULL, FALSE);
}

char *
lurk_build_url_va (const char *base,
                   const char *path,
                   va_list     args)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GUri) result = NULL;
  g_autoptr(GString) query = NULL;
  g_autofree char *full_path = NULL;
  const char *key;

  g_return_val_if_fail (base != NULL, NULL);

  uri = g_uri_parse (base, G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return NULL;

  full_path = g_strconcat (g_uri_get_path (uri), path != NULL ? path : "", NULL);
  if (full_path[0] == '\0')
    {
      g_free (full_path);
      full_path = g_strdup ("/");
    }

  query = g_string_new (g_uri_get_query (uri));
  while ((key = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        lurk_form_append (query, key, value);
    }

  result = g_uri_build (G_URI_FLAGS_ENCODED,
                        g_uri_get_scheme (uri),
                        g_uri_get_userinfo (uri),
                        g_uri_get_host (uri),
                        g_uri_get_port (uri),
                        full_path,
                        query->len > 0 ? query->str : NULL,
                        NULL);

  return g_uri_to_string (result);
}

/**
 * lurk_build_url:
 * @base: an absolute URL
 * @path: (nullable): a literal path to append, such as "/eventsub/subscriptions"
 * @...: NULL-terminated pairs of query key and value (a NULL value skips the pair)
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL when @base is not a URL
 */
char *
lurk_build_url (const char *base,
                const char *path,
                ...)
{
  va_list args;
  char *url;

  va_start (args, path);
  url = lurk_build_url_va (base, path, args);
  va_end (args);

  return url;
}

char *
lurk_endpoints_build_url (LurkEndpoint  endpoint,
                          const char   *path,
                          ...)
{
  g_autofree char *base = lurk_endpoints_dup_url (endpoint);
  va_list args;
  char *url;

  va_start (args, path);
  url = lurk_build_url_va (base, path, args);
  va_end (args);

  return url;
}

char *
lurk_endpoints_build_player_url (const char *login,
                                 const char *parent,
                                 gboolean    autoplay,
                                 gboolean    muted)
{
  g_return_val_if_fail (login != NULL, NULL);
  g_return_val_if_fail (parent != NULL, NULL);

  return lurk_endpoints_build_url (LURK_ENDPOINT_PLAYER, NULL,
                                   "channel", login,
                                   "parent", parent,
                                   "autoplay", autoplay ? "true" : "false",
                                   "muted", muted ? "true" : "false",
                                   NULL);
}

/**
 * lurk_endpoints_dup_embed_api_url:
 *
 * The script that defines `Twitch.Player` (TWITCH.md "Embeds"), beside the player it frames:
 * Twitch's https://player.twitch.tv/js/embed/v1.js, or the simulator's `/embed/v1.js` when
 * the player is the simulator's `…/embed/player`.
 *
 * Returns: (transfer full): the embed API's URL
 */
char *
lurk_endpoints_dup_embed_api_url (void)
{
  g_autofree char *player = lurk_endpoints_dup_url (LURK_ENDPOINT_PLAYER);

  if (g_str_has_suffix (player, "/embed/player"))
    {
      player[strlen (player) - strlen ("/player")] = '\0';
      return g_strconcat (player, "/v1.js", NULL);
    }

  return g_strconcat (player, "/js/embed/v1.js", NULL);
}

char *
lurk_endpoints_build_chat_url (const char *login,
                               const char *parent,
                               gboolean    dark)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (login != NULL, NULL);
  g_return_val_if_fail (parent != NULL, NULL);

  escaped = g_uri_escape_string (login, NULL, FALSE);
  path = g_strconcat ("/", escaped, "/chat", NULL);
  url = lurk_endpoints_build_url (LURK_ENDPOINT_CHAT, path, "parent", parent, NULL);
  if (url != NULL && dark)
    return g_strconcat (url, "&darkpopout", NULL);

  return g_steal_pointer (&url);
}
