/* lurk-sim-control-admin.c: the control calls about tokens, faults, state and configuration
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-control-private.h"
#include "lurk-sim-player.h"

void
_lurk_sim_control_tokens_list (LurkSimControl    *self,
                               SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_array_member (reply, "data", _lurk_sim_oauth_tokens_to_json (self->oauth));
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_tokens_mint (LurkSimControl    *self,
                               SoupServerMessage *msg,
                               JsonObject        *body)
{
  const char *login = _lurk_sim_ctl_get_string (body, "login");
  const char *client_id = _lurk_sim_ctl_get_string (body, "client_id");
  JsonNode *scopes_node = json_object_get_member (body, "scopes");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) scopes = NULL;
  g_autofree char *refresh = NULL;
  g_autoptr(JsonObject) reply = NULL;
  LurkSimUser *user = _lurk_sim_user_by_login (self->world, login);
  LurkSimToken *token;

  if (user == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "login must name a seeded user");
      return;
    }
  if (client_id == NULL)
    client_id = LURK_SIM_CLIENT_ID;
  if (!_lurk_sim_oauth_has_client (self->oauth, client_id))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Unknown client_id");
      return;
    }
  if (scopes_node != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (scopes_node))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "scopes must be an array of strings");
          return;
        }
      array = json_node_get_array (scopes_node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element)
              || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                     "scopes must be an array of strings");
              return;
            }
          g_strv_builder_add (builder, json_node_get_string (element));
        }
    }
  scopes = g_strv_builder_end (builder);

  token = _lurk_sim_token_issue (self->oauth, client_id, user->id, (const char * const *)scopes,
                                 NULL, TRUE, &refresh);
  reply = _lurk_sim_token_to_json (self->oauth, token);
  json_object_set_string_member (reply, "refresh_token", refresh);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_tokens_change (LurkSimControl    *self,
                                 SoupServerMessage *msg,
                                 JsonObject        *body,
                                 gboolean           revoke)
{
  const char *value = _lurk_sim_ctl_get_string (body, "token");
  g_autoptr(JsonObject) reply = json_object_new ();
  guint n = _lurk_sim_oauth_tokens_change (self->oauth, value, revoke);

  if (value != NULL && n == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Unknown token");
      return;
    }

  json_object_set_int_member (reply, revoke ? "revoked" : "expired", n);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_helix_fail (LurkSimControl    *self,
                              SoupServerMessage *msg,
                              JsonObject        *body)
{
  const char *path = _lurk_sim_ctl_get_string (body, "path");
  gint64 status = 503, count = 1;
  g_autofree char *key = NULL;
  g_autoptr(JsonObject) reply = json_object_new ();

  if (path == NULL || path[0] == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "path is required, e.g. /users");
      return;
    }
  if ((json_object_has_member (body, "status")
       && (!_lurk_sim_ctl_get_int (body, "status", &status) || status < 400 || status > 599))
      || (json_object_has_member (body, "count")
          && (!_lurk_sim_ctl_get_int (body, "count", &count) || count < 1)))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "status must be 400..599 and count positive");
      return;
    }

  if (g_str_has_prefix (path, "/helix/"))
    path += strlen ("/helix");
  key = path[0] == '/' ? g_strdup (path) : g_strconcat ("/", path, NULL);

  _lurk_sim_helix_fail (self->helix, key, status, count);

  json_object_set_string_member (reply, "path", key);
  json_object_set_int_member (reply, "status", status);
  json_object_set_int_member (reply, "count", count);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_sent (LurkSimControl    *self,
                        SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = _lurk_sim_eventsub_sent_to_json (self->eventsub);

  json_object_set_array_member (reply, "data", data);
  json_object_set_int_member (reply, "total", json_array_get_length (data));
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_subscriptions (LurkSimControl    *self,
                                 SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *data = _lurk_sim_eventsub_subscriptions_to_json (self->eventsub);

  json_object_set_array_member (reply, "data", data);
  json_object_set_int_member (reply, "total", json_array_get_length (data));
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_sessions (LurkSimControl    *self,
                            SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  json_object_set_array_member (reply, "data",
                                _lurk_sim_eventsub_sessions_to_json (self->eventsub));
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_stats (LurkSimControl    *self,
                         SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  _lurk_sim_eventsub_stats (self->eventsub, reply);
  json_object_set_int_member (reply, "floods_running", _lurk_sim_floods_running (self));
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_reset (LurkSimControl    *self,
                         SoupServerMessage *msg)
{
  g_autoptr(JsonObject) reply = json_object_new ();

  _lurk_sim_floods_stop (self);
  _lurk_sim_eventsub_stop (self->eventsub, TRUE);
  _lurk_sim_helix_reset (self->helix);
  _lurk_sim_embed_reset (self->embed);
  _lurk_sim_world_reset (self->world);
  _lurk_sim_oauth_reset (self->oauth);

  json_object_set_boolean_member (reply, "reset", TRUE);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_config (LurkSimControl    *self,
                          SoupServerMessage *msg,
                          JsonObject        *body)
{
  LurkSimEventSubConfig *config = _lurk_sim_eventsub_get_config (self->eventsub);
  g_autoptr(JsonObject) reply = json_object_new ();
  gint64 value;
  double scale;
  gboolean flag;

  if (_lurk_sim_ctl_get_int (body, "keepalive", &value))
    config->keepalive_default = CLAMP (value, 10, 600);
  if (_lurk_sim_ctl_get_int (body, "grace", &value) && value > 0 && value <= 86400)
    config->grace_seconds = value;
  if (_lurk_sim_ctl_get_int (body, "subscribe_window", &value) && value > 0 && value <= 86400)
    config->subscribe_window = value;
  if (_lurk_sim_ctl_get_int (body, "ping_interval", &value) && value >= 0 && value <= 86400)
    config->ping_interval = value;
  if (_lurk_sim_ctl_get_int (body, "rate_limit", &value) && value > 0 && value <= 1000000)
    _lurk_sim_helix_set_rate_limit (self->helix, value);
  if (_lurk_sim_ctl_get_double (body, "time_scale", &scale) && scale >= 0.001 && scale <= 10)
    self->world->time_scale = scale;
  if (_lurk_sim_ctl_get_int (body, "max_subscriptions_per_connection", &value) && value > 0)
    config->max_per_connection = MIN (value, 300);
  if (_lurk_sim_ctl_get_bool (body, "require_subscription", &flag))
    config->require_subscription = flag;

  json_object_set_int_member (reply, "keepalive", config->keepalive_default);
  json_object_set_int_member (reply, "grace", config->grace_seconds);
  json_object_set_int_member (reply, "subscribe_window", config->subscribe_window);
  json_object_set_int_member (reply, "ping_interval", config->ping_interval);
  json_object_set_int_member (reply, "rate_limit", _lurk_sim_helix_get_rate_limit (self->helix));
  json_object_set_int_member (reply, "max_subscriptions_per_connection",
                              config->max_per_connection);
  json_object_set_double_member (reply, "time_scale", self->world->time_scale);
  json_object_set_boolean_member (reply, "require_subscription", config->require_subscription);
  json_object_set_string_member (reply, "scenario", self->scenario);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

/* advance_seconds moves the OAuth clock forward: tokens, refresh tokens and device codes age.
 * timestamp_offset_seconds sets how far every message_timestamp is from the real clock: a
 * negative offset is what a client sees when its own clock jumps forward. */
void
_lurk_sim_control_clock (LurkSimControl    *self,
                         SoupServerMessage *msg,
                         JsonObject        *body)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  gboolean has_advance = json_object_has_member (body, "advance_seconds");
  gboolean has_offset = json_object_has_member (body, "timestamp_offset_seconds");
  gint64 seconds = 0, offset = 0;

  if (!has_advance && !has_offset)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "advance_seconds or timestamp_offset_seconds is required");
      return;
    }
  if (has_advance &&
      (!_lurk_sim_ctl_get_int (body, "advance_seconds", &seconds) || seconds < 0 ||
       seconds > G_MAXINT32))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "advance_seconds must be a number of seconds >= 0");
      return;
    }
  /* a year either way is plenty, and keeps time_t arithmetic far from overflow */
  if (has_offset &&
      (!_lurk_sim_ctl_get_int (body, "timestamp_offset_seconds", &offset) ||
       offset < -366 * 86400 || offset > 366 * 86400))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "timestamp_offset_seconds must be a number of seconds within "
                             "a year of 0");
      return;
    }

  self->world->clock_offset += seconds * G_USEC_PER_SEC;
  if (has_offset)
    self->world->message_clock_offset = offset;
  json_object_set_int_member (reply, "offset_seconds", self->world->clock_offset / G_USEC_PER_SEC);
  json_object_set_int_member (reply, "timestamp_offset_seconds",
                              self->world->message_clock_offset);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

void
_lurk_sim_control_clients (LurkSimControl    *self,
                           SoupServerMessage *msg,
                           JsonObject        *body)
{
  const char *client_id = _lurk_sim_ctl_get_string (body, "client_id");
  const char *redirect_uri = _lurk_sim_ctl_get_string (body, "redirect_uri");
  const char *client_type = _lurk_sim_ctl_get_string (body, "client_type");
  const char *client_secret = _lurk_sim_ctl_get_string (body, "client_secret");
  g_autoptr(JsonObject) reply = json_object_new ();

  if (client_id == NULL || client_id[0] == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "client_id is required");
      return;
    }
  if (client_type != NULL && !g_str_equal (client_type, "public")
      && !g_str_equal (client_type, "confidential"))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "client_type must be public or confidential");
      return;
    }
  if (g_strcmp0 (client_type, "confidential") == 0
      && (client_secret == NULL || client_secret[0] == 0))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "a confidential client needs a client_secret");
      return;
    }

  if (g_strcmp0 (client_type, "confidential") == 0)
    _lurk_sim_oauth_add_confidential_client (self->oauth, client_id, client_secret,
                                             redirect_uri);
  else
    _lurk_sim_oauth_add_client (self->oauth, client_id, redirect_uri);
  json_object_set_string_member (reply, "client_id", client_id);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

/* /sim/oauth/lose {path?, count?}: the next @count calls to /oauth2/@path are carried out,
 * but their answer is lost: the connection closes before it (a network failure at the worst
 * moment, which a client cannot tell from one before the request arrived). */
void
_lurk_sim_control_oauth_lose (LurkSimControl    *self,
                              SoupServerMessage *msg,
                              JsonObject        *body)
{
  const char *path = _lurk_sim_ctl_get_string (body, "path");
  gint64 count = 1;
  g_autoptr(JsonObject) reply = json_object_new ();

  if (json_object_has_member (body, "count") && !_lurk_sim_ctl_get_int (body, "count", &count))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "count must be a number");
      return;
    }
  if (path == NULL)
    path = "/token";
  if (!g_str_equal (path, "/token") && !g_str_equal (path, "/validate")
      && !g_str_equal (path, "/device") && !g_str_equal (path, "/revoke"))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "path must be /token, /validate, /device or /revoke");
      return;
    }
  if (count < 0 || count > 1000)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "count must be 0..1000");
      return;
    }

  _lurk_sim_oauth_lose (self->oauth, path, count);
  json_object_set_string_member (reply, "path", path);
  json_object_set_int_member (reply, "count", count);
  _lurk_sim_ctl_reply_ok (msg, reply);
}

/* GET or POST /sim/player: what the embed API's player reports and does, each member optional:
 * `latency_seconds` (0..120, hlsLatencyBroadcaster), `paused` (the viewer paused the video),
 * `offline` (the player lost the stream); the answer is the whole state. */
void
_lurk_sim_control_player (LurkSimControl    *self,
                          SoupServerMessage *msg,
                          JsonObject        *body)
{
  g_autofree char *state = NULL;
  double latency;
  gboolean paused, offline;

  _lurk_sim_embed_get_player (self->embed, &latency, &paused, &offline);
  if (body != NULL)
    {
      if (json_object_has_member (body, "latency_seconds") &&
          (!_lurk_sim_ctl_get_double (body, "latency_seconds", &latency) ||
           !(latency >= 0 && latency <= LURK_SIM_PLAYER_MAX_LATENCY)))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "latency_seconds must be a number 0..120");
          return;
        }
      if ((json_object_has_member (body, "paused") &&
           !_lurk_sim_ctl_get_bool (body, "paused", &paused)) ||
          (json_object_has_member (body, "offline") &&
           !_lurk_sim_ctl_get_bool (body, "offline", &offline)))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "paused and offline must be booleans");
          return;
        }
      _lurk_sim_embed_set_player (self->embed, latency, paused, offline);
    }

  state = _lurk_sim_embed_dup_player_state (self->embed);
  _lurk_sim_reply_text (msg, SOUP_STATUS_OK, "application/json", state);
}
