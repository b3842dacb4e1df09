#!/usr/bin/python3
"""Accuracy of a reduced --precision_mode against fp32 onnxruntime (docs/precision.md).

Compiles the model with build/bin/atc twice (force_fp32 and the mode asked for), runs N varied
inputs through both .om files with the acl module and through onnxruntime-node (fp32), and
prints: top-1 agreement with ORT (raw, and on logits centred over the inputs), top-5 overlap, max / median relative error of the output
(max |ours - ORT| / max |ORT| per input), and the same for our fp32 build as a control.

usage: PYTHONPATH=build/python precision_accuracy.py --model models/resnet50.onnx \
           [--input input:1,3,224,224] [--mode allow_mix_precision_bf16] [--count 100]
           [--build build] [--ort-module bench/.cache/npm/node_modules/onnxruntime-node]
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def varied_inputs(shape, count, seed=0):
    """Gaussian noise, ImageNet-normalised uniform pixels, smooth random images, scaled noise
    and gradients with noise, in rotation (seeded)."""
    rng = np.random.default_rng(seed)
    mean = np.array([0.485, 0.456, 0.406]).reshape(1, 3, 1, 1)
    std = np.array([0.229, 0.224, 0.225]).reshape(1, 3, 1, 1)
    n, c, h, w = shape
    out = []
    for i in range(count):
        kind = i % 5
        if kind == 0:
            x = rng.standard_normal(shape)
        elif kind == 1:
            x = (rng.uniform(0, 1, shape) - mean) / std
        elif kind == 2:  # low-frequency image: coarse noise upsampled
            k = int(rng.integers(4, 29))
            coarse = rng.uniform(0, 1, (n, c, k, k))
            ys = (np.arange(h) * k // h)
            xs = (np.arange(w) * k // w)
            x = (coarse[:, :, ys][:, :, :, xs] - mean) / std
        elif kind == 3:
            x = rng.standard_normal(shape) * rng.uniform(0.3, 3.0)
        else:
            gy = np.linspace(0, 1, h).reshape(1, 1, h, 1)
            gx = np.linspace(0, 1, w).reshape(1, 1, 1, w)
            a, b = rng.uniform(-1, 1, 2)
            x = (a * gy + b * gx + 0.5 + 0.1 * rng.standard_normal(shape) - mean) / std
        out.append(np.ascontiguousarray(x, dtype=np.float32))
    return out


def compile_om(atc, model, input_spec, mode, out_dir):
    prefix = os.path.join(out_dir, mode)
    cmd = [atc, "--model=" + model, "--framework=5", "--output=" + prefix,
           "--input_shape=" + input_spec, "--soc_version=Ascend310", "--precision_mode=" + mode]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("atc failed: " + r.stdout + r.stderr)
    return prefix + ".om"


def run_acl(om, inputs):
    import acl
    model_id, ret = acl.mdl.load_from_file(om)
    assert ret == 0, acl.get_recent_err_msg()
    desc = acl.mdl.create_desc()
    assert acl.mdl.get_desc(desc, model_id) == 0
    in_size = inputs[0].nbytes
    out_size = acl.mdl.get_output_size_by_index(desc, 0)
    in_ptr, _ = acl.rt.malloc(in_size, 0)
    outs_ptr = []
    ins, outs = acl.mdl.create_dataset(), acl.mdl.create_dataset()
    in_buf = acl.create_data_buffer(in_ptr, in_size)
    acl.mdl.add_dataset_buffer(ins, in_buf)
    bufs = [in_buf]
    for i in range(acl.mdl.get_num_outputs(desc)):
        size = acl.mdl.get_output_size_by_index(desc, i)
        p, _ = acl.rt.malloc(size, 0)
        outs_ptr.append(p)
        bufs.append(acl.create_data_buffer(p, size))
        acl.mdl.add_dataset_buffer(outs, bufs[-1])
    results = []
    for x in inputs:
        assert acl.rt.memcpy(in_ptr, in_size, acl.util.numpy_to_ptr(x), in_size, 1) == 0
        assert acl.mdl.execute(model_id, ins, outs) == 0, acl.get_recent_err_msg()
        y = np.zeros(out_size // 4, dtype=np.float32)
        assert acl.rt.memcpy(acl.util.numpy_to_ptr(y), out_size, outs_ptr[0], out_size, 2) == 0
        results.append(y)
    for b in bufs:
        acl.destroy_data_buffer(b)
    acl.mdl.destroy_dataset(ins)
    acl.mdl.destroy_dataset(outs)
    for p in [in_ptr] + outs_ptr:
        acl.rt.free(p)
    acl.mdl.destroy_desc(desc)
    acl.mdl.unload(model_id)
    return np.stack(results)


def run_ort(ort_module, model, name, shape, inputs, work):
    in_file, out_file = os.path.join(work, "inputs.bin"), os.path.join(work, "ort_out.bin")
    np.concatenate([x.ravel() for x in inputs]).tofile(in_file)
    env = dict(os.environ, ORT_NODE_MODULE=ort_module)
    r = subprocess.run(["node", os.path.join(ROOT, "bench", "ort_batch.js"), model, name,
                        ",".join(map(str, shape)), in_file, str(len(inputs)), out_file],
                       capture_output=True, text=True, env=env)
    if r.returncode != 0:
        sys.exit("onnxruntime failed: " + r.stderr)
    return np.fromfile(out_file, dtype=np.float32).reshape(len(inputs), -1)


def report(label, ours, ref):
    """Top-1 agreement on the raw outputs, on the outputs minus their mean over the inputs (a
    randomly initialised classifier gives one class for every input: the centred logits keep
    only the input-dependent part, so agreement there is not trivial), top-5 overlap and the
    relative error."""
    rel = np.max(np.abs(ours - ref), axis=1) / np.max(np.abs(ref), axis=1)
    top1 = np.mean(np.argmax(ours, axis=1) == np.argmax(ref, axis=1))
    centre = ref.mean(axis=0)
    top1_c = np.mean(np.argmax(ours - centre, axis=1) == np.argmax(ref - centre, axis=1))
    top5 = np.mean([len(set(np.argsort(o)[-5:]) & set(np.argsort(r)[-5:])) / 5.0
                    for o, r in zip(ours, ref)])
    print("%-30s top-1 agreement %5.1f%%, centred top-1 %5.1f%%, top-5 overlap %5.1f%%; "
          "rel. error max %.2e, median %.2e" % (label, 100 * top1, 100 * top1_c, 100 * top5,
                                                rel.max(), np.median(rel)))
    return top1, rel


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--input", default="input:1,3,224,224")
    p.add_argument("--mode", default="allow_mix_precision_bf16")
    p.add_argument("--count", type=int, default=100)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--ort-module", default=os.path.join(ROOT, "bench", ".cache", "npm",
                                                        "node_modules", "onnxruntime-node"))
    a = p.parse_args()
    name, dims = a.input.split(":")
    shape = [int(d) for d in dims.split(",")]
    import acl
    assert acl.init() == 0 and acl.rt.set_device(0) == 0
    with tempfile.TemporaryDirectory() as work:
        atc = os.path.join(a.build, "bin", "atc")
        fp32_om = compile_om(atc, a.model, a.input, "force_fp32", work)
        mode_om = compile_om(atc, a.model, a.input, a.mode, work)
        inputs = varied_inputs(shape, a.count)
        ref = run_ort(a.ort_module, a.model, name, shape, inputs, work)
        ours_fp32 = run_acl(fp32_om, inputs)
        ours_mode = run_acl(mode_om, inputs)
    classes = len(set(np.argmax(ref, axis=1)))
    classes_c = len(set(np.argmax(ref - ref.mean(axis=0), axis=1)))
    margin = np.sort(ref, axis=1)
    margin = (margin[:, -1] - margin[:, -2]) / np.max(np.abs(ref), axis=1)
    print("model %s, %d inputs; ORT fp32: %d distinct top-1 classes (%d after centring), median "
          "top-1 margin %.3g of max|logit|" % (os.path.basename(a.model), a.count, classes,
                                               classes_c, np.median(margin)))
    report("ours force_fp32", ours_fp32, ref)
    report("ours " + a.mode, ours_mode, ref)
    acl.rt.reset_device(0)
    acl.finalize()


if __name__ == "__main__":
    main()
