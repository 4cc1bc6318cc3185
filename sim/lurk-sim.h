/* lurk-sim.h: a faithful local Twitch (OAuth, Helix, EventSub WebSocket, embeds, control API)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The seeded world every simulator starts with (see docs/simulator.md). */
/* A public client, like the default build's (`make demo` signs in with a device code). */
#define LURK_SIM_CLIENT_ID          "lurk-sim-client"
#define LURK_SIM_REDIRECT_URI       "http://localhost:17563/auth"
/* A confidential client (implicit grant through LURK_SIM_REDIRECT_URI; refresh needs the
 * secret). */
#define LURK_SIM_CONFIDENTIAL_CLIENT_ID     "lurk-sim-confidential"
#define LURK_SIM_CONFIDENTIAL_CLIENT_SECRET "lurk-sim-confidential-secret"
#define LURK_SIM_DEMO_LOGIN         "lurkdemo"
#define LURK_SIM_DEMO_USER_ID       "90000001"
#define LURK_SIM_DEMO_TOKEN         "lurkdemo0simtoken00000000000000"
#define LURK_SIM_BROADCASTER_LOGIN  "lurkstream"
#define LURK_SIM_BROADCASTER_ID     "90000100"
#define LURK_SIM_BROADCASTER_TOKEN  "lurkstream0simtoken000000000000"

#define LURK_TYPE_SIM (lurk_sim_get_type ())

G_DECLARE_FINAL_TYPE (LurkSim, lurk_sim, LURK, SIM, GObject)

LurkSim    *lurk_sim_new                      (void);

/* Configuration: call before starting. */
void        lurk_sim_set_scenario             (LurkSim    *self,
                                               const char *scenario);
void        lurk_sim_set_keepalive            (LurkSim    *self,
                                               guint       seconds);
void        lurk_sim_set_reconnect_grace      (LurkSim    *self,
                                               guint       seconds);
void        lurk_sim_set_require_subscription (LurkSim    *self,
                                               gboolean    require_subscription);
void        lurk_sim_set_subscribe_window     (LurkSim    *self,
                                               guint       seconds);
void        lurk_sim_set_ping_interval        (LurkSim    *self,
                                               guint       seconds);
void        lurk_sim_set_time_scale           (LurkSim    *self,
                                               double      scale);
void        lurk_sim_set_rate_limit           (LurkSim    *self,
                                               guint       points_per_minute);
/* Makes generated names, messages and amounts repeat from run to run (screenshots). */
void        lurk_sim_set_seed                 (LurkSim    *self,
                                               guint32     seed);
/* Registers a public client, or one more redirect URI for a client of either type;
 * lurk-sim-client (public) and lurk-sim-confidential exist. */
void        lurk_sim_add_client               (LurkSim    *self,
                                               const char *client_id,
                                               const char *redirect_uri);
/* Registers a confidential client with its secret (or one more redirect URI for it). */
void        lurk_sim_add_confidential_client  (LurkSim    *self,
                                               const char *client_id,
                                               const char *client_secret,
                                               const char *redirect_uri);

/* Serves in the thread-default main context of the caller. */
gboolean    lurk_sim_start                    (LurkSim     *self,
                                               const char  *host,
                                               guint        port,
                                               GError     **error);
/* Serves from a thread of its own (own GMainContext); returns once listening. */
gboolean    lurk_sim_start_in_thread          (LurkSim     *self,
                                               const char  *host,
                                               guint        port,
                                               GError     **error);
const char *lurk_sim_get_url                  (LurkSim    *self);
guint       lurk_sim_get_port                 (LurkSim    *self);
void        lurk_sim_stop                     (LurkSim    *self);

G_END_DECLS
