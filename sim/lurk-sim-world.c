/* lurk-sim-world.c: the seeded channels and users, and their generated avatars
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lurk-sim-world.h"

typedef struct
{
  const char *id;
  const char *display_name;
  const char *broadcaster_type;
  const char *description;
  const char *color;
  /* Channel; title NULL for users without a channel of note. */
  const char *title;
  const char *category_id;
  const char *category_name;
  const char *tags;
  gboolean live;
  guint viewers;
} Seed;

static const Seed channels[] = {
  { LURK_SIM_BROADCASTER_ID, "LurkStream", "partner",
    "Speedruns, cozy platformers and a chat that never sleeps. Streaming from a tiny room full of "
    "plants.",
    "#9146FF", "Celeste any% practice — new PB attempts, chill vibes", "504461", "Celeste",
    "English,Speedrun,Chill", TRUE, 1287 },
  { "90000101", "PixelPaloma", "affiliate",
    "Pixel art, game jams and lo-fi beats. Commissions open on weekends.", "#FF7F50",
    "Drawing a 64×64 forest tileset", "509660", "Art", "English,PixelArt", FALSE, 0 },
  { "90000102", "CozyOtter", "affiliate",
    "Farming sims and tea. Otters hold hands when they sleep.", "#2E8B57",
    "Year 3 of the farm: finishing the community center", "413152", "Stardew Valley",
    "English,Cozy", FALSE, 0 },
  { "90000103", "RetroRunner", "partner", "Retro speedruns on original hardware.", "#1E90FF",
    "SM64 70 star — route testing", "2692", "Super Mario 64", "English,Speedrun,Retro",
    FALSE, 0 },
  { "90000104", "NightOwlNia", "affiliate", "Late-night talk, book club on Sundays.", "#DAA520",
    "Night shift: books, tea and your questions", "509658", "Just Chatting", "English,BookClub",
    FALSE, 0 },
  { "90000105", "ChefByte", "", "Cooking with whatever is left in the fridge.", "#B22222",
    "Fridge roulette: dinner from five random items", "509667", "Food & Drink", "English,Cooking",
    FALSE, 0 },
  { "90000106", "SynthwaveSam", "affiliate", "Live synth jams every Friday.", "#FF69B4",
    "Building a song from scratch on the modular", "26936", "Music", "English,Synthwave", FALSE,
    0 },
};

static const Seed viewers[] = {
  { LURK_SIM_DEMO_USER_ID, "LurkDemo", "", "Just lurking.", "#8A2BE2" },
  { "90000201", "mossy_teapot", "", "", "#5F9EA0" },
  { "90000202", "Kestrel_Kay", "", "", "#D2691E" },
  { "90000203", "bytewizard", "", "", "#00FF7F" },
  { "90000204", "LunaLatte", "", "", "#FF69B4" },
  { "90000205", "quietfox42", "", "", "#FF4500" },
  { "90000206", "GlitchGoblin", "", "", "#9ACD32" },
  { "90000207", "saltyseraph", "", "", "#1E90FF" },
  { "90000208", "PogMaster3000", "", "", "#DAA520" },
  { "90000209", "NovaNoodle", "", "", "#8A2BE2" },
  { "90000210", "emberwing", "", "", "#B22222" },
  { "90000211", "TinyTardigrade", "", "", "#2E8B57" },
  { "90000212", "Captain_Crumb", "", "", "#FF7F50" },
  { "90000213", "velvetvoid", "", "", "#0000FF" },
  { "90000214", "sprocket_sue", "", "", "#C71585" },
  { "90000215", "ArcadeAmy", "", "", "#FF0000" },
  { "90000216", "drizzle_dev", "", "", "#008000" },
  { "90000217", "MangoMarauder", "", "", "#FFA500" },
  { "90000218", "frostbyte_fin", "", "", "#00CED1" },
  { "90000219", "wobblybean", "", "", "#9370DB" },
  { "90000220", "ZenZebra", "", "", "#696969" },
  { "90000221", "pixel_pete", "", "", "#4682B4" },
  { "90000222", "BiscuitBandit", "", "", "#CD853F" },
  { "90000223", "starlight_sky", "", "", "#6A5ACD" },
  { "90000224", "RiverRook", "", "", "#228B22" },
  { "90000225", "cobalt_cat", "", "", "#4169E1" },
  { "90000226", "Tofu_Titan", "", "", "#F4A460" },
  { "90000227", "moonpie_mia", "", "", "#BA55D3" },
  { "90000228", "dustyroads", "", "", "#A0522D" },
  { "90000229", "HoneyBadgr", "", "", "#DAA520" },
  { "90000230", "okapi_ollie", "", "", "#20B2AA" },
};

/* Helix dates have no fraction: 2016-12-14T20:32:28Z */
static char *
helix_date (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (seconds);

  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
}

static void
user_free (gpointer data)
{
  LurkSimUser *user = data;

  g_free (user->id);
  g_free (user->login);
  g_free (user->display_name);
  g_free (user->description);
  g_free (user->broadcaster_type);
  g_free (user->color);
  g_free (user->created_at);
  g_free (user->title);
  g_free (user->category_id);
  g_free (user->category_name);
  g_free (user->language);
  g_strfreev (user->tags);
  g_free (user->stream_id);
  g_free (user->started_at);
  g_free (user);
}

static void
add_seed (LurkSimWorld *self,
          const Seed   *seed,
          gboolean      chatter,
          guint         index)
{
  LurkSimUser *user = g_new0 (LurkSimUser, 1);
  gint64 now = g_get_real_time ();

  user->id = g_strdup (seed->id);
  user->login = g_ascii_strdown (seed->display_name, -1);
  user->display_name = g_strdup (seed->display_name);
  user->description = g_strdup (seed->description ? seed->description : "");
  user->broadcaster_type = g_strdup (seed->broadcaster_type ? seed->broadcaster_type : "");
  user->color = g_strdup (seed->color);
  /* Accounts made between 2013 and 2021, stable from run to run. */
  user->created_at = helix_date (1370000000 + (gint64)index * 7919 * 3571);
  user->chatter = chatter;
  user->language = g_strdup ("en");

  if (seed->title != NULL)
    {
      user->title = g_strdup (seed->title);
      user->category_id = g_strdup (seed->category_id);
      user->category_name = g_strdup (seed->category_name);
      user->tags = g_strsplit (seed->tags, ",", -1);
      user->live = seed->live;
      user->viewer_count = seed->viewers;
      if (user->live)
        {
          user->stream_id
            = g_strdup_printf ("%" G_GINT64_FORMAT, 40000000000 + now / G_USEC_PER_SEC % 1000000);
          user->started_at = helix_date (now / G_USEC_PER_SEC - 47 * 60);
        }
    }
  else
    {
      user->title = g_strdup ("");
      user->category_id = g_strdup ("");
      user->category_name = g_strdup ("");
      user->tags = g_new0 (char *, 1);
    }

  g_ptr_array_add (self->users, user);
  g_hash_table_insert (self->users_by_id, user->id, user);
  g_hash_table_insert (self->users_by_login, user->login, user);
}

void
_lurk_sim_world_reset (LurkSimWorld *self)
{
  self->clock_offset = 0;
  self->message_clock_offset = 0;
  g_clear_pointer (&self->users_by_id, g_hash_table_unref);
  g_clear_pointer (&self->users_by_login, g_hash_table_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);

  self->users = g_ptr_array_new_with_free_func (user_free);
  self->users_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->users_by_login = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    add_seed (self, &channels[i], FALSE, i);
  for (guint i = 0; i < G_N_ELEMENTS (viewers); i++)
    add_seed (self, &viewers[i], i > 0, G_N_ELEMENTS (channels) + i);
}

LurkSimWorld *
_lurk_sim_world_new (void)
{
  LurkSimWorld *self = g_new0 (LurkSimWorld, 1);

  self->rand = g_rand_new ();
  self->time_scale = 1.0;
  self->avatars = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)g_bytes_unref);
  _lurk_sim_world_reset (self);

  return self;
}

void
_lurk_sim_world_free (LurkSimWorld *self)
{
  g_clear_pointer (&self->avatars, g_hash_table_unref);
  g_clear_pointer (&self->users_by_id, g_hash_table_unref);
  g_clear_pointer (&self->users_by_login, g_hash_table_unref);
  g_clear_pointer (&self->users, g_ptr_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->url);
  g_free (self);
}

gint64
_lurk_sim_world_now (LurkSimWorld *self)
{
  return g_get_real_time () + self->clock_offset;
}

char *
_lurk_sim_message_now_rfc3339 (LurkSimWorld *self)
{
  return _lurk_sim_now_rfc3339_offset (self->message_clock_offset);
}

guint
_lurk_sim_scaled_ms (LurkSimWorld *self,
                     double        seconds)
{
  double ms = seconds * 1000.0 * self->time_scale;

  return ms < 1 ? 1 : ms > G_MAXINT ? G_MAXINT : (guint)ms;
}

/* Sources go to the simulator's own context (it may run in a thread of its own), so they are
 * handled as GSource pointers, never as ids of the global default context. */
GSource *
_lurk_sim_timeout (LurkSimWorld *self,
                   guint         ms,
                   GSourceFunc   func,
                   gpointer      data)
{
  GSource *source = g_timeout_source_new (ms);

  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, self->context);

  return source;
}

GSource *
_lurk_sim_scaled_timeout (LurkSimWorld *self,
                          double        seconds,
                          GSourceFunc   func,
                          gpointer      data)
{
  return _lurk_sim_timeout (self, _lurk_sim_scaled_ms (self, seconds), func, data);
}

LurkSimUser *
_lurk_sim_user_by_id (LurkSimWorld *self,
                      const char   *id)
{
  return id ? g_hash_table_lookup (self->users_by_id, id) : NULL;
}

LurkSimUser *
_lurk_sim_user_by_login (LurkSimWorld *self,
                         const char   *login)
{
  g_autofree char *lower = NULL;

  if (login == NULL)
    return NULL;

  lower = g_ascii_strdown (login, -1);
  return g_hash_table_lookup (self->users_by_login, lower);
}

LurkSimUser *
_lurk_sim_default_broadcaster (LurkSimWorld *self)
{
  return _lurk_sim_user_by_id (self, LURK_SIM_BROADCASTER_ID);
}

LurkSimUser *
_lurk_sim_random_chatter (LurkSimWorld *self)
{
  guint first = G_N_ELEMENTS (channels) + 1;
  guint n = self->users->len - first;

  return g_ptr_array_index (self->users, first + g_rand_int_range (self->rand, 0, n));
}

char *
_lurk_sim_avatar_url (LurkSimWorld *self,
                      const char   *login)
{
  return g_strdup_printf ("%s/sim/avatar/%s.png", self->url ? self->url : "http://127.0.0.1",
                          login);
}

JsonObject *
_lurk_sim_user_to_json (LurkSimWorld *self,
                        LurkSimUser  *user)
{
  JsonObject *object = json_object_new ();
  g_autofree char *avatar = _lurk_sim_avatar_url (self, user->login);

  json_object_set_string_member (object, "id", user->id);
  json_object_set_string_member (object, "login", user->login);
  json_object_set_string_member (object, "display_name", user->display_name);
  json_object_set_string_member (object, "type", "");
  json_object_set_string_member (object, "broadcaster_type", user->broadcaster_type);
  json_object_set_string_member (object, "description", user->description);
  json_object_set_string_member (object, "profile_image_url", avatar);
  json_object_set_string_member (object, "offline_image_url", "");
  json_object_set_int_member (object, "view_count", 0);
  json_object_set_string_member (object, "created_at", user->created_at);

  return object;
}

JsonObject *
_lurk_sim_stream_to_json (LurkSimWorld *self,
                          LurkSimUser  *user)
{
  JsonObject *object = json_object_new ();
  JsonArray *tags = json_array_new ();
  g_autofree char *thumbnail = g_strdup_printf (
    "%s/sim/avatar/%s.png?width={width}&height={height}", self->url ? self->url : "", user->login);

  for (guint i = 0; user->tags && user->tags[i]; i++)
    json_array_add_string_element (tags, user->tags[i]);

  json_object_set_string_member (object, "id", user->stream_id ? user->stream_id : "");
  json_object_set_string_member (object, "user_id", user->id);
  json_object_set_string_member (object, "user_login", user->login);
  json_object_set_string_member (object, "user_name", user->display_name);
  json_object_set_string_member (object, "game_id", user->category_id);
  json_object_set_string_member (object, "game_name", user->category_name);
  json_object_set_string_member (object, "type", "live");
  json_object_set_string_member (object, "title", user->title);
  json_object_set_array_member (object, "tags", tags);
  json_object_set_int_member (object, "viewer_count", user->viewer_count);
  json_object_set_string_member (object, "started_at", user->started_at ? user->started_at : "");
  json_object_set_string_member (object, "language", user->language);
  json_object_set_string_member (object, "thumbnail_url", thumbnail);
  json_object_set_boolean_member (object, "is_mature", FALSE);

  return object;
}

/* Avatars: a 300×300 PNG identicon (5×5 mirrored grid) coloured from the login. */

static guint32 crc_table[256];

static void
crc_init (void)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;

      for (int k = 0; k < 8; k++)
        c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      crc_table[n] = c;
    }
}

static guint32
crc32_update (guint32       crc,
              const guint8 *data,
              gsize         len)
{
  for (gsize i = 0; i < len; i++)
    crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

static void
append_be32 (GByteArray *out,
             guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (out, b, 4);
}

static void
append_chunk (GByteArray   *out,
              const char   *type,
              const guint8 *data,
              gsize         len)
{
  guint32 crc;

  append_be32 (out, len);
  g_byte_array_append (out, (const guint8 *)type, 4);
  if (len > 0)
    g_byte_array_append (out, data, len);
  crc = crc32_update (0xffffffffu, (const guint8 *)type, 4);
  crc = crc32_update (crc, data, len) ^ 0xffffffffu;
  append_be32 (out, crc);
}

static GBytes *
make_avatar (const char *login)
{
  static gsize crc_ready = 0;
  const guint size = 300;
  const guint cell = 50;
  const guint margin = 25;
  guint32 hash = g_str_hash (login);
  guint8 fg[3], bg[3] = { 0xf0, 0xf0, 0xf5 };
  gboolean grid[5][5];
  g_autoptr(GByteArray) raw = g_byte_array_sized_new ((size * 3 + 1) * size);
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) zout = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 ihdr[13];
  double hue = (hash % 360) / 60.0;
  double x = 1 - ABS (fmod (hue, 2) - 1);
  double rgb[3] = { 0, 0, 0 };

  if (g_once_init_enter (&crc_ready))
    {
      crc_init ();
      g_once_init_leave (&crc_ready, 1);
    }

  /* A saturated colour of the login's hue. */
  switch ((int)hue)
    {
    case 0: rgb[0] = 1; rgb[1] = x; break;
    case 1: rgb[0] = x; rgb[1] = 1; break;
    case 2: rgb[1] = 1; rgb[2] = x; break;
    case 3: rgb[1] = x; rgb[2] = 1; break;
    case 4: rgb[0] = x; rgb[2] = 1; break;
    default: rgb[0] = 1; rgb[2] = x; break;
    }
  for (int i = 0; i < 3; i++)
    fg[i] = (guint8)(40 + rgb[i] * 170);

  for (int row = 0; row < 5; row++)
    for (int col = 0; col < 3; col++)
      {
        gboolean on = (hash >> ((row * 3 + col) % 31)) & 1;

        grid[row][col] = on;
        grid[row][4 - col] = on;
      }

  for (guint y = 0; y < size; y++)
    {
      guint8 filter = 0;

      g_byte_array_append (raw, &filter, 1);
      for (guint px = 0; px < size; px++)
        {
          gboolean in_grid = px >= margin && px < size - margin && y >= margin && y < size - margin;
          gboolean on = in_grid && grid[(y - margin) / cell][(px - margin) / cell];

          g_byte_array_append (raw, on ? fg : bg, 3);
        }
    }

  g_output_stream_write_all (zout, raw->data, raw->len, NULL, NULL, NULL);
  g_output_stream_close (zout, NULL, NULL);

  g_byte_array_append (png, signature, sizeof signature);
  ihdr[0] = 0; ihdr[1] = 0; ihdr[2] = size >> 8; ihdr[3] = size & 0xff;
  ihdr[4] = 0; ihdr[5] = 0; ihdr[6] = size >> 8; ihdr[7] = size & 0xff;
  ihdr[8] = 8;   /* bit depth */
  ihdr[9] = 2;   /* RGB */
  ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  append_chunk (png, "IHDR", ihdr, sizeof ihdr);
  append_chunk (png, "IDAT",
                g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

void
_lurk_sim_handle_avatar (LurkSimWorld      *self,
                         SoupServerMessage *msg,
                         const char        *path)
{
  g_autofree char *login = NULL;
  GBytes *bytes;

  if (!g_str_has_suffix (path, ".png") || strlen (path) < 5 || strlen (path) > 40)
    {
      _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
      return;
    }

  login = g_ascii_strdown (path, strlen (path) - 4);
  bytes = g_hash_table_lookup (self->avatars, login);
  if (bytes == NULL)
    {
      bytes = make_avatar (login);
      g_hash_table_insert (self->avatars, g_strdup (login), bytes);
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Cache-Control", "max-age=86400");
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}
