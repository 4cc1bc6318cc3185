/* fuzz-json-scan.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The EventSub hot path's own JSON scanner (lurk-json-scan.c): any bytes, then every
 * accessor on every token. Checks the scanner's invariants: an error exactly when it fails,
 * token bounds inside the input, `next` past the subtree, strings that come back as valid
 * UTF-8 and compare equal to themselves. Also the RFC 3339 parser on the same bytes. */

#include "lurk-json-scan.h"
#include "fuzz-common.h"

static const char * const keys[] = {
  "metadata", "payload", "message_type", "event", "subscription", "session", "id", "",
};

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LurkJsonDoc doc;
  gboolean ok;
  gint64 usec;

  fuzz_setup ();

  ok = lurk_json_doc_parse (&doc, (const char *) data, size, &error);
  g_assert (ok == (error == NULL));

  if (ok)
    {
      /* Token 0 is the "absent" sentinel, the root value is token 1. */
      g_assert (doc.n_tokens > 1);
      g_assert (doc.tokens[1].next == doc.n_tokens);

      for (guint i = 1; i < doc.n_tokens; i++)
        {
          const LurkJsonToken *t = &doc.tokens[i];
          g_autofree char *str = NULL;
          g_autofree char *raw = NULL;
          gint64 value = 0;

          g_assert (t->start <= t->end && t->end <= size);
          g_assert (t->next > i && t->next <= doc.n_tokens);

          lurk_json_doc_get_type (&doc, i);
          lurk_json_doc_is_object (&doc, i);
          str = lurk_json_doc_dup_string (&doc, i);
          g_assert ((str != NULL) == (lurk_json_doc_get_type (&doc, i) == LURK_JSON_STRING));
          if (str != NULL)
            {
              /* Unescaped, always valid UTF-8, and equal to itself through the comparison
               * the parsers use for keys and values. */
              g_assert (g_utf8_validate (str, -1, NULL));
              g_assert (lurk_json_doc_string_equal (&doc, i, str));
            }
          lurk_json_doc_get_int (&doc, i, &value);
          raw = lurk_json_doc_dup_raw (&doc, i);
          g_assert (raw != NULL);

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            {
              g_autofree char *member = NULL;

              lurk_json_doc_member (&doc, i, keys[k]);
              lurk_json_doc_object_member (&doc, i, keys[k]);
              member = lurk_json_doc_dup_member_string (&doc, i, keys[k]);
              g_assert (member == NULL || g_utf8_validate (member, -1, NULL));
              lurk_json_doc_member_int (&doc, i, keys[k], -1);
              lurk_json_doc_member_true (&doc, i, keys[k]);
            }
        }
    }
  /* The sentinel answers "absent" to everything. */
  g_assert (lurk_json_doc_dup_string (&doc, 0) == NULL);
  g_assert (lurk_json_doc_member (&doc, 0, "id") == 0);
  lurk_json_doc_clear (&doc);

  text = g_strndup ((const char *) data, size);
  lurk_rfc3339_parse (text, &usec);

  return 0;
}
