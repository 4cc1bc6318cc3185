/* lurk-ui.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-resources.h"
#include "lurk-ui-private.h"

/**
 * _lurk_ui_ensure_resources:
 *
 * Registers the UI's GResource (templates, style, icons) once. The resource is compiled into
 * a static library, where a constructor would not be linked in, so every class with a
 * template calls this in class_init.
 */
void
_lurk_ui_ensure_resources (void)
{
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      lurk_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
