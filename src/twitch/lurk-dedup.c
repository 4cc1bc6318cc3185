/* lurk-dedup.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-dedup.h"

/* A ring of (id, time) in arrival order plus a hash set over the same strings: the ring tells
 * which id is the oldest, so expiry and the memory bound both cost O(1) per id. */

typedef struct
{
  char   *id;
  gint64  seen_at;
} Entry;

struct _LurkDedup
{
  GHashTable *ids;      /* borrowed keys: owned by the ring entries */
  Entry      *ring;
  guint       allocated; /* grows by doubling up to max_entries */
  guint       capacity;  /* max_entries */
  guint       head;     /* index of the oldest entry */
  guint       length;
  gint64      window_usec;
};

LurkDedup *
lurk_dedup_new (gint64 window_usec,
                guint  max_entries)
{
  LurkDedup *self;

  g_return_val_if_fail (window_usec > 0, NULL);
  g_return_val_if_fail (max_entries > 0, NULL);

  self = g_new0 (LurkDedup, 1);
  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->capacity = max_entries;
  self->allocated = MIN (max_entries, 1024);
  self->ring = g_new0 (Entry, self->allocated);
  self->window_usec = window_usec;

  return self;
}

void
lurk_dedup_free (LurkDedup *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->length; i++)
    g_free (self->ring[(self->head + i) % self->allocated].id);
  g_hash_table_unref (self->ids);
  g_free (self->ring);
  g_free (self);
}

static void
drop_oldest (LurkDedup *self)
{
  Entry *oldest = &self->ring[self->head];

  g_assert (self->length > 0);

  g_hash_table_remove (self->ids, oldest->id);
  g_clear_pointer (&oldest->id, g_free);
  self->head = (self->head + 1) % self->allocated;
  self->length--;
}

static void
expire (LurkDedup *self,
        gint64     now_usec)
{
  while (self->length > 0 && now_usec - self->ring[self->head].seen_at > self->window_usec)
    drop_oldest (self);
}

static void
grow (LurkDedup *self)
{
  guint allocated = MIN (self->capacity, self->allocated * 2);
  Entry *ring = g_new0 (Entry, allocated);

  for (guint i = 0; i < self->length; i++)
    ring[i] = self->ring[(self->head + i) % self->allocated];
  g_free (self->ring);
  self->ring = ring;
  self->allocated = allocated;
  self->head = 0;
}

gboolean
lurk_dedup_contains (LurkDedup  *self,
                     const char *message_id,
                     gint64      now_usec)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  expire (self, now_usec);

  return g_hash_table_contains (self->ids, message_id);
}

gboolean
lurk_dedup_check_and_add (LurkDedup  *self,
                          const char *message_id,
                          gint64      now_usec)
{
  Entry *entry;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  expire (self, now_usec);

  if (g_hash_table_contains (self->ids, message_id))
    return FALSE;

  if (self->length == self->capacity)
    drop_oldest (self);
  else if (self->length == self->allocated)
    grow (self);

  entry = &self->ring[(self->head + self->length) % self->allocated];
  entry->id = g_strdup (message_id);
  entry->seen_at = now_usec;
  self->length++;
  g_hash_table_add (self->ids, entry->id);

  return TRUE;
}

guint
lurk_dedup_get_size (LurkDedup *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}
