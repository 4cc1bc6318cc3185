/* lurk-a11y-check.h: walks the accessibility tree of a widget as a screen reader reads it
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * GTK 4.8 has no public getter for an accessible's name, and its AT-SPI bridge names an
 * accessible that has neither a label property nor a labelled-by relation after its type
 * ("GtkImage", "GtkMenuButton"). The checks below read the same attributes through GTK's test
 * API (gtk_test_accessible_*): what an AT-SPI client gets as the Name.
 *
 * A control (a role a user operates) that is presented must be named: by its label property
 * or a labelled-by relation. It is named twice when a label it contains is presented too and
 * says the same (a button's own label child: "Sign in with Twitch Sign in with Twitch"), and
 * wrongly when its name still has the mnemonic underscore of its label ("Sign in with
 * _Twitch").
 */

static inline gboolean
lurk_a11y_is_control (GtkAccessibleRole role)
{
  switch ((int) role)
    {
    case GTK_ACCESSIBLE_ROLE_BUTTON:
    case GTK_ACCESSIBLE_ROLE_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_COMBO_BOX:
    case GTK_ACCESSIBLE_ROLE_LINK:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_CHECKBOX:
    case GTK_ACCESSIBLE_ROLE_MENU_ITEM_RADIO:
    case GTK_ACCESSIBLE_ROLE_RADIO:
    case GTK_ACCESSIBLE_ROLE_SEARCH_BOX:
    case GTK_ACCESSIBLE_ROLE_SLIDER:
    case GTK_ACCESSIBLE_ROLE_SPIN_BUTTON:
    case GTK_ACCESSIBLE_ROLE_SWITCH:
    case GTK_ACCESSIBLE_ROLE_TAB:
    case GTK_ACCESSIBLE_ROLE_TEXT_BOX:
      return TRUE;

    default:
      return FALSE;
    }
}

/* Whether a screen reader is shown @widget at all. */
static inline gboolean
lurk_a11y_is_presented (GtkWidget *widget)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  g_autofree char *hidden = NULL;

  if (!gtk_widget_get_mapped (widget) || role == GTK_ACCESSIBLE_ROLE_NONE ||
      role == GTK_ACCESSIBLE_ROLE_PRESENTATION)
    return FALSE;

  if (!gtk_test_accessible_has_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN))
    return TRUE;

  hidden = gtk_test_accessible_check_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_HIDDEN,
                                            TRUE);
  return hidden != NULL;
}

/* @widget's label property, or NULL. */
static inline char *
lurk_a11y_dup_label (GtkWidget *widget)
{
  char *value;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return NULL;

  /* NULL when equal, else the value: nothing is equal to this. */
  value = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, "\x01");
  return value != NULL ? value : g_strdup ("\x01");
}

static inline char *
lurk_a11y_strip_mnemonic (const char *text)
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

/* The presented labels under @widget (not @widget itself), in tree order. */
static inline void
lurk_a11y_collect_labels (GtkWidget *widget,
                          GPtrArray *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && lurk_a11y_is_presented (child))
        g_ptr_array_add (out, child);
      lurk_a11y_collect_labels (child, out);
    }
}

/* Appends to @problems what is wrong with @widget's name. */
static inline void
lurk_a11y_check_widget (GtkWidget *widget,
                        GString   *problems)
{
  GtkAccessibleRole role = gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget));
  g_autofree char *label = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  const char *type = G_OBJECT_TYPE_NAME (widget);
  gboolean labelled_by;

  /* A row that takes the focus is read by its name too. */
  if (!lurk_a11y_is_control (role) &&
      !((role == GTK_ACCESSIBLE_ROLE_LIST_ITEM || role == GTK_ACCESSIBLE_ROLE_ROW ||
         role == GTK_ACCESSIBLE_ROLE_GRID_CELL) && gtk_widget_get_focusable (widget)))
    return;

  label = lurk_a11y_dup_label (widget);
  labelled_by = gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  if ((label == NULL || label[0] == '\0') && !labelled_by)
    {
      g_string_append_printf (problems, "%s (tooltip “%s”): no name\n", type,
                              gtk_widget_get_tooltip_text (widget) != NULL
                              ? gtk_widget_get_tooltip_text (widget) : "");
      return;
    }

  if (label == NULL)
    return;

  labels = g_ptr_array_new ();
  lurk_a11y_collect_labels (widget, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));
      g_autofree char *stripped = lurk_a11y_strip_mnemonic (label);

      if (g_strcmp0 (text, label) == 0 || g_strcmp0 (text, stripped) == 0)
        {
          g_string_append_printf (problems, "%s “%s”: named twice (its label “%s” is read too)\n",
                                  type, label, text);
          return;
        }
      if (g_strcmp0 (stripped, label) != 0 && g_strcmp0 (stripped, text) == 0)
        {
          g_string_append_printf (problems, "%s “%s”: the name keeps the mnemonic\n", type,
                                  label);
          return;
        }
    }

  /* A mnemonic underscore with no label to compare with. */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      g_strcmp0 (label, gtk_button_get_label (GTK_BUTTON (widget))) == 0 &&
      strchr (label, '_') != NULL)
    g_string_append_printf (problems, "%s “%s”: the name keeps the mnemonic\n", type, label);
}

static inline void
lurk_a11y_walk (GtkWidget *widget,
                GString   *problems)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (lurk_a11y_is_presented (widget))
    lurk_a11y_check_widget (widget, problems);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    lurk_a11y_walk (child, problems);
}

/* Fails the test, listing each unnamed or doubly named control shown under @root. */
static inline void
lurk_a11y_assert_tree (GtkWidget  *root,
                       const char *what)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  lurk_a11y_walk (root, problems);
  if (problems->len > 0)
    g_error ("The accessibility tree of %s:\n%s", what, problems->str);
}

G_END_DECLS
