#!/usr/bin/python3
"""ImageNet preprocessing for the ResNet-50 samples, and a deterministic test image.

resize (shorter side 256, bilinear) -> center crop 224x224 -> /255 -> (x - mean) / std (RGB)
-> HWC to CHW -> float32 (1, 3, 224, 224), C-contiguous.

CLI (used by the C++ sample, which reads raw float32):
  preprocess.py [--image FILE] [--seed N] --out input.bin [--save-image FILE]
"""
import argparse

import numpy as np
from PIL import Image, ImageDraw

MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def make_test_image(seed=0, width=1024, height=683):
    """A reproducible RGB picture (gradient background + shapes): no download needed."""
    rng = np.random.RandomState(seed)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    base = rng.uniform(40, 200, size=3)
    tilt = rng.uniform(-0.15, 0.15, size=(3, 2))
    channels = [base[c] + tilt[c, 0] * xx + tilt[c, 1] * yy for c in range(3)]
    image = Image.fromarray(np.clip(np.stack(channels, -1), 0, 255).astype(np.uint8), "RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x0, y0 = int(rng.randint(0, width - 60)), int(rng.randint(0, height - 60))
        x1, y1 = x0 + int(rng.randint(40, 300)), y0 + int(rng.randint(40, 300))
        color = tuple(int(v) for v in rng.randint(0, 256, size=3))
        if rng.rand() < 0.5:
            draw.ellipse((x0, y0, x1, y1), fill=color)
        else:
            draw.rectangle((x0, y0, x1, y1), fill=color)
    return image


def preprocess(image, size=224, resize=256):
    """PIL image -> float32 array (1, 3, size, size) ready for the model input buffer."""
    image = image.convert("RGB")
    width, height = image.size
    scale = resize / min(width, height)
    new_w, new_h = max(size, round(width * scale)), max(size, round(height * scale))
    image = image.resize((new_w, new_h), Image.BILINEAR)
    left, top = (new_w - size) // 2, (new_h - size) // 2
    image = image.crop((left, top, left + size, top + size))
    hwc = np.asarray(image, dtype=np.float32) / 255.0
    chw = ((hwc - MEAN) / STD).transpose(2, 0, 1)
    return np.ascontiguousarray(chw[np.newaxis], dtype=np.float32)


def load_image(path=None, seed=0):
    return Image.open(path) if path else make_test_image(seed)


def main():
    parser = argparse.ArgumentParser(description="Write a preprocessed image as raw float32")
    parser.add_argument("--image", help="image file (default: generated test image)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated image")
    parser.add_argument("--out", required=True, help="output .bin (1x3x224x224 float32)")
    parser.add_argument("--save-image", help="also save the source image here")
    args = parser.parse_args()
    image = load_image(args.image, args.seed)
    if args.save_image:
        image.save(args.save_image)
    preprocess(image).tofile(args.out)
    print(f"wrote {args.out} (1x3x224x224 float32)")


if __name__ == "__main__":
    main()
