#!/usr/bin/env python3
# The build's layering, checked from the outside (TAP):
# - no source file in a layer of src/ includes a header of a higher layer (DESIGN.md, "Layers");
# - only src/demo/ includes lurk-sim's headers;
# - the lurk program of a build without -Dbench_hooks carries no benchmark or test hook.
# Usage: check-layers.py SOURCE_ROOT [LURK_BINARY]
import os
import re
import subprocess
import sys

root = sys.argv[1]
binary = sys.argv[2] if len(sys.argv) > 2 else None

# What each folder may include, besides its own headers.
allowed = {
    "twitch": {"twitch"},
    "storage": {"twitch", "storage"},
    "core": {"twitch", "storage", "core"},
    "demo": {"twitch", "storage", "core", "demo", "sim"},
    "web": {"web"},
    "ui": {"twitch", "storage", "core", "demo", "web", "ui"},
    "cli": {"twitch", "storage", "core", "demo", "cli"},
}

owner = {}
for layer in list(allowed) + ["sim"]:
    folder = os.path.join(root, "sim" if layer == "sim" else os.path.join("src", layer))
    for name in os.listdir(folder):
        if name.endswith(".h"):
            owner[name] = layer

include = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
failures = []
checked = 0
for layer, may in allowed.items():
    folder = os.path.join(root, "src", layer)
    for name in sorted(os.listdir(folder)):
        if not name.endswith((".c", ".h")):
            continue
        checked += 1
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for header in include.findall(f.read()):
                where = owner.get(header)
                if where is not None and where not in may:
                    failures.append(f"src/{layer}/{name} includes {header} (src/{where}/)")

tests = [("no layer includes a higher one", failures)]

if binary is not None:
    out = subprocess.run(["nm", binary], capture_output=True, text=True, check=True).stdout
    # benchmark and test hooks, by name: none of them belongs in what users run
    hooks = {"_lurk_event_store_set_manual_index", "_lurk_listener_set_store_hook"}
    bench = [line.split()[-1] for line in out.splitlines()
             if "bench" in line.lower() or line.split()[-1] in hooks]
    tests.append(("lurk carries no benchmark symbol", bench))

print(f"1..{len(tests)}")
for i, (name, bad) in enumerate(tests, 1):
    if bad:
        print(f"not ok {i} - {name}")
        for b in bad:
            print(f"# {b}")
    else:
        print(f"ok {i} - {name}" + (f" ({checked} files)" if i == 1 else ""))
sys.exit(1 if any(bad for _, bad in tests) else 0)
