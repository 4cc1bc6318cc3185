/* lurk-login-window.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lurk-account.h"

G_BEGIN_DECLS

/**
 * LurkSignInMethod:
 * @LURK_SIGN_IN_BROWSER: Twitch's authorize page in the default browser (implicit grant),
 *   answer on a loopback port: a confidential client's sign-in
 * @LURK_SIGN_IN_DEVICE_CODE: Twitch's activation page in the default browser (or a code to
 *   enter at twitch.tv/activate on any device): a public client's sign-in
 */
typedef enum
{
  LURK_SIGN_IN_BROWSER,
  LURK_SIGN_IN_DEVICE_CODE,
} LurkSignInMethod;

LurkSignInMethod lurk_sign_in_method_for_client_type (LurkClientType client_type);

/**
 * LurkUriLauncher:
 * @parent: the login window
 * @uri: the page to open (authorize or activation page)
 * @user_data: data given with the launcher
 *
 * Opens @uri in the user's browser. The default goes through
 * g_app_info_launch_default_for_uri_async() (the OpenURI portal inside Flatpak); tests stand
 * in for the browser with their own.
 */
typedef void (*LurkUriLauncher) (GtkWindow  *parent,
                                 const char *uri,
                                 gpointer    user_data);

#define LURK_TYPE_LOGIN_WINDOW (lurk_login_window_get_type ())

G_DECLARE_FINAL_TYPE (LurkLoginWindow, lurk_login_window, LURK, LOGIN_WINDOW, AdwWindow)

LurkLoginWindow *lurk_login_window_new              (GtkWindow        *parent,
                                                     LurkAccount      *account,
                                                     guint             redirect_port);
void             lurk_login_window_start            (LurkLoginWindow  *self);
void             lurk_login_window_set_uri_launcher (LurkLoginWindow  *self,
                                                     LurkUriLauncher   launcher,
                                                     gpointer          user_data);
const char      *lurk_login_window_get_page_name    (LurkLoginWindow  *self);
const char      *lurk_login_window_get_uri          (LurkLoginWindow  *self);
LurkSignInMethod lurk_login_window_get_method       (LurkLoginWindow  *self);

/* Every login window created afterwards uses this launcher (tests, screenshots). */
void             lurk_login_window_set_default_uri_launcher (LurkUriLauncher launcher,
                                                             gpointer        user_data);

/* What the app's sign-in actions call: a login window for @account over @parent, with the
 * sign-in of the account's client type. */
LurkLoginWindow *lurk_login_window_present_for      (GtkWindow        *parent,
                                                     LurkAccount      *account);

G_END_DECLS
