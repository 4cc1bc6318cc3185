/* lurk-error.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LURK_ERROR (lurk_error_quark ())

/**
 * LurkError:
 *
 * The one error domain of Lurk. Each failure a user or a script may have to tell apart has
 * its own code; context is added with g_prefix_error().
 */
typedef enum
{
  LURK_ERROR_FAILED,             /* anything not listed below */
  LURK_ERROR_INVALID_LOGIN,      /* a streamer name that cannot be a Twitch login */
  LURK_ERROR_NETWORK,            /* no route, DNS, TLS, connection refused or lost */
  LURK_ERROR_UNAUTHORIZED,       /* 401: token missing, expired, revoked, wrong client id */
  LURK_ERROR_FORBIDDEN,          /* 403: missing scope or not allowed for this user */
  LURK_ERROR_NOT_FOUND,          /* 404, or an unknown login */
  LURK_ERROR_CONFLICT,           /* 409: the subscription exists already */
  LURK_ERROR_GONE,               /* 410: type or version removed */
  LURK_ERROR_RATE_LIMITED,       /* 429 */
  LURK_ERROR_SERVER,             /* 5xx */
  LURK_ERROR_BAD_REQUEST,        /* 400 */
  LURK_ERROR_MALFORMED,          /* a response or message we cannot parse */
  LURK_ERROR_COST_EXCEEDED,      /* EventSub cost budget or connection limits */
  LURK_ERROR_STATE_MISMATCH,     /* OAuth state missing or wrong */
  LURK_ERROR_ACCESS_DENIED,      /* the user refused authorization */
  LURK_ERROR_EXPIRED,            /* a device code or token expired */
  LURK_ERROR_NO_CLIENT_ID,       /* no Twitch client ID configured */
  LURK_ERROR_KEYRING,            /* no Secret Service, locked keyring */
  LURK_ERROR_STORE,              /* the event store cannot be read or written */
  LURK_ERROR_STORE_CORRUPT,      /* the event store file is not a usable database */
  LURK_ERROR_STORE_FULL,         /* disk full */
  LURK_ERROR_SESSION_GONE,       /* EventSub: the WebSocket session named is gone */
} LurkError;

GQuark lurk_error_quark (void);

G_END_DECLS
