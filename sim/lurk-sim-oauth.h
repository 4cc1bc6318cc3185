/* lurk-sim-oauth.h: the simulator's OAuth area (clients, tokens, refresh tokens, device codes)
 *
 * lurk-sim-oauth.c serves /oauth2/ and keeps the state; lurk-sim-pages.c draws its HTML
 * pages (the consent page and /activate).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-sim-world.h"

G_BEGIN_DECLS

typedef struct _LurkSimOAuth LurkSimOAuth;

/* Every token of a client and user was revoked (a spent refresh token sent again). */
typedef void (*LurkSimRevokedFunc) (const char *client_id,
                                    const char *user_id,
                                    gpointer    data);

typedef struct
{
  char *access_token;
  char *client_id;
  char *user_id;
  char **scopes;
  gint64 expires_at;      /* real time, µs */
  gboolean revoked;
} LurkSimToken;

/* Holds the world for users and the clock; pre-issues the seeded tokens. */
LurkSimOAuth *_lurk_sim_oauth_new               (LurkSimWorld      *world);
void          _lurk_sim_oauth_free              (LurkSimOAuth      *self);
/* Forgets every token and device code and pre-issues the seeded tokens again; clients stay. */
void          _lurk_sim_oauth_reset             (LurkSimOAuth      *self);
/* A public client, or one more redirect URI for a client of either type. */
void          _lurk_sim_oauth_add_client        (LurkSimOAuth      *self,
                                                 const char        *client_id,
                                                 const char        *redirect_uri);
/* A confidential client with its secret, or one more redirect URI for it. */
void          _lurk_sim_oauth_add_confidential_client (LurkSimOAuth *self,
                                                 const char        *client_id,
                                                 const char        *client_secret,
                                                 const char        *redirect_uri);
gboolean      _lurk_sim_oauth_has_client        (LurkSimOAuth      *self,
                                                 const char        *client_id);
/* Who hears of a revoked authorization (lurk-sim.c: the EventSub area). */
void          _lurk_sim_oauth_set_revoked_func  (LurkSimOAuth      *self,
                                                 LurkSimRevokedFunc func,
                                                 gpointer           data);
/* /sim/oauth/lose: the next `count` calls to /oauth2/path are carried out but their answer
 * is lost (the connection closes before it). */
void          _lurk_sim_oauth_lose              (LurkSimOAuth      *self,
                                                 const char        *path,
                                                 guint              count);

LurkSimToken *_lurk_sim_token_issue             (LurkSimOAuth      *self,
                                                 const char        *client_id,
                                                 const char        *user_id,
                                                 const char *const *scopes,
                                                 const char        *access_token,
                                                 gboolean           with_refresh,
                                                 char             **refresh_token);
/* NULL unless the token is known, unrevoked and unexpired. */
LurkSimToken *_lurk_sim_token_lookup            (LurkSimOAuth      *self,
                                                 const char        *access_token);
gboolean      _lurk_sim_token_has_scope         (LurkSimToken      *token,
                                                 const char        *scope);
JsonObject   *_lurk_sim_token_to_json           (LurkSimOAuth      *self,
                                                 LurkSimToken      *token);
/* Every access token issued, as /sim/tokens lists them. */
JsonArray    *_lurk_sim_oauth_tokens_to_json    (LurkSimOAuth      *self);
/* Expires (or revokes) one access token, or all with NULL; returns how many. */
guint         _lurk_sim_oauth_tokens_change     (LurkSimOAuth      *self,
                                                 const char        *access_token,
                                                 gboolean           revoke);

void          _lurk_sim_handle_oauth            (LurkSimOAuth      *self,
                                                 SoupServerMessage *msg,
                                                 const char        *path);
gboolean      _lurk_sim_device_decide           (LurkSimOAuth      *self,
                                                 const char        *user_code,
                                                 const char        *login,
                                                 gboolean           approve,
                                                 GError           **error);
GHashTable   *_lurk_sim_read_params             (SoupServerMessage *msg);
/* The pure parts of the OAuth handlers (bytes in, result out; tests/fuzz feeds them). */
GHashTable   *_lurk_sim_oauth_parse_params      (const char        *query,
                                                 const char        *method,
                                                 const char        *content_type,
                                                 const char        *body,
                                                 gsize              length);
char        **_lurk_sim_oauth_parse_scopes      (const char        *text,
                                                 char             **bad);
const char   *_lurk_sim_oauth_parse_authorization (const char      *authorization);

/* lurk-sim-pages.c */
void          _lurk_sim_consent_page            (LurkSimWorld      *world,
                                                 SoupServerMessage *msg,
                                                 GHashTable        *params,
                                                 char             **scopes);
void          _lurk_sim_handle_activate         (LurkSimOAuth      *oauth,
                                                 LurkSimWorld      *world,
                                                 SoupServerMessage *msg);

G_END_DECLS
