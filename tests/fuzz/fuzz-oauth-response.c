/* fuzz-oauth-response.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every answer of Twitch's ID server that Lurk parses: `POST /oauth2/device`, the device
 * code poll and refresh on `POST /oauth2/token`, `GET /oauth2/validate` and
 * `POST /oauth2/revoke` (lurk_device_flow_handle_answer() is classify_device_poll() plus state;
 * it is left out because it needs a SoupSession, whose worker threads make leak checks flaky).
 * The first byte picks the HTTP status, the rest is the body. Each parser returns a result or
 * a LURK_ERROR, never both. */

#include "lurk-error.h"
#include "lurk-oauth.h"
#include "fuzz-common.h"

static const guint statuses[] = { 200, 400, 401, 403, 404, 429, 500, 503, 204, 302, 0, 999 };

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;
  guint status;

  fuzz_setup ();

  if (size < 1)
    return 0;
  status = statuses[data[0] % G_N_ELEMENTS (statuses)];
  body = g_bytes_new (data + 1, size - 1);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LurkDeviceCode) code = lurk_oauth_parse_device_code (status, body, &error);

    g_assert ((code == NULL) != (error == NULL));
    if (code != NULL)
      {
        g_autoptr(LurkDeviceCode) copy = lurk_device_code_copy (code);
        g_autoptr(GUri) uri = NULL;

        g_assert (code->device_code != NULL && code->user_code != NULL);
        g_assert_cmpstr (copy->user_code, ==, code->user_code);
        /* The app opens it in the browser: a web address with a host, nothing else. */
        g_assert (code->verification_uri != NULL);
        uri = g_uri_parse (code->verification_uri, G_URI_FLAGS_NONE, NULL);
        g_assert (uri != NULL);
        g_assert (g_str_equal (g_uri_get_scheme (uri), "https") ||
                  g_str_equal (g_uri_get_scheme (uri), "http"));
        g_assert (g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0');
        g_assert_cmpuint (code->interval, >=, 1);
      }
    else
      g_assert (error->domain == LURK_ERROR);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LurkOAuthToken) token = NULL;
    LurkDeviceAnswer answer = lurk_oauth_classify_device_poll (status, body, &token, &error);

    g_assert ((answer == LURK_DEVICE_ANSWER_SUCCESS) == (token != NULL));
    if (token != NULL)
      g_assert (token->access_token != NULL && token->access_token[0] != '\0');
    if (answer == LURK_DEVICE_ANSWER_SUCCESS || answer == LURK_DEVICE_ANSWER_PENDING ||
        answer == LURK_DEVICE_ANSWER_SLOW_DOWN)
      g_assert_no_error (error);
    else
      g_assert (error != NULL && error->domain == LURK_ERROR);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LurkOAuthToken) token = lurk_oauth_parse_token (status, body, &error);

    g_assert ((token == NULL) != (error == NULL));
    if (token != NULL)
      g_assert (token->access_token != NULL && token->access_token[0] != '\0');
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LurkOAuthValidation) validation =
      lurk_oauth_parse_validation (status, body, &error);

    g_assert ((validation == NULL) != (error == NULL));
    if (validation != NULL)
      {
        /* Shown in the account menu and kept in settings: valid UTF-8 or nothing. */
        g_assert (validation->login == NULL || g_utf8_validate (validation->login, -1, NULL));
        g_assert (validation->user_id == NULL ||
                  g_utf8_validate (validation->user_id, -1, NULL));
      }
  }

  {
    g_autoptr(GError) error = NULL;
    gboolean ok = lurk_oauth_parse_revoke (status, body, &error);

    g_assert (ok == (error == NULL));
  }

  return 0;
}
