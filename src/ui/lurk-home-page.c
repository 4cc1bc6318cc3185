/* lurk-home-page.c
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lurk-home-page"

#include "config.h"

#include <glib/gi18n.h>

#include "lurk-account-area.h"
#include "lurk-application.h"
#include "lurk-favorite-preview.h"
#include "lurk-home-page.h"
#include "lurk-login-name.h"
#include "lurk-profile.h"

/*
 * The Home page: the account area and the favorite streamer entry. A valid name typed in
 * the entry is handed to `win.open-streamer`, which saves it and shows the Streamer page; an
 * invalid one gets an inline error saying what is wrong.
 */

struct _LurkHomePage
{
  AdwBin                parent_instance;

  char                 *favorite_login;

  AdwWindowTitle       *window_title;
  AdwStatusPage        *status_page;
  AdwPreferencesGroup  *account_group;
  AdwEntryRow          *favorite_row;
  GtkLabel             *error_label;
  LurkFavoritePreview  *favorite_preview;
};

G_DEFINE_FINAL_TYPE (LurkHomePage, lurk_home_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FAVORITE_LOGIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_favorite (gpointer    instance,
              const char *favorite_login)
{
  return favorite_login != NULL && favorite_login[0] != '\0';
}

/* @message under the entry: an error (the entry turns red), or a note (it stays neutral). */
static void
lurk_home_page_show_message (LurkHomePage *self,
                             const char   *message,
                             gboolean      is_error)
{
  gboolean has_error = message != NULL && is_error;

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (has_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");

  if (has_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->favorite_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->favorite_row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->favorite_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               has_error ? GTK_ACCESSIBLE_INVALID_TRUE
                                         : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
lurk_home_page_show_error (LurkHomePage *self,
                           const char   *message)
{
  lurk_home_page_show_message (self, message, TRUE);
}

static void
favorite_row_changed_cb (LurkHomePage *self,
                         AdwEntryRow  *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autoptr(GError) error = NULL;

  /* While typing, an empty entry is not an error yet: only Enter on it is. */
  if (trimmed[0] == '\0' || g_str_equal (trimmed, "@"))
    {
      lurk_home_page_show_error (self, NULL);
      return;
    }

  /* While typing only the error matters; the name itself is normalized again on Enter. */
  g_free (lurk_login_name_normalize (text, &error));
  lurk_home_page_show_error (self, error != NULL ? error->message : NULL);
}

static void
favorite_row_activated_cb (LurkHomePage *self,
                           AdwEntryRow  *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *login = NULL;
  g_autoptr(GError) error = NULL;

  login = lurk_login_name_normalize (text, &error);
  if (login == NULL)
    {
      lurk_home_page_show_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (row));
      return;
    }

  lurk_home_page_show_error (self, NULL);

  /* Helix says whether the channel exists before it is saved (lurk-favorite-preview.c);
   * signed out there is no asking it, and an unchecked name is not saved. */
  {
    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
    GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                               : NULL;
    LurkAccount *account = LURK_IS_APPLICATION (app)
                           ? lurk_application_get_account (LURK_APPLICATION (app)) : NULL;

    if (account == NULL || lurk_account_get_state (account) != LURK_ACCOUNT_SIGNED_IN)
      {
        g_autofree char *note = NULL;

        lurk_favorite_preview_clear (self->favorite_preview);
        /* Translators: under the favorite entry while signed out; %s is the name typed */
        note = g_strdup_printf (_("Sign in with Twitch to check that “%s” exists before "
                                  "Lurk follows it"), login);
        lurk_home_page_show_message (self, note, FALSE);
        return;
      }

    lurk_favorite_preview_set_account (self->favorite_preview, account);
  }
  lurk_favorite_preview_look_up (self->favorite_preview, login);
}

static void
favorite_preview_save_cb (LurkHomePage        *self,
                          const char          *login,
                          LurkFavoritePreview *preview)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-streamer", "s", login);
  gtk_editable_set_text (GTK_EDITABLE (self->favorite_row), "");
}

static void
favorite_preview_failed_cb (LurkHomePage        *self,
                            const char          *message,
                            LurkFavoritePreview *preview)
{
  lurk_home_page_show_error (self, message);
  gtk_widget_grab_focus (GTK_WIDGET (self->favorite_row));
}

static void
lurk_home_page_dispose (GObject *object)
{
  LurkHomePage *self = LURK_HOME_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LURK_TYPE_HOME_PAGE);

  G_OBJECT_CLASS (lurk_home_page_parent_class)->dispose (object);
}

static void
lurk_home_page_finalize (GObject *object)
{
  LurkHomePage *self = LURK_HOME_PAGE (object);

  g_clear_pointer (&self->favorite_login, g_free);

  G_OBJECT_CLASS (lurk_home_page_parent_class)->finalize (object);
}

static void
lurk_home_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LurkHomePage *self = LURK_HOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_FAVORITE_LOGIN:
      g_value_set_string (value, lurk_home_page_get_favorite_login (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_home_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LurkHomePage *self = LURK_HOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_FAVORITE_LOGIN:
      lurk_home_page_set_favorite_login (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lurk_home_page_class_init (LurkHomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lurk_home_page_dispose;
  object_class->finalize = lurk_home_page_finalize;
  object_class->get_property = lurk_home_page_get_property;
  object_class->set_property = lurk_home_page_set_property;

  /**
   * LurkHomePage:favorite-login:
   *
   * The saved favorite streamer's login, or "" when there is none.
   */
  properties[PROP_FAVORITE_LOGIN] =
    g_param_spec_string ("favorite-login", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LURK_TYPE_ACCOUNT_AREA);
  g_type_ensure (LURK_TYPE_FAVORITE_PREVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/lurkapp/Lurk/lurk-home-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LurkHomePage, window_title);
  gtk_widget_class_bind_template_child (widget_class, LurkHomePage, status_page);
  gtk_widget_class_bind_template_child (widget_class, LurkHomePage, account_group);
  gtk_widget_class_bind_template_child (widget_class, LurkHomePage, favorite_row);
  gtk_widget_class_bind_template_child (widget_class, LurkHomePage, error_label);
  gtk_widget_class_bind_template_callback (widget_class, favorite_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, favorite_row_activated_cb);
  gtk_widget_class_bind_template_child (widget_class, LurkHomePage, favorite_preview);
  gtk_widget_class_bind_template_callback (widget_class, favorite_preview_save_cb);
  gtk_widget_class_bind_template_callback (widget_class, favorite_preview_failed_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_favorite);
}

static void
lurk_home_page_init (LurkHomePage *self)
{
  self->favorite_login = g_strdup ("");

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_status_page_set_icon_name (self->status_page, APP_ID);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->favorite_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);

  if (lurk_profile_is_demo ())
    adw_window_title_set_subtitle (self->window_title, _("Demo"));
}

GtkWidget *
lurk_home_page_new (void)
{
  return g_object_new (LURK_TYPE_HOME_PAGE, NULL);
}

const char *
lurk_home_page_get_favorite_login (LurkHomePage *self)
{
  g_return_val_if_fail (LURK_IS_HOME_PAGE (self), NULL);

  return self->favorite_login;
}

void
lurk_home_page_set_favorite_login (LurkHomePage *self,
                                   const char   *favorite_login)
{
  g_return_if_fail (LURK_IS_HOME_PAGE (self));

  if (favorite_login == NULL)
    favorite_login = "";

  if (g_strcmp0 (self->favorite_login, favorite_login) == 0)
    return;

  g_free (self->favorite_login);
  self->favorite_login = g_strdup (favorite_login);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAVORITE_LOGIN]);
}

/**
 * lurk_home_page_get_error_text:
 * @self: a home page
 *
 * Returns: (nullable): the inline error under the favorite streamer entry, or %NULL when none
 *   is shown
 */
const char *
lurk_home_page_get_error_text (LurkHomePage *self)
{
  g_return_val_if_fail (LURK_IS_HOME_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;

  return gtk_label_get_label (self->error_label);
}
