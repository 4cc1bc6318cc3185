/* test-history-export.c: History's model and its CSV and JSON Lines export
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lurk-event-line.h"
#include "lurk-history-export.h"
#include "lurk-history-model.h"
#include "lurk-history-retention.h"
#include "lurk-profile.h"
#include "lurk-test-history.h"

#define N_EVENTS 300

static char *dir;
static char *store_path;
static LurkEventStore *store;

/* A cheer whose message has everything CSV must quote: commas, quotes, line breaks */
static LurkEvent *
make_awkward_cheer (gint64 when)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (when / G_USEC_PER_SEC);
  g_autofree char *stamp_base = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *stamp = g_strconcat (stamp_base, ".000000Z", NULL);
  const char *json =
    "{\"broadcaster_user_id\":\"141981764\",\"broadcaster_user_login\":\"twitchdev\","
    "\"broadcaster_user_name\":\"TwitchDev\",\"chatter_user_id\":\"42\","
    "\"chatter_user_login\":\"quoter\",\"chatter_user_name\":\"Quoter\",\"message_id\":\"q\","
    "\"message\":{\"text\":\"Cheer500 \\\"GG\\\", well played;\\r\\nsecond line, \\u00e9t\\u00e9 "
    "=1+1\",\"fragments\":[]},\"message_type\":\"text\",\"badges\":[],"
    "\"cheer\":{\"bits\":500},\"color\":\"\"}";
  g_autoptr(GError) error = NULL;
  LurkEvent *event = lurk_event_new_for_broadcaster ("awkward-cheer", "channel.chat.message",
                                                     "1", stamp, when, "141981764", json, -1,
                                                     &error);

  g_assert_no_error (error);
  return event;
}

static void
wait_loaded (LurkHistoryModel *model)
{
  while (lurk_history_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
}

static void
keep_result (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gint64
export (LurkHistoryModel  *model,
        LurkHistoryFormat  format,
        const char        *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 count;

  lurk_history_export_async (model, format, file, NULL, keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  count = lurk_history_export_finish (result, &error);
  g_assert_no_error (error);

  return count;
}

/* Every event the filter matches, as the store pages them */
static GPtrArray *
expected_events (const char         *broadcaster_id,
                 const char * const *kinds)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);
  LurkEventFilter filter = { .broadcaster_id = broadcaster_id, .kinds = kinds };
  LurkEventCursor cursor = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = lurk_event_store_page (store, &filter, &cursor, 100000, &error);

  g_assert_no_error (error);
  g_ptr_array_extend_and_steal (all, g_steal_pointer (&page));
  return all;
}

static void
test_model_new_destroy (void)
{
  LurkHistoryModel *model = lurk_history_model_new ();

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == LURK_TYPE_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_finalize_object (model);
}

/* Asking for the items near the end reads the next page, until the last */
static void
test_model_pages (void)
{
  g_autoptr(LurkHistoryModel) model = lurk_history_model_new ();
  g_autoptr(GPtrArray) expected = expected_events (lurk_test_history_channel_ids[0], NULL);
  guint n;

  lurk_history_model_set_page_size (model, 7);
  lurk_history_model_set_filter (model, lurk_test_history_channel_ids[0], NULL,
                                 LURK_HISTORY_GROUP_ALL);
  lurk_history_model_set_store (model, store);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 7);

  while (!lurk_history_model_get_complete (model))
    {
      g_autoptr(GObject) last = NULL;

      n = g_list_model_get_n_items (G_LIST_MODEL (model));
      /* reading the last row is what asks for the next page */
      last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
      g_assert_nonnull (last);
      wait_loaded (model);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LurkEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpstr (lurk_event_get_id (event), ==,
                       lurk_event_get_id (g_ptr_array_index (expected, i)));
    }
}

/* Python's csv module reads back every field of every event */
static void
test_csv_round_trip (void)
{
  g_autoptr(LurkHistoryModel) model = lurk_history_model_new ();
  g_autoptr(GPtrArray) expected = expected_events (lurk_test_history_channel_ids[0], NULL);
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *script =
    "import csv, json, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    print(json.dumps(list(csv.DictReader(f, strict=True))))\n";
  const char *argv[] = { "python3", "-c", script, path, NULL };
  JsonArray *rows;
  gboolean awkward_seen = FALSE;
  int status;

  lurk_history_model_set_filter (model, lurk_test_history_channel_ids[0], NULL,
                                 LURK_HISTORY_GROUP_ALL);
  lurk_history_model_set_store (model, store);
  wait_loaded (model);
  g_assert_cmpint (export (model, LURK_HISTORY_FORMAT_CSV, path), ==, expected->len);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("python3 could not read the CSV: %s", err);

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (expected, i);
      JsonObject *row = json_array_get_object_element (rows, i);
      g_autofree char *summary = lurk_event_dup_summary (event);

      g_assert_cmpuint (json_object_get_size (row), ==, 9);
      g_assert_cmpstr (json_object_get_string_member (row, "id"), ==, lurk_event_get_id (event));
      g_assert_cmpstr (json_object_get_string_member (row, "occurred_at"), ==,
                       lurk_event_get_occurred_at_string (event));
      g_assert_cmpstr (json_object_get_string_member (row, "kind"), ==,
                       lurk_event_kind_to_string (lurk_event_get_kind (event)));
      g_assert_cmpstr (json_object_get_string_member (row, "broadcaster_id"), ==,
                       lurk_test_history_channel_ids[0]);
      g_assert_cmpstr (json_object_get_string_member (row, "user_name"), ==,
                       lurk_event_get_actor_name (event) ? lurk_event_get_actor_name (event)
                                                         : "");
      g_assert_cmpstr (json_object_get_string_member (row, "summary"), ==, summary);
      g_assert_cmpstr (json_object_get_string_member (row, "message"), ==,
                       lurk_event_get_message_text (event) ? lurk_event_get_message_text (event)
                                                           : "");
      g_assert_cmpstr (json_object_get_string_member (row, "type"), ==,
                       lurk_event_get_subscription_type (event));

      if (g_str_equal (lurk_event_get_id (event), "awkward-cheer"))
        {
          awkward_seen = TRUE;
          g_assert_cmpstr (json_object_get_string_member (row, "message"), ==,
                           "Cheer500 \"GG\", well played;\r\nsecond line, été =1+1");
        }
    }
  g_assert_true (awkward_seen);
}

/* JSON Lines: lurk-events' lines, of the events the kind filter shows */
static void
test_json_lines (void)
{
  g_autoptr(LurkHistoryModel) model = lurk_history_model_new ();
  g_autoptr(GPtrArray) expected =
    expected_events (lurk_test_history_channel_ids[0],
                     lurk_history_group_get_kinds (LURK_HISTORY_GROUP_CHEERS));
  g_autoptr(LurkEventLineWriter) writer = lurk_event_line_writer_new (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *path = g_build_filename (dir, "export.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (expected->len, >, 10);
  lurk_history_model_set_filter (model, lurk_test_history_channel_ids[0], NULL,
                                 LURK_HISTORY_GROUP_CHEERS);
  lurk_history_model_set_store (model, store);
  wait_loaded (model);
  g_assert_cmpint (export (model, LURK_HISTORY_FORMAT_JSON_LINES, path), ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    lurk_event_line_writer_append (writer, lines, g_ptr_array_index (expected, i));
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, lines->str);
}

/* Keep Events For: events older than the setting's days go, the others stay; 0 keeps all */
static void
test_retention (void)
{
  g_autofree char *path = g_build_filename (dir, "retention.db", NULL);
  g_autoptr(LurkEventStore) small = NULL;
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  g_autoptr(LurkHistoryRetention) retention = NULL;
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 now = g_get_real_time ();
  gint64 deleted;

  small = lurk_event_store_new (path, &error);
  g_assert_no_error (error);
  lurk_test_history_fill (small, 200, now);
  for (guint i = 200; i < 300; i++)
    g_ptr_array_add (old, lurk_test_history_event (i, 300, now - 3 * G_TIME_SPAN_DAY));
  g_assert_true (lurk_event_store_insert (small, old, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_store_count (small, NULL, NULL), ==, 300);

  retention = lurk_history_retention_new (settings, path);
  for (guint days = 0; days <= 1; days++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      g_settings_set_uint (settings, "history-retention-days", days);
      lurk_history_retention_apply_async (retention, NULL, keep_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      deleted = lurk_history_retention_apply_finish (retention, result, &error);
      g_assert_no_error (error);
      g_assert_cmpint (deleted, ==, days == 0 ? 0 : 100);
    }
  g_assert_cmpint (lurk_event_store_count (small, NULL, NULL), ==, 200);
  g_settings_reset (settings, "history-retention-days");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) extra = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *command = NULL;
  gint64 newest = g_get_real_time () / G_USEC_PER_SEC * G_USEC_PER_SEC;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("lurk-history-export-XXXXXX", &error);
  g_assert_no_error (error);
  store_path = g_build_filename (dir, "events.db", NULL);
  store = lurk_event_store_new (store_path, &error);
  g_assert_no_error (error);
  lurk_test_history_fill (store, N_EVENTS, newest);
  g_ptr_array_add (extra, make_awkward_cheer (newest - 90 * G_USEC_PER_SEC));
  g_assert_true (lurk_event_store_insert (store, extra, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/lurk/history/model-new-destroy", test_model_new_destroy);
  g_test_add_func ("/lurk/history/model-pages", test_model_pages);
  g_test_add_func ("/lurk/history/csv-round-trip", test_csv_round_trip);
  g_test_add_func ("/lurk/history/json-lines", test_json_lines);
  g_test_add_func ("/lurk/history/retention", test_retention);

  status = g_test_run ();

  g_clear_object (&store);
  command = g_strdup_printf ("rm -rf '%s'", dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_free (store_path);
  g_free (dir);

  return status;
}
