/* lurk-redirect-server.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lurk-oauth.h"

G_BEGIN_DECLS

#define LURK_TYPE_REDIRECT_SERVER (lurk_redirect_server_get_type ())

G_DECLARE_FINAL_TYPE (LurkRedirectServer, lurk_redirect_server, LURK, REDIRECT_SERVER, GObject)

LurkRedirectServer *lurk_redirect_server_new              (guint                port,
                                                           const char          *expected_state);
void                lurk_redirect_server_set_timeouts     (LurkRedirectServer  *self,
                                                           guint                request_seconds,
                                                           guint                sign_in_seconds);
gboolean            lurk_redirect_server_start            (LurkRedirectServer  *self,
                                                           GError             **error);
void                lurk_redirect_server_stop             (LurkRedirectServer  *self);
gboolean            lurk_redirect_server_is_listening     (LurkRedirectServer  *self);
guint               lurk_redirect_server_get_port         (LurkRedirectServer  *self);
char               *lurk_redirect_server_dup_redirect_uri (LurkRedirectServer  *self);
guint               lurk_redirect_server_get_n_rejected   (LurkRedirectServer  *self);
void                lurk_redirect_server_wait_async       (LurkRedirectServer  *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
LurkOAuthToken     *lurk_redirect_server_wait_finish      (LurkRedirectServer  *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
