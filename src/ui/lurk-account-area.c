/* lurk-account-area.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-account-area"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-account-area.h"
#include "lurk-application.h"
#include "lurk-login-window.h"
#include "lurk-web-module.h"

/*
 * The account area of the Home page: one page per LurkAccount state. Signed out: "Sign in
 * with Twitch" (the one sign-in that lasts for the client type: see lurk-login-window.c) and
 * "I am this channel's broadcaster". Signing in: a
 * spinner. Signed in: avatar, display name, login, Sign Out (confirmed in a dialog first). Expired: "Your Twitch session
 * ended" and Sign In Again. Keyring problems show below, in words.
 */

struct _LurkAccountArea
{
  AdwBin          parent_instance;

  LurkAccount    *account;
  /* Follow whichever account is set: connected and bound while it is, undone when it goes. */
  GSignalGroup   *account_signals;
  GCancellable   *avatar_cancellable;
  char           *avatar_loaded;

  GtkStack       *stack;
  GtkWidget      *sign_in_button;
  AdwActionRow   *user_row;
  AdwAvatar      *avatar;
  GtkLabel       *error_label;
};

G_DEFINE_FINAL_TYPE (LurkAccountArea, lurk_account_area, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ACCOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_avatar_loaded (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LurkAccountArea) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (object), result);

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not load the avatar: %s", error->message);
      return;
    }

  if (soup_message_get_status (message) != SOUP_STATUS_OK)
    return;

  texture = gdk_texture_new_from_bytes (bytes, &error);
  if (texture == NULL)
    {
      g_debug ("The avatar is not an image: %s", error->message);
      return;
    }

  adw_avatar_set_custom_image (self->avatar, GDK_PAINTABLE (texture));
}

static void
load_avatar (LurkAccountArea *self)
{
  const char *url = lurk_account_get_avatar_url (self->account);
  g_autoptr(SoupMessage) message = NULL;

  if (g_strcmp0 (url, self->avatar_loaded) == 0)
    return;

  g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);
  g_free (self->avatar_loaded);
  self->avatar_loaded = g_strdup (url);
  adw_avatar_set_custom_image (self->avatar, NULL);

  if (url == NULL
      || (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://")))
    return;

  message = soup_message_new ("GET", url);
  if (message == NULL)
    return;

  self->avatar_cancellable = g_cancellable_new ();
  soup_session_send_and_read_async (lurk_account_get_session (self->account), message,
                                    G_PRIORITY_LOW, self->avatar_cancellable, on_avatar_loaded,
                                    g_object_ref (self));
}

static void
update (LurkAccountArea *self)
{
  const char *page = "signed-out";
  const char *error_message = NULL;

  if (self->account != NULL)
    {
      const char *display_name = lurk_account_get_display_name (self->account);
      const char *login = lurk_account_get_login (self->account);
      g_autofree char *subtitle = login != NULL ? g_strconcat ("@", login, NULL) : NULL;

      switch (lurk_account_get_state (self->account))
        {
        case LURK_ACCOUNT_SIGNING_IN:
          page = "signing-in";
          break;

        case LURK_ACCOUNT_SIGNED_IN:
          page = "signed-in";
          break;

        case LURK_ACCOUNT_EXPIRED:
          page = "expired";
          break;

        case LURK_ACCOUNT_SIGNED_OUT:
        default:
          page = "signed-out";
          break;
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->user_row),
                                     display_name != NULL ? display_name : "");
      adw_action_row_set_subtitle (self->user_row, subtitle != NULL ? subtitle : "");
      adw_avatar_set_text (self->avatar, display_name);
      load_avatar (self);

      error_message = lurk_account_get_error_message (self->account);
    }

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_label_set_label (self->error_label, error_message != NULL ? error_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error_message != NULL);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  LurkAccountArea *self = LURK_ACCOUNT_AREA (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->account == NULL)
    return;

  lurk_login_window_present_for (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 self->account);
}

static void
on_web_data_cleared (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lurk_web_clear_data_finish (result, &error))
    g_warning ("Could not forget the chat’s Twitch login: %s", error->message);
}

static void
on_signed_out (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!lurk_account_sign_out_finish (LURK_ACCOUNT (object), result, &error))
    g_warning ("Sign-out: %s", error->message);

  /* The chat signs in to Twitch on its own, with cookies: that login ends too. */
  lurk_web_clear_data_async (NULL, on_web_data_cleared, NULL);
}

static void
sign_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      LurkAccountArea  *self)
{
  if (g_str_equal (response, "sign-out") && self->account != NULL)
    lurk_account_sign_out_async (self->account, NULL, on_signed_out, NULL);
}

/* Signing out revokes the token at Twitch at once: asked first. */
static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  LurkAccountArea *self = LURK_ACCOUNT_AREA (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;

  if (self->account == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Sign Out of Twitch?"),
                                                       _("Lurk stops receiving this channel’s "
                                                         "events until you sign in again. "
                                                         "Your favorite and the events "
                                                         "received so far stay.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
lurk_account_area_new (LurkAccount *account)
{
  return g_object_new (LURK_TYPE_ACCOUNT_AREA, "account", account, NULL);
}

LurkAccount *
lurk_account_area_get_account (LurkAccountArea *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT_AREA (self), NULL);

  return self->account;
}

void
lurk_account_area_set_account (LurkAccountArea *self,
                               LurkAccount     *account)
{
  g_return_if_fail (LURK_IS_ACCOUNT_AREA (self));
  g_return_if_fail (account == NULL || LURK_IS_ACCOUNT (account));

  if (self->account == account)
    return;

  g_set_object (&self->account, account);
  g_signal_group_set_target (self->account_signals, account);

  /* Says where the sign-in happens: both open the browser, only one asks for a code. */
  if (account != NULL)
    gtk_widget_set_tooltip_text (self->sign_in_button,
                                 lurk_account_get_client_type (account) == LURK_CLIENT_PUBLIC
                                 ? _("Opens Twitch’s activation page in your web browser, "
                                     "with a code to confirm")
                                 : _("Opens Twitch’s sign-in page in your web browser"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-in", account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-out", account != NULL);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/**
 * lurk_account_area_get_page_name:
 *
 * Returns: "signed-out", "signing-in", "signed-in" or "expired"
 */
const char *
lurk_account_area_get_page_name (LurkAccountArea *self)
{
  g_return_val_if_fail (LURK_IS_ACCOUNT_AREA (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

static void
lurk_account_area_constructed (GObject *object)
{
  LurkAccountArea *self = LURK_ACCOUNT_AREA (object);
  GApplication *app = g_application_get_default ();

  G_OBJECT_CLASS (lurk_account_area_parent_class)->constructed (object);

  /* In the app, the application's account; tests pass their own. */
  if (self->account == NULL && LURK_IS_APPLICATION (app))
    lurk_account_area_set_account (self, lurk_application_get_account (LURK_APPLICATION (app)));
}

static void
lurk_account_area_dispose (GObject *object)
{
  LurkAccountArea *self = LURK_ACCOUNT_AREA (object);

  if (self->avatar_cancellable != NULL)
    g_cancellable_cancel (self->avatar_cancellable);
  g_clear_object (&self->avatar_cancellable);
  g_clear_object (&self->account_signals);
  g_clear_object (&self->account);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_ACCOUNT_AREA);

  G_OBJECT_CLASS (lurk_account_area_parent_class)->dispose (object);
}

static void
lurk_account_area_finalize (GObject *object)
{
  LurkAccountArea *self = LURK_ACCOUNT_AREA (object);

  g_free (self->avatar_loaded);

  G_OBJECT_CLASS (lurk_account_area_parent_class)->finalize (object);
}

static void
lurk_account_area_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LurkAccountArea *self = LURK_ACCOUNT_AREA (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_account_area_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LurkAccountArea *self = LURK_ACCOUNT_AREA (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      lurk_account_area_set_account (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_account_area_class_init (LurkAccountAreaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lurk_account_area_constructed;
  object_class->dispose = lurk_account_area_dispose;
  object_class->finalize = lurk_account_area_finalize;
  object_class->get_property = lurk_account_area_get_property;
  object_class->set_property = lurk_account_area_set_property;

  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, LURK_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-account-area.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkAccountArea, stack);
  gtk_widget_class_bind_template_child (widget_class, LurkAccountArea, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, LurkAccountArea, user_row);
  gtk_widget_class_bind_template_child (widget_class, LurkAccountArea, avatar);
  gtk_widget_class_bind_template_child (widget_class, LurkAccountArea, error_label);

  gtk_widget_class_install_action (widget_class, "account.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "account.sign-out", NULL, sign_out_action);
}

static void
lurk_account_area_init (LurkAccountArea *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->account_signals = g_signal_group_new (LURK_TYPE_ACCOUNT);
  g_signal_group_connect_object (self->account_signals, "notify", G_CALLBACK (update), self,
                                 G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-in", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "account.sign-out", FALSE);
}
