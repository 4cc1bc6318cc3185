/* lurk-history-files.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     lurk_history_measure_async  (const char           *store_path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gboolean lurk_history_measure_finish (GAsyncResult         *result,
                                      gint64               *n_events,
                                      gint64               *n_bytes,
                                      GError              **error);
void     lurk_history_clear_async    (const char           *store_path,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data);
gint64   lurk_history_clear_finish   (GAsyncResult         *result,
                                      GError              **error);

G_END_DECLS
