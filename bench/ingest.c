/* ingest.c: lurk-bench-ingest, the EventSub ingest benchmark
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Floods lurk-events from lurk-sim (in this process, on its own thread, 127.0.0.1:0) and
 * measures:
 * - sustained events/s through socket, parse, dedupe, (store,) JSON line written: a flood of
 *   N events as fast as the simulator sends, lurk-events --count N writing to /dev/null,
 *   timed from the flood request to lurk-events' "done" (the N-th event printed, and
 *   stored before that with --store; not its shutdown); with and without --store;
 * - end-to-end latency at 100, 1,000 and 10,000 events/s (5, 5 and 3 s; median of the runs'
 *   p50, p99 and max): the simulator's message_timestamp
 *   (taken when it builds the message) to the moment this process reads the line lurk-events
 *   wrote (one pipe hop more than "written").
 *
 * Output: a table on stdout, or with --json one JSON object per figure (run-bench.py's
 * format). Environment: BENCH_INGEST_EVENTS (default 100000), BENCH_RUNS (default 3),
 * LURK_EVENTS (path of lurk-events; default: next to this program in the build tree).
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

#include "lurk-sim.h"

#define FLOOD_TYPE   "channel.chat.notification"

typedef struct
{
  LurkSim     *sim;
  SoupSession *control;
  char        *url;
  char        *lurk_events;
  char        *tmpdir;
  gboolean     json;
} Bench;

static void
sim_post (Bench      *bench,
          const char *path,
          const char *body)
{
  g_autofree char *url = g_strconcat (bench->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  reply = soup_session_send_and_read (bench->control, msg, NULL, &error);
  if (reply == NULL || !SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)))
    g_error ("POST %s failed: %s", path, error ? error->message : "status");
}

static GSubprocess *
spawn_lurk_events (Bench       *bench,
                   guint        count,
                   gboolean     with_store,
                   gboolean     stdout_to_null,
                   GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *store = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (stdout_to_null ? 0 : G_SUBPROCESS_FLAGS_STDOUT_PIPE));
  if (stdout_to_null)
    g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/null");
  g_subprocess_launcher_setenv (launcher, "LURK_SIM_URL", bench->url, TRUE);
  g_subprocess_launcher_setenv (launcher, "LURK_ACCESS_TOKEN", LURK_SIM_DEMO_TOKEN, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");

  g_ptr_array_add (argv, g_strdup (bench->lurk_events));
  g_ptr_array_add (argv, g_strdup ("--user-id=" LURK_SIM_DEMO_USER_ID));
  g_ptr_array_add (argv, g_strdup ("--broadcaster-id=" LURK_SIM_BROADCASTER_ID));
  g_ptr_array_add (argv, g_strdup_printf ("--count=%u", count));
  g_ptr_array_add (argv, g_strdup ("--timeout=300"));
  if (with_store)
    {
      static guint serial;

      store = g_strdup_printf ("%s/events-%u.db", bench->tmpdir, serial++);
      g_ptr_array_add (argv, g_strconcat ("--store=", store, NULL));
    }
  g_ptr_array_add (argv, NULL);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

/* Reads lurk-events' stderr until it says it is connected (subscribed). */
static void
wait_connected (GSubprocess *process)
{
  g_autoptr(GDataInputStream) err = NULL;

  err = g_data_input_stream_new (g_subprocess_get_stderr_pipe (process));
  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, NULL);

      if (line == NULL)
        g_error ("lurk-events ended before it was connected");
      if (strstr (line, "state: connected") != NULL)
        break;
    }
  /* the stream must stay open (the pipe too): keep reading it is not needed, lurk-events
   * writes little to stderr */
  g_object_set_data_full (G_OBJECT (process), "stderr", g_steal_pointer (&err), g_object_unref);
}

/* CPU seconds (user + system) of the thread named @comm in process @pid, or -1 */
static double
thread_cpu_seconds (const char *pid,
                    const char *comm)
{
  g_autofree char *tasks = g_build_filename ("/proc", pid, "task", NULL);
  g_autoptr(GDir) dir = g_dir_open (tasks, 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_build_filename (tasks, tid, "comm", NULL);
      g_autofree char *stat_path = g_build_filename (tasks, tid, "stat", NULL);
      g_autofree char *name = NULL;
      g_autofree char *stat = NULL;
      const char *fields;
      unsigned long utime = 0, stime = 0;

      if (!g_file_get_contents (comm_path, &name, NULL, NULL) ||
          !g_str_equal (g_strstrip (name), comm) ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL) ||
          (fields = strrchr (stat, ')')) == NULL)
        continue;
      /* after ") ": state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
       * cmajflt utime stime */
      if (sscanf (fields + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
                  &utime, &stime) == 2)
        return (utime + stime) / (double) sysconf (_SC_CLK_TCK);
    }

  return -1;
}

static double
children_cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

/* Reads lurk-events' stderr to its end, noting when it said "done: N events" (printed the
 * count-th event, with a store after storing it): the flood is timed to there, as
 * twurple-bench.mjs times twurple to its last event, not to the end of the shutdown. */
static gpointer
watch_done (gpointer data)
{
  GDataInputStream *err = data;
  gint64 done = 0;

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, NULL);

      if (line == NULL)
        break;
      if (done == 0 && strstr (line, "done: ") != NULL)
        done = g_get_monotonic_time ();
    }

  return g_memdup2 (&done, sizeof done);
}

typedef struct
{
  double wall;          /* events/s, wall clock */
  double per_listener;  /* events per CPU second of the listener and store writer threads */
  double per_process;   /* events per CPU second of the whole lurk-events process */
} Throughput;

static Throughput
throughput_run (Bench    *bench,
                guint     count,
                gboolean  with_store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *body = NULL;
  g_autofree char *pid = NULL;
  Throughput result;
  double listener_cpu = -1, writer_cpu = 0, listener_start, writer_start, process_start;
  g_autofree gint64 *done = NULL;
  GThread *watcher;
  gint64 t0, t1;

  process = spawn_lurk_events (bench, count, with_store, TRUE, &error);
  if (process == NULL)
    g_error ("%s", error->message);
  wait_connected (process);
  pid = g_strdup (g_subprocess_get_identifier (process));
  listener_start = thread_cpu_seconds (pid, "lurk-listener");
  writer_start = MAX (thread_cpu_seconds (pid, "lurk-writer"), 0);
  process_start = children_cpu_seconds ();

  body = g_strdup_printf ("{\"type\":\"" FLOOD_TYPE "\",\"notice_type\":\"sub\",\"count\":%u,"
                          "\"rate\":0}", count);
  watcher = g_thread_new ("done-watch", watch_done,
                          g_object_get_data (G_OBJECT (process), "stderr"));
  t0 = g_get_monotonic_time ();
  sim_post (bench, "/sim/flood", body);
  /* sample the listener and store writer threads until they are gone (lurk-events joins
   * them before exiting; the writer ends first) */
  for (;;)
    {
      double sample = thread_cpu_seconds (pid, "lurk-listener");
      double writer = thread_cpu_seconds (pid, "lurk-writer");

      if (sample < 0)
        break;
      listener_cpu = sample;
      if (writer >= 0)
        writer_cpu = writer;
      g_usleep (10 * G_TIME_SPAN_MILLISECOND);
    }
  if (!g_subprocess_wait (process, NULL, &error) || g_subprocess_get_exit_status (process) != 0)
    g_error ("lurk-events failed during the flood");
  t1 = g_get_monotonic_time ();
  done = g_thread_join (watcher);
  if (*done > 0)
    t1 = *done;

  result.wall = count / ((t1 - t0) / (double) G_USEC_PER_SEC);
  result.per_listener = count / MAX (listener_cpu - listener_start +
                                     writer_cpu - writer_start, 0.001);
  /* the process CPU includes the start-up and subscription, a few ms */
  result.per_process = count / MAX (children_cpu_seconds () - process_start, 0.001);

  return result;
}

static gint64
parse_occurred_at (const char *line)
{
  const char *p = strstr (line, "\"occurred_at\":\"");
  struct tm tm = { 0 };
  int year, month, day, hour, minute, second;
  int consumed = 0;
  gint64 usec = 0;
  int digits = 0;

  if (p == NULL)
    return 0;
  p += strlen ("\"occurred_at\":\"");
  if (sscanf (p, "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute, &second,
              &consumed) != 6)
    return 0;
  p += consumed;
  if (*p == '.')
    {
      for (p++; g_ascii_isdigit (*p); p++, digits++)
        {
          if (digits < 6)
            usec = usec * 10 + (*p - '0');
        }
      for (; digits < 6; digits++)
        usec *= 10;
    }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;

  return (gint64) timegm (&tm) * G_USEC_PER_SEC + usec;
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
latency_run (Bench  *bench,
             guint   rate,
             double  seconds,
             double *p50,
             double *p99,
             double *max)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GArray) latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *body = NULL;
  guint count = (guint) (rate * seconds);

  process = spawn_lurk_events (bench, count, FALSE, FALSE, &error);
  if (process == NULL)
    g_error ("%s", error->message);
  wait_connected (process);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (out), 1 << 20);
  body = g_strdup_printf ("{\"type\":\"" FLOOD_TYPE "\",\"notice_type\":\"sub\",\"count\":%u,"
                          "\"rate\":%u}", count, rate);
  sim_post (bench, "/sim/flood", body);

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line (out, NULL, NULL, NULL);
      gint64 now = g_get_real_time ();
      gint64 sent;

      if (line == NULL)
        break;
      sent = parse_occurred_at (line);
      if (sent > 0)
        {
          gint64 latency = now - sent;

          g_array_append_val (latencies, latency);
        }
    }
  g_subprocess_wait (process, NULL, NULL);

  if (latencies->len == 0)
    g_error ("no line read from lurk-events");
  g_array_sort (latencies, compare_gint64);
  *p50 = g_array_index (latencies, gint64, latencies->len / 2) / 1000.0;
  *p99 = g_array_index (latencies, gint64, MIN (latencies->len - 1,
                                                (guint) ceil (latencies->len * 0.99) - 1))
         / 1000.0;
  *max = g_array_index (latencies, gint64, latencies->len - 1) / 1000.0;
}

static void
figure (Bench      *bench,
        const char *name,
        double      value,
        double      lo,
        double      hi,
        guint       runs,
        const char *unit,
        const char *budget,
        int         verdict, /* -1: none, 0: over, 1: ok */
        const char *note)
{
  if (bench->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "figure");
      json_builder_add_string_value (builder, name);
      json_builder_set_member_name (builder, "value");
      json_builder_add_double_value (builder, value);
      json_builder_set_member_name (builder, "min");
      json_builder_add_double_value (builder, lo);
      json_builder_set_member_name (builder, "max");
      json_builder_add_double_value (builder, hi);
      json_builder_set_member_name (builder, "runs");
      json_builder_add_int_value (builder, runs);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, unit);
      json_builder_set_member_name (builder, "budget");
      if (budget != NULL)
        json_builder_add_string_value (builder, budget);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "verdict");
      json_builder_add_string_value (builder, verdict < 0 ? "—" : verdict ? "ok"
                                                                          : "OVER BUDGET");
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, note ? note : "");
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      text = json_to_string (root, FALSE);
      printf ("%s\n", text);
    }
  else
    {
      printf ("%-52s %12.2f %-9s (%.2f..%.2f, n=%u)  %-12s %s\n", name, value, unit, lo, hi,
              runs, budget ? budget : "", verdict < 0 ? "" : verdict ? "ok" : "OVER BUDGET");
    }
  fflush (stdout);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median_of (GArray *values,
           double *lo,
           double *hi)
{
  g_array_sort (values, compare_double);
  *lo = g_array_index (values, double, 0);
  *hi = g_array_index (values, double, values->len - 1);

  return g_array_index (values, double, values->len / 2);
}

static void
bench_throughput (Bench    *bench,
                  guint     count,
                  guint     runs,
                  gboolean  with_store)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) listener = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) process = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name = NULL;
  g_autofree char *note = NULL;
  const char *with = with_store ? "with" : "without";
  double median, lo, hi;

  for (guint i = 0; i < runs; i++)
    {
      Throughput value = throughput_run (bench, count, with_store);

      g_array_append_val (wall, value.wall);
      g_array_append_val (listener, value.per_listener);
      g_array_append_val (process, value.per_process);
    }

  name = g_strdup_printf ("ingest: events/s %s store, wall clock (lurk-events)", with);
  note = g_strdup_printf ("flood of %u %s as fast as lurk-sim (same machine) sends, to the "
                          "last line written; depends on the machine's load", count, FLOOD_TYPE);
  median = median_of (wall, &lo, &hi);
  figure (bench, name, median, lo, hi, runs, "events/s", "≥ 30000", median >= 30000, note);
  g_clear_pointer (&name, g_free);
  g_clear_pointer (&note, g_free);

  /* the budget is "on one core": events per CPU second spent in the listener thread (socket,
   * parse, dedupe) and the store writer thread (SQLite) together */
  name = g_strdup_printf ("ingest: events per CPU-second %s store (parse, dedupe, store)",
                          with);
  median = median_of (listener, &lo, &hi);
  figure (bench, name, median, lo, hi, runs, "events/s", "≥ 30000", median >= 30000,
          "CPU of the listener + store writer threads: what one core sustains");
  g_clear_pointer (&name, g_free);

  name = g_strdup_printf ("ingest: events per CPU-second %s store, whole lurk-events", with);
  median = median_of (process, &lo, &hi);
  figure (bench, name, median, lo, hi, runs, "events/s", NULL, -1,
          "all threads, JSON lines written included");
}

static void
bench_latency (Bench  *bench,
               guint   rate,
               double  seconds,
               guint   runs)
{
  g_autoptr(GArray) p50s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) p99s = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) maxs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *name50 = g_strdup_printf ("ingest: latency p50 at %u events/s", rate);
  g_autofree char *name99 = g_strdup_printf ("ingest: latency p99 at %u events/s", rate);
  g_autofree char *namemax = g_strdup_printf ("ingest: latency max at %u events/s", rate);
  const char *note = "sim message_timestamp → line read from lurk-events' stdout";
  double median, lo, hi;

  for (guint i = 0; i < runs; i++)
    {
      double p50, p99, max;

      latency_run (bench, rate, seconds, &p50, &p99, &max);
      g_array_append_val (p50s, p50);
      g_array_append_val (p99s, p99);
      g_array_append_val (maxs, max);
    }

  median = median_of (p50s, &lo, &hi);
  figure (bench, name50, median, lo, hi, runs, "ms", NULL, -1, note);
  median = median_of (p99s, &lo, &hi);
  figure (bench, name99, median, lo, hi, runs, "ms", rate == 1000 ? "≤ 5" : NULL,
          rate == 1000 ? median <= 5.0 : -1, note);
  median = median_of (maxs, &lo, &hi);
  figure (bench, namemax, median, lo, hi, runs, "ms", NULL, -1, note);
}

static char *
find_lurk_events (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  const char *env = g_getenv ("LURK_EVENTS");

  if (env != NULL)
    return g_strdup (env);
  if (self == NULL)
    return g_strdup ("lurk-events");
  dir = g_path_get_dirname (self);

  return g_build_filename (dir, "..", "src", "cli", "lurk-events", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lurk_events = find_lurk_events ();
  Bench bench = { 0 };
  const char *env_events = g_getenv ("BENCH_INGEST_EVENTS");
  const char *env_runs = g_getenv ("BENCH_RUNS");
  guint count = env_events ? (guint) g_ascii_strtoull (env_events, NULL, 10) : 100000;
  guint runs = env_runs ? (guint) g_ascii_strtoull (env_runs, NULL, 10) : 3;

  bench.json = argc > 1 && g_str_equal (argv[1], "--json");
  bench.lurk_events = lurk_events;
  if (!g_file_test (bench.lurk_events, G_FILE_TEST_IS_EXECUTABLE))
    {
      fprintf (stderr, "lurk-bench-ingest: %s is not built\n", bench.lurk_events);
      return 1;
    }
  bench.tmpdir = g_dir_make_tmp ("lurk-bench-ingest-XXXXXX", &error);
  g_assert_no_error (error);

  bench.sim = lurk_sim_new ();
  lurk_sim_set_scenario (bench.sim, "none");
  if (!lurk_sim_start_in_thread (bench.sim, "127.0.0.1", 0, &error))
    {
      fprintf (stderr, "lurk-bench-ingest: %s\n", error->message);
      return 1;
    }
  bench.url = g_strdup (lurk_sim_get_url (bench.sim));
  bench.control = soup_session_new ();

  if (!bench.json)
    printf ("lurk-bench-ingest: lurk-sim at %s, %u events per run, %u runs\n", bench.url,
            count, MAX (runs, 1));

  bench_throughput (&bench, MAX (count, 1000), MAX (runs, 1), FALSE);
  bench_throughput (&bench, MAX (count, 1000), MAX (runs, 1), TRUE);
  bench_latency (&bench, 100, 5, MAX (runs, 1));
  bench_latency (&bench, 1000, 5, MAX (runs, 1));
  bench_latency (&bench, 10000, 3, MAX (runs, 1));

  lurk_sim_stop (bench.sim);
  g_clear_object (&bench.sim);
  g_clear_object (&bench.control);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (bench.tmpdir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, "standard::name",
                                                                     0, NULL, NULL);
    GFileInfo *info;

    while (children && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autoptr(GFile) child = g_file_get_child (dir, g_file_info_get_name (info));

        g_file_delete (child, NULL, NULL);
        g_object_unref (info);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (bench.url);
  g_free (bench.tmpdir);

  return 0;
}
