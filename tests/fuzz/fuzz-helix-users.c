/* fuzz-helix-users.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `GET /users` answers through lurk_helix_parse_users(): users or a LURK_ERROR, never both,
 * and every user has the fields Twitch always sends, as valid UTF-8. */

#include "lurk-error.h"
#include "lurk-helix.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_setup ();

  users = lurk_helix_parse_users ((const char *) data, size, &error);
  g_assert ((users == NULL) != (error == NULL));

  if (users == NULL)
    {
      g_assert (error->domain == LURK_ERROR);
      return 0;
    }

  for (guint i = 0; i < users->len; i++)
    {
      LurkHelixUser *user = g_ptr_array_index (users, i);

      g_assert (user->id != NULL && g_utf8_validate (user->id, -1, NULL));
      g_assert (user->login != NULL && g_utf8_validate (user->login, -1, NULL));
      g_assert (user->display_name == NULL || g_utf8_validate (user->display_name, -1, NULL));
      g_assert (user->description == NULL || g_utf8_validate (user->description, -1, NULL));
    }

  return 0;
}
