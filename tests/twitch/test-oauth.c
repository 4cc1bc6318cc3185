/* test-oauth.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lurk-device-flow.h"
#include "lurk-error.h"
#include "lurk-oauth.h"

#define STATE "kq3vZ9aB-_0123456789abcdefghijklmnopqrstu"

static GHashTable *
query_of (const char *uri_string)
{
  g_autoptr(GUri) uri = g_uri_parse (uri_string, G_URI_FLAGS_ENCODED, NULL);

  g_assert_nonnull (uri);
  return g_uri_parse_params (g_uri_get_query (uri), -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
}

static void
test_authorize_uri (void)
{
  g_auto(GStrv) scopes = lurk_oauth_build_scopes (FALSE);
  g_autofree char *redirect = lurk_oauth_build_redirect_uri (17563);
  g_autofree char *uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (redirect, ==, "http://localhost:17563/auth");

  uri = lurk_oauth_build_authorize_uri ("https://id.twitch.tv", "abc123", redirect,
                                        (const char * const *) scopes, STATE, &error);
  g_assert_no_error (error);

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  g_assert_cmpstr (g_uri_get_scheme (parsed), ==, "https");
  g_assert_cmpstr (g_uri_get_host (parsed), ==, "id.twitch.tv");
  g_assert_cmpstr (g_uri_get_path (parsed), ==, "/oauth2/authorize");

  query = query_of (uri);
  g_assert_cmpuint (g_hash_table_size (query), ==, 6);
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, "abc123");
  g_assert_cmpstr (g_hash_table_lookup (query, "redirect_uri"), ==,
                   "http://localhost:17563/auth");
  g_assert_cmpstr (g_hash_table_lookup (query, "response_type"), ==, "token");
  g_assert_cmpstr (g_hash_table_lookup (query, "scope"), ==, "user:read:chat");
  g_assert_cmpstr (g_hash_table_lookup (query, "state"), ==, STATE);
  g_assert_cmpstr (g_hash_table_lookup (query, "force_verify"), ==, "true");
  /* The redirect URI is encoded, not spliced in. */
  g_assert_null (strstr (uri, "redirect_uri=http://"));
}

static void
test_authorize_uri_broadcaster (void)
{
  g_auto(GStrv) scopes = lurk_oauth_build_scopes (TRUE);
  g_autofree char *uri = NULL;
  g_autoptr(GHashTable) query = NULL;
  g_auto(GStrv) asked = NULL;

  g_assert_true (g_strv_contains ((const char * const *) scopes, "user:read:chat"));
  g_assert_true (g_strv_contains ((const char * const *) scopes, "channel:read:subscriptions"));
  g_assert_true (g_strv_contains ((const char * const *) scopes, "bits:read"));
  /* channel.ban/unban, channel.moderator.add/remove, channel.vip.add/remove */
  g_assert_true (g_strv_contains ((const char * const *) scopes, "channel:moderate"));
  g_assert_true (g_strv_contains ((const char * const *) scopes, "moderation:read"));
  g_assert_true (g_strv_contains ((const char * const *) scopes, "channel:read:vips"));

  /* A sim base URL with a path and a trailing slash. */
  uri = lurk_oauth_build_authorize_uri ("http://127.0.0.1:4242/id/", "c&d=e",
                                        "http://localhost:1/auth",
                                        (const char * const *) scopes, STATE, NULL);
  g_assert_true (g_str_has_prefix (uri, "http://127.0.0.1:4242/id/oauth2/authorize?"));

  query = query_of (uri);
  g_assert_cmpstr (g_hash_table_lookup (query, "client_id"), ==, "c&d=e");
  g_assert_null (g_hash_table_lookup (query, "d"));
  asked = g_strsplit (g_hash_table_lookup (query, "scope"), " ", -1);
  g_assert_cmpuint (g_strv_length (asked), ==, g_strv_length (scopes));
}

static void
test_authorize_uri_errors (void)
{
  g_autoptr(GError) error = NULL;
  const char *scopes[] = { "user:read:chat", NULL };
  char *uri;

  uri = lurk_oauth_build_authorize_uri ("https://id.twitch.tv", "", "http://localhost:1/auth",
                                        scopes, STATE, &error);
  g_assert_null (uri);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_NO_CLIENT_ID);
  g_clear_error (&error);

  uri = lurk_oauth_build_authorize_uri ("javascript:alert(1)", "abc", "http://localhost:1/auth",
                                        scopes, STATE, &error);
  g_assert_null (uri);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_FAILED);
  g_clear_error (&error);

  uri = lurk_oauth_build_authorize_uri ("https://id.twitch.tv", "abc", "http://localhost:1/auth",
                                        scopes, "short", &error);
  g_assert_null (uri);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_FAILED);
}

static void
test_state (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      char *state = lurk_oauth_generate_state (&error);

      g_assert_no_error (error);
      /* 32 bytes → 43 base64url characters, safe in a URL without escaping. */
      g_assert_cmpuint (strlen (state), ==, 43);
      for (const char *p = state; *p; p++)
        g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
      g_assert_false (g_hash_table_contains (seen, state));
      g_hash_table_add (seen, state);
    }
}

static void
test_state_equal (void)
{
  g_assert_true (lurk_oauth_state_equal (STATE, STATE));
  g_assert_false (lurk_oauth_state_equal (STATE, NULL));
  g_assert_false (lurk_oauth_state_equal (NULL, STATE));
  g_assert_false (lurk_oauth_state_equal ("", ""));
  g_assert_false (lurk_oauth_state_equal (STATE, ""));
  g_assert_false (lurk_oauth_state_equal (STATE, STATE "x"));
  g_assert_false (lurk_oauth_state_equal (STATE "x", STATE));
  g_assert_false (lurk_oauth_state_equal ("abcd", "abce"));
  g_assert_false (lurk_oauth_state_equal ("abcd", "Abcd"));
  g_assert_false (lurk_oauth_state_equal ("abcd", "abc"));
}

typedef struct
{
  const char *params;
  int         code;          /* -1: success */
  const char *access_token;
  const char *scope0;
} RedirectCase;

static void
test_redirect_params (void)
{
  static const RedirectCase cases[] = {
    /* Twitch's answer */
    { "access_token=0123456789abcdefghijklmnopqrst&scope=user%3Aread%3Achat+bits%3Aread&state="
      STATE "&token_type=bearer", -1, "0123456789abcdefghijklmnopqrst", "user:read:chat" },
    /* order does not matter, unknown parameters are ignored, token_type is optional */
    { "state=" STATE "&foo=bar&access_token=s3cr3t", -1, "s3cr3t", NULL },
    { "access_token=s3cr3t&state=" STATE "&token_type=Bearer", -1, "s3cr3t", NULL },
    /* missing */
    { "", LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t", LURK_ERROR_STATE_MISMATCH },
    { "access_token=s3cr3t&state=", LURK_ERROR_STATE_MISMATCH },
    { "state=" STATE, LURK_ERROR_MALFORMED },
    { "state=" STATE "&access_token=", LURK_ERROR_MALFORMED },
    /* mismatched */
    { "access_token=s3cr3t&state=" STATE "x", LURK_ERROR_STATE_MISMATCH },
    { "access_token=s3cr3t&state=kq3vZ9aB", LURK_ERROR_STATE_MISMATCH },
    { "access_token=s3cr3t&State=" STATE, LURK_ERROR_STATE_MISMATCH },
    /* repeated */
    { "access_token=s3cr3t&state=" STATE "&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=evil&access_token=s3cr3t&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t&state=" STATE "&state=other", LURK_ERROR_MALFORMED },
    /* injected: encoded separators, control characters, NUL, spaces, a second fragment */
    { "access_token=s3cr3t%26state%3Devil&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t%0D%0AX-Evil%3A1&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t%00evil&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t+evil&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t&state=" STATE "%00", LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t#access_token=evil&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=%ZZ&state=" STATE, LURK_ERROR_MALFORMED },
    { "access_token=s3cr3t&state=" STATE "&token_type=mac", LURK_ERROR_MALFORMED },
    { "access_token=%C3%28&state=" STATE, LURK_ERROR_MALFORMED },
    /* errors: only believed with the right state */
    { "error=access_denied&error_description=The+user+denied+you+access&state=" STATE,
      LURK_ERROR_ACCESS_DENIED },
    { "error=access_denied&state=wrong", LURK_ERROR_STATE_MISMATCH },
    { "error=access_denied", LURK_ERROR_STATE_MISMATCH },
    { "error=redirect_mismatch&error_description=Parameter+redirect_uri+does+not+match&state="
      STATE, LURK_ERROR_FAILED },
    { "error=server_error&state=" STATE "&access_token=s3cr3t", LURK_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkOAuthToken) token = NULL;

      g_test_message ("case %u: %s", i, cases[i].params);
      token = lurk_oauth_parse_redirect_params (cases[i].params, STATE, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (token);
          g_assert_cmpstr (token->access_token, ==, cases[i].access_token);
          g_assert_cmpstr (token->token_type, ==, "bearer");
          g_assert_null (token->refresh_token);
          g_assert_nonnull (token->scopes);
          g_assert_cmpstr (token->scopes[0], ==, cases[i].scope0);
        }
      else
        {
          g_assert_null (token);
          g_assert_error (error, LURK_ERROR, cases[i].code);
          /* The message never echoes a token back. */
          g_assert_null (strstr (error->message, "s3cr3t"));
          g_assert_null (strstr (error->message, "evil"));
        }
    }
}

static void
test_redirect_cancelled_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) other = NULL;

  g_assert_null (lurk_oauth_parse_redirect_params ("error=access_denied&state=" STATE, STATE,
                                                   &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED);
  g_assert_cmpstr (error->message, ==, "Sign-in cancelled");

  /* A description with control characters is shown sanitized, as plain text. */
  g_assert_null (lurk_oauth_parse_redirect_params ("error=invalid_scope&error_description=bad%0A"
                                                   "scope&state=" STATE, STATE, &other));
  g_assert_error (other, LURK_ERROR, LURK_ERROR_FAILED);
  g_assert_null (strchr (other->message, '\n'));
  g_assert_nonnull (strstr (other->message, "bad scope"));
}

static GBytes *
bytes (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static void
test_device_code (void)
{
  g_autoptr(GBytes) ok = bytes ("{\"device_code\":\"dEvIcE123\",\"expires_in\":1800,"
                                "\"interval\":5,\"user_code\":\"ABCDEFGH\","
                                "\"verification_uri\":\"https://www.twitch.tv/activate?"
                                "public=true&device-code=ABCDEFGH\"}");
  g_autoptr(GBytes) no_interval = bytes ("{\"device_code\":\"d\",\"expires_in\":10,"
                                         "\"user_code\":\"U\",\"verification_uri\":"
                                         "\"http://127.0.0.1:1/activate\"}");
  g_autoptr(GBytes) zero_interval = bytes ("{\"device_code\":\"d\",\"expires_in\":10,"
                                           "\"interval\":0,\"user_code\":\"U\","
                                           "\"verification_uri\":\"http://x/activate\"}");
  g_autoptr(GBytes) bad_uri = bytes ("{\"device_code\":\"d\",\"expires_in\":10,\"interval\":1,"
                                     "\"user_code\":\"U\",\"verification_uri\":\"file:///etc\"}");
  g_autoptr(GBytes) missing = bytes ("{\"device_code\":\"d\",\"interval\":1,\"user_code\":\"U\","
                                     "\"verification_uri\":\"https://x/\"}");
  g_autoptr(GBytes) error_body = bytes ("{\"status\":400,\"message\":\"invalid client\"}");
  g_autoptr(GBytes) huge_lifetime = bytes ("{\"device_code\":\"d\",\"expires_in\":"
                                           "9223372036854775807,\"interval\":5,"
                                           "\"user_code\":\"U\",\"verification_uri\":"
                                           "\"https://x/\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkDeviceCode) code = NULL;
  g_autofree char *form = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *scopes[] = { "user:read:chat", "bits:read", NULL };

  form = lurk_oauth_build_device_code_form ("cid", scopes);
  params = g_uri_parse_params (form, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "cid");
  g_assert_cmpstr (g_hash_table_lookup (params, "scopes"), ==, "user:read:chat bits:read");

  code = lurk_oauth_parse_device_code (200, ok, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code->device_code, ==, "dEvIcE123");
  g_assert_cmpstr (code->user_code, ==, "ABCDEFGH");
  g_assert_cmpint (code->expires_in, ==, 1800);
  g_assert_cmpuint (code->interval, ==, 5);
  g_clear_pointer (&code, lurk_device_code_free);

  code = lurk_oauth_parse_device_code (200, no_interval, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (code->interval, ==, 5);
  g_clear_pointer (&code, lurk_device_code_free);

  code = lurk_oauth_parse_device_code (200, zero_interval, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (code->interval, ==, 1);
  g_clear_pointer (&code, lurk_device_code_free);

  /* A lifetime that would overflow the deadline (now + expires_in · 10⁶ µs) is cut */
  code = lurk_oauth_parse_device_code (200, huge_lifetime, &error);
  g_assert_no_error (error);
  g_assert_cmpint (code->expires_in, ==, LURK_OAUTH_DEVICE_CODE_MAX_LIFETIME);
  g_clear_pointer (&code, lurk_device_code_free);

  g_assert_null (lurk_oauth_parse_device_code (200, bad_uri, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (lurk_oauth_parse_device_code (200, missing, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (lurk_oauth_parse_device_code (400, error_body, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_BAD_REQUEST);
  g_assert_nonnull (strstr (error->message, "invalid client"));
}

static LurkDeviceFlow *
new_waiting_flow (guint   interval,
                  gint64  expires_in,
                  gint64  now)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  LurkDeviceFlow *flow = lurk_device_flow_new (session, "http://127.0.0.1:9", "cid", NULL);
  LurkDeviceCode code = { (char *) "dev", (char *) "USERCODE", (char *) "https://x/activate",
                          expires_in, interval };

  g_assert_cmpint (lurk_device_flow_get_state (flow), ==, LURK_DEVICE_FLOW_IDLE);
  lurk_device_flow_start_with_code (flow, &code, now);
  g_assert_cmpint (lurk_device_flow_get_state (flow), ==, LURK_DEVICE_FLOW_WAITING);
  g_assert_cmpstr (lurk_device_flow_get_user_code (flow), ==, "USERCODE");

  return flow;
}

static void
test_device_flow_machine (void)
{
  g_autoptr(GBytes) pending = bytes ("{\"status\":400,\"message\":\"authorization_pending\"}");
  g_autoptr(GBytes) slow = bytes ("{\"status\":400,\"message\":\"slow_down\"}");
  g_autoptr(GBytes) expired = bytes ("{\"status\":400,\"message\":\"invalid device code\"}");
  g_autoptr(GBytes) expired_rfc = bytes ("{\"error\":\"expired_token\",\"status\":400}");
  g_autoptr(GBytes) denied = bytes ("{\"status\":400,\"message\":\"access_denied\"}");
  g_autoptr(GBytes) other = bytes ("{\"status\":400,\"message\":\"invalid client\"}");
  g_autoptr(GBytes) success = bytes ("{\"access_token\":\"acc\",\"expires_in\":14124,"
                                     "\"refresh_token\":\"ref\",\"scope\":[\"user:read:chat\"],"
                                     "\"token_type\":\"bearer\"}");
  g_autoptr(GBytes) garbage = bytes ("{\"access_token\":");
  const gint64 s = G_USEC_PER_SEC;
  gint64 now = 1000 * s;
  LurkDeviceFlow *flow;

  /* pending → pending → slow_down (interval +5) → success */
  {
    g_autoptr(LurkOAuthToken) token = NULL;
    g_autoptr(GError) error = NULL;

    flow = new_waiting_flow (5, 1800, now);
    g_assert_cmpint (lurk_device_flow_get_next_poll_time (flow), ==, now + 5 * s);
    g_assert_cmpint (lurk_device_flow_get_seconds_left (flow, now), ==, 1800);

    now += 5 * s;
    g_assert_cmpint (lurk_device_flow_handle_answer (flow, 400, pending, now, NULL, &error), ==,
                     LURK_DEVICE_FLOW_WAITING);
    g_assert_no_error (error);
    g_assert_cmpint (lurk_device_flow_get_next_poll_time (flow), ==, now + 5 * s);

    now += 5 * s;
    g_assert_cmpint (lurk_device_flow_handle_answer (flow, 400, slow, now, NULL, &error), ==,
                     LURK_DEVICE_FLOW_WAITING);
    g_assert_cmpuint (lurk_device_flow_get_interval (flow), ==, 10);
    g_assert_cmpint (lurk_device_flow_get_next_poll_time (flow), ==, now + 10 * s);

    /* 429 also slows down. */
    now += 10 * s;
    g_assert_cmpint (lurk_device_flow_handle_answer (flow, 429, NULL, now, NULL, &error), ==,
                     LURK_DEVICE_FLOW_WAITING);
    g_assert_cmpuint (lurk_device_flow_get_interval (flow), ==, 15);

    now += 15 * s;
    g_assert_cmpint (lurk_device_flow_handle_answer (flow, 200, success, now, &token, &error),
                     ==, LURK_DEVICE_FLOW_SUCCEEDED);
    g_assert_no_error (error);
    g_assert_cmpstr (token->access_token, ==, "acc");
    g_assert_cmpstr (token->refresh_token, ==, "ref");
    g_assert_cmpint (token->expires_in, ==, 14124);
    g_assert_cmpstr (token->scopes[0], ==, "user:read:chat");
    g_assert_finalize_object (flow);
  }

  /* The server's expiry answers, in Twitch's and RFC 8628's words */
  {
    GBytes *answers[] = { expired, expired_rfc };

    for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
      {
        g_autoptr(GError) error = NULL;

        flow = new_waiting_flow (5, 1800, now);
        g_assert_cmpint (lurk_device_flow_handle_answer (flow, 400, answers[i], now + 5 * s,
                                                         NULL, &error), ==,
                         LURK_DEVICE_FLOW_EXPIRED);
        g_assert_error (error, LURK_ERROR, LURK_ERROR_EXPIRED);
        g_assert_finalize_object (flow);
      }
  }

  /* A pending answer after the code's lifetime is expiry too. */
  {
    g_autoptr(GError) error = NULL;

    flow = new_waiting_flow (5, 10, now);
    g_assert_cmpint (lurk_device_flow_get_seconds_left (flow, now + 9 * s + 1), ==, 1);
    g_assert_cmpint (lurk_device_flow_get_seconds_left (flow, now + 10 * s), ==, 0);
    g_assert_cmpint (lurk_device_flow_handle_answer (flow, 400, pending, now + 10 * s, NULL,
                                                     &error), ==, LURK_DEVICE_FLOW_EXPIRED);
    g_assert_error (error, LURK_ERROR, LURK_ERROR_EXPIRED);
    g_assert_finalize_object (flow);
  }

  /* A lifetime so long that the deadline would overflow: cut, still waiting */
  {
    g_autoptr(GError) error = NULL;

    flow = new_waiting_flow (5, G_MAXINT64 / 2, now);
    g_assert_cmpint (lurk_device_flow_get_seconds_left (flow, now), ==,
                     LURK_OAUTH_DEVICE_CODE_MAX_LIFETIME);
    g_assert_cmpint (lurk_device_flow_handle_answer (flow, 400, pending, now + 5 * s, NULL,
                                                     &error), ==, LURK_DEVICE_FLOW_WAITING);
    g_assert_no_error (error);
    g_assert_finalize_object (flow);
  }

  /* Denied */
  {
    g_autoptr(GError) error = NULL;

    flow = new_waiting_flow (5, 1800, now);
    g_assert_cmpint (lurk_device_flow_handle_answer (flow, 400, denied, now, NULL, &error), ==,
                     LURK_DEVICE_FLOW_DENIED);
    g_assert_error (error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED);
    g_assert_finalize_object (flow);
  }

  /* Other 400s, server errors and a broken success are final failures. */
  {
    struct { guint status; GBytes *body; int code; } finals[] = {
      { 400, other, LURK_ERROR_BAD_REQUEST },
      { 500, NULL, LURK_ERROR_SERVER },
      { 200, garbage, LURK_ERROR_MALFORMED },
      { 403, other, LURK_ERROR_FORBIDDEN },
    };

    for (guint i = 0; i < G_N_ELEMENTS (finals); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(LurkOAuthToken) token = NULL;

        flow = new_waiting_flow (5, 1800, now);
        g_assert_cmpint (lurk_device_flow_handle_answer (flow, finals[i].status, finals[i].body,
                                                         now, &token, &error), ==,
                         LURK_DEVICE_FLOW_FAILED);
        g_assert_null (token);
        g_assert_error (error, LURK_ERROR, finals[i].code);
        g_assert_finalize_object (flow);
      }
  }
}

/* json-glib recurses once per level and runs out of stack long before 100000: the strict
 * scanner must refuse such an answer before json-glib sees it. */
static void
test_token_deep_nesting (void)
{
  gsize n = 100000;
  g_autoptr(GString) json = g_string_sized_new (6 * n + 2);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < n; i++)
    g_string_append (json, "{\"a\":");
  g_string_append_c (json, '1');
  for (gsize i = 0; i < n; i++)
    g_string_append_c (json, '}');
  body = g_bytes_new (json->str, json->len);

  g_assert_null (lurk_oauth_parse_token (200, body, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
}

static void
test_token_parsing (void)
{
  g_autoptr(GBytes) refreshed = bytes ("{\"access_token\":\"new-acc\",\"refresh_token\":"
                                       "\"new-ref\",\"scope\":[\"user:read:chat\"],"
                                       "\"token_type\":\"bearer\",\"expires_in\":100}");
  g_autoptr(GBytes) invalid = bytes ("{\"error\":\"Bad Request\",\"status\":400,"
                                     "\"message\":\"Invalid refresh token\"}");
  g_autoptr(GBytes) injected = bytes ("{\"access_token\":\"a\\r\\nb\",\"token_type\":\"bearer\"}");
  g_autoptr(GBytes) typed = bytes ("{\"access_token\":42}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkOAuthToken) token = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *form = lurk_oauth_build_refresh_form ("cid", "r+/=&x");

  params = g_uri_parse_params (form, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "grant_type"), ==, "refresh_token");
  g_assert_cmpstr (g_hash_table_lookup (params, "refresh_token"), ==, "r+/=&x");
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "cid");
  g_assert_null (g_hash_table_lookup (params, "client_secret"));

  token = lurk_oauth_parse_token (200, refreshed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token->access_token, ==, "new-acc");
  g_assert_cmpstr (token->refresh_token, ==, "new-ref");

  g_assert_null (lurk_oauth_parse_token (400, invalid, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  g_assert_null (lurk_oauth_parse_token (200, injected, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (lurk_oauth_parse_token (200, typed, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
}

static void
test_validation_parsing (void)
{
  g_autoptr(GBytes) ok = bytes ("{\"client_id\":\"wbmytr93xzw8zbg0p1izqyzzc5mbiz\",\"login\":"
                                "\"TwitchDev\",\"scopes\":[\"user:read:chat\"],\"user_id\":"
                                "\"141981764\",\"expires_in\":5520838}");
  g_autoptr(GBytes) app_token = bytes ("{\"client_id\":\"x\",\"scopes\":null,\"expires_in\":1}");
  g_autoptr(GBytes) unauthorized = bytes ("{\"status\":401,\"message\":\"invalid access token\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkOAuthValidation) validation = NULL;

  validation = lurk_oauth_parse_validation (200, ok, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (validation->login, ==, "twitchdev");
  g_assert_cmpstr (validation->user_id, ==, "141981764");
  g_assert_cmpstr (validation->client_id, ==, "wbmytr93xzw8zbg0p1izqyzzc5mbiz");
  g_assert_cmpint (validation->expires_in, ==, 5520838);
  g_assert_cmpstr (validation->scopes[0], ==, "user:read:chat");

  g_assert_null (lurk_oauth_parse_validation (200, app_token, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  g_clear_error (&error);

  g_assert_null (lurk_oauth_parse_validation (401, unauthorized, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_assert_null (lurk_oauth_parse_validation (200, NULL, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
}

static void
test_revoke_parsing (void)
{
  g_autoptr(GBytes) invalid = bytes ("{\"status\":400,\"message\":\"Invalid token\"}");
  g_autoptr(GBytes) missing = bytes ("{\"status\":400,\"message\":\"missing client id\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *form = lurk_oauth_build_revoke_form ("cid", "s3cr3t");

  params = g_uri_parse_params (form, -1, "&", G_URI_PARAMS_WWW_FORM, NULL);
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, "cid");
  g_assert_cmpstr (g_hash_table_lookup (params, "token"), ==, "s3cr3t");

  g_assert_true (lurk_oauth_parse_revoke (200, NULL, &error));
  g_assert_no_error (error);
  /* Already unknown to Twitch: as good as revoked. */
  g_assert_true (lurk_oauth_parse_revoke (400, invalid, &error));
  g_assert_no_error (error);
  g_assert_false (lurk_oauth_parse_revoke (400, missing, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_false (lurk_oauth_parse_revoke (503, NULL, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_SERVER);
}

static void
test_device_flow_new_destroy (void)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  LurkDeviceFlow *flow = lurk_device_flow_new (session, "http://127.0.0.1:9", "cid", NULL);

  g_assert_cmpint (lurk_device_flow_get_seconds_left (flow, g_get_monotonic_time ()), ==, 0);
  g_assert_null (lurk_device_flow_get_user_code (flow));
  g_assert_finalize_object (flow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/oauth/authorize-uri", test_authorize_uri);
  g_test_add_func ("/lurk/oauth/authorize-uri-broadcaster", test_authorize_uri_broadcaster);
  g_test_add_func ("/lurk/oauth/authorize-uri-errors", test_authorize_uri_errors);
  g_test_add_func ("/lurk/oauth/state", test_state);
  g_test_add_func ("/lurk/oauth/state-equal", test_state_equal);
  g_test_add_func ("/lurk/oauth/redirect-params", test_redirect_params);
  g_test_add_func ("/lurk/oauth/redirect-cancelled", test_redirect_cancelled_message);
  g_test_add_func ("/lurk/oauth/device-code", test_device_code);
  g_test_add_func ("/lurk/oauth/device-flow-machine", test_device_flow_machine);
  g_test_add_func ("/lurk/oauth/device-flow-new-destroy", test_device_flow_new_destroy);
  g_test_add_func ("/lurk/oauth/token", test_token_parsing);
  g_test_add_func ("/lurk/oauth/token-deep-nesting", test_token_deep_nesting);
  g_test_add_func ("/lurk/oauth/validation", test_validation_parsing);
  g_test_add_func ("/lurk/oauth/revoke", test_revoke_parsing);

  return g_test_run ();
}
