#!/usr/bin/python3
"""Fails when a file under src/<module>/ includes a header of a module it may not use.

The allowed directions are architecture.md's (docs/architecture.md, "Modules"): each module may
include only the modules listed for it (and itself). Run by ctest (`layers_include_direction`).
usage: check_layers.py SRC_DIR
"""
import os
import re
import sys

# module -> modules it may include (besides itself). Keep in step with docs/architecture.md.
ALLOWED = {
    "base": set(),
    "ir": {"base"},
    "ops": {"base", "ir"},
    "kernels": {"base", "ir", "ops"},
    "frontend": {"base", "ir", "ops"},
    "passes": {"base", "ir", "ops"},
    "planner": {"base", "ir", "ops"},
    "format": {"base", "ir", "ops", "planner"},
    "device": {"base"},
    "engine": {"base", "ir", "ops", "kernels", "planner", "format", "device"},
    "media": {"base", "device"},
    "compiler": {"base", "ir", "ops", "kernels", "frontend", "passes", "planner", "format",
                 "engine", "device"},
    "capi": {"base", "ir", "ops", "kernels", "planner", "format", "device", "engine", "media",
             "compiler"},
    # libacl_dvpp.so: DVPP entry points; the device only through capi/dvpp_bridge.h.
    "capi_dvpp": {"base", "media", "capi"},
}
# Known sideways includes being removed (docs/architecture.md, "Known exceptions"): reported, not
# failed. Anything not listed here fails; an entry that no longer occurs fails too (remove it).
KNOWN = set([
])
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/')


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..",
                                                             "..", "src")
    modules = {d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d))}
    unknown = sorted(modules - set(ALLOWED))
    problems = [f"src/{m}/: module not listed in check_layers.py ALLOWED" for m in unknown]
    seen_known = set()
    for module in sorted(modules & set(ALLOWED)):
        for root, _, files in os.walk(os.path.join(src, module)):
            for name in files:
                if not name.endswith((".h", ".cc", ".c")):
                    continue
                path = os.path.join(root, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m or m.group(1) not in modules:
                            continue
                        used = m.group(1)
                        if used != module and used not in ALLOWED[module]:
                            rel = os.path.relpath(path, os.path.dirname(src))
                            if (rel, used) in KNOWN:
                                seen_known.add((rel, used))
                                print(f"known exception: {rel}:{lineno}: {line.strip()}")
                                continue
                            problems.append(f"{rel}:{lineno}: {module} may not include {used} "
                                            f"({line.strip()})")
    for rel, used in sorted(KNOWN - seen_known):
        problems.append(f"{rel}: no longer includes {used}: remove it from KNOWN")
    for p in problems:
        print(p)
    print(f"check_layers: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
