"""Helpers for the sample tests: the classifier model, atc, onnxruntime-node references and the
"top5" lines the samples print.

Used by tests/samples/check_cpp_resnet50.py (ctest) and tests/python/test_samples.py (pytest).
"""
import json
import os
import re
import subprocess

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NODE_MODULES = os.path.join(ROOT, "third_party", "npm", "node_modules")
RESNET50_ONNX = os.path.join(ROOT, "models", "resnet50.onnx")
PREPROCESS = os.path.join(ROOT, "samples", "python", "resnet50", "preprocess.py")
TOP5_HEADER = re.compile(r"^=+ top5 inference results:(.*?)=+\s*$")
TOP5_LINE = re.compile(r"^\[(\d+)\]: (-?[0-9.]+(?:e[-+]?\d+)?)\s*$")


def ort_available():
    return os.path.isdir(os.path.join(NODE_MODULES, "onnxruntime-node"))


def make_tiny_classifier(path, seed=0):
    """Stand-in for ResNet-50 when torch export is unavailable: same I/O (input 1x3x224x224 ->
    output 1x1000) through Conv -> Relu -> GlobalAveragePool -> Flatten -> Gemm."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(seed)
    w = numpy_helper.from_array(rng.standard_normal((32, 3, 7, 7)).astype(np.float32) * 0.2, "w")
    b = numpy_helper.from_array(rng.standard_normal(32).astype(np.float32) * 0.1, "b")
    fc = numpy_helper.from_array(rng.standard_normal((1000, 32)).astype(np.float32), "fc")
    fcb = numpy_helper.from_array(rng.standard_normal(1000).astype(np.float32) * 0.1, "fcb")
    nodes = [
        helper.make_node("Conv", ["input", "w", "b"], ["conv"], strides=[4, 4], pads=[3, 3, 3, 3]),
        helper.make_node("Relu", ["conv"], ["relu"]),
        helper.make_node("GlobalAveragePool", ["relu"], ["pool"]),
        helper.make_node("Flatten", ["pool"], ["flat"]),
        helper.make_node("Gemm", ["flat", "fc", "fcb"], ["output"], transB=1),
    ]
    graph = helper.make_graph(
        nodes, "tiny_classifier",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, 224, 224])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1000])],
        initializer=[w, b, fc, fcb])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path)
    return path


def classifier_onnx(work_dir):
    """models/resnet50.onnx (scripts/fetch_models.sh --torch) or a generated tiny classifier."""
    if os.path.exists(RESNET50_ONNX):
        return RESNET50_ONNX
    return make_tiny_classifier(os.path.join(work_dir, "tiny_classifier.onnx"))


def compile_om(atc, onnx_path, output_prefix, input_shape="input:1,3,224,224"):
    subprocess.run([atc, f"--model={onnx_path}", "--framework=5", f"--output={output_prefix}",
                    f"--input_shape={input_shape}", "--soc_version=Ascend310"],
                   check=True, stdout=subprocess.DEVNULL)
    return output_prefix + ".om"


def run_ort(onnx_path, array, work_dir, input_name="input", tag="ref"):
    """Runs onnxruntime-node on one float32 input; returns the first output (numpy)."""
    in_path = os.path.join(work_dir, f"{tag}_in.bin")
    out_dir = os.path.join(work_dir, f"{tag}_ort")
    np.ascontiguousarray(array, dtype=np.float32).tofile(in_path)
    shape = ",".join(map(str, array.shape))
    env = dict(os.environ, NODE_PATH=NODE_MODULES)
    subprocess.run(["node", os.path.join(ROOT, "tools", "ort_ref", "run_ort.js"), onnx_path,
                    out_dir, "2", f"{input_name}:float32:{shape}:{in_path}"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    meta = json.load(open(os.path.join(out_dir, "ort.json")))
    dims = meta["outputs"][0]["dims"]
    return np.fromfile(os.path.join(out_dir, "output_0.bin"), dtype=np.float32).reshape(dims)


def parse_top5(text):
    """[(title, [(index, value), ...])] for each top5 block a sample printed."""
    blocks = []
    for line in text.splitlines():
        header = TOP5_HEADER.match(line.strip())
        if header:
            blocks.append((header.group(1).strip(), []))
            continue
        entry = TOP5_LINE.match(line.strip())
        if entry and blocks and len(blocks[-1][1]) < 5:
            blocks[-1][1].append((int(entry.group(1)), float(entry.group(2))))
    return blocks


def top5_mismatch(printed, reference, rtol=2e-4):
    """None if `printed` [(index, value)] is the top-5 of `reference` scores, else a message.

    A different index at some rank is accepted only when the two reference scores tie within
    the tolerance (the order of near-equal scores is not meaningful)."""
    ref = np.asarray(reference, dtype=np.float64).reshape(-1)
    scale = max(1e-6, float(np.max(np.abs(ref))))
    tol = rtol * scale
    expected = np.argsort(-ref, kind="stable")[:5]
    if len(printed) != 5:
        return f"expected 5 entries, got {len(printed)}"
    for rank, ((index, value), want) in enumerate(zip(printed, expected)):
        if index != want and abs(ref[index] - ref[want]) > tol:
            return (f"rank {rank}: printed class {index} ({value:f}), onnxruntime top-5 "
                    f"{expected.tolist()} with scores {ref[expected].round(4).tolist()}")
        if abs(value - ref[index]) > tol:
            return f"rank {rank}: class {index} printed {value:f}, onnxruntime {ref[index]:f}"
    return None
