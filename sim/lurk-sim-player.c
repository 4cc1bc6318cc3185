/* lurk-sim-player.c: the live video of the simulated player
 *
 * The player page (/embed/player, lurk-sim-embed.c) plays real video the way Twitch's web
 * player does: Media Source Extensions fed with fragmented MP4 (H.264 Main + AAC-LC), so a
 * web view without those decoders fails here as it fails on Twitch. The script
 * (player/player.js) and a 4-second clip it loops live (player/clip/, made once by
 * player/make-clip.sh) are compiled into the simulator (a GResource), so `lurk --demo`, the
 * lurk-sim executable and the tests need no files: GET /embed/player/assets/NAME.
 *
 * The embed API: /embed/v1.js (player/v1.js) defines the `Twitch.Player` of Twitch's
 * https://player.twitch.tv/js/embed/v1.js for a host page: it frames /embed/player and hears
 * from the frame's player/bridge.js, which reports the video element's own events (play,
 * playing, pause) and the playback figures, with the latency, pause and offline state that
 * POST /sim/player sets (a control API for tests and the demo).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lurk-sim-player-resources.h"
#include "lurk-sim-player.h"
#include "lurk-sim-http.h"

#define ASSET_PREFIX "/io/github/lurkapp/LurkSim/player/"

static const char player_style[] =
  "video{position:absolute;inset:0;width:100%;height:100%;background:#000;object-fit:contain}"
  ".error{position:absolute;inset:0;display:flex;align-items:center;justify-content:center;"
  "text-align:center;padding:0 10%;background:#000}"
  ".error[hidden]{display:none}";

/**
 * _lurk_sim_player_append_video:
 * @html: the player page being built, inside <body>
 * @muted: the embed's `muted` parameter
 *
 * Appends the <video> element, the card shown where it cannot play (Twitch's error #4000)
 * and the script that streams the clip into the video.
 */
void
_lurk_sim_player_append_video (GString  *html,
                               gboolean  muted)
{
  /* Translators: Twitch's own message when the browser cannot play the stream */
  g_autofree char *unsupported = g_markup_escape_text (
    _("This video is either unavailable or not supported in this browser. (Error #4000)"), -1);

  g_string_append_printf (html,
                          "<style>%s</style>"
                          "<video id=\"video\" playsinline autoplay data-muted=\"%s\" "
                          "data-unsupported=\"%s\"></video>"
                          "<div class=\"error\" id=\"error\" hidden><p></p></div>"
                          "<script src=\"/embed/player/assets/player.js\"></script>",
                          player_style, muted ? "true" : "false", unsupported);
}

static const char *
content_type_for (const char *name)
{
  if (g_str_has_suffix (name, ".js"))
    return "text/javascript; charset=utf-8";
  if (g_str_has_suffix (name, ".m3u8"))
    return "application/vnd.apple.mpegurl";
  if (g_str_has_suffix (name, ".m4s"))
    return "video/iso.segment";
  return "video/mp4";
}

/**
 * _lurk_sim_player_handle_asset:
 * @msg: a GET of /embed/player/assets/@name
 * @name: the file's name
 *
 * Serves the player's script, playlist and segments from the simulator's resources.
 */
void
_lurk_sim_player_handle_asset (SoupServerMessage *msg,
                               const char        *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SoupMessageHeaders *headers;

  if (name == NULL || name[0] == '\0' || strchr (name, '/') != NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  path = g_strconcat (ASSET_PREFIX, name, NULL);
  bytes = g_resource_lookup_data (_lurk_sim_player_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  headers = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (headers, "Cache-Control", "max-age=3600");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, content_type_for (name), NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

/**
 * _lurk_sim_player_append_bridge:
 * @html: the player page being built, inside <body>
 * @login: the page's channel
 * @state: the player's state (_lurk_sim_embed_dup_player_state())
 *
 * Appends the frame's side of the embed API (player/bridge.js) with the player's state.
 */
void
_lurk_sim_player_append_bridge (GString    *html,
                                const char *login,
                                const char *state)
{
  g_autofree char *channel = g_markup_escape_text (login, -1);

  /* The state is numbers and booleans only: nothing in it can end the <script>. */
  g_string_append_printf (html,
                          "<script id=\"lurk-sim-player-state\" type=\"application/json\">%s"
                          "</script><script src=\"/embed/player/assets/bridge.js\" "
                          "data-channel=\"%s\"></script>",
                          state, channel);
}
