/* lurk-sim-http.h: what every area of the simulator uses to read requests and reply
 *
 * No state: the areas (world, OAuth, Helix, EventSub, embeds, control) each keep their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* libsoup 3.2 has no name for it. */
#define LURK_SIM_STATUS_TOO_MANY_REQUESTS 429

void          _lurk_sim_source_clear            (GSource          **source);
char         *_lurk_sim_rfc3339                 (gint64             real_us);
char         *_lurk_sim_now_rfc3339             (void);
/* Now, offset_seconds away, to the nanosecond */
char         *_lurk_sim_now_rfc3339_offset      (gint64             offset_seconds);

void          _lurk_sim_reply_json              (SoupServerMessage *msg,
                                                 guint              status,
                                                 JsonNode          *node);
void          _lurk_sim_reply_object            (SoupServerMessage *msg,
                                                 guint              status,
                                                 JsonObject        *object);
/* Twitch's error shape: {"error":"Bad Request","status":400,"message":"…"} */
void          _lurk_sim_reply_error             (SoupServerMessage *msg,
                                                 guint              status,
                                                 const char        *message);
void          _lurk_sim_reply_text              (SoupServerMessage *msg,
                                                 guint              status,
                                                 const char        *content_type,
                                                 const char        *text);
char         *_lurk_sim_object_to_string        (JsonObject        *object);
/* A string member of object (NULL for none): NULL when missing or not a string. */
const char   *_lurk_sim_json_string             (JsonObject        *object,
                                                 const char        *key);
JsonObject   *_lurk_sim_parse_body              (SoupServerMessage *msg,
                                                 GError           **error);
GHashTable   *_lurk_sim_parse_query_multi       (SoupServerMessage *msg);
/* The pure parts of the two above (bytes in, result out), which tests/fuzz feeds directly. */
JsonObject   *_lurk_sim_parse_json_object       (const char        *data,
                                                 gsize              len,
                                                 GError           **error);
GHashTable   *_lurk_sim_parse_query_string      (const char        *query);

G_END_DECLS
