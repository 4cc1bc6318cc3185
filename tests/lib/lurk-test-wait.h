/* lurk-test-wait.h: running the main context until something happens, or for a while
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef gboolean (*LurkTestCondition) (gpointer data);

/* How much slower than normal the tests run: the valgrind and sanitize test setups set
 * LURK_TEST_SLOWDOWN (20 and 3). Only waits for something to happen are stretched by it;
 * a check that something does not happen too early keeps its time. */
double        lurk_test_slowdown        (void);

/* Runs the default main context until @condition holds or @seconds (stretched by
 * lurk_test_slowdown()) have passed. Returns whether @condition holds. */
gboolean      lurk_test_wait_until      (LurkTestCondition   condition,
                                         gpointer            data,
                                         double              seconds);

/* lurk_test_wait_until(), failing the test ("Timed out waiting for @what") on time out:
 * after five seconds, or @seconds. */
void          lurk_test_wait_for        (LurkTestCondition   condition,
                                         gpointer            data,
                                         const char         *what);
void          lurk_test_wait_long       (LurkTestCondition   condition,
                                         gpointer            data,
                                         double              seconds,
                                         const char         *what);

/* Runs the default main context for @seconds, not stretched: for checks that something does
 * not happen (too early). */
void          lurk_test_spin            (double              seconds);

/* A GAsyncReadyCallback that stores a reference to the result in the GAsyncResult * that
 * @user_data points to, and the wait for it: runs the default main context until *@result is
 * set, and returns it. */
void          lurk_test_store_result    (GObject            *source,
                                         GAsyncResult       *result,
                                         gpointer            user_data);
GAsyncResult *lurk_test_wait_result     (GAsyncResult      **result);

/* Drops the caller's reference to @object and waits for it to be finalized, once the
 * operations it cancelled have called back (g_assert_finalize_object() would not wait). */
void          lurk_test_wait_finalized  (gpointer            object);

G_END_DECLS
