/* test-store-crash.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Crash safety of the event store: a child process floods the store with batches and
 * reports on a pipe the last event of each committed batch; the test kills it with SIGKILL
 * in the middle of the flood (mid-transaction, mid-checkpoint, mid-indexing, wherever it
 * happens to be), reopens the file and checks that it is intact and that every event the
 * writer reported as committed is there. Several rounds on the same file, each killed at a
 * different moment.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lurk-event-store.h"

#define N_ROUNDS 4
#define ROUND_SPAN 10000000u /* event numbers of round r start at r * ROUND_SPAN */

#define RESUB_JSON \
  "{\"broadcaster_user_id\":\"1001\",\"broadcaster_user_login\":\"streamer\"," \
  "\"broadcaster_user_name\":\"Streamer\",\"chatter_user_id\":\"%u\"," \
  "\"chatter_user_login\":\"viewer_%u\",\"chatter_user_name\":\"Viewer_%u\"," \
  "\"chatter_is_anonymous\":false,\"color\":\"#8A2BE2\",\"badges\":[]," \
  "\"system_message\":\"Viewer_%u subscribed at Tier 1. They've subscribed for 14 months!\"," \
  "\"message_id\":\"m-%u\",\"message\":{\"text\":\"crash test message %u\",\"fragments\":[" \
  "{\"type\":\"text\",\"text\":\"crash test message %u\",\"cheermote\":null,\"emote\":null," \
  "\"mention\":null}]},\"notice_type\":\"resub\",\"sub\":null,\"resub\":{" \
  "\"cumulative_months\":14,\"duration_months\":1,\"streak_months\":3,\"sub_tier\":\"1000\"," \
  "\"is_prime\":false,\"is_gift\":false,\"gifter_is_anonymous\":null,\"gifter_user_id\":null," \
  "\"gifter_user_name\":null,\"gifter_user_login\":null}}"

#define ONLINE_JSON \
  "{\"id\":\"%u\",\"broadcaster_user_id\":\"1001\",\"broadcaster_user_login\":\"streamer\"," \
  "\"broadcaster_user_name\":\"Streamer\",\"type\":\"live\"," \
  "\"started_at\":\"2026-11-28T00:00:00Z\"}"

static char *
make_id (guint n)
{
  return g_strdup_printf ("crash-%010u", n);
}

static LurkEvent *
make_event (guint n)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = make_id (n);
  g_autofree char *json = NULL;
  g_autofree char *stamp = g_strdup_printf ("2026-11-28T00:%02u:%02u.%09uZ", (n / 60) % 60,
                                            n % 60, n % 1000000000);
  LurkEvent *event;

  if (n % 4 == 0)
    {
      json = g_strdup_printf (ONLINE_JSON, n);
      event = lurk_event_new_from_json_string (id, "stream.online", "1", stamp,
                                               g_get_real_time (), json, &error);
    }
  else
    {
      json = g_strdup_printf (RESUB_JSON, n, n, n, n, n, n, n);
      event = lurk_event_new_from_json_string (id, "channel.chat.notification", "1", stamp,
                                               g_get_real_time (), json, &error);
    }

  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

/* The writer: never returns. */
static void
run_writer (const char *path,
            guint       first,
            int         report_fd)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventStore) store = lurk_event_store_new (path, &error);
  GRand *rand = g_rand_new_with_seed (first);
  guint next = first;

  if (store == NULL)
    {
      g_printerr ("writer: %s\n", error->message);
      _exit (3);
    }

  for (;;)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
      guint size = g_rand_int_range (rand, 1, 400);
      guint last;

      for (guint i = 0; i < size; i++)
        g_ptr_array_add (batch, make_event (next++));
      last = next - 1;

      if (!lurk_event_store_insert (store, batch, NULL, &error))
        {
          g_printerr ("writer: %s\n", error->message);
          _exit (4);
        }

      /* Committed: tell the parent (a write this small to a pipe is atomic). */
      if (write (report_fd, &last, sizeof last) != sizeof last)
        _exit (5);
    }
}

static gboolean
read_report (int    fd,
             guint *last,
             int    timeout_ms)
{
  struct pollfd pfd = { .fd = fd, .events = POLLIN };
  gssize n;

  if (poll (&pfd, 1, timeout_ms) <= 0)
    return FALSE;

  do
    n = read (fd, last, sizeof *last);
  while (n < 0 && errno == EINTR);

  g_assert_true (n == 0 || n == sizeof *last);
  return n == sizeof *last;
}

static void
check_after_crash (const char *path,
                   guint       first,
                   guint       last_reported,
                   guint       n_reports)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventStore) store = NULL;
  sqlite3 *db = NULL;
  char *errmsg = NULL;
  guint missing = 0;
  gint64 count;

  /* Reopening runs quick_check and would report a damaged file. */
  store = lurk_event_store_new (path, &error);
  g_assert_no_error (error);

  g_assert_true (lurk_event_store_check (store, &error));
  g_assert_no_error (error);

  for (guint n = first; n <= last_reported; n++)
    {
      g_autofree char *id = make_id (n);

      if (!lurk_event_store_contains (store, id))
        missing++;
    }
  g_assert_cmpuint (missing, ==, 0);

  count = lurk_event_store_count (store, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("round from %u: %u batches reported up to %u, %" G_GINT64_FORMAT
                  " events in the store", first, n_reports, last_reported, count);

  /* The search index picks up where the killed writer left it, and agrees with the rows. */
  g_assert_true (lurk_event_store_update_search_index (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO events_fts (events_fts) "
                                     "VALUES ('integrity-check')", NULL, NULL, &errmsg),
                   ==, SQLITE_OK);
  g_assert_null (errmsg);
  sqlite3_close (db);
}

static void
test_sigkill_mid_flood (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lurk-store-crash-XXXXXX", &error);
  g_autofree char *path = NULL;
  GRand *rand = g_rand_new ();

  g_assert_no_error (error);
  path = g_build_filename (dir, "events.db", NULL);

  for (guint round = 1; round <= N_ROUNDS; round++)
    {
      guint first = round * ROUND_SPAN;
      guint last_reported = first - 1;
      guint n_reports = 0;
      guint report;
      gint64 kill_after;
      gint64 start;
      int fds[2];
      int status = 0;
      pid_t pid;

      g_assert_cmpint (pipe (fds), ==, 0);

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          run_writer (path, first, fds[1]);
        }
      close (fds[1]);

      /* Let it commit a few batches, then kill it at a moment of chance. */
      kill_after = g_rand_int_range (rand, 50, 400) * G_TIME_SPAN_MILLISECOND;
      start = 0;
      while (read_report (fds[0], &report, 10000))
        {
          g_assert_cmpuint (report, >, last_reported);
          last_reported = report;
          n_reports++;

          if (start == 0)
            start = g_get_monotonic_time ();
          if (n_reports >= 3 && g_get_monotonic_time () - start >= kill_after)
            break;
        }
      g_assert_cmpuint (n_reports, >=, 3);

      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);

      /* Reports written before the kill are still in the pipe. */
      while (read_report (fds[0], &report, 0))
        {
          g_assert_cmpuint (report, >, last_reported);
          last_reported = report;
          n_reports++;
        }
      close (fds[0]);

      check_after_crash (path, first, last_reported, n_reports);
    }

  g_rand_free (rand);

  {
    static const char * const suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_remove (file);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/store/crash/sigkill-mid-flood", test_sigkill_mid_flood);

  return g_test_run ();
}
