/* lurk-history-model.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-history-model"

#include "config.h"

#include "lurk-history-model.h"

/**
 * LurkHistoryModel:
 *
 * The stored events History shows, as a #GListModel of #LurkEvent, newest first: one
 * channel (or all), the words searched for and a group of kinds. It holds the pages read so
 * far and reads the next one (lurk_event_store_page_async(), on the store's read
 * connection in a worker thread) when a view asks for an item near the end, so the UI
 * thread never waits on SQLite and 100,000 events cost only the pages scrolled through.
 * A new filter cancels the page being read and starts over.
 */

/* The first page is small, to show something soon; the later ones large, so that a long
 * scroll needs few round trips (bench/README.md). */
#define FIRST_PAGE_SIZE 200
#define DEFAULT_PAGE_SIZE 1000

struct _LurkHistoryModel
{
  GObject          parent_instance;

  LurkEventStore  *store;
  GPtrArray       *items;
  GCancellable    *cancellable;   /* the page being read, for this filter */
  LurkEventCursor  cursor;
  guint            requested;     /* the size of the page being read */
  char            *broadcaster_id;
  char            *text;
  LurkHistoryGroup group;
  guint            page_size;
  guint            loading : 1;
  guint            complete : 1;
  guint            loaded_once : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LurkHistoryModel, lurk_history_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  PROP_COMPLETE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PAGE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const subs_kinds[] = {
  "sub", "resub", "sub_gift", "community_sub_gift", "gift_paid_upgrade",
  "prime_paid_upgrade", "pay_it_forward", NULL
};
static const char * const cheers_kinds[] = {
  "cheer", "bits_badge_tier", "charity_donation", "charity_campaign", "power_up",
  "highlighted_message", NULL
};
static const char * const raids_kinds[] = {
  "raid_in", "raid_out", "unraid", "shoutout", NULL
};
static const char * const channel_kinds[] = {
  "stream_online", "stream_offline", "channel_update", "shared_chat_begin",
  "shared_chat_update", "shared_chat_end", "ad_break", "announcement", NULL
};
static const char * const moderation_kinds[] = {
  "chat_clear", "chat_clear_user", "message_delete", "chat_settings", "ban", "unban",
  "moderator", "vip", NULL
};

/**
 * lurk_history_group_get_kinds:
 *
 * Returns: (nullable) (array zero-terminated=1): the kinds (lurk_event_kind_to_string()) of
 *   @group, %NULL for %LURK_HISTORY_GROUP_ALL
 */
const char * const *
lurk_history_group_get_kinds (LurkHistoryGroup group)
{
  switch (group)
    {
    case LURK_HISTORY_GROUP_SUBS: return subs_kinds;
    case LURK_HISTORY_GROUP_CHEERS: return cheers_kinds;
    case LURK_HISTORY_GROUP_RAIDS: return raids_kinds;
    case LURK_HISTORY_GROUP_CHANNEL: return channel_kinds;
    case LURK_HISTORY_GROUP_MODERATION: return moderation_kinds;
    case LURK_HISTORY_GROUP_ALL:
    case LURK_HISTORY_N_GROUPS:
    default:
      return NULL;
    }
}

static GType
list_model_get_item_type (GListModel *model)
{
  return LURK_TYPE_EVENT;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return LURK_HISTORY_MODEL (model)->items->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  LurkHistoryModel *self = LURK_HISTORY_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  /* A view that shows rows near the end asks for the next page before it is reached. */
  if (position + FIRST_PAGE_SIZE / 2 >= self->items->len)
    lurk_history_model_load_more (self);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
set_loading (LurkHistoryModel *self,
             gboolean          loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_complete (LurkHistoryModel *self,
              gboolean          complete)
{
  if (self->complete == !!complete)
    return;
  self->complete = !!complete;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
}

static void
page_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LurkHistoryModel) self = user_data;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  LurkEventCursor next = { 0 };
  guint position;

  events = lurk_event_store_page_finish (LURK_EVENT_STORE (object), result, &next, &error);
  if (events == NULL)
    {
      /* A page of an older filter, or of a closed History */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_warning ("Could not read the history: %s", error->message);
      set_loading (self, FALSE);
      set_complete (self, TRUE);
      g_signal_emit (self, signals[PAGE_FAILED], 0, error);
      return;
    }

  self->cursor = next;
  position = self->items->len;
  g_ptr_array_extend_and_steal (self->items, g_steal_pointer (&events));
  self->loaded_once = TRUE;

  g_object_freeze_notify (G_OBJECT (self));
  set_loading (self, FALSE);
  set_complete (self, self->items->len - position < self->requested);
  if (self->items->len > position)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0,
                                  self->items->len - position);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * lurk_history_model_load_more:
 *
 * Reads the next page, unless one is being read or the last one was.
 */
void
lurk_history_model_load_more (LurkHistoryModel *self)
{
  LurkEventFilter filter = { 0 };

  g_return_if_fail (LURK_IS_HISTORY_MODEL (self));

  if (self->store == NULL || self->loading || self->complete)
    return;

  filter.broadcaster_id = self->broadcaster_id;
  filter.text = self->text;
  filter.kinds = lurk_history_group_get_kinds (self->group);

  self->requested = self->items->len == 0 ? MIN (FIRST_PAGE_SIZE, self->page_size)
                                          : self->page_size;
  set_loading (self, TRUE);
  lurk_event_store_page_async (self->store, &filter, &self->cursor, self->requested,
                               self->cancellable, page_read_cb, g_object_ref (self));
}

/**
 * lurk_history_model_reload:
 *
 * Forgets the pages read and reads the first one again (after Clear History, or when the
 * store changed under the filter).
 */
void
lurk_history_model_reload (LurkHistoryModel *self)
{
  guint removed;

  g_return_if_fail (LURK_IS_HISTORY_MODEL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  self->cursor = (LurkEventCursor) { 0 };
  removed = self->items->len;
  g_ptr_array_set_size (self->items, 0);
  self->loaded_once = FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  set_loading (self, FALSE);
  set_complete (self, FALSE);
  if (removed > 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  lurk_history_model_load_more (self);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
lurk_history_model_dispose (GObject *object)
{
  LurkHistoryModel *self = LURK_HISTORY_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lurk_history_model_parent_class)->dispose (object);
}

static void
lurk_history_model_finalize (GObject *object)
{
  LurkHistoryModel *self = LURK_HISTORY_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->broadcaster_id, g_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (lurk_history_model_parent_class)->finalize (object);
}

static void
lurk_history_model_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LurkHistoryModel *self = LURK_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_history_model_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LurkHistoryModel *self = LURK_HISTORY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      lurk_history_model_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_history_model_class_init (LurkHistoryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_history_model_dispose;
  object_class->finalize = lurk_history_model_finalize;
  object_class->get_property = lurk_history_model_get_property;
  object_class->set_property = lurk_history_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, LURK_TYPE_EVENT_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* A page is being read */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* The last page was read: the model holds every matching event */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LurkHistoryModel::page-failed:
   * @error: why
   *
   * A page could not be read; the model stops at what it has.
   */
  signals[PAGE_FAILED] =
    g_signal_new ("page-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
lurk_history_model_init (LurkHistoryModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
  self->page_size = DEFAULT_PAGE_SIZE;
}

LurkHistoryModel *
lurk_history_model_new (void)
{
  return g_object_new (LURK_TYPE_HISTORY_MODEL, NULL);
}

LurkEventStore *
lurk_history_model_get_store (LurkHistoryModel *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_MODEL (self), NULL);

  return self->store;
}

/**
 * lurk_history_model_set_store:
 * @store: (nullable): where the events are
 */
void
lurk_history_model_set_store (LurkHistoryModel *self,
                              LurkEventStore   *store)
{
  g_return_if_fail (LURK_IS_HISTORY_MODEL (self));
  g_return_if_fail (store == NULL || LURK_IS_EVENT_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  lurk_history_model_reload (self);
}

/**
 * lurk_history_model_set_filter:
 * @broadcaster_id: (nullable): one channel, or every channel
 * @text: (nullable): words, as lurk_event_store_search() takes them
 * @group: a group of kinds
 *
 * Starts over with another filter (nothing happens when it is the same one).
 */
void
lurk_history_model_set_filter (LurkHistoryModel *self,
                               const char       *broadcaster_id,
                               const char       *text,
                               LurkHistoryGroup  group)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (LURK_IS_HISTORY_MODEL (self));
  g_return_if_fail (group < LURK_HISTORY_N_GROUPS);

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*stripped == '\0')
    g_clear_pointer (&stripped, g_free);

  if (g_strcmp0 (broadcaster_id, self->broadcaster_id) == 0 &&
      g_strcmp0 (stripped, self->text) == 0 && group == self->group &&
      (self->loading || self->loaded_once))
    return;

  g_free (self->broadcaster_id);
  self->broadcaster_id = g_strdup (broadcaster_id);
  g_free (self->text);
  self->text = g_steal_pointer (&stripped);
  self->group = group;

  lurk_history_model_reload (self);
}

const char *
lurk_history_model_get_broadcaster_id (LurkHistoryModel *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_MODEL (self), NULL);

  return self->broadcaster_id;
}

const char *
lurk_history_model_get_text (LurkHistoryModel *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_MODEL (self), NULL);

  return self->text;
}

LurkHistoryGroup
lurk_history_model_get_group (LurkHistoryModel *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_MODEL (self), LURK_HISTORY_GROUP_ALL);

  return self->group;
}

gboolean
lurk_history_model_get_loading (LurkHistoryModel *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_MODEL (self), FALSE);

  return self->loading;
}

gboolean
lurk_history_model_get_complete (LurkHistoryModel *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_MODEL (self), FALSE);

  return self->complete;
}

guint
lurk_history_model_get_page_size (LurkHistoryModel *self)
{
  g_return_val_if_fail (LURK_IS_HISTORY_MODEL (self), 0);

  return self->page_size;
}

/**
 * lurk_history_model_set_page_size:
 *
 * How many events a page holds; takes effect with the next page.
 */
void
lurk_history_model_set_page_size (LurkHistoryModel *self,
                                  guint             page_size)
{
  g_return_if_fail (LURK_IS_HISTORY_MODEL (self));
  g_return_if_fail (page_size > 0);

  self->page_size = page_size;
}
