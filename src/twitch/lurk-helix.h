/* lurk-helix.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Helix (https://api.twitch.tv/helix) data, as Lurk uses it. Strings are never NULL for the
 * fields Twitch always sends (id, login...); optional ones may be NULL. */

typedef struct
{
  char *id;
  char *login;
  char *display_name;
  char *type;
  char *broadcaster_type;
  char *description;
  char *profile_image_url;
  char *offline_image_url;
  char *created_at;
} LurkHelixUser;

typedef struct
{
  char   *id;
  char   *user_id;
  char   *user_login;
  char   *user_name;
  char   *game_id;
  char   *game_name;
  char   *type;          /* "live" */
  char   *title;
  char  **tags;          /* never NULL */
  gint64  viewer_count;
  char   *started_at;
  char   *language;
  char   *thumbnail_url;
} LurkHelixStream;

typedef struct
{
  char       *id;
  char       *status;      /* "enabled", "websocket_disconnected"... */
  char       *type;
  char       *version;
  JsonObject *condition;   /* never NULL */
  char       *created_at;
  char       *transport_method;
  char       *session_id;  /* transport.session_id, or NULL */
  gint64      cost;
  /* from the response envelope */
  gint64      total;
  gint64      total_cost;
  gint64      max_total_cost;
} LurkHelixSubscription;

typedef struct
{
  GPtrArray *subscriptions; /* of LurkHelixSubscription */
  gint64     total;
  gint64     total_cost;
  gint64     max_total_cost;
  char      *cursor;        /* pagination.cursor, or NULL on the last page */
} LurkHelixSubscriptionList;

void lurk_helix_user_free              (LurkHelixUser             *user);
void lurk_helix_stream_free            (LurkHelixStream           *stream);
void lurk_helix_subscription_free      (LurkHelixSubscription     *subscription);
void lurk_helix_subscription_list_free (LurkHelixSubscriptionList *list);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkHelixUser, lurk_helix_user_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkHelixStream, lurk_helix_stream_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkHelixSubscription, lurk_helix_subscription_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LurkHelixSubscriptionList, lurk_helix_subscription_list_free)

/* Pure response parsers, from a response body to data or a LURK_ERROR_MALFORMED error (no
 * network, no state: the fuzz targets call these). */
GPtrArray                 *lurk_helix_parse_users         (const char  *data,
                                                           gsize        length,
                                                           GError     **error);
GPtrArray                 *lurk_helix_parse_streams       (const char  *data,
                                                           gsize        length,
                                                           GError     **error);
GPtrArray                 *lurk_helix_parse_channels      (const char  *data,
                                                           gsize        length,
                                                           GError     **error);
LurkHelixSubscriptionList *lurk_helix_parse_subscriptions (const char  *data,
                                                           gsize        length,
                                                           GError     **error);
/* The GError for a non-2xx answer: LURK_ERROR_BAD_REQUEST (400), UNAUTHORIZED (401),
 * FORBIDDEN (403), NOT_FOUND (404), CONFLICT (409), GONE (410), RATE_LIMITED or
 * COST_EXCEEDED (429; cost and per-connection limits), SERVER (5xx), FAILED (others), with
 * Twitch's `message` in the text. */
GError                    *lurk_helix_error_from_response (guint        status,
                                                           const char  *data,
                                                           gsize        length);

/* A condition object from NULL-terminated key/value pairs (NULL values skipped). */
JsonObject                *lurk_helix_condition_new       (const char  *first_key,
                                                           ...) G_GNUC_NULL_TERMINATED;

#define LURK_TYPE_HELIX (lurk_helix_get_type ())

G_DECLARE_FINAL_TYPE (LurkHelix, lurk_helix, LURK, HELIX, GObject)

/* @session: the SoupSession of the thread that will use this client (one per app/thread).
 * @base_url: the Helix base URL, or NULL for lurk_endpoints_dup_helix_url().
 * Every request sends `Client-Id` and `Authorization: Bearer`; the token is never logged.
 * A 429 with an empty rate-limit bucket waits until `Ratelimit-Reset` (at most
 * max-rate-limit-wait seconds, cancellable) and retries; a 503 is retried once.
 * Use it from the thread whose thread-default main context was current at creation. */
LurkHelix   *lurk_helix_new                        (SoupSession  *session,
                                                    const char   *base_url,
                                                    const char   *client_id,
                                                    const char   *access_token);
const char  *lurk_helix_get_base_url               (LurkHelix    *self);
void         lurk_helix_set_client_id              (LurkHelix    *self,
                                                    const char   *client_id);
char        *lurk_helix_dup_client_id              (LurkHelix    *self);
void         lurk_helix_set_access_token           (LurkHelix    *self,
                                                    const char   *access_token);
/* default 60 s; a longer Ratelimit-Reset fails at once with LURK_ERROR_RATE_LIMITED */
void         lurk_helix_set_max_rate_limit_wait    (LurkHelix    *self,
                                                    guint         seconds);

/* GET /users?login=…&id=… (at most 100 in all). Unknown logins are simply absent.
 * Result: GPtrArray of LurkHelixUser (transfer full). */
void         lurk_helix_get_users_async            (LurkHelix           *self,
                                                    const char * const  *logins,
                                                    const char * const  *ids,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray   *lurk_helix_get_users_finish           (LurkHelix           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* One user by login: LURK_ERROR_NOT_FOUND when Twitch does not know it. */
void         lurk_helix_get_user_async             (LurkHelix           *self,
                                                    const char          *login,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LurkHelixUser *lurk_helix_get_user_finish          (LurkHelix           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* GET /users without parameters: the token's own user. */
void         lurk_helix_get_self_async             (LurkHelix           *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LurkHelixUser *lurk_helix_get_self_finish          (LurkHelix           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
/* GET /streams?user_login= or ?user_id= (give one). TRUE with *stream = NULL when offline. */
void         lurk_helix_get_stream_async           (LurkHelix           *self,
                                                    const char          *user_login,
                                                    const char          *user_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     lurk_helix_get_stream_finish          (LurkHelix           *self,
                                                    GAsyncResult        *result,
                                                    LurkHelixStream    **stream,
                                                    GError             **error);
void         lurk_helix_get_channel_async          (LurkHelix           *self,
                                                    const char          *broadcaster_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     lurk_helix_get_channel_finish         (LurkHelix           *self,
                                                    GAsyncResult        *result,
                                                    LurkHelixStream    **channel,
                                                    GError             **error);
/* POST /eventsub/subscriptions with the websocket transport. @condition is not modified. */
void         lurk_helix_create_subscription_async  (LurkHelix           *self,
                                                    const char          *type,
                                                    const char          *version,
                                                    JsonObject          *condition,
                                                    const char          *session_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LurkHelixSubscription *lurk_helix_create_subscription_finish (LurkHelix     *self,
                                                              GAsyncResult  *result,
                                                              GError       **error);
/* GET /eventsub/subscriptions. At most one filter of @status, @type, @user_id,
 * @subscription_id (Twitch treats them as exclusive). @after: a cursor, or NULL for the first
 * page. With @all_pages, follows the cursor (up to 100 pages) and returns everything. */
void         lurk_helix_list_subscriptions_async   (LurkHelix           *self,
                                                    const char          *status,
                                                    const char          *type,
                                                    const char          *user_id,
                                                    const char          *subscription_id,
                                                    const char          *after,
                                                    gboolean             all_pages,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
LurkHelixSubscriptionList *lurk_helix_list_subscriptions_finish (LurkHelix     *self,
                                                                 GAsyncResult  *result,
                                                                 GError       **error);
/* DELETE /eventsub/subscriptions?id= (204). LURK_ERROR_NOT_FOUND when unknown. */
void         lurk_helix_delete_subscription_async  (LurkHelix           *self,
                                                    const char          *id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean     lurk_helix_delete_subscription_finish (LurkHelix           *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
