/* lurk-listener.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-listener"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#ifdef __GLIBC__
# include <malloc.h>
#endif
#ifdef __linux__
# include <sys/prctl.h>
#endif

#include "lurk-error.h"
#include "lurk-event-store.h"
#include "lurk-listener.h"
#include "lurk-listener-private.h"
#include "lurk-ready-source.h"

/* One dedicated worker thread (STYLE.md: "one dedicated worker with a queue where throughput
 * needs it"), the thread of a GTask (lurk_listener_run_async(), as the design card asks): the
 * socket, parsing, the dedupe and the broadcaster filter happen there (in the EventSub
 * session), in a GMainContext of its own, until the run is cancelled; the owner's context
 * only receives finished batches. With a store, a writer thread behind a
 * queue runs the SQLite transactions, so that parsing the next messages and storing the
 * previous ones use both cores; everything (events and notices) goes through that queue, in
 * order. The queue is bounded: when the store falls behind, the worker waits, the socket
 * is not read, and TCP slows the sender down.
 *
 * Worker → owner: an outbox under a mutex. The first item put into an empty outbox attaches
 * one source to the owner's context (immediately when unpaced, else not earlier than 16 ms
 * after the previous hand-over: at most one batch per frame). Owner → worker:
 * g_main_context_invoke on the worker's context.
 *
 * A retarget (lurk_listener_set_broadcaster()) is a marker in that same ordered stream:
 * when it reaches the outbox, what waits there (the previous broadcaster's) is dropped, and
 * the owner drops what it is handed while a retarget it asked for has not arrived yet. So
 * nothing of a previous broadcaster reaches the owner after it asked for another, without
 * a second filter on the broadcaster of each event. */

#define FRAME_USEC          (16 * G_TIME_SPAN_MILLISECOND)
#define STORE_BATCH_MAX     1024

typedef enum
{
  NOTICE_STATE,
  NOTICE_REVOKED,
  NOTICE_SUBSCRIPTION_FAILED,
  NOTICE_STORE_ERROR,
  NOTICE_DEGRADED,
  NOTICE_RETARGETED,
} NoticeKind;

typedef struct
{
  NoticeKind         kind;
  LurkConnection  state;
  char              *a;
  char              *b;
  char             **strv;
  GError            *error;
} Notice;

typedef struct
{
  gatomicrefcount      ref;
  GMutex               mutex;

  /* shared, under the mutex */
  GPtrArray           *outbox;         /* LurkEvent */
  GQueue               notices;        /* Notice */
  GSource             *dispatch_source;
  gint64               last_dispatch;

  /* the end of a run, under the mutex */
  GCond                done_cond;
  gboolean             done;

  /* set by the owner before each run */
  GMainContext        *owner_context;
  GCancellable        *cancellable;    /* ends the run */

  /* immutable after creation */
  GMainContext        *context;        /* the worker's */
  GMainLoop           *loop;
  gboolean             unpaced;
  char                *eventsub_url;
  char                *helix_url;
  char                *client_id;
  char                *access_token;
  char                *user_id;
  char                *broadcaster_id;
  char                *store_path;
  guint                keepalive_seconds;
  guint                backoff_initial_ms;
  guint                backoff_max_ms;
  gboolean             no_network_monitor;

  /* owner thread only */
  LurkListener        *listener;

  /* worker thread only */
  LurkEventSubSession *session;
  GPtrArray           *batch;
  GSource             *flush_source;
  GSource             *trim_source;    /* gives free memory back once a burst is over */
  gint64               last_event_time;

  /* writer thread (only with a store) */
  GThread             *writer;
  GAsyncQueue         *writes;         /* WriteItem, in order */
  GMutex               writes_mutex;
  GCond                writes_cond;
  guint                writes_pending; /* batches queued, under writes_mutex */
  LurkEventStore      *store;
  gboolean             writer_busy;    /* stored something since it was last idle */
  gboolean             store_failed;
  GPtrArray           *unstored;       /* LurkEvent the full disk refused, retried */
  gint64               unstored_retry_at; /* monotonic: no write attempt before */
} Worker;

typedef struct
{
  GPtrArray *events;
  Notice    *notice;
  gboolean   quit;
} WriteItem;

struct _LurkListener
{
  GObject            parent_instance;

  Worker            *worker;
  gboolean           running;
  GCancellable      *cancellable;      /* the caller's, of the current run */
  gulong             cancelled_id;
  char              *broadcaster_id;
  guint              retargets_pending; /* asked for, not handed over yet */
  LurkConnection     state;
  GStrv              degraded_types;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_DEGRADED_TYPES,
  N_PROPS
};

enum {
  EVENTS,
  REVOKED,
  SUBSCRIPTION_FAILED,
  STORE_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (LurkListener, lurk_listener, G_TYPE_OBJECT)

static void
notice_free (Notice *notice)
{
  g_free (notice->a);
  g_free (notice->b);
  g_strfreev (notice->strv);
  g_clear_error (&notice->error);
  g_free (notice);
}

static Worker *
worker_ref (Worker *worker)
{
  g_atomic_ref_count_inc (&worker->ref);
  return worker;
}

static void
worker_unref (Worker *worker)
{
  if (!g_atomic_ref_count_dec (&worker->ref))
    return;

  g_assert (worker->session == NULL);
  g_assert (worker->store == NULL);
  g_clear_pointer (&worker->outbox, g_ptr_array_unref);
  g_queue_clear_full (&worker->notices, (GDestroyNotify) notice_free);
  g_clear_pointer (&worker->batch, g_ptr_array_unref);
  g_clear_pointer (&worker->unstored, g_ptr_array_unref);
  g_clear_pointer (&worker->writes, g_async_queue_unref);
  g_mutex_clear (&worker->writes_mutex);
  g_cond_clear (&worker->writes_cond);
  g_clear_pointer (&worker->loop, g_main_loop_unref);
  g_clear_pointer (&worker->context, g_main_context_unref);
  g_clear_pointer (&worker->owner_context, g_main_context_unref);
  g_clear_object (&worker->cancellable);
  g_cond_clear (&worker->done_cond);
  g_free (worker->eventsub_url);
  g_free (worker->helix_url);
  g_free (worker->client_id);
  g_free (worker->access_token);
  g_free (worker->user_id);
  g_free (worker->broadcaster_id);
  g_free (worker->store_path);
  g_mutex_clear (&worker->mutex);
  g_free (worker);
}

/* Owner side */

static gboolean
owner_dispatch (gpointer user_data)
{
  Worker *worker = user_data;
  g_autoptr(GPtrArray) events = NULL;
  GQueue notices = G_QUEUE_INIT;
  LurkListener *self;

  g_mutex_lock (&worker->mutex);
  if (worker->outbox->len > 0)
    {
      events = g_steal_pointer (&worker->outbox);
      worker->outbox = g_ptr_array_new_with_free_func (g_object_unref);
    }
  notices = worker->notices;
  g_queue_init (&worker->notices);
  g_clear_pointer (&worker->dispatch_source, g_source_unref);
  worker->last_dispatch = g_get_monotonic_time ();
  g_mutex_unlock (&worker->mutex);

  self = worker->listener;
  if (self != NULL)
    g_object_ref (self);

  for (GList *l = notices.head; l != NULL && self != NULL; l = l->next)
    {
      Notice *notice = l->data;

      switch (notice->kind)
        {
        case NOTICE_STATE:
          if (self->state != notice->state)
            {
              self->state = notice->state;
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
            }
          break;

        case NOTICE_DEGRADED:
          g_strfreev (self->degraded_types);
          self->degraded_types = g_steal_pointer (&notice->strv);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEGRADED_TYPES]);
          break;

        case NOTICE_REVOKED:
          g_signal_emit (self, signals[REVOKED], 0, notice->a, notice->b);
          break;

        case NOTICE_SUBSCRIPTION_FAILED:
          g_signal_emit (self, signals[SUBSCRIPTION_FAILED], 0, notice->a, notice->b);
          break;

        case NOTICE_STORE_ERROR:
          g_signal_emit (self, signals[STORE_ERROR], 0, notice->error);
          break;

        case NOTICE_RETARGETED:
          if (self->retargets_pending > 0)
            self->retargets_pending--;
          break;

        default:
          g_assert_not_reached ();
        }
    }
  g_queue_clear_full (&notices, (GDestroyNotify) notice_free);

  /* Handed over before a retarget the owner asked for: the previous broadcaster's. (The
   * outbox was emptied when the last retarget reached it: what it holds came after.) */
  if (self != NULL && events != NULL && self->retargets_pending == 0)
    g_signal_emit (self, signals[EVENTS], 0, events);

  g_clear_object (&self);

  return G_SOURCE_REMOVE;
}

/* called with the mutex held */
static void
schedule_dispatch_locked (Worker *worker)
{
  gint64 now;
  gint64 ready;

  if (worker->dispatch_source != NULL)
    return;

  now = g_get_monotonic_time ();
  ready = worker->unpaced ? now : MAX (now, worker->last_dispatch + FRAME_USEC);

  worker->dispatch_source = lurk_ready_time_source_new ("[lurk] listener hand-over");
  g_source_set_ready_time (worker->dispatch_source, ready);
  g_source_set_priority (worker->dispatch_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (worker->dispatch_source, owner_dispatch, worker_ref (worker),
                         (GDestroyNotify) worker_unref);
  g_source_attach (worker->dispatch_source, worker->owner_context);
}

static void
post_notice (Worker *worker,
             Notice *notice)
{
  g_mutex_lock (&worker->mutex);
  /* what was waiting is the previous broadcaster's */
  if (notice->kind == NOTICE_RETARGETED)
    g_ptr_array_set_size (worker->outbox, 0);
  g_queue_push_tail (&worker->notices, notice);
  schedule_dispatch_locked (worker);
  g_mutex_unlock (&worker->mutex);
}

static void
post_events (Worker    *worker,
             GPtrArray *events)
{
  if (events->len == 0)
    return;

  g_mutex_lock (&worker->mutex);
  g_ptr_array_extend_and_steal (worker->outbox, g_ptr_array_ref (events));
  schedule_dispatch_locked (worker);
  g_mutex_unlock (&worker->mutex);
}

/* Worker side */

/* Batches of up to STORE_BATCH_MAX events waiting for the writer. Under a flood the queue is
 * full, and every event in it (with its JSON) is heap in this thread's arena: 16 batches
 * left 8-10 MB more of it behind after 100,000 events than 4 do (bench/README.md, store
 * section), for ~8 % more CPU per stored event (smaller merged transactions). */
#define WRITES_MAX 4

static void
enqueue_write (Worker    *worker,
               WriteItem *item)
{
  g_mutex_lock (&worker->writes_mutex);
  while (item->events != NULL && worker->writes_pending >= WRITES_MAX)
    g_cond_wait (&worker->writes_cond, &worker->writes_mutex);
  if (item->events != NULL)
    worker->writes_pending++;
  g_mutex_unlock (&worker->writes_mutex);

  g_async_queue_push (worker->writes, item);
}

/* Events and notices leave the worker thread here, in order. */
static void
deliver_notice (Worker *worker,
                Notice *notice)
{
  WriteItem *item;

  if (worker->writer == NULL)
    {
      post_notice (worker, notice);
      return;
    }

  item = g_new0 (WriteItem, 1);
  item->notice = notice;
  enqueue_write (worker, item);
}

static void
flush_batch (Worker *worker)
{
  g_autoptr(GPtrArray) batch = NULL;

  if (worker->flush_source != NULL)
    {
      g_source_destroy (worker->flush_source);
      g_clear_pointer (&worker->flush_source, g_source_unref);
    }

  if (worker->batch->len == 0)
    return;

  batch = g_steal_pointer (&worker->batch);
  worker->batch = g_ptr_array_new_with_free_func (g_object_unref);

  if (worker->writer != NULL)
    {
      WriteItem *item = g_new0 (WriteItem, 1);

      item->events = g_steal_pointer (&batch);
      enqueue_write (worker, item);
      return;
    }

  post_events (worker, batch);
}

/* Writer thread */

static void
report_store_error (Worker *worker,
                    GError *error)
{
  Notice *notice = g_new0 (Notice, 1);

  notice->kind = NOTICE_STORE_ERROR;
  notice->error = error;
  post_notice (worker, notice);
}

/* Keeps what a full disk refused, to be written with a later batch once there is room
 * again. The bound keeps a disk that stays full from eating the memory: past it the oldest
 * are given up, loudly. The user saw all of them live either way. */
static void
keep_unstored (Worker    *worker,
               GPtrArray *batch)
{
  if (worker->unstored == NULL)
    worker->unstored = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (worker->unstored, g_object_ref (g_ptr_array_index (batch, i)));

  if (worker->unstored->len > LURK_LISTENER_MAX_UNSTORED)
    {
      guint excess = worker->unstored->len - LURK_LISTENER_MAX_UNSTORED;

      g_warning ("The disk is still full: %u events waiting to be stored are given up", excess);
      g_ptr_array_remove_range (worker->unstored, 0, excess);
    }
}

/* A failed write: a full disk passes, so its events wait in memory and the next attempt
 * comes after a pause (not one failing transaction per batch); anything else (a damaged
 * file, a vanished directory) stays broken until restarted and storing stops. Either way
 * the user is told once, and the events still reach them. */
static void
store_write_failed (Worker    *worker,
                    GPtrArray *batch,
                    GError    *error)
{
  gboolean was_full = worker->unstored != NULL && worker->unstored->len > 0;

  if (g_error_matches (error, LURK_ERROR, LURK_ERROR_STORE_FULL))
    {
      if (batch != NULL)
        keep_unstored (worker, batch);
      worker->unstored_retry_at = g_get_monotonic_time () + LURK_LISTENER_UNSTORED_RETRY_USEC;
      if (was_full)
        {
          g_error_free (error);
          return;
        }
      g_warning ("Could not store events, keeping them to retry: %s", error->message);
    }
  else
    {
      g_warning ("Could not store events: %s", error->message);
      worker->store_failed = TRUE;
    }
  report_store_error (worker, error);
}

/* Writes what a full disk refused, in one transaction and in arrival order. */
static void
store_unstored (Worker *worker)
{
  GError *error = NULL;

  if (!lurk_event_store_insert (worker->store, worker->unstored, NULL, &error))
    {
      store_write_failed (worker, NULL, error);
      return;
    }

  g_message ("The disk has room again: %u waiting events stored", worker->unstored->len);
  g_ptr_array_set_size (worker->unstored, 0);
}

static void
store_batch (Worker    *worker,
             GPtrArray *batch)
{
  g_autoptr(GPtrArray) inserted = NULL;
  GError *error = NULL;

  if (worker->store == NULL || worker->store_failed)
    {
      post_events (worker, batch);
      return;
    }

  if (worker->unstored != NULL && worker->unstored->len > 0)
    {
      /* waiting for room: this batch queues behind the others */
      keep_unstored (worker, batch);
      post_events (worker, batch);
      if (g_get_monotonic_time () >= worker->unstored_retry_at)
        store_unstored (worker);
      return;
    }

  if (!lurk_event_store_insert (worker->store, batch, &inserted, &error))
    {
      store_write_failed (worker, batch, error);
      post_events (worker, batch);
      return;
    }

  post_events (worker, inserted);
}

/* Under a flood, batches wait in the queue: the writer stores all that wait, up to
 * WRITE_MERGE_MAX events, in one transaction. Each index page is then written once for
 * them all instead of once per batch (message ids are random, so every batch touches
 * pages all over the primary key's index). Returns how many queued batches @events now
 * holds, itself included. */
#define WRITE_MERGE_MAX (8 * STORE_BATCH_MAX)
#define WRITER_IDLE_USEC G_USEC_PER_SEC

static guint
take_waiting_batches (Worker    *worker,
                      GPtrArray *events)
{
  guint merged = 1;

  while (events->len < WRITE_MERGE_MAX)
    {
      WriteItem *next = g_async_queue_try_pop (worker->writes);

      if (next == NULL)
        break;

      if (next->events == NULL || next->notice != NULL || next->quit)
        {
          /* a notice or the end keeps its place after these events */
          g_async_queue_push_front (worker->writes, next);
          break;
        }

      g_ptr_array_extend_and_steal (events, g_steal_pointer (&next->events));
      g_free (next);
      merged++;
    }

  return merged;
}

static gpointer
writer_main (gpointer data)
{
  Worker *worker = data;
  g_autoptr(GError) error = NULL;

  worker->store_failed = FALSE;
  worker->store = lurk_event_store_new (worker->store_path, &error);
  if (worker->store == NULL)
    {
      g_warning ("Could not open the event store: %s", error->message);
      report_store_error (worker, g_steal_pointer (&error));
    }

  for (;;)
    {
      WriteItem *item;
      gboolean quit;

      /* After a burst, one wait of WRITER_IDLE_USEC: then the store gives back its cache
       * and empties its WAL, and free heap goes back to the system. Idle stays idle. */
      if (worker->writer_busy)
        {
          item = g_async_queue_timeout_pop (worker->writes, WRITER_IDLE_USEC);
          if (item == NULL)
            {
              worker->writer_busy = FALSE;
              if (worker->store != NULL)
                lurk_event_store_idle (worker->store);
#ifdef __GLIBC__
              malloc_trim (0);
#endif
              continue;
            }
        }
      else
        {
          item = g_async_queue_pop (worker->writes);
        }
      quit = item->quit;

      if (item->events != NULL)
        {
          guint merged = take_waiting_batches (worker, item->events);

          store_batch (worker, item->events);
          g_ptr_array_unref (item->events);
          worker->writer_busy = TRUE;

          g_mutex_lock (&worker->writes_mutex);
          worker->writes_pending -= merged;
          g_cond_broadcast (&worker->writes_cond);
          g_mutex_unlock (&worker->writes_mutex);
        }
      if (item->notice != NULL)
        post_notice (worker, item->notice);
      g_free (item);

      if (quit)
        break;
    }

  /* A last try for what a full disk held back, so that quitting loses nothing there is
   * room for. */
  if (worker->store != NULL && !worker->store_failed && worker->unstored != NULL &&
      worker->unstored->len > 0)
    store_unstored (worker);
  g_clear_object (&worker->store);

  return NULL;
}

/* A flood leaves free memory in the listener's and writer's malloc arenas (pinned there by
 * the long-lived dedupe strings between the transient allocations); once events have stopped
 * for a second it goes back to the system. Only armed while events arrive: idle stays idle. */
#define TRIM_QUIET_USEC G_USEC_PER_SEC

static gboolean
trim_cb (gpointer user_data)
{
  Worker *worker = user_data;

  if (g_get_monotonic_time () - worker->last_event_time < TRIM_QUIET_USEC)
    return G_SOURCE_CONTINUE;

#ifdef __GLIBC__
  malloc_trim (0);
#endif
  g_clear_pointer (&worker->trim_source, g_source_unref);

  return G_SOURCE_REMOVE;
}

static gboolean
flush_cb (gpointer user_data)
{
  Worker *worker = user_data;

  g_clear_pointer (&worker->flush_source, g_source_unref);
  flush_batch (worker);

  return G_SOURCE_REMOVE;
}

static void
on_session_event (LurkEventSubSession *session,
                  LurkEvent           *event,
                  gpointer             user_data)
{
  Worker *worker = user_data;

  g_ptr_array_add (worker->batch, g_object_ref (event));

  worker->last_event_time = g_get_monotonic_time ();
  if (worker->trim_source == NULL)
    {
      worker->trim_source = g_timeout_source_new (TRIM_QUIET_USEC / 1000);
      g_source_set_static_name (worker->trim_source, "[lurk] listener malloc trim");
      g_source_set_callback (worker->trim_source, trim_cb, worker, NULL);
      g_source_attach (worker->trim_source, worker->context);
    }

  if (worker->batch->len >= STORE_BATCH_MAX)
    {
      flush_batch (worker);
      return;
    }

  /* Flush once every message that is ready now has been read: low latency at low rates,
   * big transactions under a flood. */
  if (worker->flush_source == NULL)
    {
      worker->flush_source = g_idle_source_new ();
      g_source_set_priority (worker->flush_source, G_PRIORITY_DEFAULT + 1);
      g_source_set_static_name (worker->flush_source, "[lurk] listener store flush");
      g_source_set_callback (worker->flush_source, flush_cb, worker, NULL);
      g_source_attach (worker->flush_source, worker->context);
    }
}

static void
on_session_state (LurkEventSubSession *session,
                  GParamSpec          *pspec,
                  gpointer             user_data)
{
  Worker *worker = user_data;
  Notice *notice = g_new0 (Notice, 1);

  /* events received before a state change are handed over first */
  flush_batch (worker);
  notice->kind = NOTICE_STATE;
  notice->state = lurk_eventsub_session_get_state (session);
  deliver_notice (worker, notice);
}

static void
on_session_degraded (LurkEventSubSession *session,
                     GParamSpec          *pspec,
                     gpointer             user_data)
{
  Worker *worker = user_data;
  Notice *notice = g_new0 (Notice, 1);

  notice->kind = NOTICE_DEGRADED;
  notice->strv = lurk_eventsub_session_dup_degraded_types (session);
  deliver_notice (worker, notice);
}

static void
on_session_revoked (LurkEventSubSession *session,
                    const char          *type,
                    const char          *status,
                    const char          *subscription_id,
                    gpointer             user_data)
{
  Worker *worker = user_data;
  Notice *notice = g_new0 (Notice, 1);

  flush_batch (worker);
  notice->kind = NOTICE_REVOKED;
  notice->a = g_strdup (type);
  notice->b = g_strdup (status);
  deliver_notice (worker, notice);
}

static void
on_session_subscription_failed (LurkEventSubSession *session,
                                const char          *description,
                                const GError        *error,
                                gpointer             user_data)
{
  Worker *worker = user_data;
  Notice *notice = g_new0 (Notice, 1);

  notice->kind = NOTICE_SUBSCRIPTION_FAILED;
  notice->a = g_strdup (description);
  notice->b = g_strdup (error ? error->message : NULL);
  deliver_notice (worker, notice);
}

static gboolean
quit_worker_loop_cb (gpointer user_data)
{
  Worker *worker = user_data;

  g_main_loop_quit (worker->loop);

  return G_SOURCE_REMOVE;
}

/* In whichever thread cancelled the run (or in the worker, if it already was when connected).
 * Not a GCancellableSource: GLib 2.74 leaks one that is cancelled from another thread while
 * its context runs (LeakSanitizer, /lurk/listener under build-aux/sanitize.sh). */
static void
run_cancelled_cb (GCancellable *cancellable,
                  gpointer      user_data)
{
  Worker *worker = user_data;

  g_main_context_invoke_full (worker->context, G_PRIORITY_HIGH, quit_worker_loop_cb, worker,
                              NULL);
}

static void
worker_main (Worker *worker)
{
  g_autoptr(SoupSession) soup = NULL;
  gulong cancel_handler;

  g_main_context_push_thread_default (worker->context);
  g_main_context_acquire (worker->context);

  cancel_handler = g_cancellable_connect (worker->cancellable, G_CALLBACK (run_cancelled_cb),
                                          worker, NULL);

  if (worker->store_path != NULL)
    worker->writer = g_thread_new ("lurk-writer", writer_main, worker);

  soup = soup_session_new ();
  worker->session = lurk_eventsub_session_new (soup, worker->eventsub_url, worker->helix_url,
                                               worker->client_id, worker->access_token,
                                               worker->user_id);
  if (worker->keepalive_seconds > 0)
    lurk_eventsub_session_set_keepalive (worker->session, worker->keepalive_seconds);
  if (worker->backoff_initial_ms > 0 || worker->backoff_max_ms > 0)
    lurk_eventsub_session_set_backoff (worker->session,
                                       worker->backoff_initial_ms ? worker->backoff_initial_ms
                                                                  : 1000,
                                       worker->backoff_max_ms ? worker->backoff_max_ms : 60000);
  if (worker->no_network_monitor)
    lurk_eventsub_session_set_network_monitor (worker->session, NULL);
  lurk_eventsub_session_set_broadcaster (worker->session, worker->broadcaster_id);

  g_signal_connect (worker->session, "event", G_CALLBACK (on_session_event), worker);
  g_signal_connect (worker->session, "notify::state", G_CALLBACK (on_session_state), worker);
  g_signal_connect (worker->session, "notify::degraded-types",
                    G_CALLBACK (on_session_degraded), worker);
  g_signal_connect (worker->session, "revoked", G_CALLBACK (on_session_revoked), worker);
  g_signal_connect (worker->session, "subscription-failed",
                    G_CALLBACK (on_session_subscription_failed), worker);

  lurk_eventsub_session_start (worker->session);
  if (!g_cancellable_is_cancelled (worker->cancellable))
    g_main_loop_run (worker->loop);
  g_cancellable_disconnect (worker->cancellable, cancel_handler);

  g_signal_handlers_disconnect_by_data (worker->session, worker);
  lurk_eventsub_session_stop (worker->session);
  g_clear_object (&worker->session);
  flush_batch (worker);
  if (worker->trim_source != NULL)
    {
      g_source_destroy (worker->trim_source);
      g_clear_pointer (&worker->trim_source, g_source_unref);
    }
  if (worker->writer != NULL)
    {
      WriteItem *item = g_new0 (WriteItem, 1);

      /* everything queued is stored and handed over before the writer ends */
      item->quit = TRUE;
      enqueue_write (worker, item);
      g_thread_join (g_steal_pointer (&worker->writer));
    }
  soup_session_abort (soup);
  g_clear_object (&soup);

  /* let libsoup finish what it started in this context */
  while (g_main_context_iteration (worker->context, FALSE))
    ;

  g_main_context_release (worker->context);
  g_main_context_pop_thread_default (worker->context);
}

/* The task's thread, named as a dedicated thread would be (make bench reads the listener's
 * CPU time by the name), for as long as the run lasts. */
static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Worker *worker = task_data;
#ifdef __linux__
  char name[17] = "";

  prctl (PR_GET_NAME, name, 0, 0, 0);
  prctl (PR_SET_NAME, "lurk-listener", 0, 0, 0);
#endif

  worker_main (worker);

#ifdef __linux__
  prctl (PR_SET_NAME, name, 0, 0, 0);
#endif

  g_mutex_lock (&worker->mutex);
  worker->done = TRUE;
  g_cond_broadcast (&worker->done_cond);
  g_mutex_unlock (&worker->mutex);

  g_task_return_boolean (task, TRUE);
}

/* Owner → worker */

typedef struct
{
  Worker *worker;
  char   *value;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  worker_unref (call->worker);
  g_free (call->value);
  g_free (call);
}

static gboolean
set_broadcaster_cb (gpointer data)
{
  Call *call = data;
  Worker *worker = call->worker;
  Notice *notice;

  if (worker->session == NULL)
    return G_SOURCE_REMOVE;

  /* what came before goes first, then the marker that ends the previous broadcaster's */
  flush_batch (worker);
  lurk_eventsub_session_set_broadcaster (worker->session, call->value);
  notice = g_new0 (Notice, 1);
  notice->kind = NOTICE_RETARGETED;
  deliver_notice (worker, notice);

  return G_SOURCE_REMOVE;
}

static gboolean
set_access_token_cb (gpointer data)
{
  Call *call = data;

  if (call->worker->session != NULL)
    lurk_eventsub_session_set_access_token (call->worker->session, call->value);

  return G_SOURCE_REMOVE;
}

/* Idle sources on the worker's context, which only the worker's loop runs (as
 * g_main_context_invoke() from another thread would do too); what is left when a run ends
 * is drained by the owner in lurk_listener_end_run(), and finds no session. */
static void
invoke_on_worker (LurkListener *self,
                  GSourceFunc   func,
                  const char   *value)
{
  Call *call = g_new0 (Call, 1);
  GSource *source = g_idle_source_new ();

  call->worker = worker_ref (self->worker);
  call->value = g_strdup (value);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[lurk] listener call");
  g_source_set_callback (source, func, call, call_free);
  g_source_attach (source, self->worker->context);
  g_source_unref (source);
}

/* Public API */

/* The owner's side of the end of a run: waits for the worker (and its writer) to finish,
 * delivers what they handed over at the very end, and says the listener is idle. */
static void
lurk_listener_end_run (LurkListener *self)
{
  Worker *worker = self->worker;

  if (!self->running)
    return;

  g_cancellable_cancel (worker->cancellable);
  g_mutex_lock (&worker->mutex);
  while (!worker->done)
    g_cond_wait (&worker->done_cond, &worker->mutex);
  if (worker->dispatch_source != NULL)
    {
      g_source_destroy (worker->dispatch_source);
      g_clear_pointer (&worker->dispatch_source, g_source_unref);
    }
  g_mutex_unlock (&worker->mutex);

  /* calls that came too late find no session */
  while (g_main_context_iteration (worker->context, FALSE))
    ;

  self->running = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_disconnect (self->cancellable, self->cancelled_id);
  self->cancelled_id = 0;
  g_clear_object (&self->cancellable);

  owner_dispatch (worker);
  self->retargets_pending = 0;

  if (self->state != LURK_CONNECTION_IDLE && self->state != LURK_CONNECTION_UNAUTHORIZED)
    {
      self->state = LURK_CONNECTION_IDLE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

typedef struct
{
  Worker *worker;
  GTask  *task;      /* the caller's */
} Run;

static void
run_done_cb (GObject      *source_object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Run *run = user_data;
  LurkListener *self = run->worker->listener;

  /* The run's end is the owner's to finish (if lurk_listener_stop() has not already). */
  if (self != NULL)
    lurk_listener_end_run (self);

  g_task_return_new_error (run->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The listener was stopped"));
  g_object_unref (run->task);
  worker_unref (run->worker);
  g_free (run);
}

static void
run_cancelled_by_caller (GCancellable *cancellable,
                         GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/**
 * lurk_listener_run_async:
 * @self: a listener
 * @cancellable: (nullable): ends the run
 * @callback: called once the run has ended
 * @user_data: for @callback
 *
 * Runs the listener: a GTask whose thread runs the worker's own #GMainContext and
 * #SoupSession (the EventSub session; a writer thread behind it when a store is configured)
 * until @cancellable is cancelled or lurk_listener_stop() is called. Batches and notices are
 * handed over in the thread-default main context of the caller. Then @callback; call
 * lurk_listener_run_finish() there.
 */
void
lurk_listener_run_async (LurkListener        *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) thread_task = NULL;
  Worker *worker;
  Run *run;

  g_return_if_fail (LURK_IS_LISTENER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lurk_listener_run_async);
  g_task_set_check_cancellable (task, FALSE);

  if (self->running)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The listener is running already"));
      return;
    }

  worker = self->worker;
  self->running = TRUE;
  worker->done = FALSE;
  worker->listener = self;
  g_clear_pointer (&worker->owner_context, g_main_context_unref);
  worker->owner_context = g_main_context_ref_thread_default ();
  g_clear_object (&worker->cancellable);
  worker->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (run_cancelled_by_caller),
                                                  g_object_ref (worker->cancellable),
                                                  g_object_unref);
    }

  /* The thread's task holds no reference to the listener (the caller's task does, until
   * its callback): its end finds the listener through the worker, if it is still there. */
  run = g_new0 (Run, 1);
  run->worker = worker_ref (worker);
  run->task = g_steal_pointer (&task);
  thread_task = g_task_new (NULL, NULL, run_done_cb, run);
  g_task_set_source_tag (thread_task, lurk_listener_run_async);
  g_task_set_name (thread_task, "[lurk] listener run");
  g_task_set_task_data (thread_task, worker_ref (worker), (GDestroyNotify) worker_unref);
  g_task_run_in_thread (thread_task, run_thread);
}

/**
 * lurk_listener_run_finish:
 * @self: a listener
 * @result: the result given to the callback
 * @error: why the run ended
 *
 * A run ends only when it is asked to, so this always says why: %FALSE with
 * %G_IO_ERROR_CANCELLED once the run was cancelled or stopped (everything the worker had
 * was stored and handed over before), or %G_IO_ERROR_PENDING when the listener was running
 * already (that other run goes on).
 *
 * Returns: %FALSE, with @error set
 */
gboolean
lurk_listener_run_finish (LurkListener  *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_listener_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * lurk_listener_stop:
 * @self: a listener
 *
 * Ends the run now: cancels it and waits for the worker and its writer to finish, so that
 * every event received is stored and handed over (the `events` of the last batches are
 * emitted before this returns). The run's callback follows from the main loop.
 */
void
lurk_listener_stop (LurkListener *self)
{
  g_return_if_fail (LURK_IS_LISTENER (self));

  lurk_listener_end_run (self);
}

void
lurk_listener_set_broadcaster (LurkListener *self,
                               const char   *broadcaster_id)
{
  g_return_if_fail (LURK_IS_LISTENER (self));

  if (broadcaster_id != NULL && broadcaster_id[0] == '\0')
    broadcaster_id = NULL;
  if (g_strcmp0 (self->broadcaster_id, broadcaster_id) == 0)
    return;

  g_free (self->broadcaster_id);
  self->broadcaster_id = g_strdup (broadcaster_id);

  if (!self->running)
    {
      g_free (self->worker->broadcaster_id);
      self->worker->broadcaster_id = g_strdup (broadcaster_id);
      return;
    }

  /* from now on, what is handed over until the worker has retargeted is dropped */
  self->retargets_pending++;
  invoke_on_worker (self, set_broadcaster_cb, broadcaster_id);
}

void
lurk_listener_set_access_token (LurkListener *self,
                                const char   *access_token)
{
  g_return_if_fail (LURK_IS_LISTENER (self));

  if (!self->running)
    {
      g_free (self->worker->access_token);
      self->worker->access_token = g_strdup (access_token);
      return;
    }

  invoke_on_worker (self, set_access_token_cb, access_token);
}

LurkConnection
lurk_listener_get_state (LurkListener *self)
{
  g_return_val_if_fail (LURK_IS_LISTENER (self), LURK_CONNECTION_IDLE);

  return self->state;
}

const char * const *
lurk_listener_get_degraded_types (LurkListener *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (LURK_IS_LISTENER (self), NULL);

  return self->degraded_types ? (const char * const *) self->degraded_types : empty;
}

/* GObject */

static void
lurk_listener_dispose (GObject *object)
{
  LurkListener *self = (LurkListener *) object;

  lurk_listener_stop (self);
  if (self->worker != NULL)
    self->worker->listener = NULL;

  G_OBJECT_CLASS (lurk_listener_parent_class)->dispose (object);
}

static void
lurk_listener_finalize (GObject *object)
{
  LurkListener *self = (LurkListener *) object;

  g_clear_pointer (&self->worker, worker_unref);
  g_clear_pointer (&self->degraded_types, g_strfreev);
  g_free (self->broadcaster_id);

  G_OBJECT_CLASS (lurk_listener_parent_class)->finalize (object);
}

static void
lurk_listener_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LurkListener *self = LURK_LISTENER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_DEGRADED_TYPES:
      g_value_set_boxed (value, self->degraded_types);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_listener_class_init (LurkListenerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lurk_listener_dispose;
  object_class->finalize = lurk_listener_finalize;
  object_class->get_property = lurk_listener_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       LURK_TYPE_CONNECTION, LURK_CONNECTION_IDLE,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DEGRADED_TYPES] =
    g_param_spec_boxed ("degraded-types", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EVENTS] =
    g_signal_new ("events", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  signals[REVOKED] =
    g_signal_new ("revoked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[SUBSCRIPTION_FAILED] =
    g_signal_new ("subscription-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[STORE_ERROR] =
    g_signal_new ("store-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
lurk_listener_init (LurkListener *self)
{
}

LurkListener *
lurk_listener_new (const LurkListenerConfig *config)
{
  LurkListener *self;
  Worker *worker;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->eventsub_url != NULL, NULL);
  g_return_val_if_fail (config->helix_url != NULL, NULL);
  g_return_val_if_fail (config->user_id != NULL, NULL);

  self = g_object_new (LURK_TYPE_LISTENER, NULL);

  worker = g_new0 (Worker, 1);
  g_atomic_ref_count_init (&worker->ref);
  g_mutex_init (&worker->mutex);
  worker->outbox = g_ptr_array_new_with_free_func (g_object_unref);
  g_queue_init (&worker->notices);
  worker->batch = g_ptr_array_new_with_free_func (g_object_unref);
  worker->writes = g_async_queue_new ();
  g_mutex_init (&worker->writes_mutex);
  g_cond_init (&worker->writes_cond);
  g_cond_init (&worker->done_cond);
  worker->done = TRUE;
  worker->context = g_main_context_new ();
  worker->loop = g_main_loop_new (worker->context, FALSE);
  worker->unpaced = config->unpaced;
  worker->eventsub_url = g_strdup (config->eventsub_url);
  worker->helix_url = g_strdup (config->helix_url);
  worker->client_id = g_strdup (config->client_id);
  worker->access_token = g_strdup (config->access_token);
  worker->user_id = g_strdup (config->user_id);
  worker->broadcaster_id = g_strdup (config->broadcaster_id);
  self->broadcaster_id = g_strdup (config->broadcaster_id);
  worker->store_path = g_strdup (config->store_path);
  worker->keepalive_seconds = config->keepalive_seconds;
  worker->backoff_initial_ms = config->backoff_initial_ms;
  worker->backoff_max_ms = config->backoff_max_ms;
  worker->no_network_monitor = config->no_network_monitor;
  self->worker = worker;

  return self;
}
