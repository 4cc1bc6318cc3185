/* store-bench.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast the event store ingests: events/s for batches of 1, 10, 100 and 1000 events, on
 * one thread, with the events already built (store only) and built from their JSON on the
 * same thread first (parse + store), as the listener's worker does.
 *
 * --flood N: only a flood as the listener's writer sees one: N events in batches of
 * --batch (1024), then the whole process's CPU per event (the background checkpoints
 * included), the bytes written to the database files per event, the largest WAL seen and
 * the file sizes.
 *
 * Message ids are random UUIDs, as Twitch's are: the primary key index then takes them at
 * random places, which is what a real history pays (sequential ids made it look cheaper).
 *
 *   store-bench [--events N] [--dir DIR] [--flood N [--batch B]]
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sys/resource.h>
#include <time.h>

#include "lurk-bench-event.h"
#include "lurk-event-store.h"
#include "lurk-event-store-private.h"

#define EVENT_TEMPLATE LURK_BENCH_RESUB_EVENT ("1001", "streamer", "Streamer")

typedef struct
{
  char   *id;
  char   *occurred_at;
  gint64  received_at;
  char   *json;
} RawEvent;

static guint serial;

static RawEvent *
raw_events_new (guint n)
{
  RawEvent *raw = g_new0 (RawEvent, n);
  g_autoptr(GDateTime) base = g_date_time_new_now_utc ();

  for (guint i = 0; i < n; i++)
    {
      guint s = serial++;
      g_autoptr(GDateTime) when = g_date_time_add (base, (GTimeSpan) s * 100);
      g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");

      raw[i].id = g_uuid_string_random ();
      raw[i].occurred_at = g_strdup_printf ("%s.%06d123Z", stamp,
                                            g_date_time_get_microsecond (when));
      raw[i].received_at = g_get_real_time ();
      raw[i].json = g_strdup_printf (EVENT_TEMPLATE, s, s % 5000, s % 5000, s % 5000, s);
    }

  return raw;
}

static void
raw_events_free (RawEvent *raw,
                 guint     n)
{
  for (guint i = 0; i < n; i++)
    {
      g_free (raw[i].id);
      g_free (raw[i].occurred_at);
      g_free (raw[i].json);
    }
  g_free (raw);
}

static LurkEvent *
parse (const RawEvent *raw)
{
  g_autoptr(GError) error = NULL;
  LurkEvent *event = lurk_event_new_from_json_string (raw->id, "channel.chat.notification",
                                                      "1", raw->occurred_at, raw->received_at,
                                                      raw->json, &error);

  if (event == NULL)
    g_error ("parse: %s", error ? error->message : "not an event");

  return event;
}

static gint64
cpu_time_usec (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

typedef struct
{
  double wall; /* events per second of elapsed time */
  double cpu;  /* events per second of this thread's CPU time: what one core sustains */
  double p50;  /* one insert call, ms */
  double p99;
  double max;
} Rate;

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static Rate
run (LurkEventStore *store,
     RawEvent       *raw,
     guint           n,
     guint           batch_size,
     gboolean        with_parse)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) calls = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 start;
  gint64 cpu_start;
  gint64 elapsed;
  gint64 cpu;

  if (!with_parse)
    {
      parsed = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (parsed, parse (&raw[i]));
    }

  start = g_get_monotonic_time ();
  cpu_start = cpu_time_usec ();

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (batch, with_parse ? parse (&raw[i])
                                         : g_object_ref (g_ptr_array_index (parsed, i)));

      if (batch->len == batch_size || i == n - 1)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GPtrArray) inserted = NULL;
          gint64 call_start = g_get_monotonic_time ();
          gint64 call;

          if (!lurk_event_store_insert (store, batch, &inserted, &error))
            g_error ("insert: %s", error->message);
          call = g_get_monotonic_time () - call_start;
          g_array_append_val (calls, call);
          if (inserted->len != batch->len)
            g_error ("insert: %u of %u stored", inserted->len, batch->len);
          g_ptr_array_set_size (batch, 0);
        }
    }

  elapsed = g_get_monotonic_time () - start;
  cpu = cpu_time_usec () - cpu_start;

  g_array_sort (calls, compare_int64);

  return (Rate) {
    .wall = n / (elapsed / (double) G_USEC_PER_SEC),
    .cpu = n / (MAX (cpu, 1) / (double) G_USEC_PER_SEC),
    .p50 = g_array_index (calls, gint64, calls->len / 2) / 1000.0,
    .p99 = g_array_index (calls, gint64, calls->len * 99 / 100) / 1000.0,
    .max = g_array_index (calls, gint64, calls->len - 1) / 1000.0,
  };
}


static gint64
process_cpu_usec (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

/* Bytes this process passed to write() and friends, every thread (/proc/self/io wchar). */
static gint64
written_bytes (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &text, NULL, NULL) ||
      (line = strstr (text, "wchar: ")) == NULL)
    return 0;

  return g_ascii_strtoll (line + strlen ("wchar: "), NULL, 10);
}

static gint64
file_size (const char *path)
{
  GStatBuf buf;

  return g_stat (path, &buf) == 0 ? (gint64) buf.st_size : 0;
}

static void
flood (const char *path,
       guint       n,
       guint       batch_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventStore) store = lurk_event_store_new (path, &error);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  RawEvent *raw;
  gint64 start, cpu_start, written_start, wal_max = 0;
  double seconds, cpu;

  if (store == NULL)
    g_error ("%s", error->message);

  raw = raw_events_new (n);
  start = g_get_monotonic_time ();
  cpu_start = process_cpu_usec ();
  written_start = written_bytes ();

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (batch, parse (&raw[i]));

      if (batch->len == batch_size || i == n - 1)
        {
          g_autoptr(GPtrArray) inserted = NULL;

          if (!lurk_event_store_insert (store, batch, &inserted, &error))
            g_error ("insert: %s", error->message);
          if (inserted->len != batch->len)
            g_error ("insert: %u of %u stored", inserted->len, batch->len);
          g_ptr_array_set_size (batch, 0);
          wal_max = MAX (wal_max, file_size (wal));
        }
    }

  /* What the flood left for later is part of its cost: the rest of the search index. */
  if (!lurk_event_store_update_search_index (store, &error))
    g_error ("index: %s", error->message);

  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  cpu = (process_cpu_usec () - cpu_start) / (double) G_USEC_PER_SEC;

  g_print ("flood: %u events in batches of %u (parse + store + the rest of the search index, "
           "one thread, checkpoints in the background)\n", n, batch_size);
  g_print ("flood: %.0f events/s wall clock, %.0f events per CPU-second of the process\n",
           n / seconds, n / MAX (cpu, 1e-6));
  g_print ("flood: %.0f bytes written per event, largest WAL %.1f MB, database %.1f MB\n",
           (written_bytes () - written_start) / (double) n, wal_max / 1048576.0,
           file_size (path) / 1048576.0);
  raw_events_free (raw, n);
}

static void
remove_database (const char *dir,
                 const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_remove (wal);
  g_remove (shm);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  static const guint batch_sizes[] = { 1, 10, 100, 1000 };
  g_autoptr(GOptionContext) context = g_option_context_new ("- measure the event store");
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_dir = NULL;
  int n_events = 20000;
  int n_flood = 0;
  int flood_batch = 1024;
  gboolean keep = FALSE;
  gint64 start;
  gint64 total = 0;
  GOptionEntry entries[] = {
    { "events", 'n', 0, G_OPTION_ARG_INT, &n_events, "Events per run (default 20000)", "N" },
    { "dir", 'd', 0, G_OPTION_ARG_FILENAME, &base_dir, "Where to put the database (default: "
      "a temporary folder)", "DIR" },
    { "flood", 0, 0, G_OPTION_ARG_INT, &n_flood, "Only a flood of N events", "N" },
    { "batch", 0, 0, G_OPTION_ARG_INT, &flood_batch, "Events per batch in the flood "
      "(default 1024)", "B" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the flood's database", NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || n_events <= 0)
    {
      g_printerr ("%s\n", error ? error->message : "--events must be positive");
      return 2;
    }

  if (base_dir != NULL)
    {
      dir = g_build_filename (base_dir, "lurk-store-bench-XXXXXX", NULL);
      if (g_mkdtemp (dir) == NULL)
        g_error ("%s: %s", dir, g_strerror (errno));
    }
  else if ((dir = g_dir_make_tmp ("lurk-store-bench-XXXXXX", &error)) == NULL)
    {
      g_error ("%s", error->message);
    }
  path = g_build_filename (dir, "events.db", NULL);

  if (n_flood > 0)
    {
      flood (path, n_flood, MAX (flood_batch, 1));
      if (keep)
        g_print ("kept %s\n", path);
      else
        remove_database (dir, path);
      return 0;
    }

  store = lurk_event_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  g_print ("Event store ingest, %d events of %zu bytes per run, one thread, %s\n", n_events,
           strlen (EVENT_TEMPLATE) + 40, path);
  g_print ("events/s: wall clock (CPU time of the one thread); one insert call: p50/p99/max ms\n");
  g_print ("%-6s %26s %26s %24s\n", "batch", "store only", "parse + store", "insert call");

  for (guint b = 0; b < G_N_ELEMENTS (batch_sizes); b++)
    {
      RawEvent *raw_a = raw_events_new (n_events);
      RawEvent *raw_b = raw_events_new (n_events);
      Rate store_only = run (store, raw_a, n_events, batch_sizes[b], FALSE);
      Rate with_parse = run (store, raw_b, n_events, batch_sizes[b], TRUE);

      g_print ("%-6u %12.0f (%9.0f cpu) %12.0f (%9.0f cpu) %7.2f/%6.2f/%7.2f\n",
               batch_sizes[b], store_only.wall, store_only.cpu, with_parse.wall,
               with_parse.cpu, store_only.p50, store_only.p99, store_only.max);
      raw_events_free (raw_a, n_events);
      raw_events_free (raw_b, n_events);
    }

#ifdef LURK_BENCH_HOOKS
  /* Where the time goes at batch 100: the rows, then the search index built behind them. */
  {
    RawEvent *raw = raw_events_new (n_events);
    Rate rows;
    gint64 cpu_start;
    gint64 start_index;

    _lurk_event_store_set_manual_index (store, TRUE);
    rows = run (store, raw, n_events, 100, FALSE);
    start_index = g_get_monotonic_time ();
    cpu_start = cpu_time_usec ();
    if (!lurk_event_store_update_search_index (store, &error))
      g_error ("index: %s", error->message);
    g_print ("batch 100 split: rows %.0f (%.0f cpu), search index %.0f (%.0f cpu) events/s\n",
             rows.wall, rows.cpu,
             n_events / ((g_get_monotonic_time () - start_index) / (double) G_USEC_PER_SEC),
             n_events / (MAX (cpu_time_usec () - cpu_start, 1) / (double) G_USEC_PER_SEC));
    _lurk_event_store_set_manual_index (store, FALSE);
    raw_events_free (raw, n_events);
  }
#else
  g_print ("batch 100 split: needs a build with -Dbench_hooks=true (make bench's)\n");
#endif

  total = lurk_event_store_count (store, NULL, NULL);
  g_clear_object (&store);

  /* What opening costs once the history is big (quick_check and migrations). */
  start = g_get_monotonic_time ();
  store = lurk_event_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  g_print ("reopen with %" G_GINT64_FORMAT " events: %.1f ms\n", total,
           (g_get_monotonic_time () - start) / 1000.0);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GPtrArray) recent = lurk_event_store_list_recent (store, "1001", 10, &error);

      if (recent == NULL || recent->len != 10)
        g_error ("list_recent: %s", error ? error->message : "short");
    }
  g_print ("list_recent(10): %.2f ms\n", (g_get_monotonic_time () - start) / 100 / 1000.0);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GPtrArray) found = lurk_event_store_search (store, NULL, "viewer_42 love",
                                                            NULL, 50, &error);

      if (found == NULL)
        g_error ("search: %s", error->message);
    }
  g_print ("search(\"viewer_42 love\", 50): %.2f ms\n",
           (g_get_monotonic_time () - start) / 10 / 1000.0);

  g_clear_object (&store);
  remove_database (dir, path);

  return 0;
}
