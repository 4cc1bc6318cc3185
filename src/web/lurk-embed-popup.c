/* lurk-embed-popup.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-embed-popup"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-embed-popup.h"
#include "lurk-web-engine.h"

/*
 * The one window an embed may open: Twitch's sign-in, from the chat embed, so the user can
 * chat. A small Lurk window with a web view related to the chat's (same web process, same
 * network session: the cookies it sets are the chat's), held to the same navigation rules
 * (lurk_web_connect_policy()). It closes when the page calls window.close().
 */

struct _LurkEmbedPopup
{
  AdwWindow      parent_instance;

  WebKitWebView *web_view;
};

G_DEFINE_FINAL_TYPE (LurkEmbedPopup, lurk_embed_popup, ADW_TYPE_WINDOW)

static void
title_changed_cb (LurkEmbedPopup *self)
{
  const char *title = webkit_web_view_get_title (self->web_view);

  gtk_window_set_title (GTK_WINDOW (self),
                        title != NULL && title[0] != '\0' ? title : _("Sign in to Twitch"));
}

static void
lurk_embed_popup_class_init (LurkEmbedPopupClass *klass)
{
}

static void
lurk_embed_popup_init (LurkEmbedPopup *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);
  gtk_window_set_title (GTK_WINDOW (self), _("Sign in to Twitch"));
}

static void
ready_to_show_cb (WebKitWebView *web_view,
                  GtkWindow     *window)
{
  gtk_window_present (window);
}

static void
close_cb (WebKitWebView *web_view,
          GtkWindow     *window)
{
  gtk_window_destroy (window);
}

/**
 * lurk_embed_popup_create_view:
 * @related_view: the view whose page asked for the window
 * @parent: (nullable): the window to stay on top of
 *
 * For WebKitWebView::create: a new view in a new popup window, shown when the page is
 * ready.
 *
 * Returns: (transfer none): the popup's web view
 */
WebKitWebView *
lurk_embed_popup_create_view (WebKitWebView *related_view,
                              GtkWindow     *parent)
{
  LurkEmbedPopup *self;
  GtkWidget *box;
  GtkWidget *header;

  g_return_val_if_fail (WEBKIT_IS_WEB_VIEW (related_view), NULL);

  self = g_object_new (LURK_TYPE_EMBED_POPUP,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       NULL);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "related-view", related_view,
                                 "settings", lurk_web_get_settings (),
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  lurk_web_connect_policy (self->web_view);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->web_view));
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_object (self->web_view, "notify::title", G_CALLBACK (title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->web_view, "ready-to-show", G_CALLBACK (ready_to_show_cb), self,
                           0);
  g_signal_connect_object (self->web_view, "close", G_CALLBACK (close_cb), self, 0);

  return self->web_view;
}
