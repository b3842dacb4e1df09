#!/usr/bin/python3
"""Writes the tiny YOLO-style detector the detect.py sample runs (seeded random weights, so the
boxes are not meaningful; tests/python/ais_bench checks them against onnxruntime).

  images float32 [1, 3, 64, 64] -> 3 strided Convs -> Sigmoid -> output float32 [1, 64, 5 + C]
  (an 8x8 grid; per cell: cx, cy, w, h offsets, objectness, C class scores, all in 0..1)

usage: gen_model.py OUT.onnx   then
  build/bin/atc --model=OUT.onnx --framework=5 --output=detector --soc_version=Ascend310
"""
import sys

import numpy as np

CLASSES = 4
GRID = 8
SIZE = 64


def make_detector(path, seed=0):
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    rng = np.random.default_rng(seed)
    channels = 5 + CLASSES

    def weight(name, shape, scale):
        return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32), name)

    inits = [weight("w1", (16, 3, 3, 3), 0.4), weight("b1", (16,), 0.1),
             weight("w2", (16, 16, 3, 3), 0.2), weight("b2", (16,), 0.1),
             weight("w3", (channels, 16, 3, 3), 0.15),
             # biases: larger boxes (they overlap, so NMS has work), few confident cells
             numpy_helper.from_array(np.array([0, 0, 1.0, 1.0, -1.0] + [0.5] * CLASSES,
                                              np.float32), "b3"),
             numpy_helper.from_array(np.array([1, channels, GRID * GRID], np.int64), "shape")]
    conv = dict(strides=[2, 2], pads=[1, 1, 1, 1], kernel_shape=[3, 3])
    nodes = [
        helper.make_node("Conv", ["images", "w1", "b1"], ["c1"], **conv),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("Conv", ["r1", "w2", "b2"], ["c2"], **conv),
        helper.make_node("Relu", ["c2"], ["r2"]),
        helper.make_node("Conv", ["r2", "w3", "b3"], ["c3"], **conv),
        helper.make_node("Sigmoid", ["c3"], ["s"]),
        helper.make_node("Reshape", ["s", "shape"], ["flat"]),
        helper.make_node("Transpose", ["flat"], ["output"], perm=[0, 2, 1]),
    ]
    graph = helper.make_graph(
        nodes, "tiny_detector",
        [helper.make_tensor_value_info("images", TensorProto.FLOAT, [1, 3, SIZE, SIZE])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, GRID * GRID, channels])],
        initializer=inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path)
    return path


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    make_detector(sys.argv[1])
