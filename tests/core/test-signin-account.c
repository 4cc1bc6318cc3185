/* test-signin-account.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lurk-account.h"
#include "lurk-account-private.h"
#include "lurk-error.h"
#include "lurk-memory-token-store.h"
#include "lurk-profile.h"
#include "lurk-sim.h"
#include "lurk-test-http.h"
#include "lurk-test-sim.h"
#include "lurk-test-wait.h"

/* LurkAccount against lurk-sim, with the in-memory token store: sign-in, validation failure,
 * refresh rotation across a restart, sign-out, keyring failures. */

typedef struct
{
  LurkSim        *sim;
  SoupSession    *session;
  GSettings      *settings;
  LurkTokenStore *store;
  char           *helix_url;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->sim = lurk_test_sim_start ();
  f->helix_url = g_strconcat (lurk_sim_get_url (f->sim), "/helix", NULL);
  f->session = soup_session_new_with_options ("timeout", 10, NULL);
  f->settings = lurk_profile_new_settings ();
  g_settings_reset (f->settings, "signed-in-user-id");
  f->store = lurk_memory_token_store_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->settings);
  g_clear_object (&f->session);
  lurk_sim_stop (f->sim);
  g_clear_object (&f->sim);
  g_free (f->helix_url);
}

static LurkAccount *
new_account (Fixture *f)
{
  LurkAccount *account = lurk_account_new (f->store, f->session, f->settings);

  lurk_account_set_endpoints (account, lurk_sim_get_url (f->sim), f->helix_url,
                              "lurk-sim-client");
  return account;
}

/* Async helpers ------------------------------------------------------------------------- */

/* {sim}/sim/<path>: GET, or POST with a JSON body. Returns the answer's JSON object. */
static JsonObject *
control (Fixture    *f,
         const char *path,
         const char *json)
{
  g_autofree char *url = g_strconcat (lurk_sim_get_url (f->sim), path, NULL);
  g_autoptr(JsonNode) reply
    = lurk_test_http_json_iterate (f->session, json != NULL ? "POST" : "GET", url, json);

  return json_object_ref (json_node_get_object (reply));
}

/* A token the sim issued to lurkdemo, with a refresh token (as the device code grant gives). */
static LurkOAuthToken *
mint_token (Fixture *f)
{
  g_autoptr(JsonObject) minted = control (f, "/sim/tokens",
                                          "{\"login\":\"lurkdemo\",\"scopes\":[\"user:read:chat\"]}");
  LurkOAuthToken *token = g_new0 (LurkOAuthToken, 1);

  token->access_token = g_strdup (json_object_get_string_member (minted, "access_token"));
  token->refresh_token = g_strdup (json_object_get_string_member (minted, "refresh_token"));
  token->token_type = g_strdup ("bearer");
  token->expires_in = 14400;

  return token;
}

/* A token without refresh token, as a confidential client's implicit grant gives. */
static LurkOAuthToken *
mint_implicit_token (Fixture *f)
{
  LurkOAuthToken *token = mint_token (f);

  g_clear_pointer (&token->refresh_token, lurk_secret_free);
  return token;
}

/* Whether the sim still accepts @access_token (GET /sim/tokens). */
static gboolean
sim_token_valid (Fixture    *f,
                 const char *access_token)
{
  g_autoptr(JsonObject) list = control (f, "/sim/tokens", NULL);
  JsonArray *data = json_object_get_array_member (list, "data");

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *token = json_array_get_object_element (data, i);

      if (g_strcmp0 (json_object_get_string_member (token, "access_token"), access_token) == 0)
        return json_object_get_boolean_member (token, "valid");
    }

  g_error ("The sim does not know this token");
  return FALSE;
}

static void
sign_in (Fixture        *f,
         LurkAccount    *account,
         LurkOAuthToken *token)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  lurk_account_complete_sign_in_async (account, token, NULL, lurk_test_store_result, &wait);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNING_IN);
  g_assert_true (
    lurk_account_complete_sign_in_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait);
}

static LurkToken *
stored_token (Fixture    *f,
              const char *user_id)
{
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;
  LurkToken *token;

  lurk_token_store_load_async (f->store, user_id, NULL, lurk_test_store_result, &wait);
  token = lurk_token_store_load_finish (f->store, lurk_test_wait_result (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait);

  return token;
}

/* Tests --------------------------------------------------------------------------------- */

static void
count (guint *counter)
{
  (*counter)++;
}

static void
test_new_destroy (Fixture       *f,
                  gconstpointer  data)
{
  LurkAccount *account = new_account (f);

  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_null (lurk_account_get_access_token (account));
  g_assert_finalize_object (account);
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(LurkToken) stored = NULL;

  sign_in (f, account, token);

  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_IN);
  g_assert_cmpstr (lurk_account_get_login (account), ==, "lurkdemo");
  g_assert_cmpstr (lurk_account_get_user_id (account), ==, LURK_SIM_DEMO_USER_ID);
  g_assert_nonnull (lurk_account_get_display_name (account));
  g_assert_nonnull (lurk_account_get_avatar_url (account));
  g_assert_cmpstr (lurk_account_get_access_token (account), ==, token->access_token);

  /* In the store (the keyring in the app), named by the settings. */
  {
    g_autofree char *user_id = g_settings_get_string (f->settings, "signed-in-user-id");

    g_assert_cmpstr (user_id, ==, LURK_SIM_DEMO_USER_ID);
  }
  stored = stored_token (f, LURK_SIM_DEMO_USER_ID);
  g_assert_nonnull (stored);
  g_assert_cmpstr (lurk_token_get_access_token (stored), ==, token->access_token);
  g_assert_cmpstr (lurk_token_get_refresh_token (stored), ==, token->refresh_token);
  g_assert_cmpstr (lurk_token_get_login (stored), ==, "lurkdemo");
  g_assert_cmpstr (lurk_token_get_client_id (stored), ==, "lurk-sim-client");
}

static void
test_wrong_client (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  /* A token issued to another application is refused (token substitution). */
  lurk_account_set_endpoints (account, NULL, NULL, "another-client");
  lurk_account_complete_sign_in_async (account, token, NULL, lurk_test_store_result, &wait);
  g_assert_false (
    lurk_account_complete_sign_in_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (f->store)), ==, 0);
  g_clear_object (&wait);
}

static void
test_client_id_changed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkAccount) restarted = NULL;
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  sign_in (f, account, token);

  /* The client ID setting changed between two runs: the stored token is not usable. */
  restarted = new_account (f);
  lurk_account_set_endpoints (restarted, NULL, NULL, "another-client");
  lurk_account_load_async (restarted, NULL, lurk_test_store_result, &wait);
  g_assert_true (lurk_account_load_finish (restarted, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lurk_account_get_state (restarted), ==, LURK_ACCOUNT_EXPIRED);
  g_assert_null (lurk_account_get_access_token (restarted));
  g_clear_object (&wait);
}

static void
test_client_id_changed_offline (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkAccount) restarted = NULL;
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  sign_in (f, account, token);

  /* Another client ID, and the validation host does not answer: the stored token is still
   * not kept for Helix and EventSub (an offline start keeps a token it could not check). */
  restarted = new_account (f);
  lurk_account_set_endpoints (restarted, "http://127.0.0.1:9", NULL, "another-client");
  lurk_account_load_async (restarted, NULL, lurk_test_store_result, &wait);
  g_assert_true (lurk_account_load_finish (restarted, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lurk_account_get_state (restarted), ==, LURK_ACCOUNT_EXPIRED);
  g_assert_null (lurk_account_get_access_token (restarted));
  g_clear_object (&wait);
}

static void
test_demo_sign_in (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LurkAccount) account = lurk_account_new (f->store, f->session, f->settings);
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  lurk_account_sign_in_demo_async (account, lurk_sim_get_url (f->sim), NULL, lurk_test_store_result,
                                   &wait);
  g_assert_true (lurk_account_sign_in_demo_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_IN);
  g_assert_cmpstr (lurk_account_get_login (account), ==, "lurkdemo");
  g_assert_true (sim_token_valid (f, lurk_account_get_access_token (account)));
  g_clear_object (&wait);
}

static void
test_validate_failure_expires (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_implicit_token (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) reply = NULL;
  guint token_changes = 0;
  GAsyncResult *wait = NULL;

  /* The implicit grant gives no refresh token. */
  sign_in (f, account, token);

  json = g_strdup_printf ("{\"token\":\"%s\"}", lurk_account_get_access_token (account));
  reply = control (f, "/sim/tokens/expire", json);
  g_assert_cmpint (json_object_get_int_member (reply, "expired"), ==, 1);

  g_signal_connect_swapped (account, "token-changed", G_CALLBACK (count), &token_changes);

  lurk_account_validate_async (account, NULL, lurk_test_store_result, &wait);
  g_assert_false (lurk_account_validate_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_EXPIRED);
  g_assert_null (lurk_account_get_access_token (account));
  /* Who it was stays, for "Sign in again". */
  g_assert_cmpstr (lurk_account_get_login (account), ==, "lurkdemo");
  /* The listener hears about it. */
  g_assert_cmpuint (token_changes, ==, 1);
  g_clear_object (&wait);
}

static gboolean
is_expired (LurkAccount *account)
{
  return lurk_account_get_state (account) == LURK_ACCOUNT_EXPIRED;
}

static void
test_periodic_validation (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_implicit_token (f);
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) reply = NULL;
  gint64 deadline;

  /* Hourly in the app; every second here. An implicit grant token: no refresh. */
  _lurk_account_set_validate_interval (account, 1);
  sign_in (f, account, token);

  /* Twitch ends the session while nothing else talks to it: the timer notices. */
  json = g_strdup_printf ("{\"token\":\"%s\"}", lurk_account_get_access_token (account));
  reply = control (f, "/sim/tokens/revoke", json);
  g_assert_cmpint (json_object_get_int_member (reply, "revoked"), ==, 1);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!is_expired (account) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_EXPIRED);
}

static void
test_report_unauthorized_without_refresh (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_implicit_token (f);

  sign_in (f, account, token);

  /* Helix or EventSub got a 401: no refresh token, so the session ends at once. */
  lurk_account_report_unauthorized (account);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_EXPIRED);
}

typedef struct
{
  Fixture *f;
  char    *stored_refresh;
  char    *stored_access;
  char    *used_access;
} Rotation;

static void
on_rotated_token_changed (LurkAccount *account,
                          Rotation    *rotation)
{
  g_autoptr(LurkToken) stored = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  /* At the moment the new access token is handed out, the store already holds it and the
   * rotated refresh token. */
  lurk_token_store_load_async (rotation->f->store, LURK_SIM_DEMO_USER_ID, NULL,
                               lurk_test_store_result, &wait);
  stored = lurk_token_store_load_finish (rotation->f->store, lurk_test_wait_result (&wait), &error);
  g_assert_no_error (error);
  g_clear_object (&wait);

  g_free (rotation->stored_refresh);
  g_free (rotation->stored_access);
  g_free (rotation->used_access);
  rotation->stored_refresh = g_strdup (lurk_token_get_refresh_token (stored));
  rotation->stored_access = g_strdup (lurk_token_get_access_token (stored));
  rotation->used_access = g_strdup (lurk_account_get_access_token (account));
}

static void
test_refresh_rotation_survives_restart (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkAccount) restarted = NULL;
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *first_access = NULL;
  g_autofree char *second_access = NULL;
  g_autoptr(LurkToken) stored = NULL;
  g_autoptr(JsonObject) reply = NULL;
  Rotation rotation = { f };
  GAsyncResult *wait = NULL;

  sign_in (f, account, token);
  first_access = g_strdup (lurk_account_get_access_token (account));

  /* Twitch ends the access token: validation gets 401 and refreshes. */
  json = g_strdup_printf ("{\"token\":\"%s\"}", first_access);
  reply = control (f, "/sim/tokens/expire", json);
  g_signal_connect (account, "token-changed", G_CALLBACK (on_rotated_token_changed), &rotation);

  lurk_account_validate_async (account, NULL, lurk_test_store_result, &wait);
  g_assert_true (lurk_account_validate_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait);

  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_IN);
  g_assert_cmpstr (lurk_account_get_access_token (account), !=, first_access);
  g_assert_true (sim_token_valid (f, lurk_account_get_access_token (account)));
  g_assert_nonnull (rotation.used_access);
  g_assert_cmpstr (rotation.stored_access, ==, rotation.used_access);
  g_assert_nonnull (rotation.stored_refresh);
  g_assert_cmpstr (rotation.stored_refresh, !=, token->refresh_token);

  /* A restart: a new account on the same store and settings. */
  g_clear_object (&account);
  restarted = new_account (f);
  lurk_account_load_async (restarted, NULL, lurk_test_store_result, &wait);
  g_assert_true (lurk_account_load_finish (restarted, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait);
  g_assert_cmpint (lurk_account_get_state (restarted), ==, LURK_ACCOUNT_SIGNED_IN);
  g_assert_cmpstr (lurk_account_get_access_token (restarted), ==, rotation.used_access);
  g_assert_cmpstr (lurk_account_get_login (restarted), ==, "lurkdemo");

  /* The stored refresh token is the live one: it refreshes again after the restart (the
   * spent one would be refused). */
  g_free (json);
  json = g_strdup_printf ("{\"token\":\"%s\"}", rotation.used_access);
  g_clear_pointer (&reply, json_object_unref);
  reply = control (f, "/sim/tokens/expire", json);
  lurk_account_report_unauthorized (restarted);
  while (g_strcmp0 (lurk_account_get_access_token (restarted), rotation.used_access) == 0
         && lurk_account_get_state (restarted) == LURK_ACCOUNT_SIGNED_IN)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lurk_account_get_state (restarted), ==, LURK_ACCOUNT_SIGNED_IN);
  second_access = g_strdup (lurk_account_get_access_token (restarted));
  g_assert_true (sim_token_valid (f, second_access));

  stored = stored_token (f, LURK_SIM_DEMO_USER_ID);
  g_assert_cmpstr (lurk_token_get_access_token (stored), ==, second_access);

  g_free (rotation.stored_refresh);
  g_free (rotation.stored_access);
  g_free (rotation.used_access);
}

static void
test_refresh_refused_expires (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) spent = mint_token (f);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonObject) reply = NULL;
  GAsyncResult *wait = NULL;

  /* The refresh token is no good (spent elsewhere): the session ends. */
  g_free (spent->refresh_token);
  spent->refresh_token = g_strdup ("not0a0refresh0token0000000000");
  sign_in (f, account, spent);

  json = g_strdup_printf ("{\"token\":\"%s\"}", spent->access_token);
  reply = control (f, "/sim/tokens/expire", json);
  g_assert_cmpint (json_object_get_int_member (reply, "expired"), ==, 1);
  lurk_account_validate_async (account, NULL, lurk_test_store_result, &wait);
  g_assert_false (lurk_account_validate_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_UNAUTHORIZED);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_EXPIRED);
  g_clear_object (&wait);
}

/* The token issued to lurkdemo that is neither the pre-issued demo token nor @known. */
static char *
find_other_token (Fixture    *f,
                  const char *known)
{
  g_autoptr(JsonObject) list = control (f, "/sim/tokens", NULL);
  JsonArray *data = json_object_get_array_member (list, "data");
  char *found = NULL;

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *token = json_array_get_object_element (data, i);
      const char *access_token = json_object_get_string_member (token, "access_token");

      if (g_strcmp0 (json_object_get_string_member (token, "user_id"), LURK_SIM_DEMO_USER_ID) != 0
          || g_strcmp0 (access_token, LURK_SIM_DEMO_TOKEN) == 0
          || g_strcmp0 (access_token, known) == 0)
        continue;
      g_assert_null (found);
      found = g_strdup (access_token);
    }

  return found;
}

/* A refresh whose answer was lost: Twitch rotated the pair (the old access token and refresh
 * token are spent) but the connection dropped before the answer. Sending the spent refresh
 * token again would make Twitch revoke every token of the authorization and its EventSub
 * subscriptions (twitchdev/issues #903; lurk-sim does so). Lurk validates instead and, the
 * access token being dead, asks to sign in again, and never sends that refresh token again:
 * not at the next validations, not after a restart. */
static void
test_refresh_answer_lost (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkAccount) restarted = NULL;
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(JsonObject) reply = NULL;
  g_autoptr(LurkToken) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *issued = NULL;
  gint64 deadline;
  GAsyncResult *wait = NULL;

  /* Validation every second here (hourly in the app): whatever it would resend, it does. */
  _lurk_account_set_validate_interval (account, 1);
  sign_in (f, account, token);

  reply = control (f, "/sim/oauth/lose", "{\"path\":\"/token\",\"count\":1}");
  g_assert_cmpint (json_object_get_int_member (reply, "count"), ==, 1);

  /* Helix got a 401: a refresh starts, and its answer is lost. */
  lurk_account_report_unauthorized (account);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!is_expired (account) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_EXPIRED);
  g_assert_cmpstr (lurk_account_get_login (account), ==, "lurkdemo");

  /* A few validation periods later, the pair Twitch issued in the lost answer still stands:
   * the spent refresh token was not sent again. */
  deadline = g_get_monotonic_time () + 2500 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  issued = find_other_token (f, token->access_token);
  g_assert_nonnull (issued);
  g_assert_true (sim_token_valid (f, issued));
  g_assert_false (sim_token_valid (f, token->access_token));

  /* The keyring no longer holds it, so a restart cannot send it either. */
  stored = stored_token (f, LURK_SIM_DEMO_USER_ID);
  g_assert_nonnull (stored);
  g_assert_null (lurk_token_get_refresh_token (stored));
  restarted = new_account (f);
  lurk_account_load_async (restarted, NULL, lurk_test_store_result, &wait);
  g_assert_true (lurk_account_load_finish (restarted, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait);
  g_assert_cmpint (lurk_account_get_state (restarted), ==, LURK_ACCOUNT_EXPIRED);
  g_assert_true (sim_token_valid (f, issued));
}

static void
test_sign_out (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(LurkToken) stored = NULL;
  g_autofree char *user_id = NULL;
  GAsyncResult *wait = NULL;

  sign_in (f, account, token);
  g_assert_true (sim_token_valid (f, token->access_token));
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (f->store)), ==, 1);

  lurk_account_sign_out_async (account, NULL, lurk_test_store_result, &wait);
  /* Signed out at once: nothing keeps using the token while it is revoked. */
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_null (lurk_account_get_access_token (account));
  g_assert_true (lurk_account_sign_out_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait);

  /* Revoked at Twitch, gone from the keyring and the settings. */
  g_assert_false (sim_token_valid (f, token->access_token));
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (f->store)), ==, 0);
  stored = stored_token (f, LURK_SIM_DEMO_USER_ID);
  g_assert_null (stored);
  user_id = g_settings_get_string (f->settings, "signed-in-user-id");
  g_assert_cmpstr (user_id, ==, "");
  g_assert_null (lurk_account_get_login (account));

  /* And a restart stays signed out. */
  {
    g_autoptr(LurkAccount) restarted = new_account (f);

    lurk_account_load_async (restarted, NULL, lurk_test_store_result, &wait);
    g_assert_true (lurk_account_load_finish (restarted, lurk_test_wait_result (&wait), &error));
    g_assert_cmpint (lurk_account_get_state (restarted), ==, LURK_ACCOUNT_SIGNED_OUT);
    g_clear_object (&wait);
  }
}

/* Lurk quits (its operations are cancelled) while Twitch has not answered the revoke yet: the
 * next start must not find the token and sign back in. */
static void
test_sign_out_then_quit (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkAccount) restarted = NULL;
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GCancellable) quitting = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  sign_in (f, account, token);
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (f->store)), ==, 1);

  lurk_account_sign_out_async (account, quitting, lurk_test_store_result, &wait);
  g_cancellable_cancel (quitting);
  lurk_account_sign_out_finish (account, lurk_test_wait_result (&wait), NULL);
  g_clear_object (&wait);

  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (f->store)), ==, 0);
  restarted = new_account (f);
  lurk_account_load_async (restarted, NULL, lurk_test_store_result, &wait);
  g_assert_true (lurk_account_load_finish (restarted, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lurk_account_get_state (restarted), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_clear_object (&wait);
}

static void
test_sign_out_during_refresh (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;
  gint64 end;

  sign_in (f, account, token);

  /* A 401 starts a refresh; the user signs out before it is back. */
  lurk_account_report_unauthorized (account);
  lurk_account_sign_out_async (account, NULL, lurk_test_store_result, &wait);
  g_assert_true (lurk_account_sign_out_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_no_error (error);
  g_clear_object (&wait);

  end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);

  /* The refresh did not bring the session (or its secret) back. */
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_null (lurk_account_get_access_token (account));
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (f->store)), ==, 0);
}

static void
test_resign_in_keyring_failure (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) first = mint_token (f);
  g_autoptr(LurkOAuthToken) second = mint_token (f);
  g_autoptr(GError) locked = g_error_new (LURK_ERROR, LURK_ERROR_KEYRING, "Locked");
  g_autoptr(GError) error = NULL;
  guint token_changes = 0;
  GAsyncResult *wait = NULL;

  sign_in (f, account, first);
  g_signal_connect_swapped (account, "token-changed", G_CALLBACK (count), &token_changes);

  /* Signing in again while the keyring fails: no half session is left behind. */
  lurk_memory_token_store_set_error (LURK_MEMORY_TOKEN_STORE (f->store), locked);
  lurk_account_complete_sign_in_async (account, second, NULL, lurk_test_store_result, &wait);
  g_assert_false (
    lurk_account_complete_sign_in_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
  g_clear_object (&wait);

  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_null (lurk_account_get_access_token (account));
  g_assert_null (lurk_account_get_login (account));
  g_assert_cmpuint (token_changes, >=, 1);
}

static void
test_keyring_errors (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LurkAccount) account = new_account (f);
  g_autoptr(LurkOAuthToken) token = mint_token (f);
  g_autoptr(GError) locked = g_error_new (LURK_ERROR, LURK_ERROR_KEYRING,
                                          "The keyring is locked: unlock it to sign in");
  g_autoptr(GError) error = NULL;
  GAsyncResult *wait = NULL;

  lurk_memory_token_store_set_error (LURK_MEMORY_TOKEN_STORE (f->store), locked);

  /* No plaintext fallback: the sign-in fails and says why. */
  lurk_account_complete_sign_in_async (account, token, NULL, lurk_test_store_result, &wait);
  g_assert_false (
    lurk_account_complete_sign_in_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
  g_clear_object (&wait);
  g_clear_error (&error);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_null (lurk_account_get_access_token (account));
  g_assert_cmpstr (lurk_account_get_error_message (account), ==, locked->message);

  /* At startup too. */
  g_settings_set_string (f->settings, "signed-in-user-id", LURK_SIM_DEMO_USER_ID);
  lurk_account_load_async (account, NULL, lurk_test_store_result, &wait);
  g_assert_false (lurk_account_load_finish (account, lurk_test_wait_result (&wait), &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
  g_assert_cmpint (lurk_account_get_state (account), ==, LURK_ACCOUNT_SIGNED_OUT);
  g_assert_cmpstr (lurk_account_get_error_message (account), ==, locked->message);
  g_clear_object (&wait);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/lurk/signin/account/new-destroy", Fixture, NULL, fixture_set_up,
              test_new_destroy, fixture_tear_down);
  g_test_add ("/lurk/signin/account/sign-in", Fixture, NULL, fixture_set_up, test_sign_in,
              fixture_tear_down);
  g_test_add ("/lurk/signin/account/wrong-client", Fixture, NULL, fixture_set_up,
              test_wrong_client, fixture_tear_down);
  g_test_add ("/lurk/signin/account/client-id-changed", Fixture, NULL, fixture_set_up,
              test_client_id_changed, fixture_tear_down);
  g_test_add ("/lurk/signin/account/client-id-changed-offline", Fixture, NULL, fixture_set_up,
              test_client_id_changed_offline, fixture_tear_down);
  g_test_add ("/lurk/signin/account/demo", Fixture, NULL, fixture_set_up, test_demo_sign_in,
              fixture_tear_down);
  g_test_add ("/lurk/signin/account/validate-failure-expires", Fixture, NULL, fixture_set_up,
              test_validate_failure_expires, fixture_tear_down);
  g_test_add ("/lurk/signin/account/periodic-validation", Fixture, NULL, fixture_set_up,
              test_periodic_validation, fixture_tear_down);
  g_test_add ("/lurk/signin/account/unauthorized-without-refresh", Fixture, NULL,
              fixture_set_up, test_report_unauthorized_without_refresh, fixture_tear_down);
  g_test_add ("/lurk/signin/account/refresh-rotation-survives-restart", Fixture, NULL,
              fixture_set_up, test_refresh_rotation_survives_restart, fixture_tear_down);
  g_test_add ("/lurk/signin/account/refresh-refused-expires", Fixture, NULL, fixture_set_up,
              test_refresh_refused_expires, fixture_tear_down);
  g_test_add ("/lurk/signin/account/refresh-answer-lost", Fixture, NULL, fixture_set_up,
              test_refresh_answer_lost, fixture_tear_down);
  g_test_add ("/lurk/signin/account/sign-out", Fixture, NULL, fixture_set_up, test_sign_out,
              fixture_tear_down);
  g_test_add ("/lurk/signin/account/sign-out-then-quit", Fixture, NULL, fixture_set_up,
              test_sign_out_then_quit, fixture_tear_down);
  g_test_add ("/lurk/signin/account/sign-out-during-refresh", Fixture, NULL, fixture_set_up,
              test_sign_out_during_refresh, fixture_tear_down);
  g_test_add ("/lurk/signin/account/re-sign-in-keyring-failure", Fixture, NULL,
              fixture_set_up, test_resign_in_keyring_failure, fixture_tear_down);
  g_test_add ("/lurk/signin/account/keyring-errors", Fixture, NULL, fixture_set_up,
              test_keyring_errors, fixture_tear_down);

  return g_test_run ();
}
