/* lurk-test-browser.h: a WebKit window standing in for the user's browser in sign-in tests
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

typedef struct
{
  GtkWindow     *window;        /* NULL until the app opens a page */
  WebKitWebView *view;
  char          *launched_uri;  /* the last page the app opened */
  guint          n_launched;
} LurkTestBrowser;

/* A URI launcher for lurk_login_window_set_uri_launcher() with @user_data a LurkTestBrowser:
 * opens @uri in one ephemeral web view, as a browser would in a tab. */
static inline void
lurk_test_browser_launch (GtkWindow  *parent,
                          const char *uri,
                          gpointer    user_data)
{
  LurkTestBrowser *browser = user_data;

  g_free (browser->launched_uri);
  browser->launched_uri = g_strdup (uri);
  browser->n_launched++;

  if (browser->window == NULL)
    {
      g_autoptr(WebKitNetworkSession) network = webkit_network_session_new_ephemeral ();

      browser->window = GTK_WINDOW (gtk_window_new ());
      gtk_window_set_default_size (browser->window, 800, 600);
      browser->view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "network-session", network, NULL);
      gtk_window_set_child (browser->window, GTK_WIDGET (browser->view));
      gtk_window_present (browser->window);
    }

  webkit_web_view_load_uri (browser->view, uri);
}

/* Closes the window, if any. */
static inline void
lurk_test_browser_close (LurkTestBrowser *browser)
{
  if (browser->window != NULL)
    gtk_window_destroy (browser->window);
  browser->window = NULL;
  browser->view = NULL;
}

/* Closes the window and forgets what was opened. */
static inline void
lurk_test_browser_clear (LurkTestBrowser *browser)
{
  lurk_test_browser_close (browser);
  g_clear_pointer (&browser->launched_uri, g_free);
  browser->n_launched = 0;
}

G_END_DECLS
