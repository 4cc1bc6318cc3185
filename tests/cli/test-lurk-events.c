/* test-lurk-events.c: the lurk-events executable, run as a user runs it
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libsoup/soup.h>

#include "lurk-event-store.h"
#include "lurk-sim.h"
#include "lurk-test-events.h"
#include "lurk-test-history.h"
#include "lurk-test-http.h"
#include "lurk-test-sim.h"

typedef struct
{
  LurkSim     *sim;
  SoupSession *control;
  char        *url;
} Fixture;

static char *
lurk_events_path (void)
{
  const char *build = g_getenv ("LURK_BUILD_DIR");

  g_assert_nonnull (build);
  return g_build_filename (build, "src", "cli", "lurk-events", NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->sim = lurk_test_sim_start_in_thread ();
  fixture->url = g_strdup (lurk_sim_get_url (fixture->sim));
  fixture->control = soup_session_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  lurk_sim_stop (fixture->sim);
  g_assert_finalize_object (fixture->sim);
  g_clear_object (&fixture->control);
  g_free (fixture->url);
}

/* Spawns lurk-events with @argv (NULL-terminated, without the program) and @env (NAME, VALUE
 * pairs, NULL-terminated) */
static GSubprocess *
spawn_with_env (Fixture            *fixture,
                const char         *token,
                const char * const *args,
                const char * const *env)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (fixture != NULL)
    g_subprocess_launcher_setenv (launcher, "LURK_SIM_URL", fixture->url, TRUE);
  if (token != NULL)
    g_subprocess_launcher_setenv (launcher, "LURK_ACCESS_TOKEN", token, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "LURK_ACCESS_TOKEN");
  g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  /* under `meson test --setup valgrind`, lurk-events runs under memcheck too: an error or a
   * definite leak in it makes it exit with 99, which no test expects */
  if (g_getenv ("LURK_TEST_CHILD_WRAPPER") != NULL)
    {
      g_auto(GStrv) words = g_strsplit (g_getenv ("LURK_TEST_CHILD_WRAPPER"), " ", -1);

      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_ptr_array_add (argv, g_strdup (words[i]));
    }
  g_ptr_array_add (argv, lurk_events_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

static GSubprocess *
spawn (Fixture            *fixture,
       const char         *token,
       const char * const *args)
{
  return spawn_with_env (fixture, token, args, NULL);
}

/* Reads stderr until lurk-events says it is subscribed */
static void
wait_connected (GSubprocess *process)
{
  GInputStream *pipe = g_subprocess_get_stderr_pipe (process);
  g_autoptr(GDataInputStream) err = g_data_input_stream_new (pipe);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (err, NULL, NULL, NULL);

      g_assert_nonnull (line);
      if (strstr (line, "state: connected") != NULL)
        break;
    }
  g_object_set_data_full (G_OBJECT (process), "stderr", g_steal_pointer (&err), g_object_unref);
}

static char **
finish (GSubprocess *process,
        int          expected_status,
        char       **err_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GDataInputStream) rest = g_object_steal_data (G_OBJECT (process), "stderr");

  if (rest != NULL)
    {
      /* the stderr pipe was partly read: read the rest of both streams by hand */
      g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
      g_autoptr(GOutputStream) errsink = g_memory_output_stream_new_resizable ();

      g_output_stream_splice (sink, g_subprocess_get_stdout_pipe (process),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_splice (errsink, G_INPUT_STREAM (rest),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_write (sink, "", 1, NULL, NULL);
      g_output_stream_write (errsink, "", 1, NULL, NULL);
      out = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (sink));
      err = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (errsink));
      g_subprocess_wait (process, NULL, &error);
    }
  else
    {
      g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
    }
  g_assert_no_error (error);

  if (g_subprocess_get_exit_status (process) != expected_status)
    g_error ("lurk-events exited with %d, expected %d; stderr:\n%s",
             g_subprocess_get_exit_status (process), expected_status, err);
  if (err_out != NULL)
    *err_out = g_steal_pointer (&err);

  return g_strsplit (out != NULL ? out : "", "\n", -1);
}

/* Each non-empty line: one JSON object with the fields DESIGN.md promises */
static guint
check_lines (char       **lines,
             const char  *only_kind_or_type)
{
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GDateTime) received = NULL;
      JsonObject *object;
      const char *fields[] = { "id", "type", "version", "kind", "broadcaster_id",
                               "occurred_at", "received_at", "summary" };

      if (*lines[i] == '\0')
        continue;
      n++;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      object = json_node_get_object (json_parser_get_root (parser));
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_assert_true (json_object_has_member (object, fields[f]));
          g_assert_nonnull (json_object_get_string_member (object, fields[f]));
        }
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "event")));
      g_assert_cmpstr (json_object_get_string_member (object, "summary"), !=, "");
      /* received_at: local RFC 3339 with microseconds */
      received = g_date_time_new_from_iso8601 (json_object_get_string_member (object,
                                                                              "received_at"),
                                               NULL);
      g_assert_nonnull (received);
      g_assert_true (g_regex_match_simple ("\\.[0-9]{6}([+-][0-9]{2}:[0-9]{2}|Z)$",
                                           json_object_get_string_member (object, "received_at"),
                                           0, 0));
      if (only_kind_or_type != NULL)
        g_assert_true (g_str_equal (json_object_get_string_member (object, "kind"),
                                    only_kind_or_type) ||
                       g_str_equal (json_object_get_string_member (object, "type"),
                                    only_kind_or_type));
    }

  return n;
}

static void
test_demo (void)
{
  /* the demo scenario plays at a human pace (something every 2-4 s) */
  const char *args[] = { "--demo", "--count", "20", "--timeout", "100", NULL };
  g_autoptr(GSubprocess) process = spawn (NULL, NULL, args);
  g_auto(GStrv) lines = finish (process, 0, NULL);

  g_assert_cmpuint (check_lines (lines, NULL), ==, 20);
}

static void
test_no_lookup (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--user-id", LURK_SIM_DEMO_USER_ID,
                         "--broadcaster-id", LURK_SIM_BROADCASTER_ID,
                         "--types", "stream.online, raid_in", "--count", "3",
                         "--timeout", "20", NULL };
  g_autoptr(GSubprocess) process = spawn (fixture, LURK_SIM_DEMO_TOKEN, args);
  g_auto(GStrv) lines = NULL;
  guint n_online = 0, n_raid = 0;

  wait_connected (process);
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"stream.online\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.chat.notification\","
                      "\"notice_type\":\"sub\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.raid\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"stream.offline\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"stream.online\"}");

  lines = finish (process, 0, NULL);
  g_assert_cmpuint (check_lines (lines, NULL), ==, 3);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      n_online += strstr (lines[i], "\"kind\":\"stream_online\"") != NULL;
      n_raid += strstr (lines[i], "\"kind\":\"raid_in\"") != NULL ||
                strstr (lines[i], "\"kind\":\"raid_out\"") != NULL;
    }
  g_assert_cmpuint (n_online, >=, 1);
  g_assert_cmpuint (n_online + n_raid, ==, 3);
}

/* Shared chat: a sub in a partner's channel (shared_chat_sub, with source_broadcaster_user_*)
 * is printed with the partner's channel in source_broadcaster_id and in the summary; the
 * favorite's own sub has neither. */
static void
test_shared_chat (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *args[] = { "--user-id", LURK_SIM_DEMO_USER_ID,
                         "--broadcaster-id", LURK_SIM_BROADCASTER_ID,
                         "--types", "channel.chat.notification", "--count", "2",
                         "--timeout", "20", NULL };
  g_autoptr(GSubprocess) process = spawn (fixture, LURK_SIM_DEMO_TOKEN, args);
  g_auto(GStrv) lines = NULL;
  guint n_own = 0, n_partner = 0;

  wait_connected (process);
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.chat.notification\","
                      "\"notice_type\":\"sub\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.chat.notification\","
                      "\"notice_type\":\"shared_chat_sub\"}");
  lines = finish (process, 0, NULL);
  g_assert_cmpuint (check_lines (lines, "sub"), ==, 2);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object, *event;
      const char *summary;

      if (*lines[i] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      event = json_object_get_object_member (object, "event");
      summary = json_object_get_string_member (object, "summary");
      g_assert_cmpstr (json_object_get_string_member (object, "broadcaster_id"), ==,
                       LURK_SIM_BROADCASTER_ID);

      if (g_str_equal (json_object_get_string_member (event, "notice_type"), "sub"))
        {
          n_own++;
          g_assert_false (json_object_has_member (object, "source_broadcaster_id"));
          g_assert_null (strstr (summary, "channel)"));
        }
      else
        {
          const char *source = json_object_get_string_member (event,
                                                              "source_broadcaster_user_id");
          g_autofree char *label = g_strdup_printf ("(in %s’s channel)",
                                                    json_object_get_string_member (
                                                      event, "source_broadcaster_user_name"));

          n_partner++;
          g_assert_nonnull (source);
          g_assert_cmpstr (source, !=, LURK_SIM_BROADCASTER_ID);
          g_assert_cmpstr (json_object_get_string_member (object, "source_broadcaster_id"), ==,
                           source);
          g_assert_true (g_str_has_suffix (summary, label));
        }
    }
  g_assert_cmpuint (n_own, ==, 1);
  g_assert_cmpuint (n_partner, ==, 1);
}

static void
test_streamer_and_store (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("lurk-events-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", path, NULL);
  const char *args[] = { "--streamer", "@LurkStream", "--count", "4", "--timeout", "20",
                         store_arg, NULL };
  g_autoptr(GSubprocess) process = spawn (fixture, LURK_SIM_DEMO_TOKEN, args);
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *command = NULL;

  wait_connected (process);
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.chat.notification\",\"count\":4}");
  lines = finish (process, 0, NULL);
  g_assert_cmpuint (check_lines (lines, "channel.chat.notification"), ==, 4);

  /* --store kept every line's event */
  store = lurk_event_store_new (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (*lines[i] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      g_assert_true (lurk_event_store_contains (store, json_object_get_string_member (
        json_node_get_object (json_parser_get_root (parser)), "id")));
    }
  g_assert_cmpint (lurk_event_store_count (store, LURK_SIM_BROADCASTER_ID, NULL), ==, 4);
  g_clear_object (&store);
  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

/* The store keeps an event without its null members (lurk-event-store-json.c): a line with
 * those dropped, members in their order */
static GStrv
lines_without_nulls (char **lines)
{
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *text = NULL;

      if (*lines[i] == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      lurk_test_json_drop_nulls (json_parser_get_root (parser));
      json_generator_set_root (generator, json_parser_get_root (parser));
      text = json_generator_to_data (generator, NULL);
      g_strv_builder_add (out, text);
    }

  return g_strv_builder_end (out);
}

/* What --history prints of a live run's store is what the live run printed, line for line */
static void
test_history_matches_live (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("lurk-events-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", path, NULL);
  const char *live_args[] = { "--streamer", "lurkstream", "--count", "6", "--timeout", "20",
                              store_arg, NULL };
  const char *history_args[] = { "--history", "--streamer", "lurkstream", store_arg, NULL };
  const char *search_args[] = { "--history", "--broadcaster-id", LURK_SIM_BROADCASTER_ID,
                                "--search", "nobody-by-this-name", store_arg, NULL };
  g_autoptr(GSubprocess) live = spawn (fixture, LURK_SIM_DEMO_TOKEN, live_args);
  g_autoptr(GSubprocess) history = NULL;
  g_autoptr(GSubprocess) search = NULL;
  g_auto(GStrv) live_lines = NULL;
  g_auto(GStrv) history_lines = NULL;
  g_auto(GStrv) search_lines = NULL;
  g_autofree char *command = NULL;

  wait_connected (live);
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.chat.notification\",\"count\":3}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.raid\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.update\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"stream.online\"}");
  live_lines = finish (live, 0, NULL);
  g_assert_cmpuint (check_lines (live_lines, NULL), ==, 6);

  /* no sim, no token: the store alone */
  history = spawn (NULL, NULL, history_args);
  history_lines = finish (history, 0, NULL);
  g_assert_cmpuint (check_lines (history_lines, NULL), ==, 6);
  {
    g_auto(GStrv) live_compact = lines_without_nulls (live_lines);
    g_auto(GStrv) history_compact = lines_without_nulls (history_lines);

    g_assert_cmpstrv (history_compact, live_compact);
  }

  search = spawn (NULL, NULL, search_args);
  search_lines = finish (search, 0, NULL);
  g_assert_cmpuint (check_lines (search_lines, NULL), ==, 0);

  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static GStrv
run_history (const char *store_arg,
             const char *first,
             ...) G_GNUC_NULL_TERMINATED;

static GStrv
run_history (const char *store_arg,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  va_list ap;

  g_ptr_array_add (args, (gpointer) "--history");
  g_ptr_array_add (args, (gpointer) store_arg);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  process = spawn (NULL, NULL, (const char * const *) args->pdata);
  return finish (process, 0, NULL);
}

/* A filled store: --search finds the one event, --since and --count cut, oldest first */
static void
test_history_search (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lurk-events-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autofree char *store_arg = g_strconcat ("--store=", path, NULL);
  const char *favorite = lurk_test_history_channel_ids[0];
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) day_ago = g_date_time_add_days (now, -1);
  g_autofree char *since = g_date_time_format_iso8601 (day_ago);
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) found = NULL;
  g_auto(GStrv) all = NULL;
  g_auto(GStrv) recent = NULL;
  g_auto(GStrv) few = NULL;
  g_autofree char *command = NULL;
  guint n_events = 9000;
  gint64 newest = g_date_time_to_unix (now) * G_USEC_PER_SEC;
  guint n_recent = 0;

  store = lurk_event_store_new (path, &error);
  g_assert_no_error (error);
  lurk_test_history_fill (store, n_events, newest);
  g_clear_object (&store);

  found = run_history (store_arg, "--broadcaster-id", favorite, "--search",
                       LURK_TEST_HISTORY_UNIQUE_NAME, NULL);
  g_assert_cmpuint (check_lines (found, "sub"), ==, 1);
  g_assert_nonnull (strstr (found[0], "\"id\":\"hist-"));
  g_assert_nonnull (strstr (found[0], LURK_TEST_HISTORY_UNIQUE_NAME));

  /* the favorite's third of the events, each once, oldest first; --streamer by the login
   * its stored events carry */
  all = run_history (store_arg, "--streamer", lurk_test_history_channel_logins[0], NULL);
  g_assert_cmpuint (check_lines (all, NULL), ==, n_events / 3);
  for (guint i = 1; all[i] != NULL && *all[i] != '\0'; i++)
    g_assert_cmpstr (strstr (all[i - 1], "\"occurred_at\""), <, strstr (all[i], "\"occurred_at\""));

  /* one a minute, round-robin over three channels: the last day holds 1440 events, 480 of
   * them the favorite's */
  recent = run_history (store_arg, "--broadcaster-id", favorite, "--since", since, NULL);
  n_recent = check_lines (recent, NULL);
  g_assert_cmpuint (n_recent, >=, 479);
  g_assert_cmpuint (n_recent, <=, 481);

  few = run_history (store_arg, "--broadcaster-id", favorite, "--search", "viewer1",
                     "--types", "raid_in", "--count", "5", NULL);
  g_assert_cmpuint (check_lines (few, "raid_in"), ==, 5);

  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
}

static void
test_bad_token (Fixture       *fixture,
                gconstpointer  data)
{
  const char *args[] = { "--streamer", "lurkstream", "--timeout", "10", NULL };
  g_autoptr(GSubprocess) process = spawn (fixture, "not-a-token", args);
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = finish (process, 1, &err);

  g_assert_nonnull (strstr (err, "invalid or expired"));
  g_assert_null (strstr (err, "not-a-token"));
}

static void
test_unknown_streamer (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *args[] = { "--streamer", "nobody_here_123", "--timeout", "10", NULL };
  g_autoptr(GSubprocess) process = spawn (fixture, LURK_SIM_DEMO_TOKEN, args);
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = finish (process, 1, &err);

  g_assert_nonnull (strstr (err, "nobody_here_123"));
}

static void
test_other_client_token (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *args[] = { "--streamer", "lurkstream", "--timeout", "10", NULL };
  g_autoptr(JsonNode) issued = NULL;
  g_autoptr(JsonNode) subscriptions = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  JsonObject *token;

  /* A token the server says belongs to another application than the configured client ID
   * (the simulator's, here) is not used for anything else */
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/clients",
                      "{\"client_id\":\"other-app\"}");
  issued = lurk_test_sim_call (fixture->sim, fixture->control, "POST", "/sim/tokens",
                               "{\"login\":\"lurkdemo\",\"scopes\":[\"user:read:chat\"],"
                               "\"client_id\":\"other-app\"}");
  token = json_node_get_object (issued);
  process = spawn (fixture, json_object_get_string_member (token, "access_token"), args);
  lines = finish (process, 1, &err);

  g_assert_nonnull (strstr (err, "another application"));
  g_assert_true (lines[0] == NULL || *lines[0] == '\0');
  subscriptions = lurk_test_sim_call (fixture->sim, fixture->control, "GET", "/sim/subscriptions",
                                      NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_node_get_object (subscriptions), "data")), ==, 0);
}

static void
test_no_token (Fixture       *fixture,
               gconstpointer  data)
{
  const char *args[] = { "--user-id", "424242", "--streamer", "lurkstream", "--timeout", "10",
                         NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  /* no LURK_ACCESS_TOKEN and no keyring token for that user (or no keyring): a clear
   * failure */
  process = spawn (fixture, NULL, args);
  lines = finish (process, 1, &err);
  g_assert_true (strstr (err, "LURK_ACCESS_TOKEN") != NULL || strstr (err, "keyring") != NULL ||
                 strstr (err, "Secret Service") != NULL);
  /* and no event on stdout */
  g_assert_null (lines[0]);
}

static void
test_usage (void)
{
  const char *bad[][4] = {
    { "--count", "-1", NULL },
    { "--streamer", "two words", NULL },
    { "--no-such-option", NULL },
    { "--keepalive", "5", NULL },
    { "--streamer", "a", "--broadcaster-id", "1" },
    { "--types", ",", NULL },
    /* not a number of seconds a timer can count */
    { "--timeout", "inf", NULL },
    { "--timeout", "nan", NULL },
    { "--timeout", "4294968", NULL },
    { "--timeout", "1e300", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      const char *args[5] = { bad[i][0], bad[i][1], bad[i][2], bad[i][3], NULL };
      g_autoptr(GSubprocess) process = spawn (NULL, "x", args);
      g_autofree char *err = NULL;
      g_auto(GStrv) lines = finish (process, 2, &err);

      g_assert_true (lines[0] == NULL || *lines[0] == '\0');
      g_assert_true (g_str_has_prefix (err, "lurk-events: "));
    }
}

/* A scripted Twitch that sends what lurk-sim never does: a pretty-printed notification with
 * DEL and C1 characters, and a Helix error whose text carries terminal escapes. */

typedef struct
{
  SoupServer *server;
  GPtrArray  *sockets;
  gboolean    sent;
} Scripted;

#define BAD_HELIX_MESSAGE "\\u001b]0;pwned\\u0007 \\u001b[31mred\\u009b\\u007f"

static char *
pretty_message (const char *type,
                const char *id,
                const char *payload)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  return g_strdup_printf ("{\n  \"metadata\": {\n    \"message_id\": \"%s\",\n"
                          "    \"message_type\": \"%s\",\n"
                          "    \"message_timestamp\": \"%s\"%s\n  },\n"
                          "  \"payload\": %s\n}\n",
                          id, type, stamp,
                          g_str_equal (type, "notification") ?
                            ",\n    \"subscription_type\": \"stream.online\",\n"
                            "    \"subscription_version\": \"1\"" : "",
                          payload);
}

static gboolean
send_pretty_notification (gpointer user_data)
{
  Scripted *scripted = user_data;
  g_autofree char *text = NULL;

  /* Raw DEL (0x7f) and NEL (U+0085, C1) in a name: valid JSON, but not for a terminal. */
  text = pretty_message ("notification", "pretty-1",
                         "{\n    \"subscription\": {\n      \"id\": \"sub\",\n"
                         "      \"status\": \"enabled\",\n      \"type\": \"stream.online\",\n"
                         "      \"version\": \"1\",\n      \"cost\": 1,\n"
                         "      \"condition\": { \"broadcaster_user_id\": \"100\" },\n"
                         "      \"transport\": { \"method\": \"websocket\", "
                         "\"session_id\": \"session-1\" },\n"
                         "      \"created_at\": \"2026-01-01T00:00:00Z\"\n    },\n"
                         "    \"event\": {\n      \"id\": \"9\",\n"
                         "      \"broadcaster_user_id\": \"100\",\n"
                         "      \"broadcaster_user_login\": \"carol\",\n"
                         "      \"broadcaster_user_name\": \"Ca\x7frol\xc2\x85\",\n"
                         "      \"type\": \"live\",\n"
                         "      \"started_at\": \"2026-01-01T00:00:00Z\"\n    }\n  }");
  for (guint i = 0; i < scripted->sockets->len; i++)
    soup_websocket_connection_send_text (g_ptr_array_index (scripted->sockets, i), text);

  return G_SOURCE_REMOVE;
}

static void
on_scripted_websocket (SoupServer              *server,
                       SoupServerMessage       *msg,
                       const char              *path,
                       SoupWebsocketConnection *ws,
                       gpointer                 user_data)
{
  Scripted *scripted = user_data;
  g_autofree char *welcome = NULL;

  g_ptr_array_add (scripted->sockets, g_object_ref (ws));
  welcome = pretty_message ("session_welcome", "welcome-1",
                            "{\n    \"session\": {\n      \"id\": \"session-1\",\n"
                            "      \"status\": \"connected\",\n"
                            "      \"connected_at\": \"2026-01-01T00:00:00.000000000Z\",\n"
                            "      \"keepalive_timeout_seconds\": 10,\n"
                            "      \"reconnect_url\": null\n    }\n  }");
  soup_websocket_connection_send_text (ws, welcome);
}

static void
on_scripted_helix (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  Scripted *scripted = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *answer = NULL;
  const char *type;
  guint status = 202;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }

  g_assert_true (json_parser_load_from_data (parser, request->data, request->length, NULL));
  type = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                        "type");
  if (g_str_equal (type, "stream.offline"))
    {
      status = 400;
      answer = g_strdup ("{\"error\":\"Bad Request\",\"status\":400,\"message\":\""
                         BAD_HELIX_MESSAGE "\"}");
    }
  else
    {
      answer = g_strdup_printf ("{\"data\":[{\"id\":\"sub-%s\",\"status\":\"enabled\","
                                "\"type\":\"%s\",\"version\":\"1\",\"cost\":0}],"
                                "\"total\":1,\"total_cost\":0,\"max_total_cost\":10}",
                                type, type);
      if (g_str_equal (type, "stream.online") && !scripted->sent)
        {
          scripted->sent = TRUE;
          g_timeout_add (200, send_pretty_notification, scripted);
        }
    }
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer,
                                    strlen (answer));
}

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs lurk-events --count 1 against the scripted server; returns its stdout and stderr. */
static void
run_scripted (gboolean   debug,
              char     **out_text,
              GBytes   **err_out)
{
  Scripted scripted = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;
  g_autofree char *helix = NULL;
  g_autofree char *eventsub = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *args[] = { "--user-id", "1", "--broadcaster-id", "100", "--count", "1",
                         "--timeout", "20", NULL };

  scripted.sockets = g_ptr_array_new_with_free_func (g_object_unref);
  scripted.server = soup_server_new (NULL, NULL);
  soup_server_add_websocket_handler (scripted.server, "/ws", NULL, NULL,
                                     on_scripted_websocket, &scripted, NULL);
  soup_server_add_handler (scripted.server, "/helix/eventsub/subscriptions",
                           on_scripted_helix, &scripted, NULL);
  g_assert_true (soup_server_listen_local (scripted.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (scripted.server);
  base = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uris->data));
  helix = g_strdup_printf ("http://%s/helix", base);
  eventsub = g_strdup_printf ("ws://%s/ws", base);

  {
    const char *env[] = { "LURK_TWITCH_HELIX_URL", helix, "LURK_TWITCH_EVENTSUB_URL", eventsub,
                          "LURK_CLIENT_ID", "client",
                          debug ? "G_MESSAGES_DEBUG" : NULL, "all", NULL };

    process = spawn_with_env (NULL, "token", args, env);
  }
  /* the server runs on this thread: communicate while the main loop runs */
  g_subprocess_communicate_async (process, NULL, NULL, on_communicated, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_communicate_finish (process, result, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  if (g_subprocess_get_exit_status (process) != 0)
    g_error ("lurk-events exited with %d; stderr:\n%.*s", g_subprocess_get_exit_status (process),
             (int) g_bytes_get_size (err), (const char *) g_bytes_get_data (err, NULL));

  soup_server_disconnect (scripted.server);
  g_clear_object (&scripted.server);
  g_ptr_array_unref (scripted.sockets);

  *out_text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  *err_out = g_steal_pointer (&err);
}

/* stdout: exactly one line, the event, whatever the server's layout */
static void
assert_one_event_line (const char *out_text)
{
  g_auto(GStrv) lines = g_strsplit (out_text, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  g_assert_cmpstr (lines[1], ==, "");
  g_assert_cmpuint (check_lines (lines, "stream.online"), ==, 1);
}

static void
test_compact_output (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GBytes) err = NULL;

  /* the server pretty-prints its messages */
  run_scripted (FALSE, &out, &err);
  assert_one_event_line (out);
}

static void
test_log_on_stderr (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GBytes) err = NULL;
  gsize length;
  const char *text;

  /* ARCHITECTURE.md recommends G_MESSAGES_DEBUG=all: the debug log is there, on stderr */
  run_scripted (TRUE, &out, &err);
  g_assert_null (strstr (out, "-DEBUG"));
  text = g_bytes_get_data (err, &length);
  g_assert_nonnull (g_strstr_len (text, length, "-DEBUG"));
}

static void
test_control_characters_escaped (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GBytes) err = NULL;

  /* DEL and C1 are valid in JSON strings, but a terminal acts on them */
  run_scripted (FALSE, &out, &err);
  g_assert_null (strchr (out, 0x7f));
  g_assert_null (strstr (out, "\xc2\x85"));
  g_assert_nonnull (strstr (out, "Ca\\u007frol\\u0085"));
}

static void
test_helix_error_stripped (void)
{
  g_autofree char *out = NULL;
  g_autoptr(GBytes) err = NULL;
  gsize length;
  const guchar *text;

  /* Twitch's error text is said (the refused subscription), without its escapes */
  run_scripted (FALSE, &out, &err);
  text = g_bytes_get_data (err, &length);
  g_assert_nonnull (g_strstr_len ((const char *) text, length, "pwned"));
  for (gsize i = 0; i < length; i++)
    if (text[i] == 0x1b || text[i] == 0x07 || text[i] == 0x7f ||
        (text[i] == 0xc2 && i + 1 < length && text[i + 1] >= 0x80 && text[i + 1] <= 0x9f))
      g_error ("a control character reached stderr at byte %" G_GSIZE_FORMAT ":\n%.*s", i,
               (int) length, (const char *) text);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/lurk-events/usage", test_usage);
  g_test_add_func ("/lurk/lurk-events/demo", test_demo);
  g_test_add_func ("/lurk/lurk-events/compact-output", test_compact_output);
  g_test_add_func ("/lurk/lurk-events/log-on-stderr", test_log_on_stderr);
  g_test_add_func ("/lurk/lurk-events/control-characters-escaped",
                   test_control_characters_escaped);
  g_test_add_func ("/lurk/lurk-events/helix-error-stripped", test_helix_error_stripped);
  g_test_add_func ("/lurk/lurk-events/history-search", test_history_search);
#define ADD(path, func) \
  g_test_add ("/lurk/lurk-events/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("no-lookup", test_no_lookup);
  ADD ("streamer-and-store", test_streamer_and_store);
  ADD ("shared-chat", test_shared_chat);
  ADD ("history-matches-live", test_history_matches_live);
  ADD ("bad-token", test_bad_token);
  ADD ("unknown-streamer", test_unknown_streamer);
  ADD ("no-token", test_no_token);
  ADD ("other-client-token", test_other_client_token);
#undef ADD

  return g_test_run ();
}
