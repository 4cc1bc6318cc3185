/* lurk-channel-header.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-channel.h"

G_BEGIN_DECLS

#define LURK_TYPE_CHANNEL_HEADER (lurk_channel_header_get_type ())

G_DECLARE_FINAL_TYPE (LurkChannelHeader, lurk_channel_header, LURK, CHANNEL_HEADER, GtkWidget)

GtkWidget   *lurk_channel_header_new          (void);
LurkChannel *lurk_channel_header_get_channel  (LurkChannelHeader *self);
void         lurk_channel_header_set_channel  (LurkChannelHeader *self,
                                               LurkChannel       *channel);
const char  *lurk_channel_header_get_name     (LurkChannelHeader *self);
const char  *lurk_channel_header_get_status   (LurkChannelHeader *self);
const char  *lurk_channel_header_get_title    (LurkChannelHeader *self);
const char  *lurk_channel_header_get_category (LurkChannelHeader *self);
gboolean     lurk_channel_header_get_live     (LurkChannelHeader *self);
char        *lurk_format_uptime               (gint64             started_at_usec,
                                               gint64             now_usec);

G_END_DECLS
