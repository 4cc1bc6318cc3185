/* lurk-bench-hooks.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lurk-event.h"

G_BEGIN_DECLS

void _lurk_bench_hooks_install (GtkApplication *application,
                                GObject        *channel);
void _lurk_bench_hooks_shown   (LurkEvent      *newest);

G_END_DECLS
