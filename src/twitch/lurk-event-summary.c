/* lurk-event-summary.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one-line, translated description of an event, built at display time. Counts are
 * written as the locale groups digits ("5,000 bits": the ' flag of printf). */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-event-private.h"

#define NG(singular, plural, n) g_dngettext (GETTEXT_PACKAGE, singular, plural, n)

static int
to_int (gint64 v)
{
  return (int) CLAMP (v, G_MININT, G_MAXINT);
}

static gboolean
is_set (const char *s)
{
  return s != NULL && s[0] != '\0';
}

static const char *
name_or_login (const char *name,
               const char *login)
{
  if (is_set (name))
    return name;
  if (is_set (login))
    return login;
  return NULL;
}

static const char *
actor (LurkEvent *self)
{
  const char *who;

  if (self->actor_is_anonymous)
    return _("An anonymous user");
  who = name_or_login (self->actor_name, self->actor_login);
  return who != NULL ? who : _("Someone");
}

static const char *
target (LurkEvent *self)
{
  const char *who = name_or_login (self->target_name, self->target_login);

  return who != NULL ? who : _("someone");
}

/* 1 for "1000", 2 for "2000", 3 for "3000"; 0 when unknown */
static int
tier_number (LurkEvent *self)
{
  if (g_strcmp0 (self->tier, "1000") == 0)
    return 1;
  if (g_strcmp0 (self->tier, "2000") == 0)
    return 2;
  if (g_strcmp0 (self->tier, "3000") == 0)
    return 3;
  return 0;
}

static char *
format_amount (gint64      value,
               guint       decimal_places,
               const char *currency)
{
  g_autoptr(GString) s = g_string_new (NULL);
  guint64 magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  guint64 scale = 1;

  for (guint i = 0; i < decimal_places; i++)
    scale *= 10;

  if (value < 0)
    g_string_append_c (s, '-');
  g_string_append_printf (s, "%" G_GUINT64_FORMAT, magnitude / scale);
  if (decimal_places > 0)
    g_string_append_printf (s, ".%0*" G_GUINT64_FORMAT, (int) decimal_places,
                            magnitude % scale);
  if (is_set (currency))
    g_string_append_printf (s, " %s", currency);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
format_duration (gint64 seconds)
{
  if (seconds >= 3600 && seconds % 3600 == 0)
    return g_strdup_printf (NG ("%d hour", "%d hours", to_int (seconds / 3600)),
                            to_int (seconds / 3600));
  if (seconds >= 60 && seconds % 60 == 0)
    return g_strdup_printf (NG ("%d minute", "%d minutes", to_int (seconds / 60)),
                            to_int (seconds / 60));
  return g_strdup_printf (NG ("%d second", "%d seconds", to_int (seconds)), to_int (seconds));
}

static char *
summarize_sub (LurkEvent *self)
{
  const char *who = actor (self);
  int tier = tier_number (self);
  guint months = self->months;

  if (g_strcmp0 (self->tier, "prime") == 0)
    {
      if (months > 1)
        return g_strdup_printf (NG ("%s subscribed with Prime for %u month",
                                    "%s subscribed with Prime for %u months", months),
                                who, months);
      return g_strdup_printf (_("%s subscribed with Prime"), who);
    }

  if (self->is_gift && self->kind == LURK_EVENT_KIND_SUB)
    return g_strdup_printf (_("%s received a gifted sub"), who);

  if (tier == 0)
    {
      if (months > 1)
        return g_strdup_printf (NG ("%s subscribed for %u month",
                                    "%s subscribed for %u months", months),
                                who, months);
      return g_strdup_printf (_("%s subscribed"), who);
    }

  if (months > 1)
    /* Translators: "alice subscribed at Tier 1 for 5 months" */
    return g_strdup_printf (NG ("%s subscribed at Tier %d for %u month",
                                "%s subscribed at Tier %d for %u months", months),
                            who, tier, months);
  /* Translators: "alice subscribed at Tier 1" */
  return g_strdup_printf (_("%s subscribed at Tier %d"), who, tier);
}

static char *
summarize_chat_settings (LurkEvent *self)
{
  g_autoptr(GPtrArray) modes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  LurkJsonDoc doc;
  const char *json = self->event_json != NULL ? self->event_json : "";

  if (lurk_json_doc_parse (&doc, json, strlen (json), NULL))
    {
      if (lurk_json_doc_member_true (&doc, LURK_JSON_ROOT, "emote_mode"))
        g_ptr_array_add (modes, g_strdup (_("emote-only")));
      if (lurk_json_doc_member_true (&doc, LURK_JSON_ROOT, "follower_mode"))
        {
          gint64 minutes = lurk_json_doc_member_int (&doc, LURK_JSON_ROOT,
                                                     "follower_mode_duration_minutes", 0);

          if (minutes > 0)
            {
              g_autofree char *duration = format_duration (minutes * 60);

              /* Translators: %s is a duration such as "10 minutes" */
              g_ptr_array_add (modes, g_strdup_printf (_("followers-only (%s)"), duration));
            }
          else
            {
              g_ptr_array_add (modes, g_strdup (_("followers-only")));
            }
        }
      if (lurk_json_doc_member_true (&doc, LURK_JSON_ROOT, "slow_mode"))
        {
          gint64 seconds = lurk_json_doc_member_int (&doc, LURK_JSON_ROOT,
                                                     "slow_mode_wait_time_seconds", 0);
          g_autofree char *duration = format_duration (seconds);

          /* Translators: %s is a duration such as "30 seconds" */
          g_ptr_array_add (modes, g_strdup_printf (_("slow mode (%s)"), duration));
        }
      if (lurk_json_doc_member_true (&doc, LURK_JSON_ROOT, "subscriber_mode"))
        g_ptr_array_add (modes, g_strdup (_("subscribers-only")));
      if (lurk_json_doc_member_true (&doc, LURK_JSON_ROOT, "unique_chat_mode"))
        g_ptr_array_add (modes, g_strdup (_("unique chat")));
    }
  lurk_json_doc_clear (&doc);

  if (modes->len == 0)
    return g_strdup (_("Chat settings changed: no restrictions"));

  g_ptr_array_add (modes, NULL);
  /* Translators: the separator between chat modes in "Chat settings changed: a, b" */
  list = g_strjoinv (_(", "), (char **) modes->pdata);
  /* Translators: %s is a list such as "slow mode (30 seconds), subscribers-only" */
  return g_strdup_printf (_("Chat settings changed: %s"), list);
}

static char *dup_summary_own (LurkEvent *self);

/**
 * lurk_event_dup_summary:
 * @self: an event
 *
 * A shared chat partner's event names the partner's channel, so that it does not read as
 * the favorite's own.
 *
 * Returns: (transfer full): the translated one-line description of @self
 */
char *
lurk_event_dup_summary (LurkEvent *self)
{
  g_autofree char *own = NULL;
  const char *channel;

  g_return_val_if_fail (LURK_IS_EVENT (self), NULL);

  own = dup_summary_own (self);
  if (!self->from_partner)
    return g_steal_pointer (&own);

  channel = name_or_login (self->source_broadcaster_name, self->source_broadcaster_login);
  if (channel == NULL)
    channel = self->source_broadcaster_id;
  if (channel == NULL)
    /* Translators: an event from another channel of a shared chat that does not say which */
    return g_strdup_printf (_("%s (in a shared chat partner’s channel)"), own);
  /* Translators: an event from another channel of a shared chat: "Erin subscribed at Tier 1
   * (in Partner’s channel)"; the first %s is the summary, the second the channel */
  return g_strdup_printf (_("%s (in %s’s channel)"), own, channel);
}

static char *
dup_summary_own (LurkEvent *self)
{
  const char *phase;

  phase = self->phase != NULL ? self->phase : "";

  switch (self->kind)
    {
    case LURK_EVENT_KIND_STREAM_ONLINE:
      return g_strdup (_("Stream went live"));

    case LURK_EVENT_KIND_STREAM_OFFLINE:
      return g_strdup (_("Stream went offline"));

    case LURK_EVENT_KIND_CHANNEL_UPDATE:
      if (is_set (self->title) && is_set (self->category))
        /* Translators: the first %s is the stream title, the second its category (game) */
        return g_strdup_printf (_("Title changed to “%s” in %s"), self->title, self->category);
      if (is_set (self->title))
        return g_strdup_printf (_("Title changed to “%s”"), self->title);
      if (is_set (self->category))
        return g_strdup_printf (_("Category changed to %s"), self->category);
      return g_strdup (_("Stream info changed"));

    case LURK_EVENT_KIND_RAID_IN:
      if (name_or_login (self->actor_name, self->actor_login) != NULL)
        /* Translators: "Raid from carol with 312 viewers" */
        return g_strdup_printf (NG ("Raid from %s with %'d viewer",
                                    "Raid from %s with %'d viewers", to_int (self->count)),
                                actor (self), to_int (self->count));
      return g_strdup_printf (NG ("Raid with %'d viewer", "Raid with %'d viewers",
                                  to_int (self->count)), to_int (self->count));

    case LURK_EVENT_KIND_RAID_OUT:
      /* Translators: "Raiding dave with 40 viewers" */
      return g_strdup_printf (NG ("Raiding %s with %'d viewer", "Raiding %s with %'d viewers",
                                  to_int (self->count)),
                              target (self), to_int (self->count));

    case LURK_EVENT_KIND_UNRAID:
      return g_strdup (_("The raid was cancelled"));

    case LURK_EVENT_KIND_SHARED_CHAT_BEGIN:
      if (name_or_login (self->actor_name, self->actor_login) != NULL &&
          g_strcmp0 (self->actor_id, self->broadcaster_id) != 0)
        return g_strdup_printf (_("Shared chat with %s started"), actor (self));
      return g_strdup (_("Shared chat started"));

    case LURK_EVENT_KIND_SHARED_CHAT_UPDATE:
      return g_strdup (_("Shared chat changed"));

    case LURK_EVENT_KIND_SHARED_CHAT_END:
      return g_strdup (_("Shared chat ended"));

    case LURK_EVENT_KIND_SUB:
    case LURK_EVENT_KIND_RESUB:
      return summarize_sub (self);

    case LURK_EVENT_KIND_SUB_GIFT:
      if (name_or_login (self->target_name, self->target_login) != NULL)
        /* Translators: "bob gifted a sub to carol" */
        return g_strdup_printf (_("%s gifted a sub to %s"), actor (self), target (self));
      return g_strdup_printf (_("%s gifted a sub"), actor (self));

    case LURK_EVENT_KIND_COMMUNITY_SUB_GIFT:
      /* Translators: "bob gifted 20 subs" */
      return g_strdup_printf (NG ("%s gifted %'d sub", "%s gifted %'d subs",
                                  to_int (self->count)),
                              actor (self), to_int (self->count));

    case LURK_EVENT_KIND_GIFT_PAID_UPGRADE:
      if (name_or_login (self->target_name, self->target_login) != NULL)
        /* Translators: "alice continued the gift sub from bob" */
        return g_strdup_printf (_("%s continued the gift sub from %s"),
                                actor (self), target (self));
      return g_strdup_printf (_("%s continued their gift sub"), actor (self));

    case LURK_EVENT_KIND_PRIME_PAID_UPGRADE:
      if (tier_number (self) > 0)
        return g_strdup_printf (_("%s upgraded from Prime to Tier %d"),
                                actor (self), tier_number (self));
      return g_strdup_printf (_("%s upgraded their Prime sub"), actor (self));

    case LURK_EVENT_KIND_PAY_IT_FORWARD:
      if (name_or_login (self->target_name, self->target_login) != NULL)
        return g_strdup_printf (_("%s paid forward the gift from %s"),
                                actor (self), target (self));
      return g_strdup_printf (_("%s paid a gift forward"), actor (self));

    case LURK_EVENT_KIND_ANNOUNCEMENT:
      if (is_set (self->message_text))
        /* Translators: "Announcement from alice: the text" */
        return g_strdup_printf (_("Announcement from %s: %s"), actor (self), self->message_text);
      return g_strdup_printf (_("Announcement from %s"), actor (self));

    case LURK_EVENT_KIND_BITS_BADGE_TIER:
      /* Translators: "alice unlocked the 1000 Bits badge" */
      return g_strdup_printf (_("%s unlocked the %d Bits badge"),
                              actor (self), to_int (self->count));

    case LURK_EVENT_KIND_CHARITY_DONATION:
      {
        g_autofree char *amount = format_amount (self->amount_value,
                                                 self->amount_decimal_places,
                                                 self->amount_currency);

        if (is_set (self->title))
          /* Translators: "gina donated 5.00 USD to Charity" */
          return g_strdup_printf (_("%s donated %s to %s"), actor (self), amount, self->title);
        return g_strdup_printf (_("%s donated %s"), actor (self), amount);
      }

    case LURK_EVENT_KIND_CHEER:
      /* Translators: "erin cheered 100 bits" */
      return g_strdup_printf (NG ("%s cheered %'d bit", "%s cheered %'d bits",
                                  to_int (self->count)),
                              actor (self), to_int (self->count));

    case LURK_EVENT_KIND_HIGHLIGHTED_MESSAGE:
      if (is_set (self->message_text))
        return g_strdup_printf (_("%s highlighted a message: %s"),
                                actor (self), self->message_text);
      return g_strdup_printf (_("%s highlighted a message"), actor (self));

    case LURK_EVENT_KIND_FIRST_MESSAGE:
      if (is_set (self->message_text))
        return g_strdup_printf (_("First message from %s: %s"), actor (self), self->message_text);
      return g_strdup_printf (_("First message from %s"), actor (self));

    case LURK_EVENT_KIND_POWER_UP:
      if (g_strcmp0 (self->notice_type, "power_ups_gigantified_emote") == 0)
        return g_strdup_printf (_("%s gigantified an emote"), actor (self));
      if (g_strcmp0 (self->notice_type, "power_ups_message_effect") == 0)
        return g_strdup_printf (_("%s sent a message with an effect"), actor (self));
      return g_strdup_printf (_("%s used a power-up"), actor (self));

    case LURK_EVENT_KIND_CHAT_CLEAR:
      return g_strdup (_("Chat was cleared"));

    case LURK_EVENT_KIND_CHAT_CLEAR_USER:
      /* channel.chat.clear_user_messages does not say which of the two it was */
      return g_strdup_printf (_("%s was timed out or banned"), target (self));

    case LURK_EVENT_KIND_MESSAGE_DELETE:
      return g_strdup_printf (_("A message from %s was deleted"), target (self));

    case LURK_EVENT_KIND_CHAT_SETTINGS:
      return summarize_chat_settings (self);

    case LURK_EVENT_KIND_FOLLOW:
      return g_strdup_printf (_("%s followed"), actor (self));

    case LURK_EVENT_KIND_REDEMPTION:
      if (is_set (self->title))
        /* Translators: "alice redeemed Hydrate" */
        return g_strdup_printf (_("%s redeemed %s"), actor (self), self->title);
      return g_strdup_printf (_("%s redeemed a reward"), actor (self));

    case LURK_EVENT_KIND_POLL:
      {
        const char *title = is_set (self->title) ? self->title : "";

        if (strcmp (phase, "begin") == 0)
          return g_strdup_printf (_("Poll started: %s"), title);
        if (strcmp (phase, "end") == 0)
          return g_strdup_printf (_("Poll ended: %s"), title);
        return g_strdup_printf (_("Poll updated: %s"), title);
      }

    case LURK_EVENT_KIND_PREDICTION:
      {
        const char *title = is_set (self->title) ? self->title : "";

        if (strcmp (phase, "begin") == 0)
          return g_strdup_printf (_("Prediction started: %s"), title);
        if (strcmp (phase, "lock") == 0)
          return g_strdup_printf (_("Prediction locked: %s"), title);
        if (strcmp (phase, "end") == 0)
          return g_strdup_printf (_("Prediction ended: %s"), title);
        return g_strdup_printf (_("Prediction updated: %s"), title);
      }

    case LURK_EVENT_KIND_HYPE_TRAIN:
      if (strcmp (phase, "begin") == 0)
        return g_strdup (_("Hype Train started"));
      if (strcmp (phase, "end") == 0)
        return g_strdup_printf (_("Hype Train ended at level %d"), to_int (self->count));
      return g_strdup_printf (_("Hype Train reached level %d"), to_int (self->count));

    case LURK_EVENT_KIND_GOAL:
      if (strcmp (phase, "begin") == 0)
        /* Translators: "Goal started: 10 of 100" */
        return g_strdup_printf (_("Goal started: %d of %d"),
                                to_int (self->count), to_int (self->target_amount));
      if (strcmp (phase, "end") == 0)
        return g_strdup_printf (_("Goal ended at %d of %d"),
                                to_int (self->count), to_int (self->target_amount));
      return g_strdup_printf (_("Goal progress: %d of %d"),
                              to_int (self->count), to_int (self->target_amount));

    case LURK_EVENT_KIND_CHARITY_CAMPAIGN:
      {
        g_autofree char *amount = format_amount (self->amount_value,
                                                 self->amount_decimal_places,
                                                 self->amount_currency);
        const char *charity = is_set (self->title) ? self->title : _("charity");

        if (strcmp (phase, "start") == 0)
          return g_strdup_printf (_("Charity campaign for %s started"), charity);
        if (strcmp (phase, "stop") == 0)
          /* Translators: "Charity campaign for Charity ended with 500.00 USD raised" */
          return g_strdup_printf (_("Charity campaign for %s ended with %s raised"),
                                  charity, amount);
        return g_strdup_printf (_("Charity campaign for %s has raised %s"), charity, amount);
      }

    case LURK_EVENT_KIND_AD_BREAK:
      {
        g_autofree char *duration = format_duration (self->duration_seconds);

        /* Translators: %s is a duration such as "90 seconds" */
        return g_strdup_printf (_("Ad break of %s started"), duration);
      }

    case LURK_EVENT_KIND_SHOUTOUT:
      if (strcmp (phase, "receive") == 0)
        return g_strdup_printf (_("Shoutout from %s"), actor (self));
      return g_strdup_printf (_("Shoutout to %s"), target (self));

    case LURK_EVENT_KIND_BAN:
      if (self->is_permanent)
        return g_strdup_printf (_("%s was banned"), target (self));
      if (self->duration_seconds > 0)
        {
          g_autofree char *duration = format_duration (self->duration_seconds);

          /* Translators: "frank was timed out for 10 minutes" */
          return g_strdup_printf (_("%s was timed out for %s"), target (self), duration);
        }
      return g_strdup_printf (_("%s was timed out"), target (self));

    case LURK_EVENT_KIND_UNBAN:
      return g_strdup_printf (_("%s was unbanned"), target (self));

    case LURK_EVENT_KIND_MODERATOR:
      if (strcmp (phase, "remove") == 0)
        return g_strdup_printf (_("%s is no longer a moderator"), target (self));
      return g_strdup_printf (_("%s is now a moderator"), target (self));

    case LURK_EVENT_KIND_VIP:
      if (strcmp (phase, "remove") == 0)
        return g_strdup_printf (_("%s is no longer a VIP"), target (self));
      return g_strdup_printf (_("%s is now a VIP"), target (self));

    case LURK_EVENT_KIND_UNKNOWN:
    case LURK_EVENT_KIND_LAST:
    default:
      break;
    }

  if (is_set (self->system_message))
    return g_strdup (self->system_message);
  if (is_set (self->notice_type))
    /* Translators: %s is a Twitch notice type such as "watch_streak" */
    return g_strdup_printf (_("Unknown chat notice %s"), self->notice_type);
  /* Translators: %s is an EventSub type such as "channel.new_thing" */
  return g_strdup_printf (_("Unknown event %s"),
                          self->subscription_type != NULL ? self->subscription_type : "?");
}
