/* lurk-test-events.h: events as the listener hands them on, for tests of what shows them
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lurk-event.h"

G_BEGIN_DECLS

/* A channel.chat.notification of @notice_type in @broadcaster_id's chat, with @extra (the
 * notice's own members, JSON text without braces): id "msg-NNNN" and sent @n seconds after
 * 2026-11-28T00:00:00Z by "User@n", so a larger @n is a newer event. */
LurkEvent *lurk_test_chat_notification_new (guint       n,
                                            const char *broadcaster_id,
                                            const char *notice_type,
                                            const char *extra);
/* A Tier 1 sub, made the same way. */
LurkEvent *lurk_test_sub_new               (guint       n,
                                            const char *broadcaster_id);

/* Removes the null members of every object in @node, recursively (nulls in arrays stay): what
 * the event store keeps of an event's JSON (lurk-event-store-json.c). */
void       lurk_test_json_drop_nulls       (JsonNode   *node);

G_END_DECLS
