/* lurk-subscription-plan.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-subscription-plan.h"

/* Which EventSub subscriptions Lurk creates. Everything here is data plus one pure function,
 * so the plan (and its cost) is unit-tested without a network. */

typedef enum
{
  COND_BROADCASTER,            /* {broadcaster_user_id} */
  COND_BROADCASTER_SELF,       /* {broadcaster_user_id, user_id: self} */
  COND_BROADCASTER_MODERATOR,  /* {broadcaster_user_id, moderator_user_id: self} */
  COND_RAID_TO,                /* {to_broadcaster_user_id} */
  COND_RAID_FROM,              /* {from_broadcaster_user_id} */
} ConditionShape;

typedef struct
{
  const char     *type;
  const char     *version;
  ConditionShape  shape;
} Entry;

/* Viewer types that need no scope and cost 1 each when the broadcaster is someone else;
 * highest priority first: when the budget is short the tail is left out. */
static const Entry viewer_paid[] = {
  { "stream.online", "1", COND_BROADCASTER },
  { "stream.offline", "1", COND_BROADCASTER },
  { "channel.update", "2", COND_BROADCASTER },
  { "channel.raid", "1", COND_RAID_TO },
  { "channel.raid", "1", COND_RAID_FROM },
  { "channel.shared_chat.begin", "1", COND_BROADCASTER },
  { "channel.shared_chat.update", "1", COND_BROADCASTER },
  { "channel.shared_chat.end", "1", COND_BROADCASTER },
};

/* Scope user:read:chat, condition user_id = self: always cost 0. */
static const Entry viewer_chat[] = {
  { "channel.chat.notification", "1", COND_BROADCASTER_SELF },
  { "channel.chat.message", "1", COND_BROADCASTER_SELF },
  { "channel.chat.clear", "1", COND_BROADCASTER_SELF },
  { "channel.chat.clear_user_messages", "1", COND_BROADCASTER_SELF },
  { "channel.chat.message_delete", "1", COND_BROADCASTER_SELF },
  { "channel.chat_settings.update", "1", COND_BROADCASTER_SELF },
};

/* Only with the broadcaster's own token (and the read scopes asked for at sign-in). */
static const Entry broadcaster_only[] = {
  { "channel.follow", "2", COND_BROADCASTER_MODERATOR },
  { "channel.subscribe", "1", COND_BROADCASTER },
  { "channel.subscription.gift", "1", COND_BROADCASTER },
  { "channel.subscription.message", "1", COND_BROADCASTER },
  { "channel.cheer", "1", COND_BROADCASTER },
  { "channel.channel_points_custom_reward_redemption.add", "1", COND_BROADCASTER },
  { "channel.poll.begin", "1", COND_BROADCASTER },
  { "channel.poll.progress", "1", COND_BROADCASTER },
  { "channel.poll.end", "1", COND_BROADCASTER },
  { "channel.prediction.begin", "1", COND_BROADCASTER },
  { "channel.prediction.progress", "1", COND_BROADCASTER },
  { "channel.prediction.lock", "1", COND_BROADCASTER },
  { "channel.prediction.end", "1", COND_BROADCASTER },
  { "channel.hype_train.begin", "2", COND_BROADCASTER },
  { "channel.hype_train.progress", "2", COND_BROADCASTER },
  { "channel.hype_train.end", "2", COND_BROADCASTER },
  { "channel.goal.begin", "1", COND_BROADCASTER },
  { "channel.goal.progress", "1", COND_BROADCASTER },
  { "channel.goal.end", "1", COND_BROADCASTER },
  { "channel.charity_campaign.donate", "1", COND_BROADCASTER },
  { "channel.charity_campaign.start", "1", COND_BROADCASTER },
  { "channel.charity_campaign.progress", "1", COND_BROADCASTER },
  { "channel.charity_campaign.stop", "1", COND_BROADCASTER },
  { "channel.ad_break.begin", "1", COND_BROADCASTER },
  { "channel.shoutout.create", "1", COND_BROADCASTER_MODERATOR },
  { "channel.shoutout.receive", "1", COND_BROADCASTER_MODERATOR },
  { "channel.ban", "1", COND_BROADCASTER },
  { "channel.unban", "1", COND_BROADCASTER },
  { "channel.moderator.add", "1", COND_BROADCASTER },
  { "channel.moderator.remove", "1", COND_BROADCASTER },
  { "channel.vip.add", "1", COND_BROADCASTER },
  { "channel.vip.remove", "1", COND_BROADCASTER },
};

void
lurk_subscription_spec_free (LurkSubscriptionSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->type);
  g_free (spec->version);
  g_strfreev (spec->condition);
  g_free (spec);
}

LurkSubscriptionSpec *
lurk_subscription_spec_copy (const LurkSubscriptionSpec *spec)
{
  LurkSubscriptionSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (LurkSubscriptionSpec, 1);
  copy->type = g_strdup (spec->type);
  copy->version = g_strdup (spec->version);
  copy->cost = spec->cost;
  copy->condition = g_strdupv (spec->condition);

  return copy;
}

JsonObject *
lurk_subscription_spec_dup_condition (const LurkSubscriptionSpec *spec)
{
  JsonObject *condition;

  g_return_val_if_fail (spec != NULL, NULL);

  condition = json_object_new ();
  for (guint i = 0; spec->condition[i] != NULL && spec->condition[i + 1] != NULL; i += 2)
    json_object_set_string_member (condition, spec->condition[i], spec->condition[i + 1]);

  return condition;
}

const char *
lurk_subscription_spec_get_condition (const LurkSubscriptionSpec *spec,
                                      const char                 *key)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  for (guint i = 0; spec->condition[i] != NULL && spec->condition[i + 1] != NULL; i += 2)
    {
      if (g_str_equal (spec->condition[i], key))
        return spec->condition[i + 1];
    }

  return NULL;
}

char *
lurk_subscription_spec_describe (const LurkSubscriptionSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (lurk_subscription_spec_get_condition (spec, "to_broadcaster_user_id") != NULL)
    return g_strdup_printf ("%s (to)", spec->type);
  if (lurk_subscription_spec_get_condition (spec, "from_broadcaster_user_id") != NULL)
    return g_strdup_printf ("%s (from)", spec->type);

  return g_strdup (spec->type);
}

static LurkSubscriptionSpec *
spec_new (const Entry *entry,
          const char  *broadcaster_id,
          const char  *user_id)
{
  LurkSubscriptionSpec *spec = g_new0 (LurkSubscriptionSpec, 1);
  gboolean self = g_strcmp0 (broadcaster_id, user_id) == 0;

  spec->type = g_strdup (entry->type);
  spec->version = g_strdup (entry->version);

  switch (entry->shape)
    {
    case COND_BROADCASTER:
      spec->condition = g_strdupv ((char *[]) { (char *) "broadcaster_user_id",
                                                (char *) broadcaster_id, NULL });
      spec->cost = self ? 0 : 1;
      break;

    case COND_BROADCASTER_SELF:
      spec->condition = g_strdupv ((char *[]) { (char *) "broadcaster_user_id",
                                                (char *) broadcaster_id,
                                                (char *) "user_id", (char *) user_id, NULL });
      spec->cost = 0;
      break;

    case COND_BROADCASTER_MODERATOR:
      spec->condition = g_strdupv ((char *[]) { (char *) "broadcaster_user_id",
                                                (char *) broadcaster_id,
                                                (char *) "moderator_user_id",
                                                (char *) user_id, NULL });
      spec->cost = 0;
      break;

    case COND_RAID_TO:
      spec->condition = g_strdupv ((char *[]) { (char *) "to_broadcaster_user_id",
                                                (char *) broadcaster_id, NULL });
      spec->cost = self ? 0 : 1;
      break;

    case COND_RAID_FROM:
      spec->condition = g_strdupv ((char *[]) { (char *) "from_broadcaster_user_id",
                                                (char *) broadcaster_id, NULL });
      spec->cost = self ? 0 : 1;
      break;

    default:
      g_assert_not_reached ();
    }

  return spec;
}

static gboolean
skipped (const Entry        *entry,
         const char * const *skip_types)
{
  g_autofree char *described = NULL;

  if (skip_types == NULL)
    return FALSE;
  if (g_strv_contains (skip_types, entry->type))
    return TRUE;

  /* a degraded raid direction is named like lurk_subscription_spec_describe() does */
  if (entry->shape == COND_RAID_TO)
    described = g_strdup_printf ("%s (to)", entry->type);
  else if (entry->shape == COND_RAID_FROM)
    described = g_strdup_printf ("%s (from)", entry->type);

  return described != NULL && g_strv_contains (skip_types, described);
}

GPtrArray *
lurk_subscription_plan_build (const char         *broadcaster_id,
                              const char         *user_id,
                              guint               max_total_cost,
                              const char * const *skip_types)
{
  g_autoptr(GPtrArray) plan = NULL;
  gboolean self;
  guint cost = 0;

  g_return_val_if_fail (broadcaster_id != NULL && *broadcaster_id != '\0', NULL);
  g_return_val_if_fail (user_id != NULL && *user_id != '\0', NULL);

  plan = g_ptr_array_new_with_free_func ((GDestroyNotify) lurk_subscription_spec_free);
  self = g_str_equal (broadcaster_id, user_id);

  for (guint i = 0; i < G_N_ELEMENTS (viewer_paid); i++)
    {
      LurkSubscriptionSpec *spec;

      if (skipped (&viewer_paid[i], skip_types))
        continue;

      spec = spec_new (&viewer_paid[i], broadcaster_id, user_id);
      if (cost + spec->cost > max_total_cost)
        {
          lurk_subscription_spec_free (spec);
          continue;
        }
      cost += spec->cost;
      g_ptr_array_add (plan, spec);
    }

  for (guint i = 0; i < G_N_ELEMENTS (viewer_chat); i++)
    {
      if (!skipped (&viewer_chat[i], skip_types))
        g_ptr_array_add (plan, spec_new (&viewer_chat[i], broadcaster_id, user_id));
    }

  if (self)
    {
      for (guint i = 0; i < G_N_ELEMENTS (broadcaster_only); i++)
        {
          if (!skipped (&broadcaster_only[i], skip_types))
            g_ptr_array_add (plan, spec_new (&broadcaster_only[i], broadcaster_id, user_id));
        }
    }

  return g_steal_pointer (&plan);
}

guint
lurk_subscription_plan_get_total_cost (GPtrArray *plan)
{
  guint cost = 0;

  g_return_val_if_fail (plan != NULL, 0);

  for (guint i = 0; i < plan->len; i++)
    cost += ((LurkSubscriptionSpec *) g_ptr_array_index (plan, i))->cost;

  return cost;
}
