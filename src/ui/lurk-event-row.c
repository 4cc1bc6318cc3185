/* lurk-event-row.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-event-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lurk-event-row.h"

/*
 * One row of the events sidebar: a symbolic icon per kind, who did it, what happened
 * (lurk_event_dup_summary(), translated now), the amount (bits, viewers, subs, money), and
 * the relative time, refreshed by the page's one shared timer through
 * lurk_event_row_update_time(). A row of an event that arrived while the user was away is
 * marked (style class "new") until the page says it was seen. The row's text is its
 * accessible label.
 */

struct _LurkEventRow
{
  GtkWidget   parent_instance;

  LurkEvent  *event;
  char       *time_text;
  char       *summary;    /* the whole sentence: the what label shows it without the who */
  const char *icon_name;  /* static */
  guint       is_new : 1;

  GtkWidget  *box;
  GtkImage   *icon;
  GtkLabel   *who_label;
  GtkLabel   *what_label;
  GtkLabel   *amount_label;
  GtkLabel   *time_label;
};

G_DEFINE_FINAL_TYPE (LurkEventRow, lurk_event_row, GTK_TYPE_WIDGET)

static const struct {
  LurkEventKind  kind;
  const char    *icon_name;
} kind_icons[] = {
  { LURK_EVENT_KIND_STREAM_ONLINE, "media-record-symbolic" },
  { LURK_EVENT_KIND_STREAM_OFFLINE, "media-playback-stop-symbolic" },
  { LURK_EVENT_KIND_CHANNEL_UPDATE, "document-edit-symbolic" },
  { LURK_EVENT_KIND_RAID_IN, "system-users-symbolic" },
  { LURK_EVENT_KIND_RAID_OUT, "send-to-symbolic" },
  { LURK_EVENT_KIND_UNRAID, "edit-undo-symbolic" },
  { LURK_EVENT_KIND_SHARED_CHAT_BEGIN, "insert-link-symbolic" },
  { LURK_EVENT_KIND_SHARED_CHAT_UPDATE, "insert-link-symbolic" },
  { LURK_EVENT_KIND_SHARED_CHAT_END, "insert-link-symbolic" },
  { LURK_EVENT_KIND_SUB, "starred-symbolic" },
  { LURK_EVENT_KIND_RESUB, "starred-symbolic" },
  { LURK_EVENT_KIND_SUB_GIFT, "emblem-shared-symbolic" },
  { LURK_EVENT_KIND_COMMUNITY_SUB_GIFT, "emblem-shared-symbolic" },
  { LURK_EVENT_KIND_GIFT_PAID_UPGRADE, "go-up-symbolic" },
  { LURK_EVENT_KIND_PRIME_PAID_UPGRADE, "go-up-symbolic" },
  { LURK_EVENT_KIND_PAY_IT_FORWARD, "emblem-shared-symbolic" },
  { LURK_EVENT_KIND_ANNOUNCEMENT, "dialog-information-symbolic" },
  { LURK_EVENT_KIND_BITS_BADGE_TIER, "emblem-favorite-symbolic" },
  { LURK_EVENT_KIND_CHARITY_DONATION, "emblem-favorite-symbolic" },
  { LURK_EVENT_KIND_CHEER, "emblem-favorite-symbolic" },
  { LURK_EVENT_KIND_HIGHLIGHTED_MESSAGE, "starred-symbolic" },
  { LURK_EVENT_KIND_FIRST_MESSAGE, "mail-unread-symbolic" },
  { LURK_EVENT_KIND_POWER_UP, "weather-storm-symbolic" },
  { LURK_EVENT_KIND_CHAT_CLEAR, "edit-clear-all-symbolic" },
  { LURK_EVENT_KIND_CHAT_CLEAR_USER, "action-unavailable-symbolic" },
  { LURK_EVENT_KIND_MESSAGE_DELETE, "user-trash-symbolic" },
  { LURK_EVENT_KIND_CHAT_SETTINGS, "emblem-system-symbolic" },
  { LURK_EVENT_KIND_FOLLOW, "list-add-symbolic" },
  { LURK_EVENT_KIND_REDEMPTION, "emblem-default-symbolic" },
  { LURK_EVENT_KIND_POLL, "view-list-bullet-symbolic" },
  { LURK_EVENT_KIND_PREDICTION, "view-list-bullet-symbolic" },
  { LURK_EVENT_KIND_HYPE_TRAIN, "weather-storm-symbolic" },
  { LURK_EVENT_KIND_GOAL, "emblem-ok-symbolic" },
  { LURK_EVENT_KIND_CHARITY_CAMPAIGN, "emblem-favorite-symbolic" },
  { LURK_EVENT_KIND_AD_BREAK, "media-playback-pause-symbolic" },
  { LURK_EVENT_KIND_SHOUTOUT, "audio-volume-high-symbolic" },
  { LURK_EVENT_KIND_BAN, "action-unavailable-symbolic" },
  { LURK_EVENT_KIND_UNBAN, "emblem-ok-symbolic" },
  { LURK_EVENT_KIND_MODERATOR, "emblem-system-symbolic" },
  { LURK_EVENT_KIND_VIP, "starred-symbolic" },
};

/**
 * lurk_event_kind_get_icon_name:
 * @kind: an event kind
 *
 * Returns: a symbolic icon name from the icon theme every GNOME system has
 */
const char *
lurk_event_kind_get_icon_name (LurkEventKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_icons); i++)
    if (kind_icons[i].kind == kind)
      return kind_icons[i].icon_name;

  return "dialog-information-symbolic";
}

/**
 * lurk_dup_channel_url:
 * @login: a channel's login
 *
 * Returns: (transfer full): the channel's page on twitch.tv, for the browser
 */
char *
lurk_dup_channel_url (const char *login)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (login != NULL && *login != '\0', NULL);

  path = g_strconcat ("/", login, NULL);
  return g_uri_join (G_URI_FLAGS_NONE, "https", NULL, "www.twitch.tv", -1, path, NULL, NULL);
}

/**
 * lurk_event_dup_who:
 * @event: an event
 *
 * Returns: (transfer full): who did it, as people read it: the actor's display name, the
 *   channel for channel-wide events, "Anonymous" for anonymous gifts
 */
char *
lurk_event_dup_who (LurkEvent *event)
{
  const char *name;

  g_return_val_if_fail (LURK_IS_EVENT (event), NULL);

  if (lurk_event_get_actor_is_anonymous (event))
    return g_strdup (_("Anonymous"));

  name = lurk_event_get_actor_name (event);
  if (name == NULL || name[0] == '\0')
    name = lurk_event_get_actor_login (event);
  if (name == NULL || name[0] == '\0')
    name = lurk_event_get_broadcaster_name (event);
  if (name == NULL || name[0] == '\0')
    name = lurk_event_get_broadcaster_login (event);

  return g_strdup (name != NULL ? name : "");
}

static char *
format_money (gint64      value,
              guint       decimal_places,
              const char *currency)
{
  double amount = (double) value;

  for (guint i = 0; i < decimal_places && i < 6; i++)
    amount /= 10.0;

  if (g_strcmp0 (currency, "USD") == 0)
    return g_strdup_printf ("$%.*f", (int) MIN (decimal_places, 6), amount);

  return g_strdup_printf ("%.*f %s", (int) MIN (decimal_places, 6), amount,
                          currency != NULL ? currency : "");
}

/**
 * lurk_event_dup_amount:
 * @event: an event
 *
 * Returns: (transfer full) (nullable): the amount that goes with the event ("500 bits",
 *   "312 viewers", "20 subs", "$5.00", "12 months"), or %NULL
 */
char *
lurk_event_dup_amount (LurkEvent *event)
{
  gint64 count;

  g_return_val_if_fail (LURK_IS_EVENT (event), NULL);

  count = lurk_event_get_count (event);

  switch (lurk_event_get_kind (event))
    {
    case LURK_EVENT_KIND_CHEER:
    case LURK_EVENT_KIND_BITS_BADGE_TIER:
      if (count > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GINT64_FORMAT " bit",
                                             "%'" G_GINT64_FORMAT " bits", count), count);
      break;

    case LURK_EVENT_KIND_RAID_IN:
    case LURK_EVENT_KIND_RAID_OUT:
      if (count > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GINT64_FORMAT " viewer",
                                             "%'" G_GINT64_FORMAT " viewers", count), count);
      break;

    case LURK_EVENT_KIND_COMMUNITY_SUB_GIFT:
      if (count > 0)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'" G_GINT64_FORMAT " sub",
                                             "%'" G_GINT64_FORMAT " subs", count), count);
      break;

    case LURK_EVENT_KIND_CHARITY_DONATION:
      if (lurk_event_get_amount_value (event) > 0)
        return format_money (lurk_event_get_amount_value (event),
                             lurk_event_get_amount_decimal_places (event),
                             lurk_event_get_amount_currency (event));
      break;

    case LURK_EVENT_KIND_RESUB:
      if (lurk_event_get_months (event) > 1)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month", "%u months",
                                             lurk_event_get_months (event)),
                                lurk_event_get_months (event));
      break;

    default:
      break;
    }

  return NULL;
}

/**
 * lurk_format_relative_time:
 * @then_usec: when it happened (µs since the epoch)
 * @now_usec: now
 *
 * Returns: (transfer full): "now", "5 s", "3 min", "2 h", "4 d"
 */
char *
lurk_format_relative_time (gint64 then_usec,
                           gint64 now_usec)
{
  gint64 seconds = MAX (0, (now_usec - then_usec) / G_USEC_PER_SEC);

  if (seconds < 10)
    /* Translators: an event's age in the events sidebar */
    return g_strdup (_("now"));
  if (seconds < 60)
    /* Translators: an event's age, in seconds (abbreviated) */
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < 3600)
    /* Translators: an event's age, in minutes (abbreviated) */
    return g_strdup_printf (_("%d min"), (int) (seconds / 60));
  if (seconds < 86400)
    /* Translators: an event's age, in hours (abbreviated) */
    return g_strdup_printf (_("%d h"), (int) (seconds / 3600));

  /* Translators: an event's age, in days (abbreviated) */
  return g_strdup_printf (_("%d d"), (int) (seconds / 86400));
}

static gint64
event_time (LurkEvent *event)
{
  gint64 when = lurk_event_get_occurred_at (event);

  return when > 0 ? when : lurk_event_get_received_at (event);
}

static void
lurk_event_row_update_accessible (LurkEventRow *self)
{
  g_autofree char *text = lurk_event_row_dup_text (self);

  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  -1);

  /* In a list view the row that takes the focus is the list's, around this one: a screen
   * reader reads that one's name, so it gets the sentence, and this row (the same sentence, in
   * pieces) leaves the tree. */
  if (parent != NULL && gtk_widget_get_focusable (parent))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (parent),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
    }
}

static void
lurk_event_row_dispose (GObject *object)
{
  LurkEventRow *self = LURK_EVENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_EVENT_ROW);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (lurk_event_row_parent_class)->dispose (object);
}

static void
lurk_event_row_finalize (GObject *object)
{
  LurkEventRow *self = LURK_EVENT_ROW (object);

  g_clear_pointer (&self->time_text, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (lurk_event_row_parent_class)->finalize (object);
}

static void
lurk_event_row_class_init (LurkEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_event_row_dispose;
  object_class->finalize = lurk_event_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkEventRow, box);
  gtk_widget_class_bind_template_child (widget_class, LurkEventRow, icon);
  gtk_widget_class_bind_template_child (widget_class, LurkEventRow, who_label);
  gtk_widget_class_bind_template_child (widget_class, LurkEventRow, what_label);
  gtk_widget_class_bind_template_child (widget_class, LurkEventRow, amount_label);
  gtk_widget_class_bind_template_child (widget_class, LurkEventRow, time_label);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "eventrow");
}

static void
lurk_event_row_init (LurkEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lurk_event_row_new (void)
{
  return g_object_new (LURK_TYPE_EVENT_ROW, NULL);
}

LurkEvent *
lurk_event_row_get_event (LurkEventRow *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), NULL);

  return self->event;
}

/**
 * lurk_event_row_set_event:
 * @self: a row
 * @event: (nullable): the event to show
 *
 * Builds the row's texts now, in the current language.
 */
void
lurk_event_row_set_event (LurkEventRow *self,
                          LurkEvent    *event)
{
  g_autofree char *who = NULL;
  g_autofree char *what = NULL;
  g_autofree char *amount = NULL;

  g_return_if_fail (LURK_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || LURK_IS_EVENT (event));

  if (!g_set_object (&self->event, event))
    return;

  if (event != NULL)
    {
      const char *icon_name = lurk_event_kind_get_icon_name (lurk_event_get_kind (event));

      who = lurk_event_dup_who (event);
      what = lurk_event_dup_summary (event);
      /* Each fact once: the name is the row's heading, so the sentence under it goes on
       * from there ("cheered 5,000 bits"); the amount badge said again what every sentence
       * says ("5,000 bits", "$5.00" after "donated 5.00 USD"), and is left empty. */
      amount = NULL;
      /* The page reuses rows for other events (lurk-event-slots.c): under a flood most
       * have the same kind. */
      if (icon_name != self->icon_name)
        {
          self->icon_name = icon_name;
          gtk_image_set_from_icon_name (self->icon, icon_name);
        }
    }

  g_free (self->summary);
  self->summary = g_strdup (what);
  gtk_label_set_text (self->who_label, who != NULL ? who : "");
  gtk_widget_set_visible (GTK_WIDGET (self->who_label), TRUE);
  if (what != NULL && who != NULL && who[0] != '\0' && g_str_has_prefix (what, who) &&
      what[strlen (who)] == ' ')
    gtk_label_set_text (self->what_label, what + strlen (who) + 1);
  else
    {
      gtk_label_set_text (self->what_label, what != NULL ? what : "");
      /* "Raid from Carol with 312 viewers": the sentence names them already. */
      if (what != NULL && who != NULL && who[0] != '\0' && strstr (what, who) != NULL)
        gtk_widget_set_visible (GTK_WIDGET (self->who_label), FALSE);
    }
  gtk_label_set_text (self->amount_label, amount != NULL ? amount : "");
  gtk_widget_set_visible (GTK_WIDGET (self->amount_label), amount != NULL);

  /* Another event: its time, tooltip and accessible label, even when the time reads the
   * same ("now"). */
  g_clear_pointer (&self->time_text, g_free);
  lurk_event_row_update_time (self, g_get_real_time ());
}

gboolean
lurk_event_row_get_is_new (LurkEventRow *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), FALSE);

  return self->is_new;
}

void
lurk_event_row_set_is_new (LurkEventRow *self,
                           gboolean      is_new)
{
  g_return_if_fail (LURK_IS_EVENT_ROW (self));

  is_new = !!is_new;
  if (self->is_new == is_new)
    return;

  self->is_new = is_new;
  if (is_new)
    gtk_widget_add_css_class (GTK_WIDGET (self), "new");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "new");
  lurk_event_row_update_accessible (self);
}

/**
 * lurk_event_row_update_time:
 * @self: a row
 * @now_usec: the current real time
 *
 * Refreshes the relative time (and the accessible label when it changed).
 */
void
lurk_event_row_update_time (LurkEventRow *self,
                            gint64        now_usec)
{
  g_autofree char *text = NULL;

  g_return_if_fail (LURK_IS_EVENT_ROW (self));

  text = self->event != NULL ? lurk_format_relative_time (event_time (self->event), now_usec)
                             : g_strdup ("");
  if (g_strcmp0 (text, self->time_text) == 0)
    return;

  g_free (self->time_text);
  self->time_text = g_steal_pointer (&text);
  gtk_label_set_text (self->time_label, self->time_text);

  if (self->event != NULL)
    {
      gint64 seconds = event_time (self->event) / G_USEC_PER_SEC;
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (seconds);
      /* Translators: an event's date and time in its tooltip, in g_date_time_format()
       * syntax; %x and %X are the date and the time as the user's locale writes them */
      g_autofree char *tooltip = local != NULL ? g_date_time_format (local, _("%x, %X"))
                                               : NULL;

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_label), tooltip);
    }

  lurk_event_row_update_accessible (self);
}

/**
 * lurk_event_row_set_time_text:
 * @text: what to show as the time (History shows the time of day)
 *
 * Instead of lurk_event_row_update_time()'s age.
 */
void
lurk_event_row_set_time_text (LurkEventRow *self,
                              const char   *text)
{
  g_return_if_fail (LURK_IS_EVENT_ROW (self));

  if (g_strcmp0 (text, self->time_text) == 0)
    return;

  g_free (self->time_text);
  self->time_text = g_strdup (text);
  gtk_label_set_text (self->time_label, text != NULL ? text : "");
  lurk_event_row_update_accessible (self);
}

const char *
lurk_event_row_get_who (LurkEventRow *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), NULL);

  return gtk_label_get_text (self->who_label);
}

/**
 * lurk_event_row_get_what:
 * @self: a row
 *
 * Returns: what happened, as a whole sentence (the row shows it under the name, without
 *   the name)
 */
const char *
lurk_event_row_get_what (LurkEventRow *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), NULL);

  return self->summary != NULL ? self->summary : "";
}

/**
 * lurk_event_row_dup_shown_text:
 * @self: a row
 *
 * Returns: (transfer full): what the row shows on screen, its labels joined by " / "
 */
char *
lurk_event_row_dup_shown_text (LurkEventRow *self)
{
  GtkLabel *labels[4];
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), NULL);

  labels[0] = self->who_label;
  labels[1] = self->what_label;
  labels[2] = self->amount_label;
  labels[3] = self->time_label;
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (labels[i])) &&
        gtk_label_get_text (labels[i])[0] != '\0')
      g_string_append_printf (text, "%s%s", text->len > 0 ? " / " : "",
                              gtk_label_get_text (labels[i]));

  return g_string_free (text, FALSE);
}

/**
 * lurk_event_row_get_amount:
 * @self: a row
 *
 * Returns: (nullable): the amount shown, or %NULL when the event has none
 */
const char *
lurk_event_row_get_amount (LurkEventRow *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->amount_label)))
    return NULL;

  return gtk_label_get_text (self->amount_label);
}

const char *
lurk_event_row_get_time (LurkEventRow *self)
{
  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), NULL);

  return gtk_label_get_text (self->time_label);
}

/**
 * lurk_event_row_dup_text:
 * @self: a row
 *
 * Returns: (transfer full): the row as one sentence, for its accessible label: "New: what,
 *   amount, time"
 */
char *
lurk_event_row_dup_text (LurkEventRow *self)
{
  GString *text;
  const char *amount;

  g_return_val_if_fail (LURK_IS_EVENT_ROW (self), NULL);

  text = g_string_new (NULL);
  if (self->is_new)
    /* Translators: prefix of a new event's accessible label */
    g_string_append (text, _("New: "));
  g_string_append (text, lurk_event_row_get_what (self));
  amount = lurk_event_row_get_amount (self);
  if (amount != NULL)
    g_string_append_printf (text, ", %s", amount);
  if (self->time_text != NULL && self->time_text[0] != '\0')
    g_string_append_printf (text, ", %s", self->time_text);

  return g_string_free (text, FALSE);
}
