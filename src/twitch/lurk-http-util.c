/* lurk-http-util.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-http"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lurk-error.h"
#include "lurk-http-util.h"

/**
 * _lurk_http_send_and_read_finish:
 *
 * soup_session_send_and_read_finish() for the Twitch clients: a request that got no answer
 * (DNS, refused, TLS, lost connection) fails with %LURK_ERROR_NETWORK; a cancelled one keeps
 * its %G_IO_ERROR_CANCELLED so that callers can stay silent.
 *
 * Returns: (transfer full): the body, or %NULL with @error
 */
GBytes *
_lurk_http_send_and_read_finish (SoupSession   *session,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  GBytes *body;

  body = soup_session_send_and_read_finish (session, result, &local_error);
  if (body != NULL)
    return body;

  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, LURK_ERROR, LURK_ERROR_NETWORK,
                 /* Translators: %s says what went wrong */
                 _("Could not reach Twitch: %s"), local_error->message);

  return NULL;
}
