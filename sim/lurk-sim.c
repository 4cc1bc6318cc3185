/* lurk-sim.c: the simulator object, its HTTP server and request routing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>
#include <time.h>

#include "lurk-sim-private.h"

G_DEFINE_FINAL_TYPE (LurkSim, lurk_sim, G_TYPE_OBJECT)

static void teardown (LurkSim *self);

static void
lurk_sim_finalize (GObject *object)
{
  LurkSim *self = (LurkSim *)object;

  lurk_sim_stop (self);

  g_clear_pointer (&self->scenario, g_free);
  g_clear_pointer (&self->host, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->ws_url, g_free);
  g_clear_pointer (&self->subscription_order, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->reconnects, g_hash_table_unref);
  g_clear_pointer (&self->subscriptions, g_hash_table_unref);
  g_clear_pointer (&self->sent_ids, g_ptr_array_unref);
  if (self->recent != NULL)
    {
      LurkSimRecent *r;

      while ((r = g_queue_pop_head (self->recent)))
        {
          g_free (r->session_id);
          g_free (r->text);
          g_free (r);
        }
      g_queue_free (self->recent);
      self->recent = NULL;
    }
  g_clear_pointer (&self->floods, g_ptr_array_unref);
  g_clear_pointer (&self->buckets, g_hash_table_unref);
  g_clear_pointer (&self->failures, g_hash_table_unref);
  g_clear_pointer (&self->chat_streams, g_ptr_array_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->refresh_tokens, g_hash_table_unref);
  g_clear_pointer (&self->user_codes, g_hash_table_unref);
  g_clear_pointer (&self->devices, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_hash_table_unref);
  g_clear_pointer (&self->avatars, g_hash_table_unref);
  g_clear_pointer (&self->oauth_lose_path, g_free);
  g_clear_pointer (&self->users_by_id, g_hash_table_unref);
  g_clear_pointer (&self->users_by_login, g_hash_table_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
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

static void
lurk_sim_init (LurkSim *self)
{
  self->scenario = g_strdup ("none");
  self->keepalive_default = 10;
  self->grace_seconds = 30;
  self->subscribe_window = 10;
  self->ping_interval = 30;
  self->time_scale = 1.0;
  self->rate_limit = 800;
  self->max_per_connection = 300;
  self->rand = g_rand_new ();

  g_mutex_init (&self->start_mutex);
  g_cond_init (&self->start_cond);

  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _lurk_sim_session_free);
  self->reconnects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               _lurk_sim_subscription_free);
  self->subscription_order = g_ptr_array_new ();
  self->sent_ids = g_ptr_array_new_with_free_func (g_free);
  self->recent = g_queue_new ();
  self->floods = g_ptr_array_new ();
  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->chat_streams = g_ptr_array_new ();

  _lurk_sim_world_init (self);
  _lurk_sim_oauth_init (self);
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

  g_free (self->scenario);
  self->scenario = g_strdup (scenario ? scenario : "none");
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

  self->keepalive_default = CLAMP (seconds, 10, 600);
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

  self->grace_seconds = MAX (seconds, 1);
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

  self->require_subscription = !!require_subscription;
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

  self->subscribe_window = MAX (seconds, 1);
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

  self->ping_interval = seconds;
}

/* Every server-side timer (keepalive, subscribe window, ping, reconnect grace) runs
 * `scale` times its nominal length; what the messages announce stays nominal. For tests. */
void
lurk_sim_set_time_scale (LurkSim *self,
                         double   scale)
{
  g_return_if_fail (LURK_IS_SIM (self));
  g_return_if_fail (scale > 0);

  self->time_scale = scale;
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

  self->rate_limit = MAX (points_per_minute, 1);
  g_hash_table_remove_all (self->buckets);
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

  g_rand_set_seed (self->rand, seed);
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

  return self->url;
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

/* Helpers shared by the lurk-sim-*.c files */

guint
_lurk_sim_scaled_ms (LurkSim *self,
                     double   seconds)
{
  double ms = seconds * 1000.0 * self->time_scale;

  return ms < 1 ? 1 : ms > G_MAXINT ? G_MAXINT : (guint)ms;
}

/* Sources go to the simulator's own context (it may run in a thread of its own), so they are
 * handled as GSource pointers, never as ids of the global default context. */
GSource *
_lurk_sim_timeout (LurkSim     *self,
                   guint        ms,
                   GSourceFunc  func,
                   gpointer     data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);

  return source;
}

void
_lurk_sim_source_clear (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_source_unref (*source);
      *source = NULL;
    }
}

char *
_lurk_sim_rfc3339 (gint64 real_us)
{
  time_t secs = real_us / G_USEC_PER_SEC;
  long nanos = (real_us % G_USEC_PER_SEC) * 1000;
  struct tm tm;
  char buf[64];

  gmtime_r (&secs, &tm);
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);

  return g_strdup_printf ("%s.%09ldZ", buf, nanos);
}

char *
_lurk_sim_now_rfc3339 (void)
{
  struct timespec ts;
  struct tm tm;
  char buf[64];

  clock_gettime (CLOCK_REALTIME, &ts);
  gmtime_r (&ts.tv_sec, &tm);
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);

  return g_strdup_printf ("%s.%09ldZ", buf, (long)ts.tv_nsec);
}

char *
_lurk_sim_message_now_rfc3339 (LurkSim *self)
{
  struct timespec ts;
  struct tm tm;
  char buf[64];
  time_t secs;

  clock_gettime (CLOCK_REALTIME, &ts);
  secs = ts.tv_sec + self->message_clock_offset;
  gmtime_r (&secs, &tm);
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);

  return g_strdup_printf ("%s.%09ldZ", buf, (long)ts.tv_nsec);
}

char *
_lurk_sim_uuid (LurkSim *self)
{
  return g_uuid_string_random ();
}

static const char *
status_phrase (guint status)
{
  return status == LURK_SIM_STATUS_TOO_MANY_REQUESTS ? "Too Many Requests"
                                                    : soup_status_get_phrase (status);
}

void
_lurk_sim_reply_text (SoupServerMessage *msg,
                      guint              status,
                      const char        *content_type,
                      const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  if (text != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
_lurk_sim_reply_json (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, status_phrase (status));
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

void
_lurk_sim_reply_object (SoupServerMessage *msg,
                        guint              status,
                        JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  _lurk_sim_reply_json (msg, status, node);
}

/* Twitch's error shape: {"error":"Bad Request","status":400,"message":"…"} */
void
_lurk_sim_reply_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", status_phrase (status));
  json_object_set_int_member (object, "status", status);
  json_object_set_string_member (object, "message", message ? message : "");
  _lurk_sim_reply_object (msg, status, object);
}

JsonObject *
_lurk_sim_parse_body (SoupServerMessage *msg,
                      GError           **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  return _lurk_sim_parse_json_object (data, len, error);
}

/* json-glib recurses once per nesting level without a limit: 100000 `[` overflow the stack
 * (tests/fuzz/regressions/sim-http/deep-nesting). Counts brackets outside strings. */
#define MAX_BODY_DEPTH 128

static gboolean
nested_too_deep (const char *data,
                 gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if (data[i] == '[' || data[i] == '{')
        {
          if (++depth > MAX_BODY_DEPTH)
            return TRUE;
        }
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

/* Pure (no message): a request body as a JSON object; empty is {}. tests/fuzz feeds it. */
JsonObject *
_lurk_sim_parse_json_object (const char *data,
                             gsize       len,
                             GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (len == 0)
    return json_object_new ();

  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The request body is not valid UTF-8");
      return NULL;
    }

  if (nested_too_deep (data, len))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The request body is nested deeper than %d levels", MAX_BODY_DEPTH);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The request body must be a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* key → GPtrArray of values: Helix repeats keys for multiple values. */
GHashTable *
_lurk_sim_parse_query_multi (SoupServerMessage *msg)
{
  return _lurk_sim_parse_query_string (g_uri_get_query (soup_server_message_get_uri (msg)));
}

/* Pure: a query string (NULL for none) as key → GPtrArray of values. tests/fuzz feeds it. */
GHashTable *
_lurk_sim_parse_query_string (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_ptr_array_unref);
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return table;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i]; i++)
    {
      g_autofree char *raw_key = NULL;
      g_autofree char *raw_value = NULL;
      char *eq = strchr (pairs[i], '=');
      char *key;
      char *value;
      GPtrArray *values;

      if (pairs[i][0] == 0)
        continue;

      raw_key = eq ? g_strndup (pairs[i], eq - pairs[i]) : g_strdup (pairs[i]);
      raw_value = g_strdup (eq ? eq + 1 : "");
      g_strdelimit (raw_key, "+", ' ');
      g_strdelimit (raw_value, "+", ' ');
      key = g_uri_unescape_string (raw_key, NULL);
      value = g_uri_unescape_string (raw_value, NULL);
      if (key == NULL || value == NULL)
        {
          g_free (key);
          g_free (value);
          continue;
        }

      values = g_hash_table_lookup (table, key);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (table, key, values);
        }
      else
        {
          g_free (key);
        }
      g_ptr_array_add (values, value);
    }

  return table;
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
    _lurk_sim_handle_ws (self, msg);
  else if (g_str_has_prefix (path, "/helix/"))
    _lurk_sim_handle_helix (self, msg, path + strlen ("/helix"));
  else if (g_str_has_prefix (path, "/mock/"))
    _lurk_sim_handle_helix (self, msg, path + strlen ("/mock"));
  else if (g_str_equal (path, "/eventsub/subscriptions"))
    _lurk_sim_handle_helix (self, msg, path);
  else if (g_str_has_prefix (path, "/oauth2/"))
    _lurk_sim_handle_oauth (self, msg, path + strlen ("/oauth2"));
  else if (g_str_has_prefix (path, "/auth/"))
    _lurk_sim_handle_oauth (self, msg, path + strlen ("/auth"));
  else if (g_str_equal (path, "/activate"))
    _lurk_sim_handle_activate (self, msg);
  else if (g_str_has_prefix (path, "/sim/avatar/"))
    _lurk_sim_handle_avatar (self, msg, path + strlen ("/sim/avatar/"));
  else if (g_str_has_prefix (path, "/sim/"))
    _lurk_sim_handle_control (self, msg, path + strlen ("/sim"));
  else if (g_str_has_prefix (path, "/embed/") || g_str_has_prefix (path, "/popout/"))
    _lurk_sim_handle_embed (self, msg, path);
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

  self->context = g_main_context_ref_thread_default ();
  self->server = soup_server_new ("server-header", "lurk-sim ", NULL);
  soup_server_add_handler (self->server, NULL, server_cb, self, NULL);

  socket_address = g_inet_socket_address_new (address, port);
  if (!soup_server_listen (self->server, socket_address, 0, error))
    {
      g_clear_object (&self->server);
      g_clear_pointer (&self->context, g_main_context_unref);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  g_assert (uris != NULL);
  self->port = g_uri_get_port (uris->data);
  g_free (self->host);
  self->host = g_strdup (host);
  g_free (self->url);
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6)
    self->url = g_strdup_printf ("http://[%s]:%u", host, self->port);
  else
    self->url = g_strdup_printf ("http://%s:%u", host, self->port);
  g_free (self->ws_url);
  self->ws_url = g_strdup_printf ("ws://%s/ws", self->url + strlen ("http://"));

  _lurk_sim_scenario_start (self);

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
  g_autoptr(GList) sessions = NULL;

  if (self->server == NULL)
    return;

  _lurk_sim_scenario_stop (self);
  _lurk_sim_floods_stop (self);
  _lurk_sim_embed_stop (self);

  sessions = g_hash_table_get_values (self->sessions);
  for (const GList *l = sessions; l; l = l->next)
    _lurk_sim_session_drop (l->data);
  g_hash_table_remove_all (self->sessions);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->context, g_main_context_unref);
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
