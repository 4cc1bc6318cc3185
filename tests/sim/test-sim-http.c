/* test-sim-http.c: lurk-sim's OAuth, Helix users/streams, authentication, rate limit, fault
 * injection, control API input checks, compatibility layout and the executable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sim-test-util.h"

#define DEVICE_GRANT "urn%%3Aietf%%3Aparams%%3Aoauth%%3Agrant-type%%3Adevice_code"

static const char *
string_of (Reply      *reply,
           const char *member)
{
  return json_object_get_string_member (reply_object (reply), member);
}

static void
test_helix_auth (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  http (f, &reply, "GET", "/helix/users", NULL, LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 401);
  g_assert_cmpstr (string_of (&reply, "error"), ==, "Unauthorized");

  http (f, &reply, "GET", "/helix/users", "not-a-token", LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 401);

  http (f, &reply, "GET", "/helix/users", LURK_SIM_DEMO_TOKEN, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 401);

  http (f, &reply, "GET", "/helix/users", LURK_SIM_DEMO_TOKEN, "someone-else", NULL);
  g_assert_cmpuint (reply.status, ==, 401);
  g_assert_nonnull (strstr (string_of (&reply, "message"), "Client ID"));

  http (f, &reply, "GET", "/helix/users", LURK_SIM_DEMO_TOKEN, LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 200);

  control (f, "/sim/tokens/expire", "{\"token\":\"" LURK_SIM_DEMO_TOKEN "\"}");
  http (f, &reply, "GET", "/helix/users", LURK_SIM_DEMO_TOKEN, LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 401);
}

static void
test_helix_users (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonArray *users;
  JsonObject *first;

  helix (f, &reply, "GET", "/users", NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_first_data (&reply), "login"), ==,
                   "lurkdemo");

  helix (f, &reply, "GET", "/users?login=lurkstream&login=CozyOtter&login=nobody_here&id=90000103",
         NULL);
  users = json_object_get_array_member (reply_object (&reply), "data");
  g_assert_cmpuint (json_array_get_length (users), ==, 3);
  first = json_array_get_object_element (users, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "90000103");
  g_assert_cmpstr (json_object_get_string_member (first, "display_name"), ==, "RetroRunner");
  g_assert_true (
    g_str_has_prefix (json_object_get_string_member (first, "profile_image_url"), f->url));
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (users, 1), "login"), ==,
    "lurkstream");
  g_assert_cmpstr (
    json_object_get_string_member (json_array_get_object_element (users, 2), "login"), ==,
    "cozyotter");
}

static void
test_avatar (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  http (f, &reply, "GET", "/sim/avatar/lurkstream.png", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==, "image/png");
  g_assert_true (memcmp (reply.body, "\x89PNG", 4) == 0);
}

static void
test_helix_streams (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonObject *stream;

  helix (f, &reply, "GET", "/streams", NULL);
  stream = reply_first_data (&reply);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (reply_object (&reply), "data")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (stream, "user_login"), ==, "lurkstream");
  g_assert_cmpstr (json_object_get_string_member (stream, "type"), ==, "live");
  g_assert_cmpstr (json_object_get_string_member (stream, "game_name"), ==, "Celeste");

  helix (f, &reply, "GET", "/streams?user_login=cozyotter", NULL);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (reply_object (&reply), "data")), ==, 0);

  control (
    f, "/sim/channel",
    "{\"broadcaster\":\"lurkstream\",\"title\":\"New title\",\"category_name\":\"Hollow Knight\"}");
  control (f, "/sim/stream", "{\"broadcaster\":\"cozyotter\",\"live\":true}");
  helix (f, &reply, "GET", "/streams?user_login=lurkstream&user_id=90000102", NULL);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (reply_object (&reply), "data")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (reply_first_data (&reply), "title"), ==,
                   "New title");

  control (f, "/sim/stream", "{\"broadcaster\":\"lurkstream\",\"live\":false}");
  helix (f, &reply, "GET", "/streams?user_login=lurkstream", NULL);
  g_assert_cmpuint (
    json_array_get_length (json_object_get_array_member (reply_object (&reply), "data")), ==, 0);
}

static void
test_helix_channels (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonArray *channels;

  /* Title and category of live and offline channels alike. */
  helix (f, &reply, "GET", "/channels?broadcaster_id=90000100&broadcaster_id=90000102&"
         "broadcaster_id=123", NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  channels = json_object_get_array_member (reply_object (&reply), "data");
  g_assert_cmpuint (json_array_get_length (channels), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (channels, 1),
                                                  "game_name"), ==, "Stardew Valley");

  helix (f, &reply, "GET", "/channels", NULL);
  g_assert_cmpuint (reply.status, ==, 400);
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  gint64 reset;

  helix (f, &reply, "GET", "/users", NULL);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Ratelimit-Limit"), ==, "800");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Ratelimit-Remaining"), ==, "799");

  control (f, "/sim/config", "{\"rate_limit\":3}");
  for (guint i = 0; i < 3; i++)
    {
      helix (f, &reply, "GET", "/users", NULL);
      g_assert_cmpuint (reply.status, ==, 200);
    }
  helix (f, &reply, "GET", "/users", NULL);
  g_assert_cmpuint (reply.status, ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Ratelimit-Limit"), ==, "3");
  g_assert_cmpstr (soup_message_headers_get_one (reply.headers, "Ratelimit-Remaining"), ==, "0");
  reset
    = g_ascii_strtoll (soup_message_headers_get_one (reply.headers, "Ratelimit-Reset"), NULL, 10);
  g_assert_cmpint (reset, >=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpint (reset, <=, g_get_real_time () / G_USEC_PER_SEC + 61);

  /* Another user has a bucket of their own. */
  http (f, &reply, "GET", "/helix/users", LURK_SIM_BROADCASTER_TOKEN, LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_helix_fail (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  control (f, "/sim/helix/fail", "{\"path\":\"/helix/users\",\"status\":503,\"count\":2}");
  helix (f, &reply, "GET", "/users", NULL);
  g_assert_cmpuint (reply.status, ==, 503);
  g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "status"), ==, 503);
  helix (f, &reply, "GET", "/users", NULL);
  g_assert_cmpuint (reply.status, ==, 503);
  helix (f, &reply, "GET", "/users", NULL);
  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_device_flow (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Reply) device = { 0 };
  g_auto(Reply) reply = { 0 };
  g_autofree char *poll = NULL;
  g_autofree char *approve = NULL;
  JsonArray *scopes;

  http (f, &device, "POST", "/oauth2/device", NULL, NULL,
        "form:client_id=lurk-sim-client&scopes=user%3Aread%3Achat");
  g_assert_cmpuint (device.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply_object (&device), "interval"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (reply_object (&device), "expires_in"), >, 0);
  g_assert_cmpuint (strlen (string_of (&device, "user_code")), ==, 8);
  g_assert_nonnull (strstr (string_of (&device, "verification_uri"), "/activate"));

  poll = g_strdup_printf ("form:client_id=lurk-sim-client&scopes=user%%3Aread%%3Achat&"
                          "device_code=%s&grant_type=" DEVICE_GRANT,
                          string_of (&device, "device_code"));
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, poll);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "authorization_pending");

  approve = g_strdup_printf ("{\"user_code\":\"%s\"}", string_of (&device, "user_code"));
  control (f, "/sim/device/approve", approve);

  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, poll);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpuint (strlen (string_of (&reply, "access_token")), ==, 30);
  g_assert_nonnull (string_of (&reply, "refresh_token"));
  g_assert_cmpstr (string_of (&reply, "token_type"), ==, "bearer");
  g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "expires_in"), >, 3600);
  scopes = json_object_get_array_member (reply_object (&reply), "scope");
  g_assert_cmpstr (json_array_get_string_element (scopes, 0), ==, "user:read:chat");

  /* Device codes are single-use. */
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, poll);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "invalid device code");
}

static void
test_device_denied (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Reply) device = { 0 };
  g_auto(Reply) reply = { 0 };
  g_autofree char *poll = NULL;
  g_autofree char *page = NULL;

  http (f, &device, "POST", "/oauth2/device", NULL, NULL, "form:client_id=lurk-sim-client&scopes=");
  poll = g_strdup_printf ("form:client_id=lurk-sim-client&device_code=%s&grant_type=" DEVICE_GRANT,
                          string_of (&device, "device_code"));

  /* The /activate page shows the code and has Approve and Deny. */
  page = g_strdup_printf ("/activate?device-code=%s", string_of (&device, "user_code"));
  http (f, &reply, "GET", page, NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, string_of (&device, "user_code")));
  g_assert_nonnull (strstr (reply.body, "Deny"));

  g_free (page);
  page = g_strdup_printf ("form:device-code=%s&decision=deny", string_of (&device, "user_code"));
  http (f, &reply, "POST", "/activate", NULL, NULL, page);
  g_assert_cmpuint (reply.status, ==, 200);

  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, poll);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "access_denied");

  http (f, &reply, "POST", "/oauth2/device", NULL, NULL, "form:client_id=unknown&scopes=");
  g_assert_cmpuint (reply.status, ==, 400);
  http (f, &reply, "POST", "/oauth2/device", NULL, NULL,
        "form:client_id=lurk-sim-client&scopes=made:up");
  g_assert_cmpuint (reply.status, ==, 400);
}

static void
test_refresh_rotation (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Reply) minted = { 0 };
  g_auto(Reply) reply = { 0 };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *body = NULL;

  http (f, &minted, "POST", "/sim/tokens", NULL, NULL,
        "{\"login\":\"lurkdemo\",\"scopes\":[\"user:read:chat\"]}");
  first = g_strdup (string_of (&minted, "refresh_token"));

  body = g_strdup_printf (
    "form:grant_type=refresh_token&client_id=lurk-sim-client&refresh_token=%s", first);
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, body);
  g_assert_cmpuint (reply.status, ==, 200);
  second = g_strdup (string_of (&reply, "refresh_token"));
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpstr (string_of (&reply, "access_token"), !=, string_of (&minted, "access_token"));

  /* The old pair is spent: its access token too (twitchdev/issues #903). */
  http (f, &reply, "GET", "/oauth2/validate", string_of (&minted, "access_token"), NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 401);

  /* The new refresh token works once, without a secret (a public client). */
  {
    g_autofree char *next = g_strdup_printf (
      "form:grant_type=refresh_token&client_id=lurk-sim-client&refresh_token=%s", second);
    g_autofree char *latest = NULL;

    http (f, &reply, "POST", "/oauth2/token", NULL, NULL, next);
    g_assert_cmpuint (reply.status, ==, 200);
    latest = g_strdup (string_of (&reply, "access_token"));
    http (f, &reply, "GET", "/oauth2/validate", latest, NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 200);

    /* Sending the spent first one again: refused, and the whole authorization of lurkdemo
     * with this client is revoked (twitchdev/issues #903), the newest pair included. */
    http (f, &reply, "POST", "/oauth2/token", NULL, NULL, body);
    g_assert_cmpuint (reply.status, ==, 400);
    g_assert_cmpstr (string_of (&reply, "message"), ==, "Invalid refresh token");
    http (f, &reply, "GET", "/oauth2/validate", latest, NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 401);
    http (f, &reply, "GET", "/helix/users", latest, LURK_SIM_CLIENT_ID, NULL);
    g_assert_cmpuint (reply.status, ==, 401);
    http (f, &reply, "GET", "/oauth2/validate", LURK_SIM_DEMO_TOKEN, NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 401);
    /* Another user's tokens stand. */
    http (f, &reply, "GET", "/oauth2/validate", LURK_SIM_BROADCASTER_TOKEN, NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
  }

  /* An unknown refresh token is refused. */
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL,
        "form:grant_type=refresh_token&client_id=lurk-sim-client&refresh_token=nonsense");
  g_assert_cmpuint (reply.status, ==, 400);
}

static void
test_expiry (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Reply) device = { 0 };
  g_auto(Reply) minted = { 0 };
  g_auto(Reply) reply = { 0 };
  g_autofree char *poll = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *refresh_body = NULL;
  g_autofree char *token = NULL;

  http (f, &device, "POST", "/oauth2/device", NULL, NULL, "form:client_id=lurk-sim-client&scopes=");
  poll = g_strdup_printf ("form:client_id=lurk-sim-client&device_code=%s&grant_type=" DEVICE_GRANT,
                          string_of (&device, "device_code"));
  http (f, &minted, "POST", "/sim/tokens", NULL, NULL,
        "{\"login\":\"lurkdemo\",\"scopes\":[\"user:read:chat\"]}");
  token = g_strdup (string_of (&minted, "access_token"));
  refresh = g_strdup (string_of (&minted, "refresh_token"));
  refresh_body = g_strdup_printf ("form:grant_type=refresh_token&client_id=lurk-sim-client&"
                                  "refresh_token=%s", refresh);

  /* After 30 minutes the device code is gone; after 4 hours the access token. */
  control (f, "/sim/clock", "{\"advance_seconds\":1801}");
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, poll);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "expired_token");

  control (f, "/sim/clock", "{\"advance_seconds\":14400}");
  http (f, &reply, "GET", "/oauth2/validate", token, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 401);
  http (f, &reply, "GET", "/helix/users", token, LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 401);

  /* A refresh token lasts 30 days. */
  control (f, "/sim/clock", "{\"advance_seconds\":2592000}");
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, refresh_body);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "Invalid refresh token");
}

static void
test_validate_revoke (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->url, "/oauth2/validate", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(Reply) reply = { 0 };

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "OAuth " LURK_SIM_DEMO_TOKEN);
  bytes = soup_session_send_and_read (f->session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"login\":\"lurkdemo\""));
  g_assert_nonnull (
    strstr (g_bytes_get_data (bytes, NULL), "\"user_id\":\"" LURK_SIM_DEMO_USER_ID "\""));
  g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "\"client_id\":\"lurk-sim-client\""));

  http (f, &reply, "POST", "/oauth2/revoke", NULL, NULL,
        "form:client_id=lurk-sim-client&token=" LURK_SIM_DEMO_TOKEN);
  g_assert_cmpuint (reply.status, ==, 200);

  http (f, &reply, "GET", "/oauth2/validate", LURK_SIM_DEMO_TOKEN, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 401);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "invalid access token");

  http (f, &reply, "POST", "/oauth2/revoke", NULL, NULL,
        "form:client_id=lurk-sim-client&token=nope");
  g_assert_cmpuint (reply.status, ==, 400);
}

static void
test_authorize (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  const char *location;
  static const char *query
    = "client_id=" LURK_SIM_CONFIDENTIAL_CLIENT_ID
      "&redirect_uri=http%3A%2F%2Flocalhost%3A17563%2Fauth"
      "&response_type=token&scope=user%3Aread%3Achat&state=abc123&force_verify=true";
  g_autofree char *page = g_strconcat ("/oauth2/authorize?", query, NULL);
  g_autofree char *allow = g_strconcat ("form:", query, "&decision=authorize&login=lurkdemo", NULL);
  g_autofree char *deny = g_strconcat ("form:", query, "&decision=cancel", NULL);

  http (f, &reply, "GET", page, NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, "Authorize"));
  g_assert_nonnull (strstr (reply.body, "Cancel"));
  g_assert_nonnull (strstr (reply.body, "user:read:chat"));

  http (f, &reply, "POST", "/oauth2/authorize", NULL, NULL, allow);
  g_assert_cmpuint (reply.status, ==, 302);
  location = soup_message_headers_get_one (reply.headers, "Location");
  g_assert_true (g_str_has_prefix (location, "http://localhost:17563/auth#access_token="));
  g_assert_nonnull (strstr (location, "&scope=user%3Aread%3Achat"));
  g_assert_nonnull (strstr (location, "&state=abc123"));
  g_assert_true (g_str_has_suffix (location, "&token_type=bearer"));

  http (f, &reply, "POST", "/oauth2/authorize", NULL, NULL, deny);
  g_assert_cmpuint (reply.status, ==, 302);
  location = soup_message_headers_get_one (reply.headers, "Location");
  g_assert_true (g_str_has_prefix (location, "http://localhost:17563/auth?error=access_denied"));
  g_assert_nonnull (strstr (location, "state=abc123"));
}

static void
test_authorize_errors (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  http (f, &reply, "GET",
        "/oauth2/authorize?client_id=nobody&redirect_uri=http%3A%2F%2Flocalhost%3A17563%2Fauth"
        "&response_type=token&scope=user%3Aread%3Achat",
        NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "invalid client");

  http (f, &reply, "GET",
        "/oauth2/authorize?client_id=lurk-sim-client&redirect_uri=http%3A%2F%2Fevil.example%2F"
        "&response_type=token&scope=user%3Aread%3Achat",
        NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_nonnull (strstr (string_of (&reply, "message"), "redirect_uri"));

  http (
    f, &reply, "GET",
    "/oauth2/authorize?client_id=lurk-sim-client&redirect_uri=http%3A%2F%2Flocalhost%3A17563%2Fauth"
    "&response_type=token&scope=user%3Aread%3Achat+made%3Aup",
    NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_nonnull (strstr (string_of (&reply, "message"), "made:up"));

  /* A registered client and redirect by control call. */
  control (f, "/sim/clients",
           "{\"client_id\":\"other\",\"redirect_uri\":\"http://localhost:9999/cb\","
           "\"client_type\":\"confidential\",\"client_secret\":\"s3cret\"}");
  http (f, &reply, "GET",
        "/oauth2/authorize?client_id=other&redirect_uri=http%3A%2F%2Flocalhost%3A9999%2Fcb"
        "&response_type=token&scope=",
        NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
}

/* What Twitch refuses each client type (lurk-sim-oauth.c). */
static void
test_client_types (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  g_auto(Reply) device = { 0 };
  g_autofree char *approve = NULL;
  g_autofree char *poll = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *with_secret = NULL;
  g_autofree char *wrong_secret = NULL;
  const char *location;

  /* A public client may not use the implicit grant: RFC 6749 §4.2.2.1's error, in the
   * fragment, with the state (not a consent page). */
  http (f, &reply, "GET",
        "/oauth2/authorize?client_id=lurk-sim-client"
        "&redirect_uri=http%3A%2F%2Flocalhost%3A17563%2Fauth"
        "&response_type=token&scope=user%3Aread%3Achat&state=s1",
        NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 302);
  location = soup_message_headers_get_one (reply.headers, "Location");
  g_assert_true (g_str_has_prefix (location,
                                   "http://localhost:17563/auth#error=unauthorized_client&"
                                   "error_description="));
  g_assert_nonnull (strstr (location, "&state=s1"));
  g_assert_null (strstr (location, "access_token"));
  /* Nor by posting the consent form. */
  http (f, &reply, "POST", "/oauth2/authorize", NULL, NULL,
        "form:client_id=lurk-sim-client&redirect_uri=http%3A%2F%2Flocalhost%3A17563%2Fauth"
        "&response_type=token&scope=user%3Aread%3Achat&state=s1&decision=authorize");
  g_assert_cmpuint (reply.status, ==, 302);
  location = soup_message_headers_get_one (reply.headers, "Location");
  g_assert_null (strstr (location, "access_token"));

  /* A confidential client may use the device code grant, but refreshing that token needs
   * its secret (twitchdev/issues #943). */
  http (f, &device, "POST", "/oauth2/device", NULL, NULL,
        "form:client_id=" LURK_SIM_CONFIDENTIAL_CLIENT_ID "&scopes=user%3Aread%3Achat");
  g_assert_cmpuint (device.status, ==, 200);
  approve = g_strdup_printf ("{\"user_code\":\"%s\"}", string_of (&device, "user_code"));
  control (f, "/sim/device/approve", approve);
  poll = g_strdup_printf ("form:client_id=" LURK_SIM_CONFIDENTIAL_CLIENT_ID
                          "&device_code=%s&grant_type=" DEVICE_GRANT,
                          string_of (&device, "device_code"));
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, poll);
  g_assert_cmpuint (reply.status, ==, 200);
  refresh = g_strdup_printf ("form:grant_type=refresh_token&client_id="
                             LURK_SIM_CONFIDENTIAL_CLIENT_ID "&refresh_token=%s",
                             string_of (&reply, "refresh_token"));
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, refresh);
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "missing client secret");
  g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "status"), ==, 400);
  wrong_secret = g_strconcat (refresh, "&client_secret=nope", NULL);
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, wrong_secret);
  g_assert_cmpuint (reply.status, ==, 403);
  with_secret = g_strconcat (refresh, "&client_secret=" LURK_SIM_CONFIDENTIAL_CLIENT_SECRET,
                             NULL);
  http (f, &reply, "POST", "/oauth2/token", NULL, NULL, with_secret);
  g_assert_cmpuint (reply.status, ==, 200);

  /* Registering a confidential client needs its secret. */
  http (f, &reply, "POST", "/sim/clients", NULL, NULL,
        "{\"client_id\":\"c2\",\"client_type\":\"confidential\"}");
  g_assert_cmpuint (reply.status, ==, 400);
  http (f, &reply, "POST", "/sim/clients", NULL, NULL,
        "{\"client_id\":\"c2\",\"client_type\":\"secret\"}");
  g_assert_cmpuint (reply.status, ==, 400);
}

static void
test_code_without_secret (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  http (f, &reply, "POST", "/oauth2/token", NULL, NULL,
        "form:client_id=lurk-sim-client&grant_type=authorization_code&code=abc&"
        "redirect_uri=http%3A%2F%2Flocalhost%3A17563%2Fauth");
  g_assert_cmpuint (reply.status, ==, 400);
  g_assert_cmpstr (string_of (&reply, "message"), ==, "missing client secret");

  http (f, &reply, "POST", "/oauth2/token", NULL, NULL,
        "form:client_id=lurk-sim-client&grant_type=password");
  g_assert_cmpuint (reply.status, ==, 400);
}

static void
test_control_malformed (Fixture       *f,
                        gconstpointer  data)
{
  static const struct { const char *path; const char *body; } cases[] = {
    { "/sim/trigger", "not json" },
    { "/sim/trigger", "[1,2]" },
    { "/sim/trigger", "{}" },
    { "/sim/trigger", "{\"type\":\"nope.nope\"}" },
    { "/sim/trigger", "{\"type\":\"channel.chat.notification\",\"notice_type\":\"made_up\"}" },
    { "/sim/trigger", "{\"type\":\"stream.online\",\"count\":\"many\"}" },
    { "/sim/trigger", "{\"type\":\"stream.online\",\"broadcaster\":\"nobody_at_all\"}" },
    { "/sim/flood", "{\"type\":\"stream.online\"}" },
    { "/sim/flood", "{\"type\":\"stream.online\",\"count\":10,\"rate\":-1}" },
    { "/sim/close", "{}" },
    { "/sim/keepalive", "{\"enabled\":\"yes\"}" },
    { "/sim/revoke", "{}" },
    { "/sim/revoke", "{\"type\":\"stream.online\",\"status\":\"bored\"}" },
    { "/sim/stream", "{\"live\":1}" },
    { "/sim/tokens", "{\"login\":\"nobody_at_all\"}" },
    { "/sim/tokens", "{\"login\":\"lurkdemo\",\"scopes\":\"user:read:chat\"}" },
    { "/sim/helix/fail", "{\"status\":503}" },
    { "/sim/helix/fail", "{\"path\":\"/users\",\"status\":200}" },
    { "/sim/duplicate", "{\"count\":0}" },
    { "/sim/clients", "{}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Reply) reply = { 0 };

      http (f, &reply, "POST", cases[i].path, NULL, NULL, cases[i].body);
      if (reply.status != 400)
        g_error ("POST %s %s → %u, expected 400", cases[i].path, cases[i].body, reply.status);
    }

  {
    g_auto(Reply) reply = { 0 };

    http (f, &reply, "POST", "/sim/reconnect", NULL, NULL, "{\"session\":\"nope\"}");
    g_assert_cmpuint (reply.status, ==, 404);
    http (f, &reply, "GET", "/sim/stats", NULL, NULL, NULL);
    g_assert_cmpuint (reply.status, ==, 200);
  }
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  control (f, "/sim/stream", "{\"broadcaster\":\"lurkstream\",\"live\":false}");
  control (f, "/sim/tokens/revoke", "{}");
  control (f, "/sim/reset", "{}");
  helix (f, &reply, "GET", "/streams", NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_first_data (&reply), "user_login"), ==,
                   "lurkstream");
}

static void
test_tokens_list (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonArray *tokens;
  gboolean demo = FALSE;

  http (f, &reply, "GET", "/sim/tokens", NULL, NULL, NULL);
  tokens = json_object_get_array_member (reply_object (&reply), "data");
  for (guint i = 0; i < json_array_get_length (tokens); i++)
    {
      JsonObject *token = json_array_get_object_element (tokens, i);

      if (g_str_equal (json_object_get_string_member (token, "login"), "lurkdemo"))
        {
          demo = TRUE;
          g_assert_cmpstr (json_object_get_string_member (token, "access_token"), ==,
                           LURK_SIM_DEMO_TOKEN);
          g_assert_cmpstr (json_object_get_string_member (token, "client_id"), ==,
                           LURK_SIM_CLIENT_ID);
        }
    }
  g_assert_true (demo);
}

static void
test_compat_layout (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  http (f, &reply, "GET", "/mock/users?login=lurkstream", LURK_SIM_DEMO_TOKEN, LURK_SIM_CLIENT_ID,
        NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (reply_first_data (&reply), "id"), ==,
                   LURK_SIM_BROADCASTER_ID);

  http (f, &reply, "GET", "/eventsub/subscriptions", LURK_SIM_DEMO_TOKEN, LURK_SIM_CLIENT_ID, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (reply_object (&reply), "max_total_cost"), ==, 10);

  http (f, &reply, "GET", "/auth/validate", LURK_SIM_DEMO_TOKEN, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
}

static void
test_executable (void)
{
  const char *argv[] = { LURK_SIM_EXE, "--port", "0", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr (GRegex) regex
    = g_regex_new ("^lurk-sim listening on http://127\\.0\\.0\\.1:(\\d+)$", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *line = NULL;
  g_autofree char *url = NULL;
  g_autofree char *port = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_regex_match (regex, line, 0, &match));
  port = g_match_info_fetch (match, 1);

  url = g_strdup_printf ("http://127.0.0.1:%s/oauth2/validate", port);
  msg = soup_message_new ("GET", url);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                "OAuth " LURK_SIM_DEMO_TOKEN);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
}

static void
test_embed_player (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };

  http (f, &reply, "GET", "/embed/player?channel=lurkstream&parent=localhost", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, ">LIVE<"));
  g_assert_nonnull (strstr (reply.body, "LurkStream"));
  /* Real video, streamed by the player's script; sound unless the embed says muted=true. */
  g_assert_nonnull (strstr (reply.body, "<video id=\"video\""));
  g_assert_nonnull (strstr (reply.body, "data-muted=\"false\""));
  g_assert_nonnull (strstr (reply.body, "<script src=\"/embed/player/assets/player.js\">"));
  g_assert_nonnull (strstr (reply.body, "(Error #4000)"));

  http (f, &reply, "GET", "/embed/player/?channel=lurkstream&parent=localhost&muted=true", NULL,
        NULL, NULL);
  g_assert_nonnull (strstr (reply.body, "data-muted=\"true\""));

  http (f, &reply, "GET", "/embed/player?channel=cozyotter", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_null (strstr (reply.body, ">LIVE<"));
  g_assert_nonnull (strstr (reply.body, "CozyOtter is offline."));

  http (f, &reply, "GET", "/embed/player?channel=nobody_at_all", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 404);
}

/* The embed API script and the player state it reports, set through /sim/player. */
static void
test_embed_api (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Reply) reply = { 0 };
  JsonObject *state;

  http (f, &reply, "GET", "/embed/v1.js", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (reply.headers, NULL), ==,
                   "text/javascript");
  g_assert_nonnull (strstr (reply.body, "window.Twitch.Player = Player"));
  g_assert_nonnull (strstr (reply.body, "getPlaybackStats()"));
  g_assert_nonnull (strstr (reply.body, "hlsLatencyBroadcaster"));
  g_assert_nonnull (strstr (reply.body, "'/embed/player'"));

  /* The player page carries the frame's side and the state. */
  http (f, &reply, "GET", "/embed/player?channel=lurkstream&parent=localhost", NULL, NULL, NULL);
  g_assert_nonnull (strstr (reply.body, "<script src=\"/embed/player/assets/bridge.js\" "
                                        "data-channel=\"lurkstream\">"));
  g_assert_nonnull (strstr (reply.body, "\"latency_seconds\":2"));

  http (f, &reply, "GET", "/sim/player", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  state = reply_object (&reply);
  g_assert_cmpfloat (json_object_get_double_member (state, "latency_seconds"), ==, 2.0);
  g_assert_false (json_object_get_boolean_member (state, "paused"));
  g_assert_false (json_object_get_boolean_member (state, "offline"));

  http (f, &reply, "POST", "/sim/player", NULL, NULL, "{\"latency_seconds\":4.5,\"paused\":true}");
  g_assert_cmpuint (reply.status, ==, 200);
  state = reply_object (&reply);
  g_assert_cmpfloat (json_object_get_double_member (state, "latency_seconds"), ==, 4.5);
  g_assert_true (json_object_get_boolean_member (state, "paused"));
  g_assert_false (json_object_get_boolean_member (state, "offline"));

  http (f, &reply, "POST", "/sim/player", NULL, NULL, "{\"offline\":true}");
  state = reply_object (&reply);
  g_assert_cmpfloat (json_object_get_double_member (state, "latency_seconds"), ==, 4.5);
  g_assert_true (json_object_get_boolean_member (state, "offline"));
  http (f, &reply, "GET", "/embed/player?channel=lurkstream", NULL, NULL, NULL);
  g_assert_nonnull (strstr (reply.body, "\"latency_seconds\":4.5,\"paused\":true,"
                                        "\"offline\":true"));

  http (f, &reply, "POST", "/sim/player", NULL, NULL, "{\"latency_seconds\":-1}");
  g_assert_cmpuint (reply.status, ==, 400);
  http (f, &reply, "POST", "/sim/player", NULL, NULL, "{\"latency_seconds\":\"4\"}");
  g_assert_cmpuint (reply.status, ==, 400);
  http (f, &reply, "POST", "/sim/player", NULL, NULL, "{\"paused\":1}");
  g_assert_cmpuint (reply.status, ==, 400);

  control (f, "/sim/reset", NULL);
  http (f, &reply, "GET", "/sim/player", NULL, NULL, NULL);
  state = reply_object (&reply);
  g_assert_cmpfloat (json_object_get_double_member (state, "latency_seconds"), ==, 2.0);
  g_assert_false (json_object_get_boolean_member (state, "paused"));
}

/* Whether the box @type is among the top-level boxes of the ISO BMFF data @bytes. */
static gboolean
has_box (GBytes     *bytes,
         const char *type)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  for (gsize at = 0; at + 8 <= size;)
    {
      guint32 box = GUINT32_FROM_BE (*(const guint32 *) (const void *) (data + at));

      if (memcmp (data + at + 4, type, 4) == 0)
        return TRUE;
      if (box < 8)
        return FALSE;
      at += box;
    }

  return FALSE;
}

static GBytes *
get_asset (Fixture    *f,
           const char *name,
           guint      *status,
           char      **content_type)
{
  g_autofree char *url = g_strconcat (f->url, "/embed/player/assets/", name, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *bytes = soup_session_send_and_read (f->session, msg, NULL, &error);

  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  *content_type = g_strdup (soup_message_headers_get_content_type (
                              soup_message_get_response_headers (msg), NULL));
  return bytes;
}

/* The live player's script, playlist, init segment and media segments, from the resources. */
static void
test_embed_player_assets (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GBytes) script = NULL, playlist = NULL, init = NULL, missing = NULL;
  g_autofree char *type = NULL;
  g_auto(GStrv) lines = NULL;
  guint status, segments = 0;
  gsize total;

  script = get_asset (f, "player.js", &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "text/javascript");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (script, NULL), g_bytes_get_size (script),
                                  "avc1.4D401F,mp4a.40.2"));
  g_clear_pointer (&type, g_free);

  playlist = get_asset (f, "clip.m3u8", &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&type, g_free);
  init = get_asset (f, "init.mp4", &status, &type);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (type, ==, "video/mp4");
  g_clear_pointer (&type, g_free);
  /* An ISO BMFF file: ftyp, then moov. */
  g_assert_cmpuint (g_bytes_get_size (init), >, 500);
  g_assert_cmpmem ((const char *) g_bytes_get_data (init, NULL) + 4, 4, "ftyp", 4);
  g_assert_true (has_box (init, "moov"));
  total = g_bytes_get_size (init);

  {
    g_autofree char *text = g_strndup (g_bytes_get_data (playlist, NULL),
                                       g_bytes_get_size (playlist));

    g_assert_true (g_str_has_prefix (text, "#EXTM3U"));
    g_assert_nonnull (strstr (text, "#EXT-X-MAP:URI=\"init.mp4\""));
    lines = g_strsplit (text, "\n", -1);
  }
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(GBytes) segment = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      segment = get_asset (f, lines[i], &status, &type);
      g_assert_cmpuint (status, ==, 200);
      g_assert_cmpstr (type, ==, "video/iso.segment");
      g_clear_pointer (&type, g_free);
      /* A media segment: a moof with both tracks' fragments, then its mdat. */
      g_assert_true (has_box (segment, "moof"));
      g_assert_true (has_box (segment, "mdat"));
      total += g_bytes_get_size (segment);
      segments++;
    }
  g_assert_cmpuint (segments, ==, 4);
  /* A few hundred kilobytes in all. */
  g_assert_cmpuint (total, <, 400 * 1024);

  missing = get_asset (f, "nothing.mp4", &status, &type);
  g_assert_cmpuint (status, ==, 404);
  g_clear_pointer (&type, g_free);
  g_clear_pointer (&missing, g_bytes_unref);
  /* No way out of the player's directory (the server refuses an encoded slash outright). */
  missing = get_asset (f, "..%2Fplayer.js", &status, &type);
  g_assert_true (status == 400 || status == 404);
}

static void
test_embed_chat (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *url = g_strconcat (f->url, "/embed/events?channel=lurkstream", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Reply) reply = { 0 };
  gboolean seen = FALSE;

  http (f, &reply, "GET", "/embed/chat?channel=lurkstream", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, "EventSource('/embed/events?channel=lurkstream')"));
  reply_clear (&reply);

  /* Twitch's {chat}/LOGIN/chat shape on the simulator's chat base, as the app builds it. */
  http (f, &reply, "GET", "/embed/chat/lurkstream/chat?parent=localhost&darkpopout", NULL, NULL,
        NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, "EventSource('/embed/events?channel=lurkstream')"));
  g_assert_null (strstr (reply.body, "color-scheme:light"));
  reply_clear (&reply);
  http (f, &reply, "GET", "/embed/chat/lurkstream/chat?parent=localhost", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 200);
  g_assert_nonnull (strstr (reply.body, "color-scheme:light"));
  reply_clear (&reply);
  http (f, &reply, "GET", "/embed/chat/nosuchchannel/chat?parent=localhost", NULL, NULL, NULL);
  g_assert_cmpuint (reply.status, ==, 404);
  reply_clear (&reply);

  control (f, "/sim/trigger", "{\"type\":\"channel.chat.message\",\"event\":{\"message\":"
                              "{\"text\":\"hello from the test\",\"fragments\":[]}}}");

  /* The stream replays the recent chat, then follows it. */
  stream = soup_session_send (f->session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (
    soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL), ==,
    "text/event-stream");
  lines = g_data_input_stream_new (stream);
  while (!seen)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      seen = g_str_has_prefix (line, "data: ") && strstr (line, "hello from the test") != NULL;
    }

  control (f, "/sim/trigger", "{\"type\":\"channel.chat.notification\",\"notice_type\":\"raid\"}");
  seen = FALSE;
  while (!seen)
    {
      g_autofree char *line = g_data_input_stream_read_line (lines, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      seen = g_str_has_prefix (line, "data: ") && strstr (line, "raiders from") != NULL;
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  g_test_add_func ("/lurk/sim/executable", test_executable);
  ADD ("/lurk/sim/helix/auth", test_helix_auth);
  ADD ("/lurk/sim/helix/users", test_helix_users);
  ADD ("/lurk/sim/helix/streams", test_helix_streams);
  ADD ("/lurk/sim/helix/channels", test_helix_channels);
  ADD ("/lurk/sim/helix/rate-limit", test_rate_limit);
  ADD ("/lurk/sim/helix/injected-failure", test_helix_fail);
  ADD ("/lurk/sim/oauth/device-flow", test_device_flow);
  ADD ("/lurk/sim/oauth/device-denied", test_device_denied);
  ADD ("/lurk/sim/oauth/refresh-rotation", test_refresh_rotation);
  ADD ("/lurk/sim/oauth/validate-revoke", test_validate_revoke);
  ADD ("/lurk/sim/oauth/expiry", test_expiry);
  ADD ("/lurk/sim/oauth/authorize", test_authorize);
  ADD ("/lurk/sim/oauth/authorize-errors", test_authorize_errors);
  ADD ("/lurk/sim/oauth/client-types", test_client_types);
  ADD ("/lurk/sim/oauth/code-without-secret", test_code_without_secret);
  ADD ("/lurk/sim/control/malformed", test_control_malformed);
  ADD ("/lurk/sim/control/reset", test_reset);
  ADD ("/lurk/sim/control/tokens", test_tokens_list);
  ADD ("/lurk/sim/compat/layout", test_compat_layout);
  ADD ("/lurk/sim/world/avatar", test_avatar);
  ADD ("/lurk/sim/embed/player", test_embed_player);
  ADD ("/lurk/sim/embed/player-assets", test_embed_player_assets);
  ADD ("/lurk/sim/embed/api", test_embed_api);
  ADD ("/lurk/sim/embed/chat", test_embed_chat);
#undef ADD

  return g_test_run ();
}
