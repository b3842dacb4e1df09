#!/usr/bin/python3
"""numpy-only image helpers for the ais_bench samples: a reproducible test picture, loading an
image saved as .npy (HWC uint8), bilinear resize, center crop and letterbox."""
import numpy as np


def make_test_image(seed=0, height=480, width=640):
    """A reproducible RGB picture (HWC uint8): a gradient and a few filled rectangles."""
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    base = rng.uniform(40, 200, size=3)
    tilt = rng.uniform(-0.2, 0.2, size=(3, 2))
    image = np.stack([base[c] + tilt[c, 0] * xx + tilt[c, 1] * yy for c in range(3)], -1)
    for _ in range(8):
        y0, x0 = rng.randint(0, height - 40), rng.randint(0, width - 40)
        h, w = rng.randint(30, height // 2), rng.randint(30, width // 2)
        image[y0:y0 + h, x0:x0 + w] = rng.randint(0, 256, size=3)
    return np.clip(image, 0, 255).astype(np.uint8)


def load_image(path):
    """An image stored as a .npy HWC uint8 array (RGB)."""
    image = np.load(path)
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError(f"{path}: expected an HWC uint8 RGB array, got {image.dtype} {image.shape}")
    return image


def resize_bilinear(image, out_h, out_w):
    """HWC image -> float32 (out_h, out_w, C), half-pixel centers (as cv2.INTER_LINEAR)."""
    src = image.astype(np.float32)
    in_h, in_w = src.shape[:2]

    def axis(n_out, n_in):
        pos = np.clip((np.arange(n_out, dtype=np.float32) + 0.5) * n_in / n_out - 0.5, 0, n_in - 1)
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, n_in - 1)
        return lo, hi, (pos - lo).astype(np.float32)

    y0, y1, wy = axis(out_h, in_h)
    x0, x1, wx = axis(out_w, in_w)
    wx = wx[None, :, None]
    top = src[y0][:, x0] * (1 - wx) + src[y0][:, x1] * wx
    bottom = src[y1][:, x0] * (1 - wx) + src[y1][:, x1] * wx
    return top * (1 - wy[:, None, None]) + bottom * wy[:, None, None]


def center_crop(image, size):
    h, w = image.shape[:2]
    top, left = (h - size) // 2, (w - size) // 2
    return image[top:top + size, left:left + size]


def letterbox(image, size, fill=114.0):
    """Resizes keeping the aspect ratio and pads to size x size; returns (image, scale, (pad_y, pad_x))."""
    h, w = image.shape[:2]
    scale = min(size / h, size / w)
    new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
    resized = resize_bilinear(image, new_h, new_w)
    out = np.full((size, size, image.shape[2]), fill, dtype=np.float32)
    pad_y, pad_x = (size - new_h) // 2, (size - new_w) // 2
    out[pad_y:pad_y + new_h, pad_x:pad_x + new_w] = resized
    return out, scale, (pad_y, pad_x)
