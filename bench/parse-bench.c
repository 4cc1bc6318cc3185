/* parse-bench.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Micro-benchmark of the EventSub hot path: one message's bytes to a LurkEventSubMessage.
 * Compares json-glib's parser alone with lurk_eventsub_message_parse() on real-shaped,
 * compact (as sent on the socket) messages from tests/fixtures/eventsub.
 *
 *   parse-bench [SOURCE_DIR] [SECONDS_PER_CASE]
 *
 * Prints one line per case: µs per message and messages per second on one core. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "lurk-eventsub-message.h"

typedef enum
{
  MODE_JSON_GLIB,
  MODE_LURK,
} Mode;

static char *
load_compact (const char *srcdir,
              const char *name,
              gsize      *length)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (srcdir, "tests", "fixtures", "eventsub", file, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;

  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_printerr ("parse-bench: %s\n", error->message);
      exit (1);
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, length);
}

static double
run (Mode        mode,
     const char *data,
     gsize       length,
     double      seconds,
     guint64    *n_out)
{
  gint64 start = g_get_monotonic_time ();
  gint64 deadline = start + (gint64) (seconds * G_USEC_PER_SEC);
  guint64 n = 0;
  gint64 now;

  do
    {
      for (guint i = 0; i < 1000; i++)
        {
          if (mode == MODE_JSON_GLIB)
            {
              g_autoptr(JsonParser) parser = json_parser_new_immutable ();

              if (!json_parser_load_from_data (parser, data, length, NULL))
                g_error ("json-glib failed");
            }
          else
            {
              g_autoptr(LurkEventSubMessage) message = NULL;
              g_autoptr(GError) error = NULL;

              message = lurk_eventsub_message_parse (data, length, 0, &error);
              if (message == NULL)
                g_error ("lurk failed: %s", error->message);
            }
        }
      n += 1000;
      now = g_get_monotonic_time ();
    }
  while (now < deadline);

  *n_out = n;
  return (double) (now - start) / (double) n;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const cases[] = {
    "chat-message-plain",   /* most traffic: plain chat, dropped */
    "chat-message-cheer",   /* a chat message that is an event */
    "notice-resub",         /* a chat notification */
    "channel-raid-in",      /* a small event */
  };
  const char *srcdir = argc > 1 ? argv[1] : g_getenv ("LURK_SOURCE_DIR");
  double seconds = argc > 2 ? g_ascii_strtod (argv[2], NULL) : 1.0;

  setlocale (LC_ALL, "");
  if (srcdir == NULL)
    srcdir = ".";

  g_print ("%-22s %7s %10s %12s %10s %12s %7s\n",
           "message", "bytes", "json-glib", "json-glib/s", "lurk", "lurk/s", "ratio");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = NULL;
      gsize length;
      guint64 n;
      double glib_us;
      double lurk_us;

      data = load_compact (srcdir, cases[i], &length);
      /* warm up */
      run (MODE_LURK, data, length, seconds / 10, &n);
      glib_us = run (MODE_JSON_GLIB, data, length, seconds, &n);
      lurk_us = run (MODE_LURK, data, length, seconds, &n);

      g_print ("%-22s %7zu %8.2f µs %12.0f %7.2f µs %12.0f %6.1fx\n",
               cases[i], length, glib_us, 1e6 / glib_us, lurk_us, 1e6 / lurk_us,
               glib_us / lurk_us);
    }

  return 0;
}
