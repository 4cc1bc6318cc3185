/* lurk-window.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-application.h"

G_BEGIN_DECLS

#define LURK_TYPE_WINDOW (lurk_window_get_type ())

G_DECLARE_FINAL_TYPE (LurkWindow, lurk_window, LURK, WINDOW, AdwApplicationWindow)

LurkWindow *lurk_window_new              (LurkApplication  *application);
void        lurk_window_add_toast        (LurkWindow       *self,
                                          const char       *title);
gboolean    lurk_window_open_streamer    (LurkWindow       *self,
                                          const char       *input,
                                          GError          **error);
void        lurk_window_show_home        (LurkWindow       *self);
void        lurk_window_show_streamer    (LurkWindow       *self);
const char *lurk_window_get_visible_page (LurkWindow       *self);

G_END_DECLS
