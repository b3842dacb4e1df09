#!/usr/bin/env python3
"""Dumps ONNX backend node tests (single-node models + test_data_set_0) as plain text for
onnx_node_tensor_test.cc, so op tests can check reference kernels against the official data
without linking protobuf. Usage: dump_onnx_node_tests.py DATA_DIR PREFIX...  (text on stdout).

Format, whitespace separated, one case after another:
  case NAME OP_TYPE OPSET N_ATTRS N_INPUTS N_OUTPUTS
  attr NAME i INT | f HEXFLOAT | s HEX | ints N INT... | floats N HEXFLOAT... | t TENSOR
  input TENSOR | input none          (N_INPUTS times, node input order)
  output TENSOR | output none        (N_OUTPUTS times)
  TENSOR = DTYPE RANK DIM... HEXBYTES ('-' when empty)
"""
import glob
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def tensor_text(arr, dtype):
    arr = np.array(arr, order="C", copy=True)  # ascontiguousarray would make 0-d 1-d
    raw = arr.tobytes().hex() or "-"
    return " ".join([str(dtype), str(arr.ndim)] + [str(d) for d in arr.shape] + [raw])


def proto_tensor_text(t):
    return tensor_text(numpy_helper.to_array(t), t.data_type)


def attr_text(a):
    A = onnx.AttributeProto
    if a.type == A.INT:
        return f"i {a.i}"
    if a.type == A.FLOAT:
        return f"f {float(a.f).hex()}"
    if a.type == A.STRING:
        return f"s {a.s.hex() or '-'}"
    if a.type == A.INTS:
        return " ".join(["ints", str(len(a.ints))] + [str(v) for v in a.ints])
    if a.type == A.FLOATS:
        return " ".join(["floats", str(len(a.floats))] + [float(v).hex() for v in a.floats])
    if a.type == A.TENSOR:
        return "t " + proto_tensor_text(a.t)
    return None


def load_pb(path):
    t = onnx.TensorProto()
    with open(path, "rb") as f:
        t.ParseFromString(f.read())
    return t


def dump(case_dir, out):
    model = onnx.load(os.path.join(case_dir, "model.onnx"))
    g = model.graph
    if len(g.node) != 1:
        return
    node = g.node[0]
    opset = next((o.version for o in model.opset_import if o.domain in ("", "ai.onnx")), 0)
    data_dir = os.path.join(case_dir, "test_data_set_0")
    feeds, expects = {}, {}
    try:
        for i, vi in enumerate(g.input):
            feeds[vi.name] = load_pb(os.path.join(data_dir, f"input_{i}.pb"))
        for i, vi in enumerate(g.output):
            expects[vi.name] = load_pb(os.path.join(data_dir, f"output_{i}.pb"))
    except Exception:  # sequences / optionals: not plain tensors
        return
    for t in list(feeds.values()) + list(expects.values()):
        if t.data_type in (0, 8):  # undefined / string
            return
    attrs = []
    for a in node.attribute:
        text = attr_text(a)
        if text is None:
            return
        attrs.append(f"attr {a.name} {text}")
    consts = {i.name: i for i in g.initializer}
    body = []
    for name in node.input:
        t = feeds[name] if name in feeds else consts.get(name)
        body.append("input " + (proto_tensor_text(t) if t is not None else "none"))
    for name in node.output:
        t = expects.get(name)
        body.append("output " + (proto_tensor_text(t) if t is not None else "none"))
    lines = [f"case {os.path.basename(case_dir)} {node.op_type} {opset} {len(attrs)} "
             f"{len(node.input)} {len(node.output)}"]
    lines += attrs + body
    out.write("\n".join(lines) + "\n")


def main():
    data_dir, prefixes = sys.argv[1], sys.argv[2:]
    for case_dir in sorted(glob.glob(os.path.join(data_dir, "test_*"))):
        name = os.path.basename(case_dir)
        if any(name.startswith(p) for p in prefixes) and not name.endswith("_expanded"):
            try:
                dump(case_dir, sys.stdout)
            except Exception:  # optional/sequence data that parses as a bogus tensor
                pass


if __name__ == "__main__":
    main()
