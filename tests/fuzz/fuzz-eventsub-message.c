/* fuzz-eventsub-message.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One EventSub WebSocket text frame, as any server (or anyone in the middle of a broken TLS
 * setup) could send it, through lurk_eventsub_message_parse() and on to everything a
 * LurkEvent offers. The contract: a message or a LURK_ERROR_MALFORMED error, never both,
 * never an abort; a notification carries an event unless it is plain chat. */

#include "lurk-error.h"
#include "lurk-eventsub-message.h"
#include "fuzz-common.h"
#include "fuzz-event-check.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LurkEventSubMessage) message = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_setup ();

  message = lurk_eventsub_message_parse ((const char *) data, size,
                                         G_GINT64_CONSTANT (1795824000123456), &error);
  g_assert ((message == NULL) != (error == NULL));

  if (message == NULL)
    {
      g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
      g_assert (error->message != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_cmpint (message->type, >=, LURK_EVENTSUB_MESSAGE_WELCOME);
  g_assert_cmpint (message->type, <=, LURK_EVENTSUB_MESSAGE_REVOCATION);
  g_assert (message->message_id != NULL);

  if (message->type == LURK_EVENTSUB_MESSAGE_NOTIFICATION)
    {
      g_assert (message->subscription_type != NULL);
      if (message->event == NULL)
        {
          g_assert_cmpstr (message->subscription_type, ==, "channel.chat.message");
          return 0;
        }
      g_assert_cmpstr (lurk_event_get_id (message->event), ==, message->message_id);
      fuzz_check_event (message->event);
    }
  else
    {
      g_assert (message->event == NULL);
    }

  return 0;
}
