/* lurk-subscription-plan.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LURK_EVENTSUB_MAX_TOTAL_COST 10

/**
 * LurkSubscriptionSpec:
 * @type: the EventSub subscription type
 * @version: its version
 * @cost: what Twitch will charge for it against `max_total_cost`: 0 when the condition
 *   names only the signed-in user (who authorized the client), 1 otherwise
 * @condition: (array zero-terminated=1): key, value, key, value..., %NULL
 *
 * One subscription to create for a session.
 */
typedef struct
{
  char   *type;
  char   *version;
  guint   cost;
  char  **condition;
} LurkSubscriptionSpec;

void                  lurk_subscription_spec_free            (LurkSubscriptionSpec *spec);
LurkSubscriptionSpec *lurk_subscription_spec_copy            (const LurkSubscriptionSpec *spec);
/* The `condition` object of the Helix request */
JsonObject           *lurk_subscription_spec_dup_condition   (const LurkSubscriptionSpec *spec);
const char           *lurk_subscription_spec_get_condition   (const LurkSubscriptionSpec *spec,
                                                              const char                 *key);
/* A short, stable description for logs and the degraded list: "channel.raid (to)" */
char                 *lurk_subscription_spec_describe        (const LurkSubscriptionSpec *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkSubscriptionSpec, lurk_subscription_spec_free)

/* The subscriptions for following @broadcaster_id as @user_id (DESIGN.md): the cost-1 viewer
 * types (in priority order, only as many as @max_total_cost allows), the cost-0 chat types
 * with user_id = self, and when @user_id is @broadcaster_id the broadcaster-only types.
 * Types named in @skip_types (a type, or a description as lurk_subscription_spec_describe()
 * gives; degraded earlier; may be %NULL) are left out.
 * A pure function. Returns: (transfer full) (element-type LurkSubscriptionSpec) */
GPtrArray            *lurk_subscription_plan_build           (const char          *broadcaster_id,
                                                              const char          *user_id,
                                                              guint                max_total_cost,
                                                              const char * const  *skip_types);
guint                 lurk_subscription_plan_get_total_cost  (GPtrArray           *plan);

G_END_DECLS
