/* lurk-channel.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gdk/gdk.h>

#include "lurk-account.h"
#include "lurk-event-delay.h"
#include "lurk-event-model.h"
#include "lurk-eventsub-session.h"

G_BEGIN_DECLS

#define LURK_TYPE_CHANNEL (lurk_channel_get_type ())

G_DECLARE_FINAL_TYPE (LurkChannel, lurk_channel, LURK, CHANNEL, GObject)

/**
 * LurkChannel:
 *
 * The favorite channel as the UI sees it, one per application: its Helix profile and live
 * state (looked up when the favorite is set or the session starts, then kept current only
 * from stream.online, stream.offline and channel.update events), the background
 * #LurkListener (started by itself when signed in with a favorite, re-targeted when the
 * favorite changes, given each new token), and the #LurkEventModel of its recent events
 * (the store's at start, then the listener's batches). What arrives live is announced by
 * the model (#LurkEventModel::events-added), as the list shows it.
 */
LurkChannel    *lurk_channel_new               (LurkAccount *account,
                                                GSettings   *settings);
void            lurk_channel_start             (LurkChannel *self);
void            lurk_channel_stop              (LurkChannel *self);
void            lurk_channel_refresh           (LurkChannel *self);
void            lurk_channel_reconnect         (LurkChannel *self);
LurkEventModel *lurk_channel_get_model         (LurkChannel *self);
LurkEventDelay *lurk_channel_get_delay         (LurkChannel *self);
const char     *lurk_channel_get_login         (LurkChannel *self);
const char     *lurk_channel_get_broadcaster_id (LurkChannel *self);
const char     *lurk_channel_get_display_name  (LurkChannel *self);
const char     *lurk_channel_get_description   (LurkChannel *self);
GdkPaintable   *lurk_channel_get_avatar        (LurkChannel *self);
gboolean        lurk_channel_get_live          (LurkChannel *self);
gint64          lurk_channel_get_started_at    (LurkChannel *self);
const char     *lurk_channel_get_title         (LurkChannel *self);
const char     *lurk_channel_get_category      (LurkChannel *self);
LurkConnection  lurk_channel_get_connection    (LurkChannel *self);
const char     *lurk_channel_get_error_message (LurkChannel *self);
gboolean        lurk_channel_get_loading       (LurkChannel *self);

/* Shared with the favorite preview: fetches an image into a texture. */
void            lurk_load_texture_async        (SoupSession         *session,
                                                const char          *url,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GdkTexture     *lurk_load_texture_finish       (GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
