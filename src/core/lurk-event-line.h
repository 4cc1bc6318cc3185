/* lurk-event-line.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-event.h"

G_BEGIN_DECLS

typedef struct _LurkEventLineWriter LurkEventLineWriter;

LurkEventLineWriter *lurk_event_line_writer_new    (GTimeZone           *local);
void                 lurk_event_line_writer_free   (LurkEventLineWriter *self);
void                 lurk_event_line_writer_append (LurkEventLineWriter *self,
                                                    GString             *out,
                                                    LurkEvent           *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkEventLineWriter, lurk_event_line_writer_free)

G_END_DECLS
