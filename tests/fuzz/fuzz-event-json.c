/* fuzz-event-json.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* lurk_event_new_from_json_string(): the one function that knows every payload, called by
 * the message parser and by the store on the raw JSON it kept (a database a crash or another
 * program may have cut short). The first byte picks the subscription type and version, the
 * rest is the event object, through both builders (json-glib and the scanner's fast path).
 * An event or a LURK_ERROR, never both (plain chat: neither); every event survives
 * everything the UI reads from it. */

#include "lurk-error.h"
#include "lurk-event.h"
#include "fuzz-common.h"
#include "fuzz-event-check.h"

/* Keep in step with make-seeds.py's EVENT_TYPES. */
static const char * const types[][2] = {
  { "stream.online", "1" },
  { "stream.offline", "1" },
  { "channel.update", "2" },
  { "channel.raid", "1" },
  { "channel.shared_chat.begin", "1" },
  { "channel.shared_chat.update", "1" },
  { "channel.shared_chat.end", "1" },
  { "channel.chat.message", "1" },
  { "channel.chat.notification", "1" },
  { "channel.chat.clear", "1" },
  { "channel.chat.clear_user_messages", "1" },
  { "channel.chat.message_delete", "1" },
  { "channel.chat_settings.update", "1" },
  { "channel.follow", "2" },
  { "channel.subscribe", "1" },
  { "channel.subscription.gift", "1" },
  { "channel.subscription.message", "1" },
  { "channel.cheer", "1" },
  { "channel.channel_points_custom_reward_redemption.add", "1" },
  { "channel.poll.begin", "1" },
  { "channel.poll.progress", "1" },
  { "channel.poll.end", "1" },
  { "channel.prediction.begin", "1" },
  { "channel.prediction.progress", "1" },
  { "channel.prediction.lock", "1" },
  { "channel.prediction.end", "1" },
  { "channel.hype_train.begin", "1" },
  { "channel.hype_train.progress", "1" },
  { "channel.hype_train.end", "1" },
  { "channel.goal.begin", "1" },
  { "channel.goal.progress", "1" },
  { "channel.goal.end", "1" },
  { "channel.charity_campaign.donate", "1" },
  { "channel.charity_campaign.start", "1" },
  { "channel.charity_campaign.progress", "1" },
  { "channel.charity_campaign.stop", "1" },
  { "channel.ad_break.begin", "1" },
  { "channel.shoutout.create", "1" },
  { "channel.shoutout.receive", "1" },
  { "channel.ban", "1" },
  { "channel.unban", "1" },
  { "channel.moderator.add", "1" },
  { "channel.moderator.remove", "1" },
  { "channel.vip.add", "1" },
  { "channel.vip.remove", "1" },
  { "channel.something_new", "1" },
  { "channel.update", "1" },
  { "", "" },
};

static void
check_result (LurkEvent  *event,
              GError     *error,
              const char *type)
{
  if (event != NULL)
    {
      g_assert (error == NULL);
      fuzz_check_event (event);
    }
  else if (error != NULL)
    {
      g_assert (error->domain == LURK_ERROR);
    }
  else
    {
      /* No event and no error: only plain chat is no event for Lurk. */
      g_assert_cmpstr (type, ==, "channel.chat.message");
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *json = NULL;
  const char *type;
  const char *version;
  guint which;

  fuzz_setup ();

  if (size < 1)
    return 0;
  which = data[0] % G_N_ELEMENTS (types);
  type = types[which][0];
  version = types[which][1];

  /* The json-glib path, on a nul-terminated string as a database column gives it. */
  {
    g_autoptr(LurkEvent) event = NULL;
    g_autoptr(GError) error = NULL;

    json = g_strndup ((const char *) data + 1, size - 1);
    event = lurk_event_new_from_json_string ("2b4f0e52-4a1c-4f5b-9e4c-6d0b7a1c9e11",
                                             type, version, "2026-11-27T20:15:09.123456789Z",
                                             G_GINT64_CONSTANT (1795824000123456), json, &error);
    check_result (event, error, type);
    if (event != NULL)
      g_assert_finalize_object (g_steal_pointer (&event));
  }

  /* The fast path, on exactly size - 1 bytes with no terminator (ASan sees any overread). */
  {
    g_autoptr(LurkEvent) event = NULL;
    g_autoptr(GError) error = NULL;

    event = lurk_event_new_for_broadcaster ("2b4f0e52-4a1c-4f5b-9e4c-6d0b7a1c9e11",
                                            type, version, "2026-11-27T20:15:09Z",
                                            G_GINT64_CONSTANT (1795824000123456), "1337",
                                            (const char *) data + 1, (gssize) size - 1, &error);
    check_result (event, error, type);
    if (event != NULL)
      g_assert_finalize_object (g_steal_pointer (&event));
  }

  return 0;
}
