/* lurk-helix.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-helix"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-http-util.h"
#include "lurk-helix.h"

#define MAX_RATE_LIMIT_RETRIES 3
#define SERVER_RETRY_DELAY_MS 250
#define MAX_PAGES 100
#define MAX_USERS 100

struct _LurkHelix
{
  GObject      parent_instance;

  SoupSession *session;
  char        *base_url;
  guint        max_rate_limit_wait;

  GMutex       mutex;       /* for the two below: the UI may update them */
  char        *client_id;
  char        *access_token;
};

G_DEFINE_FINAL_TYPE (LurkHelix, lurk_helix, G_TYPE_OBJECT)

typedef enum
{
  REQUEST_USERS,
  REQUEST_USER,
  REQUEST_SELF,
  REQUEST_STREAM,
  REQUEST_CHANNEL,
  REQUEST_CREATE,
  REQUEST_LIST,
  REQUEST_DELETE,
} RequestKind;

typedef struct
{
  RequestKind  kind;
  const char  *method;
  char        *url;
  GBytes      *body;            /* JSON request body, or NULL */
  char        *login;           /* REQUEST_USER */
  guint        n_rate_limited;
  gboolean     retried_server;

  /* REQUEST_LIST */
  GString     *list_query;      /* the filters, without `after` */
  gboolean     all_pages;
  guint        n_pages;
  LurkHelixSubscriptionList *accumulated;
} Request;

static void
request_free (Request *request)
{
  g_free (request->url);
  g_clear_pointer (&request->body, g_bytes_unref);
  g_free (request->login);
  if (request->list_query != NULL)
    g_string_free (request->list_query, TRUE);
  g_clear_pointer (&request->accumulated, lurk_helix_subscription_list_free);
  g_free (request);
}

static void
lurk_helix_finalize (GObject *object)
{
  LurkHelix *self = (LurkHelix *) object;

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->client_id);
  if (self->access_token != NULL)
    memset (self->access_token, 0, strlen (self->access_token));
  g_free (self->access_token);
  g_mutex_clear (&self->mutex);

  G_OBJECT_CLASS (lurk_helix_parent_class)->finalize (object);
}

static void
lurk_helix_class_init (LurkHelixClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_helix_finalize;
}

static void
lurk_helix_init (LurkHelix *self)
{
  g_mutex_init (&self->mutex);
  self->max_rate_limit_wait = 60;
}

/**
 * lurk_helix_new:
 * @session: the SoupSession to send with
 * @base_url: (nullable): the Helix base URL; %NULL for the one lurk-endpoints decides
 * @client_id: (nullable): the Twitch client id
 * @access_token: (nullable): the user access token
 *
 * Returns: (transfer full): a new Helix client
 */
LurkHelix *
lurk_helix_new (SoupSession *session,
                const char  *base_url,
                const char  *client_id,
                const char  *access_token)
{
  LurkHelix *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);

  self = g_object_new (LURK_TYPE_HELIX, NULL);
  self->session = g_object_ref (session);
  if (base_url != NULL)
    {
      gsize len = strlen (base_url);

      while (len > 0 && base_url[len - 1] == '/')
        len--;
      self->base_url = g_strndup (base_url, len);
    }
  else
    {
      self->base_url = lurk_endpoints_dup_helix_url ();
    }
  self->client_id = g_strdup (client_id);
  self->access_token = g_strdup (access_token);

  return self;
}

const char *
lurk_helix_get_base_url (LurkHelix *self)
{
  g_return_val_if_fail (LURK_IS_HELIX (self), NULL);

  return self->base_url;
}

void
lurk_helix_set_client_id (LurkHelix  *self,
                          const char *client_id)
{
  g_return_if_fail (LURK_IS_HELIX (self));

  g_mutex_lock (&self->mutex);
  g_free (self->client_id);
  self->client_id = g_strdup (client_id);
  g_mutex_unlock (&self->mutex);
}

char *
lurk_helix_dup_client_id (LurkHelix *self)
{
  char *client_id;

  g_return_val_if_fail (LURK_IS_HELIX (self), NULL);

  g_mutex_lock (&self->mutex);
  client_id = g_strdup (self->client_id);
  g_mutex_unlock (&self->mutex);

  return client_id;
}

void
lurk_helix_set_access_token (LurkHelix  *self,
                             const char *access_token)
{
  g_return_if_fail (LURK_IS_HELIX (self));

  g_mutex_lock (&self->mutex);
  if (self->access_token != NULL)
    memset (self->access_token, 0, strlen (self->access_token));
  g_free (self->access_token);
  self->access_token = g_strdup (access_token);
  g_mutex_unlock (&self->mutex);
}

void
lurk_helix_set_max_rate_limit_wait (LurkHelix *self,
                                    guint      seconds)
{
  g_return_if_fail (LURK_IS_HELIX (self));

  self->max_rate_limit_wait = seconds;
}

static char *
build_url (LurkHelix  *self,
           const char *path,
           GString    *query)
{
  g_autofree char *url = lurk_build_url (self->base_url, path, NULL);

  if (url == NULL || query == NULL || query->len == 0)
    return g_steal_pointer (&url);

  return g_strconcat (url, strchr (url, '?') != NULL ? "&" : "?", query->str, NULL);
}

static void request_send (GTask *task);

static gboolean
on_wait_done (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    request_send (task);

  return G_SOURCE_REMOVE;
}

/* Waits @ms on the task's main context, or less when the cancellable fires. */
static void
request_wait_then_send (GTask *task,
                        guint  ms)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GSource) source = g_timeout_source_new (ms);

  if (cancellable != NULL)
    {
      g_autoptr(GSource) cancel_source = g_cancellable_source_new (cancellable);

      /* A ready child makes the timeout dispatch early. */
      g_source_set_dummy_callback (cancel_source);
      g_source_add_child_source (source, cancel_source);
    }

  g_source_set_callback (source, on_wait_done, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

static gint64
header_int (SoupMessageHeaders *headers,
            const char         *name,
            gint64              default_value)
{
  const char *value = soup_message_headers_get_one (headers, name);
  gint64 result;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &result,
                                                  NULL))
    return default_value;
  return result;
}

/* Merges @page into the request's accumulated list; takes @page. */
static void
accumulate (Request                   *request,
            LurkHelixSubscriptionList *page)
{
  if (request->accumulated == NULL)
    {
      request->accumulated = page;
      return;
    }

  for (guint i = 0; i < page->subscriptions->len; i++)
    g_ptr_array_add (request->accumulated->subscriptions,
                     g_steal_pointer (&page->subscriptions->pdata[i]));
  g_ptr_array_set_free_func (page->subscriptions, NULL);
  request->accumulated->total = page->total;
  request->accumulated->total_cost = page->total_cost;
  request->accumulated->max_total_cost = page->max_total_cost;
  g_free (request->accumulated->cursor);
  request->accumulated->cursor = g_steal_pointer (&page->cursor);
  lurk_helix_subscription_list_free (page);
}

static char *
list_url (LurkHelix  *self,
          Request    *request,
          const char *after)
{
  g_autoptr(GString) query = g_string_new (request->list_query->str);

  if (after != NULL)
    lurk_form_append (query, "after", after);
  return build_url (self, "/eventsub/subscriptions", query);
}

/* A 2xx answer: parse it into the result of the request. */
static void
request_succeeded (GTask  *task,
                   GBytes *body)
{
  LurkHelix *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  GError *error = NULL;
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;

  switch (request->kind)
    {
    case REQUEST_USERS:
      {
        GPtrArray *users = lurk_helix_parse_users (data, length, &error);

        if (users == NULL)
          g_task_return_error (task, error);
        else
          g_task_return_pointer (task, users, (GDestroyNotify) g_ptr_array_unref);
      }
      break;

    case REQUEST_USER:
    case REQUEST_SELF:
      {
        g_autoptr(GPtrArray) users = lurk_helix_parse_users (data, length, &error);

        if (users == NULL)
          g_task_return_error (task, error);
        else if (users->len == 0 && request->kind == REQUEST_USER)
          g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_NOT_FOUND,
                                   /* Translators: %s is a Twitch login */
                                   _("There is no Twitch channel named “%s”"), request->login);
        else if (users->len == 0)
          g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_MALFORMED,
                                   _("Twitch did not say who is signed in"));
        else
          g_task_return_pointer (task, g_steal_pointer (&users->pdata[0]),
                                 (GDestroyNotify) lurk_helix_user_free);
      }
      break;

    case REQUEST_CHANNEL:
      {
        g_autoptr(GPtrArray) channels = lurk_helix_parse_channels (data, length, &error);

        if (channels == NULL)
          g_task_return_error (task, error);
        else if (channels->len == 0)
          g_task_return_pointer (task, NULL, NULL);
        else
          g_task_return_pointer (task, g_steal_pointer (&channels->pdata[0]),
                                 (GDestroyNotify) lurk_helix_stream_free);
      }
      break;

    case REQUEST_STREAM:
      {
        g_autoptr(GPtrArray) streams = lurk_helix_parse_streams (data, length, &error);

        if (streams == NULL)
          g_task_return_error (task, error);
        else if (streams->len == 0)
          g_task_return_pointer (task, NULL, NULL);
        else
          g_task_return_pointer (task, g_steal_pointer (&streams->pdata[0]),
                                 (GDestroyNotify) lurk_helix_stream_free);
      }
      break;

    case REQUEST_CREATE:
      {
        g_autoptr(LurkHelixSubscriptionList) list =
          lurk_helix_parse_subscriptions (data, length, &error);

        if (list == NULL)
          g_task_return_error (task, error);
        else if (list->subscriptions->len == 0)
          g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_MALFORMED,
                                   _("Twitch did not return the new subscription"));
        else
          g_task_return_pointer (task, g_steal_pointer (&list->subscriptions->pdata[0]),
                                 (GDestroyNotify) lurk_helix_subscription_free);
      }
      break;

    case REQUEST_LIST:
      {
        LurkHelixSubscriptionList *page = lurk_helix_parse_subscriptions (data, length, &error);
        gboolean more;

        if (page == NULL)
          {
            g_task_return_error (task, error);
            break;
          }

        more = request->all_pages && page->cursor != NULL && ++request->n_pages < MAX_PAGES;
        if (more)
          {
            g_free (request->url);
            request->url = list_url (self, request, page->cursor);
          }
        accumulate (request, page);
        if (more)
          {
            request->n_rate_limited = 0;
            request->retried_server = FALSE;
            request_send (task);
            break;
          }

        g_task_return_pointer (task, g_steal_pointer (&request->accumulated),
                               (GDestroyNotify) lurk_helix_subscription_list_free);
      }
      break;

    case REQUEST_DELETE:
      g_task_return_boolean (task, TRUE);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_send_and_read (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LurkHelix *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *data;
  gsize length = 0;
  guint status;

  body = _lurk_http_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  status = soup_message_get_status (message);
  headers = soup_message_get_response_headers (message);
  data = g_bytes_get_data (body, &length);
  g_debug ("%s %s → %u", request->method, request->url, status);

  if (status >= 200 && status < 300)
    {
      request_succeeded (task, body);
      return;
    }

  if (status == 429)
    {
      gint64 remaining = header_int (headers, "Ratelimit-Remaining", -1);
      gint64 reset = header_int (headers, "Ratelimit-Reset", -1);
      gboolean bucket_empty = remaining == 0 || (remaining < 0 && reset >= 0);

      if (bucket_empty && request->n_rate_limited < MAX_RATE_LIMIT_RETRIES)
        {
          gint64 wait_ms = reset >= 0 ? reset * 1000 - g_get_real_time () / 1000 : 1000;

          wait_ms = MAX (wait_ms, 100);
          if (wait_ms <= (gint64) self->max_rate_limit_wait * 1000)
            {
              request->n_rate_limited++;
              g_debug ("rate limited, retrying in %" G_GINT64_FORMAT " ms", wait_ms);
              request_wait_then_send (task, (guint) wait_ms);
              return;
            }
        }
    }
  else if (status == SOUP_STATUS_SERVICE_UNAVAILABLE && !request->retried_server)
    {
      request->retried_server = TRUE;
      request_wait_then_send (task, SERVER_RETRY_DELAY_MS);
      return;
    }

  g_task_return_error (task, lurk_helix_error_from_response (status, data, length));
}

static void
request_send (GTask *task)
{
  LurkHelix *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  SoupMessageHeaders *headers;

  message = request->url != NULL ? soup_message_new (request->method, request->url) : NULL;
  if (message == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_FAILED,
                               _("The Twitch API address is not valid"));
      return;
    }

  headers = soup_message_get_request_headers (message);
  g_mutex_lock (&self->mutex);
  if (self->client_id != NULL)
    soup_message_headers_replace (headers, "Client-Id", self->client_id);
  if (self->access_token != NULL && self->access_token[0] != '\0')
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", self->access_token, NULL);

      soup_message_headers_replace (headers, "Authorization", bearer);
      memset (bearer, 0, strlen (bearer));
    }
  g_mutex_unlock (&self->mutex);

  if (request->body != NULL)
    soup_message_set_request_body_from_bytes (message, "application/json", request->body);

  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task),
                                    on_send_and_read, g_object_ref (task));
}

static void
request_start (LurkHelix           *self,
               Request             *request,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  request_send (task);
}

static Request *
request_new (RequestKind  kind,
             const char  *method,
             char        *url)
{
  Request *request = g_new0 (Request, 1);

  request->kind = kind;
  request->method = method;
  request->url = url;
  return request;
}

void
lurk_helix_get_users_async (LurkHelix           *self,
                            const char * const  *logins,
                            const char * const  *ids,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  guint n = 0;

  g_return_if_fail (LURK_IS_HELIX (self));

  for (guint i = 0; logins != NULL && logins[i] != NULL; i++, n++)
    lurk_form_append (query, "login", logins[i]);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++, n++)
    lurk_form_append (query, "id", ids[i]);

  if (n > MAX_USERS)
    {
      g_task_report_new_error (self, callback, user_data, lurk_helix_get_users_async,
                               LURK_ERROR, LURK_ERROR_BAD_REQUEST,
                               _("At most %d users can be looked up at once"), MAX_USERS);
      return;
    }

  if (n == 0)
    {
      /* Without parameters Helix answers the token's own user: not what was asked. */
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, lurk_helix_get_users_async);
      g_task_return_pointer (task,
                             g_ptr_array_new_with_free_func ((GDestroyNotify) lurk_helix_user_free),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  request_start (self, request_new (REQUEST_USERS, "GET", build_url (self, "/users", query)),
                 lurk_helix_get_users_async, cancellable, callback, user_data);
}

GPtrArray *
lurk_helix_get_users_finish (LurkHelix     *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_helix_get_users_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_helix_get_user_async (LurkHelix           *self,
                           const char          *login,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);
  Request *request;

  g_return_if_fail (LURK_IS_HELIX (self));
  g_return_if_fail (login != NULL);

  lurk_form_append (query, "login", login);
  request = request_new (REQUEST_USER, "GET", build_url (self, "/users", query));
  request->login = g_strdup (login);
  request_start (self, request, lurk_helix_get_user_async, cancellable, callback, user_data);
}

LurkHelixUser *
lurk_helix_get_user_finish (LurkHelix     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_helix_get_user_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_helix_get_self_async (LurkHelix           *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (LURK_IS_HELIX (self));

  request_start (self, request_new (REQUEST_SELF, "GET", build_url (self, "/users", NULL)),
                 lurk_helix_get_self_async, cancellable, callback, user_data);
}

LurkHelixUser *
lurk_helix_get_self_finish (LurkHelix     *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_helix_get_self_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_helix_get_stream_async (LurkHelix           *self,
                             const char          *user_login,
                             const char          *user_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (LURK_IS_HELIX (self));
  g_return_if_fail (user_login != NULL || user_id != NULL);

  if (user_id != NULL)
    lurk_form_append (query, "user_id", user_id);
  else
    lurk_form_append (query, "user_login", user_login);

  request_start (self, request_new (REQUEST_STREAM, "GET", build_url (self, "/streams", query)),
                 lurk_helix_get_stream_async, cancellable, callback, user_data);
}

gboolean
lurk_helix_get_stream_finish (LurkHelix         *self,
                              GAsyncResult      *result,
                              LurkHelixStream  **stream,
                              GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  LurkHelixStream *value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_helix_get_stream_async,
                        FALSE);

  value = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (stream != NULL)
        *stream = NULL;
      return FALSE;
    }

  if (stream != NULL)
    *stream = value;
  else
    lurk_helix_stream_free (value);

  return TRUE;
}

/**
 * lurk_helix_get_channel_async:
 * @self: a client
 * @broadcaster_id: the channel's user id
 *
 * GET /channels: the channel's title and category, live or not (what an offline channel's
 * page shows).
 */
void
lurk_helix_get_channel_async (LurkHelix           *self,
                              const char          *broadcaster_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (LURK_IS_HELIX (self));
  g_return_if_fail (broadcaster_id != NULL);

  lurk_form_append (query, "broadcaster_id", broadcaster_id);
  request_start (self, request_new (REQUEST_CHANNEL, "GET", build_url (self, "/channels", query)),
                 lurk_helix_get_channel_async, cancellable, callback, user_data);
}

/**
 * lurk_helix_get_channel_finish:
 * @channel: (out) (optional) (nullable) (transfer full): the channel (title, game_name,
 *   user_*), or %NULL when Twitch knows no such channel
 *
 * Returns: %TRUE when Twitch answered
 */
gboolean
lurk_helix_get_channel_finish (LurkHelix         *self,
                               GAsyncResult      *result,
                               LurkHelixStream  **channel,
                               GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  LurkHelixStream *value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_helix_get_channel_async,
                        FALSE);

  value = g_task_propagate_pointer (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      if (channel != NULL)
        *channel = NULL;
      return FALSE;
    }

  if (channel != NULL)
    *channel = value;
  else
    g_clear_pointer (&value, lurk_helix_stream_free);

  return TRUE;
}

void
lurk_helix_create_subscription_async (LurkHelix           *self,
                                      const char          *type,
                                      const char          *version,
                                      JsonObject          *condition,
                                      const char          *session_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  Request *request;
  char *body;
  gsize length;

  g_return_if_fail (LURK_IS_HELIX (self));
  g_return_if_fail (type != NULL);
  g_return_if_fail (version != NULL);
  g_return_if_fail (condition != NULL);
  g_return_if_fail (session_id != NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, type);
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, version);
  json_builder_set_member_name (builder, "condition");
  json_builder_add_value (builder, json_node_init_object (json_node_alloc (), condition));
  json_builder_set_member_name (builder, "transport");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "method");
  json_builder_add_string_value (builder, "websocket");
  json_builder_set_member_name (builder, "session_id");
  json_builder_add_string_value (builder, session_id);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  body = json_generator_to_data (generator, &length);

  request = request_new (REQUEST_CREATE, "POST",
                         build_url (self, "/eventsub/subscriptions", NULL));
  request->body = g_bytes_new_take (body, length);
  request_start (self, request, lurk_helix_create_subscription_async,
                 cancellable, callback, user_data);
}

LurkHelixSubscription *
lurk_helix_create_subscription_finish (LurkHelix     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lurk_helix_create_subscription_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_helix_list_subscriptions_async (LurkHelix           *self,
                                     const char          *status,
                                     const char          *type,
                                     const char          *user_id,
                                     const char          *subscription_id,
                                     const char          *after,
                                     gboolean             all_pages,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  Request *request;

  g_return_if_fail (LURK_IS_HELIX (self));

  request = request_new (REQUEST_LIST, "GET", NULL);
  request->list_query = g_string_new (NULL);
  if (status != NULL)
    lurk_form_append (request->list_query, "status", status);
  if (type != NULL)
    lurk_form_append (request->list_query, "type", type);
  if (user_id != NULL)
    lurk_form_append (request->list_query, "user_id", user_id);
  if (subscription_id != NULL)
    lurk_form_append (request->list_query, "subscription_id", subscription_id);
  request->all_pages = all_pages;
  request->url = list_url (self, request, after);

  request_start (self, request, lurk_helix_list_subscriptions_async,
                 cancellable, callback, user_data);
}

LurkHelixSubscriptionList *
lurk_helix_list_subscriptions_finish (LurkHelix     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lurk_helix_list_subscriptions_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
lurk_helix_delete_subscription_async (LurkHelix           *self,
                                      const char          *id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GString) query = g_string_new (NULL);

  g_return_if_fail (LURK_IS_HELIX (self));
  g_return_if_fail (id != NULL);

  lurk_form_append (query, "id", id);
  request_start (self,
                 request_new (REQUEST_DELETE, "DELETE",
                              build_url (self, "/eventsub/subscriptions", query)),
                 lurk_helix_delete_subscription_async, cancellable, callback, user_data);
}

gboolean
lurk_helix_delete_subscription_finish (LurkHelix     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        lurk_helix_delete_subscription_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
