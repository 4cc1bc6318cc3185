/* lurk-application.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-application"

#include "config.h"

#ifdef LURK_BENCH_HOOKS
# include "lurk-bench-hooks.h"
#endif

#include <glib/gi18n.h>

#include "lurk-account.h"
#include "lurk-application.h"
#include "lurk-channel.h"
#include "lurk-demo.h"
#include "lurk-history-retention.h"
#include "lurk-login-window.h"
#include "lurk-login-name.h"
#include "lurk-notifier.h"
#include "lurk-preferences-window.h"
#include "lurk-profile.h"
#include "lurk-window.h"

/*
 * LurkApplication: one instance per profile (activating a second `lurk` raises the first;
 * `lurk --demo` runs under its own application ID so it never joins a real instance), the
 * app-wide actions and the command-line options.
 */

struct _LurkApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  /* The signed-in session (sign-in issue) */
  LurkAccount    *account;

  /* The favorite channel: listener, header data, recent events; its notifications; the
   * in-process simulator of --demo (issue 6) */
  LurkChannel    *channel;
  LurkNotifier   *notifier;
  LurkDemo       *demo;

  /* Preferences' Keep Events For, applied to the stored history */
  LurkHistoryRetention *retention;

  /* --demo-scenario, or "demo" for plain --demo; NULL outside the demo profile */
  char           *demo_scenario;

  /* --streamer, for the primary instance to open once its window exists */
  char           *pending_streamer;
};

G_DEFINE_FINAL_TYPE (LurkApplication, lurk_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Run a demonstration against a local Twitch simulator, with its own settings and data"),
    NULL },
  { "demo-scenario", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The simulator’s scenario in the demo, or “none” (implies --demo)"), N_("NAME") },
  { "streamer", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open this streamer’s page, making them the favorite"), N_("LOGIN") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static LurkWindow *
lurk_application_ensure_window (LurkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (LURK_IS_WINDOW (window))
    return LURK_WINDOW (window);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      if (LURK_IS_WINDOW (l->data))
        return LURK_WINDOW (l->data);
    }

  return lurk_window_new (self);
}

static gint
lurk_application_handle_local_options (GApplication *app,
                                       GVariantDict *options)
{
  LurkApplication *self = LURK_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  const char *scenario = NULL;
  const char *streamer = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, "demo-scenario", "&s", &scenario);
  if (g_variant_dict_contains (options, "demo") || scenario != NULL)
    {
      /* Before anything opens settings, the store or the keyring. */
      lurk_profile_set (LURK_PROFILE_DEMO);
      g_free (self->demo_scenario);
      self->demo_scenario = g_strdup (scenario != NULL ? scenario : "demo");
      g_application_set_application_id (app, APP_ID ".Demo");
    }

  if (g_variant_dict_lookup (options, "streamer", "&s", &streamer))
    {
      g_autofree char *login = lurk_login_name_normalize (streamer, &error);

      if (login == NULL)
        {
          g_printerr ("%s: --streamer: %s\n", g_get_prgname (), error->message);
          return 2;
        }

      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return 1;
        }

      if (g_application_get_is_remote (app))
        {
          /* The running instance opens it and raises its window. */
          g_action_group_activate_action (G_ACTION_GROUP (app), "open-streamer",
                                          g_variant_new_string (login));
          return 0;
        }

      g_free (self->pending_streamer);
      self->pending_streamer = g_steal_pointer (&login);
    }

  return G_APPLICATION_CLASS (lurk_application_parent_class)->handle_local_options (app,
                                                                                     options);
}

static void
lurk_application_activate (GApplication *app)
{
  LurkApplication *self = LURK_APPLICATION (app);
  LurkWindow *window = lurk_application_ensure_window (self);

  if (self->pending_streamer != NULL)
    {
      g_autofree char *login = g_steal_pointer (&self->pending_streamer);
      g_autoptr(GError) error = NULL;

      if (!lurk_window_open_streamer (window, login, &error))
        g_warning ("Cannot open streamer: %s", error->message);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LurkApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Closing (not destroying) lets each window save its state. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));

  g_application_quit (G_APPLICATION (self));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  LurkApplication *self = user_data;
  static const char *developers[] = { "The Lurk authors", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Lurk"),
                        "developer-name", _("The Lurk authors"),
                        "version", PACKAGE_VERSION,
                        "website", PACKAGE_WEBSITE,
                        "issue-url", PACKAGE_WEBSITE "/issues",
                        "developers", developers,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2026 The Lurk authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "comments", _("Follow your favorite Twitch streamer: live video, chat "
                                      "and every channel event in one window."),
                        NULL);
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Twitch"),
                                      NULL, GTK_LICENSE_CUSTOM,
                                      _("Lurk is not affiliated with or endorsed by Twitch "
                                        "Interactive, Inc. Twitch is a trademark of Twitch "
                                        "Interactive, Inc."));
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LurkApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (lurk_preferences_window_new (window)));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  LurkApplication *self = user_data;
  LurkWindow *window = lurk_application_ensure_window (self);

  /* GtkApplication loads gtk/help-overlay.ui for every window: show that one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
sign_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  LurkApplication *self = user_data;
  LurkWindow *window = lurk_application_ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  lurk_login_window_present_for (GTK_WINDOW (window), self->account);
}

static void
open_streamer_action (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  LurkApplication *self = user_data;
  LurkWindow *window = lurk_application_ensure_window (self);

  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.open-streamer", param);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "shortcuts", shortcuts_action },
  { "sign-in", sign_in_action },
  { "open-streamer", open_streamer_action, "s" },
};

static void
account_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The account area shows keyring problems (error-message), so this is only for the log: not
   * a warning, which would also make a transient keyring hiccup fatal in every UI test. */
  if (!lurk_account_load_finish (LURK_ACCOUNT (object), result, &error))
    g_debug ("Could not restore the Twitch session: %s", error->message);
}

/* The notifier stays quiet while the user is looking at Lurk: a window of the application
 * has the focus. */
static void
lurk_application_update_foreground (LurkApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->notifier != NULL)
    lurk_notifier_set_foreground (self->notifier,
                                  window != NULL && gtk_window_is_active (window));
}

static void
window_added_cb (LurkApplication *self,
                 GtkWindow       *window)
{
  g_signal_connect_object (window, "notify::is-active",
                           G_CALLBACK (lurk_application_update_foreground), self,
                           G_CONNECT_SWAPPED);
  lurk_application_update_foreground (self);
}

static void
lurk_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.show-home", { "<Alt>Left", NULL } },
    { "win.show-streamer", { "<Alt>Right", NULL } },
    { "win.sidebar-visible", { "F9", NULL } },
    { "win.chat-visible", { "<Control><Shift>c", NULL } },
  };
  LurkApplication *self = LURK_APPLICATION (app);
  g_autoptr(GAction) sync_action = NULL;

  G_APPLICATION_CLASS (lurk_application_parent_class)->startup (app);

  gtk_window_set_default_icon_name (APP_ID);

  /* The profile is final by now (handle_local_options ran). */
  self->settings = lurk_profile_new_settings ();

  /* The session: the keyring's token, validated now and hourly. In the demo, the demo wiring
   * signs in to the simulator with lurk_account_sign_in_demo_async() instead. */
  if (self->demo_scenario != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* lurk-sim in-process; every endpoint points at it before anything talks to Twitch. */
      self->demo = lurk_demo_new (self->demo_scenario, &error);
      if (self->demo == NULL)
        {
          g_critical ("Could not start the simulator: %s", error->message);
        }
      else
        {
          /* DESIGN.md: a person drives the demo's simulator through this line */
          g_print ("lurk-sim listening on %s\n", lurk_demo_get_url (self->demo));
          fflush (stdout);
        }
    }

  self->account = lurk_account_new_for_profile (NULL);
  /* Remembered, and set in Preferences (no longer on the first-run card). */
  g_settings_bind (self->settings, "broadcaster-scopes", self->account, "broadcaster-scopes",
                   G_SETTINGS_BIND_DEFAULT);
  if (self->demo_scenario == NULL)
    lurk_account_load_async (self->account, NULL, account_loaded_cb, NULL);

  /* The listener starts by itself once signed in with a favorite. */
  self->channel = lurk_channel_new (self->account, self->settings);
  self->notifier = lurk_notifier_new (app, lurk_channel_get_model (self->channel),
                                      self->settings);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (self, "window-removed", G_CALLBACK (lurk_application_update_foreground),
                    NULL);
  g_signal_connect (self, "notify::active-window",
                    G_CALLBACK (lurk_application_update_foreground), NULL);
  lurk_channel_start (self->channel);
  {
    g_autofree char *store_path = lurk_profile_dup_event_store_path ();

    self->retention = lurk_history_retention_new (self->settings, store_path);
  }
  if (self->demo != NULL)
    lurk_demo_run (self->demo, app, self->account);
#ifdef LURK_BENCH_HOOKS
  /* -Dbench_hooks=true (make bench's own build): nothing without LURK_BENCH_* set */
  _lurk_bench_hooks_install (GTK_APPLICATION (app), G_OBJECT (self->channel));
#endif

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  /* The sidebar's switch (lurk-streamer-page.ui) and Preferences share the setting. */
  sync_action = g_settings_create_action (self->settings, "sync-events-to-video");
  g_action_map_add_action (G_ACTION_MAP (self), sync_action);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

}

static void
lurk_application_dispose (GObject *object)
{
  LurkApplication *self = LURK_APPLICATION (object);

  g_clear_object (&self->notifier);
  g_clear_object (&self->retention);
  if (self->channel != NULL)
    lurk_channel_stop (self->channel);
  g_clear_object (&self->channel);
  g_clear_object (&self->account);
  g_clear_object (&self->demo);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lurk_application_parent_class)->dispose (object);
}

static void
lurk_application_finalize (GObject *object)
{
  LurkApplication *self = LURK_APPLICATION (object);

  g_clear_pointer (&self->demo_scenario, g_free);
  g_clear_pointer (&self->pending_streamer, g_free);

  G_OBJECT_CLASS (lurk_application_parent_class)->finalize (object);
}

static void
lurk_application_class_init (LurkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = lurk_application_dispose;
  object_class->finalize = lurk_application_finalize;

  app_class->handle_local_options = lurk_application_handle_local_options;
  app_class->startup = lurk_application_startup;
  app_class->activate = lurk_application_activate;

}

static void
lurk_application_init (LurkApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Follow your favorite Twitch streamer"));
}

/**
 * lurk_application_new:
 *
 * Returns: (transfer full): the application, unique per profile
 */
LurkApplication *
lurk_application_new (void)
{
  return g_object_new (LURK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * lurk_application_get_settings:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the current profile's settings, once started up
 */
GSettings *
lurk_application_get_settings (LurkApplication *self)
{
  g_return_val_if_fail (LURK_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * lurk_application_get_demo_scenario:
 * @self: the application
 *
 * The hook for the simulator: in the demo profile, the scenario lurk-sim plays.
 *
 * Returns: (nullable): "demo", "none" or the name given with --demo-scenario; %NULL when
 *   this is not a demo
 */
const char *
lurk_application_get_demo_scenario (LurkApplication *self)
{
  g_return_val_if_fail (LURK_IS_APPLICATION (self), NULL);

  return self->demo_scenario;
}

/**
 * lurk_application_get_account:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the Twitch session, once started up
 */
LurkAccount *
lurk_application_get_account (LurkApplication *self)
{
  g_return_val_if_fail (LURK_IS_APPLICATION (self), NULL);

  return self->account;
}

/**
 * lurk_application_get_channel:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the favorite channel (listener, header data, recent
 *   events), once started up
 */
LurkChannel *
lurk_application_get_channel (LurkApplication *self)
{
  g_return_val_if_fail (LURK_IS_APPLICATION (self), NULL);

  return self->channel;
}

/**
 * lurk_application_get_notifier:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the desktop notifications of the favorite's events,
 *   whose #LurkNotifier:foreground follows the focus of the application's windows, once
 *   started up
 */
LurkNotifier *
lurk_application_get_notifier (LurkApplication *self)
{
  g_return_val_if_fail (LURK_IS_APPLICATION (self), NULL);

  return self->notifier;
}
