/* lurk-test-http.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lurk-test-http.h"

typedef struct
{
  GBytes  *body;
  gboolean done;
} Answer;

static void
on_answer (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Answer *answer = user_data;
  g_autoptr(GError) error = NULL;

  answer->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (error != NULL)
    g_test_message ("No answer: %s", error->message);
  answer->done = TRUE;
}

static guint
request (SoupSession  *session,
         gboolean      iterate,
         const char   *method,
         const char   *url,
         const char   *json,
         GBytes      **body)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  Answer answer = { NULL, FALSE };

  g_assert_nonnull (message);
  if (json != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (message, "application/json", bytes);
    }

  if (iterate)
    {
      soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_answer,
                                        &answer);
      while (!answer.done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    {
      g_autoptr(GError) error = NULL;

      answer.body = soup_session_send_and_read (session, message, NULL, &error);
      if (error != NULL)
        g_test_message ("No answer: %s", error->message);
    }

  if (body != NULL)
    *body = g_steal_pointer (&answer.body);
  g_clear_pointer (&answer.body, g_bytes_unref);

  return soup_message_get_status (message);
}

guint
lurk_test_http (SoupSession  *session,
                const char   *method,
                const char   *url,
                const char   *json,
                GBytes      **body)
{
  return request (session, FALSE, method, url, json, body);
}

guint
lurk_test_http_iterate (SoupSession  *session,
                        const char   *method,
                        const char   *url,
                        const char   *json,
                        GBytes      **body)
{
  return request (session, TRUE, method, url, json, body);
}

static JsonNode *
request_json (SoupSession *session,
              gboolean     iterate,
              const char  *method,
              const char  *url,
              const char  *json)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status = request (session, iterate, method, url, json, &body);
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  JsonNode *node;

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    g_error ("%s %s: %u %.*s", method, url, status, (int) length, data != NULL ? data : "");

  node = json_from_string (length > 0 ? data : "{}", &error);
  g_assert_no_error (error);

  return node;
}

JsonNode *
lurk_test_http_json (SoupSession *session,
                     const char  *method,
                     const char  *url,
                     const char  *json)
{
  return request_json (session, FALSE, method, url, json);
}

JsonNode *
lurk_test_http_json_iterate (SoupSession *session,
                             const char  *method,
                             const char  *url,
                             const char  *json)
{
  return request_json (session, TRUE, method, url, json);
}

SoupServer *
lurk_test_server_new (guint *port)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *port = (guint) g_uri_get_port (uris->data);

  return server;
}

guint
lurk_test_free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, address, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
