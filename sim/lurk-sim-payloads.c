/* lurk-sim-payloads.c: realistic chat messages and chat notifications, and event matching
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-eventsub-private.h"
#include "lurk-sim-payloads.h"

#define ANONYMOUS_ID "274598607"
#define ANONYMOUS_LOGIN "ananonymousgifter"
#define ANONYMOUS_NAME "AnAnonymousGifter"

typedef struct
{
  const char *name;
  const char *id;
  gboolean animated;
} Emote;

static const Emote emotes[] = {
  { "Kappa", "25" },
  { "PogChamp", "305954156" },
  { "LUL", "425618" },
  { "HeyGuys", "30259" },
  { "VoHiYo", "81274" },
  { "SeemsGood", "64138" },
  { "<3", "9" },
  { "BibleThump", "86" },
  { "CoolCat", "58127" },
  { "GlitchCat", "304486301", TRUE },
};

static const char *chat_lines[] = {
  "that jump was so clean",
  "PB pace!! don't choke now",
  "hi chat, hi LurkStream",
  "first time catching a stream live",
  "the music today is so good",
  "how many deaths so far?",
  "chapter 7 here we go",
  "wait how did you skip that",
  "lurking while I work, have a good stream",
  "this run is looking really good",
  "what's the split on this one?",
  "hydrate!",
  "love the new overlay",
  "the plants in the background are thriving",
  "GG that was insane",
  "is this the new route?",
  "my cat is watching with me",
  "back from lunch, what did I miss",
  "that dash cancel was filthy",
  "how long have you been running this game?",
  "the berry skip is so scary every time",
  "good morning from Brazil!",
  "evening from Finland, just got home",
  "is the timer on real time or game time?",
  "I tried this route yesterday and died 40 times",
  "chat is so wholesome today",
  "new personal best incoming, I can feel it",
  "what keyboard are you playing on?",
  "this music slaps",
  "the reset button fears you",
  "lurking from work again, don't tell my boss",
  "that was the cleanest 6A I've seen",
  "can you explain the wall bounce?",
  "first try, no way",
  "we believe",
  "happy Friday everyone",
  "gg, you're so consistent now",
  "remember to stretch your hands",
  "how many hours today?",
  "clip it!",
};

/* NULL-terminated for g_strv_contains(); also the event's per-type objects, all set to
 * null but the one of the notice type. */
static const char *notice_types[] = {
  "sub", "resub", "sub_gift", "community_sub_gift", "gift_paid_upgrade", "prime_paid_upgrade",
  "raid", "unraid", "pay_it_forward", "announcement", "bits_badge_tier", "charity_donation",
  "shared_chat_sub", "shared_chat_resub", "shared_chat_sub_gift",
  "shared_chat_community_sub_gift", "shared_chat_gift_paid_upgrade",
  "shared_chat_prime_paid_upgrade", "shared_chat_raid", "shared_chat_pay_it_forward",
  "shared_chat_announcement",
  NULL,
};

static const char *chat_variants[] = {
  "text", "cheer", "channel_points_highlighted", "channel_points_sub_only", "user_intro",
  "power_ups_gigantified_emote", "power_ups_message_effect", NULL,
};

/* Helpers */

gint
_lurk_sim_rand (LurkSimWorld *self,
                gint          begin,
                gint          end)
{
  return g_rand_int_range (self->rand, begin, end);
}

const char *
_lurk_sim_pick (LurkSimWorld       *self,
                const char * const *items,
                guint               n_items)
{
  return items[g_rand_int_range (self->rand, 0, n_items)];
}

char *
_lurk_sim_later_rfc3339 (gint seconds)
{
  return _lurk_sim_rfc3339 (g_get_real_time () + (gint64)seconds * G_USEC_PER_SEC);
}

void
_lurk_sim_set_user (JsonObject  *object,
                    const char  *prefix,
                    LurkSimUser *user)
{
  g_autofree char *id = g_strconcat (prefix, "_id", NULL);
  g_autofree char *login = g_strconcat (prefix, "_login", NULL);
  g_autofree char *name = g_strconcat (prefix, "_name", NULL);

  json_object_set_string_member (object, id, user->id);
  json_object_set_string_member (object, login, user->login);
  json_object_set_string_member (object, name, user->display_name);
}

void
_lurk_sim_set_null_user (JsonObject *object,
                         const char *prefix)
{
  g_autofree char *id = g_strconcat (prefix, "_id", NULL);
  g_autofree char *login = g_strconcat (prefix, "_login", NULL);
  g_autofree char *name = g_strconcat (prefix, "_name", NULL);

  json_object_set_null_member (object, id);
  json_object_set_null_member (object, login);
  json_object_set_null_member (object, name);
}

LurkSimUser *
_lurk_sim_other_channel (LurkSimWorld *self,
                         LurkSimUser  *not_this)
{
  for (;;)
    {
      LurkSimUser *user = g_ptr_array_index (self->users, _lurk_sim_rand (self, 0, 7));

      if (user != not_this && !user->chatter && !g_str_equal (user->id, LURK_SIM_DEMO_USER_ID))
        return user;
    }
}

static JsonObject *
fragment (const char *type,
          const char *text)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "type", type);
  json_object_set_string_member (object, "text", text);
  json_object_set_null_member (object, "cheermote");
  json_object_set_null_member (object, "emote");
  json_object_set_null_member (object, "mention");

  return object;
}

static JsonObject *
emote_fragment (const Emote *emote)
{
  JsonObject *object = fragment ("emote", emote->name);
  JsonObject *info = json_object_new ();
  JsonArray *format = json_array_new ();

  json_array_add_string_element (format, "static");
  if (emote->animated)
    json_array_add_string_element (format, "animated");
  json_object_set_string_member (info, "id", emote->id);
  json_object_set_string_member (info, "emote_set_id", "0");
  json_object_set_string_member (info, "owner_id", "0");
  json_object_set_array_member (info, "format", format);
  json_object_set_object_member (object, "emote", info);

  return object;
}

static JsonObject *
cheermote_fragment (const char *prefix,
                    gint        bits)
{
  g_autofree char *text = g_strdup_printf ("%s%d", prefix, bits);
  JsonObject *object = fragment ("cheermote", text);
  JsonObject *info = json_object_new ();
  gint tier = bits >= 10000 ? 10000
              : bits >= 5000 ? 5000
              : bits >= 1000 ? 1000
              : bits >= 100 ? 100
              : 1;
  g_autofree char *lower = g_ascii_strdown (prefix, -1);

  json_object_set_string_member (info, "prefix", lower);
  json_object_set_int_member (info, "bits", bits);
  json_object_set_int_member (info, "tier", tier);
  json_object_set_object_member (object, "cheermote", info);

  return object;
}

static JsonObject *
mention_fragment (LurkSimUser *user)
{
  g_autofree char *text = g_strdup_printf ("@%s", user->display_name);
  JsonObject *object = fragment ("mention", text);
  JsonObject *info = json_object_new ();

  json_object_set_string_member (info, "user_id", user->id);
  json_object_set_string_member (info, "user_name", user->display_name);
  json_object_set_string_member (info, "user_login", user->login);
  json_object_set_object_member (object, "mention", info);

  return object;
}

/* {text, fragments}, where text is the concatenation of the fragments' texts. */
static JsonObject *
message_from_fragments (JsonArray *fragments)
{
  JsonObject *message = json_object_new ();
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (fragments); i++)
    g_string_append (
      text, json_object_get_string_member (json_array_get_object_element (fragments, i), "text"));

  json_object_set_string_member (message, "text", text->str);
  json_object_set_array_member (message, "fragments", fragments);

  return message;
}

JsonObject *
_lurk_sim_text_message (LurkSimWorld *self,
                        const char   *text)
{
  JsonArray *fragments = json_array_new ();

  if (text[0] != 0)
    json_array_add_object_element (fragments, fragment ("text", text));
  return message_from_fragments (fragments);
}

/* A chat line, sometimes with a mention, an emote or two. */
static JsonObject *
random_message (LurkSimWorld *self,
                const char   *cheer_prefix,
                gint          bits,
                LurkSimUser  *mentioned)
{
  JsonArray *fragments = json_array_new ();
  const char *line = PICK (self, chat_lines);
  gint roll = _lurk_sim_rand (self, 0, 100);

  if (cheer_prefix != NULL)
    {
      json_array_add_object_element (fragments, cheermote_fragment (cheer_prefix, bits));
      json_array_add_object_element (fragments, fragment ("text", " "));
    }
  if (mentioned != NULL)
    {
      json_array_add_object_element (fragments, mention_fragment (mentioned));
      json_array_add_object_element (fragments, fragment ("text", " "));
    }

  json_array_add_object_element (fragments, fragment ("text", line));
  if (roll < 45)
    {
      json_array_add_object_element (fragments, fragment ("text", " "));
      json_array_add_object_element (
        fragments, emote_fragment (&emotes[_lurk_sim_rand (self, 0, G_N_ELEMENTS (emotes))]));
    }
  if (roll < 15)
    {
      json_array_add_object_element (fragments, fragment ("text", " "));
      json_array_add_object_element (
        fragments, emote_fragment (&emotes[_lurk_sim_rand (self, 0, G_N_ELEMENTS (emotes))]));
    }

  return message_from_fragments (fragments);
}

static JsonObject *
badge (const char *set_id,
       const char *id,
       const char *info)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "set_id", set_id);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "info", info);

  return object;
}

static JsonArray *
random_badges (LurkSimWorld *self,
               gint          months)
{
  JsonArray *badges = json_array_new ();
  gint roll = _lurk_sim_rand (self, 0, 100);

  if (roll < 8)
    json_array_add_object_element (badges, badge ("moderator", "1", ""));
  else if (roll < 14)
    json_array_add_object_element (badges, badge ("vip", "1", ""));

  if (months > 0)
    {
      static const int tiers[] = { 0, 3, 6, 9, 12, 24, 36, 48 };
      g_autofree char *info = g_strdup_printf ("%d", months);
      int tier = 0;

      for (guint i = 0; i < G_N_ELEMENTS (tiers); i++)
        if (months >= tiers[i])
          tier = tiers[i];
      {
        g_autofree char *id = g_strdup_printf ("%d", tier);

        json_array_add_object_element (badges, badge ("subscriber", id, info));
      }
    }

  if (roll % 5 == 0)
    json_array_add_object_element (badges, badge ("bits", roll % 2 ? "1000" : "100", ""));
  else if (roll % 7 == 0)
    json_array_add_object_element (badges, badge ("premium", "1", ""));

  return badges;
}

static void
set_source_nulls (JsonObject *event)
{
  json_object_set_null_member (event, "source_broadcaster_user_id");
  json_object_set_null_member (event, "source_broadcaster_user_login");
  json_object_set_null_member (event, "source_broadcaster_user_name");
  json_object_set_null_member (event, "source_message_id");
  json_object_set_null_member (event, "source_badges");
}

/* channel.chat.message */

static JsonObject *
chat_message (LurkSimWorld  *self,
              LurkSimUser   *broadcaster,
              const char    *variant,
              GError       **error)
{
  JsonObject *event = json_object_new ();
  LurkSimUser *chatter = _lurk_sim_random_chatter (self);
  gint months = _lurk_sim_rand (self, 0, 3) == 0 ? 0 : _lurk_sim_rand (self, 1, 40);
  g_autofree char *message_id = g_uuid_string_random ();
  const char *message_type = "text";
  JsonObject *message;

  if (variant == NULL)
    variant = "text";
  if (!g_strv_contains (chat_variants, variant))
    {
      json_object_unref (event);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Unknown channel.chat.message variant '%s' (use text, cheer, "
                   "channel_points_highlighted, channel_points_sub_only, user_intro, "
                   "power_ups_gigantified_emote or power_ups_message_effect)", variant);
      return NULL;
    }

  _lurk_sim_set_user (event, "broadcaster_user", broadcaster);
  _lurk_sim_set_user (event, "chatter_user", chatter);
  json_object_set_string_member (event, "message_id", message_id);

  if (g_str_equal (variant, "cheer"))
    {
      static const int amounts[] = { 1, 50, 100, 100, 250, 500, 1000, 5000 };
      static const char *prefixes[] = { "Cheer", "Cheer", "BibleThump", "Kappa", "Party" };
      gint bits = amounts[_lurk_sim_rand (self, 0, G_N_ELEMENTS (amounts))];
      JsonObject *cheer = json_object_new ();

      message = random_message (self, PICK (self, prefixes), bits, NULL);
      json_object_set_int_member (cheer, "bits", bits);
      json_object_set_object_member (event, "message", message);
      json_object_set_object_member (event, "cheer", cheer);
    }
  else
    {
      if (g_str_equal (variant, "user_intro"))
        {
          message = _lurk_sim_text_message (self, "hi everyone! first time chatting here, "
                                                  "been lurking for weeks");
          months = 0;
        }
      else if (g_str_equal (variant, "power_ups_gigantified_emote"))
        {
          JsonArray *fragments = json_array_new ();

          json_array_add_object_element (fragments, fragment ("text", "this run "));
          json_array_add_object_element (fragments, emote_fragment (&emotes[1]));
          message = message_from_fragments (fragments);
        }
      else
        {
          LurkSimUser *mentioned = _lurk_sim_rand (self, 0, 6) == 0
                                   ? _lurk_sim_random_chatter (self) : NULL;

          message = random_message (self, NULL, 0, mentioned == chatter ? NULL : mentioned);
        }
      json_object_set_object_member (event, "message", message);
      json_object_set_null_member (event, "cheer");
      message_type = variant;
    }

  json_object_set_string_member (event, "message_type", message_type);
  json_object_set_string_member (event, "color", chatter->color);
  json_object_set_array_member (event, "badges", random_badges (self, months));
  json_object_set_null_member (event, "reply");
  if (g_str_equal (variant, "channel_points_sub_only"))
    {
      /* A custom reward (sub-only message) has an id; a highlighted message does not. */
      g_autofree char *reward = g_strdup_printf ("%08x-5e1c-4f2b-9a3d-%012x", g_str_hash (variant),
                                                 g_str_hash (broadcaster->id));

      json_object_set_string_member (event, "channel_points_custom_reward_id", reward);
    }
  else
    {
      json_object_set_null_member (event, "channel_points_custom_reward_id");
    }
  if (g_str_equal (variant, "power_ups_message_effect"))
    {
      static const char *animations[] = { "simmer", "rainbow-eclipse", "cosmic-abyss" };

      json_object_set_string_member (event, "channel_points_animation_id", PICK (self, animations));
    }
  else
    {
      json_object_set_null_member (event, "channel_points_animation_id");
    }
  set_source_nulls (event);
  json_object_set_null_member (event, "is_source_only");

  return event;
}

/* channel.chat.notification */

static const char *
tier_name (const char *tier)
{
  return g_str_equal (tier, "3000") ? "3" : g_str_equal (tier, "2000") ? "2" : "1";
}

static const char *
random_tier (LurkSimWorld *self)
{
  gint roll = _lurk_sim_rand (self, 0, 100);

  return roll < 85 ? "1000" : roll < 95 ? "2000" : "3000";
}

static void
set_gifter (JsonObject  *object,
            LurkSimUser *gifter,
            gboolean     anonymous)
{
  json_object_set_boolean_member (object, "gifter_is_anonymous", anonymous);
  if (anonymous)
    _lurk_sim_set_null_user (object, "gifter_user");
  else
    _lurk_sim_set_user (object, "gifter_user", gifter);
}

static JsonObject *
notification (LurkSimWorld  *self,
              LurkSimUser   *broadcaster,
              const char    *notice_type,
              GError       **error)
{
  JsonObject *event;
  JsonObject *detail = json_object_new ();
  LurkSimUser *chatter = _lurk_sim_random_chatter (self);
  LurkSimUser *other = _lurk_sim_random_chatter (self);
  g_autofree char *message_id = g_uuid_string_random ();
  g_autofree char *system_message = NULL;
  const char *base;
  const char *message_text = "";
  gboolean shared;
  gboolean anonymous = FALSE;
  gint months = _lurk_sim_rand (self, 1, 40);

  if (notice_type == NULL)
    notice_type = "sub";
  if (!g_strv_contains (notice_types, notice_type) && !g_str_equal (notice_type, "watch_streak"))
    {
      json_object_unref (detail);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Unknown notice_type '%s'", notice_type);
      return NULL;
    }

  while (other == chatter)
    other = _lurk_sim_random_chatter (self);

  shared = g_str_has_prefix (notice_type, "shared_chat_");
  base = shared ? notice_type + strlen ("shared_chat_") : notice_type;
  event = json_object_new ();

  if (g_str_equal (base, "sub"))
    {
      gboolean prime = _lurk_sim_rand (self, 0, 4) == 0;
      const char *tier = random_tier (self);

      json_object_set_string_member (detail, "sub_tier", prime ? "1000" : tier);
      json_object_set_boolean_member (detail, "is_prime", prime);
      json_object_set_int_member (detail, "duration_months", 1);
      system_message = prime ? g_strdup_printf ("%s subscribed with Prime.", chatter->display_name)
                             : g_strdup_printf ("%s subscribed at Tier %s.", chatter->display_name,
                                                tier_name (tier));
      months = 0;
    }
  else if (g_str_equal (base, "resub"))
    {
      gboolean prime = _lurk_sim_rand (self, 0, 4) == 0;
      gboolean gift = !prime && _lurk_sim_rand (self, 0, 5) == 0;
      const char *tier = prime ? "1000" : random_tier (self);
      gint streak;

      months = _lurk_sim_rand (self, 2, 40);
      streak = _lurk_sim_rand (self, 1, months + 1);

      json_object_set_int_member (detail, "cumulative_months", months);
      json_object_set_int_member (detail, "duration_months", 1);
      json_object_set_int_member (detail, "streak_months", streak);
      json_object_set_string_member (detail, "sub_tier", tier);
      json_object_set_boolean_member (detail, "is_prime", prime);
      json_object_set_boolean_member (detail, "is_gift", gift);
      if (gift)
        set_gifter (detail, other, FALSE);
      else
        {
          json_object_set_boolean_member (detail, "gifter_is_anonymous", FALSE);
          _lurk_sim_set_null_user (detail, "gifter_user");
        }
      if (prime)
        system_message = g_strdup_printf ("%s subscribed with Prime. They've subscribed for %d "
                                          "months, currently on a %d month streak!",
                                          chatter->display_name, months, streak);
      else
        system_message = g_strdup_printf ("%s subscribed at Tier %s. They've subscribed for %d "
                                          "months, currently on a %d month streak!",
                                          chatter->display_name, tier_name (tier), months, streak);
      message_text = PICK (self, chat_lines);
    }
  else if (g_str_equal (base, "sub_gift"))
    {
      const char *tier = random_tier (self);
      gint total = _lurk_sim_rand (self, 1, 60);

      json_object_set_int_member (detail, "duration_months", 1);
      json_object_set_int_member (detail, "cumulative_total", total);
      _lurk_sim_set_user (detail, "recipient_user", other);
      json_object_set_string_member (detail, "sub_tier", tier);
      json_object_set_null_member (detail, "community_gift_id");
      system_message = g_strdup_printf ("%s gifted a Tier %s sub to %s! They have given %d Gift "
                                        "Subs in the channel!", chatter->display_name,
                                        tier_name (tier), other->display_name, total);
    }
  else if (g_str_equal (base, "community_sub_gift"))
    {
      static const int sizes[] = { 1, 5, 5, 10, 20, 50 };
      gint count = sizes[_lurk_sim_rand (self, 0, G_N_ELEMENTS (sizes))];
      const char *tier = random_tier (self);
      gint total = count + _lurk_sim_rand (self, 0, 200);
      g_autofree char *gift_id
        = g_strdup_printf ("%u", (guint)_lurk_sim_rand (self, 100000000, G_MAXINT));

      anonymous = _lurk_sim_rand (self, 0, 6) == 0;
      json_object_set_string_member (detail, "id", gift_id);
      json_object_set_int_member (detail, "total", count);
      json_object_set_string_member (detail, "sub_tier", tier);
      if (anonymous)
        json_object_set_null_member (detail, "cumulative_total");
      else
        json_object_set_int_member (detail, "cumulative_total", total);
      if (anonymous)
        system_message = g_strdup_printf ("An anonymous user is gifting %d Tier %s Subs to %s's "
                                          "community!", count, tier_name (tier),
                                          broadcaster->display_name);
      else
        system_message = g_strdup_printf ("%s is gifting %d Tier %s Subs to %s's community! "
                                          "They've gifted a total of %d in the channel!",
                                          chatter->display_name, count, tier_name (tier),
                                          broadcaster->display_name, total);
    }
  else if (g_str_equal (base, "gift_paid_upgrade"))
    {
      set_gifter (detail, other, FALSE);
      system_message = g_strdup_printf ("%s is continuing the Gift Sub they got from %s!",
                                        chatter->display_name, other->display_name);
    }
  else if (g_str_equal (base, "prime_paid_upgrade"))
    {
      const char *tier = random_tier (self);

      json_object_set_string_member (detail, "sub_tier", tier);
      system_message = g_strdup_printf ("%s converted from a Prime sub to a Tier %s sub!",
                                        chatter->display_name, tier_name (tier));
    }
  else if (g_str_equal (base, "raid"))
    {
      LurkSimUser *raider = _lurk_sim_other_channel (self, broadcaster);
      gint viewers = _lurk_sim_rand (self, 3, 800);
      g_autofree char *avatar = _lurk_sim_avatar_url (self, raider->login);

      chatter = raider;
      json_object_set_string_member (detail, "user_id", raider->id);
      json_object_set_string_member (detail, "user_name", raider->display_name);
      json_object_set_string_member (detail, "user_login", raider->login);
      json_object_set_int_member (detail, "viewer_count", viewers);
      json_object_set_string_member (detail, "profile_image_url", avatar);
      system_message = g_strdup_printf ("%d raiders from %s have joined!", viewers,
                                        raider->display_name);
      months = 0;
    }
  else if (g_str_equal (base, "unraid"))
    {
      chatter = broadcaster;
      system_message = g_strdup_printf ("%s has canceled the raid.", broadcaster->display_name);
      months = 0;
    }
  else if (g_str_equal (base, "pay_it_forward"))
    {
      set_gifter (detail, other, FALSE);
      system_message = g_strdup_printf ("%s is paying forward the Gift they got from %s to the "
                                        "community!", chatter->display_name, other->display_name);
    }
  else if (g_str_equal (base, "announcement"))
    {
      static const char *colors[] = { "PRIMARY", "BLUE", "GREEN", "ORANGE", "PURPLE" };
      static const char *announcements[] = {
        "Giveaway at 500 followers! Type !enter to join",
        "New schedule: streams Tuesday, Thursday and Saturday at 18:00 UTC",
        "Be kind in chat, and no spoilers please",
        "Merch store is live, link in the panels below",
      };

      chatter = _lurk_sim_rand (self, 0, 2) ? broadcaster : chatter;
      json_object_set_string_member (detail, "color", PICK (self, colors));
      system_message = g_strdup ("");
      message_text = PICK (self, announcements);
    }
  else if (g_str_equal (base, "bits_badge_tier"))
    {
      static const int tiers[] = { 1000, 5000, 10000, 25000, 50000, 100000 };
      gint tier = tiers[_lurk_sim_rand (self, 0, G_N_ELEMENTS (tiers))];

      json_object_set_int_member (detail, "tier", tier);
      system_message = g_strdup_printf ("bits badge tier notification: %s just earned a new %dK "
                                        "Bits badge!", chatter->display_name, tier / 1000);
    }
  else if (g_str_equal (base, "charity_donation"))
    {
      static const int amounts[] = { 500, 1000, 2500, 5000, 10000 };
      gint value = amounts[_lurk_sim_rand (self, 0, G_N_ELEMENTS (amounts))];
      JsonObject *amount = json_object_new ();

      json_object_set_string_member (detail, "charity_name", "Direct Relief");
      json_object_set_int_member (amount, "value", value);
      json_object_set_int_member (amount, "decimal_places", 2);
      json_object_set_string_member (amount, "currency", "USD");
      json_object_set_object_member (detail, "amount", amount);
      system_message = g_strdup_printf ("%s: Donated USD %d to support Direct Relief.",
                                        chatter->display_name, value / 100);
    }
  else if (g_str_equal (base, "watch_streak"))
    {
      gint streams = _lurk_sim_rand (self, 3, 15);

      system_message = g_strdup_printf ("%s watched %d consecutive streams this month and sparked "
                                        "a watch streak!", chatter->display_name, streams);
      message_text = "keeping the streak alive";
    }

  _lurk_sim_set_user (event, "broadcaster_user", broadcaster);
  json_object_set_boolean_member (event, "chatter_is_anonymous", anonymous);
  if (anonymous)
    {
      json_object_set_string_member (event, "chatter_user_id", ANONYMOUS_ID);
      json_object_set_string_member (event, "chatter_user_login", ANONYMOUS_LOGIN);
      json_object_set_string_member (event, "chatter_user_name", ANONYMOUS_NAME);
    }
  else
    {
      _lurk_sim_set_user (event, "chatter_user", chatter);
    }
  json_object_set_string_member (event, "color", anonymous ? "" : chatter->color);
  json_object_set_array_member (event, "badges", random_badges (self, anonymous ? 0 : months));
  json_object_set_string_member (event, "system_message", system_message);
  json_object_set_string_member (event, "message_id", message_id);
  json_object_set_object_member (event, "message", _lurk_sim_text_message (self, message_text));
  json_object_set_string_member (event, "notice_type", notice_type);

  for (guint i = 0; notice_types[i] != NULL; i++)
    json_object_set_null_member (event, notice_types[i]);
  if (!g_str_equal (base, "watch_streak"))
    json_object_set_object_member (event, notice_type, g_steal_pointer (&detail));
  g_clear_pointer (&detail, json_object_unref);

  if (shared)
    {
      LurkSimUser *source = _lurk_sim_other_channel (self, broadcaster);
      g_autofree char *source_id = g_uuid_string_random ();

      _lurk_sim_set_user (event, "source_broadcaster_user", source);
      json_object_set_string_member (event, "source_message_id", source_id);
      json_object_set_array_member (event, "source_badges", random_badges (self, months));
    }
  else
    {
      set_source_nulls (event);
    }

  return event;
}

/* Public entry points */

JsonObject *
_lurk_sim_generate_event (LurkSimWorld  *self,
                          const char    *type,
                          const char    *notice_type,
                          LurkSimUser   *broadcaster,
                          GError       **error)
{
  if (broadcaster == NULL)
    broadcaster = _lurk_sim_default_broadcaster (self);

  if (!_lurk_sim_type_is_known (type))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Unknown subscription type '%s'", type);
      return NULL;
    }

  if (g_str_equal (type, "channel.chat.message"))
    return chat_message (self, broadcaster, notice_type, error);
  if (g_str_equal (type, "channel.chat.notification"))
    return notification (self, broadcaster, notice_type, error);

  return _lurk_sim_generate_channel_event (self, type, broadcaster, error);
}
