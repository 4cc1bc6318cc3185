/* lurk-notifier.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-event-model.h"

G_BEGIN_DECLS

#define LURK_TYPE_NOTIFIER (lurk_notifier_get_type ())

G_DECLARE_FINAL_TYPE (LurkNotifier, lurk_notifier, LURK, NOTIFIER, GObject)

LurkNotifier *lurk_notifier_new          (GApplication   *application,
                                          LurkEventModel *model,
                                          GSettings      *settings);
gboolean      lurk_notifier_get_foreground (LurkNotifier *self);
void          lurk_notifier_set_foreground (LurkNotifier *self,
                                            gboolean      foreground);
GNotification *lurk_notifier_build       (LurkEvent    *event,
                                          guint         more);
guint         lurk_notifier_get_n_sent   (LurkNotifier *self);

G_END_DECLS
