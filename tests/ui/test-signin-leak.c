/* test-signin-leak.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-test-http.h"
#include "lurk-test-wait.h"

/* A full `lurk --demo` run with G_MESSAGES_DEBUG=all and settings written to a keyfile: no
 * file under the XDG data, config, cache and state directories (the run's own and the test
 * session's, where the keyring keeps its files) and no line of its output contains any token
 * the simulator issued. */

#define RUN_SECONDS 6

typedef struct
{
  GString  *text;
  gboolean  done;
} Capture;

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Capture *capture = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (bytes == NULL || g_bytes_get_size (bytes) == 0)
    {
      capture->done = TRUE;
      return;
    }

  g_string_append_len (capture->text, g_bytes_get_data (bytes, NULL),
                       (gssize) g_bytes_get_size (bytes));
  g_input_stream_read_bytes_async (G_INPUT_STREAM (object), 4096, G_PRIORITY_DEFAULT, NULL,
                                   on_read, capture);
}

/* Every access token the simulator ever issued (GET /sim/tokens). */
static GPtrArray *
issued_tokens (SoupSession *session,
               const char  *sim_url)
{
  g_autofree char *url = g_strconcat (sim_url, "/sim/tokens", NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  JsonArray *data;

  if (lurk_test_http_iterate (session, "GET", url, NULL, &body) != 200)
    return tokens;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             (gssize) g_bytes_get_size (body), NULL));
  data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "data");
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *token = json_array_get_object_element (data, i);

      g_ptr_array_add (tokens, g_strdup (json_object_get_string_member (token, "access_token")));
    }

  return tokens;
}

static void
check_text (const char *what,
            const char *text,
            gsize       length,
            GPtrArray  *tokens)
{
  for (guint i = 0; i < tokens->len; i++)
    {
      const char *token = tokens->pdata[i];

      if (g_strstr_len (text, (gssize) length, token) != NULL)
        g_error ("A token the simulator issued appears in %s", what);
    }
}

static guint
check_tree (const char *path,
            GPtrArray  *tokens)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_files = 0;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        n_files += check_tree (child, tokens);
      else if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (g_file_get_contents (child, &contents, &length, NULL))
            {
              check_text (child, contents, length, tokens);
              n_files++;
            }
        }
    }

  return n_files;
}

/* An unlocked gnome-keyring on the launcher's bus, with its files in its XDG_DATA_HOME. */
static void
start_keyring (GSubprocessLauncher *launcher)
{
  g_autoptr(GSubprocessLauncher) keyring_launcher = NULL;
  g_autoptr(GSubprocess) keyring = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) password = g_bytes_new_static ("lurk-test", 9);
  const char * const vars[] = { "DBUS_SESSION_BUS_ADDRESS", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  keyring_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                                | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    g_subprocess_launcher_setenv (keyring_launcher, vars[i],
                                  g_subprocess_launcher_getenv (launcher, vars[i]), TRUE);

  /* It forks into the background and the foreground process exits once it is ready. */
  keyring = g_subprocess_launcher_spawn (keyring_launcher, &error, "gnome-keyring-daemon",
                                         "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate (keyring, password, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
test_no_token_in_files_or_logs (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("lurk-leak-XXXXXX", NULL);
  g_autofree char *lurk = g_build_filename (g_getenv ("LURK_BUILD_DIR"), "src", "lurk", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sim_url = NULL;
  const char *xdg[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  const char *session_dirs[G_N_ELEMENTS (xdg)];
  Capture out = { g_string_new (NULL), FALSE };
  Capture err = { g_string_new (NULL), FALSE };
  guint n_files = 0;
  gint64 deadline;

  g_assert_nonnull (tmp);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (tmp, xdg[i], NULL);

      session_dirs[i] = g_getenv (xdg[i]);
      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_subprocess_launcher_setenv (launcher, xdg[i], dir, TRUE);
    }
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  /* Settings in a file, where a token must never go. */
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");

  /* A bus and a keyring of the run's own: another `lurk --demo` of the test session (same
   * application ID) cannot take this one over, and the keyring's files land in the run's data
   * directory, which is checked below. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS",
                                g_test_dbus_get_bus_address (bus), TRUE);
  start_keyring (launcher);

  process = g_subprocess_launcher_spawn (launcher, &error, lurk, "--demo", NULL);
  g_assert_no_error (error);

  g_input_stream_read_bytes_async (g_subprocess_get_stdout_pipe (process), 4096,
                                   G_PRIORITY_DEFAULT, NULL, on_read, &out);
  g_input_stream_read_bytes_async (g_subprocess_get_stderr_pipe (process), 4096,
                                   G_PRIORITY_DEFAULT, NULL, on_read, &err);

  /* The simulator's address. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  /* (Debug messages go to stdout too: look for the line, not the first line.) */
  while (!out.done && g_get_monotonic_time () < deadline)
    {
      const char *line = strstr (out.text->str, "lurk-sim listening on ");

      if (line != NULL && strchr (line, '\n') != NULL)
        break;
      lurk_test_spin (0.01);
    }
  {
    const char *line = strstr (out.text->str, "lurk-sim listening on ");

    if (line == NULL)
      g_test_message ("stdout: %s\nstderr (end): %s", out.text->str,
                      err.text->str + (err.text->len > 2000 ? err.text->len - 2000 : 0));
    g_assert_nonnull (line);
    line += strlen ("lurk-sim listening on ");
    sim_url = g_strndup (line, strcspn (line, "\r\n"));
  }

  /* The demo signs in by itself, then runs for a while (Helix, EventSub, the scenario). */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  do
    {
      g_clear_pointer (&tokens, g_ptr_array_unref);
      lurk_test_spin (0.2);
      tokens = issued_tokens (session, sim_url);
    }
  while (tokens->len < 1 && g_get_monotonic_time () < deadline);
  g_assert_cmpuint (tokens->len, >=, 1);
  lurk_test_spin (RUN_SECONDS);

  g_clear_pointer (&tokens, g_ptr_array_unref);
  tokens = issued_tokens (session, sim_url);
  g_assert_cmpuint (tokens->len, >=, 1);

  g_subprocess_send_signal (process, SIGTERM);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((!out.done || !err.done) && g_get_monotonic_time () < deadline)
    lurk_test_spin (0.01);
  g_subprocess_wait (process, NULL, NULL);

  /* The log is there and is the debug log (so the check below means something). */
  g_assert_true (strstr (out.text->str, "lurk-account-DEBUG") != NULL
                 || strstr (err.text->str, "lurk-account-DEBUG") != NULL);
  /* The demo signed in (and so stored its token in the run's keyring). */
  g_assert_true (strstr (out.text->str, "Account state: 1 → 2") != NULL
                 || strstr (err.text->str, "Account state: 1 → 2") != NULL);
  check_text ("stdout", out.text->str, out.text->len, tokens);
  check_text ("the debug log", err.text->str, err.text->len, tokens);

  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *dir = g_build_filename (tmp, xdg[i], NULL);

      n_files += check_tree (dir, tokens);
      if (session_dirs[i] != NULL)
        n_files += check_tree (session_dirs[i], tokens);
    }
  g_test_message ("%u tokens, %u files, %zu bytes of log checked", tokens->len, n_files,
                  err.text->len + out.text->len);
  /* The run wrote its settings and data there. */
  g_assert_cmpuint (n_files, >, 0);

  g_string_free (out.text, TRUE);
  g_string_free (err.text, TRUE);
  /* The keyring daemon leaves with its bus. */
  g_test_dbus_down (bus);
  remove_tree (tmp);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/signin/no-token-in-files-or-logs", test_no_token_in_files_or_logs);

  return g_test_run ();
}
