#!/usr/bin/env python3
# Checks the app icons: the normal, Devel and symbolic icons exist, are well-formed SVG of the
# size GNOME expects, and the symbolic one uses a single recolorable color. Prints TAP.
#
#   check-icons.py DATA_ICONS_DIR
import os
import re
import sys
import xml.etree.ElementTree as ET

base = sys.argv[1]
icons = {
    "hicolor/scalable/apps/io.github.lurkapp.Lurk.svg": "128",
    "hicolor/scalable/apps/io.github.lurkapp.Lurk.Devel.svg": "128",
    "hicolor/symbolic/apps/io.github.lurkapp.Lurk-symbolic.svg": "16",
}
results = []
for rel, size in icons.items():
    path = os.path.join(base, rel)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        results.append((False, f"{rel} is well-formed SVG", str(e)))
        continue
    results.append((root.tag.endswith("svg"), f"{rel} is well-formed SVG", root.tag))
    ok = root.get("width") == size and root.get("height") == size
    results.append((ok, f"{rel} is {size}×{size}", f"{root.get('width')}×{root.get('height')}"))
    if "symbolic" in rel:
        with open(path, encoding="utf-8") as f:
            colors = set(re.findall(r'#[0-9a-fA-F]{6}\b', f.read()))
        results.append((len(colors) <= 1, f"{rel} uses one color", " ".join(sorted(colors))))

print(f"1..{len(results)}")
failed = 0
for i, (ok, what, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {what}" + (f" # {detail}" if not ok else ""))
    failed += not ok
sys.exit(1 if failed else 0)
