/* lurk-favorite-preview.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-favorite-preview"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-channel.h"
#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-favorite-preview.h"
#include "lurk-helix.h"

/*
 * The Home page's channel preview: before a new favorite is saved, Helix says whether the
 * channel exists and what it is (avatar, display name, description, live or offline). The
 * user confirms with "Set as Favorite" (signal `save` with the login: Lurk's favorite, not a
 * Twitch follow), or cancels.
 * An unknown login is reported with signal `failed` (message): the Home page shows it
 * under the entry, and the previous favorite stays. Twitch or the network failing says
 * nothing about the name: the card says so itself and offers Try Again. Signed out, there
 * is no token to ask Helix with, and nothing is saved unchecked: `failed` says to sign in
 * (the Home page says so before it asks).
 */

struct _LurkFavoritePreview
{
  GtkWidget      parent_instance;

  LurkAccount   *account;
  LurkHelix     *helix;
  GCancellable  *cancellable;
  char          *login;
  guint          busy : 1;

  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwAvatar     *avatar;
  GtkLabel      *name_label;
  GtkLabel      *status_label;
  GtkLabel      *description_label;
  GtkButton     *save_button;
  GtkLabel      *unavailable_label;
  guint          scroll_id;
  guint          scroll_ticks;
  GtkButton     *retry_button;
};

G_DEFINE_FINAL_TYPE (LurkFavoritePreview, lurk_favorite_preview, GTK_TYPE_WIDGET)

enum {
  SAVE,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (LurkFavoritePreview *self,
          gboolean             busy)
{
  self->busy = !!busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  if (busy)
    {
      gtk_stack_set_visible_child_name (self->stack, "busy");
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
    }
}

/* The card appears under the entry, often below the fold, and its button takes the focus:
 * once laid out (a tick callback runs before the frame's layout, so on the second one), the
 * page scrolls to show the whole card, or its top when it is taller than the page. */
static gboolean
scroll_into_view_cb (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  LurkFavoritePreview *self = LURK_FAVORITE_PREVIEW (widget);
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double top, bottom, page;

  if (self->scroll_ticks++ == 0)
    return G_SOURCE_CONTINUE;
  self->scroll_id = 0;

  if (scrolled == NULL || !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return G_SOURCE_REMOVE;

  /* In the scrolled window's coordinates: what it shows is 0 to its height. */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  top = bounds.origin.y;
  bottom = bounds.origin.y + bounds.size.height;
  page = gtk_widget_get_height (scrolled);

  if (bottom > page)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) +
                                          MIN (top, bottom - page));
  else if (top < 0)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + top);

  return G_SOURCE_REMOVE;
}

static void
scroll_into_view (LurkFavoritePreview *self)
{
  self->scroll_ticks = 0;
  if (self->scroll_id == 0)
    self->scroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_into_view_cb,
                                                    NULL, NULL);
}

static void
fail (LurkFavoritePreview *self,
      const char          *message)
{
  set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_emit (self, signals[FAILED], 0, message);
}

static void
avatar_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LurkFavoritePreview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = lurk_load_texture_finish (result, &error);

  if (texture != NULL)
    adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static void
stream_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LurkFavoritePreview) self = user_data;
  g_autoptr(LurkHelixStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gboolean answered;

  answered = lurk_helix_get_stream_finish (LURK_HELIX (object), result, &stream, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* look_up() and clear() cancel the lookup they replace: this one is current, still busy. */
  g_assert (self->busy);

  if (!answered)
    gtk_label_set_text (self->status_label, "");
  else if (stream != NULL)
    {
      g_autofree char *text = NULL;

      if (stream->game_name != NULL && stream->game_name[0] != '\0')
        /* Translators: in the channel preview: "Live: <category>" */
        text = g_strdup_printf (_("Live: %s"), stream->game_name);
      else
        text = g_strdup (_("Live now"));
      gtk_label_set_text (self->status_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "live-text");
    }
  else
    {
      gtk_label_set_text (self->status_label, _("Offline"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "live-text");
    }

  set_busy (self, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "card");
  gtk_widget_grab_focus (GTK_WIDGET (self->save_button));
  scroll_into_view (self);
}

static void
user_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(LurkFavoritePreview) self = user_data;
  g_autoptr(LurkHelixUser) user = NULL;
  g_autoptr(GError) error = NULL;

  user = lurk_helix_get_user_finish (LURK_HELIX (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_assert (self->busy);

  if (user == NULL)
    {
      g_autofree char *message = NULL;
      const char *unavailable = NULL;

      /* Twitch or the network failing says nothing about the name: the entry stays as it is,
       * and the card offers to try again. */
      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_NETWORK))
        unavailable = _("Could not reach Twitch. Check your connection; your favorite is "
                        "unchanged.");
      else if (g_error_matches (error, LURK_ERROR, LURK_ERROR_SERVER) ||
               g_error_matches (error, LURK_ERROR, LURK_ERROR_RATE_LIMITED))
        unavailable = _("Twitch isn’t answering. Your favorite is unchanged.");
      if (unavailable != NULL)
        {
          set_busy (self, FALSE);
          gtk_label_set_text (self->unavailable_label, unavailable);
          gtk_stack_set_visible_child_name (self->stack, "unavailable");
          gtk_widget_grab_focus (GTK_WIDGET (self->retry_button));
          scroll_into_view (self);
          return;
        }

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_NOT_FOUND))
        message = g_strdup_printf (_("No Twitch channel named “%s”"), self->login);
      else
        message = g_strdup_printf (_("Could not look up the channel: %s"), error->message);

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED) && self->account != NULL)
        lurk_account_report_unauthorized (self->account);

      fail (self, message);
      return;
    }

  gtk_label_set_text (self->name_label, user->display_name[0] != '\0' ? user->display_name
                                                                      : user->login);
  adw_avatar_set_text (self->avatar, user->display_name);
  adw_avatar_set_custom_image (self->avatar, NULL);
  gtk_label_set_text (self->description_label, user->description);
  gtk_widget_set_visible (GTK_WIDGET (self->description_label), user->description[0] != '\0');
  g_free (self->login);
  self->login = g_strdup (user->login);

  if (user->profile_image_url[0] != '\0')
    lurk_load_texture_async (lurk_account_get_session (self->account), user->profile_image_url,
                             self->cancellable, avatar_cb, g_object_ref (self));

  lurk_helix_get_stream_async (self->helix, NULL, user->id, self->cancellable, stream_cb,
                               g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  lurk_favorite_preview_save (LURK_FAVORITE_PREVIEW (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  LurkFavoritePreview *self = LURK_FAVORITE_PREVIEW (widget);
  g_autofree char *login = g_strdup (self->login);

  if (login != NULL)
    lurk_favorite_preview_look_up (self, login);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  lurk_favorite_preview_clear (LURK_FAVORITE_PREVIEW (widget));
}

static void
lurk_favorite_preview_dispose (GObject *object)
{
  LurkFavoritePreview *self = LURK_FAVORITE_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->helix);
  g_clear_object (&self->account);
  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_FAVORITE_PREVIEW);

  G_OBJECT_CLASS (lurk_favorite_preview_parent_class)->dispose (object);
}

static void
lurk_favorite_preview_finalize (GObject *object)
{
  LurkFavoritePreview *self = LURK_FAVORITE_PREVIEW (object);

  g_clear_pointer (&self->login, g_free);

  G_OBJECT_CLASS (lurk_favorite_preview_parent_class)->finalize (object);
}

static void
lurk_favorite_preview_class_init (LurkFavoritePreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_favorite_preview_dispose;
  object_class->finalize = lurk_favorite_preview_finalize;

  signals[SAVE] =
    g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-favorite-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, stack);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, spinner);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, avatar);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, name_label);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, status_label);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, description_label);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, save_button);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, LurkFavoritePreview, retry_button);

  gtk_widget_class_install_action (widget_class, "favorite.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "favorite.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "favorite.retry", NULL, retry_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lurk_favorite_preview_init (LurkFavoritePreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
lurk_favorite_preview_new (void)
{
  return g_object_new (LURK_TYPE_FAVORITE_PREVIEW, NULL);
}

/**
 * lurk_favorite_preview_set_account:
 * @self: a preview
 * @account: (nullable): the session to ask Helix with
 */
void
lurk_favorite_preview_set_account (LurkFavoritePreview *self,
                                   LurkAccount         *account)
{
  g_return_if_fail (LURK_IS_FAVORITE_PREVIEW (self));

  g_set_object (&self->account, account);
}

/**
 * lurk_favorite_preview_look_up:
 * @self: a preview
 * @login: a normalized login
 *
 * Looks @login up and shows the channel, or emits `failed` (also signed out).
 */
void
lurk_favorite_preview_look_up (LurkFavoritePreview *self,
                               const char          *login)
{
  g_autofree char *helix_url = NULL;

  g_return_if_fail (LURK_IS_FAVORITE_PREVIEW (self));
  g_return_if_fail (login != NULL);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_free (self->login);
  self->login = g_strdup (login);

  if (self->account == NULL ||
      lurk_account_get_state (self->account) != LURK_ACCOUNT_SIGNED_IN ||
      lurk_account_get_access_token (self->account) == NULL)
    {
      fail (self, _("Sign in with Twitch to check this channel"));
      return;
    }

  helix_url = lurk_endpoints_dup_helix_url ();
  g_clear_object (&self->helix);
  self->helix = lurk_helix_new (lurk_account_get_session (self->account), helix_url,
                                lurk_account_get_client_id (self->account),
                                lurk_account_get_access_token (self->account));

  set_busy (self, TRUE);
  lurk_helix_get_user_async (self->helix, login, self->cancellable, user_cb, g_object_ref (self));
}

/**
 * lurk_favorite_preview_clear:
 * @self: a preview
 *
 * Cancels a lookup and hides the card.
 */
void
lurk_favorite_preview_clear (LurkFavoritePreview *self)
{
  g_return_if_fail (LURK_IS_FAVORITE_PREVIEW (self));

  g_cancellable_cancel (self->cancellable);
  set_busy (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * lurk_favorite_preview_save:
 * @self: a preview
 *
 * Confirms: emits `save` with the channel's login and hides the card.
 */
void
lurk_favorite_preview_save (LurkFavoritePreview *self)
{
  g_autofree char *login = NULL;

  g_return_if_fail (LURK_IS_FAVORITE_PREVIEW (self));

  if (self->login == NULL || self->busy)
    return;

  login = g_strdup (self->login);
  lurk_favorite_preview_clear (self);
  g_signal_emit (self, signals[SAVE], 0, login);
}

const char *
lurk_favorite_preview_get_login (LurkFavoritePreview *self)
{
  g_return_val_if_fail (LURK_IS_FAVORITE_PREVIEW (self), NULL);
  return self->login;
}

const char *
lurk_favorite_preview_get_name (LurkFavoritePreview *self)
{
  g_return_val_if_fail (LURK_IS_FAVORITE_PREVIEW (self), NULL);
  return gtk_label_get_text (self->name_label);
}

const char *
lurk_favorite_preview_get_status (LurkFavoritePreview *self)
{
  g_return_val_if_fail (LURK_IS_FAVORITE_PREVIEW (self), NULL);
  return gtk_label_get_text (self->status_label);
}

gboolean
lurk_favorite_preview_get_busy (LurkFavoritePreview *self)
{
  g_return_val_if_fail (LURK_IS_FAVORITE_PREVIEW (self), FALSE);
  return self->busy;
}

/**
 * lurk_favorite_preview_get_unavailable:
 * @self: a preview
 *
 * Returns: (nullable): what the card says when Twitch could not be asked, or %NULL
 */
const char *
lurk_favorite_preview_get_unavailable (LurkFavoritePreview *self)
{
  g_return_val_if_fail (LURK_IS_FAVORITE_PREVIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self)) ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "unavailable") != 0)
    return NULL;

  return gtk_label_get_text (self->unavailable_label);
}
