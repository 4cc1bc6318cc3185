/* lurk-eventsub-session.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-eventsub"

#include "config.h"

#include "lurk-dedup.h"
#include "lurk-error.h"
#include "lurk-eventsub-message.h"
#include "lurk-eventsub-session.h"
#include "lurk-eventsub-session-private.h"
#include "lurk-helix.h"
#include "lurk-ready-source.h"

/* The EventSub WebSocket engine (TWITCH.md, "EventSub WebSocket").
 *
 * Connections: `pending` is a socket being opened or waiting for its welcome (a fresh one, or
 * the target of a session_reconnect); `active` is the welcomed one that delivers; `retiring`
 * holds old sockets after a session_reconnect handover: they are still read for a short drain
 * delay (events already in flight on them are not lost; the dedupe drops any overlap), then
 * closed with 1000. Nothing is ever written to a socket except by libsoup itself (Pongs, the
 * close handshake): Twitch closes with 4001 on any data frame.
 *
 * The keepalive watchdog is one GSource per connection whose ready time is only moved forward
 * when it fires, so a flood costs no timer work and an idle session wakes once per window. */

enum {
  PROP_0,
  PROP_STATE,
  PROP_SESSION_ID,
  PROP_DEGRADED_TYPES,
  PROP_BROADCASTER_ID,
  N_PROPS
};

enum {
  EVENT,
  REVOKED,
  SUBSCRIPTION_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LurkEventSubSession, lurk_eventsub_session, G_TYPE_OBJECT)

static void connect_fresh      (LurkEventSubSession *self);
static void connection_lost    (LurkEventSubSession *self,
                                Connection          *conn,
                                gushort              code);


G_DEFINE_ENUM_TYPE (LurkConnection, lurk_connection,
  G_DEFINE_ENUM_VALUE (LURK_CONNECTION_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (LURK_CONNECTION_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (LURK_CONNECTION_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (LURK_CONNECTION_RECONNECTING, "reconnecting"),
  G_DEFINE_ENUM_VALUE (LURK_CONNECTION_WAITING_FOR_NETWORK, "waiting-for-network"),
  G_DEFINE_ENUM_VALUE (LURK_CONNECTION_UNAUTHORIZED, "unauthorized"),
  G_DEFINE_ENUM_VALUE (LURK_CONNECTION_SIGNED_OUT, "signed-out"))

const char *
lurk_connection_to_string (LurkConnection state)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (LURK_TYPE_CONNECTION);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value != NULL ? value->value_nick : "unknown";
}

void
_lurk_eventsub_session_set_state (LurkEventSubSession *self,
                                  LurkConnection       state)
{
  if (self->state == state)
    return;

  g_debug ("state %s → %s", lurk_connection_to_string (self->state),
           lurk_connection_to_string (state));
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* Connections */

static void
connection_free (Connection *conn)
{
  if (conn == NULL)
    return;

  g_cancellable_cancel (conn->cancellable);
  g_clear_object (&conn->cancellable);
  if (conn->watchdog != NULL)
    {
      g_source_destroy (conn->watchdog);
      g_clear_pointer (&conn->watchdog, g_source_unref);
    }
  /* destroyed, not g_source_remove()d: it lives in the session's context, which is a
   * worker's for the listener, not the default one */
  if (conn->retire_source != NULL)
    {
      g_source_destroy (conn->retire_source);
      g_clear_pointer (&conn->retire_source, g_source_unref);
    }
  if (conn->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (conn->ws, conn);
      if (soup_websocket_connection_get_state (conn->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (conn->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      g_clear_object (&conn->ws);
    }
  g_free (conn->session_id);
  g_free (conn);
}

static gint64
watchdog_timeout_usec (Connection *conn)
{
  return (gint64) (conn->keepalive_seconds * WATCHDOG_FACTOR * G_TIME_SPAN_SECOND)
         + WATCHDOG_MARGIN_USEC;
}

static gboolean
watchdog_dispatch (gpointer user_data)
{
  Connection *conn = user_data;
  gint64 deadline = conn->last_message + watchdog_timeout_usec (conn);

  if (g_get_monotonic_time () < deadline)
    {
      g_source_set_ready_time (conn->watchdog, deadline);
      return G_SOURCE_CONTINUE;
    }

  g_debug ("EventSub connection %u silent for more than %u s (keepalive %u s): reconnecting",
             conn->serial, (guint) (watchdog_timeout_usec (conn) / G_TIME_SPAN_SECOND),
             conn->keepalive_seconds);
  g_source_set_ready_time (conn->watchdog, -1);
  connection_lost (conn->session, conn, 0);

  return G_SOURCE_CONTINUE;
}

static void
watchdog_start (LurkEventSubSession *self,
                Connection          *conn)
{
  conn->last_message = g_get_monotonic_time ();
  if (conn->watchdog == NULL)
    {
      conn->watchdog = lurk_ready_time_source_new ("[lurk] EventSub keepalive watchdog");
      g_source_set_callback (conn->watchdog, watchdog_dispatch, conn, NULL);
      g_source_attach (conn->watchdog, self->context);
    }
  g_source_set_ready_time (conn->watchdog, conn->last_message + watchdog_timeout_usec (conn));
}

static void
take_connection_out (LurkEventSubSession *self,
                     Connection          *conn)
{
  if (self->pending == conn)
    self->pending = NULL;
  if (self->active == conn)
    self->active = NULL;
  g_ptr_array_remove (self->retiring, conn);
}

void
_lurk_eventsub_session_close_all (LurkEventSubSession *self)
{
  g_clear_pointer (&self->pending, connection_free);
  g_clear_pointer (&self->active, connection_free);
  g_ptr_array_set_size (self->retiring, 0);
}

static gboolean
retire_done (gpointer user_data)
{
  Connection *conn = user_data;
  LurkEventSubSession *self = conn->session;
  gint64 now = g_get_monotonic_time ();

  if (now - conn->last_message < RETIRE_QUIET_USEC && now - conn->retired_at < RETIRE_MAX_USEC)
    {
      /* still delivering what was in flight: read on */
      g_source_set_ready_time (g_main_current_source (), conn->last_message + RETIRE_QUIET_USEC);
      return G_SOURCE_CONTINUE;
    }

  g_clear_pointer (&conn->retire_source, g_source_unref);
  g_debug ("closing the old EventSub connection %u after the handover", conn->serial);
  g_ptr_array_remove (self->retiring, conn);

  return G_SOURCE_REMOVE;
}

static void
retire (LurkEventSubSession *self,
        Connection          *conn)
{
  GSource *source;

  if (conn->watchdog != NULL)
    g_source_set_ready_time (conn->watchdog, -1);
  g_ptr_array_add (self->retiring, conn);
  conn->retired_at = g_get_monotonic_time ();
  source = lurk_ready_time_source_new ("[lurk] EventSub handover drain");
  g_source_set_ready_time (source, conn->retired_at + RETIRE_QUIET_USEC);
  g_source_set_callback (source, retire_done, conn, NULL);
  g_source_attach (source, self->context);
  conn->retire_source = source;
}

/* Messages */

static void
handle_welcome (LurkEventSubSession *self,
                Connection          *conn,
                LurkEventSubMessage *message)
{
  if (conn->welcomed)
    {
      g_debug ("ignoring a second welcome on connection %u", conn->serial);
      return;
    }

  conn->welcomed = TRUE;
  g_free (conn->session_id);
  conn->session_id = g_strdup (message->session_id);
  if (message->keepalive_timeout_seconds > 0)
    conn->keepalive_seconds = message->keepalive_timeout_seconds;
  watchdog_start (self, conn);

  if (conn != self->pending)
    return;
  self->pending = NULL;

  if (conn->reconnect_target)
    {
      /* session_reconnect: the subscriptions moved over; close the old socket (after a
       * short drain) and do not resubscribe. */
      g_debug ("reconnected: EventSub connection %u replaces %u", conn->serial,
               self->active ? self->active->serial : 0);
      if (self->active != NULL)
        retire (self, g_steal_pointer (&self->active));
      self->active = conn;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
      return;
    }

  g_clear_pointer (&self->active, connection_free);
  self->active = conn;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);
  g_ptr_array_set_size (self->subscription_ids, 0);
  g_ptr_array_set_size (self->to_delete, 0);
  _lurk_eventsub_session_subscribe_all (self);
}

/* Follows Twitch's clock from the messages' message_timestamp. Welcome, keepalive, reconnect
 * and revocation are sent when they are stamped: they set it. A notification may be a resend
 * stamped long ago (at-least-once delivery), so it only moves the clock forward. */
static void
update_twitch_clock (LurkEventSubSession *self,
                     LurkEventSubMessage *message,
                     gint64               now_monotonic)
{
  gint64 twitch_now = self->twitch_anchor + (now_monotonic - self->monotonic_anchor);

  if (message->timestamp <= 0)
    return;
  if (self->twitch_anchor == 0 || message->type != LURK_EVENTSUB_MESSAGE_NOTIFICATION ||
      message->timestamp > twitch_now)
    {
      self->twitch_anchor = message->timestamp;
      self->monotonic_anchor = now_monotonic;
    }
}

static void
handle_notification (LurkEventSubSession *self,
                     LurkEventSubMessage *message,
                     gint64               now_monotonic)
{
  if (message->event == NULL)
    return;

  /* "older than 10 minutes" on Twitch's clock, not this machine's: neither a local clock
   * that is off by minutes nor one that jumps may make every event look stale (or none) */
  if (message->timestamp > 0 && self->twitch_anchor != 0 &&
      self->twitch_anchor + (now_monotonic - self->monotonic_anchor) - message->timestamp >
        STALE_USEC)
    {
      if (self->n_stale++ == 0)
        g_message ("Dropped an EventSub notification older than 10 minutes by Twitch's clock "
                   "(%s); later ones are counted at debug level", message->message_id);
      else
        g_debug ("dropping notification %s: older than 10 minutes (%u so far)",
                 message->message_id, self->n_stale);
      return;
    }

  /* The one broadcaster filter: after a retarget, the previous broadcaster's subscriptions
   * deliver until Twitch has deleted them; nothing downstream checks again. */
  if (g_strcmp0 (lurk_event_get_broadcaster_id (message->event), self->broadcaster_id) != 0)
    {
      g_debug ("dropping notification %s: not about broadcaster %s", message->message_id,
               self->broadcaster_id ? self->broadcaster_id : "(none)");
      return;
    }

  /* The one dedupe of the stream (the store's primary key is the storage guarantee). */
  if (!lurk_dedup_check_and_add (self->dedup, message->message_id, now_monotonic))
    return;

  g_signal_emit (self, signals[EVENT], 0, message->event);
}

static void
handle_revocation (LurkEventSubSession *self,
                   LurkEventSubMessage *message)
{
  g_debug ("Twitch revoked the %s subscription: %s",
             message->subscription_type ? message->subscription_type : "?",
             message->subscription_status ? message->subscription_status : "?");

  if (message->subscription_id != NULL)
    {
      for (guint i = 0; i < self->subscription_ids->len; i++)
        {
          if (g_str_equal (g_ptr_array_index (self->subscription_ids, i),
                           message->subscription_id))
            {
              g_ptr_array_remove_index_fast (self->subscription_ids, i);
              break;
            }
        }
    }

  g_signal_emit (self, signals[REVOKED], 0,
                 message->subscription_type, message->subscription_status,
                 message->subscription_id);
}

static void open_connection (LurkEventSubSession *self,
                             const char          *url,
                             gboolean             reconnect_target);

static gboolean reconnect_url_allowed (LurkEventSubSession *self,
                                       const char          *url);

static void
on_message (SoupWebsocketConnection *ws,
            gint                     type,
            GBytes                  *bytes,
            gpointer                 user_data)
{
  Connection *conn = user_data;
  LurkEventSubSession *self = conn->session;
  g_autoptr(LurkEventSubMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;
  gint64 now_real;

  conn->last_message = g_get_monotonic_time ();

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      g_warning ("Ignoring a binary frame on the EventSub connection");
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  now_real = g_get_real_time ();
  message = lurk_eventsub_message_parse (data, length, now_real, &error);
  if (message == NULL)
    {
      /* A malformed frame costs one warning (a few, then quieter); the session goes on. */
      if (self->n_malformed++ < MALFORMED_WARNINGS)
        g_warning ("Ignoring an EventSub message: %s", error->message);
      else
        g_debug ("Ignoring an EventSub message: %s", error->message);
      return;
    }

  update_twitch_clock (self, message, conn->last_message);

  switch (message->type)
    {
    case LURK_EVENTSUB_MESSAGE_WELCOME:
      handle_welcome (self, conn, message);
      break;

    case LURK_EVENTSUB_MESSAGE_KEEPALIVE:
      break;

    case LURK_EVENTSUB_MESSAGE_NOTIFICATION:
      handle_notification (self, message, conn->last_message);
      break;

    case LURK_EVENTSUB_MESSAGE_RECONNECT:
      if (conn != self->active || message->reconnect_url == NULL)
        break;
      if (!reconnect_url_allowed (self, message->reconnect_url))
        {
          /* The old socket stays; when it closes, the session reconnects to its own URL. */
          g_debug ("Ignoring a session_reconnect to another server");
          break;
        }
      g_debug ("session_reconnect on connection %u", conn->serial);
      /* The URL is used unmodified (TWITCH.md) */
      open_connection (self, message->reconnect_url, TRUE);
      break;

    case LURK_EVENTSUB_MESSAGE_REVOCATION:
      handle_revocation (self, message);
      break;

    default:
      break;
    }
}

static void
on_closed (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  Connection *conn = user_data;
  LurkEventSubSession *self = conn->session;
  gushort code = soup_websocket_connection_get_close_code (ws);

  g_debug ("EventSub connection %u closed (code %u)", conn->serial, code);

  if (g_ptr_array_find (self->retiring, conn, NULL))
    {
      g_ptr_array_remove (self->retiring, conn);
      return;
    }

  connection_lost (self, conn, code);
}

static void
on_error (SoupWebsocketConnection *ws,
          GError                  *error,
          gpointer                 user_data)
{
  Connection *conn = user_data;

  /* "closed" follows; the policy lives there */
  g_debug ("EventSub connection %u: %s", conn->serial, error->message);
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Connection *conn = user_data;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(GError) error = NULL;

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* the connection was freed */

  if (ws == NULL)
    {
      g_debug ("Could not connect to EventSub: %s", error->message);
      connection_lost (conn->session, conn, 0);
      return;
    }

  conn->ws = g_steal_pointer (&ws);
  soup_websocket_connection_set_max_incoming_payload_size (conn->ws, MAX_INCOMING_PAYLOAD);
  /* keepalive-interval stays 0: no client pings, Twitch may count them as inbound traffic */
  g_signal_connect (conn->ws, "message", G_CALLBACK (on_message), conn);
  g_signal_connect (conn->ws, "closed", G_CALLBACK (on_closed), conn);
  g_signal_connect (conn->ws, "error", G_CALLBACK (on_error), conn);
  /* the welcome must come within the keepalive window too */
  watchdog_start (conn->session, conn);
}

static void
open_connection (LurkEventSubSession *self,
                 const char          *url,
                 gboolean             reconnect_target)
{
  g_autoptr(SoupMessage) msg = NULL;
  Connection *conn;

  g_clear_pointer (&self->pending, connection_free);

  conn = g_new0 (Connection, 1);
  conn->session = self;
  conn->cancellable = g_cancellable_new ();
  conn->keepalive_seconds = self->keepalive_seconds;
  conn->reconnect_target = !!reconnect_target;
  conn->serial = ++self->next_serial;
  self->pending = conn;

  msg = soup_message_new (SOUP_METHOD_GET, url);
  if (msg == NULL)
    {
      g_warning ("Not a usable EventSub URL: %s", url);
      connection_lost (self, conn, 0);
      return;
    }

  g_debug ("opening EventSub connection %u%s", conn->serial,
           reconnect_target ? " (session_reconnect)" : "");
  soup_session_websocket_connect_async (self->soup, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        conn->cancellable, on_connected, conn);
}

static char *
build_connect_url (LurkEventSubSession *self)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GString) query = NULL;
  g_autoptr(GError) error = NULL;

  base = g_uri_parse (self->eventsub_url, G_URI_FLAGS_ENCODED, &error);
  if (base == NULL)
    return g_strdup (self->eventsub_url);

  query = g_string_new (g_uri_get_query (base));
  if (query->len > 0)
    g_string_append_c (query, '&');
  g_string_append_printf (query, "keepalive_timeout_seconds=%u", self->keepalive_seconds);

  return g_uri_join (G_URI_FLAGS_ENCODED, g_uri_get_scheme (base), g_uri_get_userinfo (base),
                     g_uri_get_host (base), g_uri_get_port (base), g_uri_get_path (base),
                     query->str, g_uri_get_fragment (base));
}

/* The retry timer lives in the session's context (a worker's, for the listener), where
 * g_source_remove() would not find it: like every source of the session, it is held and
 * destroyed. */
static void
clear_retry_source (LurkEventSubSession *self)
{
  if (self->retry_source == NULL)
    return;

  g_source_destroy (self->retry_source);
  g_clear_pointer (&self->retry_source, g_source_unref);
}

static void
connect_fresh (LurkEventSubSession *self)
{
  g_autofree char *url = NULL;

  clear_retry_source (self);

  if (self->broadcaster_id == NULL)
    {
      /* Nothing to subscribe to: Twitch would close an unused connection (4003). */
      _lurk_eventsub_session_close_all (self);
      _lurk_eventsub_session_set_state (self, LURK_CONNECTION_IDLE);
      return;
    }

  if (self->state != LURK_CONNECTION_RECONNECTING)
    _lurk_eventsub_session_set_state (self, LURK_CONNECTION_CONNECTING);

  url = build_connect_url (self);
  open_connection (self, url, FALSE);
}

/* Reconnection policy */

static gboolean
retry_cb (gpointer user_data)
{
  LurkEventSubSession *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  connect_fresh (self);

  return G_SOURCE_REMOVE;
}

guint
_lurk_eventsub_session_backoff_delay_ms (LurkEventSubSession *self)
{
  guint64 delay = self->backoff_initial_ms;

  for (guint i = 0; i < self->backoff_attempt && delay < self->backoff_max_ms; i++)
    delay *= 2;
  delay = MIN (delay, self->backoff_max_ms);
  self->backoff_attempt++;

  /* jitter: 50–100 % of the step, so that many clients do not come back in lockstep */
  return (guint) (delay / 2 + g_random_int_range (0, (gint32) MAX (1, delay / 2 + 1)));
}

#define TWITCH_EVENTSUB_HOST "eventsub.wss.twitch.tv"

static int
uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port != -1)
    return port;

  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "wss") == 0 ? 443 : 80;
}

/* A session_reconnect names the socket to move to, and the session's token goes with the
 * subscriptions: only Twitch's EventSub host over TLS, or the configured endpoint itself
 * (same scheme, host and port: a simulator). */
static gboolean
reconnect_url_allowed (LurkEventSubSession *self,
                       const char          *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) own = NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (g_uri_get_scheme (uri), "wss") == 0
      && g_ascii_strcasecmp (host, TWITCH_EVENTSUB_HOST) == 0 && uri_port (uri) == 443)
    return TRUE;

  own = g_uri_parse (self->eventsub_url, G_URI_FLAGS_ENCODED, NULL);
  return own != NULL && g_uri_get_host (own) != NULL
         && g_ascii_strcasecmp (g_uri_get_scheme (uri), g_uri_get_scheme (own)) == 0
         && g_ascii_strcasecmp (host, g_uri_get_host (own)) == 0
         && uri_port (uri) == uri_port (own);
}

static gboolean
url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1") ||
                          g_str_equal (host, "localhost"));
}

void
_lurk_eventsub_session_schedule_reconnect (LurkEventSubSession *self,
                                           guint                delay_ms)
{
  GSource *source;

  clear_retry_source (self);

  if (self->monitor != NULL && !g_network_monitor_get_network_available (self->monitor)
      && !(self->monitor_is_default && url_is_loopback (self->eventsub_url)))
    {
      g_debug ("Offline: EventSub reconnects when the network is back");
      _lurk_eventsub_session_set_state (self, LURK_CONNECTION_WAITING_FOR_NETWORK);
      return;
    }

  _lurk_eventsub_session_set_state (self, LURK_CONNECTION_RECONNECTING);
  g_debug ("reconnecting in %u ms", delay_ms);
  source = g_timeout_source_new (delay_ms);
  g_source_set_callback (source, retry_cb, self, NULL);
  g_source_set_static_name (source, "[lurk] EventSub reconnect");
  g_source_attach (source, self->context);
  self->retry_source = source;
}

static void
connection_lost (LurkEventSubSession *self,
                 Connection          *conn,
                 gushort              code)
{
  guint delay_ms;

  if (conn->reconnect_target && conn == self->pending && self->active != NULL)
    {
      /* The reconnect URL failed: the old socket is still alive; connect afresh. */
      g_debug ("The EventSub reconnect URL failed (code %u): connecting afresh", code);
    }

  take_connection_out (self, conn);
  connection_free (conn);
  _lurk_eventsub_session_close_all (self);
  g_cancellable_cancel (self->subscribe_cancellable);
  g_clear_object (&self->subscribe_cancellable);
  g_ptr_array_set_size (self->subscription_ids, 0); /* disabled by Twitch with the socket */
  g_ptr_array_set_size (self->to_delete, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION_ID]);

  if (self->state == LURK_CONNECTION_IDLE ||
      self->state == LURK_CONNECTION_UNAUTHORIZED)
    return;

  if (self->healthy_since > 0 && g_get_monotonic_time () - self->healthy_since >= HEALTHY_USEC)
    self->backoff_attempt = 0;
  self->healthy_since = 0;

  switch (code)
    {
    case 4001:
      g_warning ("Twitch closed EventSub with 4001 (client sent inbound traffic): a bug in "
                 "Lurk, which never sends data; reconnecting with backoff");
      delay_ms = _lurk_eventsub_session_backoff_delay_ms (self);
      break;

    case 4002:
      g_warning ("Twitch closed EventSub with 4002 (failed ping-pong): reconnecting with "
                 "backoff");
      delay_ms = _lurk_eventsub_session_backoff_delay_ms (self);
      break;

    case 4003:
      /* Too slow to subscribe after the welcome: come back at once, subscribe faster.
       * Repeated 4003s fall back to the backoff. */
      g_debug ("Twitch closed EventSub with 4003 (connection unused): reconnecting");
      delay_ms = self->backoff_attempt < 2 ? 0 : _lurk_eventsub_session_backoff_delay_ms (self);
      if (delay_ms == 0)
        self->backoff_attempt++;
      break;

    case 4004:
    case 4007:
      /* The reconnect handover failed: a fresh connection to the original URL, then
       * resubscribe. */
      g_debug ("Twitch closed EventSub with %u (%s): connecting afresh", code,
                 code == 4004 ? "reconnect grace time expired" : "invalid reconnect");
      delay_ms = self->backoff_attempt < 2 ? 0 : _lurk_eventsub_session_backoff_delay_ms (self);
      if (delay_ms == 0)
        self->backoff_attempt++;
      break;

    case 4000:
    case 4005:
    case 4006:
    default:
      g_debug ("EventSub connection lost (code %u): reconnecting with backoff", code);
      delay_ms = _lurk_eventsub_session_backoff_delay_ms (self);
      break;
    }

  _lurk_eventsub_session_schedule_reconnect (self, delay_ms);
}

/* Twitch says the active session is gone although its socket looks open: treat it as lost. */
void
_lurk_eventsub_session_lose_active (LurkEventSubSession *self)
{
  if (self->active != NULL)
    connection_lost (self, self->active, 0);
  else
    _lurk_eventsub_session_schedule_reconnect (self,
                                               _lurk_eventsub_session_backoff_delay_ms (self));
}

/* Unauthorized: a 401 from Helix or a failed validation ends everything, no retry. */
void
_lurk_eventsub_session_set_unauthorized (LurkEventSubSession *self)
{
  g_warning ("Twitch refused the access token: EventSub stopped until you sign in again");
  clear_retry_source (self);
  g_cancellable_cancel (self->subscribe_cancellable);
  g_clear_object (&self->subscribe_cancellable);
  _lurk_eventsub_session_close_all (self);
  g_ptr_array_set_size (self->subscription_ids, 0);
  g_ptr_array_set_size (self->to_delete, 0);
  _lurk_eventsub_session_set_state (self, LURK_CONNECTION_UNAUTHORIZED);
}

void
lurk_eventsub_session_set_broadcaster (LurkEventSubSession *self,
                                       const char          *broadcaster_id)
{
  g_return_if_fail (LURK_IS_EVENTSUB_SESSION (self));

  if (broadcaster_id != NULL && *broadcaster_id == '\0')
    broadcaster_id = NULL;
  if (g_strcmp0 (self->broadcaster_id, broadcaster_id) == 0)
    return;

  g_free (self->broadcaster_id);
  self->broadcaster_id = g_strdup (broadcaster_id);
  g_ptr_array_set_size (self->degraded, 0); /* refusals depend on the channel */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROADCASTER_ID]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEGRADED_TYPES]);

  self->generation++;

  if (self->state == LURK_CONNECTION_UNAUTHORIZED)
    return;

  if (self->active == NULL || !self->active->welcomed)
    {
      g_cancellable_cancel (self->subscribe_cancellable);
      g_clear_object (&self->subscribe_cancellable);
      /* not connected yet (or stopped for want of a broadcaster): (re)connect when started */
      if (self->context != NULL && self->pending == NULL && self->retry_source == NULL &&
          self->state != LURK_CONNECTION_WAITING_FOR_NETWORK)
        connect_fresh (self);
      return;
    }

  if (self->broadcaster_id == NULL)
    {
      g_cancellable_cancel (self->subscribe_cancellable);
      g_clear_object (&self->subscribe_cancellable);
      g_ptr_array_set_size (self->subscription_ids, 0);
      g_ptr_array_set_size (self->to_delete, 0);
      _lurk_eventsub_session_close_all (self);
      _lurk_eventsub_session_set_state (self, LURK_CONNECTION_IDLE);
      return;
    }

  /* a subscribe or delete run in progress is not cancelled (a request in flight may have
   * created a subscription): it notices the new generation and hands over */
  _lurk_eventsub_session_set_state (self, LURK_CONNECTION_CONNECTING);
  _lurk_eventsub_session_resubscribe (self);
}

const char *
lurk_eventsub_session_get_broadcaster (LurkEventSubSession *self)
{
  g_return_val_if_fail (LURK_IS_EVENTSUB_SESSION (self), NULL);

  return self->broadcaster_id;
}

/* Network monitor: may emit in another thread's context; hop to ours. */

typedef struct
{
  GWeakRef self;
} NetworkHop;

static gboolean
network_back_cb (gpointer user_data)
{
  NetworkHop *hop = user_data;
  g_autoptr(LurkEventSubSession) self = g_weak_ref_get (&hop->self);

  if (self != NULL && self->state == LURK_CONNECTION_WAITING_FOR_NETWORK &&
      self->monitor != NULL && g_network_monitor_get_network_available (self->monitor))
    {
      g_debug ("The network is back: reconnecting to EventSub");
      _lurk_eventsub_session_set_state (self, LURK_CONNECTION_RECONNECTING);
      connect_fresh (self);
    }

  return G_SOURCE_REMOVE;
}

static void
network_hop_free (gpointer data)
{
  NetworkHop *hop = data;

  g_weak_ref_clear (&hop->self);
  g_free (hop);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(LurkEventSubSession) self = g_weak_ref_get (weak);
  NetworkHop *hop;

  if (self == NULL || !available)
    return;

  hop = g_new0 (NetworkHop, 1);
  g_weak_ref_init (&hop->self, self);
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, network_back_cb, hop,
                              network_hop_free);
}

static void
weak_ref_free (gpointer data,
               GClosure *closure)
{
  g_weak_ref_clear (data);
  g_free (data);
}

void
lurk_eventsub_session_set_network_monitor (LurkEventSubSession *self,
                                           GNetworkMonitor     *monitor)
{
  GWeakRef *weak;

  g_return_if_fail (LURK_IS_EVENTSUB_SESSION (self));
  g_return_if_fail (!monitor || G_IS_NETWORK_MONITOR (monitor));

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_set_object (&self->monitor, monitor);
  self->monitor_is_default = FALSE;
  if (monitor == NULL)
    return;

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  self->network_changed_id = g_signal_connect_data (monitor, "network-changed",
                                                    G_CALLBACK (on_network_changed), weak,
                                                    weak_ref_free, 0);
}

/* Public API */

void
lurk_eventsub_session_start (LurkEventSubSession *self)
{
  g_return_if_fail (LURK_IS_EVENTSUB_SESSION (self));

  if (self->context == NULL)
    self->context = g_main_context_ref_thread_default ();
  g_return_if_fail (self->context == g_main_context_get_thread_default () ||
                    (g_main_context_get_thread_default () == NULL &&
                     self->context == g_main_context_default ()));

  if (self->pending != NULL || self->active != NULL || self->retry_source != NULL)
    return;

  self->backoff_attempt = 0;
  connect_fresh (self);
}

void
lurk_eventsub_session_stop (LurkEventSubSession *self)
{
  g_return_if_fail (LURK_IS_EVENTSUB_SESSION (self));

  clear_retry_source (self);
  g_cancellable_cancel (self->subscribe_cancellable);
  g_clear_object (&self->subscribe_cancellable);
  _lurk_eventsub_session_close_all (self);
  g_ptr_array_set_size (self->subscription_ids, 0);
  g_ptr_array_set_size (self->to_delete, 0);
  if (self->state != LURK_CONNECTION_UNAUTHORIZED)
    _lurk_eventsub_session_set_state (self, LURK_CONNECTION_IDLE);
}

void
lurk_eventsub_session_set_access_token (LurkEventSubSession *self,
                                        const char          *access_token)
{
  g_return_if_fail (LURK_IS_EVENTSUB_SESSION (self));

  lurk_helix_set_access_token (self->helix, access_token);

  if (self->state == LURK_CONNECTION_UNAUTHORIZED)
    {
      _lurk_eventsub_session_set_state (self, LURK_CONNECTION_IDLE);
      if (self->context != NULL)
        {
          self->backoff_attempt = 0;
          connect_fresh (self);
        }
    }
}

void
lurk_eventsub_session_set_keepalive (LurkEventSubSession *self,
                                     guint                seconds)
{
  g_return_if_fail (LURK_IS_EVENTSUB_SESSION (self));

  self->keepalive_seconds = CLAMP (seconds, 1, 600);
}

void
lurk_eventsub_session_set_backoff (LurkEventSubSession *self,
                                   guint                initial_ms,
                                   guint                max_ms)
{
  g_return_if_fail (LURK_IS_EVENTSUB_SESSION (self));

  self->backoff_initial_ms = MAX (1, initial_ms);
  self->backoff_max_ms = MAX (self->backoff_initial_ms, max_ms);
}

LurkConnection
lurk_eventsub_session_get_state (LurkEventSubSession *self)
{
  g_return_val_if_fail (LURK_IS_EVENTSUB_SESSION (self), LURK_CONNECTION_IDLE);

  return self->state;
}

const char *
lurk_eventsub_session_get_session_id (LurkEventSubSession *self)
{
  g_return_val_if_fail (LURK_IS_EVENTSUB_SESSION (self), NULL);

  return self->active != NULL ? self->active->session_id : NULL;
}

GStrv
lurk_eventsub_session_dup_degraded_types (LurkEventSubSession *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (LURK_IS_EVENTSUB_SESSION (self), NULL);

  for (guint i = 0; i < self->degraded->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->degraded, i));

  return g_strv_builder_end (builder);
}

guint
lurk_eventsub_session_get_n_subscriptions (LurkEventSubSession *self)
{
  g_return_val_if_fail (LURK_IS_EVENTSUB_SESSION (self), 0);

  return self->subscription_ids->len;
}

void
_lurk_eventsub_session_degraded_changed (LurkEventSubSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEGRADED_TYPES]);
}

void
_lurk_eventsub_session_emit_subscription_failed (LurkEventSubSession *self,
                                                 const char          *description,
                                                 const GError        *error)
{
  g_signal_emit (self, signals[SUBSCRIPTION_FAILED], 0, description, error);
}

/* GObject */

static void
lurk_eventsub_session_dispose (GObject *object)
{
  LurkEventSubSession *self = (LurkEventSubSession *) object;

  clear_retry_source (self);
  g_cancellable_cancel (self->subscribe_cancellable);
  g_clear_object (&self->subscribe_cancellable);
  _lurk_eventsub_session_clear_subscribe_retry (self);
  _lurk_eventsub_session_close_all (self);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_changed_id, self->monitor);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (lurk_eventsub_session_parent_class)->dispose (object);
}

static void
lurk_eventsub_session_finalize (GObject *object)
{
  LurkEventSubSession *self = (LurkEventSubSession *) object;

  g_clear_pointer (&self->retiring, g_ptr_array_unref);
  g_clear_pointer (&self->subscription_ids, g_ptr_array_unref);
  g_clear_pointer (&self->to_delete, g_ptr_array_unref);
  g_clear_pointer (&self->degraded, g_ptr_array_unref);
  g_clear_pointer (&self->dedup, lurk_dedup_free);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->helix);
  g_free (self->eventsub_url);
  g_free (self->user_id);
  g_free (self->broadcaster_id);

  G_OBJECT_CLASS (lurk_eventsub_session_parent_class)->finalize (object);
}

static void
lurk_eventsub_session_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LurkEventSubSession *self = LURK_EVENTSUB_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_SESSION_ID:
      g_value_set_string (value, lurk_eventsub_session_get_session_id (self));
      break;

    case PROP_DEGRADED_TYPES:
      g_value_take_boxed (value, lurk_eventsub_session_dup_degraded_types (self));
      break;

    case PROP_BROADCASTER_ID:
      g_value_set_string (value, self->broadcaster_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_eventsub_session_class_init (LurkEventSubSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_eventsub_session_dispose;
  object_class->finalize = lurk_eventsub_session_finalize;
  object_class->get_property = lurk_eventsub_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LURK_TYPE_CONNECTION, LURK_CONNECTION_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEGRADED_TYPES] =
    g_param_spec_boxed ("degraded-types", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BROADCASTER_ID] =
    g_param_spec_string ("broadcaster-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, LURK_TYPE_EVENT);
  signals[REVOKED] =
    g_signal_new ("revoked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
  signals[SUBSCRIPTION_FAILED] =
    g_signal_new ("subscription-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_ERROR);
}

static void
lurk_eventsub_session_init (LurkEventSubSession *self)
{
  self->keepalive_seconds = LURK_EVENTSUB_DEFAULT_KEEPALIVE_SECONDS;
  self->backoff_initial_ms = 1000;
  self->backoff_max_ms = 60000;
  self->retiring = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_free);
  self->subscription_ids = g_ptr_array_new_with_free_func (g_free);
  self->to_delete = g_ptr_array_new_with_free_func (g_free);
  self->degraded = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->dedup = lurk_dedup_new (LURK_DEDUP_DEFAULT_WINDOW_USEC, LURK_DEDUP_DEFAULT_MAX_ENTRIES);
}

LurkEventSubSession *
lurk_eventsub_session_new (SoupSession *soup,
                           const char  *eventsub_url,
                           const char  *helix_url,
                           const char  *client_id,
                           const char  *access_token,
                           const char  *user_id)
{
  LurkEventSubSession *self;

  g_return_val_if_fail (SOUP_IS_SESSION (soup), NULL);
  g_return_val_if_fail (eventsub_url != NULL, NULL);
  g_return_val_if_fail (helix_url != NULL, NULL);
  g_return_val_if_fail (user_id != NULL, NULL);

  self = g_object_new (LURK_TYPE_EVENTSUB_SESSION, NULL);
  self->soup = g_object_ref (soup);
  self->eventsub_url = g_strdup (eventsub_url);
  self->helix = lurk_helix_new (soup, helix_url, client_id, access_token);
  self->user_id = g_strdup (user_id);
  lurk_eventsub_session_set_network_monitor (self, g_network_monitor_get_default ());
  /* The system monitor says "offline" without a default route, yet a server on loopback (a
   * lurk-sim) is still reachable; a monitor given by the caller is believed as it is. */
  self->monitor_is_default = TRUE;

  return self;
}
