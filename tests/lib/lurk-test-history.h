/* lurk-test-history.h: a store full of history, for tests and benchmarks
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-event-store.h"

G_BEGIN_DECLS

#define LURK_TEST_HISTORY_N_CHANNELS 3

/* The channels' ids and logins; the first one is the favorite. */
extern const char * const lurk_test_history_channel_ids[LURK_TEST_HISTORY_N_CHANNELS];
extern const char * const lurk_test_history_channel_logins[LURK_TEST_HISTORY_N_CHANNELS];

/* The one actor that appears exactly once, in the favorite's events */
#define LURK_TEST_HISTORY_UNIQUE_LOGIN "zanzibarquokka"
#define LURK_TEST_HISTORY_UNIQUE_NAME  "ZanzibarQuokka"

guint      lurk_test_history_unique_index (guint n_events);

/* The event at @index of lurk_test_history_fill(), built the same way each time. */
LurkEvent *lurk_test_history_event (guint   index,
                                    guint   n_events,
                                    gint64  newest_usec);

/* Stores @n_events events spread round-robin across the channels, one a minute back from
 * @newest_usec (so they span days), cycling through subs, cheers, raids, title changes and
 * timeouts; the event at n_events / 2 is the unique actor's sub on the favorite.
 * Batches of a few thousand per transaction, and the search index completed at the end. */
void       lurk_test_history_fill  (LurkEventStore *store,
                                    guint           n_events,
                                    gint64          newest_usec);

G_END_DECLS
