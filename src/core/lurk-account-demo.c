/* lurk-account-demo.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-account"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lurk-account-private.h"
#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-oauth-client.h"

/* `lurk --demo` signs in to its in-process lurk-sim as lurkdemo without user action, the way
 * the default build's public client does (lurk-login-window.c): the device code grant, with
 * the approval a person would give on the activation page made through the simulator's
 * control API (`/sim/device/approve`), and a refresh token that keeps the demo signed in. The
 * token answer goes through the same classifier as the real flow's polls, and the sign-in
 * completes like the login window's. */

#define DEMO_LOGIN "lurkdemo"

typedef struct
{
  char           *sim_url;
  char          **scopes;
  LurkDeviceCode *code;
  SoupMessage    *message;
} Demo;

static void
demo_free (Demo *demo)
{
  g_free (demo->sim_url);
  g_strfreev (demo->scopes);
  g_clear_pointer (&demo->code, lurk_device_code_free);
  g_clear_object (&demo->message);
  g_free (demo);
}

static void
demo_fail (GTask  *task,
           GError *error)
{
  lurk_account_cancel_sign_in (g_task_get_source_object (task));
  g_task_return_error (task, error);
}

static void
on_demo_signed_in (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!lurk_account_complete_sign_in_finish (LURK_ACCOUNT (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_demo_token (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(LurkOAuthToken) token = NULL;
  GCancellable *cancellable;
  guint status = 0;

  if (!lurk_oauth_poll_device_token_finish (result, &status, &body, &error))
    {
      demo_fail (task, g_steal_pointer (&error));
      return;
    }

  if (lurk_oauth_classify_device_poll (status, body, &token, &error)
      != LURK_DEVICE_ANSWER_SUCCESS)
    {
      if (error == NULL)
        error = g_error_new (LURK_ERROR, LURK_ERROR_FAILED,
                             "The simulator did not issue the demo's token (HTTP %u)", status);
      demo_fail (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  lurk_account_complete_sign_in_async (self, token, cancellable, on_demo_signed_in,
                                       g_steal_pointer (&task));
}

static void
on_demo_approved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  Demo *demo = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  GCancellable *cancellable;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL || soup_message_get_status (demo->message) != SOUP_STATUS_OK)
    {
      demo_fail (task, g_error_new (LURK_ERROR, LURK_ERROR_FAILED,
                                    "The simulator did not approve the demo's code: %s",
                                    error != NULL ? error->message : "refused"));
      return;
    }

  /* Approved: the first poll gets the token, no need to wait for the interval. */
  cancellable = g_task_get_cancellable (task);
  lurk_oauth_poll_device_token_async (self->session, demo->sim_url, LURK_ENDPOINTS_SIM_CLIENT_ID,
                                      (const char * const *) demo->scopes,
                                      demo->code->device_code, cancellable, on_demo_token,
                                      g_steal_pointer (&task));
}

static void
on_demo_code (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  Demo *demo = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *approve_url = NULL;
  g_autoptr(GBytes) body = NULL;
  GCancellable *cancellable;

  demo->code = lurk_oauth_request_device_code_finish (result, &error);
  if (demo->code == NULL)
    {
      demo_fail (task, g_steal_pointer (&error));
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "user_code");
  json_builder_add_string_value (builder, demo->code->user_code);
  json_builder_set_member_name (builder, "login");
  json_builder_add_string_value (builder, DEMO_LOGIN);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);

  approve_url = lurk_build_url (demo->sim_url, "/sim/device/approve", NULL);
  demo->message = soup_message_new ("POST", approve_url);
  body = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (demo->message, "application/json", body);
  cancellable = g_task_get_cancellable (task);
  soup_session_send_and_read_async (self->session, demo->message, G_PRIORITY_DEFAULT,
                                    cancellable, on_demo_approved, g_steal_pointer (&task));
}

/**
 * lurk_account_sign_in_demo_async:
 * @self: a #LurkAccount
 * @sim_url: the lurk-sim base URL (`http://127.0.0.1:PORT`)
 *
 * Points the account at the simulator (client `lurk-sim-client`, public) and signs in as
 * `lurkdemo` through the simulator's device code grant, with no user action. The token goes
 * to the token store like any other (the demo profile keeps its entries apart).
 */
void
lurk_account_sign_in_demo_async (LurkAccount         *self,
                                 const char          *sim_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *helix_url = NULL;
  Demo *demo;

  g_return_if_fail (LURK_IS_ACCOUNT (self));
  g_return_if_fail (sim_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_account_sign_in_demo_async);

  helix_url = lurk_build_url (sim_url, "/helix", NULL);
  if (helix_url == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_FAILED,
                               "Bad simulator URL “%s”", sim_url);
      return;
    }
  lurk_account_set_endpoints (self, sim_url, helix_url, LURK_ENDPOINTS_SIM_CLIENT_ID);
  lurk_account_set_client_type (self, LURK_CLIENT_PUBLIC);

  demo = g_new0 (Demo, 1);
  demo->sim_url = g_strdup (sim_url);
  demo->scopes = g_strdupv ((char **) (const char * const []) { LURK_OAUTH_SCOPE_CHAT, NULL });
  g_task_set_task_data (task, demo, (GDestroyNotify) demo_free);

  lurk_account_begin_sign_in (self);
  lurk_oauth_request_device_code_async (self->session, sim_url, LURK_ENDPOINTS_SIM_CLIENT_ID,
                                        (const char * const *) demo->scopes, cancellable,
                                        on_demo_code, g_steal_pointer (&task));
}

gboolean
lurk_account_sign_in_demo_finish (LurkAccount   *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
