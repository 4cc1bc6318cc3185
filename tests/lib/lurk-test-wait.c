/* lurk-test-wait.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-test-wait.h"

double
lurk_test_slowdown (void)
{
  const char *value = g_getenv ("LURK_TEST_SLOWDOWN");
  double factor = value != NULL ? g_ascii_strtod (value, NULL) : 1.0;

  return factor >= 1.0 ? factor : 1.0;
}

/* One turn of the default main context; a short sleep when nothing was ready, so that a
 * condition another thread or process changes is seen too. */
static void
turn (void)
{
  if (!g_main_context_iteration (NULL, FALSE))
    g_usleep (1000);
}

gboolean
lurk_test_wait_until (LurkTestCondition condition,
                      gpointer          data,
                      double            seconds)
{
  gint64 deadline = g_get_monotonic_time () +
                    (gint64) (seconds * lurk_test_slowdown () * G_USEC_PER_SEC);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return condition (data);
      turn ();
    }

  return TRUE;
}

void
lurk_test_wait_long (LurkTestCondition condition,
                     gpointer          data,
                     double            seconds,
                     const char       *what)
{
  if (!lurk_test_wait_until (condition, data, seconds))
    g_error ("Timed out waiting for %s", what);
}

void
lurk_test_wait_for (LurkTestCondition condition,
                    gpointer          data,
                    const char       *what)
{
  lurk_test_wait_long (condition, data, 5, what);
}

void
lurk_test_spin (double seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);

  while (g_get_monotonic_time () < end)
    turn ();
}

void
lurk_test_store_result (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GAsyncResult *
lurk_test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
lurk_test_wait_finalized (gpointer object)
{
  GObject *weak = object;

  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_object_unref (object);
  lurk_test_wait_long (is_null, &weak, 5, "an object to be finalized");
}
