/* lurk-sim-control-private.h: the control area's state and helpers, shared by its files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-control.h"

G_BEGIN_DECLS

typedef struct _LurkSimFlood LurkSimFlood;

struct _LurkSimControl
{
  LurkSimWorld *world;
  LurkSimOAuth *oauth;
  LurkSimHelix *helix;
  LurkSimEventSub *eventsub;
  LurkSimEmbed *embed;
  GPtrArray *floods;             /* LurkSimFlood */

  /* The demo scenario (lurk-sim-scenario.c) */
  char *scenario;                /* "demo" or "none" */
  GSource *scenario_source;
  guint scenario_step;
  guint scenario_ticks;          /* quarter seconds since the loop began */
  guint scenario_next_chat;      /* tick of the next ambient chat line */
  char *scenario_target;         /* login of the chatter about to be timed out */
  char *scenario_partner;        /* login of the shared chat partner while one is on */
};

/* A /sim control request, parsed and checked without the world or a SoupServerMessage (so
 * tests/fuzz feeds it directly); _lurk_sim_handle_control() acts on it. */
typedef enum
{
  LURK_SIM_CTL_SENT,
  LURK_SIM_CTL_SUBSCRIPTIONS,
  LURK_SIM_CTL_SESSIONS,
  LURK_SIM_CTL_STATS,
  LURK_SIM_CTL_TOKENS_LIST,
  LURK_SIM_CTL_CONFIG_GET,
  LURK_SIM_CTL_TRIGGER,
  LURK_SIM_CTL_FLOOD,
  LURK_SIM_CTL_RECONNECT,
  LURK_SIM_CTL_DROP,
  LURK_SIM_CTL_CLOSE,
  LURK_SIM_CTL_KEEPALIVE,
  LURK_SIM_CTL_DUPLICATE,
  LURK_SIM_CTL_REVOKE,
  LURK_SIM_CTL_STREAM,
  LURK_SIM_CTL_CHANNEL,
  LURK_SIM_CTL_DEVICE_APPROVE,
  LURK_SIM_CTL_DEVICE_DENY,
  LURK_SIM_CTL_TOKENS_MINT,
  LURK_SIM_CTL_TOKENS_EXPIRE,
  LURK_SIM_CTL_TOKENS_REVOKE,
  LURK_SIM_CTL_HELIX_FAIL,
  LURK_SIM_CTL_RESET,
  LURK_SIM_CTL_CONFIG,
  LURK_SIM_CTL_CLOCK,
  LURK_SIM_CTL_CLIENTS,
  LURK_SIM_CTL_OAUTH_LOSE,
  LURK_SIM_CTL_PLAYER_GET,
  LURK_SIM_CTL_PLAYER,
} LurkSimControlAction;

typedef struct
{
  LurkSimControlAction action;
  JsonObject *body;            /* owned; empty for GET */
  /* Members of body the action uses, checked (strings borrowed from body). */
  const char *type;            /* trigger: required */
  const char *notice_type;
  const char *session;         /* trigger and the session actions: NULL for all */
  const char *raid_to;
  const char *message_timestamp;
  JsonObject *overrides;       /* trigger: the `event` member */
  gint64      count;           /* trigger: 1..100000; duplicate: >= 1; default 1 */
  gboolean    has_age;
  gint64      age_seconds;
  gint64      code;            /* close: 1000 or 3000..4999 */
  gboolean    enabled;         /* keepalive */
  gboolean    live;            /* stream */
  const char *status;          /* revoke: one of Twitch's revocation statuses */
  const char *subscription_id; /* revoke: this or type is required */
} LurkSimControlRequest;

/* FALSE with a G_IO_ERROR: NOT_FOUND (404), NOT_SUPPORTED (405) or another (400). */
gboolean     _lurk_sim_control_parse_request (const char            *method,
                                              const char            *path,
                                              const char            *body,
                                              gsize                  length,
                                              LurkSimControlRequest *request,
                                              GError               **error);
void         _lurk_sim_control_request_clear (LurkSimControlRequest *request);
guint        _lurk_sim_control_error_status  (const GError          *error);

/* Body members; a member of the wrong JSON type counts as missing. */
const char  *_lurk_sim_ctl_get_string        (JsonObject          *object,
                                              const char          *key);
gboolean     _lurk_sim_ctl_get_int           (JsonObject          *object,
                                              const char          *key,
                                              gint64              *value);
gboolean     _lurk_sim_ctl_get_double        (JsonObject          *object,
                                              const char          *key,
                                              double              *value);
gboolean     _lurk_sim_ctl_get_bool          (JsonObject          *object,
                                              const char          *key,
                                              gboolean            *value);
JsonObject  *_lurk_sim_ctl_get_object        (JsonObject          *object,
                                              const char          *key);
void         _lurk_sim_ctl_reply_ok          (SoupServerMessage   *msg,
                                              JsonObject          *object);
/* The `broadcaster` login of a body (default: lurkstream); NULL after replying 400. */
LurkSimUser *_lurk_sim_ctl_body_broadcaster  (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_ctl_merge_over        (JsonObject          *target,
                                              JsonObject          *overrides);
/* Changes the world as the event says (so Helix agrees), shows it on the chat embeds and
 * delivers it; returns how many notifications were sent (see
 * _lurk_sim_eventsub_deliver_event()). */
guint        _lurk_sim_trigger               (LurkSimControl      *self,
                                              const char          *type,
                                              JsonObject          *event,
                                              LurkSimUser         *broadcaster,
                                              const char          *session_id,
                                              const char          *message_timestamp,
                                              GPtrArray           *message_ids);

/* lurk-sim-flood.c */
void         _lurk_sim_control_flood         (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_floods_stop           (LurkSimControl      *self);
guint        _lurk_sim_floods_running        (LurkSimControl      *self);

/* lurk-sim-scenario.c */
void         _lurk_sim_scenario_start        (LurkSimControl      *self);
void         _lurk_sim_scenario_stop         (LurkSimControl      *self);

/* lurk-sim-control-admin.c */
void         _lurk_sim_control_tokens_list   (LurkSimControl      *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_tokens_mint   (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_tokens_change (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body,
                                              gboolean             revoke);
void         _lurk_sim_control_helix_fail    (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_sent          (LurkSimControl      *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_subscriptions (LurkSimControl      *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_sessions      (LurkSimControl      *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_stats         (LurkSimControl      *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_reset         (LurkSimControl      *self,
                                              SoupServerMessage   *msg);
void         _lurk_sim_control_config        (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_clock         (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_clients       (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_oauth_lose    (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);
void         _lurk_sim_control_player        (LurkSimControl      *self,
                                              SoupServerMessage   *msg,
                                              JsonObject          *body);

G_END_DECLS
