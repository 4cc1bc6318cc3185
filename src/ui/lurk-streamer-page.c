/* lurk-streamer-page.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-streamer-page"

#include "config.h"

#ifdef LURK_BENCH_HOOKS
# include "lurk-bench-hooks.h"
#endif

#include <glib/gi18n.h>

#include "lurk-application.h"
#include "lurk-channel-header.h"
#include "lurk-endpoints.h"
#include "lurk-event-menu.h"
#include "lurk-event-model.h"
#include "lurk-event-row.h"
#include "lurk-event-slots.h"
#include "lurk-listener.h"
#include "lurk-history-window.h"
#include "lurk-streamer-page.h"
#include "lurk-web-view.h"

/*
 * The Streamer page: the channel header (avatar, name, LIVE and uptime, title, category: the
 * one place that says LIVE, besides Twitch's player),
 * Twitch's player, Twitch's chat and the events sidebar, fed by the app's #LurkChannel.
 *
 * Layout: the events sidebar and the chat are AdwFlaps that never fold over the video
 * (Twitch's embeds must stay visible): as the window narrows, the chat moves below the
 * video, then the sidebar does too; the player keeps 400×300. Hiding either is a setting
 * (`chat-visible`, `sidebar-visible`, actions win.chat-visible / streamer.toggle-chat and
 * win.sidebar-visible).
 *
 * The list: a GtkListView over #LurkEventSlots, a mirror of the channel's #LurkEventModel
 * (newest first, bounded, changed at most once per frame by the listener's batches) whose
 * items stay while their events change, so a flood re-labels the rows instead of rebuilding
 * them. The newest event shows at once in the top row; the rows below follow the model at
 * most every SYNC_INTERVAL_MS (nobody reads 60 changes a second), and not while the
 * reader has scrolled down to older events (they stay where they are; the list catches up
 * when they scroll back to the top). One shared timer (10 s, only
 * while mapped) refreshes the rows' relative times. Events that arrived while the sidebar
 * was not in sight are marked until it has been in sight for a few seconds.
 *
 * Screen readers: each row's text is its accessible label. GTK 4.8 has no
 * gtk_accessible_announce(), so new events go to a label with the `status` role (a polite
 * live region in ARIA terms: AT-SPI reports its text changes, which Orca reads without
 * interrupting), at most every two seconds, summarized ("5 new events; the latest: …") when
 * several arrived in between.
 */

#define PLAYER_MIN_WIDTH      400
#define PLAYER_MIN_HEIGHT     300
#define CHAT_WIDTH            340
#define EVENTS_WIDTH          320
#define CHAT_BELOW_HEIGHT     220
#define EVENTS_BELOW_HEIGHT   200
#define TIME_REFRESH_SECONDS  10
#define SEEN_AFTER_SECONDS    4
#define ANNOUNCE_INTERVAL_MS  2000
#define SYNC_INTERVAL_MS      50
#define READING_OLDER_PX      60
#define BANNER_DELAY_MS       10000

struct _LurkStreamerPage
{
  AdwBin              parent_instance;

  char               *login;
  char               *display_name;
  LurkLiveStatus      live_status;
  guint               chat_visible : 1;
  guint               sidebar_visible : 1;
  guint               chat_side : 1;
  guint               events_side : 1;
  guint               painted : 1;     /* the window drew a frame since the page was mapped */

  GdkFrameClock      *paint_clock;
  GdkSurface         *toplevel;       /* followed while mapped: minimized is not watching */
  gulong              after_paint_id;
  guint               embeds_idle_id;

  LurkChannel        *channel;
  GtkNoSelection     *selection;
  LurkEventSlots     *slots;           /* what the list view shows */
  GPtrArray          *bound_items;     /* GtkListItem */
  guint               sync_id;
  gint64              last_sync;
  guint               sync_waiting : 1; /* the model changed while the reader scrolled down */
  guint               time_id;
  guint               seen_id;
  guint               announce_id;
  gint64              last_announce;
  guint               pending_count;
  char               *pending_summary;
  char               *announcement;
  gint64              outage_since;    /* monotonic; 0 while events flow */
  guint               outage_shown : 1; /* the outage lasted: the banner said so */
  guint               banner_delay_ms;
  guint               banner_id;
  char               *gap_notice;
  char               *last_toast;

  AdwWindowTitle     *window_title;
  GtkWidget          *header_bar;
  GtkWidget          *back_button;
  GtkRevealer        *connection_revealer;
  GtkRevealer        *notice_revealer;
  GtkLabel           *notice_label;
  GtkButton          *notice_button;
  GSignalGroup       *listener_signals;
  GtkImage           *connection_icon;
  GtkLabel           *connection_label;
  GtkButton          *connection_button;
  AdwFlap            *flap;
  AdwFlap            *chat_flap;
  GtkWidget          *chat_box;
  GtkWidget          *events_box;
  AdwClamp           *chat_clamp;
  AdwClamp           *events_clamp;
  LurkChannelHeader  *channel_header;
  LurkWebView        *player_view;
  LurkWebView        *chat_view;
  GtkLabel           *connection_status;
  GtkLabel           *announce_label;
  GtkLabel           *sync_label;
  GtkSwitch          *sync_switch;
  GtkStack           *events_stack;
  GtkScrolledWindow  *events_scroller;
  GtkListView        *events_list;
  AdwStatusPage      *events_empty;
};

G_DEFINE_FINAL_TYPE (LurkStreamerPage, lurk_streamer_page, ADW_TYPE_BIN)

static void lurk_streamer_page_sync_video (LurkStreamerPage *self);

G_DEFINE_ENUM_TYPE (LurkLiveStatus, lurk_live_status,
  G_DEFINE_ENUM_VALUE (LURK_LIVE_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (LURK_LIVE_STATUS_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (LURK_LIVE_STATUS_LIVE, "live"))

enum {
  PROP_0,
  PROP_LOGIN,
  PROP_DISPLAY_NAME,
  PROP_LIVE_STATUS,
  PROP_CHAT_VISIBLE,
  PROP_SIDEBAR_VISIBLE,
  PROP_CHANNEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **dest,
            const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;

  g_free (*dest);
  *dest = g_strdup (value);

  return TRUE;
}

static gboolean
channel_is_ours (LurkStreamerPage *self)
{
  return self->channel != NULL && self->login[0] != '\0' &&
         g_strcmp0 (lurk_channel_get_login (self->channel), self->login) == 0;
}

static void
lurk_streamer_page_update_header (LurkStreamerPage *self)
{
  g_autofree char *subtitle = NULL;
  const char *title;

  if (self->display_name != NULL && self->display_name[0] != '\0')
    title = self->display_name;
  else
    title = self->login;

  switch (self->live_status)
    {
    case LURK_LIVE_STATUS_LIVE:
      subtitle = g_strdup (_("Live now"));
      break;

    case LURK_LIVE_STATUS_OFFLINE:
      subtitle = g_strdup (_("Offline"));
      break;

    case LURK_LIVE_STATUS_UNKNOWN:
    default:
      /* Until the status is known the subtitle says where the channel is. */
      subtitle = self->login[0] != '\0' ? g_strdup_printf ("twitch.tv/%s", self->login)
                                        : g_strdup ("");
      break;
    }

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

/* Embeds --------------------------------------------------------------------------------- */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

/**
 * lurk_streamer_page_dup_player_url:
 * @self: a streamer page
 *
 * Returns: (transfer full) (nullable): the player embed URL for the current login
 *   (lurk_endpoints_build_player_url(): Twitch's player, or the simulator's /embed/player
 *   in the demo)
 */
char *
lurk_streamer_page_dup_player_url (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  if (self->login[0] == '\0')
    return NULL;

  return lurk_endpoints_build_player_url (self->login, "localhost", TRUE, FALSE);
}

/**
 * lurk_streamer_page_dup_chat_url:
 * @self: a streamer page
 *
 * Returns: (transfer full) (nullable): the chat embed URL for the current login
 *   (lurk_endpoints_build_chat_url()), with `darkpopout` when the system is dark
 */
char *
lurk_streamer_page_dup_chat_url (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  if (self->login[0] == '\0')
    return NULL;

  return lurk_endpoints_build_chat_url (self->login, "localhost", is_dark ());
}

static void
lurk_streamer_page_load_embeds (LurkStreamerPage *self)
{
  g_autofree char *player = NULL;
  g_autofree char *api = NULL;
  g_autofree char *chat = NULL;

  /* Only once the page is on screen: a Home page start loads no web process, and does not
   * even open WebKit's module (liblurk-web.so: the first load_embed does, in a worker thread,
   * lurk-web-loader.c). And only once the window has drawn a frame: creating the web views,
   * their network session and the web process before it kept the first frame waiting for
   * WebKit (map → first_frame_painted_cb). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || !self->painted)
    return;

  /* The player through Twitch's embed API, so the sidebar can follow the video. */
  player = lurk_streamer_page_dup_player_url (self);
  api = lurk_endpoints_dup_embed_api_url ();
  lurk_web_view_load_player (self->player_view, api, player, "#0e0e10");

  if (self->chat_visible)
    {
      chat = lurk_streamer_page_dup_chat_url (self);
      lurk_web_view_load_embed (self->chat_view, chat, is_dark () ? "#18181b" : "#ffffff");
    }
}

static gboolean
load_embeds_idle_cb (gpointer user_data)
{
  LurkStreamerPage *self = user_data;

  self->embeds_idle_id = 0;
  self->painted = TRUE;
  lurk_streamer_page_load_embeds (self);

  return G_SOURCE_REMOVE;
}

static void
lurk_streamer_page_stop_paint_watch (LurkStreamerPage *self)
{
  if (self->paint_clock != NULL)
    {
      g_clear_signal_handler (&self->after_paint_id, self->paint_clock);
      g_clear_object (&self->paint_clock);
    }
}

static void
first_frame_painted_cb (GdkFrameClock    *clock,
                        LurkStreamerPage *self)
{
  lurk_streamer_page_stop_paint_watch (self);

  /* After this frame's paint has returned: the web views come on the next main loop turn. */
  if (self->embeds_idle_id == 0)
    self->embeds_idle_id = g_idle_add (load_embeds_idle_cb, self);
}

static void
dark_changed_cb (LurkStreamerPage *self)
{
  lurk_streamer_page_load_embeds (self);
}

/* Adaptive layout ------------------------------------------------------------------------ */

static void
lurk_streamer_page_apply_layout (LurkStreamerPage *self,
                                 gboolean          events_side,
                                 gboolean          chat_side)
{
  if (self->events_side == events_side && self->chat_side == chat_side)
    return;

  self->events_side = events_side;
  self->chat_side = chat_side;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->flap),
                                  events_side ? GTK_ORIENTATION_HORIZONTAL
                                              : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_size_request (self->events_box,
                               events_side ? EVENTS_WIDTH : -1,
                               events_side ? -1 : EVENTS_BELOW_HEIGHT);
  adw_clamp_set_maximum_size (self->events_clamp, events_side ? EVENTS_WIDTH : 10000);
  adw_clamp_set_tightening_threshold (self->events_clamp,
                                      events_side ? EVENTS_WIDTH : 10000);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->chat_flap),
                                  chat_side ? GTK_ORIENTATION_HORIZONTAL
                                            : GTK_ORIENTATION_VERTICAL);
  gtk_widget_set_size_request (self->chat_box,
                               chat_side ? CHAT_WIDTH : -1,
                               chat_side ? -1 : CHAT_BELOW_HEIGHT);
  adw_clamp_set_maximum_size (self->chat_clamp, chat_side ? CHAT_WIDTH : 10000);
  adw_clamp_set_tightening_threshold (self->chat_clamp, chat_side ? CHAT_WIDTH : 10000);

  if (events_side)
    gtk_widget_remove_css_class (GTK_WIDGET (self), "narrow");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self), "narrow");
}

static void
lurk_streamer_page_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (widget));

  if (child == NULL)
    {
      *minimum = *natural = 0;
      return;
    }

  gtk_widget_measure (child, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);

  /* The side panes move below the video when there is no room, so the page only needs
   * the player's width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = MIN (*minimum, PLAYER_MIN_WIDTH);
}

static void
lurk_streamer_page_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);
  gboolean events_side;
  gboolean chat_side;

  events_side = !self->sidebar_visible || width >= PLAYER_MIN_WIDTH + EVENTS_WIDTH + 1;
  chat_side = !self->chat_visible ||
              width >= PLAYER_MIN_WIDTH + CHAT_WIDTH + 1 +
                       (self->sidebar_visible && events_side ? EVENTS_WIDTH + 1 : 0);
  lurk_streamer_page_apply_layout (self, events_side, chat_side);

  if (adw_bin_get_child (ADW_BIN (widget)) != NULL)
    gtk_widget_allocate (adw_bin_get_child (ADW_BIN (widget)), width, height, baseline, NULL);
}

/* Events list ----------------------------------------------------------------------------- */

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LurkStreamerPage         *self)
{
  GtkWidget *row = lurk_event_row_new ();

  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
  /* the row's menu, as in History */
  lurk_event_menu_attach (row, LURK_EVENT_ROW (row));
}

/* Shows the event of @item's slot (now, after a sync). */
static void
lurk_streamer_page_refresh_row (LurkStreamerPage *self,
                                GtkListItem      *item)
{
  LurkEventRow *row = LURK_EVENT_ROW (gtk_list_item_get_child (item));
  LurkEvent *event = lurk_event_slot_get_event (gtk_list_item_get_item (item));
  LurkEventModel *model = self->channel != NULL ? lurk_channel_get_model (self->channel) : NULL;

  lurk_event_row_set_event (row, event);
  lurk_event_row_set_is_new (row, model != NULL && event != NULL &&
                                  lurk_event_model_is_new (model, event));
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LurkStreamerPage         *self)
{
  g_ptr_array_add (self->bound_items, item);
  lurk_streamer_page_refresh_row (self, item);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LurkStreamerPage         *self)
{
  g_ptr_array_remove_fast (self->bound_items, item);
  lurk_event_row_set_event (LURK_EVENT_ROW (gtk_list_item_get_child (item)), NULL);
}

static gboolean
refresh_times_cb (gpointer user_data)
{
  LurkStreamerPage *self = user_data;
  gint64 now = g_get_real_time ();

  for (guint i = 0; i < self->bound_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound_items, i);

      lurk_event_row_update_time (LURK_EVENT_ROW (gtk_list_item_get_child (item)), now);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
reading_older (LurkStreamerPage *self)
{
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->events_scroller);

  return gtk_adjustment_get_value (vadjustment) >
         gtk_adjustment_get_lower (vadjustment) + READING_OLDER_PX;
}

/* Makes the list show the model as it is now. */
static void
lurk_streamer_page_sync_rows (LurkStreamerPage *self)
{
  LurkEventModel *model = self->channel != NULL ? lurk_channel_get_model (self->channel) : NULL;
  GtkAdjustment *vadjustment = gtk_scrolled_window_get_vadjustment (self->events_scroller);

  g_clear_handle_id (&self->sync_id, g_source_remove);
  self->sync_waiting = FALSE;
  self->last_sync = g_get_monotonic_time ();

  if (!lurk_event_slots_sync (self->slots, model != NULL ? G_LIST_MODEL (model) : NULL))
    return;

  for (guint i = 0; i < self->bound_items->len; i++)
    lurk_streamer_page_refresh_row (self, g_ptr_array_index (self->bound_items, i));
#ifdef LURK_BENCH_HOOKS
  if (model != NULL && g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    {
      g_autoptr(LurkEvent) newest = g_list_model_get_item (G_LIST_MODEL (model), 0);

      _lurk_bench_hooks_shown (newest);
    }
#endif

  /* A reader at the top of the list wants to see the newest event. */
  if (gtk_adjustment_get_value (vadjustment) > gtk_adjustment_get_lower (vadjustment))
    gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));
}

/* Only the top row takes the model's newest event (one row re-labelled, not all). */
static void
lurk_streamer_page_show_newest (LurkStreamerPage *self)
{
  LurkEventModel *model = self->channel != NULL ? lurk_channel_get_model (self->channel) : NULL;

  if (model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->slots)) == 0)
    {
      lurk_streamer_page_sync_rows (self);
      return;
    }

  if (!lurk_event_slots_sync_newest (self->slots, G_LIST_MODEL (model)))
    return;

  for (guint i = 0; i < self->bound_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound_items, i);

      if (gtk_list_item_get_position (item) == 0)
        lurk_streamer_page_refresh_row (self, item);
    }
#ifdef LURK_BENCH_HOOKS
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) > 0)
    {
      g_autoptr(LurkEvent) newest = g_list_model_get_item (G_LIST_MODEL (model), 0);

      _lurk_bench_hooks_shown (newest);
    }
#endif
}

static gboolean
sync_rows_cb (gpointer user_data)
{
  LurkStreamerPage *self = user_data;

  self->sync_id = 0;
  /* The reader scrolled down while the rows below the newest were catching up: they wait
   * until the reader is back at the top, like events that arrive while they read. */
  if (reading_older (self))
    self->sync_waiting = TRUE;
  else
    lurk_streamer_page_sync_rows (self);

  return G_SOURCE_REMOVE;
}

static void
model_items_changed_cb (LurkStreamerPage *self,
                        guint             position,
                        guint             removed,
                        guint             added,
                        GListModel       *model)
{
  gint64 since;

  /* Events gone from the top (another channel): at once. New events on top come with the
   * oldest removed at the bottom, as a change of its own: that one waits like them. */
  if (position == 0 && removed > added)
    {
      lurk_streamer_page_sync_rows (self);
      return;
    }

  /* Scrolled down to read older events: leave the reader where they are. */
  if (reading_older (self))
    {
      self->sync_waiting = TRUE;
      return;
    }

  since = (g_get_monotonic_time () - self->last_sync) / 1000;
  if (since >= SYNC_INTERVAL_MS)
    {
      lurk_streamer_page_sync_rows (self);
      return;
    }

  /* The newest event shows now; the rows below catch up within SYNC_INTERVAL_MS. */
  lurk_streamer_page_show_newest (self);
  if (self->sync_id == 0)
    self->sync_id = g_timeout_add (SYNC_INTERVAL_MS - since, sync_rows_cb, self);
}

static void
scrolled_cb (LurkStreamerPage *self,
             GtkAdjustment    *vadjustment)
{
  if (self->sync_waiting && !reading_older (self))
    lurk_streamer_page_sync_rows (self);
}

static gboolean
sidebar_in_sight (LurkStreamerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return gtk_widget_get_mapped (GTK_WIDGET (self)) && self->sidebar_visible &&
         GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root));
}

static gboolean
mark_seen_cb (gpointer user_data)
{
  LurkStreamerPage *self = user_data;

  self->seen_id = 0;
  if (self->channel != NULL && sidebar_in_sight (self))
    lurk_event_model_mark_seen (lurk_channel_get_model (self->channel));

  return G_SOURCE_REMOVE;
}

static void
lurk_streamer_page_update_seen (LurkStreamerPage *self)
{
  LurkEventModel *model = self->channel != NULL ? lurk_channel_get_model (self->channel) : NULL;

  for (guint i = 0; i < self->bound_items->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound_items, i);
      LurkEventRow *row = LURK_EVENT_ROW (gtk_list_item_get_child (item));
      LurkEvent *event = lurk_event_row_get_event (row);

      lurk_event_row_set_is_new (row, model != NULL && event != NULL &&
                                      lurk_event_model_is_new (model, event));
    }

  if (model != NULL && lurk_event_model_get_n_new (model) > 0 && sidebar_in_sight (self) &&
      self->seen_id == 0)
    self->seen_id = g_timeout_add_seconds (SEEN_AFTER_SECONDS, mark_seen_cb, self);
}

static void
lurk_streamer_page_update_empty (LurkStreamerPage *self)
{
  LurkEventModel *model = self->channel != NULL ? lurk_channel_get_model (self->channel) : NULL;
  gboolean empty = model == NULL || g_list_model_get_n_items (G_LIST_MODEL (model)) == 0;

  gtk_stack_set_visible_child_name (self->events_stack, empty ? "empty" : "list");
}

/* Announcements --------------------------------------------------------------------------- */

static void
lurk_streamer_page_announce_now (LurkStreamerPage *self)
{
  g_autofree char *text = NULL;

  if (self->pending_count == 0)
    return;

  if (self->pending_count == 1)
    text = g_strdup (self->pending_summary);
  else
    /* Translators: announced to screen readers when several events arrive at once */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new event; the latest: %s",
                                         "%u new events; the latest: %s", self->pending_count),
                            self->pending_count, self->pending_summary);

  self->pending_count = 0;
  g_clear_pointer (&self->pending_summary, g_free);
  self->last_announce = g_get_monotonic_time ();

  set_string (&self->announcement, text);
  gtk_label_set_text (self->announce_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->announce_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->announce_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);
}

static void
lurk_streamer_page_clear_announcement (LurkStreamerPage *self)
{
  g_clear_handle_id (&self->announce_id, g_source_remove);
  self->pending_count = 0;
  g_clear_pointer (&self->pending_summary, g_free);
  g_clear_pointer (&self->announcement, g_free);
  if (self->announce_label != NULL)
    {
      gtk_label_set_text (self->announce_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->announce_label), FALSE);
    }
}

static gboolean
announce_cb (gpointer user_data)
{
  LurkStreamerPage *self = user_data;

  self->announce_id = 0;
  lurk_streamer_page_announce_now (self);

  return G_SOURCE_REMOVE;
}

/* What the model added to the list of a live batch (the chat's twin of a raid and the gifts
 * folded into their gift bomb's row are not in it), in arrival order. */
static void
model_events_added_cb (LurkStreamerPage *self,
                       GPtrArray        *added,
                       LurkEventModel   *model)
{
  gint64 since;

  if (added->len == 0)
    return;

  self->pending_count += added->len;
  g_free (self->pending_summary);
  self->pending_summary = lurk_event_dup_summary (g_ptr_array_index (added, added->len - 1));

  since = (g_get_monotonic_time () - self->last_announce) / 1000;
  if (self->announce_id != 0)
    return;
  if (since >= ANNOUNCE_INTERVAL_MS)
    lurk_streamer_page_announce_now (self);
  else
    self->announce_id = g_timeout_add (ANNOUNCE_INTERVAL_MS - since, announce_cb, self);
}

/* Connection ------------------------------------------------------------------------------ */

/*
 * A reconnect of a few seconds only changes the status next to "Events": the banner (which
 * pushes the page down) comes when the outage has lasted BANNER_DELAY_MS. After an outage that
 * long a toast says that events during it may be missing: EventSub does not replay what it
 * sent while nobody listened (TWITCH.md).
 */

static void lurk_streamer_page_update_connection (LurkStreamerPage *self);

static gboolean
banner_due_cb (gpointer user_data)
{
  LurkStreamerPage *self = user_data;

  self->banner_id = 0;
  self->outage_shown = TRUE;
  lurk_streamer_page_update_connection (self);

  return G_SOURCE_REMOVE;
}

static void
lurk_streamer_page_toast (LurkStreamerPage *self,
                          const char       *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  g_free (self->last_toast);
  self->last_toast = g_strdup (text);
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_timeout (toast, 10);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
lurk_streamer_page_note_gap (LurkStreamerPage *self,
                             gint64            usec)
{
  guint seconds = (guint) MAX (1, usec / G_USEC_PER_SEC);

  g_free (self->gap_notice);
  if (seconds < 90)
    /* Translators: a toast once events flow again after an outage */
    self->gap_notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Reconnected; events of the last %u second "
                                                     "may be missing",
                                                     "Reconnected; events of the last %u seconds "
                                                     "may be missing", seconds), seconds);
  else
    /* Translators: a toast once events flow again after an outage */
    self->gap_notice = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Reconnected; events of the last %u minute "
                                                     "may be missing",
                                                     "Reconnected; events of the last %u minutes "
                                                     "may be missing", (seconds + 59) / 60),
                                        (seconds + 59) / 60);

  lurk_streamer_page_toast (self, self->gap_notice);
}

/* Follows @connection's outages: whether the banner may show. */
static gboolean
lurk_streamer_page_track_outage (LurkStreamerPage *self,
                                 LurkConnection    connection)
{
  gint64 now = g_get_monotonic_time ();
  gint64 elapsed_ms;

  switch (connection)
    {
    case LURK_CONNECTION_RECONNECTING:
    case LURK_CONNECTION_WAITING_FOR_NETWORK:
      if (self->outage_since == 0)
        self->outage_since = now;
      elapsed_ms = (now - self->outage_since) / 1000;
      if (!self->outage_shown && elapsed_ms >= self->banner_delay_ms)
        self->outage_shown = TRUE;
      if (!self->outage_shown && self->banner_id == 0)
        self->banner_id = g_timeout_add (self->banner_delay_ms - elapsed_ms, banner_due_cb, self);
      return self->outage_shown;

    case LURK_CONNECTION_CONNECTING:
      /* Still the same outage, if there is one. */
      return TRUE;

    case LURK_CONNECTION_CONNECTED:
      if (self->outage_since != 0 && self->outage_shown)
        lurk_streamer_page_note_gap (self, now - self->outage_since);
      G_GNUC_FALLTHROUGH;

    case LURK_CONNECTION_IDLE:
    case LURK_CONNECTION_UNAUTHORIZED:
    case LURK_CONNECTION_SIGNED_OUT:
    default:
      g_clear_handle_id (&self->banner_id, g_source_remove);
      self->outage_since = 0;
      self->outage_shown = FALSE;
      return TRUE;
    }
}

static void
lurk_streamer_page_update_connection (LurkStreamerPage *self)
{
  LurkConnection connection = self->channel != NULL ? lurk_channel_get_connection (self->channel)
                                                    : LURK_CONNECTION_IDLE;
  const char *banner = NULL;
  const char *button = NULL;
  const char *action = NULL;
  const char *icon = "network-offline-symbolic";
  const char *status = "";

  switch (connection)
    {
    case LURK_CONNECTION_CONNECTED:
      status = _("Connected");
      break;

    case LURK_CONNECTION_CONNECTING:
      status = _("Connecting…");
      break;

    case LURK_CONNECTION_RECONNECTING:
      status = _("Reconnecting…");
      banner = _("Connection to Twitch lost; reconnecting");
      button = _("_Reconnect Now");
      action = "streamer.reconnect";
      icon = "network-error-symbolic";
      break;

    case LURK_CONNECTION_WAITING_FOR_NETWORK:
      status = _("Offline");
      banner = _("No network connection; events will resume when it is back");
      button = _("_Network Settings");
      action = "streamer.network-settings";
      break;

    case LURK_CONNECTION_UNAUTHORIZED:
      status = _("Signed out");
      banner = _("Your Twitch session ended");
      button = _("_Sign In Again");
      action = "app.sign-in";
      icon = "dialog-password-symbolic";
      break;

    case LURK_CONNECTION_SIGNED_OUT:
      status = _("Not signed in");
      banner = _("Sign in with Twitch to receive this channel’s events");
      button = _("_Sign In");
      action = "app.sign-in";
      icon = "avatar-default-symbolic";
      break;

    case LURK_CONNECTION_IDLE:
    default:
      if (self->channel != NULL && self->login[0] != '\0' &&
          lurk_channel_get_error_message (self->channel) != NULL)
        {
          banner = lurk_channel_get_error_message (self->channel);
          button = _("_Try Again");
          action = "streamer.refresh";
          icon = "dialog-warning-symbolic";
        }
      break;
    }

  gtk_label_set_text (self->connection_status, status);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->connection_status),
                               connection == LURK_CONNECTION_CONNECTED
                               ? _("Events arrive as they happen") : NULL);
  if (connection == LURK_CONNECTION_CONNECTED)
    gtk_widget_add_css_class (GTK_WIDGET (self->connection_status), "success");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->connection_status), "success");

  if (!lurk_streamer_page_track_outage (self, connection))
    banner = NULL;

  if (banner != NULL)
    {
      gtk_label_set_text (self->connection_label, banner);
      gtk_image_set_from_icon_name (self->connection_icon, icon);
      gtk_button_set_label (self->connection_button, button);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->connection_button), action);
    }
  gtk_revealer_set_reveal_child (self->connection_revealer, banner != NULL);
}

/* The listener's notices ------------------------------------------------------------------- */

/*
 * Revoked subscriptions, types Twitch refused or stopped (degraded) and store errors reach the
 * UI thread as the listener's signals; the page shows each in a banner of its own under the
 * connection's, with the action that fixes it: Reconnect subscribes again, Dismiss for what
 * only the user can fix outside Lurk (a full disk).
 */

/* What an EventSub type brings, as the user knows it. */
static const char *
type_name (const char *type)
{
  static const struct {
    const char *type;
    const char *name;
  } names[] = {
    { "channel.raid", N_("raids") },
    { "channel.subscribe", N_("subscriptions") },
    { "channel.subscription.gift", N_("gift subs") },
    { "channel.subscription.message", N_("resubs") },
    { "channel.cheer", N_("cheers") },
    { "channel.follow", N_("follows") },
    { "channel.chat.notification", N_("chat notices") },
    { "stream.online", N_("going live") },
    { "stream.offline", N_("going offline") },
    { "channel.update", N_("title and category changes") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (type, names[i].type) == 0)
      return _(names[i].name);

  return type;
}

static void
lurk_streamer_page_show_notice (LurkStreamerPage *self,
                                const char       *text,
                                const char       *button,
                                const char       *action)
{
  if (text == NULL)
    {
      gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
      return;
    }

  gtk_label_set_text (self->notice_label, text);
  gtk_button_set_label (self->notice_button, button);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->notice_button), action);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static void
listener_revoked_cb (LurkStreamerPage *self,
                     const char       *type,
                     const char       *status,
                     LurkListener     *listener)
{
  g_autofree char *text = NULL;

  /* Translators: %s is what stopped, e.g. "raids" */
  text = g_strdup_printf (_("Twitch stopped sending %s for this channel"), type_name (type));
  lurk_streamer_page_show_notice (self, text, _("_Reconnect"), "streamer.reconnect");
}

static void
listener_subscription_failed_cb (LurkStreamerPage *self,
                                 const char       *description,
                                 const char       *message,
                                 LurkListener     *listener)
{
  g_autofree char *text = NULL;

  /* Translators: %s is what Twitch refused, e.g. "channel.raid" */
  text = g_strdup_printf (_("Twitch refused to send %s for this channel"),
                          type_name (description));
  lurk_streamer_page_show_notice (self, text, _("_Reconnect"), "streamer.reconnect");
}

static void
listener_degraded_cb (LurkStreamerPage *self,
                      GParamSpec       *pspec,
                      LurkListener     *listener)
{
  const char * const *types = lurk_listener_get_degraded_types (listener);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;

  if (types == NULL || types[0] == NULL)
    return;

  for (guint i = 0; types[i] != NULL; i++)
    g_ptr_array_add (names, (gpointer) type_name (types[i]));
  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  /* Translators: %s lists what Twitch does not send, e.g. "raids, cheers" */
  text = g_strdup_printf (_("Twitch is not sending %s for this channel"), list);
  lurk_streamer_page_show_notice (self, text, _("_Reconnect"), "streamer.reconnect");
}

static void
listener_store_error_cb (LurkStreamerPage *self,
                         GError           *error,
                         LurkListener     *listener)
{
  g_autofree char *text = NULL;

  /* Translators: %s says why */
  text = g_strdup_printf (_("New events are shown but not saved to History: %s"),
                          error != NULL ? error->message : "");
  lurk_streamer_page_show_notice (self, text, _("_Dismiss"), "streamer.dismiss-notice");
}

static void
dismiss_notice_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  lurk_streamer_page_show_notice (LURK_STREAMER_PAGE (widget), NULL, NULL, NULL);
}

static void
channel_listener_cb (LurkStreamerPage *self)
{
  LurkListener *listener = NULL;

  if (self->channel != NULL)
    g_object_get (self->channel, "listener", &listener, NULL);
  g_signal_group_set_target (self->listener_signals, listener);
  g_clear_object (&listener);
}

/**
 * lurk_streamer_page_get_notice:
 * @self: a streamer page
 *
 * Returns: (nullable): what the listener's banner says, or %NULL when it is hidden
 */
const char *
lurk_streamer_page_get_notice (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  if (!gtk_revealer_get_reveal_child (self->notice_revealer))
    return NULL;

  return gtk_label_get_text (self->notice_label);
}

/* The channel ------------------------------------------------------------------------------ */

static void
lurk_streamer_page_sync_channel (LurkStreamerPage *self)
{
  if (!channel_is_ours (self))
    return;

  lurk_streamer_page_set_display_name (self, lurk_channel_get_display_name (self->channel));
  if (lurk_channel_get_live (self->channel))
    lurk_streamer_page_set_live_status (self, LURK_LIVE_STATUS_LIVE);
  else if (lurk_channel_get_display_name (self->channel) != NULL &&
           !lurk_channel_get_loading (self->channel))
    lurk_streamer_page_set_live_status (self, LURK_LIVE_STATUS_OFFLINE);
}

static void
channel_notify_cb (LurkStreamerPage *self,
                   GParamSpec       *pspec,
                   LurkChannel      *channel)
{
  lurk_streamer_page_sync_channel (self);
  lurk_streamer_page_update_connection (self);
}

static void
model_notify_cb (LurkStreamerPage *self,
                 GParamSpec       *pspec,
                 LurkEventModel   *model)
{
  if (g_str_equal (pspec->name, "n-new"))
    lurk_streamer_page_update_seen (self);
  else
    lurk_streamer_page_update_empty (self);
}

/* Keyboard ------------------------------------------------------------------------------- */

/*
 * Twitch's embeds keep Tab for their own controls, so Tab into a web view never came out
 * again. Each web view is one stop of the page's Tab order instead: the pane itself takes the
 * focus (with a focus ring, `.pane`); Enter, Space or a click goes into the embed, and
 * Ctrl+Tab or F6 leave it. F6 and Shift+F6 move between the panes: header bar, video, chat,
 * events (win.next-pane / win.previous-pane, LurkWindow's bindings).
 */

static gboolean
is_web_pane (LurkStreamerPage *self,
             GtkWidget        *pane)
{
  return pane == GTK_WIDGET (self->player_view) || pane == GTK_WIDGET (self->chat_view);
}

/* Whether the embed inside @pane may take the focus. */
static void
pane_set_entered (GtkWidget *pane,
                  gboolean   entered)
{
  GtkWidget *child = adw_bin_get_child (ADW_BIN (pane));

  if (child != NULL)
    gtk_widget_set_can_focus (child, entered);
}

static guint
lurk_streamer_page_get_panes (LurkStreamerPage *self,
                              GtkWidget        *panes[4])
{
  guint n = 0;

  panes[n++] = self->header_bar;
  panes[n++] = GTK_WIDGET (self->player_view);
  if (self->chat_visible)
    panes[n++] = GTK_WIDGET (self->chat_view);
  if (self->sidebar_visible)
    panes[n++] = self->events_box;

  return n;
}

static gboolean
lurk_streamer_page_focus_pane (LurkStreamerPage *self,
                               GtkWidget        *pane)
{
  if (!gtk_widget_get_mapped (pane))
    return FALSE;

  if (is_web_pane (self, pane))
    {
      pane_set_entered (pane, FALSE);
      return gtk_widget_grab_focus (pane);
    }

  /* The events pane starts at the events, past its header's switch. */
  if (pane == self->events_box &&
      gtk_widget_child_focus (GTK_WIDGET (self->events_stack), GTK_DIR_TAB_FORWARD))
    return TRUE;

  return gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD);
}

/**
 * lurk_streamer_page_move_pane:
 * @self: a streamer page
 * @forward: to the next pane, else to the previous one
 *
 * Moves the focus to the next (previous) pane shown: header bar, video, chat, events.
 *
 * Returns: %TRUE if the focus moved
 */
gboolean
lurk_streamer_page_move_pane (LurkStreamerPage *self,
                              gboolean          forward)
{
  GtkWidget *panes[4];
  GtkRoot *root;
  GtkWidget *focus = NULL;
  guint n;
  int current = -1;

  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), FALSE);

  n = lurk_streamer_page_get_panes (self, panes);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    focus = gtk_window_get_focus (GTK_WINDOW (root));

  for (guint i = 0; i < n && focus != NULL; i++)
    if (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i]))
      current = i;

  for (guint step = 1; step <= n; step++)
    {
      int i;

      if (current < 0)
        i = forward ? step - 1 : (int) n - (int) step;
      else
        i = ((current + (forward ? (int) step : -(int) step)) % (int) n + (int) n) % (int) n;

      if (i == current)
        break;
      if (lurk_streamer_page_focus_pane (self, panes[i]))
        {
          if (GTK_IS_WINDOW (root))
            gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
pane_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     LurkStreamerPage      *self)
{
  GtkWidget *pane = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *child = adw_bin_get_child (ADW_BIN (pane));
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  gboolean on_pane = gtk_widget_has_focus (pane);

  if (keyval == GDK_KEY_F6)
    return lurk_streamer_page_move_pane (self, !(mods & GDK_SHIFT_MASK));

  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_ISO_Left_Tab || keyval == GDK_KEY_KP_Tab) &&
      (mods & GDK_CONTROL_MASK) && !on_pane)
    {
      GtkRoot *root = gtk_widget_get_root (pane);

      /* Out of the embed, on from its pane as Tab would. */
      pane_set_entered (pane, FALSE);
      gtk_widget_grab_focus (pane);
      gtk_widget_child_focus (GTK_WIDGET (root), (mods & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD
                                                                         : GTK_DIR_TAB_FORWARD);
      return TRUE;
    }

  if (on_pane && child != NULL && mods == 0 &&
      (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter ||
       keyval == GDK_KEY_space || keyval == GDK_KEY_KP_Space))
    {
      pane_set_entered (pane, TRUE);
      if (!gtk_widget_child_focus (child, GTK_DIR_TAB_FORWARD))
        pane_set_entered (pane, FALSE);
      return TRUE;
    }

  return FALSE;
}

static gboolean
pane_pressed_cb (GtkEventControllerLegacy *controller,
                 GdkEvent                 *event,
                 LurkStreamerPage         *self)
{
  /* A click goes into the embed (before it asks for the focus). */
  if (gdk_event_get_event_type (event) == GDK_BUTTON_PRESS ||
      gdk_event_get_event_type (event) == GDK_TOUCH_BEGIN)
    pane_set_entered (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), TRUE);

  return GDK_EVENT_PROPAGATE;
}

static void
pane_focus_leave_cb (GtkEventControllerFocus *controller,
                     LurkStreamerPage        *self)
{
  pane_set_entered (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller)), FALSE);
}

static void
lurk_streamer_page_set_up_pane (LurkStreamerPage *self,
                                GtkWidget        *pane)
{
  GtkEventController *controller;

  gtk_widget_set_focusable (pane, TRUE);
  gtk_widget_add_css_class (pane, "pane");
  pane_set_entered (pane, FALSE);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "key-pressed", G_CALLBACK (pane_key_pressed_cb), self);
  gtk_widget_add_controller (pane, controller);

  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (pane_pressed_cb), self);
  gtk_widget_add_controller (pane, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (pane_focus_leave_cb), self);
  gtk_widget_add_controller (pane, controller);
}

/* Actions ---------------------------------------------------------------------------------- */

static void
toggle_chat_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);

  g_object_set (self, "chat-visible", !self->chat_visible, NULL);
}

static void
toggle_events_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);

  g_object_set (self, "sidebar-visible", !self->sidebar_visible, NULL);
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);

  lurk_streamer_page_show_notice (self, NULL, NULL, NULL);
  if (self->channel != NULL)
    lurk_channel_reconnect (self->channel);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);

  if (self->channel != NULL)
    lurk_channel_refresh (self->channel);
}

static void
network_settings_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);
  g_autoptr(GAppInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *program = g_find_program_in_path ("gnome-control-center");

  /* Inside Flatpak there is no portal that opens Settings, and the host's programs are out
   * of reach; elsewhere Settings may not be installed. Then the page says where to look. */
  if (program != NULL && !g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    {
      info = g_app_info_create_from_commandline ("gnome-control-center network", NULL,
                                                 G_APP_INFO_CREATE_NONE, &error);
      if (info != NULL && g_app_info_launch (info, NULL, NULL, &error))
        return;
      g_debug ("Could not open the network settings: %s", error->message);
    }

  lurk_streamer_page_toast (self, _("Lurk cannot open the network settings: open Settings, "
                                    "then Network or Wi-Fi"));
}

static void
open_in_browser_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);
  g_autofree char *url = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->login[0] == '\0')
    return;

  /* gtk_show_uri(): GtkUriLauncher is GTK 4.10; in Flatpak this goes through the OpenURI
   * portal */
  url = lurk_dup_channel_url (self->login);
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);
  g_autofree char *url = NULL;

  if (self->login[0] == '\0')
    return;

  url = lurk_dup_channel_url (self->login);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
}

/* The Menu key and Shift+F10 on a sidebar row: its menu; elsewhere the key goes on */
static gboolean
event_menu_key (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return root != NULL && lurk_event_menu_popup_at_focus (root);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *broadcaster_id = NULL;
  const char *name = self->login;
  LurkHistoryWindow *history;

  if (channel_is_ours (self))
    {
      broadcaster_id = lurk_channel_get_broadcaster_id (self->channel);
      if (lurk_channel_get_display_name (self->channel) != NULL)
        name = lurk_channel_get_display_name (self->channel);
    }

  history = lurk_history_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL,
                                     broadcaster_id, name);
  gtk_window_present (GTK_WINDOW (history));
}

/* Widget ------------------------------------------------------------------------------------ */

static void
lurk_streamer_page_map (GtkWidget *widget)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);

  GTK_WIDGET_CLASS (lurk_streamer_page_parent_class)->map (widget);

  /* The app's channel, unless someone (a test) set one. */
  if (self->channel == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (widget);
      GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                                 : NULL;

      if (LURK_IS_APPLICATION (app))
        lurk_streamer_page_set_channel (self,
                                        lurk_application_get_channel (LURK_APPLICATION (app)));
    }

  if (self->time_id == 0)
    self->time_id = g_timeout_add_seconds (TIME_REFRESH_SECONDS, refresh_times_cb, self);
  refresh_times_cb (self);

  /* The header comes from Helix when the page opens, then only from events. */
  if (self->channel != NULL && lurk_channel_get_display_name (self->channel) == NULL)
    lurk_channel_refresh (self->channel);

  if (self->painted)
    lurk_streamer_page_load_embeds (self);
  else if (self->paint_clock == NULL && self->embeds_idle_id == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

      if (clock != NULL)
        {
          self->paint_clock = g_object_ref (clock);
          self->after_paint_id = g_signal_connect (clock, "after-paint",
                                                   G_CALLBACK (first_frame_painted_cb), self);
          gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_PAINT);
        }
      else
        {
          self->embeds_idle_id = g_idle_add (load_embeds_idle_cb, self);
        }
    }
  lurk_streamer_page_update_seen (self);

  /* A minimized window is not watched: events need not wait for its video. */
  if (self->toplevel == NULL && gtk_widget_get_native (widget) != NULL)
    {
      GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (widget));

      if (GDK_IS_TOPLEVEL (surface))
        {
          self->toplevel = g_object_ref (surface);
          g_signal_connect_object (surface, "notify::state",
                                   G_CALLBACK (lurk_streamer_page_sync_video), self,
                                   G_CONNECT_SWAPPED);
        }
    }
}

static void
lurk_streamer_page_unmap (GtkWidget *widget)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (widget);

  if (self->toplevel != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->toplevel, self);
      g_clear_object (&self->toplevel);
    }

  g_clear_handle_id (&self->time_id, g_source_remove);
  g_clear_handle_id (&self->seen_id, g_source_remove);
  g_clear_handle_id (&self->embeds_idle_id, g_source_remove);
  lurk_streamer_page_stop_paint_watch (self);

  GTK_WIDGET_CLASS (lurk_streamer_page_parent_class)->unmap (widget);
}

static void
lurk_streamer_page_dispose (GObject *object)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  g_clear_handle_id (&self->time_id, g_source_remove);
  g_clear_handle_id (&self->seen_id, g_source_remove);
  g_clear_handle_id (&self->announce_id, g_source_remove);
  g_clear_handle_id (&self->banner_id, g_source_remove);
  g_clear_handle_id (&self->sync_id, g_source_remove);
  g_clear_handle_id (&self->embeds_idle_id, g_source_remove);
  lurk_streamer_page_stop_paint_watch (self);
  if (self->toplevel != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->toplevel, self);
      g_clear_object (&self->toplevel);
    }
  lurk_streamer_page_set_channel (self, NULL);
  g_clear_object (&self->listener_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_STREAMER_PAGE);

  G_OBJECT_CLASS (lurk_streamer_page_parent_class)->dispose (object);
}

static void
lurk_streamer_page_finalize (GObject *object)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->pending_summary, g_free);
  g_clear_pointer (&self->announcement, g_free);
  g_clear_pointer (&self->gap_notice, g_free);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_pointer (&self->bound_items, g_ptr_array_unref);
  g_clear_object (&self->slots);
  g_clear_object (&self->selection);

  G_OBJECT_CLASS (lurk_streamer_page_parent_class)->finalize (object);
}

static void
lurk_streamer_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      g_value_set_string (value, self->login);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_LIVE_STATUS:
      g_value_set_enum (value, self->live_status);
      break;

    case PROP_CHAT_VISIBLE:
      g_value_set_boolean (value, self->chat_visible);
      break;

    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;

    case PROP_CHANNEL:
      g_value_set_object (value, self->channel);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_streamer_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LurkStreamerPage *self = LURK_STREAMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOGIN:
      lurk_streamer_page_set_login (self, g_value_get_string (value));
      break;

    case PROP_DISPLAY_NAME:
      lurk_streamer_page_set_display_name (self, g_value_get_string (value));
      break;

    case PROP_LIVE_STATUS:
      lurk_streamer_page_set_live_status (self, g_value_get_enum (value));
      break;

    case PROP_CHAT_VISIBLE:
      if (self->chat_visible != g_value_get_boolean (value))
        {
          self->chat_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          lurk_streamer_page_load_embeds (self);
        }
      break;

    case PROP_SIDEBAR_VISIBLE:
      if (self->sidebar_visible != g_value_get_boolean (value))
        {
          self->sidebar_visible = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          lurk_streamer_page_update_seen (self);
        }
      break;

    case PROP_CHANNEL:
      lurk_streamer_page_set_channel (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_streamer_page_class_init (LurkStreamerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_streamer_page_dispose;
  object_class->finalize = lurk_streamer_page_finalize;
  object_class->get_property = lurk_streamer_page_get_property;
  object_class->set_property = lurk_streamer_page_set_property;

  widget_class->map = lurk_streamer_page_map;
  widget_class->unmap = lurk_streamer_page_unmap;
  widget_class->measure = lurk_streamer_page_measure;
  widget_class->size_allocate = lurk_streamer_page_size_allocate;

  properties[PROP_LOGIN] =
    g_param_spec_string ("login", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LIVE_STATUS] =
    g_param_spec_enum ("live-status", NULL, NULL,
                       LURK_TYPE_LIVE_STATUS,
                       LURK_LIVE_STATUS_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHAT_VISIBLE] =
    g_param_spec_boolean ("chat-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CHANNEL] =
    g_param_spec_object ("channel", NULL, NULL,
                         LURK_TYPE_CHANNEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LURK_TYPE_CHANNEL_HEADER);
  g_type_ensure (LURK_TYPE_WEB_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-streamer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, connection_revealer);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, notice_label);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, notice_button);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, connection_icon);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, connection_label);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, connection_button);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, flap);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, chat_flap);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, chat_box);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_box);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, chat_clamp);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_clamp);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, channel_header);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, player_view);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, chat_view);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, connection_status);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, announce_label);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, sync_label);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, sync_switch);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_stack);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_scroller);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_list);
  gtk_widget_class_bind_template_child (widget_class, LurkStreamerPage, events_empty);

  gtk_widget_class_install_action (widget_class, "streamer.toggle-chat", NULL,
                                   toggle_chat_action);
  gtk_widget_class_install_action (widget_class, "streamer.toggle-events", NULL,
                                   toggle_events_action);
  gtk_widget_class_install_action (widget_class, "streamer.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "streamer.dismiss-notice", NULL,
                                   dismiss_notice_action);
  gtk_widget_class_install_action (widget_class, "streamer.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "streamer.network-settings", NULL,
                                   network_settings_action);
  gtk_widget_class_install_action (widget_class, "streamer.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "streamer.open-in-browser", NULL,
                                   open_in_browser_action);
  gtk_widget_class_install_action (widget_class, "streamer.copy-link", NULL, copy_link_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK,
                                       "streamer.history", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, event_menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, event_menu_key, NULL);
}

static void
lurk_streamer_page_init (LurkStreamerPage *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  self->login = g_strdup ("");
  self->chat_visible = TRUE;
  self->sidebar_visible = TRUE;
  self->chat_side = TRUE;
  self->events_side = TRUE;
  self->bound_items = g_ptr_array_new ();
  self->banner_delay_ms = BANNER_DELAY_MS;
  self->listener_signals = g_signal_group_new (LURK_TYPE_LISTENER);
  g_signal_group_connect_swapped (self->listener_signals, "revoked",
                                  G_CALLBACK (listener_revoked_cb), self);
  g_signal_group_connect_swapped (self->listener_signals, "subscription-failed",
                                  G_CALLBACK (listener_subscription_failed_cb), self);
  g_signal_group_connect_swapped (self->listener_signals, "store-error",
                                  G_CALLBACK (listener_store_error_cb), self);
  g_signal_group_connect_swapped (self->listener_signals, "notify::degraded-types",
                                  G_CALLBACK (listener_degraded_cb), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  lurk_streamer_page_set_up_pane (self, GTK_WIDGET (self->player_view));
  lurk_streamer_page_set_up_pane (self, GTK_WIDGET (self->chat_view));
  /* Measured and allocated here (adaptive layout), not by AdwBin's layout manager. */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  gtk_list_view_set_factory (self->events_list, factory);
  self->slots = lurk_event_slots_new ();
  self->selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_list_view_set_model (self->events_list, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->events_scroller),
                           "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player_view, "notify::player-state",
                           G_CALLBACK (lurk_streamer_page_sync_video), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->player_view, "notify::latency-seconds",
                           G_CALLBACK (lurk_streamer_page_sync_video), self, G_CONNECT_SWAPPED);

  lurk_streamer_page_update_header (self);
  lurk_streamer_page_update_connection (self);
}

GtkWidget *
lurk_streamer_page_new (void)
{
  return g_object_new (LURK_TYPE_STREAMER_PAGE, NULL);
}

const char *
lurk_streamer_page_get_login (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->login;
}

/**
 * lurk_streamer_page_set_login:
 * @self: a streamer page
 * @login: (nullable): the streamer's Twitch login
 *
 * Sets whose page this is. A new login forgets the display name and live status of the
 * previous one.
 */
void
lurk_streamer_page_set_login (LurkStreamerPage *self,
                              const char       *login)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));

  if (!set_string (&self->login, login != NULL ? login : ""))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGIN]);
  lurk_streamer_page_set_display_name (self, NULL);
  lurk_streamer_page_set_live_status (self, LURK_LIVE_STATUS_UNKNOWN);
  g_object_thaw_notify (G_OBJECT (self));

  /* What was announced about the old channel's events is not about this one. */
  lurk_streamer_page_clear_announcement (self);
  lurk_streamer_page_update_header (self);
  lurk_streamer_page_sync_channel (self);
  lurk_streamer_page_load_embeds (self);
}

const char *
lurk_streamer_page_get_display_name (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->display_name;
}

/**
 * lurk_streamer_page_set_display_name:
 * @self: a streamer page
 * @display_name: (nullable): the name as the streamer writes it (Helix `display_name`), or
 *   %NULL to show the login
 */
void
lurk_streamer_page_set_display_name (LurkStreamerPage *self,
                                     const char       *display_name)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));

  if (!set_string (&self->display_name, display_name))
    return;

  lurk_streamer_page_update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

LurkLiveStatus
lurk_streamer_page_get_live_status (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), LURK_LIVE_STATUS_UNKNOWN);

  return self->live_status;
}

void
lurk_streamer_page_set_live_status (LurkStreamerPage *self,
                                    LurkLiveStatus    live_status)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));
  g_return_if_fail (live_status <= LURK_LIVE_STATUS_LIVE);

  if (self->live_status == live_status)
    return;

  self->live_status = live_status;
  lurk_streamer_page_update_header (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIVE_STATUS]);
}

/**
 * lurk_streamer_page_get_title:
 * @self: a streamer page
 *
 * Returns: the name the header bar shows
 */
const char *
lurk_streamer_page_get_title (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return adw_window_title_get_title (self->window_title);
}

/**
 * lurk_streamer_page_get_subtitle:
 * @self: a streamer page
 *
 * Returns: the status line the header bar shows
 */
const char *
lurk_streamer_page_get_subtitle (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return adw_window_title_get_subtitle (self->window_title);
}

LurkChannel *
lurk_streamer_page_get_channel (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->channel;
}

/* Events in sync with the video ------------------------------------------------------- */

static void
lurk_streamer_page_update_sync (LurkStreamerPage *self)
{
  LurkEventDelay *delay = self->channel != NULL ? lurk_channel_get_delay (self->channel) : NULL;
  g_autofree char *text = NULL;

  if (delay != NULL && lurk_event_delay_get_delaying (delay))
    /* Translators: the events sidebar's header; %.0f is the video's latency in seconds */
    text = g_strdup_printf (_("In sync with the video (%.0f s behind live)"),
                            lurk_event_delay_get_latency (delay));
  else
    text = g_strdup (_("Live"));

  gtk_label_set_label (self->sync_label, text);
}

/* The player says what the viewer sees: the channel's delay times the sidebar by it. With
 * several windows, the one whose player plays has the say; a page whose player stops or is
 * hidden gives it back. */
static void
lurk_streamer_page_sync_video (LurkStreamerPage *self)
{
  LurkEventDelay *delay;
  gboolean playing;

  if (self->channel == NULL || self->player_view == NULL)
    return;

  delay = lurk_channel_get_delay (self->channel);
  playing = lurk_web_view_get_player_state (self->player_view) == LURK_WEB_PLAYER_PLAYING &&
            !(GDK_IS_TOPLEVEL (self->toplevel) &&
              (gdk_toplevel_get_state (GDK_TOPLEVEL (self->toplevel)) &
               GDK_TOPLEVEL_STATE_MINIMIZED));
  if (playing)
    g_object_set_data (G_OBJECT (delay), "lurk-video-page", self);
  else if (g_object_get_data (G_OBJECT (delay), "lurk-video-page") == self)
    g_object_set_data (G_OBJECT (delay), "lurk-video-page", NULL);
  else if (g_object_get_data (G_OBJECT (delay), "lurk-video-page") != NULL)
    return;

  lurk_event_delay_set_video (delay, playing,
                              lurk_web_view_get_latency_seconds (self->player_view));
}

/**
 * lurk_streamer_page_set_channel:
 * @self: a streamer page
 * @channel: (nullable): the app's favorite channel
 *
 * Shows @channel's header, events and connection (LurkApplication sets it on each window's
 * page).
 */
void
lurk_streamer_page_set_channel (LurkStreamerPage *self,
                                LurkChannel      *channel)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));
  g_return_if_fail (channel == NULL || LURK_IS_CHANNEL (channel));

  if (self->channel == channel)
    return;

  if (self->channel != NULL)
    {
      LurkEventDelay *delay = lurk_channel_get_delay (self->channel);

      g_signal_handlers_disconnect_by_data (self->channel, self);
      g_signal_handlers_disconnect_by_data (lurk_channel_get_model (self->channel), self);
      g_signal_handlers_disconnect_by_data (delay, self);
      if (g_object_get_data (G_OBJECT (delay), "lurk-video-page") == self)
        {
          g_object_set_data (G_OBJECT (delay), "lurk-video-page", NULL);
          lurk_event_delay_set_video (delay, FALSE, -1);
        }
    }

  g_set_object (&self->channel, channel);

  if (channel != NULL)
    {
      LurkEventModel *model = lurk_channel_get_model (channel);

      g_signal_connect_object (channel, "notify", G_CALLBACK (channel_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (channel, "notify::listener", G_CALLBACK (channel_listener_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "events-added", G_CALLBACK (model_events_added_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::n-new", G_CALLBACK (model_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "notify::n-items", G_CALLBACK (model_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (lurk_channel_get_delay (channel), "notify",
                               G_CALLBACK (lurk_streamer_page_update_sync), self,
                               G_CONNECT_SWAPPED);
      lurk_streamer_page_sync_video (self);
    }

  if (self->sync_label != NULL)
    lurk_streamer_page_update_sync (self);

  if (self->slots != NULL)
    lurk_streamer_page_sync_rows (self);

  if (self->listener_signals != NULL)
    channel_listener_cb (self);

  if (self->channel_header != NULL)
    lurk_channel_header_set_channel (self->channel_header, channel);

  if (self->events_stack != NULL)
    {
      lurk_streamer_page_update_empty (self);
      lurk_streamer_page_update_connection (self);
      lurk_streamer_page_sync_channel (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

/**
 * lurk_streamer_page_get_rows:
 * @self: a streamer page
 *
 * Returns: (transfer container) (element-type LurkEventRow): the event rows the list shows
 *   now, top to bottom
 */
GPtrArray *
lurk_streamer_page_get_rows (LurkStreamerPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  GPtrArray *rows;

  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  items = g_ptr_array_copy (self->bound_items, NULL, NULL);
  rows = g_ptr_array_new ();

  for (guint pos = 0; items->len > 0; pos++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < items->len; i++)
        {
          GtkListItem *item = g_ptr_array_index (items, i);

          if (gtk_list_item_get_position (item) == pos)
            {
              g_ptr_array_add (rows, gtk_list_item_get_child (item));
              g_ptr_array_remove_index_fast (items, i);
              found = TRUE;
              break;
            }
        }
      if (!found && pos > G_MAXUINT16)
        break;
    }

  return rows;
}

/**
 * lurk_streamer_page_get_announcement:
 * @self: a streamer page
 *
 * Returns: (nullable): the last text given to screen readers about new events
 */
const char *
lurk_streamer_page_get_announcement (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->announcement;
}

/**
 * lurk_streamer_page_get_connection_text:
 * @self: a streamer page
 *
 * Returns: the connection indicator's text ("Connected", "Reconnecting…"…)
 */
const char *
lurk_streamer_page_get_connection_text (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return gtk_label_get_text (self->connection_status);
}

GtkWidget *
lurk_streamer_page_get_header (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);
  return GTK_WIDGET (self->channel_header);
}

GtkWidget *
lurk_streamer_page_get_player (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);
  return GTK_WIDGET (self->player_view);
}

GtkWidget *
lurk_streamer_page_get_chat (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);
  return GTK_WIDGET (self->chat_view);
}

/**
 * lurk_streamer_page_set_banner_delay:
 * @self: a streamer page
 * @delay_ms: how long an outage lasts before the banner says so
 *
 * For tests, which cannot wait the default ten seconds.
 */
void
lurk_streamer_page_set_banner_delay (LurkStreamerPage *self,
                                     guint             delay_ms)
{
  g_return_if_fail (LURK_IS_STREAMER_PAGE (self));

  self->banner_delay_ms = delay_ms;
}

/**
 * lurk_streamer_page_get_gap_notice:
 * @self: a streamer page
 *
 * Returns: (nullable): the last toast that said events of an outage may be missing
 */
const char *
lurk_streamer_page_get_gap_notice (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->gap_notice;
}

/**
 * lurk_streamer_page_get_last_toast:
 * @self: a streamer page
 *
 * Returns: (nullable): the text of the last toast the page showed
 */
const char *
lurk_streamer_page_get_last_toast (LurkStreamerPage *self)
{
  g_return_val_if_fail (LURK_IS_STREAMER_PAGE (self), NULL);

  return self->last_toast;
}
