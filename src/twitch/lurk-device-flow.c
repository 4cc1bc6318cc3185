/* lurk-device-flow.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-device-flow"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lurk-device-flow.h"
#include "lurk-error.h"
#include "lurk-oauth-client.h"

/* Twitch's device code grant: get a code, show it, poll the token endpoint no faster than the
 * interval Twitch gave (5 s slower after each slow_down) until a token, a denial or expiry. */

struct _LurkDeviceFlow
{
  GObject              parent_instance;

  SoupSession         *session;
  char                *id_url;
  char                *client_id;
  char               **scopes;

  LurkDeviceFlowState  state;
  LurkDeviceCode      *code;
  gint64               expires_at;
  gint64               next_poll;
  guint                interval;

  GTask               *task;
  GSource             *timer;
  GSource             *cancel_source;
};

G_DEFINE_FINAL_TYPE (LurkDeviceFlow, lurk_device_flow, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (LurkDeviceFlowState, lurk_device_flow_state,
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_REQUESTING, "requesting"),
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_WAITING, "waiting"),
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_SUCCEEDED, "succeeded"),
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_EXPIRED, "expired"),
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_DENIED, "denied"),
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_FAILED, "failed"),
  G_DEFINE_ENUM_VALUE (LURK_DEVICE_FLOW_CANCELLED, "cancelled"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_USER_CODE,
  PROP_VERIFICATION_URI,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void poll_now (LurkDeviceFlow *self);

static void
set_state (LurkDeviceFlow      *self,
           LurkDeviceFlowState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
clear_sources (LurkDeviceFlow *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }

  if (self->cancel_source != NULL)
    {
      g_source_destroy (self->cancel_source);
      g_clear_pointer (&self->cancel_source, g_source_unref);
    }
}

static void
finish_with_error (LurkDeviceFlow *self,
                   GError         *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  clear_sources (self);
  if (task != NULL)
    g_task_return_error (task, error);
  else
    g_error_free (error);
}

static void
finish_with_token (LurkDeviceFlow *self,
                   LurkOAuthToken *token)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  clear_sources (self);
  if (task != NULL)
    g_task_return_pointer (task, token, (GDestroyNotify) lurk_oauth_token_free);
  else
    lurk_oauth_token_free (token);
}

/**
 * lurk_device_flow_start_with_code:
 * @self: a #LurkDeviceFlow
 * @code: the answer of `POST /oauth2/device`
 * @now_us: the monotonic time it arrived
 *
 * Enters the waiting state; the first poll is due one interval from @now_us.
 */
void
lurk_device_flow_start_with_code (LurkDeviceFlow       *self,
                                  const LurkDeviceCode *code,
                                  gint64                now_us)
{
  g_return_if_fail (LURK_IS_DEVICE_FLOW (self));
  g_return_if_fail (code != NULL);

  g_clear_pointer (&self->code, lurk_device_code_free);
  self->code = lurk_device_code_copy (code);
  self->interval = MAX (code->interval, 1);
  self->expires_at = now_us + CLAMP (code->expires_in, 0, LURK_OAUTH_DEVICE_CODE_MAX_LIFETIME)
                              * G_USEC_PER_SEC;
  self->next_poll = now_us + (gint64) self->interval * G_USEC_PER_SEC;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER_CODE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERIFICATION_URI]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
  set_state (self, LURK_DEVICE_FLOW_WAITING);
}

/**
 * lurk_device_flow_handle_answer:
 * @self: a waiting #LurkDeviceFlow
 * @status: the HTTP status of a poll
 * @body: its body
 * @now_us: the monotonic time it arrived
 * @token: (out) (optional): the token when the new state is %LURK_DEVICE_FLOW_SUCCEEDED
 * @error: set when the new state is final and not a success
 *
 * Feeds one poll answer to the state machine. A pending answer keeps waiting (next poll one
 * interval later); slow_down adds 5 s to the interval; any answer after expiry, and the
 * server's own expiry answers, end in %LURK_DEVICE_FLOW_EXPIRED.
 *
 * Returns: the new state
 */
LurkDeviceFlowState
lurk_device_flow_handle_answer (LurkDeviceFlow  *self,
                                guint            status,
                                GBytes          *body,
                                gint64           now_us,
                                LurkOAuthToken **token,
                                GError         **error)
{
  g_autoptr(LurkOAuthToken) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  LurkDeviceAnswer answer;

  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), LURK_DEVICE_FLOW_FAILED);
  g_return_val_if_fail (self->state == LURK_DEVICE_FLOW_WAITING, self->state);

  if (token != NULL)
    *token = NULL;

  answer = lurk_oauth_classify_device_poll (status, body, &parsed, &local_error);

  if (answer == LURK_DEVICE_ANSWER_SUCCESS)
    {
      if (token != NULL)
        *token = g_steal_pointer (&parsed);
      set_state (self, LURK_DEVICE_FLOW_SUCCEEDED);
      return self->state;
    }

  if ((answer == LURK_DEVICE_ANSWER_PENDING || answer == LURK_DEVICE_ANSWER_SLOW_DOWN)
      && now_us >= self->expires_at)
    {
      answer = LURK_DEVICE_ANSWER_EXPIRED;
      g_clear_error (&local_error);
      g_set_error (&local_error, LURK_ERROR, LURK_ERROR_EXPIRED,
                   _("The code expired before it was entered"));
    }

  switch (answer)
    {
    case LURK_DEVICE_ANSWER_PENDING:
      self->next_poll = now_us + (gint64) self->interval * G_USEC_PER_SEC;
      break;

    case LURK_DEVICE_ANSWER_SLOW_DOWN:
      self->interval = MIN (self->interval + 5, 120);
      self->next_poll = now_us + (gint64) self->interval * G_USEC_PER_SEC;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
      break;

    case LURK_DEVICE_ANSWER_EXPIRED:
      g_propagate_error (error, g_steal_pointer (&local_error));
      set_state (self, LURK_DEVICE_FLOW_EXPIRED);
      break;

    case LURK_DEVICE_ANSWER_DENIED:
      g_propagate_error (error, g_steal_pointer (&local_error));
      set_state (self, LURK_DEVICE_FLOW_DENIED);
      break;

    case LURK_DEVICE_ANSWER_ERROR:
      g_propagate_error (error, g_steal_pointer (&local_error));
      set_state (self, LURK_DEVICE_FLOW_FAILED);
      break;

    case LURK_DEVICE_ANSWER_SUCCESS:
    default:
      g_assert_not_reached ();
    }

  return self->state;
}

static gboolean
on_timer (gpointer user_data)
{
  LurkDeviceFlow *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);
  poll_now (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_poll (LurkDeviceFlow *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 delay_us = MAX (self->next_poll - now, 0);

  g_assert (self->timer == NULL);

  /* Never poll after expiry: wake up at expiry instead and end there. */
  if (self->next_poll > self->expires_at)
    delay_us = MAX (self->expires_at - now, 0);

  self->timer = g_timeout_source_new ((guint) ((delay_us + 999) / 1000));
  g_source_set_callback (self->timer, on_timer, self, NULL);
  g_source_set_name (self->timer, "[lurk] device flow poll");
  g_source_attach (self->timer, g_task_get_context (self->task));
}

static void
on_poll (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LurkDeviceFlow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  LurkOAuthToken *token = NULL;
  guint status = 0;

  if (self->task == NULL)
    return;

  if (!lurk_oauth_poll_device_token_finish (result, &status, &body, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_state (self, LURK_DEVICE_FLOW_CANCELLED);
          finish_with_error (self, g_steal_pointer (&error));
          return;
        }

      /* A network hiccup is not the user's answer: try again at the next interval. */
      g_debug ("Device code poll failed: %s", error->message);
      self->next_poll = g_get_monotonic_time () + (gint64) self->interval * G_USEC_PER_SEC;
      schedule_poll (self);
      return;
    }

  switch (lurk_device_flow_handle_answer (self, status, body, g_get_monotonic_time (), &token,
                                          &error))
    {
    case LURK_DEVICE_FLOW_WAITING:
      schedule_poll (self);
      break;

    case LURK_DEVICE_FLOW_SUCCEEDED:
      finish_with_token (self, token);
      break;

    case LURK_DEVICE_FLOW_EXPIRED:
    case LURK_DEVICE_FLOW_DENIED:
    case LURK_DEVICE_FLOW_FAILED:
      finish_with_error (self, g_steal_pointer (&error));
      break;

    case LURK_DEVICE_FLOW_IDLE:
    case LURK_DEVICE_FLOW_REQUESTING:
    case LURK_DEVICE_FLOW_CANCELLED:
    default:
      g_assert_not_reached ();
    }
}

static void
poll_now (LurkDeviceFlow *self)
{
  if (g_get_monotonic_time () >= self->expires_at)
    {
      set_state (self, LURK_DEVICE_FLOW_EXPIRED);
      finish_with_error (self, g_error_new (LURK_ERROR, LURK_ERROR_EXPIRED,
                                            _("The code expired before it was entered")));
      return;
    }

  lurk_oauth_poll_device_token_async (self->session, self->id_url, self->client_id,
                                      (const char * const *) self->scopes,
                                      self->code->device_code,
                                      g_task_get_cancellable (self->task),
                                      on_poll, g_object_ref (self));
}

static void
on_device_code (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LurkDeviceFlow) self = user_data;
  g_autoptr(LurkDeviceCode) code = NULL;
  g_autoptr(GError) error = NULL;

  if (self->task == NULL)
    return;

  code = lurk_oauth_request_device_code_finish (result, &error);
  if (code == NULL)
    {
      set_state (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
                       ? LURK_DEVICE_FLOW_CANCELLED : LURK_DEVICE_FLOW_FAILED);
      g_prefix_error (&error, "%s", _("Could not get a sign-in code: "));
      finish_with_error (self, g_steal_pointer (&error));
      return;
    }

  lurk_device_flow_start_with_code (self, code, g_get_monotonic_time ());
  schedule_poll (self);
}

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  LurkDeviceFlow *self = user_data;

  /* Cancelled between two polls: end now rather than at the next poll. */
  if (self->task != NULL && self->timer != NULL)
    {
      set_state (self, LURK_DEVICE_FLOW_CANCELLED);
      finish_with_error (self, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    "Operation was cancelled"));
    }

  return G_SOURCE_REMOVE;
}

/**
 * lurk_device_flow_run_async:
 * @self: a #LurkDeviceFlow
 * @cancellable: cancels the whole flow (the user pressed Cancel)
 *
 * Requests a code, then polls until the user approves, denies or the code expires. Watch
 * #LurkDeviceFlow:user-code and #LurkDeviceFlow:state to show progress.
 */
void
lurk_device_flow_run_async (LurkDeviceFlow      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LURK_IS_DEVICE_FLOW (self));
  g_return_if_fail (self->task == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_device_flow_run_async);
  self->task = g_steal_pointer (&task);

  if (cancellable != NULL)
    {
      self->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (self->cancel_source, G_SOURCE_FUNC (on_cancelled), self, NULL);
      g_source_attach (self->cancel_source, g_task_get_context (self->task));
    }

  set_state (self, LURK_DEVICE_FLOW_REQUESTING);
  lurk_oauth_request_device_code_async (self->session, self->id_url, self->client_id,
                                        (const char * const *) self->scopes, cancellable,
                                        on_device_code, g_object_ref (self));
}

LurkOAuthToken *
lurk_device_flow_run_finish (LurkDeviceFlow  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

LurkDeviceFlowState
lurk_device_flow_get_state (LurkDeviceFlow *self)
{
  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), LURK_DEVICE_FLOW_IDLE);

  return self->state;
}

const char *
lurk_device_flow_get_user_code (LurkDeviceFlow *self)
{
  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), NULL);

  return self->code != NULL ? self->code->user_code : NULL;
}

const char *
lurk_device_flow_get_verification_uri (LurkDeviceFlow *self)
{
  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), NULL);

  return self->code != NULL ? self->code->verification_uri : NULL;
}

guint
lurk_device_flow_get_interval (LurkDeviceFlow *self)
{
  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), 0);

  return self->interval;
}

gint64
lurk_device_flow_get_next_poll_time (LurkDeviceFlow *self)
{
  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), 0);

  return self->next_poll;
}

/**
 * lurk_device_flow_get_seconds_left:
 *
 * Returns: whole seconds until the code expires (0 when expired or not started)
 */
gint64
lurk_device_flow_get_seconds_left (LurkDeviceFlow *self,
                                   gint64          now_us)
{
  g_return_val_if_fail (LURK_IS_DEVICE_FLOW (self), 0);

  if (self->code == NULL || now_us >= self->expires_at)
    return 0;

  return (self->expires_at - now_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
}

LurkDeviceFlow *
lurk_device_flow_new (SoupSession        *session,
                      const char         *id_url,
                      const char         *client_id,
                      const char * const *scopes)
{
  LurkDeviceFlow *self;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (id_url != NULL, NULL);
  g_return_val_if_fail (client_id != NULL, NULL);

  self = g_object_new (LURK_TYPE_DEVICE_FLOW, NULL);
  self->session = g_object_ref (session);
  self->id_url = g_strdup (id_url);
  self->client_id = g_strdup (client_id);
  self->scopes = g_strdupv ((char **) scopes);

  return self;
}

static void
lurk_device_flow_dispose (GObject *object)
{
  LurkDeviceFlow *self = (LurkDeviceFlow *) object;

  clear_sources (self);
  g_clear_object (&self->task);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (lurk_device_flow_parent_class)->dispose (object);
}

static void
lurk_device_flow_finalize (GObject *object)
{
  LurkDeviceFlow *self = (LurkDeviceFlow *) object;

  g_clear_pointer (&self->code, lurk_device_code_free);
  g_free (self->id_url);
  g_free (self->client_id);
  g_strfreev (self->scopes);

  G_OBJECT_CLASS (lurk_device_flow_parent_class)->finalize (object);
}

static void
lurk_device_flow_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LurkDeviceFlow *self = LURK_DEVICE_FLOW (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_USER_CODE:
      g_value_set_string (value, lurk_device_flow_get_user_code (self));
      break;

    case PROP_VERIFICATION_URI:
      g_value_set_string (value, lurk_device_flow_get_verification_uri (self));
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_device_flow_class_init (LurkDeviceFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_device_flow_dispose;
  object_class->finalize = lurk_device_flow_finalize;
  object_class->get_property = lurk_device_flow_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, LURK_TYPE_DEVICE_FLOW_STATE, LURK_DEVICE_FLOW_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_CODE] =
    g_param_spec_string ("user-code", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERIFICATION_URI] =
    g_param_spec_string ("verification-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lurk_device_flow_init (LurkDeviceFlow *self)
{
  self->state = LURK_DEVICE_FLOW_IDLE;
}
