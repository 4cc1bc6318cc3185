/* test-event.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-eventsub-message.h"
#include "lurk-test-fixtures.h"

typedef struct
{
  const char    *fixture;
  LurkEventKind  kind;
  const char    *actor_login;
  const char    *target_login;
  const char    *tier;
  guint          months;
  guint          streak;
  gint64         count;
  const char    *title;
  const char    *category;
  const char    *message_text;
  const char    *phase;
  const char    *notice_type;
  const char    *summary;
} Case;

/* Every fixture in tests/fixtures/eventsub that is a notification with an event. */
static const Case cases[] = {
  { "stream-online", LURK_EVENT_KIND_STREAM_ONLINE, NULL, NULL, NULL, 0, 0, 0,
    "live", NULL, NULL, NULL, NULL, "Stream went live" },
  { "stream-offline", LURK_EVENT_KIND_STREAM_OFFLINE, NULL, NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "Stream went offline" },
  { "channel-update", LURK_EVENT_KIND_CHANNEL_UPDATE, NULL, NULL, NULL, 0, 0, 0,
    "Speedrunning all the things", "Celeste", NULL, NULL, NULL,
    "Title changed to “Speedrunning all the things” in Celeste" },
  { "channel-raid-in", LURK_EVENT_KIND_RAID_IN, "carol", "cool_streamer", NULL, 0, 0, 312,
    NULL, NULL, NULL, NULL, NULL, "Raid from Carol with 312 viewers" },
  { "channel-raid-out", LURK_EVENT_KIND_RAID_OUT, "cool_streamer", "dave", NULL, 0, 0, 40,
    NULL, NULL, NULL, NULL, NULL, "Raiding Dave with 40 viewers" },
  { "shared-chat-begin", LURK_EVENT_KIND_SHARED_CHAT_BEGIN, "partner", NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, "begin", NULL, "Shared chat with Partner started" },
  { "shared-chat-update", LURK_EVENT_KIND_SHARED_CHAT_UPDATE, "partner", NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, "update", NULL, "Shared chat changed" },
  { "shared-chat-end", LURK_EVENT_KIND_SHARED_CHAT_END, "partner", NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, "end", NULL, "Shared chat ended" },
  { "chat-message-cheer", LURK_EVENT_KIND_CHEER, "erin", NULL, NULL, 0, 0, 100,
    NULL, NULL, "Cheer100 great stream!", NULL, "text", "Erin cheered 100 bits" },
  { "chat-message-highlighted", LURK_EVENT_KIND_HIGHLIGHTED_MESSAGE, "erin", NULL, NULL, 0, 0, 0,
    NULL, NULL, "look at me!", NULL, "channel_points_highlighted",
    "Erin highlighted a message: look at me!" },
  { "chat-message-first", LURK_EVENT_KIND_FIRST_MESSAGE, "erin", NULL, NULL, 0, 0, 0,
    NULL, NULL, "hi everyone, first time here", NULL, "user_intro",
    "First message from Erin: hi everyone, first time here" },
  { "chat-message-gigantified", LURK_EVENT_KIND_POWER_UP, "erin", NULL, NULL, 0, 0, 0,
    NULL, NULL, "PogChamp", NULL, "power_ups_gigantified_emote", "Erin gigantified an emote" },
  { "chat-message-effect", LURK_EVENT_KIND_POWER_UP, "erin", NULL, NULL, 0, 0, 0,
    NULL, NULL, "hype!", NULL, "power_ups_message_effect", "Erin sent a message with an effect" },
  { "notice-sub", LURK_EVENT_KIND_SUB, "alice", NULL, "1000", 1, 0, 0,
    NULL, NULL, "", NULL, "sub", "Alice subscribed at Tier 1" },
  { "notice-sub-prime", LURK_EVENT_KIND_SUB, "alice", NULL, "prime", 1, 0, 0,
    NULL, NULL, "", NULL, "sub", "Alice subscribed with Prime" },
  { "notice-resub", LURK_EVENT_KIND_RESUB, "alice", NULL, "1000", 5, 3, 0,
    NULL, NULL, "5 months already!", NULL, "resub", "Alice subscribed at Tier 1 for 5 months" },
  { "notice-sub-gift", LURK_EVENT_KIND_SUB_GIFT, "bob", "carol", "1000", 1, 0, 1,
    NULL, NULL, "", NULL, "sub_gift", "Bob gifted a sub to Carol" },
  { "notice-community-sub-gift", LURK_EVENT_KIND_COMMUNITY_SUB_GIFT, "bob", NULL, "1000", 0, 0, 20,
    NULL, NULL, "", NULL, "community_sub_gift", "Bob gifted 20 subs" },
  { "notice-community-sub-gift-anonymous", LURK_EVENT_KIND_COMMUNITY_SUB_GIFT,
    "ananonymousgifter", NULL, "2000", 0, 0, 5, NULL, NULL, "", NULL, "community_sub_gift",
    "An anonymous user gifted 5 subs" },
  { "notice-gift-paid-upgrade", LURK_EVENT_KIND_GIFT_PAID_UPGRADE, "alice", "bob", NULL, 0, 0, 0,
    NULL, NULL, "", NULL, "gift_paid_upgrade", "Alice continued the gift sub from Bob" },
  { "notice-prime-paid-upgrade", LURK_EVENT_KIND_PRIME_PAID_UPGRADE, "alice", NULL, "1000", 0, 0,
    0, NULL, NULL, "", NULL, "prime_paid_upgrade", "Alice upgraded from Prime to Tier 1" },
  { "notice-raid", LURK_EVENT_KIND_RAID_IN, "carol", NULL, NULL, 0, 0, 312,
    NULL, NULL, "", NULL, "raid", "Raid from Carol with 312 viewers" },
  { "notice-unraid", LURK_EVENT_KIND_UNRAID, "cool_streamer", NULL, NULL, 0, 0, 0,
    NULL, NULL, "", NULL, "unraid", "The raid was cancelled" },
  { "notice-pay-it-forward", LURK_EVENT_KIND_PAY_IT_FORWARD, "alice", "bob", NULL, 0, 0, 0,
    NULL, NULL, "", NULL, "pay_it_forward", "Alice paid forward the gift from Bob" },
  { "notice-announcement", LURK_EVENT_KIND_ANNOUNCEMENT, "cool_streamer", NULL, NULL, 0, 0, 0,
    NULL, NULL, "Giveaway at 100 followers!", NULL, "announcement",
    "Announcement from Cool_streamer: Giveaway at 100 followers!" },
  { "notice-bits-badge-tier", LURK_EVENT_KIND_BITS_BADGE_TIER, "erin", NULL, NULL, 0, 0, 1000,
    NULL, NULL, "", NULL, "bits_badge_tier", "Erin unlocked the 1000 Bits badge" },
  { "notice-charity-donation", LURK_EVENT_KIND_CHARITY_DONATION, "gina", NULL, NULL, 0, 0, 0,
    "Example Charity", NULL, "", NULL, "charity_donation",
    "Gina donated 5.00 USD to Example Charity" },
  { "notice-shared-chat-sub", LURK_EVENT_KIND_SUB, "alice", NULL, "2000", 3, 0, 0,
    NULL, NULL, "", NULL, "shared_chat_sub",
    "Alice subscribed at Tier 2 for 3 months (in Partner’s channel)" },
  { "notice-shared-chat-raid", LURK_EVENT_KIND_RAID_IN, "carol", NULL, NULL, 0, 0, 12,
    NULL, NULL, "", NULL, "shared_chat_raid",
    "Raid from Carol with 12 viewers (in a shared chat partner’s channel)" },
  { "notice-watch-streak", LURK_EVENT_KIND_UNKNOWN, "alice", NULL, NULL, 0, 0, 0,
    NULL, NULL, "", NULL, "watch_streak",
    "alice watched 7 consecutive streams this month and sparked a watch streak!" },
  { "chat-clear", LURK_EVENT_KIND_CHAT_CLEAR, NULL, NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "Chat was cleared" },
  { "chat-clear-user", LURK_EVENT_KIND_CHAT_CLEAR_USER, NULL, "frank", NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "Frank was timed out or banned" },
  { "chat-message-delete", LURK_EVENT_KIND_MESSAGE_DELETE, NULL, "frank", NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "A message from Frank was deleted" },
  { "chat-settings", LURK_EVENT_KIND_CHAT_SETTINGS, NULL, NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL,
    "Chat settings changed: slow mode (30 seconds), subscribers-only" },
  { "follow", LURK_EVENT_KIND_FOLLOW, "henry", NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "Henry followed" },
  { "subscribe", LURK_EVENT_KIND_SUB, "alice", NULL, "1000", 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "Alice subscribed at Tier 1" },
  { "subscription-gift", LURK_EVENT_KIND_COMMUNITY_SUB_GIFT, "bob", NULL, "1000", 0, 0, 20,
    NULL, NULL, NULL, NULL, NULL, "Bob gifted 20 subs" },
  { "subscription-message", LURK_EVENT_KIND_RESUB, "alice", NULL, "1000", 15, 1, 0,
    NULL, NULL, "Love the stream!", NULL, NULL, "Alice subscribed at Tier 1 for 15 months" },
  { "cheer", LURK_EVENT_KIND_CHEER, "erin", NULL, NULL, 0, 0, 100,
    NULL, NULL, "pogchamp Cheer100", NULL, NULL, "Erin cheered 100 bits" },
  { "redemption-add", LURK_EVENT_KIND_REDEMPTION, "alice", NULL, NULL, 0, 0, 100,
    "Hydrate", NULL, "pogchamp", "add", NULL, "Alice redeemed Hydrate" },
  { "poll-begin", LURK_EVENT_KIND_POLL, NULL, NULL, NULL, 0, 0, 0,
    "Which level next?", NULL, NULL, "begin", NULL, "Poll started: Which level next?" },
  { "poll-progress", LURK_EVENT_KIND_POLL, NULL, NULL, NULL, 0, 0, 0,
    "Which level next?", NULL, NULL, "progress", NULL, "Poll updated: Which level next?" },
  { "poll-end", LURK_EVENT_KIND_POLL, NULL, NULL, NULL, 0, 0, 0,
    "Which level next?", NULL, NULL, "end", NULL, "Poll ended: Which level next?" },
  { "prediction-begin", LURK_EVENT_KIND_PREDICTION, NULL, NULL, NULL, 0, 0, 0,
    "Will we beat the boss?", NULL, NULL, "begin", NULL,
    "Prediction started: Will we beat the boss?" },
  { "prediction-progress", LURK_EVENT_KIND_PREDICTION, NULL, NULL, NULL, 0, 0, 0,
    "Will we beat the boss?", NULL, NULL, "progress", NULL,
    "Prediction updated: Will we beat the boss?" },
  { "prediction-lock", LURK_EVENT_KIND_PREDICTION, NULL, NULL, NULL, 0, 0, 0,
    "Will we beat the boss?", NULL, NULL, "lock", NULL,
    "Prediction locked: Will we beat the boss?" },
  { "prediction-end", LURK_EVENT_KIND_PREDICTION, NULL, NULL, NULL, 0, 0, 0,
    "Will we beat the boss?", NULL, NULL, "end", NULL,
    "Prediction ended: Will we beat the boss?" },
  { "hype-train-begin", LURK_EVENT_KIND_HYPE_TRAIN, NULL, NULL, NULL, 0, 0, 2,
    NULL, NULL, NULL, "begin", NULL, "Hype Train started" },
  { "hype-train-progress", LURK_EVENT_KIND_HYPE_TRAIN, NULL, NULL, NULL, 0, 0, 2,
    NULL, NULL, NULL, "progress", NULL, "Hype Train reached level 2" },
  { "hype-train-end", LURK_EVENT_KIND_HYPE_TRAIN, NULL, NULL, NULL, 0, 0, 2,
    NULL, NULL, NULL, "end", NULL, "Hype Train ended at level 2" },
  { "goal-begin", LURK_EVENT_KIND_GOAL, NULL, NULL, NULL, 0, 0, 10,
    "Help me get partner!", "subscription", NULL, "begin", NULL, "Goal started: 10 of 220" },
  { "goal-progress", LURK_EVENT_KIND_GOAL, NULL, NULL, NULL, 0, 0, 100,
    "Help me get partner!", "subscription", NULL, "progress", NULL, "Goal progress: 100 of 220" },
  { "goal-end", LURK_EVENT_KIND_GOAL, NULL, NULL, NULL, 0, 0, 100,
    "Help me get partner!", "subscription", NULL, "end", NULL, "Goal ended at 100 of 220" },
  { "charity-donate", LURK_EVENT_KIND_CHARITY_DONATION, "gina", NULL, NULL, 0, 0, 0,
    "Example Charity", NULL, NULL, NULL, NULL, "Gina donated 100.00 USD to Example Charity" },
  { "charity-campaign-start", LURK_EVENT_KIND_CHARITY_CAMPAIGN, NULL, NULL, NULL, 0, 0, 0,
    "Example Charity", NULL, NULL, "start", NULL, "Charity campaign for Example Charity started" },
  { "charity-campaign-progress", LURK_EVENT_KIND_CHARITY_CAMPAIGN, NULL, NULL, NULL, 0, 0, 0,
    "Example Charity", NULL, NULL, "progress", NULL,
    "Charity campaign for Example Charity has raised 500.00 USD" },
  { "charity-campaign-stop", LURK_EVENT_KIND_CHARITY_CAMPAIGN, NULL, NULL, NULL, 0, 0, 0,
    "Example Charity", NULL, NULL, "stop", NULL,
    "Charity campaign for Example Charity ended with 500.00 USD raised" },
  { "ad-break-begin", LURK_EVENT_KIND_AD_BREAK, "cool_streamer", NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, "begin", NULL, "Ad break of 90 seconds started" },
  { "shoutout-create", LURK_EVENT_KIND_SHOUTOUT, "cool_streamer", "dave", NULL, 0, 0, 860,
    NULL, NULL, NULL, "create", NULL, "Shoutout to Dave" },
  { "shoutout-receive", LURK_EVENT_KIND_SHOUTOUT, "carol", NULL, NULL, 0, 0, 120,
    NULL, NULL, NULL, "receive", NULL, "Shoutout from Carol" },
  { "ban", LURK_EVENT_KIND_BAN, "mod_mike", "frank", NULL, 0, 0, 0,
    NULL, NULL, "spam", NULL, NULL, "Frank was banned" },
  { "ban-timeout", LURK_EVENT_KIND_BAN, "mod_mike", "frank", NULL, 0, 0, 0,
    NULL, NULL, "calm down", NULL, NULL, "Frank was timed out for 10 minutes" },
  { "unban", LURK_EVENT_KIND_UNBAN, "mod_mike", "frank", NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "Frank was unbanned" },
  { "moderator-add", LURK_EVENT_KIND_MODERATOR, NULL, "ivy", NULL, 0, 0, 0,
    NULL, NULL, NULL, "add", NULL, "Ivy is now a moderator" },
  { "moderator-remove", LURK_EVENT_KIND_MODERATOR, NULL, "ivy", NULL, 0, 0, 0,
    NULL, NULL, NULL, "remove", NULL, "Ivy is no longer a moderator" },
  { "vip-add", LURK_EVENT_KIND_VIP, NULL, "ivy", NULL, 0, 0, 0,
    NULL, NULL, NULL, "add", NULL, "Ivy is now a VIP" },
  { "vip-remove", LURK_EVENT_KIND_VIP, NULL, "ivy", NULL, 0, 0, 0,
    NULL, NULL, NULL, "remove", NULL, "Ivy is no longer a VIP" },
  { "unknown-type", LURK_EVENT_KIND_UNKNOWN, NULL, NULL, NULL, 0, 0, 0,
    NULL, NULL, NULL, NULL, NULL, "Something new happened" },
};

static void
check_case (const Case *c,
            LurkEvent  *event)
{
  g_autofree char *summary = lurk_event_dup_summary (event);

  g_assert_cmpstr (lurk_event_kind_to_string (lurk_event_get_kind (event)), ==,
                   lurk_event_kind_to_string (c->kind));
  g_assert_cmpstr (lurk_event_get_actor_login (event), ==, c->actor_login);
  g_assert_cmpstr (lurk_event_get_target_login (event), ==, c->target_login);
  g_assert_cmpstr (lurk_event_get_tier (event), ==, c->tier);
  g_assert_cmpuint (lurk_event_get_months (event), ==, c->months);
  g_assert_cmpuint (lurk_event_get_streak_months (event), ==, c->streak);
  g_assert_cmpint (lurk_event_get_count (event), ==, c->count);
  g_assert_cmpstr (lurk_event_get_title (event), ==, c->title);
  g_assert_cmpstr (lurk_event_get_category (event), ==, c->category);
  g_assert_cmpstr (lurk_event_get_message_text (event), ==, c->message_text);
  g_assert_cmpstr (lurk_event_get_phase (event), ==, c->phase);
  g_assert_cmpstr (lurk_event_get_notice_type (event), ==, c->notice_type);
  g_assert_cmpstr (summary, ==, c->summary);
  g_assert_nonnull (lurk_event_get_event_json (event));
}

static void
test_fixtures (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEventSubMessage) message = NULL;
      g_autofree char *data = NULL;
      gsize length;

      g_test_message ("fixture %s", c->fixture);
      data = lurk_test_eventsub_fixture_load (c->fixture, &length);
      message = lurk_eventsub_message_parse (data, length, 1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_NOTIFICATION);
      g_assert_nonnull (message->event);
      check_case (c, message->event);

      /* Every event is about the favorite broadcaster of the fixtures. */
      g_assert_cmpstr (lurk_event_get_broadcaster_id (message->event), ==, "1337");
      g_assert_cmpstr (lurk_event_get_subscription_type (message->event), ==,
                       message->subscription_type);
    }
}

/* @fixture with each of the @pairs (from, to, ..., NULL) replaced */
static LurkEvent *
parse_replacing (const char         *fixture,
                 const char * const *pairs,
                 GPtrArray          *keep)
{
  g_autofree char *data = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  LurkEventSubMessage *message;
  gsize length;

  data = lurk_test_eventsub_fixture_load (fixture, &length);
  text = g_string_new_len (data, length);
  for (guint i = 0; pairs[i] != NULL; i += 2)
    g_assert_cmpuint (g_string_replace (text, pairs[i], pairs[i + 1], 0), >, 0);
  message = lurk_eventsub_message_parse (text->str, text->len, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message->event);
  g_ptr_array_add (keep, message);
  return message->event;
}

/* Shared chat: an event that happened in a partner's channel reaches the favorite's chat too.
 * It reads as the partner's, never as the favorite's own; the channel's own events (source
 * null, or the broadcaster itself) are unchanged. */
static void
test_shared_chat_source (void)
{
  g_autoptr(GPtrArray) keep = g_ptr_array_new_with_free_func (
    (GDestroyNotify) lurk_eventsub_message_free);
  LurkEvent *own, *own_again, *partner, *notice;
  g_autofree char *own_summary = NULL;
  g_autofree char *own_again_summary = NULL;
  g_autofree char *partner_summary = NULL;
  g_autofree char *notice_summary = NULL;

  own = parse_replacing ("chat-message-cheer", (const char *[]) { NULL }, keep);
  g_assert_false (lurk_event_is_from_partner (own));
  g_assert_null (lurk_event_get_source_broadcaster_id (own));
  own_summary = lurk_event_dup_summary (own);
  g_assert_cmpstr (own_summary, ==, "Erin cheered 100 bits");

  own_again = parse_replacing ("chat-message-cheer", (const char *[]) {
                                 "\"source_broadcaster_user_id\": null",
                                 "\"source_broadcaster_user_id\": \"1337\"", NULL }, keep);
  g_assert_false (lurk_event_is_from_partner (own_again));
  own_again_summary = lurk_event_dup_summary (own_again);
  g_assert_cmpstr (own_again_summary, ==, "Erin cheered 100 bits");

  partner = parse_replacing ("chat-message-cheer", (const char *[]) {
                               "\"source_broadcaster_user_id\": null",
                               "\"source_broadcaster_user_id\": \"7777\"",
                               "\"source_broadcaster_user_login\": null",
                               "\"source_broadcaster_user_login\": \"partner\"",
                               "\"source_broadcaster_user_name\": null",
                               "\"source_broadcaster_user_name\": \"Partner\"", NULL }, keep);
  g_assert_true (lurk_event_is_from_partner (partner));
  g_assert_cmpstr (lurk_event_get_source_broadcaster_id (partner), ==, "7777");
  g_assert_cmpstr (lurk_event_get_source_broadcaster_login (partner), ==, "partner");
  g_assert_cmpstr (lurk_event_get_broadcaster_id (partner), ==, "1337");
  partner_summary = lurk_event_dup_summary (partner);
  g_assert_cmpstr (partner_summary, ==, "Erin cheered 100 bits (in Partner’s channel)");

  /* a shared_chat_* notice that names no source is still a partner's */
  notice = parse_replacing ("notice-shared-chat-raid", (const char *[]) { NULL }, keep);
  g_assert_true (lurk_event_is_from_partner (notice));
  g_assert_null (lurk_event_get_source_broadcaster_id (notice));
  notice_summary = lurk_event_dup_summary (notice);
  g_assert_cmpstr (notice_summary, ==,
                   "Raid from Carol with 12 viewers (in a shared chat partner’s channel)");
}

/* The store keeps the raw event JSON and rebuilds events from it: same result. */
static void
test_rebuild_from_raw (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEventSubMessage) message = NULL;
      g_autoptr(LurkEvent) rebuilt = NULL;
      g_autoptr(LurkEvent) from_object = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *data = NULL;
      LurkEvent *event;
      gsize length;

      data = lurk_test_eventsub_fixture_load (c->fixture, &length);
      message = lurk_eventsub_message_parse (data, length, 1, &error);
      g_assert_no_error (error);
      event = message->event;

      rebuilt = lurk_event_new_for_broadcaster (lurk_event_get_id (event),
                                                lurk_event_get_subscription_type (event),
                                                lurk_event_get_subscription_version (event),
                                                lurk_event_get_occurred_at_string (event),
                                                lurk_event_get_received_at (event),
                                                lurk_event_get_broadcaster_id (event),
                                                lurk_event_get_event_json (event), -1, &error);
      g_assert_no_error (error);
      check_case (c, rebuilt);
      g_assert_cmpint (lurk_event_get_occurred_at (rebuilt), ==,
                       lurk_event_get_occurred_at (event));
      g_assert_cmpstr (lurk_event_get_id (rebuilt), ==, lurk_event_get_id (event));

      /* Through json-glib's JsonObject (the contract's first constructor). Raids without a
       * broadcaster are taken as raids in. */
      if (lurk_event_get_kind (event) == LURK_EVENT_KIND_RAID_OUT)
        continue;
      node = json_from_string (lurk_event_get_event_json (event), &error);
      g_assert_no_error (error);
      from_object = lurk_event_new_from_json (lurk_event_get_id (event),
                                              lurk_event_get_subscription_type (event),
                                              lurk_event_get_subscription_version (event),
                                              lurk_event_get_occurred_at_string (event),
                                              1, json_node_get_object (node), &error);
      g_assert_no_error (error);
      check_case (c, from_object);
    }
}

/* stream.online's started_at is parsed where the event is built (the listener's worker),
 * so the UI reads a number, never the raw JSON; a store rebuild gives the same. */
static void
test_started_at (void)
{
  static const struct { const char *json; gint64 usec; } cases_[] = {
    { "{\"broadcaster_user_id\":\"1\",\"type\":\"live\","
      "\"started_at\":\"2026-11-27T20:00:00Z\"}", G_GINT64_CONSTANT (1795809600000000) },
    { "{\"broadcaster_user_id\":\"1\",\"started_at\":\"2026-11-27T21:00:00.5+01:00\"}",
      G_GINT64_CONSTANT (1795809600500000) },
    { "{\"broadcaster_user_id\":\"1\",\"started_at\":\"yesterday\"}", 0 },
    { "{\"broadcaster_user_id\":\"1\",\"started_at\":12}", 0 },
    { "{\"broadcaster_user_id\":\"1\"}", 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) message = NULL;
  g_autoptr(LurkEvent) rebuilt = NULL;
  g_autoptr(LurkEvent) offline = NULL;
  g_autofree char *data = NULL;
  gsize length;

  data = lurk_test_eventsub_fixture_load ("stream-online", &length);
  message = lurk_eventsub_message_parse (data, length, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_get_started_at (message->event), ==,
                   G_GINT64_CONSTANT (1795809600000000));
  rebuilt = lurk_event_new_for_broadcaster ("m", "stream.online", "1", "2026-11-27T20:15:24Z",
                                            1, "1337",
                                            lurk_event_get_event_json (message->event), -1,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_get_started_at (rebuilt), ==,
                   lurk_event_get_started_at (message->event));

  for (guint i = 0; i < G_N_ELEMENTS (cases_); i++)
    {
      g_autoptr(LurkEvent) event = NULL;

      event = lurk_event_new_from_json_string ("m", "stream.online", "1",
                                               "2026-11-27T20:15:24Z", 0, cases_[i].json,
                                               &error);
      g_assert_no_error (error);
      g_assert_cmpint (lurk_event_get_started_at (event), ==, cases_[i].usec);
    }

  /* only stream.online has one */
  offline = lurk_event_new_from_json_string ("m", "stream.offline", "1", "2026-11-27T20:15:24Z",
                                             0, "{\"started_at\":\"2026-11-27T20:00:00Z\"}",
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_get_started_at (offline), ==, 0);
}

static void
test_raid_direction (void)
{
  static const char raid[] =
    "{\"from_broadcaster_user_id\":\"1\",\"from_broadcaster_user_login\":\"a\","
    "\"to_broadcaster_user_id\":\"2\",\"to_broadcaster_user_login\":\"b\",\"viewers\":3}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEvent) in = NULL;
  g_autoptr(LurkEvent) out = NULL;
  g_autoptr(LurkEvent) unknown = NULL;

  in = lurk_event_new_for_broadcaster ("m", "channel.raid", "1", "2026-01-01T00:00:00Z", 0,
                                       "2", raid, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_get_kind (in), ==, LURK_EVENT_KIND_RAID_IN);
  g_assert_cmpstr (lurk_event_get_broadcaster_id (in), ==, "2");
  g_assert_cmpstr (lurk_event_get_actor_login (in), ==, "a");

  out = lurk_event_new_for_broadcaster ("m", "channel.raid", "1", "2026-01-01T00:00:00Z", 0,
                                        "1", raid, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_get_kind (out), ==, LURK_EVENT_KIND_RAID_OUT);
  g_assert_cmpstr (lurk_event_get_broadcaster_id (out), ==, "1");
  g_assert_cmpstr (lurk_event_get_target_login (out), ==, "b");

  unknown = lurk_event_new_from_json_string ("m", "channel.raid", "1", "2026-01-01T00:00:00Z",
                                             0, raid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_get_kind (unknown), ==, LURK_EVENT_KIND_RAID_IN);
}

static void
test_plain_chat_is_no_event (void)
{
  static const char *plain[] = {
    "{\"message_type\":\"text\",\"cheer\":null,\"message\":{\"text\":\"hi\"}}",
    "{\"message_type\":\"channel_points_sub_only\",\"cheer\":null}",
    "{\"message_type\":\"text\",\"cheer\":{\"bits\":0}}",
    "{\"message_type\":\"text\",\"cheer\":{\"bits\":\"100\"}}",
    "{}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEvent) event = NULL;

      event = lurk_event_new_from_json_string ("m", "channel.chat.message", "1",
                                               "2026-01-01T00:00:00Z", 0, plain[i], &error);
      g_assert_no_error (error);
      g_assert_null (event);
    }
}

static void
test_structural_errors (void)
{
  static const char *bad[] = { "[]", "42", "\"x\"", "null", "{", "", "{\"a\":}" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEvent) event = NULL;

      event = lurk_event_new_from_json_string ("m", "stream.online", "1",
                                               "2026-01-01T00:00:00Z", 0, bad[i], &error);
      g_assert_null (event);
      g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
    }
}

static void
test_kind_strings (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint kind = 0; kind < LURK_EVENT_KIND_LAST; kind++)
    {
      const char *str = lurk_event_kind_to_string (kind);

      g_assert_nonnull (str);
      g_assert_false (g_hash_table_contains (seen, str));
      g_hash_table_add (seen, (gpointer) str);
      g_assert_cmpint (lurk_event_kind_from_string (str), ==, kind);
    }

  /* The stable names the store and lurk-events use. */
  g_assert_cmpstr (lurk_event_kind_to_string (LURK_EVENT_KIND_SUB), ==, "sub");
  g_assert_cmpstr (lurk_event_kind_to_string (LURK_EVENT_KIND_RAID_IN), ==, "raid_in");
  g_assert_cmpstr (lurk_event_kind_to_string (LURK_EVENT_KIND_CHAT_CLEAR_USER), ==,
                   "chat_clear_user");
  g_assert_cmpstr (lurk_event_kind_to_string (LURK_EVENT_KIND_VIP), ==, "vip");
  g_assert_cmpstr (lurk_event_kind_to_string (LURK_EVENT_KIND_LAST), ==, "unknown");
  g_assert_cmpint (lurk_event_kind_from_string ("nonsense"), ==, LURK_EVENT_KIND_UNKNOWN);
  g_assert_cmpint (lurk_event_kind_from_string (NULL), ==, LURK_EVENT_KIND_UNKNOWN);
}

typedef struct
{
  const char *type;
  const char *json;
  const char *summary;
} SummaryCase;

/* Plurals, anonymity and fallbacks a user reads in the sidebar. */
static const SummaryCase summaries[] = {
  { "channel.raid", "{\"from_broadcaster_user_name\":\"Carol\",\"to_broadcaster_user_id\":\"2\","
    "\"viewers\":1}", "Raid from Carol with 1 viewer" },
  { "channel.subscription.gift", "{\"user_name\":\"Bob\",\"total\":1,\"tier\":\"1000\"}",
    "Bob gifted 1 sub" },
  { "channel.subscription.gift", "{\"user_name\":null,\"is_anonymous\":true,\"total\":3}",
    "An anonymous user gifted 3 subs" },
  { "channel.cheer", "{\"user_login\":\"erin\",\"bits\":1}", "erin cheered 1 bit" },
  { "channel.cheer", "{\"is_anonymous\":true,\"bits\":500}", "An anonymous user cheered 500 bits" },
  { "channel.subscription.message", "{\"user_name\":\"Alice\",\"tier\":\"3000\","
    "\"cumulative_months\":1}", "Alice subscribed at Tier 3" },
  { "channel.subscribe", "{\"user_name\":\"Alice\",\"tier\":\"1000\",\"is_gift\":true}",
    "Alice received a gifted sub" },
  { "channel.update", "{\"title\":\"\",\"category_name\":\"Chess\"}", "Category changed to Chess" },
  { "channel.update", "{\"title\":\"Hello\",\"category_name\":\"\"}", "Title changed to “Hello”" },
  { "channel.ban", "{\"user_login\":\"frank\",\"is_permanent\":false,\"banned_at\":"
    "\"2026-01-01T00:00:00Z\",\"ends_at\":\"2026-01-01T00:00:01Z\"}",
    "frank was timed out for 1 second" },
  { "channel.ban", "{\"user_login\":\"frank\",\"is_permanent\":false,\"banned_at\":"
    "\"2026-01-01T00:00:00Z\",\"ends_at\":\"2026-01-01T02:00:00Z\"}",
    "frank was timed out for 2 hours" },
  { "channel.ban", "{\"user_login\":\"frank\",\"is_permanent\":false}", "frank was timed out" },
  { "channel.charity_campaign.donate", "{\"user_name\":\"Gina\",\"amount\":{\"value\":5,"
    "\"decimal_places\":0,\"currency\":\"EUR\"}}", "Gina donated 5 EUR" },
  { "channel.charity_campaign.donate", "{\"user_name\":\"Gina\",\"charity_name\":\"C\","
    "\"amount\":{\"value\":-1005,\"decimal_places\":3,\"currency\":\"JPY\"}}",
    "Gina donated -1.005 JPY to C" },
  { "channel.chat_settings.update", "{\"emote_mode\":true,\"follower_mode\":true,"
    "\"follower_mode_duration_minutes\":10,\"unique_chat_mode\":true}",
    "Chat settings changed: emote-only, followers-only (10 minutes), unique chat" },
  { "channel.chat_settings.update", "{}", "Chat settings changed: no restrictions" },
  { "channel.brand_new", "{}", "Unknown event channel.brand_new" },
  { "channel.chat.notification", "{\"notice_type\":\"mystery\",\"system_message\":\"\"}",
    "Unknown chat notice mystery" },
  { "channel.chat.notification", "{\"notice_type\":\"sub\",\"chatter_is_anonymous\":true}",
    "An anonymous user subscribed" },
  { "channel.ad_break.begin", "{\"duration_seconds\":180}", "Ad break of 3 minutes started" },
};

static void
test_summaries (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (summaries); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEvent) event = NULL;
      g_autofree char *summary = NULL;

      event = lurk_event_new_for_broadcaster ("m", summaries[i].type, "1", "2026-01-01T00:00:00Z",
                                              0, "2", summaries[i].json, -1, &error);
      g_assert_no_error (error);
      summary = lurk_event_dup_summary (event);
      g_assert_cmpstr (summary, ==, summaries[i].summary);
    }
}

static void
test_new_destroy (void)
{
  g_autoptr(GError) error = NULL;
  LurkEvent *event;

  event = lurk_event_new_from_json_string ("m", "stream.offline", "1", "2026-01-01T00:00:00Z",
                                           0, "{\"broadcaster_user_id\":\"1\"}", &error);
  g_assert_no_error (error);
  g_assert_true (LURK_IS_EVENT (event));
  {
    g_autofree char *summary = NULL;
    g_autofree char *id = NULL;
    LurkEventKind kind = LURK_EVENT_KIND_UNKNOWN;
    g_autoptr(GEnumClass) enum_class = g_type_class_ref (LURK_TYPE_EVENT_KIND);

    g_object_get (event, "summary", &summary, "id", &id, "kind", &kind, NULL);
    g_assert_cmpstr (summary, ==, "Stream went offline");
    g_assert_cmpstr (id, ==, "m");
    g_assert_cmpint (kind, ==, LURK_EVENT_KIND_STREAM_OFFLINE);
    g_assert_cmpstr (g_enum_get_value (enum_class, LURK_EVENT_KIND_CHAT_CLEAR_USER)->value_nick,
                     ==, "chat_clear_user");
    g_assert_cmpstr (g_enum_get_value (enum_class, LURK_EVENT_KIND_CHAT_CLEAR_USER)->value_name,
                     ==, "LURK_EVENT_KIND_CHAT_CLEAR_USER");
  }
  g_assert_cmpint (lurk_event_get_occurred_at (event), ==,
                   G_GINT64_CONSTANT (1767225600) * G_USEC_PER_SEC);
  g_assert_finalize_object (event);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/event/new-destroy", test_new_destroy);
  g_test_add_func ("/lurk/event/fixtures", test_fixtures);
  g_test_add_func ("/lurk/event/shared-chat-source", test_shared_chat_source);
  g_test_add_func ("/lurk/event/rebuild-from-raw", test_rebuild_from_raw);
  g_test_add_func ("/lurk/event/raid-direction", test_raid_direction);
  g_test_add_func ("/lurk/event/started-at", test_started_at);
  g_test_add_func ("/lurk/event/plain-chat-is-no-event", test_plain_chat_is_no_event);
  g_test_add_func ("/lurk/event/structural-errors", test_structural_errors);
  g_test_add_func ("/lurk/event/kind-strings", test_kind_strings);
  g_test_add_func ("/lurk/event/summaries", test_summaries);

  return g_test_run ();
}
