/* lurk-profile.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * LurkProfile:
 * @LURK_PROFILE_DEFAULT: the user's real profile
 * @LURK_PROFILE_DEMO: `--demo`: its own settings path, data directory and keyring entries,
 *   so that a demo never touches a real account
 *
 * The profile is chosen once per process, before anything reads settings or the store.
 */
typedef enum
{
  LURK_PROFILE_DEFAULT,
  LURK_PROFILE_DEMO,
} LurkProfile;

#define LURK_SETTINGS_SCHEMA_ID "io.github.lurkapp.Lurk"

void         lurk_profile_set                  (LurkProfile profile);
LurkProfile  lurk_profile_get                  (void);
gboolean     lurk_profile_is_demo              (void);
const char  *lurk_profile_get_name             (void);
const char  *lurk_profile_get_settings_path    (void);
GSettings   *lurk_profile_new_settings         (void);
const char  *lurk_profile_get_data_dir         (void);
char        *lurk_profile_build_data_path      (const char *basename);
char        *lurk_profile_dup_event_store_path (void);
void         lurk_profile_make_private_dir     (const char *base,
                                                const char *path);

G_END_DECLS
