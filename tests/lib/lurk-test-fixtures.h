/* lurk-test-fixtures.h: the recorded messages of tests/fixtures/
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* tests/fixtures/@folder/@file in the source tree ($LURK_SOURCE_DIR). */
char *lurk_test_fixture_path           (const char *folder,
                                        const char *file);
/* The contents of tests/fixtures/eventsub/@name.json (the test fails if it cannot be read);
 * its length in @length. */
char *lurk_test_eventsub_fixture_load  (const char *name,
                                        gsize      *length);

G_END_DECLS
