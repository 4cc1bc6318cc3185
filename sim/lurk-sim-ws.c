/* lurk-sim-ws.c: EventSub WebSocket sessions (welcome, keepalive, ping, reconnect, close codes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-eventsub-private.h"

#define PONG_TIMEOUT_SECONDS 10
/* /sim/sent keeps the last 100,000-200,000 ids (halved when full), so that a long flood
 * cannot grow an in-process demo sim without bound (bench/README.md) */
#define MAX_SENT_IDS 200000
#define MAX_RECENT 1000
#define MAX_DISABLED 1000

static void session_end (LurkSimSession *session,
                         const char     *status);
static void arm_keepalive (LurkSimSession *session,
                           guint           ms);

void
_lurk_sim_session_free (gpointer data)
{
  LurkSimSession *session = data;

  _lurk_sim_source_clear (&session->keepalive_source);
  _lurk_sim_source_clear (&session->window_source);
  _lurk_sim_source_clear (&session->ping_source);
  _lurk_sim_source_clear (&session->pong_source);
  _lurk_sim_source_clear (&session->grace_source);
  _lurk_sim_source_clear (&session->old_socket_source);

  if (session->reconnect_id != NULL)
    g_hash_table_remove (session->eventsub->reconnects, session->reconnect_id);

  if (session->socket != NULL)
    {
      lurk_sim_socket_set_handlers (session->socket, NULL, NULL);
      lurk_sim_socket_drop (session->socket);
      g_clear_object (&session->socket);
    }
  if (session->old_socket != NULL)
    {
      lurk_sim_socket_set_handlers (session->old_socket, NULL, NULL);
      lurk_sim_socket_drop (session->old_socket);
      g_clear_object (&session->old_socket);
    }

  g_clear_pointer (&session->subscriptions, g_ptr_array_unref);
  g_free (session->id);
  g_free (session->reconnect_id);
  g_free (session->connected_at);
  g_free (session->client_id);
  g_free (session->user_id);
  g_free (session);
}

LurkSimSession *
_lurk_sim_session_lookup (LurkSimEventSub *self,
                          const char      *session_id)
{
  return session_id ? g_hash_table_lookup (self->sessions, session_id) : NULL;
}

gsize
_lurk_sim_session_pending (LurkSimSession *session)
{
  return session->socket ? lurk_sim_socket_get_pending (session->socket) : 0;
}

static char *
random_id (LurkSimEventSub *self,
           guint            bytes)
{
  guint8 raw[32];
  char *text;

  g_assert (bytes <= sizeof raw);
  for (guint i = 0; i < bytes; i++)
    raw[i] = g_rand_int_range (self->world->rand, 0, 256);

  text = g_base64_encode (raw, bytes);
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  g_strdelimit (text, "=", 0);

  return text;
}

static void
record_sent (LurkSimEventSub *self,
             const char      *session_id,
             char            *message_id,
             char            *text)
{
  LurkSimRecent *recent = g_new (LurkSimRecent, 1);

  if (self->sent_ids->len >= MAX_SENT_IDS)
    g_ptr_array_remove_range (self->sent_ids, 0, MAX_SENT_IDS / 2);
  g_ptr_array_add (self->sent_ids, message_id);

  recent->session_id = g_strdup (session_id);
  recent->text = text;
  g_queue_push_tail (self->recent, recent);
  if (self->recent->length > MAX_RECENT)
    _lurk_sim_recent_free (g_queue_pop_head (self->recent));
}

void
_lurk_sim_session_send (LurkSimSession *session,
                        const char     *text,
                        gsize           length,
                        gboolean        is_notification)
{
  if (session->socket == NULL || session->ended)
    return;

  lurk_sim_socket_send_text (session->socket, text, length);
  session->eventsub->messages_sent++;
  if (is_notification)
    {
      session->eventsub->notifications_sent++;
      session->last_sent = g_get_monotonic_time ();
    }
}

static void
send_object (LurkSimSession *session,
             JsonObject     *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);
  _lurk_sim_session_send (session, text, strlen (text), FALSE);
}

static JsonObject *
new_message (LurkSimSession *session,
             const char     *message_type,
             JsonObject    **payload)
{
  JsonObject *message = json_object_new ();
  JsonObject *metadata = json_object_new ();
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = _lurk_sim_message_now_rfc3339 (session->eventsub->world);

  json_object_set_string_member (metadata, "message_id", id);
  json_object_set_string_member (metadata, "message_type", message_type);
  json_object_set_string_member (metadata, "message_timestamp", now);
  json_object_set_object_member (message, "metadata", metadata);
  *payload = json_object_new ();
  json_object_set_object_member (message, "payload", *payload);

  return message;
}

JsonObject *
_lurk_sim_session_to_json (LurkSimSession *session)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", session->id);
  json_object_set_string_member (object, "status", session->reconnecting ? "reconnecting"
                                                                         : "connected");
  json_object_set_string_member (object, "connected_at", session->connected_at);
  json_object_set_int_member (object, "keepalive_timeout_seconds", session->keepalive_seconds);
  json_object_set_boolean_member (object, "keepalive_enabled", session->keepalive_enabled);
  json_object_set_int_member (object, "subscriptions", session->subscriptions->len);
  if (session->user_id != NULL)
    json_object_set_string_member (object, "user_id", session->user_id);
  if (session->client_id != NULL)
    json_object_set_string_member (object, "client_id", session->client_id);

  return object;
}

static void
send_welcome (LurkSimSession *session)
{
  JsonObject *payload;
  g_autoptr(JsonObject) message = new_message (session, "session_welcome", &payload);
  JsonObject *info = json_object_new ();

  json_object_set_string_member (info, "id", session->id);
  json_object_set_string_member (info, "status", "connected");
  json_object_set_string_member (info, "connected_at", session->connected_at);
  json_object_set_int_member (info, "keepalive_timeout_seconds", session->keepalive_seconds);
  json_object_set_null_member (info, "reconnect_url");
  json_object_set_null_member (info, "recovery_url");
  json_object_set_object_member (payload, "session", info);

  send_object (session, message);
  session->last_sent = g_get_monotonic_time ();
}

static gboolean
keepalive_cb (gpointer data)
{
  LurkSimSession *session = data;
  LurkSimWorld *world = session->eventsub->world;
  gint64 period = (gint64)_lurk_sim_scaled_ms (world, session->keepalive_seconds) * 1000;
  gint64 elapsed = g_get_monotonic_time () - session->last_sent;

  _lurk_sim_source_clear (&session->keepalive_source);

  if (elapsed + 1000 >= period)
    {
      if (session->keepalive_enabled && session->socket != NULL)
        {
          JsonObject *payload;
          g_autoptr(JsonObject) message = new_message (session, "session_keepalive", &payload);

          send_object (session, message);
        }
      session->last_sent = g_get_monotonic_time ();
      arm_keepalive (session, period / 1000);
    }
  else
    {
      arm_keepalive (session, (period - elapsed) / 1000 + 1);
    }

  return G_SOURCE_REMOVE;
}

static void
arm_keepalive (LurkSimSession *session,
               guint           ms)
{
  _lurk_sim_source_clear (&session->keepalive_source);
  session->keepalive_source = _lurk_sim_timeout (session->eventsub->world, MAX (ms, 1),
                                                 keepalive_cb, session);
}

static gboolean
pong_timeout_cb (gpointer data)
{
  LurkSimSession *session = data;

  _lurk_sim_source_clear (&session->pong_source);
  _lurk_sim_session_close (session, 4002, "failed ping-pong");

  return G_SOURCE_REMOVE;
}

static gboolean
ping_cb (gpointer data)
{
  LurkSimSession *session = data;

  if (session->socket != NULL && session->pong_source == NULL)
    {
      lurk_sim_socket_ping (session->socket);
      session->pong_source = _lurk_sim_scaled_timeout (session->eventsub->world,
                                                       PONG_TIMEOUT_SECONDS, pong_timeout_cb,
                                                       session);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
window_cb (gpointer data)
{
  LurkSimSession *session = data;

  _lurk_sim_source_clear (&session->window_source);
  if (session->subscriptions->len == 0)
    _lurk_sim_session_close (session, 4003, "connection unused");

  return G_SOURCE_REMOVE;
}

void
_lurk_sim_session_subscribed (LurkSimSession *session)
{
  _lurk_sim_source_clear (&session->window_source);
}

static void
socket_data_frame (LurkSimSocket *socket,
                   gpointer       user_data)
{
  LurkSimSession *session = user_data;

  if (socket == session->socket)
    _lurk_sim_session_close (session, 4001, "client sent inbound traffic");
  else
    lurk_sim_socket_close (socket, 4001, "client sent inbound traffic");
}

/* Twitch may count a client's Pings as inbound traffic (TWITCH.md leaves it open); the
 * simulator does, so a client that passes here never pings. */
static void
socket_ping (LurkSimSocket *socket,
             gpointer       user_data)
{
  socket_data_frame (socket, user_data);
}

static void
socket_pong (LurkSimSocket *socket,
             gpointer       user_data)
{
  LurkSimSession *session = user_data;

  if (socket == session->socket)
    _lurk_sim_source_clear (&session->pong_source);
}

static void
socket_closed (LurkSimSocket *socket,
               gushort        code,
               gpointer       user_data)
{
  LurkSimSession *session = user_data;

  if (socket == session->old_socket)
    {
      lurk_sim_socket_set_handlers (socket, NULL, NULL);
      _lurk_sim_source_clear (&session->old_socket_source);
      g_clear_object (&session->old_socket);
      return;
    }

  if (socket != session->socket)
    return;

  lurk_sim_socket_set_handlers (socket, NULL, NULL);
  g_clear_object (&session->socket);
  _lurk_sim_source_clear (&session->pong_source);

  /* While a reconnect is pending, the session waits for the new connection until the grace
   * time ends. */
  if (!session->reconnecting)
    session_end (session, "websocket_disconnected");
}

static const LurkSimSocketHandlers socket_handlers = {
  .data_frame = socket_data_frame,
  .pong = socket_pong,
  .ping = socket_ping,
  .closed = socket_closed,
};

/* The status Twitch gives the subscriptions of a connection it closed with this code. */
static const char *
status_for_close (gushort code)
{
  switch (code)
    {
    case 4000: return "websocket_internal_error";
    case 4001: return "websocket_received_inbound_traffic";
    case 4002: return "websocket_failed_ping_pong";
    case 4003: return "websocket_connection_unused";
    case 4004: return "websocket_failed_to_reconnect";
    case 4005: return "websocket_network_timeout";
    case 4006: return "websocket_network_error";
    default: return "websocket_disconnected";
    }
}

/* Disabled subscriptions stay listed, but not forever: beyond MAX_DISABLED the oldest go. */
static void
prune_disabled (LurkSimEventSub *self)
{
  guint disabled = 0;

  for (guint i = 0; i < self->subscription_order->len; i++)
    disabled += !g_str_equal (((LurkSimSubscription *)g_ptr_array_index (self->subscription_order,
                                                                          i))->status, "enabled");

  for (guint i = 0; disabled > MAX_DISABLED && i < self->subscription_order->len;)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      LurkSimSession *owner;

      if (g_str_equal (sub->status, "enabled"))
        {
          i++;
          continue;
        }

      owner = _lurk_sim_session_lookup (self, sub->session_id);
      if (owner != NULL)
        g_ptr_array_remove (owner->subscriptions, sub);
      g_ptr_array_remove_index (self->subscription_order, i);
      g_hash_table_remove (self->subscriptions, sub->id);
      disabled--;
    }
}

/* The session is over: its subscriptions stay listed, disabled. */
static void
session_end (LurkSimSession *session,
             const char     *status)
{
  LurkSimEventSub *self = session->eventsub;

  if (session->ended)
    return;

  session->ended = TRUE;
  for (guint i = 0; i < session->subscriptions->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (session->subscriptions, i);

      if (g_str_equal (sub->status, "enabled"))
        _lurk_sim_subscription_set_status (sub, status);
    }

  g_hash_table_remove (self->sessions, session->id);
  prune_disabled (self);
}

void
_lurk_sim_session_close (LurkSimSession *session,
                         gushort         code,
                         const char     *reason)
{
  g_autoptr(LurkSimSocket) socket = g_steal_pointer (&session->socket);

  /* The socket leaves the session first, so ending the session does not cut the close frame. */
  if (socket != NULL)
    {
      lurk_sim_socket_set_handlers (socket, NULL, NULL);
      lurk_sim_socket_close (socket, code, reason);
    }

  session_end (session, status_for_close (code));
}

void
_lurk_sim_session_drop (LurkSimSession *session)
{
  g_autoptr(LurkSimSocket) socket = g_steal_pointer (&session->socket);

  if (socket != NULL)
    {
      lurk_sim_socket_set_handlers (socket, NULL, NULL);
      lurk_sim_socket_drop (socket);
    }

  session_end (session, "websocket_disconnected");
}

void
_lurk_sim_session_set_keepalive (LurkSimSession *session,
                                 gboolean        enabled)
{
  session->keepalive_enabled = enabled;
}

static gboolean
grace_cb (gpointer data)
{
  LurkSimSession *session = data;

  _lurk_sim_source_clear (&session->grace_source);
  if (session->reconnecting)
    {
      session->reconnecting = FALSE;
      _lurk_sim_session_close (session, 4004, "reconnect grace time expired");
    }

  return G_SOURCE_REMOVE;
}

void
_lurk_sim_session_reconnect (LurkSimSession *session)
{
  LurkSimEventSub *self = session->eventsub;
  JsonObject *payload;
  g_autoptr(JsonObject) message = NULL;
  JsonObject *info;
  g_autofree char *url = NULL;

  if (session->ended || session->reconnecting || session->socket == NULL)
    return;

  session->reconnecting = TRUE;
  g_free (session->reconnect_id);
  session->reconnect_id = random_id (self, 18);
  g_hash_table_insert (self->reconnects, g_strdup (session->reconnect_id), session);
  url = g_strdup_printf ("ws://%s/ws?reconnect_id=%s", self->world->url + strlen ("http://"),
                         session->reconnect_id);

  message = new_message (session, "session_reconnect", &payload);
  info = json_object_new ();
  json_object_set_string_member (info, "id", session->id);
  json_object_set_string_member (info, "status", "reconnecting");
  json_object_set_null_member (info, "keepalive_timeout_seconds");
  json_object_set_string_member (info, "reconnect_url", url);
  json_object_set_null_member (info, "recovery_url");
  json_object_set_string_member (info, "connected_at", session->connected_at);
  json_object_set_object_member (payload, "session", info);
  send_object (session, message);

  session->grace_source = _lurk_sim_scaled_timeout (self->world, self->config.grace_seconds,
                                                    grace_cb, session);
}

void
_lurk_sim_session_revoke (LurkSimSession      *session,
                          LurkSimSubscription *sub,
                          const char          *status)
{
  JsonObject *payload;
  g_autoptr(JsonObject) message = NULL;
  JsonObject *metadata;

  _lurk_sim_subscription_set_status (sub, status);
  if (session == NULL || session->ended)
    return;

  message = new_message (session, "revocation", &payload);
  metadata = json_object_get_object_member (message, "metadata");
  json_object_set_string_member (metadata, "subscription_type", sub->type);
  json_object_set_string_member (metadata, "subscription_version", sub->version);
  json_object_set_object_member (payload, "subscription",
                                 _lurk_sim_subscription_to_json (sub, FALSE));
  send_object (session, message);
}

static gboolean
old_socket_cb (gpointer data)
{
  LurkSimSession *session = data;

  _lurk_sim_source_clear (&session->old_socket_source);
  if (session->old_socket != NULL)
    {
      lurk_sim_socket_set_handlers (session->old_socket, NULL, NULL);
      lurk_sim_socket_close (session->old_socket, 1000, "reconnected");
      g_clear_object (&session->old_socket);
    }

  return G_SOURCE_REMOVE;
}

static void
start_timers (LurkSimSession *session)
{
  LurkSimEventSub *self = session->eventsub;

  arm_keepalive (session, _lurk_sim_scaled_ms (self->world, session->keepalive_seconds));

  if (self->config.ping_interval > 0 && session->ping_source == NULL)
    session->ping_source = _lurk_sim_scaled_timeout (self->world, self->config.ping_interval,
                                                     ping_cb, session);
}

static void
accept_reconnect (LurkSimEventSub *self,
                  LurkSimSocket   *socket,
                  const char      *reconnect_id)
{
  LurkSimSession *session = g_hash_table_lookup (self->reconnects, reconnect_id);

  if (session == NULL || session->ended || !session->reconnecting)
    {
      lurk_sim_socket_close (socket, 4007, "invalid reconnect");
      return;
    }

  g_hash_table_remove (self->reconnects, reconnect_id);
  g_clear_pointer (&session->reconnect_id, g_free);
  _lurk_sim_source_clear (&session->grace_source);
  _lurk_sim_source_clear (&session->pong_source);

  /* The old socket delivered everything up to now; from the welcome on, the new one does. */
  if (session->old_socket != NULL)
    {
      lurk_sim_socket_set_handlers (session->old_socket, NULL, NULL);
      lurk_sim_socket_drop (session->old_socket);
      g_clear_object (&session->old_socket);
    }
  session->old_socket = g_steal_pointer (&session->socket);
  session->socket = g_object_ref (socket);
  session->reconnecting = FALSE;
  lurk_sim_socket_set_handlers (socket, &socket_handlers, session);

  send_welcome (session);
  start_timers (session);

  if (session->old_socket != NULL)
    session->old_socket_source = _lurk_sim_scaled_timeout (self->world, self->config.grace_seconds,
                                                           old_socket_cb, session);
}

static void
accept_new (LurkSimEventSub *self,
            LurkSimSocket   *socket,
            guint            keepalive)
{
  LurkSimSession *session = g_new0 (LurkSimSession, 1);

  session->eventsub = self;
  session->id = random_id (self, 20);
  session->socket = g_object_ref (socket);
  session->keepalive_seconds = keepalive;
  session->keepalive_enabled = TRUE;
  session->connected_at = _lurk_sim_now_rfc3339 ();
  session->subscriptions = g_ptr_array_new ();
  g_hash_table_insert (self->sessions, session->id, session);

  lurk_sim_socket_set_handlers (socket, &socket_handlers, session);
  send_welcome (session);
  start_timers (session);

  if (self->config.require_subscription)
    session->window_source = _lurk_sim_scaled_timeout (self->world, self->config.subscribe_window,
                                                       window_cb, session);
}

typedef struct
{
  LurkSimEventSub *eventsub;
  guint keepalive;
  char *reconnect_id;
} Upgrade;

static void
upgrade_free (gpointer  data,
              GClosure *closure)
{
  Upgrade *upgrade = data;

  g_free (upgrade->reconnect_id);
  g_free (upgrade);
}

static void
wrote_informational_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Upgrade *upgrade = user_data;
  LurkSimEventSub *self = upgrade->eventsub;
  GSocket *gsocket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(LurkSimSocket) socket = NULL;

  if (soup_server_message_get_status (msg) != SOUP_STATUS_SWITCHING_PROTOCOLS)
    return;

  g_object_ref (msg);
  stream = soup_server_message_steal_connection (msg);
  socket = lurk_sim_socket_new (stream, gsocket);
  g_object_unref (msg);

  self->connections_total++;
  lurk_sim_socket_start (socket);

  if (upgrade->reconnect_id != NULL)
    accept_reconnect (self, socket, upgrade->reconnect_id);
  else
    accept_new (self, socket, upgrade->keepalive);
}

void
_lurk_sim_handle_ws (LurkSimEventSub   *self,
                     SoupServerMessage *msg)
{
  g_autoptr(GHashTable) query = _lurk_sim_parse_query_multi (msg);
  g_autoptr(GError) error = NULL;
  GPtrArray *values;
  Upgrade *upgrade;

  if (!soup_websocket_server_check_handshake (msg, NULL, NULL, NULL, &error))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "Expected a WebSocket upgrade (EventSub lives at /ws)");
      return;
    }

  upgrade = g_new0 (Upgrade, 1);
  upgrade->eventsub = self;
  upgrade->keepalive = self->config.keepalive_default;

  if ((values = g_hash_table_lookup (query, "keepalive_timeout_seconds")))
    {
      gint64 seconds = g_ascii_strtoll (g_ptr_array_index (values, 0), NULL, 10);

      upgrade->keepalive = CLAMP (seconds, 10, 600);
    }
  if ((values = g_hash_table_lookup (query, "reconnect_id")))
    upgrade->reconnect_id = g_strdup (g_ptr_array_index (values, 0));

  if (!soup_websocket_server_process_handshake (msg, NULL, NULL, NULL, NULL))
    {
      upgrade_free (upgrade, NULL);
      return;
    }

  g_signal_connect_data (msg, "wrote-informational", G_CALLBACK (wrote_informational_cb),
                         upgrade, upgrade_free, 0);
}

/* Notifications: the envelope up to "event": is a template; the caller appends the event
 * JSON and "}}". */
static GString *
notification_begin (LurkSimEventSub      *self,
                    LurkSimSubscription  *sub,
                    char                **message_id)
{
  GString *text = g_string_sized_new (2048);
  g_autofree char *now = self->timestamp_override ? g_strdup (self->timestamp_override)
                                                  : _lurk_sim_message_now_rfc3339 (self->world);

  *message_id = g_uuid_string_random ();
  g_string_append (text, "{\"metadata\":{\"message_id\":\"");
  g_string_append (text, *message_id);
  g_string_append (text, "\",\"message_type\":\"notification\",\"message_timestamp\":\"");
  g_string_append (text, now);
  g_string_append (text, "\",\"subscription_type\":\"");
  g_string_append (text, sub->type);
  g_string_append (text, "\",\"subscription_version\":\"");
  g_string_append (text, sub->version);
  g_string_append (text, "\"},\"payload\":{\"subscription\":");
  g_string_append (text, _lurk_sim_subscription_json (sub));
  g_string_append (text, ",\"event\":");

  return text;
}

void
_lurk_sim_deliver (LurkSimEventSub      *self,
                   LurkSimSubscription  *sub,
                   const char           *event_json,
                   char                **message_id)
{
  LurkSimSession *session = _lurk_sim_session_lookup (self, sub->session_id);
  g_autofree char *id = NULL;
  GString *text;
  gsize length;

  if (message_id != NULL)
    *message_id = NULL;

  if (session == NULL || session->ended || session->socket == NULL ||
      !g_str_equal (sub->status, "enabled"))
    return;

  text = notification_begin (self, sub, &id);
  g_string_append (text, event_json);
  g_string_append (text, "}}");
  length = text->len;

  _lurk_sim_session_send (session, text->str, length, TRUE);

  if (message_id != NULL)
    *message_id = g_strdup (id);
  record_sent (self, session->id, g_steal_pointer (&id), g_string_free (text, FALSE));
}
