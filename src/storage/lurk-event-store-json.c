/* lurk-event-store-json.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lurk-event-store-private.h"

/* Twitch sends every optional member of an event, most of them null: 25 of the 45 members
 * of a chat notification, half of its bytes. The store keeps the event without its null
 * members (and without white space between tokens): absent and null mean the same to
 * lurk_event_new_from_json_string() and to any reader of EventSub's schema, and each byte
 * less is written twice (WAL, then database). Strings and numbers are copied as sent,
 * escapes included; nulls inside arrays stay. The input is what the event parser accepted
 * (valid JSON, nesting within its limit); anything unexpected keeps the original text. */

#define COMPACT_MAX_DEPTH 128

static gboolean compact_value (const char **p,
                               GString     *out,
                               guint        depth);

static inline const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* @p is at an opening quote: the position after the closing one, or NULL */
static const char *
skip_string (const char *p)
{
  for (p++;; p++)
    {
      /* strpbrk() looks at many bytes at a time: this loop is most of the compaction */
      p = strpbrk (p, "\"\\");
      if (p == NULL)
        return NULL;
      if (*p == '"')
        return p + 1;
      if (p[1] == '\0')
        return NULL;
      p++; /* the escaped character */
    }
}

static inline gboolean
is_null_literal (const char *p)
{
  return p[0] == 'n' && p[1] == 'u' && p[2] == 'l' && p[3] == 'l' &&
         !g_ascii_isalnum (p[4]);
}

static gboolean
compact_members (const char **p,
                 GString     *out,
                 guint        depth)
{
  const char *s = skip_space (*p + 1);
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  if (*s == '}')
    {
      g_string_append_c (out, '}');
      *p = s + 1;
      return TRUE;
    }

  for (;;)
    {
      const char *name = s;
      const char *name_end = *s == '"' ? skip_string (s) : NULL;

      if (name_end == NULL)
        return FALSE;

      s = skip_space (name_end);
      if (*s != ':')
        return FALSE;
      s = skip_space (s + 1);

      if (is_null_literal (s))
        {
          s += 4;
        }
      else
        {
          if (!first)
            g_string_append_c (out, ',');
          g_string_append_len (out, name, name_end - name);
          g_string_append_c (out, ':');
          if (!compact_value (&s, out, depth + 1))
            return FALSE;
          first = FALSE;
        }

      s = skip_space (s);
      if (*s == '}')
        {
          g_string_append_c (out, '}');
          *p = s + 1;
          return TRUE;
        }
      if (*s != ',')
        return FALSE;
      s = skip_space (s + 1);
    }
}

static gboolean
compact_elements (const char **p,
                  GString     *out,
                  guint        depth)
{
  const char *s = skip_space (*p + 1);

  g_string_append_c (out, '[');
  if (*s == ']')
    {
      g_string_append_c (out, ']');
      *p = s + 1;
      return TRUE;
    }

  for (;;)
    {
      if (!compact_value (&s, out, depth + 1))
        return FALSE;

      s = skip_space (s);
      if (*s == ']')
        {
          g_string_append_c (out, ']');
          *p = s + 1;
          return TRUE;
        }
      if (*s != ',')
        return FALSE;
      g_string_append_c (out, ',');
      s = skip_space (s + 1);
    }
}

static gboolean
compact_value (const char **p,
               GString     *out,
               guint        depth)
{
  const char *s = *p;
  const char *end;

  if (depth > COMPACT_MAX_DEPTH)
    return FALSE;

  switch (*s)
    {
    case '{':
      return compact_members (p, out, depth);

    case '[':
      return compact_elements (p, out, depth);

    case '"':
      end = skip_string (s);
      break;

    default:
      /* a number, true, false or null */
      for (end = s; g_ascii_isalnum (*end) || *end == '-' || *end == '+' || *end == '.'; end++)
        ;
      if (end == s)
        end = NULL;
      break;
    }

  if (end == NULL)
    return FALSE;

  g_string_append_len (out, s, end - s);
  *p = end;
  return TRUE;
}

/* The text to store for @json: @json itself when it is not as expected, else @scratch's
 * contents (@scratch is reused from event to event). */
const char *
_lurk_event_store_compact_json (const char *json,
                                GString    *scratch,
                                gsize      *length)
{
  const char *p = skip_space (json);

  g_string_truncate (scratch, 0);
  if (*p != '{' || !compact_value (&p, scratch, 0) || *skip_space (p) != '\0')
    {
      *length = strlen (json);
      return json;
    }

  *length = scratch->len;
  return scratch->str;
}
