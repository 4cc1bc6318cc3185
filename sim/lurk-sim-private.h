/* lurk-sim-private.h: the simulator's shared state, split across lurk-sim-*.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-sim.h"
#include "lurk-sim-socket.h"

G_BEGIN_DECLS

/* libsoup 3.2 has no name for it. */
#define LURK_SIM_STATUS_TOO_MANY_REQUESTS 429

typedef struct _LurkSimSession LurkSimSession;

typedef struct
{
  char *id;
  char *login;
  char *display_name;
  char *description;
  char *broadcaster_type;
  char *color;
  char *created_at;
  /* Channel */
  char *title;
  char *category_id;
  char *category_name;
  char *language;
  char **tags;
  gboolean live;
  char *stream_id;
  char *started_at;
  guint viewer_count;
  gboolean chatter;       /* a viewer the payload generators pick names from */
} LurkSimUser;

/* An application registered at dev.twitch.tv. Public: device code grant and refresh without
 * secret only. Confidential: has a secret, which every refresh needs (twitchdev/issues #943). */
typedef struct
{
  char *client_id;
  GPtrArray *redirect_uris;
  gboolean confidential;
  char *secret;           /* confidential only */
} LurkSimClient;

typedef struct
{
  char *access_token;
  char *client_id;
  char *user_id;
  char **scopes;
  gint64 expires_at;      /* real time, µs */
  gboolean revoked;
} LurkSimToken;

typedef struct
{
  char *refresh_token;
  char *client_id;
  char *user_id;
  char **scopes;
  char *access_token;     /* issued with it; revoked when it is spent */
  gint64 expires_at;
  gboolean used;
} LurkSimRefresh;

typedef enum
{
  DEVICE_PENDING,
  DEVICE_APPROVED,
  DEVICE_DENIED,
  DEVICE_USED,
} LurkSimDeviceState;

typedef struct
{
  char *device_code;
  char *user_code;
  char *client_id;
  char **scopes;
  char *user_id;          /* set on approval */
  gint64 expires_at;
  LurkSimDeviceState state;
} LurkSimDevice;

typedef struct
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
} LurkSimSubscription;

struct _LurkSimSession
{
  LurkSim *sim;
  char *id;
  LurkSimSocket *socket;       /* the socket delivering messages */
  LurkSimSocket *old_socket;   /* after a reconnect: closed by the client (or by us later) */
  char *reconnect_id;
  guint keepalive_seconds;
  char *connected_at;
  char *client_id;
  char *user_id;
  GPtrArray *subscriptions;    /* LurkSimSubscription, owned by sim->subscriptions */
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
  double tokens;
  gint64 updated;   /* monotonic µs */
} LurkSimBucket;

typedef struct
{
  guint status;
  guint count;
} LurkSimFailure;

typedef struct
{
  char *session_id;
  char *text;
} LurkSimRecent;

typedef struct _LurkSimFlood LurkSimFlood;

struct _LurkSim
{
  GObject parent_instance;

  /* Configuration */
  char *scenario;
  guint keepalive_default;
  guint grace_seconds;
  guint subscribe_window;
  guint ping_interval;
  gboolean require_subscription;
  double time_scale;
  guint rate_limit;
  guint max_per_connection;      /* 300, as Twitch; lower only for tests */
  gint64 clock_offset;           /* µs added to the real clock for OAuth expiry (/sim/clock) */
  gint64 message_clock_offset;   /* s added to every message_timestamp (/sim/clock) */

  /* Runtime */
  GMainContext *context;
  SoupServer *server;
  char *host;
  guint port;
  char *url;
  char *ws_url;
  GThread *thread;
  GMainLoop *loop;
  GMutex start_mutex;
  GCond start_cond;
  gboolean start_done;
  GError *start_error;

  /* World */
  GPtrArray *users;              /* LurkSimUser */
  GHashTable *users_by_id;
  GHashTable *users_by_login;
  GHashTable *clients;           /* client_id → LurkSimClient */
  GHashTable *tokens;            /* access token → LurkSimToken */
  GHashTable *refresh_tokens;    /* refresh token → LurkSimRefresh */
  GHashTable *devices;           /* device code → LurkSimDevice */
  GHashTable *user_codes;        /* user code → LurkSimDevice (unowned) */
  GHashTable *avatars;           /* login → GBytes (PNG) */
  char *oauth_lose_path;         /* /sim/oauth/lose: the answers of the next calls to this */
  guint oauth_lose_count;        /* OAuth path are lost (the connection closes) */

  /* EventSub */
  GHashTable *sessions;          /* id → LurkSimSession */
  GHashTable *reconnects;        /* reconnect id → LurkSimSession (unowned) */
  GHashTable *subscriptions;     /* id → LurkSimSubscription */
  GPtrArray *subscription_order; /* LurkSimSubscription (unowned), creation order */
  GPtrArray *sent_ids;           /* char*, notification message ids in order */
  GQueue *recent;                /* LurkSimRecent, newest last */
  GPtrArray *floods;             /* LurkSimFlood */
  char *timestamp_override;      /* message_timestamp for the notifications of one trigger */
  guint64 connections_total;
  guint64 notifications_sent;
  guint64 messages_sent;

  /* Helix */
  GHashTable *buckets;           /* "client:user" → LurkSimBucket */
  GHashTable *failures;          /* path → LurkSimFailure */

  /* Embeds and scenario */
  GPtrArray *chat_streams;       /* SSE listeners (lurk-sim-embed.c) */
  GHashTable *chat_backlog;      /* channel id → GQueue of recent chat lines (JSON) */
  GSource *scenario_source;
  guint scenario_step;
  guint scenario_ticks;          /* quarter seconds since the loop began */
  guint scenario_next_chat;      /* tick of the next ambient chat line */
  char *scenario_target;         /* login of the chatter about to be timed out */
  GRand *rand;
};

/* lurk-sim.c */
guint         _lurk_sim_scaled_ms               (LurkSim           *self,
                                                 double             seconds);
char         *_lurk_sim_now_rfc3339             (void);
/* The message clock: now, shifted by /sim/clock's timestamp_offset_seconds */
char         *_lurk_sim_message_now_rfc3339     (LurkSim *self);
GSource      *_lurk_sim_timeout                 (LurkSim           *self,
                                                 guint              ms,
                                                 GSourceFunc        func,
                                                 gpointer           data);
void          _lurk_sim_source_clear            (GSource          **source);
char         *_lurk_sim_rfc3339                 (gint64            real_us);
char         *_lurk_sim_uuid                    (LurkSim           *self);
void          _lurk_sim_reply_json              (SoupServerMessage *msg,
                                                 guint              status,
                                                 JsonNode          *node);
void          _lurk_sim_reply_object            (SoupServerMessage *msg,
                                                 guint              status,
                                                 JsonObject        *object);
void          _lurk_sim_reply_error             (SoupServerMessage *msg,
                                                 guint              status,
                                                 const char        *message);
void          _lurk_sim_reply_text              (SoupServerMessage *msg,
                                                 guint              status,
                                                 const char        *content_type,
                                                 const char        *text);
JsonObject   *_lurk_sim_parse_body              (SoupServerMessage *msg,
                                                 GError           **error);
GHashTable   *_lurk_sim_parse_query_multi       (SoupServerMessage *msg);
/* The pure parts of the two above (bytes in, result out), which tests/fuzz feeds directly. */
JsonObject   *_lurk_sim_parse_json_object       (const char        *data,
                                                 gsize              len,
                                                 GError           **error);
GHashTable   *_lurk_sim_parse_query_string      (const char        *query);

/* lurk-sim-world.c */
void          _lurk_sim_world_init              (LurkSim           *self);
void          _lurk_sim_world_reset             (LurkSim           *self);
LurkSimUser  *_lurk_sim_user_by_id              (LurkSim           *self,
                                                 const char        *id);
LurkSimUser  *_lurk_sim_user_by_login           (LurkSim           *self,
                                                 const char        *login);
LurkSimUser  *_lurk_sim_default_broadcaster     (LurkSim           *self);
LurkSimUser  *_lurk_sim_random_chatter          (LurkSim           *self);
char         *_lurk_sim_avatar_url              (LurkSim           *self,
                                                 const char        *login);
JsonObject   *_lurk_sim_user_to_json            (LurkSim           *self,
                                                 LurkSimUser       *user);
JsonObject   *_lurk_sim_stream_to_json          (LurkSim           *self,
                                                 LurkSimUser       *user);
void          _lurk_sim_handle_avatar           (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);

/* lurk-sim-oauth.c */
void          _lurk_sim_oauth_init              (LurkSim           *self);
LurkSimToken *_lurk_sim_token_issue             (LurkSim           *self,
                                                 const char        *client_id,
                                                 const char        *user_id,
                                                 const char *const *scopes,
                                                 const char        *access_token,
                                                 gboolean           with_refresh,
                                                 char             **refresh_token);
LurkSimToken *_lurk_sim_token_lookup            (LurkSim           *self,
                                                 const char        *access_token);
gboolean      _lurk_sim_token_has_scope         (LurkSimToken      *token,
                                                 const char        *scope);
JsonObject   *_lurk_sim_token_to_json           (LurkSim           *self,
                                                 LurkSimToken      *token);
void          _lurk_sim_handle_oauth            (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);
GHashTable   *_lurk_sim_read_params             (SoupServerMessage *msg);
/* The pure parts of the OAuth handlers (bytes in, result out; tests/fuzz feeds them). */
GHashTable   *_lurk_sim_oauth_parse_params      (const char        *query,
                                                 const char        *method,
                                                 const char        *content_type,
                                                 const char        *body,
                                                 gsize              length);
char        **_lurk_sim_oauth_parse_scopes      (const char        *text,
                                                 char             **bad);
const char   *_lurk_sim_oauth_parse_authorization (const char      *authorization);

/* lurk-sim-pages.c */
void          _lurk_sim_consent_page            (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 GHashTable        *params,
                                                 char             **scopes);
void          _lurk_sim_handle_activate         (LurkSim           *self,
                                                 SoupServerMessage *msg);
gboolean      _lurk_sim_device_decide           (LurkSim           *self,
                                                 const char        *user_code,
                                                 const char        *login,
                                                 gboolean           approve,
                                                 GError           **error);

/* lurk-sim-helix.c: a Helix request parsed and checked without the world or a message
 * (tests/fuzz feeds it); FALSE with G_IO_ERROR NOT_FOUND (404), NOT_SUPPORTED (405) or
 * another (400). */
typedef enum
{
  LURK_SIM_HELIX_USERS,
  LURK_SIM_HELIX_STREAMS,
  LURK_SIM_HELIX_CHANNELS,
  LURK_SIM_HELIX_SUBSCRIPTIONS_CREATE,
  LURK_SIM_HELIX_SUBSCRIPTIONS_LIST,
  LURK_SIM_HELIX_SUBSCRIPTIONS_DELETE,
} LurkSimHelixAction;

typedef struct
{
  LurkSimHelixAction action;
  GHashTable        *query;  /* users, streams, channels: key → GPtrArray of values */
  GPtrArray         *ids;    /* id, user_id or broadcaster_id (borrowed from query) */
  GPtrArray         *logins; /* login or user_login */
} LurkSimHelixRequest;

gboolean      _lurk_sim_helix_parse_request     (const char          *method,
                                                 const char          *path,
                                                 const char          *query,
                                                 LurkSimHelixRequest *request,
                                                 GError             **error);
void          _lurk_sim_helix_request_clear     (LurkSimHelixRequest *request);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LurkSimHelixRequest, _lurk_sim_helix_request_clear)

/* lurk-sim-helix.c */
void          _lurk_sim_handle_helix            (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);

/* lurk-sim-subscriptions.c */
void          _lurk_sim_subscriptions_create    (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 LurkSimToken      *token);
void          _lurk_sim_subscriptions_list      (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 LurkSimToken      *token);
void          _lurk_sim_subscriptions_delete    (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 LurkSimToken      *token);
void          _lurk_sim_subscription_free       (gpointer           data);
void          _lurk_sim_subscription_set_status (LurkSimSubscription *sub,
                                                 const char        *status);
const char   *_lurk_sim_subscription_json       (LurkSimSubscription *sub);
/* With full: the transport's connected_at/disconnected_at, as Helix lists it. */
JsonObject   *_lurk_sim_subscription_to_json    (LurkSimSubscription *sub,
                                                 gboolean           full);
gboolean      _lurk_sim_type_is_known           (const char        *type);
const char   *_lurk_sim_type_default_version    (const char        *type);

/* lurk-sim-ws.c */
void          _lurk_sim_handle_ws               (LurkSim           *self,
                                                 SoupServerMessage *msg);
void          _lurk_sim_session_free            (gpointer           data);
void          _lurk_sim_session_send            (LurkSimSession    *session,
                                                 const char        *text,
                                                 gsize              length,
                                                 gboolean           is_notification);
void          _lurk_sim_session_close           (LurkSimSession    *session,
                                                 gushort            code,
                                                 const char        *reason);
void          _lurk_sim_session_drop            (LurkSimSession    *session);
void          _lurk_sim_session_reconnect       (LurkSimSession    *session);
void          _lurk_sim_session_set_keepalive   (LurkSimSession    *session,
                                                 gboolean           enabled);
void          _lurk_sim_session_subscribed      (LurkSimSession    *session);
void          _lurk_sim_session_revoke          (LurkSimSession    *session,
                                                 LurkSimSubscription *sub,
                                                 const char        *status);
LurkSimSession *_lurk_sim_session_lookup        (LurkSim           *self,
                                                 const char        *session_id);
gsize         _lurk_sim_session_pending         (LurkSimSession    *session);
GString      *_lurk_sim_notification_begin      (LurkSim           *self,
                                                 LurkSimSubscription *sub,
                                                 char             **message_id);
void          _lurk_sim_deliver                 (LurkSim           *self,
                                                 LurkSimSubscription *sub,
                                                 const char        *event_json,
                                                 char             **message_id);
JsonObject   *_lurk_sim_session_to_json         (LurkSimSession    *session);

/* lurk-sim-payloads.c */
JsonObject   *_lurk_sim_generate_event          (LurkSim           *self,
                                                 const char        *type,
                                                 const char        *notice_type,
                                                 LurkSimUser       *broadcaster,
                                                 GError           **error);
gboolean      _lurk_sim_subscription_matches    (LurkSimSubscription *sub,
                                                 const char        *type,
                                                 LurkSimUser       *broadcaster,
                                                 JsonObject        *event);

/* lurk-sim-control.c */
void          _lurk_sim_handle_control          (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);
guint         _lurk_sim_trigger                 (LurkSim           *self,
                                                 const char        *type,
                                                 JsonObject        *event,
                                                 LurkSimUser       *broadcaster,
                                                 const char        *session_id,
                                                 GPtrArray         *message_ids);
void          _lurk_sim_floods_stop             (LurkSim           *self);
guint         _lurk_sim_floods_running          (LurkSim           *self);

/* lurk-sim-embed.c */
void          _lurk_sim_handle_embed            (LurkSim           *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);
void          _lurk_sim_embed_chat_event        (LurkSim           *self,
                                                 const char        *type,
                                                 JsonObject        *event);
void          _lurk_sim_embed_stop              (LurkSim           *self);

/* lurk-sim-scenario.c */
void          _lurk_sim_scenario_start          (LurkSim           *self);
void          _lurk_sim_scenario_stop           (LurkSim           *self);

G_END_DECLS
