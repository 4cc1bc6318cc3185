/* lurk-http-util.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

GBytes *_lurk_http_send_and_read_finish (SoupSession   *session,
                                         GAsyncResult  *result,
                                         GError       **error);

G_END_DECLS
