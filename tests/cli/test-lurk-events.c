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
  g_autoptr(GError) error = NULL;

  fixture->sim = lurk_sim_new ();
  lurk_sim_set_scenario (fixture->sim, "none");
  g_assert_true (lurk_sim_start_in_thread (fixture->sim, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
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

static void
sim_post (Fixture    *fixture,
          const char *path,
          const char *body)
{
  g_autofree char *url = g_strconcat (fixture->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  reply = soup_session_send_and_read (fixture->control, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_true (SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (msg)));
}

/* Spawns lurk-events with @argv (NULL-terminated, without the program) */
static GSubprocess *
spawn (Fixture            *fixture,
       const char         *token,
       const char * const *args)
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
  sim_post (fixture, "/sim/trigger", "{\"type\":\"stream.online\"}");
  sim_post (fixture, "/sim/trigger", "{\"type\":\"channel.chat.notification\","
                                     "\"notice_type\":\"sub\"}");
  sim_post (fixture, "/sim/trigger", "{\"type\":\"channel.raid\"}");
  sim_post (fixture, "/sim/trigger", "{\"type\":\"stream.offline\"}");
  sim_post (fixture, "/sim/trigger", "{\"type\":\"stream.online\"}");

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
  sim_post (fixture, "/sim/trigger", "{\"type\":\"channel.chat.notification\","
                                     "\"notice_type\":\"sub\"}");
  sim_post (fixture, "/sim/trigger", "{\"type\":\"channel.chat.notification\","
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
  sim_post (fixture, "/sim/trigger", "{\"type\":\"channel.chat.notification\",\"count\":4}");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/lurk-events/usage", test_usage);
  g_test_add_func ("/lurk/lurk-events/demo", test_demo);
#define ADD(path, func) \
  g_test_add ("/lurk/lurk-events/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("no-lookup", test_no_lookup);
  ADD ("streamer-and-store", test_streamer_and_store);
  ADD ("shared-chat", test_shared_chat);
  ADD ("bad-token", test_bad_token);
  ADD ("unknown-streamer", test_unknown_streamer);
  ADD ("no-token", test_no_token);
#undef ADD

  return g_test_run ();
}
