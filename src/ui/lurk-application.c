/* lurk-application.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-application.h"

struct _LurkApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (LurkApplication, lurk_application, ADW_TYPE_APPLICATION)

static void
lurk_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (adw_application_window_new (GTK_APPLICATION (app)));

  gtk_window_present (window);
}

static void
lurk_application_class_init (LurkApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = lurk_application_activate;
}

static void
lurk_application_init (LurkApplication *self)
{
}

LurkApplication *
lurk_application_new (void)
{
  return g_object_new (LURK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
