#!/usr/bin/python3
"""Exports the reference models used by the model tests, samples and benchmarks.

Random (seeded) weights: the tests compare openacl with onnxruntime on the same model, so trained
weights are not needed. Usage: export_models.py <out_dir> [name ...]
Names: resnet50, mobilenetv2, resnet50_b8, mobilenetv2_b8, encoder, add.
"""
import os
import sys


def export_torchvision(out_dir, name, batch):
    import torch
    import torchvision
    torch.manual_seed(0)
    ctor = torchvision.models.resnet50 if name.startswith("resnet50") else torchvision.models.mobilenet_v2
    model = ctor(weights=None).eval()
    x = torch.randn(batch, 3, 224, 224)
    path = os.path.join(out_dir, f"{name}.onnx")
    torch.onnx.export(model, x, path, input_names=["input"], output_names=["output"], opset_version=13)
    return path


def export_encoder(out_dir):
    import torch
    torch.manual_seed(0)
    layer = torch.nn.TransformerEncoderLayer(d_model=512, nhead=8, dim_feedforward=2048,
                                             dropout=0.0, batch_first=True)
    model = torch.nn.TransformerEncoder(layer, num_layers=6, enable_nested_tensor=False).eval()
    x = torch.randn(1, 128, 512)
    path = os.path.join(out_dir, "encoder.onnx")
    # Not under torch.no_grad(): there torch takes the fused fast path
    # (aten::_transformer_encoder_layer_fwd), which has no ONNX export.
    torch.onnx.export(model, x, path, input_names=["input"], output_names=["output"],
                      opset_version=13)
    return path


def export_add(out_dir):
    import onnx
    from onnx import TensorProto, helper
    a = helper.make_tensor_value_info("a", TensorProto.FLOAT, [16])
    b = helper.make_tensor_value_info("b", TensorProto.FLOAT, [16])
    c = helper.make_tensor_value_info("c", TensorProto.FLOAT, [16])
    graph = helper.make_graph([helper.make_node("Add", ["a", "b"], ["c"])], "add16", [a, b], [c])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    path = os.path.join(out_dir, "add.onnx")
    onnx.save(model, path)
    return path


def main():
    out_dir = sys.argv[1]
    names = sys.argv[2:] or ["add", "resnet50", "mobilenetv2", "encoder"]
    os.makedirs(out_dir, exist_ok=True)
    for name in names:
        target = os.path.join(out_dir, f"{name}.onnx")
        if os.path.exists(target):
            continue
        if name == "add":
            export_add(out_dir)
        elif name == "encoder":
            export_encoder(out_dir)
        elif name.endswith("_b8"):
            export_torchvision(out_dir, name, 8)
        else:
            export_torchvision(out_dir, name, 1)
        print(f"[export] {target}")


if __name__ == "__main__":
    main()
