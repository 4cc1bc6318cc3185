/* lurk-dedup.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* EventSub delivers at least once: a resend keeps its message_id. LurkDedup remembers the ids
 * seen in the last @window_usec (at least 10 minutes, TWITCH.md) in bounded memory: when more
 * than @max_entries ids were seen within the window, the oldest are forgotten first (the event
 * store, keyed by message_id, is the dedupe that never forgets). Not thread-safe: one owner. */

#define LURK_DEDUP_DEFAULT_WINDOW_USEC  (10 * G_TIME_SPAN_MINUTE)
#define LURK_DEDUP_DEFAULT_MAX_ENTRIES  (200000)

typedef struct _LurkDedup LurkDedup;

LurkDedup *lurk_dedup_new            (gint64      window_usec,
                                      guint       max_entries);
void       lurk_dedup_free           (LurkDedup  *self);
/* Returns TRUE when @message_id was not seen within the window (and remembers it now, at
 * @now_usec, a monotonic or real time: only differences matter), FALSE for a duplicate. */
gboolean   lurk_dedup_check_and_add  (LurkDedup  *self,
                                      const char *message_id,
                                      gint64      now_usec);
gboolean   lurk_dedup_contains       (LurkDedup  *self,
                                      const char *message_id,
                                      gint64      now_usec);
guint      lurk_dedup_get_size       (LurkDedup  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkDedup, lurk_dedup_free)

G_END_DECLS
