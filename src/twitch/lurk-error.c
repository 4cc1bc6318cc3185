/* lurk-error.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-error.h"

G_DEFINE_QUARK (lurk-error-quark, lurk_error)
