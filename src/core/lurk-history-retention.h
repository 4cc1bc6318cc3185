/* lurk-history-retention.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LURK_TYPE_HISTORY_RETENTION (lurk_history_retention_get_type ())

G_DECLARE_FINAL_TYPE (LurkHistoryRetention, lurk_history_retention, LURK, HISTORY_RETENTION,
                      GObject)

LurkHistoryRetention *lurk_history_retention_new          (GSettings            *settings,
                                                           const char           *store_path);
void                  lurk_history_retention_apply_async  (LurkHistoryRetention *self,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gint64                lurk_history_retention_apply_finish (LurkHistoryRetention *self,
                                                           GAsyncResult         *result,
                                                           GError              **error);

G_END_DECLS
