/* lurk-sim-embed.c: stand-ins for Twitch's player and chat embeds
 *
 * /embed/player?channel=LOGIN  live video (lurk-sim-player.c), or an offline card
 * /embed/player/assets/NAME    the live player's script and media segments
 * /embed/chat?channel=LOGIN    a chat log fed by the simulator's own chat traffic
 * /embed/events?channel=LOGIN  the Server-Sent Events stream both pages listen to
 * /embed/v1.js                 the embed API (`Twitch.Player`) that frames /embed/player
 * (also /embed/LOGIN/chat, /embed/chat/LOGIN/chat and /popout/LOGIN/chat, the shapes of
 * Twitch's chat URLs; the second is what the app builds on the simulator's chat base)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lurk-sim-embed.h"
#include "lurk-sim-player.h"

#define BACKLOG 50

struct _LurkSimEmbed
{
  LurkSimWorld *world;
  GPtrArray *chat_streams;       /* Listener: the SSE streams of /embed/events */
  GHashTable *chat_backlog;      /* channel id → GQueue of recent chat lines (JSON) */
  double player_latency;         /* /sim/player: hlsLatencyBroadcaster, seconds */
  gboolean player_paused;        /* /sim/player: the viewer paused the video */
  gboolean player_offline;       /* /sim/player: the player lost the stream */
};

typedef struct
{
  LurkSimEmbed *embed;
  SoupServerMessage *msg;
  char *channel_id;
  gulong finished_id;
} Listener;

static void
listener_free (Listener *listener)
{
  g_signal_handler_disconnect (listener->msg, listener->finished_id);
  g_object_unref (listener->msg);
  g_free (listener->channel_id);
  g_free (listener);
}

static void
listener_finished_cb (SoupServerMessage *msg,
                      gpointer           user_data)
{
  Listener *listener = user_data;

  g_ptr_array_remove (listener->embed->chat_streams, listener);
  listener_free (listener);
}

static void
listener_send (Listener   *listener,
               const char *json)
{
  SoupMessageBody *body = soup_server_message_get_response_body (listener->msg);
  g_autofree char *chunk = g_strdup_printf ("data: %s\n\n", json);

  soup_message_body_append (body, SOUP_MEMORY_TAKE, g_steal_pointer (&chunk), strlen (json) + 8);
  soup_server_message_unpause (listener->msg);
}

LurkSimEmbed *
_lurk_sim_embed_new (LurkSimWorld *world)
{
  LurkSimEmbed *self = g_new0 (LurkSimEmbed, 1);

  self->world = world;
  self->chat_streams = g_ptr_array_new ();
  self->player_latency = LURK_SIM_PLAYER_DEFAULT_LATENCY;

  return self;
}

void
_lurk_sim_embed_free (LurkSimEmbed *self)
{
  _lurk_sim_embed_stop (self);
  g_ptr_array_unref (self->chat_streams);
  g_free (self);
}

void
_lurk_sim_embed_reset (LurkSimEmbed *self)
{
  if (self->chat_backlog != NULL)
    g_hash_table_remove_all (self->chat_backlog);
  _lurk_sim_embed_set_player (self, LURK_SIM_PLAYER_DEFAULT_LATENCY, FALSE, FALSE);
}

void
_lurk_sim_embed_get_player (LurkSimEmbed *self,
                            double       *latency_seconds,
                            gboolean     *paused,
                            gboolean     *offline)
{
  *latency_seconds = self->player_latency;
  *paused = self->player_paused;
  *offline = self->player_offline;
}

char *
_lurk_sim_embed_dup_player_state (LurkSimEmbed *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "latency_seconds");
  json_builder_add_double_value (builder, self->player_latency);
  json_builder_set_member_name (builder, "paused");
  json_builder_add_boolean_value (builder, self->player_paused);
  json_builder_set_member_name (builder, "offline");
  json_builder_add_boolean_value (builder, self->player_offline);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  return json_to_string (root, FALSE);
}

/* {"kind":"player", …state}, the event stream's line for the player pages. */
static char *
dup_player_line (LurkSimEmbed *self)
{
  g_autofree char *state = _lurk_sim_embed_dup_player_state (self);

  g_assert (state[0] == '{');
  return g_strconcat ("{\"kind\":\"player\",", state + 1, NULL);
}

void
_lurk_sim_embed_set_player (LurkSimEmbed *self,
                            double        latency_seconds,
                            gboolean      paused,
                            gboolean      offline)
{
  g_autofree char *json = NULL;

  if (latency_seconds == self->player_latency && paused == self->player_paused &&
      offline == self->player_offline)
    return;

  self->player_latency = latency_seconds;
  self->player_paused = paused;
  self->player_offline = offline;

  /* To every page: the player's state is the simulator's, whichever channel it shows. */
  json = dup_player_line (self);
  for (guint i = 0; i < self->chat_streams->len; i++)
    listener_send (g_ptr_array_index (self->chat_streams, i), json);
}

void
_lurk_sim_embed_stop (LurkSimEmbed *self)
{
  while (self->chat_streams->len > 0)
    {
      Listener *listener = g_ptr_array_steal_index (self->chat_streams, 0);

      soup_message_body_complete (soup_server_message_get_response_body (listener->msg));
      soup_server_message_unpause (listener->msg);
      listener_free (listener);
    }
  g_clear_pointer (&self->chat_backlog, g_hash_table_unref);
}

static void
backlog_free (gpointer data)
{
  g_queue_free_full (data, g_free);
}

/* line[to] = event[from]: a string, or null */
static void
copy_string (JsonObject *line,
             const char *to,
             JsonObject *event,
             const char *from)
{
  json_object_set_string_member (line, to, _lurk_sim_json_string (event, from));
}

/* [{"type","text"}] of a chat message, so the page can style emotes, cheers and mentions. */
static JsonArray *
fragments_for_line (JsonObject *message)
{
  JsonArray *out = json_array_new ();
  JsonNode *node = json_object_get_member (message, "fragments");
  JsonArray *fragments = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; fragments && i < json_array_get_length (fragments); i++)
    {
      JsonNode *element = json_array_get_element (fragments, i);
      JsonObject *fragment, *copy;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      fragment = json_node_get_object (element);
      copy = json_object_new ();
      json_object_set_string_member (copy, "type", _lurk_sim_json_string (fragment, "type"));
      json_object_set_string_member (copy, "text", _lurk_sim_json_string (fragment, "text"));
      json_array_add_object_element (out, copy);
    }

  return out;
}

/* Turns an event into a line for the embed pages, or NULL when they do not show it. */
static JsonObject *
line_for_event (const char *type,
                JsonObject *event)
{
  JsonObject *line = json_object_new ();
  const char *text = NULL;

  if (g_str_equal (type, "channel.chat.message"))
    {
      JsonObject *message = json_object_get_object_member (event, "message");

      json_object_set_string_member (line, "kind", "message");
      copy_string (line, "id", event, "message_id");
      copy_string (line, "user_id", event, "chatter_user_id");
      copy_string (line, "user", event, "chatter_user_name");
      copy_string (line, "color", event, "color");
      text = message ? json_object_get_string_member_with_default (message, "text", "") : "";
      json_object_set_string_member (line, "text", text);
      json_object_set_boolean_member (
        line, "highlight", g_strcmp0 (_lurk_sim_json_string (event, "message_type"), "text") != 0);
      if (message != NULL)
        json_object_set_array_member (line, "fragments", fragments_for_line (message));
    }
  else if (g_str_equal (type, "channel.chat.notification"))
    {
      JsonObject *message = json_object_get_object_member (event, "message");
      const char *system = _lurk_sim_json_string (event, "system_message");

      json_object_set_string_member (line, "kind", "notice");
      copy_string (line, "id", event, "message_id");
      copy_string (line, "user", event, "chatter_user_name");
      copy_string (line, "color", event, "color");
      json_object_set_string_member (line, "system", system ? system : "");
      text = message ? json_object_get_string_member_with_default (message, "text", "") : "";
      json_object_set_string_member (line, "text", text);
    }
  else if (g_str_equal (type, "channel.chat.clear"))
    {
      json_object_set_string_member (line, "kind", "clear");
    }
  else if (g_str_equal (type, "channel.chat.clear_user_messages"))
    {
      json_object_set_string_member (line, "kind", "clear_user");
      copy_string (line, "user_id", event, "target_user_id");
      copy_string (line, "user", event, "target_user_name");
    }
  else if (g_str_equal (type, "channel.chat.message_delete"))
    {
      json_object_set_string_member (line, "kind", "delete");
      copy_string (line, "id", event, "message_id");
    }
  else if (g_str_equal (type, "stream.online") || g_str_equal (type, "stream.offline"))
    {
      json_object_set_string_member (line, "kind", g_str_equal (type, "stream.online") ? "online"
                                                                                     : "offline");
    }
  else if (g_str_equal (type, "channel.update"))
    {
      json_object_set_string_member (line, "kind", "update");
      copy_string (line, "title", event, "title");
      copy_string (line, "category", event, "category_name");
    }
  else
    {
      json_object_unref (line);
      return NULL;
    }

  return line;
}

void
_lurk_sim_embed_chat_event (LurkSimEmbed *self,
                            const char   *type,
                            JsonObject   *event)
{
  g_autoptr(JsonObject) line = NULL;
  g_autofree char *json = NULL;
  const char *channel = _lurk_sim_json_string (event, "broadcaster_user_id");
  GQueue *backlog;

  if (channel == NULL || (line = line_for_event (type, event)) == NULL)
    return;

  json = _lurk_sim_object_to_string (line);

  if (g_str_has_prefix (type, "channel.chat."))
    {
      if (self->chat_backlog == NULL)
        self->chat_backlog = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, backlog_free);
      backlog = g_hash_table_lookup (self->chat_backlog, channel);
      if (backlog == NULL)
        {
          backlog = g_queue_new ();
          g_hash_table_insert (self->chat_backlog, g_strdup (channel), backlog);
        }
      if (g_str_equal (type, "channel.chat.clear"))
        g_queue_clear_full (backlog, g_free);
      g_queue_push_tail (backlog, g_strdup (json));
      while (backlog->length > BACKLOG)
        g_free (g_queue_pop_head (backlog));
    }

  for (guint i = 0; i < self->chat_streams->len; i++)
    {
      Listener *listener = g_ptr_array_index (self->chat_streams, i);

      if (g_str_equal (listener->channel_id, channel))
        listener_send (listener, json);
    }
}

static LurkSimUser *
channel_of (LurkSimEmbed      *self,
            SoupServerMessage *msg,
            const char        *login)
{
  g_autoptr(GHashTable) query = _lurk_sim_parse_query_multi (msg);
  GPtrArray *values = g_hash_table_lookup (query, "channel");

  if (login == NULL && values != NULL)
    login = g_ptr_array_index (values, 0);
  if (login == NULL)
    return _lurk_sim_default_broadcaster (self->world);
  return _lurk_sim_user_by_login (self->world, login);
}

static void
handle_events (LurkSimEmbed      *self,
               SoupServerMessage *msg,
               LurkSimUser       *channel)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  Listener *listener = g_new0 (Listener, 1);
  static const char hello[] = ": lurk-sim embed events\n\n";
  GQueue             *backlog
    = self->chat_backlog ? g_hash_table_lookup (self->chat_backlog, channel->id) : NULL;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, hello, strlen (hello));

  listener->embed = self;
  listener->msg = g_object_ref (msg);
  listener->channel_id = g_strdup (channel->id);
  listener->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (listener_finished_cb),
                                            listener);
  g_ptr_array_add (self->chat_streams, listener);

  for (GList *l = backlog ? backlog->head : NULL; l; l = l->next)
    {
      g_autofree char *chunk = g_strdup_printf ("data: %s\n\n", (const char *)l->data);

      soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
    }

  /* The player's state now: a change made after the page was served, before this stream
   * opened, is not lost. */
  {
    g_autofree char *line = dup_player_line (self);
    g_autofree char *chunk = g_strdup_printf ("data: %s\n\n", line);

    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, strlen (chunk));
  }
}

static const char page_head[] =
  "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
  "content=\"width=device-width\"><style>"
  ":root{color-scheme:dark}html,body{margin:0;height:100%;background:#0e0e10;color:#efeff1;"
  "font-family:Cantarell,'Inter',sans-serif;overflow:hidden}";

/* Over the video: the LIVE badge and viewers at the top, the channel at the bottom, as
 * Twitch's player shows them while the pointer is over it. */
static const char player_style[] =
  ".live{background:#eb0400;color:#fff;font-weight:bold;padding:2px 8px;border-radius:4px;"
  "letter-spacing:.05em}"
  ".top{position:absolute;top:12px;left:12px;display:flex;gap:8px;align-items:center;z-index:1}"
  ".viewers{background:#000a;padding:2px 8px;border-radius:4px}"
  ".info{position:absolute;left:0;right:0;bottom:0;padding:24px 14px 10px;z-index:1;"
  "background:linear-gradient(transparent,#000b)}"
  ".info h1{font-size:min(5vw,22px);margin:0}.info p{margin:2px 0 0;color:#dedee3}"
  ".card{position:absolute;inset:0;display:flex;flex-direction:column;align-items:center;"
  "justify-content:center;text-align:center}"
  ".card h1{font-size:min(8vw,56px);margin:.2em;text-shadow:0 2px 12px #000}"
  ".card p{margin:.2em;color:#dedee3}"
  "img{width:min(25vw,120px);border-radius:50%}"
  "</style>";

/* printf, then escape the result for HTML (the values are escaped with the rest). */
G_GNUC_PRINTF (2, 3)
static void
append_escaped (GString    *html,
                const char *format,
                ...)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  escaped = g_markup_escape_text (text, -1);
  g_string_append (html, escaped);
}

static void
handle_player (LurkSimEmbed      *self,
               SoupServerMessage *msg,
               LurkSimUser       *channel)
{
  g_autoptr(GString) html = g_string_new (page_head);
  g_autofree char *avatar = _lurk_sim_avatar_url (self->world, channel->login);
  g_autofree char *state = NULL;

  g_string_append (html, player_style);
  g_string_append (html, "<title>");
  /* Translators: the title of the simulated player page; %s is a channel name */
  append_escaped (html, _("%s · lurk-sim player"), channel->display_name);
  g_string_append (html, "</title></head><body>");

  if (channel->live)
    {
      g_autoptr(GHashTable) query = _lurk_sim_parse_query_multi (msg);
      GPtrArray *muted = g_hash_table_lookup (query, "muted");

      _lurk_sim_player_append_video (
        html, muted != NULL && g_str_equal (g_ptr_array_index (muted, 0), "true"));
      g_string_append (html, "<div class=\"top\"><span class=\"live\" id=\"live\">");
      /* Translators: the badge on a live stream, as on Twitch */
      append_escaped (html, "%s", _("LIVE"));
      g_string_append (html, "</span><span class=\"viewers\">");
      append_escaped (html, ngettext ("%u viewer", "%u viewers", channel->viewer_count),
                      channel->viewer_count);
      g_string_append (html, "</span></div><div class=\"info\"><h1 id=\"channel\">");
      append_escaped (html, "%s", channel->display_name);
      g_string_append (html, "</h1><p id=\"title\">");
      append_escaped (html, "%s", channel->title ? channel->title : "");
      g_string_append (html, "</p><p id=\"category\">");
      append_escaped (html, "%s", channel->category_name ? channel->category_name : "");
      g_string_append (html, "</p></div>");
    }
  else
    {
      g_string_append (html, "<div class=\"card\"><img src=\"");
      append_escaped (html, "%s", avatar);
      g_string_append (html, "\" alt=\"\"><h1 id=\"channel\">");
      append_escaped (html, "%s", channel->display_name);
      g_string_append (html, "</h1><p id=\"offline\">");
      /* Translators: %s is a channel name */
      append_escaped (html, _("%s is offline."), channel->display_name);
      g_string_append (html, "</p></div>");
    }

  /* The embed API's frame side, which also follows the channel (player/bridge.js). */
  state = _lurk_sim_embed_dup_player_state (self);
  _lurk_sim_player_append_bridge (html, channel->login, state);
  g_string_append (html, "</body></html>");

  _lurk_sim_reply_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html->str);
}

static const char chat_page[] =
  "#log{position:absolute;inset:0;overflow-y:auto;padding:8px 10px;font-size:14px;"
  "line-height:1.45}"
  ".line{margin:2px 0;word-wrap:break-word}.user{font-weight:bold}"
  ".notice{background:#9146ff22;border-left:3px solid #9146ff;padding:4px 8px;margin:6px 0;"
  "border-radius:4px}.system{color:#bf94ff}.highlight{background:#ffffff12;border-radius:4px}"
  ".deleted{color:#adadb8;font-style:italic}.info{color:#adadb8;font-style:italic}"
  ".emote{display:inline-block;padding:0 5px;margin:0 1px;border-radius:4px;font-size:12px;"
  "background:#9146ff40;font-weight:bold}.cheermote{color:#e4a100;font-weight:bold}"
  ".mention{font-weight:bold}";

/* Twitch's chat embed is light unless the URL says darkpopout. */
static const char chat_light[] =
  ":root{color-scheme:light}html,body{background:#ffffff;color:#0e0e10}"
  ".system{color:#772ce8}.highlight{background:#0000000d}.deleted,.info{color:#53535f}"
  ".notice{background:#9146ff14}.emote{background:#9146ff26}";

/* The chat page's own messages, as a JSON object safe inside <script>. */
static char *
chat_strings (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) parts = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "cleared");
  json_builder_add_string_value (builder, _("Chat was cleared by a moderator"));
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_string_value (builder, _("<message deleted>"));
  json_builder_set_member_name (builder, "timedOut");
  /* Translators: %s is a chatter's name */
  json_builder_add_string_value (builder, _("%s has been timed out."));
  json_builder_set_member_name (builder, "live");
  json_builder_add_string_value (builder, _("The stream is live."));
  json_builder_set_member_name (builder, "ended");
  json_builder_add_string_value (builder, _("The stream has ended."));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  parts = g_strsplit (json, "</", -1);
  return g_strjoinv ("<\\/", parts);
}

static void
handle_chat (LurkSimEmbed      *self,
             SoupServerMessage *msg,
             LurkSimUser       *channel)
{
  g_autoptr(GString) html = g_string_new (page_head);
  g_autofree char *strings = chat_strings ();
  g_autoptr(GHashTable) query = _lurk_sim_parse_query_multi (msg);

  g_string_append (html, chat_page);
  if (!g_hash_table_contains (query, "darkpopout"))
    g_string_append (html, chat_light);
  g_string_append (html, "</style>");
  g_string_append (html, "<title>");
  /* Translators: the title of the simulated chat page; %s is a channel name */
  append_escaped (html, _("%s · lurk-sim chat"), channel->display_name);
  g_string_append (html, "</title></head><body><div id=\"log\"><div class=\"line info\">");
  /* Translators: %s is a channel name */
  append_escaped (html, _("Welcome to the chat room of %s!"), channel->display_name);
  g_string_append (html, "</div></div>");
  g_string_append_printf (
    html,
    "<script>"
    "const T=%s;"
    "const log=document.getElementById('log');"
    "function add(cls){const d=document.createElement('div');d.className='line '+cls;"
    "log.appendChild(d);while(log.children.length>200)log.firstChild.remove();"
    "log.scrollTop=log.scrollHeight;return d;}"
    "function user(d,l){const u=document.createElement('span');u.className='user';"
    "u.style.color=l.color||'#bf94ff';u.textContent=l.user;d.appendChild(u);}"
    "function gone(m){m.lastChild.textContent=': '+T.deleted;m.classList.add('deleted');}"
    "const es=new EventSource('/embed/events?channel=%s');"
    "es.onmessage=e=>{const l=JSON.parse(e.data);let d;"
    "switch(l.kind){"
    "case 'message':d=add(l.highlight?'highlight':'');d.dataset.id=l.id;d.dataset.user=l.user_id;"
    "user(d,l);{const b=document.createElement('span');"
    "b.appendChild(document.createTextNode(': '));"
    "const fs=l.fragments&&l.fragments.length?l.fragments:[{type:'text',text:l.text}];"
    "for(const f of fs){const e=document.createElement('span');e.textContent=f.text;"
    "if(f.type!=='text')e.className=f.type;b.appendChild(e);}d.appendChild(b);}break;"
    "case 'notice':d=add('notice');if(l.system){const s=document.createElement('div');"
    "s.className='system';s.textContent=l.system;d.appendChild(s);}"
    "if(l.text){const t=document.createElement('div');t.textContent=l.text;d.appendChild(t);}"
    "break;"
    "case 'clear':log.textContent='';add('info').textContent=T.cleared;break;"
    "case 'clear_user':for(const m of "
    "log.querySelectorAll('[data-user=\"'+l.user_id+'\"]'))gone(m);"
    "add('info').textContent=T.timedOut.replace('%%s',l.user);break;"
    "case 'delete':for(const m of log.querySelectorAll('[data-id=\"'+l.id+'\"]'))gone(m);break;"
    "case 'online':add('info').textContent=T.live;break;"
    "case 'offline':add('info').textContent=T.ended;break;"
    "}};"
    "</script></body></html>",
    strings, channel->login);

  _lurk_sim_reply_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html->str);
}

/* Paths: /embed/player, /embed/player/assets/NAME, /embed/chat, /embed/events with ?channel=LOGIN, Twitch's own
 * shapes /embed/LOGIN/chat and /popout/LOGIN/chat, and /embed/chat/LOGIN/chat (Twitch's
 * shape under the simulator's chat base, as the app's URL builder makes it). */
void
_lurk_sim_handle_embed (LurkSimEmbed      *self,
                        SoupServerMessage *msg,
                        const char        *path)
{
  g_auto(GStrv) parts = g_strsplit (path + 1, "/", -1);
  const char *page = NULL;
  const char *login = NULL;
  LurkSimUser *channel;

  if (!g_str_equal (soup_server_message_get_method (msg), "GET"))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method Not Allowed");
      return;
    }

  /* parts[0] is "embed" or "popout". */
  if (g_str_equal (parts[0], "embed") && g_strcmp0 (parts[1], "v1.js") == 0 && parts[2] == NULL)
    {
      _lurk_sim_player_handle_asset (msg, "v1.js");
      return;
    }

  if (g_str_equal (parts[0], "embed") && g_strcmp0 (parts[1], "player") == 0
      && g_strcmp0 (parts[2], "assets") == 0 && parts[3] != NULL && parts[4] == NULL)
    {
      _lurk_sim_player_handle_asset (msg, parts[3]);
      return;
    }

  if (parts[1] != NULL && (parts[2] == NULL || parts[2][0] == 0))
    page = parts[1];
  else if (parts[1] != NULL && parts[2] != NULL && g_str_equal (parts[2], "chat")
           && parts[3] == NULL)
    {
      page = "chat";
      login = parts[1];
    }
  else if (g_str_equal (parts[0], "embed") && parts[1] != NULL && g_str_equal (parts[1], "chat")
           && parts[2] != NULL && parts[2][0] != 0 && parts[3] != NULL
           && g_str_equal (parts[3], "chat") && parts[4] == NULL)
    {
      /* What lurk_endpoints_build_chat_url() makes of {chat}/LOGIN/chat when the chat base
       * is the simulator's /embed/chat. */
      page = "chat";
      login = parts[2];
    }

  if (page == NULL || (!g_str_equal (page, "player") && !g_str_equal (page, "chat") &&
                       !g_str_equal (page, "events")))
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  channel = channel_of (self, msg, login);
  if (channel == NULL)
    {
      g_autoptr(GString) html = g_string_new (page_head);

      g_string_append (html, "</style></head><body><p style=\"padding:1em\">");
      append_escaped (html, "%s", _("This channel does not exist."));
      g_string_append (html, "</p></body></html>");
      _lurk_sim_reply_text (msg, SOUP_STATUS_NOT_FOUND, "text/html; charset=utf-8", html->str);
      return;
    }

  if (g_str_equal (page, "player"))
    handle_player (self, msg, channel);
  else if (g_str_equal (page, "chat"))
    handle_chat (self, msg, channel);
  else
    handle_events (self, msg, channel);
}
