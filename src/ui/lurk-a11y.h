/* lurk-a11y.h
 *
 * Copyright 2026 The Lurk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void lurk_a11y_name_controls (GtkWidget *root);
void lurk_a11y_hide_labels    (GtkWidget *widget);

G_END_DECLS
