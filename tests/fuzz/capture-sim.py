#!/usr/bin/env python3
# Captures lurk-sim's own EventSub messages into tests/fuzz/sim-messages/ (one file per
# subscription type and chat notice/message type, plus welcome, keepalive, reconnect and
# revocation), for make-seeds.py. Runs a built lurk-sim on a random loopback port and talks
# to it with a minimal WebSocket client (the standard library has none).
#   tests/fuzz/capture-sim.py [BUILDDIR]       (default _build)
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(HERE, 'sim-messages')
BROADCASTER = '90000100'
CLIENT_ID = 'lurk-sim-client'
NOTICES = ['sub', 'resub', 'sub_gift', 'community_sub_gift', 'gift_paid_upgrade',
           'prime_paid_upgrade', 'raid', 'unraid', 'pay_it_forward', 'announcement',
           'bits_badge_tier', 'charity_donation', 'watch_streak']
MESSAGES = ['text', 'cheer', 'channel_points_highlighted', 'channel_points_sub_only', 'user_intro',
            'power_ups_gigantified_emote', 'power_ups_message_effect']


class WebSocket:
    def __init__(self, host, port, path):
        self.sock = socket.create_connection((host, port), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f'GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n'
                           f'Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n'
                           'Sec-WebSocket-Version: 13\r\n\r\n').encode())
        self.buf = b''
        while b'\r\n\r\n' not in self.buf:
            self.buf += self.sock.recv(4096)
        head, self.buf = self.buf.split(b'\r\n\r\n', 1)
        if b' 101 ' not in head.split(b'\r\n')[0]:
            raise RuntimeError(head.decode(errors='replace'))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def recv(self):
        """The next text frame (answers pings, skips other control frames)."""
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7f
            if length == 126:
                length = struct.unpack('>H', self._read(2))[0]
            elif length == 127:
                length = struct.unpack('>Q', self._read(8))[0]
            payload = self._read(length)
            opcode = b0 & 0x0f
            if opcode == 0x1:
                return payload
            if opcode == 0x9:  # ping: pong with the same payload, masked as a client must
                mask = os.urandom(4)
                masked = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
                self.sock.sendall(bytes([0x8a, 0x80 | len(payload)]) + mask + masked)
            if opcode == 0x8:
                raise EOFError


def call(base, method, path, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method)
    request.add_header('Content-Type', 'application/json')
    if token:
        request.add_header('Authorization', 'Bearer ' + token)
        request.add_header('Client-Id', CLIENT_ID)
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, json.loads(answer.read() or b'{}')
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b'{}')


def main():
    builddir = sys.argv[1] if len(sys.argv) > 1 else '_build'
    sim = subprocess.Popen([os.path.join(ROOT, builddir, 'sim', 'lurk-sim'), '--port', '0',
                            '--keepalive', '10'], stdout=subprocess.PIPE, text=True)
    try:
        url = sim.stdout.readline().split()[-1]
        host, port = url.split('//')[1].split(':')
        os.makedirs(OUT, exist_ok=True)

        def save(name, frame):
            with open(os.path.join(OUT, name + '.json'), 'wb') as f:
                f.write(frame)

        # a token of the broadcaster with every scope a type can need
        scopes = ['user:read:chat', 'moderator:read:followers', 'channel:read:subscriptions',
                  'bits:read', 'channel:read:redemptions', 'channel:read:polls',
                  'channel:read:predictions', 'channel:read:hype_train', 'channel:read:goals',
                  'channel:read:charity', 'channel:read:ads', 'moderator:read:shoutouts',
                  'channel:moderate', 'moderation:read', 'channel:read:vips']
        status, answer = call(url, 'POST', '/sim/tokens', {'login': 'lurkstream',
                                                          'scopes': scopes})
        token = answer['access_token']

        ws = WebSocket(host, int(port), '/ws')
        welcome = ws.recv()
        save('session-welcome', welcome)
        session = json.loads(welcome)['payload']['session']['id']

        condition = {'broadcaster_user_id': BROADCASTER, 'user_id': BROADCASTER,
                     'moderator_user_id': BROADCASTER}
        types = []
        with open(os.path.join(ROOT, 'sim', 'lurk-sim-subscriptions.c')) as f:
            for line in f:
                line = line.strip()
                if line.startswith('{ "stream.') or line.startswith('{ "channel.'):
                    name, version = [part.strip(' "') for part in line[1:].split(',')[:2]]
                    types.append((name, version))
        for name, version in types:
            cond = dict(condition)
            if name == 'channel.raid':
                cond = {'to_broadcaster_user_id': BROADCASTER}
            for keys in (cond, {'broadcaster_user_id': BROADCASTER},
                         {'broadcaster_user_id': BROADCASTER, 'user_id': BROADCASTER},
                         {'broadcaster_user_id': BROADCASTER,
                          'moderator_user_id': BROADCASTER}):
                status, answer = call(url, 'POST', '/helix/eventsub/subscriptions', {
                    'type': name, 'version': version, 'condition': keys,
                    'transport': {'method': 'websocket', 'session_id': session}}, token)
                if status == 202:
                    break
            else:
                print(f'capture-sim: cannot subscribe to {name}: {status} {answer}',
                      file=sys.stderr)

        def trigger(name, body):
            status, answer = call(url, 'POST', '/sim/trigger', body)
            if status != 200 or not answer.get('sent'):
                print(f'capture-sim: {name}: {status} {answer}', file=sys.stderr)
                return
            for _ in range(answer['sent']):
                frame = ws.recv()
                while json.loads(frame)['metadata']['message_type'] != 'notification':
                    frame = ws.recv()
            save(name, frame)

        for name, version in types:
            if name == 'channel.chat.notification':
                for notice in NOTICES:
                    trigger(f'{name}-{notice}', {'type': name, 'notice_type': notice})
            elif name == 'channel.chat.message':
                for kind in MESSAGES:
                    trigger(f'{name}-{kind}', {'type': name, 'notice_type': kind})
            else:
                trigger(name, {'type': name})

        call(url, 'POST', '/sim/reconnect', {})
        frame = ws.recv()
        while json.loads(frame)['metadata']['message_type'] != 'session_reconnect':
            frame = ws.recv()
        save('session-reconnect', frame)
        call(url, 'POST', '/sim/revoke', {'type': 'stream.online', 'status': 'user_removed'})
        frame = ws.recv()
        while json.loads(frame)['metadata']['message_type'] != 'revocation':
            frame = ws.recv()
        save('revocation', frame)
        call(url, 'POST', '/sim/config', {'keepalive': 10})
        frame = ws.recv()
        while json.loads(frame)['metadata']['message_type'] != 'session_keepalive':
            frame = ws.recv()
        save('session-keepalive', frame)
        print(f'capture-sim: {len(os.listdir(OUT))} messages in {OUT}')
    finally:
        sim.terminate()
        sim.wait()


if __name__ == '__main__':
    main()
