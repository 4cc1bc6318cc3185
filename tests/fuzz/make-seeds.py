#!/usr/bin/env python3
# Regenerates the committed seed corpora in tests/fuzz/corpus/<target>/ from the parser
# engineers' fixtures (tests/fixtures/eventsub/, every message type and notice type), from
# lurk-sim's own messages (tests/fuzz/sim-messages/, captured with capture-sim.py) and from
# the hand-written answers below (Twitch's documented shapes, TWITCH.md). Deterministic:
# running it twice gives the same files. Usage: tests/fuzz/make-seeds.py [TARGET…]
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FIXTURES = os.path.join(ROOT, 'tests', 'fixtures', 'eventsub')
SIM_MESSAGES = os.path.join(HERE, 'sim-messages')
STATE = 'qhdW0xHkzIA9vXcPnpQ1tBm3YUsJaGfL7R2e8oZy6Vw'   # fuzz-oauth-redirect.c's
STATUS = {200: 0, 400: 1, 401: 2, 403: 3, 404: 4, 429: 5, 500: 6, 503: 7, 204: 8}


# fuzz-event-json.c's table: the first byte of a seed is the index of (type, version).
EVENT_TYPES = [
    ('stream.online', '1'), ('stream.offline', '1'), ('channel.update', '2'),
    ('channel.raid', '1'), ('channel.shared_chat.begin', '1'),
    ('channel.shared_chat.update', '1'), ('channel.shared_chat.end', '1'),
    ('channel.chat.message', '1'), ('channel.chat.notification', '1'),
    ('channel.chat.clear', '1'), ('channel.chat.clear_user_messages', '1'),
    ('channel.chat.message_delete', '1'), ('channel.chat_settings.update', '1'),
    ('channel.follow', '2'), ('channel.subscribe', '1'), ('channel.subscription.gift', '1'),
    ('channel.subscription.message', '1'), ('channel.cheer', '1'),
    ('channel.channel_points_custom_reward_redemption.add', '1'), ('channel.poll.begin', '1'),
    ('channel.poll.progress', '1'), ('channel.poll.end', '1'),
    ('channel.prediction.begin', '1'), ('channel.prediction.progress', '1'),
    ('channel.prediction.lock', '1'), ('channel.prediction.end', '1'),
    ('channel.hype_train.begin', '1'), ('channel.hype_train.progress', '1'),
    ('channel.hype_train.end', '1'), ('channel.goal.begin', '1'),
    ('channel.goal.progress', '1'), ('channel.goal.end', '1'),
    ('channel.charity_campaign.donate', '1'), ('channel.charity_campaign.start', '1'),
    ('channel.charity_campaign.progress', '1'), ('channel.charity_campaign.stop', '1'),
    ('channel.ad_break.begin', '1'), ('channel.shoutout.create', '1'),
    ('channel.shoutout.receive', '1'), ('channel.ban', '1'), ('channel.unban', '1'),
    ('channel.moderator.add', '1'), ('channel.moderator.remove', '1'), ('channel.vip.add', '1'),
    ('channel.vip.remove', '1'), ('channel.something_new', '1'), ('channel.update', '1'),
    ('', ''),
]


def compact(obj):
    return json.dumps(obj, separators=(',', ':'), ensure_ascii=False).encode()


def eventsub_messages():
    """(name, bytes) for every fixture and every captured lurk-sim message, compacted."""
    out = []
    for directory, prefix in ((FIXTURES, ''), (SIM_MESSAGES, 'sim-')):
        if not os.path.isdir(directory):
            continue
        for name in sorted(os.listdir(directory)):
            if not name.endswith('.json'):
                continue
            with open(os.path.join(directory, name), 'rb') as f:
                raw = f.read()
            try:
                out.append((prefix + name, compact(json.loads(raw))))
            except ValueError:
                out.append((prefix + name, raw))  # a deliberately broken fixture: keep as is
    return out


def eventsub_edge_cases():
    welcome = {"metadata": {"message_id": "m1", "message_type": "session_welcome",
                            "message_timestamp": "2026-11-27T20:15:10.123456789Z"},
               "payload": {"session": {"id": "s", "status": "connected",
                                       "connected_at": "2026-11-27T20:00:00Z",
                                       "keepalive_timeout_seconds": 10,
                                       "reconnect_url": None}}}
    yield 'edge-empty-object', b'{}'
    yield 'edge-pretty-welcome', json.dumps(welcome, indent=2).encode()
    yield 'edge-escapes', ('{"metadata":{"message_id":"\\u0041\\ud83d\\ude00\\n","message_type":'
                           '"session_keepalive","message_timestamp":"2026-11-27T20:15:10+01:00"},'
                           '"payload":{}}').encode()
    yield 'edge-nul-in-string', (b'{"metadata":{"message_id":"a\\u0000b","message_type":'
                                 b'"session_keepalive","message_timestamp":"2026-11-27T20:15:10Z"},'
                                 b'"payload":{}}')
    yield 'edge-huge-numbers', (b'{"metadata":{"message_id":"x","message_type":"session_welcome",'
                                b'"message_timestamp":"2026-11-27T20:15:10Z"},"payload":{"session":'
                                b'{"id":"s","status":"connected","keepalive_timeout_seconds":'
                                b'1e400,"reconnect_url":null}}}')
    yield 'edge-deep', b'[' * 70 + b']' * 70
    yield 'edge-dup-keys', (b'{"metadata":{"message_type":"session_keepalive","message_type":'
                            b'"notification","message_id":"d","message_timestamp":'
                            b'"2026-11-27T20:15:10Z"},"payload":{}}')


def event_json():
    for name, data in eventsub_messages():
        try:
            message = json.loads(data)
            meta = message['metadata']
            event = message['payload']['event']
            index = EVENT_TYPES.index((meta['subscription_type'], meta['subscription_version']))
        except (ValueError, KeyError, TypeError):
            continue
        yield name, bytes([index]) + compact(event)
    yield 'not-an-object', bytes([8]) + b'[]'
    yield 'unknown-type-empty', bytes([45]) + b'{}'


def oauth_redirect():
    yield 'token', ('access_token=0123456789abcdefghijklmnopqrst&scope=user%3Aread%3Achat'
                    '&state=' + STATE + '&token_type=bearer').encode()
    yield 'token-two-scopes', ('access_token=abc&scope=user%3Aread%3Achat+bits%3Aread&state='
                               + STATE + '&token_type=bearer').encode()
    yield 'denied', ('error=access_denied&error_description=The+user+denied+you+access'
                     '&state=' + STATE).encode()
    yield 'wrong-state', b'access_token=abc&state=nope&token_type=bearer'
    yield 'no-state', b'access_token=abc&token_type=bearer'
    yield 'repeated', ('access_token=a&access_token=b&state=' + STATE).encode()
    yield 'encoded', ('access_token=a%2Fb%00c&state=' + STATE.replace('q', '%71')).encode()
    yield 'empty', b''


def status_body(status, body):
    data = body if isinstance(body, bytes) else compact(body)
    return bytes([STATUS[status]]) + data


def oauth_response():
    yield 'device-code', status_body(200, {
        "device_code": "ike3GM8QIdYZs43KdrWPIO36LofILoCyFEzjlQ91",
        "expires_in": 1800, "interval": 5, "user_code": "ABCDEFGH",
        "verification_uri": "https://www.twitch.tv/activate?public=true&device-code=ABCDEFGH"})
    yield 'token', status_body(200, {
        "access_token": "rfx2uswqe8l4g1mkagrvg5tv0ks3", "expires_in": 14124,
        "refresh_token": "5b93chm6hdve3mycz05zfzatkfdenfspp1h1ar2xxdalen01",
        "scope": ["user:read:chat"], "token_type": "bearer"})
    yield 'token-no-refresh', status_body(200, {"access_token": "a", "token_type": "bearer",
                                                "scope": None, "expires_in": None})
    yield 'pending', status_body(400, {"status": 400, "message": "authorization_pending"})
    yield 'slow-down', status_body(400, {"status": 400, "message": "slow_down"})
    yield 'invalid-device-code', status_body(400, {"status": 400,
                                                   "message": "invalid device code"})
    yield 'expired', status_body(400, {"status": 400, "message": "expired_token"})
    yield 'denied', status_body(400, {"error": "access_denied", "status": 400})
    yield 'invalid-refresh', status_body(400, {"status": 400, "message": "Invalid refresh token"})
    yield 'validate', status_body(200, {
        "client_id": "wbmytr93xzw8zbg0p1izqyzzc5mbiz", "login": "twitchdev",
        "scopes": ["user:read:chat", "channel:read:subscriptions"], "user_id": "141981764",
        "expires_in": 5520838})
    yield 'validate-401', status_body(401, {"status": 401, "message": "invalid access token"})
    yield 'revoke-ok', status_body(200, b'')
    yield 'revoke-bad', status_body(400, {"status": 400, "message": "Invalid token"})
    yield 'server-error', status_body(500, b'<html>oops</html>')
    yield 'rate-limited', status_body(429, {"error": "Too Many Requests", "status": 429,
                                            "message": ""})


USER = {"id": "141981764", "login": "twitchdev", "display_name": "TwitchDev", "type": "",
        "broadcaster_type": "partner", "description": "Supporting third-party developers",
        "profile_image_url": "https://static-cdn.jtvnw.net/jtv_user_pictures/8a6381c7.png",
        "offline_image_url": "https://static-cdn.jtvnw.net/jtv_user_pictures/3f13ab61.png",
        "view_count": 5980557, "created_at": "2016-12-14T20:32:28Z"}
STREAM = {"id": "40952121085", "user_id": "101051819", "user_login": "afro",
          "user_name": "Afro", "game_id": "32982", "game_name": "Grand Theft Auto V",
          "type": "live", "title": "Jacob: Digital Den Laptops & Tablets", "tags": ["English"],
          "viewer_count": 1490, "started_at": "2021-03-10T15:04:21Z", "language": "en",
          "thumbnail_url": "https://static-cdn.jtvnw.net/previews-ttv/live_user_afro-{width}x{height}.jpg",
          "tag_ids": [], "is_mature": False}
SUB = {"id": "26b1c993-bfcf-44d9-b876-379dacafe75a", "status": "enabled",
       "type": "channel.chat.notification", "version": "1",
       "condition": {"broadcaster_user_id": "1337", "user_id": "9001"},
       "created_at": "2026-11-27T20:00:00.000000000Z",
       "transport": {"method": "websocket", "session_id": "AQoQexAWVYKSTIu4ec_2VAxyuhAB",
                     "connected_at": "2026-11-27T20:00:00.000000000Z"}, "cost": 0}


def helix_users():
    yield 'one', compact({"data": [USER]})
    yield 'two', compact({"data": [USER, dict(USER, id="2", login="b", display_name=None)]})
    yield 'empty', compact({"data": []})
    yield 'missing-login', compact({"data": [{"id": "1"}]})
    yield 'not-objects', b'{"data":[1,"a",null,[],true]}'
    yield 'no-data', b'{"error":"Unauthorized","status":401,"message":"Invalid OAuth token"}'


def helix_streams():
    yield 'live', compact({"data": [STREAM], "pagination": {"cursor": "eyJiIjp7"}})
    yield 'offline', compact({"data": [], "pagination": {}})
    yield 'tags-null', compact({"data": [dict(STREAM, tags=None)]})
    yield 'tags-mixed', compact({"data": [dict(STREAM, tags=["a", 1, None, {}])]})
    yield 'viewer-count-string', compact({"data": [dict(STREAM, viewer_count="12")]})


def helix_subscriptions():
    yield 'created', compact({"data": [SUB], "total": 1, "total_cost": 0,
                              "max_total_cost": 10})
    yield 'list', compact({"data": [SUB, dict(SUB, id="x", type="stream.online", cost=1,
                                              condition={"broadcaster_user_id": "1337"})],
                           "total": 2, "total_cost": 1, "max_total_cost": 10,
                           "pagination": {"cursor": "abc"}})
    yield 'condition-null', compact({"data": [dict(SUB, condition=None)], "total": 1})
    yield 'transport-string', compact({"data": [dict(SUB, transport="websocket")]})
    yield 'empty', compact({"data": [], "total": 0, "total_cost": 0, "max_total_cost": 10,
                            "pagination": {}})


def helix_error():
    def answer(status, body):
        data = body if isinstance(body, bytes) else compact(body)
        return status.to_bytes(2, 'big') + data
    yield '400', answer(400, {"error": "Bad Request", "status": 400,
                              "message": "invalid transport and subscription combination"})
    yield '401', answer(401, {"error": "Unauthorized", "status": 401,
                              "message": "Invalid OAuth token"})
    yield '403', answer(403, {"error": "Forbidden", "status": 403,
                              "message": "subscription missing proper authorization"})
    yield '409', answer(409, {"error": "Conflict", "status": 409,
                              "message": "subscription already exists"})
    yield '410', answer(410, {"error": "Gone", "status": 410, "message": "version removed"})
    yield '429-cost', answer(429, {"error": "Too Many Requests", "status": 429,
                                   "message": "total cost exceeded"})
    yield '429-rate', answer(429, {"error": "Too Many Requests", "status": 429,
                                   "message": ""})
    yield '503-html', answer(503, b'<html><body>Service Unavailable</body></html>')
    yield '500-escaped', answer(500, b'{"message":"\\u00e9\\ud800"}')
    yield '418-raw-bytes', answer(418, b'{"message":"' + bytes([0xff, 0xfe, 0xc3]) + b'"}')


# fuzz-sim-http.c's endpoints: the first byte of a seed is the index.
SIM_ENDPOINTS = ['/sim/trigger', '/sim/flood', '/sim/reconnect', '/sim/close', '/sim/drop',
                 '/sim/keepalive', '/sim/duplicate', '/sim/revoke', '/sim/stream',
                 '/sim/channel', '/sim/device/approve', '/sim/device/deny', '/sim/tokens',
                 '/sim/tokens/expire', '/sim/helix/fail', '/sim/config', '/sim/clients',
                 'POST /helix/eventsub/subscriptions', 'GET /helix/users', 'GET /helix/streams',
                 'GET /helix/eventsub/subscriptions', 'DELETE /helix/eventsub/subscriptions',
                 '/oauth2/token', '/oauth2/device', '/oauth2/revoke', '/oauth2/validate',
                 '/oauth2/authorize']


def sim_http():
    def req(endpoint, body):
        data = body if isinstance(body, bytes) else compact(body)
        return bytes([SIM_ENDPOINTS.index(endpoint)]) + data
    notice_types = ['sub', 'resub', 'sub_gift', 'community_sub_gift', 'gift_paid_upgrade',
                    'prime_paid_upgrade', 'raid', 'unraid', 'pay_it_forward', 'announcement',
                    'bits_badge_tier', 'charity_donation', 'watch_streak']
    for notice in notice_types:
        yield 'trigger-notice-' + notice, req('/sim/trigger', {
            "type": "channel.chat.notification", "notice_type": notice})
    for kind in ['text', 'cheer', 'channel_points_highlighted', 'user_intro',
                 'power_ups_gigantified_emote', 'power_ups_message_effect']:
        yield 'trigger-message-' + kind, req('/sim/trigger', {
            "type": "channel.chat.message", "notice_type": kind})
    for name, data in eventsub_messages():
        try:
            message = json.loads(data)
            meta = message['metadata']
            event = message['payload']['event']
        except (ValueError, KeyError, TypeError):
            continue
        yield 'trigger-' + name[:-5], req('/sim/trigger', {
            "type": meta['subscription_type'], "version": meta['subscription_version'],
            "event": event, "count": 2, "age_seconds": 5})
    yield 'flood', req('/sim/flood', {"type": "channel.chat.message", "count": 20, "rate": 0})
    yield 'reconnect', req('/sim/reconnect', {})
    yield 'close', req('/sim/close', {"code": 4001})
    yield 'drop', req('/sim/drop', {"session": "nope"})
    yield 'keepalive', req('/sim/keepalive', {"enabled": False})
    yield 'duplicate', req('/sim/duplicate', {"count": 3})
    yield 'revoke', req('/sim/revoke', {"type": "stream.online", "status": "user_removed"})
    yield 'stream', req('/sim/stream', {"broadcaster": "pixelpaloma", "live": True})
    yield 'channel', req('/sim/channel', {"title": "new title", "category_name": "Art"})
    yield 'approve', req('/sim/device/approve', {"user_code": "ABCDEFGH", "login": "lurkdemo"})
    yield 'deny', req('/sim/device/deny', {"user_code": "ABCDEFGH"})
    yield 'tokens', req('/sim/tokens', {"login": "lurkstream", "scopes": ["user:read:chat"]})
    yield 'tokens-expire', req('/sim/tokens/expire', {"token": "nope"})
    yield 'helix-fail', req('/sim/helix/fail', {"path": "/helix/users", "status": 503,
                                                "count": 1})
    yield 'config', req('/sim/config', {"keepalive": 10, "grace": 30, "time_scale": 1.0,
                                        "rate_limit": 800})
    yield 'clients', req('/sim/clients', {"client_id": "x",
                                          "redirect_uri": "http://localhost:1/auth"})
    yield 'subscribe', req('POST /helix/eventsub/subscriptions', {
        "type": "channel.chat.notification", "version": "1",
        "condition": {"broadcaster_user_id": "90000100", "user_id": "90000001"},
        "transport": {"method": "websocket", "session_id": "nope"}})
    yield 'subscribe-online', req('POST /helix/eventsub/subscriptions', {
        "type": "stream.online", "version": "1",
        "condition": {"broadcaster_user_id": "90000100"},
        "transport": {"method": "websocket", "session_id": "nope"}})
    yield 'users', req('GET /helix/users', b'login=lurkstream&login=pixelpaloma&id=90000001')
    yield 'streams', req('GET /helix/streams', b'user_login=lurkstream')
    yield 'subscriptions', req('GET /helix/eventsub/subscriptions', b'status=enabled&after=x')
    yield 'delete', req('DELETE /helix/eventsub/subscriptions', b'id=nope')
    yield 'token-device', req('/oauth2/token', b'client_id=lurk-sim-client&scopes=user%3Aread%3Achat'
                              b'&device_code=x&grant_type=urn%3Aietf%3Aparams%3Aoauth%3A'
                              b'grant-type%3Adevice_code')
    yield 'token-refresh', req('/oauth2/token', b'client_id=lurk-sim-client&grant_type='
                               b'refresh_token&refresh_token=x')
    yield 'device', req('/oauth2/device', b'client_id=lurk-sim-client&scopes=user%3Aread%3Achat')
    yield 'revoke-token', req('/oauth2/revoke', b'client_id=lurk-sim-client&token=x')
    yield 'validate', req('/oauth2/validate', b'lurkdemo0simtoken00000000000000')
    yield 'authorize', req('/oauth2/authorize', b'client_id=lurk-sim-client&redirect_uri='
                           b'http%3A%2F%2Flocalhost%3A17563%2Fauth&response_type=token'
                           b'&scope=user%3Aread%3Achat&state=abc&force_verify=true')


def json_scan():
    for name, data in eventsub_messages():
        yield name, data
    for name, data in eventsub_edge_cases():
        yield name, data
    for t in (b'null', b'true', b'-0.5e+10', b'"\\u00e9\\ud800"', b'[1,[2,{"a":[]}]]',
              b'{"a":1,}', b'\xef\xbb\xbf{}', b'"\xc3\x28"', b'2026-11-27T20:15:10.123456789Z',
              b'2026-02-30T25:61:61-99:99'):
        yield 'lit-' + t.hex()[:16], t


TARGETS = {
    'helix-error': helix_error,
    'helix-streams': helix_streams,
    'helix-subscriptions': helix_subscriptions,
    'helix-users': helix_users,
    'json-scan': json_scan,
    'eventsub-message': lambda: list(eventsub_messages()) + list(eventsub_edge_cases()),
    'event-json': event_json,
    'oauth-redirect': oauth_redirect,
    'oauth-response': oauth_response,
    'sim-http': sim_http,
}


def main():
    names = sys.argv[1:] or sorted(TARGETS)
    for target in names:
        directory = os.path.join(HERE, 'corpus', target)
        os.makedirs(directory, exist_ok=True)
        count = 0
        for name, data in TARGETS[target]():
            name = name[:-5] if name.endswith('.json') else name
            with open(os.path.join(directory, name), 'wb') as f:
                f.write(data)
            count += 1
        print(f'{target}: {count} seeds')


if __name__ == '__main__':
    main()
