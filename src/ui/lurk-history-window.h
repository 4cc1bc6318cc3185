/* lurk-history-window.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-event-store.h"
#include "lurk-history-model.h"

G_BEGIN_DECLS

#define LURK_TYPE_HISTORY_WINDOW (lurk_history_window_get_type ())

G_DECLARE_FINAL_TYPE (LurkHistoryWindow, lurk_history_window, LURK, HISTORY_WINDOW, AdwWindow)

LurkHistoryWindow *lurk_history_window_new       (GtkWindow         *parent,
                                                  LurkEventStore    *store,
                                                  const char        *broadcaster_id,
                                                  const char        *channel_name);
LurkHistoryModel  *lurk_history_window_get_model (LurkHistoryWindow *self);

G_END_DECLS
