#!/usr/bin/python3
"""End-to-end checks of build/bin/msame: a tiny two-input model (generated here with onnx and
compiled with atc) run with .bin and .npy inputs, TXT and BIN outputs, folder inputs, zero-filled
inputs, --json, --debug, --help and the error paths; a data-dependent model (NonZero) sized with
--outputSize; --profile's per-node table. Usage: msame_cli_test.py <msame> <atc>."""
import json
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper

MSAME, ATC = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what, detail=""):
    if not cond:
        failures.append(what)
        print("FAIL:", what)
        if detail:
            print(detail[-3000:])


def run(*args, cwd=None):
    p = subprocess.run([MSAME, *args], capture_output=True, text=True, cwd=cwd, timeout=300)
    return p.returncode, p.stdout + p.stderr


def make_model(path):
    # z = Relu(x) + y, x and y float32 [2, 3].
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])
    z = helper.make_tensor_value_info("z", TensorProto.FLOAT, [2, 3])
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
             helper.make_node("Add", ["r", "y"], ["z"], name="add")]
    graph = helper.make_graph(nodes, "tiny", [x, y], [z])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path)


def make_nonzero_model(path):
    # y = NonZero(x > 0): int64 [2, count], the count decided at run time.
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])
    y = helper.make_tensor_value_info("y", TensorProto.INT64, None)
    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    nodes = [helper.make_node("Greater", ["x", "zero"], ["pos"], name="greater"),
             helper.make_node("NonZero", ["pos"], ["y"], name="nonzero")]
    graph = helper.make_graph(nodes, "nz", [x], [y], initializer=[zero])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path)


def out_dir_of(out):
    """The timestamped folder msame prints (the line that is a path, not a log line)."""
    for line in out.splitlines():
        if line and not line.startswith("[") and os.path.isdir(line):
            return line
    return None


def read_txt(path):
    with open(path) as f:
        text = f.read()
    return text, np.array([float(v) for v in text.split()], dtype=np.float32)


with tempfile.TemporaryDirectory() as tmp:
    onnx_path = os.path.join(tmp, "tiny.onnx")
    make_model(onnx_path)
    p = subprocess.run([ATC, "--model=" + onnx_path, "--framework=5", "--output=" + os.path.join(tmp, "tiny"),
                        "--soc_version=Ascend310"], capture_output=True, text=True)
    om = os.path.join(tmp, "tiny.om")
    check(p.returncode == 0 and os.path.exists(om), "atc compiles the tiny model", p.stdout + p.stderr)

    rng = np.random.RandomState(0)
    x = rng.randn(2, 3).astype(np.float32)
    y = rng.randn(2, 3).astype(np.float32)
    expected = np.maximum(x, 0) + y
    x.tofile(os.path.join(tmp, "x.bin"))
    np.save(os.path.join(tmp, "y.npy"), y)
    np.save(os.path.join(tmp, "x.npy"), x)
    out_root = os.path.join(tmp, "out")

    # .bin + .npy inputs, TXT output, --loop 2.
    rc, out = run("--model", om, "--input", os.path.join(tmp, "x.bin") + "," + os.path.join(tmp, "y.npy"),
                  "--output", out_root, "--outfmt", "TXT", "--loop", "2")
    check(rc == 0, "bin+npy run exits 0", out)
    for line in ["[INFO] acl init success", "[INFO] open device 0 success",
                 "[INFO] create context success", "[INFO] create stream success",
                 "[INFO] get run mode success", "[INFO] load model %s success" % om,
                 "[INFO] create model description success", "[INFO] create model output success",
                 "[INFO] start to process file:%s" % os.path.join(tmp, "x.bin")]:
        check(line in out, "line: " + line, out)
    check(len(re.findall(r"^Inference time: [0-9.e+-]+ms$", out, re.M)) == 2, "two 'Inference time' lines", out)
    check(re.search(r"^Inference average time: [0-9.]+ ms$", out, re.M), "average line", out)
    check(re.search(r"^Inference average time without first time: [0-9.]+ ms$", out, re.M),
          "average-without-first line", out)
    check(re.search(r"^\[INFO\] pid: \d+ Execute sample success$", out, re.M), "final success line", out)
    stamp_dir = out_dir_of(out)
    check(stamp_dir is not None and os.path.dirname(stamp_dir) == out_root, "timestamped folder printed", out)
    if stamp_dir:
        check(re.fullmatch(r"\d{5,8}_\d{1,2}_\d{1,2}_\d{1,2}_\d+", os.path.basename(stamp_dir)),
              "folder name is YYYYMD_h_m_s_usec: " + os.path.basename(stamp_dir))
        txt = os.path.join(stamp_dir, "tiny_output_0.txt")
        check(os.path.exists(txt), "tiny_output_0.txt written")
        if os.path.exists(txt):
            text, values = read_txt(txt)
            check(text.count("\n") == 2, "TXT has one line per innermost row", text)
            check(np.allclose(values, expected.ravel(), atol=1e-5), "TXT values match numpy", text)

    # .npy + .npy, BIN output, --json, --warmup, --threads.
    summary = os.path.join(tmp, "summary.json")
    rc, out = run("--model=" + om, "--input=" + os.path.join(tmp, "x.npy") + "," + os.path.join(tmp, "y.npy"),
                  "--output=" + out_root, "--outfmt=BIN", "--loop=3", "--warmup=2", "--threads=1",
                  "--json=" + summary)
    check(rc == 0, "npy+npy run exits 0", out)
    stamp_dir = out_dir_of(out)
    if stamp_dir:
        b = os.path.join(stamp_dir, "tiny_output_0.bin")
        check(os.path.exists(b) and np.allclose(np.fromfile(b, np.float32), expected.ravel(), atol=1e-6),
              "BIN output matches numpy")
    try:
        with open(summary) as f:
            s = json.load(f)
        for key in ["min_ms", "median_ms", "mean_ms", "p99_ms", "load_ms", "peak_rss_bytes",
                    "throughput_inferences_per_s"]:
            check(key in s, "json has " + key)
        check(len(s.get("times_ms", [])) == 3 and s.get("warmup") == 2 and s.get("threads") == 1,
              "json records loop/warmup/threads", json.dumps(s))
        check(s.get("peak_rss_bytes", 0) > 0, "json peak RSS > 0")
        check(s.get("outputs", [{}])[0].get("dims") == [2, 3], "json output dims", json.dumps(s))
    except (OSError, ValueError) as e:
        check(False, "json summary readable: %s" % e)

    # Only x given: y is zero-filled. No input at all: everything zero.
    rc, out = run("--model", om, "--input", os.path.join(tmp, "x.bin"), "--output", out_root)
    check(rc == 0 and "zero-filled" in out, "missing input is zero-filled", out)
    stamp_dir = out_dir_of(out)
    if stamp_dir:
        got = np.fromfile(os.path.join(stamp_dir, "tiny_output_0.bin"), np.float32)
        check(np.allclose(got, np.maximum(x, 0).ravel()), "output with zero y = relu(x)")
    rc, out = run("--model", om, "--output", out_root)
    stamp_dir = out_dir_of(out)
    check(rc == 0 and stamp_dir is not None, "no --input runs on zeros", out)
    if stamp_dir:
        check(not np.fromfile(os.path.join(stamp_dir, "tiny_output_0.bin"), np.float32).any(), "zeros in, zeros out")

    # Folder inputs: files with the same names in each folder; outputs named after the files.
    for d in ["dx", "dy"]:
        os.makedirs(os.path.join(tmp, d))
    for name, scale in [("a", 1.0), ("b", 2.0)]:
        (x * scale).tofile(os.path.join(tmp, "dx", name + ".bin"))
        y.tofile(os.path.join(tmp, "dy", name + ".bin"))
    rc, out = run("--model", om, "--input", os.path.join(tmp, "dx") + "," + os.path.join(tmp, "dy"),
                  "--output", out_root)
    check(rc == 0, "folder run exits 0", out)
    check(len(re.findall(r"^Inference time: ", out, re.M)) == 2, "one inference per file", out)
    stamp_dir = out_dir_of(out)
    if stamp_dir:
        for name, scale in [("a", 1.0), ("b", 2.0)]:
            f = os.path.join(stamp_dir, name + "_output_0.bin")
            check(os.path.exists(f) and np.allclose(np.fromfile(f, np.float32),
                                                    (np.maximum(x * scale, 0) + y).ravel(), atol=1e-5),
                  "folder output " + name)

    # .onnx accepted as --model (compiled at load); --debug prints the I/O description.
    rc, out = run("--model", onnx_path, "--debug", "true")
    check(rc == 0, ".onnx model runs", out)
    for line in ["[DEBUG] the name of 0 input: x", "[DEBUG] the size of 1 input: 24",
                 "[DEBUG] the name of 0 output: z", "[DEBUG] the DataType of 0 output: 0 (float32)",
                 "[DEBUG] the Format of 0 input:", "dynamic gears: none"]:
        check(line in out, "debug line: " + line, out)

    # Errors: wrong-size file, wrong npy dtype, too many files, missing model, dynamic options.
    np.zeros(5, np.float32).tofile(os.path.join(tmp, "short.bin"))
    rc, out = run("--model", om, "--input", os.path.join(tmp, "short.bin"))
    check(rc != 0 and "has 20 bytes" in out and "needs 24 bytes" in out and "'x'" in out,
          "wrong-size input fails clearly", out)
    check("Execute sample success" not in out, "no success line after a failure", out)
    np.save(os.path.join(tmp, "x64.npy"), x.astype(np.float64))
    rc, out = run("--model", om, "--input", os.path.join(tmp, "x64.npy"))
    check(rc != 0 and "float64" in out and "float32" in out, "wrong npy dtype fails clearly", out)
    rc, out = run("--model", om, "--input", ",".join([os.path.join(tmp, "x.bin")] * 3))
    check(rc != 0 and "3 input files" in out, "too many inputs fails", out)
    missing = os.path.join(tmp, "nope.om")
    rc, out = run("--model", missing)
    check(rc != 0 and out.count("[ERROR]") >= 2 and "nope.om" in out,
          "missing model fails with the runtime's message", out)
    rc, out = run("--model", om, "--input", os.path.join(tmp, "absent.bin"))
    check(rc != 0 and "absent.bin" in out, "missing input file fails", out)
    # Gear options on a static model: the model has no gears.
    for opt in [["--dymBatch", "2"], ["--dymHW", "224,224"], ["--dymDims", "x:2,3"]]:
        rc, out = run("--model", om, *opt)
        check(rc != 0 and "has no dynamic gears" in out, opt[0] + " on a static model", out)
    rc, out = run("--model", om, "--dymShape", "x:2,3")
    check(rc != 0 and "not supported yet" in out and "--dymShape" in out, "--dymShape rejected clearly", out)
    rc, out = run("--model", om, "--bogus", "1")
    check(rc != 0 and "--bogus" in out, "unknown option rejected", out)
    rc, out = run("--model", "model.pb")
    check(rc != 0 and ".om" in out, "non-.om model rejected", out)

    # --outputSize on a static model: a larger buffer is fine, the saved output is the model's.
    rc, out = run("--model", om, "--input", os.path.join(tmp, "x.bin") + "," + os.path.join(tmp, "y.npy"),
                  "--output", out_root, "--outputSize", "100")
    check(rc == 0, "--outputSize on a static model runs", out)
    stamp_dir = out_dir_of(out)
    if stamp_dir:
        got = np.fromfile(os.path.join(stamp_dir, "tiny_output_0.bin"), np.float32)
        check(got.size == 6 and np.allclose(got, expected.ravel(), atol=1e-6),
              "static output saved with its own size under --outputSize", str(got))
    rc, out = run("--model", om, "--outputSize", "16")
    check(rc != 0 and "24 bytes" in out, "--outputSize below a static size rejected", out)

    # Data-dependent output (NonZero): needs --outputSize; saved with this run's shape.
    nz_onnx = os.path.join(tmp, "nz.onnx")
    make_nonzero_model(nz_onnx)
    p = subprocess.run([ATC, "--model=" + nz_onnx, "--framework=5", "--output=" + os.path.join(tmp, "nz"),
                        "--soc_version=Ascend310"], capture_output=True, text=True)
    nz_om = os.path.join(tmp, "nz.om")
    check(p.returncode == 0 and os.path.exists(nz_om), "atc compiles the NonZero model", p.stdout + p.stderr)
    xs = np.array([[1, -1, 2], [-2, 3, -3]], np.float32)
    xs.tofile(os.path.join(tmp, "xs.bin"))
    nz_expected = np.array(np.nonzero(xs > 0), np.int64)  # [2, 3]
    nz_summary = os.path.join(tmp, "nz.json")
    rc, out = run("--model", nz_om, "--input", os.path.join(tmp, "xs.bin"), "--output", out_root,
                  "--outputSize", "96", "--debug", "true", "--json", nz_summary)
    check(rc == 0, "NonZero model runs with --outputSize", out)
    check("[DEBUG] the size of 0 output: 0 (decided at run time)" in out, "debug: run-time size", out)
    check("[DEBUG] output 0 ('y') this run: dims [2,3], int64, 48 bytes (buffer 96)" in out,
          "debug: this run's output shape", out)
    stamp_dir = out_dir_of(out)
    if stamp_dir:
        b = os.path.join(stamp_dir, "nz_output_0.bin")
        got = np.fromfile(b, np.int64) if os.path.exists(b) else None
        check(got is not None and got.size == 6 and (got == nz_expected.ravel()).all(),
              "NonZero BIN output = this run's indices (48 bytes)", str(got))
    try:
        with open(nz_summary) as f:
            s = json.load(f)
        check(s.get("outputs", [{}])[0].get("dims") == [2, 3] and s["outputs"][0].get("dtype") == "int64",
              "json records this run's output dims", json.dumps(s))
    except (OSError, ValueError, KeyError) as e:
        check(False, "NonZero json summary readable: %s" % e)
    ones = np.ones((2, 3), np.float32)
    ones.tofile(os.path.join(tmp, "ones.bin"))
    rc, out = run("--model", nz_om, "--input", os.path.join(tmp, "ones.bin"), "--output", out_root,
                  "--outfmt", "TXT", "--outputSize=96")
    check(rc == 0, "NonZero TXT run", out)
    stamp_dir = out_dir_of(out)
    if stamp_dir:
        t = os.path.join(stamp_dir, "nz_output_0.txt")
        text = open(t).read() if os.path.exists(t) else ""
        check(text == "0 0 0 1 1 1 \n0 1 2 0 1 2 \n", "NonZero TXT rows follow this run's shape", text)
    rc, out = run("--model", nz_om, "--input", os.path.join(tmp, "xs.bin"))
    check(rc != 0 and "output 0 ('y')" in out and "pass --outputSize" in out
          and "Execute sample success" not in out, "missing --outputSize fails clearly", out)
    rc, out = run("--model", nz_om, "--input", os.path.join(tmp, "ones.bin"), "--outputSize", "16")
    check(rc != 0 and "96 bytes" in out and "larger --outputSize" in out,
          "too small --outputSize fails with the bytes needed", out)
    rc, out = run("--model", nz_om, "--outputSize", "96,96")
    check(rc != 0 and "2 entries" in out and "1 output" in out, "--outputSize wrong count rejected", out)
    rc, out = run("--model", nz_om, "--outputSize", "96,abc")
    check(rc != 0 and "--outputSize" in out and "'abc'" in out, "malformed --outputSize rejected", out)

    # --profile: the runtime's per-node table (stderr) after the runs.
    p = subprocess.run([MSAME, "--model", om, "--loop", "5", "--profile"], capture_output=True, text=True,
                       timeout=300)
    check(p.returncode == 0, "--profile run exits 0", p.stdout + p.stderr)
    check("openacl profile: 5 runs" in p.stderr, "profile table counts the 5 runs", p.stderr)
    for node, op in [("relu", "Relu"), ("add", "Add")]:
        check(re.search(r"^\s*\d+ +%s +%s +\S+ +[0-9.]+ +[0-9.]+%%$" % (node, op), p.stderr, re.M),
              "profile row for node %s (%s)" % (node, op), p.stderr)
    rc, out = run("--model", om, "--loop", "2")
    check(rc == 0 and "openacl profile" not in out, "no table without --profile", out)

    rc, out = run("--help")
    check(rc == 0 and "--model" in out and "--outfmt" in out and "--json" in out, "--help", out)

if failures:
    print("%d check(s) failed" % len(failures))
    sys.exit(1)
print("msame_cli: all checks passed")
