#!/usr/bin/python3
"""bench/compare's driver: for each model and thread count, runs openacl (msame --json over the
public API) and onnxruntime-node (tools/ort_ref/run_ort.js) alternately on the same random
inputs, checks that the outputs agree, and writes the results table (markdown + JSON)."""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_models import (FULL, MODELS, QUICK, BenchError, compare_outputs,  # noqa: E402
                            compile_om, error_lines, make_inputs)

ROUND_BUDGET_S = 15.0  # timed runs per runtime per round are capped to about this much time
SLOW_RUN_MS = 5000.0  # slower than this per run: one round only


def run_tool(cmd, timeout, env=None):
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        raise BenchError("%s timed out after %ds" % (os.path.basename(cmd[0]), timeout))
    return p.returncode, p.stdout + p.stderr


def run_ours(a, om, inputs, threads, loops, warmup, work):
    out_dir = os.path.join(work, "ours")
    shutil.rmtree(out_dir, ignore_errors=True)
    summary = os.path.join(work, "ours.json")
    cmd = [a.msame, "--model", om, "--input", ",".join(i[3] for i in inputs), "--output", out_dir,
           "--outfmt", "BIN", "--loop", str(loops), "--warmup", str(warmup), "--threads",
           str(threads), "--json", summary]
    # The runtime sets its OpenMP thread count before creating oneDNN primitives; the
    # environment says the same for anything else in the process that uses OpenMP.
    env = dict(os.environ, OMP_NUM_THREADS=str(threads))
    rc, out = run_tool(cmd, a.timeout, env=env)
    if rc != 0:
        raise BenchError("ours: " + error_lines(out))
    with open(summary) as f:
        s = json.load(f)
    outputs = [(o["name"], np.fromfile(o["file"], dtype=np.dtype(o["dtype"]))) for o in s["outputs"]]
    return dict(times_ms=s["times_ms"], load_ms=s["load_ms"], peak_rss=s["peak_rss_bytes"],
                base_rss=s["rss_before_load_bytes"], outputs=outputs)


def run_ort(a, onnx_path, inputs, threads, loops, warmup, work):
    out_dir = os.path.join(work, "ort")
    shutil.rmtree(out_dir, ignore_errors=True)
    feeds = ["%s:%s:%s:%s" % (n, t, ",".join(map(str, s)), p) for n, t, s, p in inputs]
    cmd = ["node", a.run_ort, onnx_path, out_dir, str(threads), *feeds, "--loops", str(loops),
           "--warmup", str(warmup)]
    rc, out = run_tool(cmd, a.timeout)
    if rc != 0:
        raise BenchError("ORT: " + error_lines(out))
    with open(os.path.join(out_dir, "ort.json")) as f:
        s = json.load(f)
    outputs = [(o["name"], np.fromfile(os.path.join(out_dir, "output_%d.bin" % i),
                                       dtype=np.dtype(o["type"])))
               for i, o in enumerate(s["outputs"])]
    return dict(times_ms=s["times_ms"], load_ms=s["load_ms"], peak_rss=s["peak_rss_bytes"],
                base_rss=s["baseline_rss_bytes"], outputs=outputs, version=s.get("ort_version"))


def summarize(runs):
    times = [t for r in runs for t in r["times_ms"]]
    return dict(median_ms=statistics.median(times), min_ms=min(times),
                mean_ms=statistics.fmean(times),
                p99_ms=sorted(times)[max(0, int(np.ceil(0.99 * len(times))) - 1)],
                round_medians_ms=[statistics.median(r["times_ms"]) for r in runs],
                load_ms=statistics.median(r["load_ms"] for r in runs),
                peak_rss_bytes=max(r["peak_rss"] for r in runs),
                baseline_rss_bytes=min(r["base_rss"] for r in runs), runs=len(times))


def bench_one(a, name, spec, om, onnx_path, inputs, threads, work, compile_error=None):
    """Alternates ours and ORT; returns the result record (status 'ok' or 'failed: ...')."""
    rec = dict(model=name, threads=threads, status="ok", note=spec.get("note", ""))
    # Probe: one untimed-warmup run each, for the output check and to size the loops.
    ours_probe = ort_probe = None
    try:
        ort_probe = run_ort(a, onnx_path, inputs, threads, 1, 0, work)
        rec["ort_version"] = ort_probe.get("version")
    except BenchError as e:
        rec["status"] = "failed: %s" % e
    try:
        if om is None:
            raise BenchError(compile_error or "no .om")
        ours_probe = run_ours(a, om, inputs, threads, 1, 0, work)
    except BenchError as e:
        rec["status"] = "failed: %s" % e
    if ours_probe and ort_probe:
        rec["diff"] = compare_outputs(ours_probe["outputs"], ort_probe["outputs"], a.tolerance)
        if not rec["diff"]["ok"]:
            rec["status"] = "failed: " + rec["diff"]["why"]
    slowest = max([p["times_ms"][0] for p in (ours_probe, ort_probe) if p] or [1.0])
    loops = max(1, min(spec.get("loops", a.loops), int(ROUND_BUDGET_S * 1000 / max(slowest, 1e-3))))
    warmup = min(spec.get("warmup", a.warmup), max(1, loops // 2))
    # A very slow run (seconds) gets one round so the whole table stays within reach.
    rounds = 1 if slowest > SLOW_RUN_MS else a.rounds
    rec.update(loops_per_round=loops, warmup=warmup, rounds=rounds)
    ours_runs, ort_runs = [], []
    for r in range(rounds):
        order = ["ours", "ort"] if r % 2 == 0 else ["ort", "ours"]  # alternate who goes first
        for who in order:
            try:
                if who == "ours" and ours_probe:
                    ours_runs.append(run_ours(a, om, inputs, threads, loops, warmup, work))
                elif who == "ort" and ort_probe:
                    ort_runs.append(run_ort(a, onnx_path, inputs, threads, loops, warmup, work))
            except BenchError as e:
                rec["status"] = "failed: %s" % e
    if ours_runs:
        rec["ours"] = summarize(ours_runs)
    if ort_runs:
        rec["ort"] = summarize(ort_runs)
    if ours_runs and ort_runs:
        rec["ratio"] = rec["ours"]["median_ms"] / rec["ort"]["median_ms"]
    return rec


def machine_line():
    model, cores = "unknown CPU", 0
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name") and model == "unknown CPU":
                model = line.split(":", 1)[1].strip()
            if line.startswith("processor"):
                cores += 1
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal"):
                mem = int(line.split()[1]) // 1024
    return "%s, %d logical CPUs, %d MiB RAM" % (model, cores, mem)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def fmt(v, digits=None):
    """Milliseconds and ratios: 3 significant digits below 1, 2 decimals below 100, else 0."""
    if v is None:
        return "-"
    if digits is not None:
        return "%.*f" % (digits, v)
    return "%.3g" % v if abs(v) < 1 else ("%.2f" % v if abs(v) < 100 else "%.0f" % v)


def mib(v):
    return v / (1 << 20)


def table(results):
    head = ("| model | thr | ours median ms | ORT median ms | ours/ORT | ours load ms | ORT load ms "
            "| ours peak RSS MiB (+model) | ORT peak RSS MiB (+model) | max abs diff (rel) | status |")
    rows = [head, "|" + "---|" * 11]
    for r in results:
        o, t, d = r.get("ours"), r.get("ort"), r.get("diff")
        rss = lambda s: "-" if not s else "%.0f (+%.0f)" % (
            mib(s["peak_rss_bytes"]), mib(s["peak_rss_bytes"] - s["baseline_rss_bytes"]))
        diff = "-" if not d or "max_abs_diff" not in d else "%.2g (%.1g)" % (d["max_abs_diff"], d["rel"])
        rows.append("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["model"], r["threads"], fmt(o and o["median_ms"]), fmt(t and t["median_ms"]),
            fmt(r.get("ratio")), fmt(o and o["load_ms"]), fmt(t and t["load_ms"]), rss(o),
            rss(t), diff, r["status"].replace("|", "/")))
    return "\n".join(rows)


# Issue targets at 2 threads: (label, models, metric, bound). Latency and load are ours/ORT
# ratios (throughput at a fixed batch is the inverse of the latency ratio); RSS is ours/ORT peak.
TARGETS = [
    ("ResNet-50 b1 latency", ["resnet50"], "ratio", 0.95),
    ("MobileNetV2 b1 latency", ["mobilenetv2"], "ratio", 1.0),
    ("encoder latency", ["encoder"], "ratio", 1.0),
    ("PP-OCRv4 det latency", ["ppocr_det"], "ratio", 1.0),
    ("PP-OCRv4 rec latency", ["ppocr_rec"], "ratio", 1.0),
    ("batch-8 throughput >= ORT", ["resnet50_b8", "mobilenetv2_b8"], "ratio", 1.0),
    ("per-call overhead (add)", ["add"], "ratio", 1.0),
    ("load <= 0.5x ORT session creation", None, "load", 0.5),
    ("peak RSS <= ORT", None, "rss", 1.0),
]


def metric(r, kind):
    o, t = r.get("ours"), r.get("ort")
    if not o or not t:
        return None
    if kind == "ratio":
        return r.get("ratio")
    if kind == "load":
        return o["load_ms"] / t["load_ms"] if t.get("load_ms") else None
    return o["peak_rss_bytes"] / t["peak_rss_bytes"] if t.get("peak_rss_bytes") else None


def targets(results, threads=2):
    rows = [r for r in results if r.get("threads") == threads]
    if not rows:
        return []
    out = ["", "Targets (%d threads; ours/ORT, lower is better):" % threads, ""]
    for label, models, kind, bound in TARGETS:
        checked = [r for r in rows if models is None or r["model"] in models]
        parts, met = [], True
        for r in checked:
            v = metric(r, kind)
            if v is None:
                parts.append("%s: no result" % r["model"])
                met = False
                continue
            ok = v <= bound
            met = met and ok
            parts.append("%s %.2f%s" % (r["model"], v, "" if ok else " (missed)"))
        if parts:
            out.append("- %s (<= %.2f): %s. %s" % (label, bound, "met" if met else "MISSED",
                                                    ", ".join(parts)))
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--root", required=True)
    p.add_argument("--build", required=True)
    p.add_argument("--cache", required=True)
    p.add_argument("--models-dir", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--models", default=None, help="space-separated names")
    p.add_argument("--threads", default="1 2")
    p.add_argument("--rounds", type=int, default=None)
    p.add_argument("--loops", type=int, default=10)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--timeout", type=int, default=900)
    p.add_argument("--precision_mode", default="",
                   help="atc --precision_mode for our side (docs/precision.md); ORT stays fp32")
    a = p.parse_args()
    # bf16 keeps 8 mantissa bits: outputs agree with fp32 ORT to about 1e-2, not 1e-4.
    reduced = a.precision_mode not in ("", "force_fp32", "must_keep_origin_dtype",
                                       "allow_fp32_to_fp16")
    a.tolerance = 5e-2 if reduced else 1e-4
    atc_flags = ["--precision_mode=" + a.precision_mode] if a.precision_mode else []
    om_dir = os.path.join(a.cache, "om", a.precision_mode) if a.precision_mode else \
        os.path.join(a.cache, "om")
    a.msame = os.path.join(a.build, "bin", "msame")
    a.atc = os.path.join(a.build, "bin", "atc")
    a.run_ort = os.path.join(a.root, "tools", "ort_ref", "run_ort.js")
    a.rounds = a.rounds or (2 if a.quick else 3)
    names = a.models.split() if a.models else (QUICK if a.quick else FULL)
    threads = [int(t) for t in a.threads.split()]
    started = datetime.datetime.now()
    load_start = loadavg()
    results = []
    for name in names:
        spec = MODELS.get(name)
        if spec is None:
            results.append(dict(model=name, threads=0, status="failed: unknown model"))
            continue
        onnx_path = os.path.join(a.models_dir, spec["file"])
        work = os.path.join(a.cache, "work", name)
        om, compile_error, compile_s = None, None, None
        try:
            t0 = time.time()
            om = compile_om(a.atc, onnx_path, spec, om_dir, a.timeout, atc_flags)
            compile_s = time.time() - t0
            compile_s = compile_s if compile_s > 0.05 else None  # None: .om reused from cache
        except BenchError as e:
            compile_error = str(e)
        inputs = make_inputs(spec, work) if os.path.exists(onnx_path) else None
        for t in threads:
            print("[compare] %s, %d thread(s) ..." % (name, t), flush=True)
            if inputs is None:
                rec = dict(model=name, threads=t, status="failed: model file missing: " + onnx_path)
            else:
                rec = bench_one(a, name, spec, om, onnx_path, inputs, t, work, compile_error)
            rec["atc_s"] = compile_s
            rec["precision_mode"] = a.precision_mode or "force_fp32"
            results.append(rec)
            print("[compare]   ours %s ms, ORT %s ms, %s" % (
                fmt(rec.get("ours", {}).get("median_ms")), fmt(rec.get("ort", {}).get("median_ms")),
                rec["status"]), flush=True)
    ort_version = next((r.get("ort_version") for r in results if r.get("ort_version")), "?")
    header = ["# openacl vs onnxruntime: benchmark results", "",
              "- Machine: %s" % machine_line(),
              "- Date: %s; load average at start %s, at end %s (above ~0.5 on this 2-core "
              "machine something else was running and timings are noisy)" % (
                  started.strftime("%Y-%m-%d %H:%M"), load_start, loadavg()),
              "- Peer: onnxruntime-node %s (graph optimization 'all', intra-op threads = thr, "
              "sequential); ours: build/bin/msame over libascendcl.so, model compiled by atc" % ort_version,
              "- Each row: %d rounds (1 when a run takes over %.0f s), ours and ORT alternating "
              "(order swapped every round), each round = one process per runtime, warm-up runs "
              "then timed runs; median over all timed runs. Load = our .om load "
              "(aclmdlLoadFromFile) vs ORT session creation from the .onnx. Peak RSS = VmHWM of "
              "the process (msame / node), in parentheses the growth over the process's size "
              "before the model was loaded (node itself is ~50 MiB)." % (a.rounds, SLOW_RUN_MS / 1000),
              "- Threads: ours `msame --threads thr` (the runtime sets its OpenMP thread count "
              "before it creates oneDNN primitives); OMP_NUM_THREADS = thr is set in our "
              "process's environment as well; ORT: intra-op threads = thr.",
              "- add: ours = the aclmdlExecute C call; ORT = the JavaScript `await session.run()` "
              "(ORT Run + N-API marshalling), so ORT's per-call overhead is overstated a little.",
              "- Outputs: max abs diff between ours and ORT on the same input; relative = diff / "
              "max|ORT output| must be <= 1e-4, else the row is marked failed.",
              "- Build: %s" % a.build,
              "- Our precision: atc --precision_mode=%s%s" % (
                  a.precision_mode or "force_fp32 (default)",
                  " (outputs must agree within %g here)" % a.tolerance if reduced else ""),
              "", ""]
    md = "\n".join(header) + table(results) + "\n" + "\n".join(targets(results)) + "\n"
    extra = ["", "Loops per round / warm-up / rounds, and atc compile time (when compiled in "
             "this run):", ""]
    for r in results:
        if "loops_per_round" in r:
            extra.append("- %s, %d thr: %d / %d / %d%s" % (
                r["model"], r["threads"], r["loops_per_round"], r["warmup"], r["rounds"],
                ", atc %.1f s" % r["atc_s"] if r.get("atc_s") else ""))
    md += "\n".join(extra) + "\n"
    notes = os.path.join(a.root, "bench", "results-notes.md")  # hand-written: why targets miss
    if os.path.exists(notes):
        with open(notes) as f:
            md += "\n" + f.read()
    out_md = os.path.join(a.root, "bench", "results.md")
    out_json = os.path.join(a.root, "bench", "results.json")
    if a.quick or a.models or a.precision_mode:  # partial runs keep the full results
        out_md = os.path.join(a.cache, "results-partial.md")
        out_json = os.path.join(a.cache, "results-partial.json")
    with open(out_md, "w") as f:
        f.write(md)
    with open(out_json, "w") as f:
        json.dump(dict(machine=machine_line(), date=started.isoformat(timespec="seconds"),
                       loadavg_start=load_start, loadavg_end=loadavg(), ort_version=ort_version,
                       rounds=a.rounds, results=results), f, indent=1, default=str)
    print(md)
    print("[compare] wrote %s and %s" % (out_md, out_json))


if __name__ == "__main__":
    main()
