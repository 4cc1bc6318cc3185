/* lurk-ready-source.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A GSource that only its ready time wakes (g_source_set_ready_time(); -1 until set): a
 * deadline that moves without re-creating a timeout, which would also fire on its own
 * interval. Its callback is a GSourceFunc. @static_name names it for profilers and must
 * be a static string. */
GSource *lurk_ready_time_source_new (const char *static_name);

G_END_DECLS
