/* lurk-redirect-server.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-redirect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-error.h"
#include "lurk-redirect-server.h"

/* The loopback end of the implicit grant (RFC 8252 §7.3): Twitch sends the browser to
 * http://localhost:PORT/auth#access_token=…&state=…. A fragment never reaches a server, so
 * the page served at /auth posts it back to /auth/complete. The server listens on 127.0.0.1
 * and ::1 only, for this one sign-in: the first answer whose state matches ends it and closes
 * the listening sockets; answers with another state are refused and do not end it. */

#define MAX_ANSWER_SIZE (16 * 1024)

/* Anything on this machine can connect to the port, so nothing may hold it for long: a
 * request has REQUEST_TIMEOUT seconds from its connection (or the end of the previous request
 * on a kept-alive one) to its answer, no more than MAX_CONNECTIONS are open at once, and the
 * whole sign-in ends after SIGN_IN_TIMEOUT seconds. The last also bounds how long the state,
 * which the browser got on its command line, is worth anything. */
#define MAX_CONNECTIONS 32
#define REQUEST_TIMEOUT 15
#define SIGN_IN_TIMEOUT (10 * 60)
#define REFUSAL_TIMEOUT 5

struct _LurkRedirectServer
{
  GObject         parent_instance;

  SoupServer     *server;
  guint           requested_port;
  guint           port;
  char           *expected_state;
  char           *nonce;

  gboolean        completed;
  guint           n_rejected;

  guint           request_timeout;
  guint           sign_in_timeout;
  guint           sign_in_timeout_id;
  GPtrArray      *sockets;          /* GSocket: the open connections */

  /* The final answer, kept until someone waits for it. */
  LurkOAuthToken *token;
  GError         *error;
  gboolean        have_result;

  GTask          *task;
  GSource        *cancel_source;
};

G_DEFINE_FINAL_TYPE (LurkRedirectServer, lurk_redirect_server, G_TYPE_OBJECT)

static void
complete_task (LurkRedirectServer *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->task == NULL || !self->have_result)
    return;

  task = g_steal_pointer (&self->task);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }

  if (self->token != NULL)
    g_task_return_pointer (task, g_steal_pointer (&self->token),
                           (GDestroyNotify) lurk_oauth_token_free);
  else
    g_task_return_error (task, g_steal_pointer (&self->error));
}

static void
set_result (LurkRedirectServer *self,
            LurkOAuthToken     *token,
            GError             *error)
{
  g_assert (!self->have_result);

  self->have_result = TRUE;
  self->token = token;
  self->error = error;
}

/* The page ------------------------------------------------------------------------------- */

static char *
build_page (LurkRedirectServer *self,
            const char         *title,
            const char         *message,
            gboolean            with_script)
{
  g_autofree char *e_title = g_markup_escape_text (title, -1);
  g_autofree char *e_message = g_markup_escape_text (message, -1);
  g_autofree char *e_no_answer =
    g_markup_escape_text (_("The browser did not get an answer from Twitch. Go back to Lurk "
                            "and try again."), -1);
  g_autofree char *e_lost =
    g_markup_escape_text (_("Lurk is no longer waiting for this sign-in. Go back to Lurk and "
                            "try again."), -1);
  GString *page = g_string_new (NULL);

  g_string_append (page,
                   "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width\">"
                   "<title>Lurk</title><style>"
                   "body{font-family:Cantarell,'Noto Sans',sans-serif;background:#fafafa;"
                   "color:#1e1e1e;display:flex;align-items:center;justify-content:center;"
                   "min-height:90vh;margin:0}main{max-width:32em;text-align:center;padding:2em}"
                   "h1{font-size:1.6em;font-weight:800}p{font-size:1.1em;line-height:1.4}"
                   "@media (prefers-color-scheme:dark){body{background:#242424;color:#fff}}"
                   "</style></head><body><main>");
  g_string_append_printf (page, "<h1 id=\"title\">%s</h1><p id=\"message\">%s</p>",
                          e_title, e_message);
  g_string_append_printf (page, "<p id=\"texts\" hidden data-no-answer=\"%s\" data-lost=\"%s\">"
                          "</p></main>", e_no_answer, e_lost);

  if (with_script)
    g_string_append_printf (page,
                            "<script nonce=\"%s\">\n"
                            "(function () {\n"
                            "  var answer = window.location.hash.substring (1);\n"
                            "  var texts = document.getElementById ('texts').dataset;\n"
                            "  var title = document.getElementById ('title');\n"
                            "  var message = document.getElementById ('message');\n"
                            "  /* Keep the token out of the history and the address bar. */\n"
                            "  history.replaceState (null, '', window.location.pathname);\n"
                            "  if (answer.length === 0) {\n"
                            "    message.textContent = texts.noAnswer;\n"
                            "    return;\n"
                            "  }\n"
                            "  fetch ('/auth/complete', {\n"
                            "    method: 'POST', cache: 'no-store', credentials: 'omit',\n"
                            "    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },\n"
                            "    body: answer\n"
                            "  }).then (function (r) { return r.json (); })\n"
                            "    .then (function (j) {\n"
                            "      title.textContent = j.title;\n"
                            "      message.textContent = j.message;\n"
                            "      document.body.dataset.result = j.ok ? 'ok' : 'error';\n"
                            "    })\n"
                            "    .catch (function () {\n"
                            "      message.textContent = texts.lost;\n"
                            "      document.body.dataset.result = 'error';\n"
                            "    });\n"
                            "}) ();\n"
                            "</script>", self->nonce);

  g_string_append (page, "</body></html>\n");

  return g_string_free (page, FALSE);
}

static void
set_common_headers (LurkRedirectServer *self,
                    SoupServerMessage  *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *csp = g_strdup_printf ("default-src 'none'; style-src 'unsafe-inline'; "
                                          "script-src 'nonce-%s'; connect-src 'self'; "
                                          "frame-ancestors 'none'; base-uri 'none'",
                                          self->nonce);

  soup_message_headers_replace (headers, "Content-Security-Policy", csp);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

static void
respond_page (LurkRedirectServer *self,
              SoupServerMessage  *msg,
              guint               status,
              const char         *title,
              const char         *message,
              gboolean            with_script)
{
  g_autofree char *page = build_page (self, title, message, with_script);
  gsize length = strlen (page);

  set_common_headers (self, msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&page), length);
}

static void
respond_json (LurkRedirectServer *self,
              SoupServerMessage  *msg,
              guint               status,
              gboolean            ok,
              const char         *title,
              const char         *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;
  gsize length = 0;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "ok");
  json_builder_add_boolean_value (builder, ok);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);

  set_common_headers (self, msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, length);
}

/* Requests ------------------------------------------------------------------------------- */

/* Refuse requests addressed to another name (DNS rebinding) or posted from another page. */
static gboolean
is_own_request (LurkRedirectServer *self,
                SoupServerMessage  *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *host = soup_message_headers_get_one (headers, "Host");
  const char *origin = soup_message_headers_get_one (headers, "Origin");
  g_autofree char *h1 = g_strdup_printf ("localhost:%u", self->port);
  g_autofree char *h2 = g_strdup_printf ("127.0.0.1:%u", self->port);
  g_autofree char *h3 = g_strdup_printf ("[::1]:%u", self->port);

  if (host == NULL
      || (g_ascii_strcasecmp (host, h1) != 0 && g_strcmp0 (host, h2) != 0
          && g_strcmp0 (host, h3) != 0))
    return FALSE;

  if (origin != NULL)
    {
      g_autofree char *own = g_strconcat ("http://", host, NULL);

      if (g_ascii_strcasecmp (origin, own) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
stop_idle (gpointer user_data)
{
  LurkRedirectServer *self = user_data;

  lurk_redirect_server_stop (self);
  complete_task (self);

  return G_SOURCE_REMOVE;
}

static void
on_final_response_finished (SoupServerMessage *msg,
                            gpointer           user_data)
{
  LurkRedirectServer *self = user_data;

  /* Close the listening sockets once the browser has the answer, outside the connection's
   * own callback. */
  g_idle_add_full (G_PRIORITY_DEFAULT, stop_idle, g_object_ref (self), g_object_unref);
}

/* Handles an answer from the fragment (POST /auth/complete) or the query (GET /auth?error=…).
 * Returns TRUE when it was the final one. */
static void
handle_answer (LurkRedirectServer *self,
               SoupServerMessage  *msg,
               const char         *params,
               gboolean            as_json)
{
  g_autoptr(GError) error = NULL;
  LurkOAuthToken *token;
  const char *title;
  const char *message;

  if (self->completed)
    {
      title = _("Already signed in");
      message = _("This sign-in is already complete. You can close this tab.");
      if (as_json)
        respond_json (self, msg, SOUP_STATUS_CONFLICT, FALSE, title, message);
      else
        respond_page (self, msg, SOUP_STATUS_CONFLICT, title, message, FALSE);
      return;
    }

  token = lurk_oauth_parse_redirect_params (params, self->expected_state, &error);

  if (token == NULL
      && (g_error_matches (error, LURK_ERROR, LURK_ERROR_STATE_MISMATCH)
          || g_error_matches (error, LURK_ERROR, LURK_ERROR_MALFORMED)))
    {
      /* Not this sign-in's answer: refuse it and keep waiting for the real one. */
      self->n_rejected++;
      g_debug ("Refused a redirect answer: %s", error->message);
      title = _("Sign-in not accepted");
      if (as_json)
        respond_json (self, msg, SOUP_STATUS_BAD_REQUEST, FALSE, title, error->message);
      else
        respond_page (self, msg, SOUP_STATUS_BAD_REQUEST, title, error->message, FALSE);
      return;
    }

  self->completed = TRUE;
  g_signal_connect_object (msg, "finished", G_CALLBACK (on_final_response_finished), self, 0);

  if (token != NULL)
    {
      title = _("Signed in to Lurk");
      message = _("You can close this tab and return to Lurk.");
      if (as_json)
        respond_json (self, msg, SOUP_STATUS_OK, TRUE, title, message);
      else
        respond_page (self, msg, SOUP_STATUS_OK, title, message, FALSE);
      set_result (self, token, NULL);
    }
  else
    {
      title = g_error_matches (error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED)
              ? _("Sign-in cancelled") : _("Sign-in failed");
      message = _("Return to Lurk to try again.");
      if (as_json)
        respond_json (self, msg, SOUP_STATUS_OK, FALSE, title, message);
      else
        respond_page (self, msg, SOUP_STATUS_OK, title, message, FALSE);
      set_result (self, NULL, g_steal_pointer (&error));
    }
}

/* Whether a query carries only what Twitch puts there: an error and the state. */
static gboolean
is_error_query (const char *query)
{
  GUriParamsIter iter;
  g_autoptr(GError) error = NULL;
  char *key;

  g_uri_params_iter_init (&iter, query, -1, "&", G_URI_PARAMS_WWW_FORM);
  while (g_uri_params_iter_next (&iter, &key, NULL, &error))
    {
      gboolean allowed = (g_strcmp0 (key, "error") == 0
                          || g_strcmp0 (key, "error_description") == 0
                          || g_strcmp0 (key, "state") == 0);

      g_free (key);
      if (!allowed)
        return FALSE;
    }

  return error == NULL;
}

static void
on_refusal_written (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* libsoup reads a body once a handler has set a status, even from an early handler; so take
 * the connection from it, answer and close without reading on. */
static void
refuse_unread (SoupServerMessage *msg,
               guint              status)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;
  char *head;

  g_debug ("Refusing a request before its body: %u", status);

  /* A client that does not read its answer cannot hold the connection. */
  if (socket != NULL)
    g_socket_set_timeout (socket, REFUSAL_TIMEOUT);

  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;

  head = g_strdup_printf ("HTTP/1.1 %u %s\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
                          status, soup_status_get_phrase (status));
  /* The stream keeps the text until the write is done. */
  g_object_set_data_full (G_OBJECT (stream), "lurk-refusal", head, g_free);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), head, strlen (head),
                                   G_PRIORITY_DEFAULT, NULL, on_refusal_written,
                                   g_object_ref (stream));
}

/* Runs once the headers are read and before the body is: what is refused here is never read
 * into memory. */
static void
on_early_request (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  LurkRedirectServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  guint status = 0;

  if (!is_own_request (self, msg))
    status = SOUP_STATUS_FORBIDDEN;
  else if ((encoding != SOUP_ENCODING_NONE && encoding != SOUP_ENCODING_CONTENT_LENGTH)
           || (encoding == SOUP_ENCODING_CONTENT_LENGTH
               && soup_message_headers_get_content_length (headers) > MAX_ANSWER_SIZE))
    status = SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;

  if (status != 0)
    refuse_unread (msg, status);
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  LurkRedirectServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);

  if (!is_own_request (self, msg))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
      return;
    }

  if (g_strcmp0 (path, "/auth") == 0 && g_strcmp0 (method, "GET") == 0)
    {
      const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));

      /* Errors (access_denied, …) come back in the query, where the server can read them;
       * a token never does, since Twitch puts it in the fragment. */
      if (raw_query != NULL && *raw_query != '\0' && !is_error_query (raw_query))
        {
          self->n_rejected++;
          g_debug ("Refused a redirect answer with more than an error in its query");
          respond_page (self, msg, SOUP_STATUS_BAD_REQUEST, _("Sign-in not accepted"),
                        _("This address carries more than an error from Twitch; it was "
                          "ignored."), FALSE);
        }
      else if (raw_query != NULL && *raw_query != '\0')
        handle_answer (self, msg, raw_query, FALSE);
      else if (self->completed)
        respond_page (self, msg, SOUP_STATUS_OK, _("Already signed in"),
                      _("This sign-in is already complete. You can close this tab."), FALSE);
      else
        respond_page (self, msg, SOUP_STATUS_OK, _("Signing in to Lurk…"),
                      _("Handing Twitch’s answer to Lurk."), TRUE);
      return;
    }

  if (g_strcmp0 (path, "/auth/complete") == 0 && g_strcmp0 (method, "POST") == 0)
    {
      SoupMessageBody *body = soup_server_message_get_request_body (msg);
      g_autofree char *params = NULL;

      if (body->length > MAX_ANSWER_SIZE)
        {
          soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
          return;
        }

      params = g_strndup (body->data, body->length);
      handle_answer (self, msg, params, TRUE);
      return;
    }

  if (g_strcmp0 (path, "/auth") == 0 || g_strcmp0 (path, "/auth/complete") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

/* Connections ---------------------------------------------------------------------------- */

static void
destroy_source (gpointer data)
{
  g_source_destroy (data);
  g_source_unref (data);
}

static gboolean
on_request_timeout (gpointer user_data)
{
  GSocket *socket = user_data;

  /* libsoup sees the end of the stream, fails the request and closes the connection. */
  g_debug ("Closing a connection that did not finish its request in time");
  g_socket_shutdown (socket, TRUE, TRUE, NULL);

  return G_SOURCE_REMOVE;
}

static void
on_request_finished (SoupServerMessage *msg,
                     gpointer           user_data)
{
  g_object_set_data (G_OBJECT (msg), "lurk-request-timeout", NULL);
}

static void
on_request_started (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  LurkRedirectServer *self = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);
  GSource *timeout;

  if (socket == NULL)
    return;

  /* Forget the connections libsoup has closed since. */
  for (guint i = self->sockets->len; i > 0; i--)
    if (g_socket_is_closed (g_ptr_array_index (self->sockets, i - 1)))
      g_ptr_array_remove_index_fast (self->sockets, i - 1);

  if (!g_ptr_array_find (self->sockets, socket, NULL))
    {
      if (self->sockets->len >= MAX_CONNECTIONS)
        {
          g_debug ("Refusing a connection: %u are open already", self->sockets->len);
          g_socket_shutdown (socket, TRUE, TRUE, NULL);
          return;
        }
      g_ptr_array_add (self->sockets, g_object_ref (socket));
    }

  timeout = g_timeout_source_new_seconds (self->request_timeout);
  g_source_set_callback (timeout, on_request_timeout, g_object_ref (socket), g_object_unref);
  g_source_set_static_name (timeout, "[lurk] redirect request timeout");
  g_source_attach (timeout, NULL);
  g_object_set_data_full (G_OBJECT (msg), "lurk-request-timeout", timeout, destroy_source);
  g_signal_connect (msg, "finished", G_CALLBACK (on_request_finished), NULL);
}

static gboolean
on_sign_in_timeout (gpointer user_data)
{
  LurkRedirectServer *self = user_data;
  guint minutes = MAX (1, (self->sign_in_timeout + 59) / 60);

  self->sign_in_timeout_id = 0;

  if (!self->completed)
    {
      self->completed = TRUE;
      set_result (self, NULL,
                  g_error_new (LURK_ERROR, LURK_ERROR_EXPIRED,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "No answer came from the browser within %u minute, "
                                            "so Lurk stopped waiting. Sign in again.",
                                            "No answer came from the browser within %u minutes, "
                                            "so Lurk stopped waiting. Sign in again.",
                                            minutes),
                               minutes));
    }

  lurk_redirect_server_stop (self);
  complete_task (self);

  return G_SOURCE_REMOVE;
}

/**
 * lurk_redirect_server_set_timeouts:
 * @self: a #LurkRedirectServer, not started yet
 * @request_seconds: how long one request may take from its connection to its answer
 *   (default 15); a connection that takes longer is closed
 * @sign_in_seconds: how long the server waits for Twitch's answer (default 10 minutes);
 *   then it closes and the wait ends with %LURK_ERROR_EXPIRED
 */
void
lurk_redirect_server_set_timeouts (LurkRedirectServer *self,
                                   guint               request_seconds,
                                   guint               sign_in_seconds)
{
  g_return_if_fail (LURK_IS_REDIRECT_SERVER (self));
  g_return_if_fail (self->server == NULL);
  g_return_if_fail (request_seconds > 0 && sign_in_seconds > 0);

  self->request_timeout = request_seconds;
  self->sign_in_timeout = sign_in_seconds;
}

/* Listening ------------------------------------------------------------------------------ */

static gboolean
listen_on (LurkRedirectServer  *self,
           const char          *address,
           guint                port,
           GError             **error)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new (inet, (guint16) port);

  return soup_server_listen (self->server, socket_address, 0, error);
}

static guint
first_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint port = 0;

  if (uris != NULL)
    port = (guint) g_uri_get_port (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return port;
}

static void
set_busy_error (GError **error,
                guint    port)
{
  g_set_error (error, LURK_ERROR, LURK_ERROR_NETWORK,
               _("Port %u is used by another program, so Lurk cannot receive Twitch’s answer. "
                 "Choose another sign-in port in Preferences (and register "
                 "http://localhost:PORT/auth for your client ID), or sign in with a code."),
               port);
}

/**
 * lurk_redirect_server_start:
 * @self: a #LurkRedirectServer
 * @error: a #GError; a busy port is %LURK_ERROR_NETWORK with a message that says how to
 *   change it
 *
 * Binds 127.0.0.1 and, where the system has IPv6, ::1 on the port (0: a free one), since the
 * browser may resolve `localhost` to either.
 */
gboolean
lurk_redirect_server_start (LurkRedirectServer  *self,
                            GError             **error)
{
  g_return_val_if_fail (LURK_IS_REDIRECT_SERVER (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  for (guint attempt = 0; attempt < 5; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      self->server = soup_server_new ("server-header", NULL, NULL);
      soup_server_add_handler (self->server, "/auth", on_request, self, NULL);
      soup_server_add_handler (self->server, NULL, on_request, self, NULL);
      soup_server_add_early_handler (self->server, "/auth", on_early_request, self, NULL);
      soup_server_add_early_handler (self->server, NULL, on_early_request, self, NULL);
      g_signal_connect (self->server, "request-started", G_CALLBACK (on_request_started),
                        self);

      if (!listen_on (self, "127.0.0.1", self->requested_port, &local_error))
        {
          g_clear_object (&self->server);
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
            set_busy_error (error, self->requested_port);
          else
            g_set_error (error, LURK_ERROR, LURK_ERROR_NETWORK,
                         _("Lurk cannot listen for Twitch’s answer: %s"),
                         local_error->message);
          return FALSE;
        }

      self->port = first_port (self->server);

      if (listen_on (self, "::1", self->port, &local_error))
        break;

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE))
        {
          soup_server_disconnect (self->server);
          g_clear_object (&self->server);

          /* A random port taken on ::1 only: pick another one. */
          if (self->requested_port == 0)
            continue;

          set_busy_error (error, self->requested_port);
          return FALSE;
        }

      /* No IPv6 on this system: localhost can only mean 127.0.0.1. */
      g_debug ("Not listening on ::1: %s", local_error->message);
      break;
    }

  if (self->server == NULL)
    {
      set_busy_error (error, self->requested_port);
      return FALSE;
    }

  self->sign_in_timeout_id = g_timeout_add_seconds (self->sign_in_timeout, on_sign_in_timeout,
                                                    self);
  g_debug ("Waiting for the sign-in answer on port %u", self->port);

  return TRUE;
}

/**
 * lurk_redirect_server_stop:
 *
 * Closes the listening sockets (and any open connection). Idempotent.
 */
void
lurk_redirect_server_stop (LurkRedirectServer *self)
{
  g_return_if_fail (LURK_IS_REDIRECT_SERVER (self));

  g_clear_handle_id (&self->sign_in_timeout_id, g_source_remove);

  if (self->server == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->server, self);
  soup_server_remove_handler (self->server, "/auth");
  soup_server_remove_handler (self->server, NULL);
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_ptr_array_set_size (self->sockets, 0);
}

gboolean
lurk_redirect_server_is_listening (LurkRedirectServer *self)
{
  g_return_val_if_fail (LURK_IS_REDIRECT_SERVER (self), FALSE);

  return self->server != NULL;
}

guint
lurk_redirect_server_get_port (LurkRedirectServer *self)
{
  g_return_val_if_fail (LURK_IS_REDIRECT_SERVER (self), 0);

  return self->port;
}

/**
 * lurk_redirect_server_dup_redirect_uri:
 *
 * Returns: (transfer full): `http://localhost:PORT/auth`
 */
char *
lurk_redirect_server_dup_redirect_uri (LurkRedirectServer *self)
{
  g_return_val_if_fail (LURK_IS_REDIRECT_SERVER (self), NULL);
  g_return_val_if_fail (self->port != 0, NULL);

  return lurk_oauth_build_redirect_uri (self->port);
}

/**
 * lurk_redirect_server_get_n_rejected:
 *
 * Returns: how many answers were refused (wrong or missing state, malformed)
 */
guint
lurk_redirect_server_get_n_rejected (LurkRedirectServer *self)
{
  g_return_val_if_fail (LURK_IS_REDIRECT_SERVER (self), 0);

  return self->n_rejected;
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  LurkRedirectServer *self = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_clear_pointer (&self->cancel_source, g_source_unref);
  lurk_redirect_server_stop (self);
  self->completed = TRUE;

  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Operation was cancelled");

  return G_SOURCE_REMOVE;
}

/**
 * lurk_redirect_server_wait_async:
 * @self: a started #LurkRedirectServer
 * @cancellable: cancelling it also closes the server
 *
 * Waits for the one answer whose state matches. It finishes with the token, or with
 * %LURK_ERROR_ACCESS_DENIED ("Sign-in cancelled") or another error Twitch sent; by then the
 * listening sockets are closed.
 */
void
lurk_redirect_server_wait_async (LurkRedirectServer  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LURK_IS_REDIRECT_SERVER (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_redirect_server_wait_async);

  if (self->server == NULL && !self->have_result)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_FAILED,
                               "The redirect server is not listening");
      return;
    }

  self->task = g_steal_pointer (&task);

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  if (self->have_result && self->server == NULL)
    complete_task (self);
}

LurkOAuthToken *
lurk_redirect_server_wait_finish (LurkRedirectServer  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (LURK_IS_REDIRECT_SERVER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LurkRedirectServer *
lurk_redirect_server_new (guint       port,
                          const char *expected_state)
{
  LurkRedirectServer *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (expected_state != NULL && *expected_state != '\0', NULL);

  self = g_object_new (LURK_TYPE_REDIRECT_SERVER, NULL);
  self->requested_port = port;
  self->expected_state = g_strdup (expected_state);
  self->nonce = lurk_oauth_generate_state (&error);
  if (self->nonce == NULL)
    self->nonce = g_uuid_string_random ();

  return self;
}

static void
lurk_redirect_server_dispose (GObject *object)
{
  LurkRedirectServer *self = (LurkRedirectServer *) object;

  lurk_redirect_server_stop (self);
  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
  g_clear_object (&self->task);

  G_OBJECT_CLASS (lurk_redirect_server_parent_class)->dispose (object);
}

static void
lurk_redirect_server_finalize (GObject *object)
{
  LurkRedirectServer *self = (LurkRedirectServer *) object;

  g_clear_pointer (&self->token, lurk_oauth_token_free);
  g_clear_error (&self->error);
  g_free (self->expected_state);
  g_free (self->nonce);
  g_ptr_array_unref (self->sockets);

  G_OBJECT_CLASS (lurk_redirect_server_parent_class)->finalize (object);
}

static void
lurk_redirect_server_class_init (LurkRedirectServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_redirect_server_dispose;
  object_class->finalize = lurk_redirect_server_finalize;
}

static void
lurk_redirect_server_init (LurkRedirectServer *self)
{
  self->request_timeout = REQUEST_TIMEOUT;
  self->sign_in_timeout = SIGN_IN_TIMEOUT;
  self->sockets = g_ptr_array_new_with_free_func (g_object_unref);
}
