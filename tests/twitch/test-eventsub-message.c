/* test-eventsub-message.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-eventsub-message.h"
#include "lurk-test-fixtures.h"

#define RECEIVED_AT G_GINT64_CONSTANT (1795896000000000)

static LurkEventSubMessage *
parse_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  LurkEventSubMessage *message;
  gsize length;

  data = lurk_test_eventsub_fixture_load (name, &length);
  message = lurk_eventsub_message_parse (data, length, RECEIVED_AT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (message);
  return message;
}

static void
test_welcome (void)
{
  g_autoptr(LurkEventSubMessage) message = parse_fixture ("session-welcome");

  g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_WELCOME);
  g_assert_cmpstr (message->session_id, ==, "AQoQexAWVYKSTIu4ec_2VAxyuhAB");
  g_assert_cmpstr (message->session_status, ==, "connected");
  g_assert_cmpuint (message->keepalive_timeout_seconds, ==, 10);
  g_assert_null (message->reconnect_url);
  g_assert_null (message->event);
  g_assert_nonnull (message->message_id);
  g_assert_cmpint (message->timestamp, >, 0);
}

static void
test_keepalive (void)
{
  g_autoptr(LurkEventSubMessage) message = parse_fixture ("session-keepalive");

  g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_KEEPALIVE);
  g_assert_null (message->event);
}

static void
test_reconnect (void)
{
  g_autoptr(LurkEventSubMessage) message = parse_fixture ("session-reconnect");

  g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_RECONNECT);
  g_assert_cmpstr (message->session_status, ==, "reconnecting");
  g_assert_cmpstr (message->reconnect_url, ==, "wss://eventsub.wss.twitch.tv/ws?reconnect_id=abc");
  g_assert_cmpuint (message->keepalive_timeout_seconds, ==, 0);
}

static void
test_revocation (void)
{
  g_autoptr(LurkEventSubMessage) message = parse_fixture ("revocation");

  g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_REVOCATION);
  g_assert_cmpstr (message->subscription_type, ==, "channel.follow");
  g_assert_cmpstr (message->subscription_version, ==, "2");
  g_assert_cmpstr (message->subscription_status, ==, "authorization_revoked");
  g_assert_cmpstr (message->subscription_id, ==, "f1c2a387-161a-49f9-a165-0f21d7a4e1c4");
  g_assert_null (message->event);
}

static void
test_timestamp (void)
{
  g_autoptr(LurkEventSubMessage) message = parse_fixture ("stream-online");
  g_autoptr(GDateTime) dt = NULL;

  /* 2026-11-27T20:15:xx.123456789Z, nanoseconds truncated to microseconds */
  dt = g_date_time_new_from_unix_utc (message->timestamp / G_USEC_PER_SEC);
  g_assert_cmpint (g_date_time_get_year (dt), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (dt), ==, 11);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, 27);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, 20);
  g_assert_cmpint (g_date_time_get_minute (dt), ==, 15);
  g_assert_cmpint (message->timestamp % G_USEC_PER_SEC, ==, 123456);
  g_assert_cmpint (lurk_event_get_occurred_at (message->event), ==, message->timestamp);
  g_assert_cmpint (lurk_event_get_received_at (message->event), ==, RECEIVED_AT);
  g_assert_cmpstr (lurk_event_get_occurred_at_string (message->event), ==,
                   message->message_timestamp);
  g_assert_cmpstr (lurk_event_get_id (message->event), ==, message->message_id);
}

static void
test_plain_chat (void)
{
  g_autoptr(LurkEventSubMessage) message = parse_fixture ("chat-message-plain");

  /* A notification, so it counts as traffic, but no event: plain chat is not shown. */
  g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_NOTIFICATION);
  g_assert_cmpstr (message->subscription_type, ==, "channel.chat.message");
  g_assert_null (message->event);
}

static void
test_event_json_is_raw (void)
{
  g_autoptr(LurkEventSubMessage) message = parse_fixture ("chat-message-cheer");
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  const char *json;
  JsonObject *object;

  json = lurk_event_get_event_json (message->event);
  g_assert_true (json[0] == '{');
  node = json_from_string (json, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "chatter_user_login"), ==, "erin");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (object, "cheer"),
                                               "bits"), ==, 100);
}

typedef struct
{
  const char *input;
  const char *message; /* part of the error message */
} Malformed;

static const Malformed malformed[] = {
  { "", "empty" },
  { "{", "end of data" },
  { "[]", "not a JSON object" },
  { "null", "not a JSON object" },
  { "\"text\"", "not a JSON object" },
  { "{}", "no metadata" },
  { "{\"metadata\":[],\"payload\":{}}", "no metadata" },
  { "{\"metadata\":{},\"payload\":{}}", "no message_id" },
  { "{\"metadata\":{\"message_id\":\"a\"},\"payload\":{}}", "message_timestamp" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"yesterday\","
    "\"message_type\":\"session_keepalive\"},\"payload\":{}}", "RFC 3339" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":42},\"payload\":{}}", "no message_type" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"session_dance\"},\"payload\":{}}", "Unknown message type “session_dance”" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"session_keepalive\"},\"payload\":null}", "no payload" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"session_welcome\"},\"payload\":{}}", "no session" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"session_welcome\"},\"payload\":{\"session\":{\"id\":7}}}", "no id" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"session_reconnect\"},\"payload\":{\"session\":{\"id\":\"s\","
    "\"reconnect_url\":null}}}", "no reconnect URL" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"notification\"},\"payload\":{}}", "no subscription" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"notification\"},\"payload\":{\"subscription\":{\"type\":\"x\"}}}",
    "no event" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"notification\"},\"payload\":{\"subscription\":{\"type\":\"x\"},"
    "\"event\":[1]}}", "no event" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"notification\"},\"payload\":{\"subscription\":{},\"event\":{}}}",
    "subscription type" },
  { "{\"metadata\":{\"message_id\":\"a\",\"message_timestamp\":\"2026-11-27T20:00:00Z\","
    "\"message_type\":\"revocation\"},\"payload\":{\"subscription\":\"gone\"}}",
    "no subscription" },
  { "{\"a\":1,}", "member name" },
  { "{\"a\" 1}", "“:”" },
  { "{\"a\":1 \"b\":2}", "“,” or “}”" },
  { "[1 2]", "“,” or “]”" },
  { "{\"a\":tru}", "a value" },
  { "{\"a\":01}", "“,” or “}”" },
  { "{\"a\":-}", "digit" },
  { "{\"a\":1.}", "digit" },
  { "{\"a\":1e}", "digit" },
  { "{\"a\":\"\\x\"}", "escape" },
  { "{\"a\":\"\\u12G4\"}", "\\u escape" },
  { "{\"a\":\"tab\there\"}", "control character" },
  { "{\"a\":\"unterminated", "end of a string" },
  { "{\"a\":1} x", "end of the data" },
  { "{\"a\":'single'}", "a value" },
  { "{\"a\":\"\xff\"}", "invalid UTF-8" },
  { "{\"a\":\"\xc3\"}", "invalid UTF-8" },
  { "{\"a\":\"\xc0\xaf\"}", "invalid UTF-8" },         /* overlong */
  { "{\"a\":\"\xed\xa0\x80\"}", "invalid UTF-8" },     /* surrogate */
  { "{\"a\":\"\xf4\x90\x80\x80\"}", "invalid UTF-8" }, /* > U+10FFFF */
  { "\xef\xbb\xbf{}", "a value" },                     /* a BOM is not JSON */
};

static void
test_malformed_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEventSubMessage) message = NULL;

      g_test_message ("case %u: %s", i, malformed[i].input);
      message = lurk_eventsub_message_parse (malformed[i].input, strlen (malformed[i].input),
                                             RECEIVED_AT, &error);
      g_assert_null (message);
      g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
      if (strstr (error->message, malformed[i].message) == NULL)
        g_error ("case %u: “%s” does not contain “%s”", i, error->message, malformed[i].message);
    }
}

static void
test_nul_inside (void)
{
  static const char data[] = "{\"metadata\":{\"message_id\":\"a\0b\"}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) message = NULL;

  message = lurk_eventsub_message_parse (data, sizeof data - 1, RECEIVED_AT, &error);
  g_assert_null (message);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
}

/* Every prefix of a real message is an error, never a crash (and never a success). */
static void
test_truncated (void)
{
  g_autofree char *data = NULL;
  gsize length;

  data = lurk_test_eventsub_fixture_load ("notice-resub", &length);
  while (length > 0 && g_ascii_isspace (data[length - 1]))
    length--;

  for (gsize cut = 0; cut < length; cut++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkEventSubMessage) message = NULL;
      /* a copy of exactly @cut bytes, so a read past the end is caught by sanitizers */
      g_autofree char *prefix = g_memdup2 (data, cut);

      message = lurk_eventsub_message_parse (prefix, cut, RECEIVED_AT, &error);
      g_assert_null (message);
      g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
    }
}

static void
test_deep_nesting (void)
{
  gsize n = 100000;
  g_autofree char *data = g_strnfill (2 * n, ']');
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) message = NULL;

  memset (data, '[', n);
  message = lurk_eventsub_message_parse (data, 2 * n, RECEIVED_AT, &error);
  g_assert_null (message);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "nested deeper"));
}

static void
test_huge (void)
{
  gsize n = 10 * 1024 * 1024;
  g_autofree char *data = g_strnfill (n, 'a');
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) message = NULL;
  const char *head = "{\"metadata\":{\"message_id\":\"";

  memcpy (data, head, strlen (head));
  message = lurk_eventsub_message_parse (data, n, RECEIVED_AT, &error);
  g_assert_null (message);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "too large"));
}

/* A message just under the limit with many values: the token array grows past its inline
 * part and is freed again. */
static void
test_many_values (void)
{
  g_autoptr(GString) s = g_string_new ("{\"metadata\":{\"message_id\":\"m\",\"message_type\":"
                                       "\"session_keepalive\",\"message_timestamp\":"
                                       "\"2026-11-27T20:00:00Z\"},\"payload\":{\"x\":[");
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) message = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (s, i == 0 ? "1" : ",1");
  g_string_append (s, "]}}");
  message = lurk_eventsub_message_parse (s->str, s->len, RECEIVED_AT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (message->type, ==, LURK_EVENTSUB_MESSAGE_KEEPALIVE);
}

/* Wrong JSON types in optional fields read as missing: no crash, still an event. */
static void
test_wrong_field_types (void)
{
  static const char data[] =
    "{\"metadata\":{\"message_id\":\"m1\",\"message_type\":\"notification\","
    "\"message_timestamp\":\"2026-11-27T20:00:00.5+01:00\",\"subscription_type\":"
    "\"channel.chat.notification\",\"subscription_version\":\"1\"},"
    "\"payload\":{\"subscription\":{\"id\":1,\"type\":\"channel.chat.notification\","
    "\"condition\":[]},\"event\":{\"broadcaster_user_id\":1337,\"chatter_user_login\":[\"x\"],"
    "\"chatter_is_anonymous\":\"yes\",\"notice_type\":\"resub\",\"resub\":{\"sub_tier\":1000,"
    "\"cumulative_months\":\"5\",\"streak_months\":-3,\"is_prime\":1},\"message\":7,"
    "\"system_message\":{\"text\":\"hi\"}}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) message = NULL;
  g_autofree char *summary = NULL;
  LurkEvent *event;

  message = lurk_eventsub_message_parse (data, sizeof data - 1, RECEIVED_AT, &error);
  g_assert_no_error (error);
  event = message->event;
  g_assert_nonnull (event);
  g_assert_null (message->subscription_id);
  g_assert_cmpint (lurk_event_get_kind (event), ==, LURK_EVENT_KIND_RESUB);
  g_assert_null (lurk_event_get_broadcaster_id (event));
  g_assert_null (lurk_event_get_actor_login (event));
  g_assert_false (lurk_event_get_actor_is_anonymous (event));
  g_assert_null (lurk_event_get_tier (event));
  g_assert_cmpuint (lurk_event_get_months (event), ==, 0);
  g_assert_cmpuint (lurk_event_get_streak_months (event), ==, 0);
  g_assert_null (lurk_event_get_message_text (event));
  g_assert_null (lurk_event_get_system_message (event));
  /* 20:00:00.5 at +01:00 is 19:00:00.5 UTC */
  g_assert_cmpint (lurk_event_get_occurred_at (event) % (G_GINT64_CONSTANT (86400) * 1000000),
                   ==, G_GINT64_CONSTANT (19 * 3600) * G_USEC_PER_SEC + 500000);
  summary = lurk_event_dup_summary (event);
  g_assert_cmpstr (summary, ==, "Someone subscribed");
}

static void
test_escapes (void)
{
  static const char data[] =
    "{\"metadata\":{\"message_id\":\"m\\u0031\",\"message_type\":\"notification\","
    "\"message_timestamp\":\"2026-11-27T20:00:00Z\",\"subscription_type\":"
    "\"channel.update\",\"subscription_version\":\"2\"},"
    "\"payload\":{\"subscription\":{\"id\":\"s\"},\"event\":{\"t\\u0069tle\":"
    "\"\\\"Quotes\\\" \\u00e9\\ud83d\\ude00 \\ud800 nul:\\u0000 \\/\\\\\","
    "\"category_name\":\"A\\nB\"}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventSubMessage) message = NULL;
  LurkEvent *event;

  message = lurk_eventsub_message_parse (data, sizeof data - 1, RECEIVED_AT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (message->message_id, ==, "m1");
  event = message->event;
  g_assert_cmpint (lurk_event_get_kind (event), ==, LURK_EVENT_KIND_CHANNEL_UPDATE);
  g_assert_cmpstr (lurk_event_get_title (event), ==, "\"Quotes\" é😀 \xef\xbf\xbd nul:\xef\xbf\xbd /\\");
  g_assert_cmpstr (lurk_event_get_category (event), ==, "A\nB");
  g_assert_true (g_utf8_validate (lurk_event_get_title (event), -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/eventsub-message/welcome", test_welcome);
  g_test_add_func ("/lurk/eventsub-message/keepalive", test_keepalive);
  g_test_add_func ("/lurk/eventsub-message/reconnect", test_reconnect);
  g_test_add_func ("/lurk/eventsub-message/revocation", test_revocation);
  g_test_add_func ("/lurk/eventsub-message/timestamp", test_timestamp);
  g_test_add_func ("/lurk/eventsub-message/plain-chat", test_plain_chat);
  g_test_add_func ("/lurk/eventsub-message/event-json-is-raw", test_event_json_is_raw);
  g_test_add_func ("/lurk/eventsub-message/malformed", test_malformed_table);
  g_test_add_func ("/lurk/eventsub-message/nul-inside", test_nul_inside);
  g_test_add_func ("/lurk/eventsub-message/truncated", test_truncated);
  g_test_add_func ("/lurk/eventsub-message/deep-nesting", test_deep_nesting);
  g_test_add_func ("/lurk/eventsub-message/huge", test_huge);
  g_test_add_func ("/lurk/eventsub-message/many-values", test_many_values);
  g_test_add_func ("/lurk/eventsub-message/wrong-field-types", test_wrong_field_types);
  g_test_add_func ("/lurk/eventsub-message/escapes", test_escapes);

  return g_test_run ();
}
