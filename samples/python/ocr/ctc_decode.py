"""Greedy CTC decoding for the PP-OCRv4 recogniser: blank = class 0, then the dictionary lines,
then a space as the last class (6625 classes with ppocr_keys_v1.txt)."""


def load_charset(dict_path):
    with open(dict_path, encoding="utf-8") as f:
        chars = [line.rstrip("\r\n") for line in f]
    return ["<blank>"] + chars + [" "]


def greedy_decode(probs, charset):
    """probs: (T, C) softmax output for one line. Returns (text, mean confidence)."""
    if probs.shape[-1] != len(charset):
        raise ValueError(f"recogniser has {probs.shape[-1]} classes, dictionary gives "
                         f"{len(charset)} (blank + lines + space)")
    best = probs.argmax(axis=-1)
    conf = probs.max(axis=-1)
    keep = best != 0
    keep[1:] &= best[1:] != best[:-1]
    text = "".join(charset[i] for i in best[keep])
    return text, float(conf[keep].mean()) if keep.any() else 0.0
