/* lurk-test-http.h: HTTP for tests — requests to a server (lurk-sim's control API, a
 * redirect server) and a scripted server of the test's own on loopback
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @method @url on @session, with @json as an application/json body unless NULL. Blocks this
 * thread until the answer is in: for a server in another thread or process. Returns the HTTP
 * status, 0 when there was no answer (refused, reset); the body in @body unless NULL. */
guint       lurk_test_http                (SoupSession  *session,
                                           const char   *method,
                                           const char   *url,
                                           const char   *json,
                                           GBytes      **body);
/* The same, running the default main context meanwhile: for a server in this thread. */
guint       lurk_test_http_iterate        (SoupSession  *session,
                                           const char   *method,
                                           const char   *url,
                                           const char   *json,
                                           GBytes      **body);

/* lurk_test_http() and lurk_test_http_iterate(), failing the test unless the status is 2xx;
 * the answer's JSON (an empty answer reads as {}). */
JsonNode   *lurk_test_http_json           (SoupSession  *session,
                                           const char   *method,
                                           const char   *url,
                                           const char   *json);
JsonNode   *lurk_test_http_json_iterate   (SoupSession  *session,
                                           const char   *method,
                                           const char   *url,
                                           const char   *json);

/* A server on 127.0.0.1, on a port the system picked, which it puts in @port. Its handlers
 * run in the default main context of this thread. */
SoupServer *lurk_test_server_new          (guint        *port);

/* A loopback TCP port that was free a moment ago, for code that binds its own. */
guint       lurk_test_free_port           (void);

G_END_DECLS
