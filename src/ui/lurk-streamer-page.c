/* lurk-streamer-page.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-streamer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-streamer-page.h"
#include "lurk-ui-private.h"

/*
 * The Streamer page: a header with the streamer's name and live status, the main area for
 * video and chat, and the events sidebar (an AdwFlap at the end).
 *
 * TODO(issue 6): the video and chat placeholders become WebKit views, and the sidebar's
 * empty state gives way to the event list (issue 4 delivers the events).
 */

struct _LurkStreamerPage
{
  AdwBin          parent_instance;

  char           *login;
  char           *display_name;
  LurkLiveStatus  live_status;
  guint           chat_visible : 1;
  guint           sidebar_visible : 1;

  AdwWindowTitle *window_title;
  GtkLabel       *live_badge;
  AdwFlap        *flap;
  AdwFlap        *chat_flap;
  GtkBox         *chat_box;
  GtkBox         *events_box;
  AdwStatusPage  *video_placeholder;
  AdwStatusPage  *chat_placeholder;
  AdwStatusPage  *events_empty;
};

G_DEFINE_FINAL_TYPE (LurkStreamerPage, lurk_streamer_page, ADW_TYPE_BIN)

G_DEFINE_ENUM_TYPE (LurkLiveStatus, lurk_live_status,
  G_DEFINE_ENUM_VALUE (LURK_LIVE_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (LURK_LIVE_STATUS_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (LURK_LIVE_STATUS_LIVE, "live"))

enum {
  PROP_0,
  PROP_LOGIN,
  PROP_DISPLAY_NAME,
  PROP_LIVE_STATUS,
  PROP_CHAT_VISIBLE,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **dest,
            const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);

  return TRUE;
}

static void
lurk_streamer_page_update_header (LurkStreamerPage *self)
{
  g_autofree char *subtitle = NULL;
  const char *title;

  if (self->display_name != NULL && self->display_name[0] != '\0')
    title = self->display_name;
  else
    title = self->login;

  switch (self->live_status)
    {
    case LURK_LIVE_STATUS_LIVE:
      subtitle = g_strdup (_("Live now"));
      break;

    case LURK_LIVE_STATUS_OFFLINE:
      subtitle = g_strdup (_("Offline"));
      break;

    case LURK_LIVE_STATUS_UNKNOWN:
    default:
      /* Until the status is known the subtitle says where the channel is. */
      subtitle = self->login[0] != '\0' ? g_strdup_printf ("twitch.tv/%s", self->login)
                                        : g_strdup ("");
      break;
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->live_badge),
                          self->live_status == LURK_LIVE_STATUS_LIVE);
}

static void
lurk_streamer_page_dispose (GObject *object)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_STREAMER_PAGE);

  G_OBJECT_CLASS (lurk_streamer_page_parent_class)->dispose (object);
}

static void
lurk_streamer_page_finalize (GObject *object)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->display_name, g_free);

  G_OBJECT_CLASS (lurk_streamer_page_parent_class)->finalize (object);
}

static void
lurk_streamer_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      g_value_set_string (value, self->login);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_LIVE_STATUS:
      g_value_set_enum (value, self->live_status);
      break;

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
lurk_streamer_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      lurk_streamer_page_set_login (self, g_value_get_string (value));
      break;

    case PROP_DISPLAY_NAME:
      lurk_streamer_page_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_LIVE_STATUS:
      lurk_streamer_page_set_live_status (self, g_value_get_enum (value));
      break;

    case PROP_CHAT_VISIBLE:
      if (self->chat_visible != g_value_get_boolean (value))
        {
          self->chat_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar_visible != g_value_get_boolean (value))
        {
          self->sidebar_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_streamer_page_class_init (LurkStreamerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_streamer_page_dispose;
  object_class->finalize = lurk_streamer_page_finalize;
  object_class->get_property = lurk_streamer_page_get_property;
  object_class->set_property = lurk_streamer_page_set_property;

  properties[PROP_LOGIN] =
    g_param_spec_string ("login", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIVE_STATUS] =
    g_param_spec_enum ("live-status", NULL, NULL,
                       LURK_TYPE_LIVE_STATUS,
                       LURK_LIVE_STATUS_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHAT_VISIBLE] =
    g_param_spec_boolean ("chat-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  _lurk_ui_ensure_resources ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-streamer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, live_badge);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, flap);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, chat_flap);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, chat_box);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_box);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, video_placeholder);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, chat_placeholder);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_empty);
}

static void
lurk_streamer_page_init (LurkStreamerPage *self)
{
  self->login = g_strdup ("");
  self->chat_visible = TRUE;
  self->sidebar_visible = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  lurk_streamer_page_update_header (self);
}

GtkWidget *
lurk_streamer_page_new (void)
{
  return g_object_new (LURK_TYPE_STREAMER_PAGE, NULL);
}

const char *
lurk_streamer_page_get_login (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->login;
}

/**
 * lurk_streamer_page_set_login:
 * @self: a streamer page
 * @login: (nullable): the streamer's Twitch login
 *
 * Sets whose page this is. A new login forgets the display name and live status of the
 * previous one.
 */
void
lurk_streamer_page_set_login (LurkStreamerPage *self,
                              const char       *login)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));

  if (!set_string (&self->login, login != NULL ? login : ""))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN]);
  lurk_streamer_page_set_display_name (self, NULL);
  lurk_streamer_page_set_live_status (self, LURK_LIVE_STATUS_UNKNOWN);
  g_object_thaw_notify (G_OBJECT (self));

  lurk_streamer_page_update_header (self);
}

const char *
lurk_streamer_page_get_display_name (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->display_name;
}

/**
 * lurk_streamer_page_set_display_name:
 * @self: a streamer page
 * @display_name: (nullable): the name as the streamer writes it (Helix `display_name`), or
 *   %NULL to show the login
 */
void
lurk_streamer_page_set_display_name (LurkStreamerPage *self,
                                     const char       *display_name)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));

  if (!set_string (&self->display_name, display_name))
    return;

  lurk_streamer_page_update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

LurkLiveStatus
lurk_streamer_page_get_live_status (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), LURK_LIVE_STATUS_UNKNOWN);

  return self->live_status;
}

void
lurk_streamer_page_set_live_status (LurkStreamerPage *self,
                                    LurkLiveStatus    live_status)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));
  g_return_if_fail (live_status <= LURK_LIVE_STATUS_LIVE);

  if (self->live_status == live_status)
    return;

  self->live_status = live_status;
  lurk_streamer_page_update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_STATUS]);
}

/**
 * lurk_streamer_page_get_title:
 * @self: a streamer page
 *
 * Returns: the name the header shows
 */
const char *
lurk_streamer_page_get_title (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return adw_window_title_get_title (self->window_title);
}

/**
 * lurk_streamer_page_get_subtitle:
 * @self: a streamer page
 *
 * Returns: the status line the header shows
 */
const char *
lurk_streamer_page_get_subtitle (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return adw_window_title_get_subtitle (self->window_title);
}
