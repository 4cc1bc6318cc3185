/* lurk-device-flow.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "lurk-oauth.h"

G_BEGIN_DECLS

/**
 * LurkDeviceFlowState:
 * @LURK_DEVICE_FLOW_IDLE: not started
 * @LURK_DEVICE_FLOW_REQUESTING: asking Twitch for a code
 * @LURK_DEVICE_FLOW_WAITING: showing the code, polling at Twitch's interval
 * @LURK_DEVICE_FLOW_SUCCEEDED: a token arrived
 * @LURK_DEVICE_FLOW_EXPIRED: the code expired
 * @LURK_DEVICE_FLOW_DENIED: the user refused
 * @LURK_DEVICE_FLOW_FAILED: any other final error
 * @LURK_DEVICE_FLOW_CANCELLED: the user cancelled
 */
typedef enum
{
  LURK_DEVICE_FLOW_IDLE,
  LURK_DEVICE_FLOW_REQUESTING,
  LURK_DEVICE_FLOW_WAITING,
  LURK_DEVICE_FLOW_SUCCEEDED,
  LURK_DEVICE_FLOW_EXPIRED,
  LURK_DEVICE_FLOW_DENIED,
  LURK_DEVICE_FLOW_FAILED,
  LURK_DEVICE_FLOW_CANCELLED,
} LurkDeviceFlowState;

GType lurk_device_flow_state_get_type (void) G_GNUC_CONST;
#define LURK_TYPE_DEVICE_FLOW_STATE (lurk_device_flow_state_get_type ())

#define LURK_TYPE_DEVICE_FLOW (lurk_device_flow_get_type ())

G_DECLARE_FINAL_TYPE (LurkDeviceFlow, lurk_device_flow, LURK, DEVICE_FLOW, GObject)

LurkDeviceFlow      *lurk_device_flow_new                (SoupSession          *session,
                                                          const char           *id_url,
                                                          const char           *client_id,
                                                          const char * const   *scopes);
void                 lurk_device_flow_run_async          (LurkDeviceFlow       *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
LurkOAuthToken      *lurk_device_flow_run_finish         (LurkDeviceFlow       *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

LurkDeviceFlowState  lurk_device_flow_get_state          (LurkDeviceFlow       *self);
const char          *lurk_device_flow_get_user_code      (LurkDeviceFlow       *self);
const char          *lurk_device_flow_get_verification_uri (LurkDeviceFlow     *self);
guint                lurk_device_flow_get_interval       (LurkDeviceFlow       *self);
gint64               lurk_device_flow_get_seconds_left   (LurkDeviceFlow       *self,
                                                          gint64                now_us);
gint64               lurk_device_flow_get_next_poll_time (LurkDeviceFlow       *self);

/* The state machine without I/O, for tests: times are g_get_monotonic_time() values. */
void                 lurk_device_flow_start_with_code    (LurkDeviceFlow       *self,
                                                          const LurkDeviceCode *code,
                                                          gint64                now_us);
LurkDeviceFlowState  lurk_device_flow_handle_answer      (LurkDeviceFlow       *self,
                                                          guint                 status,
                                                          GBytes               *body,
                                                          gint64                now_us,
                                                          LurkOAuthToken      **token,
                                                          GError              **error);

G_END_DECLS
