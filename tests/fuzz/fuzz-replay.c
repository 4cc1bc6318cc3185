/* fuzz-replay.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A main() for a fuzz target outside libFuzzer: feeds every file named on the command line,
 * or found (sorted) in a directory named there, to LLVMFuzzerTestOneInput() once. A crash,
 * a sanitizer report or a critical fails the test; so does finding no input at all. */

#include <glib.h>

#include "fuzz-common.h"

static guint
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);

  /* On stdout, so a failing test's log names the input that failed. */
  g_print ("%s\n", path);

  /* A copy of exactly @length bytes, so ASan sees reads past the end. */
  {
    g_autofree guint8 *copy = g_memdup2 (contents, length);

    LLVMFuzzerTestOneInput (copy, length);
  }

  return 1;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static guint
replay_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;
  guint count = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return replay_file (path);

  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    g_error ("%s", error->message);

  names = g_ptr_array_new_with_free_func (g_free);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (name[0] != '.')
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
    }
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      const char *child = g_ptr_array_index (names, i);

      if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        count += replay_file (child);
    }

  return count;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *program = g_path_get_basename (argv[0]);
  guint count = 0;

  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        continue;  /* a target may have no regressions yet */
      count += replay_path (argv[i]);
    }

  if (count == 0)
    {
      g_printerr ("%s: no input found\n", program);
      return 1;
    }

  g_print ("%s: %u inputs replayed\n", program, count);
  return 0;
}
