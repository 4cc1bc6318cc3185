/* fuzz-helix-streams.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `GET /streams` answers through lurk_helix_parse_streams(): streams or a LURK_ERROR, never
 * both; every stream has a user id and a tag list (possibly empty), text is valid UTF-8. */

#include "lurk-error.h"
#include "lurk-helix.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) streams = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_setup ();

  streams = lurk_helix_parse_streams ((const char *) data, size, &error);
  g_assert ((streams == NULL) != (error == NULL));

  if (streams == NULL)
    {
      g_assert (error->domain == LURK_ERROR);
      return 0;
    }

  for (guint i = 0; i < streams->len; i++)
    {
      LurkHelixStream *stream = g_ptr_array_index (streams, i);

      g_assert (stream->user_id != NULL);
      g_assert (stream->tags != NULL);
      for (guint t = 0; stream->tags[t] != NULL; t++)
        g_assert (g_utf8_validate (stream->tags[t], -1, NULL));
      g_assert (stream->title == NULL || g_utf8_validate (stream->title, -1, NULL));
      g_assert (stream->user_name == NULL || g_utf8_validate (stream->user_name, -1, NULL));
      g_assert (stream->game_name == NULL || g_utf8_validate (stream->game_name, -1, NULL));
    }

  return 0;
}
