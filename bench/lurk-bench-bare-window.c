/* lurk-bench-bare-window.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The baseline of the memory and startup benchmarks: the smallest libadwaita window with a
 * list, drawn by the same renderer as Lurk in the same run. Prints "first-frame <µs>" on stdout
 * after its first frame is painted: the CLOCK_MONOTONIC time in microseconds, which the bench
 * script compares with the time it started the process.
 */

#include "config.h"

#include <adwaita.h>

#define ROW_FACTORY_UI \
  "<interface><template class=\"GtkListItem\"><property name=\"child\">" \
  "<object class=\"GtkLabel\"><binding name=\"label\"><lookup name=\"string\" " \
  "type=\"GtkStringObject\"><lookup name=\"item\">GtkListItem</lookup></lookup>" \
  "</binding></object></property></template></interface>"

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
}

static void
map_cb (GtkWidget *widget,
        gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkStringList *strings = gtk_string_list_new (NULL);
  g_autoptr(GBytes) factory_ui = g_bytes_new_static (ROW_FACTORY_UI, strlen (ROW_FACTORY_UI));
  GtkListItemFactory *factory;
  GtkWidget *list;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *s = g_strdup_printf ("Row %u", i);
      gtk_string_list_append (strings, s);
    }

  factory = gtk_builder_list_item_factory_new_from_bytes (NULL, factory_ui);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (strings))),
                            factory);
  gtk_widget_set_vexpand (list, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), list);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  g_signal_connect (window, "map", G_CALLBACK (map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("io.github.lurkapp.Lurk.BenchBare", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
