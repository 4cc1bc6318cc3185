#!/usr/bin/env python3
# Checks the Flatpak manifest: it parses, uses a current GNOME runtime, runs `lurk`, asks for
# no more than Lurk needs, and builds Lurk from this checkout. Prints TAP.
#
#   check-flatpak-manifest.py MANIFEST
import json
import sys

path = sys.argv[1]
results = []


def check(ok, what, detail=""):
    results.append((bool(ok), what, detail))


try:
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    check(True, "the manifest is valid JSON")
except (OSError, ValueError) as e:
    print("1..1")
    print(f"not ok 1 - the manifest is valid JSON # {e}")
    sys.exit(1)

check(manifest.get("id", manifest.get("app-id")) == "io.github.lurkapp.Lurk.Devel",
      "the app ID is io.github.lurkapp.Lurk.Devel")
check(manifest.get("runtime") == "org.gnome.Platform", "the runtime is org.gnome.Platform")
check(manifest.get("sdk") == "org.gnome.Sdk", "the SDK is org.gnome.Sdk")
version = str(manifest.get("runtime-version", ""))
check(version.isdigit() and int(version) >= 48, "the runtime is GNOME 48 or newer", version)
check(manifest.get("command") == "lurk", "the command is lurk")

args = manifest.get("finish-args", [])
for needed in ["--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
               "--device=dri", "--socket=pulseaudio"]:
    check(needed in args, f"finish-args has {needed}")
broad = [a for a in args if a.startswith("--filesystem=") and
         a.split("=", 1)[1].split(":")[0] in ("home", "host", "host-os", "host-etc")]
check(not broad, "finish-args grant no home or host filesystem", " ".join(broad))
check("--socket=x11" not in args, "X11 only as a fallback")
check("--talk-name=org.freedesktop.secrets" not in args,
      "secrets go through the portal, not the keyring's bus name")

modules = manifest.get("modules", [])
lurk = [m for m in modules if isinstance(m, dict) and m.get("name") == "lurk"]
check(len(lurk) == 1, "there is one lurk module")
if lurk:
    module = lurk[0]
    check(module.get("buildsystem") == "meson", "lurk is built with meson")
    check("-Ddevelopment=true" in module.get("config-opts", []),
          "lurk is built with -Ddevelopment=true")
    sources = module.get("sources", [])
    check(any(s.get("type") == "dir" and s.get("path", "").rstrip("/") == "../.."
              for s in sources),
          "lurk is built from the local checkout (type dir, path ../../)")

print(f"1..{len(results)}")
failed = 0
for i, (ok, what, detail) in enumerate(results, 1):
    suffix = f" # {detail}" if detail and not ok else ""
    print(f"{'ok' if ok else 'not ok'} {i} - {what}{suffix}")
    failed += not ok
sys.exit(1 if failed else 0)
