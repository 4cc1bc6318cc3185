/* lurk-secret-token-store.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-secret-token-store"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lurk-error.h"
#include "lurk-secret-token-store.h"

/**
 * LurkSecretTokenStore:
 *
 * Tokens in the keyring, through the Secret Service (libsecret's async API): one item per
 * Twitch user id with the schema `io.github.lurkapp.Lurk.Token`, attributes `user-id` and
 * `profile` (so that the demo profile's tokens never mix with real ones), a translated label,
 * and the token's JSON (lurk_token_to_json()) as the secret.
 *
 * Without a Secret Service, or with the keyring locked, operations fail with
 * %LURK_ERROR_KEYRING and a message for the user. There is no plaintext fallback.
 */

struct _LurkSecretTokenStore
{
  GObject  parent_instance;

  char    *profile;
};

static void token_store_iface_init (LurkTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LurkSecretTokenStore, lurk_secret_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LURK_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.lurkapp.Lurk.Token", SECRET_SCHEMA_NONE,
    {
      { "user-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GHashTable *
build_attributes (LurkSecretTokenStore *self,
                  const char           *user_id)
{
  /* Values copied: libsecret reads them after the service is reached, when the token that
   * owns @user_id may be gone. */
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "profile", g_strdup (self->profile));
  if (user_id != NULL)
    g_hash_table_insert (attributes, (gpointer) "user-id", g_strdup (user_id));

  return attributes;
}

/* Every failure becomes one of two messages a user can act on; a cancellation stays one. */
static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean locked;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (cancellable))
    {
      g_task_return_error (task, error);
      return;
    }

  /* libsecret's messages name D-Bus objects and paths, never secrets. */
  g_debug ("Secret Service: %s (%s, %d)", error->message, g_quark_to_string (error->domain),
           error->code);

  /* A dismissed unlock prompt also ends as "cancelled". */
  locked = g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (error);

  if (locked)
    g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_KEYRING,
                             _("The keyring is locked, so Lurk cannot use your Twitch sign-in. "
                               "Unlock the keyring and try again."));
  else
    g_task_return_new_error (task, LURK_ERROR, LURK_ERROR_KEYRING,
                             _("The GNOME keyring is not available, so Lurk cannot keep your "
                               "Twitch sign-in. Make sure a Secret Service such as GNOME "
                               "Keyring is running, then try again."));
}

/* Store */

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
secret_store_async (LurkTokenStore      *store,
                    LurkToken           *token,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  LurkSecretTokenStore *self = LURK_SECRET_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = build_attributes (self, lurk_token_get_user_id (token));
  g_autofree char *label = NULL;
  const char *who = lurk_token_get_login (token);
  char *secret;

  g_task_set_source_tag (task, secret_store_async);

  if (who == NULL)
    who = lurk_token_get_user_id (token);

  if (g_strcmp0 (self->profile, "demo") == 0)
    /* Translators: the keyring item's label; %s is a Twitch login */
    label = g_strdup_printf (_("Lurk (demo): Twitch sign-in for %s"), who);
  else
    /* Translators: the keyring item's label; %s is a Twitch login */
    label = g_strdup_printf (_("Lurk: Twitch sign-in for %s"), who);

  /* libsecret copies the secret at once. */
  secret = lurk_token_to_json (token);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          cancellable, on_stored, g_steal_pointer (&task));
  lurk_secret_free (secret);
}

static gboolean
secret_boolean_finish (LurkTokenStore  *store,
                       GAsyncResult    *result,
                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Load: a search (not secret_password_lookup) so that a locked item is an error rather than
 * looking like nobody is signed in. */

static void
on_searched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items;
  SecretItem *latest = NULL;
  SecretValue *value;
  LurkToken *token;
  char *json;

  items = secret_service_search_finish (NULL, result, &error);
  if (error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      SecretItem *item = l->data;

      if (latest == NULL || secret_item_get_modified (item) > secret_item_get_modified (latest))
        latest = item;
    }

  if (latest == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  value = secret_item_get_locked (latest) ? NULL : secret_item_get_secret (latest);
  if (value == NULL)
    {
      g_list_free_full (items, g_object_unref);
      return_keyring_error (task, g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED,
                                                       "item locked"));
      return;
    }

  json = g_strdup (secret_value_get_text (value));
  secret_value_unref (value);
  g_list_free_full (items, g_object_unref);

  token = json != NULL ? lurk_token_new_from_json (json, &error) : NULL;
  lurk_secret_free (json);

  if (token == NULL)
    {
      if (error == NULL)
        error = g_error_new_literal (LURK_ERROR, LURK_ERROR_MALFORMED,
                                     _("The saved Twitch sign-in is damaged. Sign in again."));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, token, g_object_unref);
}

static void
search (LurkSecretTokenStore *self,
        const char           *user_id,
        gpointer              source_tag,
        GCancellable         *cancellable,
        GAsyncReadyCallback   callback,
        gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = build_attributes (self, user_id);

  g_task_set_source_tag (task, source_tag);
  secret_service_search (NULL, get_schema (), attributes,
                         SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                         cancellable, on_searched, g_steal_pointer (&task));
}

static void
secret_load_async (LurkTokenStore      *store,
                   const char          *user_id,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  search (LURK_SECRET_TOKEN_STORE (store), user_id, secret_load_async, cancellable, callback,
          user_data);
}

static void
secret_load_any_async (LurkTokenStore      *store,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  search (LURK_SECRET_TOKEN_STORE (store), NULL, secret_load_any_async, cancellable, callback,
          user_data);
}

static LurkToken *
secret_token_finish (LurkTokenStore  *store,
                     GAsyncResult    *result,
                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Delete */

static void
on_cleared (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to delete, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
secret_delete_async (LurkTokenStore      *store,
                     const char          *user_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  LurkSecretTokenStore *self = LURK_SECRET_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = build_attributes (self, user_id);

  g_task_set_source_tag (task, secret_delete_async);
  secret_password_clearv (get_schema (), attributes, cancellable, on_cleared,
                          g_steal_pointer (&task));
}

static void
token_store_iface_init (LurkTokenStoreInterface *iface)
{
  iface->store_async = secret_store_async;
  iface->store_finish = secret_boolean_finish;
  iface->load_async = secret_load_async;
  iface->load_finish = secret_token_finish;
  iface->load_any_async = secret_load_any_async;
  iface->load_any_finish = secret_token_finish;
  iface->delete_async = secret_delete_async;
  iface->delete_finish = secret_boolean_finish;
}

static void
lurk_secret_token_store_finalize (GObject *object)
{
  LurkSecretTokenStore *self = (LurkSecretTokenStore *)object;

  g_clear_pointer (&self->profile, g_free);

  G_OBJECT_CLASS (lurk_secret_token_store_parent_class)->finalize (object);
}

static void
lurk_secret_token_store_class_init (LurkSecretTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_secret_token_store_finalize;
}

static void
lurk_secret_token_store_init (LurkSecretTokenStore *self)
{
}

/**
 * lurk_secret_token_store_new:
 * @profile: the profile whose keyring items it sees (lurk_profile_get_name())
 *
 * Returns: (transfer full): the keyring store of @profile
 */
LurkTokenStore *
lurk_secret_token_store_new (const char *profile)
{
  LurkSecretTokenStore *self;

  g_return_val_if_fail (profile != NULL, NULL);

  self = g_object_new (LURK_TYPE_SECRET_TOKEN_STORE, NULL);
  self->profile = g_strdup (profile);

  return LURK_TOKEN_STORE (self);
}
