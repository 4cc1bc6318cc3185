/* lurk-event-menu.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-event-menu"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-event-menu.h"

/* An event row's menu, the same in the sidebar and in History: Copy Summary; Open Channel in
 * Browser (who did it, or the raid target of a raid out); Watch in Lurk for a raid's other
 * channel (app.open-streamer). It opens on a right click, a long press (touch), and through
 * lurk_event_menu_popup_at_focus() on the Menu key or Shift+F10. The actions ("event.…") act
 * on the row's event of the moment, since list rows are reused. */

#define MENU_KEY "lurk-event-menu"
#define ROW_KEY  "lurk-event-menu-row"

/* The channel a row is about: the raid target for a raid out, else who did it */
static const char *
event_channel_login (LurkEvent *event)
{
  if (lurk_event_get_kind (event) == LURK_EVENT_KIND_RAID_OUT)
    return lurk_event_get_target_login (event);
  if (lurk_event_get_actor_is_anonymous (event))
    return NULL;

  return lurk_event_get_actor_login (event);
}

static LurkEvent *
widget_event (GtkWidget *widget)
{
  LurkEventRow *row = g_object_get_data (G_OBJECT (widget), ROW_KEY);

  return row != NULL ? lurk_event_row_get_event (row) : NULL;
}

static void
copy_summary_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  GtkWidget *widget = user_data;
  LurkEvent *event = widget_event (widget);
  g_autofree char *summary = NULL;

  if (event == NULL)
    return;

  summary = lurk_event_dup_summary (event);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), summary);
}

static void
open_channel_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  GtkWidget *widget = user_data;
  LurkEvent *event = widget_event (widget);
  const char *login = event != NULL ? event_channel_login (event) : NULL;
  g_autofree char *url = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (login == NULL || *login == '\0')
    return;

  /* gtk_show_uri(): GtkUriLauncher is GTK 4.10; the OpenURI portal in Flatpak */
  url = lurk_dup_channel_url (login);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
watch_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  LurkEvent *event = widget_event (user_data);
  const char *login = event != NULL ? event_channel_login (event) : NULL;
  GApplication *app = g_application_get_default ();

  if (login == NULL || *login == '\0' || app == NULL ||
      !g_action_group_has_action (G_ACTION_GROUP (app), "open-streamer"))
    return;

  g_action_group_activate_action (G_ACTION_GROUP (app), "open-streamer",
                                  g_variant_new_string (login));
}

static GMenuModel *
dup_menu (LurkEvent *event)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  const char *login = event_channel_login (event);
  LurkEventKind kind = lurk_event_get_kind (event);

  g_menu_append (menu, _("_Copy Summary"), "event.copy-summary");
  if (login != NULL && *login != '\0')
    {
      g_menu_append (menu, _("_Open Channel in Browser"), "event.open-channel");
      if (kind == LURK_EVENT_KIND_RAID_IN || kind == LURK_EVENT_KIND_RAID_OUT)
        g_menu_append (menu, _("_Watch in Lurk"), "event.watch");
    }

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
popup (GtkWidget *widget,
       double     x,
       double     y)
{
  GtkPopover *popover = g_object_get_data (G_OBJECT (widget), MENU_KEY);
  LurkEvent *event = widget_event (widget);
  g_autoptr(GMenuModel) menu = NULL;

  if (event == NULL || popover == NULL)
    return;

  menu = dup_menu (event);
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (popover), menu);
  if (x >= 0 && y >= 0)
    gtk_popover_set_pointing_to (popover, &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  else
    gtk_popover_set_pointing_to (popover, NULL);
  gtk_popover_popup (popover);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            GtkWidget       *widget)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup (widget, x, y);
}

static void
long_pressed_cb (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 GtkWidget           *widget)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup (widget, x, y);
}

/* A popover must be unparented before its parent goes. A parent like GtkBox may have removed
 * it already in its own dispose: only a child still there is unparented (the pointer is only
 * compared, never followed). */
static void
destroy_cb (GtkWidget *widget)
{
  gpointer popover = g_object_steal_data (G_OBJECT (widget), MENU_KEY);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if ((gpointer) child == popover)
      {
        gtk_widget_unparent (child);
        break;
      }
}

/**
 * lurk_event_menu_attach:
 * @widget: a list row's widget: @row or a widget holding it
 * @row: the row whose event the menu acts on
 */
void
lurk_event_menu_attach (GtkWidget    *widget,
                        LurkEventRow *row)
{
  static const GActionEntry entries[] = {
    { "copy-summary", copy_summary_activated },
    { "open-channel", open_channel_activated },
    { "watch", watch_activated },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *popover = gtk_popover_menu_new_from_model (NULL);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *long_press = gtk_gesture_long_press_new ();

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LURK_IS_EVENT_ROW (row));

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries),
                                   widget);
  gtk_widget_insert_action_group (widget, "event", G_ACTION_GROUP (group));

  g_object_set_data (G_OBJECT (widget), ROW_KEY, row);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, widget);
  g_object_set_data (G_OBJECT (widget), MENU_KEY, popover);
  g_signal_connect (widget, "destroy", G_CALLBACK (destroy_cb), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (long_press), TRUE);
  g_signal_connect (long_press, "pressed", G_CALLBACK (long_pressed_cb), widget);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (long_press));
}

/**
 * lurk_event_menu_popup_at_focus:
 * @root: a window
 *
 * Opens the menu of the row that has the focus in @root (a list's row widget, or one of its
 * descendants), for the Menu key and Shift+F10.
 *
 * Returns: whether a row had the focus
 */
gboolean
lurk_event_menu_popup_at_focus (GtkRoot *root)
{
  for (GtkWidget *focus = gtk_root_get_focus (root);
       focus != NULL;
       focus = gtk_widget_get_parent (focus))
    {
      GtkWidget *child = gtk_widget_get_first_child (focus);

      if (g_object_get_data (G_OBJECT (focus), MENU_KEY) != NULL)
        {
          popup (focus, -1, -1);
          return TRUE;
        }
      if (child != NULL && g_object_get_data (G_OBJECT (child), MENU_KEY) != NULL)
        {
          popup (child, -1, -1);
          return TRUE;
        }
    }

  return FALSE;
}
