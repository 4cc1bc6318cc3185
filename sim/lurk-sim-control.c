/* lurk-sim-control.c: the /sim control API (trigger, flood, faults, tokens, stats)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-control-private.h"
#include "lurk-sim-payloads.h"

LurkSimControl *
_lurk_sim_control_new (LurkSimWorld    *world,
                       LurkSimOAuth    *oauth,
                       LurkSimHelix    *helix,
                       LurkSimEventSub *eventsub,
                       LurkSimEmbed    *embed)
{
  LurkSimControl *self = g_new0 (LurkSimControl, 1);

  self->world = world;
  self->oauth = oauth;
  self->helix = helix;
  self->eventsub = eventsub;
  self->embed = embed;
  self->floods = g_ptr_array_new ();
  self->scenario = g_strdup ("none");

  return self;
}

void
_lurk_sim_control_free (LurkSimControl *self)
{
  _lurk_sim_control_stop (self);
  g_ptr_array_unref (self->floods);
  g_free (self->scenario);
  g_free (self);
}

void
_lurk_sim_control_set_scenario (LurkSimControl *self,
                                const char     *scenario)
{
  g_free (self->scenario);
  self->scenario = g_strdup (scenario ? scenario : "none");
}

void
_lurk_sim_control_start (LurkSimControl *self)
{
  _lurk_sim_scenario_start (self);
}

void
_lurk_sim_control_stop (LurkSimControl *self)
{
  _lurk_sim_scenario_stop (self);
  _lurk_sim_floods_stop (self);
}

/* Body helpers: members with the wrong JSON type count as missing. */

const char *
_lurk_sim_ctl_get_string (JsonObject *object,
                          const char *key)
{
  return _lurk_sim_json_string (object, key);
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
    {
      double number = json_node_get_double (node);

      /* Converting a double out of gint64's range is undefined (UBSan on 1e300, see
       * tests/fuzz/regressions/sim-http/): out of range counts as the wrong type too. */
      if (!(number > -9.2e18 && number < 9.2e18))
        return FALSE;
      *value = (gint64)number;
    }
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

LurkSimUser *
_lurk_sim_ctl_body_broadcaster (LurkSimControl    *self,
                                SoupServerMessage *msg,
                                JsonObject        *body)
{
  const char *login = _lurk_sim_ctl_get_string (body, "broadcaster");
  LurkSimUser *user;

  if (login == NULL)
    return _lurk_sim_default_broadcaster (self->world);

  user = _lurk_sim_user_by_login (self->world, login);
  if (user == NULL)
    user = _lurk_sim_user_by_id (self->world, login);
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

/* World effects of an event, so Helix agrees with what was announced. */
static void
apply_to_world (LurkSimWorld *world,
                const char   *type,
                LurkSimUser  *broadcaster,
                JsonObject   *event)
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
        broadcaster->viewer_count = 1 + g_rand_int_range (world->rand, 5, 2000);
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

guint
_lurk_sim_trigger (LurkSimControl *self,
                   const char     *type,
                   JsonObject     *event,
                   LurkSimUser    *broadcaster,
                   const char     *session_id,
                   const char     *message_timestamp,
                   GPtrArray      *message_ids)
{
  apply_to_world (self->world, type, broadcaster, event);
  _lurk_sim_embed_chat_event (self->embed, type, event);

  return _lurk_sim_eventsub_deliver_event (self->eventsub, type, event, broadcaster, session_id,
                                           message_timestamp, message_ids);
}

static void
control_trigger (LurkSimControl              *self,
                 SoupServerMessage           *msg,
                 const LurkSimControlRequest *request)
{
  const char *type = request->type;
  const char *notice_type = request->notice_type;
  const char *session_id = request->session;
  JsonObject *overrides = request->overrides;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autofree char *timestamp = NULL;
  JsonArray *array = json_array_new ();
  LurkSimUser *broadcaster;
  LurkSimUser *raid_to = NULL;
  const char *raid_to_login;
  gint64 count = request->count;
  guint sent = 0;

  /* check_members() refuses a /trigger without "type" (a GET never routes here). */
  g_assert (type != NULL);

  if ((broadcaster = _lurk_sim_ctl_body_broadcaster (self, msg, request->body)) == NULL)
    {
      json_array_unref (array);
      return;
    }

  /* channel.raid goes *to* the broadcaster, unless raid_to names the channel raided. */
  raid_to_login = request->raid_to;
  if (raid_to_login != NULL
      && (raid_to = _lurk_sim_user_by_login (self->world, raid_to_login)) == NULL)
    {
      json_array_unref (array);
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Unknown raid_to login");
      return;
    }

  /* An old message_timestamp, to check that clients drop stale messages. */
  if (request->has_age)
    timestamp = _lurk_sim_rfc3339 (g_get_real_time ()
                                   + self->world->message_clock_offset * G_USEC_PER_SEC
                                   - request->age_seconds * G_USEC_PER_SEC);
  else if (request->message_timestamp != NULL)
    timestamp = g_strdup (request->message_timestamp);

  for (gint64 i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonObject) event = _lurk_sim_generate_event (self->world, type, notice_type,
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
      sent += _lurk_sim_trigger (self, type, event, broadcaster, session_id, timestamp, ids);
    }

  for (guint i = 0; i < ids->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (ids, i));
  json_object_set_int_member (reply, "sent", sent);
  json_object_set_array_member (reply, "message_ids", array);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
control_sessions_action (LurkSimControl              *self,
                         SoupServerMessage           *msg,
                         const LurkSimControlRequest *request)
{
  g_autoptr(GPtrArray) sessions = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  gint64 code = request->code;

  sessions = _lurk_sim_eventsub_sessions (self->eventsub, request->session);
  if (sessions == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "No such session");
      return;
    }

  for (guint i = 0; i < sessions->len; i++)
    {
      LurkSimSession *session = g_ptr_array_index (sessions, i);

      if (request->action == LURK_SIM_CTL_RECONNECT)
        _lurk_sim_session_reconnect (session);
      else if (request->action == LURK_SIM_CTL_DROP)
        _lurk_sim_session_drop (session);
      else if (request->action == LURK_SIM_CTL_KEEPALIVE)
        _lurk_sim_session_set_keepalive (session, request->enabled);
      else if (request->action == LURK_SIM_CTL_CLOSE)
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
control_duplicate (LurkSimControl    *self,
                   SoupServerMessage *msg,
                   gint64             count)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *ids = json_array_new ();
  guint sent = _lurk_sim_eventsub_duplicate (self->eventsub, count, ids);

  json_object_set_int_member (reply, "sent", sent);
  json_object_set_array_member (reply, "message_ids", ids);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
control_revoke (LurkSimControl              *self,
                SoupServerMessage           *msg,
                const LurkSimControlRequest *request)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  gint revoked = _lurk_sim_eventsub_revoke (self->eventsub, request->subscription_id,
                                            request->type, request->status);

  if (revoked < 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "No enabled subscription has this id");
      return;
    }

  json_object_set_int_member (reply, "revoked", revoked);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
trigger_generated (LurkSimControl *self,
                   const char     *type,
                   LurkSimUser    *broadcaster,
                   JsonObject     *overrides,
                   GPtrArray      *ids)
{
  g_autoptr(JsonObject) event = _lurk_sim_generate_event (self->world, type, NULL, broadcaster,
                                                          NULL);

  _lurk_sim_ctl_merge_over (event, overrides);
  _lurk_sim_trigger (self, type, event, broadcaster, NULL, NULL, ids);
}

static void
control_stream (LurkSimControl    *self,
                SoupServerMessage *msg,
                JsonObject        *body,
                gboolean           live)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  LurkSimUser *broadcaster;

  if ((broadcaster = _lurk_sim_ctl_body_broadcaster (self, msg, body)) == NULL)
    return;

  if (live != broadcaster->live)
    trigger_generated (self, live ? "stream.online" : "stream.offline", broadcaster, NULL, ids);

  json_object_set_boolean_member (reply, "live", broadcaster->live);
  json_object_set_int_member (reply, "sent", ids->len);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

static void
control_channel (LurkSimControl    *self,
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
control_device (LurkSimControl    *self,
                SoupServerMessage *msg,
                JsonObject        *body,
                gboolean           approve)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();

  if (!_lurk_sim_device_decide (self->oauth, _lurk_sim_ctl_get_string (body, "user_code"),
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

/* Parsing a request: no world, no message */

typedef struct
{
  const char          *path;
  LurkSimControlAction action;
} Route;

static const Route get_routes[] = {
  { "/sent", LURK_SIM_CTL_SENT },
  { "/subscriptions", LURK_SIM_CTL_SUBSCRIPTIONS },
  { "/sessions", LURK_SIM_CTL_SESSIONS },
  { "/stats", LURK_SIM_CTL_STATS },
  { "/tokens", LURK_SIM_CTL_TOKENS_LIST },
  { "/config", LURK_SIM_CTL_CONFIG_GET },
  { "/player", LURK_SIM_CTL_PLAYER_GET },
};

static const Route post_routes[] = {
  { "/trigger", LURK_SIM_CTL_TRIGGER },
  { "/flood", LURK_SIM_CTL_FLOOD },
  { "/reconnect", LURK_SIM_CTL_RECONNECT },
  { "/drop", LURK_SIM_CTL_DROP },
  { "/close", LURK_SIM_CTL_CLOSE },
  { "/keepalive", LURK_SIM_CTL_KEEPALIVE },
  { "/duplicate", LURK_SIM_CTL_DUPLICATE },
  { "/revoke", LURK_SIM_CTL_REVOKE },
  { "/stream", LURK_SIM_CTL_STREAM },
  { "/channel", LURK_SIM_CTL_CHANNEL },
  { "/device/approve", LURK_SIM_CTL_DEVICE_APPROVE },
  { "/device/deny", LURK_SIM_CTL_DEVICE_DENY },
  { "/tokens", LURK_SIM_CTL_TOKENS_MINT },
  { "/tokens/expire", LURK_SIM_CTL_TOKENS_EXPIRE },
  { "/tokens/revoke", LURK_SIM_CTL_TOKENS_REVOKE },
  { "/helix/fail", LURK_SIM_CTL_HELIX_FAIL },
  { "/reset", LURK_SIM_CTL_RESET },
  { "/config", LURK_SIM_CTL_CONFIG },
  { "/clock", LURK_SIM_CTL_CLOCK },
  { "/clients", LURK_SIM_CTL_CLIENTS },
  { "/oauth/lose", LURK_SIM_CTL_OAUTH_LOSE },
  { "/player", LURK_SIM_CTL_PLAYER },
};

static gboolean
find_route (const Route          *routes,
            gsize                 n_routes,
            const char           *path,
            LurkSimControlAction *action)
{
  for (gsize i = 0; i < n_routes; i++)
    {
      if (g_str_equal (routes[i].path, path))
        {
          *action = routes[i].action;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
bad_request (GError    **error,
             const char *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

#define MAX_AGE_SECONDS (G_GINT64_CONSTANT (100) * 366 * 24 * 60 * 60)

/* The members an action needs, checked in the order the handlers used to. */
static gboolean
check_members (LurkSimControlRequest *request,
               GError               **error)
{
  static const char *statuses[] = {
    "authorization_revoked", "user_removed", "version_removed", "moderator_removed", NULL,
  };
  JsonObject *body = request->body;

  switch (request->action)
    {
    case LURK_SIM_CTL_TRIGGER:
      request->type = _lurk_sim_ctl_get_string (body, "type");
      if (request->type == NULL)
        return bad_request (error, "type is required");
      if (json_object_has_member (body, "count") &&
          (!_lurk_sim_ctl_get_int (body, "count", &request->count) ||
           request->count < 1 || request->count > 100000))
        return bad_request (error, "count must be 1..100000");
      request->notice_type = _lurk_sim_ctl_get_string (body, "notice_type");
      request->session = _lurk_sim_ctl_get_string (body, "session");
      request->overrides = _lurk_sim_ctl_get_object (body, "event");
      request->raid_to = _lurk_sim_ctl_get_string (body, "raid_to");
      request->has_age = _lurk_sim_ctl_get_int (body, "age_seconds", &request->age_seconds);
      /* Turned into microseconds before now: a century either way cannot overflow. */
      if (request->has_age && (request->age_seconds < -MAX_AGE_SECONDS ||
                               request->age_seconds > MAX_AGE_SECONDS))
        return bad_request (error, "age_seconds must be within 100 years");
      request->message_timestamp = _lurk_sim_ctl_get_string (body, "message_timestamp");
      return TRUE;

    case LURK_SIM_CTL_CLOSE:
      if (!_lurk_sim_ctl_get_int (body, "code", &request->code) ||
          !(request->code == 1000 || (request->code >= 3000 && request->code <= 4999)))
        return bad_request (error, "code must be 1000 or 3000..4999 (Twitch uses 4000..4007)");
      request->session = _lurk_sim_ctl_get_string (body, "session");
      return TRUE;

    case LURK_SIM_CTL_KEEPALIVE:
      if (!_lurk_sim_ctl_get_bool (body, "enabled", &request->enabled))
        return bad_request (error, "enabled (boolean) is required");
      request->session = _lurk_sim_ctl_get_string (body, "session");
      return TRUE;

    case LURK_SIM_CTL_RECONNECT:
    case LURK_SIM_CTL_DROP:
      request->session = _lurk_sim_ctl_get_string (body, "session");
      return TRUE;

    case LURK_SIM_CTL_DUPLICATE:
      if (json_object_has_member (body, "count") &&
          (!_lurk_sim_ctl_get_int (body, "count", &request->count) || request->count < 1))
        return bad_request (error, "count must be a positive integer");
      return TRUE;

    case LURK_SIM_CTL_REVOKE:
      request->subscription_id = _lurk_sim_ctl_get_string (body, "subscription_id");
      request->type = _lurk_sim_ctl_get_string (body, "type");
      request->status = _lurk_sim_ctl_get_string (body, "status");
      if (request->status == NULL)
        request->status = "authorization_revoked";
      if (!g_strv_contains (statuses, request->status))
        return bad_request (error, "status must be authorization_revoked, user_removed, "
                                   "version_removed or moderator_removed");
      if (request->subscription_id == NULL && request->type == NULL)
        return bad_request (error, "subscription_id or type is required");
      return TRUE;

    case LURK_SIM_CTL_STREAM:
      if (!_lurk_sim_ctl_get_bool (body, "live", &request->live))
        return bad_request (error, "live (boolean) is required");
      return TRUE;

    case LURK_SIM_CTL_SENT:
    case LURK_SIM_CTL_SUBSCRIPTIONS:
    case LURK_SIM_CTL_SESSIONS:
    case LURK_SIM_CTL_STATS:
    case LURK_SIM_CTL_TOKENS_LIST:
    case LURK_SIM_CTL_CONFIG_GET:
    case LURK_SIM_CTL_FLOOD:
    case LURK_SIM_CTL_CHANNEL:
    case LURK_SIM_CTL_DEVICE_APPROVE:
    case LURK_SIM_CTL_DEVICE_DENY:
    case LURK_SIM_CTL_TOKENS_MINT:
    case LURK_SIM_CTL_TOKENS_EXPIRE:
    case LURK_SIM_CTL_TOKENS_REVOKE:
    case LURK_SIM_CTL_HELIX_FAIL:
    case LURK_SIM_CTL_RESET:
    case LURK_SIM_CTL_CONFIG:
    case LURK_SIM_CTL_CLOCK:
    case LURK_SIM_CTL_CLIENTS:
    case LURK_SIM_CTL_OAUTH_LOSE:
    case LURK_SIM_CTL_PLAYER_GET:
    case LURK_SIM_CTL_PLAYER:
    default:
      /* Their handlers check their own members against the world. */
      return TRUE;
    }
}

gboolean
_lurk_sim_control_parse_request (const char            *method,
                                 const char            *path,
                                 const char            *body,
                                 gsize                  length,
                                 LurkSimControlRequest *request,
                                 GError               **error)
{
  memset (request, 0, sizeof *request);
  request->count = 1;
  request->enabled = TRUE;

  if (g_str_equal (method, "GET"))
    {
      /* GET ignores any body. */
      if (!find_route (get_routes, G_N_ELEMENTS (get_routes), path, &request->action))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Not Found");
          return FALSE;
        }
      request->body = json_object_new ();
      return TRUE;
    }

  if (!g_str_equal (method, "POST"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "Method Not Allowed");
      return FALSE;
    }

  request->body = _lurk_sim_parse_json_object (body, length, error);
  if (request->body == NULL)
    return FALSE;

  if (!find_route (post_routes, G_N_ELEMENTS (post_routes), path, &request->action))
    {
      _lurk_sim_control_request_clear (request);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Not Found");
      return FALSE;
    }

  if (!check_members (request, error))
    {
      _lurk_sim_control_request_clear (request);
      return FALSE;
    }

  return TRUE;
}

void
_lurk_sim_control_request_clear (LurkSimControlRequest *request)
{
  g_clear_pointer (&request->body, json_object_unref);
  memset (request, 0, sizeof *request);
}

guint
_lurk_sim_control_error_status (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return SOUP_STATUS_NOT_FOUND;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    return SOUP_STATUS_METHOD_NOT_ALLOWED;
  return SOUP_STATUS_BAD_REQUEST;
}

void
_lurk_sim_handle_control (LurkSimControl    *self,
                          SoupServerMessage *msg,
                          const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  SoupMessageBody *message_body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  LurkSimControlRequest request;
  JsonObject *body;
  const char *data = NULL;
  gsize length = 0;

  if (g_str_equal (method, "POST"))
    {
      bytes = soup_message_body_flatten (message_body);
      data = g_bytes_get_data (bytes, &length);
    }

  if (!_lurk_sim_control_parse_request (method, path, data, length, &request, &error))
    {
      _lurk_sim_reply_error (msg, _lurk_sim_control_error_status (error), error->message);
      return;
    }
  body = request.body;

  switch (request.action)
    {
    case LURK_SIM_CTL_SENT:
      _lurk_sim_control_sent (self, msg);
      break;
    case LURK_SIM_CTL_SUBSCRIPTIONS:
      _lurk_sim_control_subscriptions (self, msg);
      break;
    case LURK_SIM_CTL_SESSIONS:
      _lurk_sim_control_sessions (self, msg);
      break;
    case LURK_SIM_CTL_STATS:
      _lurk_sim_control_stats (self, msg);
      break;
    case LURK_SIM_CTL_TOKENS_LIST:
      _lurk_sim_control_tokens_list (self, msg);
      break;
    case LURK_SIM_CTL_CONFIG_GET:
      _lurk_sim_control_config (self, msg, body);
      break;
    case LURK_SIM_CTL_TRIGGER:
      control_trigger (self, msg, &request);
      break;
    case LURK_SIM_CTL_FLOOD:
      _lurk_sim_control_flood (self, msg, body);
      break;
    case LURK_SIM_CTL_RECONNECT:
    case LURK_SIM_CTL_DROP:
    case LURK_SIM_CTL_CLOSE:
    case LURK_SIM_CTL_KEEPALIVE:
      control_sessions_action (self, msg, &request);
      break;
    case LURK_SIM_CTL_DUPLICATE:
      control_duplicate (self, msg, request.count);
      break;
    case LURK_SIM_CTL_REVOKE:
      control_revoke (self, msg, &request);
      break;
    case LURK_SIM_CTL_STREAM:
      control_stream (self, msg, body, request.live);
      break;
    case LURK_SIM_CTL_CHANNEL:
      control_channel (self, msg, body);
      break;
    case LURK_SIM_CTL_DEVICE_APPROVE:
      control_device (self, msg, body, TRUE);
      break;
    case LURK_SIM_CTL_DEVICE_DENY:
      control_device (self, msg, body, FALSE);
      break;
    case LURK_SIM_CTL_TOKENS_MINT:
      _lurk_sim_control_tokens_mint (self, msg, body);
      break;
    case LURK_SIM_CTL_TOKENS_EXPIRE:
      _lurk_sim_control_tokens_change (self, msg, body, FALSE);
      break;
    case LURK_SIM_CTL_TOKENS_REVOKE:
      _lurk_sim_control_tokens_change (self, msg, body, TRUE);
      break;
    case LURK_SIM_CTL_HELIX_FAIL:
      _lurk_sim_control_helix_fail (self, msg, body);
      break;
    case LURK_SIM_CTL_RESET:
      _lurk_sim_control_reset (self, msg);
      break;
    case LURK_SIM_CTL_CONFIG:
      _lurk_sim_control_config (self, msg, body);
      break;
    case LURK_SIM_CTL_CLOCK:
      _lurk_sim_control_clock (self, msg, body);
      break;
    case LURK_SIM_CTL_CLIENTS:
      _lurk_sim_control_clients (self, msg, body);
      break;
    case LURK_SIM_CTL_OAUTH_LOSE:
      _lurk_sim_control_oauth_lose (self, msg, body);
      break;
    case LURK_SIM_CTL_PLAYER_GET:
      _lurk_sim_control_player (self, msg, NULL);
      break;
    case LURK_SIM_CTL_PLAYER:
      _lurk_sim_control_player (self, msg, body);
      break;
    default:
      g_assert_not_reached ();
    }

  _lurk_sim_control_request_clear (&request);
}
