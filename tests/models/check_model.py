#!/usr/bin/python3
"""Compares openacl with onnxruntime-node on one model, through the public pyACL-style API.

usage: check_model.py --model X.onnx --input name:d0,d1,... [--input ...] --build build
                      [--ort-module DIR] [--tol 1e-4] [--keep DIR]
Compiles X.onnx with build/bin/atc, runs the .om with `acl` (load, desc, datasets of device
buffers, H2D copy, execute, D2H copy), runs onnxruntime-node on the same random inputs, and
checks max |ours - ort| <= tol * max|ort| + 1e-6 for every output. Exit 0 on agreement.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run_ours(acl, om_path, inputs):
    assert acl.init() == 0 or True
    assert acl.rt.set_device(0) == 0
    model_id, ret = acl.mdl.load_from_file(om_path)
    assert ret == 0, f"load_from_file failed {ret}: {acl.get_recent_err_msg()}"
    desc = acl.mdl.create_desc()
    assert acl.mdl.get_desc(desc, model_id) == 0
    in_ds, out_ds = acl.mdl.create_dataset(), acl.mdl.create_dataset()
    buffers = []
    for i, arr in enumerate(inputs):
        size = acl.mdl.get_input_size_by_index(desc, i)
        assert size == arr.nbytes, f"input {i}: model wants {size} bytes, have {arr.nbytes}"
        dev, ret = acl.rt.malloc(size, 0)
        assert ret == 0
        data = arr.tobytes()
        assert acl.rt.memcpy(dev, size, acl.util.bytes_to_ptr(data), size, 1) == 0
        buf = acl.create_data_buffer(dev, size)
        _, ret = acl.mdl.add_dataset_buffer(in_ds, buf)
        buffers.append((dev, buf))
    outs = []
    for i in range(acl.mdl.get_num_outputs(desc)):
        size = acl.mdl.get_output_size_by_index(desc, i)
        dev, ret = acl.rt.malloc(size, 0)
        buf = acl.create_data_buffer(dev, size)
        _, ret = acl.mdl.add_dataset_buffer(out_ds, buf)
        buffers.append((dev, buf))
        outs.append((dev, size, i))
    ret = acl.mdl.execute(model_id, in_ds, out_ds)
    assert ret == 0, f"execute failed {ret}: {acl.get_recent_err_msg()}"
    results = []
    dtypes = {0: np.float32, 1: np.float16, 3: np.int32, 9: np.int64, 12: np.bool_}
    for dev, size, i in outs:
        host = bytes(size)
        assert acl.rt.memcpy(acl.util.bytes_to_ptr(host), size, dev, size, 2) == 0
        dims, ret = acl.mdl.get_cur_output_dims(desc, i)
        dt = dtypes.get(acl.mdl.get_output_data_type(desc, i), np.float32)
        results.append(np.frombuffer(host, dtype=dt).reshape(dims["dims"]))
    for dev, buf in buffers:
        acl.destroy_data_buffer(buf)
        acl.rt.free(dev)
    acl.mdl.destroy_dataset(in_ds)
    acl.mdl.destroy_dataset(out_ds)
    acl.mdl.destroy_desc(desc)
    acl.mdl.unload(model_id)
    return results


def run_ort(model, names, inputs, work, ort_module):
    args = ["node", os.path.join(ROOT, "tools", "ort_ref", "run_ort.js"), model,
            os.path.join(work, "ort"), "2"]
    for name, arr in zip(names, inputs):
        path = os.path.join(work, f"in_{name}.bin")
        arr.tofile(path)
        args.append(f"{name}:float32:{','.join(map(str, arr.shape))}:{path}")
    env = dict(os.environ)
    if ort_module:
        env["NODE_PATH"] = ort_module
    subprocess.run(args, check=True, env=env)
    meta = json.load(open(os.path.join(work, "ort", "ort.json")))
    outs = []
    np_types = {"float32": np.float32, "int64": np.int64, "int32": np.int32, "bool": np.bool_}
    for i, o in enumerate(meta["outputs"]):
        arr = np.fromfile(os.path.join(work, "ort", f"output_{i}.bin"), dtype=np_types[o["type"]])
        outs.append(arr.reshape(o["dims"]))
    return outs


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--input", action="append", required=True)
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--ort-module", default=os.environ.get("ORT_NODE_PATH", ""))
    p.add_argument("--tol", type=float, default=1e-4)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()
    sys.path.insert(0, os.path.join(args.build, "python"))
    import acl

    names, shapes = [], []
    for spec in args.input:
        name, dims = spec.rsplit(":", 1)
        names.append(name)
        shapes.append([int(d) for d in dims.split(",")])
    rng = np.random.default_rng(args.seed)
    inputs = [rng.standard_normal(s).astype(np.float32) for s in shapes]
    with tempfile.TemporaryDirectory() as work:
        om = os.path.join(work, "model")
        shape_arg = ";".join(f"{n}:{','.join(map(str, s))}" for n, s in zip(names, shapes))
        subprocess.run([os.path.join(args.build, "bin", "atc"), f"--model={args.model}",
                        "--framework=5", f"--output={om}", f"--input_shape={shape_arg}",
                        "--soc_version=Ascend310"], check=True, stdout=subprocess.DEVNULL)
        ours = run_ours(acl, om + ".om", inputs)
        ref = run_ort(args.model, names, inputs, work, args.ort_module)
    ok = True
    for i, (a, b) in enumerate(zip(ours, ref)):
        if a.shape != b.shape:
            print(f"output {i}: shape {a.shape} != ort {b.shape}")
            ok = False
            continue
        scale = float(np.max(np.abs(b.astype(np.float64)))) if b.size else 1.0
        scale = scale if scale > 0 else 1.0
        diff = float(np.max(np.abs(a.astype(np.float64) - b.astype(np.float64)))) if b.size else 0.0
        status = "ok" if diff <= args.tol * scale + 1e-6 else "MISMATCH"
        ok &= status == "ok"
        print(f"{os.path.basename(args.model)} output {i} {list(a.shape)}: max abs diff {diff:.3g} "
              f"(scale {scale:.3g}) {status}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
