/* lurk-bench-hooks.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-bench"

#include "config.h"

#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>

#include "lurk-bench-hooks.h"
#include "lurk-channel.h"
#include "lurk-event.h"

/*
 * Instrumentation for `make bench` (bench/run-bench.py), off unless asked for by the
 * environment; without these variables _lurk_bench_hooks_install() returns at once and
 * nothing here runs:
 *
 * - LURK_BENCH_FIRST_FRAME=1: after the first frame of the first window is painted, prints
 *   `first-frame <CLOCK_MONOTONIC µs>` on stdout (once).
 * - LURK_BENCH_UI=1: records the frames drawn (frame clock before-paint → after-paint), the
 *   longest main-loop stall (a G_PRIORITY_HIGH 10 ms timeout that measures how late it runs),
 *   each with the main thread's CPU time in it (on a loaded machine a stall can be a wait for
 *   a core rather than work), the main thread's CPU time in all, and, for every event the
 *   favorite channel hands to the sidebar's model, the delay from its message_timestamp to
 *   that moment and from the listener's receipt (received_at) to that moment (the writer
 *   thread and the hand-over to the main loop; the channel's listener batches, before the
 *   delay that holds them for the video), and from the target time of the newest event the
 *   sidebar's rows took (_lurk_bench_hooks_shown()) to the end of the next frame painted: its
 *   message_timestamp, plus the video's latency when the sidebar is in sync with the video
 *   (lurk-event-delay.c) and its kind waits for it. On SIGUSR2 (SIGUSR1 belongs to WebKit's
 *   JavaScriptCore, which takes it over for its garbage collector) it prints them as one line
 *   `bench-ui {JSON}` on stdout and starts counting afresh; it prints them once more when the
 *   application shuts down.
 */

#define STALL_TICK_MS 10

typedef struct
{
  gboolean  first_frame;
  gboolean  ui;
  gboolean  first_frame_done;
  gboolean  window_seen;

  gint64    paint_start;
  gint64    paint_start_cpu;
  guint     frames;
  gint64    frame_max;
  gint64    frame_max_cpu;    /* the main thread's CPU time in its costliest frame */
  GArray   *frame_durations;  /* gint64 µs */

  gint64    last_tick;
  gint64    last_tick_cpu;
  gint64    stall_max;
  gint64    stall_max_cpu;    /* the main thread's CPU time during the longest stall: far
                               * below the stall, the thread was waiting for a core */

  gint64    reset_cpu;        /* the main thread's CPU time at the last reset */

  guint     batches;
  GArray   *delays;           /* gint64 µs */
  GArray   *handovers;        /* gint64 µs, from the listener's receipt to the model */
  gint64    shown_occurred_at; /* the target time of the newest event the sidebar took, not
                                painted yet */
  GArray   *shown;            /* gint64 µs, from its target time to the frame after */
  GObject  *channel;          /* the favorite's LurkChannel: its delay gives the target */
  double    sync_latency;     /* the delay's latency when the last row was taken, -1 none */
} BenchHooks;

static BenchHooks hooks;

/* CPU time of the calling thread, µs */
static gint64
thread_cpu_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The @q quantile of @values in ms (sorts @values), or -1 when empty. */
static double
quantile_ms (GArray *values,
             double  q)
{
  guint index;

  if (values->len == 0)
    return -1;

  g_array_sort (values, compare_gint64);
  index = (guint) (values->len * q + 0.999999);
  index = CLAMP (index, 1, values->len) - 1;

  return g_array_index (values, gint64, index) / 1000.0;
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
print_and_reset (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  add_int (builder, "frames", hooks.frames);
  add_double (builder, "frame_max_ms", hooks.frame_max / 1000.0);
  add_double (builder, "frame_max_cpu_ms", hooks.frame_max_cpu / 1000.0);
  add_double (builder, "frame_p50_ms", quantile_ms (hooks.frame_durations, 0.5));
  add_double (builder, "frame_p99_ms", quantile_ms (hooks.frame_durations, 0.99));
  add_double (builder, "stall_max_ms", hooks.stall_max / 1000.0);
  add_double (builder, "stall_max_cpu_ms", hooks.stall_max_cpu / 1000.0);
  add_double (builder, "main_cpu_ms", (thread_cpu_usec () - hooks.reset_cpu) / 1000.0);
  add_int (builder, "batches", hooks.batches);
  add_int (builder, "events", hooks.delays->len);
  add_double (builder, "delay_p50_ms", quantile_ms (hooks.delays, 0.5));
  add_double (builder, "delay_p99_ms", quantile_ms (hooks.delays, 0.99));
  add_double (builder, "delay_max_ms", quantile_ms (hooks.delays, 1.0));
  add_double (builder, "handover_p50_ms", quantile_ms (hooks.handovers, 0.5));
  add_double (builder, "handover_p99_ms", quantile_ms (hooks.handovers, 0.99));
  add_int (builder, "shown", hooks.shown->len);
  add_double (builder, "shown_p50_ms", quantile_ms (hooks.shown, 0.5));
  add_double (builder, "shown_p99_ms", quantile_ms (hooks.shown, 0.99));
  add_double (builder, "shown_max_ms", quantile_ms (hooks.shown, 1.0));
  add_double (builder, "sync_latency_s", hooks.sync_latency);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_print ("bench-ui %s\n", text);
  fflush (stdout);

  hooks.frames = 0;
  hooks.frame_max = 0;
  hooks.frame_max_cpu = 0;
  g_array_set_size (hooks.frame_durations, 0);
  hooks.stall_max = 0;
  hooks.stall_max_cpu = 0;
  hooks.last_tick = g_get_monotonic_time ();
  hooks.last_tick_cpu = thread_cpu_usec ();
  hooks.reset_cpu = hooks.last_tick_cpu;
  hooks.batches = 0;
  g_array_set_size (hooks.delays, 0);
  g_array_set_size (hooks.handovers, 0);
  g_array_set_size (hooks.shown, 0);
  hooks.shown_occurred_at = 0;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  hooks.paint_start = g_get_monotonic_time ();
  hooks.paint_start_cpu = thread_cpu_usec ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (hooks.first_frame && !hooks.first_frame_done)
    {
      hooks.first_frame_done = TRUE;
      g_print ("first-frame %" G_GINT64_FORMAT "\n", now);
      fflush (stdout);
    }

  if (hooks.ui && hooks.paint_start != 0)
    {
      gint64 duration = now - hooks.paint_start;
      gint64 cpu = thread_cpu_usec () - hooks.paint_start_cpu;

      hooks.frames++;
      hooks.frame_max = MAX (hooks.frame_max, duration);
      hooks.frame_max_cpu = MAX (hooks.frame_max_cpu, cpu);
      g_array_append_val (hooks.frame_durations, duration);
      hooks.paint_start = 0;
    }

  if (hooks.ui && hooks.shown_occurred_at != 0)
    {
      /* Painted vs the moment it was due: its timestamp, + the video's latency in sync. */
      gint64 delay = g_get_real_time () - hooks.shown_occurred_at;

      g_array_append_val (hooks.shown, delay);
      hooks.shown_occurred_at = 0;
    }
}

static void
window_map_cb (GtkWidget *widget,
               gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  if (clock == NULL || g_object_get_data (G_OBJECT (clock), "lurk-bench-hooks") != NULL)
    return;

  g_object_set_data (G_OBJECT (clock), "lurk-bench-hooks", GINT_TO_POINTER (1));
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *application,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  /* The main window: the first one the application gets. */
  if (hooks.window_seen)
    return;

  hooks.window_seen = TRUE;
  g_signal_connect (window, "map", G_CALLBACK (window_map_cb), NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    window_map_cb (GTK_WIDGET (window), NULL);
}

static gboolean
stall_tick_cb (gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_usec ();
  gint64 late = now - hooks.last_tick - STALL_TICK_MS * 1000;

  if (late > hooks.stall_max)
    {
      hooks.stall_max = late;
      hooks.stall_max_cpu = cpu - hooks.last_tick_cpu;
    }
  hooks.last_tick = now;
  hooks.last_tick_cpu = cpu;

  return G_SOURCE_CONTINUE;
}

static void
listener_events_cb (GObject   *listener,
                    GPtrArray *events,
                    gpointer   user_data)
{
  gint64 now = g_get_real_time ();

  hooks.batches++;
  for (guint i = 0; i < events->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (events, i);
      gint64 delay = now - lurk_event_get_occurred_at (event);
      gint64 handover = now - lurk_event_get_received_at (event);

      g_array_append_val (hooks.delays, delay);
      g_array_append_val (hooks.handovers, handover);
    }
}

/* The channel's listener batches, each right after the channel gave it to the sidebar's
 * model (its handler was connected first). */
static void
channel_listener_cb (GObject    *channel,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  g_autoptr(GObject) listener = NULL;

  g_object_get (channel, "listener", &listener, NULL);
  if (listener != NULL)
    g_signal_connect (listener, "events", G_CALLBACK (listener_events_cb), NULL);
}

static gboolean
sigusr2_cb (gpointer user_data)
{
  print_and_reset ();

  return G_SOURCE_CONTINUE;
}

static void
shutdown_cb (GApplication *application,
             gpointer      user_data)
{
  print_and_reset ();
}

/**
 * _lurk_bench_hooks_install:
 * @application: the application
 * @channel: the favorite's #LurkChannel (the "events" of its #LurkChannel:listener feed
 *   the sidebar's model)
 *
 * Installs the benchmark instrumentation that `LURK_BENCH_FIRST_FRAME` and `LURK_BENCH_UI`
 * ask for; does nothing without them. Call once, from the application's startup.
 */
void
_lurk_bench_hooks_install (GtkApplication *application,
                           GObject        *channel)
{
  g_return_if_fail (GTK_IS_APPLICATION (application));

  hooks.first_frame = g_strcmp0 (g_getenv ("LURK_BENCH_FIRST_FRAME"), "1") == 0;
  hooks.ui = g_strcmp0 (g_getenv ("LURK_BENCH_UI"), "1") == 0;
  if (!hooks.first_frame && !hooks.ui)
    return;

  g_signal_connect (application, "window-added", G_CALLBACK (window_added_cb), NULL);
  if (!hooks.ui)
    return;

  hooks.frame_durations = g_array_new (FALSE, FALSE, sizeof (gint64));
  hooks.delays = g_array_new (FALSE, FALSE, sizeof (gint64));
  hooks.handovers = g_array_new (FALSE, FALSE, sizeof (gint64));
  hooks.shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  hooks.last_tick = g_get_monotonic_time ();
  hooks.last_tick_cpu = thread_cpu_usec ();
  hooks.reset_cpu = hooks.last_tick_cpu;
  g_timeout_add_full (G_PRIORITY_HIGH, STALL_TICK_MS, stall_tick_cb, NULL, NULL);
  g_unix_signal_add (SIGUSR2, sigusr2_cb, NULL);
  g_signal_connect (application, "shutdown", G_CALLBACK (shutdown_cb), NULL);
  hooks.sync_latency = -1;
  hooks.channel = channel;
  if (channel != NULL)
    g_signal_connect (channel, "notify::listener", G_CALLBACK (channel_listener_cb), NULL);
}

/**
 * _lurk_bench_hooks_shown:
 * @newest: the event the sidebar's top row shows now
 *
 * Called by the streamer page when its rows take new events; with LURK_BENCH_UI the next
 * frame painted counts the delay from @newest's message_timestamp. Does nothing otherwise.
 */
void
_lurk_bench_hooks_shown (LurkEvent *newest)
{
  if (!hooks.ui || newest == NULL)
    return;

  {
    LurkEventDelay *delay = hooks.channel != NULL
                            ? lurk_channel_get_delay (LURK_CHANNEL (hooks.channel)) : NULL;
    gint64 target = lurk_event_get_occurred_at (newest);

    hooks.sync_latency = -1;
    if (delay != NULL && lurk_event_delay_get_delaying (delay))
      {
        hooks.sync_latency = lurk_event_delay_get_latency (delay);
        if (lurk_event_delay_kind_follows_video (lurk_event_get_kind (newest)))
          target += (gint64) (hooks.sync_latency * G_USEC_PER_SEC);
      }
    hooks.shown_occurred_at = MAX (hooks.shown_occurred_at, target);
  }
}
