/* lurk-event-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-event.h"
#include "lurk-json-scan.h"

G_BEGIN_DECLS

struct _LurkEvent
{
  GObject        parent_instance;

  LurkEventKind  kind;
  /* The strings point into @strings, written once by lurk-event-build.c */
  char          *id;
  char          *subscription_type;
  char          *subscription_version;
  char          *notice_type;
  const char    *phase;            /* static string */
  char          *broadcaster_id;
  char          *broadcaster_login;
  char          *broadcaster_name;
  char          *actor_id;
  char          *actor_login;
  char          *actor_name;
  char          *target_id;
  char          *target_login;
  char          *target_name;
  char          *tier;
  char          *title;
  char          *category;
  char          *message_text;
  char          *system_message;
  char          *amount_currency;
  char          *occurred_at_string;
  char          *event_json;
  char          *community_gift_id; /* community_sub_gift id, sub_gift community_gift_id */
  char          *source_broadcaster_id;    /* shared chat: the partner channel; NULL if own */
  char          *source_broadcaster_login;
  char          *source_broadcaster_name;
  gpointer       strings;          /* one block holding every string above */
  gint64         count;
  gint64         amount_value;
  gint64         target_amount;    /* goals, charity campaigns */
  gint64         duration_seconds; /* timeouts, ad breaks */
  gint64         started_at;       /* stream.online: started_at, parsed; 0 when unknown */
  gint64         occurred_at;
  gint64         received_at;
  guint          months;
  guint          streak_months;
  guint          amount_decimal_places;
  guint          actor_is_anonymous : 1;
  guint          is_gift : 1;
  guint          is_permanent : 1;
  guint          from_partner : 1;  /* a shared chat partner's event */
};

/* The one builder behind every constructor, working on a scanned document (no json-glib on
 * the hot path). @event is the index of the event object in @doc. @broadcaster_id is the
 * broadcaster the subscription is about (decides the raid direction), or NULL.
 * @occurred_at_usec is the parsed @occurred_at, or G_MININT64 to parse it here.
 * Returns NULL without an error when the event is not an event for Lurk (plain chat). */
LurkEvent *_lurk_event_new_from_doc (const char        *message_id,
                                     const char        *subscription_type,
                                     const char        *subscription_version,
                                     const char        *occurred_at,
                                     gint64             occurred_at_usec,
                                     gint64             received_at,
                                     const char        *broadcaster_id,
                                     const LurkJsonDoc *doc,
                                     guint              event,
                                     GError           **error);

G_END_DECLS
