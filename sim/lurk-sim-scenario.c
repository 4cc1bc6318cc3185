/* lurk-sim-scenario.c: the demo scenario, a channel at a human pace
 *
 * Plays on the default broadcaster (lurkstream) to every session subscribed to it: ambient chat
 * every few seconds, and a 90-second loop with something for the sidebar every 2 to 4 seconds:
 * subs, resubs, cheers, a title change, raids, an announcement, a gift bomb, a timeout, a
 * charity donation, a short break (offline, then live again) and more.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-control-private.h"
#include "lurk-sim-payloads.h"

#define TICK_MS 250
#define TICKS_PER_SECOND 4

typedef void (*StepFunc) (LurkSimControl *self,
                          LurkSimUser *channel);

typedef struct
{
  guint at;             /* seconds into the loop */
  StepFunc func;        /* or, when NULL, one generated event: */
  const char *type;
  const char *variant;  /* notice_type, or chat message kind */
} Step;

static void
fire (LurkSimControl *self,
      LurkSimUser    *channel,
      const char     *type,
      const char     *variant,
      JsonObject     *overrides)
{
  g_autoptr(JsonObject) event = _lurk_sim_generate_event (self->world, type, variant, channel,
                                                          NULL);
  g_autoptr(GList) members = NULL;

  if (event == NULL)
    return;

  members = overrides ? json_object_get_members (overrides) : NULL;
  for (const GList *l = members; l; l = l->next)
    json_object_set_member (event, l->data,
                            json_node_copy (json_object_get_member (overrides, l->data)));

  _lurk_sim_trigger (self, type, event, channel, NULL, NULL, NULL);
}

static void
step_title (LurkSimControl *self,
            LurkSimUser    *channel)
{
  static const char *titles[] = {
    "Celeste any% practice — new PB attempts, chill vibes",
    "Farewell golden berry grind (day 12)",
    "PB or bed. Chat decides the route",
  };
  g_autoptr(JsonObject) overrides = json_object_new ();
  const char *title = titles[self->scenario_step % G_N_ELEMENTS (titles)];

  if (g_strcmp0 (title, channel->title) == 0)
    title = titles[(self->scenario_step + 1) % G_N_ELEMENTS (titles)];
  json_object_set_string_member (overrides, "title", title);
  json_object_set_string_member (overrides, "category_id", "504461");
  json_object_set_string_member (overrides, "category_name", "Celeste");
  fire (self, channel, "channel.update", NULL, overrides);
}

/* A raid arrives twice, as Twitch sends it: channel.raid and a chat notification. */
static void
step_raid (LurkSimControl *self,
           LurkSimUser    *channel)
{
  LurkSimUser *raider = _lurk_sim_other_channel (self->world, channel);
  gint viewers = _lurk_sim_rand (self->world, 20, 400);
  g_autoptr(JsonObject) raid = json_object_new ();
  g_autoptr(JsonObject) overrides = json_object_new ();
  g_autoptr(JsonObject) event = NULL;
  g_autofree char *system = g_strdup_printf ("%d raiders from %s have joined!", viewers,
                                             raider->display_name);
  g_autofree char *avatar = _lurk_sim_avatar_url (self->world, raider->login);
  JsonObject *detail = json_object_new ();

  _lurk_sim_set_user (raid, "from_broadcaster_user", raider);
  json_object_set_int_member (raid, "viewers", viewers);
  fire (self, channel, "channel.raid", NULL, raid);

  json_object_set_string_member (detail, "user_id", raider->id);
  json_object_set_string_member (detail, "user_name", raider->display_name);
  json_object_set_string_member (detail, "user_login", raider->login);
  json_object_set_int_member (detail, "viewer_count", viewers);
  json_object_set_string_member (detail, "profile_image_url", avatar);
  _lurk_sim_set_user (overrides, "chatter_user", raider);
  json_object_set_string_member (overrides, "color", raider->color);
  json_object_set_string_member (overrides, "system_message", system);
  json_object_set_object_member (overrides, "raid", detail);
  fire (self, channel, "channel.chat.notification", "raid", overrides);
}

/* A gift bomb: the community gift, then one sub_gift per recipient with its id. */
static void
step_gift_bomb (LurkSimControl *self,
                LurkSimUser    *channel)
{
  LurkSimUser *gifter = _lurk_sim_random_chatter (self->world);
  g_autoptr(JsonObject) overrides = json_object_new ();
  JsonObject *detail = json_object_new ();
  g_autofree char *gift_id
    = g_strdup_printf ("%u", (guint)_lurk_sim_rand (self->world, 100000000, G_MAXINT));
  g_autofree char *system = g_strdup_printf ("%s is gifting 5 Tier 1 Subs to %s's community! "
                                             "They've gifted a total of 25 in the channel!",
                                             gifter->display_name, channel->display_name);

  json_object_set_string_member (detail, "id", gift_id);
  json_object_set_int_member (detail, "total", 5);
  json_object_set_string_member (detail, "sub_tier", "1000");
  json_object_set_int_member (detail, "cumulative_total", 25);
  _lurk_sim_set_user (overrides, "chatter_user", gifter);
  json_object_set_string_member (overrides, "color", gifter->color);
  json_object_set_string_member (overrides, "system_message", system);
  json_object_set_object_member (overrides, "community_sub_gift", detail);
  fire (self, channel, "channel.chat.notification", "community_sub_gift", overrides);

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(JsonObject) gift = json_object_new ();
      JsonObject *sub_gift = json_object_new ();
      LurkSimUser *recipient = _lurk_sim_random_chatter (self->world);
      g_autofree char *text = g_strdup_printf ("%s gifted a Tier 1 sub to %s!",
                                               gifter->display_name, recipient->display_name);

      json_object_set_int_member (sub_gift, "duration_months", 1);
      json_object_set_int_member (sub_gift, "cumulative_total", 21 + i);
      _lurk_sim_set_user (sub_gift, "recipient_user", recipient);
      json_object_set_string_member (sub_gift, "sub_tier", "1000");
      json_object_set_string_member (sub_gift, "community_gift_id", gift_id);
      _lurk_sim_set_user (gift, "chatter_user", gifter);
      json_object_set_string_member (gift, "color", gifter->color);
      json_object_set_string_member (gift, "system_message", text);
      json_object_set_object_member (gift, "sub_gift", sub_gift);
      fire (self, channel, "channel.chat.notification", "sub_gift", gift);
    }
}

/* Someone posts a spoiler; a moderator times them out a few seconds later. */
static void
step_spoiler (LurkSimControl *self,
              LurkSimUser    *channel)
{
  LurkSimUser *chatter = _lurk_sim_random_chatter (self->world);
  g_autoptr(JsonObject) overrides = json_object_new ();

  _lurk_sim_set_user (overrides, "chatter_user", chatter);
  json_object_set_string_member (overrides, "color", chatter->color);
  json_object_set_object_member (
    overrides, "message",
    _lurk_sim_text_message (self->world, "SPOILER the final boss is actually"));
  fire (self, channel, "channel.chat.message", "text", overrides);

  g_free (self->scenario_target);
  self->scenario_target = g_strdup (chatter->login);
}

static void
step_timeout (LurkSimControl *self,
              LurkSimUser    *channel)
{
  LurkSimUser *target = _lurk_sim_user_by_login (self->world, self->scenario_target);
  g_autoptr(JsonObject) overrides = json_object_new ();

  if (target == NULL)
    return;
  _lurk_sim_set_user (overrides, "target_user", target);
  fire (self, channel, "channel.chat.clear_user_messages", NULL, overrides);
}

/* Shared chat with another channel: its subs and cheers reach this chat too, with the
 * partner in source_broadcaster_user_* (and notices as shared_chat_*), as Twitch sends them. */
static void
set_shared_session (JsonObject  *overrides,
                    LurkSimUser *host)
{
  g_autofree char *session = g_strdup_printf ("2tGFQ%08X", g_str_hash (host->id));

  json_object_set_string_member (overrides, "session_id", session);
  _lurk_sim_set_user (overrides, "host_broadcaster_user", host);
}

static void
step_shared_begin (LurkSimControl *self,
                   LurkSimUser    *channel)
{
  LurkSimUser *partner = _lurk_sim_other_channel (self->world, channel);
  g_autoptr(JsonObject) overrides = json_object_new ();
  JsonArray *participants = json_array_new ();
  LurkSimUser *members[] = { partner, channel };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonObject *p = json_object_new ();

      _lurk_sim_set_user (p, "broadcaster_user", members[i]);
      json_array_add_object_element (participants, p);
    }
  set_shared_session (overrides, partner);
  json_object_set_array_member (overrides, "participants", participants);
  fire (self, channel, "channel.shared_chat.begin", NULL, overrides);

  g_free (self->scenario_partner);
  self->scenario_partner = g_strdup (partner->login);
}

static void
fire_from_partner (LurkSimControl *self,
                   LurkSimUser    *channel,
                   const char     *type,
                   const char     *variant)
{
  LurkSimUser *partner = _lurk_sim_user_by_login (self->world, self->scenario_partner);
  g_autoptr(JsonObject) overrides = json_object_new ();

  if (partner == NULL)
    return;
  _lurk_sim_set_user (overrides, "source_broadcaster_user", partner);
  fire (self, channel, type, variant, overrides);
}

static void
step_shared_sub (LurkSimControl *self,
                 LurkSimUser    *channel)
{
  fire_from_partner (self, channel, "channel.chat.notification", "shared_chat_sub");
}

static void
step_shared_cheer (LurkSimControl *self,
                   LurkSimUser    *channel)
{
  LurkSimUser *partner = _lurk_sim_user_by_login (self->world, self->scenario_partner);
  g_autoptr(JsonObject) overrides = json_object_new ();
  g_autofree char *source_id = g_uuid_string_random ();

  if (partner == NULL)
    return;
  _lurk_sim_set_user (overrides, "source_broadcaster_user", partner);
  json_object_set_string_member (overrides, "source_message_id", source_id);
  json_object_set_array_member (overrides, "source_badges", json_array_new ());
  fire (self, channel, "channel.chat.message", "cheer", overrides);
}

static void
step_shared_end (LurkSimControl *self,
                 LurkSimUser    *channel)
{
  LurkSimUser *partner = _lurk_sim_user_by_login (self->world, self->scenario_partner);
  g_autoptr(JsonObject) overrides = json_object_new ();

  if (partner == NULL)
    return;
  set_shared_session (overrides, partner);
  fire (self, channel, "channel.shared_chat.end", NULL, overrides);
  g_clear_pointer (&self->scenario_partner, g_free);
}

static void
step_offline (LurkSimControl *self,
              LurkSimUser    *channel)
{
  if (channel->live)
    fire (self, channel, "stream.offline", NULL, NULL);
}

static void
step_online (LurkSimControl *self,
             LurkSimUser    *channel)
{
  if (!channel->live)
    fire (self, channel, "stream.online", NULL, NULL);
}

#define NOTICE "channel.chat.notification"
#define CHAT "channel.chat.message"

static const Step steps[] = {
  { 2, NULL, NOTICE, "sub" },
  { 4, NULL, CHAT, "cheer" },
  { 7, NULL, NOTICE, "resub" },
  { 9, step_title },
  { 12, step_raid },
  { 15, NULL, CHAT, "user_intro" },
  { 17, NULL, NOTICE, "announcement" },
  { 20, step_gift_bomb },
  { 24, step_spoiler },
  { 26, step_timeout },
  { 28, NULL, CHAT, "channel_points_highlighted" },
  { 31, NULL, NOTICE, "prime_paid_upgrade" },
  { 33, NULL, CHAT, "cheer" },
  { 36, NULL, NOTICE, "charity_donation" },
  { 39, NULL, NOTICE, "gift_paid_upgrade" },
  { 40, step_shared_begin },
  { 43, step_shared_sub },
  { 47, step_shared_cheer },
  { 42, NULL, NOTICE, "bits_badge_tier" },
  { 45, NULL, NOTICE, "pay_it_forward" },
  { 48, NULL, CHAT, "power_ups_gigantified_emote" },
  { 50, step_shared_end },
  { 51, NULL, "channel.chat_settings.update" },
  { 54, NULL, NOTICE, "sub" },
  { 57, NULL, NOTICE, "resub" },
  { 60, NULL, CHAT, "cheer" },
  { 64, step_offline },
  { 72, step_online },
  { 75, NULL, NOTICE, "announcement" },
  { 78, step_raid },
  { 81, NULL, NOTICE, "sub" },
  { 85, NULL, NOTICE, "resub" },
};

#define LOOP_SECONDS 90

static gboolean
tick_cb (gpointer data)
{
  LurkSimControl *self = data;
  LurkSimUser *channel = _lurk_sim_default_broadcaster (self->world);
  guint second;

  self->scenario_ticks++;
  second = self->scenario_ticks / TICKS_PER_SECOND;

  if (self->scenario_ticks % TICKS_PER_SECOND == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          if (steps[i].at != second)
            continue;
          if (steps[i].func != NULL)
            steps[i].func (self, channel);
          else
            fire (self, channel, steps[i].type, steps[i].variant, NULL);
        }
    }

  /* Ambient chat while live, every 1.5 to 5 seconds. */
  if (channel->live && self->scenario_ticks >= self->scenario_next_chat)
    {
      fire (self, channel, "channel.chat.message", "text", NULL);
      self->scenario_next_chat = self->scenario_ticks + _lurk_sim_rand (self->world, 6, 20);
    }

  if (second >= LOOP_SECONDS)
    {
      self->scenario_ticks = 0;
      self->scenario_next_chat = 0;
      self->scenario_step++;
    }

  return G_SOURCE_CONTINUE;
}

void
_lurk_sim_scenario_start (LurkSimControl *self)
{
  if (g_strcmp0 (self->scenario, "demo") != 0 || self->scenario_source != NULL)
    return;

  self->scenario_ticks = 0;
  self->scenario_next_chat = TICKS_PER_SECOND;
  self->scenario_source = _lurk_sim_scaled_timeout (self->world, TICK_MS / 1000.0, tick_cb, self);
}

void
_lurk_sim_scenario_stop (LurkSimControl *self)
{
  _lurk_sim_source_clear (&self->scenario_source);
  g_clear_pointer (&self->scenario_target, g_free);
  g_clear_pointer (&self->scenario_partner, g_free);
}
