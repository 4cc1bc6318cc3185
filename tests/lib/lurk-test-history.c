/* lurk-test-history.c: a store full of history, for tests and benchmarks
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-test-history.h"

const char * const lurk_test_history_channel_ids[LURK_TEST_HISTORY_N_CHANNELS] = {
  "141981764", "22484632", "71092938",
};
const char * const lurk_test_history_channel_logins[LURK_TEST_HISTORY_N_CHANNELS] = {
  "twitchdev", "lirik", "xqc",
};

#define BATCH 5000

/* a sub (kind cycle 0 of 5) on the favorite (channel 0) */
guint
lurk_test_history_unique_index (guint n_events)
{
  guint middle = n_events / 2;

  return middle - middle % (5 * LURK_TEST_HISTORY_N_CHANNELS);
}

/* Test data only: every value below is one of our own ASCII constants or a number, so the
 * JSON is written with printf for speed (100,000 events in about a second). */
LurkEvent *
lurk_test_history_event (guint  index,
                         guint  n_events,
                         gint64 newest_usec)
{
  guint channel = index % LURK_TEST_HISTORY_N_CHANNELS;
  const char *bid = lurk_test_history_channel_ids[channel];
  const char *blogin = lurk_test_history_channel_logins[channel];
  gint64 occurred = newest_usec - (gint64) index * 60 * G_USEC_PER_SEC;
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (occurred / G_USEC_PER_SEC);
  g_autofree char *stamp_base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *stamp = g_strdup_printf ("%s.%06dZ", stamp_base,
                                            (int) (occurred % G_USEC_PER_SEC));
  g_autofree char *id = g_strdup_printf ("hist-%08u", index);
  g_autofree char *login = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  const char *type = "channel.chat.notification";
  const char *version = "1";
  g_autoptr(GError) error = NULL;
  LurkEvent *event;

  if (index == lurk_test_history_unique_index (n_events))
    {
      login = g_strdup (LURK_TEST_HISTORY_UNIQUE_LOGIN);
      name = g_strdup (LURK_TEST_HISTORY_UNIQUE_NAME);
    }
  else
    {
      login = g_strdup_printf ("viewer%u", index % 997);
      name = g_strdup_printf ("Viewer%u", index % 997);
    }

  switch ((index / LURK_TEST_HISTORY_N_CHANNELS) % 5)
    {
    case 0:
      json = g_strdup_printf ("{\"broadcaster_user_id\":\"%s\",\"broadcaster_user_login\":\"%s\","
                              "\"broadcaster_user_name\":\"%s\",\"chatter_user_id\":\"9%u\","
                              "\"chatter_user_login\":\"%s\",\"chatter_user_name\":\"%s\","
                              "\"chatter_is_anonymous\":false,\"color\":\"\",\"badges\":[],"
                              "\"system_message\":\"%s subscribed at Tier 1.\","
                              "\"message_id\":\"m%u\",\"message\":{\"text\":\"\","
                              "\"fragments\":[]},\"notice_type\":\"sub\",\"sub\":{"
                              "\"sub_tier\":\"1000\",\"is_prime\":false,"
                              "\"duration_months\":1}}",
                              bid, blogin, blogin, index % 997, login, name, name, index);
      break;
    case 1:
      type = "channel.chat.message";
      json = g_strdup_printf ("{\"broadcaster_user_id\":\"%s\",\"broadcaster_user_login\":\"%s\","
                              "\"broadcaster_user_name\":\"%s\",\"chatter_user_id\":\"9%u\","
                              "\"chatter_user_login\":\"%s\",\"chatter_user_name\":\"%s\","
                              "\"message_id\":\"m%u\",\"message\":{\"text\":\"Cheer100 gg "
                              "number %u\",\"fragments\":[]},\"message_type\":\"text\","
                              "\"badges\":[],\"cheer\":{\"bits\":100},\"color\":\"\","
                              "\"reply\":null,\"channel_points_custom_reward_id\":null}",
                              bid, blogin, blogin, index % 997, login, name, index, index);
      break;
    case 2:
      type = "channel.raid";
      json = g_strdup_printf ("{\"from_broadcaster_user_id\":\"8%u\","
                              "\"from_broadcaster_user_login\":\"%s\","
                              "\"from_broadcaster_user_name\":\"%s\","
                              "\"to_broadcaster_user_id\":\"%s\",\"to_broadcaster_user_login\":"
                              "\"%s\",\"to_broadcaster_user_name\":\"%s\",\"viewers\":%u}",
                              index % 997, login, name, bid, blogin, blogin, 10 + index % 500);
      break;
    case 3:
      type = "channel.update";
      version = "2";
      json = g_strdup_printf ("{\"broadcaster_user_id\":\"%s\",\"broadcaster_user_login\":\"%s\","
                              "\"broadcaster_user_name\":\"%s\",\"title\":\"Stream number %u\","
                              "\"language\":\"en\",\"category_id\":\"509658\","
                              "\"category_name\":\"Just Chatting\","
                              "\"content_classification_labels\":[]}",
                              bid, blogin, blogin, index);
      break;
    default:
      type = "channel.chat.clear_user_messages";
      json = g_strdup_printf ("{\"broadcaster_user_id\":\"%s\",\"broadcaster_user_login\":\"%s\","
                              "\"broadcaster_user_name\":\"%s\",\"target_user_id\":\"9%u\","
                              "\"target_user_login\":\"%s\",\"target_user_name\":\"%s\"}",
                              bid, blogin, blogin, index % 997, login, name);
      break;
    }

  event = lurk_event_new_for_broadcaster (id, type, version, stamp, occurred + 1500, bid, json,
                                          -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);

  return event;
}

void
lurk_test_history_fill (LurkEventStore *store,
                        guint           n_events,
                        gint64          newest_usec)
{
  g_autoptr(GError) error = NULL;

  for (guint start = 0; start < n_events; start += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = start; i < MIN (start + BATCH, n_events); i++)
        g_ptr_array_add (batch, lurk_test_history_event (i, n_events, newest_usec));
      g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (lurk_event_store_update_search_index (store, &error));
  g_assert_no_error (error);
}
