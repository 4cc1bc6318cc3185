/* lurk-oauth-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Shared by lurk-oauth.c and lurk-oauth-parse.c (and the sanitizer by lurk-helix-parse.c) */
void      _lurk_oauth_form_add         (GString    *form,
                                        const char *key,
                                        const char *value);
gboolean  _lurk_oauth_is_token_like    (const char *value,
                                        gsize       max_length);
char     *_lurk_oauth_sanitize_message (const char *text);

G_END_DECLS
