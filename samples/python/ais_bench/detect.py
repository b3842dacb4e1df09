#!/usr/bin/python3
"""Object detection in the style of the Ascend model zoo's YOLO ais_bench scripts: numpy
letterbox preprocessing, InferSession.infer, box decoding + confidence filter + per-class NMS
in numpy, boxes mapped back to the original picture.

usage: detect.py --model detector.om [--device 0] [IMAGE.npy ...] [--conf 0.3] [--iou 0.45]
IMAGE.npy: an HWC uint8 RGB array; without one a test picture is generated (seed 0).
The model (gen_model.py) takes float32 (1, 3, S, S) and returns (1, cells, 5 + classes) for an
S/stride x S/stride grid: cx, cy offsets in the cell, w, h as fractions of S, objectness, classes.
"""
import argparse
import os
import sys

import numpy as np

from ais_bench.infer.interface import InferSession

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from image_utils import letterbox, load_image, make_test_image  # noqa: E402


def preprocess(image, size):
    """HWC uint8 -> (float32 (1, 3, size, size) in 0..1, scale, (pad_y, pad_x))."""
    boxed, scale, pad = letterbox(image, size)
    chw = (boxed / 255.0).transpose(2, 0, 1)[np.newaxis]
    return np.ascontiguousarray(chw, dtype=np.float32), scale, pad


def nms(boxes, scores, iou_threshold):
    """Indices kept by greedy non-maximum suppression (boxes x0, y0, x1, y1)."""
    order = np.argsort(-scores, kind="stable")
    areas = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    keep = []
    while order.size:
        i = order[0]
        keep.append(int(i))
        rest = order[1:]
        x0 = np.maximum(boxes[i, 0], boxes[rest, 0])
        y0 = np.maximum(boxes[i, 1], boxes[rest, 1])
        x1 = np.minimum(boxes[i, 2], boxes[rest, 2])
        y1 = np.minimum(boxes[i, 3], boxes[rest, 3])
        inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
        iou = inter / (areas[i] + areas[rest] - inter + 1e-9)
        order = rest[iou <= iou_threshold]
    return keep


def postprocess(pred, size, scale, pad, image_shape, conf=0.3, iou=0.45):
    """[(label, score, (x0, y0, x1, y1) in picture pixels)], best first."""
    pred = np.asarray(pred, dtype=np.float32).reshape(-1, pred.shape[-1])
    grid = int(round(np.sqrt(pred.shape[0])))
    stride = size / grid
    gy, gx = np.divmod(np.arange(pred.shape[0]), grid)
    cx, cy = (gx + pred[:, 0]) * stride, (gy + pred[:, 1]) * stride
    w, h = pred[:, 2] * size * 0.5, pred[:, 3] * size * 0.5
    labels = np.argmax(pred[:, 5:], axis=1)
    scores = pred[:, 4] * pred[np.arange(pred.shape[0]), 5 + labels]
    boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=1)
    mask = scores > conf
    boxes, scores, labels = boxes[mask], scores[mask], labels[mask]
    detections = []
    for label in np.unique(labels):
        idx = np.nonzero(labels == label)[0]
        for k in nms(boxes[idx], scores[idx], iou):
            detections.append((int(label), float(scores[idx[k]]), boxes[idx[k]]))
    detections.sort(key=lambda d: -d[1])
    height, width = image_shape[:2]
    out = []
    for label, score, box in detections:
        x0, x1 = ((box[[0, 2]] - pad[1]) / scale).clip(0, width)
        y0, y1 = ((box[[1, 3]] - pad[0]) / scale).clip(0, height)
        out.append((label, score, (float(x0), float(y0), float(x1), float(y1))))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--device", type=int, default=0)
    parser.add_argument("--conf", type=float, default=0.3)
    parser.add_argument("--iou", type=float, default=0.45)
    parser.add_argument("images", nargs="*")
    args = parser.parse_args()

    session = InferSession(args.device, args.model)
    size = session.get_inputs()[0].shape[2]
    images = [(p, load_image(p)) for p in args.images] or [("generated image (seed 0)", make_test_image(0))]
    for name, image in images:
        data, scale, pad = preprocess(image, size)
        pred = session.infer([data])[0]
        found = postprocess(pred, size, scale, pad, image.shape, args.conf, args.iou)
        print(f"======== detections: {name} ({len(found)}) =============")
        for label, score, (x0, y0, x1, y1) in found:
            print(f"[Detect] label {label} score {score:.6f} box {x0:.2f},{y0:.2f},{x1:.2f},{y1:.2f}")
    session.free_resource()


if __name__ == "__main__":
    main()
