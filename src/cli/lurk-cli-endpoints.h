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

G_END_DECLS
