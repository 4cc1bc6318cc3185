/* test-token-store.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LurkToken and the token stores. The /lurk/token-store/keyring/ cases talk to a real
 * Secret Service: meson runs them as the 'keyring' suite, inside build-aux/test-session.sh
 * (a throwaway unlocked gnome-keyring on a private D-Bus session bus).
 */

#include "config.h"

#include <libsecret/secret.h>
#include <locale.h>

#include "lurk-error.h"
#include "lurk-memory-token-store.h"
#include "lurk-profile.h"
#include "lurk-secret-token-store.h"
#include "lurk-test-wait.h"
#include "lurk-token.h"

static const char * const alice_scopes[] = { "user:read:chat", "moderator:read:followers",
                                             NULL };

static LurkToken *
make_alice (void)
{
  LurkToken *token = lurk_token_new ("141981764", "alice", "client-abc", "access-AAAA-secret");

  lurk_token_set_display_name (token, "Alïce ✨");
  lurk_token_set_profile_image_url (token, "https://static-cdn.jtvnw.net/alice-300x300.png");
  lurk_token_set_refresh_token (token, "refresh-RRRR-secret");
  lurk_token_set_expires_at (token, 1795000000);
  lurk_token_set_scopes (token, alice_scopes);

  return token;
}

static void
assert_same_token (LurkToken *a,
                   LurkToken *b)
{
  g_assert_cmpstr (lurk_token_get_user_id (a), ==, lurk_token_get_user_id (b));
  g_assert_cmpstr (lurk_token_get_login (a), ==, lurk_token_get_login (b));
  g_assert_cmpstr (lurk_token_get_display_name (a), ==, lurk_token_get_display_name (b));
  g_assert_cmpstr (lurk_token_get_profile_image_url (a), ==,
                   lurk_token_get_profile_image_url (b));
  g_assert_cmpstr (lurk_token_get_client_id (a), ==, lurk_token_get_client_id (b));
  g_assert_cmpstr (lurk_token_get_access_token (a), ==, lurk_token_get_access_token (b));
  g_assert_cmpstr (lurk_token_get_refresh_token (a), ==, lurk_token_get_refresh_token (b));
  g_assert_cmpint (lurk_token_get_expires_at (a), ==, lurk_token_get_expires_at (b));
  g_assert_cmpstrv (lurk_token_get_scopes (a), lurk_token_get_scopes (b));
}

/* LurkToken */

static void
test_token_new_destroy (void)
{
  LurkToken *token = make_alice ();
  LurkToken *copy = lurk_token_copy (token);

  assert_same_token (token, copy);
  g_assert_true (lurk_token_has_scope (token, "user:read:chat"));
  g_assert_false (lurk_token_has_scope (token, "channel:read:subscriptions"));
  g_assert_false (lurk_token_is_expired (token, 1794999999));
  g_assert_true (lurk_token_is_expired (token, 1795000000));

  /* Refresh rotation: the copy is independent. */
  lurk_token_set_access_token (copy, "access-BBBB");
  lurk_token_set_refresh_token (copy, NULL);
  lurk_token_set_expires_at (copy, 0);
  g_assert_cmpstr (lurk_token_get_access_token (token), ==, "access-AAAA-secret");
  g_assert_cmpstr (lurk_token_get_refresh_token (token), ==, "refresh-RRRR-secret");
  g_assert_null (lurk_token_get_refresh_token (copy));
  g_assert_false (lurk_token_is_expired (copy, G_MAXINT64));

  g_assert_finalize_object (copy);
  g_assert_finalize_object (token);
}

static void
test_token_json_round_trip (void)
{
  g_autoptr(LurkToken) token = make_alice ();
  g_autoptr(LurkToken) back = NULL;
  g_autoptr(LurkToken) minimal = lurk_token_new ("42", NULL, NULL, "tok\"en\\with\nquotes");
  g_autoptr(LurkToken) minimal_back = NULL;
  g_autoptr(GError) error = NULL;
  char *json = lurk_token_to_json (token);

  g_assert_nonnull (strstr (json, "\"access_token\""));
  back = lurk_token_new_from_json (json, &error);
  lurk_secret_free (json);
  g_assert_no_error (error);
  assert_same_token (token, back);

  /* Implicit grant: no refresh token, no expiry, no scopes, awkward characters. */
  json = lurk_token_to_json (minimal);
  minimal_back = lurk_token_new_from_json (json, &error);
  lurk_secret_free (json);
  g_assert_no_error (error);
  assert_same_token (minimal, minimal_back);
  g_assert_null (lurk_token_get_refresh_token (minimal_back));
  g_assert_cmpuint (g_strv_length ((char **) lurk_token_get_scopes (minimal_back)), ==, 0);
}

static void
test_token_json_damaged (void)
{
  static const char * const damaged[] = {
    "",
    "null",
    "[\"access_token\"]",
    "{\"user_id\":\"1\"}",                                      /* no access token */
    "{\"user_id\":\"\",\"access_token\":\"x\"}",                /* empty user id */
    "{\"user_id\":1,\"access_token\":\"x\"}",                   /* wrong type */
    "{\"user_id\":\"1\",\"access_token\":\"x\",\"login\":[]}",  /* wrong type */
    "{\"user_id\":\"1\",\"access_token\":\"SECRET-in-a-truncated-secr",
  };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LurkToken) token = lurk_token_new_from_json (damaged[i], &error);

      g_test_message ("%s", damaged[i]);
      g_assert_null (token);
      g_assert_error (error, LURK_ERROR, LURK_ERROR_MALFORMED);
      g_assert_nonnull (strstr (error->message, "Sign in again"));
      /* The message never quotes the secret. */
      g_assert_null (strstr (error->message, "SECRET"));
    }

  {
    /* Extra and future members are ignored, wrong optional ones dropped. */
    g_autoptr(GError) error = NULL;
    g_autoptr(LurkToken) token = lurk_token_new_from_json (
      "{\"version\":2,\"user_id\":\"7\",\"access_token\":\"x\",\"expires_at\":\"soon\","
      "\"scopes\":[\"a\",3,null,\"b\"],\"future\":{}}", &error);
    const char * const expected[] = { "a", "b", NULL };

    g_assert_no_error (error);
    g_assert_cmpint (lurk_token_get_expires_at (token), ==, 0);
    g_assert_cmpstrv (lurk_token_get_scopes (token), expected);
  }
}

/* Stores */

static gboolean
store_sync (LurkTokenStore  *store,
            LurkToken       *token,
            GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lurk_token_store_store_async (store, token, NULL, lurk_test_store_result, &result);
  return lurk_token_store_store_finish (store, lurk_test_wait_result (&result), error);
}

static LurkToken *
load_sync (LurkTokenStore  *store,
           const char      *user_id,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lurk_token_store_load_async (store, user_id, NULL, lurk_test_store_result, &result);
  return lurk_token_store_load_finish (store, lurk_test_wait_result (&result), error);
}

static LurkToken *
load_any_sync (LurkTokenStore  *store,
               GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lurk_token_store_load_any_async (store, NULL, lurk_test_store_result, &result);
  return lurk_token_store_load_any_finish (store, lurk_test_wait_result (&result), error);
}

static gboolean
delete_sync (LurkTokenStore  *store,
             const char      *user_id,
             GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  lurk_token_store_delete_async (store, user_id, NULL, lurk_test_store_result, &result);
  return lurk_token_store_delete_finish (store, lurk_test_wait_result (&result), error);
}

/* What every store must do, memory or keyring. */
static void
check_store_round_trip (LurkTokenStore *store,
                        const char     *user_id,
                        gboolean        exclusive)
{
  g_autoptr(LurkToken) alice = make_alice ();
  g_autoptr(LurkToken) bob = lurk_token_new ("900000001", "bob", "client-abc", "access-bob");
  g_autoptr(LurkToken) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* Use the given user id so that runs against a real keyring never collide. */
  {
    g_autofree char *json = lurk_token_to_json (alice);
    g_autofree char *renamed = NULL;
    g_autoptr(GString) s = g_string_new (json);

    g_string_replace (s, "141981764", user_id, 0);
    renamed = g_string_free (g_steal_pointer (&s), FALSE);
    g_clear_object (&alice);
    alice = lurk_token_new_from_json (renamed, &error);
    g_assert_no_error (error);
    lurk_secret_free (g_steal_pointer (&json));
  }

  /* Nobody yet. */
  loaded = load_sync (store, user_id, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  g_assert_true (store_sync (store, alice, &error));
  g_assert_no_error (error);

  loaded = load_sync (store, user_id, &error);
  g_assert_no_error (error);
  assert_same_token (alice, loaded);
  g_clear_object (&loaded);

  /* The signed-in user (in the shared test keyring other tests may sign in meanwhile). */
  loaded = load_any_sync (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  if (exclusive)
    assert_same_token (alice, loaded);
  g_clear_object (&loaded);

  /* Another user does not overwrite the first. */
  g_assert_true (store_sync (store, bob, &error));
  g_assert_no_error (error);
  loaded = load_sync (store, user_id, &error);
  g_assert_no_error (error);
  assert_same_token (alice, loaded);
  g_clear_object (&loaded);

  /* Refresh rotation replaces the secret, it does not add one. */
  lurk_token_set_access_token (alice, "access-rotated");
  lurk_token_set_refresh_token (alice, "refresh-rotated");
  g_assert_true (store_sync (store, alice, &error));
  g_assert_no_error (error);
  loaded = load_sync (store, user_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lurk_token_get_access_token (loaded), ==, "access-rotated");
  g_assert_cmpstr (lurk_token_get_refresh_token (loaded), ==, "refresh-rotated");
  g_clear_object (&loaded);

  /* Sign-out deletes; deleting again is fine. */
  g_assert_true (delete_sync (store, user_id, &error));
  g_assert_no_error (error);
  g_assert_true (delete_sync (store, user_id, &error));
  g_assert_no_error (error);
  loaded = load_sync (store, user_id, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  loaded = load_sync (store, "900000001", &error);
  g_assert_no_error (error);
  assert_same_token (bob, loaded);
  g_clear_object (&loaded);
  g_assert_true (delete_sync (store, "900000001", &error));
  g_assert_no_error (error);
}

static void
test_memory_new_destroy (void)
{
  LurkTokenStore *store = lurk_memory_token_store_new ();

  g_assert_true (LURK_IS_TOKEN_STORE (store));
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (store)), ==, 0);
  g_assert_finalize_object (store);
}

static void
test_memory_round_trip (void)
{
  g_autoptr(LurkTokenStore) store = lurk_memory_token_store_new ();
  g_autoptr(LurkToken) alice = make_alice ();
  g_autoptr(LurkToken) loaded = NULL;
  g_autoptr(GError) error = NULL;

  check_store_round_trip (store, "141981764", TRUE);
  g_assert_cmpuint (lurk_memory_token_store_get_size (LURK_MEMORY_TOKEN_STORE (store)), ==, 0);

  /* Nobody signed in. */
  loaded = load_any_sync (store, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  /* Several: the latest stored is the signed-in one. */
  {
    g_autoptr(LurkToken) bob = lurk_token_new ("900000001", "bob", NULL, "access-bob");

    g_assert_true (store_sync (store, bob, &error));
    g_assert_true (store_sync (store, alice, &error));
    loaded = load_any_sync (store, &error);
    g_assert_cmpstr (lurk_token_get_login (loaded), ==, "alice");
    g_clear_object (&loaded);
    g_assert_true (store_sync (store, bob, &error));
    loaded = load_any_sync (store, &error);
    g_assert_cmpstr (lurk_token_get_login (loaded), ==, "bob");
    g_clear_object (&loaded);
    g_assert_true (delete_sync (store, "900000001", &error));
    g_assert_true (delete_sync (store, "141981764", &error));
    g_assert_no_error (error);
  }

  /* The store keeps its own copy. */
  g_assert_true (store_sync (store, alice, &error));
  lurk_token_set_access_token (alice, "changed-after-storing");
  loaded = load_any_sync (store, &error);
  g_assert_cmpstr (lurk_token_get_access_token (loaded), ==, "access-AAAA-secret");
}

static void
test_memory_failing (void)
{
  g_autoptr(LurkTokenStore) store = lurk_memory_token_store_new ();
  g_autoptr(LurkToken) alice = make_alice ();
  g_autoptr(LurkToken) loaded = NULL;
  g_autoptr(GError) locked = g_error_new_literal (LURK_ERROR, LURK_ERROR_KEYRING,
                                                  "The keyring is locked");
  g_autoptr(GError) error = NULL;

  g_assert_true (store_sync (store, alice, &error));

  lurk_memory_token_store_set_error (LURK_MEMORY_TOKEN_STORE (store), locked);
  g_assert_false (store_sync (store, alice, &error));
  g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
  g_clear_error (&error);
  loaded = load_any_sync (store, &error);
  g_assert_null (loaded);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
  g_clear_error (&error);

  lurk_memory_token_store_set_error (LURK_MEMORY_TOKEN_STORE (store), NULL);
  loaded = load_any_sync (store, &error);
  g_assert_no_error (error);
  assert_same_token (alice, loaded);
}

static void
test_memory_cancelled (void)
{
  g_autoptr(LurkTokenStore) store = lurk_memory_token_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(LurkToken) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  lurk_token_store_load_any_async (store, cancellable, lurk_test_store_result, &result);
  loaded = lurk_token_store_load_any_finish (store, lurk_test_wait_result (&result), &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The real keyring */

static gboolean
have_session_bus (void)
{
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session bus: run inside build-aux/test-session.sh");
      return FALSE;
    }

  return TRUE;
}

static void
test_keyring_new_destroy (void)
{
  LurkTokenStore *store = lurk_secret_token_store_new (lurk_profile_get_name ());

  g_assert_true (LURK_IS_TOKEN_STORE (store));
  g_assert_finalize_object (store);
}

static void
test_keyring_round_trip (void)
{
  g_autoptr(LurkTokenStore) store = NULL;
  g_autofree char *user_id = g_strdup_printf ("test-%u", g_random_int ());

  if (!have_session_bus ())
    return;

  store = lurk_secret_token_store_new (lurk_profile_get_name ());
  check_store_round_trip (store, user_id, FALSE);
}

static void
test_keyring_item (void)
{
  g_autoptr(LurkTokenStore) store = NULL;
  g_autoptr(LurkTokenStore) real_store = NULL;
  g_autoptr(LurkToken) alice = make_alice ();
  g_autoptr(LurkToken) loaded = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;
  g_autolist(SecretItem) items = NULL;
  g_autoptr(SecretValue) value = NULL;
  g_autofree char *label = NULL;
  static const SecretSchema schema = {
    "io.github.lurkapp.Lurk.Token", SECRET_SCHEMA_NONE,
    { { "user-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } }
  };

  if (!have_session_bus ())
    return;

  lurk_profile_set (LURK_PROFILE_DEMO);
  store = lurk_secret_token_store_new (lurk_profile_get_name ());
  lurk_profile_set (LURK_PROFILE_DEFAULT);
  real_store = lurk_secret_token_store_new (lurk_profile_get_name ());

  g_assert_true (store_sync (store, alice, &error));
  g_assert_no_error (error);

  /* What a user sees in Passwords and Keys, and what other apps can match on. */
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (gpointer) "user-id", (gpointer) "141981764");
  g_hash_table_insert (attributes, (gpointer) "profile", (gpointer) "demo");
  items = secret_service_search_sync (NULL, &schema, attributes,
                                      SECRET_SEARCH_ALL | SECRET_SEARCH_LOAD_SECRETS, NULL,
                                      &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_item_get_label (items->data);
  g_assert_cmpstr (label, ==, "Lurk (demo): Twitch sign-in for alice");
  value = secret_item_get_secret (items->data);
  g_assert_nonnull (strstr (secret_value_get_text (value), "\"refresh-RRRR-secret\""));

  /* The demo profile's token is invisible to the real profile. */
  loaded = load_sync (real_store, "141981764", &error);
  g_assert_no_error (error);
  g_assert_null (loaded);

  g_assert_true (delete_sync (store, "141981764", &error));
  g_assert_no_error (error);
  loaded = load_sync (store, "141981764", &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
}

static void
test_keyring_unavailable (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(LurkTokenStore) store = NULL;
      g_autoptr(LurkToken) alice = make_alice ();
      g_autoptr(LurkToken) loaded = NULL;
      g_autoptr(GError) error = NULL;

      /* No Secret Service: a session bus that is not there. */
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/lurk-test-bus", TRUE);
      store = lurk_secret_token_store_new (lurk_profile_get_name ());

      g_assert_false (store_sync (store, alice, &error));
      g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
      g_assert_nonnull (strstr (error->message, "keyring is not available"));
      g_clear_error (&error);

      loaded = load_any_sync (store, &error);
      g_assert_null (loaded);
      g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
      g_clear_error (&error);

      g_assert_false (delete_sync (store, "141981764", &error));
      g_assert_error (error, LURK_ERROR, LURK_ERROR_KEYRING);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  /* Never a secret in the logs. */
  g_test_trap_assert_stdout_unmatched ("*SECRET*");
  g_test_trap_assert_stderr_unmatched ("*secret-RRRR*");
  g_test_trap_assert_stderr_unmatched ("*access-AAAA*");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/token/new-destroy", test_token_new_destroy);
  g_test_add_func ("/lurk/token/json-round-trip", test_token_json_round_trip);
  g_test_add_func ("/lurk/token/json-damaged", test_token_json_damaged);
  g_test_add_func ("/lurk/token-store/memory/new-destroy", test_memory_new_destroy);
  g_test_add_func ("/lurk/token-store/memory/round-trip", test_memory_round_trip);
  g_test_add_func ("/lurk/token-store/memory/failing", test_memory_failing);
  g_test_add_func ("/lurk/token-store/memory/cancelled", test_memory_cancelled);
  g_test_add_func ("/lurk/token-store/secret/new-destroy", test_keyring_new_destroy);
  g_test_add_func ("/lurk/token-store/secret/unavailable", test_keyring_unavailable);
  g_test_add_func ("/lurk/token-store/keyring/round-trip", test_keyring_round_trip);
  g_test_add_func ("/lurk/token-store/keyring/item", test_keyring_item);

  return g_test_run ();
}
