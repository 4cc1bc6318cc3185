/* lurk-sim-subscriptions.c: EventSub subscriptions over Helix: the types Twitch offers, their
 * scopes, conditions, costs and limits, and POST/GET/DELETE /helix/eventsub/subscriptions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-eventsub-private.h"

#define MAX_TOTAL_COST 10
#define MAX_CONNECTIONS 3
#define MAX_SAME_CONDITION 3

typedef enum
{
  KIND_PUBLIC,       /* no authorization needed; cost 1 unless the token is the broadcaster's */
  KIND_CHAT,         /* user:read:chat, user_id must be the token's user; cost 0 */
  KIND_BROADCASTER,  /* the broadcaster's own token and scope; cost 0 */
} TypeKind;

typedef struct
{
  const char *type;
  const char *version;
  TypeKind kind;
  const char *scope;
  const char *keys;        /* required condition keys */
  const char *removed;     /* a version Twitch removed (410), or NULL */
} TypeInfo;

static const TypeInfo types[] = {
  { "stream.online", "1", KIND_PUBLIC, NULL, "broadcaster_user_id" },
  { "stream.offline", "1", KIND_PUBLIC, NULL, "broadcaster_user_id" },
  { "channel.update", "2", KIND_PUBLIC, NULL, "broadcaster_user_id", "1" },
  { "channel.raid", "1", KIND_PUBLIC, NULL, "" },
  { "channel.shared_chat.begin", "1", KIND_PUBLIC, NULL, "broadcaster_user_id" },
  { "channel.shared_chat.update", "1", KIND_PUBLIC, NULL, "broadcaster_user_id" },
  { "channel.shared_chat.end", "1", KIND_PUBLIC, NULL, "broadcaster_user_id" },
  { "channel.chat.message", "1", KIND_CHAT, "user:read:chat", "broadcaster_user_id,user_id" },
  { "channel.chat.notification", "1", KIND_CHAT, "user:read:chat", "broadcaster_user_id,user_id" },
  { "channel.chat.clear", "1", KIND_CHAT, "user:read:chat", "broadcaster_user_id,user_id" },
  { "channel.chat.clear_user_messages", "1", KIND_CHAT, "user:read:chat",
    "broadcaster_user_id,user_id" },
  { "channel.chat.message_delete", "1", KIND_CHAT, "user:read:chat",
    "broadcaster_user_id,user_id" },
  { "channel.chat_settings.update", "1", KIND_CHAT, "user:read:chat",
    "broadcaster_user_id,user_id" },
  { "channel.follow", "2", KIND_BROADCASTER, "moderator:read:followers",
    "broadcaster_user_id,moderator_user_id", "1" },
  { "channel.subscribe", "1", KIND_BROADCASTER, "channel:read:subscriptions",
    "broadcaster_user_id" },
  { "channel.subscription.end", "1", KIND_BROADCASTER, "channel:read:subscriptions",
    "broadcaster_user_id" },
  { "channel.subscription.gift", "1", KIND_BROADCASTER, "channel:read:subscriptions",
    "broadcaster_user_id" },
  { "channel.subscription.message", "1", KIND_BROADCASTER, "channel:read:subscriptions",
    "broadcaster_user_id" },
  { "channel.cheer", "1", KIND_BROADCASTER, "bits:read", "broadcaster_user_id" },
  { "channel.channel_points_custom_reward_redemption.add", "1", KIND_BROADCASTER,
    "channel:read:redemptions", "broadcaster_user_id" },
  { "channel.poll.begin", "1", KIND_BROADCASTER, "channel:read:polls", "broadcaster_user_id" },
  { "channel.poll.progress", "1", KIND_BROADCASTER, "channel:read:polls", "broadcaster_user_id" },
  { "channel.poll.end", "1", KIND_BROADCASTER, "channel:read:polls", "broadcaster_user_id" },
  { "channel.prediction.begin", "1", KIND_BROADCASTER, "channel:read:predictions",
    "broadcaster_user_id" },
  { "channel.prediction.progress", "1", KIND_BROADCASTER, "channel:read:predictions",
    "broadcaster_user_id" },
  { "channel.prediction.lock", "1", KIND_BROADCASTER, "channel:read:predictions",
    "broadcaster_user_id" },
  { "channel.prediction.end", "1", KIND_BROADCASTER, "channel:read:predictions",
    "broadcaster_user_id" },
  { "channel.hype_train.begin", "2", KIND_BROADCASTER, "channel:read:hype_train",
    "broadcaster_user_id", "1" },
  { "channel.hype_train.progress", "2", KIND_BROADCASTER, "channel:read:hype_train",
    "broadcaster_user_id", "1" },
  { "channel.hype_train.end", "2", KIND_BROADCASTER, "channel:read:hype_train",
    "broadcaster_user_id", "1" },
  { "channel.goal.begin", "1", KIND_BROADCASTER, "channel:read:goals", "broadcaster_user_id" },
  { "channel.goal.progress", "1", KIND_BROADCASTER, "channel:read:goals", "broadcaster_user_id" },
  { "channel.goal.end", "1", KIND_BROADCASTER, "channel:read:goals", "broadcaster_user_id" },
  { "channel.charity_campaign.donate", "1", KIND_BROADCASTER, "channel:read:charity",
    "broadcaster_user_id" },
  { "channel.charity_campaign.start", "1", KIND_BROADCASTER, "channel:read:charity",
    "broadcaster_user_id" },
  { "channel.charity_campaign.progress", "1", KIND_BROADCASTER, "channel:read:charity",
    "broadcaster_user_id" },
  { "channel.charity_campaign.stop", "1", KIND_BROADCASTER, "channel:read:charity",
    "broadcaster_user_id" },
  { "channel.ad_break.begin", "1", KIND_BROADCASTER, "channel:read:ads", "broadcaster_user_id" },
  { "channel.shoutout.create", "1", KIND_BROADCASTER, "moderator:read:shoutouts",
    "broadcaster_user_id,moderator_user_id" },
  { "channel.shoutout.receive", "1", KIND_BROADCASTER, "moderator:read:shoutouts",
    "broadcaster_user_id,moderator_user_id" },
  { "channel.ban", "1", KIND_BROADCASTER, "channel:moderate", "broadcaster_user_id" },
  { "channel.unban", "1", KIND_BROADCASTER, "channel:moderate", "broadcaster_user_id" },
  { "channel.moderator.add", "1", KIND_BROADCASTER, "moderation:read", "broadcaster_user_id" },
  { "channel.moderator.remove", "1", KIND_BROADCASTER, "moderation:read", "broadcaster_user_id" },
  { "channel.vip.add", "1", KIND_BROADCASTER, "channel:read:vips", "broadcaster_user_id" },
  { "channel.vip.remove", "1", KIND_BROADCASTER, "channel:read:vips", "broadcaster_user_id" },
};

static const TypeInfo *
find_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (types[i].type, type))
      return &types[i];
  return NULL;
}

gboolean
_lurk_sim_type_is_known (const char *type)
{
  return type != NULL && find_type (type) != NULL;
}

const char *
_lurk_sim_type_default_version (const char *type)
{
  const TypeInfo *info = type ? find_type (type) : NULL;

  return info ? info->version : "1";
}

/* Subscriptions */

void
_lurk_sim_subscription_free (gpointer data)
{
  LurkSimSubscription *sub = data;

  g_free (sub->id);
  g_free (sub->type);
  g_free (sub->version);
  g_free (sub->status);
  g_clear_pointer (&sub->condition, json_object_unref);
  g_free (sub->session_id);
  g_free (sub->created_at);
  g_free (sub->connected_at);
  g_free (sub->disconnected_at);
  g_free (sub->client_id);
  g_free (sub->user_id);
  g_free (sub->broadcaster_id);
  g_free (sub->json);
  g_free (sub);
}

JsonObject *
_lurk_sim_subscription_to_json (LurkSimSubscription *sub,
                                gboolean             full)
{
  JsonObject *object = json_object_new ();
  JsonObject *transport = json_object_new ();

  json_object_set_string_member (object, "id", sub->id);
  json_object_set_string_member (object, "status", sub->status);
  json_object_set_string_member (object, "type", sub->type);
  json_object_set_string_member (object, "version", sub->version);
  json_object_set_int_member (object, "cost", sub->cost);
  json_object_set_object_member (object, "condition", json_object_ref (sub->condition));
  json_object_set_string_member (transport, "method", "websocket");
  json_object_set_string_member (transport, "session_id", sub->session_id);
  if (full && sub->connected_at != NULL)
    json_object_set_string_member (transport, "connected_at", sub->connected_at);
  if (full && sub->disconnected_at != NULL)
    json_object_set_string_member (transport, "disconnected_at", sub->disconnected_at);
  json_object_set_object_member (object, "transport", transport);
  json_object_set_string_member (object, "created_at", sub->created_at);

  return object;
}

const char *
_lurk_sim_subscription_json (LurkSimSubscription *sub)
{
  if (sub->json == NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, _lurk_sim_subscription_to_json (sub, FALSE));
      sub->json = json_to_string (node, FALSE);
    }

  return sub->json;
}

void
_lurk_sim_subscription_set_status (LurkSimSubscription *sub,
                                   const char          *status)
{
  g_free (sub->status);
  sub->status = g_strdup (status);
  g_clear_pointer (&sub->json, g_free);
  if (g_str_has_prefix (status, "websocket_") && sub->disconnected_at == NULL)
    sub->disconnected_at = _lurk_sim_now_rfc3339 ();
}

static gboolean
is_enabled (LurkSimSubscription *sub)
{
  return g_str_equal (sub->status, "enabled");
}

/* EventSub subscriptions */

static gboolean
same_owner (LurkSimSubscription *sub,
            LurkSimToken        *token)
{
  return g_str_equal (sub->client_id, token->client_id)
         && g_str_equal (sub->user_id, token->user_id);
}

static void
owner_totals (LurkSimEventSub *self,
              LurkSimToken    *token,
              guint           *total,
              guint           *total_cost)
{
  *total = 0;
  *total_cost = 0;

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);

      if (!same_owner (sub, token))
        continue;
      (*total)++;
      if (is_enabled (sub))
        *total_cost += sub->cost;
    }
}

static const char *
condition_string (JsonObject *condition,
                  const char *key)
{
  JsonNode *node = json_object_get_member (condition, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
conditions_equal (JsonObject *a,
                  JsonObject *b)
{
  g_autoptr(GList) members = json_object_get_members (a);

  if (json_object_get_size (a) != json_object_get_size (b))
    return FALSE;

  for (const GList *l = members; l; l = l->next)
    {
      const char *va = condition_string (a, l->data);
      const char *vb = condition_string (b, l->data);

      if (va == NULL || vb == NULL || !g_str_equal (va, vb))
        return FALSE;
    }

  return TRUE;
}

/* Validates the condition; returns the channel whose events it selects, or NULL (400 sent). */
static const char *
check_condition (LurkSimEventSub   *self,
                 SoupServerMessage *msg,
                 const TypeInfo    *info,
                 JsonObject        *condition)
{
  g_auto(GStrv) keys = NULL;
  const char *channel = NULL;
  g_autoptr(GList) members = json_object_get_members (condition);

  for (const GList *l = members; l; l = l->next)
    {
      const char *value = condition_string (condition, l->data);

      if (value == NULL)
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "condition values must be strings");
          return NULL;
        }
      if (value[0] != 0 && g_str_has_suffix (l->data, "user_id") &&
          _lurk_sim_user_by_id (self->world, value) == NULL)
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid user id in condition");
          return NULL;
        }
    }

  if (g_str_equal (info->type, "channel.raid"))
    {
      const char *to = condition_string (condition, "to_broadcaster_user_id");
      const char *from = condition_string (condition, "from_broadcaster_user_id");
      gboolean has_to = to != NULL && to[0] != 0;
      gboolean has_from = from != NULL && from[0] != 0;

      if (has_to == has_from)
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "exactly one of to_broadcaster_user_id and "
                                 "from_broadcaster_user_id is required");
          return NULL;
        }
      return has_to ? to : from;
    }

  keys = g_strsplit (info->keys, ",", -1);
  for (guint i = 0; keys[i]; i++)
    {
      const char *value = condition_string (condition, keys[i]);

      if (value == NULL || value[0] == 0)
        {
          g_autofree char *message = g_strdup_printf ("condition is missing %s", keys[i]);

          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, message);
          return NULL;
        }
    }

  if (json_object_get_size (condition) != g_strv_length (keys))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "condition has fields this type does not take");
      return NULL;
    }

  channel = condition_string (condition, "broadcaster_user_id");
  return channel;
}

static JsonObject *
member_object (JsonObject *object,
               const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

static void
reply_subscriptions (LurkSimEventSub   *self,
                     SoupServerMessage *msg,
                     guint              status,
                     LurkSimToken      *token,
                     GPtrArray         *subs,
                     const char        *cursor)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonArray *data = json_array_new ();
  JsonObject *pagination = json_object_new ();
  guint total, total_cost;

  owner_totals (self, token, &total, &total_cost);
  for (guint i = 0; i < subs->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (subs, i);

      json_array_add_object_element (data, _lurk_sim_subscription_to_json (sub, TRUE));
    }

  if (cursor != NULL)
    json_object_set_string_member (pagination, "cursor", cursor);

  json_object_set_array_member (root, "data", data);
  json_object_set_int_member (root, "total", total);
  json_object_set_int_member (root, "total_cost", total_cost);
  json_object_set_int_member (root, "max_total_cost", MAX_TOTAL_COST);
  if (status == SOUP_STATUS_OK)
    json_object_set_object_member (root, "pagination", pagination);
  else
    json_object_unref (pagination);

  _lurk_sim_reply_object (msg, status, root);
}

void
_lurk_sim_subscriptions_create (LurkSimEventSub   *self,
                                SoupServerMessage *msg,
                                LurkSimToken      *token)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) body = _lurk_sim_parse_body (msg, &error);
  g_autoptr(GPtrArray) created = g_ptr_array_new ();
  const char *type, *version, *method, *session_id, *channel;
  JsonObject *condition, *transport;
  const TypeInfo *info;
  LurkSimSession *session;
  LurkSimSubscription *sub;
  guint cost = 0, total, total_cost, same = 0, connections = 0, on_session = 0;

  if (body == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Malformed request body");
      return;
    }

  type = _lurk_sim_json_string (body, "type");
  version = _lurk_sim_json_string (body, "version");
  condition = member_object (body, "condition");
  transport = member_object (body, "transport");

  if (type == NULL || version == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "type and version are required");
      return;
    }

  info = find_type (type);
  if (info == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "unsupported subscription type");
      return;
    }
  if (!g_str_equal (version, info->version))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_GONE,
                             "the subscription type version is not supported or was removed");
      return;
    }

  if (condition == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "condition is required");
      return;
    }
  if (transport == NULL || (method = _lurk_sim_json_string (transport, "method")) == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "transport.method is required");
      return;
    }
  if (!g_str_equal (method, "websocket"))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "lurk-sim only offers the websocket transport");
      return;
    }
  session_id = _lurk_sim_json_string (transport, "session_id");
  if (session_id == NULL || session_id[0] == 0)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "transport.session_id is required");
      return;
    }
  /* Twitch's wording (reported in Teekeks/pyTwitchAPI#291; the status code is not
   * documented, 400 is what the simulator sends): a socket that died mid-subscribe. */
  session = _lurk_sim_session_lookup (self, session_id);
  if (session == NULL || session->ended)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "websocket transport session does not exist or has already "
                             "disconnected");
      return;
    }

  channel = check_condition (self, msg, info, condition);
  if (channel == NULL)
    return;

  switch (info->kind)
    {
    case KIND_PUBLIC:
      /* Free when the named broadcaster is the token's own user (they authorized it). */
      cost = g_str_equal (channel, token->user_id) ? 0 : 1;
      break;

    case KIND_CHAT:
      if (!g_str_equal (condition_string (condition, "user_id"), token->user_id))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_FORBIDDEN,
                                 "condition.user_id must be the user of the access token");
          return;
        }
      if (!_lurk_sim_token_has_scope (token, info->scope))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_FORBIDDEN,
                                 "subscription missing proper authorization (user:read:chat)");
          return;
        }
      break;

    case KIND_BROADCASTER:
      {
        const char *moderator = condition_string (condition, "moderator_user_id");

        if (!g_str_equal (channel, token->user_id) ||
            (moderator != NULL && !g_str_equal (moderator, token->user_id)))
          {
            _lurk_sim_reply_error (msg, SOUP_STATUS_FORBIDDEN,
                                   "subscription missing proper authorization: "
                                   "only the broadcaster can subscribe to this type");
            return;
          }
        if (!_lurk_sim_token_has_scope (token, info->scope))
          {
            g_autofree char *message = g_strdup_printf ("subscription missing proper "
                                                        "authorization: scope %s required",
                                                        info->scope);

            _lurk_sim_reply_error (msg, SOUP_STATUS_FORBIDDEN, message);
            return;
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  /* Limits */
  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *other = g_ptr_array_index (self->subscription_order, i);

      if (!is_enabled (other) || !same_owner (other, token))
        continue;

      if (g_str_equal (other->type, type) && g_str_equal (other->version, version) &&
          conditions_equal (other->condition, condition))
        {
          if (g_str_equal (other->session_id, session_id))
            {
              _lurk_sim_reply_error (msg, SOUP_STATUS_CONFLICT, "subscription already exists");
              return;
            }
          same++;
        }
      if (g_str_equal (other->session_id, session_id))
        on_session++;
    }

  if (same >= MAX_SAME_CONDITION)
    {
      _lurk_sim_reply_error (msg, LURK_SIM_STATUS_TOO_MANY_REQUESTS,
                             "too many subscriptions with the same type and condition");
      return;
    }
  if (on_session >= self->config.max_per_connection)
    {
      _lurk_sim_reply_error (msg, LURK_SIM_STATUS_TOO_MANY_REQUESTS,
                             "websocket transport limit exceeded: 300 enabled subscriptions "
                             "per connection");
      return;
    }

  owner_totals (self, token, &total, &total_cost);
  if (total_cost + cost > MAX_TOTAL_COST)
    {
      _lurk_sim_reply_error (msg, LURK_SIM_STATUS_TOO_MANY_REQUESTS,
                             "subscription cost exceeds max_total_cost");
      return;
    }

  if (on_session == 0)
    {
      GHashTableIter iter;
      LurkSimSession *other;

      g_hash_table_iter_init (&iter, self->sessions);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&other))
        {
          gboolean has_enabled = FALSE;

          if (other == session || other->ended)
            continue;
          for (guint i = 0; i < other->subscriptions->len && !has_enabled; i++)
            {
              LurkSimSubscription *s = g_ptr_array_index (other->subscriptions, i);

              has_enabled = is_enabled (s) && same_owner (s, token);
            }
          if (has_enabled)
            connections++;
        }

      if (connections >= MAX_CONNECTIONS)
        {
          _lurk_sim_reply_error (msg, LURK_SIM_STATUS_TOO_MANY_REQUESTS,
                                 "websocket transport limit exceeded: 3 connections with "
                                 "enabled subscriptions per user");
          return;
        }
    }

  sub = g_new0 (LurkSimSubscription, 1);
  sub->id = g_uuid_string_random ();
  sub->type = g_strdup (type);
  sub->version = g_strdup (version);
  sub->status = g_strdup ("enabled");
  sub->condition = json_object_ref (condition);
  sub->session_id = g_strdup (session_id);
  sub->created_at = _lurk_sim_now_rfc3339 ();
  sub->connected_at = g_strdup (session->connected_at);
  sub->client_id = g_strdup (token->client_id);
  sub->user_id = g_strdup (token->user_id);
  sub->broadcaster_id = g_strdup (channel);
  sub->cost = cost;

  g_hash_table_insert (self->subscriptions, sub->id, sub);
  g_ptr_array_add (self->subscription_order, sub);
  g_ptr_array_add (session->subscriptions, sub);
  if (session->client_id == NULL)
    {
      session->client_id = g_strdup (token->client_id);
      session->user_id = g_strdup (token->user_id);
    }
  _lurk_sim_session_subscribed (session);

  g_ptr_array_add (created, sub);
  reply_subscriptions (self, msg, SOUP_STATUS_ACCEPTED, token, created, NULL);
}

static gboolean
sub_names_user (LurkSimSubscription *sub,
                const char          *user_id)
{
  g_autoptr(GList) members = json_object_get_members (sub->condition);

  for (const GList *l = members; l; l = l->next)
    {
      const char *value = condition_string (sub->condition, l->data);

      if (value != NULL && g_str_equal (value, user_id))
        return TRUE;
    }

  return FALSE;
}

void
_lurk_sim_subscriptions_list (LurkSimEventSub   *self,
                              SoupServerMessage *msg,
                              LurkSimToken      *token)
{
  g_autoptr(GHashTable) query = _lurk_sim_parse_query_multi (msg);
  static const char *filters[] = { "status", "type", "user_id", "subscription_id" };
  const char *filter = NULL, *value = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autofree char *next = NULL;
  GPtrArray *values;
  guint first = 100, start = 0;

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      values = g_hash_table_lookup (query, filters[i]);
      if (values == NULL)
        continue;
      if (filter != NULL || values->len != 1)
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                                 "status, type, user_id and subscription_id are mutually "
                                 "exclusive");
          return;
        }
      filter = filters[i];
      value = g_ptr_array_index (values, 0);
    }

  if ((values = g_hash_table_lookup (query, "first")))
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (g_ptr_array_index (values, 0), 10, 1, 100, &n, NULL))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "first must be 1..100");
          return;
        }
      first = n;
    }
  if ((values = g_hash_table_lookup (query, "after")))
    {
      guint64 n = 0;

      if (!g_ascii_string_to_unsigned (g_ptr_array_index (values, 0), 10, 0, G_MAXUINT, &n, NULL))
        {
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid cursor");
          return;
        }
      start = n;
    }

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);

      if (!same_owner (sub, token))
        continue;
      if (filter == NULL ||
          (g_str_equal (filter, "status") && g_str_equal (sub->status, value)) ||
          (g_str_equal (filter, "type") && g_str_equal (sub->type, value)) ||
          (g_str_equal (filter, "user_id") && sub_names_user (sub, value)) ||
          (g_str_equal (filter, "subscription_id") && g_str_equal (sub->id, value)))
        g_ptr_array_add (matching, sub);
    }

  for (guint i = start; i < matching->len && page->len < first; i++)
    g_ptr_array_add (page, g_ptr_array_index (matching, i));
  if (start + page->len < matching->len)
    next = g_strdup_printf ("%u", start + page->len);

  reply_subscriptions (self, msg, SOUP_STATUS_OK, token, page, next);
}

void
_lurk_sim_subscriptions_delete (LurkSimEventSub   *self,
                                SoupServerMessage *msg,
                                LurkSimToken      *token)
{
  g_autoptr(GHashTable) query = _lurk_sim_parse_query_multi (msg);
  GPtrArray *ids = g_hash_table_lookup (query, "id");
  LurkSimSubscription *sub;
  LurkSimSession *session;

  if (ids == NULL || ids->len != 1)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "Missing required parameter \"id\"");
      return;
    }

  sub = g_hash_table_lookup (self->subscriptions, g_ptr_array_index (ids, 0));
  if (sub == NULL || !same_owner (sub, token))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "subscription not found");
      return;
    }

  session = _lurk_sim_session_lookup (self, sub->session_id);
  if (session != NULL)
    g_ptr_array_remove (session->subscriptions, sub);
  g_ptr_array_remove (self->subscription_order, sub);
  g_hash_table_remove (self->subscriptions, sub->id);

  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}
