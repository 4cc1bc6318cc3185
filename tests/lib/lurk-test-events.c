/* lurk-test-events.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-test-events.h"

LurkEvent *
lurk_test_chat_notification_new (guint       n,
                                 const char *broadcaster_id,
                                 const char *notice_type,
                                 const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("msg-%04u", n);
  g_autofree char *when = g_strdup_printf ("2026-11-28T00:%02u:%02u.000000001Z", n / 60, n % 60);
  g_autofree char *json = g_strdup_printf (
    "{\"broadcaster_user_id\":\"%s\",\"broadcaster_user_login\":\"caster\","
    "\"broadcaster_user_name\":\"Caster\",\"chatter_user_id\":\"7%u\","
    "\"chatter_user_login\":\"user%u\",\"chatter_user_name\":\"User%u\","
    "\"chatter_is_anonymous\":false,\"color\":\"\",\"badges\":[],"
    "\"system_message\":\"something\",\"message_id\":\"m%u\","
    "\"message\":{\"text\":\"\",\"fragments\":[]},\"notice_type\":\"%s\",%s}",
    broadcaster_id, n, n, n, n, notice_type, extra);
  LurkEvent *event = lurk_event_new_from_json_string (id, "channel.chat.notification", "1", when,
                                                      g_get_real_time (), json, &error);

  g_assert_no_error (error);
  return event;
}

LurkEvent *
lurk_test_sub_new (guint       n,
                   const char *broadcaster_id)
{
  return lurk_test_chat_notification_new (
    n, broadcaster_id, "sub",
    "\"sub\":{\"sub_tier\":\"1000\",\"is_prime\":false,\"duration_months\":1}");
}

void
lurk_test_json_drop_nulls (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (JSON_NODE_HOLDS_NULL (member))
            json_object_remove_member (object, l->data);
          else
            lurk_test_json_drop_nulls (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        lurk_test_json_drop_nulls (json_array_get_element (array, i));
    }
}
