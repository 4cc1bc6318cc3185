/* test-event-store.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-event-store.h"
#include "lurk-event-store-private.h"
#include "lurk-profile.h"
#include "lurk-test-events.h"

#define BROADCASTER "1001"
#define OTHER_BROADCASTER "2002"
#define T0 G_GINT64_CONSTANT (1795000000000000) /* 2026-11-17, µs */

/* Events as the listener builds them: from an EventSub event object. */

static char *
format_timestamp (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");

  /* Twitch sends nanoseconds. */
  return g_strdup_printf ("%s.%06d123Z", base, (int) (usec % G_USEC_PER_SEC));
}

static LurkEvent *
make_resub (const char *id,
            const char *broadcaster_id,
            const char *login,
            const char *name,
            const char *text,
            gint64      occurred_at)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autofree char *stamp = format_timestamp (occurred_at);
  g_autofree char *system_message = g_strdup_printf ("%s subscribed at Tier 1. They've "
                                                     "subscribed for 7 months!", name);
  g_autoptr(GError) error = NULL;
  LurkEvent *event;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "broadcaster_user_id");
  json_builder_add_string_value (b, broadcaster_id);
  json_builder_set_member_name (b, "broadcaster_user_login");
  json_builder_add_string_value (b, "streamer");
  json_builder_set_member_name (b, "broadcaster_user_name");
  json_builder_add_string_value (b, "Streamer");
  json_builder_set_member_name (b, "chatter_user_id");
  json_builder_add_string_value (b, "555");
  json_builder_set_member_name (b, "chatter_user_login");
  json_builder_add_string_value (b, login);
  json_builder_set_member_name (b, "chatter_user_name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "chatter_is_anonymous");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "color");
  json_builder_add_string_value (b, "#FF0000");
  json_builder_set_member_name (b, "badges");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "system_message");
  json_builder_add_string_value (b, system_message);
  json_builder_set_member_name (b, "message_id");
  json_builder_add_string_value (b, "c0ffee");
  json_builder_set_member_name (b, "message");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_set_member_name (b, "fragments");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "text");
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, text);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "notice_type");
  json_builder_add_string_value (b, "resub");
  json_builder_set_member_name (b, "resub");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "cumulative_months");
  json_builder_add_int_value (b, 7);
  json_builder_set_member_name (b, "duration_months");
  json_builder_add_int_value (b, 1);
  json_builder_set_member_name (b, "streak_months");
  json_builder_add_null_value (b);
  json_builder_set_member_name (b, "sub_tier");
  json_builder_add_string_value (b, "1000");
  json_builder_set_member_name (b, "is_prime");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "is_gift");
  json_builder_add_boolean_value (b, FALSE);
  json_builder_set_member_name (b, "gifter_is_anonymous");
  json_builder_add_null_value (b);
  json_builder_end_object (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json = json_generator_to_data (gen, NULL);

  event = lurk_event_new_from_json_string (id, "channel.chat.notification", "1", stamp,
                                           occurred_at + 1500, json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static LurkEvent *
make_online (const char *id,
             const char *broadcaster_id,
             gint64      occurred_at)
{
  g_autofree char *stamp = format_timestamp (occurred_at);
  g_autofree char *json = g_strdup_printf ("{\"id\":\"9001\",\"broadcaster_user_id\":\"%s\","
                                           "\"broadcaster_user_login\":\"streamer\","
                                           "\"broadcaster_user_name\":\"Streamer\","
                                           "\"type\":\"live\",\"started_at\":\"%s\"}",
                                           broadcaster_id, stamp);
  g_autoptr(GError) error = NULL;
  LurkEvent *event;

  event = lurk_event_new_from_json_string (id, "stream.online", "1", stamp, occurred_at + 900,
                                           json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

/* A notice type Lurk does not know yet: only Twitch's system message says what happened. */
static LurkEvent *
make_unknown_notice (const char *id,
                     const char *broadcaster_id,
                     gint64      occurred_at)
{
  g_autofree char *stamp = format_timestamp (occurred_at);
  g_autofree char *json = g_strdup_printf (
    "{\"broadcaster_user_id\":\"%s\",\"broadcaster_user_login\":\"streamer\","
    "\"broadcaster_user_name\":\"Streamer\",\"chatter_user_id\":\"77\","
    "\"chatter_user_login\":\"dora\",\"chatter_user_name\":\"Dora\","
    "\"chatter_is_anonymous\":false,\"color\":\"\",\"badges\":[],"
    "\"system_message\":\"Dora watched 10 consecutive streams\",\"message_id\":\"x\","
    "\"message\":{\"text\":\"\",\"fragments\":[]},\"notice_type\":\"watch_streak\","
    "\"watch_streak\":{\"streak\":10}}", broadcaster_id);
  g_autoptr(GError) error = NULL;
  LurkEvent *event;

  event = lurk_event_new_from_json_string (id, "channel.chat.notification", "1", stamp,
                                           occurred_at + 700, json, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  g_assert_cmpint (lurk_event_get_kind (event), ==, LURK_EVENT_KIND_UNKNOWN);
  return event;
}

/* channel.raid as the listener builds it, knowing which side it subscribed for. */
static LurkEvent *
make_raid (const char *id,
           const char *broadcaster_id,
           const char *from_id,
           const char *to_id,
           gint64      occurred_at)
{
  g_autofree char *stamp = format_timestamp (occurred_at);
  g_autofree char *json = g_strdup_printf (
    "{\"from_broadcaster_user_id\":\"%s\",\"from_broadcaster_user_login\":\"from\","
    "\"from_broadcaster_user_name\":\"From\",\"to_broadcaster_user_id\":\"%s\","
    "\"to_broadcaster_user_login\":\"to\",\"to_broadcaster_user_name\":\"To\","
    "\"viewers\":236}", from_id, to_id);
  g_autoptr(GError) error = NULL;
  LurkEvent *event;

  event = lurk_event_new_for_broadcaster (id, "channel.raid", "1", stamp, occurred_at + 800,
                                          broadcaster_id, json, -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (event);
  return event;
}

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("lurk-event-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static LurkEventStore *
open_store (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autoptr(GError) error = NULL;
  LurkEventStore *store = lurk_event_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static gint64
sql_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
sql_exec (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* The store keeps an event's JSON without null members (lurk-event-store.c): @stored must
 * be @original's JSON with exactly those dropped. */
static void
assert_same_json_without_nulls (const char *original,
                                const char *stored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) expected = json_from_string (original, &error);
  g_autoptr(JsonNode) actual = NULL;

  g_assert_no_error (error);
  actual = json_from_string (stored, &error);
  g_assert_no_error (error);
  lurk_test_json_drop_nulls (expected);
  g_assert_true (json_node_equal (expected, actual));
}

static void
assert_same_event (LurkEvent *a,
                   LurkEvent *b)
{
  g_assert_cmpstr (lurk_event_get_id (a), ==, lurk_event_get_id (b));
  g_assert_cmpint (lurk_event_get_kind (a), ==, lurk_event_get_kind (b));
  g_assert_cmpstr (lurk_event_get_subscription_type (a), ==,
                   lurk_event_get_subscription_type (b));
  g_assert_cmpstr (lurk_event_get_subscription_version (a), ==,
                   lurk_event_get_subscription_version (b));
  g_assert_cmpstr (lurk_event_get_broadcaster_id (a), ==, lurk_event_get_broadcaster_id (b));
  g_assert_cmpstr (lurk_event_get_actor_login (a), ==, lurk_event_get_actor_login (b));
  g_assert_cmpstr (lurk_event_get_message_text (a), ==, lurk_event_get_message_text (b));
  g_assert_cmpstr (lurk_event_get_occurred_at_string (a), ==,
                   lurk_event_get_occurred_at_string (b));
  g_assert_cmpint (lurk_event_get_occurred_at (a), ==, lurk_event_get_occurred_at (b));
  g_assert_cmpint (lurk_event_get_received_at (a), ==, lurk_event_get_received_at (b));
  g_assert_cmpstr (lurk_event_get_system_message (a), ==, lurk_event_get_system_message (b));
  assert_same_json_without_nulls (lurk_event_get_event_json (b), lurk_event_get_event_json (a));
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autoptr(GFile) child = g_file_get_child (file, g_file_info_get_name (info));
      g_autofree char *child_path = g_file_get_path (child);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        rm_rf (child_path);
      else
        g_remove (child_path);
      g_object_unref (info);
    }

  g_rmdir (dir);
}

/* Tests */

static void
test_new_destroy (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "events.db", NULL);
  g_autoptr(GError) error = NULL;
  LurkEventStore *store = lurk_event_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpstr (lurk_event_store_get_path (store), ==, path);
  g_assert_true (lurk_event_store_has_full_text_search (store));
  g_assert_cmpint (lurk_event_store_count (store, NULL, &error), ==, 0);
  g_assert_finalize_object (store);

  /* The schema is versioned and the file is in WAL mode. */
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (sql_int (path, "SELECT count(*) FROM pragma_journal_mode "
                                  "WHERE journal_mode = 'wal'"), ==, 1);
  rm_rf (dir);
}

static void
test_default_path (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "lurk", "demo",
                                                "events.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventStore) store = NULL;
  g_autofree char *path = NULL;

  lurk_profile_set (LURK_PROFILE_DEMO);
  path = lurk_profile_dup_event_store_path ();
  lurk_profile_set (LURK_PROFILE_DEFAULT);
  store = lurk_event_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lurk_event_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_insert_dedupe (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, make_resub ("m1", BROADCASTER, "alice", "Alice", "hello", T0));
  g_ptr_array_add (batch, make_online ("m2", BROADCASTER, T0 + 1));
  /* a resend inside the same batch */
  g_ptr_array_add (batch, make_online ("m2", BROADCASTER, T0 + 1));

  g_assert_true (lurk_event_store_insert (store, batch, &inserted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inserted->len, ==, 2);
  g_assert_true (g_ptr_array_index (inserted, 0) == g_ptr_array_index (batch, 0));
  g_assert_true (g_ptr_array_index (inserted, 1) == g_ptr_array_index (batch, 1));
  g_assert_true (lurk_event_store_contains (store, "m1"));
  g_assert_true (lurk_event_store_contains (store, "m2"));
  g_assert_false (lurk_event_store_contains (store, "m3"));

  /* The same batch delivered again (at least once): nothing new. */
  g_assert_true (lurk_event_store_insert (store, batch, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpint (lurk_event_store_count (store, BROADCASTER, &error), ==, 2);
  g_assert_cmpint (lurk_event_store_count (store, OTHER_BROADCASTER, &error), ==, 0);

  /* An empty batch is fine, and @inserted is optional. */
  g_ptr_array_set_size (batch, 0);
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);

  g_clear_object (&store);
  rm_rf (dir);
}

/* Stored without null members and white space: what comes back is the same event, strings
 * (escapes, "null" inside them) and numbers exactly as sent, nulls in arrays kept. */
#define SPACIOUS_EVENT \
  "{ \"broadcaster_user_id\" : \"1001\", \"broadcaster_user_login\":\"streamer\"," \
  "\"broadcaster_user_name\":\"Streamer\",\n \"chatter_user_id\":\"42\"," \
  "\"chatter_user_login\":\"alice\",\"chatter_user_name\":\"Alice\"," \
  "\"chatter_is_anonymous\":false,\"color\":null,\"badges\":[{\"set_id\":\"vip\",\"id\":" \
  "\"1\",\"info\":\"\"} , null],\"system_message\":\"Alice said \\\"null\\\": {\\\"a\\\":" \
  "null}\",\"message\":{\"text\":\"null \\\\\\\" , } ]\\u00e9\",\"fragments\":[]}," \
  "\"notice_type\":\"resub\",\"sub\":null,\"resub\":{\"cumulative_months\":7," \
  "\"duration_months\":1,\"streak_months\":null,\"sub_tier\":\"1000\",\"is_prime\":false," \
  "\"is_gift\":false,\"gifter_is_anonymous\":null},\"raid\":null,\"empty\":{}," \
  "\"nested\":{\"x\":{\"y\":null}},\"n\":-1.5e+3 }\t"
#define COMPACT_EVENT \
  "{\"broadcaster_user_id\":\"1001\",\"broadcaster_user_login\":\"streamer\"," \
  "\"broadcaster_user_name\":\"Streamer\",\"chatter_user_id\":\"42\"," \
  "\"chatter_user_login\":\"alice\",\"chatter_user_name\":\"Alice\"," \
  "\"chatter_is_anonymous\":false,\"badges\":[{\"set_id\":\"vip\",\"id\":\"1\",\"info\":" \
  "\"\"},null],\"system_message\":\"Alice said \\\"null\\\": {\\\"a\\\":null}\"," \
  "\"message\":{\"text\":\"null \\\\\\\" , } ]\\u00e9\",\"fragments\":[]}," \
  "\"notice_type\":\"resub\",\"resub\":{\"cumulative_months\":7,\"duration_months\":1," \
  "\"sub_tier\":\"1000\",\"is_prime\":false,\"is_gift\":false},\"empty\":{}," \
  "\"nested\":{\"x\":{}},\"n\":-1.5e+3}"

static void
test_compact_json (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stamp = format_timestamp (T0);
  LurkEvent *event;

  event = lurk_event_new_from_json_string ("c1", "channel.chat.notification", "1", stamp,
                                           T0 + 1500, SPACIOUS_EVENT, &error);
  g_assert_no_error (error);
  g_ptr_array_add (batch, event);
  g_ptr_array_add (batch, make_resub ("c2", BROADCASTER, "bob", "Bob", "hi", T0 - 10));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);

  recent = lurk_event_store_list_recent (store, BROADCASTER, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  g_assert_cmpstr (lurk_event_get_event_json (g_ptr_array_index (recent, 0)), ==, COMPACT_EVENT);
  assert_same_event (g_ptr_array_index (recent, 0), event);
  g_assert_cmpstr (lurk_event_get_message_text (g_ptr_array_index (recent, 0)), ==,
                   "null \\\" , } ]\u00e9");
  assert_same_event (g_ptr_array_index (recent, 1), g_ptr_array_index (batch, 1));
  g_clear_object (&store);

  g_assert_cmpint (sql_int (path, "SELECT length(CAST(event_json AS BLOB)) FROM events "
                                  "WHERE message_id = 'c1'"), ==, strlen (COMPACT_EVENT));
  rm_rf (dir);
}

/* After a burst the writer calls lurk_event_store_idle(): the search index is complete,
 * the WAL is copied into the database and emptied (its file is 0 bytes), and the store
 * goes on working. */
static void
test_idle (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "events.db-wal", NULL);
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("idle-%u", i);
      g_autofree char *text = g_strdup_printf ("word%u", i);

      g_ptr_array_add (batch, make_resub (id, BROADCASTER, "alice", "Alice", text, T0 + i));
    }
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, >, 0);
  /* 300 rows: the insert indexed the first 256 */
  g_assert_cmpint (sql_int (path, "SELECT indexed_rowid FROM fts_state"), <, 300);

  lurk_event_store_idle (store);
  g_assert_cmpint (sql_int (path, "SELECT indexed_rowid FROM fts_state"), ==, 300);
  g_assert_cmpint (g_stat (wal, &buf), ==, 0);
  g_assert_cmpint (buf.st_size, ==, 0);

  found = lurk_event_store_search (store, BROADCASTER, "word299", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_resub ("after-idle", BROADCASTER, "bob", "Bob", "x", T0 + 999));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_store_count (store, NULL, &error), ==, 301);

  g_clear_object (&store);
  rm_rf (dir);
}

/* Past 1,000 WAL pages a worker copies the WAL into the database (before, its connection
 * had never read the file, so its checkpoints did nothing until the writer's own at
 * 32,768 pages). */
static void
test_background_checkpoint (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GError) error = NULL;
  gint64 deadline;
  GStatBuf buf;

  for (guint b = 0; b < 10; b++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 1000; i++)
        {
          g_autofree char *id = g_strdup_printf ("ckpt-%u-%u", b, i);

          g_ptr_array_add (batch, make_resub (id, BROADCASTER, "alice", "Alice",
                                              "a message long enough to fill pages quickly, "
                                              "as chat notifications do", T0 + b * 1000 + i));
        }
      g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
      g_assert_no_error (error);
    }

  /* ~6 MB went into the WAL; the database file grows as the worker copies it */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_stat (path, &buf) == 0 && buf.st_size < 2 * 1024 * 1024 &&
         g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_assert_cmpint (buf.st_size, >=, 2 * 1024 * 1024);

  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_recent (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  /* Inserted out of order, and another channel's newer events in between. */
  g_ptr_array_add (batch, make_resub ("a2", BROADCASTER, "bob", "Bob", "second", T0 + 2000));
  g_ptr_array_add (batch, make_resub ("a1", BROADCASTER, "alice", "Alice", "first", T0 + 1000));
  g_ptr_array_add (batch, make_resub ("b1", OTHER_BROADCASTER, "carol", "Carol", "x", T0 + 9000));
  g_ptr_array_add (batch, make_online ("a3", BROADCASTER, T0 + 3000));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);

  recent = lurk_event_store_list_recent (store, BROADCASTER, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  assert_same_event (g_ptr_array_index (recent, 0), g_ptr_array_index (batch, 3));
  assert_same_event (g_ptr_array_index (recent, 1), g_ptr_array_index (batch, 0));
  g_clear_pointer (&recent, g_ptr_array_unref);

  recent = lurk_event_store_list_recent (store, BROADCASTER, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 3);
  assert_same_event (g_ptr_array_index (recent, 2), g_ptr_array_index (batch, 1));

  none = lurk_event_store_list_recent (store, "404", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  g_clear_object (&store);
  rm_rf (dir);
}

/* Pages neither repeat nor skip an event, even when many share one timestamp; filters and
 * both directions page the same way, synchronously and on the read connection. */
static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
page_all (LurkEventStore        *store,
          const LurkEventFilter *filter,
          guint                  page_size,
          gboolean               async,
          GPtrArray             *ids)
{
  LurkEventCursor cursor = { 0 };

  for (;;)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autoptr(GError) error = NULL;

      if (async)
        {
          g_autoptr(GAsyncResult) result = NULL;

          lurk_event_store_page_async (store, filter, &cursor, page_size, NULL,
                                       keep_result, &result);
          while (result == NULL)
            g_main_context_iteration (NULL, TRUE);
          page = lurk_event_store_page_finish (store, result, &cursor, &error);
        }
      else
        page = lurk_event_store_page (store, filter, &cursor, page_size, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (ids, g_strdup (lurk_event_get_id (g_ptr_array_index (page, i))));
      if (page->len < page_size)
        break;
    }
}

static void
test_page (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *raid_kinds[] = { "raid_in", "raid_out", NULL };

  /* 30 resubs, ten to a timestamp; 5 raids; another channel's events */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%02u", i);

      g_ptr_array_add (batch, make_resub (id, BROADCASTER, i == 17 ? "alice" : "bob",
                                          i == 17 ? "Alice" : "Bob", "hi", T0 + (i / 10) * 1000));
    }
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("x%02u", i);

      g_ptr_array_add (batch, make_raid (id, BROADCASTER, "77", BROADCASTER, T0 + 500 + i));
    }
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *id = g_strdup_printf ("o%02u", i);

      g_ptr_array_add (batch, make_online (id, OTHER_BROADCASTER, T0 + 5000 + i));
    }
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);

  for (guint async = 0; async <= 1; async++)
    for (guint page_size = 1; page_size <= 40; page_size += 6)
      {
        g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) oldest = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) raids = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GPtrArray) since = g_ptr_array_new_with_free_func (g_free);
        g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
        LurkEventFilter all = { .broadcaster_id = BROADCASTER };
        LurkEventFilter oldest_first = { .broadcaster_id = BROADCASTER, .oldest_first = TRUE };
        LurkEventFilter raid = { .broadcaster_id = BROADCASTER, .kinds = raid_kinds };
        LurkEventFilter alice = { .text = "alice" };
        LurkEventFilter recent = { .since_usec = T0 + 1000 };

        page_all (store, &all, page_size, async, ids);
        g_assert_cmpuint (ids->len, ==, 35);
        for (guint i = 0; i < ids->len; i++)
          g_assert_true (g_hash_table_add (seen, ids->pdata[i]));
        /* newest first: the last ten resubs, then the next ten... the raids between */
        g_assert_cmpstr (((char *) ids->pdata[0]), >=, "r20");
        g_assert_cmpstr (((char *) ids->pdata[34]), <, "r10");

        page_all (store, &oldest_first, page_size, async, oldest);
        g_assert_cmpuint (oldest->len, ==, 35);
        for (guint i = 0; i < 35; i++)
          g_assert_cmpstr (oldest->pdata[i], ==, ids->pdata[34 - i]);

        page_all (store, &raid, page_size, async, raids);
        g_assert_cmpuint (raids->len, ==, 5);
        g_assert_cmpstr (raids->pdata[0], ==, "x04");

        page_all (store, &alice, page_size, async, found);
        g_assert_cmpuint (found->len, ==, 1);
        g_assert_cmpstr (found->pdata[0], ==, "r17");

        /* both channels: 20 resubs at T0 + 1000 and later, and the other channel's 4 */
        page_all (store, &recent, page_size, async, since);
        g_assert_cmpuint (since->len, ==, 24);
        g_assert_cmpstr (since->pdata[0], ==, "o03");
      }

  g_clear_object (&store);
  rm_rf (dir);
}

static guint
search_count (LurkEventStore *store,
              const char     *broadcaster_id,
              const char     *text,
              const char     *kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = lurk_event_store_search (store, broadcaster_id, text, kind, 50,
                                                        &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found->len;
}

static void
check_search (LurkEventStore *store,
              const char     *resub_kind,
              gboolean        indexed)
{
  /* By actor, as a prefix, any case. */
  g_assert_cmpuint (search_count (store, BROADCASTER, "ALI", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, "alice", NULL), ==, 2);
  /* By words of the message, in any order, all required; accents ignored once indexed. */
  g_assert_cmpuint (search_count (store, NULL, "zelda", NULL), ==, 2);
  g_assert_cmpuint (search_count (store, NULL, "speedrun zelda", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, "zelda nothing", NULL), ==, 0);
  if (indexed)
    g_assert_cmpuint (search_count (store, NULL, "creme brulee", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, "crème brû", NULL), ==, 1);
  /* Twitch's system message is searchable for kinds Lurk does not know (for the others it
   * only repeats the actor and the kind). */
  g_assert_cmpuint (search_count (store, NULL, "consecutive", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, BROADCASTER, "subscribed", NULL), ==, 0);
  /* By kind; no text lists everything of that kind, newest first. */
  g_assert_cmpuint (search_count (store, BROADCASTER, NULL, resub_kind), ==, 2);
  g_assert_cmpuint (search_count (store, BROADCASTER, "  ", "stream_online"), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, NULL, NULL), ==, 5);
  g_assert_cmpuint (search_count (store, NULL, NULL, "unknown"), ==, 1);
  g_assert_cmpuint (search_count (store, BROADCASTER, "bob", "stream_online"), ==, 0);

  /* What users type is never FTS5 syntax: no error, just no match. */
  g_assert_cmpuint (search_count (store, NULL, "\"", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, NULL, "alice OR", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, NULL, "NEAR(alice bob)", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, NULL, "*", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, NULL, "'; DROP TABLE events; --", NULL), ==, 0);
  g_assert_cmpint (lurk_event_store_count (store, NULL, NULL), ==, 5);
}

static void
test_search_many_words (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GString) many = g_string_new (NULL);
  g_autoptr(GString) most = g_string_new (NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2000; i++)
    {
      g_string_append_printf (many, "w%u ", i);
      if (i < LURK_EVENT_STORE_MAX_SEARCH_WORDS)
        g_string_append_printf (most, "w%u ", i);
    }

  /* As many words as allowed: a search like any other */
  found = lurk_event_store_search (store, NULL, most->str, NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A pasted wall of text is refused with why, not as a broken history file */
  found = lurk_event_store_search (store, NULL, many->str, NULL, 10, &error);
  g_assert_null (found);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "at most 64 words"));
  g_assert_null (strstr (error->message, "history file"));
  g_clear_error (&error);

  /* History's pages refuse it the same way */
  {
    LurkEventFilter filter = { .text = many->str };
    LurkEventCursor cursor = { 0 };

    found = lurk_event_store_page (store, &filter, &cursor, 10, &error);
    g_assert_null (found);
    g_assert_error (error, LURK_ERROR, LURK_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "at most 64 words"));
  }
  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_search (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  const char *resub_kind;

  g_ptr_array_add (batch, make_resub ("s1", BROADCASTER, "alice_42", "Alice_42",
                                      "Love the Zelda speedrun", T0 + 1));
  g_ptr_array_add (batch, make_resub ("s2", BROADCASTER, "bob", "Bob",
                                      "Crème brûlée for everyone", T0 + 2));
  g_ptr_array_add (batch, make_resub ("s3", OTHER_BROADCASTER, "alice_42", "Alice_42",
                                      "zelda again", T0 + 3));
  g_ptr_array_add (batch, make_online ("s4", BROADCASTER, T0 + 4));
  g_ptr_array_add (batch, make_unknown_notice ("s5", OTHER_BROADCASTER, T0 + 5));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);
  resub_kind = lurk_event_kind_to_string (lurk_event_get_kind (g_ptr_array_index (batch, 0)));

  /* Just stored (found by substring until indexed), then in the search index. */
  check_search (store, resub_kind, FALSE);
  g_assert_true (lurk_event_store_update_search_index (store, &error));
  g_assert_no_error (error);
  check_search (store, resub_kind, TRUE);

  found = lurk_event_store_search (store, NULL, "alice", NULL, 50, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (found, 0)), ==, "s3");
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (found, 1)), ==, "s1");

  g_clear_object (&store);
  rm_rf (dir);
}

/* A file written by an SQLite without FTS5: search falls back to LIKE. */
static void
test_search_without_fts (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, &error)); /* an empty database */
  sql_exec (path, "PRAGMA journal_mode = WAL");
  sql_exec (path,
            "CREATE TABLE events (message_id TEXT PRIMARY KEY NOT NULL,"
            " broadcaster_id TEXT NOT NULL, subscription_type TEXT NOT NULL,"
            " subscription_version TEXT NOT NULL, kind TEXT NOT NULL,"
            " occurred_at INTEGER NOT NULL, occurred_at_text TEXT NOT NULL,"
            " received_at INTEGER NOT NULL, actor_login TEXT, actor_name TEXT,"
            " search_text TEXT, event_json TEXT NOT NULL);"
            "CREATE INDEX events_recent ON events (broadcaster_id, occurred_at DESC);"
            "CREATE INDEX events_occurred ON events (occurred_at);"
            "PRAGMA user_version = 1;");

  store = lurk_event_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (lurk_event_store_has_full_text_search (store));

  g_ptr_array_add (batch, make_resub ("l1", BROADCASTER, "alice_42", "Alice_42",
                                      "Love the Zelda speedrun", T0 + 1));
  g_ptr_array_add (batch, make_resub ("l2", BROADCASTER, "bob", "Bob", "100% hype_train",
                                      T0 + 2));
  g_ptr_array_add (batch, make_online ("l3", BROADCASTER, T0 + 3));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (lurk_event_store_update_search_index (store, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (search_count (store, BROADCASTER, "ALI", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, "zelda speedrun", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, "zelda bob", NULL), ==, 0);
  /* LIKE's own wildcards are plain characters to the user. */
  g_assert_cmpuint (search_count (store, NULL, "100%", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, "0_h", NULL), ==, 0);
  g_assert_cmpuint (search_count (store, NULL, "e_t", NULL), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, NULL, "stream_online"), ==, 1);
  g_assert_cmpuint (lurk_event_store_prune (store, T0 + 2, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpuint (search_count (store, NULL, NULL, NULL), ==, 2);

  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_prune (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", i);

      g_ptr_array_add (batch, make_resub (id, BROADCASTER, "pruned", "Pruned", "old words",
                                          T0 + i * G_USEC_PER_SEC));
    }
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (lurk_event_store_prune (store, T0 + 4 * G_USEC_PER_SEC, &error), ==, 4);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_store_count (store, NULL, &error), ==, 6);
  g_assert_false (lurk_event_store_contains (store, "p3"));
  g_assert_true (lurk_event_store_contains (store, "p4"));
  /* The search index forgets them too. */
  g_assert_cmpuint (search_count (store, NULL, "pruned", NULL), ==, 6);
  g_assert_cmpuint (lurk_event_store_prune (store, T0, &error), ==, 0);
  g_assert_true (lurk_event_store_check (store, &error));
  g_assert_no_error (error);

  /* Indexed, pruned to nothing, refilled (SQLite reuses rowids), pruned again: the search
   * index stays consistent and finds exactly what is stored. */
  g_assert_true (lurk_event_store_update_search_index (store, &error));
  g_assert_cmpuint (lurk_event_store_prune (store, G_MAXINT64, &error), ==, 6);
  g_ptr_array_set_size (batch, 3);
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_cmpuint (search_count (store, NULL, "pruned", NULL), ==, 3);
  g_assert_true (lurk_event_store_update_search_index (store, &error));
  g_assert_cmpuint (search_count (store, NULL, "pruned", NULL), ==, 3);
  g_assert_cmpuint (lurk_event_store_prune (store, T0 + 1, &error), ==, 1);
  g_assert_cmpuint (search_count (store, NULL, "pruned", NULL), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&store);
  sql_exec (path, "INSERT INTO events_fts (events_fts) VALUES ('integrity-check')");

  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_reopen (void)
{
  g_autofree char *dir = make_tmp_dir ();
  LurkEventStore *store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GError) error = NULL;

  g_autoptr(GPtrArray) filler = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *wal = g_build_filename (dir, "events.db-wal", NULL);
  g_autofree char *long_text = g_strnfill (3000, 'w');

  /* Enough to pass the checkpoint threshold (background checkpoints start). */
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("filler-%u", i);

      g_ptr_array_add (filler, make_resub (id, OTHER_BROADCASTER, "f", "F", long_text,
                                           T0 + i));
    }
  g_assert_true (lurk_event_store_insert (store, filler, NULL, &error));
  g_ptr_array_add (batch, make_resub ("r1", BROADCASTER, "alice", "Alice", "kept", T0));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  /* A clean end leaves no WAL behind, so the next start skips the integrity scan. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = open_store (dir);
  recent = lurk_event_store_list_recent (store, BROADCASTER, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 1);
  assert_same_event (g_ptr_array_index (recent, 0), g_ptr_array_index (batch, 0));
  g_assert_cmpuint (search_count (store, NULL, "kept", NULL), ==, 1);
  g_assert_cmpint (lurk_event_store_count (store, NULL, &error), ==, 2001);
  g_clear_object (&store);
  rm_rf (dir);
}

/* A raid out of the channel stays a raid out after a restart (the stored broadcaster id
 * decides the side, not the event object alone). */
static void
test_raid_direction (void)
{
  g_autofree char *dir = make_tmp_dir ();
  LurkEventStore *store = open_store (dir);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  LurkEvent *out;
  LurkEvent *in;

  g_ptr_array_add (batch, make_raid ("raid-out", BROADCASTER, BROADCASTER, OTHER_BROADCASTER,
                                     T0 + 2));
  g_ptr_array_add (batch, make_raid ("raid-in", BROADCASTER, OTHER_BROADCASTER, BROADCASTER,
                                     T0 + 1));
  g_assert_cmpint (lurk_event_get_kind (g_ptr_array_index (batch, 0)), ==,
                   LURK_EVENT_KIND_RAID_OUT);
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  store = open_store (dir);
  recent = lurk_event_store_list_recent (store, BROADCASTER, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  out = g_ptr_array_index (recent, 0);
  in = g_ptr_array_index (recent, 1);
  assert_same_event (out, g_ptr_array_index (batch, 0));
  assert_same_event (in, g_ptr_array_index (batch, 1));
  g_assert_cmpint (lurk_event_get_kind (out), ==, LURK_EVENT_KIND_RAID_OUT);
  g_assert_cmpstr (lurk_event_get_broadcaster_id (out), ==, BROADCASTER);
  g_assert_cmpint (lurk_event_get_kind (in), ==, LURK_EVENT_KIND_RAID_IN);

  /* Search reads rows the same way. */
  found = lurk_event_store_search (store, BROADCASTER, NULL, "raid_out", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (lurk_event_get_kind (g_ptr_array_index (found, 0)), ==,
                   LURK_EVENT_KIND_RAID_OUT);

  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_newer_schema (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  LurkEventStore *store = open_store (dir);
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (store);
  sql_exec (path, "PRAGMA user_version = 99");
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 99);

  store = lurk_event_store_new (path, &error);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_STORE);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version"));
  /* Left as it was. */
  g_assert_cmpint (sql_int (path, "PRAGMA user_version"), ==, 99);
  rm_rf (dir);
}

static void
test_corrupt_not_a_database (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autofree char *moved_to = NULL;
  g_autofree char *contents = NULL;
  const char *garbage = "This is not an SQLite database, but someone's notes.\n";
  g_autoptr(GError) error = NULL;
  LurkEventStore *store;

  g_assert_true (g_file_set_contents (path, garbage, -1, &error));

  store = lurk_event_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_STORE_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* Nothing is lost silently: the file is untouched until recover is asked for. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, garbage);
  g_clear_pointer (&contents, g_free);

  g_assert_true (lurk_event_store_recover (path, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (moved_to, path));
  g_assert_nonnull (strstr (moved_to, ".corrupt-"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (moved_to, &contents, NULL, &error));
  g_assert_cmpstr (contents, ==, garbage);

  /* A fresh, empty history starts. */
  store = open_store (dir);
  g_assert_cmpint (lurk_event_store_count (store, NULL, &error), ==, 0);
  g_assert_finalize_object (store);
  rm_rf (dir);
}

static void
test_corrupt_damaged_pages (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  LurkEventStore *store = open_store (dir);

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("d%u", i);

      g_ptr_array_add (batch, make_resub (id, BROADCASTER, "alice", "Alice",
                                          "some text to fill pages", T0 + i));
    }
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));
  g_assert_finalize_object (store);

  /* Scribble over every page but the first (the header stays valid). */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 3 * 4096);
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (path, contents, length, &error));

  /* A cleanly closed file is not read whole at open: the damage shows at first use. */
  store = lurk_event_store_new (path, &error);
  if (store != NULL)
    {
      g_autoptr(GPtrArray) recent = lurk_event_store_list_recent (store, BROADCASTER, 10,
                                                                  &error);

      g_assert_null (recent);
      g_assert_error (error, LURK_ERROR, LURK_ERROR_STORE_CORRUPT);
      g_clear_error (&error);
      g_assert_false (lurk_event_store_check (store, &error));
      g_assert_finalize_object (store);
    }
  g_assert_error (error, LURK_ERROR, LURK_ERROR_STORE_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  rm_rf (dir);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(LurkEventStore) store = open_store (dir);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) inserted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  sqlite3 *db = _lurk_event_store_get_db (store);
  g_autofree char *long_text = g_strnfill (2000, 'x');

  g_ptr_array_add (first, make_resub ("f0", BROADCASTER, "alice", "Alice", "before", T0));
  g_assert_true (lurk_event_store_insert (store, first, NULL, &error));
  g_assert_no_error (error);

  for (guint i = 1; i <= 200; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u", i);

      g_ptr_array_add (batch, make_resub (id, BROADCASTER, "bob", "Bob", long_text, T0 + i));
    }

  /* The disk is full: the file may not grow by more than a page. */
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT,
                           sql_int (lurk_event_store_get_path (store), "PRAGMA page_count") + 1);
  g_assert_cmpint (sqlite3_exec (db, limit, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (lurk_event_store_insert (store, batch, &inserted, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_STORE_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_null (inserted);
  g_clear_error (&error);

  /* Nothing of the batch went in, what was there is intact, the store still works. */
  g_assert_cmpint (lurk_event_store_count (store, NULL, &error), ==, 1);
  g_assert_false (lurk_event_store_contains (store, "f1"));
  g_assert_true (lurk_event_store_check (store, &error));
  g_assert_no_error (error);

  /* Space is back: the caller's retry of the same batch stores all of it. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_true (lurk_event_store_insert (store, batch, &inserted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (inserted->len, ==, 200);
  g_assert_cmpint (lurk_event_store_count (store, NULL, &error), ==, 201);

  g_clear_object (&store);
  rm_rf (dir);
}

static void
test_unwritable (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);
  g_autofree char *path = g_build_filename (file, "lurk", "events.db", NULL);
  g_autoptr(GError) error = NULL;
  LurkEventStore *store;

  /* Even root cannot create a folder below a regular file. */
  g_assert_true (g_file_set_contents (file, "", 0, &error));

  store = lurk_event_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_STORE);
  g_assert_nonnull (strstr (error->message, file));
  rm_rf (dir);
}

static void
on_async_done (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* A worker thread may hold the last reference for a moment after the callback ran. */
static void
assert_finalized_eventually (gpointer object)
{
  gpointer weak = object;

  g_object_add_weak_pointer (object, &weak);
  g_object_unref (object);
  for (guint i = 0; g_atomic_pointer_get (&weak) != NULL && i < 5000; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (g_atomic_pointer_get (&weak));
}

static void
test_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "events.db", NULL);
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lurk_event_store_new_async (path, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  store = lurk_event_store_new_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&result);

  g_ptr_array_add (batch, make_resub ("y1", BROADCASTER, "alice", "Alice", "one", T0 + 1));
  g_ptr_array_add (batch, make_resub ("y2", BROADCASTER, "bob", "Bob", "two", T0 + 2));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));

  lurk_event_store_list_recent_async (store, BROADCASTER, 10, NULL, on_async_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  recent = lurk_event_store_list_recent_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  assert_same_event (g_ptr_array_index (recent, 0), g_ptr_array_index (batch, 1));
  g_clear_object (&result);

  /* The writer goes on while the reader connection is open; the reader sees it. */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_resub ("y3", BROADCASTER, "carol", "Carol", "three", T0 + 3));
  g_assert_true (lurk_event_store_insert (store, batch, NULL, &error));

  lurk_event_store_search_async (store, BROADCASTER, "carol", NULL, 10, NULL, on_async_done,
                                 &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  found = lurk_event_store_search_finish (store, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (lurk_event_get_id (g_ptr_array_index (found, 0)), ==, "y3");
  g_clear_object (&result);

  g_clear_pointer (&recent, g_ptr_array_unref);
  g_clear_pointer (&found, g_ptr_array_unref);
  assert_finalized_eventually (g_steal_pointer (&store));
  rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  int status;

  /* The default path lives in $XDG_DATA_HOME: a private one, set before GLib reads it
   * (G_TEST_OPTION_ISOLATE_DIRS leaks in GLib 2.74, which valgrind reports). */
  data_home = make_tmp_dir ();
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/event-store/new-destroy", test_new_destroy);
  g_test_add_func ("/lurk/event-store/default-path", test_default_path);
  g_test_add_func ("/lurk/event-store/insert-dedupe", test_insert_dedupe);
  g_test_add_func ("/lurk/event-store/recent", test_recent);
  g_test_add_func ("/lurk/event-store/page", test_page);
  g_test_add_func ("/lurk/event-store/compact-json", test_compact_json);
  g_test_add_func ("/lurk/event-store/idle", test_idle);
  g_test_add_func ("/lurk/event-store/background-checkpoint", test_background_checkpoint);
  g_test_add_func ("/lurk/event-store/search", test_search);
  g_test_add_func ("/lurk/event-store/search-many-words", test_search_many_words);
  g_test_add_func ("/lurk/event-store/search-without-fts", test_search_without_fts);
  g_test_add_func ("/lurk/event-store/prune", test_prune);
  g_test_add_func ("/lurk/event-store/reopen", test_reopen);
  g_test_add_func ("/lurk/event-store/raid-direction", test_raid_direction);
  g_test_add_func ("/lurk/event-store/newer-schema", test_newer_schema);
  g_test_add_func ("/lurk/event-store/corrupt-not-a-database", test_corrupt_not_a_database);
  g_test_add_func ("/lurk/event-store/corrupt-damaged-pages", test_corrupt_damaged_pages);
  g_test_add_func ("/lurk/event-store/disk-full", test_disk_full);
  g_test_add_func ("/lurk/event-store/unwritable", test_unwritable);
  g_test_add_func ("/lurk/event-store/async", test_async);

  status = g_test_run ();
  rm_rf (data_home);

  return status;
}
