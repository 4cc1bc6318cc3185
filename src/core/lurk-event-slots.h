/* lurk-event-slots.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-event.h"

G_BEGIN_DECLS

#define LURK_TYPE_EVENT_SLOT (lurk_event_slot_get_type ())

G_DECLARE_FINAL_TYPE (LurkEventSlot, lurk_event_slot, LURK, EVENT_SLOT, GObject)

#define LURK_TYPE_EVENT_SLOTS (lurk_event_slots_get_type ())

G_DECLARE_FINAL_TYPE (LurkEventSlots, lurk_event_slots, LURK, EVENT_SLOTS, GObject)

LurkEvent      *lurk_event_slot_get_event (LurkEventSlot  *self);

LurkEventSlots *lurk_event_slots_new      (void);
gboolean        lurk_event_slots_sync     (LurkEventSlots *self,
                                           GListModel     *events);
gboolean        lurk_event_slots_sync_newest (LurkEventSlots *self,
                                              GListModel     *events);

G_END_DECLS
