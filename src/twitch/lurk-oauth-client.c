/* lurk-oauth-client.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-oauth"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lurk-error.h"
#include "lurk-http-util.h"
#include "lurk-oauth-client.h"

typedef enum
{
  ANSWER_VALIDATION,
  ANSWER_TOKEN,
  ANSWER_REVOKE,
  ANSWER_DEVICE_CODE,
  ANSWER_RAW,
} AnswerKind;

typedef struct
{
  AnswerKind   kind;
  SoupMessage *message;
} Request;

typedef struct
{
  guint   status;
  GBytes *body;
} RawAnswer;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request);
}

static void
raw_answer_free (RawAnswer *answer)
{
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_free (answer);
}

static SoupMessage *
new_message (const char  *method,
             const char  *id_url,
             const char  *path,
             const char  *form,
             GError     **error)
{
  g_autofree char *uri = lurk_oauth_build_endpoint_uri (id_url, path);
  g_autoptr(SoupMessage) message = NULL;

  if (uri == NULL || (message = soup_message_new (method, uri)) == NULL)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED,
                   _("The Twitch sign-in address “%s” is not a web address"), id_url);
      return NULL;
    }

  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                                body);
    }

  return g_steal_pointer (&message);
}

static void
on_send_and_read (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = _lurk_http_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (request->message);
  g_debug ("%s %s → %u", soup_message_get_method (request->message),
           g_uri_get_path (soup_message_get_uri (request->message)), status);

  switch (request->kind)
    {
    case ANSWER_VALIDATION:
      {
        LurkOAuthValidation *validation = lurk_oauth_parse_validation (status, body, &error);

        if (validation == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, validation,
                                 (GDestroyNotify) lurk_oauth_validation_free);
      }
      break;

    case ANSWER_TOKEN:
      {
        LurkOAuthToken *token = lurk_oauth_parse_token (status, body, &error);

        if (token == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, token, (GDestroyNotify) lurk_oauth_token_free);
      }
      break;

    case ANSWER_REVOKE:
      if (lurk_oauth_parse_revoke (status, body, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      break;

    case ANSWER_DEVICE_CODE:
      {
        LurkDeviceCode *code = lurk_oauth_parse_device_code (status, body, &error);

        if (code == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, code, (GDestroyNotify) lurk_device_code_free);
      }
      break;

    case ANSWER_RAW:
      {
        RawAnswer *answer = g_new0 (RawAnswer, 1);

        answer->status = status;
        answer->body = g_steal_pointer (&body);
        g_task_return_pointer (task, answer, (GDestroyNotify) raw_answer_free);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

/* Builds `method {id_url}{path}` (with @form as its body and @authorization as its
 * Authorization header when given) and sends it; a bad @id_url finishes the task with the
 * error at once. */
static void
start_request (SoupSession         *session,
               const char          *method,
               const char          *id_url,
               const char          *path,
               const char          *form,
               const char          *authorization,
               AnswerKind           kind,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  Request *request;

  message = new_message (method, id_url, path, form, &error);
  if (message == NULL)
    {
      g_task_report_error (session, callback, user_data, source_tag, error);
      return;
    }

  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                  authorization);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  request = g_new0 (Request, 1);
  request->kind = kind;
  request->message = g_object_ref (message);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, cancellable,
                                    on_send_and_read, g_steal_pointer (&task));
}

/**
 * lurk_oauth_validate_async:
 *
 * `GET {id_url}/oauth2/validate` with `Authorization: OAuth <token>`. A 401 finishes with
 * %LURK_ERROR_UNAUTHORIZED.
 */
void
lurk_oauth_validate_async (SoupSession         *session,
                           const char          *id_url,
                           const char          *access_token,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *authorization = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (id_url != NULL);
  g_return_if_fail (access_token != NULL);

  authorization = g_strconcat ("OAuth ", access_token, NULL);
  start_request (session, "GET", id_url, "/oauth2/validate", NULL, authorization,
                 ANSWER_VALIDATION, lurk_oauth_validate_async, cancellable, callback, user_data);
}

LurkOAuthValidation *
lurk_oauth_validate_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, lurk_oauth_validate_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_oauth_refresh_async (SoupSession         *session,
                          const char          *id_url,
                          const char          *client_id,
                          const char          *refresh_token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *form = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (id_url != NULL);
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (refresh_token != NULL);

  form = lurk_oauth_build_refresh_form (client_id, refresh_token);
  start_request (session, "POST", id_url, "/oauth2/token", form, NULL, ANSWER_TOKEN,
                 lurk_oauth_refresh_async, cancellable, callback, user_data);
}

LurkOAuthToken *
lurk_oauth_refresh_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, lurk_oauth_refresh_async), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_oauth_revoke_async (SoupSession         *session,
                         const char          *id_url,
                         const char          *client_id,
                         const char          *access_token,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *form = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (id_url != NULL);
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (access_token != NULL);

  form = lurk_oauth_build_revoke_form (client_id, access_token);
  start_request (session, "POST", id_url, "/oauth2/revoke", form, NULL, ANSWER_REVOKE,
                 lurk_oauth_revoke_async, cancellable, callback, user_data);
}

gboolean
lurk_oauth_revoke_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, lurk_oauth_revoke_async), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lurk_oauth_request_device_code_async (SoupSession         *session,
                                      const char          *id_url,
                                      const char          *client_id,
                                      const char * const  *scopes,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *form = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (id_url != NULL);
  g_return_if_fail (client_id != NULL);

  form = lurk_oauth_build_device_code_form (client_id, scopes);
  start_request (session, "POST", id_url, "/oauth2/device", form, NULL, ANSWER_DEVICE_CODE,
                 lurk_oauth_request_device_code_async, cancellable, callback, user_data);
}

LurkDeviceCode *
lurk_oauth_request_device_code_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, lurk_oauth_request_device_code_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_oauth_poll_device_token_async (SoupSession         *session,
                                    const char          *id_url,
                                    const char          *client_id,
                                    const char * const  *scopes,
                                    const char          *device_code,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autofree char *form = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (id_url != NULL);
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (device_code != NULL);

  form = lurk_oauth_build_device_token_form (client_id, scopes, device_code);
  start_request (session, "POST", id_url, "/oauth2/token", form, NULL, ANSWER_RAW,
                 lurk_oauth_poll_device_token_async, cancellable, callback, user_data);
}

/**
 * lurk_oauth_poll_device_token_finish:
 * @status: (out): the HTTP status
 * @body: (out) (transfer full): the body, for lurk_oauth_classify_device_poll()
 *
 * Returns: %FALSE only when no answer arrived (network, cancelled)
 */
gboolean
lurk_oauth_poll_device_token_finish (GAsyncResult  *result,
                                     guint         *status,
                                     GBytes       **body,
                                     GError       **error)
{
  RawAnswer *answer;

  g_return_val_if_fail (g_async_result_is_tagged (result, lurk_oauth_poll_device_token_async),
                        FALSE);

  answer = g_task_propagate_pointer (G_TASK (result), error);
  if (answer == NULL)
    return FALSE;

  *status = answer->status;
  *body = g_steal_pointer (&answer->body);
  raw_answer_free (answer);

  return TRUE;
}
