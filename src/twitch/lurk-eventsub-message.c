/* lurk-eventsub-message.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why this parser does not use json-glib (decided by measurement, bench/parse-bench.c; the
 * figures are in bench/README.md, "Figures behind choices in the code"):
 *
 * The target is 30,000 events/s through parse, dedupe and store on one core. json-glib alone
 * takes longer to parse a realistic channel.chat.message notification than that budget allows
 * for everything (its GScanner-based lexer and the GHashTable per object dominate). Most
 * traffic is plain chat, which Lurk drops, and every chat message has to be looked at since
 * cheers hide in them.
 *
 * So the hot path uses lurk-json-scan: one validating pass over the bytes (RFC 8259 grammar
 * and UTF-8, depth-limited, no allocation for messages up to 511 values) that records flat
 * tokens; the few fields Lurk needs are then read in place as spans and copied once, all of a
 * message's strings into one block after its struct and all of an event's into another, and
 * the event object is kept by slicing the original bytes, not re-generated. That leaves most
 * of the budget per event for dedupe and the store. json-glib stays the library for
 * everything else (Helix responses, building JSON).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-event-private.h"
#include "lurk-eventsub-message.h"

/* Twitch's messages are a few KB; anything this big is not one. */
#define MAX_MESSAGE_LENGTH (1024 * 1024)

/* The message's strings live in the same allocation as the message (parse_doc() reads them
 * as spans of the frame and copies them once, at the end): one malloc and one free per
 * message instead of one per field. */
typedef enum
{
  M_MESSAGE_ID,
  M_MESSAGE_TIMESTAMP,
  M_SUBSCRIPTION_ID,
  M_SUBSCRIPTION_TYPE,
  M_SUBSCRIPTION_VERSION,
  M_SUBSCRIPTION_STATUS,
  M_SESSION_ID,
  M_SESSION_STATUS,
  M_RECONNECT_URL,
  N_STRINGS
} MessageString;

static const gsize string_offsets[N_STRINGS] = {
  [M_MESSAGE_ID] = G_STRUCT_OFFSET (LurkEventSubMessage, message_id),
  [M_MESSAGE_TIMESTAMP] = G_STRUCT_OFFSET (LurkEventSubMessage, message_timestamp),
  [M_SUBSCRIPTION_ID] = G_STRUCT_OFFSET (LurkEventSubMessage, subscription_id),
  [M_SUBSCRIPTION_TYPE] = G_STRUCT_OFFSET (LurkEventSubMessage, subscription_type),
  [M_SUBSCRIPTION_VERSION] = G_STRUCT_OFFSET (LurkEventSubMessage, subscription_version),
  [M_SUBSCRIPTION_STATUS] = G_STRUCT_OFFSET (LurkEventSubMessage, subscription_status),
  [M_SESSION_ID] = G_STRUCT_OFFSET (LurkEventSubMessage, session_id),
  [M_SESSION_STATUS] = G_STRUCT_OFFSET (LurkEventSubMessage, session_status),
  [M_RECONNECT_URL] = G_STRUCT_OFFSET (LurkEventSubMessage, reconnect_url),
};

typedef struct
{
  LurkEventSubMessageType type;
  gint64                  timestamp;
  guint                   keepalive_timeout_seconds;
  LurkJsonSpan            spans[N_STRINGS];
} Pending;

void
lurk_eventsub_message_free (LurkEventSubMessage *message)
{
  if (message == NULL)
    return;

  g_clear_object (&message->event);
  g_free (message); /* the strings too */
}

static LurkEventSubMessage *
pending_pack (const Pending *pending)
{
  gsize total = sizeof (LurkEventSubMessage);
  LurkEventSubMessage *message;
  char *p;

  for (guint i = 0; i < N_STRINGS; i++)
    {
      if (pending->spans[i].data != NULL)
        total += pending->spans[i].length + 1;
    }

  message = g_malloc0 (total);
  message->type = pending->type;
  message->timestamp = pending->timestamp;
  message->keepalive_timeout_seconds = pending->keepalive_timeout_seconds;

  p = (char *) (message + 1);
  for (guint i = 0; i < N_STRINGS; i++)
    {
      if (pending->spans[i].data == NULL)
        continue;
      G_STRUCT_MEMBER (char *, message, string_offsets[i]) = p;
      p += lurk_json_span_copy (&pending->spans[i], p) + 1;
    }

  return message;
}

static gboolean
malformed (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED, message);
  return FALSE;
}

/* A present, non-empty string (unescaping never empties a string) */
static gboolean
span_is_set (const LurkJsonSpan *span)
{
  return span->data != NULL && span->length > 0;
}

/* @span as a nul-terminated string: in @buffer when it fits, else in *heap */
static const char *
span_to_string (const LurkJsonSpan  *span,
                char                *buffer,
                gsize                size,
                char               **heap)
{
  char *out = buffer;

  if (span->data == NULL)
    return NULL;
  if (span->length >= size)
    out = *heap = g_malloc (span->length + 1);
  lurk_json_span_copy (span, out);
  return out;
}

static gboolean
read_session (Pending            *pending,
              const LurkJsonDoc  *doc,
              guint               payload,
              gboolean            need_reconnect_url,
              GError            **error)
{
  guint session = lurk_json_doc_object_member (doc, payload, "session");
  gint64 keepalive = 0;

  if (session == 0)
    return malformed (error, _("The message has no session object"));

  lurk_json_doc_get_member_span (doc, session, "id", &pending->spans[M_SESSION_ID]);
  if (!span_is_set (&pending->spans[M_SESSION_ID]))
    return malformed (error, _("The session has no id"));

  lurk_json_doc_get_member_span (doc, session, "status", &pending->spans[M_SESSION_STATUS]);
  lurk_json_doc_get_member_span (doc, session, "reconnect_url",
                                 &pending->spans[M_RECONNECT_URL]);
  if (lurk_json_doc_get_int (doc, lurk_json_doc_member (doc, session,
                                                        "keepalive_timeout_seconds"),
                             &keepalive))
    pending->keepalive_timeout_seconds = (guint) CLAMP (keepalive, 0, 3600);

  if (need_reconnect_url && !span_is_set (&pending->spans[M_RECONNECT_URL]))
    return malformed (error, _("The reconnect message has no reconnect URL"));

  return TRUE;
}

static guint
read_subscription (Pending            *pending,
                   const LurkJsonDoc  *doc,
                   guint               metadata,
                   guint               payload,
                   GError            **error)
{
  guint subscription = lurk_json_doc_object_member (doc, payload, "subscription");
  LurkJsonSpan *spans = pending->spans;

  if (subscription == 0)
    {
      malformed (error, _("The message has no subscription object"));
      return 0;
    }

  lurk_json_doc_get_member_span (doc, subscription, "id", &spans[M_SUBSCRIPTION_ID]);
  lurk_json_doc_get_member_span (doc, subscription, "status", &spans[M_SUBSCRIPTION_STATUS]);
  if (!lurk_json_doc_get_member_span (doc, metadata, "subscription_type",
                                      &spans[M_SUBSCRIPTION_TYPE]))
    lurk_json_doc_get_member_span (doc, subscription, "type", &spans[M_SUBSCRIPTION_TYPE]);
  if (!lurk_json_doc_get_member_span (doc, metadata, "subscription_version",
                                      &spans[M_SUBSCRIPTION_VERSION]))
    lurk_json_doc_get_member_span (doc, subscription, "version",
                                   &spans[M_SUBSCRIPTION_VERSION]);

  if (!span_is_set (&spans[M_SUBSCRIPTION_TYPE]))
    {
      malformed (error, _("The message does not say its subscription type"));
      return 0;
    }

  return subscription;
}

/* The broadcaster the subscription is about, as its condition names it. */
static gboolean
get_condition_broadcaster (const LurkJsonDoc *doc,
                           guint              subscription,
                           LurkJsonSpan      *span)
{
  static const char * const keys[] = {
    "broadcaster_user_id", "to_broadcaster_user_id", "from_broadcaster_user_id",
  };
  guint condition = lurk_json_doc_object_member (doc, subscription, "condition");

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (lurk_json_doc_get_member_span (doc, condition, keys[i], span))
        return TRUE;
    }

  return FALSE;
}

static LurkEventSubMessage *
parse_notification (Pending            *pending,
                    const LurkJsonDoc  *doc,
                    guint               metadata,
                    guint               payload,
                    gint64              received_at,
                    GError            **error)
{
  g_autoptr(LurkEventSubMessage) message = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *heap = NULL;
  LurkJsonSpan broadcaster_span;
  char buffer[64];
  const char *broadcaster_id;
  guint subscription;
  guint event;

  pending->type = LURK_EVENTSUB_MESSAGE_NOTIFICATION;
  subscription = read_subscription (pending, doc, metadata, payload, error);
  if (subscription == 0)
    return NULL;

  event = lurk_json_doc_member (doc, payload, "event");
  if (!lurk_json_doc_is_object (doc, event))
    {
      malformed (error, _("The notification has no event object"));
      return NULL;
    }

  get_condition_broadcaster (doc, subscription, &broadcaster_span);
  broadcaster_id = span_to_string (&broadcaster_span, buffer, sizeof buffer, &heap);

  message = pending_pack (pending);
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
      return NULL;
    }

  return g_steal_pointer (&message);
}

static LurkEventSubMessage *
parse_doc (const LurkJsonDoc  *doc,
           gint64              received_at,
           GError            **error)
{
  Pending pending = { 0, };
  g_autofree char *heap = NULL;
  char buffer[64];
  const char *timestamp;
  guint metadata;
  guint payload;
  guint type;

  if (!lurk_json_doc_is_object (doc, LURK_JSON_ROOT))
    {
      malformed (error, _("The message is not a JSON object"));
      return NULL;
    }

  metadata = lurk_json_doc_object_member (doc, LURK_JSON_ROOT, "metadata");
  if (metadata == 0)
    {
      malformed (error, _("The message has no metadata object"));
      return NULL;
    }

  payload = lurk_json_doc_object_member (doc, LURK_JSON_ROOT, "payload");
  if (payload == 0)
    {
      malformed (error, _("The message has no payload object"));
      return NULL;
    }

  lurk_json_doc_get_member_span (doc, metadata, "message_id", &pending.spans[M_MESSAGE_ID]);
  if (!span_is_set (&pending.spans[M_MESSAGE_ID]))
    {
      malformed (error, _("The message has no message_id"));
      return NULL;
    }

  if (!lurk_json_doc_get_member_span (doc, metadata, "message_timestamp",
                                      &pending.spans[M_MESSAGE_TIMESTAMP]))
    {
      malformed (error, _("The message has no message_timestamp"));
      return NULL;
    }
  timestamp = span_to_string (&pending.spans[M_MESSAGE_TIMESTAMP], buffer, sizeof buffer,
                              &heap);
  if (!lurk_rfc3339_parse (timestamp, &pending.timestamp))
    {
      malformed (error, _("The message_timestamp is not an RFC 3339 date"));
      return NULL;
    }

  type = lurk_json_doc_member (doc, metadata, "message_type");
  if (lurk_json_doc_get_type (doc, type) != LURK_JSON_STRING)
    {
      malformed (error, _("The message has no message_type"));
      return NULL;
    }

  if (lurk_json_doc_string_equal (doc, type, "notification"))
    return parse_notification (&pending, doc, metadata, payload, received_at, error);

  if (lurk_json_doc_string_equal (doc, type, "session_keepalive"))
    {
      pending.type = LURK_EVENTSUB_MESSAGE_KEEPALIVE;
      return pending_pack (&pending);
    }

  if (lurk_json_doc_string_equal (doc, type, "session_welcome"))
    {
      pending.type = LURK_EVENTSUB_MESSAGE_WELCOME;
      if (!read_session (&pending, doc, payload, FALSE, error))
        return NULL;
      return pending_pack (&pending);
    }

  if (lurk_json_doc_string_equal (doc, type, "session_reconnect"))
    {
      pending.type = LURK_EVENTSUB_MESSAGE_RECONNECT;
      if (!read_session (&pending, doc, payload, TRUE, error))
        return NULL;
      return pending_pack (&pending);
    }

  if (lurk_json_doc_string_equal (doc, type, "revocation"))
    {
      pending.type = LURK_EVENTSUB_MESSAGE_REVOCATION;
      if (read_subscription (&pending, doc, metadata, payload, error) == 0)
        return NULL;
      return pending_pack (&pending);
    }

  {
    g_autofree char *name = lurk_json_doc_dup_string (doc, type);

    g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                 /* Translators: %s is the message type Twitch sent */
                 _("Unknown message type “%s”"), name);
    return NULL;
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
  LurkEventSubMessage *message;
  LurkJsonDoc doc;

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

  /* no g_autoptr here: parse_doc() returns the message or NULL, nothing to clean up */
  message = parse_doc (&doc, received_at, error);
  lurk_json_doc_clear (&doc);

  return message;
}
