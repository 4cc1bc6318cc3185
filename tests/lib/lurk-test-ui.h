/* lurk-test-ui.h: for tests of the widgets and the application (suite ui)
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>
#include <libsecret/secret.h>

#include "config.h"
#include "lurk-application.h"
#include "lurk-profile.h"
#include "lurk-test-wait.h"

G_BEGIN_DECLS

/* The test keyring is one for the whole run, and the app signs in with any token of its
 * profile it finds there. A test that needs a signed-out app starts by forgetting what
 * earlier tests stored. Without a Secret Service (outside build-aux/test-session.sh) there is
 * nothing to forget. */
static inline void
lurk_test_forget_tokens (void)
{
  static const SecretSchema schema = {
    "io.github.lurkapp.Lurk.Token", SECRET_SCHEMA_NONE,
    {
      { "user-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  g_autoptr(GError) error = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return;

  while (secret_password_clear_sync (&schema, NULL, &error,
                                     "profile", lurk_profile_get_name (), NULL))
    ;
  if (error != NULL)
    g_test_message ("Could not clear the test keyring: %s", error->message);
}

/* Resets every key of @settings to its default. */
static inline void
lurk_test_reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

/* Lets pending idles and frame work run. */
static inline void
lurk_test_flush (void)
{
  lurk_test_spin (0.05);
}

/* The application as `lurk` runs it, but non-unique, so that test programs running side by
 * side (each with its own @application_id) do not join each other. */
static inline LurkApplication *
lurk_test_application_new (const char *application_id)
{
  return g_object_new (LURK_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/* Runs a new application in *@app until it quits, with @activate connected after the
 * application's own activate handler (its window is there then); then lets go of it. */
static inline void
lurk_test_run_application (LurkApplication **app,
                           const char       *application_id,
                           GCallback         activate,
                           gpointer          data)
{
  *app = lurk_test_application_new (application_id);
  g_signal_connect_after (*app, "activate", activate, data);
  g_assert_cmpint (g_application_run (G_APPLICATION (*app), 0, NULL), ==, 0);
  g_clear_object (app);
  lurk_test_flush ();
}

/* Saves what @widget shows as a PNG at @path (the docs' screenshots). In the middle of a
 * relayout there is nothing to draw: it tries again a frame later, up to 20 times. */
static inline void
lurk_test_save_screenshot (GtkWidget  *widget,
                           const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        lurk_test_spin (0.1);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s (%dx%d)", path, width, height);
}

/* The first widget of @type under @root (depth first, @root included), or NULL. */
static inline GtkWidget *
lurk_test_find_widget (GtkWidget *root,
                       GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lurk_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Every widget of @type under @root, in tree order. */
static inline void
lurk_test_collect_widgets (GtkWidget  *root,
                           GType       type,
                           GPtrArray  *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    g_ptr_array_add (out, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lurk_test_collect_widgets (child, type, out);
}

/* A mapped label showing exactly @text under @root, or NULL. */
static inline GtkWidget *
lurk_test_find_label (GtkWidget  *root,
                      const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lurk_test_find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The toplevel window of @type, or NULL. */
static inline GtkWindow *
lurk_test_find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type))
        return window;
    }

  return NULL;
}

/* Destroys @window (which the caller holds one reference to) and checks it is finalized. */
static inline void
lurk_test_destroy_window (GtkWindow *window)
{
  gtk_window_destroy (window);
  lurk_test_flush ();
  g_assert_finalize_object (window);
}

G_END_DECLS
