/* test-event-row.c: an event's row in the sidebar, and the channel header, without a window
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "lurk-channel-header.h"
#include "lurk-event-row.h"
#include "lurk-test-events.h"

static void
test_row_texts (void)
{
  g_autoptr (LurkEvent) raid
    = lurk_test_chat_notification_new (5, "100", "raid",
                                       "\"raid\":{\"user_id\":\"42\",\"user_name\":\"Carol\","
                                       "\"user_login\":\"carol\",\"viewer_count\":312,"
                                       "\"profile_image_url\":\"\"}");
  GtkWidget *row = g_object_ref_sink (lurk_event_row_new ());
  g_autofree char *text = NULL;
  g_autofree char *age = NULL;

  lurk_event_row_set_event (LURK_EVENT_ROW (row), raid);
  g_assert_nonnull (strstr (lurk_event_row_get_what (LURK_EVENT_ROW (row)), "312"));
  /* The sentence says how many: no badge says it again (issue 18, item 12). */
  g_assert_null (lurk_event_row_get_amount (LURK_EVENT_ROW (row)));
  {
    g_autofree char *shown = lurk_event_row_dup_shown_text (LURK_EVENT_ROW (row));

    /* Nor a heading the name the sentence says. */
    g_assert_true (g_str_has_prefix (shown, "Raid from Carol with 312 viewers / "));
    g_assert_null (strstr (shown + 1, "Carol /"));
  }

  lurk_event_row_set_is_new (LURK_EVENT_ROW (row), TRUE);
  g_assert_true (gtk_widget_has_css_class (row, "new"));
  text = lurk_event_row_dup_text (LURK_EVENT_ROW (row));
  g_assert_true (g_str_has_prefix (text, "New: "));
  g_assert_nonnull (strstr (text, "312 viewers"));

  /* Relative times */
  age = lurk_format_relative_time (0, 5 * G_USEC_PER_SEC);
  g_assert_cmpstr (age, ==, "now");
  g_free (age);
  age = lurk_format_relative_time (0, 125 * G_USEC_PER_SEC);
  g_assert_cmpstr (age, ==, "2 min");
  g_free (age);
  age = lurk_format_uptime (0, G_GINT64_CONSTANT (3723) * G_USEC_PER_SEC);
  g_assert_cmpstr (age, ==, "1:02:03");

  lurk_event_row_set_event (LURK_EVENT_ROW (row), NULL);
  g_assert_finalize_object (row);
}

static void
test_header_new_destroy (void)
{
  GtkWidget *header = g_object_ref_sink (lurk_channel_header_new ());

  g_assert_false (lurk_channel_header_get_live (LURK_CHANNEL_HEADER (header)));
  g_assert_finalize_object (header);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/ui/event-row/texts", test_row_texts);
  g_test_add_func ("/lurk/ui/channel-header/new-destroy", test_header_new_destroy);

  return g_test_run ();
}
