/* fuzz-oauth-redirect.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The implicit grant's redirect (lurk_oauth_parse_redirect_params()): whatever any local web
 * page sends to the loopback redirect URI. A token may come back only when the state matched
 * exactly; never a token and an error at once. */

#include <string.h>

#include "lurk-error.h"
#include "lurk-oauth.h"
#include "fuzz-common.h"

#define EXPECTED_STATE "qhdW0xHkzIA9vXcPnpQ1tBm3YUsJaGfL7R2e8oZy6Vw"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LurkOAuthToken) token = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *params = NULL;

  fuzz_setup ();

  /* The HTTP layer hands over a nul-terminated string; an embedded nul ends it there. */
  params = g_strndup ((const char *) data, size);

  token = lurk_oauth_parse_redirect_params (params, EXPECTED_STATE, &error);
  g_assert ((token == NULL) != (error == NULL));

  if (token != NULL)
    {
      g_assert (token->access_token != NULL && token->access_token[0] != '\0');
      /* Only a redirect that carried the exact state can give a token. */
      g_assert (strstr (params, EXPECTED_STATE) != NULL ||
                strchr (params, '%') != NULL);
      {
        g_autoptr(LurkOAuthToken) copy = lurk_oauth_token_copy (token);

        g_assert_cmpstr (copy->access_token, ==, token->access_token);
      }
    }
  else
    {
      g_assert (error->domain == LURK_ERROR);
    }

  lurk_oauth_state_equal (EXPECTED_STATE, params);
  lurk_oauth_state_equal (params, params);

  return 0;
}
