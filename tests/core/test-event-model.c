/* test-event-model.c: the sidebar's model of one channel's newest events (no widgets)
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-event-model.h"
#include "lurk-test-events.h"

static LurkEvent *
make_partner_sub (guint n)
{
  return lurk_test_chat_notification_new (
    n, "100", "shared_chat_sub",
    "\"shared_chat_sub\":{\"sub_tier\":\"1000\",\"is_prime\":false,"
    "\"duration_months\":1},\"source_broadcaster_user_id\":\"777\","
    "\"source_broadcaster_user_login\":\"partner\","
    "\"source_broadcaster_user_name\":\"Partner\"");
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_model_new_destroy (void)
{
  LurkEventModel *model = lurk_event_model_new (10);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == LURK_TYPE_EVENT);
  g_assert_finalize_object (model);
}

static void
test_model_bounded_newest_first (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  guint changes = 0;

  lurk_event_model_set_broadcaster_id (model, "100");
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* 15 events in one batch, in arrival order (the session let only this channel's
   * through, once each: test-eventsub-session's broadcaster-filter and duplicates). */
  for (guint i = 1; i <= 15; i++)
    g_ptr_array_add (batch, lurk_test_sub_new (i, "100"));

  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  g_assert_cmpuint (changes, ==, 1);

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(LurkEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *expected = g_strdup_printf ("msg-%04u", 15 - i);

      g_assert_cmpstr (lurk_event_get_id (event), ==, expected);
      g_assert_true (lurk_event_model_is_new (model, event));
    }
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 10);

  /* The next one goes on top, the oldest drops off: an insertion and a removal. */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (16, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  g_assert_cmpuint (changes, ==, 3);

  lurk_event_model_mark_seen (model);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 0);

  /* History merged later never pushes out newer events, and is not "new". */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (3, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 0);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (17, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 1);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 0);

  /* A smaller limit drops the oldest now; another channel empties it. */
  lurk_event_model_set_limit (model, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  lurk_event_model_set_broadcaster_id (model, "200");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

/* The id of the event at @position, or NULL past the end. */
static const char *
id_at (LurkEventModel *model,
       guint           position)
{
  g_autoptr(LurkEvent) event = g_list_model_get_item (G_LIST_MODEL (model), position);

  return event != NULL ? lurk_event_get_id (event) : NULL;
}

static void
test_model_late_event (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (3);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  lurk_event_model_set_broadcaster_id (model, "100");

  /* A batch out of order (a reconnect hands over what the old socket still had) is shown by
   * when Twitch sent each event, newest on top. */
  g_ptr_array_add (batch, lurk_test_sub_new (20, "100"));
  g_ptr_array_add (batch, lurk_test_sub_new (40, "100"));
  g_ptr_array_add (batch, lurk_test_sub_new (10, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 3);
  g_assert_cmpstr (id_at (model, 0), ==, "msg-0040");
  g_assert_cmpstr (id_at (model, 1), ==, "msg-0020");
  g_assert_cmpstr (id_at (model, 2), ==, "msg-0010");

  /* A late event newer than some shown goes between them; the oldest drops off. */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (30, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 1);
  g_assert_cmpstr (id_at (model, 0), ==, "msg-0040");
  g_assert_cmpstr (id_at (model, 1), ==, "msg-0030");
  g_assert_cmpstr (id_at (model, 2), ==, "msg-0020");
  g_assert_null (id_at (model, 3));

  /* One older than all three is not shown: nothing added, nothing new to announce. */
  lurk_event_model_mark_seen (model);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (5, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpstr (id_at (model, 2), ==, "msg-0020");
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 0);

  /* The same event twice (live, then again from the store) is one row. */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (40, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
}

static GPtrArray *make_gift_bomb (guint       first,
                                  const char *bomb,
                                  guint       total);

static void
events_added_cb (LurkEventModel *model,
                 GPtrArray      *added,
                 GPtrArray      *seen)
{
  g_assert_cmpuint (added->len, >, 0);
  g_ptr_array_add (seen, g_ptr_array_ref (added));
}

/* The model says what a live batch added to the list, in arrival order: not the chat's twin
 * of a raid, not the gifts folded into their gift bomb's row, not what did not make the
 * newest; nothing for the store's history. */
static void
test_model_events_added (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (3);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bomb = make_gift_bomb (20, "bomb-a", 4);
  g_autoptr(GError) error = NULL;
  GPtrArray *added;
  guint changes = 0;

  lurk_event_model_set_broadcaster_id (model, "100");
  g_signal_connect (model, "events-added", G_CALLBACK (events_added_cb), seen);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* history: shown, never announced */
  g_ptr_array_add (batch, lurk_test_sub_new (1, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 1);
  g_assert_cmpuint (seen->len, ==, 0);

  /* a live batch of five, arriving 4, 2, 3, 6, 5: the newest three are shown, and the
   * announcement lists those in arrival order, after the list changed */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (4, "100"));
  g_ptr_array_add (batch, lurk_test_sub_new (2, "100"));
  g_ptr_array_add (batch, lurk_test_sub_new (3, "100"));
  g_ptr_array_add (batch, lurk_test_sub_new (6, "100"));
  g_ptr_array_add (batch, lurk_test_sub_new (5, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 3);
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpuint (seen->len, ==, 1);
  added = g_ptr_array_index (seen, 0);
  g_assert_cmpuint (added->len, ==, 3);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (added, 0)), ==, "msg-0004");
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (added, 1)), ==, "msg-0006");
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (added, 2)), ==, "msg-0005");
  for (guint i = 0; i < added->len; i++)
    g_assert_true (lurk_event_model_is_new (model, g_ptr_array_index (added, i)));

  /* a gift bomb: one row, one event announced */
  lurk_event_model_set_limit (model, 10);
  g_assert_cmpuint (lurk_event_model_add (model, bomb), ==, 1);
  g_assert_cmpuint (seen->len, ==, 2);
  added = g_ptr_array_index (seen, 1);
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpint (lurk_event_get_kind (g_ptr_array_index (added, 0)), ==,
                   LURK_EVENT_KIND_COMMUNITY_SUB_GIFT);

  /* a batch with nothing new to show announces nothing */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, lurk_test_sub_new (0, "100"));
  lurk_event_model_set_limit (model, 4);
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 0);
  g_assert_cmpuint (seen->len, ==, 2);
}

/* The show-partner-events setting: a shared chat partner's events are shown, labelled, or
 * left out of the list (and so of the announcements and notifications) */
static void
test_model_partner_events (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LurkEvent) first = NULL;
  g_autofree char *summary = NULL;

  lurk_event_model_set_broadcaster_id (model, "100");
  g_signal_connect (model, "events-added", G_CALLBACK (events_added_cb), seen);
  g_assert_true (lurk_event_model_get_show_partner_events (model));

  g_ptr_array_add (batch, lurk_test_sub_new (1, "100"));
  g_ptr_array_add (batch, make_partner_sub (2));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  summary = lurk_event_dup_summary (first);
  g_assert_cmpstr (summary, ==, "User2 subscribed at Tier 1 (in Partner’s channel)");
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 2);

  /* left out: the one shown goes, later ones (live or stored) never come */
  g_object_set (model, "show-partner-events", FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 1);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_partner_sub (3));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 0);
  g_assert_cmpuint (seen->len, ==, 1);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_partner_sub (4));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* shown again from then on */
  lurk_event_model_set_show_partner_events (model, TRUE);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_partner_sub (5));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 1);
  g_assert_cmpuint (seen->len, ==, 2);
}

/* The store's answer and the live batches overlap while the history loads: an event shown
 * from one source is not shown again from the other, in either order. */
static void
test_model_history_live_overlap (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);

  lurk_event_model_set_broadcaster_id (model, "100");

  /* stored and delivered live: the history came first */
  g_ptr_array_add (history, lurk_test_sub_new (1, "100"));
  g_ptr_array_add (history, lurk_test_sub_new (2, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, history), ==, 2);
  g_ptr_array_add (live, lurk_test_sub_new (2, "100"));
  g_ptr_array_add (live, lurk_test_sub_new (3, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, live), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  /* the live one came first */
  g_ptr_array_set_size (history, 0);
  g_ptr_array_add (history, lurk_test_sub_new (3, "100"));
  g_ptr_array_add (history, lurk_test_sub_new (0, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, history), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 1);
}

/* channel.raid and the chat's raid notice of the same raid make one row. */
static void
test_model_raid_twins (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  LurkEvent *raid;

  lurk_event_model_set_broadcaster_id (model, "100");
  raid = lurk_event_new_from_json_string ("msg-raid", "channel.raid", "1",
                                          "2026-11-28T00:00:05.000000001Z", g_get_real_time (),
                                          "{\"from_broadcaster_user_id\":\"42\","
                                          "\"from_broadcaster_user_login\":\"carol\","
                                          "\"from_broadcaster_user_name\":\"Carol\","
                                          "\"to_broadcaster_user_id\":\"100\","
                                          "\"to_broadcaster_user_login\":\"caster\","
                                          "\"to_broadcaster_user_name\":\"Caster\","
                                          "\"viewers\":312}", &error);
  g_assert_no_error (error);
  g_ptr_array_add (batch, raid);
  g_ptr_array_add (
    batch, lurk_test_chat_notification_new (6, "100", "raid",
                                            "\"raid\":{\"user_id\":\"42\",\"user_name\":\"Carol\","
                                            "\"user_login\":\"carol\",\"viewer_count\":312,"
                                            "\"profile_image_url\":\"\"}"));
  g_ptr_array_add (
    batch, lurk_test_chat_notification_new (7, "100", "raid",
                                            "\"raid\":{\"user_id\":\"43\",\"user_name\":\"Dave\","
                                            "\"user_login\":\"dave\",\"viewer_count\":9,"
                                            "\"profile_image_url\":\"\"}"));

  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
}

/* The store's answer after a restart holds both twins too, in any order, possibly in
 * separate merges (history, then the live batch). */
static void
test_model_raid_twins_history (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) live = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEvent) shown = NULL;
  g_autofree char *summary = NULL;
  LurkEvent *raid;

  lurk_event_model_set_broadcaster_id (model, "100");
  raid = lurk_event_new_from_json_string ("msg-raid", "channel.raid", "1",
                                          "2026-11-28T00:00:06.000000001Z", g_get_real_time (),
                                          "{\"from_broadcaster_user_id\":\"42\","
                                          "\"from_broadcaster_user_login\":\"chefbyte\","
                                          "\"from_broadcaster_user_name\":\"ChefByte\","
                                          "\"to_broadcaster_user_id\":\"100\","
                                          "\"to_broadcaster_user_login\":\"caster\","
                                          "\"to_broadcaster_user_name\":\"Caster\","
                                          "\"viewers\":236}", &error);
  g_assert_no_error (error);
  /* Newest first, as the store lists them: the notice came a second after channel.raid. */
  g_ptr_array_add (history, lurk_test_chat_notification_new (
                              7, "100", "raid",
                              "\"raid\":{\"user_id\":\"42\",\"user_name\":\"ChefByte\","
                              "\"user_login\":\"chefbyte\",\"viewer_count\":236,"
                              "\"profile_image_url\":\"\"}"));
  g_ptr_array_add (history, g_object_ref (raid));
  g_ptr_array_add (history, lurk_test_sub_new (1, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, history), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  /* A resend of channel.raid after the history (another message id): still one row. */
  g_ptr_array_add (live, raid);
  g_assert_cmpuint (lurk_event_model_add (model, live), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1 + 1);

  shown = g_list_model_get_item (G_LIST_MODEL (model), 0);
  summary = lurk_event_dup_summary (shown);
  g_assert_cmpstr (summary, ==, "Raid from ChefByte with 236 viewers");
}

static GPtrArray *
make_gift_bomb (guint       first,
                const char *bomb,
                guint       total)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *community = g_strdup_printf (
    "\"community_sub_gift\":{\"id\":\"%s\",\"total\":%u,\"sub_tier\":\"1000\","
    "\"cumulative_total\":null}", bomb, total);

  g_ptr_array_add (events,
                   lurk_test_chat_notification_new (first, "100", "community_sub_gift", community));
  for (guint i = 1; i <= total; i++)
    {
      g_autofree char *gift = g_strdup_printf (
        "\"sub_gift\":{\"duration_months\":1,\"cumulative_total\":null,"
        "\"recipient_user_id\":\"9%u\",\"recipient_user_name\":\"Kid%u\","
        "\"recipient_user_login\":\"kid%u\",\"sub_tier\":\"1000\","
        "\"community_gift_id\":\"%s\"}", i, i, i, bomb);

      g_ptr_array_add (events,
                       lurk_test_chat_notification_new (first + i, "100", "sub_gift", gift));
    }

  return events;
}

/* A community gift of 20 is one community_sub_gift notice and 20 sub_gift notices with its
 * community_gift_id: one row, "… gifted 20 subs"; a sub gifted on its own stays a row. */
static void
test_model_gift_bomb (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) bomb = make_gift_bomb (10, "bomb-1", 20);
  g_autoptr(GPtrArray) single = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LurkEvent) first = NULL;
  g_autoptr(LurkEvent) second = NULL;
  g_autofree char *summary = NULL;

  lurk_event_model_set_broadcaster_id (model, "100");
  g_assert_cmpstr (lurk_event_get_community_gift_id (g_ptr_array_index (bomb, 0)), ==, "bomb-1");
  g_assert_cmpstr (lurk_event_get_community_gift_id (g_ptr_array_index (bomb, 20)), ==,
                   "bomb-1");
  g_ptr_array_add (older, lurk_test_sub_new (1, "100"));
  g_ptr_array_add (older, lurk_test_sub_new (2, "100"));
  lurk_event_model_add (model, older);

  g_assert_cmpuint (lurk_event_model_add (model, bomb), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (lurk_event_get_kind (first), ==, LURK_EVENT_KIND_COMMUNITY_SUB_GIFT);
  summary = lurk_event_dup_summary (first);
  g_assert_nonnull (strstr (summary, "20"));

  /* A gift outside any bomb is its own row. */
  g_ptr_array_add (single, lurk_test_chat_notification_new (
                             40, "100", "sub_gift",
                             "\"sub_gift\":{\"duration_months\":1,"
                             "\"cumulative_total\":null,\"recipient_user_id\":\"8\","
                             "\"recipient_user_name\":\"Solo\","
                             "\"recipient_user_login\":\"solo\",\"sub_tier\":\"1000\","
                             "\"community_gift_id\":null}"));
  g_assert_cmpuint (lurk_event_model_add (model, single), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  second = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (lurk_event_get_kind (second), ==, LURK_EVENT_KIND_SUB_GIFT);
  g_assert_null (lurk_event_get_community_gift_id (second));
}

/* From the store (newest first: the gifts before their community_sub_gift), and gifts shown
 * before the community_sub_gift arrives fold away when it does. */
static void
test_model_gift_bomb_history (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) bomb = make_gift_bomb (10, "bomb-2", 20);
  g_autoptr(GPtrArray) history = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) gifts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) community = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) other = make_gift_bomb (50, "bomb-3", 3);

  lurk_event_model_set_broadcaster_id (model, "100");
  for (guint i = bomb->len; i > 0; i--)
    g_ptr_array_add (history, g_object_ref (g_ptr_array_index (bomb, i - 1)));
  g_ptr_array_add (history, lurk_test_sub_new (1, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, history), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  /* Another bomb's gifts first, its community_sub_gift later. */
  for (guint i = 1; i < other->len; i++)
    g_ptr_array_add (gifts, g_object_ref (g_ptr_array_index (other, i)));
  g_ptr_array_add (community, g_object_ref (g_ptr_array_index (other, 0)));
  g_assert_cmpuint (lurk_event_model_add (model, gifts), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5);
  g_assert_cmpuint (lurk_event_model_add (model, community), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/event-model/new-destroy", test_model_new_destroy);
  g_test_add_func ("/lurk/event-model/bounded-newest-first", test_model_bounded_newest_first);
  g_test_add_func ("/lurk/event-model/late-event", test_model_late_event);
  g_test_add_func ("/lurk/event-model/events-added", test_model_events_added);
  g_test_add_func ("/lurk/event-model/partner-events", test_model_partner_events);
  g_test_add_func ("/lurk/event-model/history-live-overlap", test_model_history_live_overlap);
  g_test_add_func ("/lurk/event-model/raid-twins", test_model_raid_twins);
  g_test_add_func ("/lurk/event-model/raid-twins-history", test_model_raid_twins_history);
  g_test_add_func ("/lurk/event-model/gift-bomb", test_model_gift_bomb);
  g_test_add_func ("/lurk/event-model/gift-bomb-history", test_model_gift_bomb_history);

  return g_test_run ();
}
