/* lurk-web-module.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/*
 * The one seam between the `lurk` binary and liblurk-web.so, the module that holds everything
 * that uses WebKitGTK (lurk-web-engine.c, lurk-web-policy.c, lurk-embed-popup.c). `lurk`
 * does not link WebKitGTK, JavaScriptCore or GStreamer: it opens the module with GModule the
 * first time an embed is shown (after the first frame), so the dynamic linker does not map
 * and relocate ~100 libraries before the window appears. Nothing here includes WebKit.
 *
 * The module exports one symbol, LURK_WEB_MODULE_ENTRY, returning its LurkWebModule table;
 * the app hands it a LurkWebHost with what lives in the app (profile, simulator origin) and
 * where the views report to. Both sides check LURK_WEB_MODULE_ABI_VERSION.
 */

#define LURK_WEB_MODULE_ABI_VERSION 4u
#define LURK_WEB_MODULE_ENTRY       "lurk_web_module_get"
#define LURK_WEB_MODULE_FILENAME    "liblurk-web.so"

/**
 * LurkWebEvent:
 * @LURK_WEB_EVENT_LOADED: the page finished loading
 * @LURK_WEB_EVENT_FAILED: the load failed (not a cancelled or superseded load)
 * @LURK_WEB_EVENT_CRASHED: the web process ended unexpectedly
 * @LURK_WEB_EVENT_OUT_OF_MEMORY: the web process was ended for using too much memory
 */
typedef enum
{
  LURK_WEB_EVENT_LOADED,
  LURK_WEB_EVENT_FAILED,
  LURK_WEB_EVENT_CRASHED,
  LURK_WEB_EVENT_OUT_OF_MEMORY,
} LurkWebEvent;

/**
 * LurkWebMedia:
 * @LURK_WEB_MEDIA_MSE: Media Source Extensions (how Twitch's player streams)
 * @LURK_WEB_MEDIA_H264: an H.264 video decoder usable through MSE
 * @LURK_WEB_MEDIA_AAC: an AAC audio decoder usable through MSE
 *
 * What a player needs of the web engine to play Twitch's streams (flags).
 */
typedef enum
{
  LURK_WEB_MEDIA_MSE  = 1 << 0,
  LURK_WEB_MEDIA_H264 = 1 << 1,
  LURK_WEB_MEDIA_AAC  = 1 << 2,
} LurkWebMedia;

#define LURK_WEB_MEDIA_ALL (LURK_WEB_MEDIA_MSE | LURK_WEB_MEDIA_H264 | LURK_WEB_MEDIA_AAC)

/**
 * LurkWebPlayerState:
 * @LURK_WEB_PLAYER_NONE: no player (not loaded, not shown, or no embed API)
 * @LURK_WEB_PLAYER_LOADING: the embed API is creating the player
 * @LURK_WEB_PLAYER_READY: the player is ready and not playing (before autoplay starts)
 * @LURK_WEB_PLAYER_BUFFERING: asked to play, no frames yet
 * @LURK_WEB_PLAYER_PLAYING: the video plays
 * @LURK_WEB_PLAYER_PAUSED: the viewer paused it
 * @LURK_WEB_PLAYER_OFFLINE: the channel is offline, or the stream ended
 *
 * What the player created through Twitch's embed API (`Twitch.Player`) is doing, from its
 * events READY, PLAY, PLAYING, PAUSE, ONLINE, OFFLINE and ENDED.
 */
typedef enum
{
  LURK_WEB_PLAYER_NONE,
  LURK_WEB_PLAYER_LOADING,
  LURK_WEB_PLAYER_READY,
  LURK_WEB_PLAYER_BUFFERING,
  LURK_WEB_PLAYER_PLAYING,
  LURK_WEB_PLAYER_PAUSED,
  LURK_WEB_PLAYER_OFFLINE,
} LurkWebPlayerState;

/* What the app gives the module (static storage, lives as long as the process). */
typedef struct
{
  /* (transfer full) (nullable): the simulator's origin in the demo, else NULL */
  char *(*dup_sim_origin)  (void);
  /* (transfer full): the web views' data directory (cookies) of the current profile */
  char *(*build_data_dir)  (void);
  /* (transfer full): the web views' cache directory of the current profile */
  char *(*build_cache_dir) (void);
  /* a view made by view_new() for @owner reports @event (main thread) */
  void  (*view_event)      (GObject      *owner,
                            LurkWebEvent  event);
  /* the answer to view_check_media() for @owner: the LurkWebMedia flags it lacks, 0 for none
   * (main thread) */
  void  (*view_media)      (GObject      *owner,
                            LurkWebMedia  missing);
  /* the answer to view_poll_player() for @owner: the player's state and its latency to the
   * broadcaster in seconds (the embed API's hlsLatencyBroadcaster), < 0 when it has none
   * (main thread) */
  void  (*view_player)     (GObject            *owner,
                            LurkWebPlayerState  state,
                            double              latency);
} LurkWebHost;

/* What the module gives the app. */
typedef struct
{
  guint       abi_version;
  void        (*init)            (const LurkWebHost *host);
  /* (transfer floating): a web view held to Lurk's policy; events go to @owner while it lives */
  GtkWidget  *(*view_new)        (GObject           *owner);
  void        (*view_load_html)  (GtkWidget         *view,
                                  const char        *html,
                                  const char        *base_uri);
  void        (*view_load_uri)   (GtkWidget         *view,
                                  const char        *uri);
  void        (*view_terminate)  (GtkWidget         *view);
  /* asks the loaded page's engine whether it can play Twitch's streams: LurkWebHost.view_media
   * answers */
  void        (*view_check_media) (GtkWidget        *view);
  /* asks the player page (lurk_web_view_build_player_page()) what its player is doing:
   * LurkWebHost.view_player answers */
  void        (*view_poll_player) (GtkWidget        *view);
  /* forgets everything the web views stored for the profile (cookies — the chat's Twitch
   * login —, cache, local storage): at sign-out */
  void        (*clear_data)       (GCancellable      *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer           user_data);
  gboolean    (*clear_data_finish) (GAsyncResult     *result,
                                    GError          **error);
} LurkWebModule;

typedef const LurkWebModule *(*LurkWebModuleGetFunc) (void);

/* In the module (lurk-web-engine.c). */
const LurkWebModule *lurk_web_module_get          (void);

/* In the app (lurk-web-loader.c). */
const LurkWebModule *lurk_web_module_peek         (void);
const LurkWebModule *lurk_web_module_load         (GError              **error);
void                 lurk_web_module_load_async   (GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
const LurkWebModule *lurk_web_module_load_finish  (GAsyncResult         *result,
                                                   GError              **error);
char                *lurk_web_module_dup_path     (void);
void                 lurk_web_clear_data_async    (GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean             lurk_web_clear_data_finish   (GAsyncResult         *result,
                                                   GError              **error);

G_END_DECLS
