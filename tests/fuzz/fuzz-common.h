/* fuzz-common.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* Every fuzz target is one LLVMFuzzerTestOneInput(). With -Dfuzzing=true libFuzzer drives it;
 * in every other build fuzz-replay.c runs it over the committed corpus and regressions, so
 * the gcc, sanitizer and valgrind test runs replay them too. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A critical (a failed g_return_if_fail(), a json-glib precondition) or an error on
 * untrusted input is a bug: abort so the fuzzer records the input. Anything milder is
 * dropped, so the fuzzer's own output stays readable. */
static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }

  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_setup (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}
