/* lurk-sim-control.c: the /sim control API (trigger, flood, faults, tokens, stats)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-control-private.h"
#include "lurk-sim-payloads.h"

/* Body helpers: members with the wrong JSON type count as missing. */

const char *
_lurk_sim_ctl_get_string (JsonObject *object,
                          const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_lurk_sim_ctl_get_int (JsonObject *object,
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

gboolean
_lurk_sim_ctl_get_double (JsonObject *object,
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

gboolean
_lurk_sim_ctl_get_bool (JsonObject *object,
                        const char *key,
                        gboolean   *value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

JsonObject *
_lurk_sim_ctl_get_object (JsonObject *object,
                          const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

void
_lurk_sim_ctl_reply_ok (SoupServerMessage *msg,
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
  const char *id = _lurk_sim_ctl_get_string (body, "session");
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

LurkSimUser *
_lurk_sim_ctl_body_broadcaster (LurkSim           *self,
                                SoupServerMessage *msg,
                                JsonObject        *body)
{
  const char *login = _lurk_sim_ctl_get_string (body, "broadcaster");
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

void
_lurk_sim_ctl_merge_over (JsonObject *target,
                          JsonObject *overrides)
{
  g_autoptr(GList) members = overrides ? json_object_get_members (overrides) : NULL;

  for (const GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (overrides, l->data);
      JsonNode *existing = json_object_get_member (target, l->data);

      /* Nested objects merge too, so {"sub":{"sub_tier":"3000"}} keeps the other fields. */
      if (existing != NULL && JSON_NODE_HOLDS_OBJECT (existing) && JSON_NODE_HOLDS_OBJECT (node))
        _lurk_sim_ctl_merge_over (json_node_get_object (existing), json_node_get_object (node));
      else
        json_object_set_member (target, l->data, json_node_copy (node));
    }
}

char *
_lurk_sim_ctl_object_to_string (JsonObject *object)
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
      const char *category_id
        = json_object_get_string_member_with_default (event, "category_id", NULL);
      const char *category_name
        = json_object_get_string_member_with_default (event, "category_name", NULL);

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

gboolean
_lurk_sim_ctl_session_wanted (LurkSimSubscription *sub,
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
  g_autofree char *json = _lurk_sim_ctl_object_to_string (event);
  guint sent = 0;

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      char *id = NULL;

      if (!g_str_equal (sub->status, "enabled") || !_lurk_sim_ctl_session_wanted (sub, session_id)
          || !_lurk_sim_subscription_matches (sub, type, broadcaster, event))
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
  const char *type = _lurk_sim_ctl_get_string (body, "type");
  const char *notice_type = _lurk_sim_ctl_get_string (body, "notice_type");
  const char *session_id = _lurk_sim_ctl_get_string (body, "session");
  JsonObject *overrides = _lurk_sim_ctl_get_object (body, "event");
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *timestamp = NULL;
  JsonArray *array = json_array_new ();
  LurkSimUser *broadcaster;
  LurkSimUser *raid_to = NULL;
  const char *raid_to_login;
  gint64 count = 1, age = 0;
  guint sent = 0;

  if (type == NULL)
    {
      json_array_unref (array);
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "type is required");
      return;
    }
  if (json_object_has_member (body, "count") && (!_lurk_sim_ctl_get_int (body, "count", &count) ||
                                                 count < 1 || count > 100000))
    {
      json_array_unref (array);
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "count must be 1..100000");
      return;
    }
  if ((broadcaster = _lurk_sim_ctl_body_broadcaster (self, msg, body)) == NULL)
    {
      json_array_unref (array);
      return;
    }

  /* channel.raid goes *to* the broadcaster, unless raid_to names the channel raided. */
  raid_to_login = _lurk_sim_ctl_get_string (body, "raid_to");
  if (raid_to_login != NULL && (raid_to = _lurk_sim_user_by_login (self, raid_to_login)) == NULL)
    {
      json_array_unref (array);
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Unknown raid_to login");
      return;
    }

  /* An old message_timestamp, to check that clients drop stale messages. */
  if (_lurk_sim_ctl_get_int (body, "age_seconds", &age))
    timestamp = _lurk_sim_rfc3339 (g_get_real_time () - age * G_USEC_PER_SEC);
  else if (_lurk_sim_ctl_get_string (body, "message_timestamp") != NULL)
    timestamp = g_strdup (_lurk_sim_ctl_get_string (body, "message_timestamp"));

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
      if (raid_to != NULL && g_str_equal (type, "channel.raid"))
        {
          _lurk_sim_set_user (event, "from_broadcaster_user", broadcaster);
          _lurk_sim_set_user (event, "to_broadcaster_user", raid_to);
        }
      _lurk_sim_ctl_merge_over (event, overrides);
      self->timestamp_override = timestamp;
      sent += _lurk_sim_trigger (self, type, event, broadcaster, session_id, ids);
      self->timestamp_override = NULL;
    }

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  json_object_set_int_member (reply, "sent", sent);
  json_object_set_array_member (reply, "message_ids", array);
  _lurk_sim_ctl_reply_ok (msg, reply);
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
      if (!_lurk_sim_ctl_get_int (body, "code", &code) ||
          !(code == 1000 || (code >= 3000 && code <= 4999)))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "code must be 1000 or 3000..4999 (Twitch uses 4000..4007)");
          return;
        }
    }
  else if (g_str_equal (action, "keepalive"))
    {
      if (!_lurk_sim_ctl_get_bool (body, "enabled", &enabled))
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
  _lurk_sim_ctl_reply_ok (msg, reply);
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

  if (json_object_has_member (body, "count")
      && (!_lurk_sim_ctl_get_int (body, "count", &count) || count < 1))
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
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
control_revoke (LurkSim           *self,
                SoupServerMessage *msg,
                JsonObject        *body)
{
  static const char *statuses[] = {
    "authorization_revoked", "user_removed", "version_removed", "moderator_removed", NULL,
  };
  const char *id = _lurk_sim_ctl_get_string (body, "subscription_id");
  const char *type = _lurk_sim_ctl_get_string (body, "type");
  const char *status = _lurk_sim_ctl_get_string (body, "status");
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
      if ((id != NULL && g_str_equal (sub->id, id))
          || (type != NULL && g_str_equal (sub->type, type)))
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
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
trigger_generated (LurkSim     *self,
                   const char  *type,
                   LurkSimUser *broadcaster,
                   JsonObject  *overrides,
                   GPtrArray   *ids)
{
  g_autoptr(JsonObject) event = _lurk_sim_generate_event (self, type, NULL, broadcaster, NULL);

  _lurk_sim_ctl_merge_over (event, overrides);
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

  if (!_lurk_sim_ctl_get_bool (body, "live", &live))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "live (boolean) is required");
      return;
    }
  if ((broadcaster = _lurk_sim_ctl_body_broadcaster (self, msg, body)) == NULL)
    return;

  if (live != broadcaster->live)
    trigger_generated (self, live ? "stream.online" : "stream.offline", broadcaster, NULL, ids);

  json_object_set_boolean_member (reply, "live", broadcaster->live);
  json_object_set_int_member (reply, "sent", ids->len);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
control_channel (LurkSim           *self,
                 SoupServerMessage *msg,
                 JsonObject        *body)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(JsonObject) overrides = json_object_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  const char *title = _lurk_sim_ctl_get_string (body, "title");
  const char *category = _lurk_sim_ctl_get_string (body, "category_name");
  LurkSimUser *broadcaster;

  if ((broadcaster = _lurk_sim_ctl_body_broadcaster (self, msg, body)) == NULL)
    return;

  json_object_set_string_member (overrides, "title", title ? title : broadcaster->title);
  if (category != NULL)
    {
      g_autofree char *category_id
        = g_strdup_printf ("%u", 500000 + g_str_hash (category) % 100000);

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
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
control_device (LurkSim           *self,
                SoupServerMessage *msg,
                JsonObject        *body,
                gboolean           approve)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();

  if (!_lurk_sim_device_decide (self, _lurk_sim_ctl_get_string (body, "user_code"),
                                _lurk_sim_ctl_get_string (body, "login"), approve, &error))
    {
      _lurk_sim_reply_error (msg, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                             ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_BAD_REQUEST,
                             error->message);
      return;
    }

  json_object_set_string_member (reply, "status", approve ? "approved" : "denied");
  _lurk_sim_ctl_reply_ok (msg, reply);
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
        _lurk_sim_control_sent (self, msg);
      else if (g_str_equal (path, "/subscriptions"))
        _lurk_sim_control_subscriptions (self, msg);
      else if (g_str_equal (path, "/sessions"))
        _lurk_sim_control_sessions (self, msg);
      else if (g_str_equal (path, "/stats"))
        _lurk_sim_control_stats (self, msg);
      else if (g_str_equal (path, "/tokens"))
        _lurk_sim_control_tokens_list (self, msg);
      else if (g_str_equal (path, "/config"))
        {
          g_autoptr(JsonObject) empty = json_object_new ();

          _lurk_sim_control_config (self, msg, empty);
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
    _lurk_sim_control_flood (self, msg, body);
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
    _lurk_sim_control_tokens_mint (self, msg, body);
  else if (g_str_equal (path, "/tokens/expire"))
    _lurk_sim_control_tokens_change (self, msg, body, FALSE);
  else if (g_str_equal (path, "/tokens/revoke"))
    _lurk_sim_control_tokens_change (self, msg, body, TRUE);
  else if (g_str_equal (path, "/helix/fail"))
    _lurk_sim_control_helix_fail (self, msg, body);
  else if (g_str_equal (path, "/reset"))
    _lurk_sim_control_reset (self, msg);
  else if (g_str_equal (path, "/config"))
    _lurk_sim_control_config (self, msg, body);
  else if (g_str_equal (path, "/clock"))
    _lurk_sim_control_clock (self, msg, body);
  else if (g_str_equal (path, "/clients"))
    _lurk_sim_control_clients (self, msg, body);
  else
    _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
}
