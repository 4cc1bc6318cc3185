/* lurk-test-full-disk.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A full disk for SQLite, from the test's side: lurk_test_full_disk_install() makes a VFS
 * that wraps the default one the default, for every connection opened afterwards in this
 * process; while lurk_test_full_disk_set (TRUE) holds, every write to a file fails with
 * SQLITE_FULL, as when no block is free. Any thread may flip it. */
void lurk_test_full_disk_install (void);
void lurk_test_full_disk_set     (gboolean full);

G_END_DECLS
