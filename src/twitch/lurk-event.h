/* lurk-event.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * LurkEventKind:
 *
 * Lurk's normalized kinds. The string form (lurk_event_kind_to_string()) is what
 * `lurk-events` prints in `kind` and what the store keeps; never renumber or rename.
 */
typedef enum
{
  LURK_EVENT_KIND_UNKNOWN,             /* "unknown": an unknown type or notice type */
  LURK_EVENT_KIND_STREAM_ONLINE,       /* "stream_online" */
  LURK_EVENT_KIND_STREAM_OFFLINE,      /* "stream_offline" */
  LURK_EVENT_KIND_CHANNEL_UPDATE,      /* "channel_update": title/category changed */
  LURK_EVENT_KIND_RAID_IN,             /* "raid_in": another channel raided this one */
  LURK_EVENT_KIND_RAID_OUT,            /* "raid_out": this channel raided another */
  LURK_EVENT_KIND_UNRAID,              /* "unraid" */
  LURK_EVENT_KIND_SHARED_CHAT_BEGIN,   /* "shared_chat_begin" */
  LURK_EVENT_KIND_SHARED_CHAT_UPDATE,  /* "shared_chat_update" */
  LURK_EVENT_KIND_SHARED_CHAT_END,     /* "shared_chat_end" */
  LURK_EVENT_KIND_SUB,                 /* "sub": a new subscription */
  LURK_EVENT_KIND_RESUB,               /* "resub" */
  LURK_EVENT_KIND_SUB_GIFT,            /* "sub_gift": one gifted sub to a recipient */
  LURK_EVENT_KIND_COMMUNITY_SUB_GIFT,  /* "community_sub_gift": a gift bomb of N subs */
  LURK_EVENT_KIND_GIFT_PAID_UPGRADE,   /* "gift_paid_upgrade" */
  LURK_EVENT_KIND_PRIME_PAID_UPGRADE,  /* "prime_paid_upgrade" */
  LURK_EVENT_KIND_PAY_IT_FORWARD,      /* "pay_it_forward" */
  LURK_EVENT_KIND_ANNOUNCEMENT,        /* "announcement" */
  LURK_EVENT_KIND_BITS_BADGE_TIER,     /* "bits_badge_tier" */
  LURK_EVENT_KIND_CHARITY_DONATION,    /* "charity_donation" */
  LURK_EVENT_KIND_CHEER,               /* "cheer" */
  LURK_EVENT_KIND_HIGHLIGHTED_MESSAGE, /* "highlighted_message": channel points highlight */
  LURK_EVENT_KIND_FIRST_MESSAGE,       /* "first_message": user_intro */
  LURK_EVENT_KIND_POWER_UP,            /* "power_up": gigantified emote, message effect */
  LURK_EVENT_KIND_CHAT_CLEAR,          /* "chat_clear" */
  LURK_EVENT_KIND_CHAT_CLEAR_USER,     /* "chat_clear_user": a timeout or ban */
  LURK_EVENT_KIND_MESSAGE_DELETE,      /* "message_delete" */
  LURK_EVENT_KIND_CHAT_SETTINGS,       /* "chat_settings" */
  LURK_EVENT_KIND_FOLLOW,              /* "follow" (broadcaster only) */
  LURK_EVENT_KIND_REDEMPTION,          /* "redemption": channel points (broadcaster only) */
  LURK_EVENT_KIND_POLL,                /* "poll": begin/progress/end */
  LURK_EVENT_KIND_PREDICTION,          /* "prediction": begin/progress/lock/end */
  LURK_EVENT_KIND_HYPE_TRAIN,          /* "hype_train": begin/progress/end */
  LURK_EVENT_KIND_GOAL,                /* "goal": begin/progress/end */
  LURK_EVENT_KIND_CHARITY_CAMPAIGN,    /* "charity_campaign": start/progress/stop */
  LURK_EVENT_KIND_AD_BREAK,            /* "ad_break" */
  LURK_EVENT_KIND_SHOUTOUT,            /* "shoutout": create/receive */
  LURK_EVENT_KIND_BAN,                 /* "ban" (broadcaster only) */
  LURK_EVENT_KIND_UNBAN,               /* "unban" */
  LURK_EVENT_KIND_MODERATOR,           /* "moderator": added/removed */
  LURK_EVENT_KIND_VIP,                 /* "vip": added/removed */
  LURK_EVENT_KIND_LAST
} LurkEventKind;

#define LURK_TYPE_EVENT_KIND (lurk_event_kind_get_type ())
/* The GEnum of LurkEventKind; value nicks are the strings of lurk_event_kind_to_string(). */
GType          lurk_event_kind_get_type    (void) G_GNUC_CONST;

const char    *lurk_event_kind_to_string   (LurkEventKind  kind);
LurkEventKind  lurk_event_kind_from_string (const char    *str);

#define LURK_TYPE_EVENT (lurk_event_get_type ())

G_DECLARE_FINAL_TYPE (LurkEvent, lurk_event, LURK, EVENT, GObject)

/* Read-only properties, for GtkExpression lookups in list rows: "id", "kind",
 * "subscription-type", "broadcaster-id", "actor-name", "target-name", "occurred-at",
 * "received-at" and "summary" (built on each read, like lurk_event_dup_summary()). */

/* Builds the normalized event from one EventSub event object. This is the one function that
 * knows every payload; the message parser and the store (which keeps the raw JSON) both call
 * it. @occurred_at is the message_timestamp as sent (RFC 3339, nanoseconds), @received_at the
 * local receive time in microseconds since the epoch. Unknown types still give an event
 * (LURK_EVENT_KIND_UNKNOWN). Fails only on a structurally wrong event (not an object, wrong
 * JSON types where a field is required). Fields of the wrong JSON type are treated as missing.
 *
 * Returns %NULL WITHOUT setting @error when the EventSub event is not an event for Lurk: a
 * `channel.chat.message` that is plain chat (no cheer, not highlighted, not a first message,
 * not a power-up). Callers must check for that case (`event == NULL && error == NULL`).
 *
 * `channel.raid` carries no hint of which side the subscription was for; these two
 * functions treat it as a raid into the channel (raid_in, broadcaster = to_broadcaster). Use
 * lurk_event_new_for_broadcaster() when the subscribed broadcaster is known. */
LurkEvent     *lurk_event_new_from_json         (const char   *message_id,
                                                 const char   *subscription_type,
                                                 const char   *subscription_version,
                                                 const char   *occurred_at,
                                                 gint64        received_at,
                                                 JsonObject   *event,
                                                 GError      **error);
LurkEvent     *lurk_event_new_from_json_string  (const char   *message_id,
                                                 const char   *subscription_type,
                                                 const char   *subscription_version,
                                                 const char   *occurred_at,
                                                 gint64        received_at,
                                                 const char   *event_json,
                                                 GError      **error);

/* Like lurk_event_new_from_json_string() for @length bytes of @event_json (-1: nul-terminated),
 * knowing @broadcaster_id, the broadcaster the subscription is about (its condition's
 * broadcaster_user_id, to_broadcaster_user_id or from_broadcaster_user_id; the store keeps it).
 * channel.raid is raid_in when to_broadcaster_user_id == @broadcaster_id, else raid_out. This
 * is the fast path (no json-glib); the message parser uses the same builder. */
LurkEvent     *lurk_event_new_for_broadcaster   (const char   *message_id,
                                                 const char   *subscription_type,
                                                 const char   *subscription_version,
                                                 const char   *occurred_at,
                                                 gint64        received_at,
                                                 const char   *broadcaster_id,
                                                 const char   *event_json,
                                                 gssize        length,
                                                 GError      **error);

const char    *lurk_event_get_id                (LurkEvent *self); /* EventSub message_id */
LurkEventKind  lurk_event_get_kind              (LurkEvent *self);
const char    *lurk_event_get_subscription_type (LurkEvent *self);
const char    *lurk_event_get_subscription_version (LurkEvent *self);
/* chat notifications: notice_type; chat messages that are events: message_type
 * ("channel_points_highlighted", "user_intro", "power_ups_gigantified_emote", "text" for a
 * cheer...); else NULL */
const char    *lurk_event_get_notice_type       (LurkEvent *self);
const char    *lurk_event_get_phase             (LurkEvent *self); /* "begin", "progress", "end", "add", "remove"... or NULL */
const char    *lurk_event_get_broadcaster_id    (LurkEvent *self);
const char    *lurk_event_get_broadcaster_login (LurkEvent *self);
const char    *lurk_event_get_broadcaster_name  (LurkEvent *self);
/* The one who did it (chatter, subscriber, gifter, raider, follower...); NULL when
 * anonymous or when there is nobody (stream.online). */
const char    *lurk_event_get_actor_id          (LurkEvent *self);
const char    *lurk_event_get_actor_login       (LurkEvent *self);
const char    *lurk_event_get_actor_name        (LurkEvent *self);
gboolean       lurk_event_get_actor_is_anonymous (LurkEvent *self);
/* The one it was done to (gift recipient, raid target, timed-out user...), or NULL. */
const char    *lurk_event_get_target_id         (LurkEvent *self);
const char    *lurk_event_get_target_login      (LurkEvent *self);
const char    *lurk_event_get_target_name       (LurkEvent *self);
/* "1000", "2000", "3000" or "prime"; NULL when not a sub. */
const char    *lurk_event_get_tier              (LurkEvent *self);
/* resub: cumulative months; sub and sub_gift: the months paid for (duration_months);
 * 0 when unknown */
guint          lurk_event_get_months            (LurkEvent *self);
guint          lurk_event_get_streak_months     (LurkEvent *self);
/* bits (cheer, bits_badge_tier), viewers (raids, shoutouts), gift count (community gift;
 * 1 for sub_gift), level (hype_train), current amount (goal), reward cost (redemption);
 * 0 when none */
gint64         lurk_event_get_count             (LurkEvent *self);
/* charity donation: value in minor units, decimal places, ISO currency; else 0/0/NULL */
gint64         lurk_event_get_amount_value      (LurkEvent *self);
guint          lurk_event_get_amount_decimal_places (LurkEvent *self);
const char    *lurk_event_get_amount_currency   (LurkEvent *self);
/* channel.update: title and category. Also title = the poll/prediction title, goal
 * description, reward title (redemptions), charity name (charity donations and campaigns),
 * the stream type for stream.online ("live", "rerun"...); NULL otherwise. */
const char    *lurk_event_get_title             (LurkEvent *self);
const char    *lurk_event_get_category          (LurkEvent *self);
/* the chat message text that came with it (cheer, resub message, announcement...) */
const char    *lurk_event_get_message_text      (LurkEvent *self);
/* Twitch's own system_message, shown for unknown notice types */
const char    *lurk_event_get_system_message    (LurkEvent *self);
/* message_timestamp as sent, and parsed to microseconds since the epoch */
const char    *lurk_event_get_occurred_at_string (LurkEvent *self);
gint64         lurk_event_get_occurred_at       (LurkEvent *self);
gint64         lurk_event_get_received_at       (LurkEvent *self);
/* the EventSub event object, exactly as received (serialized) */
const char    *lurk_event_get_event_json        (LurkEvent *self);
/* timeouts (channel.ban with ends_at), ad breaks: seconds; 0 when none or permanent */
gint64         lurk_event_get_duration_seconds  (LurkEvent *self);
/* stream.online: when the stream started (its started_at), in microseconds since the
 * epoch, parsed where the event is built (the listener's worker); 0 when missing or
 * unparsable, and for other kinds */
gint64         lurk_event_get_started_at        (LurkEvent *self);
/* goals and charity campaigns: the target amount (same unit as count / amount) */
gint64         lurk_event_get_target_amount     (LurkEvent *self);
/* a gifted sub (channel.subscribe, resub is_gift) */
gboolean       lurk_event_get_is_gift           (LurkEvent *self);
/* channel.ban: a ban rather than a timeout */
gboolean       lurk_event_get_is_permanent      (LurkEvent *self);
/* A gift bomb's id: community_sub_gift.id, and sub_gift.community_gift_id on each of the
 * gifts it is made of (Twitch sends one sub_gift notice per recipient after the
 * community_sub_gift); NULL for a sub gifted on its own and for other kinds. */
const char    *lurk_event_get_community_gift_id (LurkEvent *self);
/* Shared chat: the channel a partner's event happened in (source_broadcaster_user_*); NULL
 * for the favorite's own events, and for a shared_chat_* notice that does not say. */
gboolean       lurk_event_is_from_partner       (LurkEvent *self);
const char    *lurk_event_get_source_broadcaster_id    (LurkEvent *self);
const char    *lurk_event_get_source_broadcaster_login (LurkEvent *self);
const char    *lurk_event_get_source_broadcaster_name  (LurkEvent *self);
/* The one-line, translated, plain-text description of the event, built now (never stored):
 * "alice subscribed at Tier 1 for 5 months", "Raid from carol with 312 viewers". The sidebar,
 * notifications and `lurk-events` all use this one function. */
char          *lurk_event_dup_summary           (LurkEvent *self);

G_END_DECLS
