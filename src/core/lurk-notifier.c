/* lurk-notifier.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-notifier"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-notifier.h"

/*
 * Desktop notifications (GNotification) when the favorite goes live and for raids, each
 * behind its switch in Preferences (`notify-live`, `notify-raid`). The notifier reads what
 * the event model added to the list (LurkEventModel::events-added), so it tells what the
 * sidebar shows: only events that arrive live — never the history read at startup —, the
 * chat's raid notice that follows channel.raid for the same raid folded into one. At most
 * one notification per kind every RATE_SECONDS: what arrives in between is folded into the
 * next one ("… and 3 more raids"). Each kind has a fixed notification id, so a new one
 * replaces the last instead of piling up. The default action opens the streamer page.
 *
 * Nothing is sent while #LurkNotifier:foreground is set — the UI sets it while a window of
 * the application is the active (focused) one: the user is looking at Lurk, the sidebar
 * shows the event (GNOME's convention; what was waiting for the rate limit is dropped too).
 * This file knows no widget: core is GIO/GDK only.
 */

#define RATE_SECONDS 30

typedef struct
{
  const char *id;       /* notification id, and the settings key's suffix */
  const char *key;
  gint64      last;     /* monotonic time of the last one sent */
  guint       pending;  /* folded into the next */
  LurkEvent  *latest;
  guint       timer;
  LurkNotifier *owner;
} Kind;

struct _LurkNotifier
{
  GObject       parent_instance;

  GApplication   *application;  /* weak: the application owns the notifier */
  LurkEventModel *model;
  GSettings      *settings;
  Kind            kinds[2];
  guint           n_sent;
  gboolean        foreground;
};

G_DEFINE_FINAL_TYPE (LurkNotifier, lurk_notifier, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FOREGROUND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static void
lurk_notifier_send (LurkNotifier *self,
                    Kind         *kind)
{
  g_autoptr(GNotification) notification = NULL;
  guint more = kind->pending > 0 ? kind->pending - 1 : 0;

  if (kind->latest == NULL || self->application == NULL)
    return;

  if (self->foreground)
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

  if (self->foreground)
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
events_added_cb (LurkNotifier   *self,
                 GPtrArray      *events,
                 LurkEventModel *model)
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
    }
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (lurk_notifier_parent_class)->dispose (object);
}

static void
lurk_notifier_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LurkNotifier *self = LURK_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_FOREGROUND:
      g_value_set_boolean (value, self->foreground);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_notifier_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LurkNotifier *self = LURK_NOTIFIER (object);

  switch (prop_id)
    {
    case PROP_FOREGROUND:
      lurk_notifier_set_foreground (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_notifier_class_init (LurkNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_notifier_dispose;
  object_class->get_property = lurk_notifier_get_property;
  object_class->set_property = lurk_notifier_set_property;

  /**
   * LurkNotifier:foreground:
   *
   * Whether the user is looking at Lurk (a window of the application has the focus): then
   * nothing is sent, and what waited for the rate limit is dropped. The UI keeps it current.
   */
  properties[PROP_FOREGROUND] =
    g_param_spec_boolean ("foreground", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
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
 * @model: the favorite's event model, whose live additions are watched
 * @settings: the profile's settings (`notify-live`, `notify-raid`)
 *
 * Returns: (transfer full): a notifier, working until disposed
 */
LurkNotifier *
lurk_notifier_new (GApplication   *application,
                   LurkEventModel *model,
                   GSettings      *settings)
{
  LurkNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (model), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LURK_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->application, application);
  self->model = g_object_ref (model);
  self->settings = g_object_ref (settings);
  g_signal_connect_object (model, "events-added", G_CALLBACK (events_added_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

gboolean
lurk_notifier_get_foreground (LurkNotifier *self)
{
  g_return_val_if_fail (LURK_IS_NOTIFIER (self), FALSE);

  return self->foreground;
}

/**
 * lurk_notifier_set_foreground:
 * @self: a notifier
 * @foreground: whether a window of the application has the focus
 *
 * While in the foreground nothing is sent; entering it drops what waited for the rate
 * limit (the sidebar shows it).
 */
void
lurk_notifier_set_foreground (LurkNotifier *self,
                              gboolean      foreground)
{
  g_return_if_fail (LURK_IS_NOTIFIER (self));

  foreground = !!foreground;
  if (self->foreground == foreground)
    return;

  self->foreground = foreground;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOREGROUND]);
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
