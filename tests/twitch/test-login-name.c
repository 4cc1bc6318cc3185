/* test-login-name.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "lurk-error.h"
#include "lurk-login-name.h"

typedef struct
{
  const char *input;
  const char *login;   /* NULL: rejected */
  const char *message; /* a part of the error message the user must see */
} Case;

static const Case cases[] = {
  { "shroud", "shroud", NULL },
  { "  Shroud  ", "shroud", NULL },
  { "@Pokimane", "pokimane", NULL },
  { "\t@xQc\n", "xqc", NULL },
  { "a", "a", NULL },
  { "user_name_42", "user_name_42", NULL },
  { "_", "_", NULL },
  { "abcdefghijklmnopqrstuvwxy", "abcdefghijklmnopqrstuvwxy", NULL },
  { "ABCDEFGHIJKLMNOPQRSTUVWXY", "abcdefghijklmnopqrstuvwxy", NULL },
  { "", NULL, "Enter a Twitch channel name" },
  { "   ", NULL, "Enter a Twitch channel name" },
  { "@", NULL, "Enter a Twitch channel name" },
  { " @ ", NULL, "Enter a Twitch channel name" },
  { "abcdefghijklmnopqrstuvwxyz", NULL, "at most 25 characters" },
  { "two words", NULL, "cannot contain spaces" },
  { "dash-name", NULL, "“-” is not allowed" },
  { "dot.name", NULL, "“.” is not allowed" },
  { "@@double", NULL, "“@” is not allowed" },
  { "zoë", NULL, "“ë” is not allowed" },
  { "emoji😀", NULL, "“😀” is not allowed" },
  { "https://twitch.tv/x", NULL, "“:” is not allowed" },
  { "semi;colon", NULL, "“;” is not allowed" },
};

static void
test_login_name_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *login = NULL;

      g_test_message ("input “%s”", c->input);
      login = lurk_login_name_normalize (c->input, &error);

      if (c->login != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (login, ==, c->login);
        }
      else
        {
          g_assert_null (login);
          g_assert_error (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN);
          g_assert_nonnull (strstr (error->message, c->message));
        }
    }
}

static void
test_login_name_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *login = lurk_login_name_normalize ("ab\xff\xfe", &error);

  g_assert_null (login);
  g_assert_error (error, LURK_ERROR, LURK_ERROR_INVALID_LOGIN);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lurk/login-name/table", test_login_name_table);
  g_test_add_func ("/lurk/login-name/invalid-utf8", test_login_name_invalid_utf8);

  return g_test_run ();
}
