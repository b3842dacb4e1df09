"""The Python samples end to end (samples/python/*), each run as its own process as a user would.

ResNet-50 samples (classify, classify_async, the guide's seed flow): their printed top-5 must be
onnxruntime-node's on the same input. The model is models/resnet50.onnx compiled by our atc, or
a generated tiny classifier with the same I/O when torch export was not available.
OCR sample: must read back exactly the text it rendered. Tests skip with a reason when a model
or onnxruntime-node is missing (scripts/fetch_models.sh provides them).
"""
import importlib.util
import os
import subprocess
import sys

import numpy as np
import pytest

import acl

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "samples"))
import sample_check as sc  # noqa: E402

BUILD = os.path.dirname(os.path.dirname(os.path.abspath(acl.__file__)))
ATC = os.path.join(BUILD, "bin", "atc")
RESNET_DIR = os.path.join(ROOT, "samples", "python", "resnet50")
OCR_DIR = os.path.join(ROOT, "samples", "python", "ocr")
OCR_MODELS = os.path.join(ROOT, "models", "ocr")


def load_module(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_sample(script, *args, cwd=None):
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.abspath(acl.__file__)))
    result = subprocess.run([sys.executable, script, *map(str, args)], cwd=cwd, env=env,
                            text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            timeout=600)
    assert result.returncode == 0, f"{script} failed:\n{result.stdout}"
    return result.stdout


@pytest.fixture(scope="module")
def classifier(tmp_path_factory):
    """(onnx path, compiled .om path, work dir)."""
    if not os.path.exists(ATC):
        pytest.skip(f"{ATC} not built")
    if not sc.ort_available():
        pytest.skip("onnxruntime-node missing: run scripts/fetch_models.sh")
    work = str(tmp_path_factory.mktemp("classifier"))
    onnx_path = sc.classifier_onnx(work)
    return onnx_path, sc.compile_om(ATC, onnx_path, os.path.join(work, "resnet50")), work


@pytest.fixture(scope="module")
def preprocess():
    return load_module(os.path.join(RESNET_DIR, "preprocess.py"), "sample_preprocess")


_ORT_CACHE = {}


def ort_reference(onnx_path, array, work, name):
    key = (onnx_path, array.tobytes())
    if key not in _ORT_CACHE:
        _ORT_CACHE[key] = sc.run_ort(onnx_path, array, work, tag=name)
    return _ORT_CACHE[key]


def assert_top5_blocks(output, references, onnx_path, work):
    blocks = sc.parse_top5(output)
    assert len(blocks) == len(references), output
    for (title, top5), (name, array) in zip(blocks, references):
        ref = ort_reference(onnx_path, array, work, name)
        problem = sc.top5_mismatch(top5, ref)
        assert problem is None, f"{title}: {problem}\n{output}"


def test_classify_matches_onnxruntime(classifier, preprocess):
    onnx_path, om, work = classifier
    out = run_sample(os.path.join(RESNET_DIR, "classify.py"), "--model", om)
    assert "resources released" in out
    image = preprocess.preprocess(preprocess.make_test_image(0))
    assert_top5_blocks(out, [("seed0", image)], onnx_path, work)


def test_classify_with_image_file(classifier, preprocess, tmp_path):
    onnx_path, om, work = classifier
    path = tmp_path / "picture.png"
    preprocess.make_test_image(5, 300, 400).save(path)
    out = run_sample(os.path.join(RESNET_DIR, "classify.py"), "--model", om, path)
    from PIL import Image
    array = preprocess.preprocess(Image.open(path))
    assert array.shape == (1, 3, 224, 224) and array.flags["C_CONTIGUOUS"]
    assert_top5_blocks(out, [("file", array)], onnx_path, work)


def test_classify_async_matches_onnxruntime(classifier, preprocess):
    onnx_path, om, work = classifier
    out = run_sample(os.path.join(RESNET_DIR, "classify_async.py"), "--model", om)
    assert "2 callbacks ran on the report thread" in out
    refs = [(f"seed{s}", preprocess.preprocess(preprocess.make_test_image(s))) for s in (0, 1)]
    assert_top5_blocks(out, refs, onnx_path, work)


def test_seed_flow_runs_as_written(classifier, tmp_path):
    """The guide's code (seed_flow.py) prints onnxruntime-node's top-5 for both images."""
    onnx_path, om, work = classifier
    script = os.path.join(RESNET_DIR, "seed_flow.py")
    out = run_sample(script, "--model", om, cwd=tmp_path)
    seed_flow = load_module(script, "seed_flow")
    refs = [(f"seedflow{i}", seed_flow.transfer_pic(os.path.join(tmp_path, p)))
            for i, p in enumerate(seed_flow.IMAGE_FILES)]
    assert_top5_blocks(out, refs, onnx_path, work)


def test_seed_flow_keeps_the_guide_lines():
    source = open(os.path.join(RESNET_DIR, "seed_flow.py")).read()
    assert "np_ptr," not in source  # the guide's one typo, fixed
    for line in ['if "bytes_to_ptr" in dir(acl.util):',
                 'ret = acl.rt.memcpy(self.input_data[0]["buffer"], '
                 'self.input_data[0]["size"], ptr,',
                 'tuple_st = struct.unpack("1000f", bytearray(inference_result[0]))',
                 'top_k = vals.argsort()[-1:-6:-1]',
                 'ret = acl.mdl.destroy_dataset(self.load_output_dataset)']:
        assert line in source


def test_ocr_sample_reads_back_the_rendered_text(tmp_path):
    for name in ("ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ppocr_keys_v1.txt"):
        if not os.path.exists(os.path.join(OCR_MODELS, name)):
            pytest.skip(f"models/ocr/{name} missing: run scripts/fetch_models.sh")
    if not os.path.exists(ATC):
        pytest.skip(f"{ATC} not built")
    out = run_sample(os.path.join(OCR_DIR, "ocr.py"), "--model-dir", tmp_path, "--atc", ATC,
                     "--text", "Hello ONNX runtime 2024", "openacl 42")
    lines = [line.split("  conf ")[0].strip() for line in out.splitlines() if "  conf " in line]
    assert lines == ["Hello ONNX runtime 2024", "openacl 42"], out
    assert "recognized text matches the rendered text" in out
    assert (tmp_path / "ppocr_det.om").exists() and (tmp_path / "ppocr_rec.om").exists()


@pytest.fixture(scope="module")
def ocr_parts():
    sys.path.insert(0, OCR_DIR)
    return (load_module(os.path.join(OCR_DIR, "db_postprocess.py"), "db_postprocess"),
            load_module(os.path.join(OCR_DIR, "ctc_decode.py"), "ctc_decode"))


def test_db_regions_are_8_connected(ocr_parts):
    db, _ = ocr_parts
    bitmap = np.zeros((8, 10), dtype=bool)
    bitmap[1, 1:4] = True   # region A: a bar ...
    bitmap[2, 4] = True     # ... and a pixel touching it diagonally
    bitmap[5:7, 6:9] = True  # region B
    bitmap[0, 9] = True      # region C: a single pixel
    regions = db.label_regions(bitmap)
    sizes = sorted(int(np.sum(ends - starts)) for _, starts, ends in regions)
    assert sizes == [1, 4, 6]


def test_db_boxes_unclip_and_filter(ocr_parts):
    db, _ = ocr_parts
    prob = np.zeros((40, 100), dtype=np.float32)
    prob[10:20, 10:60] = 0.9   # a text line
    prob[30:32, 80:82] = 0.9   # too small (min side 2 < 3)
    prob[25:29, 20:40] = 0.4   # above the 0.3 threshold, but mean score 0.4 < box_thresh
    boxes = db.boxes_from_map(prob, unclip_ratio=1.5)
    assert len(boxes) == 1
    x0, y0, x1, y1, score = boxes[0]
    grow = 50 * 10 * 1.5 / (2 * 60)  # area * ratio / perimeter = 6.25
    assert (x0, y0, x1, y1) == (round(10 - grow), round(10 - grow), round(60 + grow),
                                round(20 + grow))
    assert score == pytest.approx(0.9)


def test_ctc_greedy_decode(ocr_parts):
    _, ctc = ocr_parts
    charset = ["<blank>", "a", "b", " "]
    steps = [1, 1, 0, 1, 2, 2, 0, 3, 0, 2]  # a a _ a b b _ ' ' _ b -> "aab b"
    probs = np.full((len(steps), 4), 0.01, dtype=np.float32)
    probs[np.arange(len(steps)), steps] = 0.97
    text, confidence = ctc.greedy_decode(probs, charset)
    assert text == "aab b" and confidence == pytest.approx(0.97)
    with pytest.raises(ValueError):
        ctc.greedy_decode(probs[:, :3], charset)
