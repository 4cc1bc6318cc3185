/* fuzz-sim-http.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lurk-sim's request parsing: the /sim/… control API bodies, the Helix request bodies and
 * queries, and the OAuth forms and headers, as any local program could send them. The
 * handlers parse each request with pure functions (bytes in, request or GError out) before
 * they touch the world; this target feeds those directly, without HTTP, a thread or a socket
 * (it used to send each input to an in-process lurk-sim over 127.0.0.1: ~800 inputs/s).
 * What a handler then does with a checked request is left to tests/sim. The first byte
 * picks the endpoint, the rest is the body (or query, or header). Each parser returns a
 * request or a G_IO_ERROR / JSON error, never both, and never crashes, aborts or leaks. */

#include <string.h>

#include "lurk-sim-control-private.h"
#include "fuzz-common.h"

typedef enum { BODY_JSON, BODY_FORM, QUERY, OAUTH_HEADER } Kind;

typedef struct
{
  const char *method;
  const char *path;
  Kind        kind;
  gboolean    helix_auth;
} Endpoint;

/* Unchanged from the HTTP version, so the committed corpus means the same requests. */
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

/* Bytes that would break the request line or a header become %XX. */
static void
append_escaped (GString      *out,
                const guint8 *data,
                gsize         size)
{
  static const char hex[] = "0123456789ABCDEF";

  /* Not g_string_append_printf() per byte: that was most of the time of a long query. */
  for (gsize i = 0; i < size; i++)
    {
      if (data[i] <= ' ' || data[i] == '#' || data[i] >= 0x7f)
        {
          g_string_append_c (out, '%');
          g_string_append_c (out, hex[data[i] >> 4]);
          g_string_append_c (out, hex[data[i] & 0xf]);
        }
      else
        g_string_append_c (out, (char) data[i]);
    }
}

static gboolean
one_of (const char         *value,
        const char * const *values)
{
  return value != NULL && g_strv_contains (values, value);
}

static void
check_control (const Endpoint *endpoint,
               const char     *data,
               gsize           size)
{
  static const char *statuses[] = {
    "authorization_revoked", "user_removed", "version_removed", "moderator_removed", NULL,
  };
  LurkSimControlRequest request;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = _lurk_sim_control_parse_request (endpoint->method, endpoint->path + strlen ("/sim"),
                                        data, size, &request, &error);
  g_assert (ok == (error == NULL));
  if (!ok)
    {
      guint status = _lurk_sim_control_error_status (error);

      g_assert (status == 400 || status == 404 || status == 405);
      g_assert (error->message != NULL);
      return;
    }

  g_assert (request.body != NULL);
  switch (request.action)
    {
    case LURK_SIM_CTL_TRIGGER:
      g_assert (request.type != NULL);
      g_assert_cmpint (request.count, >=, 1);
      g_assert_cmpint (request.count, <=, 100000);
      /* Becomes microseconds before now in the handler: must not overflow. */
      g_assert (!request.has_age || ABS (request.age_seconds) <= G_MAXINT64 / G_USEC_PER_SEC / 2);
      break;
    case LURK_SIM_CTL_CLOSE:
      g_assert (request.code == 1000 || (request.code >= 3000 && request.code <= 4999));
      break;
    case LURK_SIM_CTL_DUPLICATE:
      g_assert_cmpint (request.count, >=, 1);
      break;
    case LURK_SIM_CTL_REVOKE:
      g_assert (one_of (request.status, statuses));
      g_assert (request.subscription_id != NULL || request.type != NULL);
      break;
    default:
      break;
    }
  _lurk_sim_control_request_clear (&request);
  g_assert (request.body == NULL);
}

static void
check_helix (const Endpoint *endpoint,
             const char     *query)
{
  g_auto(LurkSimHelixRequest) request = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = _lurk_sim_helix_parse_request (endpoint->method, endpoint->path + strlen ("/helix"),
                                      query, &request, &error);
  g_assert (ok == (error == NULL));
  if (!ok)
    {
      g_assert (error->domain == G_IO_ERROR);
      return;
    }

  switch (request.action)
    {
    case LURK_SIM_HELIX_USERS:
    case LURK_SIM_HELIX_STREAMS:
      g_assert_cmpuint ((request.ids ? request.ids->len : 0) +
                        (request.logins ? request.logins->len : 0), <=, 100);
      break;
    case LURK_SIM_HELIX_CHANNELS:
      g_assert (request.ids != NULL && request.ids->len <= 100);
      break;
    case LURK_SIM_HELIX_SUBSCRIPTIONS_LIST:
    case LURK_SIM_HELIX_SUBSCRIPTIONS_DELETE:
      {
        /* What lurk-sim-subscriptions.c reads with _lurk_sim_parse_query_multi(). */
        g_autoptr(GHashTable) table = _lurk_sim_parse_query_string (query);
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, table);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_assert (key != NULL && ((GPtrArray *) value)->len > 0);
      }
      break;
    case LURK_SIM_HELIX_SUBSCRIPTIONS_CREATE:
    default:
      g_assert_not_reached ();
    }
}

static void
check_scopes (GHashTable *params,
              const char *key)
{
  g_autofree char *bad = NULL;
  g_auto(GStrv) scopes = _lurk_sim_oauth_parse_scopes (g_hash_table_lookup (params, key), &bad);

  g_assert ((scopes == NULL) == (bad != NULL));
  for (guint i = 0; scopes && scopes[i]; i++)
    g_assert (scopes[i][0] != '\0' && strchr (scopes[i], ' ') == NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const Endpoint *endpoint;
  const char *text;

  fuzz_setup ();

  if (size < 1)
    return 0;
  endpoint = &endpoints[data[0] % G_N_ELEMENTS (endpoints)];
  text = (const char *) data + 1;
  size--;

  if (g_str_has_prefix (endpoint->path, "/sim/"))
    {
      check_control (endpoint, text, size);
    }
  else if (endpoint->kind == BODY_JSON)
    {
      /* POST /helix/eventsub/subscriptions: lurk-sim-subscriptions.c's _lurk_sim_parse_body(). */
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) body = _lurk_sim_parse_json_object (text, size, &error);

      g_assert ((body == NULL) != (error == NULL));
    }
  else if (endpoint->kind == BODY_FORM)
    {
      g_autoptr(GHashTable) params =
        _lurk_sim_oauth_parse_params (NULL, "POST", "application/x-www-form-urlencoded",
                                      text, size);

      check_scopes (params, "scope");
      check_scopes (params, "scopes");
    }
  else if (endpoint->kind == OAUTH_HEADER)
    {
      g_autoptr(GString) header = g_string_new ("OAuth ");
      const char *token;

      append_escaped (header, (const guint8 *) text, size);
      token = _lurk_sim_oauth_parse_authorization (header->str);
      g_assert (token == header->str + strlen ("OAuth "));
    }
  else
    {
      /* A query reaches the handlers %-escaped, as in a request line. */
      g_autoptr(GString) query = g_string_new (NULL);

      append_escaped (query, (const guint8 *) text, size);
      if (g_str_has_prefix (endpoint->path, "/helix/"))
        {
          check_helix (endpoint, query->str);
        }
      else
        {
          g_autoptr(GHashTable) params =
            _lurk_sim_oauth_parse_params (query->str, endpoint->method, NULL, NULL, 0);

          check_scopes (params, "scope");
        }
    }

  return 0;
}
