/* lurk-sim-eventsub.c: the EventSub area, and what the control API asks of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-eventsub-private.h"

void
_lurk_sim_recent_free (LurkSimRecent *recent)
{
  g_free (recent->session_id);
  g_free (recent->text);
  g_free (recent);
}

LurkSimEventSub *
_lurk_sim_eventsub_new (LurkSimWorld *world)
{
  LurkSimEventSub *self = g_new0 (LurkSimEventSub, 1);

  self->world = world;
  self->config.keepalive_default = 10;
  self->config.grace_seconds = 30;
  self->config.subscribe_window = 10;
  self->config.ping_interval = 30;
  self->config.max_per_connection = 300;
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, _lurk_sim_session_free);
  self->reconnects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               _lurk_sim_subscription_free);
  self->subscription_order = g_ptr_array_new ();
  self->sent_ids = g_ptr_array_new_with_free_func (g_free);
  self->recent = g_queue_new ();

  return self;
}

void
_lurk_sim_eventsub_free (LurkSimEventSub *self)
{
  g_clear_pointer (&self->subscription_order, g_ptr_array_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->reconnects, g_hash_table_unref);
  g_clear_pointer (&self->subscriptions, g_hash_table_unref);
  g_clear_pointer (&self->sent_ids, g_ptr_array_unref);
  g_queue_free_full (self->recent, (GDestroyNotify)_lurk_sim_recent_free);
  g_free (self);
}

LurkSimEventSubConfig *
_lurk_sim_eventsub_get_config (LurkSimEventSub *self)
{
  return &self->config;
}

void
_lurk_sim_eventsub_stop (LurkSimEventSub *self,
                         gboolean         forget)
{
  g_autoptr(GList) sessions = g_hash_table_get_values (self->sessions);

  for (const GList *l = sessions; l; l = l->next)
    _lurk_sim_session_drop (l->data);
  g_hash_table_remove_all (self->sessions);

  if (!forget)
    return;

  g_ptr_array_set_size (self->subscription_order, 0);
  g_hash_table_remove_all (self->subscriptions);
  g_ptr_array_set_size (self->sent_ids, 0);
  while (!g_queue_is_empty (self->recent))
    _lurk_sim_recent_free (g_queue_pop_head (self->recent));
  self->notifications_sent = 0;
  self->messages_sent = 0;
  self->connections_total = 0;
}

static gboolean
session_wanted (LurkSimSubscription *sub,
                const char          *session_id)
{
  return session_id == NULL || g_str_equal (sub->session_id, session_id);
}

/* Whether an enabled subscription gets this event (event NULL: any of the broadcaster's). */
static gboolean
subscription_matches (LurkSimSubscription *sub,
                      const char          *type,
                      LurkSimUser         *broadcaster,
                      const char          *session_id,
                      JsonObject          *event)
{
  const char *channel;

  if (!g_str_equal (sub->status, "enabled") || !session_wanted (sub, session_id)
      || !g_str_equal (sub->type, type))
    return FALSE;

  if (g_str_equal (type, "channel.raid"))
    {
      const char *to = _lurk_sim_json_string (event, "to_broadcaster_user_id");
      const char *from = _lurk_sim_json_string (event, "from_broadcaster_user_id");
      const char *want_to
        = json_object_get_string_member_with_default (sub->condition, "to_broadcaster_user_id", "");
      const char *want_from = json_object_get_string_member_with_default (
        sub->condition, "from_broadcaster_user_id", "");

      if (to == NULL && from == NULL)
        to = broadcaster ? broadcaster->id : NULL;

      return (to != NULL && g_str_equal (want_to, to)) ||
             (from != NULL && g_str_equal (want_from, from));
    }

  channel = _lurk_sim_json_string (event, "broadcaster_user_id");
  if (channel == NULL && broadcaster != NULL)
    channel = broadcaster->id;

  return channel != NULL && g_str_equal (sub->broadcaster_id, channel);
}

guint
_lurk_sim_eventsub_deliver_event (LurkSimEventSub *self,
                                  const char      *type,
                                  JsonObject      *event,
                                  LurkSimUser     *broadcaster,
                                  const char      *session_id,
                                  const char      *message_timestamp,
                                  GPtrArray       *message_ids)
{
  g_autofree char *json = _lurk_sim_object_to_string (event);
  guint sent = 0;

  self->timestamp_override = (char *)message_timestamp;

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      char *id = NULL;

      if (!subscription_matches (sub, type, broadcaster, session_id, event))
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

  self->timestamp_override = NULL;
  return sent;
}

gboolean
_lurk_sim_eventsub_flood_targets (LurkSimEventSub *self,
                                  const char      *type,
                                  LurkSimUser     *broadcaster,
                                  const char      *session_id,
                                  gsize            max_pending,
                                  GPtrArray       *targets)
{
  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      LurkSimSession *session;

      if (!subscription_matches (sub, type, broadcaster, session_id, NULL))
        continue;

      session = _lurk_sim_session_lookup (self, sub->session_id);
      if (session != NULL && _lurk_sim_session_pending (session) > max_pending)
        return FALSE;
      g_ptr_array_add (targets, sub);
    }

  return TRUE;
}

GPtrArray *
_lurk_sim_eventsub_sessions (LurkSimEventSub *self,
                             const char      *session_id)
{
  GPtrArray *sessions = g_ptr_array_new ();

  if (session_id != NULL)
    {
      LurkSimSession *session = _lurk_sim_session_lookup (self, session_id);

      if (session == NULL)
        {
          g_ptr_array_unref (sessions);
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

guint
_lurk_sim_eventsub_duplicate (LurkSimEventSub *self,
                              gint64           count,
                              JsonArray       *ids)
{
  guint sent = 0;
  GList *l;

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

  return sent;
}

typedef gboolean (*SubscriptionFilter) (LurkSimSubscription *sub,
                                        const char          *a,
                                        const char          *b);

static gboolean
has_id_or_type (LurkSimSubscription *sub,
                const char          *id,
                const char          *type)
{
  return (id != NULL && g_str_equal (sub->id, id))
         || (type != NULL && g_str_equal (sub->type, type));
}

static gboolean
has_owner (LurkSimSubscription *sub,
           const char          *client_id,
           const char          *user_id)
{
  return g_strcmp0 (sub->client_id, client_id) == 0 && g_strcmp0 (sub->user_id, user_id) == 0;
}

/* Revokes with status the enabled subscriptions filter accepts; returns how many. */
static guint
revoke_enabled (LurkSimEventSub    *self,
                SubscriptionFilter  filter,
                const char         *a,
                const char         *b,
                const char         *status)
{
  g_autoptr(GPtrArray) matching = g_ptr_array_new ();

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);

      if (g_str_equal (sub->status, "enabled") && filter (sub, a, b))
        g_ptr_array_add (matching, sub);
    }

  for (guint i = 0; i < matching->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (matching, i);

      _lurk_sim_session_revoke (_lurk_sim_session_lookup (self, sub->session_id), sub, status);
    }

  return matching->len;
}

gint
_lurk_sim_eventsub_revoke (LurkSimEventSub *self,
                           const char      *subscription_id,
                           const char      *type,
                           const char      *status)
{
  guint revoked = revoke_enabled (self, has_id_or_type, subscription_id, type, status);

  return subscription_id != NULL && revoked == 0 ? -1 : (gint)revoked;
}

void
_lurk_sim_eventsub_revoke_authorization (LurkSimEventSub *self,
                                         const char      *client_id,
                                         const char      *user_id)
{
  revoke_enabled (self, has_owner, client_id, user_id, "authorization_revoked");
}

JsonArray *
_lurk_sim_eventsub_sent_to_json (LurkSimEventSub *self)
{
  JsonArray *data = json_array_sized_new (self->sent_ids->len);

  for (guint i = 0; i < self->sent_ids->len; i++)
    json_array_add_string_element (data, g_ptr_array_index (self->sent_ids, i));

  return data;
}

JsonArray *
_lurk_sim_eventsub_subscriptions_to_json (LurkSimEventSub *self)
{
  JsonArray *data = json_array_new ();

  for (guint i = 0; i < self->subscription_order->len; i++)
    {
      LurkSimSubscription *sub = g_ptr_array_index (self->subscription_order, i);
      JsonObject *object = _lurk_sim_subscription_to_json (sub, TRUE);

      json_object_set_string_member (object, "client_id", sub->client_id);
      json_object_set_string_member (object, "user_id", sub->user_id);
      json_array_add_object_element (data, object);
    }

  return data;
}

JsonArray *
_lurk_sim_eventsub_sessions_to_json (LurkSimEventSub *self)
{
  JsonArray *data = json_array_new ();
  GHashTableIter iter;
  LurkSimSession *session;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&session))
    json_array_add_object_element (data, _lurk_sim_session_to_json (session));

  return data;
}

void
_lurk_sim_eventsub_stats (LurkSimEventSub *self,
                          JsonObject      *reply)
{
  GHashTableIter iter;
  LurkSimSession *session;
  guint connections = 0, enabled = 0;

  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *)&session))
    connections += (session->socket != NULL) + (session->old_socket != NULL);

  for (guint i = 0; i < self->subscription_order->len; i++)
    enabled += g_str_equal (
      ((LurkSimSubscription *)g_ptr_array_index (self->subscription_order, i))->status, "enabled");

  json_object_set_int_member (reply, "connections", connections);
  json_object_set_int_member (reply, "connections_total", self->connections_total);
  json_object_set_int_member (reply, "sessions", g_hash_table_size (self->sessions));
  json_object_set_int_member (reply, "subscriptions", self->subscription_order->len);
  json_object_set_int_member (reply, "subscriptions_enabled", enabled);
  json_object_set_int_member (reply, "notifications_sent", self->notifications_sent);
  json_object_set_int_member (reply, "messages_sent", self->messages_sent);
}
