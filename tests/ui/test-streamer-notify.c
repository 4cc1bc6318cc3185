/* test-streamer-notify.c: going-live and raid notifications, against a stand-in
 * org.freedesktop.Notifications server on the test session bus
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "lurk-event-model.h"
#include "lurk-notifier.h"
#include "lurk-profile.h"
#include "lurk-test-notifications.h"
#include "lurk-test-wait.h"

static GPtrArray *received;  /* "summary\nbody", from lurk_test_start_notification_server() */

static LurkEvent *
make_event (const char *id,
            const char *type,
            const char *json)
{
  g_autoptr(GError) error = NULL;
  LurkEvent *event = lurk_event_new_from_json_string (id, type, "1",
                                                      "2026-11-28T00:00:01.000000001Z",
                                                      g_get_real_time (), json, &error);

  g_assert_no_error (error);
  return event;
}

static LurkEvent *
make_raid (const char *id,
           const char *raider)
{
  g_autofree char *json = g_strdup_printf ("{\"from_broadcaster_user_id\":\"1\","
                                           "\"from_broadcaster_user_login\":\"%s\","
                                           "\"from_broadcaster_user_name\":\"%s\","
                                           "\"to_broadcaster_user_id\":\"100\","
                                           "\"to_broadcaster_user_login\":\"caster\","
                                           "\"to_broadcaster_user_name\":\"Caster\","
                                           "\"viewers\":12}", raider, raider);

  return make_event (id, "channel.raid", json);
}

static LurkEvent *
make_online (const char *id,
             const char *occurred_at)
{
  g_autoptr(GError) error = NULL;
  LurkEvent *event = lurk_event_new_from_json_string (id, "stream.online", "1", occurred_at,
                                                      g_get_real_time (),
                                                      "{\"id\":\"9\",\"broadcaster_user_id\":\"100\","
                                                      "\"broadcaster_user_login\":\"caster\","
                                                      "\"broadcaster_user_name\":\"Caster\","
                                                      "\"type\":\"live\","
                                                      "\"started_at\":\"2026-11-28T00:00:00Z\"}",
                                                      &error);

  g_assert_no_error (error);
  return event;
}

static LurkEvent *
make_raid_notice (const char *id,
                  const char *raider)
{
  g_autofree char *json = g_strdup_printf ("{\"broadcaster_user_id\":\"100\","
                                           "\"broadcaster_user_login\":\"caster\","
                                           "\"broadcaster_user_name\":\"Caster\","
                                           "\"chatter_user_id\":\"1\","
                                           "\"chatter_user_login\":\"%s\","
                                           "\"chatter_user_name\":\"%s\","
                                           "\"chatter_is_anonymous\":false,\"color\":\"\","
                                           "\"badges\":[],\"system_message\":\"12 raiders\","
                                           "\"message_id\":\"x\",\"message\":{\"text\":\"\","
                                           "\"fragments\":[]},\"notice_type\":\"raid\","
                                           "\"raid\":{\"user_id\":\"1\",\"user_name\":\"%s\","
                                           "\"user_login\":\"%s\",\"viewer_count\":12,"
                                           "\"profile_image_url\":\"\"}}",
                                           raider, raider, raider, raider);

  return make_event (id, "channel.chat.notification", json);
}

static GApplication *
new_registered_app (const char *id)
{
  g_autoptr(GError) error = NULL;
  GApplication *app = g_application_new (id, G_APPLICATION_NON_UNIQUE);

  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  return app;
}

/* The notifier reads what the event model added to the list, as the sidebar shows it. */
static void
test_notifications (void)
{
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  LurkNotifier *notifier;

  received = lurk_test_start_notification_server ();
  g_ptr_array_set_size (received, 0);
  g_settings_set_boolean (settings, "notify-live", TRUE);
  g_settings_set_boolean (settings, "notify-raid", TRUE);

  app = new_registered_app ("io.github.lurkapp.Lurk.NotifyTest");
  notifier = lurk_notifier_new (app, model, settings);

  /* Going live, then three raids in a row: one notification each for live and the first
   * raid; the other two wait for the rate limit, folded into one. */
  g_ptr_array_add (batch, make_online ("m1", "2026-11-28T00:00:01.000000001Z"));
  g_ptr_array_add (batch, make_raid ("m2", "Ann"));
  g_ptr_array_add (batch, make_raid ("m3", "Ben"));
  g_ptr_array_add (batch, make_raid ("m4", "Cat"));
  lurk_event_model_add (model, batch);
  lurk_test_spin (1);

  g_assert_cmpuint (lurk_notifier_get_n_sent (notifier), ==, 2);
  g_assert_cmpuint (received->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (received, 0), ==, "Caster is live\nOpen Lurk to watch");
  g_assert_cmpstr (g_ptr_array_index (received, 1), ==,
                   "Caster\nRaid from Ann with 12 viewers");

  /* A kind switched off in Preferences stays quiet. */
  g_settings_set_boolean (settings, "notify-live", FALSE);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_online ("m5", "2026-11-28T00:00:02.000000001Z"));
  lurk_event_model_add (model, batch);
  lurk_test_spin (1);
  g_assert_cmpuint (received->len, ==, 2);

  g_object_unref (notifier);
  g_settings_set_boolean (settings, "notify-live", TRUE);
}

/* Only what the list shows of a live batch notifies: never the store's history, and not
 * an event that did not make the model's newest (the sidebar does not show it either). */
static void
test_fed_by_model (void)
{
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  g_autoptr(LurkEventModel) model = lurk_event_model_new (1);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  LurkNotifier *notifier;

  received = lurk_test_start_notification_server ();
  g_ptr_array_set_size (received, 0);
  g_settings_set_boolean (settings, "notify-live", TRUE);
  g_settings_set_boolean (settings, "notify-raid", TRUE);

  app = new_registered_app ("io.github.lurkapp.Lurk.NotifyModelTest");
  notifier = lurk_notifier_new (app, model, settings);

  /* the history read at startup */
  g_ptr_array_add (batch, make_online ("h1", "2026-11-28T00:00:01.000000001Z"));
  g_assert_cmpuint (lurk_event_model_merge (model, batch), ==, 1);
  lurk_test_spin (1);
  g_assert_cmpuint (received->len, ==, 0);

  /* a live batch whose going-live is older than the newest (limit 1) */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_online ("l1", "2026-11-28T00:00:02.000000001Z"));
  {
    g_autoptr(GError) error = NULL;

    g_ptr_array_add (batch,
                     lurk_event_new_from_json_string ("l2", "channel.chat.clear", "1",
                                                      "2026-11-28T00:00:03.000000001Z",
                                                      g_get_real_time (),
                                                      "{\"broadcaster_user_id\":\"100\"}",
                                                      &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 1);
  lurk_test_spin (1);
  g_assert_cmpuint (received->len, ==, 0);
  g_assert_cmpuint (lurk_notifier_get_n_sent (notifier), ==, 0);

  g_object_unref (notifier);
}

/* GNOME's convention: no notification while the user is looking at the app (the UI sets
 * "foreground" while a window of the application has the focus). What comes in meanwhile
 * is in the sidebar; a raid once the focus is elsewhere notifies again. The chat's raid
 * notice after channel.raid is the same raid: the model folds it, so does the notifier. */
static void
test_foreground (void)
{
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GSettings) settings = lurk_profile_new_settings ();
  g_autoptr(LurkEventModel) model = lurk_event_model_new (10);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  LurkNotifier *notifier;

  received = lurk_test_start_notification_server ();
  g_ptr_array_set_size (received, 0);
  g_settings_set_boolean (settings, "notify-live", TRUE);
  g_settings_set_boolean (settings, "notify-raid", TRUE);

  app = new_registered_app ("io.github.lurkapp.Lurk.NotifyFocusTest");
  notifier = lurk_notifier_new (app, model, settings);
  g_object_set (notifier, "foreground", TRUE, NULL);
  g_assert_true (lurk_notifier_get_foreground (notifier));

  g_ptr_array_add (batch, make_online ("f1", "2026-11-28T00:00:01.000000001Z"));
  g_ptr_array_add (batch, make_raid ("f2", "Ann"));
  lurk_event_model_add (model, batch);
  lurk_test_spin (1);
  g_assert_cmpuint (lurk_notifier_get_n_sent (notifier), ==, 0);
  g_assert_cmpuint (received->len, ==, 0);

  /* Another program's window takes the focus. */
  lurk_notifier_set_foreground (notifier, FALSE);
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_raid ("f3", "Ben"));
  g_ptr_array_add (batch, make_raid_notice ("f4", "Ben"));
  lurk_event_model_add (model, batch);
  lurk_test_spin (1);
  g_assert_cmpuint (received->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (received, 0), ==, "Caster\nRaid from Ben with 12 viewers");

  /* the twin on its own, in a later batch: still the same raid */
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, make_raid_notice ("f5", "Ann"));
  g_assert_cmpuint (lurk_event_model_add (model, batch), ==, 0);
  lurk_test_spin (1);
  g_assert_cmpuint (received->len, ==, 1);

  g_object_unref (notifier);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/ui/streamer/notifications", test_notifications);
  g_test_add_func ("/lurk/ui/streamer/notifications-fed-by-model", test_fed_by_model);
  g_test_add_func ("/lurk/ui/streamer/notifications-foreground", test_foreground);

  return g_test_run ();
}
