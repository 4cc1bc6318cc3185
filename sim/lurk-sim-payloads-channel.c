/* lurk-sim-payloads-channel.c: stream, channel, raid, shared chat, moderation and the
 * broadcaster-only event payloads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-payloads.h"

static const char *titles[] = {
  "Celeste any% practice — new PB attempts, chill vibes",
  "Farewell golden berry grind (day 12)",
  "Chill speedrun practice + chat hangout",
  "Race night! Three runners, one seed",
  "Learning the new route — patience please",
};

typedef struct
{
  const char *id;
  const char *name;
} Category;

static const Category categories[] = {
  { "504461", "Celeste" },
  { "509658", "Just Chatting" },
  { "460630", "Tom Clancy's Rainbow Six Siege" },
  { "1469308723", "Software and Game Development" },
  { "518203", "Hollow Knight" },
};

static char *
new_id (LurkSimWorld *self)
{
  return g_uuid_string_random ();
}

static void
set_now (JsonObject *object,
         const char *key)
{
  g_autofree char *now = _lurk_sim_now_rfc3339 ();

  json_object_set_string_member (object, key, now);
}

static void
set_later (JsonObject *object,
           const char *key,
           gint        seconds)
{
  g_autofree char *when = _lurk_sim_later_rfc3339 (seconds);

  json_object_set_string_member (object, key, when);
}

static JsonArray *
poll_choices (LurkSimWorld *self,
              gboolean      with_votes)
{
  static const char *options[] = { "Chapter 8 next", "Farewell", "B-sides", "Golden strawberry" };
  JsonArray *choices = json_array_new ();

  for (guint i = 0; i < 3; i++)
    {
      JsonObject *choice = json_object_new ();
      g_autofree char *id = new_id (self);
      gint votes = with_votes ? _lurk_sim_rand (self, 0, 300) : 0;

      json_object_set_string_member (choice, "id", id);
      json_object_set_string_member (choice, "title", options[i]);
      json_object_set_int_member (choice, "bits_votes", 0);
      json_object_set_int_member (choice, "channel_points_votes", votes / 3);
      json_object_set_int_member (choice, "votes", votes);
      json_array_add_object_element (choices, choice);
    }

  return choices;
}

static JsonObject *
voting (gboolean enabled,
        gint     amount)
{
  JsonObject *object = json_object_new ();

  json_object_set_boolean_member (object, "is_enabled", enabled);
  json_object_set_int_member (object, "amount_per_vote", amount);
  return object;
}

static JsonArray *
prediction_outcomes (LurkSimWorld *self,
                     gboolean      with_points)
{
  static const char *names[] = { "PB this run", "Reset before chapter 3" };
  static const char *colors[] = { "blue", "pink" };
  JsonArray *outcomes = json_array_new ();

  for (guint i = 0; i < 2; i++)
    {
      JsonObject *outcome = json_object_new ();
      g_autofree char *id = new_id (self);
      JsonArray *top = json_array_new ();
      gint users = with_points ? _lurk_sim_rand (self, 1, 120) : 0;

      json_object_set_string_member (outcome, "id", id);
      json_object_set_string_member (outcome, "title", names[i]);
      json_object_set_string_member (outcome, "color", colors[i]);
      json_object_set_int_member (outcome, "users", users);
      json_object_set_int_member (outcome, "channel_points",
                                  users * _lurk_sim_rand (self, 100, 5000));
      if (with_points)
        {
          JsonObject *predictor = json_object_new ();
          LurkSimUser *user = _lurk_sim_random_chatter (self);

          _lurk_sim_set_user (predictor, "user", user);
          json_object_set_null_member (predictor, "channel_points_won");
          json_object_set_int_member (predictor, "channel_points_used", 10000);
          json_array_add_object_element (top, predictor);
        }
      json_object_set_array_member (outcome, "top_predictors", top);
      json_array_add_object_element (outcomes, outcome);
    }

  return outcomes;
}

static JsonArray *
top_contributions (LurkSimWorld *self)
{
  JsonArray *array = json_array_new ();
  JsonObject *bits = json_object_new ();
  JsonObject *subs = json_object_new ();

  _lurk_sim_set_user (bits, "user", _lurk_sim_random_chatter (self));
  json_object_set_string_member (bits, "type", "bits");
  json_object_set_int_member (bits, "total", 500 * _lurk_sim_rand (self, 1, 10));
  _lurk_sim_set_user (subs, "user", _lurk_sim_random_chatter (self));
  json_object_set_string_member (subs, "type", "subscription");
  json_object_set_int_member (subs, "total", 500 * _lurk_sim_rand (self, 1, 6));
  json_array_add_object_element (array, bits);
  json_array_add_object_element (array, subs);

  return array;
}

static JsonObject *
money (gint        value,
       const char *currency)
{
  JsonObject *amount = json_object_new ();

  json_object_set_int_member (amount, "value", value);
  json_object_set_int_member (amount, "decimal_places", 2);
  json_object_set_string_member (amount, "currency", currency);
  return amount;
}

static void
set_charity (JsonObject *event)
{
  json_object_set_string_member (event, "charity_name", "Direct Relief");
  json_object_set_string_member (event, "charity_description",
                                 "Direct Relief works to improve the health and lives of people "
                                 "affected by poverty or emergency situations.");
  json_object_set_string_member (event, "charity_logo",
                                 "https://abc.cloudfront.net/ppgf/1000/100.png");
  json_object_set_string_member (event, "charity_website", "https://www.directrelief.org");
}

JsonObject *
_lurk_sim_generate_channel_event (LurkSimWorld  *self,
                                  const char    *type,
                                  LurkSimUser   *broadcaster,
                                  GError       **error)
{
  JsonObject *event = json_object_new ();
  LurkSimUser *user = _lurk_sim_random_chatter (self);
  g_autofree char *id = new_id (self);

  _lurk_sim_set_user (event, "broadcaster_user", broadcaster);

  if (g_str_equal (type, "stream.online"))
    {
      g_autofree char *stream_id = g_strdup_printf ("%d%07d", 4, _lurk_sim_rand (self, 0, 9999999));

      json_object_set_string_member (event, "id", stream_id);
      json_object_set_string_member (event, "type", "live");
      set_now (event, "started_at");
    }
  else if (g_str_equal (type, "stream.offline"))
    {
      /* broadcaster_user_* only */
    }
  else if (g_str_equal (type, "channel.update"))
    {
      const Category *category = &categories[_lurk_sim_rand (self, 0, G_N_ELEMENTS (categories))];

      json_object_set_string_member (event, "title", PICK (self, titles));
      json_object_set_string_member (event, "language", "en");
      json_object_set_string_member (event, "category_id", category->id);
      json_object_set_string_member (event, "category_name", category->name);
      json_object_set_array_member (event, "content_classification_labels", json_array_new ());
    }
  else if (g_str_equal (type, "channel.raid"))
    {
      LurkSimUser *from = _lurk_sim_other_channel (self, broadcaster);

      json_object_remove_member (event, "broadcaster_user_id");
      json_object_remove_member (event, "broadcaster_user_login");
      json_object_remove_member (event, "broadcaster_user_name");
      _lurk_sim_set_user (event, "from_broadcaster_user", from);
      _lurk_sim_set_user (event, "to_broadcaster_user", broadcaster);
      json_object_set_int_member (event, "viewers", _lurk_sim_rand (self, 3, 800));
    }
  else if (g_str_has_prefix (type, "channel.shared_chat."))
    {
      LurkSimUser *other = _lurk_sim_other_channel (self, broadcaster);
      g_autofree char *session = g_strdup_printf ("2tGFQ%08X", g_str_hash (other->id));

      json_object_set_string_member (event, "session_id", session);
      _lurk_sim_set_user (event, "host_broadcaster_user", other);
      if (!g_str_equal (type, "channel.shared_chat.end"))
        {
          JsonArray *participants = json_array_new ();
          LurkSimUser *members[] = { other, broadcaster };

          for (guint i = 0; i < G_N_ELEMENTS (members); i++)
            {
              JsonObject *p = json_object_new ();

              _lurk_sim_set_user (p, "broadcaster_user", members[i]);
              json_array_add_object_element (participants, p);
            }
          json_object_set_array_member (event, "participants", participants);
        }
    }
  else if (g_str_equal (type, "channel.chat.clear"))
    {
    }
  else if (g_str_equal (type, "channel.chat.clear_user_messages"))
    {
      _lurk_sim_set_user (event, "target_user", user);
    }
  else if (g_str_equal (type, "channel.chat.message_delete"))
    {
      _lurk_sim_set_user (event, "target_user", user);
      json_object_set_string_member (event, "message_id", id);
    }
  else if (g_str_equal (type, "channel.chat_settings.update"))
    {
      gboolean slow = _lurk_sim_rand (self, 0, 2);
      gboolean followers = _lurk_sim_rand (self, 0, 2);

      json_object_set_boolean_member (event, "emote_mode", FALSE);
      json_object_set_boolean_member (event, "follower_mode", followers);
      if (followers)
        json_object_set_int_member (event, "follower_mode_duration_minutes", 10);
      else
        json_object_set_null_member (event, "follower_mode_duration_minutes");
      json_object_set_boolean_member (event, "slow_mode", slow);
      if (slow)
        json_object_set_int_member (event, "slow_mode_wait_time_seconds", 30);
      else
        json_object_set_null_member (event, "slow_mode_wait_time_seconds");
      json_object_set_boolean_member (event, "subscriber_mode", FALSE);
      json_object_set_boolean_member (event, "unique_chat_mode", FALSE);
    }
  else if (g_str_equal (type, "channel.follow"))
    {
      _lurk_sim_set_user (event, "user", user);
      set_now (event, "followed_at");
    }
  else if (g_str_equal (type, "channel.subscribe")
           || g_str_equal (type, "channel.subscription.end"))
    {
      _lurk_sim_set_user (event, "user", user);
      json_object_set_string_member (event, "tier", "1000");
      json_object_set_boolean_member (event, "is_gift", _lurk_sim_rand (self, 0, 4) == 0);
    }
  else if (g_str_equal (type, "channel.subscription.gift"))
    {
      gint total = _lurk_sim_rand (self, 1, 21);

      _lurk_sim_set_user (event, "user", user);
      json_object_set_int_member (event, "total", total);
      json_object_set_string_member (event, "tier", "1000");
      json_object_set_int_member (event, "cumulative_total", total + _lurk_sim_rand (self, 0, 100));
      json_object_set_boolean_member (event, "is_anonymous", FALSE);
    }
  else if (g_str_equal (type, "channel.subscription.message"))
    {
      gint months = _lurk_sim_rand (self, 2, 40);
      JsonObject *message = json_object_new ();
      JsonArray *emotes = json_array_new ();
      JsonObject *emote = json_object_new ();

      _lurk_sim_set_user (event, "user", user);
      json_object_set_string_member (event, "tier", "1000");
      json_object_set_string_member (message, "text", "Love the streams! Kappa");
      json_object_set_int_member (emote, "begin", 18);
      json_object_set_int_member (emote, "end", 22);
      json_object_set_string_member (emote, "id", "25");
      json_array_add_object_element (emotes, emote);
      json_object_set_array_member (message, "emotes", emotes);
      json_object_set_object_member (event, "message", message);
      json_object_set_int_member (event, "cumulative_months", months);
      json_object_set_int_member (event, "streak_months", _lurk_sim_rand (self, 1, months + 1));
      json_object_set_int_member (event, "duration_months", 1);
    }
  else if (g_str_equal (type, "channel.cheer"))
    {
      gint bits = 100 * _lurk_sim_rand (self, 1, 11);
      g_autofree char *text = g_strdup_printf ("Cheer%d that split was amazing", bits);

      json_object_set_boolean_member (event, "is_anonymous", FALSE);
      _lurk_sim_set_user (event, "user", user);
      json_object_set_string_member (event, "message", text);
      json_object_set_int_member (event, "bits", bits);
    }
  else if (g_str_equal (type, "channel.channel_points_custom_reward_redemption.add"))
    {
      JsonObject *reward = json_object_new ();
      g_autofree char *reward_id = new_id (self);

      json_object_set_string_member (event, "id", id);
      _lurk_sim_set_user (event, "user", user);
      json_object_set_string_member (event, "user_input", "");
      json_object_set_string_member (event, "status", "unfulfilled");
      json_object_set_string_member (reward, "id", reward_id);
      json_object_set_string_member (reward, "title", "Hydrate!");
      json_object_set_int_member (reward, "cost", 500);
      json_object_set_string_member (reward, "prompt", "Make the streamer drink some water");
      json_object_set_object_member (event, "reward", reward);
      set_now (event, "redeemed_at");
    }
  else if (g_str_has_prefix (type, "channel.poll."))
    {
      gboolean end = g_str_equal (type, "channel.poll.end");

      json_object_set_string_member (event, "id", id);
      json_object_set_string_member (event, "title", "Which chapter next?");
      json_object_set_array_member (event, "choices",
                                    poll_choices (self, !g_str_equal (type, "channel.poll.begin")));
      json_object_set_object_member (event, "bits_voting", voting (FALSE, 0));
      json_object_set_object_member (event, "channel_points_voting", voting (TRUE, 100));
      set_now (event, "started_at");
      if (end)
        {
          json_object_set_string_member (event, "status", "completed");
          set_now (event, "ended_at");
        }
      else
        {
          set_later (event, "ends_at", 120);
        }
    }
  else if (g_str_has_prefix (type, "channel.prediction."))
    {
      JsonArray *outcomes
        = prediction_outcomes (self, !g_str_equal (type, "channel.prediction.begin"));

      json_object_set_string_member (event, "id", id);
      json_object_set_string_member (event, "title", "Will this run be a PB?");
      set_now (event, "started_at");
      if (g_str_equal (type, "channel.prediction.end"))
        {
          JsonObject *first = json_array_get_object_element (outcomes, 0);

          json_object_set_string_member (event, "winning_outcome_id",
                                         json_object_get_string_member (first, "id"));
          json_object_set_string_member (event, "status", "resolved");
          set_now (event, "ended_at");
        }
      else if (g_str_equal (type, "channel.prediction.lock"))
        set_now (event, "locked_at");
      else
        set_later (event, "locks_at", 300);
      json_object_set_array_member (event, "outcomes", outcomes);
    }
  else if (g_str_has_prefix (type, "channel.hype_train."))
    {
      gint level = _lurk_sim_rand (self, 1, 5);

      json_object_set_string_member (event, "id", id);
      json_object_set_int_member (event, "level", level);
      json_object_set_int_member (event, "total", 1000 * level + _lurk_sim_rand (self, 0, 999));
      json_object_set_array_member (event, "top_contributions", top_contributions (self));
      json_object_set_string_member (event, "type", "regular");
      json_object_set_boolean_member (event, "is_shared_train", FALSE);
      json_object_set_null_member (event, "shared_train_participants");
      json_object_set_int_member (event, "all_time_high_level", 6);
      json_object_set_int_member (event, "all_time_high_total", 9800);
      set_now (event, "started_at");
      if (g_str_equal (type, "channel.hype_train.end"))
        {
          set_now (event, "ended_at");
          set_later (event, "cooldown_ends_at", 3600);
        }
      else
        {
          json_object_set_int_member (event, "progress", _lurk_sim_rand (self, 0, 1000));
          json_object_set_int_member (event, "goal", 1800);
          set_later (event, "expires_at", 300);
        }
    }
  else if (g_str_has_prefix (type, "channel.goal."))
    {
      gint target = 500;
      gint current = _lurk_sim_rand (self, 100, 500);

      json_object_set_string_member (event, "id", id);
      json_object_set_string_member (event, "type", "follower");
      json_object_set_string_member (event, "description", "Road to 500 followers");
      json_object_set_int_member (event, "current_amount", current);
      json_object_set_int_member (event, "target_amount", target);
      set_now (event, "started_at");
      if (g_str_equal (type, "channel.goal.end"))
        {
          json_object_set_boolean_member (event, "is_achieved", current >= target);
          set_now (event, "ended_at");
        }
    }
  else if (g_str_equal (type, "channel.charity_campaign.donate"))
    {
      g_autofree char *campaign
        = g_strdup_printf ("%08x-c4a1-4d6e-8b1f-charity0001", g_str_hash (broadcaster->id));

      json_object_set_string_member (event, "id", id);
      json_object_set_string_member (event, "campaign_id", campaign);
      _lurk_sim_set_user (event, "user", user);
      set_charity (event);
      json_object_set_object_member (event, "amount",
                                     money (500 * _lurk_sim_rand (self, 1, 20), "USD"));
    }
  else if (g_str_has_prefix (type, "channel.charity_campaign."))
    {
      json_object_set_string_member (event, "id", id);
      set_charity (event);
      json_object_set_object_member (event, "current_amount",
                                     money (_lurk_sim_rand (self, 0, 150000), "USD"));
      json_object_set_object_member (event, "target_amount", money (150000, "USD"));
      if (g_str_equal (type, "channel.charity_campaign.stop"))
        set_now (event, "stopped_at");
      else if (g_str_equal (type, "channel.charity_campaign.start"))
        set_now (event, "started_at");
    }
  else if (g_str_equal (type, "channel.ad_break.begin"))
    {
      json_object_set_int_member (event, "duration_seconds", 90);
      set_now (event, "started_at");
      json_object_set_boolean_member (event, "is_automatic", TRUE);
      _lurk_sim_set_user (event, "requester_user", broadcaster);
    }
  else if (g_str_equal (type, "channel.shoutout.create"))
    {
      LurkSimUser *to = _lurk_sim_other_channel (self, broadcaster);

      _lurk_sim_set_user (event, "to_broadcaster_user", to);
      _lurk_sim_set_user (event, "moderator_user", broadcaster);
      json_object_set_int_member (event, "viewer_count", broadcaster->viewer_count);
      set_now (event, "started_at");
      set_later (event, "cooldown_ends_at", 120);
      set_later (event, "target_cooldown_ends_at", 3600);
    }
  else if (g_str_equal (type, "channel.shoutout.receive"))
    {
      LurkSimUser *from = _lurk_sim_other_channel (self, broadcaster);

      _lurk_sim_set_user (event, "from_broadcaster_user", from);
      json_object_set_int_member (event, "viewer_count", _lurk_sim_rand (self, 10, 900));
      set_now (event, "started_at");
    }
  else if (g_str_equal (type, "channel.ban"))
    {
      gboolean permanent = _lurk_sim_rand (self, 0, 3) == 0;

      _lurk_sim_set_user (event, "user", user);
      _lurk_sim_set_user (event, "moderator_user", broadcaster);
      json_object_set_string_member (event, "reason", permanent ? "spam bot" : "spoilers");
      set_now (event, "banned_at");
      if (permanent)
        json_object_set_null_member (event, "ends_at");
      else
        set_later (event, "ends_at", 600);
      json_object_set_boolean_member (event, "is_permanent", permanent);
    }
  else if (g_str_equal (type, "channel.unban"))
    {
      _lurk_sim_set_user (event, "user", user);
      _lurk_sim_set_user (event, "moderator_user", broadcaster);
    }
  else if (g_str_has_prefix (type, "channel.moderator.") || g_str_has_prefix (type, "channel.vip."))
    {
      _lurk_sim_set_user (event, "user", user);
    }
  else
    {
      json_object_unref (event);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "No generator for '%s'", type);
      return NULL;
    }

  return event;
}
