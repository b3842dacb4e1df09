#!/usr/bin/env python3
"""End-to-end checks of the atc command line: compile a small ONNX model, print its info
(--mode=6), dump it as JSON (--mode=1), and the error paths. Usage: atc_cli_test.py <atc>."""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ATC = sys.argv[1]
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run(*args):
    p = subprocess.run([ATC, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def make_model(path):
    w = numpy_helper.from_array(np.random.RandomState(0).randn(4, 3, 3, 3).astype(np.float32), "w")
    shape = numpy_helper.from_array(np.array([1, -1], dtype=np.int64), "shape")
    nodes = [
        helper.make_node("Conv", ["x", "w"], ["c"], name="conv", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["c"], ["r"], name="relu"),
        helper.make_node("Reshape", ["r", "shape"], ["y"], name="flatten"),
    ]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], [w, shape])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.save(model, path)


with tempfile.TemporaryDirectory() as tmp:
    onnx_path = os.path.join(tmp, "tiny.onnx")
    make_model(onnx_path)
    prefix = os.path.join(tmp, "tiny")
    om = prefix + ".om"

    # --mode=0, both value forms.
    rc, out, err = run("--model=" + onnx_path, "--framework", "5", "--output", prefix,
                       "--input_shape=x:1,3,8,8", "--soc_version=Ascend310", "--log=error")
    check(rc == 0, "compile exit code %d: %s" % (rc, err))
    check("ATC run success, welcome to the next use." in out, "success line: " + out)
    check(os.path.exists(om), "tiny.om written")

    # --mode=6: description without weights.
    rc, out, err = run("--mode=6", "--om=" + om)
    check(rc == 0, "mode 6 exit code: " + err)
    for want in ["name: x", "shape: [1,3,8,8]", "format: NCHW", "size: 768 bytes", "name: y",
                 "shape: [1,256]", "size: 1024 bytes", "soc_version: Ascend310", "work size"]:
        check(want in out, "mode 6 output lacks %r:\n%s" % (want, out))

    # --mode=1: JSON of the compiled graph.
    js = os.path.join(tmp, "tiny.json")
    rc, out, err = run("--mode=1", "--om=" + om, "--json=" + js)
    check(rc == 0, "mode 1 exit code: " + err)
    doc = json.load(open(js))
    ops = [n["op_type"] for n in doc["graph"]["nodes"]]
    check("Conv" in ops, "JSON nodes: %s" % ops)
    check(doc["inputs"][0]["shape"] == [1, 3, 8, 8], "JSON inputs")
    check(doc["options"].get("input_shape") == "x:1,3,8,8", "JSON options: %s" % doc["options"])

    # Progress lines when logging at info (stderr is not a tty here).
    rc, out, err = run("--model=" + onnx_path, "--framework=5", "--output=" + prefix + "2",
                       "--input_shape=x:2,3,8,8", "--log=info")
    check(rc == 0 and "%" in err and "memory planning" in err, "progress at --log=info: " + err)

    # Errors.
    rc, out, err = run("--model=" + onnx_path, "--framework=3", "--output=" + prefix)
    check(rc != 0 and "framework 3 not supported: openacl compiles Caffe (--framework=0) and "
          "ONNX (--framework=5)" in err,
          "framework error: " + err)
    check("ATC run failed" in err, "failure line")
    rc, out, err = run("--bogus=1")
    check(rc != 0 and "unknown option" in err and "usage:" in err, "unknown option: " + err)
    rc, out, err = run("--model=" + onnx_path, "--framework=5", "--output=" + prefix,
                       "--dynamic_batch_size=1,2")
    check(rc != 0 and '--dynamic_batch_size="1,2" needs --input_shape' in err,
          "dynamic batch without --input_shape: " + err)
    rc, out, err = run("--model=/nonexistent.onnx", "--framework=5", "--output=" + prefix)
    check(rc != 0 and "ATC run failed" in err and "/nonexistent.onnx" in err, "missing model: " + err)
    with open(os.path.join(tmp, "bad.om"), "wb") as f:
        f.write(b"not a model at all, just some bytes" * 4)
    rc, out, err = run("--mode=6", "--om=" + os.path.join(tmp, "bad.om"))
    check(rc != 0 and "not an openacl .om file" in err, "bad om: " + err)
    rc, out, err = run("--help")
    check(rc == 0 and "usage:" in out, "help")

print("%d failure(s)" % len(failures))
sys.exit(1 if failures else 0)
