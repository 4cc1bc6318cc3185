/* lurk-test-notifications.h: a stand-in org.freedesktop.Notifications server on the test
 * session's bus (build-aux/test-session.sh), for tests of what the app notifies
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Owns the name once for the whole program; returns what it received since: one string
 * "summary\nbody" per Notify, in order (the caller may empty it). */
GPtrArray *lurk_test_start_notification_server (void);

G_END_DECLS
