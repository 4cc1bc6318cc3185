/* lurk-cli-endpoints.h: what lurk-events resolves before listening
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char *id_url;
  char *helix_url;
  char *eventsub_url;
} LurkCliEndpoints;

/* @sim_url: an in-process lurk-sim to use for everything (--demo), or %NULL for what
 * lurk-endpoints decides (LURK_SIM_URL, the LURK_TWITCH_*_URL variables, Twitch). */
LurkCliEndpoints *lurk_cli_endpoints_new      (const char        *sim_url);
void              lurk_cli_endpoints_free     (LurkCliEndpoints  *endpoints);

/* lurk_endpoints_dup_client_id() with the GSettings key when installed; may be %NULL */
char             *lurk_cli_dup_client_id      (void);
/* The favorite streamer's id from GSettings, if the schema is installed and one is set. */
char             *lurk_cli_dup_favorite_id    (void);
/* The signed-in user's token from the keyring, or %NULL with an error that says what to do. */
char             *lurk_cli_dup_keyring_token  (const char        *user_id,
                                               GError           **error);

/* GET {helix}/users?login=: the user id, or LURK_ERROR_NOT_FOUND */
void              lurk_cli_lookup_user_async  (SoupSession        *soup,
                                               const char         *helix_url,
                                               const char         *client_id,
                                               const char         *access_token,
                                               const char         *login,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
char             *lurk_cli_lookup_user_finish (GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
