/* fuzz-helix-error.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Helix error answers through lurk_helix_error_from_response(): the first two bytes are the
 * HTTP status (big-endian), the rest the body. Always a LURK_ERROR whose message is valid
 * UTF-8 (the user reads it in a toast), whatever Twitch's `message` holds. */

#include "lurk-error.h"
#include "lurk-helix.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  guint status;

  fuzz_setup ();

  if (size < 2)
    return 0;
  status = ((guint) data[0] << 8) | data[1];

  error = lurk_helix_error_from_response (status, (const char *) data + 2, size - 2);
  g_assert (error != NULL);
  g_assert (error->domain == LURK_ERROR);
  g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));

  return 0;
}
