/* lurk-sim.c: the simulator object, its HTTP server and request routing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>
#include <time.h>

#include "lurk-sim-control.h"

/* The simulator owns one of each area and routes requests to them; the areas hold pointers to
 * the ones they use (see their headers). */
struct _LurkSim
{
  GObject parent_instance;

  LurkSimWorld *world;
  LurkSimOAuth *oauth;
  LurkSimEventSub *eventsub;
  LurkSimHelix *helix;
  LurkSimEmbed *embed;
  LurkSimControl *control;

  /* Runtime */
  SoupServer *server;
  char *host;
  guint port;
  GThread *thread;
  GMainLoop *loop;
  GMutex start_mutex;
  GCond start_cond;
  gboolean start_done;
  GError *start_error;
};

G_DEFINE_FINAL_TYPE (LurkSim, lurk_sim, G_TYPE_OBJECT)

static void teardown (LurkSim *self);

static void
lurk_sim_finalize (GObject *object)
{
  LurkSim *self = (LurkSim *)object;

  lurk_sim_stop (self);

  g_clear_pointer (&self->control, _lurk_sim_control_free);
  g_clear_pointer (&self->embed, _lurk_sim_embed_free);
  g_clear_pointer (&self->helix, _lurk_sim_helix_free);
  g_clear_pointer (&self->eventsub, _lurk_sim_eventsub_free);
  g_clear_pointer (&self->oauth, _lurk_sim_oauth_free);
  g_clear_pointer (&self->world, _lurk_sim_world_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_error (&self->start_error);
  g_mutex_clear (&self->start_mutex);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (lurk_sim_parent_class)->finalize (object);
}

static void
lurk_sim_class_init (LurkSimClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_sim_finalize;
}

/* A spent refresh token sent again revokes the authorization's subscriptions too. */
static void
authorization_revoked_cb (const char *client_id,
                          const char *user_id,
                          gpointer    data)
{
  LurkSim *self = data;

  _lurk_sim_eventsub_revoke_authorization (self->eventsub, client_id, user_id);
}

static void
lurk_sim_init (LurkSim *self)
{
  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);

  self->world = _lurk_sim_world_new ();
  self->oauth = _lurk_sim_oauth_new (self->world);
  self->eventsub = _lurk_sim_eventsub_new (self->world);
  _lurk_sim_oauth_set_revoked_func (self->oauth, authorization_revoked_cb, self);
  self->helix = _lurk_sim_helix_new (self->world, self->oauth, self->eventsub);
  self->embed = _lurk_sim_embed_new (self->world);
  self->control = _lurk_sim_control_new (self->world, self->oauth, self->helix, self->eventsub,
                                         self->embed);
}

/**
 * lurk_sim_new:
 *
 * Creates a simulator with the seeded world (channels, the demo viewer, pre-issued tokens).
 * Configure it with the setters, then start it.
 *
 * Returns: (transfer full): a new #LurkSim
 */
LurkSim *
lurk_sim_new (void)
{
  return g_object_new (LURK_TYPE_SIM, NULL);
}

/**
 * lurk_sim_set_scenario:
 * @self: a #LurkSim
 * @scenario: (nullable): "demo" or "none" (default)
 *
 * Chooses what the simulator plays by itself once started.
 */
void
lurk_sim_set_scenario (LurkSim    *self,
                       const char *scenario)
{
  g_return_if_fail (LURK_IS_SIM (self));

  _lurk_sim_control_set_scenario (self->control, scenario);
}

/**
 * lurk_sim_set_keepalive:
 * @self: a #LurkSim
 * @seconds: keepalive_timeout_seconds for clients that do not ask (clamped to 10..600)
 */
void
lurk_sim_set_keepalive (LurkSim *self,
                        guint    seconds)
{
  g_return_if_fail (LURK_IS_SIM (self));

  _lurk_sim_eventsub_get_config (self->eventsub)->keepalive_default = CLAMP (seconds, 10, 600);
}

/**
 * lurk_sim_set_reconnect_grace:
 * @self: a #LurkSim
 * @seconds: how long a session_reconnect waits for the new connection before 4004 (30)
 */
void
lurk_sim_set_reconnect_grace (LurkSim *self,
                              guint    seconds)
{
  g_return_if_fail (LURK_IS_SIM (self));

  _lurk_sim_eventsub_get_config (self->eventsub)->grace_seconds = MAX (seconds, 1);
}

/**
 * lurk_sim_set_require_subscription:
 * @self: a #LurkSim
 * @require_subscription: whether connections without a subscription are closed with 4003
 *   after the subscribe window (off by default)
 */
void
lurk_sim_set_require_subscription (LurkSim  *self,
                                   gboolean  require_subscription)
{
  g_return_if_fail (LURK_IS_SIM (self));

  _lurk_sim_eventsub_get_config (self->eventsub)->require_subscription = !!require_subscription;
}

/**
 * lurk_sim_set_subscribe_window:
 * @self: a #LurkSim
 * @seconds: the subscribe-within window (10)
 */
void
lurk_sim_set_subscribe_window (LurkSim *self,
                               guint    seconds)
{
  g_return_if_fail (LURK_IS_SIM (self));

  _lurk_sim_eventsub_get_config (self->eventsub)->subscribe_window = MAX (seconds, 1);
}

/**
 * lurk_sim_set_ping_interval:
 * @self: a #LurkSim
 * @seconds: seconds between server Pings (30); 0 sends none. A Pong must come within 10 s.
 */
void
lurk_sim_set_ping_interval (LurkSim *self,
                            guint    seconds)
{
  g_return_if_fail (LURK_IS_SIM (self));

  _lurk_sim_eventsub_get_config (self->eventsub)->ping_interval = seconds;
}

/* Every server-side timer (keepalive, subscribe window, ping, reconnect grace) runs
 * `scale` times its nominal length; what the messages announce stays nominal. For tests. */
void
lurk_sim_set_time_scale (LurkSim *self,
                         double   scale)
{
  g_return_if_fail (LURK_IS_SIM (self));
  g_return_if_fail (scale > 0);

  self->world->time_scale = scale;
}

/**
 * lurk_sim_set_rate_limit:
 * @self: a #LurkSim
 * @points_per_minute: the Helix bucket size per client and user (800)
 */
void
lurk_sim_set_rate_limit (LurkSim *self,
                         guint    points_per_minute)
{
  g_return_if_fail (LURK_IS_SIM (self));

  _lurk_sim_helix_set_rate_limit (self->helix, points_per_minute);
}

/**
 * lurk_sim_set_seed:
 * @self: a #LurkSim
 * @seed: a seed for the payload generators
 *
 * Makes the generated events (names, messages, amounts, the demo scenario's choices) the same
 * from run to run; message ids and timestamps stay real.
 */
void
lurk_sim_set_seed (LurkSim *self,
                   guint32  seed)
{
  g_return_if_fail (LURK_IS_SIM (self));

  g_rand_set_seed (self->world->rand, seed);
}

/**
 * lurk_sim_add_client:
 * @self: a #LurkSim
 * @client_id: a client id
 * @redirect_uri: (nullable): one more redirect URI for it
 *
 * Registers a public client, or one more redirect URI for a client of either type;
 * lurk-sim-client (public) and lurk-sim-confidential exist.
 */
void
lurk_sim_add_client (LurkSim    *self,
                     const char *client_id,
                     const char *redirect_uri)
{
  g_return_if_fail (LURK_IS_SIM (self));
  g_return_if_fail (client_id != NULL);

  _lurk_sim_oauth_add_client (self->oauth, client_id, redirect_uri);
}

/**
 * lurk_sim_add_confidential_client:
 * @self: a #LurkSim
 * @client_id: a client id
 * @client_secret: its secret, which every refresh needs
 * @redirect_uri: (nullable): one more redirect URI for it
 *
 * Registers a confidential client with its secret (or one more redirect URI for it).
 */
void
lurk_sim_add_confidential_client (LurkSim    *self,
                                  const char *client_id,
                                  const char *client_secret,
                                  const char *redirect_uri)
{
  g_return_if_fail (LURK_IS_SIM (self));
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (client_secret != NULL && client_secret[0] != '\0');

  _lurk_sim_oauth_add_confidential_client (self->oauth, client_id, client_secret, redirect_uri);
}

/**
 * lurk_sim_get_url:
 * @self: a #LurkSim
 *
 * Returns: (nullable): the base URL once started, e.g. "http://127.0.0.1:41234"
 */
const char *
lurk_sim_get_url (LurkSim *self)
{
  g_return_val_if_fail (LURK_IS_SIM (self), NULL);

  return self->world->url;
}

/**
 * lurk_sim_get_port:
 * @self: a #LurkSim
 *
 * Returns: the port listened on, or 0 before starting
 */
guint
lurk_sim_get_port (LurkSim *self)
{
  g_return_val_if_fail (LURK_IS_SIM (self), 0);

  return self->port;
}

static void
server_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  LurkSim *self = user_data;

  if (g_str_equal (path, "/ws"))
    _lurk_sim_handle_ws (self->eventsub, msg);
  else if (g_str_has_prefix (path, "/helix/"))
    _lurk_sim_handle_helix (self->helix, msg, path + strlen ("/helix"));
  else if (g_str_has_prefix (path, "/mock/"))
    _lurk_sim_handle_helix (self->helix, msg, path + strlen ("/mock"));
  else if (g_str_equal (path, "/eventsub/subscriptions"))
    _lurk_sim_handle_helix (self->helix, msg, path);
  else if (g_str_has_prefix (path, "/oauth2/"))
    _lurk_sim_handle_oauth (self->oauth, msg, path + strlen ("/oauth2"));
  else if (g_str_has_prefix (path, "/auth/"))
    _lurk_sim_handle_oauth (self->oauth, msg, path + strlen ("/auth"));
  else if (g_str_equal (path, "/activate"))
    _lurk_sim_handle_activate (self->oauth, self->world, msg);
  else if (g_str_has_prefix (path, "/sim/avatar/"))
    _lurk_sim_handle_avatar (self->world, msg, path + strlen ("/sim/avatar/"));
  else if (g_str_has_prefix (path, "/sim/"))
    _lurk_sim_handle_control (self->control, msg, path + strlen ("/sim"));
  else if (g_str_has_prefix (path, "/embed/") || g_str_has_prefix (path, "/popout/"))
    _lurk_sim_handle_embed (self->embed, msg, path);
  else if (g_str_equal (path, "/"))
    _lurk_sim_reply_text (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8",
                          "lurk-sim: a local Twitch. See docs/simulator.md.\n");
  else
    _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
}

static gboolean
start_in_current_context (LurkSim     *self,
                          const char  *host,
                          guint        port,
                          GError     **error)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  g_autoslist(GUri) uris = NULL;

  if (host == NULL || g_str_equal (host, "localhost"))
    host = "127.0.0.1";

  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Not an IP address: %s", host);
      return FALSE;
    }

  self->world->context = g_main_context_ref_thread_default ();
  self->server = soup_server_new ("server-header", "lurk-sim ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);

  socket_address = g_inet_socket_address_new (address, port);
  if (!soup_server_listen (self->server, socket_address, 0, error))
    {
      g_clear_object (&self->server);
      g_clear_pointer (&self->world->context, g_main_context_unref);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->port = g_uri_get_port (uris->data);
  g_free (self->host);
  self->host = g_strdup (host);
  g_free (self->world->url);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    self->world->url = g_strdup_printf ("http://[%s]:%u", host, self->port);
  else
    self->world->url = g_strdup_printf ("http://%s:%u", host, self->port);

  _lurk_sim_control_start (self->control);

  return TRUE;
}

/**
 * lurk_sim_start:
 * @self: a #LurkSim
 * @host: (nullable): address to bind (default 127.0.0.1)
 * @port: port, or 0 for any free one
 * @error: return location for a #GError (G_IO_ERROR)
 *
 * Starts serving in the thread-default #GMainContext of the caller.
 *
 * Returns: %TRUE once listening
 */
gboolean
lurk_sim_start (LurkSim     *self,
                const char  *host,
                guint        port,
                GError     **error)
{
  g_return_val_if_fail (LURK_IS_SIM (self), FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  return start_in_current_context (self, host, port, error);
}

typedef struct
{
  LurkSim *self;
  char *host;
  guint port;
} ThreadStart;

static gpointer
sim_thread (gpointer data)
{
  ThreadStart *start = data;
  LurkSim *self = start->self;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_main_context_push_thread_default (context);
  ok = start_in_current_context (self, start->host, start->port, &error);

  g_mutex_lock (&self->start_mutex);
  if (ok)
    self->loop = g_main_loop_new (context, FALSE);
  else
    self->start_error = g_steal_pointer (&error);
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_mutex);

  if (ok)
    {
      g_main_loop_run (self->loop);
      teardown (self);
      /* Let the sockets' cancelled operations finish so nothing lingers. */
      while (g_main_context_iteration (context, FALSE))
        ;
    }

  g_main_context_pop_thread_default (context);
  g_free (start->host);
  g_free (start);

  return NULL;
}

/**
 * lurk_sim_start_in_thread:
 * @self: a #LurkSim
 * @host: (nullable): address to bind (default 127.0.0.1)
 * @port: port, or 0 for any free one
 * @error: return location for a #GError (G_IO_ERROR)
 *
 * Starts serving from a thread of its own with its own #GMainContext, so floods never
 * stall the caller; returns once listening. Use the control API (HTTP) to drive it.
 *
 * Returns: %TRUE once listening
 */
gboolean
lurk_sim_start_in_thread (LurkSim     *self,
                          const char  *host,
                          guint        port,
                          GError     **error)
{
  ThreadStart *start;
  GThread *thread;

  g_return_val_if_fail (LURK_IS_SIM (self), FALSE);
  g_return_val_if_fail (self->server == NULL && self->thread == NULL, FALSE);

  start = g_new0 (ThreadStart, 1);
  start->self = self;
  start->host = g_strdup (host);
  start->port = port;

  self->start_done = FALSE;
  thread = g_thread_new ("lurk-sim", sim_thread, start);

  g_mutex_lock (&self->start_mutex);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_mutex);
  g_mutex_unlock (&self->start_mutex);

  if (self->start_error != NULL)
    {
      g_thread_join (thread);
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      return FALSE;
    }

  self->thread = thread;
  return TRUE;
}

static void
teardown (LurkSim *self)
{
  if (self->server == NULL)
    return;

  _lurk_sim_control_stop (self->control);
  _lurk_sim_embed_stop (self->embed);
  _lurk_sim_eventsub_stop (self->eventsub, FALSE);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->world->context, g_main_context_unref);
}

static gboolean
quit_loop_cb (gpointer data)
{
  LurkSim *self = data;

  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

/**
 * lurk_sim_stop:
 * @self: a #LurkSim
 *
 * Drops every connection and stops listening (and joins the thread of
 * lurk_sim_start_in_thread()). Safe to call more than once.
 */
void
lurk_sim_stop (LurkSim *self)
{
  g_return_if_fail (LURK_IS_SIM (self));

  if (self->thread != NULL)
    {
      GMainContext *context = g_main_loop_get_context (self->loop);

      g_main_context_invoke (context, quit_loop_cb, self);
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->loop, g_main_loop_unref);
      return;
    }

  teardown (self);
}
