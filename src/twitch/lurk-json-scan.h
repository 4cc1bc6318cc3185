/* lurk-json-scan.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A small validating JSON scanner for the EventSub hot path (see lurk-eventsub-message.c for
 * why it exists). It checks the whole input against RFC 8259 (including UTF-8) and records
 * one flat token per value, without copying anything: strings are unescaped only when a
 * caller asks for them. Tokens are in document order; an object's children alternate key and
 * value, and every token knows the index just past its subtree, so skipping a member is O(1).
 *
 * After a successful parse the root value is LURK_JSON_ROOT (1). Index 0 never names a value
 * (tokens[0] is a zeroed placeholder no accessor reads): a lookup that finds nothing returns
 * 0, and every accessor treats 0, an index past the last token (so any index after a failed
 * parse or lurk_json_doc_clear()) and a value of the wrong type as absent: it returns NULL,
 * FALSE, 0 or the default. So the result of a lookup can be passed on without a check.
 * lurk_json_doc_get_type() has no "absent": it returns LURK_JSON_NULL, as for a JSON null;
 * lurk_json_doc_member() != 0 tells the two apart. */

#define LURK_JSON_ROOT 1

typedef enum
{
  LURK_JSON_NULL,
  LURK_JSON_FALSE,
  LURK_JSON_TRUE,
  LURK_JSON_NUMBER,
  LURK_JSON_STRING,
  LURK_JSON_ARRAY,
  LURK_JSON_OBJECT,
} LurkJsonType;

typedef struct
{
  guint32 start; /* first byte; for strings the byte after the opening quote */
  guint32 end;   /* one past the last byte; for strings the closing quote */
  guint32 next;  /* the index of the first token after this value's subtree */
  guint16 type;  /* LurkJsonType */
  guint16 flags;
} LurkJsonToken;

#define LURK_JSON_MAX_DEPTH 64
#define LURK_JSON_INLINE_TOKENS 512

typedef struct
{
  const char    *data;
  gsize          length;
  LurkJsonToken *tokens;
  guint          n_tokens;
  guint          allocated;
  LurkJsonToken  inline_tokens[LURK_JSON_INLINE_TOKENS];
} LurkJsonDoc;

/* Parses @data (not necessarily nul-terminated); on failure a LURK_ERROR_MALFORMED error
 * says what and where. Always call lurk_json_doc_clear() afterwards, even on failure. */
gboolean      lurk_json_doc_parse        (LurkJsonDoc  *doc,
                                          const char   *data,
                                          gsize         length,
                                          GError      **error);
void          lurk_json_doc_clear        (LurkJsonDoc  *doc);

LurkJsonType  lurk_json_doc_get_type     (const LurkJsonDoc *doc,
                                          guint              index);
gboolean      lurk_json_doc_is_object    (const LurkJsonDoc *doc,
                                          guint              index);
/* The value of @key in the object at @object, or 0 when absent or @object is no object. */
guint         lurk_json_doc_member       (const LurkJsonDoc *doc,
                                          guint              object,
                                          const char        *key);
/* Like lurk_json_doc_member() but only returns objects. */
guint         lurk_json_doc_object_member (const LurkJsonDoc *doc,
                                           guint              object,
                                           const char        *key);
/* Newly allocated unescaped string, or NULL when @index is not a string. */
char         *lurk_json_doc_dup_string   (const LurkJsonDoc *doc,
                                          guint              index);
char         *lurk_json_doc_dup_member_string (const LurkJsonDoc *doc,
                                               guint              object,
                                               const char        *key);
/* TRUE when the string at @index equals @str exactly. */
gboolean      lurk_json_doc_string_equal (const LurkJsonDoc *doc,
                                          guint              index,
                                          const char        *str);
/* Integers: FALSE (and *value untouched) unless @index is a number that fits a gint64;
 * a number with a fraction or exponent is truncated toward zero. */
gboolean      lurk_json_doc_get_int      (const LurkJsonDoc *doc,
                                          guint              index,
                                          gint64            *value);
gint64        lurk_json_doc_member_int   (const LurkJsonDoc *doc,
                                          guint              object,
                                          const char        *key,
                                          gint64             default_value);
/* TRUE only for the literal true. */
gboolean      lurk_json_doc_member_true  (const LurkJsonDoc *doc,
                                          guint              object,
                                          const char        *key);
/* The raw bytes of a value (for objects, the exact text as received). */
char         *lurk_json_doc_dup_raw      (const LurkJsonDoc *doc,
                                          guint              index);

/* Spans: a value's bytes where they are in the scanned data, to be copied later (all the
 * strings an event keeps go into one allocation, lurk_json_spans_pack()). A string span is
 * the text between the quotes, still escaped when @escaped; unescaping never makes a string
 * longer, so @length + 1 bytes always hold the copy. */
typedef struct
{
  const char *data;    /* NULL: absent */
  guint32     length;
  guint32     escaped;
} LurkJsonSpan;

/* FALSE (and an absent @span) when @index is not a string. */
gboolean      lurk_json_doc_get_string_span (const LurkJsonDoc *doc,
                                             guint              index,
                                             LurkJsonSpan      *span);
gboolean      lurk_json_doc_get_member_span (const LurkJsonDoc *doc,
                                             guint              object,
                                             const char        *key,
                                             LurkJsonSpan      *span);
/* The raw bytes of any value (for strings, with the quotes), never escaped. */
gboolean      lurk_json_doc_get_raw_span    (const LurkJsonDoc *doc,
                                             guint              index,
                                             LurkJsonSpan      *span);
/* A nul-terminated string, or absent for NULL. */
void          lurk_json_span_set_string     (LurkJsonSpan      *span,
                                             const char        *str);
/* Writes the span's text, unescaped, and a nul to @out (room for span->length + 1 bytes);
 * returns the number of bytes written before the nul. */
gsize         lurk_json_span_copy           (const LurkJsonSpan *span,
                                             char               *out);
/* One block: @prefix bytes for the caller (zeroed), then a copy of each present span;
 * *dests[i] points at the copy of spans[i], or is NULL when it is absent. Free with g_free(). */
gpointer      lurk_json_spans_pack          (const LurkJsonSpan *spans,
                                             char              **dests[],
                                             guint               n_spans,
                                             gsize               prefix);

/* RFC 3339 date-time (any number of fraction digits, Z or ±hh:mm) to microseconds since the
 * epoch. FALSE when @str is not one. */
gboolean      lurk_rfc3339_parse         (const char        *str,
                                          gint64            *usec);

G_END_DECLS
