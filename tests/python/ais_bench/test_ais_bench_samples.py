"""samples/python/ais_bench: the model-zoo-style classification and detection scripts, run as a
user would (a process with PYTHONPATH=build/python); their printed top-5 and boxes must be what
the same postprocessing gives on onnxruntime-node's outputs for the same preprocessed input."""
import importlib.util
import os
import re
import subprocess
import sys

import numpy as np
import pytest

from conftest import PYTHONPATH, ROOT, atc, run_ort

SAMPLES = os.path.join(ROOT, "samples", "python", "ais_bench")
sys.path.insert(0, os.path.join(ROOT, "tests", "samples"))
import sample_check as sc  # noqa: E402


def load(name):
    spec = importlib.util.spec_from_file_location(f"ais_bench_sample_{name}",
                                                  os.path.join(SAMPLES, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, SAMPLES)
    spec.loader.exec_module(module)
    return module


def run_sample(script, *args):
    env = dict(os.environ, PYTHONPATH=PYTHONPATH)
    p = subprocess.run([sys.executable, os.path.join(SAMPLES, script), *map(str, args)], env=env,
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    return p.stdout


@pytest.fixture(scope="module")
def classifier(tmp_path_factory, models):  # models: skips when atc is not built
    work = str(tmp_path_factory.mktemp("classifier"))
    onnx_path = sc.classifier_onnx(work)
    om, out = atc(onnx_path, os.path.join(work, "classifier"), "--input_shape=input:1,3,224,224")
    assert om, out
    return onnx_path, om, work


@pytest.fixture(scope="module")
def detector(tmp_path_factory, models):
    work = str(tmp_path_factory.mktemp("detector"))
    onnx_path = load("gen_model").make_detector(os.path.join(work, "detector.onnx"))
    om, out = atc(onnx_path, os.path.join(work, "detector"))
    assert om, out
    return onnx_path, om, work


def test_classify_matches_onnxruntime(classifier, tmp_path):
    onnx_path, om, work = classifier
    utils, classify = load("image_utils"), load("classify")
    picture = utils.make_test_image(4, 300, 500)
    np.save(tmp_path / "picture.npy", picture)
    out = run_sample("classify.py", "--model", om, tmp_path / "picture.npy", "--loop", "3")
    blocks = sc.parse_top5(out)
    assert len(blocks) == 1, out
    ref, = run_ort(onnx_path, {"input": classify.preprocess(picture)}, str(tmp_path))
    problem = sc.top5_mismatch(blocks[0][1], ref)
    assert problem is None, f"{problem}\n{out}"
    assert re.search(r"\[Sample\] 3 executes, mean [0-9.]+ ms", out), out


def test_classify_generated_picture(classifier, tmp_path):
    onnx_path, om, work = classifier
    utils, classify = load("image_utils"), load("classify")
    out = run_sample("classify.py", "--model", om)
    ref, = run_ort(onnx_path, {"input": classify.preprocess(utils.make_test_image(0))}, str(tmp_path))
    blocks = sc.parse_top5(out)
    assert blocks and blocks[0][0] == "generated image (seed 0)", out
    assert sc.top5_mismatch(blocks[0][1], ref) is None, out


DETECT_LINE = re.compile(r"^\[Detect\] label (\d+) score ([0-9.]+) box ([-0-9.]+),([-0-9.]+),([-0-9.]+),([-0-9.]+)$")


def test_detect_matches_onnxruntime(detector, tmp_path):
    onnx_path, om, work = detector
    utils, detect = load("image_utils"), load("detect")
    pictures = [utils.make_test_image(s, 240 + 40 * s, 320) for s in (1, 2)]
    paths = []
    for i, p in enumerate(pictures):
        paths.append(tmp_path / f"street{i}.npy")
        np.save(paths[-1], p)
    out = run_sample("detect.py", "--model", om, *paths, "--conf", "0.2")
    printed = []
    for line in out.splitlines():
        if line.startswith("======== detections:"):
            printed.append([])
        m = DETECT_LINE.match(line)
        if m:
            printed[-1].append((int(m.group(1)), float(m.group(2)), tuple(map(float, m.group(3, 4, 5, 6)))))
    assert out.count("======== detections:") == 2, out
    total = 0
    for k, picture in enumerate(pictures):
        data, scale, pad = detect.preprocess(picture, 64)
        pred, = run_ort(onnx_path, {"images": data}, str(tmp_path), tag=f"ort{k}")
        want = detect.postprocess(pred, 64, scale, pad, picture.shape, conf=0.2)
        got = printed[k] if k < len(printed) else []
        assert len(got) == len(want), f"picture {k}: {len(got)} boxes, onnxruntime's {len(want)}\n{out}"
        for (gl, gs, gb), (wl, ws, wb) in zip(got, want):
            assert gl == wl and abs(gs - ws) < 2e-5, (got, want)
            np.testing.assert_allclose(gb, wb, atol=0.02)
        total += len(want)
    assert total > 0, "the detector found nothing: the test would not check the boxes"
