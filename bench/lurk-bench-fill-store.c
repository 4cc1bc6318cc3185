/* lurk-bench-fill-store.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fills the event history of the current profile (`$XDG_DATA_HOME/lurk/events.db`, through
 * LurkEventStore, as the listener writes it) with N resub notifications of lurk-sim's
 * broadcaster (lurkstream, 90000100), dated over the last N × 0.1 s, so the startup benchmark
 * can open the app with a big history:
 *
 *   lurk-bench-fill-store [N]      (default 100000)
 *
 * Prints the number of events stored and the time it took.
 */

#include "config.h"

#include <stdio.h>

#include "lurk-bench-event.h"
#include "lurk-event-store.h"
#include "lurk-profile.h"

#define BROADCASTER_ID    "90000100"
#define BROADCASTER_LOGIN "lurkstream"
#define BATCH             1000

#define EVENT_TEMPLATE LURK_BENCH_RESUB_EVENT (BROADCASTER_ID, BROADCASTER_LOGIN, "LurkStream")

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventStore) store = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GDateTime) base = NULL;
  guint64 n = 100000;
  gint64 start = g_get_monotonic_time ();
  guint stored = 0;

  if (argc > 2 ||
      (argc == 2 && !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &n, NULL)))
    {
      fprintf (stderr, "Usage: lurk-bench-fill-store [COUNT]\n"
                       "Stores COUNT (default 100000) events in the default profile's "
                       "database under $XDG_DATA_HOME.\n");
      return 2;
    }

  path = lurk_profile_dup_event_store_path ();
  store = lurk_event_store_new (path, &error);
  if (store == NULL)
    {
      fprintf (stderr, "lurk-bench-fill-store: %s\n", error->message);
      return 1;
    }

  base = g_date_time_new_now_utc ();
  for (guint first = 0; first < n; first += BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) inserted = NULL;

      for (guint i = first; i < MIN (first + BATCH, n); i++)
        {
          /* oldest first, the newest 0.1 s ago */
          g_autoptr(GDateTime) when = g_date_time_add (base, -(GTimeSpan) (n - i) * 100000);
          g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
          g_autofree char *occurred_at = g_strdup_printf ("%s.%06d000Z", stamp,
                                                          g_date_time_get_microsecond (when));
          g_autofree char *id = g_strdup_printf ("%08x-fill-4e5f-8a9b-%012u", i, i);
          g_autofree char *json = g_strdup_printf (EVENT_TEMPLATE, i, i % 5000, i % 5000,
                                                   i % 5000, i);
          LurkEvent *event;

          event = lurk_event_new_from_json_string (id, "channel.chat.notification", "1",
                                                   occurred_at, g_get_real_time (), json,
                                                   &error);
          if (event == NULL)
            {
              fprintf (stderr, "lurk-bench-fill-store: %s\n",
                       error != NULL ? error->message : "not an event");
              return 1;
            }
          g_ptr_array_add (batch, event);
        }

      if (!lurk_event_store_insert (store, batch, &inserted, &error))
        {
          fprintf (stderr, "lurk-bench-fill-store: %s\n", error->message);
          return 1;
        }
      stored += inserted->len;
    }

  printf ("%u events stored in %s in %.1f s\n", stored, lurk_event_store_get_path (store),
          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  return 0;
}
