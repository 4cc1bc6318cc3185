/* lurk-sim-control.c: the /sim control API (trigger, flood, faults, tokens, stats)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-private.h"

#define FLOOD_POOL 64
#define FLOOD_BATCH 4096
#define FLOOD_MAX_PENDING (4 * 1024 * 1024)

struct _LurkSimFlood
{
  LurkSim *sim;
  guint id;
  char *type;
  char *broadcaster_id;
  char *session_id;
  GPtrArray *pool;          /* event JSON strings */
  guint64 count;
  guint64 sent;
  double rate;
  gint64 started;
  GSource *source;
};

static guint next_flood_id = 1;

/* Body helpers: members with the wrong JSON type count as missing. */

static const char *
get_string (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
get_int (JsonObject *object,
         const char *key,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, key);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = (gint64)json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static gboolean
get_double (JsonObject *object,
            const char *key,
            double     *value)
{
  JsonNode *node = json_object_get_member (object, key);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static gboolean
get_bool (JsonObject *object,
          const char *key,
          gboolean   *value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

static JsonObject *
get_object (JsonObject *object,
            const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

static void
reply_ok (SoupServerMessage *msg,
          JsonObject        *object)
{
  _lurk_sim_reply_object (msg, SOUP_STATUS_OK, object);
}

/* The sessions a call acts on: the one named, or all. NULL (and 404 sent) for an unknown id. */
static GPtrArray *
target_sessions (LurkSim           *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  const char *id = get_string (body, "session");
  GPtrArray *sessions = g_ptr_array_new ();

  if (id != NULL)
    {
      LurkSimSession *session = _lurk_sim_session_lookup (self, id);

      if (session == NULL)
        {
          g_ptr_array_unref (sessions);
          _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "No such session");
          return NULL;
        }
      g_ptr_array_add (sessions, session);
    }
  else
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->sessions);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (sessions, value);
    }

  return sessions;
}

static LurkSimUser *
body_broadcaster (LurkSim           *self,
                  SoupServerMessage *msg,
                  JsonObject        *body)
{
  const char *login = get_string (body, "broadcaster");
  LurkSimUser *user;

  if (login == NULL)
    return _lurk_sim_default_broadcaster (self);

  user = _lurk_sim_user_by_login (self, login);
  if (user == NULL)
    user = _lurk_sim_user_by_id (self, login);
  if (user == NULL)
    _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Unknown broadcaster login");

  return user;
}

static void
merge_over (JsonObject *target,
            JsonObject *overrides)
{
  g_autoptr(GList) members = overrides ? json_object_get_members (overrides) : NULL;

  for (const GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (overrides, l->data);
      JsonNode *existing = json_object_get_member (target, l->data);

      /* Nested objects merge too, so {"sub":{"sub_tier":"3000"}} keeps the other fields. */
      if (existing != NULL && JSON_NODE_HOLDS_OBJECT (existing) && JSON_NODE_HOLDS_OBJECT (node))
        merge_over (json_node_get_object (existing), json_node_get_object (node));
      else
        json_object_set_member (target, l->data, json_node_copy (node));
    }
}

static char *
object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

/* World effects of an event, so Helix agrees with what was announced. */
static void
apply_to_world (LurkSim     *self,
                const char  *type,
                LurkSimUser *broadcaster,
                JsonObject  *event)
{
  if (broadcaster == NULL)
    return;

  if (g_str_equal (type, "stream.online"))
    {
      const char *id = json_object_get_string_member_with_default (event, "id", NULL);
      const char *started = json_object_get_string_member_with_default (event, "started_at", NULL);

      broadcaster->live = TRUE;
      g_free (broadcaster->stream_id);
      broadcaster->stream_id = g_strdup (id ? id : "40000000001");
      g_free (broadcaster->started_at);
      broadcaster->started_at = started ? g_strdup (started) : _lurk_sim_now_rfc3339 ();
      if (broadcaster->viewer_count == 0)
        broadcaster->viewer_count = 1 + g_rand_int_range (self->rand, 5, 2000);
    }
  else if (g_str_equal (type, "stream.offline"))
    {
      broadcaster->live = FALSE;
      g_clear_pointer (&broadcaster->stream_id, g_free);
      g_clear_pointer (&broadcaster->started_at, g_free);
      broadcaster->viewer_count = 0;
    }
  else if (g_str_equal (type, "channel.update"))
    {
      const char *title = json_object_get_string_member_with_default (event, "title", NULL);
      const char *category_id = json_object_get_string_member_with_default (event, "category_id", NULL);
      const char *category_name = json_object_get_string_member_with_default (event, "category_name", NULL);

      if (title != NULL)
        {
          g_free (broadcaster->title);
          broadcaster->title = g_strdup (title);
        }
      if (category_id != NULL && category_name != NULL)
        {
          g_free (broadcaster->category_id);
          broadcaster->category_id = g_strdup (category_id);
          g_free (broadcaster->category_name);
          broadcaster->category_name = g_strdup (category_name);
        }
    }
}

static gboolean
session_wanted (LurkSimSubscription *sub,
                const char          *session_id)
{
  return session_id == NULL || g_str_equal (sub->session_id, session_id);
}

/* Delivers one event to every enabled subscription it matches; returns the deliveries. */
static guint
deliver_event (LurkSim     *self,
               const char  *type,
               JsonObject  *event,
               LurkSimUser *broadcaster,
               const char  *session_id,
               GPtrArray   *message_ids)
{
  g_autofree char *json = object_to_string (event);
  guint sent = 0;

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      char *id = NULL;

      if (!g_str_equal (sub->status, "enabled") || !session_wanted (sub, session_id) ||
          !_lurk_sim_subscription_matches (sub, type, broadcaster, event))
        continue;

      _lurk_sim_deliver (self, sub, json, &id);
      if (id != NULL)
        {
          sent++;
          if (message_ids != NULL)
            g_ptr_array_add (message_ids, id);
          else
            g_free (id);
        }
    }

  return sent;
}

guint
_lurk_sim_trigger (LurkSim     *self,
                   const char  *type,
                   JsonObject  *event,
                   LurkSimUser *broadcaster,
                   const char  *session_id,
                   GPtrArray   *message_ids)
{
  apply_to_world (self, type, broadcaster, event);
  _lurk_sim_embed_chat_event (self, type, event);

  return deliver_event (self, type, event, broadcaster, session_id, message_ids);
}

static void
control_trigger (LurkSim           *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  const char *type = get_string (body, "type");
  const char *notice_type = get_string (body, "notice_type");
  const char *session_id = get_string (body, "session");
  JsonObject *overrides = get_object (body, "event");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *timestamp = NULL;
  JsonArray *array = json_array_new ();
  LurkSimUser *broadcaster;
  gint64 count = 1, age = 0;
  guint sent = 0;

  if (type == NULL)
    {
      json_array_unref (array);
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "type is required");
      return;
    }
  if (json_object_has_member (body, "count") && (!get_int (body, "count", &count) ||
                                                 count < 1 || count > 100000))
    {
      json_array_unref (array);
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "count must be 1..100000");
      return;
    }
  if ((broadcaster = body_broadcaster (self, msg, body)) == NULL)
    {
      json_array_unref (array);
      return;
    }

  /* An old message_timestamp, to check that clients drop stale messages. */
  if (get_int (body, "age_seconds", &age))
    timestamp = _lurk_sim_rfc3339 (g_get_real_time () - age * G_USEC_PER_SEC);
  else if (get_string (body, "message_timestamp") != NULL)
    timestamp = g_strdup (get_string (body, "message_timestamp"));

  for (gint64 i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) event = _lurk_sim_generate_event (self, type, notice_type,
                                                              broadcaster, &error);

      if (event == NULL)
        {
          json_array_unref (array);
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
          return;
        }
      merge_over (event, overrides);
      self->timestamp_override = timestamp;
      sent += _lurk_sim_trigger (self, type, event, broadcaster, session_id, ids);
      self->timestamp_override = NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  json_object_set_int_member (reply, "sent", sent);
  json_object_set_array_member (reply, "message_ids", array);
  reply_ok (msg, reply);
}

/* Floods: a pool of pre-serialized events, sent in batches from a 1 ms timer, pausing while a
 * receiving socket has more than FLOOD_MAX_PENDING bytes queued. */

static void
flood_free (LurkSimFlood *flood)
{
  _lurk_sim_source_clear (&flood->source);
  g_free (flood->type);
  g_free (flood->broadcaster_id);
  g_free (flood->session_id);
  g_ptr_array_unref (flood->pool);
  g_free (flood);
}

static gboolean
flood_tick (gpointer data)
{
  LurkSimFlood *flood = data;
  LurkSim *self = flood->sim;
  LurkSimUser *broadcaster = _lurk_sim_user_by_id (self, flood->broadcaster_id);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  guint64 due;

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      LurkSimSession *session;

      if (!g_str_equal (sub->status, "enabled") || !session_wanted (sub, flood->session_id) ||
          !_lurk_sim_subscription_matches (sub, flood->type, broadcaster, NULL))
        continue;

      session = _lurk_sim_session_lookup (self, sub->session_id);
      if (session != NULL && _lurk_sim_session_pending (session) > FLOOD_MAX_PENDING)
        return G_SOURCE_CONTINUE;
      g_ptr_array_add (targets, sub);
    }

  if (flood->rate > 0)
    {
      double elapsed = (g_get_monotonic_time () - flood->started) / 1e6;

      due = MIN ((guint64)(elapsed * flood->rate) + 1, flood->count) - flood->sent;
    }
  else
    {
      due = flood->count - flood->sent;
    }
  due = MIN (due, FLOOD_BATCH);

  for (guint64 n = 0; n < due; n++)
    {
      const char *json = g_ptr_array_index (flood->pool, flood->sent % flood->pool->len);

      for (guint i = 0; i < targets->len; i++)
        _lurk_sim_deliver (self, g_ptr_array_index (targets, i), json, NULL);
      flood->sent++;
    }

  if (flood->sent >= flood->count)
    {
      g_ptr_array_remove (self->floods, flood);
      flood_free (flood);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

void
_lurk_sim_floods_stop (LurkSim *self)
{
  while (self->floods->len > 0)
    {
      LurkSimFlood *flood = g_ptr_array_steal_index (self->floods, self->floods->len - 1);

      flood_free (flood);
    }
}

guint
_lurk_sim_floods_running (LurkSim *self)
{
  return self->floods->len;
}

static void
control_flood (LurkSim           *self,
               SoupServerMessage *msg,
               JsonObject        *body)
{
  const char *type = get_string (body, "type");
  const char *notice_type = get_string (body, "notice_type");
  const char *session_id = get_string (body, "session");
  JsonObject *overrides = get_object (body, "event");
  g_autoptr(JsonObject) reply = json_object_new ();
  LurkSimUser *broadcaster;
  LurkSimFlood *flood;
  gint64 count = 0;
  double rate = 0;

  if (type == NULL || !get_int (body, "count", &count) || count < 1)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "type and a positive count are required");
      return;
    }
  if (json_object_has_member (body, "rate") && (!get_double (body, "rate", &rate) || rate < 0))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "rate must be a number >= 0");
      return;
    }
  if ((broadcaster = body_broadcaster (self, msg, body)) == NULL)
    return;

  flood = g_new0 (LurkSimFlood, 1);
  flood->sim = self;
  flood->id = next_flood_id++;
  flood->type = g_strdup (type);
  flood->broadcaster_id = g_strdup (broadcaster->id);
  flood->session_id = g_strdup (session_id);
  flood->pool = g_ptr_array_new_with_free_func (g_free);
  flood->count = count;
  flood->rate = rate;

  for (guint i = 0; i < FLOOD_POOL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) event = _lurk_sim_generate_event (self, type, notice_type,
                                                              broadcaster, &error);

      if (event == NULL)
        {
          flood_free (flood);
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
          return;
        }
      merge_over (event, overrides);
      g_ptr_array_add (flood->pool, object_to_string (event));
    }

  flood->started = g_get_monotonic_time ();
  flood->source = _lurk_sim_timeout (self, 1, flood_tick, flood);
  g_ptr_array_add (self->floods, flood);

  json_object_set_int_member (reply, "flood_id", flood->id);
  json_object_set_int_member (reply, "count", count);
  json_object_set_double_member (reply, "rate", rate);
  _lurk_sim_reply_object (msg, SOUP_STATUS_ACCEPTED, reply);
}

static void
control_sessions_action (LurkSim           *self,
                         SoupServerMessage *msg,
                         JsonObject        *body,
                         const char        *action)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  gint64 code = 0;
  gboolean enabled = TRUE;

  if (g_str_equal (action, "close"))
    {
      if (!get_int (body, "code", &code) ||
          !(code == 1000 || (code >= 3000 && code <= 4999)))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "code must be 1000 or 3000..4999 (Twitch uses 4000..4007)");
          return;
        }
    }
  else if (g_str_equal (action, "keepalive"))
    {
      if (!get_bool (body, "enabled", &enabled))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "enabled (boolean) is required");
          return;
        }
    }

  sessions = target_sessions (self, msg, body);
  if (sessions == NULL)
    return;

  for (guint i = 0; i < sessions->len; i++)
    {
      LurkSimSession *session = g_ptr_array_index (sessions, i);

      if (g_str_equal (action, "reconnect"))
        _lurk_sim_session_reconnect (session);
      else if (g_str_equal (action, "drop"))
        _lurk_sim_session_drop (session);
      else if (g_str_equal (action, "keepalive"))
        _lurk_sim_session_set_keepalive (session, enabled);
      else if (g_str_equal (action, "close"))
        {
          static const char *reasons[] = {
            "internal server error", "client sent inbound traffic", "client failed ping-pong",
            "connection unused", "reconnect grace time expired", "network timeout",
            "network error", "invalid reconnect",
          };
          const char *reason = code >= 4000 && code <= 4007 ? reasons[code - 4000] : "closed";

          _lurk_sim_session_close (session, (gushort)code, reason);
        }
    }

  json_object_set_int_member (reply, "sessions", sessions->len);
  reply_ok (msg, reply);
}

static void
control_duplicate (LurkSim           *self,
                   SoupServerMessage *msg,
                   JsonObject        *body)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *ids = json_array_new ();
  gint64 count = 1;
  guint sent = 0;
  GList *l;

  if (json_object_has_member (body, "count") && (!get_int (body, "count", &count) || count < 1))
    {
      json_array_unref (ids);
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "count must be a positive integer");
      return;
    }

  /* Oldest first among the last `count`, as they were sent. */
  l = self->recent->tail;
  for (gint64 i = 1; i < count && l && l->prev; i++)
    l = l->prev;
  for (gint64 i = 0; l && i < count; l = l->next, i++)
    {
      LurkSimRecent *recent = l->data;
      LurkSimSession *session = _lurk_sim_session_lookup (self, recent->session_id);
      const char *start = strstr (recent->text, "\"message_id\":\"");

      if (session == NULL || session->ended)
        continue;
      _lurk_sim_session_send (session, recent->text, strlen (recent->text), TRUE);
      sent++;
      if (start != NULL)
        {
          g_autofree char *id = g_strndup (start + 14, 36);

          json_array_add_string_element (ids, id);
          g_ptr_array_add (self->sent_ids, g_steal_pointer (&id));
        }
    }

  json_object_set_int_member (reply, "sent", sent);
  json_object_set_array_member (reply, "message_ids", ids);
  reply_ok (msg, reply);
}

static void
control_revoke (LurkSim           *self,
                SoupServerMessage *msg,
                JsonObject        *body)
{
  static const char *statuses[] = {
    "authorization_revoked", "user_removed", "version_removed", "moderator_removed", NULL,
  };
  const char *id = get_string (body, "subscription_id");
  const char *type = get_string (body, "type");
  const char *status = get_string (body, "status");
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();

  if (status == NULL)
    status = "authorization_revoked";
  if (!g_strv_contains (statuses, status))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "status must be authorization_revoked, user_removed, "
                             "version_removed or moderator_removed");
      return;
    }
  if (id == NULL && type == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "subscription_id or type is required");
      return;
    }

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);

      if (!g_str_equal (sub->status, "enabled"))
        continue;
      if ((id != NULL && g_str_equal (sub->id, id)) || (type != NULL && g_str_equal (sub->type, type)))
        g_ptr_array_add (matching, sub);
    }

  if (id != NULL && matching->len == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "No enabled subscription has this id");
      return;
    }

  for (guint i = 0; i < matching->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (matching, i);

      _lurk_sim_session_revoke (_lurk_sim_session_lookup (self, sub->session_id), sub, status);
    }

  json_object_set_int_member (reply, "revoked", matching->len);
  reply_ok (msg, reply);
}

static void
trigger_generated (LurkSim     *self,
                   const char  *type,
                   LurkSimUser *broadcaster,
                   JsonObject  *overrides,
                   GPtrArray   *ids)
{
  g_autoptr(JsonObject) event = _lurk_sim_generate_event (self, type, NULL, broadcaster, NULL);

  merge_over (event, overrides);
  _lurk_sim_trigger (self, type, event, broadcaster, NULL, ids);
}

static void
control_stream (LurkSim           *self,
                SoupServerMessage *msg,
                JsonObject        *body)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  LurkSimUser *broadcaster;
  gboolean live;

  if (!get_bool (body, "live", &live))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "live (boolean) is required");
      return;
    }
  if ((broadcaster = body_broadcaster (self, msg, body)) == NULL)
    return;

  if (live != broadcaster->live)
    trigger_generated (self, live ? "stream.online" : "stream.offline", broadcaster, NULL, ids);

  json_object_set_boolean_member (reply, "live", broadcaster->live);
  json_object_set_int_member (reply, "sent", ids->len);
  reply_ok (msg, reply);
}

static void
control_channel (LurkSim           *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(JsonObject) overrides = json_object_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *title = get_string (body, "title");
  const char *category = get_string (body, "category_name");
  LurkSimUser *broadcaster;

  if ((broadcaster = body_broadcaster (self, msg, body)) == NULL)
    return;

  json_object_set_string_member (overrides, "title", title ? title : broadcaster->title);
  if (category != NULL)
    {
      g_autofree char *category_id = g_strdup_printf ("%u", 500000 + g_str_hash (category) % 100000);

      json_object_set_string_member (overrides, "category_name", category);
      json_object_set_string_member (overrides, "category_id", category_id);
    }
  else
    {
      json_object_set_string_member (overrides, "category_name", broadcaster->category_name);
      json_object_set_string_member (overrides, "category_id", broadcaster->category_id);
    }

  trigger_generated (self, "channel.update", broadcaster, overrides, ids);

  json_object_set_string_member (reply, "title", broadcaster->title);
  json_object_set_string_member (reply, "category_name", broadcaster->category_name);
  json_object_set_int_member (reply, "sent", ids->len);
  reply_ok (msg, reply);
}

static void
control_device (LurkSim           *self,
                SoupServerMessage *msg,
                JsonObject        *body,
                gboolean           approve)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();

  if (!_lurk_sim_device_decide (self, get_string (body, "user_code"), get_string (body, "login"),
                                approve, &error))
    {
      _lurk_sim_reply_error (msg, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                                    ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_BAD_REQUEST,
                             error->message);
      return;
    }

  json_object_set_string_member (reply, "status", approve ? "approved" : "denied");
  reply_ok (msg, reply);
}

static void
control_tokens_list (LurkSim           *self,
                     SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_new ();
  GHashTableIter iter;
  LurkSimToken *token;

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&token))
    json_array_add_object_element (data, _lurk_sim_token_to_json (self, token));

  json_object_set_array_member (reply, "data", data);
  reply_ok (msg, reply);
}

static void
control_tokens_mint (LurkSim           *self,
                     SoupServerMessage *msg,
                     JsonObject        *body)
{
  const char *login = get_string (body, "login");
  const char *client_id = get_string (body, "client_id");
  JsonNode *scopes_node = json_object_get_member (body, "scopes");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) scopes = NULL;
  g_autofree char *refresh = NULL;
  g_autoptr(JsonObject) reply = NULL;
  LurkSimUser *user = _lurk_sim_user_by_login (self, login);
  LurkSimToken *token;

  if (user == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "login must name a seeded user");
      return;
    }
  if (client_id == NULL)
    client_id = LURK_SIM_CLIENT_ID;
  if (!g_hash_table_contains (self->clients, client_id))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Unknown client_id");
      return;
    }
  if (scopes_node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (scopes_node))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "scopes must be an array of strings");
          return;
        }
      array = json_node_get_array (scopes_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                     "scopes must be an array of strings");
              return;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  scopes = g_strv_builder_end (builder);

  token = _lurk_sim_token_issue (self, client_id, user->id, (const char * const *)scopes, NULL,
                                 TRUE, &refresh);
  reply = _lurk_sim_token_to_json (self, token);
  json_object_set_string_member (reply, "refresh_token", refresh);
  reply_ok (msg, reply);
}

static void
control_tokens_change (LurkSim           *self,
                       SoupServerMessage *msg,
                       JsonObject        *body,
                       gboolean           revoke)
{
  const char *value = get_string (body, "token");
  g_autoptr(JsonObject) reply = json_object_new ();
  GHashTableIter iter;
  LurkSimToken *token;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&token))
    {
      if (value != NULL && !g_str_equal (value, token->access_token))
        continue;
      if (revoke)
        token->revoked = TRUE;
      else
        token->expires_at = g_get_real_time () - 1;
      n++;
    }

  if (value != NULL && n == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Unknown token");
      return;
    }

  json_object_set_int_member (reply, revoke ? "revoked" : "expired", n);
  reply_ok (msg, reply);
}

static void
control_helix_fail (LurkSim           *self,
                    SoupServerMessage *msg,
                    JsonObject        *body)
{
  const char *path = get_string (body, "path");
  gint64 status = 503, count = 1;
  LurkSimFailure *failure;
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();

  if (path == NULL || path[0] == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "path is required, e.g. /users");
      return;
    }
  if ((json_object_has_member (body, "status") && (!get_int (body, "status", &status) ||
                                                   status < 400 || status > 599)) ||
      (json_object_has_member (body, "count") && (!get_int (body, "count", &count) || count < 1)))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "status must be 400..599 and count positive");
      return;
    }

  if (g_str_has_prefix (path, "/helix/"))
    path += strlen ("/helix");
  key = path[0] == '/' ? g_strdup (path) : g_strconcat ("/", path, NULL);

  failure = g_new0 (LurkSimFailure, 1);
  failure->status = status;
  failure->count = count;
  g_hash_table_replace (self->failures, g_strdup (key), failure);

  json_object_set_string_member (reply, "path", key);
  json_object_set_int_member (reply, "status", status);
  json_object_set_int_member (reply, "count", count);
  reply_ok (msg, reply);
}

static void
control_sent (LurkSim           *self,
              SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_sized_new (self->sent_ids->len);

  for (guint i = 0; i < self->sent_ids->len; i++)
    json_array_add_string_element (data, g_ptr_array_index (self->sent_ids, i));

  json_object_set_array_member (reply, "data", data);
  json_object_set_int_member (reply, "total", self->sent_ids->len);
  reply_ok (msg, reply);
}

static void
control_subscriptions (LurkSim           *self,
                       SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_new ();

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      JsonObject *object = _lurk_sim_subscription_to_json (sub);

      json_object_set_string_member (object, "client_id", sub->client_id);
      json_object_set_string_member (object, "user_id", sub->user_id);
      json_array_add_object_element (data, object);
    }

  json_object_set_array_member (reply, "data", data);
  json_object_set_int_member (reply, "total", self->subscription_order->len);
  reply_ok (msg, reply);
}

static void
control_sessions (LurkSim           *self,
                  SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = json_array_new ();
  GHashTableIter iter;
  LurkSimSession *session;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&session))
    json_array_add_object_element (data, _lurk_sim_session_to_json (session));

  json_object_set_array_member (reply, "data", data);
  reply_ok (msg, reply);
}

static void
control_stats (LurkSim           *self,
               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  GHashTableIter iter;
  LurkSimSession *session;
  guint connections = 0, enabled = 0;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&session))
    connections += (session->socket != NULL) + (session->old_socket != NULL);

  for (guint i = 0; i < self->subscription_order->len; i++)
    enabled += g_str_equal (((LurkSimSubscription *)g_ptr_array_index (self->subscription_order, i))->status,
                            "enabled");

  json_object_set_int_member (reply, "connections", connections);
  json_object_set_int_member (reply, "connections_total", self->connections_total);
  json_object_set_int_member (reply, "sessions", g_hash_table_size (self->sessions));
  json_object_set_int_member (reply, "subscriptions", self->subscription_order->len);
  json_object_set_int_member (reply, "subscriptions_enabled", enabled);
  json_object_set_int_member (reply, "notifications_sent", self->notifications_sent);
  json_object_set_int_member (reply, "messages_sent", self->messages_sent);
  json_object_set_int_member (reply, "floods_running", _lurk_sim_floods_running (self));
  reply_ok (msg, reply);
}

static void
control_reset (LurkSim           *self,
               SoupServerMessage *msg)
{
  g_autoptr(GList) sessions = g_hash_table_get_values (self->sessions);
  g_autoptr(JsonObject) reply = json_object_new ();

  _lurk_sim_floods_stop (self);
  for (const GList *l = sessions; l; l = l->next)
    _lurk_sim_session_drop (l->data);
  g_hash_table_remove_all (self->sessions);
  g_ptr_array_set_size (self->subscription_order, 0);
  g_hash_table_remove_all (self->subscriptions);
  g_ptr_array_set_size (self->sent_ids, 0);
  while (!g_queue_is_empty (self->recent))
    {
      LurkSimRecent *recent = g_queue_pop_head (self->recent);

      g_free (recent->session_id);
      g_free (recent->text);
      g_free (recent);
    }
  g_hash_table_remove_all (self->buckets);
  g_hash_table_remove_all (self->failures);
  if (self->chat_backlog != NULL)
    g_hash_table_remove_all (self->chat_backlog);
  self->notifications_sent = 0;
  self->messages_sent = 0;
  self->connections_total = 0;
  _lurk_sim_world_reset (self);
  _lurk_sim_oauth_init (self);

  json_object_set_boolean_member (reply, "reset", TRUE);
  reply_ok (msg, reply);
}

static void
control_config (LurkSim           *self,
                SoupServerMessage *msg,
                JsonObject        *body)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  gint64 value;
  double scale;
  gboolean flag;

  if (get_int (body, "keepalive", &value))
    lurk_sim_set_keepalive (self, CLAMP (value, 10, 600));
  if (get_int (body, "grace", &value) && value > 0)
    lurk_sim_set_reconnect_grace (self, value);
  if (get_int (body, "subscribe_window", &value) && value > 0)
    lurk_sim_set_subscribe_window (self, value);
  if (get_int (body, "ping_interval", &value) && value >= 0)
    lurk_sim_set_ping_interval (self, value);
  if (get_int (body, "rate_limit", &value) && value > 0)
    lurk_sim_set_rate_limit (self, value);
  if (get_double (body, "time_scale", &scale) && scale > 0)
    lurk_sim_set_time_scale (self, scale);
  if (get_bool (body, "require_subscription", &flag))
    lurk_sim_set_require_subscription (self, flag);

  json_object_set_int_member (reply, "keepalive", self->keepalive_default);
  json_object_set_int_member (reply, "grace", self->grace_seconds);
  json_object_set_int_member (reply, "subscribe_window", self->subscribe_window);
  json_object_set_int_member (reply, "ping_interval", self->ping_interval);
  json_object_set_int_member (reply, "rate_limit", self->rate_limit);
  json_object_set_double_member (reply, "time_scale", self->time_scale);
  json_object_set_boolean_member (reply, "require_subscription", self->require_subscription);
  json_object_set_string_member (reply, "scenario", self->scenario);
  reply_ok (msg, reply);
}

static void
control_clients (LurkSim           *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  const char *client_id = get_string (body, "client_id");
  const char *redirect_uri = get_string (body, "redirect_uri");
  g_autoptr(JsonObject) reply = json_object_new ();

  if (client_id == NULL || client_id[0] == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "client_id is required");
      return;
    }

  lurk_sim_add_client (self, client_id, redirect_uri);
  json_object_set_string_member (reply, "client_id", client_id);
  reply_ok (msg, reply);
}

void
_lurk_sim_handle_control (LurkSim           *self,
                          SoupServerMessage *msg,
                          const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(GError) error = NULL;

  if (g_str_equal (method, "GET"))
    {
      if (g_str_equal (path, "/sent"))
        control_sent (self, msg);
      else if (g_str_equal (path, "/subscriptions"))
        control_subscriptions (self, msg);
      else if (g_str_equal (path, "/sessions"))
        control_sessions (self, msg);
      else if (g_str_equal (path, "/stats"))
        control_stats (self, msg);
      else if (g_str_equal (path, "/tokens"))
        control_tokens_list (self, msg);
      else if (g_str_equal (path, "/config"))
        {
          g_autoptr(JsonObject) empty = json_object_new ();

          control_config (self, msg, empty);
        }
      else
        _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  if (!g_str_equal (method, "POST"))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
      return;
    }

  body = _lurk_sim_parse_body (msg, &error);
  if (body == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }

  if (g_str_equal (path, "/trigger"))
    control_trigger (self, msg, body);
  else if (g_str_equal (path, "/flood"))
    control_flood (self, msg, body);
  else if (g_str_equal (path, "/reconnect"))
    control_sessions_action (self, msg, body, "reconnect");
  else if (g_str_equal (path, "/drop"))
    control_sessions_action (self, msg, body, "drop");
  else if (g_str_equal (path, "/close"))
    control_sessions_action (self, msg, body, "close");
  else if (g_str_equal (path, "/keepalive"))
    control_sessions_action (self, msg, body, "keepalive");
  else if (g_str_equal (path, "/duplicate"))
    control_duplicate (self, msg, body);
  else if (g_str_equal (path, "/revoke"))
    control_revoke (self, msg, body);
  else if (g_str_equal (path, "/stream"))
    control_stream (self, msg, body);
  else if (g_str_equal (path, "/channel"))
    control_channel (self, msg, body);
  else if (g_str_equal (path, "/device/approve"))
    control_device (self, msg, body, TRUE);
  else if (g_str_equal (path, "/device/deny"))
    control_device (self, msg, body, FALSE);
  else if (g_str_equal (path, "/tokens"))
    control_tokens_mint (self, msg, body);
  else if (g_str_equal (path, "/tokens/expire"))
    control_tokens_change (self, msg, body, FALSE);
  else if (g_str_equal (path, "/tokens/revoke"))
    control_tokens_change (self, msg, body, TRUE);
  else if (g_str_equal (path, "/helix/fail"))
    control_helix_fail (self, msg, body);
  else if (g_str_equal (path, "/reset"))
    control_reset (self, msg);
  else if (g_str_equal (path, "/config"))
    control_config (self, msg, body);
  else if (g_str_equal (path, "/clients"))
    control_clients (self, msg, body);
  else
    _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
}
