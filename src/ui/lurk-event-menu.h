/* lurk-event-menu.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-event-row.h"

G_BEGIN_DECLS

void     lurk_event_menu_attach         (GtkWidget    *widget,
                                         LurkEventRow *row);
gboolean lurk_event_menu_popup_at_focus (GtkRoot      *root);

G_END_DECLS
