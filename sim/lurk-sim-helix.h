/* lurk-sim-helix.h: the simulator's Helix area (api.twitch.tv/helix: users, channels,
 * streams, and the EventSub subscription calls it hands to the EventSub area)
 *
 * It authenticates with the OAuth area's tokens, keeps a rate-limit bucket per client and user
 * and the failures /sim/helix/fail injects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-eventsub.h"

G_BEGIN_DECLS

typedef struct _LurkSimHelix LurkSimHelix;

LurkSimHelix *_lurk_sim_helix_new               (LurkSimWorld      *world,
                                                 LurkSimOAuth      *oauth,
                                                 LurkSimEventSub   *eventsub);
void          _lurk_sim_helix_free              (LurkSimHelix      *self);
/* Forgets the buckets and the injected failures. */
void          _lurk_sim_helix_reset             (LurkSimHelix      *self);
/* The bucket size per client and user (points a minute); empties the buckets. */
void          _lurk_sim_helix_set_rate_limit    (LurkSimHelix      *self,
                                                 guint              points_per_minute);
guint         _lurk_sim_helix_get_rate_limit    (LurkSimHelix      *self);
/* The next `count` requests to path (e.g. /users) fail with status. */
void          _lurk_sim_helix_fail              (LurkSimHelix      *self,
                                                 const char        *path,
                                                 guint              status,
                                                 guint              count);
void          _lurk_sim_handle_helix            (LurkSimHelix      *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);

/* A Helix request parsed and checked without the world or a message
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

G_END_DECLS
