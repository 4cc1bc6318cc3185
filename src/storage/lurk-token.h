/* lurk-token.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lurk-oauth.h" /* lurk_secret_free(), for lurk_token_to_json()'s result */

G_BEGIN_DECLS

#define LURK_TYPE_TOKEN (lurk_token_get_type ())

G_DECLARE_FINAL_TYPE (LurkToken, lurk_token, LURK, TOKEN, GObject)

/* A signed-in Twitch user's credentials, as kept in the keyring: one JSON secret per user id.
 * The access and refresh tokens are secrets: never log them, never put them in settings,
 * files, URLs or command lines. Their memory is wiped when replaced or finalized. */

LurkToken          *lurk_token_new                   (const char          *user_id,
                                                      const char          *login,
                                                      const char          *client_id,
                                                      const char          *access_token);
LurkToken          *lurk_token_new_from_json         (const char          *json,
                                                      GError             **error);
char               *lurk_token_to_json               (LurkToken           *self);
LurkToken          *lurk_token_copy                  (LurkToken           *self);

const char         *lurk_token_get_user_id           (LurkToken           *self);
const char         *lurk_token_get_login             (LurkToken           *self);
void                lurk_token_set_login             (LurkToken           *self,
                                                      const char          *login);
const char         *lurk_token_get_display_name      (LurkToken           *self);
void                lurk_token_set_display_name      (LurkToken           *self,
                                                      const char          *display_name);
const char         *lurk_token_get_profile_image_url (LurkToken           *self);
void                lurk_token_set_profile_image_url (LurkToken           *self,
                                                      const char          *url);
const char         *lurk_token_get_client_id         (LurkToken           *self);
const char         *lurk_token_get_access_token      (LurkToken           *self);
void                lurk_token_set_access_token      (LurkToken           *self,
                                                      const char          *access_token);
const char         *lurk_token_get_refresh_token     (LurkToken           *self);
void                lurk_token_set_refresh_token     (LurkToken           *self,
                                                      const char          *refresh_token);
const char * const *lurk_token_get_scopes            (LurkToken           *self);
void                lurk_token_set_scopes            (LurkToken           *self,
                                                      const char * const  *scopes);
gboolean            lurk_token_has_scope             (LurkToken           *self,
                                                      const char          *scope);
/* Seconds since the epoch; 0 when unknown. */
gint64              lurk_token_get_expires_at        (LurkToken           *self);
void                lurk_token_set_expires_at        (LurkToken           *self,
                                                      gint64               expires_at);
gboolean            lurk_token_is_expired            (LurkToken           *self,
                                                      gint64               now);

G_END_DECLS
