/* lurk-dedup.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lurk-dedup.h"

/* A ring of (id, time) in arrival order plus an open-addressing hash index over the ring: the
 * ring tells which id is the oldest, so expiry and the memory bound both cost O(1) per id.
 *
 * Twitch's message ids are UUIDs, so an id is kept as its 16 bytes in the ring entry itself:
 * no heap string per id, 24 bytes per entry plus 4-8 bytes of index (the string and hash-set
 * version took ~92 bytes per id, and its long-lived small strings pinned free memory between
 * a flood's short-lived allocations). Only the canonical lowercase form counts as a UUID, so
 * two ids are the same exactly when their strings are; any other id is kept as a string in
 * a side array that exists only once such an id was seen, with a 64-bit hash in the key. */

#define EMPTY_SLOT G_MAXUINT32

typedef struct
{
  guint8 key[16];
  gint64 seen_at;
} Entry;

struct _LurkDedup
{
  Entry    *ring;
  char    **strings;   /* parallel to ring: non-UUID ids, or NULL; NULL until one is seen */
  guint32  *slots;     /* ring positions, linear probing; EMPTY_SLOT when free */
  guint     n_slots;   /* a power of two, at least twice @allocated */
  guint     allocated; /* grows by doubling up to max_entries */
  guint     capacity;  /* max_entries */
  guint     head;      /* ring position of the oldest entry */
  guint     length;
  gint64    window_usec;
};

typedef struct
{
  guint8      key[16];
  const char *string; /* NULL for a UUID */
} Key;

/* a hex digit's value plus one; 0 for anything else (the nul too) */
static const guint8 hex_values[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
  ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
  ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
};

/* xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, lowercase hex only */
static gboolean
parse_uuid (const char *id,
            guint8      out[16])
{
  const guchar *p = (const guchar *) id;
  guint n = 0;

  for (guint i = 0; i < 36; i++)
    {
      guint8 v;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (p[i] != '-')
            return FALSE;
          continue;
        }
      v = hex_values[p[i]];
      if (v == 0)
        return FALSE; /* also stops at the terminating nul */
      if (n % 2 == 0)
        out[n / 2] = (guint8) ((v - 1) << 4);
      else
        out[n / 2] |= (guint8) (v - 1);
      n++;
    }

  return p[36] == '\0';
}

static void
make_key (const char *id,
          Key        *key)
{
  guint64 h = 0xcbf29ce484222325ull; /* FNV-1a */

  if (parse_uuid (id, key->key))
    {
      key->string = NULL;
      return;
    }

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    h = (h ^ *p) * 0x100000001b3ull;
  memset (key->key, 0, sizeof key->key);
  memcpy (key->key, &h, sizeof h);
  key->string = id;
}

static inline guint
home_slot (const LurkDedup *self,
           const guint8     key[16])
{
  guint64 lo, hi;

  memcpy (&lo, key, 8);
  memcpy (&hi, key + 8, 8);
  return (guint) (((lo ^ hi) * 0x9e3779b97f4a7c15ull) >> 32) & (self->n_slots - 1);
}

static inline const char *
entry_string (const LurkDedup *self,
              guint            pos)
{
  return self->strings != NULL ? self->strings[pos] : NULL;
}

static inline gboolean
entry_matches (const LurkDedup *self,
               guint            pos,
               const Key       *key)
{
  const char *string;

  if (memcmp (self->ring[pos].key, key->key, sizeof key->key) != 0)
    return FALSE;
  string = entry_string (self, pos);
  if ((string == NULL) != (key->string == NULL))
    return FALSE;
  return string == NULL || strcmp (string, key->string) == 0;
}

/* The slot holding a ring entry equal to @key, or EMPTY_SLOT */
static guint
find_slot (const LurkDedup *self,
           const Key       *key)
{
  guint mask = self->n_slots - 1;

  for (guint i = home_slot (self, key->key); self->slots[i] != EMPTY_SLOT; i = (i + 1) & mask)
    {
      if (entry_matches (self, self->slots[i], key))
        return i;
    }

  return EMPTY_SLOT;
}

static void
insert_slot (LurkDedup *self,
             guint      pos)
{
  guint mask = self->n_slots - 1;
  guint i = home_slot (self, self->ring[pos].key);

  while (self->slots[i] != EMPTY_SLOT)
    i = (i + 1) & mask;
  self->slots[i] = pos;
}

/* Backward-shift deletion: no tombstones, so lookups never slow down over time. */
static void
remove_slot (LurkDedup *self,
             guint      pos)
{
  guint mask = self->n_slots - 1;
  guint hole = home_slot (self, self->ring[pos].key);
  guint j;

  while (self->slots[hole] != pos)
    {
      g_assert (self->slots[hole] != EMPTY_SLOT);
      hole = (hole + 1) & mask;
    }

  j = hole;
  for (;;)
    {
      guint home;

      j = (j + 1) & mask;
      if (self->slots[j] == EMPTY_SLOT)
        break;
      home = home_slot (self, self->ring[self->slots[j]].key);
      /* move it into the hole unless its home lies cyclically in (hole, j] */
      if (hole <= j ? (home <= hole || home > j) : (home <= hole && home > j))
        {
          self->slots[hole] = self->slots[j];
          hole = j;
        }
    }
  self->slots[hole] = EMPTY_SLOT;
}

static void
rebuild_slots (LurkDedup *self)
{
  guint n_slots = 16;

  while (n_slots < 2 * self->allocated)
    n_slots *= 2;

  g_free (self->slots);
  self->n_slots = n_slots;
  self->slots = g_new (guint32, n_slots);
  memset (self->slots, 0xff, n_slots * sizeof (guint32));

  for (guint i = 0; i < self->length; i++)
    insert_slot (self, (self->head + i) % self->allocated);
}

LurkDedup *
lurk_dedup_new (gint64 window_usec,
                guint  max_entries)
{
  LurkDedup *self;

  g_return_val_if_fail (window_usec > 0, NULL);
  g_return_val_if_fail (max_entries > 0 && max_entries < G_MAXUINT32 / 4, NULL);

  self = g_new0 (LurkDedup, 1);
  self->capacity = max_entries;
  self->allocated = MIN (max_entries, 1024);
  self->ring = g_new0 (Entry, self->allocated);
  self->window_usec = window_usec;
  rebuild_slots (self);

  return self;
}

void
lurk_dedup_free (LurkDedup *self)
{
  if (self == NULL)
    return;

  if (self->strings != NULL)
    {
      for (guint i = 0; i < self->length; i++)
        g_free (self->strings[(self->head + i) % self->allocated]);
      g_free (self->strings);
    }
  g_free (self->slots);
  g_free (self->ring);
  g_free (self);
}

static void
drop_oldest (LurkDedup *self)
{
  g_assert (self->length > 0);

  remove_slot (self, self->head);
  if (self->strings != NULL)
    g_clear_pointer (&self->strings[self->head], g_free);
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
  char **strings = self->strings != NULL ? g_new0 (char *, allocated) : NULL;

  /* Only called on a full ring below capacity; lurk_dedup_new() makes at least one entry. */
  g_assert (self->allocated > 0 && self->allocated < self->capacity);

  for (guint i = 0; i < self->length; i++)
    {
      guint pos = (self->head + i) % self->allocated;

      ring[i] = self->ring[pos];
      if (strings != NULL)
        strings[i] = self->strings[pos];
    }
  g_free (self->ring);
  g_free (self->strings);
  self->ring = ring;
  self->strings = strings;
  self->allocated = allocated;
  self->head = 0;
  rebuild_slots (self);
}

gboolean
lurk_dedup_contains (LurkDedup  *self,
                     const char *message_id,
                     gint64      now_usec)
{
  Key key;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  expire (self, now_usec);
  make_key (message_id, &key);

  return find_slot (self, &key) != EMPTY_SLOT;
}

gboolean
lurk_dedup_check_and_add (LurkDedup  *self,
                          const char *message_id,
                          gint64      now_usec)
{
  Key key;
  guint pos;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (message_id != NULL, FALSE);

  expire (self, now_usec);
  make_key (message_id, &key);

  if (find_slot (self, &key) != EMPTY_SLOT)
    return FALSE;

  if (self->length == self->capacity)
    drop_oldest (self);
  else if (self->length == self->allocated)
    grow (self);

  pos = (self->head + self->length) % self->allocated;
  memcpy (self->ring[pos].key, key.key, sizeof key.key);
  self->ring[pos].seen_at = now_usec;
  if (key.string != NULL)
    {
      if (self->strings == NULL)
        self->strings = g_new0 (char *, self->allocated);
      self->strings[pos] = g_strdup (key.string);
    }
  else if (self->strings != NULL)
    {
      self->strings[pos] = NULL;
    }
  self->length++;
  insert_slot (self, pos);

  return TRUE;
}

guint
lurk_dedup_get_size (LurkDedup *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}
