/* sim-test-util.h: a lurk-sim in its own thread, and small HTTP and WebSocket clients
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-sim.h"
#include "lurk-test-wait.h"

G_BEGIN_DECLS

/* Server timers run at this fraction of their length: 10 s windows take 200 ms. */
#define TEST_TIME_SCALE 0.02

typedef struct
{
  LurkSim *sim;
  SoupSession *session;
  const char *url;
} Fixture;

typedef struct
{
  guint status;
  JsonNode *root;
  SoupMessageHeaders *headers;
  char *body;
} Reply;

typedef struct
{
  SoupWebsocketConnection *conn;
  GQueue messages;          /* JsonObject, oldest first */
  gboolean closed;
  gushort close_code;
  char *session_id;
} Ws;

void        fixture_setup          (Fixture    *f,
                                    gconstpointer data);
void        fixture_teardown       (Fixture    *f,
                                    gconstpointer data);

void        reply_clear            (Reply      *reply);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reply, reply_clear)

/* Synchronous HTTP to the simulator; body is JSON (or form when it starts with "form:"). */
void        http                   (Fixture    *f,
                                    Reply      *reply,
                                    const char *method,
                                    const char *path,
                                    const char *token,
                                    const char *client_id,
                                    const char *body);
/* The same, with the demo viewer's token and client. */
void        helix                  (Fixture    *f,
                                    Reply      *reply,
                                    const char *method,
                                    const char *path,
                                    const char *body);
JsonObject *reply_object           (Reply      *reply);
JsonObject *reply_first_data       (Reply      *reply);
void        control                (Fixture    *f,
                                    const char *path,
                                    const char *body);

Ws         *ws_connect             (Fixture    *f,
                                    const char *url_or_query);
void        ws_free                (Ws         *ws);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Ws, ws_free)
/* The next message (ownership to caller), or NULL on close or timeout. The timeouts of
 * ws_next(), ws_next_of_type() and ws_wait_closed() are stretched by LURK_TEST_SLOWDOWN
 * (valgrind, sanitizers); where a test expects NULL (silence), that only lengthens the
 * silence it asserts. ws_pump() is not stretched: "still open after N ms" keeps its N. */
JsonObject *ws_next                (Ws         *ws,
                                    guint       timeout_ms);
JsonObject *ws_next_of_type        (Ws         *ws,
                                    const char *message_type,
                                    guint       timeout_ms);
gboolean    ws_wait_closed         (Ws         *ws,
                                    guint       timeout_ms);
void        ws_pump                (guint       ms);

/* Subscribes the demo viewer's session; returns the HTTP status (and the id). */
guint       subscribe              (Fixture    *f,
                                    const char *token,
                                    const char *session_id,
                                    const char *type,
                                    const char *version,
                                    const char *condition_json,
                                    char      **id);
const char *message_type_of        (JsonObject *message);
JsonObject *event_of               (JsonObject *message);

G_END_DECLS
