/* lurk-window.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-a11y.h"
#include "lurk-home-page.h"
#include "lurk-login-name.h"
#include "lurk-profile.h"
#include "lurk-streamer-page.h"
#include "lurk-window.h"

/*
 * LurkWindow is the main window: a toast overlay over a leaflet with the Home page (account
 * and favorite streamer) and the Streamer page (video, chat, events). Pages are named
 * "home" and "streamer"; new pages join the leaflet in lurk-window.ui.
 */

struct _LurkWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  LurkHomePage         *home_page;
  LurkStreamerPage     *streamer_page;

  guint                 chat_visible : 1;
  guint                 sidebar_visible : 1;
};

G_DEFINE_FINAL_TYPE (LurkWindow, lurk_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CHAT_VISIBLE,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lurk_window_update_actions (LurkWindow *self)
{
  g_autofree char *login = g_settings_get_string (self->settings, "favorite-login");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-streamer", login[0] != '\0');
}

static void
lurk_window_favorite_login_changed_cb (LurkWindow *self,
                                       const char *key,
                                       GSettings  *settings)
{
  g_autofree char *login = g_settings_get_string (settings, "favorite-login");

  lurk_window_update_actions (self);

  /* The favorite is gone (reset from elsewhere): there is no streamer page to show. */
  if (login[0] == '\0' && g_strcmp0 (lurk_window_get_visible_page (self), "streamer") == 0)
    lurk_window_show_home (self);
}

/* "Name — Lurk" on the streamer page, which is what the window switcher shows. */
static void
lurk_window_update_title (LurkWindow *self)
{
  g_autofree char *title = NULL;

  if (adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->streamer_page) &&
      lurk_streamer_page_get_title (self->streamer_page) != NULL &&
      lurk_streamer_page_get_title (self->streamer_page)[0] != '\0')
    /* Translators: the window title on a streamer's page: "<channel> — Lurk" */
    title = g_strdup_printf (_("%s — Lurk"), lurk_streamer_page_get_title (self->streamer_page));
  else
    title = g_strdup (_("Lurk"));

  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The leaflet never unfolds, but Tab still went on into the page out of sight. */
static void
lurk_window_visible_page_cb (LurkWindow *self)
{
  GtkWidget *visible = adw_leaflet_get_visible_child (self->leaflet);

  lurk_window_update_title (self);

  gtk_widget_set_can_focus (GTK_WIDGET (self->home_page), visible == GTK_WIDGET (self->home_page));
  gtk_widget_set_can_focus (GTK_WIDGET (self->streamer_page),
                            visible == GTK_WIDGET (self->streamer_page));
}

static void
lurk_window_save_state (LurkWindow *self)
{
  int width = 0;
  int height = 0;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  /* A delay-apply object of its own: delay mode cannot be left again. */
  g_autoptr(GSettings) batch = lurk_profile_new_settings ();

  g_settings_delay (batch);

  /* While maximized the default size still holds the unmaximized size: keep that one. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (batch, "window-width", width);
      g_settings_set_int (batch, "window-height", height);
    }
  g_settings_set_boolean (batch, "window-maximized", maximized);

  g_settings_apply (batch);
}

static void
lurk_window_restore_state (LurkWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
lurk_window_close_request (GtkWindow *window)
{
  lurk_window_save_state (LURK_WINDOW (window));

  return GTK_WINDOW_CLASS (lurk_window_parent_class)->close_request (window);
}

static void
show_home_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  lurk_window_show_home (LURK_WINDOW (widget));
}

static void
show_streamer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  lurk_window_show_streamer (LURK_WINDOW (widget));
}

static void
open_streamer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LurkWindow *self = LURK_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!lurk_window_open_streamer (self, g_variant_get_string (param, NULL), &error))
    lurk_window_add_toast (self, error->message);
}

static void
move_pane_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LurkWindow *self = LURK_WINDOW (widget);

  if (g_strcmp0 (lurk_window_get_visible_page (self), "streamer") == 0)
    lurk_streamer_page_move_pane (self->streamer_page,
                                  g_str_equal (action_name, "win.next-pane"));
}

static void
lurk_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LurkWindow *self = LURK_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CHAT_VISIBLE:
      g_value_set_boolean (value, self->chat_visible);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LurkWindow *self = LURK_WINDOW (object);
  gboolean visible = g_value_get_boolean (value);

  switch (prop_id)
    {
    case PROP_CHAT_VISIBLE:
      if (self->chat_visible != visible)
        {
          self->chat_visible = visible;
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar_visible != visible)
        {
          self->sidebar_visible = visible;
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_window_dispose (GObject *object)
{
  LurkWindow *self = LURK_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_WINDOW);

  G_OBJECT_CLASS (lurk_window_parent_class)->dispose (object);
}

static void
lurk_window_finalize (GObject *object)
{
  LurkWindow *self = LURK_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lurk_window_parent_class)->finalize (object);
}

static void
lurk_window_class_init (LurkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lurk_window_dispose;
  object_class->finalize = lurk_window_finalize;
  object_class->get_property = lurk_window_get_property;
  object_class->set_property = lurk_window_set_property;

  window_class->close_request = lurk_window_close_request;

  /**
   * LurkWindow:chat-visible:
   *
   * Whether the streamer page shows chat; bound to the `chat-visible` setting and toggled by
   * `win.chat-visible`.
   */
  properties[PROP_CHAT_VISIBLE] =
    g_param_spec_boolean ("chat-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * LurkWindow:sidebar-visible:
   *
   * Whether the streamer page shows the events sidebar; bound to the `sidebar-visible`
   * setting and toggled by `win.sidebar-visible`.
   */
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LURK_TYPE_HOME_PAGE);
  g_type_ensure (LURK_TYPE_STREAMER_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LurkWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LurkWindow, home_page);
  gtk_widget_class_bind_template_child (widget_class, LurkWindow, streamer_page);

  gtk_widget_class_install_action (widget_class, "win.show-home", NULL, show_home_action);
  gtk_widget_class_install_action (widget_class, "win.show-streamer", NULL,
                                   show_streamer_action);
  gtk_widget_class_install_action (widget_class, "win.open-streamer", "s",
                                   open_streamer_action);
  gtk_widget_class_install_property_action (widget_class, "win.chat-visible", "chat-visible");
  gtk_widget_class_install_property_action (widget_class, "win.sidebar-visible",
                                            "sidebar-visible");

  gtk_widget_class_install_action (widget_class, "win.next-pane", NULL, move_pane_action);
  gtk_widget_class_install_action (widget_class, "win.previous-pane", NULL, move_pane_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.next-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK,
                                       "win.previous-pane", NULL);

  /* Also when the window is used without LurkApplication's accelerators (tests). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.show-home", NULL);
}

static void
lurk_window_init (LurkWindow *self)
{
  /* Before the template: its bindings copy these to the streamer page. */
  self->chat_visible = TRUE;
  self->sidebar_visible = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  lurk_a11y_name_controls (GTK_WIDGET (self));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
  gtk_window_set_icon_name (GTK_WINDOW (self), APP_ID);

  self->settings = lurk_profile_new_settings ();

  g_settings_bind (self->settings, "favorite-login", self->home_page, "favorite-login",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "favorite-login", self->streamer_page, "login",
                   G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "chat-visible", self, "chat-visible",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "sidebar-visible", self, "sidebar-visible",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::favorite-login",
                           G_CALLBACK (lurk_window_favorite_login_changed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->streamer_page, "notify::display-name",
                           G_CALLBACK (lurk_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->streamer_page, "notify::login",
                           G_CALLBACK (lurk_window_update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->leaflet, "notify::visible-child",
                           G_CALLBACK (lurk_window_visible_page_cb), self, G_CONNECT_SWAPPED);
  lurk_window_visible_page_cb (self);

  lurk_window_restore_state (self);
  lurk_window_update_actions (self);
}

/**
 * lurk_window_new:
 * @application: the application
 *
 * Returns: (transfer full): a new main window
 */
LurkWindow *
lurk_window_new (LurkApplication *application)
{
  g_return_val_if_fail (LURK_IS_APPLICATION (application), NULL);

  return g_object_new (LURK_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * lurk_window_add_toast:
 * @self: a window
 * @title: the text to show, plain (not markup)
 *
 * libadwaita 1.2 reads a toast's title as Pango markup: an error that quotes a `<` or `&` the
 * user typed would show an empty toast. The title is escaped here.
 */
void
lurk_window_add_toast (LurkWindow *self,
                       const char *title)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (LURK_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  markup = g_markup_escape_text (title, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/**
 * lurk_window_open_streamer:
 * @self: a window
 * @input: a Twitch login as the user typed it
 * @error: return location for a %LURK_ERROR_INVALID_LOGIN error
 *
 * Makes @input (normalized) the favorite streamer, saving it in GSettings, and shows its
 * page. A new favorite clears the stored user ID of the old one.
 *
 * Returns: %TRUE on success
 */
gboolean
lurk_window_open_streamer (LurkWindow  *self,
                           const char  *input,
                           GError     **error)
{
  g_autofree char *login = NULL;
  g_autofree char *old_login = NULL;

  g_return_val_if_fail (LURK_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  login = lurk_login_name_normalize (input, error);
  if (login == NULL)
    return FALSE;

  old_login = g_settings_get_string (self->settings, "favorite-login");
  if (g_strcmp0 (old_login, login) != 0)
    {
      /* Both keys change together (a separate object: delay mode cannot be left again). */
      g_autoptr(GSettings) batch = lurk_profile_new_settings ();

      g_settings_delay (batch);
      g_settings_set_string (batch, "favorite-login", login);
      g_settings_set_string (batch, "favorite-id", "");
      g_settings_apply (batch);
    }

  lurk_window_show_streamer (self);

  return TRUE;
}

void
lurk_window_show_home (LurkWindow *self)
{
  g_return_if_fail (LURK_IS_WINDOW (self));

  adw_leaflet_set_visible_child_name (self->leaflet, "home");
}

/**
 * lurk_window_show_streamer:
 * @self: a window
 *
 * Shows the favorite streamer's page; does nothing while there is no favorite.
 */
void
lurk_window_show_streamer (LurkWindow *self)
{
  g_autofree char *login = NULL;

  g_return_if_fail (LURK_IS_WINDOW (self));

  login = g_settings_get_string (self->settings, "favorite-login");
  if (login[0] == '\0')
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "streamer");
}

/**
 * lurk_window_get_visible_page:
 * @self: a window
 *
 * Returns: "home" or "streamer"
 */
const char *
lurk_window_get_visible_page (LurkWindow *self)
{
  g_return_val_if_fail (LURK_IS_WINDOW (self), NULL);

  return adw_leaflet_get_visible_child_name (self->leaflet);
}
