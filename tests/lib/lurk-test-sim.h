/* lurk-test-sim.h: a lurk-sim for a test
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-sim.h"

G_BEGIN_DECLS

/* A started lurk-sim on a random loopback port, with no scenario of its own (the test
 * triggers every event). It serves from this thread's main context, or, _in_thread, from a
 * thread of its own (then a blocking request to it is fine). */
LurkSim  *lurk_test_sim_start            (void);
LurkSim  *lurk_test_sim_start_in_thread  (void);

/* @method {sim}@path on @session, with @json as body unless NULL, to a sim started
 * _in_thread (the request blocks this thread); the answer's JSON, failing the test unless
 * the status is 2xx. _post drops the answer. */
JsonNode *lurk_test_sim_call             (LurkSim     *sim,
                                          SoupSession *session,
                                          const char  *method,
                                          const char  *path,
                                          const char  *json);
void      lurk_test_sim_post             (LurkSim     *sim,
                                          SoupSession *session,
                                          const char  *path,
                                          const char  *json);

G_END_DECLS
