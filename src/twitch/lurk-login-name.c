/* lurk-login-name.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-error.h"
#include "lurk-login-name.h"

/**
 * lurk_login_name_normalize:
 * @input: what the user typed, UTF-8
 * @error: return location for a %LURK_ERROR_INVALID_LOGIN error
 *
 * Turns what a user typed into a Twitch login: surrounding white space and one leading
 * `@` are removed, letters are lowercased, and the result must match `^[a-z0-9_]{1,25}$`.
 * Whether such a channel exists is for Helix to say.
 *
 * The error message is meant for the user: it says what is wrong (empty, too long, or which
 * character is not allowed).
 *
 * Returns: (transfer full) (nullable): the login, or %NULL with @error set
 */
char *
lurk_login_name_normalize (const char  *input,
                           GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  const char *name;
  glong n_chars;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (input == NULL || !g_utf8_validate (input, -1, NULL))
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN,
                           _("The name is not valid text"));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (input));
  name = trimmed;
  if (name[0] == '@')
    name++;

  if (name[0] == '\0')
    {
      g_set_error_literal (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN,
                           _("Enter a Twitch channel name"));
      return NULL;
    }

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && (g_ascii_isalnum ((char) c) || c == '_'))
        continue;

      if (g_unichar_isspace (c))
        {
          g_set_error_literal (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN,
                               _("Twitch names cannot contain spaces"));
        }
      else
        {
          char utf8[7] = { 0 };

          g_unichar_to_utf8 (c, utf8);
          /* Translators: %s is the one character that is not allowed, in quotes */
          g_set_error (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN,
                       _("“%s” is not allowed: use only letters a–z, digits and _"), utf8);
        }
      return NULL;
    }

  n_chars = g_utf8_strlen (name, -1);
  if (n_chars > LURK_LOGIN_NAME_MAX_LENGTH)
    {
      g_set_error (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Twitch names have at most %d character",
                                "Twitch names have at most %d characters",
                                LURK_LOGIN_NAME_MAX_LENGTH),
                   LURK_LOGIN_NAME_MAX_LENGTH);
      return NULL;
    }

  lower = g_ascii_strdown (name, -1);

  return g_steal_pointer (&lower);
}
