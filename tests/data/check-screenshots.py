#!/usr/bin/env python3
# Checks that the screenshots the metainfo and README.md show are in docs/screenshots, are PNG
# and have the size the metainfo declares. Prints TAP.
#
#   check-screenshots.py SOURCE_ROOT
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

root = sys.argv[1]
metainfo = os.path.join(root, "data", "io.github.lurkapp.Lurk.metainfo.xml.in.in")
prefix = "https://raw.githubusercontent.com/lurkapp/lurk/main/"
results = []


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])


images = ET.parse(metainfo).getroot().findall("./screenshots/screenshot/image")
results.append((len(images) >= 2, "the metainfo shows at least two screenshots", str(len(images))))
for image in images:
    url = (image.text or "").strip()
    ok = url.startswith(prefix + "docs/screenshots/")
    results.append((ok, f"{url} is a raw file in docs/screenshots", ""))
    if not ok:
        continue
    path = os.path.join(root, url[len(prefix):])
    size = png_size(path) if os.path.exists(path) else None
    results.append((size is not None, f"{os.path.relpath(path, root)} exists and is a PNG", ""))
    if size is not None:
        declared = (int(image.get("width", 0)), int(image.get("height", 0)))
        results.append((size == declared, f"{os.path.relpath(path, root)} is {declared[0]}×{declared[1]}",
                        f"{size[0]}×{size[1]}"))

with open(os.path.join(root, "README.md"), encoding="utf-8") as f:
    readme_images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", f.read())
results.append((any("docs/screenshots/" in p for p in readme_images),
                "README.md shows a screenshot", ""))
for rel in readme_images:
    results.append((os.path.exists(os.path.join(root, rel)), f"README.md's {rel} exists", ""))

print(f"1..{len(results)}")
failed = 0
for i, (ok, what, detail) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {what}" + (f" # {detail}" if detail and not ok else ""))
    failed += not ok
sys.exit(1 if failed else 0)
