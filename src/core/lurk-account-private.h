/* lurk-account-private.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lurk-account.h"

G_BEGIN_DECLS

struct _LurkAccount
{
  GObject            parent_instance;

  LurkTokenStore    *store;
  SoupSession       *session;
  GSettings         *settings;
  GCancellable      *cancellable;

  char              *id_url;
  char              *helix_url;
  char              *client_id;
  LurkClientType     client_type;

  LurkAccountState   state;
  LurkAccountState   sign_in_return_state;
  char              *login;
  char              *display_name;
  char              *user_id;
  char              *avatar_url;
  char              *error_message;
  char             **scopes;
  gboolean           broadcaster_scopes;

  /* Secrets: never logged, wiped when dropped. */
  char              *access_token;
  char              *refresh_token;
  gint64             expires_at;           /* Unix seconds, 0 unknown */

  /* A refresh in flight: the rotated token waits here until it is stored. */
  gboolean           refreshing;
  char              *pending_access_token;
  char              *pending_refresh_token;
  gint64             pending_expires_at;
  GPtrArray         *refresh_waiters;
  guint              generation;

  guint              validate_id;
  guint              validate_interval;
};

void     _lurk_account_clear_secret          (char               **secret);
void     _lurk_account_set_error_message     (LurkAccount         *self,
                                              const char          *message);
void     _lurk_account_set_validate_interval (LurkAccount         *self,
                                              guint                seconds);

/* lurk-account.c: state shared with lurk-account-refresh.c */
void     _lurk_account_set_state             (LurkAccount         *self,
                                              LurkAccountState     state);
void     _lurk_account_settle                (LurkAccount         *self,
                                              LurkAccountState     state);
void     _lurk_account_become_expired        (LurkAccount         *self);
void     _lurk_account_become_signed_out     (LurkAccount         *self);
void     _lurk_account_clear_secret_fields   (LurkAccount         *self);
void     _lurk_account_emit_token_changed    (LurkAccount         *self);

/* lurk-account-refresh.c */
void     _lurk_account_schedule_validation   (LurkAccount         *self);
void     _lurk_account_abandon_refresh       (LurkAccount         *self);

/* lurk-account-keyring.c: the token store and endpoint adapters */
void     _lurk_account_init_endpoints        (LurkAccount         *self);
void     _lurk_account_save_async            (LurkAccount         *self,
                                              const char          *access_token,
                                              const char          *refresh_token,
                                              gint64               expires_at,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean _lurk_account_save_finish           (LurkAccount         *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Fills the profile, scopes and secrets; LURK_ERROR_NOT_FOUND when there is no secret. */
void     _lurk_account_load_async            (LurkAccount         *self,
                                              const char          *user_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean _lurk_account_load_finish           (LurkAccount         *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void     _lurk_account_delete_async          (LurkAccount         *self,
                                              const char          *user_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean _lurk_account_delete_finish         (LurkAccount         *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
