/* lurk-streamer-page.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-channel.h"

G_BEGIN_DECLS

/**
 * LurkLiveStatus:
 * @LURK_LIVE_STATUS_UNKNOWN: not known yet (not signed in, or not looked up yet)
 * @LURK_LIVE_STATUS_OFFLINE: the channel is offline
 * @LURK_LIVE_STATUS_LIVE: the channel is live
 */
typedef enum
{
  LURK_LIVE_STATUS_UNKNOWN,
  LURK_LIVE_STATUS_OFFLINE,
  LURK_LIVE_STATUS_LIVE,
} LurkLiveStatus;

#define LURK_TYPE_LIVE_STATUS (lurk_live_status_get_type ())
GType lurk_live_status_get_type (void);

#define LURK_TYPE_STREAMER_PAGE (lurk_streamer_page_get_type ())

G_DECLARE_FINAL_TYPE (LurkStreamerPage, lurk_streamer_page, LURK, STREAMER_PAGE, AdwBin)

GtkWidget      *lurk_streamer_page_new              (void);
const char     *lurk_streamer_page_get_login        (LurkStreamerPage *self);
void            lurk_streamer_page_set_login        (LurkStreamerPage *self,
                                                     const char       *login);
const char     *lurk_streamer_page_get_display_name (LurkStreamerPage *self);
void            lurk_streamer_page_set_display_name (LurkStreamerPage *self,
                                                     const char       *display_name);
LurkLiveStatus  lurk_streamer_page_get_live_status  (LurkStreamerPage *self);
void            lurk_streamer_page_set_live_status  (LurkStreamerPage *self,
                                                     LurkLiveStatus    live_status);
const char     *lurk_streamer_page_get_title        (LurkStreamerPage *self);
const char     *lurk_streamer_page_get_subtitle     (LurkStreamerPage *self);

/* The live parts (issue 6). */
LurkChannel    *lurk_streamer_page_get_channel      (LurkStreamerPage *self);
void            lurk_streamer_page_set_channel      (LurkStreamerPage *self,
                                                     LurkChannel      *channel);
GPtrArray      *lurk_streamer_page_get_rows         (LurkStreamerPage *self);
const char     *lurk_streamer_page_get_announcement (LurkStreamerPage *self);
const char     *lurk_streamer_page_get_connection_text (LurkStreamerPage *self);
GtkWidget      *lurk_streamer_page_get_header       (LurkStreamerPage *self);
GtkWidget      *lurk_streamer_page_get_player       (LurkStreamerPage *self);
GtkWidget      *lurk_streamer_page_get_chat         (LurkStreamerPage *self);
gboolean        lurk_streamer_page_move_pane        (LurkStreamerPage *self,
                                                     gboolean          forward);
void            lurk_streamer_page_set_banner_delay (LurkStreamerPage *self,
                                                     guint             delay_ms);
const char     *lurk_streamer_page_get_gap_notice   (LurkStreamerPage *self);
const char     *lurk_streamer_page_get_last_toast   (LurkStreamerPage *self);
const char     *lurk_streamer_page_get_notice       (LurkStreamerPage *self);
char           *lurk_streamer_page_dup_player_url   (LurkStreamerPage *self);
char           *lurk_streamer_page_dup_chat_url     (LurkStreamerPage *self);

G_END_DECLS
