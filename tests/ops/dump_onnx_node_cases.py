#!/usr/bin/python3
"""Dumps single-node ONNX backend node tests into a plain text format that
onnx_node_cases_test.cc reads (no protobuf needed in ops_tests).

Usage: dump_onnx_node_cases.py OUT_DIR [NODE_TEST_DIR]
Then: OPENACL_ONNX_CASES=OUT_DIR build/bin/ops_tests --gtest_filter='OnnxNodeCases*'

Case file format, one record per line:
  op <type> <domain|-> <opset>
  attr <name> i <v> | f <v> | s <hex> | ints <n> v... | floats <n> v...
  input|output <dtype> <rank> dims... <hex bytes>     ("input none" = omitted)
"""
import glob
import os
import sys

import onnx
from onnx import numpy_helper

SRC = sys.argv[2] if len(sys.argv) > 2 else "/usr/include/onnx/backend/test/data/node"


def tensor_line(kind, t, declared=0):
    # ONNX 1.12 stores bfloat16 test data as uint16 bit patterns; use the declared type.
    if declared == onnx.TensorProto.BFLOAT16 and t.data_type == onnx.TensorProto.UINT16:
        arr = numpy_helper.to_array(t)
        dims = list(arr.shape)
        return "%s %d %d %s %s" % (kind, declared, len(dims), " ".join(map(str, dims)),
                                   arr.astype("uint16").tobytes().hex() or "-")
    if t.data_type in (onnx.TensorProto.STRING, 0):
        return None
    if t.data_type == onnx.TensorProto.BFLOAT16:
        raw = bytes(t.raw_data) if t.raw_data else b"".join(
            int(v).to_bytes(2, "little") for v in t.int32_data)
        dims = list(t.dims)
        return "%s %d %d %s %s" % (kind, t.data_type, len(dims), " ".join(map(str, dims)),
                                   raw.hex() or "-")
    try:
        arr = numpy_helper.to_array(t)
    except Exception:
        return None
    if t.data_type == onnx.TensorProto.FLOAT16:
        raw = arr.astype("float16").tobytes()
    else:
        raw = arr.tobytes()
    dims = list(arr.shape)
    return "%s %d %d %s %s" % (kind, t.data_type, len(dims), " ".join(map(str, dims)), raw.hex() or "-")


def attr_line(a):
    T = onnx.AttributeProto
    if a.type == T.INT:
        return "attr %s i %d" % (a.name, a.i)
    if a.type == T.FLOAT:
        return "attr %s f %r" % (a.name, a.f)
    if a.type == T.STRING:
        return "attr %s s %s" % (a.name, a.s.hex() or "-")
    if a.type == T.INTS:
        return "attr %s ints %d %s" % (a.name, len(a.ints), " ".join(map(str, a.ints)))
    if a.type == T.FLOATS:
        return "attr %s floats %d %s" % (a.name, len(a.floats), " ".join(repr(f) for f in a.floats))
    return None


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for d in sorted(glob.glob(os.path.join(SRC, "test_*"))):
        try:
            m = onnx.load(os.path.join(d, "model.onnx"))
        except Exception:
            continue
        if len(m.graph.node) != 1:
            continue
        node = m.graph.node[0]
        opset = max([o.version for o in m.opset_import if o.domain in ("", "ai.onnx")] or [0])
        lines = ["op %s %s %d" % (node.op_type, node.domain or "-", opset)]
        ok = True
        for a in node.attribute:
            line = attr_line(a)
            if line is None:
                ok = False
                break
            lines.append(line)
        ds = os.path.join(d, "test_data_set_0")
        declared = {v.name: v.type.tensor_type.elem_type
                    for v in list(m.graph.input) + list(m.graph.output)}
        for kind, names, pref in (("input", node.input, "input"), ("output", node.output, "output")):
            k = 0
            for name in names:
                if name == "":
                    lines.append("%s none" % kind)  # an omitted optional input or output
                    continue
                path = os.path.join(ds, "%s_%d.pb" % (pref, k))
                k += 1
                if not os.path.exists(path):
                    ok = False
                    break
                t = onnx.TensorProto()
                try:
                    with open(path, "rb") as f:
                        t.ParseFromString(f.read())
                    line = tensor_line(kind, t, declared.get(name, 0))
                except Exception:
                    line = None
                if line is None:
                    ok = False
                    break
                lines.append(line)
        if not ok:
            continue
        with open(os.path.join(out, os.path.basename(d) + ".txt"), "w") as f:
            f.write("\n".join(lines) + "\n")
        n += 1
    print("dumped", n, "cases to", out)


if __name__ == "__main__":
    main()
