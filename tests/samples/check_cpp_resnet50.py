#!/usr/bin/python3
"""Runs the C++ ResNet-50 samples and compares their top-5 with onnxruntime-node.

usage: check_cpp_resnet50.py --build BUILD --in-tree     (BUILD/bin/sample_resnet50{,_mem_async})
       check_cpp_resnet50.py --build BUILD --installed   (cmake --install BUILD into a temporary
           PREFIX, then builds samples/cpp/resnet50 on its own with only DDK_PATH and
           NPU_HOST_LIB pointing there, -Werror, and runs the binaries from that build)
The model is models/resnet50.onnx (or a generated tiny classifier), compiled with BUILD/bin/atc;
the inputs are two generated pictures preprocessed by samples/python/resnet50/preprocess.py.
Exit status: 0 pass, 1 fail, 77 skipped (nothing to compare with).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sample_check as sc  # noqa: E402

SKIP = 77
SAMPLE_DIR = os.path.join(sc.ROOT, "samples", "cpp", "resnet50")


def run(cmd, **kwargs):
    print("+ " + " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, text=True, **kwargs)


def build_installed(build, work):
    prefix = os.path.join(work, "prefix")
    run(["cmake", "--install", build, "--prefix", prefix], stdout=subprocess.DEVNULL)
    # Only what an AscendCL app gets from a CANN install: DDK_PATH and NPU_HOST_LIB.
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")}
    env.update(DDK_PATH=prefix, NPU_HOST_LIB=os.path.join(prefix, "runtime", "lib64"))
    out = os.path.join(work, "out")
    run(["cmake", "-S", SAMPLE_DIR, "-B", os.path.join(work, "sample_build"),
         "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Werror", f"-DCMAKE_RUNTIME_OUTPUT_DIRECTORY={out}"],
        env=env, stdout=subprocess.DEVNULL)
    run(["cmake", "--build", os.path.join(work, "sample_build"), "-j2"], env=env)
    env["LD_LIBRARY_PATH"] = env["NPU_HOST_LIB"]
    return [os.path.join(out, "resnet50"), os.path.join(out, "resnet50_mem_async")], env


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--in-tree", action="store_true")
    mode.add_argument("--installed", action="store_true")
    args = parser.parse_args()
    build = os.path.abspath(args.build)
    atc = os.path.join(build, "bin", "atc")
    if not os.path.exists(atc):
        print(f"SKIP: {atc} not built")
        return SKIP
    if not sc.ort_available():
        print("SKIP: onnxruntime-node missing (run scripts/fetch_models.sh)")
        return SKIP

    with tempfile.TemporaryDirectory(prefix="cpp_resnet50_") as work:
        if args.in_tree:
            binaries = [os.path.join(build, "bin", n)
                        for n in ("sample_resnet50", "sample_resnet50_mem_async")]
            missing = [b for b in binaries if not os.path.exists(b)]
            if missing:
                print(f"SKIP: not built in this tree: {missing}")
                return SKIP
            env = dict(os.environ)
        else:
            binaries, env = build_installed(build, work)

        onnx_path = sc.classifier_onnx(work)
        om = sc.compile_om(atc, onnx_path, os.path.join(work, "resnet50"))
        inputs, references = [], []
        for seed in (0, 1):
            path = os.path.join(work, f"input{seed}.bin")
            run([sys.executable, sc.PREPROCESS, "--seed", str(seed), "--out", path],
                stdout=subprocess.DEVNULL)
            inputs.append(path)
            array = np.fromfile(path, dtype=np.float32).reshape(1, 3, 224, 224)
            references.append(sc.run_ort(onnx_path, array, work, tag=f"ref{seed}"))

        failures = 0
        for binary in binaries:
            result = subprocess.run([binary, om] + inputs, env=env, cwd=work, text=True,
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            print(result.stdout)
            blocks = sc.parse_top5(result.stdout)
            name = os.path.basename(binary)
            if result.returncode != 0 or len(blocks) != len(inputs):
                print(f"FAIL {name}: exit {result.returncode}, {len(blocks)} top5 blocks")
                failures += 1
                continue
            for (title, top5), path, ref in zip(blocks, inputs, references):
                problem = sc.top5_mismatch(top5, ref)
                if path not in title:
                    problem = problem or f"results out of order: '{title}' for {path}"
                print(f"{'FAIL' if problem else 'ok'} {name} {os.path.basename(path)}"
                      + (f": {problem}" if problem else ": top-5 matches onnxruntime-node"))
                failures += bool(problem)
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
