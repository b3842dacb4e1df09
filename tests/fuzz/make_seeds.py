#!/usr/bin/python3
"""Writes the seed corpora of the fuzz targets (never committed: made at build time).

usage: make_seeds.py OUT_DIR ATC
OUT_DIR/<target>/ gets a few small valid inputs per target: ONNX models and the .om files atc
compiles from them (fuzz_model_load), single-op JSON lists and single-op .om files
(fuzz_singleop), acl.json texts (fuzz_acl_config), .npy files of several dtypes
(fuzz_msame_input), and the seeds of the feature parsers when their targets exist.
"""
import json
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT, ATC = sys.argv[1], sys.argv[2]


def path(target, name):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def model(name, nodes, inputs, outputs, inits=(), opset=13):
    g = helper.make_graph(nodes, name, inputs, outputs, initializer=list(inits))
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8
    p = path("fuzz_model_load", name + ".onnx")
    onnx.save(m, p)
    shapes = ";".join(f"{i.name}:" + ",".join(str(d.dim_value) for d in
                                               i.type.tensor_type.shape.dim) for i in inputs)
    om = path("fuzz_model_load", name)
    r = subprocess.run([ATC, f"--model={p}", "--framework=5", f"--output={om}",
                        "--soc_version=Ascend310", f"--input_shape={shapes}"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print(f"make_seeds: atc failed on {name}: {r.stdout}{r.stderr}", file=sys.stderr)


def vi(name, shape, t=TensorProto.FLOAT):
    return helper.make_tensor_value_info(name, t, shape)


rng = np.random.default_rng(0)
w = numpy_helper.from_array(rng.standard_normal((4, 3, 3, 3)).astype(np.float32), "w")
b = numpy_helper.from_array(rng.standard_normal(4).astype(np.float32), "b")
model("add", [helper.make_node("Add", ["x", "y"], ["z"])], [vi("x", [2, 3]), vi("y", [2, 3])],
      [vi("z", [2, 3])])
model("conv_relu", [helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[1, 1, 1, 1]),
                    helper.make_node("Relu", ["c"], ["y"])],
      [vi("x", [1, 3, 8, 8])], [vi("y", [1, 4, 8, 8])], [w, b])
mm = numpy_helper.from_array(rng.standard_normal((6, 5)).astype(np.float32), "m")
model("matmul_softmax", [helper.make_node("MatMul", ["x", "m"], ["h"]),
                         helper.make_node("Softmax", ["h"], ["y"], axis=-1)],
      [vi("x", [2, 6])], [vi("y", [2, 5])], [mm])
shape = numpy_helper.from_array(np.array([3, 2], dtype=np.int64), "s")
model("reshape_transpose", [helper.make_node("Reshape", ["x", "s"], ["r"]),
                            helper.make_node("Transpose", ["r"], ["y"], perm=[1, 0])],
      [vi("x", [2, 3])], [vi("y", [2, 3])], [shape])
model("nonzero", [helper.make_node("NonZero", ["x"], ["y"])], [vi("x", [4])],
      [vi("y", None, TensorProto.INT64)])

ops = [{"op": "Add", "input_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}] * 2,
        "output_desc": [{"format": "ND", "shape": [2, 3], "type": "float"}]},
       {"op": "ArgMaxD", "input_desc": [{"format": "ND", "shape": [1, 10], "type": "float"}],
        "output_desc": [{"format": "ND", "shape": [1], "type": "int32"}],
        "attr": [{"name": "dimension", "type": "int", "value": 1}]},
       {"op": "Cast", "input_desc": [{"format": "ND", "shape": [4], "type": "float"}],
        "output_desc": [{"format": "ND", "shape": [4], "type": "int32"}],
        "attr": [{"name": "dst_type", "type": "int", "value": 3}]}]
for i, op in enumerate(ops):
    with open(path("fuzz_singleop", f"op{i}.json"), "w") as f:
        json.dump([op], f)
oplist = path("fuzz_singleop", "all.json")
with open(oplist, "w") as f:
    json.dump(ops, f)
omdir = os.path.join(OUT, "singleop_om")
r = subprocess.run([ATC, f"--singleop={oplist}", f"--output={omdir}", "--soc_version=Ascend310"],
                   capture_output=True, text=True)
if r.returncode == 0:
    for name in os.listdir(omdir):
        os.replace(os.path.join(omdir, name), path("fuzz_singleop", name))
else:
    print(f"make_seeds: atc --singleop failed: {r.stdout}{r.stderr}", file=sys.stderr)

configs = ['{}', '{"dump": {"dump_path": "/tmp", "dump_list": []}}',
           '{"openacl": {"device_memory_mb": 64, "num_threads": 1}}',
           '{"profiler": {"switch": "on"}, "openacl": {"soc_name": "Ascend310"}}']
for i, text in enumerate(configs):
    with open(path("fuzz_acl_config", f"acl{i}.json"), "w") as f:
        f.write(text)

for i, arr in enumerate([np.zeros((2, 3), np.float32), np.arange(7, dtype=np.int64),
                         np.ones((1, 2, 2), np.float16), np.array(3, dtype=np.uint8),
                         np.asfortranarray(np.eye(3, dtype=np.float64))]):
    np.save(path("fuzz_msame_input", f"in{i}.npy"), arr)

# Seeds of the feature parsers (AIPP configs, images, Caffe) come from their own scripts.
here = os.path.dirname(os.path.abspath(__file__))
for extra in sorted(os.listdir(here)):
    if extra.startswith("seeds_") and extra.endswith(".py"):
        subprocess.run([sys.executable, os.path.join(here, extra), OUT, ATC], check=False)
print(f"make_seeds: corpora written under {OUT}")
