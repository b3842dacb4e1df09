#!/usr/bin/python3
"""Writes the single-op sample's inputs: a tiny classifier model and the op description JSON.

  tiny_classifier.onnx  data float32 [1,3,16,16] -> Flatten -> Gemm (768 -> 1000) -> prob [1,1000]
                        (fixed random weights, seed 0)
  op_list.json          the single ops the sample runs, for `atc --singleop`:
                        Cast float32 -> float16 [1,1000], ArgMaxD float16 [1,1000] -> int32 [1]
                        (dimension 1), Add int32 [8,16] + [8,16]

usage: gen_model.py [--out DIR]        (default: this script's folder)
then:  atc --model=DIR/tiny_classifier.onnx --framework=5 --output=DIR/model/tiny_classifier
       atc --singleop=DIR/op_list.json --output=DIR/op_models
"""
import argparse
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

NUM_CLASSES = 1000
INPUT_SHAPE = [1, 3, 16, 16]


def make_model():
    rng = np.random.default_rng(0)
    features = int(np.prod(INPUT_SHAPE[1:]))
    weight = (rng.standard_normal((features, NUM_CLASSES)) * 0.05).astype(np.float32)
    bias = (rng.standard_normal(NUM_CLASSES) * 0.01).astype(np.float32)
    nodes = [
        helper.make_node("Flatten", ["data"], ["flat"], axis=1),
        helper.make_node("Gemm", ["flat", "W", "B"], ["prob"]),
    ]
    graph = helper.make_graph(
        nodes, "tiny_classifier",
        [helper.make_tensor_value_info("data", TensorProto.FLOAT, INPUT_SHAPE)],
        [helper.make_tensor_value_info("prob", TensorProto.FLOAT, [1, NUM_CLASSES])],
        [numpy_helper.from_array(weight, "W"), numpy_helper.from_array(bias, "B")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def op_list():
    nd = lambda dtype, shape: {"format": "ND", "shape": shape, "type": dtype}  # noqa: E731
    return [
        {"op": "Cast",
         "input_desc": [nd("float", [1, NUM_CLASSES])],
         "output_desc": [nd("float16", [1, NUM_CLASSES])],
         "attr": [{"name": "truncate", "type": "bool", "value": False}]},
        {"op": "ArgMaxD",
         "input_desc": [nd("float16", [1, NUM_CLASSES])],
         "output_desc": [nd("int32", [1])],
         "attr": [{"name": "dimension", "type": "int", "value": 1}]},
        {"op": "Add",
         "input_desc": [nd("int32", [8, 16]), nd("int32", [8, 16])],
         "output_desc": [nd("int32", [8, 16])]},
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    onnx.save(make_model(), os.path.join(args.out, "tiny_classifier.onnx"))
    with open(os.path.join(args.out, "op_list.json"), "w") as f:
        json.dump(op_list(), f, indent=2)
    print("wrote %s/tiny_classifier.onnx and %s/op_list.json" % (args.out, args.out))


if __name__ == "__main__":
    main()
