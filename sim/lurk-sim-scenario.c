/* lurk-sim-scenario.c: the demo scenario, a channel at a human pace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include "lurk-sim-private.h"

/* TODO(issue 3): the demo scenario is being written. */

void
_lurk_sim_scenario_start (LurkSim *self)
{
}

void
_lurk_sim_scenario_stop (LurkSim *self)
{
}
