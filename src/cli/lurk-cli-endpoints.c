/* lurk-cli-endpoints.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-events"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-cli-endpoints.h"
#include "lurk-error.h"
#include "lurk-profile.h"
#include "lurk-endpoints.h"

/* lurk-events' small helpers around lurk-endpoints: the three URLs it needs, the client id
 * and the favorite from GSettings. */

LurkCliEndpoints *
lurk_cli_endpoints_new (const char *sim_url)
{
  LurkCliEndpoints *endpoints = g_new0 (LurkCliEndpoints, 1);

  if (sim_url != NULL)
    lurk_endpoints_use_simulator (sim_url);

  endpoints->id_url = lurk_endpoints_dup_id_url ();
  endpoints->helix_url = lurk_endpoints_dup_helix_url ();
  endpoints->eventsub_url = lurk_endpoints_dup_eventsub_url ();

  return endpoints;
}

void
lurk_cli_endpoints_free (LurkCliEndpoints *endpoints)
{
  if (endpoints == NULL)
    return;

  g_free (endpoints->id_url);
  g_free (endpoints->helix_url);
  g_free (endpoints->eventsub_url);
  g_free (endpoints);
}

static GSettings *
new_settings_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, LURK_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "favorite-id") ||
      !g_settings_schema_has_key (schema, "client-id"))
    return NULL;

  return lurk_profile_new_settings ();
}

char *
lurk_cli_dup_client_id (void)
{
  g_autoptr(GSettings) settings = new_settings_if_installed ();
  g_autofree char *from_settings = settings ? g_settings_get_string (settings, "client-id")
                                            : NULL;

  return lurk_endpoints_dup_client_id (from_settings);
}

char *
lurk_cli_dup_favorite_id (void)
{
  g_autoptr(GSettings) settings = new_settings_if_installed ();
  g_autofree char *id = NULL;

  if (settings == NULL)
    return NULL;
  id = g_settings_get_string (settings, "favorite-id");

  return id != NULL && *id != '\0' ? g_steal_pointer (&id) : NULL;
}

