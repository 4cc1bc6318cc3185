/* test-event-slots.c: the sidebar's fixed set of row slots following the event model
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-event-model.h"
#include "lurk-event-slots.h"
#include "lurk-test-events.h"

static void
test_slots_new_destroy (void)
{
  LurkEventSlots *slots = lurk_event_slots_new ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (slots)) == LURK_TYPE_EVENT_SLOT);
  g_assert_false (lurk_event_slots_sync (slots, NULL));
  g_assert_finalize_object (slots);
}

typedef struct
{
  guint position, removed, added, count;
} Change;

static void
slots_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added = added;
  change->count++;
}

static void
assert_slots_show (LurkEventSlots *slots,
                   LurkEventModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LurkEventSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);
      g_autoptr(LurkEvent) event = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_true (lurk_event_slot_get_event (slot) == event);
    }
}

/* The list view's rows stay while a flood goes through: the slots (its items) are the same
 * objects, only their events change; items-changed only when the count changes. */
static void
test_slots_follow_model (void)
{
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(LurkEventSlots) slots = lurk_event_slots_new ();
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  Change change = { 0 };
  guint n = 1;

  lurk_event_model_set_broadcaster_id (model, "100");
  g_signal_connect (slots, "items-changed", G_CALLBACK (slots_changed_cb), &change);

  /* 4 events: 4 slots appended. */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

    for (; n <= 4; n++)
      g_ptr_array_add (batch, lurk_test_sub_new (n, "100"));
    lurk_event_model_add (model, batch);
  }
  g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
  g_assert_cmpuint (change.count, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 4);
  assert_slots_show (slots, model);
  g_assert_false (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));

  /* A flood of 30 batches of 25: the 4 slots stay, 6 are appended once. */
  for (guint i = 0; i < 4; i++)
    g_ptr_array_add (before, g_list_model_get_item (G_LIST_MODEL (slots), i));
  for (guint b = 0; b < 30; b++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < 25; i++, n++)
        g_ptr_array_add (batch, lurk_test_sub_new (n, "100"));
      lurk_event_model_add (model, batch);
      g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
      assert_slots_show (slots, model);
    }
  g_assert_cmpuint (change.count, ==, 2);
  g_assert_cmpuint (change.position, ==, 4);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 6);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LurkEventSlot) slot = g_list_model_get_item (G_LIST_MODEL (slots), i);

      g_assert_true (slot == g_ptr_array_index (before, i));
    }

  /* One more event: only the top slot takes it at once, the rest on the next full sync. */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(LurkEventSlot) top = g_list_model_get_item (G_LIST_MODEL (slots), 0);
    g_autoptr(LurkEventSlot) second = g_list_model_get_item (G_LIST_MODEL (slots), 1);
    LurkEvent *second_before = lurk_event_slot_get_event (second);
    guint count = change.count;

    g_ptr_array_add (batch, lurk_test_sub_new (n++, "100"));
    lurk_event_model_add (model, batch);
    g_assert_true (lurk_event_slots_sync_newest (slots, G_LIST_MODEL (model)));
    g_assert_true (lurk_event_slot_get_event (top) == g_ptr_array_index (batch, 0));
    g_assert_true (lurk_event_slot_get_event (second) == second_before);
    g_assert_false (lurk_event_slots_sync_newest (slots, G_LIST_MODEL (model)));
    g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
    assert_slots_show (slots, model);
    g_assert_cmpuint (change.count, ==, count);
  }

  /* Another channel: the model empties, so do the slots. */
  lurk_event_model_set_broadcaster_id (model, "200");
  g_assert_true (lurk_event_slots_sync (slots, G_LIST_MODEL (model)));
  g_assert_cmpuint (change.count, ==, 3);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (slots)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/event-slots/new-destroy", test_slots_new_destroy);
  g_test_add_func ("/lurk/event-slots/follow-model", test_slots_follow_model);

  return g_test_run ();
}
