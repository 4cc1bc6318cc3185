/* lurk-events.c: the favorite streamer's events, one JSON object per line
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-events"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lurk-cli-endpoints.h"
#include "lurk-demo.h"
#include "lurk-error.h"
#include "lurk-event.h"
#include "lurk-event-line.h"
#include "lurk-event-store.h"
#include "lurk-helix.h"
#include "lurk-listener.h"
#include "lurk-login-name.h"
#include "lurk-oauth.h"
#include "lurk-oauth-client.h"
#include "lurk-profile.h"
#include "lurk-secret-token-store.h"
#include "lurk-token.h"
#include "lurk-token-store.h"

/* Exit statuses (DESIGN.md) */
#define EXIT_DONE    0
#define EXIT_FAILURE_RUNTIME 1
#define EXIT_USAGE   2

typedef struct
{
  GMainLoop     *loop;
  int            status;
  SoupSession   *soup;
  LurkDemo      *sim;
  LurkListener  *listener;
  LurkHelix     *helix;
  LurkTokenStore *token_store;
  GTimeZone     *local;
  LurkEventLineWriter *writer;
  GString       *line;

  /* options */
  gboolean       demo;
  char          *streamer;
  char          *broadcaster_id;
  char          *user_id;
  int            count;
  double         timeout;
  char          *types;
  char          *store_path;
  int            keepalive;
  gboolean       quiet;
  gboolean       history;
  char          *since;
  char          *search;

  /* resolved */
  LurkCliEndpoints *endpoints;
  char          *access_token;
  char          *client_id;
  char         **type_filter;
  int            printed;
} App;

static void
quit (App *app,
      int  status)
{
  app->status = status;
  g_main_loop_quit (app->loop);
}

static void
say (App        *app,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (App        *app,
     const char *format,
     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (app->quiet)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "lurk-events: %s\n", message);
}

static gboolean
wanted (App       *app,
        LurkEvent *event)
{
  const char *type = lurk_event_get_subscription_type (event);
  const char *kind = lurk_event_kind_to_string (lurk_event_get_kind (event));

  if (app->type_filter == NULL)
    return TRUE;

  return (type != NULL && g_strv_contains ((const char * const *) app->type_filter, type)) ||
         (kind != NULL && g_strv_contains ((const char * const *) app->type_filter, kind));
}

/* Appends the event's line to app->line; on_events() writes a batch's lines at once. */
static void
print_event (App       *app,
             LurkEvent *event)
{
  lurk_event_line_writer_append (app->writer, app->line, event);
}

#define WRITE_CHUNK (256 * 1024)

static void
write_lines (App *app)
{
  fwrite (app->line->str, 1, app->line->len, stdout);
  g_string_truncate (app->line, 0);
}

static void
on_events (LurkListener *listener,
           GPtrArray    *events,
           gpointer      user_data)
{
  App *app = user_data;

  g_string_truncate (app->line, 0);
  for (guint i = 0; i < events->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (events, i);

      if (!wanted (app, event))
        continue;

      print_event (app, event);
      if (app->line->len >= WRITE_CHUNK)
        write_lines (app);
      app->printed++;
      if (app->count > 0 && app->printed >= app->count)
        break;
    }

  /* a few writes per batch instead of one per line, flushed: a reader sees each event as
   * soon as its batch arrived (at most one batch per 16 ms, at once when events come slower) */
  write_lines (app);
  fflush (stdout);

  if (app->count > 0 && app->printed >= app->count)
    {
      /* before the listener and the store are shut down: make bench times the flood to here */
      say (app, g_dngettext (GETTEXT_PACKAGE, "done: %d event", "done: %d events", app->printed),
           app->printed);
      quit (app, EXIT_DONE);
    }
}

static void
on_state (LurkListener *listener,
          GParamSpec   *pspec,
          gpointer      user_data)
{
  App *app = user_data;
  LurkConnection state = lurk_listener_get_state (listener);

  say (app, _("state: %s"), lurk_connection_to_string (state));

  if (state == LURK_CONNECTION_UNAUTHORIZED)
    {
      fprintf (stderr, "lurk-events: %s\n",
               _("Twitch refused the access token (expired or revoked). Sign in again."));
      quit (app, EXIT_FAILURE_RUNTIME);
    }
}

static void
on_revoked (LurkListener *listener,
            const char   *type,
            const char   *status,
            gpointer      user_data)
{
  say (user_data, _("Twitch revoked the %s subscription (%s)"), type, status);
}

static void
on_subscription_failed (LurkListener *listener,
                        const char   *description,
                        const char   *message,
                        gpointer      user_data)
{
  say (user_data, _("Not subscribed to %s: %s"), description, message);
}

static void
on_store_error (LurkListener *listener,
                const GError *error,
                gpointer      user_data)
{
  App *app = user_data;

  fprintf (stderr, "lurk-events: %s: %s\n", _("The event store failed"), error->message);
  quit (app, EXIT_FAILURE_RUNTIME);
}

/* --history: the stored events, oldest first like the live ones, through the same
 * formatter; no network, no keyring. */

#define HISTORY_PAGE 1000

static char *
history_broadcaster (App             *app,
                     LurkEventStore  *store,
                     GError         **error)
{
  g_autofree char *favorite = NULL;
  char *id;

  if (app->broadcaster_id != NULL)
    return g_strdup (app->broadcaster_id);

  if (app->streamer == NULL)
    {
      favorite = lurk_cli_dup_favorite_id ();
      if (favorite == NULL)
        g_set_error_literal (error, LURK_ERROR, LURK_ERROR_NOT_FOUND,
                             _("No favorite streamer set: use --streamer or --broadcaster-id"));
      return g_steal_pointer (&favorite);
    }

  id = lurk_event_store_find_broadcaster (store, app->streamer, error);
  if (id == NULL && (error == NULL || *error == NULL))
    g_set_error (error, LURK_ERROR, LURK_ERROR_NOT_FOUND,
                 _("No stored events of %s: use --broadcaster-id"), app->streamer);

  return id;
}

static int
print_history (App    *app,
               gint64  since_usec)
{
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *broadcaster_id = NULL;
  LurkEventFilter filter = { 0 };
  LurkEventCursor cursor = { 0 };

  path = app->store_path != NULL ? g_strdup (app->store_path)
                                 : lurk_profile_dup_event_store_path ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "lurk-events: %s: %s\n", path, _("No stored events"));
      return EXIT_FAILURE_RUNTIME;
    }
  store = lurk_event_store_new (path, &error);
  if (store != NULL)
    broadcaster_id = history_broadcaster (app, store, &error);
  if (broadcaster_id == NULL)
    {
      fprintf (stderr, "lurk-events: %s\n", error->message);
      return EXIT_FAILURE_RUNTIME;
    }

  filter.broadcaster_id = broadcaster_id;
  filter.text = app->search;
  filter.since_usec = since_usec;
  filter.oldest_first = TRUE;

  for (;;)
    {
      g_autoptr(GPtrArray) page = lurk_event_store_page (store, &filter, &cursor, HISTORY_PAGE,
                                                         &error);

      if (page == NULL)
        {
          fprintf (stderr, "lurk-events: %s: %s\n", _("Could not read the stored events"),
                   error->message);
          return EXIT_FAILURE_RUNTIME;
        }

      g_string_truncate (app->line, 0);
      for (guint i = 0; i < page->len; i++)
        {
          LurkEvent *event = g_ptr_array_index (page, i);

          if (!wanted (app, event))
            continue;
          print_event (app, event);
          if (app->line->len >= WRITE_CHUNK)
            write_lines (app);
          app->printed++;
          if (app->count > 0 && app->printed >= app->count)
            break;
        }
      write_lines (app);

      if (page->len < HISTORY_PAGE || (app->count > 0 && app->printed >= app->count))
        break;
    }

  fflush (stdout);
  say (app, g_dngettext (GETTEXT_PACKAGE, "done: %d event", "done: %d events", app->printed),
       app->printed);

  return EXIT_DONE;
}

/* "2026-12-01" (local midnight) or an ISO 8601 date and time ("2026-12-01T18:00:00Z"; local
 * without an offset), in µs since the epoch; -1 if it is neither. */
static gint64
parse_since (App        *app,
             const char *text)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (text, app->local);
  int year, month, day;
  char end;

  if (time == NULL && sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &end) == 3)
    time = g_date_time_new (app->local, year, month, day, 0, 0, 0);

  return time != NULL ? g_date_time_to_unix (time) * G_USEC_PER_SEC +
                        g_date_time_get_microsecond (time)
                      : -1;
}

static gboolean
on_timeout (gpointer user_data)
{
  App *app = user_data;

  if (app->count > 0)
    {
      fprintf (stderr, "lurk-events: %s\n", _("Timed out before enough events arrived"));
      quit (app, EXIT_FAILURE_RUNTIME);
    }
  else
    quit (app, EXIT_DONE);

  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer user_data)
{
  quit (user_data, EXIT_DONE);
  return G_SOURCE_REMOVE;
}

static void
start_listening (App        *app,
                 const char *user_id,
                 const char *broadcaster_id)
{
  LurkListenerConfig config = { 0 };

  say (app, _("listening to broadcaster %s as user %s"), broadcaster_id, user_id);

  config.eventsub_url = app->endpoints->eventsub_url;
  config.helix_url = app->endpoints->helix_url;
  config.client_id = app->client_id;
  config.access_token = app->access_token;
  config.user_id = user_id;
  config.broadcaster_id = broadcaster_id;
  config.store_path = app->store_path;
  config.keepalive_seconds = app->keepalive;
  config.unpaced = TRUE;

  app->listener = lurk_listener_new (&config);
  g_signal_connect (app->listener, "events", G_CALLBACK (on_events), app);
  g_signal_connect (app->listener, "notify::state", G_CALLBACK (on_state), app);
  g_signal_connect (app->listener, "revoked", G_CALLBACK (on_revoked), app);
  g_signal_connect (app->listener, "subscription-failed",
                    G_CALLBACK (on_subscription_failed), app);
  g_signal_connect (app->listener, "store-error", G_CALLBACK (on_store_error), app);
  lurk_listener_run_async (app->listener, NULL, NULL, NULL);
}

/* Looking up the streamer and the token's user */

typedef struct
{
  App  *app;
  char *user_id;
} Lookup;

static void
on_users_answered (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree Lookup *lookup = user_data;
  g_autofree char *user_id = lookup->user_id;
  App *app = lookup->app;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkHelixUser) user = NULL;

  user = lurk_helix_get_user_finish (LURK_HELIX (object), result, &error);
  if (user == NULL)
    {
      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_NOT_FOUND))
        fprintf (stderr, "lurk-events: %s\n", error->message);
      else
        fprintf (stderr, "lurk-events: %s: %s\n", _("Could not look up the streamer"),
                 error->message);
      quit (app, EXIT_FAILURE_RUNTIME);
      return;
    }

  start_listening (app, user_id, user->id);
}

static void
choose_broadcaster (App        *app,
                    const char *user_id,
                    const char *login)
{
  if (app->broadcaster_id != NULL)
    {
      start_listening (app, user_id, app->broadcaster_id);
      return;
    }

  if (app->streamer != NULL)
    {
      Lookup *lookup = g_new0 (Lookup, 1);

      lookup->app = app;
      lookup->user_id = g_strdup (user_id);
      app->helix = lurk_helix_new (app->soup, app->endpoints->helix_url, app->client_id,
                                   app->access_token);
      lurk_helix_get_user_async (app->helix, app->streamer, NULL, on_users_answered, lookup);
      return;
    }

  {
    g_autofree char *favorite = lurk_cli_dup_favorite_id ();

    if (favorite != NULL)
      {
        start_listening (app, user_id, favorite);
        return;
      }
  }

  say (app, _("no favorite streamer set: listening to your own channel (%s); use --streamer"),
       login ? login : user_id);
  start_listening (app, user_id, user_id);
}

static void
on_validated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(LurkOAuthValidation) validation = NULL;
  g_autoptr(GError) error = NULL;

  validation = lurk_oauth_validate_finish (result, &error);
  if (validation == NULL)
    {
      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED))
        fprintf (stderr, "lurk-events: %s\n",
                 _("The access token is invalid or expired. Sign in again, or set "
                   "LURK_ACCESS_TOKEN to a valid token."));
      else
        fprintf (stderr, "lurk-events: %s: %s\n", _("Could not validate the access token"),
                 error->message);
      quit (app, EXIT_FAILURE_RUNTIME);
      return;
    }

  if (validation->client_id != NULL && *validation->client_id != '\0')
    {
      /* The token belongs to another application than the one configured (or than the one
       * it was stored for): whoever answered may not be Twitch, and the token goes nowhere
       * else. Without a configured client ID, the token's own is the one to use. */
      if (app->client_id != NULL && g_strcmp0 (app->client_id, validation->client_id) != 0)
        {
          fprintf (stderr, "lurk-events: %s\n",
                   _("The access token was issued to another application than the configured "
                     "client ID, so it is not used. Set LURK_CLIENT_ID to the token’s client "
                     "ID, or sign in again."));
          quit (app, EXIT_FAILURE_RUNTIME);
          return;
        }
      g_free (app->client_id);
      app->client_id = g_strdup (validation->client_id);
    }

  if (app->user_id != NULL && g_strcmp0 (app->user_id, validation->user_id) != 0)
    say (app, _("--user-id differs from the token's user; using the token's"));

  choose_broadcaster (app, validation->user_id, validation->login);
}

static void
with_token (App *app)
{
  if (app->user_id != NULL && app->broadcaster_id != NULL)
    {
      /* No Helix lookup at all: only {helix}/eventsub/subscriptions is used. */
      if (app->client_id == NULL)
        {
          fprintf (stderr, "lurk-events: %s\n",
                   _("No Twitch client ID: set LURK_CLIENT_ID or the client-id setting."));
          quit (app, EXIT_FAILURE_RUNTIME);
          return;
        }
      start_listening (app, app->user_id, app->broadcaster_id);
      return;
    }

  lurk_oauth_validate_async (app->soup, app->endpoints->id_url, app->access_token, NULL,
                             on_validated, app);
}

/* The end of both keyring look-ups: go on with @token, or say why there is none and quit. */
static void
use_loaded_token (App       *app,
                  LurkToken *token,
                  GError    *error)
{
  if (token == NULL)
    {
      fprintf (stderr, "lurk-events: %s\n",
               error != NULL ? error->message
                             : _("Not signed in: sign in with Lurk first, or set "
                                 "LURK_ACCESS_TOKEN."));
      quit (app, EXIT_FAILURE_RUNTIME);
      return;
    }

  app->access_token = g_strdup (lurk_token_get_access_token (token));
  if (lurk_token_get_client_id (token) != NULL)
    {
      g_free (app->client_id);
      app->client_id = g_strdup (lurk_token_get_client_id (token));
    }
  with_token (app);
}

static void
on_token_loaded (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(LurkToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = lurk_token_store_load_finish (LURK_TOKEN_STORE (object), result, &error);
  use_loaded_token (app, token, error);
}

static void
on_any_token_loaded (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  App *app = user_data;
  g_autoptr(LurkToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = lurk_token_store_load_any_finish (LURK_TOKEN_STORE (object), result, &error);
  use_loaded_token (app, token, error);
}

static gboolean
begin (gpointer user_data)
{
  App *app = user_data;

  if (app->access_token != NULL)
    {
      with_token (app);
      return G_SOURCE_REMOVE;
    }

  /* the keyring: the given user's token, or the signed-in one */
  app->token_store = lurk_secret_token_store_new (lurk_profile_get_name ());
  if (app->user_id != NULL)
    lurk_token_store_load_async (app->token_store, app->user_id, NULL, on_token_loaded, app);
  else
    lurk_token_store_load_any_async (app->token_store, NULL, on_any_token_loaded, app);

  return G_SOURCE_REMOVE;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fprintf (stderr, "lurk-events: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

static int
run (App   *app,
     int    argc,
     char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *login = NULL;
  GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, &app->demo,
      N_("Run against an in-process lurk-sim with the demo scenario"), NULL },
    { "streamer", 's', 0, G_OPTION_ARG_STRING, &app->streamer,
      N_("The streamer to follow (looked up with Helix)"), N_("LOGIN") },
    { "broadcaster-id", 'b', 0, G_OPTION_ARG_STRING, &app->broadcaster_id,
      N_("The broadcaster to follow, by user id"), N_("ID") },
    { "user-id", 'u', 0, G_OPTION_ARG_STRING, &app->user_id,
      N_("The token's user id (with --broadcaster-id: no Helix lookup at all)"), N_("ID") },
    { "count", 'n', 0, G_OPTION_ARG_INT, &app->count,
      N_("Exit after N events"), N_("N") },
    { "timeout", 't', 0, G_OPTION_ARG_DOUBLE, &app->timeout,
      N_("Exit after SECONDS (status 1 if --count was not reached)"), N_("SECONDS") },
    { "types", 0, 0, G_OPTION_ARG_STRING, &app->types,
      N_("Only these EventSub types or Lurk kinds, comma-separated"), N_("LIST") },
    { "store", 0, 0, G_OPTION_ARG_FILENAME, &app->store_path,
      N_("Also store the events in this SQLite database (with --history: read it)"),
      N_("PATH") },
    { "keepalive", 'k', 0, G_OPTION_ARG_INT, &app->keepalive,
      N_("EventSub keepalive timeout (10–600, default 10)"), N_("SECONDS") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &app->quiet,
      N_("No state changes on stderr"), NULL },
    { "history", 0, 0, G_OPTION_ARG_NONE, &app->history,
      N_("Print the stored events, oldest first, and exit"), NULL },
    { "since", 0, 0, G_OPTION_ARG_STRING, &app->since,
      N_("With --history: only events since DATE (2026-12-01 or ISO 8601)"), N_("DATE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &app->search,
      N_("With --history: only events with these words (names, messages, titles)"),
      N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context,
                                _("Prints a Twitch streamer’s events as they arrive, one JSON "
                                  "object per line."));
  g_option_context_set_description (context,
                                    _("The token comes from LURK_ACCESS_TOKEN or the keyring. "
                                      "LURK_SIM_URL or LURK_TWITCH_*_URL point it at another "
                                      "server. Exit status: 0 done, 1 failure, 2 usage."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("Unexpected arguments"));
  if (app->count < 0)
    return usage_error (context, _("--count must be a positive number"));
  /* a GLib timer counts milliseconds in a guint */
  if (!isfinite (app->timeout) || app->timeout < 0 || app->timeout > G_MAXUINT / 1000)
    return usage_error (context, _("--timeout must be a number of seconds from 0 to 4294967"));
  if (app->keepalive != 0 && (app->keepalive < 10 || app->keepalive > 600))
    return usage_error (context, _("--keepalive must be between 10 and 600 seconds"));
  if (app->streamer != NULL && app->broadcaster_id != NULL)
    return usage_error (context, _("Give --streamer or --broadcaster-id, not both"));
  if (app->streamer != NULL)
    {
      login = lurk_login_name_normalize (app->streamer, &error);
      if (login == NULL)
        return usage_error (context, error->message);
      g_free (app->streamer);
      app->streamer = g_strdup (login);
    }
  if (app->types != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (app->types, ",", -1);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            g_strv_builder_add (builder, parts[i]);
        }
      app->type_filter = g_strv_builder_end (builder);
      if (app->type_filter[0] == NULL)
        return usage_error (context, _("--types needs at least one type or kind"));
    }

  if (!app->history && (app->since != NULL || app->search != NULL))
    return usage_error (context, _("--since and --search need --history"));
  if (app->history && app->demo)
    return usage_error (context, _("Give --history or --demo, not both"));

  app->status = EXIT_DONE;
  app->local = g_time_zone_new_local ();
  app->writer = lurk_event_line_writer_new (app->local);
  app->line = g_string_sized_new (2048);

  if (app->history)
    {
      gint64 since_usec = 0;

      if (app->since != NULL && (since_usec = parse_since (app, app->since)) < 0)
        return usage_error (context, _("--since needs a date like 2026-12-01"));

      return print_history (app, since_usec);
    }

  app->loop = g_main_loop_new (NULL, FALSE);
  app->soup = soup_session_new ();

  if (app->demo)
    {
      app->sim = lurk_demo_new ("demo", &error);
      if (app->sim == NULL)
        {
          fprintf (stderr, "lurk-events: %s: %s\n", _("Could not start lurk-sim"),
                   error->message);
          return EXIT_FAILURE_RUNTIME;
        }
      say (app, "lurk-sim listening on %s", lurk_demo_get_url (app->sim));
      app->endpoints = lurk_cli_endpoints_new (lurk_demo_get_url (app->sim));
      app->access_token = g_strdup (lurk_demo_get_access_token (app->sim));
      app->client_id = g_strdup (lurk_demo_get_client_id (app->sim));
      if (app->streamer == NULL && app->broadcaster_id == NULL)
        app->streamer = g_strdup (lurk_demo_get_broadcaster_login (app->sim));
    }
  else
    {
      app->endpoints = lurk_cli_endpoints_new (NULL);
      app->client_id = lurk_cli_dup_client_id ();
      app->access_token = g_strdup (g_getenv ("LURK_ACCESS_TOKEN"));
      if (app->access_token != NULL && *app->access_token == '\0')
        g_clear_pointer (&app->access_token, g_free);
      /* without it, begin() reads the keyring */
    }

  g_unix_signal_add (SIGINT, on_signal, app);
  g_unix_signal_add (SIGTERM, on_signal, app);
  if (app->timeout > 0)
    g_timeout_add ((guint) (app->timeout * 1000), on_timeout, app);
  g_idle_add (begin, app);

  g_main_loop_run (app->loop);

  if (app->listener != NULL)
    {
      g_signal_handlers_disconnect_by_data (app->listener, app);
      lurk_listener_stop (app->listener);
      g_clear_object (&app->listener);
      /* the run's end (its task) comes from the main context */
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  fflush (stdout);
  g_clear_object (&app->sim);

  return app->status;
}

static void
app_clear (App *app)
{
  g_clear_object (&app->helix);
  g_clear_object (&app->token_store);
  g_clear_object (&app->soup);
  g_clear_pointer (&app->loop, g_main_loop_unref);
  g_clear_pointer (&app->local, g_time_zone_unref);
  g_clear_pointer (&app->writer, lurk_event_line_writer_free);
  if (app->line != NULL)
    g_string_free (g_steal_pointer (&app->line), TRUE);
  g_clear_pointer (&app->endpoints, lurk_cli_endpoints_free);
  g_clear_pointer (&app->access_token, g_free);
  g_clear_pointer (&app->client_id, g_free);
  g_clear_pointer (&app->type_filter, g_strfreev);
  g_clear_pointer (&app->streamer, g_free);
  g_clear_pointer (&app->broadcaster_id, g_free);
  g_clear_pointer (&app->user_id, g_free);
  g_clear_pointer (&app->types, g_free);
  g_clear_pointer (&app->store_path, g_free);
  g_clear_pointer (&app->since, g_free);
  g_clear_pointer (&app->search, g_free);
}

int
main (int   argc,
      char *argv[])
{
  App app = { 0 };
  int status;

  /* stdout carries only events: every log line (G_MESSAGES_DEBUG too) goes to stderr */
  g_log_writer_default_set_use_stderr (TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  status = run (&app, argc, argv);
  app_clear (&app);

  return status;
}
