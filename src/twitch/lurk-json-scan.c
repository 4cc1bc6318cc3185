/* lurk-json-scan.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-json-scan.h"

#define FLAG_ESCAPED 1

typedef struct
{
  LurkJsonDoc *doc;
  const guchar *p;
  const guchar *end;
  GError **error;
} Scanner;

static inline gsize
scanner_offset (Scanner *s)
{
  return (gsize) (s->p - (const guchar *) s->doc->data);
}

static gboolean
scanner_fail (Scanner    *s,
              const char *what)
{
  if (s->p >= s->end)
    g_set_error (s->error, LURK_ERROR, LURK_ERROR_MALFORMED,
                 /* Translators: %s says what was expected, e.g. "a value" */
                 _("Invalid JSON: unexpected end of data, expected %s"), what);
  else
    g_set_error (s->error, LURK_ERROR, LURK_ERROR_MALFORMED,
                 /* Translators: %s says what was expected, %zu is a byte offset */
                 _("Invalid JSON: expected %s at byte %zu"), what, scanner_offset (s));
  return FALSE;
}

static inline void
skip_space (Scanner *s)
{
  /* compact JSON (what Twitch sends) has none: one comparison decides */
  while (s->p < s->end && *s->p <= ' ' &&
         (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static inline guint
add_token (Scanner      *s,
           LurkJsonType  type)
{
  LurkJsonDoc *doc = s->doc;
  LurkJsonToken *t;

  if (doc->n_tokens == doc->allocated)
    {
      guint allocated = doc->allocated * 2;

      if (doc->tokens == doc->inline_tokens)
        {
          doc->tokens = g_new (LurkJsonToken, allocated);
          memcpy (doc->tokens, doc->inline_tokens, sizeof doc->inline_tokens);
        }
      else
        {
          doc->tokens = g_renew (LurkJsonToken, doc->tokens, allocated);
        }
      doc->allocated = allocated;
    }

  t = &doc->tokens[doc->n_tokens];
  t->start = (guint32) scanner_offset (s);
  t->end = t->start;
  t->next = 0;
  t->type = type;
  t->flags = 0;

  return doc->n_tokens++;
}

static inline gboolean
is_hex (guchar c)
{
  return g_ascii_isxdigit (c);
}

/* One UTF-8 sequence starting with a byte >= 0x80; advances s->p past it. */
static gboolean
scan_utf8 (Scanner *s)
{
  const guchar *p = s->p;
  gsize avail = (gsize) (s->end - p);
  guchar c = p[0];
  gunichar cp;
  guint n;

  if (c >= 0xC2 && c <= 0xDF)
    n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF)
    n = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4)
    n = 4, cp = c & 0x07;
  else
    goto invalid;

  if (avail < n)
    goto invalid;

  for (guint i = 1; i < n; i++)
    {
      if ((p[i] & 0xC0) != 0x80)
        goto invalid;
      cp = (cp << 6) | (p[i] & 0x3F);
    }

  if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
      (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
    goto invalid;

  s->p += n;
  return TRUE;

invalid:
  g_set_error (s->error, LURK_ERROR, LURK_ERROR_MALFORMED,
               /* Translators: %zu is a byte offset */
               _("Invalid JSON: invalid UTF-8 at byte %zu"), scanner_offset (s));
  return FALSE;
}

/* 1 for the bytes a string can contain as they are: printable ASCII except '"' and '\\'. */
static const guint8 plain_ascii[256] = {
  [0x20 ... 0x21] = 1, /* 0x22 is '"' */
  [0x23 ... 0x5b] = 1, /* 0x5c is '\\' */
  [0x5d ... 0x7f] = 1,
};

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)
/* the high bit set in (at least) the bytes of @v that are zero */
#define HAS_ZERO_BYTE(v) (((v) - ONES) & ~(v))

static gboolean
scan_string (Scanner *s,
             guint    index)
{
  LurkJsonToken *t;
  guint16 flags = 0;

  g_assert (*s->p == '"');
  s->p++;
  s->doc->tokens[index].start = (guint32) scanner_offset (s);

  for (;;)
    {
      guchar c;

      /* The common case: plain ASCII text, 8 bytes at a time while none of them is a quote,
       * a backslash, a control character or non-ASCII (the test may flag a plain byte after
       * a special one; the byte loop below then decides exactly). */
      while (s->end - s->p >= 8)
        {
          guint64 v;
          guint64 special;

          memcpy (&v, s->p, sizeof v);
          special = (HAS_ZERO_BYTE (v ^ (ONES * '"')) | HAS_ZERO_BYTE (v ^ (ONES * '\\')) |
                     ((v - ONES * 0x20) & ~v) | v) & HIGHS;
          if (special != 0)
            {
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
              /* the lowest flagged byte is always a special one (a borrow only runs upward
               * from a special byte): go straight to it */
              s->p += __builtin_ctzll (special) / 8;
#endif
              break;
            }
          s->p += 8;
        }
      while (s->p < s->end && plain_ascii[*s->p])
        s->p++;

      if (s->p >= s->end)
        return scanner_fail (s, _("the end of a string"));

      c = *s->p;
      if (c == '"')
        break;

      if (c == '\\')
        {
          flags |= FLAG_ESCAPED;
          if (s->end - s->p < 2)
            {
              s->p = s->end;
              return scanner_fail (s, _("an escape sequence"));
            }
          switch (s->p[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              s->p += 2;
              break;

            case 'u':
              if (s->end - s->p < 6 ||
                  !is_hex (s->p[2]) || !is_hex (s->p[3]) ||
                  !is_hex (s->p[4]) || !is_hex (s->p[5]))
                return scanner_fail (s, _("a \\u escape with four hexadecimal digits"));
              s->p += 6;
              break;

            default:
              return scanner_fail (s, _("a valid escape sequence"));
            }
        }
      else if (c < 0x20)
        {
          return scanner_fail (s, _("an escaped control character"));
        }
      else if (!scan_utf8 (s))
        {
          return FALSE;
        }
    }

  t = &s->doc->tokens[index];
  t->end = (guint32) scanner_offset (s);
  t->flags = flags;
  s->p++; /* closing quote */

  return TRUE;
}

static gboolean
scan_number (Scanner *s)
{
  if (s->p < s->end && *s->p == '-')
    s->p++;

  if (s->p >= s->end)
    return scanner_fail (s, _("a digit"));

  if (*s->p == '0')
    s->p++;
  else if (*s->p >= '1' && *s->p <= '9')
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      s->p++;
  else
    return scanner_fail (s, _("a digit"));

  if (s->p < s->end && *s->p == '.')
    {
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return scanner_fail (s, _("a digit"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return scanner_fail (s, _("a digit"));
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }

  return TRUE;
}

static inline gboolean
scan_literal (Scanner    *s,
              const char *word,
              gsize       len)
{
  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return scanner_fail (s, _("a value"));
  s->p += len;
  return TRUE;
}

static gboolean scan_value (Scanner *s,
                            guint    depth);

static gboolean
scan_container (Scanner *s,
                guint    index,
                gboolean is_object,
                guint    depth)
{
  const guchar close = is_object ? '}' : ']';

  s->p++;
  skip_space (s);
  if (s->p < s->end && *s->p == close)
    {
      s->p++;
      return TRUE;
    }

  for (;;)
    {
      if (is_object)
        {
          guint key;

          skip_space (s);
          if (s->p >= s->end || *s->p != '"')
            return scanner_fail (s, _("a member name"));
          key = add_token (s, LURK_JSON_STRING);
          if (!scan_string (s, key))
            return FALSE;
          s->doc->tokens[key].next = s->doc->n_tokens;
          skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return scanner_fail (s, _("“:”"));
          s->p++;
        }

      if (!scan_value (s, depth + 1))
        return FALSE;

      skip_space (s);
      if (s->p >= s->end)
        return scanner_fail (s, is_object ? _("“,” or “}”") : _("“,” or “]”"));
      if (*s->p == ',')
        {
          s->p++;
          continue;
        }
      if (*s->p == close)
        {
          s->p++;
          break;
        }
      return scanner_fail (s, is_object ? _("“,” or “}”") : _("“,” or “]”"));
    }

  (void) index;
  return TRUE;
}

static gboolean
scan_value (Scanner *s,
            guint    depth)
{
  guint index;
  gboolean ok;

  if (depth > LURK_JSON_MAX_DEPTH)
    {
      g_set_error (s->error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   _("Invalid JSON: nested deeper than %d levels"), LURK_JSON_MAX_DEPTH);
      return FALSE;
    }

  skip_space (s);
  if (s->p >= s->end)
    return scanner_fail (s, _("a value"));

  switch (*s->p)
    {
    case '{':
      index = add_token (s, LURK_JSON_OBJECT);
      ok = scan_container (s, index, TRUE, depth);
      break;

    case '[':
      index = add_token (s, LURK_JSON_ARRAY);
      ok = scan_container (s, index, FALSE, depth);
      break;

    case '"':
      index = add_token (s, LURK_JSON_STRING);
      ok = scan_string (s, index);
      break;

    case 't':
      index = add_token (s, LURK_JSON_TRUE);
      ok = scan_literal (s, "true", 4);
      break;

    case 'f':
      index = add_token (s, LURK_JSON_FALSE);
      ok = scan_literal (s, "false", 5);
      break;

    case 'n':
      index = add_token (s, LURK_JSON_NULL);
      ok = scan_literal (s, "null", 4);
      break;

    default:
      if (*s->p != '-' && !g_ascii_isdigit (*s->p))
        return scanner_fail (s, _("a value"));
      index = add_token (s, LURK_JSON_NUMBER);
      ok = scan_number (s);
      break;
    }

  if (!ok)
    return FALSE;

  if (s->doc->tokens[index].type != LURK_JSON_STRING)
    s->doc->tokens[index].end = (guint32) scanner_offset (s);
  s->doc->tokens[index].next = s->doc->n_tokens;

  return TRUE;
}

gboolean
lurk_json_doc_parse (LurkJsonDoc  *doc,
                     const char   *data,
                     gsize         length,
                     GError      **error)
{
  Scanner s;

  doc->data = data;
  doc->length = length;
  doc->tokens = doc->inline_tokens;
  doc->allocated = LURK_JSON_INLINE_TOKENS;
  /* Token 0: the "absent" sentinel. */
  memset (&doc->tokens[0], 0, sizeof doc->tokens[0]);
  doc->n_tokens = 1;

  if (data == NULL && length > 0)
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED, _("Invalid JSON: no data"));
      return FALSE;
    }

  if (length >= G_MAXUINT32)
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                           _("Invalid JSON: too large"));
      return FALSE;
    }

  s.doc = doc;
  s.p = (const guchar *) data;
  s.end = s.p + length;
  s.error = error;

  if (!scan_value (&s, 0))
    {
      doc->n_tokens = 0;
      return FALSE;
    }

  skip_space (&s);
  if (s.p != s.end)
    {
      doc->n_tokens = 0;
      return scanner_fail (&s, _("the end of the data"));
    }

  return TRUE;
}

void
lurk_json_doc_clear (LurkJsonDoc *doc)
{
  if (doc->tokens != doc->inline_tokens)
    g_free (doc->tokens);
  doc->tokens = doc->inline_tokens;
  doc->n_tokens = 0;
  doc->allocated = LURK_JSON_INLINE_TOKENS;
}

static inline const LurkJsonToken *
token (const LurkJsonDoc *doc,
       guint              index)
{
  if (index == 0 || index >= doc->n_tokens)
    return NULL;
  return &doc->tokens[index];
}

LurkJsonType
lurk_json_doc_get_type (const LurkJsonDoc *doc,
                        guint              index)
{
  const LurkJsonToken *t = token (doc, index);

  return t != NULL ? (LurkJsonType) t->type : LURK_JSON_NULL;
}

gboolean
lurk_json_doc_is_object (const LurkJsonDoc *doc,
                         guint              index)
{
  const LurkJsonToken *t = token (doc, index);

  return t != NULL && t->type == LURK_JSON_OBJECT;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  return g_ascii_tolower (c) - 'a' + 10;
}

static gunichar
read_u_escape (const char *p)
{
  return (hex_value (p[0]) << 12) | (hex_value (p[1]) << 8) |
         (hex_value (p[2]) << 4) | hex_value (p[3]);
}

/* Unescapes a validated string token into @out (room for end - p + 1 bytes: no escape
 * sequence is shorter than what it stands for). \u0000 and lone surrogates become U+FFFD, so
 * the result is always valid nul-terminated UTF-8. Returns the length written. */
static gsize
unescape_into (const char *p,
               const char *end,
               char       *out)
{
  char *o = out;

  while (p < end)
    {
      const char *q = memchr (p, '\\', (gsize) (end - p));

      if (q == NULL)
        q = end;
      memcpy (o, p, (gsize) (q - p));
      o += q - p;
      p = q;
      if (p >= end)
        break;

      switch (p[1])
        {
        case 'b': *o++ = '\b'; p += 2; break;
        case 'f': *o++ = '\f'; p += 2; break;
        case 'n': *o++ = '\n'; p += 2; break;
        case 'r': *o++ = '\r'; p += 2; break;
        case 't': *o++ = '\t'; p += 2; break;
        case 'u':
          {
            gunichar c = read_u_escape (p + 2);

            p += 6;
            if (c >= 0xD800 && c <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u')
              {
                gunichar lo = read_u_escape (p + 2);

                if (lo >= 0xDC00 && lo <= 0xDFFF)
                  {
                    c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
                    p += 6;
                  }
              }
            if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
              c = 0xFFFD;
            o += g_unichar_to_utf8 (c, o);
          }
          break;
        default: /* '"', '\\', '/' */
          *o++ = p[1];
          p += 2;
          break;
        }
    }

  *o = '\0';
  return (gsize) (o - out);
}

static char *
unescape (const char *p,
          const char *end)
{
  char *out = g_malloc ((gsize) (end - p) + 1);

  unescape_into (p, end, out);
  return out;
}

static G_NO_INLINE gboolean
escaped_key_equal (const LurkJsonDoc   *doc,
                   const LurkJsonToken *t,
                   const char          *key,
                   gsize                key_len)
{
  gsize raw = t->end - t->start;
  char stack[128];
  char *s = raw < sizeof stack ? stack : g_malloc (raw + 1);
  gsize len = unescape_into (doc->data + t->start, doc->data + t->end, s);
  gboolean equal = len == key_len && memcmp (s, key, key_len) == 0;

  if (s != stack)
    g_free (s);
  return equal;
}

/* Runs for every member of an object for every lookup: the length and the first byte decide
 * most comparisons without a call. */
static inline gboolean
key_equal (const LurkJsonDoc   *doc,
           const LurkJsonToken *t,
           const char          *key,
           gsize                key_len)
{
  if (G_UNLIKELY (t->flags & FLAG_ESCAPED))
    return escaped_key_equal (doc, t, key, key_len);

  return (gsize) (t->end - t->start) == key_len &&
         (key_len == 0 ||
          (doc->data[t->start] == key[0] &&
           memcmp (doc->data + t->start, key, key_len) == 0));
}

guint
lurk_json_doc_member (const LurkJsonDoc *doc,
                      guint              object,
                      const char        *key)
{
  const LurkJsonToken *t = token (doc, object);
  gsize key_len;
  guint found = 0;

  if (t == NULL || t->type != LURK_JSON_OBJECT)
    return 0;

  key_len = strlen (key);
  /* Children alternate key, value; the last duplicate wins, as in json-glib. */
  for (guint i = object + 1; i < t->next; i = doc->tokens[i + 1].next)
    {
      if (key_equal (doc, &doc->tokens[i], key, key_len))
        found = i + 1;
    }

  return found;
}

guint
lurk_json_doc_object_member (const LurkJsonDoc *doc,
                             guint              object,
                             const char        *key)
{
  guint index = lurk_json_doc_member (doc, object, key);

  return lurk_json_doc_is_object (doc, index) ? index : 0;
}

char *
lurk_json_doc_dup_string (const LurkJsonDoc *doc,
                          guint              index)
{
  const LurkJsonToken *t = token (doc, index);

  if (t == NULL || t->type != LURK_JSON_STRING)
    return NULL;

  if (t->flags & FLAG_ESCAPED)
    return unescape (doc->data + t->start, doc->data + t->end);

  return g_strndup (doc->data + t->start, t->end - t->start);
}

char *
lurk_json_doc_dup_member_string (const LurkJsonDoc *doc,
                                 guint              object,
                                 const char        *key)
{
  return lurk_json_doc_dup_string (doc, lurk_json_doc_member (doc, object, key));
}

gboolean
lurk_json_doc_string_equal (const LurkJsonDoc *doc,
                            guint              index,
                            const char        *str)
{
  const LurkJsonToken *t = token (doc, index);

  if (t == NULL || t->type != LURK_JSON_STRING)
    return FALSE;

  return key_equal (doc, t, str, strlen (str));
}

gboolean
lurk_json_doc_get_int (const LurkJsonDoc *doc,
                       guint              index,
                       gint64            *value)
{
  const LurkJsonToken *t = token (doc, index);
  const char *p;
  const char *end;
  gboolean negative = FALSE;
  guint64 v = 0;

  if (t == NULL || t->type != LURK_JSON_NUMBER)
    return FALSE;

  p = doc->data + t->start;
  end = doc->data + t->end;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }

  for (; p < end && g_ascii_isdigit (*p); p++)
    {
      if (v > (G_MAXUINT64 - 9) / 10)
        return FALSE;
      v = v * 10 + (guint64) (*p - '0');
    }

  if (p < end)
    {
      /* A fraction or an exponent: rare, take the slow path. */
      g_autofree char *copy = g_strndup (doc->data + t->start, t->end - t->start);
      double d = g_ascii_strtod (copy, NULL);

      if (!(d > (double) G_MININT64 && d < (double) G_MAXINT64))
        return FALSE;
      *value = (gint64) d;
      return TRUE;
    }

  if (negative)
    {
      if (v > (guint64) G_MAXINT64 + 1)
        return FALSE;
      *value = v == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) v;
    }
  else
    {
      if (v > (guint64) G_MAXINT64)
        return FALSE;
      *value = (gint64) v;
    }

  return TRUE;
}

gint64
lurk_json_doc_member_int (const LurkJsonDoc *doc,
                          guint              object,
                          const char        *key,
                          gint64             default_value)
{
  gint64 value = default_value;

  if (!lurk_json_doc_get_int (doc, lurk_json_doc_member (doc, object, key), &value))
    return default_value;
  return value;
}

gboolean
lurk_json_doc_member_true (const LurkJsonDoc *doc,
                           guint              object,
                           const char        *key)
{
  return lurk_json_doc_get_type (doc, lurk_json_doc_member (doc, object, key)) == LURK_JSON_TRUE;
}

char *
lurk_json_doc_dup_raw (const LurkJsonDoc *doc,
                       guint              index)
{
  const LurkJsonToken *t = token (doc, index);

  if (t == NULL)
    return NULL;
  if (t->type == LURK_JSON_STRING)
    return g_strndup (doc->data + t->start - 1, t->end - t->start + 2);
  return g_strndup (doc->data + t->start, t->end - t->start);
}

gboolean
lurk_json_doc_get_string_span (const LurkJsonDoc *doc,
                               guint              index,
                               LurkJsonSpan      *span)
{
  const LurkJsonToken *t = token (doc, index);

  if (t == NULL || t->type != LURK_JSON_STRING)
    {
      span->data = NULL;
      span->length = 0;
      span->escaped = FALSE;
      return FALSE;
    }

  span->data = doc->data + t->start;
  span->length = t->end - t->start;
  span->escaped = (t->flags & FLAG_ESCAPED) != 0;
  return TRUE;
}

gboolean
lurk_json_doc_get_member_span (const LurkJsonDoc *doc,
                               guint              object,
                               const char        *key,
                               LurkJsonSpan      *span)
{
  return lurk_json_doc_get_string_span (doc, lurk_json_doc_member (doc, object, key), span);
}

gboolean
lurk_json_doc_get_raw_span (const LurkJsonDoc *doc,
                            guint              index,
                            LurkJsonSpan      *span)
{
  const LurkJsonToken *t = token (doc, index);

  span->escaped = FALSE;
  if (t == NULL)
    {
      span->data = NULL;
      span->length = 0;
      return FALSE;
    }

  if (t->type == LURK_JSON_STRING)
    {
      span->data = doc->data + t->start - 1;
      span->length = t->end - t->start + 2;
    }
  else
    {
      span->data = doc->data + t->start;
      span->length = t->end - t->start;
    }
  return TRUE;
}

void
lurk_json_span_set_string (LurkJsonSpan *span,
                           const char   *str)
{
  gsize length = str != NULL ? strlen (str) : 0;

  g_return_if_fail (length < G_MAXUINT32);

  span->data = str;
  span->length = (guint32) length;
  span->escaped = FALSE;
}

gsize
lurk_json_span_copy (const LurkJsonSpan *span,
                     char               *out)
{
  if (span->escaped)
    return unescape_into (span->data, span->data + span->length, out);

  memcpy (out, span->data, span->length);
  out[span->length] = '\0';
  return span->length;
}

gpointer
lurk_json_spans_pack (const LurkJsonSpan *spans,
                      char              **dests[],
                      guint               n_spans,
                      gsize               prefix)
{
  gsize total = prefix;
  char *block;
  char *p;

  for (guint i = 0; i < n_spans; i++)
    {
      if (spans[i].data != NULL)
        total += spans[i].length + 1;
    }

  block = g_malloc (total);
  memset (block, 0, prefix);
  p = block + prefix;
  for (guint i = 0; i < n_spans; i++)
    {
      if (spans[i].data == NULL)
        {
          *dests[i] = NULL;
          continue;
        }
      *dests[i] = p;
      p += lurk_json_span_copy (&spans[i], p) + 1;
    }

  return block;
}

static gboolean
read_digits (const char **p,
             guint        n,
             int         *value)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      v = v * 10 + ((*p)[i] - '0');
    }
  *p += n;
  *value = v;
  return TRUE;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era;
  gint64 yoe;
  gint64 doy;
  gint64 doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

gboolean
lurk_rfc3339_parse (const char *str,
                    gint64     *usec)
{
  static const int days_in_month[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  const char *p = str;
  int year, month, day, hour, minute, second;
  gint64 fraction = 0;
  gint64 offset = 0;
  gint64 result;

  if (str == NULL)
    return FALSE;

  if (!read_digits (&p, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, &day) || (*p != 'T' && *p != 't' && *p != ' ') || !*p++ ||
      !read_digits (&p, 2, &hour) || *p++ != ':' ||
      !read_digits (&p, 2, &minute) || *p++ != ':' ||
      !read_digits (&p, 2, &second))
    return FALSE;

  if (month < 1 || month > 12 || day < 1 || day > days_in_month[month - 1] ||
      hour > 23 || minute > 59 || second > 60)
    return FALSE;
  if (month == 2 && day == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)))
    return FALSE;

  if (*p == '.')
    {
      gint64 scale = 100000;

      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          fraction += (*p - '0') * scale;
          scale /= 10;
        }
    }

  if (*p == 'Z' || *p == 'z')
    {
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      int oh, om;

      p++;
      if (!read_digits (&p, 2, &oh) || *p++ != ':' || !read_digits (&p, 2, &om) ||
          oh > 23 || om > 59)
        return FALSE;
      offset = sign * (oh * 3600 + om * 60);
    }
  else
    {
      return FALSE;
    }

  if (*p != '\0')
    return FALSE;

  if (second == 60)
    second = 59; /* a leap second: close enough */

  result = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  result -= offset;
  *usec = result * G_USEC_PER_SEC + fraction;
  return TRUE;
}
