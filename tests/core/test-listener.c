/* test-listener.c: the background listener against lurk-sim, fault by fault
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lurk-sim runs in a thread of its own on 127.0.0.1:0; the listener runs its worker thread;
 * the test thread is the listener's owner (the "UI thread") and drives the simulator through
 * its /sim control API with synchronous HTTP calls.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "lurk-test-sim.h"
#include "lurk-error.h"
#include "lurk-event-store.h"
#include "lurk-event-store-private.h"
#include "lurk-listener.h"
#include "lurk-listener-private.h"
#include "lurk-sim.h"
#include "lurk-test-full-disk.h"
#include "lurk-test-wait.h"

#define OTHER_BROADCASTER_ID "90000101"

typedef struct
{
  LurkSim      *sim;
  SoupSession  *control;
  char         *url;
  LurkListener *listener;
  GThread      *owner;

  GHashTable   *seen;          /* message id → count */
  GPtrArray    *order;         /* LurkEvent, in arrival order */
  guint         n_duplicates;
  guint         n_batches;
  GPtrArray    *states;        /* LurkConnection as pointers */
  GPtrArray    *revoked;       /* "type status" */
  char         *store_path;    /* NULL: no store */
  GPtrArray    *store_errors;  /* messages */
  GError       *run_error;     /* why the run ended (lurk_listener_run_finish()) */
  gboolean      run_ended;
  GCancellable *cancellable;   /* the caller's, for the run; NULL: none */
} Fixture;

/* Control API */

static gint64
sim_stat (Fixture    *fixture,
          const char *name)
{
  g_autoptr(JsonNode) stats
    = lurk_test_sim_call (fixture->sim, fixture->control, "GET", "/sim/stats", NULL);

  return json_object_get_int_member (json_node_get_object (stats), name);
}

/* Enabled subscriptions: count, total cost, and how many name @broadcaster_id */
static guint
sim_enabled_subscriptions (Fixture    *fixture,
                           const char *broadcaster_id,
                           guint      *total_cost,
                           guint      *for_broadcaster)
{
  g_autoptr(JsonNode) root
    = lurk_test_sim_call (fixture->sim, fixture->control, "GET", "/sim/subscriptions", NULL);
  JsonArray *data = json_object_get_array_member (json_node_get_object (root), "data");
  guint enabled = 0, cost = 0, matching = 0;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *sub = json_array_get_object_element (data, i);
      JsonObject *condition = json_object_get_object_member (sub, "condition");
      GList *members = json_object_get_values (condition);

      if (!g_str_equal (json_object_get_string_member (sub, "status"), "enabled"))
        {
          g_list_free (members);
          continue;
        }
      enabled++;
      cost += json_object_get_int_member_with_default (sub, "cost", 0);
      for (GList *l = members; l != NULL; l = l->next)
        {
          if (g_strcmp0 (json_node_get_string (l->data), broadcaster_id) == 0)
            {
              matching++;
              break;
            }
        }
      g_list_free (members);
    }

  if (total_cost != NULL)
    *total_cost = cost;
  if (for_broadcaster != NULL)
    *for_broadcaster = matching;

  return enabled;
}

/* Listener side */

static void
on_events (LurkListener *listener,
           GPtrArray    *events,
           gpointer      user_data)
{
  Fixture *fixture = user_data;

  /* handed over on the owner's thread, finished */
  g_assert_true (g_thread_self () == fixture->owner);
  fixture->n_batches++;

  for (guint i = 0; i < events->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (events, i);
      const char *id = lurk_event_get_id (event);
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (fixture->seen, id));

      if (count > 0)
        fixture->n_duplicates++;
      g_hash_table_replace (fixture->seen, g_strdup (id), GUINT_TO_POINTER (count + 1));
      g_ptr_array_add (fixture->order, g_object_ref (event));
    }
}

static void
on_state (LurkListener *listener,
          GParamSpec   *pspec,
          gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_true (g_thread_self () == fixture->owner);
  g_ptr_array_add (fixture->states, GUINT_TO_POINTER (lurk_listener_get_state (listener)));
}

static void
on_revoked (LurkListener *listener,
            const char   *type,
            const char   *status,
            gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->revoked, g_strdup_printf ("%s %s", type, status));
}

static void
on_store_error (LurkListener *listener,
                const GError *error,
                gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_ptr_array_add (fixture->store_errors, g_strdup (error->message));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->owner = g_thread_self ();
  fixture->sim = lurk_test_sim_start_in_thread ();
  fixture->url = g_strdup (lurk_sim_get_url (fixture->sim));
  fixture->control = soup_session_new ();
  fixture->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->order = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->states = g_ptr_array_new ();
  fixture->revoked = g_ptr_array_new_with_free_func (g_free);
  fixture->store_errors = g_ptr_array_new_with_free_func (g_free);
}

static void
run_ended_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_false (lurk_listener_run_finish (LURK_LISTENER (object), result,
                                            &fixture->run_error));
  g_assert_nonnull (fixture->run_error);
  fixture->run_ended = TRUE;
}

static void
listener_start (Fixture *fixture)
{
  g_autofree char *ws = g_strdup_printf ("ws://%s/ws", fixture->url + strlen ("http://"));
  g_autofree char *helix = g_strconcat (fixture->url, "/helix", NULL);
  LurkListenerConfig config = {
    .eventsub_url = ws,
    .helix_url = helix,
    .client_id = LURK_SIM_CLIENT_ID,
    .access_token = LURK_SIM_DEMO_TOKEN,
    .user_id = LURK_SIM_DEMO_USER_ID,
    .broadcaster_id = LURK_SIM_BROADCASTER_ID,
    .backoff_initial_ms = 50,
    .backoff_max_ms = 400,
    .no_network_monitor = TRUE,
    .store_path = fixture->store_path,
  };

  fixture->listener = lurk_listener_new (&config);
  g_signal_connect (fixture->listener, "events", G_CALLBACK (on_events), fixture);
  g_signal_connect (fixture->listener, "notify::state", G_CALLBACK (on_state), fixture);
  g_signal_connect (fixture->listener, "revoked", G_CALLBACK (on_revoked), fixture);
  g_signal_connect (fixture->listener, "store-error", G_CALLBACK (on_store_error), fixture);
  fixture->run_ended = FALSE;
  g_clear_error (&fixture->run_error);
  lurk_listener_run_async (fixture->listener, fixture->cancellable, run_ended_cb, fixture);
}

/* The run's callback comes from the main loop after lurk_listener_stop(); its task holds
 * the listener until then. */
static void
wait_run_ended (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (!fixture->run_ended && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (fixture->run_ended);
  g_assert_error (fixture->run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  if (fixture->listener != NULL)
    {
      lurk_listener_stop (fixture->listener);
      wait_run_ended (fixture);
      g_assert_finalize_object (fixture->listener);
    }
  g_clear_error (&fixture->run_error);
  g_clear_object (&fixture->cancellable);
  lurk_sim_stop (fixture->sim);
  g_assert_finalize_object (fixture->sim);
  g_clear_object (&fixture->control);
  g_free (fixture->url);
  g_hash_table_unref (fixture->seen);
  g_ptr_array_unref (fixture->order);
  g_ptr_array_unref (fixture->states);
  g_ptr_array_unref (fixture->revoked);
  g_ptr_array_unref (fixture->store_errors);
  if (fixture->store_path != NULL)
    {
      g_autofree char *parent = g_path_get_dirname (fixture->store_path);
      g_autofree char *dir = g_str_has_suffix (parent, "a-file") ? g_path_get_dirname (parent)
                                                                 : g_strdup (parent);
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
      g_free (fixture->store_path);
    }
}

typedef gboolean (*Predicate) (Fixture *fixture, gconstpointer data);

typedef struct
{
  Fixture       *fixture;
  Predicate      predicate;
  gconstpointer  data;
} Check;

static gboolean
check (gpointer user_data)
{
  Check *c = user_data;

  return c->predicate (c->fixture, c->data);
}

static gboolean
wait_for (Fixture       *fixture,
          Predicate      predicate,
          gconstpointer  data,
          double         seconds)
{
  Check c = { fixture, predicate, data };

  return lurk_test_wait_until (check, &c, seconds);
}

static gboolean
in_state (Fixture       *fixture,
          gconstpointer  data)
{
  return lurk_listener_get_state (fixture->listener) == GPOINTER_TO_UINT (data);
}

static gboolean
n_events_at_least (Fixture       *fixture,
                   gconstpointer  data)
{
  return g_hash_table_size (fixture->seen) >= GPOINTER_TO_UINT (data);
}

static gboolean
saw_state (Fixture       *fixture,
           gconstpointer  data)
{
  return g_ptr_array_find (fixture->states, data, NULL);
}

static void
start_connected (Fixture *fixture)
{
  listener_start (fixture);
  g_assert_true (wait_for (fixture, in_state, GUINT_TO_POINTER (LURK_CONNECTION_CONNECTED),
                           10));
}

/* Triggers one event of @type and waits until it is there */
static void
trigger_and_receive (Fixture    *fixture,
                     const char *body)
{
  guint before = g_hash_table_size (fixture->seen);
  g_autoptr(JsonNode) reply
    = lurk_test_sim_call (fixture->sim, fixture->control, "POST", "/sim/trigger", body);

  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "sent"), ==, 1);
  g_assert_true (wait_for (fixture, n_events_at_least, GUINT_TO_POINTER (before + 1), 5));
}

static void
assert_subscribed_within_budget (Fixture *fixture)
{
  guint cost = 0, matching = 0;
  guint enabled = sim_enabled_subscriptions (fixture, LURK_SIM_BROADCASTER_ID, &cost,
                                             &matching);

  /* 8 paid + 6 chat types, all for the favorite, never over the budget of 10 */
  g_assert_cmpuint (enabled, ==, 14);
  g_assert_cmpuint (matching, ==, 14);
  g_assert_cmpuint (cost, <=, 10);
}

/* Tests */

static void
test_new_destroy (void)
{
  LurkListenerConfig config = {
    .eventsub_url = "ws://127.0.0.1:9/ws",
    .helix_url = "http://127.0.0.1:9/helix",
    .user_id = "1",
  };
  LurkListener *listener = lurk_listener_new (&config);

  g_assert_cmpint (lurk_listener_get_state (listener), ==, LURK_CONNECTION_IDLE);
  g_assert_finalize_object (listener);
}

static void
test_connect (Fixture       *fixture,
              gconstpointer  data)
{
  LurkEvent *event;

  start_connected (fixture);
  assert_subscribed_within_budget (fixture);

  trigger_and_receive (fixture, "{\"type\":\"stream.online\"}");
  event = g_ptr_array_index (fixture->order, 0);
  g_assert_cmpint (lurk_event_get_kind (event), ==, LURK_EVENT_KIND_STREAM_ONLINE);
  g_assert_cmpstr (lurk_event_get_broadcaster_id (event), ==, LURK_SIM_BROADCASTER_ID);
  g_assert_cmpuint (lurk_listener_get_degraded_types (fixture->listener)[0] == NULL, ==, TRUE);
}

static gboolean
flood_done (Fixture       *fixture,
            gconstpointer  data)
{
  return g_hash_table_size (fixture->seen) >= 5000;
}

static void
second_run_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (lurk_listener_run_finish (LURK_LISTENER (object), result, error));
  g_assert_nonnull (*error);
}

static gboolean
error_set (gpointer data)
{
  return *(GError **) data != NULL;
}

static gboolean
run_ended (gpointer data)
{
  return ((Fixture *) data)->run_ended;
}

static gboolean
sim_has_no_connection (gpointer data)
{
  return sim_stat (data, "connections") == 0;
}

/* The app's own way to end a run: cancelling the GCancellable it started the run with. */
static void
test_run_cancel (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("lurk-listener-XXXXXX", NULL);
  g_autoptr(GError) second = NULL;
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(GError) error = NULL;

  fixture->store_path = g_build_filename (dir, "events.db", NULL);
  fixture->cancellable = g_cancellable_new ();
  start_connected (fixture);
  trigger_and_receive (fixture, "{\"type\":\"stream.online\"}");

  /* A second run while one is going is refused, and the first one goes on. */
  lurk_listener_run_async (fixture->listener, NULL, second_run_cb, &second);
  g_assert_true (lurk_test_wait_until (error_set, &second, 5));
  g_assert_error (second, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_false (fixture->run_ended);
  trigger_and_receive (fixture, "{\"type\":\"channel.raid\"}");
  g_assert_true (in_state (fixture, GUINT_TO_POINTER (LURK_CONNECTION_CONNECTED)));

  /* Cancelled: the run ends and says so, Twitch sees the socket closed, the state says the
   * listener is idle, and everything it was handed is in the store. */
  g_cancellable_cancel (fixture->cancellable);
  g_assert_true (lurk_test_wait_until (run_ended, fixture, 5));
  g_assert_error (fixture->run_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (lurk_test_wait_until (sim_has_no_connection, fixture, 5));
  g_assert_cmpint (lurk_listener_get_state (fixture->listener), ==, LURK_CONNECTION_IDLE);
  store = lurk_event_store_new (fixture->store_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lurk_event_store_count (store, LURK_SIM_BROADCASTER_ID, NULL), ==,
                   fixture->order->len);
  g_assert_cmpuint (fixture->order->len, ==, 2);

  /* Nothing arrives after the end. */
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"stream.offline\"}");
  lurk_test_spin (0.3);
  g_assert_cmpuint (fixture->order->len, ==, 2);
}

static void
test_flood_reconnect (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(JsonNode) sent = NULL;
  JsonArray *ids;
  gint64 connections;
  gint64 start, elapsed_ms;
  g_autofree char *dir = NULL;

  /* the whole pipeline: socket, parse, dedupe, store writer, hand-over */
  dir = g_dir_make_tmp ("lurk-listener-XXXXXX", NULL);
  fixture->store_path = g_build_filename (dir, "events.db", NULL);
  start_connected (fixture);
  connections = sim_stat (fixture, "connections_total");
  start = g_get_monotonic_time ();

  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/flood",
                      "{\"type\":\"channel.chat.notification\",\"notice_type\":\"sub\","
                      "\"count\":5000,\"rate\":2000}");
  lurk_test_spin (1.2);
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/reconnect", "{}");
  if (!wait_for (fixture, flood_done, NULL, 60))
    {
      g_autoptr(JsonNode) stats
        = lurk_test_sim_call (fixture->sim, fixture->control, "GET", "/sim/stats", NULL);
      g_autofree char *text = json_to_string (stats, FALSE);

      g_error ("only %u of 5000 events after 60 s; lurk-sim: %s",
               g_hash_table_size (fixture->seen), text);
    }
  elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  lurk_test_spin (0.3);

  /* exactly the set the simulator sent, each once */
  sent = lurk_test_sim_call (fixture->sim, fixture->control, "GET", "/sim/sent", NULL);
  ids = json_object_get_array_member (json_node_get_object (sent), "data");
  g_assert_cmpuint (json_array_get_length (ids), ==, 5000);
  for (guint i = 0; i < json_array_get_length (ids); i++)
    g_assert_true (g_hash_table_contains (fixture->seen, json_array_get_string_element (ids, i)));
  g_assert_cmpuint (g_hash_table_size (fixture->seen), ==, 5000);
  g_assert_cmpuint (fixture->n_duplicates, ==, 0);

  /* handed over at most once per frame (16 ms) */
  g_assert_cmpint (fixture->n_batches, <=, elapsed_ms / 16 + 5);

  /* one handover, no resubscription, still connected */
  g_assert_cmpint (sim_stat (fixture, "connections_total"), ==, connections + 1);
  assert_subscribed_within_budget (fixture);
  g_assert_true (in_state (fixture, GUINT_TO_POINTER (LURK_CONNECTION_CONNECTED)));

  /* and all of them are in the store, once */
  {
    g_autoptr(LurkEventStore) store = NULL;
    g_autoptr(GError) error = NULL;

    lurk_listener_stop (fixture->listener);
    store = lurk_event_store_new (fixture->store_path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (lurk_event_store_count (store, LURK_SIM_BROADCASTER_ID, NULL), ==, 5000);
    g_assert_true (lurk_event_store_contains (store, json_array_get_string_element (ids, 0)));
    g_assert_true (lurk_event_store_contains (store, json_array_get_string_element (ids, 4999)));
    g_assert_cmpuint (fixture->store_errors->len, ==, 0);
  }
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  start_connected (fixture);

  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/trigger",
                      "{\"type\":\"channel.chat.notification\",\"count\":5}");
  g_assert_true (wait_for (fixture, n_events_at_least, GUINT_TO_POINTER (5), 5));
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/duplicate", "{\"count\":5}");
  trigger_and_receive (fixture, "{\"type\":\"stream.offline\"}");
  lurk_test_spin (0.3);

  g_assert_cmpuint (fixture->order->len, ==, 6);
  g_assert_cmpuint (fixture->n_duplicates, ==, 0);
}

static gboolean
reconnected (Fixture       *fixture,
             gconstpointer  data)
{
  return fixture->states->len > GPOINTER_TO_UINT (data) &&
         lurk_listener_get_state (fixture->listener) == LURK_CONNECTION_CONNECTED;
}

static void
test_drop_and_close_codes (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *faults[] = {
    "/sim/drop", "{}",
    "/sim/close", "{\"code\":4000}",
    "/sim/close", "{\"code\":4001}",
    "/sim/close", "{\"code\":4002}",
    "/sim/close", "{\"code\":4003}",
    "/sim/close", "{\"code\":4004}",
    "/sim/close", "{\"code\":4005}",
    "/sim/close", "{\"code\":4006}",
    "/sim/close", "{\"code\":4007}",
  };
  gint64 connections;

  start_connected (fixture);
  connections = sim_stat (fixture, "connections_total");

  for (guint i = 0; i < G_N_ELEMENTS (faults); i += 2)
    {
      guint n_states = fixture->states->len;

      g_test_message ("%s %s", faults[i], faults[i + 1]);
      lurk_test_sim_post (fixture->sim, fixture->control, faults[i], faults[i + 1]);
      g_assert_true (wait_for (fixture, reconnected, GUINT_TO_POINTER (n_states), 10));
      g_assert_true (g_ptr_array_find (fixture->states,
                                       GUINT_TO_POINTER (LURK_CONNECTION_RECONNECTING),
                                       NULL));

      /* resubscribed on the new session, within budget; events after it arrive */
      assert_subscribed_within_budget (fixture);
      trigger_and_receive (fixture, "{\"type\":\"channel.chat.notification\"}");
    }

  /* exactly one new connection per fault: never an extra one after a 4003 of the
   * simulator's own (a client too slow to subscribe would get those) */
  g_assert_cmpint (sim_stat (fixture, "connections_total"), ==,
                   connections + G_N_ELEMENTS (faults) / 2);
}

static void
test_keepalive_silence (Fixture       *fixture,
                        gconstpointer  data)
{
  gint64 start;
  gint64 connections;

  start_connected (fixture);
  connections = sim_stat (fixture, "connections_total");

  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/keepalive", "{\"enabled\":false}");
  start = g_get_monotonic_time ();
  g_assert_true (wait_for (fixture, saw_state,
                           GUINT_TO_POINTER (LURK_CONNECTION_RECONNECTING), 16));
  /* keepalive 10 s: silence noticed after 12 s (× 1.2) and a half-second margin, not before
   * the window */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 10 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_get_monotonic_time () - start, <=, 14 * G_TIME_SPAN_SECOND);
  g_assert_true (wait_for (fixture, in_state, GUINT_TO_POINTER (LURK_CONNECTION_CONNECTED),
                           5));
  g_assert_cmpint (sim_stat (fixture, "connections_total"), ==, connections + 1);
  trigger_and_receive (fixture, "{\"type\":\"channel.chat.notification\"}");
}

/* This machine's clock jumps 15 minutes forward while connected, which the simulator shows
 * by stamping every message 15 minutes behind from now on (POST /sim/clock
 * timestamp_offset_seconds). After the next keepalive, events are delivered again without
 * a reconnect; one older than 10 minutes by Twitch's clock is still dropped. */
static void
test_clock_jump (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 sent, connections;
  gint64 deadline;

  start_connected (fixture);
  connections = sim_stat (fixture, "connections_total");

  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/clock",
                      "{\"timestamp_offset_seconds\":-900}");
  sent = sim_stat (fixture, "messages_sent");
  deadline = g_get_monotonic_time () + 15 * G_TIME_SPAN_SECOND * lurk_test_slowdown ();
  while (sim_stat (fixture, "messages_sent") == sent)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline); /* a keepalive within 10 s */
      lurk_test_spin (0.2);
    }
  lurk_test_spin (0.2);

  trigger_and_receive (fixture, "{\"type\":\"stream.online\"}");

  /* 11 minutes older than the (shifted) clock: dropped; the next fresh one arrives */
  {
    g_autoptr(JsonNode) reply
      = lurk_test_sim_call (fixture->sim, fixture->control, "POST", "/sim/trigger",
                            "{\"type\":\"stream.offline\",\"age_seconds\":660}");
    guint before = g_hash_table_size (fixture->seen);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "sent"), ==, 1);
    trigger_and_receive (fixture, "{\"type\":\"stream.online\"}");
    g_assert_cmpuint (g_hash_table_size (fixture->seen), ==, before + 1);
  }

  g_assert_cmpint (sim_stat (fixture, "connections_total"), ==, connections);
}

static gboolean
has_revocation (Fixture       *fixture,
                gconstpointer  data)
{
  return fixture->revoked->len > 0;
}

static void
test_revocation (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(JsonNode) reply = NULL;

  start_connected (fixture);

  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/revoke",
                      "{\"type\":\"stream.online\",\"status\":\"authorization_revoked\"}");
  g_assert_true (wait_for (fixture, has_revocation, NULL, 5));
  g_assert_cmpstr (g_ptr_array_index (fixture->revoked, 0), ==,
                   "stream.online authorization_revoked");

  /* the other types keep flowing, on the same connection */
  trigger_and_receive (fixture, "{\"type\":\"channel.chat.notification\"}");
  trigger_and_receive (fixture, "{\"type\":\"channel.update\"}");
  g_assert_true (in_state (fixture, GUINT_TO_POINTER (LURK_CONNECTION_CONNECTED)));
}

static void
test_unauthorized (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 connections;

  start_connected (fixture);

  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/tokens/expire",
                      "{\"token\":\"" LURK_SIM_DEMO_TOKEN "\"}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/drop", "{}");
  g_assert_true (wait_for (fixture, in_state,
                           GUINT_TO_POINTER (LURK_CONNECTION_UNAUTHORIZED), 10));

  /* no retry storm: nothing more happens */
  connections = sim_stat (fixture, "connections_total");
  lurk_test_spin (2);
  g_assert_cmpint (sim_stat (fixture, "connections_total"), ==, connections);
  g_assert_cmpint (sim_stat (fixture, "connections"), ==, 0);
  g_assert_true (in_state (fixture, GUINT_TO_POINTER (LURK_CONNECTION_UNAUTHORIZED)));
}

static void
test_helix_faults (Fixture       *fixture,
                   gconstpointer  data)
{
  /* a 503, then a 429: both retried, nothing degraded */
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/helix/fail",
                      "{\"path\":\"/eventsub/subscriptions\",\"status\":503,\"count\":1}");
  start_connected (fixture);
  assert_subscribed_within_budget (fixture);
  g_assert_null (lurk_listener_get_degraded_types (fixture->listener)[0]);

  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/helix/fail",
                      "{\"path\":\"/eventsub/subscriptions\",\"status\":429,\"count\":1}");
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/drop", "{}");
  g_assert_true (wait_for (fixture, reconnected, GUINT_TO_POINTER (fixture->states->len), 10));
  assert_subscribed_within_budget (fixture);
  g_assert_null (lurk_listener_get_degraded_types (fixture->listener)[0]);
  trigger_and_receive (fixture, "{\"type\":\"channel.chat.notification\"}");
}

static gboolean
retargeted (Fixture       *fixture,
            gconstpointer  data)
{
  guint matching = 0;

  if (lurk_listener_get_state (fixture->listener) != LURK_CONNECTION_CONNECTED)
    return FALSE;
  sim_enabled_subscriptions (fixture, OTHER_BROADCASTER_ID, NULL, &matching);

  return matching == 14;
}

static void
test_retarget (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(JsonNode) subs = NULL;
  guint old = 0, cost = 0;
  guint enabled;

  start_connected (fixture);

  lurk_listener_set_broadcaster (fixture->listener, OTHER_BROADCASTER_ID);
  g_assert_true (wait_for (fixture, retargeted, NULL, 10));

  /* the old ones are gone from the simulator, not just disabled */
  subs = lurk_test_sim_call (fixture->sim, fixture->control, "GET", "/sim/subscriptions", NULL);
  enabled = sim_enabled_subscriptions (fixture, LURK_SIM_BROADCASTER_ID, &cost, &old);
  g_assert_cmpuint (old, ==, 0);
  g_assert_cmpuint (enabled, ==, 14);
  g_assert_cmpuint (cost, <=, 10);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (subs), "total"), ==, 14);

  trigger_and_receive (fixture, "{\"type\":\"stream.online\",\"broadcaster\":\"pixelpaloma\"}");
}

/* Nothing of the previous broadcaster reaches the owner once it asked for another, even
 * what was on its way (in the batch, the writer's queue, the outbox) when it asked: the
 * retarget is a marker in the listener's ordered stream, and the session drops what the
 * old subscriptions still deliver. */
static void
test_retarget_in_flight (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("lurk-listener-XXXXXX", NULL);
  guint asked_at;

  fixture->store_path = g_build_filename (dir, "events.db", NULL);
  start_connected (fixture);
  lurk_test_sim_post (fixture->sim, fixture->control, "/sim/flood",
                      "{\"type\":\"channel.chat.notification\",\"count\":3000,"
                      "\"rate\":3000}");
  g_assert_true (wait_for (fixture, n_events_at_least, GUINT_TO_POINTER (200), 10));

  lurk_listener_set_broadcaster (fixture->listener, OTHER_BROADCASTER_ID);
  asked_at = fixture->order->len;
  g_assert_true (wait_for (fixture, retargeted, NULL, 10));
  trigger_and_receive (fixture, "{\"type\":\"stream.online\",\"broadcaster\":\"pixelpaloma\"}");

  g_assert_cmpuint (fixture->order->len, >, asked_at);
  for (guint i = asked_at; i < fixture->order->len; i++)
    g_assert_cmpstr (lurk_event_get_broadcaster_id (g_ptr_array_index (fixture->order, i)), ==,
                     OTHER_BROADCASTER_ID);
  /* asking for the broadcaster it has is no retarget: nothing is dropped */
  lurk_listener_set_broadcaster (fixture->listener, OTHER_BROADCASTER_ID);
  trigger_and_receive (fixture, "{\"type\":\"stream.online\",\"broadcaster\":\"pixelpaloma\"}");
}

static gboolean
has_store_error (Fixture       *fixture,
                 gconstpointer  data)
{
  return fixture->store_errors->len > 0;
}

static void
test_store_error (Fixture       *fixture,
                  gconstpointer  data)
{
  /* a store that cannot be opened: said once, and the events still reach the user */
  g_autofree char *dir = g_dir_make_tmp ("lurk-listener-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "a-file", NULL);

  /* its directory is a regular file */
  g_assert_true (g_file_set_contents (file, "", 0, NULL));
  fixture->store_path = g_build_filename (file, "events.db", NULL);
  start_connected (fixture);
  g_assert_true (wait_for (fixture, has_store_error, NULL, 5));
  trigger_and_receive (fixture, "{\"type\":\"stream.online\"}");
  g_assert_cmpuint (fixture->store_errors->len, ==, 1);
}

static gboolean
store_has_61 (Fixture       *fixture,
              gconstpointer  data)
{
  return lurk_event_store_count ((LurkEventStore *) data, NULL, NULL) == 61;
}

static void
test_store_full (Fixture       *fixture,
                 gconstpointer  data)
{
  /* a full disk: said once, the events reach the user meanwhile, and once there is room
   * again every one of them is in the store, none lost */
  g_autofree char *dir = g_dir_make_tmp ("lurk-listener-XXXXXX", NULL);
  g_autoptr(LurkEventStore) store = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autoptr(JsonNode) reply2 = NULL;
  g_autoptr(GError) error = NULL;

  /* The disk fills up once the store is open (the state comes through the writer, which
   * opens the store first): no write succeeds, as with no free block. */
  lurk_test_full_disk_install ();
  fixture->store_path = g_build_filename (dir, "events.db", NULL);
  listener_start (fixture);
  g_assert_true (wait_for (fixture, in_state, GUINT_TO_POINTER (LURK_CONNECTION_CONNECTED),
                           10));
  lurk_test_full_disk_set (TRUE);

  /* more than the free space left in the pages the database has */
  reply = lurk_test_sim_call (fixture->sim, fixture->control, "POST", "/sim/trigger",
                              "{\"type\":\"channel.chat.notification\",\"notice_type\":\"sub\","
                              "\"count\":60}");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply), "sent"), ==, 60);
  g_assert_true (wait_for (fixture, n_events_at_least, GUINT_TO_POINTER (60), 10));
  g_assert_cmpuint (fixture->order->len, ==, 60);
  g_assert_cmpuint (fixture->store_errors->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (fixture->store_errors, 0), "full"));

  /* Once there is room and the pause is over, the next batch writes the waiting ones while
   * the listener runs: a reader sees all of them before the listener stops. */
  lurk_test_full_disk_set (FALSE);
  lurk_test_spin (LURK_LISTENER_UNSTORED_RETRY_USEC / (double) G_USEC_PER_SEC + 0.2);
  trigger_and_receive (fixture, "{\"type\":\"stream.online\"}");
  g_assert_cmpuint (fixture->store_errors->len, ==, 1);
  store = lurk_event_store_new (fixture->store_path, &error);
  g_assert_no_error (error);
  g_assert_true (wait_for (fixture, store_has_61, store, 5));
  g_clear_object (&store);

  /* Full again: what waits when the listener stops gets a last try then, and nothing is
   * lost if there is room. */
  lurk_test_full_disk_set (TRUE);
  reply2 = lurk_test_sim_call (fixture->sim, fixture->control, "POST", "/sim/trigger",
                               "{\"type\":\"channel.chat.notification\",\"notice_type\":\"sub\","
                               "\"count\":60}");
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (reply2), "sent"), ==, 60);
  g_assert_true (wait_for (fixture, n_events_at_least, GUINT_TO_POINTER (121), 10));
  lurk_test_full_disk_set (FALSE);
  lurk_listener_stop (fixture->listener);
  g_assert_cmpuint (fixture->store_errors->len, ==, 2);

  store = lurk_event_store_new (fixture->store_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fixture->order->len; i++)
    {
      LurkEvent *event = g_ptr_array_index (fixture->order, i);

      g_assert_true (lurk_event_store_contains (store, lurk_event_get_id (event)));
    }
  g_assert_cmpint (lurk_event_store_count (store, NULL, NULL), ==, 121);
}

int
main (int   argc,
      char *argv[])
{
  const char *strict_domains[] = { NULL, "GLib", "GLib-GObject", "GLib-GIO", "libsoup",
                                   "Json", "lurk-store", "lurk-sim" };

  g_test_init (&argc, &argv, NULL);

  /* 4001, 4002, a refused token and an unusable store are warned about (Lurk never causes
   * the first two, so they mean a bug somewhere); here they are caused on purpose, so
   * warnings of the engine's and the listener's domains are expected. Every other domain
   * keeps fatal warnings. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  for (guint i = 0; i < G_N_ELEMENTS (strict_domains); i++)
    g_log_set_fatal_mask (strict_domains[i], G_LOG_FATAL_MASK | G_LOG_LEVEL_WARNING |
                                             G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/lurk/listener/new-destroy", test_new_destroy);
#define ADD(path, func) \
  g_test_add ("/lurk/listener/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("connect", test_connect);
  ADD ("run-cancel", test_run_cancel);
  ADD ("flood-reconnect", test_flood_reconnect);
  ADD ("duplicate", test_duplicate);
  ADD ("drop-and-close-codes", test_drop_and_close_codes);
  ADD ("revocation", test_revocation);
  ADD ("unauthorized", test_unauthorized);
  ADD ("helix-faults", test_helix_faults);
  ADD ("retarget", test_retarget);
  ADD ("retarget-in-flight", test_retarget_in_flight);
  ADD ("store-error", test_store_error);
  ADD ("store-full", test_store_full);
  ADD ("keepalive-silence", test_keepalive_silence);
  ADD ("clock-jump", test_clock_jump);
#undef ADD

  return g_test_run ();
}
