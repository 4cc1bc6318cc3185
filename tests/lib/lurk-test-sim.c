/* lurk-test-sim.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-test-http.h"
#include "lurk-test-sim.h"

static LurkSim *
start (gboolean in_thread)
{
  LurkSim *sim = lurk_sim_new ();
  g_autoptr(GError) error = NULL;
  gboolean started;

  lurk_sim_set_scenario (sim, "none");
  started = in_thread ? lurk_sim_start_in_thread (sim, "127.0.0.1", 0, &error)
                      : lurk_sim_start (sim, "127.0.0.1", 0, &error);
  g_assert_no_error (error);
  g_assert_true (started);

  return sim;
}

LurkSim *
lurk_test_sim_start (void)
{
  return start (FALSE);
}

LurkSim *
lurk_test_sim_start_in_thread (void)
{
  return start (TRUE);
}

JsonNode *
lurk_test_sim_call (LurkSim     *sim,
                    SoupSession *session,
                    const char  *method,
                    const char  *path,
                    const char  *json)
{
  g_autofree char *url = g_strconcat (lurk_sim_get_url (sim), path, NULL);

  return lurk_test_http_json (session, method, url, json);
}

void
lurk_test_sim_post (LurkSim     *sim,
                    SoupSession *session,
                    const char  *path,
                    const char  *json)
{
  g_autoptr(JsonNode) reply = lurk_test_sim_call (sim, session, "POST", path, json);
}
