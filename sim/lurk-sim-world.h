/* lurk-sim-world.h: the world every area of the simulator lives in
 *
 * The seeded channels and users (and their avatars), the clock (the main context the timers
 * run in, the time scale, the OAuth clock's offset), the random generator and the base URL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim.h"
#include "lurk-sim-http.h"

G_BEGIN_DECLS

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

typedef struct
{
  GPtrArray *users;              /* LurkSimUser, seeded order */
  GHashTable *users_by_id;
  GHashTable *users_by_login;
  GHashTable *avatars;           /* login → GBytes (PNG) */
  GRand *rand;
  /* Set by lurk-sim.c while serving. */
  GMainContext *context;
  char *url;                     /* base URL, e.g. http://127.0.0.1:41234 */
  double time_scale;             /* every server-side timer runs this times its length */
  gint64 clock_offset;           /* µs added to the real clock for OAuth expiry (/sim/clock) */
  gint64 message_clock_offset;   /* s added to every message_timestamp (/sim/clock) */
} LurkSimWorld;

LurkSimWorld *_lurk_sim_world_new               (void);
void          _lurk_sim_world_free              (LurkSimWorld      *world);
/* Reseeds the users and sets both clocks back. */
void          _lurk_sim_world_reset             (LurkSimWorld      *world);

/* The clock: the real time as OAuth sees it, and timers in the simulator's own context. */
gint64        _lurk_sim_world_now               (LurkSimWorld      *world);
/* The message clock: now, shifted by /sim/clock's timestamp_offset_seconds */
char         *_lurk_sim_message_now_rfc3339     (LurkSimWorld      *world);
guint         _lurk_sim_scaled_ms               (LurkSimWorld      *world,
                                                 double             seconds);
GSource      *_lurk_sim_timeout                 (LurkSimWorld      *world,
                                                 guint              ms,
                                                 GSourceFunc        func,
                                                 gpointer           data);
/* A timeout of `seconds` times the time scale. */
GSource      *_lurk_sim_scaled_timeout          (LurkSimWorld      *world,
                                                 double             seconds,
                                                 GSourceFunc        func,
                                                 gpointer           data);

LurkSimUser  *_lurk_sim_user_by_id              (LurkSimWorld      *world,
                                                 const char        *id);
LurkSimUser  *_lurk_sim_user_by_login           (LurkSimWorld      *world,
                                                 const char        *login);
LurkSimUser  *_lurk_sim_default_broadcaster     (LurkSimWorld      *world);
LurkSimUser  *_lurk_sim_random_chatter          (LurkSimWorld      *world);
char         *_lurk_sim_avatar_url              (LurkSimWorld      *world,
                                                 const char        *login);
JsonObject   *_lurk_sim_user_to_json            (LurkSimWorld      *world,
                                                 LurkSimUser       *user);
JsonObject   *_lurk_sim_stream_to_json          (LurkSimWorld      *world,
                                                 LurkSimUser       *user);
void          _lurk_sim_handle_avatar           (LurkSimWorld      *world,
                                                 SoupServerMessage *msg,
                                                 const char        *path);

G_END_DECLS
