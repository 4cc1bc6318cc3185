/* lurk-oauth-client.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lurk-oauth.h"

G_BEGIN_DECLS

/* The HTTP side of lurk-oauth: each call sends one request to the ID endpoints and hands the
 * answer to the pure parser in lurk-oauth.c. Network failures are LURK_ERROR_NETWORK. */

void                 lurk_oauth_validate_async            (SoupSession          *session,
                                                           const char           *id_url,
                                                           const char           *access_token,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
LurkOAuthValidation *lurk_oauth_validate_finish           (GAsyncResult         *result,
                                                           GError              **error);

void                 lurk_oauth_refresh_async             (SoupSession          *session,
                                                           const char           *id_url,
                                                           const char           *client_id,
                                                           const char           *refresh_token,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
LurkOAuthToken      *lurk_oauth_refresh_finish            (GAsyncResult         *result,
                                                           GError              **error);

void                 lurk_oauth_revoke_async              (SoupSession          *session,
                                                           const char           *id_url,
                                                           const char           *client_id,
                                                           const char           *access_token,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             lurk_oauth_revoke_finish             (GAsyncResult         *result,
                                                           GError              **error);

void                 lurk_oauth_request_device_code_async (SoupSession          *session,
                                                           const char           *id_url,
                                                           const char           *client_id,
                                                           const char * const   *scopes,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
LurkDeviceCode      *lurk_oauth_request_device_code_finish (GAsyncResult        *result,
                                                           GError              **error);

void                 lurk_oauth_poll_device_token_async   (SoupSession          *session,
                                                           const char           *id_url,
                                                           const char           *client_id,
                                                           const char * const   *scopes,
                                                           const char           *device_code,
                                                           GCancellable         *cancellable,
                                                           GAsyncReadyCallback   callback,
                                                           gpointer              user_data);
gboolean             lurk_oauth_poll_device_token_finish  (GAsyncResult         *result,
                                                           guint                *status,
                                                           GBytes              **body,
                                                           GError              **error);

G_END_DECLS
