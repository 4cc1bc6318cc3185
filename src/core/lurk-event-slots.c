/* lurk-event-slots.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-event-slots"

#include "config.h"

#include "lurk-event-slots.h"

/*
 * What the events sidebar's GtkListView shows: a #GListModel of #LurkEventSlot, one per
 * position, each holding the event at that position of a #LurkEventModel the last time
 * lurk_event_slots_sync() was called.
 *
 * Why not give the list view the event model itself: every new event is a new item, and
 * GTK 4.8's list view builds a new row widget (template, CSS nodes, accessible object) for
 * each new item and destroys the one of the item that fell out. Under a flood every batch
 * replaces all the rows (measured: 3,844 rows built and destroyed for 387 batches of a
 * 10,000-event flood, about 14 ms of main-thread CPU per batch). A slot stays the same
 * object while its event changes, so the rows are made once and only their texts change;
 * items-changed is emitted only when the number of events changes (at the end of the list).
 * The page refreshes the bound rows after a sync (lurk-streamer-page.c).
 */

struct _LurkEventSlot
{
  GObject    parent_instance;

  LurkEvent *event;
};

G_DEFINE_FINAL_TYPE (LurkEventSlot, lurk_event_slot, G_TYPE_OBJECT)

static void
lurk_event_slot_finalize (GObject *object)
{
  LurkEventSlot *self = LURK_EVENT_SLOT (object);

  g_clear_object (&self->event);

  G_OBJECT_CLASS (lurk_event_slot_parent_class)->finalize (object);
}

static void
lurk_event_slot_class_init (LurkEventSlotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lurk_event_slot_finalize;
}

static void
lurk_event_slot_init (LurkEventSlot *self)
{
}

/**
 * lurk_event_slot_get_event:
 * @self: a slot
 *
 * Returns: (transfer none): the event shown at this slot's position
 */
LurkEvent *
lurk_event_slot_get_event (LurkEventSlot *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_SLOT (self), NULL);

  return self->event;
}

struct _LurkEventSlots
{
  GObject    parent_instance;

  GPtrArray *slots;   /* LurkEventSlot */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LurkEventSlots, lurk_event_slots, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
lurk_event_slots_get_item_type (GListModel *model)
{
  return LURK_TYPE_EVENT_SLOT;
}

static guint
lurk_event_slots_get_n_items (GListModel *model)
{
  return LURK_EVENT_SLOTS (model)->slots->len;
}

static gpointer
lurk_event_slots_get_item (GListModel *model,
                           guint       position)
{
  LurkEventSlots *self = LURK_EVENT_SLOTS (model);

  if (position >= self->slots->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->slots, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lurk_event_slots_get_item_type;
  iface->get_n_items = lurk_event_slots_get_n_items;
  iface->get_item = lurk_event_slots_get_item;
}

static void
lurk_event_slots_finalize (GObject *object)
{
  LurkEventSlots *self = LURK_EVENT_SLOTS (object);

  g_clear_pointer (&self->slots, g_ptr_array_unref);

  G_OBJECT_CLASS (lurk_event_slots_parent_class)->finalize (object);
}

static void
lurk_event_slots_class_init (LurkEventSlotsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lurk_event_slots_finalize;
}

static void
lurk_event_slots_init (LurkEventSlots *self)
{
  self->slots = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * lurk_event_slots_new:
 *
 * Returns: (transfer full): an empty list of slots
 */
LurkEventSlots *
lurk_event_slots_new (void)
{
  return g_object_new (LURK_TYPE_EVENT_SLOTS, NULL);
}

/**
 * lurk_event_slots_sync:
 * @self: the slots
 * @events: (nullable): a #GListModel of #LurkEvent (the event model), %NULL for none
 *
 * Makes slot i hold event i of @events. Emits items-changed only when the number of events
 * changed, for the slots added or removed at the end.
 *
 * Returns: whether any slot changed
 */
gboolean
lurk_event_slots_sync (LurkEventSlots *self,
                       GListModel     *events)
{
  guint old_n, new_n;
  gboolean changed = FALSE;

  g_return_val_if_fail (LURK_IS_EVENT_SLOTS (self), FALSE);
  g_return_val_if_fail (events == NULL || G_IS_LIST_MODEL (events), FALSE);

  old_n = self->slots->len;
  new_n = events != NULL ? g_list_model_get_n_items (events) : 0;

  for (guint i = 0; i < new_n; i++)
    {
      LurkEvent *event = g_list_model_get_item (events, i);
      LurkEventSlot *slot;

      if (i >= old_n)
        {
          slot = g_object_new (LURK_TYPE_EVENT_SLOT, NULL);
          g_ptr_array_add (self->slots, slot);
        }
      else
        slot = g_ptr_array_index (self->slots, i);

      if (slot->event != event)
        {
          g_clear_object (&slot->event);
          slot->event = g_steal_pointer (&event);
          changed = TRUE;
        }
      g_clear_object (&event);
    }

  if (new_n < old_n)
    {
      g_ptr_array_set_size (self->slots, new_n);
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
      changed = TRUE;
    }
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);

  return changed;
}

/**
 * lurk_event_slots_sync_newest:
 * @self: the slots
 * @events: (nullable): a #GListModel of #LurkEvent (the event model)
 *
 * Makes the first slot hold the first event of @events, the others unchanged (a full
 * lurk_event_slots_sync() follows shortly): the newest event shows at once without
 * re-labelling every row. Syncs fully when there is no first slot yet or @events is empty.
 *
 * Returns: whether the first slot changed (or anything, after a full sync)
 */
gboolean
lurk_event_slots_sync_newest (LurkEventSlots *self,
                              GListModel     *events)
{
  g_autoptr(LurkEvent) newest = NULL;
  LurkEventSlot *slot;

  g_return_val_if_fail (LURK_IS_EVENT_SLOTS (self), FALSE);
  g_return_val_if_fail (events == NULL || G_IS_LIST_MODEL (events), FALSE);

  if (self->slots->len == 0 || events == NULL || g_list_model_get_n_items (events) == 0)
    return lurk_event_slots_sync (self, events);

  newest = g_list_model_get_item (events, 0);
  slot = g_ptr_array_index (self->slots, 0);
  if (slot->event == newest)
    return FALSE;

  g_set_object (&slot->event, newest);

  return TRUE;
}
