/* fuzz-event-check.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-event.h"

/* Everything the UI, the store and `lurk-events` read from an event built from untrusted
 * bytes: every getter, the summary (display text built from attacker-chosen strings), and
 * the kind's string round trip. What comes out must be valid UTF-8 where it is text. */
static inline void
fuzz_check_event (LurkEvent *event)
{
  const char * const strings[] = {
    lurk_event_get_id (event),
    lurk_event_get_subscription_type (event),
    lurk_event_get_subscription_version (event),
    lurk_event_get_notice_type (event),
    lurk_event_get_phase (event),
    lurk_event_get_broadcaster_id (event),
    lurk_event_get_broadcaster_login (event),
    lurk_event_get_broadcaster_name (event),
    lurk_event_get_actor_id (event),
    lurk_event_get_actor_login (event),
    lurk_event_get_actor_name (event),
    lurk_event_get_target_id (event),
    lurk_event_get_target_login (event),
    lurk_event_get_target_name (event),
    lurk_event_get_tier (event),
    lurk_event_get_amount_currency (event),
    lurk_event_get_title (event),
    lurk_event_get_category (event),
    lurk_event_get_message_text (event),
    lurk_event_get_system_message (event),
    lurk_event_get_occurred_at_string (event),
    lurk_event_get_event_json (event),
  };
  g_autofree char *summary = NULL;
  LurkEventKind kind;

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    g_assert (strings[i] == NULL || g_utf8_validate (strings[i], -1, NULL));

  kind = lurk_event_get_kind (event);
  g_assert_cmpint (kind, >=, LURK_EVENT_KIND_UNKNOWN);
  g_assert_cmpint (kind, <, LURK_EVENT_KIND_LAST);
  g_assert_cmpint (lurk_event_kind_from_string (lurk_event_kind_to_string (kind)), ==, kind);

  (void) lurk_event_get_actor_is_anonymous (event);
  (void) lurk_event_get_months (event);
  (void) lurk_event_get_streak_months (event);
  (void) lurk_event_get_count (event);
  (void) lurk_event_get_amount_value (event);
  (void) lurk_event_get_amount_decimal_places (event);
  (void) lurk_event_get_occurred_at (event);
  (void) lurk_event_get_received_at (event);
  (void) lurk_event_get_duration_seconds (event);
  (void) lurk_event_get_target_amount (event);
  (void) lurk_event_get_is_gift (event);
  (void) lurk_event_get_is_permanent (event);

  summary = lurk_event_dup_summary (event);
  g_assert (summary != NULL && g_utf8_validate (summary, -1, NULL));
}
