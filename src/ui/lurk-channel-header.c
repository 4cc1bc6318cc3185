/* lurk-channel-header.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-channel-header"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-channel-header.h"

/*
 * The streamer page's header: avatar, display name, LIVE badge and uptime, title and
 * category. Everything comes from the #LurkChannel (Helix when the page opens, then only
 * stream.online/offline and channel.update events); the only timer is the uptime's, once
 * a second while the header is mapped and the channel live.
 */

struct _LurkChannelHeader
{
  GtkWidget    parent_instance;

  LurkChannel  *channel;
  GSignalGroup *channel_signals;
  guint         uptime_id;

  GtkWidget   *box;
  AdwAvatar   *avatar;
  GtkLabel    *name_label;
  GtkLabel    *live_label;
  GtkLabel    *status_label;
  GtkLabel    *title_label;
  GtkLabel    *category_label;
};

G_DEFINE_FINAL_TYPE (LurkChannelHeader, lurk_channel_header, GTK_TYPE_WIDGET)

/**
 * lurk_format_uptime:
 * @started_at_usec: when the stream started
 * @now_usec: now
 *
 * Returns: (transfer full): "0:42" under an hour ("M:SS"), else "H:MM:SS"
 */
char *
lurk_format_uptime (gint64 started_at_usec,
                    gint64 now_usec)
{
  gint64 seconds = MAX (0, (now_usec - started_at_usec) / G_USEC_PER_SEC);

  if (seconds < 3600)
    return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));

  return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                          (int) (seconds % 60));
}

static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && text[0] != '\0');
}

static void
lurk_channel_header_update_status (LurkChannelHeader *self)
{
  g_autofree char *status = NULL;
  g_autofree char *uptime = NULL;
  gboolean live = self->channel != NULL && lurk_channel_get_live (self->channel);

  if (self->channel == NULL || lurk_channel_get_login (self->channel) == NULL)
    status = g_strdup ("");
  else if (live && lurk_channel_get_started_at (self->channel) > 0)
    {
      uptime = lurk_format_uptime (lurk_channel_get_started_at (self->channel),
                                   g_get_real_time ());
      /* Translators: how long the stream has been live, e.g. "for 1:02:03" */
      status = g_strdup_printf (_("for %s"), uptime);
    }
  else if (live)
    status = g_strdup ("");
  else if (lurk_channel_get_loading (self->channel) ||
           lurk_channel_get_display_name (self->channel) == NULL)
    /* Helix has not said (signed out, or not yet) whether the channel even exists. */
    status = g_strdup ("");
  else
    status = g_strdup (_("Offline"));

  gtk_widget_set_visible (GTK_WIDGET (self->live_label), live);
  gtk_label_set_text (self->status_label, status);
}

static gboolean
uptime_tick_cb (gpointer user_data)
{
  LurkChannelHeader *self = user_data;

  /* Setting no channel (or disposing) removes the timer. */
  g_assert (self->channel != NULL);

  lurk_channel_header_update_status (self);

  return G_SOURCE_CONTINUE;
}

static void
lurk_channel_header_update_timer (LurkChannelHeader *self)
{
  gboolean wanted = gtk_widget_get_mapped (GTK_WIDGET (self)) && self->channel != NULL &&
                    lurk_channel_get_live (self->channel);

  if (wanted && self->uptime_id == 0)
    self->uptime_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 1, uptime_tick_cb, self,
                                                  NULL);
  else if (!wanted)
    g_clear_handle_id (&self->uptime_id, g_source_remove);
}

static void
lurk_channel_header_update (LurkChannelHeader *self)
{
  const char *name = NULL;
  const char *category = NULL;
  g_autofree char *category_text = NULL;

  if (self->channel != NULL)
    {
      name = lurk_channel_get_display_name (self->channel);
      if (name == NULL)
        name = lurk_channel_get_login (self->channel);
      category = lurk_channel_get_category (self->channel);
    }

  gtk_label_set_text (self->name_label, name != NULL ? name : "");
  adw_avatar_set_text (self->avatar, name);
  adw_avatar_set_custom_image (self->avatar,
                               self->channel != NULL ? lurk_channel_get_avatar (self->channel)
                                                     : NULL);
  set_optional_label (self->title_label,
                      self->channel != NULL ? lurk_channel_get_title (self->channel) : NULL);
  set_optional_label (self->category_label, category);

  lurk_channel_header_update_status (self);
  lurk_channel_header_update_timer (self);
}

static void
lurk_channel_header_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lurk_channel_header_parent_class)->map (widget);
  lurk_channel_header_update (LURK_CHANNEL_HEADER (widget));
}

static void
lurk_channel_header_unmap (GtkWidget *widget)
{
  LurkChannelHeader *self = LURK_CHANNEL_HEADER (widget);

  g_clear_handle_id (&self->uptime_id, g_source_remove);
  GTK_WIDGET_CLASS (lurk_channel_header_parent_class)->unmap (widget);
}

static void
lurk_channel_header_dispose (GObject *object)
{
  LurkChannelHeader *self = LURK_CHANNEL_HEADER (object);

  g_clear_handle_id (&self->uptime_id, g_source_remove);
  g_clear_object (&self->channel_signals);
  g_clear_object (&self->channel);
  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_CHANNEL_HEADER);

  G_OBJECT_CLASS (lurk_channel_header_parent_class)->dispose (object);
}

static void
lurk_channel_header_class_init (LurkChannelHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_channel_header_dispose;
  widget_class->map = lurk_channel_header_map;
  widget_class->unmap = lurk_channel_header_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-channel-header.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkChannelHeader, box);
  gtk_widget_class_bind_template_child (widget_class, LurkChannelHeader, avatar);
  gtk_widget_class_bind_template_child (widget_class, LurkChannelHeader, name_label);
  gtk_widget_class_bind_template_child (widget_class, LurkChannelHeader, live_label);
  gtk_widget_class_bind_template_child (widget_class, LurkChannelHeader, status_label);
  gtk_widget_class_bind_template_child (widget_class, LurkChannelHeader, title_label);
  gtk_widget_class_bind_template_child (widget_class, LurkChannelHeader, category_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "channelheader");
}

static void
lurk_channel_header_init (LurkChannelHeader *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->channel_signals = g_signal_group_new (LURK_TYPE_CHANNEL);
  g_signal_group_connect_object (self->channel_signals, "notify",
                                 G_CALLBACK (lurk_channel_header_update), self,
                                 G_CONNECT_SWAPPED);
}

GtkWidget *
lurk_channel_header_new (void)
{
  return g_object_new (LURK_TYPE_CHANNEL_HEADER, NULL);
}

LurkChannel *
lurk_channel_header_get_channel (LurkChannelHeader *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL_HEADER (self), NULL);

  return self->channel;
}

void
lurk_channel_header_set_channel (LurkChannelHeader *self,
                                 LurkChannel       *channel)
{
  g_return_if_fail (LURK_IS_CHANNEL_HEADER (self));
  g_return_if_fail (channel == NULL || LURK_IS_CHANNEL (channel));

  if (self->channel == channel)
    return;

  g_set_object (&self->channel, channel);
  g_signal_group_set_target (self->channel_signals, channel);

  lurk_channel_header_update (self);
}

const char *
lurk_channel_header_get_name (LurkChannelHeader *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL_HEADER (self), NULL);
  return gtk_label_get_text (self->name_label);
}

const char *
lurk_channel_header_get_status (LurkChannelHeader *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL_HEADER (self), NULL);
  return gtk_label_get_text (self->status_label);
}

const char *
lurk_channel_header_get_title (LurkChannelHeader *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL_HEADER (self), NULL);
  return gtk_label_get_text (self->title_label);
}

const char *
lurk_channel_header_get_category (LurkChannelHeader *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL_HEADER (self), NULL);
  return gtk_label_get_text (self->category_label);
}

gboolean
lurk_channel_header_get_live (LurkChannelHeader *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL_HEADER (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->live_label));
}
