/* lurk-event-line.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lurk-event-line.h"

/* One event as one line of JSON: what lurk-events prints, live or from the history, and
 * what History exports as JSON Lines (DESIGN.md, "Executables and their contracts"). */

struct _LurkEventLineWriter
{
  GTimeZone *local;
  gint64     received_second;
  char      *received_prefix;
  char      *received_offset;
};

/**
 * lurk_event_line_writer_new:
 * @local: (nullable): the time zone of `received_at`, or %NULL for the local one
 */
LurkEventLineWriter *
lurk_event_line_writer_new (GTimeZone *local)
{
  LurkEventLineWriter *self = g_new0 (LurkEventLineWriter, 1);

  self->local = local != NULL ? g_time_zone_ref (local) : g_time_zone_new_local ();

  return self;
}

void
lurk_event_line_writer_free (LurkEventLineWriter *self)
{
  if (self == NULL)
    return;

  g_time_zone_unref (self->local);
  g_free (self->received_prefix);
  g_free (self->received_offset);
  g_free (self);
}

/* JSON output. The line is assembled by hand instead of with JsonBuilder: `event` must be
 * the object exactly as received, which the event keeps serialized, and parsing it again
 * only to print it would double the cost of the hot path. Strings are escaped per RFC 8259
 * by json_append_string(); nothing is formatted with printf. */

/* 1 for the bytes that go into a JSON string as they are. DEL (0x7f) and the lead byte of the
 * C1 controls (U+0080–U+009F are 0xc2 0x80–0x9f in UTF-8) are escaped too: valid JSON, but a
 * terminal acts on them. */
static const guint8 json_plain[256] = {
  [0x20 ... 0x21] = 1, /* 0x22 is '"' */
  [0x23 ... 0x5b] = 1, /* 0x5c is '\\' */
  [0x5d ... 0x7e] = 1, /* 0x7f is DEL */
  [0x80 ... 0xc1] = 1, /* 0xc2 may start a C1 control */
  [0xc3 ... 0xff] = 1,
};

static void
json_append_escape (GString *out,
                    guint    c)
{
  static const char hex[] = "0123456789abcdef";
  char escape[6] = { '\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf] };

  g_string_append_len (out, escape, sizeof escape);
}

/* Escapes the control character at @p if there is one (appending it to @out) and returns how
 * many bytes it took, or 0. */
static gsize
json_append_control (GString      *out,
                     const guchar *p)
{
  if (*p < 0x20 || *p == 0x7f)
    {
      json_append_escape (out, *p);
      return 1;
    }
  if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
    {
      json_append_escape (out, p[1]);
      return 2;
    }

  return 0;
}

static void
json_append_string (GString    *out,
                    const char *str)
{
  const guchar *p = (const guchar *) str;

  if (str == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;

      /* the common case: a run of bytes that need no escape, appended at once */
      while (json_plain[*p])
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);

      switch (*p)
        {
        case '\0':
          g_string_append_c (out, '"');
          return;
        case '"': g_string_append_len (out, "\\\"", 2); break;
        case '\\': g_string_append_len (out, "\\\\", 2); break;
        case '\n': g_string_append_len (out, "\\n", 2); break;
        case '\r': g_string_append_len (out, "\\r", 2); break;
        case '\t': g_string_append_len (out, "\\t", 2); break;
        case '\b': g_string_append_len (out, "\\b", 2); break;
        case '\f': g_string_append_len (out, "\\f", 2); break;
        default:
          {
            gsize n = json_append_control (out, p);

            if (n == 0)
              g_string_append_c (out, (char) *p); /* 0xc2 not starting a C1 control */
            else
              p += n - 1;
          }
        }
      p++;
    }
}

/* 1 for the bytes of a JSON text that are copied as they are: everything but whitespace, '"'
 * (a string starts) and the bytes json_plain escapes. */
static const guint8 json_compact_plain[256] = {
  [0x21] = 1,
  [0x23 ... 0x7e] = 1,
  [0x80 ... 0xc1] = 1,
  [0xc3 ... 0xff] = 1,
};

/* Appends @json, a JSON text as the server sent it, on one line: without the whitespace
 * between tokens when it has line breaks (a pretty-printed event would break the
 * one-object-per-line contract), and with DEL and C1 in its strings escaped. The text was
 * parsed already, so it is valid JSON. */
static void
json_append_compact (GString    *out,
                     const char *json)
{
  const guchar *p = (const guchar *) json;
  gsize length = strlen (json);

  /* Twitch sends compact JSON, in which none of these can come (a raw newline or tab is
   * always whitespace between tokens, since strings must escape them): then the text is
   * appended as it is, at memcpy speed. Spaces alone do not break the line. */
  if (strcspn (json, "\n\r\t\x7f\xc2") == length)
    {
      g_string_append_len (out, json, length);
      return;
    }

  for (;;)
    {
      const guchar *run = p;

      while (json_compact_plain[*p])
        p++;
      if (p > run)
        g_string_append_len (out, (const char *) run, p - run);

      switch (*p)
        {
        case '\0':
          return;
        case ' ': case '\t': case '\n': case '\r':
          p++;
          break;
        case '"':
          /* a string: copied up to its closing quote, escapes kept as they are */
          g_string_append_c (out, '"');
          p++;
          for (;;)
            {
              run = p;
              while (json_plain[*p])
                p++;
              if (p > run)
                g_string_append_len (out, (const char *) run, p - run);

              if (*p == '\0')
                return;
              if (*p == '"')
                {
                  g_string_append_c (out, '"');
                  p++;
                  break;
                }
              if (*p == '\\')
                {
                  g_string_append_c (out, '\\');
                  p++;
                  if (*p == '\0')
                    return;
                  g_string_append_c (out, (char) *p);
                  p++;
                  continue;
                }
              {
                gsize n = json_append_control (out, p);

                if (n == 0)
                  g_string_append_c (out, (char) *p++);
                else
                  p += n;
              }
            }
          break;
        default:
          {
            /* outside strings only whitespace and these can come: copy them */
            gsize n = json_append_control (out, p);

            if (n == 0)
              g_string_append_c (out, (char) *p++);
            else
              p += n;
          }
        }
    }
}

static void
json_append_member (GString    *out,
                    const char *name,
                    const char *value)
{
  /* @name is a literal that needs no escape */
  g_string_append_c (out, ',');
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append_len (out, "\":", 2);
  json_append_string (out, value);
}

/* Local RFC 3339 with microseconds, appended to @out (null for a negative time). The date,
 * time and offset change once a second, so they are formatted once a second; a flood only
 * appends the microseconds. */
static void
append_received_at (LurkEventLineWriter *self,
                    GString             *out,
                    gint64               usec)
{
  gint64 second = usec / G_USEC_PER_SEC;
  char micro[8];
  int fraction = (int) (usec % G_USEC_PER_SEC);

  if (usec < 0)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  if (self->received_second != second || self->received_prefix == NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (second);
      g_autoptr(GDateTime) local = NULL;

      if (utc == NULL)
        {
          g_string_append_len (out, "null", 4);
          return;
        }
      local = g_date_time_to_timezone (utc, self->local);
      g_free (self->received_prefix);
      g_free (self->received_offset);
      self->received_prefix = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S");
      self->received_offset = g_date_time_format (local, "%:z");
      self->received_second = second;
    }

  micro[0] = '.';
  for (int i = 6; i >= 1; i--)
    {
      micro[i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
  micro[7] = '\0';

  g_string_append_c (out, '"');
  g_string_append (out, self->received_prefix);
  g_string_append_len (out, micro, 7);
  g_string_append (out, self->received_offset);
  g_string_append_c (out, '"');
}

/**
 * lurk_event_line_writer_append:
 * @out: where the line goes, its newline included
 *
 * Appends @event as one JSON object: `id`, `type`, `version`, `kind`, `broadcaster_id`,
 * `source_broadcaster_id` (a shared chat partner's event only), `occurred_at`,
 * `received_at` (local RFC 3339 with microseconds), `summary` and `event` (compact).
 */
void
lurk_event_line_writer_append (LurkEventLineWriter *self,
                               GString             *out,
                               LurkEvent           *event)
{
  g_autofree char *summary = lurk_event_dup_summary (event);
  const char *raw = lurk_event_get_event_json (event);
  GString *line = out;

  g_string_append (line, "{\"id\":");
  json_append_string (line, lurk_event_get_id (event));
  json_append_member (line, "type", lurk_event_get_subscription_type (event));
  json_append_member (line, "version", lurk_event_get_subscription_version (event));
  json_append_member (line, "kind", lurk_event_kind_to_string (lurk_event_get_kind (event)));
  json_append_member (line, "broadcaster_id", lurk_event_get_broadcaster_id (event));
  /* a shared chat partner's event: the channel it happened in (null when Twitch did not say) */
  if (lurk_event_is_from_partner (event))
    json_append_member (line, "source_broadcaster_id",
                        lurk_event_get_source_broadcaster_id (event));
  json_append_member (line, "occurred_at", lurk_event_get_occurred_at_string (event));
  g_string_append (line, ",\"received_at\":");
  append_received_at (self, line, lurk_event_get_received_at (event));
  json_append_member (line, "summary", summary);
  g_string_append (line, ",\"event\":");
  if (raw != NULL && *raw != '\0')
    json_append_compact (line, raw);
  else
    g_string_append_len (line, "null", 4);
  g_string_append (line, "}\n");
}

