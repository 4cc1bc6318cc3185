/* lurk-preferences-window.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LURK_TYPE_PREFERENCES_WINDOW (lurk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LurkPreferencesWindow, lurk_preferences_window,
                      LURK, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *lurk_preferences_window_new (GtkWindow *transient_for);

G_END_DECLS
