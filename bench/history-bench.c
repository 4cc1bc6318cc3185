/* history-bench.c: History's queries on 100,000 stored events
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store filled as tests/ui/test-history.c fills it (three channels, one event a minute),
 * then each query History makes, timed on the store's read connection as the UI runs it
 * (lurk_event_store_page_async, waited for on this thread): the first page, a page deep in
 * the history, a search for a name that appears once, a search for a word in thousands of
 * events, a kind filter. Median of BENCH_RUNS (10) runs. --json: one figure per line, for
 * bench/run-bench.py.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "lurk-history-model.h"
#include "lurk-test-history.h"

#define N_EVENTS 100000u

static gboolean json_output;

static void
figure (const char *name,
        GArray     *ms,
        const char *budget,
        double      budget_ms,
        const char *note)
{
  double *v = (double *) ms->data;
  double median;
  int verdict = budget_ms > 0 ? 1 : -1;

  for (guint i = 0; i < ms->len; i++)
    for (guint j = i + 1; j < ms->len; j++)
      if (v[j] < v[i])
        {
          double t = v[i];

          v[i] = v[j];
          v[j] = t;
        }
  median = v[ms->len / 2];
  if (budget_ms > 0)
    verdict = median <= budget_ms;

  if (json_output)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *text = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "figure");
      json_builder_add_string_value (b, name);
      json_builder_set_member_name (b, "value");
      json_builder_add_double_value (b, median);
      json_builder_set_member_name (b, "min");
      json_builder_add_double_value (b, v[0]);
      json_builder_set_member_name (b, "max");
      json_builder_add_double_value (b, v[ms->len - 1]);
      json_builder_set_member_name (b, "runs");
      json_builder_add_int_value (b, ms->len);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, "ms");
      json_builder_set_member_name (b, "budget");
      if (budget != NULL)
        json_builder_add_string_value (b, budget);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "verdict");
      json_builder_add_string_value (b, verdict < 0 ? "—" : verdict ? "ok" : "OVER BUDGET");
      json_builder_set_member_name (b, "note");
      json_builder_add_string_value (b, note);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      text = json_to_string (root, FALSE);
      printf ("%s\n", text);
    }
  else
    printf ("%-48s %8.2f ms (%.2f..%.2f, n=%u) %-8s %s  %s\n", name, median, v[0],
            v[ms->len - 1], ms->len, budget ? budget : "",
            verdict < 0 ? "" : verdict ? "ok" : "OVER BUDGET", note);
  fflush (stdout);
}

static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* One page as History asks for it: in a worker thread, on the read connection */
static double
time_page (LurkEventStore        *store,
           const LurkEventFilter *filter,
           LurkEventCursor       *cursor,
           guint                  limit,
           guint                 *n_out)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  lurk_event_store_page_async (store, filter, cursor, limit, NULL, keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  page = lurk_event_store_page_finish (store, result, cursor, &error);
  if (page == NULL)
    g_error ("page: %s", error->message);
  if (n_out != NULL)
    *n_out = page->len;

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("lurk-history-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autofree char *command = NULL;
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *runs_env = g_getenv ("BENCH_RUNS");
  guint runs = runs_env != NULL ? MAX (1, atoi (runs_env)) : 10;
  const char *favorite = lurk_test_history_channel_ids[0];
  LurkEventFilter all = { .broadcaster_id = favorite };
  LurkEventFilter unique = { .broadcaster_id = favorite, .text = "zanzibar" };
  LurkEventFilter common = { .broadcaster_id = favorite, .text = "viewer1" };
  LurkEventFilter raids = { .broadcaster_id = favorite,
                            .kinds = lurk_history_group_get_kinds (LURK_HISTORY_GROUP_RAIDS) };
  GArray *fill = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *first = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *deep = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *found = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *many = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *kind = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *scroll = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;
  double ms;

  json_output = argc > 1 && g_str_equal (argv[1], "--json");

  store = lurk_event_store_new (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  lurk_test_history_fill (store, N_EVENTS, g_get_real_time ());
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_array_append_val (fill, ms);

  for (guint run = 0; run < runs; run++)
    {
      LurkEventCursor cursor = { 0 };
      guint n = 0, total = 0;

      ms = time_page (store, &all, &cursor, 200, NULL);
      g_array_append_val (first, ms);

      /* the whole favorite's history, in History's pages of 1000 */
      start = g_get_monotonic_time ();
      do
        {
          double page_ms = time_page (store, &all, &cursor, 1000, &n);

          total += n;
          if (total > 20000 && total <= 21000)
            g_array_append_val (deep, page_ms);
        }
      while (n == 1000);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (scroll, ms);
      if (total + 200 != N_EVENTS / 3 + 1)
        g_error ("read %u events, expected %u", total + 200, N_EVENTS / 3 + 1);

      cursor = (LurkEventCursor) { 0 };
      ms = time_page (store, &unique, &cursor, 200, &n);
      if (n != 1)
        g_error ("the unique name found %u times", n);
      g_array_append_val (found, ms);

      cursor = (LurkEventCursor) { 0 };
      ms = time_page (store, &common, &cursor, 200, &n);
      g_array_append_val (many, ms);

      cursor = (LurkEventCursor) { 0 };
      ms = time_page (store, &raids, &cursor, 200, &n);
      g_array_append_val (kind, ms);
    }

  figure ("history: fill 100,000 events (3 channels)", fill, NULL, 0,
          "batches of 5000 and the search index");
  figure ("history: first page (200 of 33,334)", first, "≤ 50 ms", 50, "");
  figure ("history: a page 20,000 events deep (1000)", deep, "≤ 50 ms", 50,
          "keyset cursor: as cheap as the first");
  figure ("history: every page to the end (33,334)", scroll, NULL, 0,
          "34 pages of 1000 after the first 200");
  figure ("history: search a name that appears once", found, "≤ 50 ms", 50, "FTS5");
  figure ("history: search a prefix in 1/9 of the events", many, "≤ 50 ms", 50,
          "\"viewer1\": first 200 of ~3,700 matches");
  figure ("history: kind filter, first page (raids)", kind, "≤ 50 ms", 50, "");

  g_clear_object (&store);
  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);

  return 0;
}
