/* lurk-eventsub-message.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-event.h"

G_BEGIN_DECLS

typedef enum
{
  LURK_EVENTSUB_MESSAGE_WELCOME,
  LURK_EVENTSUB_MESSAGE_KEEPALIVE,
  LURK_EVENTSUB_MESSAGE_NOTIFICATION,
  LURK_EVENTSUB_MESSAGE_RECONNECT,
  LURK_EVENTSUB_MESSAGE_REVOCATION,
} LurkEventSubMessageType;

/**
 * LurkEventSubMessage:
 *
 * One parsed EventSub WebSocket message. Which fields are set depends on @type:
 * welcome and reconnect set the session fields; notification sets the subscription fields
 * and @event; revocation sets the subscription fields (with @subscription_status).
 */
typedef struct
{
  LurkEventSubMessageType  type;
  char                    *message_id;
  char                    *message_timestamp;      /* as sent */
  gint64                   timestamp;              /* microseconds since the epoch */
  char                    *subscription_id;
  char                    *subscription_type;
  char                    *subscription_version;
  char                    *subscription_status;
  char                    *session_id;
  char                    *session_status;
  guint                    keepalive_timeout_seconds; /* 0 when null */
  char                    *reconnect_url;
  LurkEvent               *event;                  /* notification only; NULL for a
                                                    * notification that is no event for
                                                    * Lurk (plain chat): still traffic,
                                                    * nothing to dedupe or store */
} LurkEventSubMessage;

/* A pure function from one WebSocket text frame to a message, or a LURK_ERROR_MALFORMED
 * error that says what is wrong. Never aborts, whatever the bytes. @received_at is the local
 * receive time in microseconds (it goes into the event). Frames over 1 MiB are rejected.
 * Unknown message types are an error. No json-glib on this path (see the .c for why). */
LurkEventSubMessage *lurk_eventsub_message_parse (const char  *data,
                                                  gsize        length,
                                                  gint64       received_at,
                                                  GError     **error);
void                 lurk_eventsub_message_free  (LurkEventSubMessage *message);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkEventSubMessage, lurk_eventsub_message_free)

G_END_DECLS
