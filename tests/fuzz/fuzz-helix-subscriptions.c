/* fuzz-helix-subscriptions.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* `POST` and `GET /eventsub/subscriptions` answers through lurk_helix_parse_subscriptions():
 * a list or a LURK_ERROR, never both; every subscription has an id, a type and a condition
 * object. */

#include "lurk-error.h"
#include "lurk-helix.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LurkHelixSubscriptionList) list = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_setup ();

  list = lurk_helix_parse_subscriptions ((const char *) data, size, &error);
  g_assert ((list == NULL) != (error == NULL));

  if (list == NULL)
    {
      g_assert (error->domain == LURK_ERROR);
      return 0;
    }

  g_assert (list->subscriptions != NULL);
  for (guint i = 0; i < list->subscriptions->len; i++)
    {
      LurkHelixSubscription *sub = g_ptr_array_index (list->subscriptions, i);

      g_assert (sub->id != NULL && sub->type != NULL);
      g_assert (sub->condition != NULL);
      (void) json_object_get_size (sub->condition);
    }

  return 0;
}
