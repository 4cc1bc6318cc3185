/* test-endpoints.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "lurk-endpoints.h"

static const char * const variables[] = {
  "LURK_TWITCH_ID_URL", "LURK_TWITCH_HELIX_URL", "LURK_TWITCH_EVENTSUB_URL",
  "LURK_TWITCH_PLAYER_URL", "LURK_TWITCH_CHAT_URL", "LURK_SIM_URL", "LURK_CLIENT_ID",
  "LURK_CLIENT_TYPE",
};

/* Each test starts from a clean environment (meson's test_env sets these variables). */
static void
clear_environment (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (variables); i++)
    g_unsetenv (variables[i]);
  lurk_endpoints_use_simulator (NULL);
}

static void
assert_url (LurkEndpoint  endpoint,
            const char   *expected)
{
  g_autofree char *url = lurk_endpoints_dup_url (endpoint);

  g_assert_cmpstr (url, ==, expected);
}

static void
test_defaults (void)
{
  clear_environment ();
  assert_url (LURK_ENDPOINT_ID, "https://id.twitch.tv");
  assert_url (LURK_ENDPOINT_HELIX, "https://api.twitch.tv/helix");
  assert_url (LURK_ENDPOINT_EVENTSUB, "wss://eventsub.wss.twitch.tv/ws");
  assert_url (LURK_ENDPOINT_PLAYER, "https://player.twitch.tv");
  assert_url (LURK_ENDPOINT_CHAT, "https://www.twitch.tv/embed");
  g_assert_null (lurk_endpoints_dup_simulator_url ());
}

static void
test_variables (void)
{
  clear_environment ();
  g_setenv ("LURK_TWITCH_ID_URL", "http://127.0.0.1:1234/", TRUE);
  g_setenv ("LURK_TWITCH_HELIX_URL", "http://127.0.0.1:1234/helix", TRUE);
  g_setenv ("LURK_TWITCH_EVENTSUB_URL", "ws://127.0.0.1:5678/ws", TRUE);
  g_setenv ("LURK_TWITCH_PLAYER_URL", "http://127.0.0.1:1234/p", TRUE);
  g_setenv ("LURK_TWITCH_CHAT_URL", "", TRUE); /* empty: ignored */

  assert_url (LURK_ENDPOINT_ID, "http://127.0.0.1:1234");
  assert_url (LURK_ENDPOINT_HELIX, "http://127.0.0.1:1234/helix");
  assert_url (LURK_ENDPOINT_EVENTSUB, "ws://127.0.0.1:5678/ws");
  assert_url (LURK_ENDPOINT_PLAYER, "http://127.0.0.1:1234/p");
  assert_url (LURK_ENDPOINT_CHAT, "https://www.twitch.tv/embed");
}

static void
test_simulator (void)
{
  clear_environment ();
  g_setenv ("LURK_TWITCH_HELIX_URL", "http://127.0.0.1:9/helix", TRUE);
  g_setenv ("LURK_SIM_URL", "http://127.0.0.1:4242/", TRUE);

  /* LURK_SIM_URL wins over the single variables */
  assert_url (LURK_ENDPOINT_ID, "http://127.0.0.1:4242");
  assert_url (LURK_ENDPOINT_HELIX, "http://127.0.0.1:4242/helix");
  assert_url (LURK_ENDPOINT_EVENTSUB, "ws://127.0.0.1:4242/ws");
  assert_url (LURK_ENDPOINT_PLAYER, "http://127.0.0.1:4242/embed/player");
  assert_url (LURK_ENDPOINT_CHAT, "http://127.0.0.1:4242/embed/chat");

  /* the in-process simulator wins over everything */
  lurk_endpoints_use_simulator ("https://127.0.0.1:777");
  assert_url (LURK_ENDPOINT_HELIX, "https://127.0.0.1:777/helix");
  assert_url (LURK_ENDPOINT_EVENTSUB, "wss://127.0.0.1:777/ws");

  lurk_endpoints_use_simulator (NULL);
  assert_url (LURK_ENDPOINT_HELIX, "http://127.0.0.1:4242/helix");
  g_unsetenv ("LURK_SIM_URL");
  assert_url (LURK_ENDPOINT_HELIX, "http://127.0.0.1:9/helix");
}

static void
test_client_id (void)
{
  g_autofree char *from_settings = NULL;
  g_autofree char *from_env = NULL;
  g_autofree char *from_sim = NULL;
  g_autofree char *from_build = NULL;
  g_autofree char *env_over_sim = NULL;

  clear_environment ();
  from_settings = lurk_endpoints_dup_client_id ("settings-id");
  g_assert_cmpstr (from_settings, ==, "settings-id");

  from_build = lurk_endpoints_dup_client_id ("");
  if (TWITCH_CLIENT_ID[0] != '\0')
    g_assert_cmpstr (from_build, ==, TWITCH_CLIENT_ID);
  else
    g_assert_null (from_build);

  g_setenv ("LURK_CLIENT_ID", "env-id", TRUE);
  from_env = lurk_endpoints_dup_client_id ("settings-id");
  g_assert_cmpstr (from_env, ==, "env-id");
  g_unsetenv ("LURK_CLIENT_ID");

  lurk_endpoints_use_simulator ("http://127.0.0.1:1");
  from_sim = lurk_endpoints_dup_client_id ("settings-id");
  g_assert_cmpstr (from_sim, ==, LURK_ENDPOINTS_SIM_CLIENT_ID);

  g_setenv ("LURK_CLIENT_ID", "env-id", TRUE);
  env_over_sim = lurk_endpoints_dup_client_id (NULL);
  g_assert_cmpstr (env_over_sim, ==, "env-id");
  clear_environment ();
}

static void
test_client_type (void)
{
  LurkClientType built = g_str_equal (TWITCH_CLIENT_TYPE, "confidential")
                         ? LURK_CLIENT_CONFIDENTIAL : LURK_CLIENT_PUBLIC;

  clear_environment ();
  g_assert_cmpint (lurk_endpoints_get_client_type ("confidential"), ==, LURK_CLIENT_CONFIDENTIAL);
  g_assert_cmpint (lurk_endpoints_get_client_type ("public"), ==, LURK_CLIENT_PUBLIC);
  g_assert_cmpint (lurk_endpoints_get_client_type (""), ==, built);
  g_assert_cmpint (lurk_endpoints_get_client_type (NULL), ==, built);

  /* The environment wins over the setting, as LURK_CLIENT_ID does. */
  g_setenv ("LURK_CLIENT_TYPE", "confidential", TRUE);
  g_assert_cmpint (lurk_endpoints_get_client_type ("public"), ==, LURK_CLIENT_CONFIDENTIAL);
  g_setenv ("LURK_CLIENT_TYPE", "public", TRUE);
  g_assert_cmpint (lurk_endpoints_get_client_type ("confidential"), ==, LURK_CLIENT_PUBLIC);
  g_unsetenv ("LURK_CLIENT_TYPE");

  /* The simulator's own client is public, whatever the setting says. */
  lurk_endpoints_use_simulator ("http://127.0.0.1:1");
  g_assert_cmpint (lurk_endpoints_get_client_type ("confidential"), ==, LURK_CLIENT_PUBLIC);
  g_setenv ("LURK_CLIENT_ID", "lurk-sim-confidential", TRUE);
  g_setenv ("LURK_CLIENT_TYPE", "confidential", TRUE);
  g_assert_cmpint (lurk_endpoints_get_client_type (NULL), ==, LURK_CLIENT_CONFIDENTIAL);
  clear_environment ();
}

static void
test_build_url (void)
{
  g_autofree char *users = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *keeps_query = NULL;
  g_autofree char *bad = NULL;

  clear_environment ();
  users = lurk_endpoints_build_url (LURK_ENDPOINT_HELIX, "/users",
                                    "login", "alice", "login", "bob", "id", NULL, NULL);
  g_assert_cmpstr (users, ==, "https://api.twitch.tv/helix/users?login=alice&login=bob");

  /* untrusted values cannot add parameters or change the path */
  escaped = lurk_build_url ("http://127.0.0.1:8/x", "/y",
                            "a", "1&admin=true", "b c", "d/e?f#g", "u", "zoë", NULL);
  g_assert_cmpstr (escaped, ==,
                   "http://127.0.0.1:8/x/y?a=1%26admin%3Dtrue&b%20c=d%2Fe%3Ff%23g&u=zo%C3%AB");

  plain = lurk_build_url ("https://id.twitch.tv", NULL, NULL);
  g_assert_cmpstr (plain, ==, "https://id.twitch.tv/");

  keeps_query = lurk_build_url ("ws://127.0.0.1:1/ws?keepalive=10", NULL, "x", "1", NULL);
  g_assert_cmpstr (keeps_query, ==, "ws://127.0.0.1:1/ws?keepalive=10&x=1");

  bad = lurk_build_url ("not a url", "/x", NULL);
  g_assert_null (bad);
}

static void
test_embeds (void)
{
  g_autofree char *player = NULL;
  g_autofree char *chat = NULL;
  g_autofree char *sim_player = NULL;
  g_autofree char *sim_chat = NULL;
  g_autofree char *api = NULL;
  g_autofree char *sim_api = NULL;

  clear_environment ();
  player = lurk_endpoints_build_player_url ("cool_streamer", "localhost", TRUE, FALSE);
  g_assert_cmpstr (player, ==, "https://player.twitch.tv/?channel=cool_streamer"
                               "&parent=localhost&autoplay=true&muted=false");
  api = lurk_endpoints_dup_embed_api_url ();
  g_assert_cmpstr (api, ==, "https://player.twitch.tv/js/embed/v1.js");
  chat = lurk_endpoints_build_chat_url ("cool_streamer", "localhost", TRUE);
  g_assert_cmpstr (chat, ==,
                   "https://www.twitch.tv/embed/cool_streamer/chat?parent=localhost&darkpopout");

  lurk_endpoints_use_simulator ("http://127.0.0.1:4242");
  sim_player = lurk_endpoints_build_player_url ("a", "localhost", FALSE, TRUE);
  g_assert_cmpstr (sim_player, ==, "http://127.0.0.1:4242/embed/player?channel=a"
                                   "&parent=localhost&autoplay=false&muted=true");
  sim_api = lurk_endpoints_dup_embed_api_url ();
  g_assert_cmpstr (sim_api, ==, "http://127.0.0.1:4242/embed/v1.js");
  sim_chat = lurk_endpoints_build_chat_url ("a/../b", "localhost", FALSE);
  g_assert_cmpstr (sim_chat, ==,
                   "http://127.0.0.1:4242/embed/chat/a%2F..%2Fb/chat?parent=localhost");
  clear_environment ();
}

static void
test_override_policy (void)
{
  static const struct { const char *url; gboolean allowed; } cases[] = {
    /* TLS names the host; loopback never leaves the machine */
    { "https://id.example.com", TRUE },
    { "wss://eventsub.example.com/ws", TRUE },
    { "http://127.0.0.1:9", TRUE },
    { "http://127.1.2.3:8080/helix", TRUE },
    { "ws://[::1]:5678/ws", TRUE },
    { "http://localhost:8080", TRUE },
    { "HTTP://LOCALHOST:8080", TRUE },
    /* the token in clear over the network, or somewhere that is not a server at all */
    { "http://evil.example", FALSE },
    { "http://192.168.1.10:8080", FALSE },
    { "ws://10.0.0.1/ws", FALSE },
    { "http://localhost.evil.example", FALSE },
    { "http://127.0.0.1.evil.example", FALSE },
    { "http://0.0.0.0:8080", FALSE },
    { "file:///etc/passwd", FALSE },
    { "ftp://127.0.0.1", FALSE },
    { "not a url", FALSE },
    { "http://", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (lurk_endpoints_override_is_allowed (cases[i].url, FALSE) != cases[i].allowed)
        g_error ("%s: expected %s outside development builds", cases[i].url,
                 cases[i].allowed ? "allowed" : "refused");
      /* development builds take any */
      g_assert_true (lurk_endpoints_override_is_allowed (cases[i].url, TRUE));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/endpoints/defaults", test_defaults);
  g_test_add_func ("/lurk/endpoints/variables", test_variables);
  g_test_add_func ("/lurk/endpoints/simulator", test_simulator);
  g_test_add_func ("/lurk/endpoints/override-policy", test_override_policy);
  g_test_add_func ("/lurk/endpoints/client-id", test_client_id);
  g_test_add_func ("/lurk/endpoints/client-type", test_client_type);
  g_test_add_func ("/lurk/endpoints/build-url", test_build_url);
  g_test_add_func ("/lurk/endpoints/embeds", test_embeds);

  return g_test_run ();
}
