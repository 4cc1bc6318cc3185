/* lurk-event-model.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-event-model"

#include "config.h"

#include "lurk-event-model.h"

#define DEFAULT_LIMIT 10
#define MAX_LIMIT     1000

struct _LurkEventModel
{
  GObject     parent_instance;

  GPtrArray  *items;       /* LurkEvent, newest first */
  GHashTable *new_events;  /* LurkEvent in items (borrowed) added live and not seen yet */
  GHashTable *history_ids; /* message ids (borrowed from items) of the events shown that
                            * came from the store */
  GHashTable *gift_bombs;  /* community_gift_ids of the community_sub_gift events seen */
  char       *broadcaster_id;
  guint       limit;
  gboolean    show_partner_events; /* shared chat partners' events too */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LurkEventModel, lurk_event_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LIMIT,
  PROP_BROADCASTER_ID,
  PROP_N_NEW,
  PROP_N_ITEMS,
  PROP_SHOW_PARTNER_EVENTS,
  N_PROPS
};

enum {
  EVENTS_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GType
lurk_event_model_get_item_type (GListModel *model)
{
  return LURK_TYPE_EVENT;
}

static guint
lurk_event_model_get_n_items (GListModel *model)
{
  return LURK_EVENT_MODEL (model)->items->len;
}

static gpointer
lurk_event_model_get_item (GListModel *model,
                           guint       position)
{
  LurkEventModel *self = LURK_EVENT_MODEL (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = lurk_event_model_get_item_type;
  iface->get_n_items = lurk_event_model_get_n_items;
  iface->get_item = lurk_event_model_get_item;
}

/* Newest first: by message timestamp, then by arrival. */
static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  LurkEvent *ea = *(LurkEvent **) a;
  LurkEvent *eb = *(LurkEvent **) b;
  gint64 oa = lurk_event_get_occurred_at (ea);
  gint64 ob = lurk_event_get_occurred_at (eb);
  gint64 ra, rb;

  if (oa != ob)
    return oa > ob ? -1 : 1;

  ra = lurk_event_get_received_at (ea);
  rb = lurk_event_get_received_at (eb);
  if (ra != rb)
    return ra > rb ? -1 : 1;

  return g_strcmp0 (lurk_event_get_id (eb), lurk_event_get_id (ea));
}

/* Twitch announces an incoming raid twice to a viewer: channel.raid and the chat's raid
 * notification. One row (and one notification) is enough: are @a and @b those two
 * announcements of one raid? */
static gboolean
same_raid (LurkEvent *a,
           LurkEvent *b)
{
  const char *login_a = lurk_event_get_actor_login (a);
  const char *login_b = lurk_event_get_actor_login (b);
  gint64 apart;

  if (lurk_event_get_kind (a) != LURK_EVENT_KIND_RAID_IN ||
      lurk_event_get_kind (b) != LURK_EVENT_KIND_RAID_IN ||
      g_strcmp0 (lurk_event_get_subscription_type (a), lurk_event_get_subscription_type (b)) == 0 ||
      login_a == NULL || login_b == NULL || g_ascii_strcasecmp (login_a, login_b) != 0)
    return FALSE;

  apart = lurk_event_get_occurred_at (a) - lurk_event_get_occurred_at (b);

  return ABS (apart) < 60 * G_USEC_PER_SEC;
}

static gboolean
is_raid_twin (GPtrArray *items,
              LurkEvent *event)
{
  if (lurk_event_get_kind (event) != LURK_EVENT_KIND_RAID_IN)
    return FALSE;

  for (guint i = 0; i < items->len; i++)
    if (same_raid (g_ptr_array_index (items, i), event))
      return TRUE;

  return FALSE;
}

/* A gift bomb is one community_sub_gift notice followed by one sub_gift notice per
 * recipient, each carrying the bomb's community_gift_id. The store keeps them all; the
 * list shows "bob gifted 20 subs" once. */
static void
remember_gift_bomb (LurkEventModel *self,
                    LurkEvent      *event)
{
  const char *bomb = lurk_event_get_community_gift_id (event);

  if (lurk_event_get_kind (event) == LURK_EVENT_KIND_COMMUNITY_SUB_GIFT &&
      bomb != NULL && bomb[0] != '\0')
    g_hash_table_add (self->gift_bombs, g_strdup (bomb));
}

static gboolean
is_part_of_gift_bomb (LurkEventModel *self,
                      LurkEvent      *event)
{
  const char *bomb = lurk_event_get_community_gift_id (event);

  return lurk_event_get_kind (event) == LURK_EVENT_KIND_SUB_GIFT &&
         bomb != NULL && g_hash_table_contains (self->gift_bombs, bomb);
}

/* The marks of events that fell out of the list go with them. */
static void
forget_fallen_out (LurkEventModel *self)
{
  guint n_new = g_hash_table_size (self->new_events);
  guint n_history = g_hash_table_size (self->history_ids);
  g_autoptr(GHashTable) new_events = NULL;
  g_autoptr(GHashTable) history_ids = NULL;

  if (n_new == 0 && n_history == 0)
    return;

  new_events = g_hash_table_new (NULL, NULL);
  history_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (self->items, i);
      const char *id = lurk_event_get_id (event);

      if (n_new > 0 && g_hash_table_contains (self->new_events, event))
        g_hash_table_add (new_events, event);
      if (n_history > 0 && g_hash_table_contains (self->history_ids, id))
        g_hash_table_add (history_ids, (gpointer) id);
    }

  g_hash_table_unref (self->new_events);
  self->new_events = g_steal_pointer (&new_events);
  g_hash_table_unref (self->history_ids);
  self->history_ids = g_steal_pointer (&history_ids);
}

/* Replaces the items by @next (sorted, bounded), announcing the change as an insertion at
 * the top plus a removal at the bottom when that is what happened (the usual case: new
 * events arrive), so the list view keeps the rows it has. */
static void
lurk_event_model_commit (LurkEventModel *self,
                         GPtrArray      *next)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->items);
  guint old_n = old->len;
  guint new_n = next->len;
  guint prefix = 0;
  gboolean shifted = TRUE;
  guint kept;

  while (prefix < new_n &&
         (old_n == 0 || g_ptr_array_index (next, prefix) != g_ptr_array_index (old, 0)))
    prefix++;

  kept = MIN (old_n, new_n - prefix);
  for (guint i = 0; i < kept && shifted; i++)
    shifted = g_ptr_array_index (old, i) == g_ptr_array_index (next, prefix + i);
  if (prefix == new_n && old_n > 0)
    shifted = FALSE;

  self->items = g_ptr_array_ref (next);
  forget_fallen_out (self);

  /* Each items-changed describes the model as it is when emitted. */
  if (shifted)
    {
      if (kept < old_n)
        {
          g_autoptr(GPtrArray) next_items = g_steal_pointer (&self->items);

          self->items = g_ptr_array_ref (old);
          g_ptr_array_set_size (self->items, kept);
          g_list_model_items_changed (G_LIST_MODEL (self), kept, old_n - kept, 0);
          g_ptr_array_unref (self->items);
          self->items = g_steal_pointer (&next_items);
        }
      if (prefix > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, prefix);
    }
  else
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);

  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The one place events come in. @live: a listener batch, in arrival order (marked new and
 * announced with ::events-added); else events from the store, in any order.
 *
 * The live stream is deduplicated once, before it gets here (the EventSub session's
 * LurkDedup, then the store's primary key), and holds only the favorite's events (the
 * session's filter). What remains here is the overlap of the two sources: the store's answer
 * can hold events that also arrive live, in either order, while the history loads. */
static guint
lurk_event_model_insert (LurkEventModel *self,
                         GPtrArray      *events,
                         gboolean        live)
{
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GHashTable) incoming = NULL;
  g_autoptr(GHashTable) shown_ids = NULL;
  g_autoptr(GPtrArray) added_events = NULL;
  guint n_before_new;
  guint added = 0;

  if (events == NULL || events->len == 0)
    return 0;

  n_before_new = g_hash_table_size (self->new_events);
  incoming = g_hash_table_new (NULL, NULL);
  next = g_ptr_array_new_full (self->items->len + events->len, g_object_unref);

  if (!live && self->items->len > 0)
    shown_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->items->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (self->items, i);

      g_ptr_array_add (next, g_object_ref (event));
      if (shown_ids != NULL)
        g_hash_table_add (shown_ids, (gpointer) lurk_event_get_id (event));
    }

  for (guint i = 0; i < events->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (events, i);
      const char *id = lurk_event_get_id (event);

      if (id == NULL)
        continue;
      /* live: shown already from the store; history: shown already (live or stored) */
      if (live ? g_hash_table_contains (self->history_ids, id)
               : shown_ids != NULL && g_hash_table_contains (shown_ids, id))
        continue;
      if (is_raid_twin (next, event))
        continue;
      if (!self->show_partner_events && lurk_event_is_from_partner (event))
        continue;

      g_hash_table_add (incoming, event);
      g_ptr_array_add (next, g_object_ref (event));
      remember_gift_bomb (self, event);
    }

  /* Fold gift bombs, also over gifts shown before their community_sub_gift came in (the
   * store's answer may hold them in any order). */
  for (guint i = next->len; i > 0; i--)
    {
      LurkEvent *event = g_ptr_array_index (next, i - 1);

      if (is_part_of_gift_bomb (self, event))
        {
          g_hash_table_remove (incoming, event);
          g_ptr_array_remove_index (next, i - 1);
        }
    }

  if (g_hash_table_size (incoming) == 0 && next->len == self->items->len)
    return 0;

  g_ptr_array_sort (next, compare_newest_first);
  if (next->len > self->limit)
    g_ptr_array_set_size (next, self->limit);

  for (guint i = 0; i < next->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (next, i);

      if (!g_hash_table_contains (incoming, event))
        continue;

      added++;
      if (live)
        g_hash_table_add (self->new_events, event);
      else
        g_hash_table_add (self->history_ids, (gpointer) lurk_event_get_id (event));
    }

  /* What the list shows of this batch, in arrival order */
  if (live && added > 0)
    {
      added_events = g_ptr_array_new_full (added, g_object_unref);
      for (guint i = 0; i < events->len; i++)
        {
          LurkEvent *event = g_ptr_array_index (events, i);

          if (g_hash_table_contains (self->new_events, event))
            g_ptr_array_add (added_events, g_object_ref (event));
        }
    }

  lurk_event_model_commit (self, next);

  if (g_hash_table_size (self->new_events) != n_before_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW]);
  if (added_events != NULL)
    g_signal_emit (self, signals[EVENTS_ADDED], 0, added_events);

  return added;
}

static void
lurk_event_model_finalize (GObject *object)
{
  LurkEventModel *self = LURK_EVENT_MODEL (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->new_events, g_hash_table_unref);
  g_clear_pointer (&self->history_ids, g_hash_table_unref);
  g_clear_pointer (&self->gift_bombs, g_hash_table_unref);
  g_clear_pointer (&self->broadcaster_id, g_free);

  G_OBJECT_CLASS (lurk_event_model_parent_class)->finalize (object);
}

static void
lurk_event_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LurkEventModel *self = LURK_EVENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;

    case PROP_BROADCASTER_ID:
      g_value_set_string (value, self->broadcaster_id);
      break;

    case PROP_N_NEW:
      g_value_set_uint (value, lurk_event_model_get_n_new (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_SHOW_PARTNER_EVENTS:
      g_value_set_boolean (value, self->show_partner_events);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_event_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  LurkEventModel *self = LURK_EVENT_MODEL (object);

  switch (prop_id)
    {
    case PROP_LIMIT:
      lurk_event_model_set_limit (self, g_value_get_uint (value));
      break;

    case PROP_BROADCASTER_ID:
      lurk_event_model_set_broadcaster_id (self, g_value_get_string (value));
      break;

    case PROP_SHOW_PARTNER_EVENTS:
      lurk_event_model_set_show_partner_events (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_event_model_class_init (LurkEventModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_event_model_finalize;
  object_class->get_property = lurk_event_model_get_property;
  object_class->set_property = lurk_event_model_set_property;

  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 1, MAX_LIMIT, DEFAULT_LIMIT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BROADCASTER_ID] =
    g_param_spec_string ("broadcaster-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_NEW] =
    g_param_spec_uint ("n-new", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * LurkEventModel:show-partner-events:
   *
   * Whether the events of a shared chat's other channels (lurk_event_is_from_partner())
   * are shown (labelled with their channel), or left out: the `show-partner-events` setting.
   */
  properties[PROP_SHOW_PARTNER_EVENTS] =
    g_param_spec_boolean ("show-partner-events", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LurkEventModel::events-added:
   * @self: the model
   * @events: (element-type LurkEvent): the events of one lurk_event_model_add() that the
   *   model now shows, in arrival order
   *
   * Says what a live batch added to the list, after its items-changed: not the chat's twin
   * of a raid shown already, not the gifts folded into their gift bomb's row, not what did
   * not make the newest #LurkEventModel:limit. The sidebar's announcements and the
   * notifier take their events from here. Never emitted for the store's history.
   */
  signals[EVENTS_ADDED] =
    g_signal_new ("events-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
}

static void
lurk_event_model_init (LurkEventModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->new_events = g_hash_table_new (NULL, NULL);
  self->history_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->gift_bombs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->limit = DEFAULT_LIMIT;
  self->show_partner_events = TRUE;
}

/**
 * lurk_event_model_new:
 * @limit: how many events to keep (the `recent-event-count` setting)
 *
 * Returns: (transfer full): an empty model
 */
LurkEventModel *
lurk_event_model_new (guint limit)
{
  return g_object_new (LURK_TYPE_EVENT_MODEL,
                       "limit", CLAMP (limit, 1, MAX_LIMIT),
                       NULL);
}

guint
lurk_event_model_get_limit (LurkEventModel *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (self), 0);

  return self->limit;
}

/**
 * lurk_event_model_set_limit:
 * @self: a model
 * @limit: how many events to keep
 *
 * A smaller limit drops the oldest events now; a larger one keeps more from now on (merge
 * the store's answer again to fill it).
 */
void
lurk_event_model_set_limit (LurkEventModel *self,
                            guint           limit)
{
  g_return_if_fail (LURK_IS_EVENT_MODEL (self));

  limit = CLAMP (limit, 1, MAX_LIMIT);
  if (self->limit == limit)
    return;

  self->limit = limit;
  if (self->items->len > limit)
    {
      g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < limit; i++)
        g_ptr_array_add (next, g_object_ref (g_ptr_array_index (self->items, i)));
      lurk_event_model_commit (self, next);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}

gboolean
lurk_event_model_get_show_partner_events (LurkEventModel *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (self), TRUE);

  return self->show_partner_events;
}

/**
 * lurk_event_model_set_show_partner_events:
 * @self: a model
 * @show: whether shared chat partners' events are shown
 *
 * Leaving them out removes those shown now; showing them again shows the ones that arrive
 * from then on (and from the store when it is read again).
 */
void
lurk_event_model_set_show_partner_events (LurkEventModel *self,
                                          gboolean        show)
{
  g_return_if_fail (LURK_IS_EVENT_MODEL (self));

  show = !!show;
  if (self->show_partner_events == show)
    return;

  self->show_partner_events = show;
  if (!show)
    {
      g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
      guint n_new = g_hash_table_size (self->new_events);

      for (guint i = 0; i < self->items->len; i++)
        {
          LurkEvent *event = g_ptr_array_index (self->items, i);

          if (!lurk_event_is_from_partner (event))
            g_ptr_array_add (next, g_object_ref (event));
        }
      if (next->len != self->items->len)
        lurk_event_model_commit (self, next); /* forgets what it no longer shows */
      if (g_hash_table_size (self->new_events) != n_new)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_PARTNER_EVENTS]);
}

const char *
lurk_event_model_get_broadcaster_id (LurkEventModel *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (self), NULL);

  return self->broadcaster_id;
}

/**
 * lurk_event_model_set_broadcaster_id:
 * @self: a model
 * @broadcaster_id: (nullable): whose events these are
 *
 * Changing the broadcaster empties the model. The model does not filter: its sources (the
 * store's query and the listener, whose EventSub session is the one broadcaster filter)
 * give it only this broadcaster's events.
 */
void
lurk_event_model_set_broadcaster_id (LurkEventModel *self,
                                     const char     *broadcaster_id)
{
  g_autoptr(GPtrArray) empty = NULL;
  gboolean had_new;

  g_return_if_fail (LURK_IS_EVENT_MODEL (self));

  if (broadcaster_id != NULL && broadcaster_id[0] == '\0')
    broadcaster_id = NULL;
  if (g_strcmp0 (self->broadcaster_id, broadcaster_id) == 0)
    return;

  g_free (self->broadcaster_id);
  self->broadcaster_id = g_strdup (broadcaster_id);

  had_new = g_hash_table_size (self->new_events) > 0;
  g_hash_table_remove_all (self->new_events);
  g_hash_table_remove_all (self->history_ids);
  g_hash_table_remove_all (self->gift_bombs);
  empty = g_ptr_array_new_with_free_func (g_object_unref);
  lurk_event_model_commit (self, empty);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BROADCASTER_ID]);
  if (had_new)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW]);
}

/**
 * lurk_event_model_merge:
 * @self: a model
 * @events: (element-type LurkEvent): events from the store, in any order
 *
 * Adds the events that are not shown yet (some may have arrived live meanwhile), without
 * marking them new and without ::events-added; keeps the newest #LurkEventModel:limit.
 *
 * Returns: how many of @events are now shown
 */
guint
lurk_event_model_merge (LurkEventModel *self,
                        GPtrArray      *events)
{
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (self), 0);

  return lurk_event_model_insert (self, events, FALSE);
}

/**
 * lurk_event_model_add:
 * @self: a model
 * @events: (element-type LurkEvent): a listener batch, in arrival order
 *
 * Like lurk_event_model_merge(), but the events are marked new, and what the list now shows
 * of them is announced with ::events-added. The batch is the listener's: deduplicated and
 * of this broadcaster only. One items-changed (or two: insertion at the top, removal at
 * the bottom) per call.
 *
 * Returns: how many of @events are now shown
 */
guint
lurk_event_model_add (LurkEventModel *self,
                      GPtrArray      *events)
{
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (self), 0);

  return lurk_event_model_insert (self, events, TRUE);
}

gboolean
lurk_event_model_is_new (LurkEventModel *self,
                         LurkEvent      *event)
{
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (self), FALSE);
  g_return_val_if_fail (LURK_IS_EVENT (event), FALSE);

  return g_hash_table_contains (self->new_events, event);
}

guint
lurk_event_model_get_n_new (LurkEventModel *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_MODEL (self), 0);

  return g_hash_table_size (self->new_events);
}

/**
 * lurk_event_model_mark_seen:
 * @self: a model
 *
 * The user has seen the list: no event is new any more. Emits notify::n-new; rows listen
 * to it to drop their marks.
 */
void
lurk_event_model_mark_seen (LurkEventModel *self)
{
  g_return_if_fail (LURK_IS_EVENT_MODEL (self));

  if (g_hash_table_size (self->new_events) == 0)
    return;

  g_hash_table_remove_all (self->new_events);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_NEW]);
}
