/* test-eventsub-plan.c: the subscription plan and the message-id dedupe
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-dedup.h"
#include "lurk-subscription-plan.h"

static const LurkSubscriptionSpec *
find (GPtrArray  *plan,
      const char *type,
      const char *condition_key)
{
  for (guint i = 0; i < plan->len; i++)
    {
      const LurkSubscriptionSpec *spec = g_ptr_array_index (plan, i);

      if (g_str_equal (spec->type, type) &&
          (condition_key == NULL ||
           lurk_subscription_spec_get_condition (spec, condition_key) != NULL))
        return spec;
    }

  return NULL;
}

static void
test_viewer (void)
{
  g_autoptr(GPtrArray) plan = lurk_subscription_plan_build ("100", "7", 10, NULL);
  const char *paid[] = { "stream.online", "stream.offline", "channel.update",
                         "channel.shared_chat.begin", "channel.shared_chat.update",
                         "channel.shared_chat.end" };
  const char *chat[] = { "channel.chat.notification", "channel.chat.message",
                         "channel.chat.clear", "channel.chat.clear_user_messages",
                         "channel.chat.message_delete", "channel.chat_settings.update" };
  const LurkSubscriptionSpec *spec;

  /* 8 cost-1 subscriptions (raids both ways) and 6 free chat types, nothing
   * broadcaster-only: 8 of the budget of 10 */
  g_assert_cmpuint (plan->len, ==, 14);
  g_assert_cmpuint (lurk_subscription_plan_get_total_cost (plan), ==, 8);

  for (guint i = 0; i < G_N_ELEMENTS (paid); i++)
    {
      spec = find (plan, paid[i], NULL);
      g_assert_nonnull (spec);
      g_assert_cmpuint (spec->cost, ==, 1);
      g_assert_cmpstr (lurk_subscription_spec_get_condition (spec, "broadcaster_user_id"),
                       ==, "100");
      g_assert_null (lurk_subscription_spec_get_condition (spec, "user_id"));
    }
  g_assert_cmpstr (find (plan, "channel.update", NULL)->version, ==, "2");

  spec = find (plan, "channel.raid", "to_broadcaster_user_id");
  g_assert_nonnull (spec);
  g_assert_cmpstr (lurk_subscription_spec_get_condition (spec, "to_broadcaster_user_id"), ==,
                   "100");
  g_assert_null (lurk_subscription_spec_get_condition (spec, "from_broadcaster_user_id"));
  spec = find (plan, "channel.raid", "from_broadcaster_user_id");
  g_assert_nonnull (spec);
  g_assert_cmpuint (spec->cost, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (chat); i++)
    {
      spec = find (plan, chat[i], NULL);
      g_assert_nonnull (spec);
      g_assert_cmpuint (spec->cost, ==, 0);
      g_assert_cmpstr (lurk_subscription_spec_get_condition (spec, "broadcaster_user_id"),
                       ==, "100");
      g_assert_cmpstr (lurk_subscription_spec_get_condition (spec, "user_id"), ==, "7");
    }

  g_assert_null (find (plan, "channel.follow", NULL));
  g_assert_null (find (plan, "channel.subscribe", NULL));
}

static void
test_budget (void)
{
  g_autoptr(GPtrArray) plan = lurk_subscription_plan_build ("100", "7", 3, NULL);
  g_autoptr(GPtrArray) none = lurk_subscription_plan_build ("100", "7", 0, NULL);

  /* the budget keeps the highest priority paid types, and every free one */
  g_assert_cmpuint (lurk_subscription_plan_get_total_cost (plan), ==, 3);
  g_assert_nonnull (find (plan, "stream.online", NULL));
  g_assert_nonnull (find (plan, "stream.offline", NULL));
  g_assert_nonnull (find (plan, "channel.update", NULL));
  g_assert_null (find (plan, "channel.raid", NULL));
  g_assert_nonnull (find (plan, "channel.chat.notification", NULL));

  g_assert_cmpuint (lurk_subscription_plan_get_total_cost (none), ==, 0);
  g_assert_cmpuint (none->len, ==, 6);
}

static void
test_broadcaster (void)
{
  g_autoptr(GPtrArray) plan = lurk_subscription_plan_build ("7", "7", 10, NULL);
  const LurkSubscriptionSpec *follow;

  /* the user's own channel: everything is authorized, so everything is free */
  g_assert_cmpuint (lurk_subscription_plan_get_total_cost (plan), ==, 0);
  g_assert_nonnull (find (plan, "stream.online", NULL));
  g_assert_nonnull (find (plan, "channel.subscribe", NULL));
  g_assert_nonnull (find (plan, "channel.cheer", NULL));
  g_assert_nonnull (find (plan, "channel.hype_train.begin", NULL));
  g_assert_nonnull (find (plan, "channel.charity_campaign.donate", NULL));
  follow = find (plan, "channel.follow", NULL);
  g_assert_nonnull (follow);
  g_assert_cmpstr (follow->version, ==, "2");
  g_assert_cmpstr (lurk_subscription_spec_get_condition (follow, "moderator_user_id"), ==, "7");
  g_assert_cmpuint (plan->len, <=, 300);
}

static void
test_skip (void)
{
  const char *skip[] = { "channel.shared_chat.begin", "channel.raid (from)",
                         "channel.chat.message_delete", NULL };
  g_autoptr(GPtrArray) plan = lurk_subscription_plan_build ("100", "7", 10, skip);
  g_autofree char *to = NULL;

  g_assert_null (find (plan, "channel.shared_chat.begin", NULL));
  g_assert_null (find (plan, "channel.raid", "from_broadcaster_user_id"));
  g_assert_nonnull (find (plan, "channel.raid", "to_broadcaster_user_id"));
  g_assert_null (find (plan, "channel.chat.message_delete", NULL));
  g_assert_cmpuint (plan->len, ==, 11);

  to = lurk_subscription_spec_describe (find (plan, "channel.raid", "to_broadcaster_user_id"));
  g_assert_cmpstr (to, ==, "channel.raid (to)");
}

static void
test_condition_json (void)
{
  g_autoptr(GPtrArray) plan = lurk_subscription_plan_build ("100", "7", 10, NULL);
  g_autoptr(JsonObject) condition =
    lurk_subscription_spec_dup_condition (find (plan, "channel.chat.message", NULL));
  g_autoptr(LurkSubscriptionSpec) copy =
    lurk_subscription_spec_copy (find (plan, "channel.chat.message", NULL));

  g_assert_cmpuint (json_object_get_size (condition), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (condition, "broadcaster_user_id"), ==, "100");
  g_assert_cmpstr (json_object_get_string_member (condition, "user_id"), ==, "7");
  g_assert_cmpstr (copy->type, ==, "channel.chat.message");
  g_assert_cmpstr (lurk_subscription_spec_get_condition (copy, "user_id"), ==, "7");
}

static void
test_dedup_window (void)
{
  g_autoptr(LurkDedup) dedup = lurk_dedup_new (LURK_DEDUP_DEFAULT_WINDOW_USEC, 1000);
  gint64 t0 = 1000 * G_TIME_SPAN_SECOND;

  g_assert_true (lurk_dedup_check_and_add (dedup, "a", t0));
  g_assert_false (lurk_dedup_check_and_add (dedup, "a", t0 + 1));
  g_assert_true (lurk_dedup_check_and_add (dedup, "b", t0 + 2));
  /* still remembered just inside 10 minutes */
  g_assert_false (lurk_dedup_check_and_add (dedup, "a", t0 + 10 * G_TIME_SPAN_MINUTE));
  g_assert_true (lurk_dedup_contains (dedup, "b", t0 + 10 * G_TIME_SPAN_MINUTE));
  /* forgotten after */
  g_assert_false (lurk_dedup_contains (dedup, "a", t0 + 10 * G_TIME_SPAN_MINUTE + 2));
  g_assert_cmpuint (lurk_dedup_get_size (dedup), ==, 1);
  g_assert_true (lurk_dedup_check_and_add (dedup, "a", t0 + 11 * G_TIME_SPAN_MINUTE));
}

static void
test_dedup_bounded (void)
{
  g_autoptr(LurkDedup) dedup = lurk_dedup_new (LURK_DEDUP_DEFAULT_WINDOW_USEC, 5000);

  /* more ids than the bound within the window: memory stays bounded, the newest are kept */
  for (guint i = 0; i < 12000; i++)
    {
      g_autofree char *id = g_strdup_printf ("id-%u", i);

      g_assert_true (lurk_dedup_check_and_add (dedup, id, i));
    }
  g_assert_cmpuint (lurk_dedup_get_size (dedup), ==, 5000);
  g_assert_false (lurk_dedup_check_and_add (dedup, "id-11999", 12000));
  g_assert_false (lurk_dedup_check_and_add (dedup, "id-7000", 12001));
  g_assert_true (lurk_dedup_check_and_add (dedup, "id-0", 12002));
}

static void
test_dedup_uuid (void)
{
  g_autoptr(LurkDedup) dedup = lurk_dedup_new (LURK_DEDUP_DEFAULT_WINDOW_USEC, 3000);
  const char *id = "0b1f6e6c-3f1d-4c56-9f0a-8c2d5b7e4a11";

  /* Twitch's ids are UUIDs (kept as 16 bytes); anything else is kept as it is */
  g_assert_true (lurk_dedup_check_and_add (dedup, id, 1));
  g_assert_false (lurk_dedup_check_and_add (dedup, id, 2));
  /* the same hex digits in capitals are another string, so another id */
  g_assert_true (lurk_dedup_check_and_add (dedup, "0B1F6E6C-3F1D-4C56-9F0A-8C2D5B7E4A11", 3));
  g_assert_true (lurk_dedup_check_and_add (dedup, "0b1f6e6c-3f1d-4c56-9f0a-8c2d5b7e4a1", 4));
  g_assert_true (lurk_dedup_check_and_add (dedup, "0b1f6e6c-3f1d-4c56-9f0a-8c2d5b7e4a112", 5));
  g_assert_false (lurk_dedup_check_and_add (dedup, "0B1F6E6C-3F1D-4C56-9F0A-8C2D5B7E4A11", 6));
  g_assert_cmpuint (lurk_dedup_get_size (dedup), ==, 4);

  /* many UUIDs and strings mixed, past the bound and through the ring's growth: the newest
   * 3000 are remembered, the older ones forgotten */
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-%012x", i * 2654435761u, i);
      g_autofree char *other = g_strdup_printf ("other-%u", i);

      g_assert_true (lurk_dedup_check_and_add (dedup, i % 3 ? uuid : other, 10 + i));
    }
  g_assert_cmpuint (lurk_dedup_get_size (dedup), ==, 3000);
  for (guint i = 7000; i < 10000; i++)
    {
      g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-%012x", i * 2654435761u, i);
      g_autofree char *other = g_strdup_printf ("other-%u", i);

      g_assert_true (lurk_dedup_contains (dedup, i % 3 ? uuid : other, 20000));
      g_assert_false (lurk_dedup_contains (dedup, i % 3 ? other : uuid, 20000));
    }
  for (guint i = 0; i < 7000; i += 7)
    {
      g_autofree char *uuid = g_strdup_printf ("%08x-0000-4000-8000-%012x", i * 2654435761u, i);

      g_assert_false (lurk_dedup_contains (dedup, uuid, 20000));
    }
  g_assert_false (lurk_dedup_contains (dedup, id, 20000));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/eventsub/plan/viewer", test_viewer);
  g_test_add_func ("/lurk/eventsub/plan/budget", test_budget);
  g_test_add_func ("/lurk/eventsub/plan/broadcaster", test_broadcaster);
  g_test_add_func ("/lurk/eventsub/plan/skip-degraded", test_skip);
  g_test_add_func ("/lurk/eventsub/plan/condition-json", test_condition_json);
  g_test_add_func ("/lurk/eventsub/dedup/window", test_dedup_window);
  g_test_add_func ("/lurk/eventsub/dedup/bounded", test_dedup_bounded);
  g_test_add_func ("/lurk/eventsub/dedup/uuid", test_dedup_uuid);

  return g_test_run ();
}
