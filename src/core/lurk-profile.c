/* lurk-profile.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
