/* lurk-eventsub-message.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why this parser does not use json-glib (decided by measurement, bench/parse-bench.c):
 *
 * The target is 30,000 events/s through parse, dedupe and store on one core, i.e. about
 * 33 µs per message for everything. On this machine json-glib alone needs ~60 µs to parse a
 * realistic 1.9 KB channel.chat.message notification (its GScanner-based lexer and the
 * GHashTable per object dominate), so it cannot reach the target even before the store.
 * Most traffic is plain chat, which Lurk drops, and every chat message has to be looked at
 * since cheers hide in them.
 *
 * So the hot path uses lurk-json-scan: one validating pass over the bytes (RFC 8259 grammar
 * and UTF-8, depth-limited, no allocation for messages up to 256 values) that records flat
 * tokens; the few fields Lurk needs are then read in place and copied, and the event object
 * is kept by slicing the original bytes, not re-generated. json-glib stays the library for
 * everything else (Helix responses, building JSON).
 *
 * Measured with bench/parse-bench on this 2-core machine, compact 2.3 KB plain
 * channel.chat.message (quiet machine): json-glib's parser alone 45–57 µs, this whole parse
 * (validation, metadata, plain chat rejected) 3.3–3.8 µs; a chat notification that becomes a
 * LurkEvent 5–5.6 µs (json-glib 45–53 µs). That leaves most of the 33 µs budget per event
 * for dedupe and the store.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-event-private.h"
#include "lurk-eventsub-message.h"

/* Twitch's messages are a few KB; anything this big is not one. */
#define MAX_MESSAGE_LENGTH (1024 * 1024)

void
lurk_eventsub_message_free (LurkEventSubMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->message_id);
  g_free (message->message_timestamp);
  g_free (message->subscription_id);
  g_free (message->subscription_type);
  g_free (message->subscription_version);
  g_free (message->subscription_status);
  g_free (message->session_id);
  g_free (message->session_status);
  g_free (message->reconnect_url);
  g_clear_object (&message->event);
  g_free (message);
}

static gboolean
malformed (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED, message);
  return FALSE;
}

static gboolean
read_session (LurkEventSubMessage  *message,
              const LurkJsonDoc    *doc,
              guint                 payload,
              gboolean              need_reconnect_url,
              GError              **error)
{
  guint session = lurk_json_doc_object_member (doc, payload, "session");
  gint64 keepalive = 0;

  if (session == 0)
    return malformed (error, _("The message has no session object"));

  message->session_id = lurk_json_doc_dup_member_string (doc, session, "id");
  if (message->session_id == NULL || message->session_id[0] == '\0')
    return malformed (error, _("The session has no id"));

  message->session_status = lurk_json_doc_dup_member_string (doc, session, "status");
  message->reconnect_url = lurk_json_doc_dup_member_string (doc, session, "reconnect_url");
  if (lurk_json_doc_get_int (doc, lurk_json_doc_member (doc, session,
                                                        "keepalive_timeout_seconds"),
                             &keepalive))
    message->keepalive_timeout_seconds = (guint) CLAMP (keepalive, 0, 3600);

  if (need_reconnect_url && (message->reconnect_url == NULL || message->reconnect_url[0] == '\0'))
    return malformed (error, _("The reconnect message has no reconnect URL"));

  return TRUE;
}

static guint
read_subscription (LurkEventSubMessage  *message,
                   const LurkJsonDoc    *doc,
                   guint                 metadata,
                   guint                 payload,
                   GError              **error)
{
  guint subscription = lurk_json_doc_object_member (doc, payload, "subscription");

  if (subscription == 0)
    {
      malformed (error, _("The message has no subscription object"));
      return 0;
    }

  message->subscription_id = lurk_json_doc_dup_member_string (doc, subscription, "id");
  message->subscription_status = lurk_json_doc_dup_member_string (doc, subscription, "status");
  message->subscription_type =
    lurk_json_doc_dup_member_string (doc, metadata, "subscription_type");
  if (message->subscription_type == NULL)
    message->subscription_type = lurk_json_doc_dup_member_string (doc, subscription, "type");
  message->subscription_version =
    lurk_json_doc_dup_member_string (doc, metadata, "subscription_version");
  if (message->subscription_version == NULL)
    message->subscription_version =
      lurk_json_doc_dup_member_string (doc, subscription, "version");

  if (message->subscription_type == NULL || message->subscription_type[0] == '\0')
    {
      malformed (error, _("The message does not say its subscription type"));
      return 0;
    }

  return subscription;
}

/* The broadcaster the subscription is about, as its condition names it. */
static char *
dup_condition_broadcaster (const LurkJsonDoc *doc,
                           guint              subscription)
{
  static const char * const keys[] = {
    "broadcaster_user_id", "to_broadcaster_user_id", "from_broadcaster_user_id",
  };
  guint condition = lurk_json_doc_object_member (doc, subscription, "condition");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      char *id = lurk_json_doc_dup_member_string (doc, condition, keys[i]);

      if (id != NULL)
        return id;
    }

  return NULL;
}

static gboolean
parse_doc (LurkEventSubMessage  *message,
           const LurkJsonDoc    *doc,
           gint64                received_at,
           GError              **error)
{
  guint metadata;
  guint payload;
  guint type;

  if (!lurk_json_doc_is_object (doc, LURK_JSON_ROOT))
    return malformed (error, _("The message is not a JSON object"));

  metadata = lurk_json_doc_object_member (doc, LURK_JSON_ROOT, "metadata");
  if (metadata == 0)
    return malformed (error, _("The message has no metadata object"));

  payload = lurk_json_doc_object_member (doc, LURK_JSON_ROOT, "payload");
  if (payload == 0)
    return malformed (error, _("The message has no payload object"));

  message->message_id = lurk_json_doc_dup_member_string (doc, metadata, "message_id");
  if (message->message_id == NULL || message->message_id[0] == '\0')
    return malformed (error, _("The message has no message_id"));

  message->message_timestamp =
    lurk_json_doc_dup_member_string (doc, metadata, "message_timestamp");
  if (message->message_timestamp == NULL)
    return malformed (error, _("The message has no message_timestamp"));
  if (!lurk_rfc3339_parse (message->message_timestamp, &message->timestamp))
    return malformed (error, _("The message_timestamp is not an RFC 3339 date"));

  type = lurk_json_doc_member (doc, metadata, "message_type");
  if (lurk_json_doc_get_type (doc, type) != LURK_JSON_STRING)
    return malformed (error, _("The message has no message_type"));

  if (lurk_json_doc_string_equal (doc, type, "notification"))
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *broadcaster_id = NULL;
      guint subscription;
      guint event;

      message->type = LURK_EVENTSUB_MESSAGE_NOTIFICATION;
      subscription = read_subscription (message, doc, metadata, payload, error);
      if (subscription == 0)
        return FALSE;

      event = lurk_json_doc_member (doc, payload, "event");
      if (!lurk_json_doc_is_object (doc, event))
        return malformed (error, _("The notification has no event object"));

      broadcaster_id = dup_condition_broadcaster (doc, subscription);
      message->event = _lurk_event_new_from_doc (message->message_id,
                                                 message->subscription_type,
                                                 message->subscription_version,
                                                 message->message_timestamp,
                                                 message->timestamp,
                                                 received_at,
                                                 broadcaster_id,
                                                 doc, event, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  if (lurk_json_doc_string_equal (doc, type, "session_keepalive"))
    {
      message->type = LURK_EVENTSUB_MESSAGE_KEEPALIVE;
      return TRUE;
    }

  if (lurk_json_doc_string_equal (doc, type, "session_welcome"))
    {
      message->type = LURK_EVENTSUB_MESSAGE_WELCOME;
      return read_session (message, doc, payload, FALSE, error);
    }

  if (lurk_json_doc_string_equal (doc, type, "session_reconnect"))
    {
      message->type = LURK_EVENTSUB_MESSAGE_RECONNECT;
      return read_session (message, doc, payload, TRUE, error);
    }

  if (lurk_json_doc_string_equal (doc, type, "revocation"))
    {
      message->type = LURK_EVENTSUB_MESSAGE_REVOCATION;
      return read_subscription (message, doc, metadata, payload, error) != 0;
    }

  {
    g_autofree char *name = lurk_json_doc_dup_string (doc, type);

    g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                 /* Translators: %s is the message type Twitch sent */
                 _("Unknown message type “%s”"), name);
    return FALSE;
  }
}

/**
 * lurk_eventsub_message_parse:
 * @data: (array length=length): one WebSocket text frame, not necessarily nul-terminated
 * @length: its length in bytes
 * @received_at: local receive time, microseconds since the epoch
 * @error: return location for a %LURK_ERROR_MALFORMED error
 *
 * Parses one EventSub message. A notification whose event is not an event for Lurk (plain
 * chat) is returned with @event %NULL: it is still traffic (it counts for the keepalive) but
 * there is nothing to dedupe, store or show.
 *
 * Returns: (transfer full) (nullable): the message, or %NULL with @error set
 */
LurkEventSubMessage *
lurk_eventsub_message_parse (const char  *data,
                             gsize        length,
                             gint64       received_at,
                             GError     **error)
{
  g_autoptr(LurkEventSubMessage) message = NULL;
  LurkJsonDoc doc;
  gboolean ok;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL || length == 0)
    {
      malformed (error, _("The message is empty"));
      return NULL;
    }

  if (length > MAX_MESSAGE_LENGTH)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   /* Translators: %zu is a size in bytes */
                   _("The message is too large (%zu bytes)"), length);
      return NULL;
    }

  if (!lurk_json_doc_parse (&doc, data, length, error))
    {
      lurk_json_doc_clear (&doc);
      return NULL;
    }

  message = g_new0 (LurkEventSubMessage, 1);
  ok = parse_doc (message, &doc, received_at, error);
  lurk_json_doc_clear (&doc);

  if (!ok)
    {
#ifdef __clang_analyzer__
      /* Not a leak: g_autoptr frees @message here, but clang 14's analyzer does not model
       * cleanup attributes, so it is freed visibly for the analyzer only. */
      g_clear_pointer (&message, lurk_eventsub_message_free);
#endif
      return NULL;
    }

  return g_steal_pointer (&message);
}
