/* lurk-cli-endpoints.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-events"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lurk-cli-endpoints.h"
#include "lurk-error.h"
#include "lurk-profile.h"
#include "lurk-endpoints.h"

/* lurk-events' small helpers around lurk-endpoints: the three URLs it needs, the client id,
 * the favorite from GSettings, and its one Helix lookup.
 * TODO(issue 4): the lookup should go through LurkHelix once it lands. */

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

char *
lurk_cli_dup_keyring_token (const char  *user_id,
                            GError     **error)
{
  /* TODO(issue 4): read the keyring through the token store of the sign-in issue once it
   * exists; lurk-events needs LURK_ACCESS_TOKEN until then. */
  g_set_error (error, LURK_ERROR, LURK_ERROR_KEYRING,
               _("No access token: set LURK_ACCESS_TOKEN (reading the keyring is not "
                 "available in this build of lurk-events)."));
  return NULL;
}

static void
on_users_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *msg = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *login = g_object_get_data (G_OBJECT (task), "login");
  JsonObject *root;
  JsonNode *data;
  guint status;
  gsize length;
  const char *bytes;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_NETWORK, "%s", error->message);
      return;
    }

  status = soup_message_get_status (msg);
  if (status == 401)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                               _("Twitch refused the access token"));
      return;
    }
  if (status != 200)
    {
      g_task_return_new_error (task, LURK_ERROR, status >= 500 ? LURK_ERROR_SERVER
                                                               : LURK_ERROR_FAILED,
                               _("Helix answered %u"), status);
      return;
    }

  bytes = g_bytes_get_data (body, &length);
  if (!json_parser_load_from_data (parser, bytes, length, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_MALFORMED,
                               _("Helix answered with something that is not JSON"));
      return;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  data = json_object_get_member (root, "data");
  if (data != NULL && JSON_NODE_HOLDS_ARRAY (data))
    {
      JsonArray *array = json_node_get_array (data);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          JsonObject *user;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          user = json_node_get_object (node);
          if (g_ascii_strcasecmp (json_object_get_string_member_with_default (user, "login", ""),
                                  login) == 0)
            {
              g_task_return_pointer (task,
                                     g_strdup (json_object_get_string_member_with_default (
                                       user, "id", "")),
                                     g_free);
              return;
            }
        }
    }

  g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_NOT_FOUND,
                           _("There is no Twitch channel named “%s”"), login);
}

void
lurk_cli_lookup_user_async (SoupSession         *soup,
                            const char          *helix_url,
                            const char          *client_id,
                            const char          *access_token,
                            const char          *login,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *escaped = g_uri_escape_string (login, NULL, FALSE);
  g_autofree char *url = g_strconcat (helix_url, "/users?login=", escaped, NULL);
  g_autofree char *bearer = g_strconcat ("Bearer ", access_token, NULL);
  SoupMessage *msg;

  g_task_set_source_tag (task, lurk_cli_lookup_user_async);
  g_object_set_data_full (G_OBJECT (task), "login", g_strdup (login), g_free);

  msg = soup_message_new (SOUP_METHOD_GET, url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_FAILED, _("Not a usable Helix URL"));
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", bearer);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Client-Id", client_id);
  g_task_set_task_data (task, msg, g_object_unref);
  soup_session_send_and_read_async (soup, msg, G_PRIORITY_DEFAULT, cancellable, on_users_read,
                                    g_steal_pointer (&task));
}

char *
lurk_cli_lookup_user_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
