#!/usr/bin/python3
"""Groups the failures of build/onnx_backend_report.json by owner and op (markdown on stdout).

Owner = the ops/*.def family list that registers the op (math / tensor / nn), "conformance" for the
block marked `// conformance helper additions`, "unregistered" otherwise.
Usage: tests/onnx_backend/failures_summary.py build/onnx_backend_report.json > notes.md
"""
import collections
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def owners():
    result = {}
    for family in ("math", "tensor", "nn"):
        path = os.path.join(ROOT, "src", "ops", f"ops_{family}.def")
        owner = family
        for line in open(path):
            if "conformance helper additions" in line:
                owner = "conformance"
            m = re.match(r"OPENACL_OP\((\w+)\)", line.strip())
            if m:
                result[m.group(1)] = owner
    return result


def main():
    report = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "build/onnx_backend_report.json"))
    own = owners()
    groups = collections.defaultdict(list)
    for t in report["tests"]:
        if t["status"] == "fail":
            groups[(own.get(t["op"], "unregistered"), t["op"] or "(several)", t["category"])].append(t)
    print("| owner | op | category | count | sample test | sample message |")
    print("|---|---|---|---|---|---|")
    for (owner, op, cat), tests in sorted(groups.items(), key=lambda kv: (kv[0][0], -len(kv[1]))):
        msg = tests[0]["message"].replace("|", "/")[:160]
        print(f"| {owner} | {op} | {cat} | {len(tests)} | {tests[0]['id']} | {msg} |")


if __name__ == "__main__":
    main()
