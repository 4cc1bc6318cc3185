/* lurk-bench-event.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* A channel.chat.notification resub event as Twitch sends it (about 2 kB with its null
 * members), for the benchmarks that fill a store. printf() arguments, all guint: the
 * chatter's id, the id again for its login and its name, again for the system message, then
 * the message id's first 32 bits. */
#define LURK_BENCH_RESUB_EVENT(broadcaster_id, broadcaster_login, broadcaster_name) \
  "{\"broadcaster_user_id\":\"" broadcaster_id "\",\"broadcaster_user_login\":\"" \
  broadcaster_login "\",\"broadcaster_user_name\":\"" broadcaster_name "\"," \
  "\"chatter_user_id\":\"%u\"," \
  "\"chatter_user_login\":\"viewer_%u\",\"chatter_user_name\":\"Viewer_%u\"," \
  "\"chatter_is_anonymous\":false,\"color\":\"#8A2BE2\",\"badges\":[{\"set_id\":" \
  "\"subscriber\",\"id\":\"12\",\"info\":\"14\"},{\"set_id\":\"premium\",\"id\":\"1\"," \
  "\"info\":\"\"}],\"system_message\":\"Viewer_%u subscribed at Tier 1. They've subscribed " \
  "for 14 months, currently on a 3 month streak!\",\"message_id\":\"%08x-1c2d-4e5f-8a9b-" \
  "0c1d2e3f4a5b\",\"message\":{\"text\":\"14 months already, love the streams! PogChamp " \
  "keep going\",\"fragments\":[{\"type\":\"text\",\"text\":\"14 months already, love the " \
  "streams! \",\"cheermote\":null,\"emote\":null,\"mention\":null},{\"type\":\"emote\"," \
  "\"text\":\"PogChamp\",\"cheermote\":null,\"emote\":{\"id\":\"305954156\"," \
  "\"emote_set_id\":\"0\",\"owner_id\":\"0\",\"format\":[\"static\"]},\"mention\":null}," \
  "{\"type\":\"text\",\"text\":\" keep going\",\"cheermote\":null,\"emote\":null," \
  "\"mention\":null}]},\"notice_type\":\"resub\",\"sub\":null,\"resub\":{" \
  "\"cumulative_months\":14,\"duration_months\":1,\"streak_months\":3,\"sub_tier\":\"1000\"," \
  "\"is_prime\":false,\"is_gift\":false,\"gifter_is_anonymous\":null," \
  "\"gifter_user_id\":null,\"gifter_user_name\":null,\"gifter_user_login\":null}," \
  "\"sub_gift\":null,\"community_sub_gift\":null,\"gift_paid_upgrade\":null," \
  "\"prime_paid_upgrade\":null,\"pay_it_forward\":null,\"raid\":null,\"unraid\":null," \
  "\"announcement\":null,\"bits_badge_tier\":null,\"charity_donation\":null," \
  "\"shared_chat_sub\":null,\"shared_chat_resub\":null,\"source_broadcaster_user_id\":null," \
  "\"source_broadcaster_user_login\":null,\"source_broadcaster_user_name\":null," \
  "\"source_message_id\":null,\"source_badges\":null}"
