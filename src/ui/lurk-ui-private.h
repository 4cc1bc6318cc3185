/* lurk-ui-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void _lurk_ui_ensure_resources (void);

G_END_DECLS
