/* lurk-endpoints.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LurkEndpoint:
 *
 * The one place that decides every URL Lurk talks to (DESIGN.md "Endpoints").
 *
 * Resolution, first match wins:
 * 1. lurk_endpoints_use_simulator() (the in-process `--demo`),
 * 2. `LURK_SIM_URL=http://HOST:PORT` (a running lurk-sim),
 * 3. the variable of that endpoint (`LURK_TWITCH_ID_URL`...),
 * 4. Twitch's default.
 *
 * Outside development builds, 2 and 3 are honoured only for https/wss URLs or http/ws to
 * this machine (lurk_endpoints_override_is_allowed()); any other is ignored with a warning.
 *
 * A simulator base URL `B` gives: id `B`, helix `B/helix`, eventsub `ws://…/ws` (`wss://`
 * for an https base), player `B/embed/player` (its embed API `B/embed/v1.js`), chat
 * `B/embed/chat`. Trailing slashes of
 * overrides are removed. All functions are thread-safe and read the environment on each call.
 */
typedef enum
{
  LURK_ENDPOINT_ID,       /* https://id.twitch.tv (OAuth) */
  LURK_ENDPOINT_HELIX,    /* https://api.twitch.tv/helix */
  LURK_ENDPOINT_EVENTSUB, /* wss://eventsub.wss.twitch.tv/ws */
  LURK_ENDPOINT_PLAYER,   /* https://player.twitch.tv */
  LURK_ENDPOINT_CHAT,     /* https://www.twitch.tv/embed */
} LurkEndpoint;

/* The client id lurk-sim accepts. It is registered there as a public client, like the
 * default build's (meson option `twitch_client_type`), so `make demo` signs in by device code. */
#define LURK_ENDPOINTS_SIM_CLIENT_ID "lurk-sim-client"

/**
 * LurkClientType:
 * @LURK_CLIENT_PUBLIC: registered as Public: the device code grant, and refreshing without a
 *   secret (twitchdev/issues #895); nothing else
 * @LURK_CLIENT_CONFIDENTIAL: registered as Confidential: the implicit grant, whose token has no
 *   refresh token; refreshing anything needs the client secret (twitchdev/issues #943), which
 *   a desktop app cannot keep
 *
 * How the Twitch application is registered at dev.twitch.tv ("Client Type", see
 * https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/). It decides which sign-in
 * the login window offers: the one whose session lasts.
 */
typedef enum
{
  LURK_CLIENT_PUBLIC,
  LURK_CLIENT_CONFIDENTIAL,
} LurkClientType;

char     *lurk_endpoints_dup_url           (LurkEndpoint  endpoint);
char     *lurk_endpoints_dup_id_url        (void);
char     *lurk_endpoints_dup_helix_url     (void);
char     *lurk_endpoints_dup_eventsub_url  (void);

/* Points every endpoint at a lurk-sim at @base_url (`http://127.0.0.1:PORT`), over any
 * environment variable; %NULL returns to the environment and the defaults. */
void      lurk_endpoints_use_simulator     (const char   *base_url);
/* The simulator base URL in effect (from lurk_endpoints_use_simulator() or LURK_SIM_URL),
 * or %NULL when talking to Twitch (or to per-endpoint overrides). */
char     *lurk_endpoints_dup_simulator_url (void);
gboolean  lurk_endpoints_override_is_allowed (const char *url,
                                              gboolean    development);

/* The Twitch client id: `LURK_CLIENT_ID` if set, else in simulator mode
 * LURK_ENDPOINTS_SIM_CLIENT_ID, else @settings_client_id (the GSettings key `client-id`) when
 * not empty, else the meson option `twitch_client_id`. %NULL when none is configured (the
 * caller reports LURK_ERROR_NO_CLIENT_ID). */
char     *lurk_endpoints_dup_client_id     (const char   *settings_client_id);

/* The client type, with the same overrides as the client id: `LURK_CLIENT_TYPE` (`public` or
 * `confidential`) if set, else in simulator mode the simulator client's (public), else
 * @settings_client_type (the GSettings key `client-type`) when not empty, else the meson
 * option `twitch_client_type`. Set LURK_CLIENT_TYPE together with LURK_CLIENT_ID. */
LurkClientType lurk_endpoints_get_client_type (const char *settings_client_type);
/* "public" or "confidential"; %FALSE (and @type untouched) for anything else. */
gboolean  lurk_client_type_from_string     (const char     *text,
                                            LurkClientType *type);

/* `{endpoint}{path}?key=value&…`: @path is appended as is (a literal of the caller, such as
 * "/oauth2/token"); the NULL-terminated key/value pairs are form-encoded (a NULL value skips
 * the pair). Never build URLs with printf around untrusted values. */
char     *lurk_endpoints_build_url         (LurkEndpoint  endpoint,
                                            const char   *path,
                                            ...) G_GNUC_NULL_TERMINATED;
/* Same, on any base URL. */
char     *lurk_build_url                   (const char   *base,
                                            const char   *path,
                                            ...) G_GNUC_NULL_TERMINATED;
char     *lurk_build_url_va                (const char   *base,
                                            const char   *path,
                                            va_list       args);
/* Appends `key=value` pairs, form-encoded, to @query ("" or an existing query). */
void      lurk_form_append                 (GString      *query,
                                            const char   *key,
                                            const char   *value);

/* The embeds (TWITCH.md "Embeds"). @login must be a normalized login (lurk-login-name.h);
 * it is percent-encoded anyway. @parent is the embedding page's domain ("localhost").
 * player: `{player}/?channel=LOGIN&parent=PARENT&autoplay=…&muted=…`
 * chat:   `{chat}/LOGIN/chat?parent=PARENT[&darkpopout]` */
char     *lurk_endpoints_build_player_url  (const char   *login,
                                            const char   *parent,
                                            gboolean      autoplay,
                                            gboolean      muted);
char     *lurk_endpoints_dup_embed_api_url (void);
char     *lurk_endpoints_build_chat_url    (const char   *login,
                                            const char   *parent,
                                            gboolean      dark);

G_END_DECLS
