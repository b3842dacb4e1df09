#!/usr/bin/python3
"""Regenerates the C table of docs/api-coverage.md from the sources.

A function is "stub" when its definition lives in a capi/*_stubs.cc group (returns
ACL_ERROR_API_NOT_SUPPORT), "implemented" when src/capi defines it elsewhere, and "tested" when a
test in tests/capi (C/C++) or tests/python (through its pyACL name) calls it. The pyACL section
below the C table is kept as is.
usage: gen_api_coverage.py [--check]
"""
import glob
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(pattern):
    return {p: open(p, errors="replace").read() for p in glob.glob(os.path.join(ROOT, pattern), recursive=True)}


def main():
    headers = sorted(read("include/acl/*.h").items()) + sorted(read("include/acl/ops/*.h").items())
    capi = read("src/capi/*.cc")
    capi.update(read("src/capi_dvpp/*.cc"))  # libacl_dvpp.so (acl_dvpp.h)
    stubs = "".join(t for p, t in capi.items() if p.endswith("_stubs.cc"))
    impl = "".join(t for p, t in capi.items() if not p.endswith("_stubs.cc"))
    tests = "".join(read("tests/capi/*.c*").values()) + "".join(read("samples/**/*.c*").values())
    rows, counts = [], {}
    for path, text in headers:
        for name in re.findall(r"ACL_FUNC_VISIBILITY[^;(]*?\b(acl\w+)\s*\(", text):
            if re.search(r"// ---- %s ----" % name, stubs):
                state = "stub (not yet)"
            elif re.search(r"\b%s\s*\(" % name, impl):
                state = "implemented"
                if re.search(r"\b%s\s*\(" % name, tests):
                    state += ", tested"
            else:
                state = "MISSING"
            counts[state] = counts.get(state, 0) + 1
            rows.append(f"| {os.path.basename(path)} | `{name}` | {state} |")
    doc_path = os.path.join(ROOT, "docs", "api-coverage.md")
    doc = open(doc_path).read()
    head, rest = doc.split("## C API", 1)
    py = rest[rest.index("## pyACL"):]
    totals = ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
    head = re.sub(r"Totals: .*\n", f"Totals: {totals}\n", head)
    new = head + "## C API\n\n| header | function | state |\n|---|---|---|\n" + "\n".join(rows) + "\n\n" + py
    if "--check" in sys.argv:
        if new != doc:
            print("docs/api-coverage.md is out of date: run scripts/gen_api_coverage.py")
            sys.exit(1)
        return
    open(doc_path, "w").write(new)
    print(f"docs/api-coverage.md: {totals}")


if __name__ == "__main__":
    main()
