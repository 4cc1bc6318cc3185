/* test-signin-device.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-device-flow.h"
#include "lurk-error.h"
#include "lurk-oauth-client.h"
#include "lurk-sim.h"
#include "lurk-test-http.h"
#include "lurk-test-sim.h"

/* The device code sign-in against lurk-sim: approve, deny; and expiry against a tiny server
 * that answers like Twitch with a short-lived code (lurk-sim's codes live 30 minutes). */

typedef struct
{
  LurkSim     *sim;
  SoupSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->sim = lurk_test_sim_start ();
  f->session = soup_session_new_with_options ("timeout", 10, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  lurk_sim_stop (f->sim);
  g_clear_object (&f->sim);
}

/* {sim}/sim/<path>: GET, or POST with a JSON body; runs the main loop until answered. */
static guint
control (Fixture    *f,
         const char *path,
         const char *json)
{
  g_autofree char *url = g_strconcat (lurk_sim_get_url (f->sim), path, NULL);

  return lurk_test_http_iterate (f->session, json != NULL ? "POST" : "GET", url, json, NULL);
}

typedef struct
{
  Fixture        *f;
  const char     *decision;   /* "approve", "deny" or NULL */
  LurkOAuthToken *token;
  GError         *error;
  gboolean        done;
  guint           polls_seen;
} Run;

static void
on_user_code (LurkDeviceFlow *flow,
              GParamSpec     *pspec,
              Run            *run)
{
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  const char *code = lurk_device_flow_get_user_code (flow);

  g_assert_nonnull (code);
  g_assert_cmpuint (strlen (code), ==, 8);

  if (run->decision == NULL)
    return;

  g_assert_true (g_str_has_prefix (lurk_device_flow_get_verification_uri (flow),
                                   lurk_sim_get_url (run->f->sim)));

  /* The user enters the code on the activation page and decides. */
  json = g_strdup_printf ("{\"user_code\":\"%s\",\"login\":\"lurkdemo\"}", code);
  path = g_strconcat ("/sim/device/", run->decision, NULL);
  g_assert_cmpuint (control (run->f, path, json), ==, 200);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->token = lurk_device_flow_run_finish (LURK_DEVICE_FLOW (object), result, &run->error);
  run->done = TRUE;
}

static LurkDeviceFlow *
run_flow (Fixture    *f,
          Run        *run,
          const char *id_url)
{
  const char *scopes[] = { "user:read:chat", NULL };
  LurkDeviceFlow *flow = lurk_device_flow_new (f->session, id_url, "lurk-sim-client", scopes);

  g_signal_connect (flow, "notify::user-code", G_CALLBACK (on_user_code), run);
  lurk_device_flow_run_async (flow, NULL, on_done, run);
  g_assert_cmpint (lurk_device_flow_get_state (flow), ==, LURK_DEVICE_FLOW_REQUESTING);

  while (!run->done)
    g_main_context_iteration (NULL, TRUE);

  return flow;
}

typedef struct
{
  LurkOAuthValidation *validation;
  GError              *error;
  gboolean             done;
} Validate;

static void
on_validated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Validate *v = user_data;

  v->validation = lurk_oauth_validate_finish (result, &v->error);
  v->done = TRUE;
}

static void
test_approve (Fixture       *f,
              gconstpointer  data)
{
  Run run = { f, "approve" };
  g_autoptr(LurkDeviceFlow) flow = NULL;
  Validate v = { 0 };
  gint64 start = g_get_monotonic_time ();

  flow = run_flow (f, &run, lurk_sim_get_url (f->sim));

  g_assert_no_error (run.error);
  g_assert_nonnull (run.token);
  g_assert_cmpint (lurk_device_flow_get_state (flow), ==, LURK_DEVICE_FLOW_SUCCEEDED);
  g_assert_nonnull (run.token->refresh_token);
  g_assert_true (g_strv_contains ((const char * const *) run.token->scopes, "user:read:chat"));
  /* The first poll waited for Twitch's interval (5 s at lurk-sim), never sooner. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=,
                   (gint64) lurk_device_flow_get_interval (flow) * G_USEC_PER_SEC);

  lurk_oauth_validate_async (f->session, lurk_sim_get_url (f->sim), run.token->access_token,
                             NULL, on_validated, &v);
  while (!v.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (v.error);
  g_assert_cmpstr (v.validation->login, ==, "lurkdemo");
  g_assert_cmpstr (v.validation->client_id, ==, "lurk-sim-client");

  lurk_oauth_validation_free (v.validation);
  lurk_oauth_token_free (run.token);
}

static void
test_deny (Fixture       *f,
           gconstpointer  data)
{
  Run run = { f, "deny" };
  g_autoptr(LurkDeviceFlow) flow = run_flow (f, &run, lurk_sim_get_url (f->sim));

  g_assert_null (run.token);
  g_assert_error (run.error, LURK_ERROR, LURK_ERROR_ACCESS_DENIED);
  g_assert_cmpint (lurk_device_flow_get_state (flow), ==, LURK_DEVICE_FLOW_DENIED);
  g_clear_error (&run.error);
}

static void
on_cancel_code (LurkDeviceFlow *flow,
                GParamSpec     *pspec,
                GCancellable   *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  const char *scopes[] = { "user:read:chat", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LurkDeviceFlow) flow = lurk_device_flow_new (f->session, lurk_sim_get_url (f->sim),
                                                         "lurk-sim-client", scopes);
  Run run = { f, NULL };
  gint64 start = g_get_monotonic_time ();

  g_signal_connect (flow, "notify::user-code", G_CALLBACK (on_cancel_code), cancellable);
  lurk_device_flow_run_async (flow, cancellable, on_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  /* Cancel ends the wait at once, not at the next poll. */
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (lurk_device_flow_get_state (flow), ==, LURK_DEVICE_FLOW_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&run.error);
}

/* A Twitch stand-in whose code lives 2 s; polls get authorization_pending, then
 * "invalid device code" once expired. */
typedef struct
{
  gint64 issued;
  guint  polls;
  gint64 last_poll;
  gint64 min_gap;
} ShortServer;

static void
short_server_cb (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  ShortServer *s = user_data;
  const char *answer;
  guint status = 400;
  gint64 now = g_get_monotonic_time ();

  if (g_str_equal (path, "/oauth2/device"))
    {
      s->issued = now;
      status = 200;
      answer = "{\"device_code\":\"dev\",\"expires_in\":2,\"interval\":1,\"user_code\":"
               "\"ABCDEFGH\",\"verification_uri\":\"http://127.0.0.1:9/activate\"}";
    }
  else
    {
      if (s->last_poll != 0)
        s->min_gap = MIN (s->min_gap, now - s->last_poll);
      s->last_poll = now;
      s->polls++;
      answer = now - s->issued < 2 * G_USEC_PER_SEC
               ? "{\"status\":400,\"message\":\"authorization_pending\"}"
               : "{\"status\":400,\"message\":\"invalid device code\"}";
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, answer,
                                    strlen (answer));
}

static void
test_expire (Fixture       *f,
             gconstpointer  data)
{
  guint port;
  g_autoptr(SoupServer) server = lurk_test_server_new (&port);
  ShortServer s = { 0, 0, 0, G_MAXINT64 };
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_autoptr(LurkDeviceFlow) flow = NULL;
  Run run = { f, NULL };

  soup_server_add_handler (server, NULL, short_server_cb, &s, NULL);

  flow = run_flow (f, &run, url);

  g_assert_null (run.token);
  g_assert_error (run.error, LURK_ERROR, LURK_ERROR_EXPIRED);
  g_assert_cmpint (lurk_device_flow_get_state (flow), ==, LURK_DEVICE_FLOW_EXPIRED);
  /* Polled at the interval (1 s), never faster, and stopped at expiry. */
  g_assert_cmpuint (s.polls, >=, 1);
  g_assert_cmpuint (s.polls, <=, 2);
  if (s.polls > 1)
    g_assert_cmpint (s.min_gap, >=, 900 * 1000);
  g_clear_error (&run.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lurk/signin/device/approve", Fixture, NULL, fixture_set_up, test_approve,
              fixture_tear_down);
  g_test_add ("/lurk/signin/device/deny", Fixture, NULL, fixture_set_up, test_deny,
              fixture_tear_down);
  g_test_add ("/lurk/signin/device/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/lurk/signin/device/expire", Fixture, NULL, fixture_set_up, test_expire,
              fixture_tear_down);

  return g_test_run ();
}
