/* test-json-scan.c: the EventSub hot path's JSON scanner (lurk-json-scan.c), directly
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every EventSub message goes through this scanner before anything reads it: what it accepts
 * becomes a row in the sidebar, what it refuses is dropped. So: it reads what Twitch sends
 * (structure, escapes, non-ASCII names, numbers), refuses what is not JSON with an error that
 * says where, and never lets a hostile message (deep nesting, bad UTF-8) through or down.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-json-scan.h"

/* Parses @text, asserting it is accepted. */
static void
parse_ok (LurkJsonDoc *doc,
          const char  *text)
{
  g_autoptr(GError) error = NULL;

  if (!lurk_json_doc_parse (doc, text, strlen (text), &error))
    g_error ("%s refused: %s", text, error->message);
  g_assert_no_error (error);
}

/* Parses @length bytes of @data, asserting they are refused with a message containing
 * @message. */
static void
parse_refused (const char *data,
               gsize       length,
               const char *message)
{
  g_autoptr(GError) error = NULL;
  LurkJsonDoc doc;

  g_assert_false (lurk_json_doc_parse (&doc, data, length, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  if (strstr (error->message, message) == NULL)
    g_error ("refused with \"%s\", expected \"%s\"", error->message, message);
  /* Nothing of a refused document can be read. */
  g_assert_null (lurk_json_doc_dup_string (&doc, LURK_JSON_ROOT));
  g_assert_cmpuint (lurk_json_doc_member (&doc, LURK_JSON_ROOT, "a"), ==, 0);
  lurk_json_doc_clear (&doc);
}

#define REFUSED(text, message) parse_refused ((text), sizeof (text) - 1, (message))

/* The string value of @key in the root object, unescaped. */
static char *
member_string (const char *text,
               const char *key)
{
  LurkJsonDoc doc;
  char *value;

  parse_ok (&doc, text);
  value = lurk_json_doc_dup_member_string (&doc, LURK_JSON_ROOT, key);
  lurk_json_doc_clear (&doc);

  return value;
}

static void
test_structure (void)
{
  const char *text = " {\"metadata\": {\"message_type\": \"notification\"},\n"
                     "  \"list\": [true, false, null, 7, \"x\", [], {}],\r\n"
                     "  \"event\": {\"id\":\"e1\",\"gift\":{\"total\":5}}, \"flag\": true}\t";
  LurkJsonDoc doc;
  guint list;
  guint event;
  guint child;
  LurkJsonType types[] = {
    LURK_JSON_TRUE, LURK_JSON_FALSE, LURK_JSON_NULL, LURK_JSON_NUMBER, LURK_JSON_STRING,
    LURK_JSON_ARRAY, LURK_JSON_OBJECT,
  };
  guint n = 0;
  g_autofree char *raw = NULL;
  g_autofree char *type = NULL;
  g_autofree char *repeated = NULL;

  parse_ok (&doc, text);
  g_assert_true (lurk_json_doc_is_object (&doc, LURK_JSON_ROOT));
  g_assert_cmpuint (doc.tokens[LURK_JSON_ROOT].next, ==, doc.n_tokens);

  /* Members by name, nested objects, and the message type the session dispatches on. */
  type = lurk_json_doc_dup_member_string (
    &doc, lurk_json_doc_object_member (&doc, LURK_JSON_ROOT, "metadata"), "message_type");
  g_assert_cmpstr (type, ==, "notification");
  event = lurk_json_doc_object_member (&doc, LURK_JSON_ROOT, "event");
  g_assert_true (lurk_json_doc_string_equal (&doc, lurk_json_doc_member (&doc, event, "id"),
                                             "e1"));
  g_assert_cmpint (lurk_json_doc_member_int (
                     &doc, lurk_json_doc_object_member (&doc, event, "gift"), "total", -1),
                   ==, 5);
  g_assert_true (lurk_json_doc_member_true (&doc, LURK_JSON_ROOT, "flag"));
  g_assert_false (lurk_json_doc_member_true (&doc, LURK_JSON_ROOT, "list"));

  /* An array's children in order; `next` skips a whole subtree. */
  list = lurk_json_doc_member (&doc, LURK_JSON_ROOT, "list");
  g_assert_cmpint (lurk_json_doc_get_type (&doc, list), ==, LURK_JSON_ARRAY);
  for (child = list + 1; child < doc.tokens[list].next; child = doc.tokens[child].next)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (types));
      g_assert_cmpint (lurk_json_doc_get_type (&doc, child), ==, types[n]);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (types));

  /* The exact text of an object, as received (the store keeps events raw). */
  raw = lurk_json_doc_dup_raw (&doc, event);
  g_assert_cmpstr (raw, ==, "{\"id\":\"e1\",\"gift\":{\"total\":5}}");

  /* Absent members, wrong types and the sentinel all read as absent. */
  g_assert_cmpuint (lurk_json_doc_member (&doc, LURK_JSON_ROOT, "missing"), ==, 0);
  g_assert_cmpuint (lurk_json_doc_object_member (&doc, LURK_JSON_ROOT, "flag"), ==, 0);
  g_assert_cmpuint (lurk_json_doc_member (&doc, list, "x"), ==, 0);
  g_assert_null (lurk_json_doc_dup_member_string (&doc, event, "gift"));
  g_assert_cmpint (lurk_json_doc_member_int (&doc, event, "id", -1), ==, -1);
  g_assert_null (lurk_json_doc_dup_string (&doc, 0));
  g_assert_null (lurk_json_doc_dup_string (&doc, doc.n_tokens));
  g_assert_cmpint (lurk_json_doc_get_type (&doc, doc.n_tokens + 10), ==, LURK_JSON_NULL);
  lurk_json_doc_clear (&doc);

  /* A repeated member: the last one counts, as json-glib reads it. */
  repeated = member_string ("{\"a\":\"1\",\"a\":\"2\"}", "a");
  g_assert_cmpstr (repeated, ==, "2");
}

/* Only the structure: a document with more values than fit inline still reads right. */
static void
test_many_tokens (void)
{
  g_autoptr(GString) text = g_string_new ("[");
  LurkJsonDoc doc;
  guint i = 0;
  gint64 value;

  for (guint n = 0; n < 3 * LURK_JSON_INLINE_TOKENS; n++)
    g_string_append_printf (text, "%s{\"n\":%u}", n > 0 ? "," : "", n);
  g_string_append_c (text, ']');

  parse_ok (&doc, text->str);
  for (guint child = LURK_JSON_ROOT + 1; child < doc.n_tokens; child = doc.tokens[child].next)
    {
      g_assert_true (lurk_json_doc_get_int (&doc, lurk_json_doc_member (&doc, child, "n"),
                                            &value));
      g_assert_cmpint (value, ==, i);
      i++;
    }
  g_assert_cmpuint (i, ==, 3 * LURK_JSON_INLINE_TOKENS);
  lurk_json_doc_clear (&doc);
}

static void
test_refused (void)
{
  REFUSED ("", "unexpected end of data");
  REFUSED ("   ", "unexpected end of data");
  REFUSED ("{\"a\":1", "unexpected end of data");
  REFUSED ("{\"a\":1,}", "expected a member name at byte 7");
  REFUSED ("[1,]", "expected a value at byte 3");
  REFUSED ("{\"a\" 1}", "at byte 5");
  REFUSED ("{a:1}", "expected a member name at byte 1");
  REFUSED ("{} {}", "expected the end of the data at byte 3");
  REFUSED ("nul", "expected a value");
  REFUSED ("True", "expected a value at byte 0");
  REFUSED ("'x'", "expected a value at byte 0");
  REFUSED ("[1 2]", "at byte 3");
  /* Bytes after a nul are still bytes: the length counts, not the terminator. */
  REFUSED ("{}\0{}", "expected the end of the data at byte 2");
}

static char *
nested (guint       depth,
        const char *inner)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  g_string_append (text, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, ']');

  return g_string_free (text, FALSE);
}

static void
test_depth (void)
{
  g_autofree char *deepest = nested (LURK_JSON_MAX_DEPTH, "\"deep\"");
  g_autofree char *too_deep = nested (LURK_JSON_MAX_DEPTH + 1, "\"deep\"");
  g_autofree char *hostile = NULL;
  LurkJsonDoc doc;
  guint index = LURK_JSON_ROOT;

  /* LURK_JSON_MAX_DEPTH levels of containers around a value: read to the bottom. */
  parse_ok (&doc, deepest);
  for (guint i = 0; i < LURK_JSON_MAX_DEPTH; i++)
    {
      g_assert_cmpint (lurk_json_doc_get_type (&doc, index), ==, LURK_JSON_ARRAY);
      index++;
    }
  g_assert_true (lurk_json_doc_string_equal (&doc, index, "deep"));
  lurk_json_doc_clear (&doc);

  /* One more is refused, and so is a message of nothing but brackets (a recursive scanner
   * would run out of stack long before the end). */
  parse_refused (too_deep, strlen (too_deep), "nested deeper than 64 levels");
  hostile = g_strnfill (1000 * 1000, '[');
  parse_refused (hostile, strlen (hostile), "nested deeper than 64 levels");
  g_free (hostile);
  hostile = g_strnfill (1000 * 1000, '{');
  parse_refused (hostile, strlen (hostile), "expected a member name at byte 1");
}

static void
test_utf8 (void)
{
  g_autofree char *name = member_string ("{\"name\":\"Zoë € 😀 日本\"}", "name");
  static const struct
  {
    const char *bytes;
    gsize       length;
    gsize       offset;
  } invalid[] = {
#define BAD(text, offset) { (text), sizeof (text) - 1, (offset) }
    BAD ("\"\x80\"", 1),                   /* a continuation byte alone */
    BAD ("\"ab\xC0\xAF\"", 3),             /* overlong '/' */
    BAD ("\"\xC1\xBF\"", 1),               /* overlong, two bytes */
    BAD ("\"\xE0\x80\xAF\"", 1),           /* overlong, three bytes */
    BAD ("\"\xF0\x80\x80\xAF\"", 1),       /* overlong, four bytes */
    BAD ("\"\xED\xA0\x80\"", 1),           /* a UTF-16 surrogate, encoded */
    BAD ("\"\xF4\x90\x80\x80\"", 1),       /* past U+10FFFF */
    BAD ("\"\xF5\x80\x80\x80\"", 1),       /* never a lead byte */
    BAD ("\"\xFF\"", 1),
    BAD ("\"\xE2\x82\"", 1),               /* cut short by the quote */
    BAD ("\"\xC3", 1),                     /* cut short by the end */
    BAD ("{\"k\xC3\x28\":1}", 3),          /* in a member name too */
#undef BAD
  };

  /* Names and titles in any script come back as they were sent. */
  g_assert_cmpstr (name, ==, "Zoë € 😀 日本");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *where = g_strdup_printf ("invalid UTF-8 at byte %zu", invalid[i].offset);

      parse_refused (invalid[i].bytes, invalid[i].length, where);
    }

  /* Outside strings, bytes >= 0x80 are no JSON at all. */
  REFUSED ("[\xC3\xA9]", "expected a value at byte 1");
}

static void
test_escapes (void)
{
  static const struct
  {
    const char *json;
    const char *text;
  } cases[] = {
    { "{\"s\":\"a\\\"b\"}", "a\"b" },
    { "{\"s\":\"back\\\\slash\"}", "back\\slash" },
    { "{\"s\":\"\\/path\\/\"}", "/path/" },
    { "{\"s\":\"\\b\\f\\n\\r\\t\"}", "\b\f\n\r\t" },
    { "{\"s\":\"caf\\u00e9\"}", "café" },
    { "{\"s\":\"caf\\u00E9\"}", "café" },
    { "{\"s\":\"\\u20AC5\"}", "€5" },
    /* A surrogate pair is one character; what cannot be a character becomes U+FFFD, so
     * every string handed on is valid UTF-8 without a nul in the middle. */
    { "{\"s\":\"\\ud83d\\ude00!\"}", "😀!" },
    { "{\"s\":\"\\ud83dx\"}", "\xEF\xBF\xBDx" },
    { "{\"s\":\"\\ude00\"}", "\xEF\xBF\xBD" },
    { "{\"s\":\"\\ud83d\\u0041\"}", "\xEF\xBF\xBD" "A" },
    { "{\"s\":\"a\\u0000b\"}", "a\xEF\xBF\xBD" "b" },
    { "{\"s\":\"\"}", "" },
  };
  g_autofree char *user = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = member_string (cases[i].json, "s");
      LurkJsonDoc doc;
      LurkJsonSpan span;
      g_autofree char *copy = NULL;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (g_utf8_validate (text, -1, NULL));

      /* The comparison and the span copy the event builder uses agree with the copy. */
      parse_ok (&doc, cases[i].json);
      g_assert_true (lurk_json_doc_string_equal (
        &doc, lurk_json_doc_member (&doc, LURK_JSON_ROOT, "s"), cases[i].text));
      g_assert_false (lurk_json_doc_string_equal (
        &doc, lurk_json_doc_member (&doc, LURK_JSON_ROOT, "s"), "something else"));
      g_assert_true (lurk_json_doc_get_member_span (&doc, LURK_JSON_ROOT, "s", &span));
      copy = g_malloc (span.length + 1);
      g_assert_cmpuint (lurk_json_span_copy (&span, copy), ==, strlen (cases[i].text));
      g_assert_cmpstr (copy, ==, cases[i].text);
      lurk_json_doc_clear (&doc);
    }

  /* An escaped member name is found under its unescaped name. */
  user = member_string ("{\"us\\u0065r\":\"ivy\"}", "user");
  g_assert_cmpstr (user, ==, "ivy");

  REFUSED ("\"\\x41\"", "expected a valid escape sequence at byte 1");
  REFUSED ("\"\\u12\"", "expected a \\u escape with four hexadecimal digits at byte 1");
  REFUSED ("\"\\u12g4\"", "expected a \\u escape with four hexadecimal digits at byte 1");
  REFUSED ("\"\\", "unexpected end of data, expected an escape sequence");
  REFUSED ("\"tab\there\"", "expected an escaped control character at byte 4");
  REFUSED ("\"line\nbreak\"", "expected an escaped control character at byte 5");
  REFUSED ("\"unterminated", "unexpected end of data");
}

static void
test_numbers (void)
{
  static const struct
  {
    const char *json;
    gint64      value;
  } ints[] = {
    { "0", 0 },
    { "-0", 0 },
    { "42", 42 },
    { "-17", -17 },
    { "9223372036854775807", G_MAXINT64 },
    { "-9223372036854775808", G_MININT64 },
    /* A fraction or an exponent is truncated toward zero. */
    { "1.9", 1 },
    { "-1.9", -1 },
    { "-0.5", 0 },
    { "1e3", 1000 },
    { "2.5E+2", 250 },
    { "12e-1", 1 },
  };
  static const char * const out_of_range[] = {
    "9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "99999999999999999999999", "1e19", "-1e19", "1e400",
  };
  static const char * const not_numbers[] = {
    "01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "0x10", "- 1", "1.e5", "Infinity",
    "NaN",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ints); i++)
    {
      LurkJsonDoc doc;
      gint64 value = 12345;

      parse_ok (&doc, ints[i].json);
      g_assert_cmpint (lurk_json_doc_get_type (&doc, LURK_JSON_ROOT), ==, LURK_JSON_NUMBER);
      g_assert_true (lurk_json_doc_get_int (&doc, LURK_JSON_ROOT, &value));
      g_assert_cmpint (value, ==, ints[i].value);
      lurk_json_doc_clear (&doc);
    }

  /* Valid JSON, but no gint64: read as absent, the value left alone. */
  for (guint i = 0; i < G_N_ELEMENTS (out_of_range); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"n\":%s}", out_of_range[i]);
      LurkJsonDoc doc;
      gint64 value = 12345;

      parse_ok (&doc, json);
      g_assert_false (lurk_json_doc_get_int (
        &doc, lurk_json_doc_member (&doc, LURK_JSON_ROOT, "n"), &value));
      g_assert_cmpint (value, ==, 12345);
      g_assert_cmpint (lurk_json_doc_member_int (&doc, LURK_JSON_ROOT, "n", -1), ==, -1);
      lurk_json_doc_clear (&doc);
    }

  for (guint i = 0; i < G_N_ELEMENTS (not_numbers); i++)
    {
      g_autofree char *json = g_strdup_printf ("[%s]", not_numbers[i]);

      parse_refused (json, strlen (json), "Invalid JSON");
    }

  /* A number in a string stays a string. */
  {
    LurkJsonDoc doc;
    gint64 value = 0;

    parse_ok (&doc, "{\"n\":\"5\"}");
    g_assert_false (lurk_json_doc_get_int (
      &doc, lurk_json_doc_member (&doc, LURK_JSON_ROOT, "n"), &value));
    lurk_json_doc_clear (&doc);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/json-scan/structure", test_structure);
  g_test_add_func ("/lurk/json-scan/many-tokens", test_many_tokens);
  g_test_add_func ("/lurk/json-scan/refused", test_refused);
  g_test_add_func ("/lurk/json-scan/depth", test_depth);
  g_test_add_func ("/lurk/json-scan/utf8", test_utf8);
  g_test_add_func ("/lurk/json-scan/escapes", test_escapes);
  g_test_add_func ("/lurk/json-scan/numbers", test_numbers);

  return g_test_run ();
}
