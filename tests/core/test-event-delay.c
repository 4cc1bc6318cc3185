/* test-event-delay.c: LurkEventDelay holds events until the viewer's video reaches them
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-event-delay.h"

#define SEC G_USEC_PER_SEC

/* A fake monotonic clock, and what the delay released, in order. */
typedef struct
{
  LurkEventDelay *delay;
  gint64          now;
  GPtrArray      *released;  /* LurkEvent */
  guint           batches;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

static void
released_cb (LurkEventDelay *delay,
             GPtrArray      *events,
             Fixture        *f)
{
  f->batches++;
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (f->released, g_object_ref (g_ptr_array_index (events, i)));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->now = 1000 * SEC;
  f->released = g_ptr_array_new_with_free_func (g_object_unref);
  f->delay = lurk_event_delay_new ();
  lurk_event_delay_set_clock (f->delay, fake_clock, f);
  g_signal_connect (f->delay, "released", G_CALLBACK (released_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->delay);
  g_ptr_array_unref (f->released);
}

/* Moves the clock to @seconds after the start and lets the delay act. */
static void
at (Fixture *f,
    double   seconds)
{
  f->now = 1000 * SEC + (gint64) (seconds * SEC);
  lurk_event_delay_update (f->delay);
}

/* An event of @type that happened @age seconds before it was received. */
static LurkEvent *
make (const char *id,
      const char *type,
      double      age)
{
  g_autoptr(GError) error = NULL;
  gint64 received = g_get_real_time ();
  g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (0);
  g_autoptr(GDateTime) occurred = g_date_time_add (epoch, received - (gint64) (age * SEC));
  g_autofree char *when = g_date_time_format_iso8601 (occurred);
  const char *json;
  LurkEvent *event;

  if (g_str_equal (type, "channel.raid"))
    json = "{\"from_broadcaster_user_id\":\"2\",\"from_broadcaster_user_login\":\"raider\","
           "\"from_broadcaster_user_name\":\"Raider\",\"to_broadcaster_user_id\":\"1\","
           "\"to_broadcaster_user_login\":\"caster\",\"to_broadcaster_user_name\":\"Caster\","
           "\"viewers\":800}";
  else if (g_str_equal (type, "stream.online"))
    json = "{\"id\":\"9\",\"broadcaster_user_id\":\"1\",\"broadcaster_user_login\":\"caster\","
           "\"broadcaster_user_name\":\"Caster\",\"type\":\"live\","
           "\"started_at\":\"2026-12-07T19:00:00Z\"}";
  else
    g_assert_not_reached ();

  event = lurk_event_new_from_json_string (id, type, "1", when, received, json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);

  return event;
}

static void
push (Fixture    *f,
      const char *id,
      const char *type,
      double      age)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (batch, make (id, type, age));
  lurk_event_delay_push (f->delay, batch);
}

static void
assert_released (Fixture    *f,
                 const char *ids)
{
  g_auto(GStrv) expected = g_strsplit (ids, " ", -1);
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < f->released->len; i++)
    g_string_append_printf (got, "%s%s", i ? " " : "",
                            lurk_event_get_id (g_ptr_array_index (f->released, i)));
  g_assert_cmpstr (got->str, ==, ids);
  g_assert_cmpuint (g_strv_length (expected), ==, ids[0] ? f->released->len : 0);
}

static void
playing (Fixture *f,
         double   latency)
{
  lurk_event_delay_set_enabled (f->delay, TRUE);
  lurk_event_delay_set_video (f->delay, TRUE, latency);
  g_assert_true (lurk_event_delay_get_delaying (f->delay));
}

/* Nothing waits until the setting is on and the video plays with a known latency. */
static void
test_not_delaying (Fixture       *f,
                   gconstpointer  data)
{
  push (f, "a", "channel.raid", 0);
  assert_released (f, "a");

  lurk_event_delay_set_enabled (f->delay, TRUE);
  push (f, "b", "channel.raid", 0);
  lurk_event_delay_set_video (f->delay, TRUE, -1);
  push (f, "c", "channel.raid", 0);
  lurk_event_delay_set_enabled (f->delay, FALSE);
  lurk_event_delay_set_video (f->delay, TRUE, 4);
  g_assert_false (lurk_event_delay_get_delaying (f->delay));
  push (f, "d", "channel.raid", 0);
  assert_released (f, "a b c d");
  g_assert_cmpuint (lurk_event_delay_get_n_pending (f->delay), ==, 0);
}

/* A raid with latency 4 s: at its timestamp + 4 s, counted from when it happened. */
static void
test_latency (Fixture       *f,
              gconstpointer  data)
{
  playing (f, 4);
  push (f, "raid", "channel.raid", 0);
  assert_released (f, "");
  g_assert_cmpuint (lurk_event_delay_get_n_pending (f->delay), ==, 1);
  at (f, 3.99);
  assert_released (f, "");
  at (f, 4.0);
  assert_released (f, "raid");
  g_assert_cmpuint (lurk_event_delay_get_n_pending (f->delay), ==, 0);

  /* Received 1.5 s after it happened: 2.5 s more. */
  at (f, 10);
  push (f, "late", "channel.raid", 1.5);
  at (f, 12.4);
  assert_released (f, "raid");
  at (f, 12.6);
  assert_released (f, "raid late");

  /* Older than the latency: at once. */
  push (f, "old", "channel.raid", 6);
  assert_released (f, "raid late old");
}

/* A flood waits as its newest 1,000 (the sidebar shows at most the newest 100), in order;
 * the rest are passed over rather than held: a held flood grew the heap by its size. */
static void
test_flood (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

  playing (f, 4);
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);

      g_ptr_array_add (batch, make (id, "channel.raid", 0));
    }
  lurk_event_delay_push (f->delay, batch);
  g_assert_cmpuint (lurk_event_delay_get_n_pending (f->delay), ==, 1000);
  g_assert_cmpuint (f->released->len, ==, 0);

  at (f, 4.0);
  g_assert_cmpuint (f->released->len, ==, 1000);
  for (guint i = 0; i < f->released->len; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", 500 + i);

      g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (f->released, i)), ==, id);
    }
  g_assert_cmpuint (lurk_event_delay_get_n_pending (f->delay), ==, 0);
}

/* Going live is shown at once, ahead of a raid that waits. */
static void
test_at_once (Fixture       *f,
              gconstpointer  data)
{
  playing (f, 4);
  push (f, "raid", "channel.raid", 0);
  push (f, "live", "stream.online", 0);
  assert_released (f, "live");
  g_assert_true (lurk_event_delay_kind_follows_video (LURK_EVENT_KIND_SUB));
  g_assert_true (lurk_event_delay_kind_follows_video (LURK_EVENT_KIND_HYPE_TRAIN));
  g_assert_false (lurk_event_delay_kind_follows_video (LURK_EVENT_KIND_CHANNEL_UPDATE));
  g_assert_false (lurk_event_delay_kind_follows_video (LURK_EVENT_KIND_STREAM_OFFLINE));
  at (f, 4);
  assert_released (f, "live raid");
}

/* From 8 s to 2 s: what is now due leaves at once, in order; the rest at its new time. */
static void
test_latency_shrinks (Fixture       *f,
                      gconstpointer  data)
{
  playing (f, 8);
  push (f, "e1", "channel.raid", 0);
  at (f, 1);
  push (f, "e2", "channel.raid", 0);
  at (f, 2);
  push (f, "e3", "channel.raid", 0);
  at (f, 3.5);
  assert_released (f, "");

  lurk_event_delay_set_video (f->delay, TRUE, 2);
  assert_released (f, "e1 e2");
  g_assert_cmpuint (f->batches, ==, 1);
  at (f, 3.9);
  assert_released (f, "e1 e2");
  at (f, 4);
  assert_released (f, "e1 e2 e3");

  /* Growing holds longer. */
  push (f, "e4", "channel.raid", 0);
  lurk_event_delay_set_video (f->delay, TRUE, 5);
  at (f, 8.9);
  assert_released (f, "e1 e2 e3");
  at (f, 9);
  assert_released (f, "e1 e2 e3 e4");
}

/* Paused, hidden or switched off: what waits is shown at once, each event once. */
static void
test_release_all (Fixture       *f,
                  gconstpointer  data)
{
  playing (f, 4);
  push (f, "p1", "channel.raid", 0);
  push (f, "p2", "channel.raid", 0);
  lurk_event_delay_set_video (f->delay, FALSE, 4);
  g_assert_false (lurk_event_delay_get_delaying (f->delay));
  assert_released (f, "p1 p2");

  lurk_event_delay_set_video (f->delay, TRUE, 4);
  push (f, "p3", "channel.raid", 0);
  lurk_event_delay_set_enabled (f->delay, FALSE);
  assert_released (f, "p1 p2 p3");

  lurk_event_delay_set_enabled (f->delay, TRUE);
  push (f, "p4", "channel.raid", 0);
  lurk_event_delay_set_video (f->delay, TRUE, -1);
  assert_released (f, "p1 p2 p3 p4");

  /* Nothing twice. */
  at (f, 100);
  assert_released (f, "p1 p2 p3 p4");

  /* Another streamer: forgotten, not shown. */
  lurk_event_delay_set_video (f->delay, TRUE, 4);
  push (f, "gone", "channel.raid", 0);
  lurk_event_delay_clear (f->delay);
  g_assert_cmpuint (lurk_event_delay_get_n_pending (f->delay), ==, 0);
  at (f, 200);
  assert_released (f, "p1 p2 p3 p4");
}

/* The real clock: the delay's own timer releases the event. */
static void
test_timer (void)
{
  g_autoptr(LurkEventDelay) delay = lurk_event_delay_new ();
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  Fixture f = { 0 };
  gint64 start, deadline;

  f.released = g_ptr_array_new_with_free_func (g_object_unref);
  g_signal_connect (delay, "released", G_CALLBACK (released_cb), &f);
  lurk_event_delay_set_enabled (delay, TRUE);
  lurk_event_delay_set_video (delay, TRUE, 0.2);
  g_ptr_array_add (batch, make ("t", "channel.raid", 0));
  start = g_get_monotonic_time ();
  lurk_event_delay_push (delay, batch);
  deadline = start + 5 * SEC;
  while (f.released->len == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (f.released->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150000);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 700000);
  g_ptr_array_unref (f.released);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/lurk/event-delay/not-delaying", test_not_delaying);
  ADD ("/lurk/event-delay/latency", test_latency);
  ADD ("/lurk/event-delay/flood", test_flood);
  ADD ("/lurk/event-delay/at-once", test_at_once);
  ADD ("/lurk/event-delay/latency-shrinks", test_latency_shrinks);
  ADD ("/lurk/event-delay/release-all", test_release_all);
#undef ADD
  g_test_add_func ("/lurk/event-delay/timer", test_timer);

  return g_test_run ();
}
