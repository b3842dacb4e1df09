"""Input preparation for the PP-OCRv4 detection and recognition models (PaddleOCR conventions).

Both models take BGR float32 NCHW. Detection: ImageNet mean/std after /255. Recognition: a text
line resized to height 48 keeping its aspect ratio, (x/255 - 0.5) / 0.5, zero-padded on the right.
"""
import math

import numpy as np
from PIL import Image

DET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
DET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def to_bgr_array(image):
    """PIL RGB image -> HWC uint8 array in BGR order (what PaddleOCR reads with cv2)."""
    return np.asarray(image.convert("RGB"), dtype=np.uint8)[:, :, ::-1]


def det_input(image, size):
    """Fits `image` into a white size x size canvas (top-left, scaled down only if needed).

    Returns (NCHW float32 array, scale) where detector coordinates = original * scale.
    """
    width, height = image.size
    scale = min(1.0, size / width, size / height)
    if scale < 1.0:
        image = image.resize((max(1, int(width * scale)), max(1, int(height * scale))),
                             Image.BILINEAR)
    canvas = Image.new("RGB", (size, size), "white")
    canvas.paste(image.convert("RGB"), (0, 0))
    bgr = to_bgr_array(canvas).astype(np.float32) / 255.0
    normalized = (bgr - DET_MEAN) / DET_STD
    return np.ascontiguousarray(normalized.transpose(2, 0, 1)[np.newaxis], dtype=np.float32), scale


def rec_input(line_image, height=48, width=320):
    """One cropped text line (PIL) -> (1, 3, height, width) float32, padded with zeros."""
    w, h = line_image.size
    resized_w = min(width, max(1, int(math.ceil(height * w / float(h)))))
    resized = line_image.convert("RGB").resize((resized_w, height), Image.BILINEAR)
    bgr = to_bgr_array(resized).astype(np.float32) / 255.0
    normalized = ((bgr - 0.5) / 0.5).transpose(2, 0, 1)
    padded = np.zeros((3, height, width), dtype=np.float32)
    padded[:, :, :resized_w] = normalized
    return padded[np.newaxis]
