/* lurk-memory-token-store.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lurk-memory-token-store.h"
#include "lurk-profile.h"

/**
 * LurkMemoryTokenStore:
 *
 * The in-memory #LurkTokenStore of unit tests. It behaves like the keyring one: tokens are
 * kept as their JSON secrets, keyed by profile and user id, every operation completes
 * asynchronously, and lurk_memory_token_store_set_error() stands in for a missing or locked
 * keyring.
 */

typedef struct
{
  char   *json;   /* the secret */
  guint64 serial; /* when it was stored, for load_any */
} Entry;

struct _LurkMemoryTokenStore
{
  GObject     parent_instance;

  char       *profile;
  GHashTable *entries; /* "profile\nuser id" → Entry */
  guint64     serial;
  GError     *error;
};

static void token_store_iface_init (LurkTokenStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LurkMemoryTokenStore, lurk_memory_token_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LURK_TYPE_TOKEN_STORE,
                                                      token_store_iface_init))

static void
entry_free (Entry *entry)
{
  lurk_secret_free (entry->json);
  g_free (entry);
}

static char *
make_key (LurkMemoryTokenStore *self,
          const char           *user_id)
{
  return g_strconcat (self->profile, "\n", user_id, NULL);
}

static gboolean
return_if_failing (LurkMemoryTokenStore *self,
                   GTask                *task)
{
  if (g_task_return_error_if_cancelled (task))
    return TRUE;

  if (self->error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->error));
      return TRUE;
    }

  return FALSE;
}

static LurkToken *
token_from_entry (Entry   *entry,
                  GError **error)
{
  return lurk_token_new_from_json (entry->json, error);
}

static void
memory_store_async (LurkTokenStore      *store,
                    LurkToken           *token,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  LurkMemoryTokenStore *self = LURK_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  Entry *entry;

  g_task_set_source_tag (task, memory_store_async);

  if (return_if_failing (self, task))
    return;

  entry = g_new0 (Entry, 1);
  entry->json = lurk_token_to_json (token);
  entry->serial = ++self->serial;
  g_hash_table_replace (self->entries, make_key (self, lurk_token_get_user_id (token)), entry);

  g_task_return_boolean (task, TRUE);
}

static gboolean
memory_boolean_finish (LurkTokenStore  *store,
                       GAsyncResult    *result,
                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Finishes a load with the token of @entry, %NULL (no error) when there is no entry. */
static void
return_entry (GTask *task,
              Entry *entry)
{
  GError *error = NULL;
  LurkToken *token;

  if (entry == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  token = token_from_entry (entry, &error);
  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, g_object_unref);
}

static void
memory_load_async (LurkTokenStore      *store,
                   const char          *user_id,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  LurkMemoryTokenStore *self = LURK_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (self, user_id);

  g_task_set_source_tag (task, memory_load_async);

  if (return_if_failing (self, task))
    return;

  return_entry (task, g_hash_table_lookup (self->entries, key));
}

static LurkToken *
memory_token_finish (LurkTokenStore  *store,
                     GAsyncResult    *result,
                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_load_any_async (LurkTokenStore      *store,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  LurkMemoryTokenStore *self = LURK_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *prefix = make_key (self, "");
  GHashTableIter iter;
  gpointer key, value;
  Entry *latest = NULL;

  g_task_set_source_tag (task, memory_load_any_async);

  if (return_if_failing (self, task))
    return;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Entry *entry = value;

      if (g_str_has_prefix (key, prefix) && (latest == NULL || entry->serial > latest->serial))
        latest = entry;
    }

  return_entry (task, latest);
}

static void
memory_delete_async (LurkTokenStore      *store,
                     const char          *user_id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  LurkMemoryTokenStore *self = LURK_MEMORY_TOKEN_STORE (store);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *key = make_key (self, user_id);

  g_task_set_source_tag (task, memory_delete_async);

  if (return_if_failing (self, task))
    return;

  g_hash_table_remove (self->entries, key);
  g_task_return_boolean (task, TRUE);
}

static void
token_store_iface_init (LurkTokenStoreInterface *iface)
{
  iface->store_async = memory_store_async;
  iface->store_finish = memory_boolean_finish;
  iface->load_async = memory_load_async;
  iface->load_finish = memory_token_finish;
  iface->load_any_async = memory_load_any_async;
  iface->load_any_finish = memory_token_finish;
  iface->delete_async = memory_delete_async;
  iface->delete_finish = memory_boolean_finish;
}

static void
lurk_memory_token_store_finalize (GObject *object)
{
  LurkMemoryTokenStore *self = (LurkMemoryTokenStore *)object;

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->profile, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (lurk_memory_token_store_parent_class)->finalize (object);
}

static void
lurk_memory_token_store_class_init (LurkMemoryTokenStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lurk_memory_token_store_finalize;
}

static void
lurk_memory_token_store_init (LurkMemoryTokenStore *self)
{
  self->profile = g_strdup (lurk_profile_get_name ());
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) entry_free);
}

/**
 * lurk_memory_token_store_new:
 *
 * Returns: (transfer full): an empty store
 */
LurkTokenStore *
lurk_memory_token_store_new (void)
{
  return g_object_new (LURK_TYPE_MEMORY_TOKEN_STORE, NULL);
}

void
lurk_memory_token_store_set_error (LurkMemoryTokenStore *self,
                                   const GError         *error)
{
  g_return_if_fail (LURK_IS_MEMORY_TOKEN_STORE (self));

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
}

guint
lurk_memory_token_store_get_size (LurkMemoryTokenStore *self)
{
  g_return_val_if_fail (LURK_IS_MEMORY_TOKEN_STORE (self), 0);

  return g_hash_table_size (self->entries);
}
