/* lurk-listener-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-event-store.h"
#include "lurk-listener.h"

G_BEGIN_DECLS

/* How many events a full disk may leave waiting in memory before the oldest are given up
 * (about 3 KB each). */
#define LURK_LISTENER_MAX_UNSTORED 20000

/* How long a full disk is left alone before the waiting events are tried again. */
#define LURK_LISTENER_UNSTORED_RETRY_USEC (2 * G_USEC_PER_SEC)

G_END_DECLS
