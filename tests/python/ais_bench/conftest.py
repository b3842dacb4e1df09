"""Models and references for the ais_bench tests (python/ais_bench): tiny ONNX models generated
here and compiled with build/bin/atc once per test session, msame and onnxruntime-node
(tools/ort_ref/run_ort.js) runs for reference outputs.

Run: PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/ais_bench"""
import json
import os
import re
import subprocess
import sys

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper

import acl

BUILD = os.path.dirname(os.path.dirname(os.path.abspath(acl.__file__)))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
ATC = os.path.join(BUILD, "bin", "atc")
MSAME = os.path.join(BUILD, "bin", "msame")
NODE_MODULES = os.path.join(ROOT, "third_party", "npm", "node_modules")
PYTHONPATH = os.path.dirname(os.path.abspath(acl.__file__))


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path)
    return path


def tiny_model(path):
    """z = Relu(x) + y (float32 [2,3]); pos = int32(x > 0) ([2,3]): two outputs of two types."""
    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    nodes = [helper.make_node("Relu", ["x"], ["r"]), helper.make_node("Add", ["r", "y"], ["z"]),
             helper.make_node("Greater", ["x", "zero"], ["g"]),
             helper.make_node("Cast", ["g"], ["pos"], to=TensorProto.INT32)]
    graph = helper.make_graph(
        nodes, "tiny",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("y", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, [2, 3]),
         helper.make_tensor_value_info("pos", TensorProto.INT32, [2, 3])], [zero])
    return save(graph, path)


def nonzero_model(path):
    """idx = NonZero(x > 0): int64 [2, count], count decided at run time."""
    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    graph = helper.make_graph(
        [helper.make_node("Greater", ["x", "zero"], ["pos"]),
         helper.make_node("NonZero", ["pos"], ["idx"])], "nonzero",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("idx", TensorProto.INT64, None)], [zero])
    return save(graph, path)


def batch_model(path, batch="N"):
    """out = x * 2 + 1, x float32 [batch, 3] (a batch of 4 in the .om)."""
    two = helper.make_tensor("two", TensorProto.FLOAT, [], [2.0])
    one = helper.make_tensor("one", TensorProto.FLOAT, [], [1.0])
    graph = helper.make_graph(
        [helper.make_node("Mul", ["x", "two"], ["m"]), helper.make_node("Add", ["m", "one"], ["out"])],
        "batch", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, 3])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [batch, 3])], [two, one])
    return save(graph, path)


def image_model(path):
    """out = ReduceMean(img, axes=[2,3]) * 1: img float32 [N,3,H,W] -> [N,3] (for image-size gears)."""
    graph = helper.make_graph(
        [helper.make_node("ReduceMean", ["img"], ["out"], axes=[2, 3], keepdims=0)], "image",
        [helper.make_tensor_value_info("img", TensorProto.FLOAT, [1, 3, "H", "W"])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [1, 3])])
    return save(graph, path)


def dims_model(path):
    """out = ReduceSum(x, axes=[1]) for x float32 [A, B] (for --dynamic_dims gears)."""
    graph = helper.make_graph(
        [helper.make_node("ReduceSum", ["x"], ["out"], keepdims=0)], "dims",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["A", "B"])],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [])])
    return save(graph, path)


def atc(onnx_path, prefix, *extra):
    """Compiles with atc; returns (om path or None, atc's output)."""
    p = subprocess.run([ATC, f"--model={onnx_path}", "--framework=5", f"--output={prefix}",
                        "--soc_version=Ascend310", *extra], capture_output=True, text=True)
    om = prefix + ".om"
    return (om if p.returncode == 0 and os.path.exists(om) else None), p.stdout + p.stderr


class Models:
    """Compiled test models: .onnx and .om paths by name; gear models may be None (atc without
    gear support) with atc's message in .why[name]."""

    def __init__(self, work):
        self.work, self.onnx, self.om, self.why = work, {}, {}, {}

    def add(self, name, maker, *atc_args, required=True):
        self.onnx[name] = maker(os.path.join(self.work, name + ".onnx"))
        om, out = atc(self.onnx[name], os.path.join(self.work, name), *atc_args)
        if om is None and required:
            raise AssertionError(f"atc failed on {name}:\n{out}")
        self.om[name], self.why[name] = om, out

    def gear(self, name):
        if self.om.get(name) is None:
            pytest.skip(f"atc cannot compile the {name} gear model yet: {self.why[name][-300:]}")
        return self.om[name]


@pytest.fixture(scope="session")
def models(tmp_path_factory):
    if not os.path.exists(ATC):
        pytest.skip(f"{ATC} not built")
    m = Models(str(tmp_path_factory.mktemp("ais_bench_models")))
    m.add("tiny", tiny_model)
    m.add("nonzero", nonzero_model)
    m.add("batch4", batch_model, "--input_shape=x:4,3")
    m.add("dymbatch", batch_model, "--input_shape=x:-1,3", "--dynamic_batch_size=1,2,4",
          required=False)
    m.add("dymhw", image_model, "--input_shape=img:1,3,-1,-1",
          "--dynamic_image_size=8,8;16,16", required=False)
    m.add("dymdims", dims_model, "--input_shape=x:-1,-1", "--input_format=ND",
          "--dynamic_dims=1,4;2,8", required=False)
    return m


def run_ais_bench(*args, cwd=None):
    """python3 -m ais_bench as a process: (exit code, stdout+stderr)."""
    env = dict(os.environ, PYTHONPATH=PYTHONPATH)
    p = subprocess.run([sys.executable, "-m", "ais_bench", *map(str, args)], cwd=cwd, env=env,
                       capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout + p.stderr


def run_msame(om, inputs, out_dir, *extra):
    """msame's output arrays (raw .bin files, in output order)."""
    os.makedirs(out_dir, exist_ok=True)
    args = [MSAME, "--model", om, "--output", out_dir, "--outfmt", "BIN", *extra]
    if inputs:
        args += ["--input", ",".join(inputs)]
    p = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    stamp = next(line for line in p.stdout.splitlines()
                 if line and not line.startswith("[") and os.path.isdir(line))
    name = os.path.splitext(os.path.basename(om))[0]
    files = sorted((f for f in os.listdir(stamp) if re.fullmatch(rf"{re.escape(name)}_output_\d+\.bin", f)),
                   key=lambda f: int(f.rsplit("_", 1)[1].split(".")[0]))
    return [os.path.join(stamp, f) for f in files]


def ort_available():
    return os.path.isdir(os.path.join(NODE_MODULES, "onnxruntime-node"))


ORT_TYPES = {"float32": np.float32, "int64": np.int64, "int32": np.int32, "uint8": np.uint8,
             "int8": np.int8, "float64": np.float64, "bool": np.bool_}


def run_ort(onnx_path, feeds, work_dir, tag="ort"):
    """onnxruntime-node's outputs (numpy arrays, in output order) for {name: array}."""
    if not ort_available():
        pytest.skip("onnxruntime-node missing: run scripts/fetch_models.sh")
    os.makedirs(work_dir, exist_ok=True)
    specs = []
    for name, array in feeds.items():
        path = os.path.join(work_dir, f"{tag}_{name}.bin")
        np.ascontiguousarray(array).tofile(path)
        specs.append(f"{name}:{array.dtype.name}:{','.join(map(str, array.shape))}:{path}")
    out_dir = os.path.join(work_dir, tag)
    env = dict(os.environ, NODE_PATH=NODE_MODULES)
    subprocess.run(["node", os.path.join(ROOT, "tools", "ort_ref", "run_ort.js"), onnx_path,
                    out_dir, "1", *specs], check=True, env=env, stdout=subprocess.DEVNULL)
    meta = json.load(open(os.path.join(out_dir, "ort.json")))
    return [np.fromfile(os.path.join(out_dir, f"output_{i}.bin"), dtype=ORT_TYPES[o["type"]])
            .reshape(o["dims"]) for i, o in enumerate(meta["outputs"])]
