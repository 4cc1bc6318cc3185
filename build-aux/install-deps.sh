#!/usr/bin/env bash
# Installs what building, running and testing Lurk need, from the distribution.
# Idempotent: when everything is present it only checks and returns (well under a second).
set -euo pipefail

debian_packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libwebkitgtk-6.0-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev libsqlite3-dev
  # run and test: data validators, headless X server, private D-Bus, test keyring
  desktop-file-utils appstream xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  adwaita-icon-theme fonts-cantarell librsvg2-common sqlite3 python3 imagemagick curl
  # video: H.264 and AAC decoders for Twitch's MSE player (WebKitGTK only recommends them)
  gstreamer1.0-libav gstreamer1.0-plugins-bad gstreamer1.0-plugins-good gstreamer1.0-gl
  # quality gates: fuzzing and sanitizers with clang, valgrind, static analysis
  clang libclang-rt-14-dev llvm valgrind clang-tools cppcheck
)

fedora_packages="meson ninja-build gcc gettext glib2-devel gtk4-devel libadwaita-devel
webkitgtk6.0-devel libsoup3-devel json-glib-devel libsecret-devel sqlite-devel
desktop-file-utils appstream xorg-x11-server-Xvfb xorg-x11-xauth dbus-daemon dbus-x11
gnome-keyring adwaita-icon-theme abattis-cantarell-fonts sqlite python3 ImageMagick curl
gstreamer1-plugin-openh264 gstreamer1-plugin-libav gstreamer1-plugins-bad-free
gstreamer1-plugins-good
clang compiler-rt llvm valgrind clang-tools-extra cppcheck"
# Fedora's video: H.264 from gstreamer1-plugin-openh264 (Cisco's OpenH264, in the
# fedora-cisco-openh264 repository, enabled by default), AAC from gstreamer1-plugin-libav
# (Fedora's ffmpeg-free); RPM Fusion's full libav decodes every H.264 profile.

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: this is not a Debian or Ubuntu system; install these packages yourself." >&2
  echo "Fedora: sudo dnf install $(echo $fedora_packages)" >&2
  exit 0
fi

missing=()
installed=$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${debian_packages[@]}" 2>/dev/null || true)
for pkg in "${debian_packages[@]}"; do
  if ! grep -q "^$pkg ii" <<<"$installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
