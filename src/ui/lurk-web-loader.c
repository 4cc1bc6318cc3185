/* lurk-web-loader.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-web-loader"

#include "config.h"

#include <gmodule.h>

#include "lurk-endpoints.h"
#include "lurk-error.h"
#include "lurk-profile.h"
#include "lurk-web-module.h"
#include "lurk-web-view.h"

/*
 * Finds and opens liblurk-web.so (lurk-web-module.h) once per process. The module is looked
 * for in $LURK_WEB_MODULE_DIR (the tests, `meson devenv`), next to the running executable or
 * in web/ beside it (the uninstalled `_build/src/lurk`, the benchmarks), then in the installed
 * `$libdir/lurk` (LURK_PKGLIBDIR: /app/lib/lurk in the Flatpak). The dlopen itself (mapping
 * and relocating WebKitGTK, JavaScriptCore, GStreamer…, a few hundred milliseconds) runs in
 * a GTask thread, so the window keeps drawing meanwhile; the table is taken and initialized
 * on the main thread. A module that cannot be opened, or one of another ABI, is one warning
 * in the log, and every waiting view shows "unavailable" (lurk-web-view.c); it is not
 * retried.
 */

static const LurkWebModule *loaded_module;
static GError *load_error;
static GPtrArray *waiting_tasks;

/* WebKit would create these (and their parents) readable by everyone */
static char *
host_build_data_dir (void)
{
  char *dir = lurk_profile_build_data_path ("web");

  lurk_profile_make_private_dir (g_get_user_data_dir (), dir);
  return dir;
}

static char *
host_build_cache_dir (void)
{
  char *dir = g_build_filename (g_get_user_cache_dir (), "lurk", lurk_profile_get_name (), "web",
                                NULL);

  lurk_profile_make_private_dir (g_get_user_cache_dir (), dir);
  return dir;
}

static const LurkWebHost host = {
  .dup_sim_origin = lurk_endpoints_dup_simulator_url,
  .build_data_dir = host_build_data_dir,
  .build_cache_dir = host_build_cache_dir,
  .view_event = _lurk_web_view_report,
  .view_media = _lurk_web_view_report_media,
  .view_player = _lurk_web_view_report_player,
};

/**
 * lurk_web_module_dup_path:
 *
 * Returns: (transfer full): where the web module is looked for
 */
char *
lurk_web_module_dup_path (void)
{
  const char *dir = g_getenv ("LURK_WEB_MODULE_DIR");
  g_autofree char *exe = NULL;

  if (dir != NULL && dir[0] != '\0')
    return g_build_filename (dir, LURK_WEB_MODULE_FILENAME, NULL);

  exe = g_file_read_link ("/proc/self/exe", NULL);
  if (exe != NULL)
    {
      g_autofree char *exe_dir = g_path_get_dirname (exe);
      /* next to it, or in web/ beside it: the uninstalled build tree (src/web/) */
      const char *subdirs[] = { ".", "web" };

      for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
        {
          g_autofree char *candidate = g_build_filename (exe_dir, subdirs[i],
                                                         LURK_WEB_MODULE_FILENAME, NULL);

          if (g_file_test (candidate, G_FILE_TEST_IS_REGULAR))
            return g_steal_pointer (&candidate);
        }
    }

  return g_build_filename (LURK_PKGLIBDIR, LURK_WEB_MODULE_FILENAME, NULL);
}

/* Any thread. */
static GModule *
open_module (GError **error)
{
  g_autofree char *path = lurk_web_module_dup_path ();
  GModule *module;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED, "Cannot open the web module %s: %s",
                   path, g_module_error ());
      return NULL;
    }

  /* It registers GTypes (LurkEmbedPopup, WebKit's): it can never be unloaded. */
  g_module_make_resident (module);

  return module;
}

/* Main thread. */
static const LurkWebModule *
start_module (GModule  *module,
              GError  **error)
{
  LurkWebModuleGetFunc get = NULL;
  const LurkWebModule *table;

  if (!g_module_symbol (module, LURK_WEB_MODULE_ENTRY, (gpointer *) &get) || get == NULL)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED, "%s is not Lurk’s web module: %s",
                   g_module_name (module), g_module_error ());
      return NULL;
    }

  table = get ();
  if (table == NULL || table->abi_version != LURK_WEB_MODULE_ABI_VERSION)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_FAILED,
                   "%s belongs to another version of Lurk (interface %u, expected %u)",
                   g_module_name (module), table != NULL ? table->abi_version : 0u,
                   LURK_WEB_MODULE_ABI_VERSION);
      return NULL;
    }

  table->init (&host);

  return table;
}

static void
remember_failure (GError *error)
{
  g_assert (load_error == NULL);

  g_warning ("The player and chat are unavailable: %s", error->message);
  load_error = error;
}

/**
 * lurk_web_module_peek:
 *
 * Returns: (nullable): the web module's table, if it is loaded already
 */
const LurkWebModule *
lurk_web_module_peek (void)
{
  return loaded_module;
}

/**
 * lurk_web_module_load:
 * @error: return location for a #GError
 *
 * Loads the web module on this (the main) thread if it is not loaded yet. For tests and
 * callers that need WebKit at once; the app uses lurk_web_module_load_async().
 *
 * Returns: (nullable): the module's table, or %NULL with @error set
 */
const LurkWebModule *
lurk_web_module_load (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  GModule *module;

  if (loaded_module != NULL)
    return loaded_module;

  if (load_error != NULL)
    {
      g_propagate_error (error, g_error_copy (load_error));
      return NULL;
    }

  module = open_module (&local_error);
  if (module != NULL)
    loaded_module = start_module (module, &local_error);

  if (loaded_module == NULL)
    {
      g_propagate_error (error, g_error_copy (local_error));
      remember_failure (g_steal_pointer (&local_error));
    }

  return loaded_module;
}

static void
open_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  gint64 *elapsed_usec = task_data;
  gint64 start = g_get_monotonic_time ();
  GError *error = NULL;
  GModule *module = open_module (&error);

  *elapsed_usec = g_get_monotonic_time () - start;
  if (module == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, module, NULL);
}

static void
opened_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&waiting_tasks);
  g_autoptr(GError) error = NULL;
  GModule *module;

  module = g_task_propagate_pointer (G_TASK (result), &error);
  g_debug ("Opening the web module took %.1f ms (worker thread)",
           *(gint64 *) g_task_get_task_data (G_TASK (result)) / 1000.0);

  /* lurk_web_module_load() may have finished the job meanwhile. */
  if (loaded_module == NULL && load_error == NULL)
    {
      if (module != NULL)
        loaded_module = start_module (module, &error);
      if (loaded_module == NULL)
        remember_failure (g_steal_pointer (&error));
    }

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (loaded_module != NULL)
        g_task_return_pointer (task, (gpointer) loaded_module, NULL);
      else
        g_task_return_error (task, g_error_copy (load_error));
    }
}

/**
 * lurk_web_module_load_async:
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's context once the module is loaded or not
 * @user_data: for @callback
 *
 * Loads the web module, opening it in a worker thread the first time. Calls made while it
 * opens all wait for that one opening.
 */
void
lurk_web_module_load_async (GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lurk_web_module_load_async);

  if (loaded_module != NULL)
    {
      g_task_return_pointer (task, (gpointer) loaded_module, NULL);
      return;
    }

  if (load_error != NULL)
    {
      g_task_return_error (task, g_error_copy (load_error));
      return;
    }

  if (waiting_tasks == NULL)
    {
      g_autoptr(GTask) open_task = g_task_new (NULL, NULL, opened_cb, NULL);

      g_task_set_source_tag (open_task, open_in_thread);
      g_task_set_task_data (open_task, g_new0 (gint64, 1), g_free);
      waiting_tasks = g_ptr_array_new_with_free_func (g_object_unref);
      g_task_run_in_thread (open_task, open_in_thread);
    }

  g_ptr_array_add (waiting_tasks, g_steal_pointer (&task));
}

/**
 * lurk_web_module_load_finish:
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (nullable): the module's table, or %NULL with @error set (also when cancelled)
 */
const LurkWebModule *
lurk_web_module_load_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lurk_web_module_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Clearing the web data --------------------------------------------------------------- */

static void
on_web_data_cleared (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const LurkWebModule *module = lurk_web_module_peek ();
  GError *error = NULL;

  if (!module->clear_data_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_loaded_to_clear (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const LurkWebModule *module;
  GCancellable *cancellable;
  GError *error = NULL;

  module = lurk_web_module_load_finish (result, &error);
  if (module == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  module->clear_data (cancellable, on_web_data_cleared, g_steal_pointer (&task));
}

/**
 * lurk_web_clear_data_async:
 *
 * Forgets what the web views stored for the current profile: the chat's Twitch login
 * (twitch.tv cookies), the cache, local storage. Loads the web module if needed: the data of
 * an earlier run is on disk even when no embed was shown in this one.
 */
void
lurk_web_clear_data_async (GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, lurk_web_clear_data_async);
  lurk_web_module_load_async (cancellable, on_loaded_to_clear, g_steal_pointer (&task));
}

gboolean
lurk_web_clear_data_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
