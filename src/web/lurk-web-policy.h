/* lurk-web-policy.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * LurkWebPolicy:
 * @LURK_WEB_POLICY_ALLOW: the embed may go there
 * @LURK_WEB_POLICY_OPEN_IN_BROWSER: not in Lurk: hand the URL to the user's browser
 * @LURK_WEB_POLICY_DENY: nowhere (file:, data:, javascript:, foreign frames…)
 */
typedef enum
{
  LURK_WEB_POLICY_ALLOW,
  LURK_WEB_POLICY_OPEN_IN_BROWSER,
  LURK_WEB_POLICY_DENY,
} LurkWebPolicy;

LurkWebPolicy lurk_web_policy_decide          (const char *uri,
                                               gboolean    is_main_frame,
                                               const char *sim_origin);
gboolean      lurk_web_policy_is_sign_in_uri  (const char *uri,
                                               const char *sim_origin);
const char   *lurk_web_policy_to_string       (LurkWebPolicy policy);

G_END_DECLS
