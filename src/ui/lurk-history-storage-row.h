/* lurk-history-storage-row.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LURK_TYPE_HISTORY_STORAGE_ROW (lurk_history_storage_row_get_type ())

G_DECLARE_FINAL_TYPE (LurkHistoryStorageRow, lurk_history_storage_row, LURK,
                      HISTORY_STORAGE_ROW, AdwActionRow)

GtkWidget  *lurk_history_storage_row_new      (void);
const char *lurk_history_storage_row_get_path (LurkHistoryStorageRow *self);
void        lurk_history_storage_row_set_path (LurkHistoryStorageRow *self,
                                               const char            *path);
void        lurk_history_storage_row_refresh  (LurkHistoryStorageRow *self);

G_END_DECLS
