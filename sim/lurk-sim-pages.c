/* lurk-sim-pages.c: the HTML pages a person sees on the simulated id.twitch.tv: the OAuth
 * consent page and the device activation page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-sim"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lurk-sim-oauth.h"

static const char page_style[] =
  "<style>:root{color-scheme:dark}"
  "body{font-family:Cantarell,'Inter',sans-serif;background:#0e0e10;color:#efeff1;"
  "display:flex;justify-content:center;padding-top:8vh}main{background:#18181b;border-radius:12px;"
  "padding:32px;max-width:420px;box-shadow:0 4px 24px #0008}h1{font-size:20px}"
  "ul{padding-left:20px;color:#adadb8}button{font:inherit;padding:8px 18px;border-radius:6px;"
  "border:0;margin-right:8px;cursor:pointer}.primary{background:#9146ff;color:#fff}"
  ".secondary{background:#3a3a3d;color:#efeff1}select,input{font:inherit;padding:6px 10px;"
  "-webkit-appearance:none;appearance:none;"
  "border-radius:6px;border:1px solid #3a3a3d;background:#0e0e10;color:#efeff1}"
  ".brand{color:#bf94ff;font-weight:bold}</style>";

/* Appends text (translated or from the request) escaped for HTML. */
static void
append_text (GString    *html,
             const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (html, escaped);
}

static void
page_begin (GString    *html,
            const char *title)
{
  g_string_append (html, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>");
  append_text (html, title);
  g_string_append (html, "</title>");
  g_string_append (html, page_style);
  g_string_append (html, "</head><body><main><p class=\"brand\">");
  append_text (html, _("lurk-sim · a local Twitch"));
  g_string_append (html, "</p>");
}

static void
user_picker (LurkSimWorld *world,
             GString      *html)
{
  g_string_append (html, "<p><label>");
  append_text (html, _("Sign in as"));
  g_string_append (html, " <select name=\"login\">");
  for (guint i = 0; i < world->users->len; i++)
    {
      LurkSimUser *user = g_ptr_array_index (world->users, i);

      g_string_append_printf (html, "<option value=\"%s\"%s>", user->login,
                              g_str_equal (user->login, LURK_SIM_DEMO_LOGIN) ? " selected" : "");
      append_text (html, user->display_name);
      g_string_append (html, "</option>");
    }
  g_string_append (html, "</select></label></p>");
}

static void
button (GString    *html,
        const char *css_class,
        const char *value,
        const char *label)
{
  g_string_append_printf (html, "<button class=\"%s\" name=\"decision\" value=\"%s\" id=\"%s\">",
                          css_class, value, value);
  append_text (html, label);
  g_string_append (html, "</button>");
}

void
_lurk_sim_consent_page (LurkSimWorld      *world,
                        SoupServerMessage *msg,
                        GHashTable        *params,
                        char             **scopes)
{
  static const char *fields[] = { "client_id", "redirect_uri", "response_type", "scope", "state" };
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *heading = NULL;

  /* Translators: the title of the simulated Twitch sign-in page */
  page_begin (html, _("Authorize"));

  /* Translators: %s is an application's client id */
  heading = g_strdup_printf (_("%s wants to access your account"),
                             (const char *)g_hash_table_lookup (params, "client_id"));
  g_string_append (html, "<h1>");
  append_text (html, heading);
  g_string_append (html, "</h1><form method=\"post\" action=\"/oauth2/authorize\">");
  user_picker (world, html);

  g_string_append (html, "<p>");
  append_text (html, _("It will be able to:"));
  g_string_append (html, "</p><ul>");
  for (guint i = 0; scopes[i]; i++)
    {
      g_string_append (html, "<li>");
      append_text (html, scopes[i]);
      g_string_append (html, "</li>");
    }
  if (scopes[0] == NULL)
    {
      g_string_append (html, "<li>");
      append_text (html, _("See your public profile"));
      g_string_append (html, "</li>");
    }
  g_string_append (html, "</ul>");

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_string_append_printf (html, "<input type=\"hidden\" name=\"%s\" value=\"", fields[i]);
      append_text (html, g_hash_table_lookup (params, fields[i]));
      g_string_append (html, "\">");
    }

  g_string_append (html, "<p>");
  button (html, "primary", "authorize", _("Authorize"));
  button (html, "secondary", "cancel", _("Cancel"));
  g_string_append (html, "</p></form></main></body></html>");

  _lurk_sim_reply_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html->str);
}

void
_lurk_sim_handle_activate (LurkSimOAuth      *oauth,
                           LurkSimWorld      *world,
                           SoupServerMessage *msg)
{
  g_autoptr(GHashTable) params = _lurk_sim_read_params (msg);
  g_autoptr(GString) html = g_string_new (NULL);
  const char *decision = g_hash_table_lookup (params, "decision");

  page_begin (html, _("Activate your device"));

  if (g_str_equal (soup_server_message_get_method (msg), "POST") && decision != NULL)
    {
      g_autoptr(GError) error = NULL;
      gboolean approve = g_str_equal (decision, "approve");
      const char *result;

      if (_lurk_sim_device_decide (oauth, g_hash_table_lookup (params, "device-code"),
                                   g_hash_table_lookup (params, "login"), approve, &error))
        result = approve ? _("Success! The device is connected.") : _("The device was denied.");
      else
        result = _("That code is not valid or has expired.");

      g_string_append (html, "<h1 id=\"result\">");
      append_text (html, result);
      g_string_append (html, "</h1><p>");
      append_text (html, _("You can close this page."));
      g_string_append (html, "</p></main></body></html>");
      _lurk_sim_reply_text (msg, error ? SOUP_STATUS_BAD_REQUEST : SOUP_STATUS_OK,
                            "text/html; charset=utf-8", html->str);
      return;
    }

  g_string_append (html, "<h1>");
  append_text (html, _("Activate your device"));
  g_string_append (html, "</h1><form method=\"post\" action=\"/activate\"><p><label>");
  append_text (html, _("Code"));
  g_string_append (html, " <input name=\"device-code\" id=\"code\" value=\"");
  append_text (html, g_hash_table_lookup (params, "device-code"));
  g_string_append (html, "\"></label></p>");
  user_picker (world, html);
  g_string_append (html, "<p>");
  button (html, "primary", "approve", _("Approve"));
  button (html, "secondary", "deny", _("Deny"));
  g_string_append (html, "</p></form></main></body></html>");

  _lurk_sim_reply_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8", html->str);
}
