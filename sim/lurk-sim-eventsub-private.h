/* lurk-sim-eventsub-private.h: the EventSub area's state, shared by its files
 *
 * lurk-sim-eventsub.c (the area object and what the control API asks of it), lurk-sim-ws.c
 * (sessions), lurk-sim-subscriptions.c (Helix's subscription calls) and the payload
 * generators (lurk-sim-payloads*.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-eventsub.h"
#include "lurk-sim-socket.h"

G_BEGIN_DECLS

struct _LurkSimSubscription
{
  char *id;
  char *type;
  char *version;
  char *status;
  JsonObject *condition;
  char *session_id;
  char *created_at;
  char *connected_at;     /* of its WebSocket session */
  char *disconnected_at;  /* when the session ended */
  char *client_id;
  char *user_id;
  char *broadcaster_id;   /* the channel whose events it delivers */
  guint cost;
  char *json;             /* cached serialization of the subscription object */
};

struct _LurkSimSession
{
  LurkSimEventSub *eventsub;
  char *id;
  LurkSimSocket *socket;       /* the socket delivering messages */
  LurkSimSocket *old_socket;   /* after a reconnect: closed by the client (or by us later) */
  char *reconnect_id;
  guint keepalive_seconds;
  char *connected_at;
  char *client_id;
  char *user_id;
  GPtrArray *subscriptions;    /* LurkSimSubscription, owned by eventsub->subscriptions */
  gint64 last_sent;            /* monotonic µs */
  GSource *keepalive_source;
  GSource *window_source;
  GSource *ping_source;
  GSource *pong_source;
  GSource *grace_source;
  GSource *old_socket_source;
  gboolean keepalive_enabled;
  gboolean reconnecting;
  gboolean ended;
};

typedef struct
{
  char *session_id;
  char *text;
} LurkSimRecent;

struct _LurkSimEventSub
{
  LurkSimWorld *world;
  LurkSimEventSubConfig config;
  GHashTable *sessions;          /* id → LurkSimSession */
  GHashTable *reconnects;        /* reconnect id → LurkSimSession (unowned) */
  GHashTable *subscriptions;     /* id → LurkSimSubscription */
  GPtrArray *subscription_order; /* LurkSimSubscription (unowned), creation order */
  GPtrArray *sent_ids;           /* char*, notification message ids in order */
  GQueue *recent;                /* LurkSimRecent, newest last */
  char *timestamp_override;      /* message_timestamp for the notifications of one trigger */
  guint64 connections_total;
  guint64 notifications_sent;
  guint64 messages_sent;
};

/* lurk-sim-eventsub.c */
void          _lurk_sim_recent_free             (LurkSimRecent       *recent);

/* lurk-sim-subscriptions.c */
void          _lurk_sim_subscription_free       (gpointer             data);
void          _lurk_sim_subscription_set_status (LurkSimSubscription *sub,
                                                 const char          *status);
const char   *_lurk_sim_subscription_json       (LurkSimSubscription *sub);
/* With full: the transport's connected_at/disconnected_at, as Helix lists it. */
JsonObject   *_lurk_sim_subscription_to_json    (LurkSimSubscription *sub,
                                                 gboolean             full);
gboolean      _lurk_sim_type_is_known           (const char          *type);
const char   *_lurk_sim_type_default_version    (const char          *type);

/* lurk-sim-ws.c */
void          _lurk_sim_session_free            (gpointer             data);
void          _lurk_sim_session_send            (LurkSimSession      *session,
                                                 const char          *text,
                                                 gsize                length,
                                                 gboolean             is_notification);
void          _lurk_sim_session_subscribed      (LurkSimSession      *session);
void          _lurk_sim_session_revoke          (LurkSimSession      *session,
                                                 LurkSimSubscription *sub,
                                                 const char          *status);
LurkSimSession *_lurk_sim_session_lookup        (LurkSimEventSub     *self,
                                                 const char          *session_id);
gsize         _lurk_sim_session_pending         (LurkSimSession      *session);
JsonObject   *_lurk_sim_session_to_json         (LurkSimSession      *session);

G_END_DECLS
