#!/usr/bin/python3
"""AIPP speed (issue 15): the Aipp kernel on a 1920x1080 YUV420SP frame cropped and resized to
224x224 against the same steps in numpy (tests/python/test_aipp.py's reference, what samples do
on the host), and a classifier fed a ready float tensor against the same model with static
AIPP (YUV420SP 224x224 -> normalised RGB).

usage: PYTHONPATH=build/python bench/aipp_bench.py [--model models/resnet50.onnx] [--runs N]
Prints markdown rows.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

import acl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "python"))
sys.path.insert(0, os.path.join(ROOT, "tests", "samples"))
import test_aipp as ta  # noqa: E402
import sample_check as sc  # noqa: E402

ATC = ta.ATC
CROP_RESIZE = {"input_format": "YUV420SP_U8", "src_w": 1920, "src_h": 1080, "csc": True,
               "matrix": [256, 0, 359, 256, -88, -183, 256, 454, 0],
               "input_bias": [0, 128, 128], "output_bias": [0, 0, 0],
               "crop": (420, 0, 1080, 1080), "resize": (224, 224),
               "min": [123.675, 116.28, 103.53], "var": [0.0171, 0.0175, 0.0174]}


def best_of(fn, runs):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times) * 1e3


def compile_model(onnx_path, out, cfg_text, work, extra=()):
    args = [ATC, f"--model={onnx_path}", "--framework=5", f"--output={out}",
            "--soc_version=Ascend310", *extra]
    if cfg_text:
        cfg = os.path.join(work, os.path.basename(out) + ".cfg")
        open(cfg, "w").write(cfg_text)
        args.append(f"--insert_op_conf={cfg}")
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return out + ".om"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default=os.path.join(ROOT, "models", "resnet50.onnx"))
    p.add_argument("--runs", type=int, default=20)
    args = p.parse_args()
    work = tempfile.mkdtemp(prefix="aipp_bench_")
    assert acl.init() == 0 and acl.rt.set_device(0) == 0
    ctx, _ = acl.rt.create_context(0)

    # 1. The kernel alone: identity model behind a 1920x1080 crop + resize.
    onnx_path = os.path.join(work, "identity.onnx")
    ta.identity_model(onnx_path, [(1, 3, 224, 224)])
    om = compile_model(onnx_path, os.path.join(work, "crop_resize"),
                       ta.config_text(CROP_RESIZE, 0), work)
    m = ta.Model(om)
    frame = np.random.default_rng(0).integers(0, 256, 1920 * 1080 * 3 // 2, dtype=np.uint8)
    m.feed(0, frame)
    kernel_ms = best_of(m.run, args.runs)
    got = m.output(0, (1, 3, 224, 224))[0]
    ref = ta.reference(frame.tobytes(), CROP_RESIZE, 3, 224, 224)
    assert np.abs(got - ref).max() < 2e-3
    numpy_ms = best_of(lambda: ta.reference(frame.tobytes(), CROP_RESIZE, 3, 224, 224), 5)
    m.close()
    print("| AIPP 1920x1080 YUV420SP crop + resize -> 224x224 float | "
          f"{kernel_ms:.2f} ms (model execute) | numpy {numpy_ms:.2f} ms | "
          f"{numpy_ms / kernel_ms:.1f}x |")

    # 2. A classifier with and without static AIPP.
    cls = args.model if os.path.exists(args.model) else sc.make_tiny_classifier(
        os.path.join(work, "tiny.onnx"))
    shape = ["--input_shape=input:1,3,224,224"]
    plain = ta.Model(compile_model(cls, os.path.join(work, "plain"), None, work, shape))
    nv12 = dict(CROP_RESIZE, src_w=224, src_h=224, crop=None, resize=None)
    aipp = ta.Model(compile_model(cls, os.path.join(work, "aipp"), ta.config_text(nv12, 0),
                                  work, shape))
    plain.feed(0, np.zeros((1, 3, 224, 224), np.float32))
    aipp.feed(0, frame[:224 * 224 * 3 // 2])
    for model in (plain, aipp):  # warm up
        model.run()
    t_plain = best_of(plain.run, args.runs)
    t_aipp = best_of(aipp.run, args.runs)
    print(f"| {os.path.basename(cls)} fed float vs YUV420SP 224x224 through static AIPP | "
          f"{t_plain:.2f} ms | {t_aipp:.2f} ms | {100 * (t_aipp / t_plain - 1):+.1f}% |")
    plain.close()
    aipp.close()
    acl.rt.destroy_context(ctx)
    acl.rt.reset_device(0)
    acl.finalize()


if __name__ == "__main__":
    main()
