/* lurk-helix-parse.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Pure functions from Helix response bodies to data. Every accessor checks the JSON type
 * first (json-glib's getters are criticals on a wrong type, and tests run with
 * fatal-criticals), so any bytes give data or LURK_ERROR_MALFORMED. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-error.h"
#include "lurk-helix.h"
#include "lurk-json-scan.h"
#include "lurk-oauth-private.h"

/* Helix pages are small (100 items); this is far beyond any real answer. */
#define MAX_RESPONSE_LENGTH (16 * 1024 * 1024)

void
lurk_helix_user_free (LurkHelixUser *user)
{
  if (user == NULL)
    return;

  g_free (user->id);
  g_free (user->login);
  g_free (user->display_name);
  g_free (user->type);
  g_free (user->broadcaster_type);
  g_free (user->description);
  g_free (user->profile_image_url);
  g_free (user->offline_image_url);
  g_free (user->created_at);
  g_free (user);
}

void
lurk_helix_stream_free (LurkHelixStream *stream)
{
  if (stream == NULL)
    return;

  g_free (stream->id);
  g_free (stream->user_id);
  g_free (stream->user_login);
  g_free (stream->user_name);
  g_free (stream->game_id);
  g_free (stream->game_name);
  g_free (stream->type);
  g_free (stream->title);
  g_strfreev (stream->tags);
  g_free (stream->started_at);
  g_free (stream->language);
  g_free (stream->thumbnail_url);
  g_free (stream);
}

void
lurk_helix_subscription_free (LurkHelixSubscription *subscription)
{
  if (subscription == NULL)
    return;

  g_free (subscription->id);
  g_free (subscription->status);
  g_free (subscription->type);
  g_free (subscription->version);
  g_clear_pointer (&subscription->condition, json_object_unref);
  g_free (subscription->created_at);
  g_free (subscription->transport_method);
  g_free (subscription->session_id);
  g_free (subscription);
}

void
lurk_helix_subscription_list_free (LurkHelixSubscriptionList *list)
{
  if (list == NULL)
    return;

  g_clear_pointer (&list->subscriptions, g_ptr_array_unref);
  g_free (list->cursor);
  g_free (list);
}

static char *
dup_string (JsonObject *object,
            const char *key)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, key)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  /* json-glib turns an escaped lone surrogate ("\ud800") into invalid UTF-8. */
  return g_utf8_make_valid (json_node_get_string (node), -1);
}

static gint64
get_int (JsonObject *object,
         const char *key)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, key)) == NULL)
    return 0;
  if (!JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      return d > -9e18 && d < 9e18 ? (gint64) d : 0;
    }
  return 0;
}

static JsonObject *
get_object (JsonObject *object,
            const char *key)
{
  JsonNode *node;

  if (object == NULL || (node = json_object_get_member (object, key)) == NULL)
    return NULL;
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Parses @data into a root object; fails on anything else. */
static JsonParser *
parse_root (const char  *data,
            gsize        length,
            JsonObject **root,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                           _("Twitch sent an empty answer"));
      return NULL;
    }

  if (length > MAX_RESPONSE_LENGTH)
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                           _("Twitch sent an answer that is too large"));
      return NULL;
    }

  /* Validate first with the strict scanner (grammar, UTF-8, nesting depth): json-glib
   * recurses without a depth limit and is lenient about some inputs. */
  {
    LurkJsonDoc doc;
    gboolean valid = lurk_json_doc_parse (&doc, data, length, &local_error);

    lurk_json_doc_clear (&doc);
    if (!valid)
      {
        g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                     /* Translators: %s is a JSON parser error */
                     _("Twitch sent an answer that is not JSON: %s"), local_error->message);
        return NULL;
      }
  }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                   /* Translators: %s is a JSON parser error */
                   _("Twitch sent an answer that is not JSON: %s"), local_error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                           _("Twitch sent an answer that is not a JSON object"));
      return NULL;
    }

  *root = json_node_get_object (node);
  return g_steal_pointer (&parser);
}

/* The `data` array; every element must be an object. */
static JsonArray *
get_data (JsonObject  *root,
          GError     **error)
{
  JsonNode *node = json_object_get_member (root, "data");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                           _("Twitch sent an answer without data"));
      return NULL;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
        {
          g_set_error_literal (error, LURK_ERROR, LURK_ERROR_MALFORMED,
                               _("Twitch sent an answer with a malformed entry"));
          return NULL;
        }
    }

  return array;
}

/* Checks that @key is a non-empty string before an entry is built, so that a malformed entry
 * fails before anything is allocated for it. */
static gboolean
require (JsonObject  *object,
         const char  *what,
         GError     **error)
{
  JsonNode *node = json_object_get_member (object, what);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING && json_node_get_string (node)[0] != '\0')
    return TRUE;

  g_set_error (error, LURK_ERROR, LURK_ERROR_MALFORMED,
               /* Translators: %s is a field name such as "login" */
               _("Twitch sent an entry without “%s”"), what);
  return FALSE;
}

/**
 * lurk_helix_parse_users:
 *
 * Returns: (transfer full) (element-type LurkHelixUser): the users, or %NULL with @error
 */
GPtrArray *
lurk_helix_parse_users (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) users = NULL;
  JsonObject *root = NULL;
  JsonArray *array;

  parser = parse_root (data, length, &root, error);
  if (parser == NULL)
    return NULL;
  if ((array = get_data (root, error)) == NULL)
    return NULL;

  users = g_ptr_array_new_with_free_func ((GDestroyNotify) lurk_helix_user_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(LurkHelixUser) user = NULL;

      if (!require (object, "id", error) || !require (object, "login", error))
        return NULL;

      user = g_new0 (LurkHelixUser, 1);
      user->id = dup_string (object, "id");
      user->login = dup_string (object, "login");
      user->display_name = dup_string (object, "display_name");
      if (user->display_name == NULL)
        user->display_name = g_strdup (user->login);
      user->type = dup_string (object, "type");
      user->broadcaster_type = dup_string (object, "broadcaster_type");
      user->description = dup_string (object, "description");
      user->profile_image_url = dup_string (object, "profile_image_url");
      user->offline_image_url = dup_string (object, "offline_image_url");
      user->created_at = dup_string (object, "created_at");
      g_ptr_array_add (users, g_steal_pointer (&user));
    }

  return g_steal_pointer (&users);
}

/**
 * lurk_helix_parse_streams:
 *
 * Returns: (transfer full) (element-type LurkHelixStream): the live streams (empty when
 *   offline), or %NULL with @error
 */
GPtrArray *
lurk_helix_parse_streams (const char  *data,
                          gsize        length,
                          GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) streams = NULL;
  JsonObject *root = NULL;
  JsonArray *array;

  parser = parse_root (data, length, &root, error);
  if (parser == NULL)
    return NULL;
  if ((array = get_data (root, error)) == NULL)
    return NULL;

  streams = g_ptr_array_new_with_free_func ((GDestroyNotify) lurk_helix_stream_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(LurkHelixStream) stream = NULL;
      g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
      JsonNode *tags_node;

      if (!require (object, "user_id", error))
        return NULL;

      stream = g_new0 (LurkHelixStream, 1);
      stream->id = dup_string (object, "id");
      stream->user_id = dup_string (object, "user_id");
      stream->user_login = dup_string (object, "user_login");
      stream->user_name = dup_string (object, "user_name");
      stream->game_id = dup_string (object, "game_id");
      stream->game_name = dup_string (object, "game_name");
      stream->type = dup_string (object, "type");
      stream->title = dup_string (object, "title");
      stream->viewer_count = get_int (object, "viewer_count");
      stream->started_at = dup_string (object, "started_at");
      stream->language = dup_string (object, "language");
      stream->thumbnail_url = dup_string (object, "thumbnail_url");

      tags_node = json_object_get_member (object, "tags");
      if (tags_node != NULL && JSON_NODE_HOLDS_ARRAY (tags_node))
        {
          JsonArray *tag_array = json_node_get_array (tags_node);

          for (guint j = 0; j < json_array_get_length (tag_array); j++)
            {
              JsonNode *tag = json_array_get_element (tag_array, j);

              if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
                {
                  g_autofree char *valid = g_utf8_make_valid (json_node_get_string (tag), -1);

                  g_strv_builder_add (tags, valid);
                }
            }
        }
      stream->tags = g_strv_builder_end (tags);

      g_ptr_array_add (streams, g_steal_pointer (&stream));
    }

  return g_steal_pointer (&streams);
}

/**
 * lurk_helix_parse_channels:
 *
 * Parses GET /channels: a channel's title and category, live or not, in a #LurkHelixStream
 * whose user_* are the broadcaster's and whose type, started_at and viewer_count are unset.
 *
 * Returns: (transfer full) (element-type LurkHelixStream): the channels, or %NULL with @error
 */
GPtrArray *
lurk_helix_parse_channels (const char  *data,
                           gsize        length,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) channels = NULL;
  JsonObject *root = NULL;
  JsonArray *array;

  parser = parse_root (data, length, &root, error);
  if (parser == NULL)
    return NULL;
  if ((array = get_data (root, error)) == NULL)
    return NULL;

  channels = g_ptr_array_new_with_free_func ((GDestroyNotify) lurk_helix_stream_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(LurkHelixStream) channel = NULL;

      if (!require (object, "broadcaster_id", error))
        return NULL;

      channel = g_new0 (LurkHelixStream, 1);
      channel->user_id = dup_string (object, "broadcaster_id");
      channel->user_login = dup_string (object, "broadcaster_login");
      channel->user_name = dup_string (object, "broadcaster_name");
      channel->game_id = dup_string (object, "game_id");
      channel->game_name = dup_string (object, "game_name");
      channel->title = dup_string (object, "title");
      channel->language = dup_string (object, "broadcaster_language");
      channel->tags = g_new0 (char *, 1);

      g_ptr_array_add (channels, g_steal_pointer (&channel));
    }

  return g_steal_pointer (&channels);
}

/**
 * lurk_helix_parse_subscriptions:
 *
 * Parses the answer of both POST and GET /eventsub/subscriptions.
 *
 * Returns: (transfer full): the subscriptions and totals, or %NULL with @error
 */
LurkHelixSubscriptionList *
lurk_helix_parse_subscriptions (const char  *data,
                                gsize        length,
                                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) subscriptions = NULL;
  LurkHelixSubscriptionList *list;
  JsonObject *root = NULL;
  JsonArray *array;
  gint64 total;
  gint64 total_cost;
  gint64 max_total_cost;

  parser = parse_root (data, length, &root, error);
  if (parser == NULL)
    return NULL;
  if ((array = get_data (root, error)) == NULL)
    return NULL;

  total = get_int (root, "total");
  total_cost = get_int (root, "total_cost");
  max_total_cost = get_int (root, "max_total_cost");

  subscriptions = g_ptr_array_new_with_free_func ((GDestroyNotify) lurk_helix_subscription_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      g_autoptr(LurkHelixSubscription) sub = NULL;
      JsonObject *condition = get_object (object, "condition");
      JsonObject *transport = get_object (object, "transport");

      if (!require (object, "id", error) || !require (object, "type", error))
        return NULL;

      sub = g_new0 (LurkHelixSubscription, 1);
      sub->id = dup_string (object, "id");
      sub->type = dup_string (object, "type");
      sub->status = dup_string (object, "status");
      sub->version = dup_string (object, "version");
      sub->created_at = dup_string (object, "created_at");
      sub->cost = get_int (object, "cost");
      sub->condition = condition != NULL ? json_object_ref (condition) : json_object_new ();
      sub->transport_method = dup_string (transport, "method");
      sub->session_id = dup_string (transport, "session_id");
      sub->total = total;
      sub->total_cost = total_cost;
      sub->max_total_cost = max_total_cost;
      g_ptr_array_add (subscriptions, g_steal_pointer (&sub));
    }

  /* Every entry parsed: only now the list, so that nothing is left to free on an error. */
  list = g_new0 (LurkHelixSubscriptionList, 1);
  list->subscriptions = g_steal_pointer (&subscriptions);
  list->total = total;
  list->total_cost = total_cost;
  list->max_total_cost = max_total_cost;
  list->cursor = dup_string (get_object (root, "pagination"), "cursor");
  if (list->cursor != NULL && list->cursor[0] == '\0')
    g_clear_pointer (&list->cursor, g_free);

  return list;
}

/* "websocket transport session does not exist or has already disconnected"
 * (Teekeks/pyTwitchAPI#291): the socket died while subscribing. Twitch documents neither the
 * message nor its status code, so it is recognized by its wording whatever the 4xx. */
static gboolean
mentions_session_gone (const char *message)
{
  g_autofree char *lower = NULL;

  if (message == NULL)
    return FALSE;
  lower = g_ascii_strdown (message, -1);
  return strstr (lower, "session does not exist") != NULL ||
         strstr (lower, "has already disconnected") != NULL;
}

static gboolean
mentions_limit (const char *message)
{
  g_autofree char *lower = NULL;

  if (message == NULL)
    return FALSE;
  lower = g_ascii_strdown (message, -1);
  return strstr (lower, "cost") != NULL || strstr (lower, "transport limit") != NULL ||
         strstr (lower, "limit exceeded") != NULL;
}

/**
 * lurk_helix_error_from_response:
 * @status: the HTTP status (not 2xx)
 * @data: (nullable): the body, Twitch's `{"error","status","message"}`
 *
 * Returns: (transfer full): the error
 */
GError *
lurk_helix_error_from_response (guint       status,
                                const char *data,
                                gsize       length)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autofree char *message = NULL;
  JsonObject *root = NULL;
  const char *detail;

  parser = parse_root (data, length, &root, NULL);
  /* Twitch's text reaches labels and terminals: no control characters (a terminal escape
   * could retitle the terminal lurk-events runs in) */
  if (parser != NULL)
    {
      g_autofree char *raw = dup_string (root, "message");

      message = _lurk_oauth_sanitize_message (raw);
    }
  if (message == NULL || message[0] == '\0')
    {
      g_free (message);
      message = g_strdup (soup_status_get_phrase (status) != NULL
                          ? soup_status_get_phrase (status) : "");
    }
  detail = message;

  if (status >= 400 && status <= 499 && mentions_session_gone (message))
    return g_error_new (LURK_ERROR, LURK_ERROR_SESSION_GONE,
                        _("The connection to Twitch’s events ended while subscribing: %s"),
                        detail);

  switch (status)
    {
    case 400:
      return g_error_new (LURK_ERROR, LURK_ERROR_BAD_REQUEST,
                          /* Translators: %s is Twitch's own explanation */
                          _("Twitch rejected the request: %s"), detail);
    case 401:
      return g_error_new (LURK_ERROR, LURK_ERROR_UNAUTHORIZED,
                          _("Twitch did not accept the sign-in: %s"), detail);
    case 403:
      return g_error_new (LURK_ERROR, LURK_ERROR_FORBIDDEN,
                          _("Twitch does not allow this: %s"), detail);
    case 404:
      return g_error_new (LURK_ERROR, LURK_ERROR_NOT_FOUND,
                          _("Twitch does not know this: %s"), detail);
    case 409:
      return g_error_new (LURK_ERROR, LURK_ERROR_CONFLICT,
                          _("This exists already: %s"), detail);
    case 410:
      return g_error_new (LURK_ERROR, LURK_ERROR_GONE,
                          _("Twitch no longer offers this: %s"), detail);
    case 429:
      if (mentions_limit (message))
        return g_error_new (LURK_ERROR, LURK_ERROR_COST_EXCEEDED,
                            _("Twitch’s subscription limit is reached: %s"), detail);
      return g_error_new (LURK_ERROR, LURK_ERROR_RATE_LIMITED,
                          _("Too many requests to Twitch: %s"), detail);
    default:
      if (status >= 500 && status <= 599)
        return g_error_new (LURK_ERROR, LURK_ERROR_SERVER,
                            /* Translators: %u is an HTTP status, %s Twitch's explanation */
                            _("Twitch has a problem (%u): %s"), status, detail);
      return g_error_new (LURK_ERROR, LURK_ERROR_FAILED,
                          _("Twitch answered with an unexpected status (%u): %s"),
                          status, detail);
    }
}

/**
 * lurk_helix_condition_new:
 * @first_key: the first key, then its value, then more pairs, then %NULL
 *
 * Returns: (transfer full): a new condition object
 */
JsonObject *
lurk_helix_condition_new (const char *first_key,
                          ...)
{
  JsonObject *condition = json_object_new ();
  const char *key = first_key;
  va_list args;

  va_start (args, first_key);
  while (key != NULL)
    {
      const char *value = va_arg (args, const char *);

      if (value != NULL)
        json_object_set_string_member (condition, key, value);
      key = va_arg (args, const char *);
    }
  va_end (args);

  return condition;
}
