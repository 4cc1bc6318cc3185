/* lurk-event.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-event-private.h"

/* An immutable, normalized event. Fields are filled once by lurk-event-build.c and never
 * change, so a LurkEvent can be handed from the listener thread to the UI thread freely. */

G_DEFINE_FINAL_TYPE (LurkEvent, lurk_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_SUBSCRIPTION_TYPE,
  PROP_BROADCASTER_ID,
  PROP_ACTOR_NAME,
  PROP_TARGET_NAME,
  PROP_OCCURRED_AT,
  PROP_RECEIVED_AT,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const kind_names[] = {
  [LURK_EVENT_KIND_UNKNOWN] = "unknown",
  [LURK_EVENT_KIND_STREAM_ONLINE] = "stream_online",
  [LURK_EVENT_KIND_STREAM_OFFLINE] = "stream_offline",
  [LURK_EVENT_KIND_CHANNEL_UPDATE] = "channel_update",
  [LURK_EVENT_KIND_RAID_IN] = "raid_in",
  [LURK_EVENT_KIND_RAID_OUT] = "raid_out",
  [LURK_EVENT_KIND_UNRAID] = "unraid",
  [LURK_EVENT_KIND_SHARED_CHAT_BEGIN] = "shared_chat_begin",
  [LURK_EVENT_KIND_SHARED_CHAT_UPDATE] = "shared_chat_update",
  [LURK_EVENT_KIND_SHARED_CHAT_END] = "shared_chat_end",
  [LURK_EVENT_KIND_SUB] = "sub",
  [LURK_EVENT_KIND_RESUB] = "resub",
  [LURK_EVENT_KIND_SUB_GIFT] = "sub_gift",
  [LURK_EVENT_KIND_COMMUNITY_SUB_GIFT] = "community_sub_gift",
  [LURK_EVENT_KIND_GIFT_PAID_UPGRADE] = "gift_paid_upgrade",
  [LURK_EVENT_KIND_PRIME_PAID_UPGRADE] = "prime_paid_upgrade",
  [LURK_EVENT_KIND_PAY_IT_FORWARD] = "pay_it_forward",
  [LURK_EVENT_KIND_ANNOUNCEMENT] = "announcement",
  [LURK_EVENT_KIND_BITS_BADGE_TIER] = "bits_badge_tier",
  [LURK_EVENT_KIND_CHARITY_DONATION] = "charity_donation",
  [LURK_EVENT_KIND_CHEER] = "cheer",
  [LURK_EVENT_KIND_HIGHLIGHTED_MESSAGE] = "highlighted_message",
  [LURK_EVENT_KIND_FIRST_MESSAGE] = "first_message",
  [LURK_EVENT_KIND_POWER_UP] = "power_up",
  [LURK_EVENT_KIND_CHAT_CLEAR] = "chat_clear",
  [LURK_EVENT_KIND_CHAT_CLEAR_USER] = "chat_clear_user",
  [LURK_EVENT_KIND_MESSAGE_DELETE] = "message_delete",
  [LURK_EVENT_KIND_CHAT_SETTINGS] = "chat_settings",
  [LURK_EVENT_KIND_FOLLOW] = "follow",
  [LURK_EVENT_KIND_REDEMPTION] = "redemption",
  [LURK_EVENT_KIND_POLL] = "poll",
  [LURK_EVENT_KIND_PREDICTION] = "prediction",
  [LURK_EVENT_KIND_HYPE_TRAIN] = "hype_train",
  [LURK_EVENT_KIND_GOAL] = "goal",
  [LURK_EVENT_KIND_CHARITY_CAMPAIGN] = "charity_campaign",
  [LURK_EVENT_KIND_AD_BREAK] = "ad_break",
  [LURK_EVENT_KIND_SHOUTOUT] = "shoutout",
  [LURK_EVENT_KIND_BAN] = "ban",
  [LURK_EVENT_KIND_UNBAN] = "unban",
  [LURK_EVENT_KIND_MODERATOR] = "moderator",
  [LURK_EVENT_KIND_VIP] = "vip",
};

G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) == LURK_EVENT_KIND_LAST);

GType
lurk_event_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      /* Built from kind_names so the nicks can never drift from the stored strings. */
      static GEnumValue values[LURK_EVENT_KIND_LAST + 1];
      GType type;

      for (guint i = 0; i < LURK_EVENT_KIND_LAST; i++)
        {
          g_autofree char *upper = g_ascii_strup (kind_names[i], -1);
          g_autofree char *name = g_strconcat ("LURK_EVENT_KIND_", upper, NULL);

          values[i].value = (int) i;
          values[i].value_name = g_intern_string (name);
          values[i].value_nick = kind_names[i];
        }
      type = g_enum_register_static (g_intern_static_string ("LurkEventKind"), values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

/**
 * lurk_event_kind_to_string:
 * @kind: a #LurkEventKind
 *
 * Returns: the stable string form of @kind ("sub", "raid_in"...); "unknown" for values
 *   out of range
 */
const char *
lurk_event_kind_to_string (LurkEventKind kind)
{
  if ((guint) kind >= G_N_ELEMENTS (kind_names))
    return kind_names[LURK_EVENT_KIND_UNKNOWN];
  return kind_names[kind];
}

/**
 * lurk_event_kind_from_string:
 * @str: (nullable): a string from lurk_event_kind_to_string()
 *
 * Returns: the kind, or %LURK_EVENT_KIND_UNKNOWN for %NULL or an unknown string
 */
LurkEventKind
lurk_event_kind_from_string (const char *str)
{
  if (str == NULL)
    return LURK_EVENT_KIND_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (strcmp (str, kind_names[i]) == 0)
        return (LurkEventKind) i;
    }

  return LURK_EVENT_KIND_UNKNOWN;
}

static void
lurk_event_finalize (GObject *object)
{
  LurkEvent *self = (LurkEvent *) object;

  g_free (self->strings);

  G_OBJECT_CLASS (lurk_event_parent_class)->finalize (object);
}

static const char *
name_or_login (const char *name,
               const char *login)
{
  return name != NULL && name[0] != '\0' ? name : login;
}

static void
lurk_event_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LurkEvent *self = LURK_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_SUBSCRIPTION_TYPE:
      g_value_set_string (value, self->subscription_type);
      break;

    case PROP_BROADCASTER_ID:
      g_value_set_string (value, self->broadcaster_id);
      break;

    case PROP_ACTOR_NAME:
      g_value_set_string (value, name_or_login (self->actor_name, self->actor_login));
      break;

    case PROP_TARGET_NAME:
      g_value_set_string (value, name_or_login (self->target_name, self->target_login));
      break;

    case PROP_OCCURRED_AT:
      g_value_set_int64 (value, self->occurred_at);
      break;

    case PROP_RECEIVED_AT:
      g_value_set_int64 (value, self->received_at);
      break;

    case PROP_SUMMARY:
      g_value_take_string (value, lurk_event_dup_summary (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_event_class_init (LurkEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lurk_event_finalize;
  object_class->get_property = lurk_event_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, LURK_TYPE_EVENT_KIND,
                                             LURK_EVENT_KIND_UNKNOWN, flags);
  properties[PROP_SUBSCRIPTION_TYPE] = g_param_spec_string ("subscription-type", NULL, NULL,
                                                            NULL, flags);
  properties[PROP_BROADCASTER_ID] = g_param_spec_string ("broadcaster-id", NULL, NULL, NULL,
                                                         flags);
  properties[PROP_ACTOR_NAME] = g_param_spec_string ("actor-name", NULL, NULL, NULL, flags);
  properties[PROP_TARGET_NAME] = g_param_spec_string ("target-name", NULL, NULL, NULL, flags);
  properties[PROP_OCCURRED_AT] = g_param_spec_int64 ("occurred-at", NULL, NULL,
                                                     G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_RECEIVED_AT] = g_param_spec_int64 ("received-at", NULL, NULL,
                                                     G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lurk_event_init (LurkEvent *self)
{
}

/**
 * lurk_event_new_for_broadcaster:
 *
 * See lurk-event.h. Returns %NULL without an error for plain chat.
 */
LurkEvent *
lurk_event_new_for_broadcaster (const char  *message_id,
                                const char  *subscription_type,
                                const char  *subscription_version,
                                const char  *occurred_at,
                                gint64       received_at,
                                const char  *broadcaster_id,
                                const char  *event_json,
                                gssize       length,
                                GError     **error)
{
  LurkJsonDoc doc;
  LurkEvent *event;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (event_json == NULL)
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED, _("The event is missing"));
      return NULL;
    }

  if (length < 0)
    length = strlen (event_json);

  if (!lurk_json_doc_parse (&doc, event_json, length, error))
    {
      lurk_json_doc_clear (&doc);
      return NULL;
    }

  event = _lurk_event_new_from_doc (message_id, subscription_type, subscription_version,
                                    occurred_at, G_MININT64, received_at, broadcaster_id,
                                    &doc, LURK_JSON_ROOT, error);
  lurk_json_doc_clear (&doc);

  return event;
}

LurkEvent *
lurk_event_new_from_json_string (const char  *message_id,
                                 const char  *subscription_type,
                                 const char  *subscription_version,
                                 const char  *occurred_at,
                                 gint64       received_at,
                                 const char  *event_json,
                                 GError     **error)
{
  return lurk_event_new_for_broadcaster (message_id, subscription_type, subscription_version,
                                         occurred_at, received_at, NULL, event_json, -1, error);
}

LurkEvent *
lurk_event_new_from_json (const char  *message_id,
                          const char  *subscription_type,
                          const char  *subscription_version,
                          const char  *occurred_at,
                          gint64       received_at,
                          JsonObject  *event,
                          GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;
  gsize length = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (event == NULL)
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED, _("The event is missing"));
      return NULL;
    }

  /* One builder for every path: serialize and scan (the hot path never comes here). */
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, event);
  json = json_to_string (node, FALSE);
  length = strlen (json);

  return lurk_event_new_for_broadcaster (message_id, subscription_type, subscription_version,
                                         occurred_at, received_at, NULL, json, length, error);
}

#define GETTER(type, name, field) \
  type \
  lurk_event_get_##name (LurkEvent *self) \
  { \
    g_return_val_if_fail (LURK_IS_EVENT (self), 0); \
    return self->field; \
  }

GETTER (const char *, id, id)
GETTER (LurkEventKind, kind, kind)
GETTER (const char *, subscription_type, subscription_type)
GETTER (const char *, subscription_version, subscription_version)
GETTER (const char *, notice_type, notice_type)
GETTER (const char *, phase, phase)
GETTER (const char *, broadcaster_id, broadcaster_id)
GETTER (const char *, broadcaster_login, broadcaster_login)
GETTER (const char *, broadcaster_name, broadcaster_name)
GETTER (const char *, actor_id, actor_id)
GETTER (const char *, actor_login, actor_login)
GETTER (const char *, actor_name, actor_name)
GETTER (gboolean, actor_is_anonymous, actor_is_anonymous)
GETTER (const char *, target_id, target_id)
GETTER (const char *, target_login, target_login)
GETTER (const char *, target_name, target_name)
GETTER (const char *, tier, tier)
GETTER (guint, months, months)
GETTER (guint, streak_months, streak_months)
GETTER (gint64, count, count)
GETTER (gint64, amount_value, amount_value)
GETTER (guint, amount_decimal_places, amount_decimal_places)
GETTER (const char *, amount_currency, amount_currency)
GETTER (const char *, title, title)
GETTER (const char *, category, category)
GETTER (const char *, message_text, message_text)
GETTER (const char *, system_message, system_message)
GETTER (const char *, occurred_at_string, occurred_at_string)
GETTER (gint64, occurred_at, occurred_at)
GETTER (gint64, received_at, received_at)
GETTER (const char *, event_json, event_json)
GETTER (gint64, duration_seconds, duration_seconds)
GETTER (gint64, started_at, started_at)
GETTER (gint64, target_amount, target_amount)
GETTER (gboolean, is_gift, is_gift)
GETTER (gboolean, is_permanent, is_permanent)
GETTER (const char *, community_gift_id, community_gift_id)
GETTER (const char *, source_broadcaster_id, source_broadcaster_id)
GETTER (const char *, source_broadcaster_login, source_broadcaster_login)
GETTER (const char *, source_broadcaster_name, source_broadcaster_name)

/**
 * lurk_event_is_from_partner:
 * @self: an event
 *
 * Returns: whether the event happened in a shared chat partner's channel (a `shared_chat_*`
 *   notice, or a `source_broadcaster_user_id` other than the broadcaster's), not the
 *   favorite's own
 */
gboolean
lurk_event_is_from_partner (LurkEvent *self)
{
  g_return_val_if_fail (LURK_IS_EVENT (self), FALSE);

  return self->from_partner;
}
