/* lurk-channel.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-channel"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-channel.h"
#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-event-store.h"
#include "lurk-helix.h"
#include "lurk-json-scan.h"
#include "lurk-listener.h"
#include "lurk-profile.h"

struct _LurkChannel
{
  GObject          parent_instance;

  LurkAccount     *account;
  GSettings       *settings;
  LurkEventModel  *model;
  LurkEventDelay  *delay;          /* between the listener and the model */
  LurkHelix       *helix;
  LurkListener    *listener;
  LurkEventStore  *store;          /* the reading side */
  GCancellable    *cancellable;    /* for the life of the object */
  GCancellable    *lookup;         /* for the current login */

  char            *login;
  char            *broadcaster_id;
  char            *display_name;
  char            *description;
  char            *avatar_url;
  GdkTexture      *avatar;
  char            *title;
  char            *category;
  char            *error_message;
  gint64           started_at;
  LurkConnection   connection;
  guint            live : 1;
  guint            started : 1;
  guint            looked_up : 1;
  guint            loading : 1;
  guint            history_loaded : 1;
};

G_DEFINE_FINAL_TYPE (LurkChannel, lurk_channel, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LOGIN,
  PROP_BROADCASTER_ID,
  PROP_DISPLAY_NAME,
  PROP_DESCRIPTION,
  PROP_AVATAR,
  PROP_LIVE,
  PROP_STARTED_AT,
  PROP_TITLE,
  PROP_CATEGORY,
  PROP_CONNECTION,
  PROP_ERROR_MESSAGE,
  PROP_LOADING,
  PROP_LISTENER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void lurk_channel_update (LurkChannel *self);

static void
set_string_prop (LurkChannel  *self,
                 char        **field,
                 const char   *value,
                 guint         prop)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_live (LurkChannel *self,
          gboolean     live,
          gint64       started_at)
{
  live = !!live;
  if (!live)
    started_at = 0;

  if (self->live != live)
    {
      self->live = live;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE]);
    }
  if (self->started_at != started_at)
    {
      self->started_at = started_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARTED_AT]);
    }
}

static void
set_loading (LurkChannel *self,
             gboolean     loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_connection (LurkChannel    *self,
                LurkConnection  connection)
{
  if (self->connection == connection)
    return;
  self->connection = connection;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

/* Helix's started_at, by the one RFC 3339 parser the events use; 0 when missing */
static gint64
parse_time (const char *rfc3339)
{
  gint64 usec;

  return lurk_rfc3339_parse (rfc3339, &usec) ? usec : 0;
}

static gboolean
is_signed_in (LurkChannel *self)
{
  return lurk_account_get_state (self->account) == LURK_ACCOUNT_SIGNED_IN &&
         lurk_account_get_access_token (self->account) != NULL &&
         lurk_account_get_user_id (self->account) != NULL;
}

/* Images ---------------------------------------------------------------------------- */

static void
texture_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

/**
 * lurk_load_texture_async:
 * @session: the app's #SoupSession
 * @url: an image URL (PNG, JPEG)
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: for @callback
 *
 * Downloads an image (an avatar) and decodes it into a texture.
 */
void
lurk_load_texture_async (SoupSession         *session,
                         const char          *url,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  g_return_if_fail (SOUP_IS_SESSION (session));
  g_return_if_fail (url != NULL);

  task = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_load_texture_async);

  msg = soup_message_new ("GET", url);
  if (msg == NULL)
    {
      g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_FAILED, "Not an image URL");
      return;
    }

  soup_session_send_and_read_async (session, msg, G_PRIORITY_LOW, cancellable,
                                    texture_read_cb, g_steal_pointer (&task));
}

GdkTexture *
lurk_load_texture_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
avatar_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LurkChannel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = lurk_load_texture_finish (result, &error);

  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No avatar: %s", error->message);
      return;
    }

  if (g_set_object (&self->avatar, texture))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVATAR]);
}

/* History from the store ---------------------------------------------------------------- */

typedef struct
{
  LurkChannel *channel;
  char        *broadcaster_id;
} HistoryLoad;

static void
history_load_free (HistoryLoad *load)
{
  g_object_unref (load->channel);
  g_free (load->broadcaster_id);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HistoryLoad, history_load_free)

static void
history_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(HistoryLoad) load = user_data;
  LurkChannel *self = load->channel;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;

  events = lurk_event_store_list_recent_finish (LURK_EVENT_STORE (object), result, &error);
  if (events == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the event history: %s", error->message);
      return;
    }

  /* The answer is about the broadcaster it was asked for: is that still the favorite? */
  if (g_strcmp0 (load->broadcaster_id, self->broadcaster_id) != 0)
    return;

  lurk_event_model_merge (self->model, events);
  g_debug ("History: %u events", events->len);
}

static void
lurk_channel_load_history (LurkChannel *self)
{
  HistoryLoad *load;

  if (self->store == NULL || self->broadcaster_id == NULL || self->history_loaded)
    return;

  /* More than the model shows: it folds raid twins and the gifts of a gift bomb (up to 100
   * sub_gift rows behind one community_sub_gift) into one row each. */
  self->history_loaded = TRUE;
  load = g_new0 (HistoryLoad, 1);
  load->channel = g_object_ref (self);
  load->broadcaster_id = g_strdup (self->broadcaster_id);
  lurk_event_store_list_recent_async (self->store, self->broadcaster_id,
                                      lurk_event_model_get_limit (self->model) * 2 + 100,
                                      self->cancellable, history_loaded_cb, load);
}

static void
store_opened_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LurkChannel) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkEventStore) store = lurk_event_store_new_finish (result, &error);

  if (store == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not open the event history: %s", error->message);
      return;
    }

  g_set_object (&self->store, store);
  lurk_channel_load_history (self);
}

/* The broadcaster --------------------------------------------------------------------- */

static void
lurk_channel_set_broadcaster_id (LurkChannel *self,
                                 const char  *broadcaster_id)
{
  if (broadcaster_id != NULL && broadcaster_id[0] == '\0')
    broadcaster_id = NULL;
  if (g_strcmp0 (self->broadcaster_id, broadcaster_id) == 0)
    return;

  g_free (self->broadcaster_id);
  self->broadcaster_id = g_strdup (broadcaster_id);
  self->history_loaded = FALSE;
  /* What waited for the previous streamer's video is not theirs to show. */
  lurk_event_delay_clear (self->delay);
  lurk_event_model_set_broadcaster_id (self->model, broadcaster_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROADCASTER_ID]);

  lurk_channel_load_history (self);
}

/* The listener ---------------------------------------------------------------------- */

static void
apply_event_to_header (LurkChannel *self,
                       LurkEvent   *event)
{
  switch (lurk_event_get_kind (event))
    {
    case LURK_EVENT_KIND_STREAM_ONLINE:
      {
        gint64 started_at = lurk_event_get_started_at (event);

        set_live (self, TRUE, started_at > 0 ? started_at : lurk_event_get_occurred_at (event));
      }
      break;

    case LURK_EVENT_KIND_STREAM_OFFLINE:
      set_live (self, FALSE, 0);
      break;

    case LURK_EVENT_KIND_CHANNEL_UPDATE:
      if (lurk_event_get_title (event) != NULL)
        set_string_prop (self, &self->title, lurk_event_get_title (event), PROP_TITLE);
      if (lurk_event_get_category (event) != NULL)
        set_string_prop (self, &self->category, lurk_event_get_category (event), PROP_CATEGORY);
      break;

    default:
      break;
    }
}

/* A listener batch: deduplicated, of the favorite only (the EventSub session's filter),
 * nothing of a previous favorite (the listener drops what was on its way during a retarget).
 * The header follows every event at once; the model gets them when the viewer's video
 * reaches them (lurk-event-delay.c), shows the newest and says what it added. */
static void
listener_events_cb (LurkChannel  *self,
                    GPtrArray    *events,
                    LurkListener *listener)
{
  for (guint i = 0; i < events->len; i++)
    apply_event_to_header (self, g_ptr_array_index (events, i));

  lurk_event_delay_push (self->delay, events);
}

static void
delay_released_cb (LurkChannel    *self,
                   GPtrArray      *events,
                   LurkEventDelay *delay)
{
  lurk_event_model_add (self->model, events);
}

static void
listener_state_cb (LurkChannel  *self,
                   GParamSpec   *pspec,
                   LurkListener *listener)
{
  LurkConnection connection = lurk_listener_get_state (listener);

  set_connection (self, connection);
  /* The account refreshes the token (token-changed) or ends the session. */
  if (connection == LURK_CONNECTION_UNAUTHORIZED)
    lurk_account_report_unauthorized (self->account);
}

static void
listener_run_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lurk_listener_run_finish (LURK_LISTENER (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("The listener ended: %s", error->message);
}

static void
lurk_channel_stop_listener (LurkChannel *self)
{
  if (self->listener == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->listener, self);
  lurk_listener_stop (self->listener);
  g_clear_object (&self->listener);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENER]);
}

static void
lurk_channel_update_listener (LurkChannel *self)
{
  g_autofree char *eventsub_url = NULL;
  g_autofree char *helix_url = NULL;
  g_autofree char *store_path = NULL;
  LurkListenerConfig config = { 0 };

  if (!self->started || !is_signed_in (self) || self->broadcaster_id == NULL)
    {
      lurk_channel_stop_listener (self);
      if (lurk_account_get_state (self->account) == LURK_ACCOUNT_EXPIRED)
        set_connection (self, LURK_CONNECTION_UNAUTHORIZED);
      else if (self->started && self->login != NULL &&
               lurk_account_get_state (self->account) == LURK_ACCOUNT_SIGNED_OUT)
        set_connection (self, LURK_CONNECTION_SIGNED_OUT);
      else
        set_connection (self, LURK_CONNECTION_IDLE);
      return;
    }

  if (self->listener != NULL)
    {
      /* Re-targets: the old subscriptions are deleted before the new ones are made. */
      lurk_listener_set_broadcaster (self->listener, self->broadcaster_id);
      return;
    }

  eventsub_url = lurk_endpoints_dup_eventsub_url ();
  helix_url = lurk_endpoints_dup_helix_url ();
  store_path = lurk_profile_dup_event_store_path ();

  config.eventsub_url = eventsub_url;
  config.helix_url = helix_url;
  config.client_id = lurk_account_get_client_id (self->account);
  config.access_token = lurk_account_get_access_token (self->account);
  config.user_id = lurk_account_get_user_id (self->account);
  config.broadcaster_id = self->broadcaster_id;
  config.store_path = store_path;

  self->listener = lurk_listener_new (&config);
  g_signal_connect_object (self->listener, "events", G_CALLBACK (listener_events_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->listener, "notify::state", G_CALLBACK (listener_state_cb), self,
                           G_CONNECT_SWAPPED);
  lurk_listener_run_async (self->listener, NULL, listener_run_cb, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENER]);
  listener_state_cb (self, NULL, self->listener);
}

/* Helix lookups --------------------------------------------------------------------------- */

static void
lurk_channel_ensure_helix (LurkChannel *self)
{
  g_autofree char *helix_url = NULL;

  if (self->helix != NULL)
    {
      lurk_helix_set_client_id (self->helix, lurk_account_get_client_id (self->account));
      lurk_helix_set_access_token (self->helix, lurk_account_get_access_token (self->account));
      return;
    }

  helix_url = lurk_endpoints_dup_helix_url ();
  self->helix = lurk_helix_new (lurk_account_get_session (self->account), helix_url,
                                lurk_account_get_client_id (self->account),
                                lurk_account_get_access_token (self->account));
}

static void
channel_looked_up_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LurkChannel) self = user_data;
  g_autoptr(LurkHelixStream) channel = NULL;
  g_autoptr(GError) error = NULL;

  if (!lurk_helix_get_channel_finish (LURK_HELIX (object), result, &channel, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Channel lookup failed: %s", error->message);
      return;
    }

  /* Gone live (or changed) meanwhile: the stream's and the events' are newer. */
  if (channel == NULL || self->live)
    return;

  if (channel->title != NULL && channel->title[0] != '\0')
    set_string_prop (self, &self->title, channel->title, PROP_TITLE);
  if (channel->game_name != NULL && channel->game_name[0] != '\0')
    set_string_prop (self, &self->category, channel->game_name, PROP_CATEGORY);
}

static void
stream_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(LurkChannel) self = user_data;
  g_autoptr(LurkHelixStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  if (!lurk_helix_get_stream_finish (LURK_HELIX (object), result, &stream, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("Stream lookup failed: %s", error->message);
          set_loading (self, FALSE);
        }
      return;
    }

  set_loading (self, FALSE);
  if (stream == NULL)
    {
      set_live (self, FALSE, 0);
      /* Offline: the title and category the channel had (and will go live with). */
      if (self->broadcaster_id != NULL)
        lurk_helix_get_channel_async (self->helix, self->broadcaster_id, self->lookup,
                                      channel_looked_up_cb, g_object_ref (self));
      return;
    }

  set_string_prop (self, &self->title, stream->title, PROP_TITLE);
  set_string_prop (self, &self->category, stream->game_name, PROP_CATEGORY);
  set_live (self, TRUE, parse_time (stream->started_at));
}

static void
user_looked_up_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LurkChannel) self = user_data;
  g_autoptr(LurkHelixUser) user = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_id = NULL;

  user = lurk_helix_get_user_finish (LURK_HELIX (object), result, &error);
  if (user == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      set_loading (self, FALSE);
      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_NOT_FOUND))
        {
          g_autofree char *message = g_strdup_printf (_("No Twitch channel named “%s”"),
                                                      self->login);

          set_string_prop (self, &self->error_message, message, PROP_ERROR_MESSAGE);
        }
      else
        {
          if (g_error_matches (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED))
            lurk_account_report_unauthorized (self->account);
          set_string_prop (self, &self->error_message, error->message, PROP_ERROR_MESSAGE);
          /* Try again with the next session or token. */
          self->looked_up = FALSE;
        }
      return;
    }

  set_string_prop (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  set_string_prop (self, &self->display_name, user->display_name, PROP_DISPLAY_NAME);
  set_string_prop (self, &self->description, user->description, PROP_DESCRIPTION);

  if (g_strcmp0 (self->avatar_url, user->profile_image_url) != 0 &&
      user->profile_image_url != NULL && user->profile_image_url[0] != '\0')
    {
      g_free (self->avatar_url);
      self->avatar_url = g_strdup (user->profile_image_url);
      lurk_load_texture_async (lurk_account_get_session (self->account), self->avatar_url,
                               self->lookup, avatar_loaded_cb, g_object_ref (self));
    }

  /* Remember the id, so the next start shows the history before any lookup. */
  saved_id = g_settings_get_string (self->settings, "favorite-id");
  if (g_strcmp0 (saved_id, user->id) != 0)
    g_settings_set_string (self->settings, "favorite-id", user->id);

  lurk_channel_set_broadcaster_id (self, user->id);
  lurk_channel_update_listener (self);

  lurk_helix_get_stream_async (self->helix, NULL, user->id, self->lookup, stream_looked_up_cb,
                               g_object_ref (self));
}

static void
lurk_channel_look_up (LurkChannel *self)
{
  if (self->looked_up || self->login == NULL || !is_signed_in (self))
    return;

  self->looked_up = TRUE;
  set_loading (self, TRUE);
  lurk_channel_ensure_helix (self);
  lurk_helix_get_user_async (self->helix, self->login, self->lookup, user_looked_up_cb,
                             g_object_ref (self));
}

/* Keeping up with settings and the account ---------------------------------------------- */

static void
lurk_channel_reset_profile (LurkChannel *self)
{
  g_cancellable_cancel (self->lookup);
  g_clear_object (&self->lookup);
  self->lookup = g_cancellable_new ();
  self->looked_up = FALSE;

  g_clear_pointer (&self->avatar_url, g_free);
  if (self->avatar != NULL)
    {
      g_clear_object (&self->avatar);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVATAR]);
    }
  set_string_prop (self, &self->display_name, NULL, PROP_DISPLAY_NAME);
  set_string_prop (self, &self->description, NULL, PROP_DESCRIPTION);
  set_string_prop (self, &self->title, NULL, PROP_TITLE);
  set_string_prop (self, &self->category, NULL, PROP_CATEGORY);
  set_string_prop (self, &self->error_message, NULL, PROP_ERROR_MESSAGE);
  set_live (self, FALSE, 0);
  set_loading (self, FALSE);
}

static void
lurk_channel_update (LurkChannel *self)
{
  g_autofree char *login = g_settings_get_string (self->settings, "favorite-login");
  g_autofree char *saved_id = g_settings_get_string (self->settings, "favorite-id");

  g_object_freeze_notify (G_OBJECT (self));

  if (g_strcmp0 (self->login, login[0] != '\0' ? login : NULL) != 0)
    {
      lurk_channel_reset_profile (self);
      set_string_prop (self, &self->login, login, PROP_LOGIN);
      /* The id is known again only from the settings (same login) or from Helix. */
      lurk_channel_set_broadcaster_id (self, NULL);
    }

  /* A saved id of this login shows its history at once, even before the session is back. */
  if (self->broadcaster_id == NULL && saved_id[0] != '\0' && self->login != NULL)
    lurk_channel_set_broadcaster_id (self, saved_id);

  lurk_channel_look_up (self);
  lurk_channel_update_listener (self);

  g_object_thaw_notify (G_OBJECT (self));
}

static void
favorite_changed_cb (LurkChannel *self,
                     const char  *key,
                     GSettings   *settings)
{
  lurk_channel_update (self);
}

static void
recent_count_changed_cb (LurkChannel *self,
                         const char  *key,
                         GSettings   *settings)
{
  lurk_event_model_set_limit (self->model, g_settings_get_uint (settings, "recent-event-count"));
  self->history_loaded = FALSE;
  lurk_channel_load_history (self);
}

static void
account_state_cb (LurkChannel *self,
                  GParamSpec  *pspec,
                  LurkAccount *account)
{
  if (!is_signed_in (self))
    self->looked_up = FALSE;
  lurk_channel_update (self);
}

static void
token_changed_cb (LurkChannel *self,
                  LurkAccount *account)
{
  const char *token = lurk_account_get_access_token (account);

  if (self->helix != NULL)
    lurk_channel_ensure_helix (self);
  if (self->listener != NULL && token != NULL)
    lurk_listener_set_access_token (self->listener, token);
  lurk_channel_update (self);
}

/* GObject ------------------------------------------------------------------------------ */

static void
lurk_channel_dispose (GObject *object)
{
  LurkChannel *self = LURK_CHANNEL (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup);
  lurk_channel_stop_listener (self);
  g_clear_object (&self->helix);
  g_clear_object (&self->store);
  g_clear_object (&self->avatar);
  if (self->delay != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->delay, self);
      lurk_event_delay_clear (self->delay);
    }
  g_clear_object (&self->delay);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->account);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup);

  G_OBJECT_CLASS (lurk_channel_parent_class)->dispose (object);
}

static void
lurk_channel_finalize (GObject *object)
{
  LurkChannel *self = LURK_CHANNEL (object);

  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->broadcaster_id, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->avatar_url, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (lurk_channel_parent_class)->finalize (object);
}

static void
lurk_channel_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LurkChannel *self = LURK_CHANNEL (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      g_value_set_string (value, self->login);
      break;
    case PROP_BROADCASTER_ID:
      g_value_set_string (value, self->broadcaster_id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_AVATAR:
      g_value_set_object (value, self->avatar);
      break;
    case PROP_LIVE:
      g_value_set_boolean (value, self->live);
      break;
    case PROP_STARTED_AT:
      g_value_set_int64 (value, self->started_at);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_CONNECTION:
      g_value_set_enum (value, self->connection);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_LISTENER:
      g_value_set_object (value, self->listener);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_channel_class_init (LurkChannelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = lurk_channel_dispose;
  object_class->finalize = lurk_channel_finalize;
  object_class->get_property = lurk_channel_get_property;

  properties[PROP_LOGIN] = g_param_spec_string ("login", NULL, NULL, NULL, flags);
  properties[PROP_BROADCASTER_ID] = g_param_spec_string ("broadcaster-id", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_AVATAR] = g_param_spec_object ("avatar", NULL, NULL, GDK_TYPE_PAINTABLE, flags);
  properties[PROP_LIVE] = g_param_spec_boolean ("live", NULL, NULL, FALSE, flags);
  properties[PROP_STARTED_AT] = g_param_spec_int64 ("started-at", NULL, NULL,
                                                    0, G_MAXINT64, 0, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_CONNECTION] = g_param_spec_enum ("connection", NULL, NULL,
                                                   LURK_TYPE_CONNECTION, LURK_CONNECTION_IDLE,
                                                   flags);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, flags);
  properties[PROP_LOADING] = g_param_spec_boolean ("loading", NULL, NULL, FALSE, flags);
  /* the running #LurkListener, or NULL: for instruments that watch its batches (make
   * bench's hooks), the same batches the model is given */
  properties[PROP_LISTENER] = g_param_spec_object ("listener", NULL, NULL, LURK_TYPE_LISTENER,
                                                   flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lurk_channel_init (LurkChannel *self)
{
  self->cancellable = g_cancellable_new ();
  self->lookup = g_cancellable_new ();
}

/**
 * lurk_channel_new:
 * @account: the app's account
 * @settings: the profile's settings
 *
 * Returns: (transfer full): the favorite channel; call lurk_channel_start() next
 */
LurkChannel *
lurk_channel_new (LurkAccount *account,
                  GSettings   *settings)
{
  LurkChannel *self;

  g_return_val_if_fail (LURK_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (LURK_TYPE_CHANNEL, NULL);
  self->account = g_object_ref (account);
  self->settings = g_object_ref (settings);
  self->model = lurk_event_model_new (g_settings_get_uint (settings, "recent-event-count"));
  g_settings_bind (settings, "show-partner-events", self->model, "show-partner-events",
                   G_SETTINGS_BIND_GET);
  self->delay = lurk_event_delay_new ();
  g_settings_bind (settings, "sync-events-to-video", self->delay, "enabled",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->delay, "released", G_CALLBACK (delay_released_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

/**
 * lurk_channel_start:
 * @self: the channel
 *
 * Opens the history (in a worker thread), follows the settings and the account, and runs
 * the listener whenever signed in with a favorite.
 */
void
lurk_channel_start (LurkChannel *self)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LURK_IS_CHANNEL (self));

  if (self->started)
    return;
  self->started = TRUE;

  g_signal_connect_object (self->settings, "changed::favorite-login",
                           G_CALLBACK (favorite_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::favorite-id",
                           G_CALLBACK (favorite_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-event-count",
                           G_CALLBACK (recent_count_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::state", G_CALLBACK (account_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "token-changed", G_CALLBACK (token_changed_cb), self,
                           G_CONNECT_SWAPPED);

  path = lurk_profile_dup_event_store_path ();
  lurk_event_store_new_async (path, self->cancellable, store_opened_cb, g_object_ref (self));

  lurk_channel_update (self);
}

/**
 * lurk_channel_stop:
 * @self: the channel
 *
 * Stops the listener (at quit).
 */
void
lurk_channel_stop (LurkChannel *self)
{
  g_return_if_fail (LURK_IS_CHANNEL (self));

  self->started = FALSE;
  lurk_channel_stop_listener (self);
  set_connection (self, LURK_CONNECTION_IDLE);
}

/**
 * lurk_channel_refresh:
 * @self: the channel
 *
 * Looks the channel up again in Helix (when the streamer page opens).
 */
void
lurk_channel_refresh (LurkChannel *self)
{
  g_return_if_fail (LURK_IS_CHANNEL (self));

  if (self->loading)
    return;

  self->looked_up = FALSE;
  lurk_channel_look_up (self);
}

/**
 * lurk_channel_reconnect:
 * @self: the channel
 *
 * Starts a new EventSub connection now (the indicator's "Reconnect").
 */
void
lurk_channel_reconnect (LurkChannel *self)
{
  g_return_if_fail (LURK_IS_CHANNEL (self));

  lurk_channel_stop_listener (self);
  lurk_channel_update_listener (self);
}

LurkEventModel *
lurk_channel_get_model (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->model;
}

/**
 * lurk_channel_get_delay:
 * @self: the channel
 *
 * Returns: (transfer none): what holds live events until the viewer's video reaches them;
 *   the streamer page tells it what the player does (lurk_event_delay_set_video())
 */
LurkEventDelay *
lurk_channel_get_delay (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->delay;
}

const char *
lurk_channel_get_login (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->login;
}

const char *
lurk_channel_get_broadcaster_id (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->broadcaster_id;
}

const char *
lurk_channel_get_display_name (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->display_name;
}

const char *
lurk_channel_get_description (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->description;
}

GdkPaintable *
lurk_channel_get_avatar (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->avatar != NULL ? GDK_PAINTABLE (self->avatar) : NULL;
}

gboolean
lurk_channel_get_live (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), FALSE);
  return self->live;
}

gint64
lurk_channel_get_started_at (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), 0);
  return self->started_at;
}

const char *
lurk_channel_get_title (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->title;
}

const char *
lurk_channel_get_category (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->category;
}

LurkConnection
lurk_channel_get_connection (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), LURK_CONNECTION_IDLE);
  return self->connection;
}

const char *
lurk_channel_get_error_message (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), NULL);
  return self->error_message;
}

gboolean
lurk_channel_get_loading (LurkChannel *self)
{
  g_return_val_if_fail (LURK_IS_CHANNEL (self), FALSE);
  return self->loading;
}
