/* lurk-test-slowdown.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* How much slower than normal the tests run: the valgrind and sanitize test setups set
 * LURK_TEST_SLOWDOWN (20 and 3). Only waits for something to happen are stretched by it;
 * a check that something does not happen too early keeps its time. */
static inline double
lurk_test_slowdown (void)
{
  const char *value = g_getenv ("LURK_TEST_SLOWDOWN");
  double factor = value != NULL ? g_ascii_strtod (value, NULL) : 1.0;

  return factor >= 1.0 ? factor : 1.0;
}
