/* fuzz-sim-http.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lurk-sim's request handling: the /sim/… control API bodies, the Helix request bodies and
 * queries, and the OAuth forms, as any local program could send them. lurk-sim has no pure
 * parse functions (its handlers take a SoupServerMessage), so this target starts one
 * simulator in a thread on 127.0.0.1 and sends each input as one HTTP request over a plain
 * socket. The first byte picks the endpoint, the rest is the body (or query). The simulator
 * must answer every request with a well-formed HTTP status and never crash, abort or leak. */

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include "lurk-sim.h"
#include "fuzz-common.h"

typedef enum { BODY_JSON, BODY_FORM, QUERY, OAUTH_HEADER } Kind;

typedef struct
{
  const char *method;
  const char *path;
  Kind        kind;
  gboolean    helix_auth;
} Endpoint;

static const Endpoint endpoints[] = {
  { "POST", "/sim/trigger", BODY_JSON, FALSE },
  { "POST", "/sim/flood", BODY_JSON, FALSE },
  { "POST", "/sim/reconnect", BODY_JSON, FALSE },
  { "POST", "/sim/close", BODY_JSON, FALSE },
  { "POST", "/sim/drop", BODY_JSON, FALSE },
  { "POST", "/sim/keepalive", BODY_JSON, FALSE },
  { "POST", "/sim/duplicate", BODY_JSON, FALSE },
  { "POST", "/sim/revoke", BODY_JSON, FALSE },
  { "POST", "/sim/stream", BODY_JSON, FALSE },
  { "POST", "/sim/channel", BODY_JSON, FALSE },
  { "POST", "/sim/device/approve", BODY_JSON, FALSE },
  { "POST", "/sim/device/deny", BODY_JSON, FALSE },
  { "POST", "/sim/tokens", BODY_JSON, FALSE },
  { "POST", "/sim/tokens/expire", BODY_JSON, FALSE },
  { "POST", "/sim/helix/fail", BODY_JSON, FALSE },
  { "POST", "/sim/config", BODY_JSON, FALSE },
  { "POST", "/sim/clients", BODY_JSON, FALSE },
  { "POST", "/helix/eventsub/subscriptions", BODY_JSON, TRUE },
  { "GET", "/helix/users", QUERY, TRUE },
  { "GET", "/helix/streams", QUERY, TRUE },
  { "GET", "/helix/eventsub/subscriptions", QUERY, TRUE },
  { "DELETE", "/helix/eventsub/subscriptions", QUERY, TRUE },
  { "POST", "/oauth2/token", BODY_FORM, FALSE },
  { "POST", "/oauth2/device", BODY_FORM, FALSE },
  { "POST", "/oauth2/revoke", BODY_FORM, FALSE },
  { "GET", "/oauth2/validate", OAUTH_HEADER, FALSE },
  { "GET", "/oauth2/authorize", QUERY, FALSE },
};

static LurkSim *sim;
static guint16 port;

/* Bytes that would break the request line or a header become %XX. */
static void
append_escaped (GString      *out,
                const guint8 *data,
                gsize         size)
{
  for (gsize i = 0; i < size; i++)
    {
      if (data[i] <= ' ' || data[i] == '#' || data[i] >= 0x7f)
        g_string_append_printf (out, "%%%02X", data[i]);
      else
        g_string_append_c (out, (char) data[i]);
    }
}

static guint
send_request (const char   *request,
              gsize         length)
{
  struct sockaddr_in addr = { 0 };
  struct timeval timeout = { 10, 0 };
  char buffer[4096];
  g_autoptr(GString) response = g_string_new (NULL);
  guint status = 0;
  int fd;

  addr.sin_family = AF_INET;
  addr.sin_port = htons (port);
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  /* libFuzzer's timers interrupt system calls (EINTR): start over on a new socket. */
  for (;;)
    {
      fd = socket (AF_INET, SOCK_STREAM, 0);
      g_assert (fd >= 0);
      setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
      if (connect (fd, (struct sockaddr *) &addr, sizeof addr) == 0)
        break;
      if (errno != EINTR)
        g_error ("connect: %s", g_strerror (errno));
      close (fd);
    }

  for (gsize sent = 0; sent < length;)
    {
      ssize_t n = send (fd, request + sent, length - sent, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      sent += (gsize) n;
    }

  for (;;)
    {
      ssize_t n = recv (fd, buffer, sizeof buffer, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("lurk-sim did not answer within 10 s (%s)", g_strerror (errno));
      if (n == 0)
        break;
      g_string_append_len (response, buffer, n);
    }
  close (fd);

  if (g_str_has_prefix (response->str, "HTTP/1.1 ") && response->len >= 12)
    status = (guint) g_ascii_strtoull (response->str + 9, NULL, 10);

  return status;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static guint count;
  g_autoptr(GString) request = g_string_new (NULL);
  g_autoptr(GString) target = NULL;
  const Endpoint *endpoint;
  guint status;

  fuzz_setup ();

  if (sim == NULL)
    {
      g_autoptr(GError) error = NULL;

      sim = lurk_sim_new ();
      if (!lurk_sim_start_in_thread (sim, "127.0.0.1", 0, &error))
        g_error ("%s", error->message);
      port = (guint16) lurk_sim_get_port (sim);
    }

  /* Back to the seeded world now and then, so revoked tokens and faults do not pile up. */
  if (++count % 256 == 0)
    {
      static const char reset[] = "POST /sim/reset HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Connection: close\r\nContent-Length: 2\r\n\r\n{}";

      send_request (reset, sizeof reset - 1);
    }

  if (size < 1)
    return 0;
  endpoint = &endpoints[data[0] % G_N_ELEMENTS (endpoints)];
  data++;
  size--;

  target = g_string_new (endpoint->path);
  if (endpoint->kind == QUERY)
    {
      g_string_append_c (target, '?');
      append_escaped (target, data, size);
    }

  g_string_append_printf (request, "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n",
                          endpoint->method, target->str);
  if (endpoint->helix_auth)
    g_string_append (request, "Authorization: Bearer " LURK_SIM_DEMO_TOKEN "\r\n"
                              "Client-Id: " LURK_SIM_CLIENT_ID "\r\n");
  if (endpoint->kind == OAUTH_HEADER)
    {
      g_string_append (request, "Authorization: OAuth ");
      append_escaped (request, data, size);
      g_string_append (request, "\r\n\r\n");
    }
  else if (endpoint->kind == BODY_JSON || endpoint->kind == BODY_FORM)
    {
      g_string_append_printf (request, "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT
                              "\r\n\r\n",
                              endpoint->kind == BODY_JSON ? "application/json"
                                                          : "application/x-www-form-urlencoded",
                              size);
      g_string_append_len (request, (const char *) data, size);
    }
  else
    {
      g_string_append (request, "\r\n");
    }

  status = send_request (request->str, request->len);
  /* Any answer, but an answer: 2xx, 3xx (authorize redirects), 4xx or 5xx. */
  g_assert_cmpuint (status, >=, 200);
  g_assert_cmpuint (status, <, 600);

  return 0;
}
