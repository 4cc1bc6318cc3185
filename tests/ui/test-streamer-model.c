/* test-streamer-model.c: the events sidebar's model and rows, without a window
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "lurk-channel-header.h"
#include "lurk-event-model.h"
#include "lurk-event-row.h"
#include "lurk-event-slots.h"

static LurkEvent *
make_event (guint       n,
            const char *broadcaster_id,
            const char *notice_type,
            const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("msg-%04u", n);
  g_autofree char *when = g_strdup_printf ("2026-11-28T00:%02u:%02u.000000001Z", n / 60, n % 60);
  g_autofree char *json = g_strdup_printf (
    "{\"broadcaster_user_id\":\"%s\",\"broadcaster_user_login\":\"caster\","
    "\"broadcaster_user_name\":\"Caster\",\"chatter_user_id\":\"7%u\","
    "\"chatter_user_login\":\"user%u\",\"chatter_user_name\":\"User%u\","
    "\"chatter_is_anonymous\":false,\"color\":\"\",\"badges\":[],"
    "\"system_message\":\"something\",\"message_id\":\"m%u\","
    "\"message\":{\"text\":\"\",\"fragments\":[]},\"notice_type\":\"%s\",%s}",
    broadcaster_id, n, n, n, n, notice_type, extra);
  LurkEvent *event = lurk_event_new_from_json_string (id, "channel.chat.notification", "1", when,
                                                      g_get_real_time (), json, &error);

  g_assert_no_error (error);
  return event;
}

static LurkEvent *
make_sub (guint       n,
          const char *broadcaster_id)
{
  return make_event (n, broadcaster_id, "sub",
                     "\"sub\":{\"sub_tier\":\"1000\",\"is_prime\":false,\"duration_months\":1}");
}

/* A sub in a shared chat partner's channel, as it reaches the favorite's chat */
static LurkEvent *
make_partner_sub (guint n)
{
  return make_event (n, "100", "shared_chat_sub",
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
    g_ptr_array_add (batch, make_sub (i, "100"));

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
  g_ptr_array_add (batch, make_sub (16, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 10);
  g_assert_cmpuint (changes, ==, 3);

  lurk_event_model_mark_seen (model);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 0);

  /* History merged later never pushes out newer events, and is not "new". */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_sub (3, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 0);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_sub (17, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 1);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 0);

  /* A smaller limit drops the oldest now; another channel empties it. */
  lurk_event_model_set_limit (model, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  lurk_event_model_set_broadcaster_id (model, "200");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
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
  g_ptr_array_add (batch, make_sub (1, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 1);
  g_assert_cmpuint (seen->len, ==, 0);

  /* a live batch of five, arriving 4, 2, 3, 6, 5: the newest three are shown, and the
   * announcement lists those in arrival order, after the list changed */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_sub (4, "100"));
  g_ptr_array_add (batch, make_sub (2, "100"));
  g_ptr_array_add (batch, make_sub (3, "100"));
  g_ptr_array_add (batch, make_sub (6, "100"));
  g_ptr_array_add (batch, make_sub (5, "100"));
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
  g_ptr_array_add (batch, make_sub (0, "100"));
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

  g_ptr_array_add (batch, make_sub (1, "100"));
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
  g_ptr_array_add (history, make_sub (1, "100"));
  g_ptr_array_add (history, make_sub (2, "100"));
  g_assert_cmpuint (lurk_event_model_merge (model, history), ==, 2);
  g_ptr_array_add (live, make_sub (2, "100"));
  g_ptr_array_add (live, make_sub (3, "100"));
  g_assert_cmpuint (lurk_event_model_add (model, live), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);

  /* the live one came first */
  g_ptr_array_set_size (history, 0);
  g_ptr_array_add (history, make_sub (3, "100"));
  g_ptr_array_add (history, make_sub (0, "100"));
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
  g_ptr_array_add (batch, make_event (6, "100", "raid",
                                      "\"raid\":{\"user_id\":\"42\",\"user_name\":\"Carol\","
                                      "\"user_login\":\"carol\",\"viewer_count\":312,"
                                      "\"profile_image_url\":\"\"}"));
  g_ptr_array_add (batch, make_event (7, "100", "raid",
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
  g_ptr_array_add (history, make_event (7, "100", "raid",
                                        "\"raid\":{\"user_id\":\"42\",\"user_name\":\"ChefByte\","
                                        "\"user_login\":\"chefbyte\",\"viewer_count\":236,"
                                        "\"profile_image_url\":\"\"}"));
  g_ptr_array_add (history, g_object_ref (raid));
  g_ptr_array_add (history, make_sub (1, "100"));
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

  g_ptr_array_add (events, make_event (first, "100", "community_sub_gift", community));
  for (guint i = 1; i <= total; i++)
    {
      g_autofree char *gift = g_strdup_printf (
        "\"sub_gift\":{\"duration_months\":1,\"cumulative_total\":null,"
        "\"recipient_user_id\":\"9%u\",\"recipient_user_name\":\"Kid%u\","
        "\"recipient_user_login\":\"kid%u\",\"sub_tier\":\"1000\","
        "\"community_gift_id\":\"%s\"}", i, i, i, bomb);

      g_ptr_array_add (events, make_event (first + i, "100", "sub_gift", gift));
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
  g_ptr_array_add (older, make_sub (1, "100"));
  g_ptr_array_add (older, make_sub (2, "100"));
  lurk_event_model_add (model, older);

  g_assert_cmpuint (lurk_event_model_add (model, bomb), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (lurk_event_model_get_n_new (model), ==, 3);
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (lurk_event_get_kind (first), ==, LURK_EVENT_KIND_COMMUNITY_SUB_GIFT);
  summary = lurk_event_dup_summary (first);
  g_assert_nonnull (strstr (summary, "20"));

  /* A gift outside any bomb is its own row. */
  g_ptr_array_add (single, make_event (40, "100", "sub_gift",
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
  g_ptr_array_add (history, make_sub (1, "100"));
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

static void
test_row_texts (void)
{
  g_autoptr(LurkEvent) raid = make_event (5, "100", "raid",
                                          "\"raid\":{\"user_id\":\"42\",\"user_name\":\"Carol\","
                                          "\"user_login\":\"carol\",\"viewer_count\":312,"
                                          "\"profile_image_url\":\"\"}");
  GtkWidget *row = g_object_ref_sink (lurk_event_row_new ());
  g_autofree char *text = NULL;
  g_autofree char *age = NULL;

  lurk_event_row_set_event (LURK_EVENT_ROW (row), raid);
  g_assert_cmpstr (lurk_event_row_get_amount (LURK_EVENT_ROW (row)), ==, "312 viewers");
  g_assert_nonnull (strstr (lurk_event_row_get_what (LURK_EVENT_ROW (row)), "312"));

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

static void
test_slots_new_destroy (void)
{
  LurkEventSlots *slots = lurk_event_slots_new ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == LURK_TYPE_EVENT_SLOT);
  g_assert_false (lurk_event_slots_sync (slots, NULL));
  g_assert_finalize_object (slots);
}

typedef struct
{
  guint position, removed, added, count;
} Change;

static void
slots_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static void
assert_slots_show (LurkEventSlots *slots,
                   LurkEventModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LurkEventSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);
      g_autoptr(LurkEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (lurk_event_slot_get_event (slot) == event);
    }
}

/* The list view's rows stay while a flood goes through: the slots (its items) are the same
 * objects, only their events change; items-changed only when the count changes. */
static void
test_slots_follow_model (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(LurkEventSlots) slots = lurk_event_slots_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  Change change = { 0 };
  guint n = 1;

  lurk_event_model_set_broadcaster_id (model, "100");
  g_signal_connect (slots, "items-changed", G_CALLBACK (slots_changed_cb), &change);

  /* 4 events: 4 slots appended. */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

    for (; n <= 4; n++)
      g_ptr_array_add (batch, make_sub (n, "100"));
    lurk_event_model_add (model, batch);
  }
  g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 4);
  assert_slots_show (slots, model);
  g_assert_false (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));

  /* A flood of 30 batches of 25: the 4 slots stay, 6 are appended once. */
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (before, g_list_model_get_item (G_LIST_MODEL (slots), i));
  for (guint b = 0; b < 30; b++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 25; i++, n++)
        g_ptr_array_add (batch, make_sub (n, "100"));
      lurk_event_model_add (model, batch);
      g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
      assert_slots_show (slots, model);
    }
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.position, ==, 4);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 6);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LurkEventSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);

      g_assert_true (slot == g_ptr_array_index (before, i));
    }

  /* One more event: only the top slot takes it at once, the rest on the next full sync. */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(LurkEventSlot) top = g_list_model_get_item (G_LIST_MODEL (slots), 0);
    g_autoptr(LurkEventSlot) second = g_list_model_get_item (G_LIST_MODEL (slots), 1);
    LurkEvent *second_before = lurk_event_slot_get_event (second);
    guint count = change.count;

    g_ptr_array_add (batch, make_sub (n++, "100"));
    lurk_event_model_add (model, batch);
    g_assert_true (lurk_event_slots_sync_newest (slots, G_LIST_MODEL (model)));
    g_assert_true (lurk_event_slot_get_event (top) == g_ptr_array_index (batch, 0));
    g_assert_true (lurk_event_slot_get_event (second) == second_before);
    g_assert_false (lurk_event_slots_sync_newest (slots, G_LIST_MODEL (model)));
    g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
    assert_slots_show (slots, model);
    g_assert_cmpuint (change.count, ==, count);
  }

  /* Another channel: the model empties, so do the slots. */
  lurk_event_model_set_broadcaster_id (model, "200");
  g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
  g_assert_cmpuint (change.count, ==, 3);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/ui/event-model/new-destroy", test_model_new_destroy);
  g_test_add_func ("/lurk/ui/event-model/bounded-newest-first", test_model_bounded_newest_first);
  g_test_add_func ("/lurk/ui/event-model/events-added", test_model_events_added);
  g_test_add_func ("/lurk/ui/event-model/partner-events", test_model_partner_events);
  g_test_add_func ("/lurk/ui/event-model/history-live-overlap", test_model_history_live_overlap);
  g_test_add_func ("/lurk/ui/event-model/raid-twins", test_model_raid_twins);
  g_test_add_func ("/lurk/ui/event-model/raid-twins-history", test_model_raid_twins_history);
  g_test_add_func ("/lurk/ui/event-model/gift-bomb", test_model_gift_bomb);
  g_test_add_func ("/lurk/ui/event-model/gift-bomb-history", test_model_gift_bomb_history);
  g_test_add_func ("/lurk/ui/event-row/texts", test_row_texts);
  g_test_add_func ("/lurk/ui/event-slots/new-destroy", test_slots_new_destroy);
  g_test_add_func ("/lurk/ui/event-slots/follow-model", test_slots_follow_model);
  g_test_add_func ("/lurk/ui/channel-header/new-destroy", test_header_new_destroy);

  return g_test_run ();
}
