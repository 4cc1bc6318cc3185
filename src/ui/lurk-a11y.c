/* lurk-a11y.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-a11y"

#include "config.h"

#include <adwaita.h>

#include "lurk-a11y.h"

/*
 * What GTK 4.8 gets wrong in the accessibility tree of ordinary controls, put right once per
 * window (tests/ui/lurk-a11y-check.h checks the result):
 *
 * - A text button's name is its label as written, mnemonic included ("Sign in with _Twitch"),
 *   and the label inside it is presented too, so a screen reader reads both. The name becomes
 *   the label without the underscore, and the label inside is hidden from the tree; again
 *   whenever the label changes.
 * - An icon-only button (GtkMenuButton included) has no name, so the AT-SPI bridge names it
 *   after its type ("GtkImage", "GtkMenuButton"). Its tooltip is what it does: that becomes
 *   its name, unless the .ui gave it one.
 */

static char *
strip_mnemonic (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * lurk_a11y_hide_labels:
 * @widget: a widget that says what its labels say, in its own name
 *
 * Hides the labels under @widget from the accessibility tree (not from the screen).
 */
void
lurk_a11y_hide_labels (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        gtk_accessible_update_state (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE,
                                     -1);
      lurk_a11y_hide_labels (child);
    }
}

/* The text a button shows, mnemonic and all, or NULL for an icon-only one. */
static const char *
button_text (GtkWidget *button,
             gboolean  *use_underline)
{
  GtkWidget *child = NULL;

  *use_underline = FALSE;

  if (GTK_IS_MENU_BUTTON (button))
    {
      *use_underline = gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (button));
      return gtk_menu_button_get_label (GTK_MENU_BUTTON (button));
    }

  if (gtk_button_get_label (GTK_BUTTON (button)) != NULL)
    {
      *use_underline = gtk_button_get_use_underline (GTK_BUTTON (button));
      return gtk_button_get_label (GTK_BUTTON (button));
    }

  child = gtk_button_get_child (GTK_BUTTON (button));
  if (ADW_IS_BUTTON_CONTENT (child))
    {
      *use_underline = adw_button_content_get_use_underline (ADW_BUTTON_CONTENT (child));
      return adw_button_content_get_label (ADW_BUTTON_CONTENT (child));
    }
  if (GTK_IS_LABEL (child))
    {
      *use_underline = gtk_label_get_use_underline (GTK_LABEL (child));
      return gtk_label_get_label (GTK_LABEL (child));
    }

  return NULL;
}

static void
name_button (GtkWidget *button)
{
  gboolean use_underline = FALSE;
  const char *text = button_text (button, &use_underline);

  if (text != NULL && text[0] != '\0')
    {
      g_autofree char *name = use_underline ? strip_mnemonic (text) : g_strdup (text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      lurk_a11y_hide_labels (button);
    }
  else if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL) &&
           !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
           gtk_widget_get_tooltip_text (button) != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      gtk_widget_get_tooltip_text (button), -1);
    }
}

static void
button_changed_cb (GtkWidget *button)
{
  name_button (button);
}

/**
 * lurk_a11y_name_controls:
 * @root: a window or any widget
 *
 * Gives the buttons under @root one proper accessible name each (see above), now and when
 * their label changes.
 */
void
lurk_a11y_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) || GTK_IS_MENU_BUTTON (root))
    {
      if (g_object_get_data (G_OBJECT (root), "lurk-a11y-named") == NULL)
        {
          g_object_set_data (G_OBJECT (root), "lurk-a11y-named", GINT_TO_POINTER (TRUE));
          g_signal_connect (root, "notify::label", G_CALLBACK (button_changed_cb), NULL);
          g_signal_connect (root, "notify::child", G_CALLBACK (button_changed_cb), NULL);
        }
      name_button (root);
      /* A menu button's own button inside is not a second control. */
      if (GTK_IS_MENU_BUTTON (root))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lurk_a11y_name_controls (child);
}
