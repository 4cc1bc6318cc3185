/* lurk-test-fixtures.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-test-fixtures.h"

char *
lurk_test_fixture_path (const char *folder,
                        const char *file)
{
  const char *srcdir = g_getenv ("LURK_SOURCE_DIR");

  g_assert_nonnull (srcdir);
  return g_build_filename (srcdir, "tests", "fixtures", folder, file, NULL);
}

char *
lurk_test_eventsub_fixture_load (const char *name,
                                 gsize      *length)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = lurk_test_fixture_path ("eventsub", file);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);

  return contents;
}
