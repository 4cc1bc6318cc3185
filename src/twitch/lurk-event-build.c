/* lurk-event-build.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one place that knows every EventSub payload: from a scanned event object to the fields
 * of a LurkEvent. Every field is optional; a field of the wrong JSON type reads as missing. */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-event-private.h"

/* Every string field of a LurkEvent, in the order of field_dests() */
typedef enum
{
  F_ID,
  F_SUBSCRIPTION_TYPE,
  F_SUBSCRIPTION_VERSION,
  F_NOTICE_TYPE,
  F_BROADCASTER_ID,
  F_BROADCASTER_LOGIN,
  F_BROADCASTER_NAME,
  F_ACTOR_ID,
  F_ACTOR_LOGIN,
  F_ACTOR_NAME,
  F_TARGET_ID,
  F_TARGET_LOGIN,
  F_TARGET_NAME,
  F_TIER,
  F_TITLE,
  F_CATEGORY,
  F_MESSAGE_TEXT,
  F_SYSTEM_MESSAGE,
  F_AMOUNT_CURRENCY,
  F_OCCURRED_AT_STRING,
  F_EVENT_JSON,
  F_COMMUNITY_GIFT_ID,
  F_SOURCE_ID,
  F_SOURCE_LOGIN,
  F_SOURCE_NAME,
  N_FIELDS
} Field;

/* While an event is built, its strings are spans of the scanned message (nothing copied);
 * at the end they are all copied, unescaped, into one allocation (pack_strings()): one
 * malloc per event instead of one per field, and one free wherever the event dies. */
typedef struct
{
  const LurkJsonDoc *doc;
  guint              ev;
  LurkEvent         *self;
  const char        *type;
  LurkJsonSpan       spans[N_FIELDS];
} Builder;

static void
set_member (Builder    *b,
            Field       field,
            guint       object,
            const char *key)
{
  lurk_json_doc_get_member_span (b->doc, object, key, &b->spans[field]);
}

static void
set_string (Builder    *b,
            Field       field,
            const char *str)
{
  lurk_json_span_set_string (&b->spans[field], str);
}

static void
clear_field (Builder *b,
             Field    field)
{
  lurk_json_span_set_string (&b->spans[field], NULL);
}

static gboolean
has_field (const Builder *b,
           Field          field)
{
  return b->spans[field].data != NULL;
}

static void
pack_strings (Builder *b)
{
  LurkEvent *self = b->self;
  char **dests[N_FIELDS] = {
    [F_ID] = &self->id,
    [F_SUBSCRIPTION_TYPE] = &self->subscription_type,
    [F_SUBSCRIPTION_VERSION] = &self->subscription_version,
    [F_NOTICE_TYPE] = &self->notice_type,
    [F_BROADCASTER_ID] = &self->broadcaster_id,
    [F_BROADCASTER_LOGIN] = &self->broadcaster_login,
    [F_BROADCASTER_NAME] = &self->broadcaster_name,
    [F_ACTOR_ID] = &self->actor_id,
    [F_ACTOR_LOGIN] = &self->actor_login,
    [F_ACTOR_NAME] = &self->actor_name,
    [F_TARGET_ID] = &self->target_id,
    [F_TARGET_LOGIN] = &self->target_login,
    [F_TARGET_NAME] = &self->target_name,
    [F_TIER] = &self->tier,
    [F_TITLE] = &self->title,
    [F_CATEGORY] = &self->category,
    [F_MESSAGE_TEXT] = &self->message_text,
    [F_SYSTEM_MESSAGE] = &self->system_message,
    [F_AMOUNT_CURRENCY] = &self->amount_currency,
    [F_OCCURRED_AT_STRING] = &self->occurred_at_string,
    [F_EVENT_JSON] = &self->event_json,
    [F_COMMUNITY_GIFT_ID] = &self->community_gift_id,
    [F_SOURCE_ID] = &self->source_broadcaster_id,
    [F_SOURCE_LOGIN] = &self->source_broadcaster_login,
    [F_SOURCE_NAME] = &self->source_broadcaster_name,
  };

  g_assert (self->strings == NULL);
  self->strings = lurk_json_spans_pack (b->spans, dests, N_FIELDS, 0);
}

static guint
clamp_uint (gint64 v)
{
  return v < 0 ? 0 : v > G_MAXUINT ? G_MAXUINT : (guint) v;
}

/* Reads "<prefix>_id", "<prefix>_login" and "<prefix>_name" of @object into the three
 * fields from @id_field on. */
static void
read_user (Builder    *b,
           guint       object,
           const char *prefix,
           Field       id_field)
{
  char key[64];
  gsize len = strlen (prefix);

  /* No printf here: this runs for every event. The prefixes are literals. */
  g_assert (len + sizeof "_login" <= sizeof key);
  memcpy (key, prefix, len);

  memcpy (key + len, "_id", sizeof "_id");
  set_member (b, id_field, object, key);
  memcpy (key + len, "_login", sizeof "_login");
  set_member (b, id_field + 1, object, key);
  memcpy (key + len, "_name", sizeof "_name");
  set_member (b, id_field + 2, object, key);
}

static void
read_actor (Builder    *b,
            guint       object,
            const char *prefix)
{
  read_user (b, object, prefix, F_ACTOR_ID);
}

static void
read_target (Builder    *b,
             guint       object,
             const char *prefix)
{
  read_user (b, object, prefix, F_TARGET_ID);
}

static void
read_broadcaster (Builder    *b,
                  const char *prefix)
{
  read_user (b, b->ev, prefix, F_BROADCASTER_ID);
}

static void
read_tier (Builder    *b,
           guint       object,
           const char *key)
{
  if (lurk_json_doc_member_true (b->doc, object, "is_prime"))
    set_string (b, F_TIER, "prime");
  else
    set_member (b, F_TIER, object, key);
}

static void
read_message_text (Builder *b,
                   guint    object)
{
  guint message = lurk_json_doc_member (b->doc, object, "message");

  if (lurk_json_doc_is_object (b->doc, message))
    set_member (b, F_MESSAGE_TEXT, message, "text");
  else
    lurk_json_doc_get_string_span (b->doc, message, &b->spans[F_MESSAGE_TEXT]);
}

/* amount{value, decimal_places, currency} */
static void
read_amount (Builder    *b,
             guint       object,
             const char *key)
{
  LurkEvent *self = b->self;
  guint amount = lurk_json_doc_object_member (b->doc, object, key);

  if (amount == 0)
    return;

  self->amount_value = lurk_json_doc_member_int (b->doc, amount, "value", 0);
  self->amount_decimal_places =
    MIN (clamp_uint (lurk_json_doc_member_int (b->doc, amount, "decimal_places", 0)), 18);
  set_member (b, F_AMOUNT_CURRENCY, amount, "currency");
}

static gint64
seconds_between (const Builder *b,
                 const char    *from_key,
                 const char    *to_key)
{
  g_autofree char *from = lurk_json_doc_dup_member_string (b->doc, b->ev, from_key);
  g_autofree char *to = lurk_json_doc_dup_member_string (b->doc, b->ev, to_key);
  gint64 from_usec;
  gint64 to_usec;

  if (!lurk_rfc3339_parse (from, &from_usec) || !lurk_rfc3339_parse (to, &to_usec) ||
      to_usec < from_usec)
    return 0;
  return (to_usec - from_usec + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;
}

/* channel.chat.notification and its notice types */
static void
build_chat_notification (Builder *b)
{
  LurkEvent *self = b->self;
  const LurkJsonDoc *doc = b->doc;
  const LurkJsonSpan *span = &b->spans[F_NOTICE_TYPE];
  char buffer[64];
  g_autofree char *heap = NULL;
  const char *notice;
  guint detail;

  read_actor (b, b->ev, "chatter_user");
  self->actor_is_anonymous = lurk_json_doc_member_true (doc, b->ev, "chatter_is_anonymous");
  set_member (b, F_SYSTEM_MESSAGE, b->ev, "system_message");
  read_message_text (b, b->ev);
  set_member (b, F_NOTICE_TYPE, b->ev, "notice_type");

  if (!has_field (b, F_NOTICE_TYPE))
    {
      self->kind = LURK_EVENT_KIND_UNKNOWN;
      return;
    }

  /* the notice type as a string, on the stack unless it is no notice type Lurk knows */
  if (span->length < sizeof buffer)
    notice = buffer;
  else
    {
      heap = g_malloc (span->length + 1);
      notice = heap;
    }
  lurk_json_span_copy (span, (char *) notice);

  /* The object named after the notice type; the shared_chat_ twins carry the same shape. */
  detail = lurk_json_doc_object_member (doc, b->ev, notice);
  if (g_str_has_prefix (notice, "shared_chat_"))
    notice += strlen ("shared_chat_");

  if (strcmp (notice, "sub") == 0)
    {
      self->kind = LURK_EVENT_KIND_SUB;
      read_tier (b, detail, "sub_tier");
      self->months = clamp_uint (lurk_json_doc_member_int (doc, detail, "duration_months", 0));
    }
  else if (strcmp (notice, "resub") == 0)
    {
      self->kind = LURK_EVENT_KIND_RESUB;
      read_tier (b, detail, "sub_tier");
      self->months = clamp_uint (lurk_json_doc_member_int (doc, detail, "cumulative_months", 0));
      self->streak_months =
        clamp_uint (lurk_json_doc_member_int (doc, detail, "streak_months", 0));
      self->is_gift = lurk_json_doc_member_true (doc, detail, "is_gift");
    }
  else if (strcmp (notice, "sub_gift") == 0)
    {
      self->kind = LURK_EVENT_KIND_SUB_GIFT;
      read_tier (b, detail, "sub_tier");
      read_target (b, detail, "recipient_user");
      self->months = clamp_uint (lurk_json_doc_member_int (doc, detail, "duration_months", 0));
      self->count = 1;
      self->is_gift = TRUE;
      set_member (b, F_COMMUNITY_GIFT_ID, detail, "community_gift_id");
    }
  else if (strcmp (notice, "community_sub_gift") == 0)
    {
      self->kind = LURK_EVENT_KIND_COMMUNITY_SUB_GIFT;
      read_tier (b, detail, "sub_tier");
      self->count = lurk_json_doc_member_int (doc, detail, "total", 0);
      self->is_gift = TRUE;
      set_member (b, F_COMMUNITY_GIFT_ID, detail, "id");
    }
  else if (strcmp (notice, "gift_paid_upgrade") == 0)
    {
      self->kind = LURK_EVENT_KIND_GIFT_PAID_UPGRADE;
      if (!lurk_json_doc_member_true (doc, detail, "gifter_is_anonymous"))
        read_target (b, detail, "gifter_user");
    }
  else if (strcmp (notice, "prime_paid_upgrade") == 0)
    {
      self->kind = LURK_EVENT_KIND_PRIME_PAID_UPGRADE;
      set_member (b, F_TIER, detail, "sub_tier");
    }
  else if (strcmp (notice, "pay_it_forward") == 0)
    {
      self->kind = LURK_EVENT_KIND_PAY_IT_FORWARD;
      if (!lurk_json_doc_member_true (doc, detail, "gifter_is_anonymous"))
        read_target (b, detail, "gifter_user");
    }
  else if (strcmp (notice, "raid") == 0)
    {
      /* The raider is in raid{}, the chatter fields name the raider too. */
      self->kind = LURK_EVENT_KIND_RAID_IN;
      if (detail != 0)
        read_actor (b, detail, "user");
      self->count = lurk_json_doc_member_int (doc, detail, "viewer_count", 0);
    }
  else if (strcmp (notice, "unraid") == 0)
    {
      self->kind = LURK_EVENT_KIND_UNRAID;
    }
  else if (strcmp (notice, "announcement") == 0)
    {
      self->kind = LURK_EVENT_KIND_ANNOUNCEMENT;
    }
  else if (strcmp (notice, "bits_badge_tier") == 0)
    {
      self->kind = LURK_EVENT_KIND_BITS_BADGE_TIER;
      self->count = lurk_json_doc_member_int (doc, detail, "tier", 0);
    }
  else if (strcmp (notice, "charity_donation") == 0)
    {
      self->kind = LURK_EVENT_KIND_CHARITY_DONATION;
      set_member (b, F_TITLE, detail, "charity_name");
      read_amount (b, detail, "amount");
    }
  else
    {
      self->kind = LURK_EVENT_KIND_UNKNOWN;
    }

  if (self->actor_is_anonymous)
    clear_field (b, F_ACTOR_ID);
}

/* channel.chat.message: only cheers, highlights, first messages and power-ups are events.
 * This runs before anything is allocated, since most traffic is plain chat: the kind, or
 * LURK_EVENT_KIND_UNKNOWN for plain chat. */
static LurkEventKind
classify_chat_message (const LurkJsonDoc *doc,
                       guint              ev,
                       gint64            *bits_out)
{
  guint message_type = lurk_json_doc_member (doc, ev, "message_type");
  guint cheer = lurk_json_doc_object_member (doc, ev, "cheer");
  gint64 bits = lurk_json_doc_member_int (doc, cheer, "bits", 0);

  *bits_out = bits;
  if (bits > 0)
    return LURK_EVENT_KIND_CHEER;
  if (lurk_json_doc_string_equal (doc, message_type, "channel_points_highlighted"))
    return LURK_EVENT_KIND_HIGHLIGHTED_MESSAGE;
  if (lurk_json_doc_string_equal (doc, message_type, "user_intro"))
    return LURK_EVENT_KIND_FIRST_MESSAGE;
  if (lurk_json_doc_string_equal (doc, message_type, "power_ups_gigantified_emote") ||
      lurk_json_doc_string_equal (doc, message_type, "power_ups_message_effect"))
    return LURK_EVENT_KIND_POWER_UP;
  return LURK_EVENT_KIND_UNKNOWN;
}

static void
build_chat_message (Builder *b)
{
  read_actor (b, b->ev, "chatter_user");
  read_message_text (b, b->ev);
  set_member (b, F_NOTICE_TYPE, b->ev, "message_type");
}

typedef struct
{
  const char    *type;
  LurkEventKind  kind;
  const char    *phase;
} TypeKind;

/* Every subscription type Lurk knows, except the chat ones and channel.raid. */
static const TypeKind type_kinds[] = {
  { "stream.online", LURK_EVENT_KIND_STREAM_ONLINE, NULL },
  { "stream.offline", LURK_EVENT_KIND_STREAM_OFFLINE, NULL },
  { "channel.update", LURK_EVENT_KIND_CHANNEL_UPDATE, NULL },
  { "channel.shared_chat.begin", LURK_EVENT_KIND_SHARED_CHAT_BEGIN, "begin" },
  { "channel.shared_chat.update", LURK_EVENT_KIND_SHARED_CHAT_UPDATE, "update" },
  { "channel.shared_chat.end", LURK_EVENT_KIND_SHARED_CHAT_END, "end" },
  { "channel.chat.clear", LURK_EVENT_KIND_CHAT_CLEAR, NULL },
  { "channel.chat.clear_user_messages", LURK_EVENT_KIND_CHAT_CLEAR_USER, NULL },
  { "channel.chat.message_delete", LURK_EVENT_KIND_MESSAGE_DELETE, NULL },
  { "channel.chat_settings.update", LURK_EVENT_KIND_CHAT_SETTINGS, NULL },
  { "channel.follow", LURK_EVENT_KIND_FOLLOW, NULL },
  { "channel.subscribe", LURK_EVENT_KIND_SUB, NULL },
  { "channel.subscription.gift", LURK_EVENT_KIND_COMMUNITY_SUB_GIFT, NULL },
  { "channel.subscription.message", LURK_EVENT_KIND_RESUB, NULL },
  { "channel.cheer", LURK_EVENT_KIND_CHEER, NULL },
  { "channel.channel_points_custom_reward_redemption.add", LURK_EVENT_KIND_REDEMPTION, "add" },
  { "channel.channel_points_custom_reward_redemption.update",
    LURK_EVENT_KIND_REDEMPTION, "update" },
  { "channel.poll.begin", LURK_EVENT_KIND_POLL, "begin" },
  { "channel.poll.progress", LURK_EVENT_KIND_POLL, "progress" },
  { "channel.poll.end", LURK_EVENT_KIND_POLL, "end" },
  { "channel.prediction.begin", LURK_EVENT_KIND_PREDICTION, "begin" },
  { "channel.prediction.progress", LURK_EVENT_KIND_PREDICTION, "progress" },
  { "channel.prediction.lock", LURK_EVENT_KIND_PREDICTION, "lock" },
  { "channel.prediction.end", LURK_EVENT_KIND_PREDICTION, "end" },
  { "channel.hype_train.begin", LURK_EVENT_KIND_HYPE_TRAIN, "begin" },
  { "channel.hype_train.progress", LURK_EVENT_KIND_HYPE_TRAIN, "progress" },
  { "channel.hype_train.end", LURK_EVENT_KIND_HYPE_TRAIN, "end" },
  { "channel.goal.begin", LURK_EVENT_KIND_GOAL, "begin" },
  { "channel.goal.progress", LURK_EVENT_KIND_GOAL, "progress" },
  { "channel.goal.end", LURK_EVENT_KIND_GOAL, "end" },
  { "channel.charity_campaign.donate", LURK_EVENT_KIND_CHARITY_DONATION, NULL },
  { "channel.charity_campaign.start", LURK_EVENT_KIND_CHARITY_CAMPAIGN, "start" },
  { "channel.charity_campaign.progress", LURK_EVENT_KIND_CHARITY_CAMPAIGN, "progress" },
  { "channel.charity_campaign.stop", LURK_EVENT_KIND_CHARITY_CAMPAIGN, "stop" },
  { "channel.ad_break.begin", LURK_EVENT_KIND_AD_BREAK, "begin" },
  { "channel.shoutout.create", LURK_EVENT_KIND_SHOUTOUT, "create" },
  { "channel.shoutout.receive", LURK_EVENT_KIND_SHOUTOUT, "receive" },
  { "channel.ban", LURK_EVENT_KIND_BAN, NULL },
  { "channel.unban", LURK_EVENT_KIND_UNBAN, NULL },
  { "channel.moderator.add", LURK_EVENT_KIND_MODERATOR, "add" },
  { "channel.moderator.remove", LURK_EVENT_KIND_MODERATOR, "remove" },
  { "channel.vip.add", LURK_EVENT_KIND_VIP, "add" },
  { "channel.vip.remove", LURK_EVENT_KIND_VIP, "remove" },
};

static void
build_other (Builder *b)
{
  LurkEvent *self = b->self;
  const LurkJsonDoc *doc = b->doc;
  const char *type = b->type;
  guint ev = b->ev;

  switch (self->kind)
    {
    case LURK_EVENT_KIND_STREAM_ONLINE:
      {
        g_autofree char *started_at = lurk_json_doc_dup_member_string (doc, ev, "started_at");

        set_member (b, F_TITLE, ev, "type");
        if (!lurk_rfc3339_parse (started_at, &self->started_at))
          self->started_at = 0;
      }
      break;

    case LURK_EVENT_KIND_CHANNEL_UPDATE:
      set_member (b, F_TITLE, ev, "title");
      set_member (b, F_CATEGORY, ev, "category_name");
      break;

    case LURK_EVENT_KIND_SHARED_CHAT_BEGIN:
    case LURK_EVENT_KIND_SHARED_CHAT_UPDATE:
    case LURK_EVENT_KIND_SHARED_CHAT_END:
      read_actor (b, ev, "host_broadcaster_user");
      break;

    case LURK_EVENT_KIND_CHAT_CLEAR_USER:
    case LURK_EVENT_KIND_MESSAGE_DELETE:
      read_target (b, ev, "target_user");
      break;

    case LURK_EVENT_KIND_FOLLOW:
      read_actor (b, ev, "user");
      break;

    case LURK_EVENT_KIND_SUB:
      read_actor (b, ev, "user");
      read_tier (b, ev, "tier");
      self->is_gift = lurk_json_doc_member_true (doc, ev, "is_gift");
      break;

    case LURK_EVENT_KIND_COMMUNITY_SUB_GIFT:
      read_actor (b, ev, "user");
      self->actor_is_anonymous = lurk_json_doc_member_true (doc, ev, "is_anonymous");
      read_tier (b, ev, "tier");
      self->count = lurk_json_doc_member_int (doc, ev, "total", 0);
      self->is_gift = TRUE;
      break;

    case LURK_EVENT_KIND_RESUB:
      read_actor (b, ev, "user");
      read_tier (b, ev, "tier");
      self->months = clamp_uint (lurk_json_doc_member_int (doc, ev, "cumulative_months", 0));
      self->streak_months = clamp_uint (lurk_json_doc_member_int (doc, ev, "streak_months", 0));
      read_message_text (b, ev);
      break;

    case LURK_EVENT_KIND_CHEER:
      read_actor (b, ev, "user");
      self->actor_is_anonymous = lurk_json_doc_member_true (doc, ev, "is_anonymous");
      self->count = lurk_json_doc_member_int (doc, ev, "bits", 0);
      read_message_text (b, ev);
      break;

    case LURK_EVENT_KIND_REDEMPTION:
      {
        guint reward = lurk_json_doc_object_member (doc, ev, "reward");

        read_actor (b, ev, "user");
        set_member (b, F_TITLE, reward, "title");
        self->count = lurk_json_doc_member_int (doc, reward, "cost", 0);
        set_member (b, F_MESSAGE_TEXT, ev, "user_input");
      }
      break;

    case LURK_EVENT_KIND_POLL:
    case LURK_EVENT_KIND_PREDICTION:
      set_member (b, F_TITLE, ev, "title");
      break;

    case LURK_EVENT_KIND_HYPE_TRAIN:
      self->count = lurk_json_doc_member_int (doc, ev, "level", 0);
      self->target_amount = lurk_json_doc_member_int (doc, ev, "goal", 0);
      break;

    case LURK_EVENT_KIND_GOAL:
      set_member (b, F_TITLE, ev, "description");
      set_member (b, F_CATEGORY, ev, "type");
      self->count = lurk_json_doc_member_int (doc, ev, "current_amount", 0);
      self->target_amount = lurk_json_doc_member_int (doc, ev, "target_amount", 0);
      break;

    case LURK_EVENT_KIND_CHARITY_DONATION:
      read_actor (b, ev, "user");
      set_member (b, F_TITLE, ev, "charity_name");
      read_amount (b, ev, "amount");
      break;

    case LURK_EVENT_KIND_CHARITY_CAMPAIGN:
      {
        guint target = lurk_json_doc_object_member (doc, ev, "target_amount");

        set_member (b, F_TITLE, ev, "charity_name");
        read_amount (b, ev, "current_amount");
        self->target_amount = lurk_json_doc_member_int (doc, target, "value", 0);
      }
      break;

    case LURK_EVENT_KIND_AD_BREAK:
      read_actor (b, ev, "requester_user");
      self->duration_seconds = lurk_json_doc_member_int (doc, ev, "duration_seconds", 0);
      break;

    case LURK_EVENT_KIND_SHOUTOUT:
      if (strcmp (type, "channel.shoutout.receive") == 0)
        {
          read_actor (b, ev, "from_broadcaster_user");
        }
      else
        {
          read_actor (b, ev, "moderator_user");
          read_target (b, ev, "to_broadcaster_user");
        }
      self->count = lurk_json_doc_member_int (doc, ev, "viewer_count", 0);
      break;

    case LURK_EVENT_KIND_BAN:
      read_actor (b, ev, "moderator_user");
      read_target (b, ev, "user");
      set_member (b, F_MESSAGE_TEXT, ev, "reason");
      self->is_permanent = lurk_json_doc_member_true (doc, ev, "is_permanent");
      if (!self->is_permanent)
        self->duration_seconds = seconds_between (b, "banned_at", "ends_at");
      break;

    case LURK_EVENT_KIND_UNBAN:
      read_actor (b, ev, "moderator_user");
      read_target (b, ev, "user");
      break;

    case LURK_EVENT_KIND_MODERATOR:
    case LURK_EVENT_KIND_VIP:
      read_target (b, ev, "user");
      break;

    default:
      break;
    }
}

LurkEvent *
_lurk_event_new_from_doc (const char        *message_id,
                          const char        *subscription_type,
                          const char        *subscription_version,
                          const char        *occurred_at,
                          gint64             occurred_at_usec,
                          gint64             received_at,
                          const char        *broadcaster_id,
                          const LurkJsonDoc *doc,
                          guint              event,
                          GError           **error)
{
  g_autoptr(LurkEvent) self = NULL;
  Builder b;
  const char *type = subscription_type != NULL ? subscription_type : "";
  LurkEventKind chat_kind = LURK_EVENT_KIND_UNKNOWN;
  gint64 bits = 0;

  if (!lurk_json_doc_is_object (doc, event))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   /* Translators: %s is an EventSub type such as channel.update */
                   _("The %s event is not a JSON object"), type);
      return NULL;
    }

  if (strcmp (type, "channel.chat.message") == 0)
    {
      chat_kind = classify_chat_message (doc, event, &bits);
      if (chat_kind == LURK_EVENT_KIND_UNKNOWN)
        return NULL; /* plain chat: not an event, not an error */
    }

  self = g_object_new (LURK_TYPE_EVENT, NULL);
  memset (&b, 0, sizeof b);
  b.doc = doc;
  b.ev = event;
  b.self = self;
  b.type = type;

  self->kind = LURK_EVENT_KIND_UNKNOWN;

  if (chat_kind != LURK_EVENT_KIND_UNKNOWN)
    {
      self->kind = chat_kind;
      self->count = bits;
      build_chat_message (&b);
    }
  else if (strcmp (type, "channel.chat.notification") == 0)
    {
      build_chat_notification (&b);
    }
  else if (strcmp (type, "channel.raid") == 0)
    {
      guint to = lurk_json_doc_member (doc, event, "to_broadcaster_user_id");

      if (broadcaster_id == NULL || lurk_json_doc_string_equal (doc, to, broadcaster_id))
        {
          self->kind = LURK_EVENT_KIND_RAID_IN;
          read_broadcaster (&b, "to_broadcaster_user");
          read_actor (&b, event, "from_broadcaster_user");
          read_target (&b, event, "to_broadcaster_user");
        }
      else
        {
          self->kind = LURK_EVENT_KIND_RAID_OUT;
          read_broadcaster (&b, "from_broadcaster_user");
          read_actor (&b, event, "from_broadcaster_user");
          read_target (&b, event, "to_broadcaster_user");
        }
      self->count = lurk_json_doc_member_int (doc, event, "viewers", 0);
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (type_kinds); i++)
        {
          if (strcmp (type, type_kinds[i].type) == 0)
            {
              self->kind = type_kinds[i].kind;
              self->phase = type_kinds[i].phase;
              break;
            }
        }
      if (self->kind != LURK_EVENT_KIND_UNKNOWN)
        build_other (&b);
      else
        set_member (&b, F_SYSTEM_MESSAGE, event, "system_message");
    }

  if (!has_field (&b, F_BROADCASTER_ID))
    read_broadcaster (&b, "broadcaster_user");
  /* an event object without one (an unknown type) is about the subscription's broadcaster */
  if (!has_field (&b, F_BROADCASTER_ID) && broadcaster_id != NULL)
    set_string (&b, F_BROADCASTER_ID, broadcaster_id);

  /* Shared chat: a message or notice sent in a partner's channel reaches the favorite's chat
   * with the partner in source_broadcaster_user_*, and notices as shared_chat_* types (the
   * channel's own events carry its own id there, or null). */
  read_user (&b, event, "source_broadcaster_user", F_SOURCE_ID);

  set_string (&b, F_ID, message_id);
  set_string (&b, F_SUBSCRIPTION_TYPE, subscription_type);
  set_string (&b, F_SUBSCRIPTION_VERSION, subscription_version);
  set_string (&b, F_OCCURRED_AT_STRING, occurred_at);
  lurk_json_doc_get_raw_span (doc, event, &b.spans[F_EVENT_JSON]);
  pack_strings (&b);

  if (self->source_broadcaster_id != NULL &&
      (self->source_broadcaster_id[0] == '\0' ||
       g_strcmp0 (self->source_broadcaster_id, self->broadcaster_id) == 0))
    {
      /* the channel's own event (the strings stay in the packed block) */
      self->source_broadcaster_id = NULL;
      self->source_broadcaster_login = NULL;
      self->source_broadcaster_name = NULL;
    }
  self->from_partner = self->source_broadcaster_id != NULL ||
                       (self->notice_type != NULL &&
                        g_str_has_prefix (self->notice_type, "shared_chat_"));

  if (occurred_at_usec == G_MININT64 && !lurk_rfc3339_parse (occurred_at, &occurred_at_usec))
    occurred_at_usec = 0;
  self->occurred_at = occurred_at_usec;
  self->received_at = received_at;

  return g_steal_pointer (&self);
}
