/* lurk-profile.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "lurk-profile.h"

static LurkProfile current_profile = LURK_PROFILE_DEFAULT;
static char *data_dir;

/**
 * lurk_profile_set:
 * @profile: the profile of this process
 *
 * Chooses the profile. Call it once, early, before any settings or store are opened.
 */
void
lurk_profile_set (LurkProfile profile)
{
  g_return_if_fail (profile == LURK_PROFILE_DEFAULT || profile == LURK_PROFILE_DEMO);

  current_profile = profile;
  g_clear_pointer (&data_dir, g_free);
}

LurkProfile
lurk_profile_get (void)
{
  return current_profile;
}

gboolean
lurk_profile_is_demo (void)
{
  return current_profile == LURK_PROFILE_DEMO;
}

/**
 * lurk_profile_get_name:
 *
 * Returns: "default" or "demo"; the keyring keeps it as an attribute so that demo tokens
 *   never mix with real ones.
 */
const char *
lurk_profile_get_name (void)
{
  return current_profile == LURK_PROFILE_DEMO ? "demo" : "default";
}

const char *
lurk_profile_get_settings_path (void)
{
  if (current_profile == LURK_PROFILE_DEMO)
    return "/io/github/lurkapp/Lurk/demo/";

  return "/io/github/lurkapp/Lurk/";
}

/**
 * lurk_profile_new_settings:
 *
 * Returns: (transfer full): the GSettings of the current profile. The schema is relocatable:
 *   the real profile lives at /io/github/lurkapp/Lurk/, the demo one below it in demo/.
 */
GSettings *
lurk_profile_new_settings (void)
{
  return g_settings_new_with_path (LURK_SETTINGS_SCHEMA_ID, lurk_profile_get_settings_path ());
}

/**
 * lurk_profile_get_data_dir:
 *
 * Returns: `$XDG_DATA_HOME/lurk`, or `$XDG_DATA_HOME/lurk/demo` in the demo profile. The
 *   directory is not created here.
 */
const char *
lurk_profile_get_data_dir (void)
{
  if (data_dir == NULL)
    {
      if (current_profile == LURK_PROFILE_DEMO)
        data_dir = g_build_filename (g_get_user_data_dir (), "lurk", "demo", NULL);
      else
        data_dir = g_build_filename (g_get_user_data_dir (), "lurk", NULL);
    }

  return data_dir;
}

char *
lurk_profile_build_data_path (const char *basename)
{
  g_return_val_if_fail (basename != NULL, NULL);

  return g_build_filename (lurk_profile_get_data_dir (), basename, NULL);
}

/**
 * lurk_profile_make_private_dir:
 * @base: the XDG base directory @path is in (g_get_user_cache_dir(), …)
 * @path: a folder below `@base/lurk`
 *
 * Creates @path and its missing parents readable by the user alone (0700): the web cache and
 * cookies, the event history are nobody else's business. Lurk's folders that an older
 * version (or WebKit) left readable by others, from @path up to `@base/lurk`, are narrowed
 * to 0700 too. Failures are logged; whoever writes there reports its own.
 */
void
lurk_profile_make_private_dir (const char *base,
                               const char *path)
{
  g_autofree char *root = NULL;
  g_autofree char *dir = NULL;

  g_return_if_fail (base != NULL);
  g_return_if_fail (path != NULL);

  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;

      g_debug ("Cannot create %s: %s", path, g_strerror (saved_errno));
      return;
    }

  root = g_build_filename (base, "lurk", NULL);
  dir = g_strdup (path);
  while (g_str_has_prefix (dir, root))
    {
      GStatBuf st;
      char *parent;

      if (g_stat (dir, &st) == 0 && S_ISDIR (st.st_mode) && (st.st_mode & 0077) != 0)
        g_chmod (dir, 0700);
      if (strcmp (dir, root) == 0)
        break;
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
}

/**
 * lurk_profile_dup_event_store_path:
 *
 * Returns: (transfer full): the event history of the current profile, `events.db` in its
 *   data directory
 */
char *
lurk_profile_dup_event_store_path (void)
{
  return lurk_profile_build_data_path ("events.db");
}
