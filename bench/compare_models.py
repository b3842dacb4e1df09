"""Benchmark model list and per-model preparation for bench/compare (compile with atc, make
random inputs). Used by compare_run.py."""
import os
import subprocess

import numpy as np


class BenchError(Exception):
    """A model could not be benchmarked; the message becomes "failed: <reason>" in the table."""


# name -> ONNX file (in the models dir), inputs as (name, dtype, shape), what it measures.
MODELS = {
    "add": dict(file="add.onnx", inputs=[("a", "float32", [16]), ("b", "float32", [16])],
                note="per-call overhead (16-float Add)", loops=200, warmup=20),
    "mobilenetv2": dict(file="mobilenetv2.onnx", inputs=[("input", "float32", [1, 3, 224, 224])]),
    "mobilenetv2_b8": dict(file="mobilenetv2_b8.onnx", inputs=[("input", "float32", [8, 3, 224, 224])]),
    "resnet50": dict(file="resnet50.onnx", inputs=[("input", "float32", [1, 3, 224, 224])]),
    "resnet50_b8": dict(file="resnet50_b8.onnx", inputs=[("input", "float32", [8, 3, 224, 224])],
                        loops=3),
    "encoder": dict(file="encoder.onnx", inputs=[("input", "float32", [1, 128, 512])]),
    "ppocr_det": dict(file="ppocr_det.onnx", inputs=[("x", "float32", [1, 3, 640, 640])],
                      note="PP-OCRv4 det 1x3x640x640"),
    "ppocr_rec": dict(file="ppocr_rec.onnx", inputs=[("x", "float32", [1, 3, 48, 320])],
                      note="PP-OCRv4 rec 1x3x48x320"),
}
FULL = ["add", "mobilenetv2", "mobilenetv2_b8", "resnet50", "resnet50_b8", "encoder",
        "ppocr_det", "ppocr_rec"]
QUICK = ["add", "mobilenetv2"]


def last_lines(text, n=3):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return " | ".join(lines[-n:]) if lines else "(no output)"


def error_lines(text, n=2):
    """The [ERROR]/error lines of a tool's output (most specific last), else its last lines."""
    errs = [l.strip() for l in text.splitlines()
            if "[ERROR]" in l or "error" in l.lower() and "error code" not in l.lower()]
    return " | ".join(errs[-n:]) if errs else last_lines(text)


def compile_om(atc, onnx_path, spec, out_dir, timeout, extra_flags=()):
    """atc --framework=5 with the benchmark input shapes (plus extra_flags, e.g.
    --precision_mode); returns the .om path (reused while it is newer than both the .onnx and
    atc)."""
    if not os.path.exists(onnx_path):
        raise BenchError("model file missing: %s (export failed?)" % onnx_path)
    os.makedirs(out_dir, exist_ok=True)
    prefix = os.path.join(out_dir, os.path.splitext(os.path.basename(onnx_path))[0])
    om = prefix + ".om"
    if os.path.exists(om) and os.path.getmtime(om) >= max(os.path.getmtime(onnx_path),
                                                         os.path.getmtime(atc)):
        return om
    shapes = ";".join("%s:%s" % (n, ",".join(map(str, s))) for n, _, s in spec["inputs"])
    cmd = [atc, "--model=" + onnx_path, "--framework=5", "--output=" + prefix,
           "--input_shape=" + shapes, "--soc_version=Ascend310"] + list(extra_flags)
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise BenchError("atc timed out after %ds" % timeout)
    if p.returncode != 0 or not os.path.exists(om):
        raise BenchError("atc: " + error_lines(p.stdout + p.stderr))
    return om


def make_inputs(spec, work_dir, seed=0):
    """Random inputs (seeded, same for both runtimes) as .bin files; returns [(name, dtype,
    shape, path)]."""
    rng = np.random.RandomState(seed)
    os.makedirs(work_dir, exist_ok=True)
    out = []
    for i, (name, dtype, shape) in enumerate(spec["inputs"]):
        if dtype.startswith("float"):
            data = rng.standard_normal(shape).astype(dtype)
        else:
            data = rng.randint(0, 10, size=shape).astype(dtype)
        path = os.path.join(work_dir, "input_%d.bin" % i)
        data.tofile(path)
        out.append((name, dtype, shape, path))
    return out


def compare_outputs(ours, ort, tolerance=1e-4):
    """ours, ort: lists of (name, ndarray). Returns dict with max_abs_diff, scale, rel, ok
    (rel <= tolerance: 1e-4 for fp32, looser for a reduced --precision_mode)."""
    if len(ours) != len(ort):
        return dict(ok=False, why="output count differs: ours %d, ORT %d" % (len(ours), len(ort)))
    worst = dict(ok=True, max_abs_diff=0.0, scale=0.0, rel=0.0, output=None)
    for (name, a), (_, b) in zip(ours, ort):
        if a.size != b.size:
            return dict(ok=False, why="output '%s' has %d values, ORT %d" % (name, a.size, b.size))
        a64, b64 = a.astype(np.float64).ravel(), b.astype(np.float64).ravel()
        if not np.all(np.isfinite(a64)):
            return dict(ok=False, why="output '%s' has NaN/Inf" % name)
        diff = float(np.max(np.abs(a64 - b64))) if a.size else 0.0
        scale = float(np.max(np.abs(b64))) if b.size else 0.0
        rel = diff / scale if scale > 0 else diff
        if rel >= worst["rel"]:
            worst.update(max_abs_diff=diff, scale=scale, rel=rel, output=name)
    worst["ok"] = worst["rel"] <= tolerance
    if not worst["ok"]:
        worst["why"] = "outputs differ: max abs diff %.3g on '%s' (scale %.3g, rel %.2g > %g)" % (
            worst["max_abs_diff"], worst["output"], worst["scale"], worst["rel"], tolerance)
    return worst
