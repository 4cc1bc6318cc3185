#!/usr/bin/env python3
# Checks po/POTFILES.in: every source or data file with translatable strings is listed, and
# every listed file exists. Prints TAP.
#
#   check-potfiles.py SOURCE_ROOT
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LURK_SOURCE_DIR", ".")
scanned_dirs = ["src", "sim", "data"]
suffixes = (".c", ".h", ".ui", ".xml", ".in")
marker = re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_)\(\s*"|translatable="yes"|<_?summary>|'
                    r'^\s*(Name|Comment|GenericName|Keywords)=', re.MULTILINE)

with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
    listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]

needed = []
for top in scanned_dirs:
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(suffixes):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name.endswith(".gresource.xml"):
                continue
            with open(path, encoding="utf-8", errors="replace") as f:
                if marker.search(f.read()):
                    needed.append(rel)

failures = []
missing = [p for p in needed if p not in listed]
gone = [p for p in listed if not os.path.exists(os.path.join(root, p))]
dupes = sorted({p for p in listed if listed.count(p) > 1})

print("1..3")
if missing:
    print("not ok 1 - every file with translatable strings is in po/POTFILES.in")
    for p in missing:
        print(f"# missing from po/POTFILES.in: {p}")
    failures.append(1)
else:
    print(f"ok 1 - every file with translatable strings is in po/POTFILES.in ({len(needed)} files)")
if gone:
    print("not ok 2 - every file in po/POTFILES.in exists")
    for p in gone:
        print(f"# listed but not found: {p}")
    failures.append(2)
else:
    print("ok 2 - every file in po/POTFILES.in exists")
# A duplicate is harmless to xgettext; report it without failing.
print("ok 3 - no file is listed twice" + (" # TODO duplicates: " + ", ".join(dupes) if dupes else ""))
sys.exit(1 if failures else 0)
