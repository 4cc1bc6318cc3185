/* lurk-web-policy.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-web-policy"

#include "config.h"

#include <string.h>

#include "lurk-web-policy.h"

/*
 * Where Lurk's embeds may navigate (TWITCH.md "Embeds"): a pure function of the URL, whether
 * the navigation is the view's own page (main frame) or a frame inside it, and the
 * simulator's origin in the demo. The web views call it from decide-policy; the table test
 * in tests/ui/test-web-policy.c calls it directly.
 *
 * - The host page itself (`http://localhost/`, the base URI the views load their HTML with)
 *   and about:blank/about:srcdoc: allowed.
 * - Twitch over HTTPS: the player host, id/passport (sign-in), and on www.twitch.tv only the
 *   embed, popout and sign-in pages as a page; any twitch.tv frame and the sign-in
 *   captcha's frames inside a page.
 * - The simulator's own origin, when there is one.
 * - Any other http(s) page the user navigates to: their browser. Other frames, and every
 *   other scheme (file:, data:, javascript:, custom ones): denied.
 */

static const char * const main_frame_hosts[] = {
  "player.twitch.tv",
  "id.twitch.tv",
  "passport.twitch.tv",
};

/* www.twitch.tv and twitch.tv pages a view may show */
static const char * const www_paths[] = {
  "/embed/",
  "/popout/",
  "/login",
  "/signup",
  "/passport-callback",
};

static gboolean
host_is_or_under (const char *host,
                  const char *domain)
{
  gsize host_len = strlen (host);
  gsize domain_len = strlen (domain);

  if (g_ascii_strcasecmp (host, domain) == 0)
    return TRUE;

  return host_len > domain_len + 1 &&
         host[host_len - domain_len - 1] == '.' &&
         g_ascii_strcasecmp (host + host_len - domain_len, domain) == 0;
}

static gboolean
same_origin (GUri       *uri,
             const char *origin)
{
  g_autoptr(GUri) other = NULL;
  int port, other_port;

  if (origin == NULL || origin[0] == '\0')
    return FALSE;

  other = g_uri_parse (origin, G_URI_FLAGS_NONE, NULL);
  if (other == NULL || g_uri_get_host (other) == NULL)
    return FALSE;

  port = g_uri_get_port (uri);
  other_port = g_uri_get_port (other);
  if (port == -1)
    port = g_str_equal (g_uri_get_scheme (uri), "https") ? 443 : 80;
  if (other_port == -1)
    other_port = g_ascii_strcasecmp (g_uri_get_scheme (other), "https") == 0 ? 443 : 80;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (other)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (other)) == 0 &&
         port == other_port;
}

static gboolean
is_www_page (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (www_paths); i++)
    if (g_str_has_prefix (path, www_paths[i]))
      return TRUE;

  return FALSE;
}

/**
 * lurk_web_policy_decide:
 * @uri: where a navigation goes
 * @is_main_frame: %TRUE for the view's page (or a link the user followed), %FALSE for a
 *   frame inside it
 * @sim_origin: (nullable): the simulator's origin (`http://127.0.0.1:PORT`) in the demo
 *
 * Returns: what the view does with the navigation
 */
LurkWebPolicy
lurk_web_policy_decide (const char *uri,
                        gboolean    is_main_frame,
                        const char *sim_origin)
{
  g_autoptr(GUri) parsed = NULL;
  const char *scheme;
  const char *host;
  const char *path;

  if (uri == NULL || uri[0] == '\0')
    return LURK_WEB_POLICY_DENY;

  if (g_str_equal (uri, "about:blank") || g_str_equal (uri, "about:srcdoc"))
    return LURK_WEB_POLICY_ALLOW;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return LURK_WEB_POLICY_DENY;

  scheme = g_uri_get_scheme (parsed);
  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);

  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    return LURK_WEB_POLICY_DENY;
  if (host == NULL || host[0] == '\0' || g_uri_get_userinfo (parsed) != NULL)
    return LURK_WEB_POLICY_DENY;

  /* The host page: exactly the base URI the views load their HTML with. */
  if (g_ascii_strcasecmp (scheme, "http") == 0 && g_ascii_strcasecmp (host, "localhost") == 0 &&
      g_uri_get_port (parsed) == -1 && (path[0] == '\0' || g_str_equal (path, "/")))
    return LURK_WEB_POLICY_ALLOW;

  if (same_origin (parsed, sim_origin))
    return LURK_WEB_POLICY_ALLOW;

  if (g_ascii_strcasecmp (scheme, "https") == 0 && g_uri_get_port (parsed) == -1)
    {
      if (!is_main_frame)
        {
          if (host_is_or_under (host, "twitch.tv") || host_is_or_under (host, "arkoselabs.com"))
            return LURK_WEB_POLICY_ALLOW;
          return LURK_WEB_POLICY_DENY;
        }

      for (guint i = 0; i < G_N_ELEMENTS (main_frame_hosts); i++)
        if (g_ascii_strcasecmp (host, main_frame_hosts[i]) == 0)
          return LURK_WEB_POLICY_ALLOW;

      if ((g_ascii_strcasecmp (host, "www.twitch.tv") == 0 ||
           g_ascii_strcasecmp (host, "twitch.tv") == 0) && is_www_page (path))
        return LURK_WEB_POLICY_ALLOW;
    }

  return is_main_frame ? LURK_WEB_POLICY_OPEN_IN_BROWSER : LURK_WEB_POLICY_DENY;
}

/**
 * lurk_web_policy_is_sign_in_uri:
 * @uri: the URL a page wants to open in a new window
 * @sim_origin: (nullable): the simulator's origin in the demo
 *
 * Returns: %TRUE for Twitch's sign-in pages (the one popup the chat embed may open)
 */
gboolean
lurk_web_policy_is_sign_in_uri (const char *uri,
                                const char *sim_origin)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;
  const char *path;

  if (uri == NULL)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL || g_uri_get_host (parsed) == NULL)
    return FALSE;

  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);

  if (same_origin (parsed, sim_origin))
    return g_str_has_prefix (path, "/oauth2/authorize") || g_str_has_prefix (path, "/login");

  if (g_ascii_strcasecmp (g_uri_get_scheme (parsed), "https") != 0 ||
      g_uri_get_port (parsed) != -1)
    return FALSE;

  if (g_ascii_strcasecmp (host, "passport.twitch.tv") == 0 ||
      g_ascii_strcasecmp (host, "id.twitch.tv") == 0)
    return TRUE;

  return (g_ascii_strcasecmp (host, "www.twitch.tv") == 0 ||
          g_ascii_strcasecmp (host, "twitch.tv") == 0) &&
         (g_str_has_prefix (path, "/login") || g_str_has_prefix (path, "/signup") ||
          g_str_has_prefix (path, "/passport-callback"));
}

const char *
lurk_web_policy_to_string (LurkWebPolicy policy)
{
  switch (policy)
    {
    case LURK_WEB_POLICY_ALLOW:
      return "allow";
    case LURK_WEB_POLICY_OPEN_IN_BROWSER:
      return "open-in-browser";
    case LURK_WEB_POLICY_DENY:
    default:
      return "deny";
    }
}
