/* lurk-sim-embed.c: stand-ins for Twitch's player and chat embeds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include "lurk-sim-private.h"

/* TODO(issue 3): the embed pages are being written (player test card, chat log over SSE). */

void
_lurk_sim_handle_embed (LurkSim           *self,
                        SoupServerMessage *msg,
                        const char        *path)
{
  _lurk_sim_reply_error (msg, SOUP_STATUS_NOT_FOUND, "Not Found");
}

void
_lurk_sim_embed_chat_event (LurkSim    *self,
                            const char *type,
                            JsonObject *event)
{
}

void
_lurk_sim_embed_stop (LurkSim *self)
{
}
