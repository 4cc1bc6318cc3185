/* lurk-history-export.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-history-model.h"

G_BEGIN_DECLS

typedef enum
{
  LURK_HISTORY_FORMAT_CSV,
  LURK_HISTORY_FORMAT_JSON_LINES,
} LurkHistoryFormat;

void   lurk_history_export_async  (LurkHistoryModel     *model,
                                   LurkHistoryFormat     format,
                                   GFile                *file,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
gint64 lurk_history_export_finish (GAsyncResult         *result,
                                   GError              **error);

G_END_DECLS
