/* lurk-eventsub-session-subscribe.c: creating and deleting the session's subscriptions
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-eventsub"

#include "config.h"

#include "lurk-error.h"
#include "lurk-eventsub-session-private.h"
#include "lurk-helix.h"
#include "lurk-subscription-plan.h"

/* One subscription at a time through LurkHelix (which waits out a 429 and retries a 503 once):
 * a 409 means it exists, 400/403/404/410 degrade that type only, a 401 ends the session
 * (unauthorized), a session that is gone on Twitch's side means a new connection, a cost
 * refusal skips the type on this connection only (the budget is freed when old subscriptions
 * are disabled), anything else is retried a few times. */

typedef struct
{
  LurkEventSubSession *self;
  GCancellable        *cancellable;
  GPtrArray           *plan;
  guint                index;
  guint                attempt;
  guint                n_ok;
  guint                n_transient;
  guint                n_cost;
  guint                generation;
  char                *session_id;
  gatomicrefcount      ref_count;   /* the chain of requests, and a pending retry timer */
} SubscribeRun;

static void
subscribe_run_unref (SubscribeRun *run)
{
  if (!g_atomic_ref_count_dec (&run->ref_count))
    return;

  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->plan, g_ptr_array_unref);
  g_free (run->session_id);
  g_free (run);
}

static void subscribe_next (SubscribeRun *run);

static void
degrade (LurkEventSubSession        *self,
         const LurkSubscriptionSpec *spec,
         const GError               *error,
         gboolean                    for_good)
{
  g_autofree char *description = lurk_subscription_spec_describe (spec);

  g_debug ("Not subscribed to %s: %s", description, error->message);
  if (for_good && !g_ptr_array_find_with_equal_func (self->degraded, description,
                                                     g_str_equal, NULL))
    {
      g_ptr_array_add (self->degraded, g_strdup (description));
      _lurk_eventsub_session_degraded_changed (self);
    }
  _lurk_eventsub_session_emit_subscription_failed (self, description, error);
}

static void
subscribe_finished (SubscribeRun *run)
{
  LurkEventSubSession *self = run->self;

  if (self->subscribe_cancellable == run->cancellable)
    g_clear_object (&self->subscribe_cancellable);

  if (run->n_ok == 0 && run->plan->len > 0)
    {
      /* Nothing subscribed: Twitch closes unused connections (4003). If something failed
       * for a while only, try again later; if everything was refused for good, stop. */
      if (run->n_transient > 0 || run->n_cost > 0)
        {
          g_debug ("No EventSub subscription could be created yet: retrying later");
          _lurk_eventsub_session_close_all (self);
          _lurk_eventsub_session_schedule_reconnect (
            self, _lurk_eventsub_session_backoff_delay_ms (self));
        }
      else
        {
          g_warning ("Twitch refused every EventSub subscription for this channel");
          _lurk_eventsub_session_close_all (self);
          _lurk_eventsub_session_set_state (self, LURK_CONNECTION_IDLE);
        }
      subscribe_run_unref (run);
      return;
    }

  g_debug ("subscribed: %u of %u types", run->n_ok, run->plan->len);
  self->healthy_since = g_get_monotonic_time ();
  _lurk_eventsub_session_set_state (self, LURK_CONNECTION_CONNECTED);
  subscribe_run_unref (run);
}

/* The timer holds the run: the session destroys it with itself (dispose), which frees the
 * run even when the session's context is gone before the timer would have fired. */
static gboolean
subscribe_retry_cb (gpointer user_data)
{
  SubscribeRun *run = user_data;

  /* the session is alive: its dispose destroys this source before it could fire */
  g_clear_pointer (&run->self->subscribe_retry_source, g_source_unref);
  g_atomic_ref_count_inc (&run->ref_count); /* the chain's; the timer's goes with the source */
  subscribe_next (run);
  return G_SOURCE_REMOVE;
}

void
_lurk_eventsub_session_clear_subscribe_retry (LurkEventSubSession *self)
{
  if (self->subscribe_retry_source == NULL)
    return;

  g_source_destroy (self->subscribe_retry_source);
  g_clear_pointer (&self->subscribe_retry_source, g_source_unref);
}

static void
on_subscription_created (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  SubscribeRun *run = user_data;
  LurkEventSubSession *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixSubscription) subscription = NULL;
  const LurkSubscriptionSpec *spec;

  /* the session may be gone (then the run was cancelled): only the source object is safe */
  subscription = lurk_helix_create_subscription_finish (LURK_HELIX (object), result, &error);
  if (g_cancellable_is_cancelled (run->cancellable))
    {
      subscribe_run_unref (run);
      return;
    }

  spec = g_ptr_array_index (run->plan, run->index);

  if (run->generation != self->generation)
    {
      /* retargeted meanwhile: keep the id (it is deleted next), nothing else matters */
      if (error == NULL)
        g_ptr_array_add (self->subscription_ids,
                         g_strdup (subscription->id ? subscription->id : ""));
      subscribe_next (run);
      return;
    }

  if (error == NULL)
    {
      g_ptr_array_add (self->subscription_ids, g_strdup (subscription->id ? subscription->id : ""));
      run->n_ok++;
    }
  else if (g_error_matches (error, LURK_ERROR, LURK_ERROR_CONFLICT))
    {
      run->n_ok++; /* it exists already: fine */
    }
  else if (g_error_matches (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED))
    {
      subscribe_run_unref (run);
      _lurk_eventsub_session_set_unauthorized (self);
      return;
    }
  else if (g_error_matches (error, LURK_ERROR, LURK_ERROR_SESSION_GONE))
    {
      if (self->active != NULL && self->active->session_id != NULL &&
          g_strcmp0 (run->session_id, self->active->session_id) != 0)
        {
          /* a session_reconnect handed over meanwhile: the same type on the new session */
          subscribe_next (run);
          return;
        }

      /* The socket died mid-subscribe (Twitch saw it before we did): nothing is wrong with
       * the type. A new connection subscribes to everything again. */
      g_debug ("subscribing to %s: the EventSub session is gone (%s): reconnecting",
               spec->type, error->message);
      subscribe_run_unref (run);
      _lurk_eventsub_session_lose_active (self);
      return;
    }
  else if (g_error_matches (error, LURK_ERROR, LURK_ERROR_COST_EXCEEDED))
    {
      /* this type, on this connection only: the next connection asks again */
      run->n_cost++;
      degrade (self, spec, error, FALSE);
    }
  else if (g_error_matches (error, LURK_ERROR, LURK_ERROR_BAD_REQUEST) ||
           g_error_matches (error, LURK_ERROR, LURK_ERROR_FORBIDDEN) ||
           g_error_matches (error, LURK_ERROR, LURK_ERROR_GONE) ||
           g_error_matches (error, LURK_ERROR, LURK_ERROR_NOT_FOUND))
    {
      /* this type only; the others go on */
      degrade (self, spec, error, TRUE);
    }
  else if (++run->attempt < SUBSCRIBE_RETRIES)
    {
      GSource *source;

      g_debug ("subscribing to %s failed (%s): retrying", spec->type, error->message);
      _lurk_eventsub_session_clear_subscribe_retry (self); /* a cancelled run's */
      source = g_timeout_source_new (SUBSCRIBE_RETRY_MSEC);
      g_source_set_callback (source, subscribe_retry_cb, run,
                             (GDestroyNotify) subscribe_run_unref);
      g_source_set_static_name (source, "[lurk] EventSub subscribe retry");
      g_source_attach (source, self->context);
      self->subscribe_retry_source = source;
      return;
    }
  else
    {
      run->n_transient++;
      degrade (self, spec, error, FALSE);
    }

  run->index++;
  run->attempt = 0;
  subscribe_next (run);
}

static void
subscribe_next (SubscribeRun *run)
{
  LurkEventSubSession *self = run->self;
  const LurkSubscriptionSpec *spec;
  g_autoptr(JsonObject) condition = NULL;

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      subscribe_run_unref (run);
      return;
    }

  if (run->generation != self->generation)
    {
      /* the broadcaster changed: delete what this run made, then subscribe for the new one */
      if (self->subscribe_cancellable == run->cancellable)
        g_clear_object (&self->subscribe_cancellable);
      subscribe_run_unref (run);
      _lurk_eventsub_session_resubscribe (self);
      return;
    }

  if (run->index >= run->plan->len)
    {
      subscribe_finished (run);
      return;
    }

  /* a session_reconnect may have completed meanwhile: the subscriptions made so far moved
   * to the new session, the next ones go there too */
  if (self->active != NULL && self->active->session_id != NULL &&
      g_strcmp0 (run->session_id, self->active->session_id) != 0)
    {
      g_free (run->session_id);
      run->session_id = g_strdup (self->active->session_id);
    }

  spec = g_ptr_array_index (run->plan, run->index);
  condition = lurk_subscription_spec_dup_condition (spec);
  lurk_helix_create_subscription_async (self->helix, spec->type, spec->version, condition,
                                        run->session_id, run->cancellable,
                                        on_subscription_created, run);
}

void
_lurk_eventsub_session_subscribe_all (LurkEventSubSession *self)
{
  SubscribeRun *run;

  g_assert (self->active != NULL);

  g_cancellable_cancel (self->subscribe_cancellable);
  g_clear_object (&self->subscribe_cancellable);

  if (self->broadcaster_id == NULL || self->user_id == NULL)
    return;

  run = g_new0 (SubscribeRun, 1);
  g_atomic_ref_count_init (&run->ref_count);
  run->self = self;
  run->cancellable = g_cancellable_new ();
  run->session_id = g_strdup (self->active->session_id);
  run->generation = self->generation;
  run->plan = lurk_subscription_plan_build (self->broadcaster_id, self->user_id,
                                            LURK_EVENTSUB_MAX_TOTAL_COST,
                                            (const char * const *) self->degraded->pdata);
  self->subscribe_cancellable = g_object_ref (run->cancellable);

  if (self->state != LURK_CONNECTION_CONNECTED)
    _lurk_eventsub_session_set_state (self, LURK_CONNECTION_CONNECTING);

  subscribe_next (run);
}

/* Retargeting: delete the old subscriptions (cost budget) before creating new ones. */

typedef struct
{
  LurkEventSubSession *self;
  GCancellable        *cancellable;
} DeleteRun;

static void
delete_run_free (DeleteRun *run)
{
  g_clear_object (&run->cancellable);
  g_free (run);
}

static void delete_next (DeleteRun *run);

static void
on_subscription_deleted (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  DeleteRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!lurk_helix_delete_subscription_finish (LURK_HELIX (object), result, &error))
    {
      if (g_cancellable_is_cancelled (run->cancellable))
        {
          delete_run_free (run);
          return;
        }
      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED))
        {
          LurkEventSubSession *self = run->self;

          delete_run_free (run);
          _lurk_eventsub_session_set_unauthorized (self);
          return;
        }
      /* 404: gone already; anything else: it is disabled with the old session anyway */
      g_debug ("deleting a subscription: %s", error->message);
    }
  else if (g_cancellable_is_cancelled (run->cancellable))
    {
      delete_run_free (run);
      return;
    }

  if (run->self->to_delete->len > 0)
    g_ptr_array_remove_index (run->self->to_delete, 0);
  delete_next (run);
}

static void
delete_next (DeleteRun *run)
{
  LurkEventSubSession *self = run->self;

  if (g_cancellable_is_cancelled (run->cancellable))
    {
      delete_run_free (run);
      return;
    }

  if (self->to_delete->len > 0)
    {
      lurk_helix_delete_subscription_async (self->helix, g_ptr_array_index (self->to_delete, 0),
                                            run->cancellable, on_subscription_deleted, run);
      return;
    }

  if (self->subscribe_cancellable == run->cancellable)
    g_clear_object (&self->subscribe_cancellable);
  delete_run_free (run);

  if (self->active != NULL && self->active->welcomed)
    _lurk_eventsub_session_subscribe_all (self);
}

/* Deletes the subscriptions made for previous broadcasters, then subscribes afresh on the
 * active session. One Helix run at a time: a run in progress picks the change up. */
void
_lurk_eventsub_session_resubscribe (LurkEventSubSession *self)
{
  DeleteRun *run;

  g_ptr_array_extend_and_steal (self->to_delete, g_steal_pointer (&self->subscription_ids));
  self->subscription_ids = g_ptr_array_new_with_free_func (g_free);

  if (self->subscribe_cancellable != NULL)
    return;

  run = g_new0 (DeleteRun, 1);
  run->self = self;
  run->cancellable = g_cancellable_new ();
  self->subscribe_cancellable = g_object_ref (run->cancellable);
  delete_next (run);
}
