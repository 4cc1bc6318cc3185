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
 * @LURK_SIGN_IN_BROWSER: Twitch's page in the default browser, answer on a loopback port
 * @LURK_SIGN_IN_DEVICE_CODE: a code to enter at twitch.tv/activate, on any device
 */
typedef enum
{
  LURK_SIGN_IN_BROWSER,
  LURK_SIGN_IN_DEVICE_CODE,
} LurkSignInMethod;

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
                                                     LurkSignInMethod  method,
                                                     guint             redirect_port);
void             lurk_login_window_start            (LurkLoginWindow  *self);
void             lurk_login_window_set_uri_launcher (LurkLoginWindow  *self,
                                                     LurkUriLauncher   launcher,
                                                     gpointer          user_data);
const char      *lurk_login_window_get_page_name    (LurkLoginWindow  *self);
const char      *lurk_login_window_get_uri          (LurkLoginWindow  *self);

/* Every login window created afterwards uses this launcher (tests, screenshots). */
void             lurk_login_window_set_default_uri_launcher (LurkUriLauncher launcher,
                                                             gpointer        user_data);

/* What the app's sign-in actions call: a login window for @account over @parent. */
LurkLoginWindow *lurk_login_window_present_for      (GtkWindow        *parent,
                                                     LurkAccount      *account,
                                                     LurkSignInMethod  method);

G_END_DECLS
