/* lurk-demo.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-demo"

#include "config.h"

#include <stdio.h>

#include "lurk-demo.h"
#include "lurk-endpoints.h"
#include "lurk-profile.h"
#include "lurk-sim.h"

/*
 * `lurk --demo`: lurk-sim in-process, on a thread of its own, on a random loopback port,
 * playing the chosen scenario; every endpoint points at it; its URL is printed on stdout
 * ("lurk-sim listening on http://HOST:PORT") for a person to drive it with the control API.
 * Then the app signs in as lurkdemo (lurk_account_sign_in_demo_async()), makes the sim's
 * default live channel the favorite and opens its page. The simulator seeds the same world
 * on every run, so the demo profile's store finds the previous run's events.
 */

struct _LurkDemo
{
  GObject       parent_instance;

  LurkSim      *sim;
  GApplication *application;
  GSettings    *settings;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (LurkDemo, lurk_demo, G_TYPE_OBJECT)

static void
lurk_demo_dispose (GObject *object)
{
  LurkDemo *self = LURK_DEMO (object);

  g_cancellable_cancel (self->cancellable);
  if (self->sim != NULL)
    lurk_sim_stop (self->sim);
  g_clear_object (&self->sim);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (lurk_demo_parent_class)->dispose (object);
}

static void
lurk_demo_class_init (LurkDemoClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = lurk_demo_dispose;
}

static void
lurk_demo_init (LurkDemo *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * lurk_demo_new:
 * @scenario: "demo", "none" or another lurk-sim scenario
 * @error: return location for an error (the simulator could not listen)
 *
 * Starts the simulator and points every endpoint at it.
 *
 * Returns: (transfer full) (nullable): the demo, or %NULL
 */
LurkDemo *
lurk_demo_new (const char  *scenario,
               GError     **error)
{
  g_autoptr(LurkDemo) self = g_object_new (LURK_TYPE_DEMO, NULL);

  self->sim = lurk_sim_new ();
  lurk_sim_set_scenario (self->sim, scenario != NULL ? scenario : "demo");
  if (!lurk_sim_start_in_thread (self->sim, "127.0.0.1", 0, error))
    return NULL;

  lurk_endpoints_use_simulator (lurk_sim_get_url (self->sim));

  return g_steal_pointer (&self);
}

const char *
lurk_demo_get_url (LurkDemo *self)
{
  g_return_val_if_fail (LURK_IS_DEMO (self), NULL);

  return lurk_sim_get_url (self->sim);
}

/**
 * lurk_demo_get_access_token:
 *
 * Returns: the token the simulator's demo account signs in with (not a secret: it is
 *   valid only against this in-process simulator)
 */
const char *
lurk_demo_get_access_token (LurkDemo *self)
{
  g_return_val_if_fail (LURK_IS_DEMO (self), NULL);

  return LURK_SIM_DEMO_TOKEN;
}

/**
 * lurk_demo_get_client_id:
 *
 * Returns: the client ID the simulator issued the demo token to
 */
const char *
lurk_demo_get_client_id (LurkDemo *self)
{
  g_return_val_if_fail (LURK_IS_DEMO (self), NULL);

  return LURK_SIM_CLIENT_ID;
}

/**
 * lurk_demo_get_broadcaster_login:
 *
 * Returns: the login of the simulator's demo channel
 */
const char *
lurk_demo_get_broadcaster_login (LurkDemo *self)
{
  g_return_val_if_fail (LURK_IS_DEMO (self), NULL);

  return LURK_SIM_BROADCASTER_LOGIN;
}

static void
signed_in_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LurkDemo) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *login = NULL;
  g_autofree char *id = NULL;

  if (!lurk_account_sign_in_demo_finish (LURK_ACCOUNT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Demo sign-in failed: %s", error->message);
      return;
    }

  login = g_settings_get_string (self->settings, "favorite-login");
  id = g_settings_get_string (self->settings, "favorite-id");
  if (g_strcmp0 (login, LURK_SIM_BROADCASTER_LOGIN) != 0 ||
      g_strcmp0 (id, LURK_SIM_BROADCASTER_ID) != 0)
    {
      g_settings_set_string (self->settings, "favorite-login", LURK_SIM_BROADCASTER_LOGIN);
      g_settings_set_string (self->settings, "favorite-id", LURK_SIM_BROADCASTER_ID);
      g_settings_apply (self->settings);
    }

  /* Unless the app quit meanwhile. */
  if (self->application != NULL && g_application_get_is_registered (self->application))
    g_action_group_activate_action (G_ACTION_GROUP (self->application), "open-streamer",
                                    g_variant_new_string (LURK_SIM_BROADCASTER_LOGIN));
}

/**
 * lurk_demo_run:
 * @self: the demo
 * @application: the app, whose `app.open-streamer` shows the channel
 * @account: the app's account
 *
 * Signs in as lurkdemo, presets the favorite, opens the streamer page.
 */
void
lurk_demo_run (LurkDemo     *self,
               GApplication *application,
               LurkAccount  *account)
{
  g_autofree char *favorite = NULL;

  g_return_if_fail (LURK_IS_DEMO (self));
  g_return_if_fail (G_IS_APPLICATION (application));
  g_return_if_fail (LURK_IS_ACCOUNT (account));

  g_set_weak_pointer (&self->application, application);
  /* A delay-apply object of its own: delay mode cannot be left again. */
  g_clear_object (&self->settings);
  self->settings = lurk_profile_new_settings ();
  g_settings_delay (self->settings);

  /* Before the session is back, the page already shows the favorite's history. */
  favorite = g_settings_get_string (self->settings, "favorite-login");
  if (favorite[0] == '\0')
    {
      g_settings_set_string (self->settings, "favorite-login", LURK_SIM_BROADCASTER_LOGIN);
      g_settings_set_string (self->settings, "favorite-id", LURK_SIM_BROADCASTER_ID);
      g_settings_apply (self->settings);
    }

  lurk_account_sign_in_demo_async (account, lurk_sim_get_url (self->sim), self->cancellable,
                                   signed_in_cb, g_object_ref (self));
}
