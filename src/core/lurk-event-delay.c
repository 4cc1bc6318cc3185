/* lurk-event-delay.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-event-delay"

#include "config.h"

#include <math.h>

#include "lurk-event-delay.h"

/*
 * LurkEventDelay holds back the listener's live batches until the viewer's video reaches them,
 * between LurkChannel's listener and its LurkEventModel (so the sidebar, its announcements and
 * the notifier all follow it). EventSub delivers an event within a second of it happening;
 * the video runs a few seconds behind the broadcaster (HLS latency, which the player reports
 * through the embed API, see lurk-web-view.c). An event with an on-stream moment (a raid, a
 * sub, a cheer...) is released at its Twitch timestamp plus the current latency; going live or
 * offline, title and category changes, and chat moderation are released at once. Nothing is
 * held unless the setting is on and the video is playing with a known latency: paused, hidden
 * or offline, what is pending is released at once, in order.
 *
 * The Twitch timestamp is placed on the monotonic clock by the event's age when it was
 * received (received_at - occurred_at, both this machine's wall clock against Twitch's
 * message_timestamp): a machine whose clock is seconds off Twitch's shows events that much
 * early or late, never before they arrive. Pending events leave in arrival order, so a latency
 * that shrinks releases them in order and one that grows holds them longer; each event leaves
 * exactly once. The store is not involved: the listener has written every event already.
 */

/* An event older than this when it arrived is not placed by its age (a resend, a clock far
 * off): it waits the latency from its arrival at most. */
#define MAX_AGE_USEC (60 * G_USEC_PER_SEC)

/* At most this many wait. The sidebar shows at most the newest 100 (recent-event-count), so
 * in a flood the older ones would leave it the moment the newer ones arrive: they are passed
 * over (the store has every one). Holding a whole flood instead grew the heap by its size,
 * which glibc then could not give back (bench/README.md, memory after 100,000 events). */
#define MAX_PENDING 1000u

typedef struct
{
  LurkEvent *event;
  gint64     base;  /* its Twitch timestamp on the monotonic clock */
} Pending;

struct _LurkEventDelay
{
  GObject              parent_instance;

  GQueue               pending;  /* Pending, in arrival order */
  LurkEventDelayClock  clock;
  gpointer             clock_data;
  double               latency;  /* seconds; < 0 unknown */
  guint                timeout_id;
  guint64              passed_over;  /* events dropped by MAX_PENDING, for the log */
  guint                enabled : 1;
  guint                playing : 1;
};

G_DEFINE_FINAL_TYPE (LurkEventDelay, lurk_event_delay, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENABLED,
  PROP_DELAYING,
  PROP_LATENCY,
  PROP_N_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RELEASED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
monotonic_clock (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_object_unref (pending->event);
  g_free (pending);
}

/**
 * lurk_event_delay_kind_follows_video:
 * @kind: an event kind
 *
 * Returns: whether events of @kind have an on-stream moment (an alert, the streamer's
 *   reaction) and so wait for the video; the channel's own state (live, offline, title,
 *   category, shared chat) and chat moderation are shown at once
 */
gboolean
lurk_event_delay_kind_follows_video (LurkEventKind kind)
{
  switch (kind)
    {
    case LURK_EVENT_KIND_STREAM_ONLINE:
    case LURK_EVENT_KIND_STREAM_OFFLINE:
    case LURK_EVENT_KIND_CHANNEL_UPDATE:
    case LURK_EVENT_KIND_SHARED_CHAT_BEGIN:
    case LURK_EVENT_KIND_SHARED_CHAT_UPDATE:
    case LURK_EVENT_KIND_SHARED_CHAT_END:
    case LURK_EVENT_KIND_CHAT_CLEAR:
    case LURK_EVENT_KIND_CHAT_CLEAR_USER:
    case LURK_EVENT_KIND_MESSAGE_DELETE:
    case LURK_EVENT_KIND_CHAT_SETTINGS:
    case LURK_EVENT_KIND_BAN:
    case LURK_EVENT_KIND_UNBAN:
    case LURK_EVENT_KIND_MODERATOR:
    case LURK_EVENT_KIND_VIP:
      return FALSE;

    case LURK_EVENT_KIND_UNKNOWN:
    case LURK_EVENT_KIND_RAID_IN:
    case LURK_EVENT_KIND_RAID_OUT:
    case LURK_EVENT_KIND_UNRAID:
    case LURK_EVENT_KIND_SUB:
    case LURK_EVENT_KIND_RESUB:
    case LURK_EVENT_KIND_SUB_GIFT:
    case LURK_EVENT_KIND_COMMUNITY_SUB_GIFT:
    case LURK_EVENT_KIND_GIFT_PAID_UPGRADE:
    case LURK_EVENT_KIND_PRIME_PAID_UPGRADE:
    case LURK_EVENT_KIND_PAY_IT_FORWARD:
    case LURK_EVENT_KIND_ANNOUNCEMENT:
    case LURK_EVENT_KIND_BITS_BADGE_TIER:
    case LURK_EVENT_KIND_CHARITY_DONATION:
    case LURK_EVENT_KIND_CHEER:
    case LURK_EVENT_KIND_HIGHLIGHTED_MESSAGE:
    case LURK_EVENT_KIND_FIRST_MESSAGE:
    case LURK_EVENT_KIND_POWER_UP:
    case LURK_EVENT_KIND_FOLLOW:
    case LURK_EVENT_KIND_REDEMPTION:
    case LURK_EVENT_KIND_POLL:
    case LURK_EVENT_KIND_PREDICTION:
    case LURK_EVENT_KIND_HYPE_TRAIN:
    case LURK_EVENT_KIND_GOAL:
    case LURK_EVENT_KIND_CHARITY_CAMPAIGN:
    case LURK_EVENT_KIND_AD_BREAK:
    case LURK_EVENT_KIND_SHOUTOUT:
    case LURK_EVENT_KIND_LAST:
    default:
      return TRUE;
    }
}

static gint64
latency_usec (LurkEventDelay *self)
{
  return (gint64) (self->latency * G_USEC_PER_SEC);
}

static void
release (LurkEventDelay *self,
         GPtrArray      *events)
{
  if (events->len > 0)
    g_signal_emit (self, signals[RELEASED], 0, events);
}

static gboolean
timeout_cb (gpointer user_data)
{
  LurkEventDelay *self = user_data;

  self->timeout_id = 0;
  lurk_event_delay_update (self);

  return G_SOURCE_REMOVE;
}

/**
 * lurk_event_delay_update:
 * @self: a delay
 *
 * Releases what is due by the clock (everything when not delaying), in arrival order, and
 * schedules the next release. The delay calls it itself when its timer fires or the video
 * changes; a caller with its own clock (lurk_event_delay_set_clock()) calls it after moving
 * that clock.
 */
void
lurk_event_delay_update (LurkEventDelay *self)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean delaying;
  guint before;
  gint64 now;

  g_return_if_fail (LURK_IS_EVENT_DELAY (self));

  g_object_ref (self);
  delaying = lurk_event_delay_get_delaying (self);
  before = self->pending.length;
  now = self->clock (self->clock_data);

  while (!g_queue_is_empty (&self->pending))
    {
      Pending *head = g_queue_peek_head (&self->pending);

      if (delaying && head->base + latency_usec (self) > now)
        break;
      g_ptr_array_add (due, g_steal_pointer (&head->event));
      g_free (g_queue_pop_head (&self->pending));
    }

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (delaying && !g_queue_is_empty (&self->pending))
    {
      Pending *head = g_queue_peek_head (&self->pending);
      gint64 wait = head->base + latency_usec (self) - now;

      self->timeout_id = g_timeout_add ((guint) MAX (1, (wait + 999) / 1000), timeout_cb, self);
    }

  if (self->pending.length != before)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  release (self, due);
  g_object_unref (self);
}

/**
 * lurk_event_delay_push:
 * @self: a delay
 * @events: (element-type LurkEvent): a live batch, oldest first
 *
 * Takes a batch from the listener: what need not wait is released now (::released, before
 * this returns), the rest when the video reaches it.
 */
void
lurk_event_delay_push (LurkEventDelay *self,
                       GPtrArray      *events)
{
  g_autoptr(GPtrArray) now_events = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean delaying;
  guint before;
  gint64 now;

  g_return_if_fail (LURK_IS_EVENT_DELAY (self));
  g_return_if_fail (events != NULL);

  delaying = lurk_event_delay_get_delaying (self);
  before = self->pending.length;
  now = self->clock (self->clock_data);

  for (guint i = 0; i < events->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (events, i);
      Pending *pending;
      gint64 age;

      if (!delaying || !lurk_event_delay_kind_follows_video (lurk_event_get_kind (event)))
        {
          g_ptr_array_add (now_events, g_object_ref (event));
          continue;
        }

      age = lurk_event_get_received_at (event) - lurk_event_get_occurred_at (event);
      if (lurk_event_get_occurred_at (event) <= 0 || age > MAX_AGE_USEC)
        age = 0;
      pending = g_new0 (Pending, 1);
      pending->event = g_object_ref (event);
      pending->base = now - CLAMP (age, 0, MAX_AGE_USEC);
      g_queue_push_tail (&self->pending, pending);
    }
  while (self->pending.length > MAX_PENDING)
    {
      pending_free (g_queue_pop_head (&self->pending));
      if (self->passed_over++ == 0)
        g_debug ("A flood: only the newest %u waiting events are kept for the sidebar",
                 MAX_PENDING);
    }

  g_object_ref (self);
  release (self, now_events);
  if (self->pending.length != before)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
      /* Some may be due already (received late); the rest get a timer. */
      lurk_event_delay_update (self);
    }
  g_object_unref (self);
}

/**
 * lurk_event_delay_clear:
 * @self: a delay
 *
 * Forgets what is pending without releasing it (another streamer is shown).
 */
void
lurk_event_delay_clear (LurkEventDelay *self)
{
  g_return_if_fail (LURK_IS_EVENT_DELAY (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (g_queue_is_empty (&self->pending))
    return;
  g_queue_clear_full (&self->pending, pending_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
}

/**
 * lurk_event_delay_set_video:
 * @self: a delay
 * @playing: whether the viewer's video is playing (and shown)
 * @latency_seconds: its latency to the broadcaster, < 0 when unknown
 *
 * What the player says; a change moves what is pending (a shorter latency releases it
 * sooner, a stopped video at once).
 */
void
lurk_event_delay_set_video (LurkEventDelay *self,
                            gboolean        playing,
                            double          latency_seconds)
{
  gboolean was_delaying;

  g_return_if_fail (LURK_IS_EVENT_DELAY (self));

  if (!(latency_seconds >= 0) || !isfinite (latency_seconds))
    latency_seconds = -1;
  playing = !!playing;
  if (self->playing == (guint) playing && self->latency == latency_seconds)
    return;

  was_delaying = lurk_event_delay_get_delaying (self);
  g_object_freeze_notify (G_OBJECT (self));
  self->playing = playing;
  if (self->latency != latency_seconds)
    {
      self->latency = latency_seconds;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATENCY]);
    }
  if (was_delaying != lurk_event_delay_get_delaying (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAYING]);
  g_object_thaw_notify (G_OBJECT (self));

  lurk_event_delay_update (self);
}

/**
 * lurk_event_delay_get_delaying:
 * @self: a delay
 *
 * Returns: whether events wait for the video now: the setting is on and the video plays
 *   with a known latency
 */
gboolean
lurk_event_delay_get_delaying (LurkEventDelay *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_DELAY (self), FALSE);

  return self->enabled && self->playing && self->latency >= 0;
}

/**
 * lurk_event_delay_get_latency:
 * @self: a delay
 *
 * Returns: the video's latency to the broadcaster in seconds, -1 when unknown
 */
double
lurk_event_delay_get_latency (LurkEventDelay *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_DELAY (self), -1);

  return self->latency;
}

guint
lurk_event_delay_get_n_pending (LurkEventDelay *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_DELAY (self), 0);

  return self->pending.length;
}

gboolean
lurk_event_delay_get_enabled (LurkEventDelay *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_DELAY (self), FALSE);

  return self->enabled;
}

/**
 * lurk_event_delay_set_enabled:
 * @self: a delay
 * @enabled: whether events follow the video (GSettings `sync-events-to-video`)
 *
 * Turned off, what is pending is released at once.
 */
void
lurk_event_delay_set_enabled (LurkEventDelay *self,
                              gboolean        enabled)
{
  gboolean was_delaying;

  g_return_if_fail (LURK_IS_EVENT_DELAY (self));

  enabled = !!enabled;
  if (self->enabled == (guint) enabled)
    return;

  was_delaying = lurk_event_delay_get_delaying (self);
  g_object_freeze_notify (G_OBJECT (self));
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
  if (was_delaying != lurk_event_delay_get_delaying (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAYING]);
  g_object_thaw_notify (G_OBJECT (self));

  lurk_event_delay_update (self);
}

/**
 * lurk_event_delay_set_clock:
 * @self: a delay
 * @clock: (nullable): the monotonic clock to schedule by; %NULL for g_get_monotonic_time()
 * @user_data: for @clock
 *
 * With a clock of its own, the caller calls lurk_event_delay_update() after moving it.
 */
void
lurk_event_delay_set_clock (LurkEventDelay      *self,
                            LurkEventDelayClock  clock,
                            gpointer             user_data)
{
  g_return_if_fail (LURK_IS_EVENT_DELAY (self));

  self->clock = clock != NULL ? clock : monotonic_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
}

static void
lurk_event_delay_dispose (GObject *object)
{
  LurkEventDelay *self = LURK_EVENT_DELAY (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_queue_clear_full (&self->pending, pending_free);

  G_OBJECT_CLASS (lurk_event_delay_parent_class)->dispose (object);
}

static void
lurk_event_delay_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LurkEventDelay *self = LURK_EVENT_DELAY (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_DELAYING:
      g_value_set_boolean (value, lurk_event_delay_get_delaying (self));
      break;

    case PROP_LATENCY:
      g_value_set_double (value, self->latency);
      break;

    case PROP_N_PENDING:
      g_value_set_uint (value, self->pending.length);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_event_delay_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LurkEventDelay *self = LURK_EVENT_DELAY (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      lurk_event_delay_set_enabled (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_event_delay_class_init (LurkEventDelayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_event_delay_dispose;
  object_class->get_property = lurk_event_delay_get_property;
  object_class->set_property = lurk_event_delay_set_property;

  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DELAYING] =
    g_param_spec_boolean ("delaying", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LATENCY] =
    g_param_spec_double ("latency", NULL, NULL, -1, G_MAXDOUBLE, -1,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_PENDING] =
    g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LurkEventDelay::released:
   * @self: the delay
   * @events: (element-type LurkEvent): events to show now, in arrival order
   */
  signals[RELEASED] = g_signal_new ("released", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
lurk_event_delay_init (LurkEventDelay *self)
{
  g_queue_init (&self->pending);
  self->clock = monotonic_clock;
  self->latency = -1;
}

/**
 * lurk_event_delay_new:
 *
 * Returns: (transfer full): a delay that releases everything at once until enabled and told
 *   the video plays (lurk_event_delay_set_enabled(), lurk_event_delay_set_video())
 */
LurkEventDelay *
lurk_event_delay_new (void)
{
  return g_object_new (LURK_TYPE_EVENT_DELAY, NULL);
}
