#!/usr/bin/python3
"""OCR with two models through pyACL: PP-OCRv4 text detection, then text recognition.

It renders its own test image (black text on white, Pillow + DejaVu Sans), finds the text lines
with the detector (DB post-processing), reads each line with the recogniser (CTC greedy decode)
and checks that it read back exactly what it rendered (exit status 1 if not).

usage: ocr.py [--model-dir DIR] [--atc PATH] [--onnx-dir models/ocr] [--text LINE ...]
              [--image FILE] [--save-image FILE]
The .om files are DIR/ppocr_det.om (input 1x3x640x640) and DIR/ppocr_rec.om (1x3x48x320);
missing ones are compiled from the ONNX models with atc (build/bin/atc by default).
With --image an existing image is read instead and nothing is checked.
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, HERE)

from acl_model import AclModel, AclResource  # noqa: E402
from ctc_decode import greedy_decode, load_charset  # noqa: E402
from db_postprocess import boxes_from_map  # noqa: E402
from ocr_preprocess import det_input, rec_input  # noqa: E402
from text_image import render_lines  # noqa: E402

DEFAULT_TEXT = ["Hello ONNX runtime 2024", "openacl runs AscendCL apps"]
DET_SIZE = 640
REC_HEIGHT, REC_WIDTH = 48, 320
MODELS = {  # om name: (onnx file, atc --input_shape)
    "ppocr_det": ("ch_PP-OCRv4_det_infer.onnx", f"x:1,3,{DET_SIZE},{DET_SIZE}"),
    "ppocr_rec": ("ch_PP-OCRv4_rec_infer.onnx", f"x:1,3,{REC_HEIGHT},{REC_WIDTH}"),
}


class StageTimer:
    def __init__(self):
        self.stages = {}  # name -> [total ms, calls]

    def add(self, name, seconds):
        entry = self.stages.setdefault(name, [0.0, 0])
        entry[0] += seconds * 1000.0
        entry[1] += 1

    def run(self, name, fn, *args):
        start = time.perf_counter()
        result = fn(*args)
        self.add(name, time.perf_counter() - start)
        return result


def ensure_om(model_dir, name, onnx_dir, atc):
    """Returns DIR/name.om, compiling it with atc first if it is missing or older than the onnx."""
    om = os.path.join(model_dir, name + ".om")
    onnx_file, shape = MODELS[name]
    onnx_path = os.path.join(onnx_dir, onnx_file)
    if os.path.exists(om) and (not os.path.exists(onnx_path)
                               or os.path.getmtime(om) >= os.path.getmtime(onnx_path)):
        return om
    if not os.path.exists(onnx_path):
        sys.exit(f"error: {om} is missing and so is {onnx_path} (run scripts/fetch_models.sh)")
    os.makedirs(model_dir, exist_ok=True)
    print(f"compiling {onnx_file} -> {om}")
    subprocess.run([atc, f"--model={onnx_path}", "--framework=5",
                    f"--output={os.path.join(model_dir, name)}", f"--input_shape={shape}",
                    "--soc_version=Ascend310"], check=True, stdout=subprocess.DEVNULL)
    return om


def detect_lines(det_model, image, timer):
    x, scale = timer.run("det preprocess", det_input, image, DET_SIZE)
    prob = timer.run("det execute", det_model.execute, x)[0]
    boxes = timer.run("det postprocess", boxes_from_map, prob[0, 0])
    width, height = image.size
    return [(max(0, int(x0 / scale)), max(0, int(y0 / scale)),
             min(width, int(np.ceil(x1 / scale))), min(height, int(np.ceil(y1 / scale))))
            for x0, y0, x1, y1, _ in boxes]


def recognize(rec_model, image, boxes, charset, timer):
    results = []
    for box in boxes:
        x = timer.run("rec preprocess", rec_input, image.crop(box), REC_HEIGHT, REC_WIDTH)
        probs = timer.run("rec execute", rec_model.execute, x)[0]
        results.append(timer.run("ctc decode", greedy_decode, probs[0], charset))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model-dir", default=os.path.join(HERE, "model"))
    parser.add_argument("--onnx-dir", default=os.path.join(ROOT, "models", "ocr"))
    parser.add_argument("--atc", default=os.path.join(ROOT, "build", "bin", "atc"))
    parser.add_argument("--dict", default=None, help="default: <onnx-dir>/ppocr_keys_v1.txt")
    parser.add_argument("--text", nargs="+", default=DEFAULT_TEXT, help="lines to render")
    parser.add_argument("--image", help="read this image instead of rendering one (no check)")
    parser.add_argument("--save-image", help="write the rendered image here")
    args = parser.parse_args()

    from PIL import Image
    timer = StageTimer()
    charset = load_charset(args.dict or os.path.join(args.onnx_dir, "ppocr_keys_v1.txt"))
    det_om = ensure_om(args.model_dir, "ppocr_det", args.onnx_dir, args.atc)
    rec_om = ensure_om(args.model_dir, "ppocr_rec", args.onnx_dir, args.atc)
    if args.image:
        image = Image.open(args.image).convert("RGB")
    else:
        image = timer.run("render", render_lines, args.text)
        if args.save_image:
            image.save(args.save_image)
    print(f"image: {image.size[0]}x{image.size[1]}"
          + ("" if args.image else f", {len(args.text)} rendered lines"))

    resource = timer.run("acl init", AclResource, 0)
    det_model = timer.run("load det", AclModel, resource, det_om)
    rec_model = timer.run("load rec", AclModel, resource, rec_om)
    try:
        boxes = detect_lines(det_model, image, timer)
        lines = recognize(rec_model, image, boxes, charset, timer)
    finally:
        rec_model.release()
        det_model.release()
        resource.release()

    print(f"recognized {len(lines)} line(s):")
    for (text, confidence), box in zip(lines, boxes):
        print(f"  {text!s:<40} conf {confidence:.3f}  box {box}")
    print("time per stage (ms):")
    for name, (ms, calls) in timer.stages.items():
        print(f"  {name:<16} {ms:8.1f}" + (f"  ({calls} calls, {ms / calls:.1f} each)"
                                           if calls > 1 else ""))
    if args.image:
        return 0
    got = [text for text, _ in lines]
    if got != list(args.text):
        print(f"MISMATCH: expected {list(args.text)!r}, recognized {got!r}")
        return 1
    print("recognized text matches the rendered text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
