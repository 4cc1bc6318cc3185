/* lurk-event-store-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "lurk-event-store.h"

G_BEGIN_DECLS

/* The writer connection, for tests that need to shape it (PRAGMA max_page_count to make
 * the disk "full"). Use only from the thread that owns the store. */
sqlite3 *_lurk_event_store_get_db (LurkEventStore *self);

G_END_DECLS
