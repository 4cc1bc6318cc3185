// twurple-bench.mjs: twurple's EventSubWsListener against lurk-sim, for `make bench`
//
// Copyright 2026 The Lurk authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: TWURPLE_MOCK_API_PORT=PORT node twurple-bench.mjs [COUNT] [RATE]
//
// lurk-sim answers the Twitch CLI mock server's layout (/ws, /eventsub/subscriptions,
// /mock/<helix path>, /auth/<oauth path>), which is what twurple talks to when
// TWURPLE_MOCK_API_PORT is set. This program subscribes to channel.chat.notification for the
// sim's demo user on its broadcaster (as lurk-events does), asks the sim for a flood of COUNT
// notifications at RATE events/s (0: as fast as it sends) and prints one JSON object:
// {count, received, seconds, events_per_second, cpu_seconds, events_per_cpu_second}
// timed from the flood request to the last event handled, as lurk-bench-ingest times
// lurk-events. The handler reads the fields a client would show (notice type, chatter,
// message text, message id), so twurple's lazy getters run.

import { StaticAuthProvider } from '@twurple/auth';
import { ApiClient } from '@twurple/api';
import { EventSubWsListener } from '@twurple/eventsub-ws';

const port = process.env.TWURPLE_MOCK_API_PORT;
const count = parseInt(process.argv[2] ?? '100000', 10);
const rate = parseInt(process.argv[3] ?? '0', 10);
const clientId = process.env.LURK_SIM_CLIENT_ID ?? 'lurk-sim-client';
const token = process.env.LURK_ACCESS_TOKEN ?? 'lurkdemo0simtoken00000000000000';
const userId = process.env.LURK_USER_ID ?? '90000001';
const broadcasterId = process.env.LURK_BROADCASTER_ID ?? '90000100';
const timeoutMs = parseInt(process.env.TWURPLE_BENCH_TIMEOUT ?? '300', 10) * 1000;

if (!port) {
  console.error('twurple-bench: set TWURPLE_MOCK_API_PORT to the port of a running lurk-sim');
  process.exit(2);
}

const base = `http://127.0.0.1:${port}`;
const authProvider = new StaticAuthProvider(clientId, token);
const apiClient = new ApiClient({ authProvider });
const listener = new EventSubWsListener({ apiClient });

let received = 0;
let t0 = 0n;
let cpu0 = null;
let last = 0n;
let chars = 0;

function finish(code) {
  const seconds = Number(last - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({
    count, received, seconds,
    events_per_second: seconds > 0 ? received / seconds : null,
    cpu_seconds: cpuSeconds,
    events_per_cpu_second: cpuSeconds > 0 ? received / cpuSeconds : null,
    chars,
  }));
  listener.stop();
  process.exit(code);
}

listener.onChannelChatNotification(broadcasterId, userId, (event) => {
  received++;
  // what a client reads to show the event
  chars += String(event.type ?? '').length + String(event.chatterDisplayName ?? '').length +
    String(event.messageText ?? '').length + String(event.messageId ?? '').length;
  last = process.hrtime.bigint();
  if (received >= count)
    finish(0);
});

listener.onSubscriptionCreateFailure((subscription, error) => {
  console.error(`twurple-bench: subscription failed: ${error.message}`);
  process.exit(1);
});

listener.onSubscriptionCreateSuccess(async () => {
  cpu0 = process.cpuUsage();
  t0 = process.hrtime.bigint();
  last = t0;
  const answer = await fetch(`${base}/sim/flood`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'channel.chat.notification', notice_type: 'sub', count, rate }),
  });
  if (answer.status !== 202) {
    console.error(`twurple-bench: /sim/flood answered ${answer.status}`);
    process.exit(1);
  }
});

setTimeout(() => {
  console.error(`twurple-bench: timed out after ${received} of ${count} events`);
  finish(1);
}, timeoutMs).unref();

listener.start();
