#!/usr/bin/python3
"""Image classification in the style of the Ascend model zoo's ais_bench scripts: numpy
preprocessing, InferSession.infer, top-5 postprocessing.

usage: classify.py --model resnet50.om [--device 0] [IMAGE.npy ...] [--loop N]
IMAGE.npy: an HWC uint8 RGB array; without one a test picture is generated (seed 0).
The model takes float32 (1, 3, 224, 224) (ImageNet normalization) and returns (1, classes).
"""
import argparse
import os
import sys

import numpy as np

from ais_bench.infer.interface import InferSession

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from image_utils import center_crop, load_image, make_test_image, resize_bilinear  # noqa: E402

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def preprocess(image, size=224, resize=256):
    """HWC uint8 -> float32 (1, 3, size, size): shorter side to `resize`, center crop, /255,
    (x - mean) / std, CHW."""
    h, w = image.shape[:2]
    scale = resize / min(h, w)
    resized = resize_bilinear(image, max(size, round(h * scale)), max(size, round(w * scale)))
    crop = center_crop(resized, size) / 255.0
    chw = ((crop - MEAN) / STD).transpose(2, 0, 1)
    return np.ascontiguousarray(chw[np.newaxis], dtype=np.float32)


def postprocess(scores, k=5):
    """[(class, score)] of the k best scores."""
    flat = np.asarray(scores).reshape(-1)
    order = np.argsort(-flat, kind="stable")[:k]
    return [(int(i), float(flat[i])) for i in order]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--device", type=int, default=0)
    parser.add_argument("--loop", type=int, default=1, help="executes per image (timing)")
    parser.add_argument("images", nargs="*")
    args = parser.parse_args()

    session = InferSession(args.device, args.model, loop=args.loop)
    model_input = session.get_inputs()[0]
    print(f"[Model] {args.model}: input {model_input.name} {model_input.shape} "
          f"{model_input.datatype}, output {session.get_outputs()[0].shape}")
    images = [(p, load_image(p)) for p in args.images] or [("generated image (seed 0)", make_test_image(0))]
    for name, image in images:
        scores = session.infer([preprocess(image)])[0]
        print(f"======== top5 inference results: {name} =============")
        for cls, score in postprocess(scores):
            print("[%d]: %f" % (cls, score))
    times = session.summary().exec_time_list
    print(f"[Sample] {len(times)} executes, mean {np.mean(times):.3f} ms")
    session.free_resource()


if __name__ == "__main__":
    main()
