/* lurk-login-window.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-login-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-a11y.h"
#include "lurk-device-flow.h"
#include "lurk-error.h"
#include "lurk-login-window.h"
#include "lurk-oauth.h"
#include "lurk-profile.h"
#include "lurk-redirect-server.h"

/*
 * The login window (RFC 8252): Twitch's pages open in the user's default browser, never in a
 * web view of Lurk's own, so Lurk never sees the password. It offers the one sign-in that
 * lasts for the client type the build declares (lurk-endpoints.h, LurkClientType; Twitch's
 * client types: https://dev.twitch.tv/docs/authentication/getting-tokens-oauth/):
 *
 * - public: the device code grant. Its refresh needs no secret (twitchdev/issues #895), so the
 *   session outlives the 4-hour access token. The activation page opens at `verification_uri`
 *   as Twitch gives it (it already carries `?device-code=<user_code>`, twitchdev/issues #1037),
 *   the window shows the code to compare, and the flow polls at Twitch's `interval`. The
 *   implicit grant is not offered: a public client may not use it.
 * - confidential: the implicit grant, answered to a loopback LurkRedirectServer at
 *   http://localhost:PORT/auth. Its token has no refresh token and lives for weeks. The device
 *   code is not offered: refreshing its token would need the client secret (twitchdev/issues
 *   #943, "missing client secret"), so the session would end after about 4 hours.
 *
 * On success the window closes itself and the main window comes back to the front.
 */

struct _LurkLoginWindow
{
  AdwWindow            parent_instance;

  LurkAccount         *account;
  LurkSignInMethod     method;
  guint                redirect_port;

  GCancellable        *cancellable;
  LurkRedirectServer  *server;
  LurkDeviceFlow      *flow;
  char                *uri;
  guint                countdown_id;
  gboolean             succeeded;

  LurkUriLauncher      launcher;
  gpointer             launcher_data;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *stack;
  AdwStatusPage       *device_status;
  GtkLabel            *user_code_label;
  GtkLabel            *countdown_label;
  AdwStatusPage       *error_status;
  GtkWidget           *retry_button;
  GtkWidget           *preferences_button;
  GtkWidget           *open_activation_button;
};

G_DEFINE_FINAL_TYPE (LurkLoginWindow, lurk_login_window, ADW_TYPE_WINDOW)

static LurkUriLauncher default_launcher;
static gpointer default_launcher_data;

static void lurk_login_window_stop (LurkLoginWindow *self);

/* @title is plain text; libadwaita 1.2 reads a toast title as markup. Toasts here are short
 * (the window is narrow: a long one is cut off), and say only what happened: the page says
 * what to do. */
static void
toast (LurkLoginWindow *self,
       const char      *title)
{
  g_autofree char *markup = g_markup_escape_text (title, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
on_launched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(LurkLoginWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_message ("Could not open a web browser: %s", error->message);
      if (gtk_widget_get_visible (GTK_WIDGET (self)))
        toast (self, self->method == LURK_SIGN_IN_BROWSER
                     ? _("No web browser could be opened")
                     : _("No web browser could be opened"));
    }
}

static void
launch_with_default_browser (GtkWindow  *parent,
                             const char *uri,
                             gpointer    user_data)
{
  g_autoptr(GdkAppLaunchContext) context =
    gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (parent)));

  /* The OpenURI portal inside Flatpak, the default browser outside. */
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context), NULL,
                                           on_launched, g_object_ref (parent));
}

static void
launch (LurkLoginWindow *self,
        const char      *uri)
{
  if (self->launcher != NULL)
    self->launcher (GTK_WINDOW (self), uri, self->launcher_data);
  else
    launch_with_default_browser (GTK_WINDOW (self), uri, NULL);
}

static void
show_error (LurkLoginWindow *self,
            const char      *title,
            const char      *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  lurk_login_window_stop (self);
  lurk_account_cancel_sign_in (self->account);


  gtk_widget_set_visible (self->retry_button, TRUE);
  gtk_widget_set_visible (self->preferences_button, FALSE);
  adw_status_page_set_title (self->error_status, title);
  /* The description is markup; the message may come from Twitch. */
  adw_status_page_set_description (self->error_status, escaped);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LurkLoginWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;

  if (!lurk_account_complete_sign_in_finish (LURK_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Sign-in Failed"), error->message);
      return;
    }

  self->succeeded = TRUE;
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
  if (parent != NULL)
    gtk_window_present (parent);
}

static void
complete_with_token (LurkLoginWindow *self,
                     LurkOAuthToken  *token)
{
  gtk_stack_set_visible_child_name (self->stack, "finishing");
  lurk_account_complete_sign_in_async (self->account, token, self->cancellable, on_signed_in,
                                       g_object_ref (self));
}

/* Browser ------------------------------------------------------------------------------- */

static void
on_browser_answer (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LurkLoginWindow) self = user_data;
  g_autoptr(LurkOAuthToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = lurk_redirect_server_wait_finish (LURK_REDIRECT_SERVER (object), result, &error);
  if (token == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED))
        show_error (self, _("Sign-in Cancelled"),
                    _("Lurk was not authorized on Twitch. Try again when you are ready."));
      else
        show_error (self, _("Sign-in Failed"), error->message);
      return;
    }

  g_clear_object (&self->server);
  complete_with_token (self, token);
}

static void
start_browser (LurkLoginWindow *self)
{
  g_auto(GStrv) scopes = lurk_oauth_build_scopes (lurk_account_get_broadcaster_scopes (self->account));
  g_autofree char *state = NULL;
  g_autofree char *redirect_uri = NULL;
  g_autoptr(GError) error = NULL;

  state = lurk_oauth_generate_state (&error);
  if (state == NULL)
    {
      show_error (self, _("Sign-in Failed"), error->message);
      return;
    }

  self->server = lurk_redirect_server_new (self->redirect_port, state);
  if (!lurk_redirect_server_start (self->server, &error))
    {
      g_clear_object (&self->server);
      show_error (self, _("Cannot Receive Twitch’s Answer"), error->message);
      return;
    }

  redirect_uri = lurk_redirect_server_dup_redirect_uri (self->server);
  g_clear_pointer (&self->uri, g_free);
  self->uri = lurk_oauth_build_authorize_uri (lurk_account_get_id_url (self->account),
                                              lurk_account_get_client_id (self->account),
                                              redirect_uri, (const char * const *) scopes,
                                              state, &error);
  if (self->uri == NULL)
    {
      show_error (self, _("Sign-in Failed"), error->message);
      return;
    }

  lurk_redirect_server_wait_async (self->server, self->cancellable, on_browser_answer,
                                   g_object_ref (self));
  gtk_stack_set_visible_child_name (self->stack, "browser");
  launch (self, self->uri);
}

/* Device code --------------------------------------------------------------------------- */

static gboolean
update_countdown (gpointer user_data)
{
  LurkLoginWindow *self = user_data;
  gint64 left;
  g_autofree char *text = NULL;

  if (self->flow == NULL)
    {
      self->countdown_id = 0;
      return G_SOURCE_REMOVE;
    }

  left = lurk_device_flow_get_seconds_left (self->flow, g_get_monotonic_time ());
  /* Translators: the time left to enter the sign-in code, minutes:seconds */
  text = g_strdup_printf (_("Waiting for approval · code expires in %d:%02d"),
                          (int) (left / 60), (int) (left % 60));
  gtk_label_set_label (self->countdown_label, text);

  return G_SOURCE_CONTINUE;
}

static void
on_user_code (LurkLoginWindow *self,
              GParamSpec      *pspec,
              LurkDeviceFlow  *flow)
{
  const char *code = lurk_device_flow_get_user_code (flow);
  const char *verification_uri = lurk_device_flow_get_verification_uri (flow);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *place = NULL;
  g_autofree char *escaped_place = NULL;
  g_autofree char *description = NULL;

  if (code == NULL)
    return;

  /* Where to go, as a person would type it: host[:port]/path, without the query. */
  uri = g_uri_parse (verification_uri, G_URI_FLAGS_NONE, NULL);
  if (uri != NULL && g_uri_get_port (uri) > 0)
    place = g_strdup_printf ("%s:%d%s", g_uri_get_host (uri), g_uri_get_port (uri),
                             g_uri_get_path (uri));
  else if (uri != NULL)
    place = g_strconcat (g_uri_get_host (uri), g_uri_get_path (uri), NULL);
  else
    place = g_strdup (verification_uri);

  /* Translators: %s is the activation page, such as www.twitch.tv/activate */
  escaped_place = g_markup_escape_text (place, -1);
  description = g_strdup_printf (_("Twitch’s activation page opened in your web browser. Check "
                                   "that it shows this code, then authorize Lurk. On another "
                                   "device, open %s and enter the code."), escaped_place);
  adw_status_page_set_description (self->device_status, description);
  gtk_label_set_label (self->user_code_label, code);

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  self->countdown_id = g_timeout_add_seconds (1, update_countdown, self);
  update_countdown (self);

  gtk_stack_set_visible_child_name (self->stack, "device");
  /* Not on the code label, which would select it all. */
  gtk_widget_grab_focus (self->open_activation_button);

  /* As Twitch gives it: the page fills in the code itself (twitchdev/issues #1037). */
  launch (self, verification_uri);
}

static void
on_device_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LurkLoginWindow) self = user_data;
  g_autoptr(LurkOAuthToken) token = NULL;
  g_autoptr(GError) error = NULL;

  token = lurk_device_flow_run_finish (LURK_DEVICE_FLOW (object), result, &error);
  if (token == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (g_error_matches (error, LURK_ERROR, LURK_ERROR_EXPIRED))
        show_error (self, _("Code Expired"),
                    _("The code was not entered in time. Try again to get a new one."));
      else if (g_error_matches (error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED))
        show_error (self, _("Sign-in Cancelled"),
                    _("Lurk was not authorized on Twitch. Try again when you are ready."));
      else
        show_error (self, _("Sign-in Failed"), error->message);
      return;
    }

  g_clear_handle_id (&self->countdown_id, g_source_remove);
  complete_with_token (self, token);
}

static void
start_device (LurkLoginWindow *self)
{
  g_auto(GStrv) scopes = lurk_oauth_build_scopes (lurk_account_get_broadcaster_scopes (self->account));

  self->flow = lurk_device_flow_new (lurk_account_get_session (self->account),
                                     lurk_account_get_id_url (self->account),
                                     lurk_account_get_client_id (self->account),
                                     (const char * const *) scopes);
  g_signal_connect_object (self->flow, "notify::user-code", G_CALLBACK (on_user_code), self,
                           G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, "starting");
  lurk_device_flow_run_async (self->flow, self->cancellable, on_device_done,
                              g_object_ref (self));
}

/* Lifecycle ----------------------------------------------------------------------------- */

static void
lurk_login_window_stop (LurkLoginWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->server != NULL)
    lurk_redirect_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->flow);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
}

/**
 * lurk_login_window_start:
 * @self: a #LurkLoginWindow
 *
 * Starts (or restarts) the sign-in: opens the browser or asks Twitch for a code.
 */
void
lurk_login_window_start (LurkLoginWindow *self)
{
  g_return_if_fail (LURK_IS_LOGIN_WINDOW (self));

  lurk_login_window_stop (self);
  lurk_account_begin_sign_in (self->account);

  if (lurk_account_get_client_id (self->account) == NULL
      || lurk_account_get_client_id (self->account)[0] == '\0')
    {
      show_error (self, _("No Twitch Client ID"),
                  _("Lurk was built without a Twitch client ID. Enter one in Preferences → "
                    "Sign-In, or set the LURK_CLIENT_ID environment variable."));
      /* Trying again would fail the same way. */
      gtk_widget_set_visible (self->retry_button, FALSE);
      gtk_widget_set_visible (self->preferences_button, TRUE);
      gtk_widget_grab_focus (self->preferences_button);
      return;
    }

  if (self->method == LURK_SIGN_IN_BROWSER)
    start_browser (self);
  else
    start_device (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "preferences"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  gtk_window_close (GTK_WINDOW (widget));
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  lurk_login_window_start (LURK_LOGIN_WINDOW (widget));
}

static void
copy_link_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LurkLoginWindow *self = LURK_LOGIN_WINDOW (widget);

  if (self->uri == NULL)
    return;

  /* The authorize link carries the state, never a token. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), self->uri);
  toast (self, _("Link copied"));
}

static void
copy_code_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LurkLoginWindow *self = LURK_LOGIN_WINDOW (widget);
  const char *code = self->flow != NULL ? lurk_device_flow_get_user_code (self->flow) : NULL;

  if (code == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), code);
  toast (self, _("Code copied"));
}

static void
open_activation_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  LurkLoginWindow *self = LURK_LOGIN_WINDOW (widget);
  const char *uri = self->flow != NULL ? lurk_device_flow_get_verification_uri (self->flow)
                                       : NULL;

  if (uri != NULL)
    launch (self, uri);
}

static gboolean
lurk_login_window_close_request (GtkWindow *window)
{
  LurkLoginWindow *self = LURK_LOGIN_WINDOW (window);

  if (!self->succeeded)
    {
      lurk_login_window_stop (self);
      lurk_account_cancel_sign_in (self->account);
    }

  return GTK_WINDOW_CLASS (lurk_login_window_parent_class)->close_request (window);
}

static void
lurk_login_window_dispose (GObject *object)
{
  LurkLoginWindow *self = LURK_LOGIN_WINDOW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->server != NULL)
    lurk_redirect_server_stop (self->server);
  g_clear_object (&self->server);
  g_clear_object (&self->flow);
  g_clear_handle_id (&self->countdown_id, g_source_remove);
  g_clear_object (&self->account);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_LOGIN_WINDOW);

  G_OBJECT_CLASS (lurk_login_window_parent_class)->dispose (object);
}

static void
lurk_login_window_finalize (GObject *object)
{
  LurkLoginWindow *self = LURK_LOGIN_WINDOW (object);

  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (lurk_login_window_parent_class)->finalize (object);
}

static void
lurk_login_window_class_init (LurkLoginWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lurk_login_window_dispose;
  object_class->finalize = lurk_login_window_finalize;
  window_class->close_request = lurk_login_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-login-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, device_status);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, user_code_label);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, countdown_label);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, error_status);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, preferences_button);
  gtk_widget_class_bind_template_child (widget_class, LurkLoginWindow, open_activation_button);

  gtk_widget_class_install_action (widget_class, "login.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "login.retry", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "login.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "login.copy-link", NULL, copy_link_action);
  gtk_widget_class_install_action (widget_class, "login.copy-code", NULL, copy_code_action);
  gtk_widget_class_install_action (widget_class, "login.open-activation", NULL,
                                   open_activation_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lurk_login_window_init (LurkLoginWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lurk_a11y_name_controls (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->launcher = default_launcher;
  self->launcher_data = default_launcher_data;
}

/**
 * lurk_sign_in_method_for_client_type:
 * @client_type: how the client ID is registered at Twitch
 *
 * Returns: the one sign-in whose session lasts for @client_type: the device code for a public
 *   client, the loopback redirect (implicit grant) for a confidential one
 */
LurkSignInMethod
lurk_sign_in_method_for_client_type (LurkClientType client_type)
{
  return client_type == LURK_CLIENT_CONFIDENTIAL ? LURK_SIGN_IN_BROWSER
                                                 : LURK_SIGN_IN_DEVICE_CODE;
}

/**
 * lurk_login_window_new:
 * @parent: (nullable): the main window
 * @account: the account to sign in; its client type decides the method
 * @redirect_port: the loopback port of the redirect URI (0: any free one)
 *
 * Returns: (transfer none): the window; call lurk_login_window_start() after presenting it
 */
LurkLoginWindow *
lurk_login_window_new (GtkWindow   *parent,
                       LurkAccount *account,
                       guint        redirect_port)
{
  LurkLoginWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LURK_IS_ACCOUNT (account), NULL);

  self = g_object_new (LURK_TYPE_LOGIN_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent)
                                                      : NULL,
                       NULL);
  self->account = g_object_ref (account);
  self->method = lurk_sign_in_method_for_client_type (lurk_account_get_client_type (account));
  self->redirect_port = redirect_port;

  return self;
}

void
lurk_login_window_set_uri_launcher (LurkLoginWindow *self,
                                    LurkUriLauncher  launcher,
                                    gpointer         user_data)
{
  g_return_if_fail (LURK_IS_LOGIN_WINDOW (self));

  self->launcher = launcher;
  self->launcher_data = user_data;
}

void
lurk_login_window_set_default_uri_launcher (LurkUriLauncher launcher,
                                            gpointer        user_data)
{
  default_launcher = launcher;
  default_launcher_data = user_data;
}

/**
 * lurk_login_window_get_page_name:
 *
 * Returns: "starting", "browser", "device", "finishing" or "error"
 */
const char *
lurk_login_window_get_page_name (LurkLoginWindow *self)
{
  g_return_val_if_fail (LURK_IS_LOGIN_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

LurkSignInMethod
lurk_login_window_get_method (LurkLoginWindow *self)
{
  g_return_val_if_fail (LURK_IS_LOGIN_WINDOW (self), LURK_SIGN_IN_DEVICE_CODE);

  return self->method;
}

/**
 * lurk_login_window_get_uri:
 *
 * Returns: (nullable): the authorize link the browser was sent to
 */
const char *
lurk_login_window_get_uri (LurkLoginWindow *self)
{
  g_return_val_if_fail (LURK_IS_LOGIN_WINDOW (self), NULL);

  return self->uri;
}

/**
 * lurk_login_window_present_for:
 * @parent: (nullable): the main window
 * @account: the account
 *
 * Presents a login window, with the redirect port from the `redirect-port` setting, and
 * starts it.
 *
 * Returns: (transfer none): the window
 */
LurkLoginWindow *
lurk_login_window_present_for (GtkWindow   *parent,
                               LurkAccount *account)
{
  static LurkLoginWindow *current;
  g_autoptr(GSettings) settings = NULL;
  LurkLoginWindow *self;
  guint16 port = 0;

  /* One sign-in at a time: a second request raises the window already running. */
  if (current != NULL && current->account == account && !current->succeeded)
    {
      gtk_window_present (GTK_WINDOW (current));
      return current;
    }

  settings = lurk_profile_new_settings ();

  g_settings_get (settings, "redirect-port", "q", &port);
  if (port == 0)
    port = LURK_OAUTH_DEFAULT_REDIRECT_PORT;

  self = lurk_login_window_new (parent, account, port);
  if (current != NULL)
    g_object_remove_weak_pointer (G_OBJECT (current), (gpointer *) &current);
  current = self;
  g_object_add_weak_pointer (G_OBJECT (current), (gpointer *) &current);
  gtk_window_present (GTK_WINDOW (self));
  lurk_login_window_start (self);

  return self;
}
