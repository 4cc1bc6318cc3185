/* test-login-window.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <webkit/webkit.h>

#include "lurk-a11y-check.h"
#include "lurk-account-area.h"
#include "lurk-error.h"
#include "lurk-login-window.h"
#include "lurk-memory-token-store.h"
#include "lurk-profile.h"
#include "lurk-sim.h"
#include "lurk-test-browser.h"
#include "lurk-test-http.h"
#include "lurk-test-sim.h"
#include "lurk-test-ui.h"

/* The login window against lurk-sim, with this test standing in for the user's browser: it
 * receives the URL Lurk asks to open, loads it in a WebKit view under the headless X server
 * and clicks the simulator's buttons by script, so that the real consent and activation pages,
 * the real redirect page and its script run. lurk-sim enforces Twitch's client types: the
 * implicit grant only for a confidential client, a refresh without secret only for a public
 * one. Each fixture is one of the two (its test data). With LURK_SCREENSHOT_DIR set it also
 * saves the screenshots of docs/screenshots/signin-*.png. */

static const LurkClientType public_client = LURK_CLIENT_PUBLIC;
static const LurkClientType confidential_client = LURK_CLIENT_CONFIDENTIAL;

typedef struct
{
  LurkSim        *sim;
  SoupSession    *session;
  GSettings      *settings;
  LurkClientType  client_type;
  LurkTokenStore *store;
  LurkAccount    *account;
  char           *helix_url;
  guint           port;

  /* The stand-in browser */
  LurkTestBrowser browser;
} Fixture;

static gboolean
port_is_open (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL, NULL);
  return connection != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *redirect_uri = NULL;
  const char *client_id;

  f->sim = lurk_test_sim_start ();

  /* A free port for this test's redirect URI, registered like a Twitch app's. */
  f->client_type = *(const LurkClientType *) data;
  client_id = f->client_type == LURK_CLIENT_PUBLIC ? LURK_SIM_CLIENT_ID
                                                   : LURK_SIM_CONFIDENTIAL_CLIENT_ID;
  f->port = lurk_test_free_port ();
  redirect_uri = g_strdup_printf ("http://localhost:%u/auth", f->port);
  lurk_sim_add_client (f->sim, client_id, redirect_uri);

  f->helix_url = g_strconcat (lurk_sim_get_url (f->sim), "/helix", NULL);
  f->session = soup_session_new_with_options ("timeout", 10, NULL);
  f->settings = lurk_profile_new_settings ();
  g_settings_reset (f->settings, "signed-in-user-id");
  f->store = lurk_memory_token_store_new ();
  f->account = lurk_account_new (f->store, f->session, f->settings);
  lurk_account_set_endpoints (f->account, lurk_sim_get_url (f->sim), f->helix_url, client_id);
  lurk_account_set_client_type (f->account, f->client_type);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lurk_test_browser_clear (&f->browser);
  lurk_test_flush ();
  g_clear_object (&f->account);
  g_clear_object (&f->store);
  g_clear_object (&f->settings);
  g_clear_object (&f->session);
  lurk_sim_stop (f->sim);
  g_clear_object (&f->sim);
  g_free (f->helix_url);
}

/* The browser ----------------------------------------------------------------------------- */

typedef struct
{
  Fixture    *f;
  const char *prefix;
} PageWait;

static gboolean
page_loaded (gpointer data)
{
  PageWait *wait = data;
  const char *uri;

  if (wait->f->browser.view == NULL || webkit_web_view_is_loading (wait->f->browser.view))
    return FALSE;

  uri = webkit_web_view_get_uri (wait->f->browser.view);
  return uri != NULL && g_str_has_prefix (uri, wait->prefix);
}

typedef struct
{
  char    *result;
  GError  *error;
  gboolean done;
} Script;

static void
on_script (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Script *script = user_data;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (object), result,
                                                      &script->error);
  if (value != NULL)
    script->result = jsc_value_to_string (value);
  script->done = TRUE;
}

static gboolean
script_done (gpointer data)
{
  return ((Script *) data)->done;
}

/* Runs @code in the page and returns its value as a string. */
static char *
run_script (Fixture    *f,
            const char *code)
{
  Script script = { 0 };

  webkit_web_view_evaluate_javascript (f->browser.view, code, -1, NULL, NULL, NULL, on_script,
                                       &script);
  lurk_test_wait_for (script_done, &script, "a script in the browser");
  g_assert_no_error (script.error);

  return script.result;
}

typedef struct
{
  char    *text;
  gboolean done;
} ClipboardRead;

static void
on_clipboard_text (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

static gboolean
clipboard_read (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static gboolean
account_signed_in (gpointer data)
{
  return lurk_account_get_state (data) == LURK_ACCOUNT_SIGNED_IN;
}

static void
on_answered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result,
                                                              NULL);

  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
account_expired (gpointer data)
{
  return lurk_account_get_state (data) == LURK_ACCOUNT_EXPIRED;
}

/* A control call to the simulator, which serves in this thread: asynchronously. */
static void
sim_post (Fixture    *f,
          const char *path,
          const char *json)
{
  g_autofree char *url = g_strconcat (lurk_sim_get_url (f->sim), path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) body = g_bytes_new (json, strlen (json));
  gboolean answered = FALSE;

  soup_message_set_request_body_from_bytes (message, "application/json", body);
  soup_session_send_and_read_async (f->session, message, G_PRIORITY_DEFAULT, NULL, on_answered,
                                    &answered);
  lurk_test_wait_long (flag_set, &answered, 10, path);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
}

typedef struct
{
  gboolean done;
  gboolean ok;
} Validation;

static void
on_validated (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Validation *validation = user_data;

  validation->ok = lurk_account_validate_finish (LURK_ACCOUNT (object), result, NULL);
  validation->done = TRUE;
}

/* What the hourly timer does; returns whether the session is still good. */
static gboolean
validate_now (Fixture *f)
{
  Validation validation = { 0 };

  lurk_account_validate_async (f->account, NULL, on_validated, &validation);
  lurk_test_wait_long (flag_set, &validation.done, 20, "the validation");
  lurk_test_flush ();

  return validation.ok;
}

/* Screenshots ----------------------------------------------------------------------------- */

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("LURK_SCREENSHOT_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;

  /* Let stack transitions and spinners settle. */
  lurk_test_spin (0.6);
  path = g_build_filename (dir, name, NULL);
  lurk_test_save_screenshot (widget, path);
}

/* The page fits the window without scrolling, and a toast (at most TOAST_ROOM high, at the
 * bottom) covers no button (issue 18, item 6). */
#define TOAST_ROOM 64

static gboolean
window_allocated (gpointer window)
{
  return gtk_widget_get_mapped (window) && gtk_widget_get_height (window) > 0;
}

static void
assert_page_fits (GtkWindow *window)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) scrollers = g_ptr_array_new ();
  int height;

  lurk_test_wait_for (window_allocated, window, "the sign-in window to be laid out");
  lurk_test_flush ();
  height = gtk_widget_get_height (GTK_WIDGET (window));
  lurk_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_SCROLLED_WINDOW, scrollers);
  for (guint i = 0; i < scrollers->len; i++)
    {
      GtkWidget *scroller = g_ptr_array_index (scrollers, i);
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      if (!gtk_widget_get_mapped (scroller))
        continue;
      g_test_message ("page %.0f of %.0f", gtk_adjustment_get_page_size (v),
                      gtk_adjustment_get_upper (v));
      g_assert_cmpfloat (gtk_adjustment_get_upper (v), <=, gtk_adjustment_get_page_size (v) + 0.5);
    }

  lurk_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (button) ||
          !gtk_widget_compute_bounds (button, GTK_WIDGET (window), &bounds))
        continue;
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height - TOAST_ROOM);
    }
}

static void
screenshot_window (GtkWindow  *window,
                   const char *name)
{
  GtkWidget *content = ADW_IS_WINDOW (window) ? adw_window_get_content (ADW_WINDOW (window))
                                              : gtk_window_get_child (window);

  screenshot (content, name);
}

/* The account area as the Home page shows it, in a window of its own. */
static GtkWindow *
new_account_window (Fixture          *f,
                    LurkAccountArea **area_out)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *area = lurk_account_area_new (f->account);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "Account");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), area);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 520);
  adw_clamp_set_child (ADW_CLAMP (clamp), group);
  gtk_widget_set_margin_top (clamp, 24);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 24);
  gtk_widget_set_margin_end (clamp, 24);
  /* In a box, so that the margins (and the list's shadow) are part of the screenshot. */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    gtk_box_append (GTK_BOX (box), clamp);
    adw_window_set_content (ADW_WINDOW (window), box);
  }
  gtk_window_set_default_size (window, 600, -1);
  gtk_window_present (window);
  lurk_test_flush ();

  *area_out = LURK_ACCOUNT_AREA (area);
  return g_object_ref (window);
}

/* Tests ------------------------------------------------------------------------------------- */

static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  LurkLoginWindow *window = lurk_login_window_new (NULL, f->account, f->port);

  g_object_ref (window);
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_OUT);
  lurk_test_destroy_window (GTK_WINDOW (window));
}

static void
test_account_area_new_destroy (Fixture       *f,
                               gconstpointer  data)
{
  GtkWidget *area = g_object_ref_sink (lurk_account_area_new (f->account));

  g_assert_true (lurk_account_area_get_account (LURK_ACCOUNT_AREA (area)) == f->account);
  g_assert_cmpstr (lurk_account_area_get_page_name (LURK_ACCOUNT_AREA (area)), ==,
                   "signed-out");
  g_assert_finalize_object (area);
}

/* A confidential client signs in through the loopback redirect, the one path the window
 * offers it, and its session outlives the 4 hours a device code token would have lasted. */
static void
test_confidential_sign_in (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GtkWindow) account_window = NULL;
  g_autofree char *title = NULL;
  g_autofree char *address = NULL;
  g_autofree char *token = NULL;
  LurkAccountArea *area;
  LurkLoginWindow *window;
  PageWait consent = { f, lurk_sim_get_url (f->sim) };
  g_autofree char *redirect_prefix = g_strdup_printf ("http://localhost:%u/auth", f->port);
  PageWait redirect = { f, redirect_prefix };
  GtkWindow *weak;

  account_window = new_account_window (f, &area);
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signed-out");
  /* One way in: no code, whose token could not be refreshed without the client secret. */
  g_assert_null (lurk_test_find_label (GTK_WIDGET (area), "Sign in with a Code"));
  screenshot_window (account_window, "signin-signed-out.png");

  /* "Sign in with Twitch", as the user clicks it. */
  g_settings_set (f->settings, "redirect-port", "q", (guint16) f->port);
  lurk_login_window_set_default_uri_launcher (lurk_test_browser_launch, &f->browser);
  gtk_widget_activate_action (GTK_WIDGET (area), "account.sign-in", NULL);
  lurk_login_window_set_default_uri_launcher (NULL, NULL);
  g_settings_reset (f->settings, "redirect-port");
  window = LURK_LOGIN_WINDOW (lurk_test_find_toplevel (LURK_TYPE_LOGIN_WINDOW));
  g_assert_nonnull (window);
  g_assert_cmpint (lurk_login_window_get_method (window), ==, LURK_SIGN_IN_BROWSER);
  weak = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);

  /* Lurk asked the browser to open Twitch's authorize page, and waits. */
  g_assert_cmpuint (f->browser.n_launched, ==, 1);
  g_assert_true (g_str_has_prefix (f->browser.launched_uri, lurk_sim_get_url (f->sim)));
  g_assert_nonnull (strstr (f->browser.launched_uri, "force_verify=true"));
  g_assert_nonnull (strstr (f->browser.launched_uri, "response_type=token"));
  g_assert_cmpstr (lurk_login_window_get_uri (window), ==, f->browser.launched_uri);
  g_assert_cmpstr (lurk_login_window_get_page_name (window), ==, "browser");
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNING_IN);
  g_assert_true (port_is_open (f->port));
  lurk_test_flush ();
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signing-in");
  assert_page_fits (GTK_WINDOW (window));
  screenshot_window (GTK_WINDOW (window), "signin-login-window.png");
  screenshot_window (account_window, "signin-signing-in.png");

  /* "Copy Link", for when no browser opens, copies the same address. */
  gtk_widget_activate_action (GTK_WIDGET (window), "login.copy-link", NULL);
  {
    ClipboardRead read = { 0 };

    gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                   on_clipboard_text, &read);
    lurk_test_wait_for (clipboard_read, &read, "the clipboard");
    g_assert_cmpstr (read.text, ==, f->browser.launched_uri);
    g_free (read.text);
  }

  /* The user clicks Authorize on the consent page. */
  lurk_test_wait_long (page_loaded, &consent, 20, "the consent page");
  g_free (run_script (f, "document.getElementById ('authorize').click (); 'clicked'"));

  /* The redirect page's script hands the fragment to Lurk; Lurk signs in. */
  lurk_test_wait_long (account_signed_in, f->account, 20, "the account to sign in");
  g_assert_cmpstr (lurk_account_get_login (f->account), ==, "lurkdemo");
  g_assert_nonnull (lurk_account_get_access_token (f->account));
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (f->store)), ==, 1);

  /* The login window closed itself, the port is closed, the page says so. */
  lurk_test_flush ();
  g_assert_null (weak);
  g_assert_false (port_is_open (f->port));
  lurk_test_wait_long (page_loaded, &redirect, 10, "the redirect page");
  {
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (g_strcmp0 (title, "Signed in to Lurk") != 0 && g_get_monotonic_time () < deadline)
      {
        g_free (title);
        title = run_script (f, "document.getElementById ('title').textContent");
      }
  }
  g_assert_cmpstr (title, ==, "Signed in to Lurk");
  /* The token left the address bar. */
  address = run_script (f, "window.location.href");
  g_assert_null (strstr (address, "access_token"));

  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signed-in");
  screenshot_window (account_window, "signin-signed-in.png");

  /* Past the 4 hours of a device code token, and the hourly validation: still signed in,
   * with the same token (an implicit grant token has no refresh token and needs none). */
  token = g_strdup (lurk_account_get_access_token (f->account));
  sim_post (f, "/sim/clock", "{\"advance_seconds\": 14460}");
  g_assert_true (validate_now (f));
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_IN);
  g_assert_cmpstr (lurk_account_get_access_token (f->account), ==, token);

  /* When Twitch finally refuses it (60 days at lurk-sim), the user is asked to sign in. */
  sim_post (f, "/sim/clock", "{\"advance_seconds\": 5184000}");
  g_assert_false (validate_now (f));
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_EXPIRED);
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "expired");

  gtk_window_destroy (account_window);
}

static void
test_browser_cancel (Fixture       *f,
                     gconstpointer  data)
{
  LurkLoginWindow *window;
  PageWait consent = { f, lurk_sim_get_url (f->sim) };

  window = g_object_ref (lurk_login_window_new (NULL, f->account, f->port));
  lurk_login_window_set_uri_launcher (window, lurk_test_browser_launch, &f->browser);
  gtk_window_present (GTK_WINDOW (window));
  lurk_login_window_start (window);

  lurk_test_wait_long (page_loaded, &consent, 20, "the consent page");
  g_free (run_script (f, "document.getElementById ('cancel').click (); 'clicked'"));

  /* Twitch's access_denied: "Sign-in cancelled", Try Again, back to signed out; no code
   * offered instead (its token would not outlive 4 hours on a confidential client). */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    while (g_strcmp0 (lurk_login_window_get_page_name (window), "error") != 0
           && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpstr (lurk_login_window_get_page_name (window), ==, "error");
  lurk_test_flush ();
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "Sign-in Cancelled"));
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "Try Again"));
  g_assert_null (lurk_test_find_label (GTK_WIDGET (window), "Open Preferences"));
  g_assert_null (lurk_test_find_label (GTK_WIDGET (window), "Sign in with a Code Instead"));
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_false (port_is_open (f->port));
  lurk_a11y_assert_tree (GTK_WIDGET (window), "the sign-in error page");
  screenshot_window (GTK_WINDOW (window), "signin-login-cancelled.png");

  /* Try Again opens the browser again, on a fresh state. */
  {
    g_autofree char *first = g_strdup (f->browser.launched_uri);

    /* This time as the broadcaster: the broadcaster read scopes are asked for too. */
    g_assert_null (strstr (first, "bits%3Aread"));
    lurk_account_set_broadcaster_scopes (f->account, TRUE);
    gtk_widget_activate_action (GTK_WIDGET (window), "login.retry", NULL);
    g_assert_cmpuint (f->browser.n_launched, ==, 2);
    g_assert_cmpstr (first, !=, f->browser.launched_uri);
    g_assert_nonnull (strstr (f->browser.launched_uri, "bits%3Aread"));
    g_assert_nonnull (strstr (f->browser.launched_uri, "channel%3Aread%3Asubscriptions"));
    g_assert_true (port_is_open (f->port));
    g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNING_IN);
  }

  /* Cancel in the window closes it and the port. */
  gtk_widget_activate_action (GTK_WIDGET (window), "login.cancel", NULL);
  lurk_test_flush ();
  g_assert_false (port_is_open (f->port));
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_OUT);
  lurk_test_wait_finalized (window);
}

static gboolean
text_label_under (GtkWidget  *root,
                  const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (text_label_under (child, text))
      return TRUE;

  return FALSE;
}

static void
test_twitch_error_text (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GUri) authorize = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *url = NULL;
  g_autofree char *state = NULL;
  LurkLoginWindow *window;
  gboolean answered = FALSE;

  window = g_object_ref (lurk_login_window_new (NULL, f->account, f->port));
  lurk_login_window_set_uri_launcher (window, lurk_test_browser_launch, &f->browser);
  gtk_window_present (GTK_WINDOW (window));
  lurk_login_window_start (window);

  /* Twitch sends an error whose description has markup characters. */
  authorize = g_uri_parse (f->browser.launched_uri, G_URI_FLAGS_ENCODED, NULL);
  params = g_uri_parse_params (g_uri_get_query (authorize), -1, "&", G_URI_PARAMS_WWW_FORM,
                               NULL);
  state = g_uri_escape_string (g_hash_table_lookup (params, "state"), NULL, FALSE);
  url = g_strdup_printf ("http://127.0.0.1:%u/auth?error=invalid_request&error_description="
                         "a+%%26+b+%%3Cc%%3E&state=%s", f->port, state);
  message = soup_message_new ("GET", url);
  soup_session_send_and_read_async (f->session, message, G_PRIORITY_DEFAULT, NULL, on_answered,
                                    &answered);
  lurk_test_wait_long (flag_set, &answered, 10, "the redirect server's answer");
  lurk_test_flush ();

  /* Shown as text, not taken for markup. */
  g_assert_cmpstr (lurk_login_window_get_page_name (window), ==, "error");
  g_assert_true (text_label_under (GTK_WIDGET (window),
                                   "Twitch refused the sign-in: a & b <c>"));

  lurk_test_destroy_window (GTK_WINDOW (window));
}

static void
test_busy_port (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSocketService) squatter = g_socket_service_new ();
  g_autoptr(GError) error = NULL;
  LurkLoginWindow *window;

  g_assert_true (g_socket_listener_add_inet_port (G_SOCKET_LISTENER (squatter), (guint16) f->port,
                                                  NULL, &error));

  window = g_object_ref (lurk_login_window_new (NULL, f->account, f->port));
  lurk_login_window_set_uri_launcher (window, lurk_test_browser_launch, &f->browser);
  gtk_window_present (GTK_WINDOW (window));
  lurk_login_window_start (window);
  lurk_test_flush ();

  /* No browser opened for an answer that could not arrive; the error says what to do. */
  g_assert_cmpuint (f->browser.n_launched, ==, 0);
  g_assert_cmpstr (lurk_login_window_get_page_name (window), ==, "error");
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "Cannot Receive Twitch’s Answer"));

  lurk_test_destroy_window (GTK_WINDOW (window));
}

static void
test_present_for_once (Fixture       *f,
                       gconstpointer  data)
{
  LurkLoginWindow *first;
  LurkLoginWindow *second;

  /* What app.sign-in and the account area call: the port comes from the settings. */
  g_settings_set (f->settings, "redirect-port", "q", (guint16) f->port);
  lurk_login_window_set_default_uri_launcher (lurk_test_browser_launch, &f->browser);

  first = g_object_ref (lurk_login_window_present_for (NULL, f->account));
  g_assert_cmpuint (f->browser.n_launched, ==, 1);
  g_assert_true (port_is_open (f->port));
  g_assert_nonnull (strstr (f->browser.launched_uri, "redirect_uri=http%3A%2F%2Flocalhost%3A"));

  /* A second sign-in request raises the running one instead of fighting over the port. */
  second = lurk_login_window_present_for (NULL, f->account);
  g_assert_true (second == first);
  g_assert_cmpuint (f->browser.n_launched, ==, 1);

  lurk_login_window_set_default_uri_launcher (NULL, NULL);
  g_settings_reset (f->settings, "redirect-port");
  gtk_window_close (GTK_WINDOW (first));
  lurk_test_flush ();
  g_assert_false (port_is_open (f->port));
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_OUT);

  lurk_test_wait_finalized (first);
}

static void
test_no_client_id (Fixture       *f,
                   gconstpointer  data)
{
  LurkLoginWindow *window;

  lurk_account_set_endpoints (f->account, NULL, NULL, "");
  window = g_object_ref (lurk_login_window_new (NULL, f->account, 0));
  lurk_login_window_set_uri_launcher (window, lurk_test_browser_launch, &f->browser);
  gtk_window_present (GTK_WINDOW (window));
  lurk_login_window_start (window);
  lurk_test_flush ();

  /* Says what to do instead of asking Twitch something it will refuse. */
  g_assert_cmpstr (lurk_login_window_get_page_name (window), ==, "error");
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "No Twitch Client ID"));
  /* What helps: Preferences, not trying again (issue 18, item 7). */
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (window), "Open Preferences"));
  g_assert_null (lurk_test_find_label (GTK_WIDGET (window), "Try Again"));
  g_assert_cmpuint (f->browser.n_launched, ==, 0);
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_OUT);
  lurk_a11y_assert_tree (GTK_WIDGET (window), "the sign-in window without a client ID");

  lurk_test_destroy_window (GTK_WINDOW (window));
}

static gboolean
device_page_shown (gpointer data)
{
  return g_strcmp0 (lurk_login_window_get_page_name (data), "device") == 0;
}

/* A public client signs in with a device code, the one path the window offers it (the sim
 * refuses it the implicit grant), and stays signed in across the expiry of its access tokens:
 * refreshing needs no secret for a public client. */
static void
test_public_sign_in (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GtkWindow) account_window = NULL;
  g_autofree char *code = NULL;
  g_autofree char *first_token = NULL;
  g_autofree char *second_token = NULL;
  LurkAccountArea *area;
  LurkLoginWindow *window;
  GtkWindow *weak;
  PageWait activate = { f, lurk_sim_get_url (f->sim) };

  account_window = new_account_window (f, &area);
  g_assert_null (lurk_test_find_label (GTK_WIDGET (area), "Sign in with a Code"));

  /* "Sign in with Twitch", as the user clicks it. */
  lurk_login_window_set_default_uri_launcher (lurk_test_browser_launch, &f->browser);
  gtk_widget_activate_action (GTK_WIDGET (area), "account.sign-in", NULL);
  lurk_login_window_set_default_uri_launcher (NULL, NULL);
  window = LURK_LOGIN_WINDOW (lurk_test_find_toplevel (LURK_TYPE_LOGIN_WINDOW));
  g_assert_nonnull (window);
  g_assert_cmpint (lurk_login_window_get_method (window), ==, LURK_SIGN_IN_DEVICE_CODE);
  weak = GTK_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);

  /* The code, large and selectable, with a countdown. */
  lurk_test_wait_long (device_page_shown, window, 10, "the device code page");
  lurk_test_flush ();
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean found_code = FALSE, found_countdown = FALSE;

    lurk_test_collect_widgets (GTK_WIDGET (window), GTK_TYPE_LABEL, labels);
    for (guint i = 0; i < labels->len; i++)
      {
        GtkLabel *label = labels->pdata[i];
        const char *text = gtk_label_get_text (label);

        if (!gtk_widget_get_mapped (GTK_WIDGET (label)))
          continue;
        if (gtk_widget_has_css_class (GTK_WIDGET (label), "user-code"))
          {
            found_code = strlen (text) == 8 && gtk_label_get_selectable (label);
            g_free (code);
            code = g_strdup (text);
          }
        if (g_str_has_prefix (text, "Waiting for approval · code expires in 29:")
            || g_str_has_prefix (text, "Waiting for approval · code expires in 30:"))
          found_countdown = TRUE;
      }
    g_assert_true (found_code);
    g_assert_true (found_countdown);
  }
  assert_page_fits (GTK_WINDOW (window));
  screenshot_window (GTK_WINDOW (window), "signin-device-code.png");

  /* The activation page opened by itself, at verification_uri as Twitch gave it, which
   * carries the code the window shows for comparison. */
  g_assert_cmpuint (f->browser.n_launched, ==, 1);
  {
    g_autofree char *query = g_strconcat ("device-code=", code, NULL);

    g_assert_nonnull (strstr (f->browser.launched_uri, query));
  }

  /* "Open Activation Page" opens it again; the user approves there. */
  gtk_widget_activate_action (GTK_WIDGET (window), "login.open-activation", NULL);
  g_assert_cmpuint (f->browser.n_launched, ==, 2);
  lurk_test_wait_long (page_loaded, &activate, 20, "the activation page");
  g_free (run_script (f, "document.getElementById ('approve').click (); 'clicked'"));

  /* The next poll (5 s at lurk-sim) gets the token. */
  lurk_test_wait_long (account_signed_in, f->account, 20, "the account to sign in");
  lurk_test_flush ();
  g_assert_null (weak);
  g_assert_cmpstr (lurk_account_get_login (f->account), ==, "lurkdemo");
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signed-in");

  /* The access token expires (4 h): the hourly validation refreshes it without a secret. */
  first_token = g_strdup (lurk_account_get_access_token (f->account));
  sim_post (f, "/sim/clock", "{\"advance_seconds\": 14460}");
  g_assert_true (validate_now (f));
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_IN);
  g_assert_cmpstr (lurk_account_get_access_token (f->account), !=, first_token);

  /* And again, with the rotated refresh token (the first one is spent). */
  second_token = g_strdup (lurk_account_get_access_token (f->account));
  sim_post (f, "/sim/clock", "{\"advance_seconds\": 14460}");
  g_assert_true (validate_now (f));
  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_SIGNED_IN);
  g_assert_cmpstr (lurk_account_get_access_token (f->account), !=, second_token);
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "signed-in");

  gtk_window_destroy (account_window);
}

static void
test_expired_area (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GtkWindow) account_window = NULL;
  LurkAccountArea *area;

  account_window = new_account_window (f, &area);

  /* The demo sign-in (device code), a month without Lurk (the refresh token expired after
   * 30 days), then a 401: the refresh is refused. */
  lurk_account_sign_in_demo_async (f->account, lurk_sim_get_url (f->sim), NULL, NULL, NULL);
  lurk_test_wait_long (account_signed_in, f->account, 10, "the demo sign-in");
  sim_post (f, "/sim/clock", "{\"advance_seconds\": 2678400}");
  lurk_account_report_unauthorized (f->account);
  lurk_test_wait_long (account_expired, f->account, 10, "the refresh to be refused");
  lurk_test_flush ();

  g_assert_cmpint (lurk_account_get_state (f->account), ==, LURK_ACCOUNT_EXPIRED);
  g_assert_cmpstr (lurk_account_area_get_page_name (area), ==, "expired");
  g_assert_nonnull (lurk_test_find_label (GTK_WIDGET (area), "Your Twitch Session Ended"));
  screenshot_window (account_window, "signin-expired.png");

  gtk_window_destroy (account_window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* The app's stylesheet (the Twitch button), as AdwApplication would load it. */
  /* Pages switch at once: assertions and screenshots see the final state. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/io/github/lurkapp/Lurk/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_test_add ("/lurk/ui/login-window/new-destroy", Fixture, &confidential_client,
              fixture_set_up, test_new_destroy, fixture_tear_down);
  g_test_add ("/lurk/ui/account-area/new-destroy", Fixture, &public_client, fixture_set_up,
              test_account_area_new_destroy, fixture_tear_down);
  g_test_add ("/lurk/ui/login-window/confidential-sign-in", Fixture, &confidential_client,
              fixture_set_up, test_confidential_sign_in, fixture_tear_down);
  g_test_add ("/lurk/ui/login-window/browser-cancel", Fixture, &confidential_client,
              fixture_set_up, test_browser_cancel, fixture_tear_down);
  g_test_add ("/lurk/ui/login-window/twitch-error-text", Fixture, &confidential_client,
              fixture_set_up, test_twitch_error_text, fixture_tear_down);
  g_test_add ("/lurk/ui/login-window/busy-port", Fixture, &confidential_client, fixture_set_up,
              test_busy_port, fixture_tear_down);
  g_test_add ("/lurk/ui/login-window/no-client-id", Fixture, &public_client, fixture_set_up,
              test_no_client_id, fixture_tear_down);
  g_test_add ("/lurk/ui/login-window/present-for-once", Fixture, &confidential_client,
              fixture_set_up, test_present_for_once, fixture_tear_down);
  g_test_add ("/lurk/ui/login-window/public-sign-in", Fixture, &public_client, fixture_set_up,
              test_public_sign_in, fixture_tear_down);
  g_test_add ("/lurk/ui/account-area/expired", Fixture, &public_client, fixture_set_up,
              test_expired_area, fixture_tear_down);

  return g_test_run ();
}
