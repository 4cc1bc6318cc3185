/* lurk-sim-main.c: the lurk-sim executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "lurk-sim.h"

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkSim) sim = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *host = g_strdup ("127.0.0.1");
  g_autofree char *scenario = g_strdup ("none");
  g_auto(GStrv) clients = NULL;
  int port = 0;
  int keepalive = 10;
  int grace = 30;
  double time_scale = 1.0;
  gint64 seed = -1;
  gboolean require_subscription = FALSE;
  GOptionEntry entries[] = {
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      N_("Address to bind (default 127.0.0.1)"), "ADDRESS" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port,
      N_("Port to bind (default 0: any free port)"), "PORT" },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario,
      N_("Scenario to play: demo or none"), "NAME" },
    { "keepalive", 0, 0, G_OPTION_ARG_INT, &keepalive,
      N_("Default keepalive_timeout_seconds (10..600)"), "SECONDS" },
    { "grace", 0, 0, G_OPTION_ARG_INT, &grace,
      N_("Seconds a session_reconnect waits for the new connection (default 30)"), "SECONDS" },
    { "require-subscription", 0, 0, G_OPTION_ARG_NONE, &require_subscription,
      N_("Close connections without a subscription after 10 seconds (4003)"), NULL },
    { "client", 0, 0, G_OPTION_ARG_STRING_ARRAY, &clients,
      N_("Register a client: ID or ID=REDIRECT_URI (repeatable)"), "ID[=URI]" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed the event generators, for the same names and messages every run"), "NUMBER" },
    { "time-scale", 0, 0, G_OPTION_ARG_DOUBLE, &time_scale,
      N_("Run every server timer this many times its length (tests)"), "FACTOR" },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("- a local Twitch for Lurk"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("lurk-sim: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || time_scale <= 0 || grace < 1 ||
      (g_strcmp0 (scenario, "demo") != 0 && g_strcmp0 (scenario, "none") != 0))
    {
      g_printerr ("lurk-sim: %s\n", _("invalid option value (see --help)"));
      return 2;
    }

  sim = lurk_sim_new ();
  lurk_sim_set_scenario (sim, scenario);
  lurk_sim_set_keepalive (sim, CLAMP (keepalive, 10, 600));
  lurk_sim_set_reconnect_grace (sim, grace);
  lurk_sim_set_require_subscription (sim, require_subscription);
  lurk_sim_set_time_scale (sim, time_scale);
  if (seed >= 0)
    lurk_sim_set_seed (sim, (guint32)seed);
  for (guint i = 0; clients && clients[i]; i++)
    {
      g_auto(GStrv) parts = g_strsplit (clients[i], "=", 2);

      lurk_sim_add_client (sim, parts[0], parts[1]);
    }

  if (!lurk_sim_start (sim, host, port, &error))
    {
      /* Translators: %s:%d is an address and port, the last %s an error message */
      g_printerr (_("lurk-sim: cannot listen on %s:%d: %s\n"), host, port, error->message);
      return 1;
    }

  /* Not translated: scripts and tests read this line. */
  printf ("lurk-sim listening on %s\n", lurk_sim_get_url (sim));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  lurk_sim_stop (sim);

  return 0;
}
