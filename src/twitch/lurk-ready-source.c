/* lurk-ready-source.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-ready-source.h"

static gboolean
ready_time_source_dispatch (GSource     *source,
                            GSourceFunc  callback,
                            gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs ready_time_source_funcs = {
  .dispatch = ready_time_source_dispatch,
};

GSource *
lurk_ready_time_source_new (const char *static_name)
{
  GSource *source = g_source_new (&ready_time_source_funcs, sizeof (GSource));

  g_source_set_static_name (source, static_name);

  return source;
}
