/* test-signin-redirect.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "lurk-error.h"
#include "lurk-redirect-server.h"

/* The loopback redirect server, driven by a plain HTTP client standing in for the browser's
 * script: it accepts exactly one answer with the right state, then closes its port. */

#define STATE "Jm9x_A0oVt3b6l2nDq1sWf8eK5rZ4uY7cH3gP0iLx2E"

typedef struct
{
  SoupSession *session;
  GMainLoop   *loop;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = soup_session_new_with_options ("timeout", 5, NULL);
  f->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_pointer (&f->loop, g_main_loop_unref);
}

typedef struct
{
  guint   status;
  GBytes *body;
  GError *error;
  gboolean done;
} Response;

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Response *response = user_data;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  response->body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                      &response->error);
  response->status = soup_message_get_status (message);
  response->done = TRUE;
}

/* Runs the main loop (so the server can answer) until the request completes. */
static Response *
request (Fixture    *f,
         const char *method,
         guint       port,
         const char *path_and_query,
         const char *form,
         const char *origin)
{
  g_autofree char *uri = g_strdup_printf ("http://127.0.0.1:%u%s", port, path_and_query);
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  Response *response = g_new0 (Response, 1);

  if (form != NULL)
    {
      g_autoptr(GBytes) body = g_bytes_new (form, strlen (form));

      soup_message_set_request_body_from_bytes (message, "application/x-www-form-urlencoded",
                                                body);
    }
  if (origin != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Origin", origin);

  soup_session_send_and_read_async (f->session, message, G_PRIORITY_DEFAULT, NULL, on_sent,
                                    response);
  while (!response->done)
    g_main_context_iteration (NULL, TRUE);

  return response;
}

static void
response_free (Response *response)
{
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_error (&response->error);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static gboolean
port_is_open (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) error = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL,
                                                &error);
  return connection != NULL;
}

typedef struct
{
  LurkOAuthToken *token;
  GError         *error;
  gboolean        done;
} WaitResult;

static void
on_waited (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  WaitResult *wait = user_data;

  wait->token = lurk_redirect_server_wait_finish (LURK_REDIRECT_SERVER (object), result,
                                                  &wait->error);
  wait->done = TRUE;
}

static LurkRedirectServer *
start_server (guint port)
{
  g_autoptr(GError) error = NULL;
  LurkRedirectServer *server = lurk_redirect_server_new (port, STATE);

  g_assert_true (lurk_redirect_server_start (server, &error));
  g_assert_no_error (error);
  g_assert_true (lurk_redirect_server_is_listening (server));
  g_assert_cmpuint (lurk_redirect_server_get_port (server), >, 0);

  return server;
}

static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  LurkRedirectServer *server = start_server (0);
  guint port = lurk_redirect_server_get_port (server);
  g_autofree char *uri = lurk_redirect_server_dup_redirect_uri (server);
  g_autofree char *expected = g_strdup_printf ("http://localhost:%u/auth", port);

  g_assert_cmpstr (uri, ==, expected);
  g_assert_true (port_is_open (port));
  g_assert_finalize_object (server);
  g_assert_false (port_is_open (port));
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  guint port = lurk_redirect_server_get_port (server);
  g_autoptr(Response) page = request (f, "GET", port, "/auth", NULL, NULL);
  g_autoptr(Response) other = request (f, "GET", port, "/secret", NULL, NULL);
  g_autoptr(Response) foreign = NULL;
  const char *text;

  g_assert_no_error (page->error);
  g_assert_cmpuint (page->status, ==, 200);
  text = g_bytes_get_data (page->body, NULL);
  /* The script posts the fragment back and then removes it from the address bar. */
  g_assert_nonnull (strstr (text, "location.hash"));
  g_assert_nonnull (strstr (text, "/auth/complete"));
  g_assert_nonnull (strstr (text, "history.replaceState"));

  g_assert_cmpuint (other->status, ==, 404);

  /* A page of another origin cannot post an answer. */
  foreign = request (f, "POST", port, "/auth/complete", "access_token=x&state=" STATE,
                     "http://evil.example");
  g_assert_cmpuint (foreign->status, ==, 403);
  g_assert_true (lurk_redirect_server_is_listening (server));
}

static void
test_wrong_state_then_right_then_second (Fixture       *f,
                                         gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  guint port = lurk_redirect_server_get_port (server);
  g_autofree char *origin = g_strdup_printf ("http://127.0.0.1:%u", port);
  WaitResult wait = { 0 };
  g_autoptr(Response) wrong = NULL;
  g_autoptr(Response) missing = NULL;
  g_autoptr(Response) repeated = NULL;
  g_autoptr(Response) right = NULL;
  g_autoptr(Response) second = NULL;

  lurk_redirect_server_wait_async (server, NULL, on_waited, &wait);

  wrong = request (f, "POST", port, "/auth/complete",
                   "access_token=attacker&state=not-the-state", origin);
  g_assert_cmpuint (wrong->status, ==, 400);
  missing = request (f, "POST", port, "/auth/complete", "access_token=attacker", origin);
  g_assert_cmpuint (missing->status, ==, 400);
  repeated = request (f, "POST", port, "/auth/complete",
                      "access_token=attacker&access_token=good&state=" STATE, origin);
  g_assert_cmpuint (repeated->status, ==, 400);

  /* Refused answers do not end the sign-in. */
  g_assert_false (wait.done);
  g_assert_true (lurk_redirect_server_is_listening (server));
  g_assert_cmpuint (lurk_redirect_server_get_n_rejected (server), ==, 3);

  right = request (f, "POST", port, "/auth/complete",
                   "access_token=good&scope=user%3Aread%3Achat&state=" STATE
                   "&token_type=bearer", origin);
  g_assert_cmpuint (right->status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (right->body, NULL), "\"ok\":true"));

  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (wait.error);
  g_assert_cmpstr (wait.token->access_token, ==, "good");
  g_assert_cmpstr (wait.token->scopes[0], ==, "user:read:chat");

  /* Closed: a second answer cannot even connect. */
  g_assert_false (lurk_redirect_server_is_listening (server));
  g_assert_false (port_is_open (port));
  second = request (f, "POST", port, "/auth/complete",
                    "access_token=second&state=" STATE, origin);
  g_assert_nonnull (second->error);
  g_assert_null (second->body);

  lurk_oauth_token_free (wait.token);
}

static void
test_access_denied (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  guint port = lurk_redirect_server_get_port (server);
  WaitResult wait = { 0 };
  g_autoptr(Response) page = NULL;

  lurk_redirect_server_wait_async (server, NULL, on_waited, &wait);

  /* Twitch puts errors in the query. */
  page = request (f, "GET", port, "/auth?error=access_denied&error_description="
                  "The+user+denied+you+access&state=" STATE, NULL, NULL);
  g_assert_cmpuint (page->status, ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (page->body, NULL), "Sign-in cancelled"));

  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (wait.token);
  g_assert_error (wait.error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (wait.error->message, ==, "Sign-in cancelled");
  g_assert_false (port_is_open (port));
  g_clear_error (&wait.error);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint port = lurk_redirect_server_get_port (server);
  WaitResult wait = { 0 };

  lurk_redirect_server_wait_async (server, cancellable, on_waited, &wait);
  g_cancellable_cancel (cancellable);

  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (port_is_open (port));
  g_clear_error (&wait.error);
}

/* Raw connections, for what a browser would never send. */

static GSocket *
raw_connect (guint port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, (guint16) port);
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                  G_SOCKET_PROTOCOL_TCP, &error);

  g_assert_no_error (error);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  g_socket_set_blocking (socket, FALSE);

  return socket;
}

static void
raw_send (GSocket    *socket,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  gssize sent = g_socket_send (socket, text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sent, ==, (gssize) strlen (text));
}

/* Runs the main loop until the server answers or closes the connection, or @seconds pass;
 * returns what came back ("" when closed without an answer, NULL when nothing came). */
static char *
raw_wait (GSocket *socket,
          double   seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  GString *received = g_string_new (NULL);

  while (g_get_monotonic_time () < deadline)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n;

      g_main_context_iteration (NULL, FALSE);
      n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);
      if (n > 0)
        {
          g_string_append_len (received, buffer, n);
          continue;
        }
      if (n == 0 || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return g_string_free (received, FALSE);
      if (received->len > 0 && strstr (received->str, "\r\n\r\n") != NULL)
        return g_string_free (received, FALSE);
      g_usleep (1000);
    }

  g_string_free (received, TRUE);
  return NULL;
}

static void
assert_refused_unread (guint       port,
                       const char *headers,
                       const char *status_line)
{
  g_autoptr(GSocket) socket = raw_connect (port);
  g_autofree char *answer = NULL;

  /* The headers announce a body that never comes: an answer before it means it was not
   * waited for (nor would it have been read into memory). */
  raw_send (socket, headers);
  answer = raw_wait (socket, 3);
  g_assert_nonnull (answer);
  g_assert_true (g_str_has_prefix (answer, status_line));
}

static void
test_body_refused_before_read (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  guint port = lurk_redirect_server_get_port (server);
  g_autofree char *oversized = NULL;
  g_autofree char *chunked = NULL;
  g_autofree char *foreign = NULL;

  oversized = g_strdup_printf ("POST /auth/complete HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: 209715200\r\n\r\n", port);
  assert_refused_unread (port, oversized, "HTTP/1.1 413");

  chunked = g_strdup_printf ("POST /auth/complete HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n"
                             "Content-Type: application/x-www-form-urlencoded\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n", port);
  assert_refused_unread (port, chunked, "HTTP/1.1 413");

  /* Another name (DNS rebinding) is refused before its body too. */
  foreign = g_strdup_printf ("POST /auth/complete HTTP/1.1\r\nHost: evil.example:%u\r\n"
                             "Content-Length: 100\r\n\r\n", port);
  assert_refused_unread (port, foreign, "HTTP/1.1 403");

  g_assert_true (lurk_redirect_server_is_listening (server));
}

static guint
count_descriptors (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static gboolean
closed_by_server (GSocket *socket)
{
  char byte;
  g_autoptr(GError) error = NULL;

  return g_socket_receive (socket, &byte, 1, NULL, &error) == 0;
}

#define N_HALF_SENT 300

static void
test_half_sent_requests_time_out (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = lurk_redirect_server_new (0, STATE);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(Response) page = NULL;
  g_autofree char *partial = NULL;
  guint before;
  guint port;
  guint n_open;
  gint64 deadline;

  lurk_redirect_server_set_timeouts (server, 1, 600);
  g_assert_true (lurk_redirect_server_start (server, &error));
  g_assert_no_error (error);
  port = lurk_redirect_server_get_port (server);
  partial = g_strdup_printf ("POST /auth/complete HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n", port);

  before = count_descriptors ();
  for (guint i = 0; i < N_HALF_SENT; i++)
    {
      GSocket *socket = raw_connect (port);

      raw_send (socket, partial);
      g_ptr_array_add (sockets, socket);
      g_main_context_iteration (NULL, FALSE);
    }

  /* The server lets go of every one of them soon: those over the limit at once, the others
   * when their time is up. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      n_open = 0;
      for (guint i = 0; i < sockets->len; i++)
        if (!closed_by_server (g_ptr_array_index (sockets, i)))
          n_open++;
    }
  while (n_open > 0 && g_get_monotonic_time () < deadline);
  g_assert_cmpuint (n_open, ==, 0);

  /* Only the test's own ends are still open. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_descriptors (), <=, before + N_HALF_SENT + 4);

  /* And the sign-in still works. */
  page = request (f, "GET", port, "/auth", NULL, NULL);
  g_assert_no_error (page->error);
  g_assert_cmpuint (page->status, ==, 200);
}

static void
test_connections_capped (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  g_autoptr(GPtrArray) sockets = g_ptr_array_new_with_free_func (g_object_unref);
  guint port = lurk_redirect_server_get_port (server);
  guint n_open = 0;

  for (guint i = 0; i < 100; i++)
    {
      g_ptr_array_add (sockets, raw_connect (port));
      g_main_context_iteration (NULL, FALSE);
    }
  for (guint i = 0; i < 200; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  /* Well within the request timeout, the server holds no more than a few dozen. */
  for (guint i = 0; i < sockets->len; i++)
    if (!closed_by_server (g_ptr_array_index (sockets, i)))
      n_open++;
  g_assert_cmpuint (n_open, >, 0);
  g_assert_cmpuint (n_open, <=, 32);
}

static void
test_sign_in_times_out (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = lurk_redirect_server_new (0, STATE);
  g_autoptr(GError) error = NULL;
  WaitResult wait = { 0 };
  guint port;
  gint64 deadline;

  lurk_redirect_server_set_timeouts (server, 1, 1);
  g_assert_true (lurk_redirect_server_start (server, &error));
  port = lurk_redirect_server_get_port (server);
  lurk_redirect_server_wait_async (server, NULL, on_waited, &wait);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!wait.done && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_true (wait.done);

  /* The user reads that the sign-in stopped, and why. */
  g_assert_null (wait.token);
  g_assert_error (wait.error, LURK_ERROR, LURK_ERROR_EXPIRED);
  g_assert_nonnull (strstr (wait.error->message, "1 minute"));
  g_assert_nonnull (strstr (wait.error->message, "Sign in again"));
  g_assert_false (lurk_redirect_server_is_listening (server));
  g_assert_false (port_is_open (port));
  g_clear_error (&wait.error);
}

static void
test_token_in_query_refused (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  guint port = lurk_redirect_server_get_port (server);
  WaitResult wait = { 0 };
  g_autoptr(Response) page = NULL;

  lurk_redirect_server_wait_async (server, cancellable, on_waited, &wait);

  /* Twitch puts a token in the fragment, never the query: a link that carries one (a
   * token an attacker chose, say) is refused and the sign-in goes on. */
  page = request (f, "GET", port, "/auth?access_token=attacker&scope=user%3Aread%3Achat"
                  "&state=" STATE "&token_type=bearer", NULL, NULL);
  g_assert_cmpuint (page->status, ==, 400);
  g_assert_null (strstr (g_bytes_get_data (page->body, NULL), "Signed in"));
  g_assert_cmpuint (lurk_redirect_server_get_n_rejected (server), ==, 1);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (wait.done);
  g_assert_true (lurk_redirect_server_is_listening (server));

  g_cancellable_cancel (cancellable);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&wait.error);
}

static void
test_busy_port (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) first = start_server (0);
  guint port = lurk_redirect_server_get_port (first);
  g_autoptr(LurkRedirectServer) second = lurk_redirect_server_new (port, STATE);
  g_autoptr(GError) error = NULL;

  g_assert_false (lurk_redirect_server_start (second, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_NETWORK);
  /* The message names the port and where to change it. */
  g_assert_nonnull (strstr (error->message, "Preferences"));
  {
    g_autofree char *port_text = g_strdup_printf ("%u", port);

    g_assert_nonnull (strstr (error->message, port_text));
  }
  g_assert_false (lurk_redirect_server_is_listening (second));
}

static void
test_loopback_only (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LurkRedirectServer) server = start_server (0);
  guint port = lurk_redirect_server_get_port (server);
  g_autoptr(GList) addresses = NULL;
  g_autoptr(GResolver) resolver = g_resolver_get_default ();
  g_autofree char *hostname = g_strdup (g_get_host_name ());

  /* Not reachable on any non-loopback address of this machine. */
  addresses = g_resolver_lookup_by_name (resolver, hostname, NULL, NULL);
  for (GList *l = addresses; l != NULL; l = l->next)
    {
      GInetAddress *address = l->data;
      g_autoptr(GSocketClient) client = NULL;
      g_autoptr(GSocketAddress) socket_address = NULL;
      g_autoptr(GSocketConnection) connection = NULL;

      if (g_inet_address_get_is_loopback (address))
        continue;

      client = g_socket_client_new ();
      g_socket_client_set_timeout (client, 2);
      socket_address = g_inet_socket_address_new (address, (guint16) port);
      connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (socket_address), NULL,
                                            NULL);
      g_assert_null (connection);
    }
  g_list_free_full (g_steal_pointer (&addresses), g_object_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lurk/signin/redirect/new-destroy", Fixture, NULL, fixture_set_up,
              test_new_destroy, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/page", Fixture, NULL, fixture_set_up, test_page,
              fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/wrong-state-and-second-response", Fixture, NULL,
              fixture_set_up, test_wrong_state_then_right_then_second, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/access-denied", Fixture, NULL, fixture_set_up,
              test_access_denied, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/body-refused-before-read", Fixture, NULL, fixture_set_up,
              test_body_refused_before_read, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/half-sent-requests-time-out", Fixture, NULL,
              fixture_set_up, test_half_sent_requests_time_out, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/connections-capped", Fixture, NULL, fixture_set_up,
              test_connections_capped, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/sign-in-times-out", Fixture, NULL, fixture_set_up,
              test_sign_in_times_out, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/token-in-query-refused", Fixture, NULL, fixture_set_up,
              test_token_in_query_refused, fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/busy-port", Fixture, NULL, fixture_set_up, test_busy_port,
              fixture_tear_down);
  g_test_add ("/lurk/signin/redirect/loopback-only", Fixture, NULL, fixture_set_up,
              test_loopback_only, fixture_tear_down);

  return g_test_run ();
}
