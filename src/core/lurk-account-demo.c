/* lurk-account-demo.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lurk-account-private.h"
#include "lurk-endpoints.h"
#include "lurk-error.h"

/* `lurk --demo` signs in to its in-process lurk-sim as lurkdemo without user action: it
 * answers the simulator's consent form itself (the implicit grant, exactly as a browser
 * would post it), reads the token from the redirect's fragment with the same parser and state
 * check as the real sign-in, and completes the sign-in like the login window does. No
 * listener is needed on the redirect port: the redirect is not followed. */

#define DEMO_LOGIN        "lurkdemo"
#define DEMO_REDIRECT_URI "http://localhost:17563/auth"

typedef struct
{
  char        *state;
  SoupMessage *message;
} Demo;

static void
demo_free (Demo *demo)
{
  g_free (demo->state);
  g_clear_object (&demo->message);
  g_free (demo);
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
on_demo_authorized (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkAccount *self = g_task_get_source_object (task);
  Demo *demo = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GUri) location = NULL;
  g_autoptr(LurkOAuthToken) token = NULL;
  GCancellable *cancellable;
  const char *location_header;

  body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      lurk_account_cancel_sign_in (self);
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_NETWORK,
                               _("Could not reach the simulator: %s"), error->message);
      return;
    }

  location_header = soup_message_headers_get_one (soup_message_get_response_headers (demo->message),
                                                  "Location");
  if (soup_message_get_status (demo->message) != SOUP_STATUS_FOUND || location_header == NULL
      || (location = g_uri_parse (location_header, G_URI_FLAGS_ENCODED, NULL)) == NULL
      || g_uri_get_fragment (location) == NULL)
    {
      lurk_account_cancel_sign_in (self);
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_FAILED,
                               "The simulator did not authorize the demo (HTTP %u)",
                               soup_message_get_status (demo->message));
      return;
    }

  token = lurk_oauth_parse_redirect_params (g_uri_get_fragment (location), demo->state, &error);
  if (token == NULL)
    {
      lurk_account_cancel_sign_in (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cancellable = g_task_get_cancellable (task);
  lurk_account_complete_sign_in_async (self, token, cancellable, on_demo_signed_in,
                                       g_steal_pointer (&task));
}

/**
 * lurk_account_sign_in_demo_async:
 * @self: a #LurkAccount
 * @sim_url: the lurk-sim base URL (`http://127.0.0.1:PORT`)
 *
 * Points the account at the simulator (client `lurk-sim-client`) and signs in as `lurkdemo`
 * through the simulator's implicit grant, with no user action. The token goes to the token
 * store like any other (the demo profile keeps its entries apart).
 */
void
lurk_account_sign_in_demo_async (LurkAccount         *self,
                                 const char          *sim_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *helix_url = NULL;
  g_autofree char *authorize_url = NULL;
  Demo *demo;

  g_return_if_fail (LURK_IS_ACCOUNT (self));
  g_return_if_fail (sim_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_account_sign_in_demo_async);

  helix_url = lurk_build_url (sim_url, "/helix", NULL);
  lurk_account_set_endpoints (self, sim_url, helix_url, LURK_ENDPOINTS_SIM_CLIENT_ID);

  demo = g_new0 (Demo, 1);
  g_task_set_task_data (task, demo, (GDestroyNotify) demo_free);

  demo->state = lurk_oauth_generate_state (&error);
  authorize_url = lurk_oauth_build_endpoint_uri (sim_url, "/oauth2/authorize");
  if (demo->state == NULL || authorize_url == NULL)
    {
      if (error == NULL)
        error = g_error_new (LURK_ERROR, LURK_ERROR_FAILED, "Bad simulator URL “%s”", sim_url);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  lurk_form_append (form, "client_id", LURK_ENDPOINTS_SIM_CLIENT_ID);
  lurk_form_append (form, "redirect_uri", DEMO_REDIRECT_URI);
  lurk_form_append (form, "response_type", "token");
  lurk_form_append (form, "scope", LURK_OAUTH_SCOPE_CHAT);
  lurk_form_append (form, "state", demo->state);
  lurk_form_append (form, "force_verify", "true");
  lurk_form_append (form, "login", DEMO_LOGIN);
  lurk_form_append (form, "decision", "authorize");

  demo->message = soup_message_new ("POST", authorize_url);
  soup_message_add_flags (demo->message, SOUP_MESSAGE_NO_REDIRECT);
  body = g_bytes_new (form->str, form->len);
  soup_message_set_request_body_from_bytes (demo->message, "application/x-www-form-urlencoded",
                                            body);

  lurk_account_begin_sign_in (self);
  soup_session_send_and_read_async (self->session, demo->message, G_PRIORITY_DEFAULT,
                                    cancellable, on_demo_authorized, g_steal_pointer (&task));
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
