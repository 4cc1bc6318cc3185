/* test-signin-app.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <webkit/webkit.h>

#include "lurk-account-area.h"
#include "lurk-application.h"
#include "lurk-login-window.h"
#include "lurk-profile.h"
#include "lurk-secret-token-store.h"
#include "lurk-sim.h"
#include "lurk-test-browser.h"
#include "lurk-test-http.h"
#include "lurk-test-sim.h"
#include "lurk-test-ui.h"
#include "lurk-web-engine.h"
#include "lurk-web-module.h"

/* The real application, its Home page and the real keyring (the test session's throwaway
 * gnome-keyring), against lurk-sim (LURK_SIM_URL): Sign in with Twitch from the account
 * area, a WebKit view standing in for the browser, then Sign Out. */

typedef struct
{
  LurkSim         *sim;
  GSettings       *settings;
  LurkApplication *app;
  guint            port;

  LurkTestBrowser  browser;
} Fixture;

static Fixture fixture;

static gboolean
consent_page_loaded (gpointer data)
{
  Fixture *f = data;
  const char *uri;

  if (f->browser.view == NULL || webkit_web_view_is_loading (f->browser.view))
    return FALSE;

  uri = webkit_web_view_get_uri (f->browser.view);
  return uri != NULL && g_str_has_prefix (uri, lurk_sim_get_url (f->sim));
}

static gboolean
script_done (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_script (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (value);
  *(gboolean *) user_data = TRUE;
}

/* The app's own web session (the chat's): how many cookies it holds, -1 while asking. */
typedef struct
{
  WebKitCookieManager *manager;
  int                  n;
} CookieCount;

static void
on_cookies (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CookieCount *count = user_data;
  GList *list = webkit_cookie_manager_get_all_cookies_finish (count->manager, result, NULL);

  count->n = (int) g_list_length (list);
  g_list_free_full (list, (GDestroyNotify) soup_cookie_free);
}

static gboolean
cookies_counted (gpointer data)
{
  return ((CookieCount *) data)->n >= 0;
}

static int
count_app_cookies (void)
{
  CookieCount count = { NULL, -1 };

  count.manager = webkit_network_session_get_cookie_manager (lurk_web_get_network_session ());
  webkit_cookie_manager_get_all_cookies (count.manager, NULL, on_cookies, &count);
  lurk_test_wait_long (cookies_counted, &count, 10, "the cookies");

  return count.n;
}

static void
on_cookie_added (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_assert_true (webkit_cookie_manager_add_cookie_finish (WEBKIT_COOKIE_MANAGER (object), result,
                                                          NULL));
  *(gboolean *) user_data = TRUE;
}

/* The chat embed's own Twitch login, as twitch.tv sets it in the app's web session */
static void
add_chat_login_cookie (void)
{
  g_autoptr(GError) error = NULL;
  WebKitCookieManager *manager;
  SoupCookie *cookie;
  gboolean added = FALSE;

  g_assert_nonnull (lurk_web_module_load (&error));
  g_assert_no_error (error);
  manager = webkit_network_session_get_cookie_manager (lurk_web_get_network_session ());
  cookie = soup_cookie_new ("auth-token", "chat-session-secret", ".twitch.tv", "/", 3600);
  webkit_cookie_manager_add_cookie (manager, cookie, NULL, on_cookie_added, &added);
  soup_cookie_free (cookie);
  lurk_test_wait_long (script_done, &added, 10, "the cookie");
}

static gboolean
no_app_cookies (gpointer data)
{
  return count_app_cookies () == 0;
}

static gboolean
signed_in (gpointer data)
{
  return lurk_account_get_state (data) == LURK_ACCOUNT_SIGNED_IN;
}

static gboolean
signed_out (gpointer data)
{
  return lurk_account_get_state (data) == LURK_ACCOUNT_SIGNED_OUT;
}

typedef struct
{
  LurkToken *token;
  GError    *error;
  gboolean   done;
} Load;

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;

  load->token = lurk_token_store_load_finish (LURK_TOKEN_STORE (object), result, &load->error);
  load->done = TRUE;
}

static gboolean
load_done (gpointer data)
{
  return ((Load *) data)->done;
}

/* What the keyring holds for @user_id, or an error. */
static LurkToken *
keyring_load (const char  *user_id,
              GError     **error)
{
  g_autoptr(LurkTokenStore) store = lurk_secret_token_store_new (lurk_profile_get_name ());
  Load load = { 0 };

  lurk_token_store_load_async (store, user_id, NULL, on_loaded, &load);
  lurk_test_wait_long (load_done, &load, 10, "the keyring");
  if (load.error != NULL)
    g_propagate_error (error, load.error);

  return load.token;
}

/* What the keyring holds for @user_id. */
static LurkToken *
keyring_token (const char *user_id)
{
  g_autoptr(GError) error = NULL;
  LurkToken *token = keyring_load (user_id, &error);

  g_assert_no_error (error);

  return token;
}

/* Whether the keyring holds nothing for @user_id. A read while the item is being deleted can
 * find it and then fail to load it (libsecret: "No such secret item at path"): not yet. */
static gboolean
keyring_forgot (gpointer user_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkToken) token = keyring_load (user_id, &error);

  return token == NULL && error == NULL;
}

/* Whether the sim still accepts @access_token. */
static gboolean
sim_token_valid (Fixture    *f,
                 const char *access_token)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (lurk_sim_get_url (f->sim), "/sim/tokens", NULL);
  g_autoptr(JsonNode) reply = lurk_test_http_json_iterate (session, "GET", url, NULL);
  JsonArray *data = json_object_get_array_member (json_node_get_object (reply), "data");
  gboolean valid = FALSE;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *token = json_array_get_object_element (data, i);

      if (g_strcmp0 (json_object_get_string_member (token, "access_token"), access_token) == 0)
        valid = json_object_get_boolean_member (token, "valid");
    }

  return valid;
}

static void
on_state (LurkAccount *account,
          GParamSpec  *pspec,
          GString     *states)
{
  g_string_append_printf (states, "%d", lurk_account_get_state (account));
}

static void
activate_cb (GApplication *app,
             Fixture      *f)
{
  g_autoptr(GString) states = g_string_new (NULL);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  LurkAccount *account = lurk_application_get_account (LURK_APPLICATION (app));
  g_autoptr(LurkToken) stored = NULL;
  g_autoptr(LurkToken) deleted = NULL;
  g_autofree char *access_token = NULL;
  g_autofree char *user_id = NULL;
  LurkAccountArea *area;
  gboolean clicked = FALSE;

  g_application_hold (app);
  g_assert_nonnull (window);
  g_assert_true (LURK_IS_ACCOUNT (account));

  /* Startup read the (empty) keyring: signed out, and the Home page says so. */
  lurk_test_wait_long (signed_out, account, 10, "the startup load");
  area = LURK_ACCOUNT_AREA (lurk_test_find_widget (GTK_WIDGET (window), LURK_TYPE_ACCOUNT_AREA));
  g_assert_nonnull (area);
  g_assert_true (lurk_account_area_get_account (area) == account);
  lurk_test_flush ();
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signed-out");

  /* Sign in with Twitch at once (the startup load may still be reading the keyring). The
   * simulator's client is public, like the default build's: the browser gets the sim's
   * activation page with the code filled in; the user approves. */
  g_signal_connect (account, "notify::state", G_CALLBACK (on_state), states);
  gtk_widget_activate_action (GTK_WIDGET (area), "account.sign-in", NULL);
  g_assert_nonnull (lurk_test_find_toplevel (LURK_TYPE_LOGIN_WINDOW));
  lurk_test_wait_long (consent_page_loaded, f, 20, "the activation page");
  g_assert_cmpuint (f->browser.n_launched, ==, 1);
  g_assert_true (g_str_has_prefix (f->browser.launched_uri, lurk_sim_get_url (f->sim)));
  g_assert_nonnull (strstr (f->browser.launched_uri, "device-code="));
  webkit_web_view_evaluate_javascript (f->browser.view,
                                       "document.getElementById ('approve').click ()", -1, NULL,
                                       NULL, NULL, on_script, &clicked);
  lurk_test_wait_for (script_done, &clicked, "the click");

  /* The next poll, at lurk-sim's interval of 5 s, gets the token. */
  lurk_test_wait_long (signed_in, account, 20, "the sign-in");
  lurk_test_flush ();
  /* Signing in (1), then signed in (2): the startup load did not cut in. */
  g_assert_cmpstr (states->str, ==, "12");
  g_signal_handlers_disconnect_by_func (account, on_state, states);
  g_assert_cmpstr (lurk_account_get_login (account), ==, LURK_SIM_DEMO_LOGIN);
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signed-in");
  g_assert_null (lurk_test_find_toplevel (LURK_TYPE_LOGIN_WINDOW));
  user_id = g_settings_get_string (f->settings, "signed-in-user-id");
  g_assert_cmpstr (user_id, ==, LURK_SIM_DEMO_USER_ID);

  /* In the real keyring. */
  access_token = g_strdup (lurk_account_get_access_token (account));
  stored = keyring_token (LURK_SIM_DEMO_USER_ID);
  g_assert_nonnull (stored);
  g_assert_cmpstr (lurk_token_get_access_token (stored), ==, access_token);
  g_assert_true (sim_token_valid (f, access_token));

  /* Sign Out asks first (issue 18, item 10): Cancel changes nothing ... */
  gtk_widget_activate_action (GTK_WIDGET (area), "account.sign-out", NULL);
  lurk_test_flush ();
  {
    GtkWindow *dialog_window = lurk_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (dialog_window);

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sign Out of Twitch?");
    g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
    g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "sign-out"), ==,
                     ADW_RESPONSE_DESTRUCTIVE);
    /* What its Cancel button does: the response, then the dialog goes. */
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (dialog_window);
  }
  lurk_test_flush ();
  g_assert_null (lurk_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (sim_token_valid (f, access_token));
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_IN);

  /* ... Sign Out: revoked at Twitch, gone from the keyring, and the chat's own Twitch login
   * (a cookie in the app's web session) forgotten. */
  add_chat_login_cookie ();
  g_assert_cmpint (count_app_cookies (), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (area), "account.sign-out", NULL);
  lurk_test_flush ();
  {
    GtkWindow *dialog_window = lurk_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (dialog_window);

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "sign-out");
    gtk_window_destroy (dialog_window);
  }
  lurk_test_wait_long (signed_out, account, 10, "the sign-out");
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (sim_token_valid (f, access_token) && g_get_monotonic_time () < deadline)
      lurk_test_flush ();
  }
  g_assert_false (sim_token_valid (f, access_token));
  /* The app deletes the secret once the revocation has answered: wait for that. */
  lurk_test_wait_long (keyring_forgot, (gpointer) LURK_SIM_DEMO_USER_ID, 10,
                       "the token to leave the keyring");
  deleted = keyring_token (LURK_SIM_DEMO_USER_ID);
  g_assert_null (deleted);
  lurk_test_flush ();
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signed-out");
  lurk_test_wait_long (no_app_cookies, NULL, 10, "the chat's login to be forgotten");

  lurk_test_browser_close (&f->browser);
  g_application_release (app);
  g_application_quit (app);
}

static void
test_sign_in_and_out (void)
{
  Fixture *f = &fixture;
  g_autofree char *redirect_uri = NULL;

  f->sim = lurk_test_sim_start ();
  g_setenv ("LURK_SIM_URL", lurk_sim_get_url (f->sim), TRUE);

  f->port = lurk_test_free_port ();
  redirect_uri = g_strdup_printf ("http://localhost:%u/auth", f->port);
  lurk_sim_add_client (f->sim, "lurk-sim-client", redirect_uri);

  /* The keyring is the whole run's: ui-streamer leaves its session there, and the app
   * would start with it (validated against a sim that is gone: "expired"). */
  lurk_test_forget_tokens ();
  f->settings = lurk_profile_new_settings ();
  g_settings_reset (f->settings, "signed-in-user-id");
  g_settings_set (f->settings, "redirect-port", "q", (guint16) f->port);
  lurk_login_window_set_default_uri_launcher (lurk_test_browser_launch, &f->browser);

  f->app = lurk_test_application_new ("io.github.lurkapp.Lurk.TestSignIn");
  g_signal_connect_after (f->app, "activate", G_CALLBACK (activate_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), 0, NULL), ==, 0);

  lurk_login_window_set_default_uri_launcher (NULL, NULL);
  lurk_test_flush ();
  g_clear_object (&f->app);
  g_settings_reset (f->settings, "redirect-port");
  g_clear_object (&f->settings);
  lurk_sim_stop (f->sim);
  g_clear_object (&f->sim);
  lurk_test_browser_clear (&f->browser);
  g_unsetenv ("LURK_SIM_URL");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/lurk/ui/signin/app-sign-in-and-out", test_sign_in_and_out);

  return g_test_run ();
}
