#!/usr/bin/env python3
# Checks Lurk's Flatpak manifests (flatpak/): each parses, names the app ID of its file, runs
# `lurk` on a GNOME runtime that is supported and brings the video codecs, asks for exactly
# the permissions Lurk needs and no more, and builds Lurk from this checkout with the right
# profile; together they agree on runtime and permissions. Prints TAP.
#
#   check-flatpak-manifest.py MANIFEST…
#
# The codecs: Twitch's player needs H.264 and AAC (Media Source Extensions). From
# freedesktop-sdk 25.08, which GNOME 49 and later are built on, the runtime itself pulls the
# org.freedesktop.Platform.codecs-extra extension (FFmpeg with those codecs, the successor of
# ffmpeg-full), so a manifest on GNOME 50 declares no codec extension; declaring the old
# ffmpeg-full one would be a mistake carried over from GNOME 48 and earlier.
import json
import os
import sys

BASE_ID = "io.github.lurkapp.Lurk"
# The oldest GNOME runtime accepted: supported today (GNOME 50 and 51), and with codecs-extra.
MIN_GNOME = 50
# What Lurk needs: network (Twitch), IPC and a display (Wayland, X11 only as a fallback), the
# GPU (video compositing) and sound (the player). Files, the keyring's bus name and the
# session bus are not needed: tokens go through the Secret portal, links through OpenURI.
FINISH_ARGS = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
               "--device=dri", "--socket=pulseaudio"}

results = []


def check(ok, what, detail=""):
    results.append((bool(ok), what, detail))


def check_manifest(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            manifest = json.load(f)
        check(True, f"{name}: valid JSON")
    except (OSError, ValueError) as e:
        check(False, f"{name}: valid JSON", str(e))
        return None

    expected_id = name[:-len(".json")] if name.endswith(".json") else name
    devel = expected_id.endswith(".Devel")
    check(expected_id in (BASE_ID, BASE_ID + ".Devel"),
          f"{name}: the file is named for Lurk's app ID or its .Devel", expected_id)
    check(manifest.get("id", manifest.get("app-id")) == expected_id,
          f"{name}: the app ID is {expected_id}")
    check(manifest.get("runtime") == "org.gnome.Platform",
          f"{name}: the runtime is org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", f"{name}: the SDK is org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    check(version.isdigit() and int(version) >= MIN_GNOME,
          f"{name}: the runtime is GNOME {MIN_GNOME} or newer", version)
    extensions = manifest.get("add-extensions", {})
    check("org.freedesktop.Platform.ffmpeg-full" not in extensions,
          f"{name}: no ffmpeg-full extension (the runtime brings codecs-extra)")
    check(manifest.get("command") == "lurk", f"{name}: the command is lurk")

    args = manifest.get("finish-args", [])
    for needed in sorted(FINISH_ARGS):
        check(needed in args, f"{name}: finish-args has {needed}")
    extra = [a for a in args if a not in FINISH_ARGS]
    check(not extra, f"{name}: finish-args ask for nothing more", " ".join(extra))
    check(len(args) == len(set(args)), f"{name}: finish-args have no duplicates")

    modules = manifest.get("modules", [])
    lurk = [m for m in modules if isinstance(m, dict) and m.get("name") == "lurk"]
    check(len(lurk) == 1, f"{name}: there is one lurk module")
    if lurk:
        module = lurk[0]
        opts = module.get("config-opts", [])
        check(module.get("buildsystem") == "meson", f"{name}: lurk is built with meson")
        profile = "-Ddevelopment=true" if devel else "-Ddevelopment=false"
        check(profile in opts and not any(o.startswith("-Ddevelopment=") and o != profile
                                          for o in opts),
              f"{name}: lurk is built with {profile}", " ".join(opts))
        check("-Dtests=false" in opts, f"{name}: the tests are not built into the app")
        check("-Dbench_hooks=true" not in opts, f"{name}: no benchmark hooks")
        sources = module.get("sources", [])
        check(any(s.get("type") == "dir" and s.get("path", "").rstrip("/") == ".."
                  for s in sources),
              f"{name}: lurk is built from this checkout (type dir, path ..)")
    return manifest


manifests = [m for m in (check_manifest(p) for p in sys.argv[1:]) if m is not None]
names = [os.path.basename(p) for p in sys.argv[1:]]
check(f"{BASE_ID}.json" in names and f"{BASE_ID}.Devel.json" in names,
      "a release and a .Devel manifest are checked", " ".join(names))
if len(manifests) > 1:
    check(len({str(m.get("runtime-version")) for m in manifests}) == 1,
          "the manifests use the same runtime version")
    check(len({tuple(sorted(m.get("finish-args", []))) for m in manifests}) == 1,
          "the manifests ask for the same permissions")

print(f"1..{len(results)}")
failed = 0
for i, (ok, what, detail) in enumerate(results, 1):
    suffix = f" # {detail}" if detail and not ok else ""
    print(f"{'ok' if ok else 'not ok'} {i} - {what}{suffix}")
    failed += not ok
sys.exit(1 if failed else 0)
