/* test-twitch-docs.c: payloads Twitch wrote, through the real parser
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/fixtures/twitch-docs/manifest.json lists every type Lurk subscribes to, with the
 * payload Twitch itself published for it where one could be read (see the manifest's
 * source_url and note per entry; the rest are listed as missing). Each payload is wrapped in a
 * WebSocket notification envelope, parsed with lurk_eventsub_message_parse() and summarized
 * the way the sidebar and lurk-events show it. The simulator's own fixtures
 * (tests/fixtures/eventsub) are a separate set: these ones were not written by this team.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lurk-eventsub-message.h"
#include "lurk-subscription-plan.h"
#include "lurk-test-fixtures.h"

static JsonArray *
load_manifest (JsonParser *parser)
{
  g_autofree char *path = lurk_test_fixture_path ("twitch-docs", "manifest.json");
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

/* {"metadata": {...}, "payload": <the file>} as Twitch's WebSocket transport sends it */
static char *
wrap_notification (const char *type,
                   const char *version,
                   const char *payload)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  return g_strdup_printf ("{\"metadata\":{\"message_id\":\"twitch-docs-%s\","
                          "\"message_type\":\"notification\",\"message_timestamp\":\"%s\","
                          "\"subscription_type\":\"%s\",\"subscription_version\":\"%s\"},"
                          "\"payload\":%s}", type, stamp, type, version, payload);
}

static void
test_present (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *manifest = load_manifest (parser);
  guint present = 0;

  for (guint i = 0; i < json_array_get_length (manifest); i++)
    {
      JsonObject *entry = json_array_get_object_element (manifest, i);
      const char *file = json_object_get_string_member_with_default (entry, "file", NULL);
      const char *type = json_object_get_string_member (entry, "type");
      const char *version = json_object_get_string_member (entry, "version");
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *message_text = NULL;
      g_autofree char *summary = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEventSubMessage) message = NULL;
      gsize length;

      if (file == NULL)
        {
          g_assert_cmpstr (json_object_get_string_member (entry, "status"), ==, "missing");
          continue;
        }

      g_test_message ("%s v%s: %s", type, version, file);
      g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "source_url"),
                                       "https://dev.twitch.tv/") ||
                     g_str_has_prefix (json_object_get_string_member (entry, "source_url"),
                                       "https://github.com/twitchdev/twitch-cli/"));
      path = lurk_test_fixture_path ("twitch-docs", file);
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);

      message_text = wrap_notification (type, version, contents);
      message = lurk_eventsub_message_parse (message_text, strlen (message_text),
                                             g_get_real_time (), &error);
      g_assert_no_error (error);
      g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_NOTIFICATION);
      g_assert_cmpstr (message->subscription_type, ==, type);
      g_assert_nonnull (message->event);

      summary = lurk_event_dup_summary (message->event);
      g_assert_cmpstr (lurk_event_kind_to_string (lurk_event_get_kind (message->event)), ==,
                       json_object_get_string_member (entry, "expect_kind"));
      g_assert_cmpstr (summary, ==, json_object_get_string_member (entry, "expect_summary"));
      present++;
    }

  g_test_message ("%u payloads written by Twitch parsed", present);
  g_assert_cmpuint (present, >, 0);
}

/* The manifest names every type the subscription plan can create (viewer and broadcaster),
 * so a type added to the plan shows up here as missing until its payload is found. */
static void
test_covers_plan (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *manifest = load_manifest (parser);
  g_autoptr(GPtrArray) viewer = lurk_subscription_plan_build ("1", "2", 100, NULL);
  g_autoptr(GPtrArray) broadcaster = lurk_subscription_plan_build ("1", "1", 100, NULL);
  GPtrArray *plans[] = { viewer, broadcaster };

  for (guint p = 0; p < G_N_ELEMENTS (plans); p++)
    for (guint i = 0; i < plans[p]->len; i++)
      {
        const LurkSubscriptionSpec *spec = g_ptr_array_index (plans[p], i);
        gboolean found = FALSE;

        for (guint j = 0; j < json_array_get_length (manifest) && !found; j++)
          {
            JsonObject *entry = json_array_get_object_element (manifest, j);

            found = g_str_equal (json_object_get_string_member (entry, "type"), spec->type) &&
                    g_str_equal (json_object_get_string_member (entry, "version"),
                                 spec->version);
          }
        if (!found)
          g_error ("%s v%s is subscribed to but not in the manifest", spec->type,
                   spec->version);
      }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/twitch-docs/present", test_present);
  g_test_add_func ("/lurk/twitch-docs/covers-plan", test_covers_plan);

  return g_test_run ();
}
