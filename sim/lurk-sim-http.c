/* lurk-sim-http.c: what every area of the simulator uses to read requests and reply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <string.h>
#include <time.h>

#include "lurk-sim-http.h"

void
_lurk_sim_source_clear (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_source_unref (*source);
      *source = NULL;
    }
}

char *
_lurk_sim_rfc3339 (gint64 real_us)
{
  time_t secs = real_us / G_USEC_PER_SEC;
  long nanos = (real_us % G_USEC_PER_SEC) * 1000;
  struct tm tm;
  char buf[64];

  gmtime_r (&secs, &tm);
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);

  return g_strdup_printf ("%s.%09ldZ", buf, nanos);
}

char *
_lurk_sim_now_rfc3339_offset (gint64 offset_seconds)
{
  struct timespec ts;
  struct tm tm;
  char buf[64];
  time_t secs;

  clock_gettime (CLOCK_REALTIME, &ts);
  secs = ts.tv_sec + offset_seconds;
  gmtime_r (&secs, &tm);
  strftime (buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);

  return g_strdup_printf ("%s.%09ldZ", buf, (long)ts.tv_nsec);
}

char *
_lurk_sim_now_rfc3339 (void)
{
  return _lurk_sim_now_rfc3339_offset (0);
}

static const char *
status_phrase (guint status)
{
  return status == LURK_SIM_STATUS_TOO_MANY_REQUESTS ? "Too Many Requests"
                                                    : soup_status_get_phrase (status);
}

void
_lurk_sim_reply_text (SoupServerMessage *msg,
                      guint              status,
                      const char        *content_type,
                      const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  if (text != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, text, strlen (text));
}

void
_lurk_sim_reply_json (SoupServerMessage *msg,
                      guint              status,
                      JsonNode          *node)
{
  g_autofree char *text = json_to_string (node, FALSE);
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, status_phrase (status));
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

void
_lurk_sim_reply_object (SoupServerMessage *msg,
                        guint              status,
                        JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  _lurk_sim_reply_json (msg, status, node);
}

/* Twitch's error shape: {"error":"Bad Request","status":400,"message":"…"} */
void
_lurk_sim_reply_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "error", status_phrase (status));
  json_object_set_int_member (object, "status", status);
  json_object_set_string_member (object, "message", message ? message : "");
  _lurk_sim_reply_object (msg, status, object);
}

char *
_lurk_sim_object_to_string (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

const char *
_lurk_sim_json_string (JsonObject *object,
                       const char *key)
{
  JsonNode *node = object ? json_object_get_member (object, key) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
_lurk_sim_parse_body (SoupServerMessage *msg,
                      GError           **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  return _lurk_sim_parse_json_object (data, len, error);
}

/* json-glib recurses once per nesting level without a limit: 100000 `[` overflow the stack
 * (tests/fuzz/regressions/sim-http/deep-nesting). Counts brackets outside strings. */
#define MAX_BODY_DEPTH 128

static gboolean
nested_too_deep (const char *data,
                 gsize       len)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (in_string)
        {
          if (data[i] == '\\')
            i++;
          else if (data[i] == '"')
            in_string = FALSE;
        }
      else if (data[i] == '"')
        in_string = TRUE;
      else if (data[i] == '[' || data[i] == '{')
        {
          if (++depth > MAX_BODY_DEPTH)
            return TRUE;
        }
      else if ((data[i] == ']' || data[i] == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

/* Pure (no message): a request body as a JSON object; empty is {}. tests/fuzz feeds it. */
JsonObject *
_lurk_sim_parse_json_object (const char *data,
                             gsize       len,
                             GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (len == 0)
    return json_object_new ();

  if (!g_utf8_validate (data, len, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The request body is not valid UTF-8");
      return NULL;
    }

  if (nested_too_deep (data, len))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "The request body is nested deeper than %d levels", MAX_BODY_DEPTH);
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, len, error))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "The request body must be a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* key → GPtrArray of values: Helix repeats keys for multiple values. */
GHashTable *
_lurk_sim_parse_query_multi (SoupServerMessage *msg)
{
  return _lurk_sim_parse_query_string (g_uri_get_query (soup_server_message_get_uri (msg)));
}

/* Pure: a query string (NULL for none) as key → GPtrArray of values. tests/fuzz feeds it. */
GHashTable *
_lurk_sim_parse_query_string (const char *query)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_ptr_array_unref);
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return table;

  pairs = g_strsplit (query, "&", -1);
  for (guint i = 0; pairs[i]; i++)
    {
      g_autofree char *raw_key = NULL;
      g_autofree char *raw_value = NULL;
      char *eq = strchr (pairs[i], '=');
      char *key;
      char *value;
      GPtrArray *values;

      if (pairs[i][0] == 0)
        continue;

      raw_key = eq ? g_strndup (pairs[i], eq - pairs[i]) : g_strdup (pairs[i]);
      raw_value = g_strdup (eq ? eq + 1 : "");
      g_strdelimit (raw_key, "+", ' ');
      g_strdelimit (raw_value, "+", ' ');
      key = g_uri_unescape_string (raw_key, NULL);
      value = g_uri_unescape_string (raw_value, NULL);
      if (key == NULL || value == NULL)
        {
          g_free (key);
          g_free (value);
          continue;
        }

      values = g_hash_table_lookup (table, key);
      if (values == NULL)
        {
          values = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (table, key, values);
        }
      else
        {
          g_free (key);
        }
      g_ptr_array_add (values, value);
    }

  return table;
}
