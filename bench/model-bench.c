/* model-bench.c: the sidebar model's cost per listener batch
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lurk_event_model_add() on the main thread, for the batches a flood hands over: 17 events
 * (1,000 events/s at one batch per 16 ms frame) into a model of 10 (the default
 * `recent-event-count`), 100 and 1,000 events, 6,000 batches, best of 3. Prints µs per batch.
 */

#include "config.h"

#include "lurk-event-model.h"

#define PER_BATCH 17u
#define N_BATCHES 6000

static LurkEvent *
make_event (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%08x-0000-4000-8000-%012u", g_random_int (), n);
  g_autofree char *when = g_strdup_printf ("2026-11-28T%02u:%02u:%02u.%09uZ",
                                           (n / 3600000) % 24, (n / 60000) % 60,
                                           (n / 1000) % 60, (n % 1000) * 1000000);
  LurkEvent *event =
    lurk_event_new_from_json_string (id, "channel.chat.notification", "1", when, n,
                                     "{\"broadcaster_user_id\":\"100\",\"chatter_user_id\":\"7\","
                                     "\"chatter_user_login\":\"u\",\"chatter_user_name\":\"U\","
                                     "\"chatter_is_anonymous\":false,\"system_message\":\"s\","
                                     "\"message\":{\"text\":\"\",\"fragments\":[]},"
                                     "\"notice_type\":\"sub\",\"sub\":{\"sub_tier\":\"1000\","
                                     "\"is_prime\":false,\"duration_months\":1}}", &error);

  g_assert_no_error (error);
  return event;
}

int
main (int   argc,
      char *argv[])
{
  const guint limits[] = { 10, 100, 1000 };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < N_BATCHES * PER_BATCH; i++)
    g_ptr_array_add (events, make_event (i));

  for (guint l = 0; l < G_N_ELEMENTS (limits); l++)
    {
      double best = G_MAXDOUBLE;

      for (guint run = 0; run < 3; run++)
        {
          g_autoptr(LurkEventModel) model = lurk_event_model_new (limits[l]);
          gint64 start = g_get_monotonic_time ();

          for (guint b = 0; b < N_BATCHES; b++)
            {
              g_autoptr(GPtrArray) batch = g_ptr_array_new ();

              for (guint i = 0; i < PER_BATCH; i++)
                g_ptr_array_add (batch, g_ptr_array_index (events, b * PER_BATCH + i));
              lurk_event_model_add (model, batch);
            }
          best = MIN (best, (g_get_monotonic_time () - start) / (double) N_BATCHES);
        }
      g_print ("model-bench: limit %4u: %7.1f µs per batch of %u (best of 3)\n", limits[l], best,
               PER_BATCH);
    }

  return 0;
}
