/* lurk-notifier.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include <gtk/gtk.h>

#include "lurk-event-model.h"
#include "lurk-notifier.h"

/*
 * Desktop notifications (GNotification) when the favorite goes live and for raids, each
 * behind its switch in Preferences (`notify-live`, `notify-raid`). Only events that arrive
 * live from the listener count — never the history read at startup — and at most one
 * notification per kind every RATE_SECONDS: what arrives in between is folded into the next
 * one ("… and 3 more raids"). Each kind has a fixed notification id, so a new one replaces
 * the last instead of piling up. The default action opens the streamer page.
 *
 * Nothing is sent while a window of the application is the active (focused) one: the user
 * is looking at Lurk, the sidebar shows the event (GNOME's convention; what was waiting for
 * the rate limit is dropped too). The chat's raid notice that follows channel.raid for the
 * same raid is not a second raid.
 */

#define RATE_SECONDS 30

typedef struct
{
  const char *id;       /* notification id, and the settings key's suffix */
  const char *key;
  gint64      last;     /* monotonic time of the last one sent */
  guint       pending;  /* folded into the next */
  LurkEvent  *latest;
  LurkEvent  *previous; /* the last event queued, for raid twins */
  guint       timer;
  LurkNotifier *owner;
} Kind;

struct _LurkNotifier
{
  GObject       parent_instance;

  GApplication *application;  /* weak: the application owns the notifier */
  LurkChannel  *channel;
  GSettings    *settings;
  Kind          kinds[2];
  guint         n_sent;
};

G_DEFINE_FINAL_TYPE (LurkNotifier, lurk_notifier, G_TYPE_OBJECT)

/**
 * lurk_notifier_build:
 * @event: a stream.online or raid event
 * @more: how many more of the same kind arrived since the last notification
 *
 * Returns: (transfer full): the notification for @event
 */
GNotification *
lurk_notifier_build (LurkEvent *event,
                     guint      more)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GIcon) icon = NULL;
  const char *name;
  const char *login;

  g_return_val_if_fail (LURK_IS_EVENT (event), NULL);

  name = lurk_event_get_broadcaster_name (event);
  login = lurk_event_get_broadcaster_login (event);
  if (name == NULL)
    name = login != NULL ? login : "";

  summary = lurk_event_dup_summary (event);

  if (lurk_event_get_kind (event) == LURK_EVENT_KIND_STREAM_ONLINE)
    {
      /* Translators: notification title, %s is the streamer */
      title = g_strdup_printf (_("%s is live"), name);
      body = g_strdup (_("Open Lurk to watch"));
    }
  else
    {
      title = g_strdup_printf ("%s", name);
      if (more > 0)
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, and %u more raid",
                                             "%s, and %u more raids", more),
                                summary, more);
      else
        body = g_strdup (summary);
    }

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  icon = g_themed_icon_new (APP_ID);
  g_notification_set_icon (notification, icon);
  if (login != NULL && login[0] != '\0')
    g_notification_set_default_action_and_target (notification, "app.open-streamer", "s", login);
  else
    g_notification_set_default_action (notification, "app.activate");
  g_notification_set_category (notification, "im.received");

  return g_steal_pointer (&notification);
}

/* The user is in Lurk: its active window has the focus. */
static gboolean
lurk_notifier_app_is_focused (LurkNotifier *self)
{
  GtkWindow *window;

  if (!GTK_IS_APPLICATION (self->application))
    return FALSE;

  window = gtk_application_get_active_window (GTK_APPLICATION (self->application));

  return window != NULL && gtk_window_is_active (window);
}

static void
lurk_notifier_send (LurkNotifier *self,
                    Kind         *kind)
{
  g_autoptr(GNotification) notification = NULL;
  guint more = kind->pending > 0 ? kind->pending - 1 : 0;

  if (kind->latest == NULL || self->application == NULL)
    return;

  if (lurk_notifier_app_is_focused (self))
    {
      g_debug ("Not notifying: the window has the focus");
      kind->pending = 0;
      g_clear_object (&kind->latest);
      return;
    }

  notification = lurk_notifier_build (kind->latest, more);
  g_application_send_notification (self->application, kind->id, notification);
  self->n_sent++;
  kind->last = g_get_monotonic_time ();
  kind->pending = 0;
  g_clear_object (&kind->latest);
}

static gboolean
kind_timer_cb (gpointer user_data)
{
  Kind *kind = user_data;
  kind->timer = 0;
  lurk_notifier_send (kind->owner, kind);

  return G_SOURCE_REMOVE;
}

static void
lurk_notifier_queue (LurkNotifier *self,
                     Kind         *kind,
                     LurkEvent    *event)
{
  gint64 since;

  if (!g_settings_get_boolean (self->settings, kind->key))
    return;

  if (kind->previous != NULL && lurk_event_model_same_raid (kind->previous, event))
    return;
  g_set_object (&kind->previous, event);

  if (lurk_notifier_app_is_focused (self))
    return;

  kind->pending++;
  g_set_object (&kind->latest, event);

  if (kind->timer != 0)
    return;

  since = g_get_monotonic_time () - kind->last;
  if (kind->last == 0 || since >= RATE_SECONDS * G_USEC_PER_SEC)
    lurk_notifier_send (self, kind);
  else
    kind->timer = g_timeout_add_seconds (RATE_SECONDS - since / G_USEC_PER_SEC, kind_timer_cb,
                                         kind);
}

static void
channel_events_cb (LurkNotifier *self,
                   GPtrArray    *events,
                   LurkChannel  *channel)
{
  for (guint i = 0; i < events->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (events, i);

      switch (lurk_event_get_kind (event))
        {
        case LURK_EVENT_KIND_STREAM_ONLINE:
          lurk_notifier_queue (self, &self->kinds[0], event);
          break;

        case LURK_EVENT_KIND_RAID_IN:
        case LURK_EVENT_KIND_RAID_OUT:
          lurk_notifier_queue (self, &self->kinds[1], event);
          break;

        default:
          break;
        }
    }
}

static void
lurk_notifier_dispose (GObject *object)
{
  LurkNotifier *self = LURK_NOTIFIER (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->kinds); i++)
    {
      g_clear_handle_id (&self->kinds[i].timer, g_source_remove);
      g_clear_object (&self->kinds[i].latest);
      g_clear_object (&self->kinds[i].previous);
    }
  g_clear_object (&self->channel);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (lurk_notifier_parent_class)->dispose (object);
}

static void
lurk_notifier_class_init (LurkNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lurk_notifier_dispose;
}

static void
lurk_notifier_init (LurkNotifier *self)
{
  self->kinds[0].id = "live";
  self->kinds[0].key = "notify-live";
  self->kinds[1].id = "raid";
  self->kinds[1].key = "notify-raid";
  for (guint i = 0; i < G_N_ELEMENTS (self->kinds); i++)
    self->kinds[i].owner = self;
}

/**
 * lurk_notifier_new:
 * @application: the application that sends the notifications
 * @channel: the favorite channel, whose live events are watched
 * @settings: the profile's settings (`notify-live`, `notify-raid`)
 *
 * Returns: (transfer full): a notifier, working until disposed
 */
LurkNotifier *
lurk_notifier_new (GApplication *application,
                   LurkChannel  *channel,
                   GSettings    *settings)
{
  LurkNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LURK_IS_CHANNEL (channel), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LURK_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->channel = g_object_ref (channel);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (channel, "events", G_CALLBACK (channel_events_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * lurk_notifier_get_n_sent:
 * @self: a notifier
 *
 * Returns: how many notifications were sent
 */
guint
lurk_notifier_get_n_sent (LurkNotifier *self)
{
  g_return_val_if_fail (LURK_IS_NOTIFIER (self), 0);

  return self->n_sent;
}
