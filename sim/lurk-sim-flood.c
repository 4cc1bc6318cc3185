/* lurk-sim-flood.c: floods of notifications at a given rate, or as fast as possible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>

#include "lurk-sim-control-private.h"
#include "lurk-sim-payloads.h"

#define FLOOD_POOL 64
#define FLOOD_BATCH 4096
#define FLOOD_MAX_PENDING (4 * 1024 * 1024)

struct _LurkSimFlood
{
  LurkSimControl *control;
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
  LurkSimControl *self = flood->control;
  LurkSimUser *broadcaster = _lurk_sim_user_by_id (self->world, flood->broadcaster_id);
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  guint64 due;

  if (!_lurk_sim_eventsub_flood_targets (self->eventsub, flood->type, broadcaster,
                                         flood->session_id, FLOOD_MAX_PENDING, targets))
    return G_SOURCE_CONTINUE;

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
        _lurk_sim_deliver (self->eventsub, g_ptr_array_index (targets, i), json, NULL);
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
_lurk_sim_floods_stop (LurkSimControl *self)
{
  while (self->floods->len > 0)
    {
      LurkSimFlood *flood = g_ptr_array_steal_index (self->floods, self->floods->len - 1);

      flood_free (flood);
    }
}

guint
_lurk_sim_floods_running (LurkSimControl *self)
{
  return self->floods->len;
}

void
_lurk_sim_control_flood (LurkSimControl    *self,
                         SoupServerMessage *msg,
                         JsonObject        *body)
{
  const char *type = _lurk_sim_ctl_get_string (body, "type");
  const char *notice_type = _lurk_sim_ctl_get_string (body, "notice_type");
  const char *session_id = _lurk_sim_ctl_get_string (body, "session");
  JsonObject *overrides = _lurk_sim_ctl_get_object (body, "event");
  g_autoptr(JsonObject) reply = json_object_new ();
  LurkSimUser *broadcaster;
  LurkSimFlood *flood;
  gint64 count = 0;
  double rate = 0;

  if (type == NULL || !_lurk_sim_ctl_get_int (body, "count", &count) || count < 1)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST,
                             "type and a positive count are required");
      return;
    }
  if (json_object_has_member (body, "rate")
      && (!_lurk_sim_ctl_get_double (body, "rate", &rate) || rate < 0))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "rate must be a number >= 0");
      return;
    }
  if ((broadcaster = _lurk_sim_ctl_body_broadcaster (self, msg, body)) == NULL)
    return;

  flood = g_new0 (LurkSimFlood, 1);
  flood->control = self;
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
      g_autoptr(JsonObject) event = _lurk_sim_generate_event (self->world, type, notice_type,
                                                              broadcaster, &error);

      if (event == NULL)
        {
          flood_free (flood);
          _lurk_sim_reply_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
          return;
        }
      _lurk_sim_ctl_merge_over (event, overrides);
      g_ptr_array_add (flood->pool, _lurk_sim_object_to_string (event));
    }

  flood->started = g_get_monotonic_time ();
  flood->source = _lurk_sim_timeout (self->world, 1, flood_tick, flood);
  g_ptr_array_add (self->floods, flood);

  json_object_set_int_member (reply, "flood_id", flood->id);
  json_object_set_int_member (reply, "count", count);
  json_object_set_double_member (reply, "rate", rate);
  _lurk_sim_reply_object (msg, SOUP_STATUS_ACCEPTED, reply);
}
