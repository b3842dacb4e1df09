#!/usr/bin/python3
"""Bench rows for issue 16: JPEG decode + resize to 224x224 of a 1920x1080 and a 1024x683 JPEG,
openacl DVPP (acl.media: JPEGD -> NV12, VPC bilinear resize, results synchronised) vs OpenCV
(cv2.imdecode + cv2.resize INTER_LINEAR) vs PIL (Image.open + resize BILINEAR), one thread each
(cv2.setNumThreads(1); DVPP runs on one stream worker). Prints a markdown table of the median ms.
usage: PYTHONPATH=build/python dvpp_decode_resize.py [--rounds N]"""
import argparse
import io
import statistics
import time

import cv2
import numpy as np
from PIL import Image

import acl

OK = 0


def make_jpeg(w, h):
    rng = np.random.default_rng(0)
    x = np.linspace(0, 255, w, dtype=np.float32)[None, :]
    y = np.linspace(0, 255, h, dtype=np.float32)[:, None]
    img = np.stack([np.broadcast_to(x, (h, w)), np.broadcast_to(y, (h, w)),
                    np.broadcast_to((x + y) / 2, (h, w))], axis=2) + rng.normal(0, 8, (h, w, 3))
    return cv2.imencode(".jpg", np.clip(img, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90])[1].tobytes()


def align(v, a):
    return (v + a - 1) // a * a


class Dvpp:
    def __init__(self):
        assert acl.init() == OK and acl.rt.set_device(0) == OK
        self.stream, _ = acl.rt.create_stream()
        self.ch = acl.media.dvpp_create_channel_desc()
        assert acl.media.dvpp_create_channel(self.ch) == OK
        self.cfg = acl.media.dvpp_create_resize_config()
        acl.media.dvpp_set_resize_config_interpolation(self.cfg, 1)

    def prepare(self, jpeg):
        w, h, _, _ = acl.media.dvpp_jpeg_get_image_info(acl.util.bytes_to_ptr(jpeg), len(jpeg))
        self.n = len(jpeg)
        self.src, _ = acl.media.dvpp_malloc(self.n)
        acl.rt.memcpy(self.src, self.n, acl.util.bytes_to_ptr(jpeg), self.n, 1)
        size = align(w, 128) * align(h, 16) * 3 // 2
        self.dec, _ = acl.media.dvpp_malloc(size)
        self.dec_desc = acl.media.dvpp_create_pic_desc()
        for fn, v in ((acl.media.dvpp_set_pic_desc_data, self.dec), (acl.media.dvpp_set_pic_desc_size, size),
                      (acl.media.dvpp_set_pic_desc_format, 1)):
            fn(self.dec_desc, v)
        out_size = 224 * 224 * 3 // 2
        self.out, _ = acl.media.dvpp_malloc(out_size)
        self.out_desc = acl.media.dvpp_create_pic_desc()
        for fn, v in ((acl.media.dvpp_set_pic_desc_data, self.out), (acl.media.dvpp_set_pic_desc_size, out_size),
                      (acl.media.dvpp_set_pic_desc_format, 1), (acl.media.dvpp_set_pic_desc_width, 224),
                      (acl.media.dvpp_set_pic_desc_height, 224), (acl.media.dvpp_set_pic_desc_width_stride, 224),
                      (acl.media.dvpp_set_pic_desc_height_stride, 224)):
            fn(self.out_desc, v)

    def run(self):
        assert acl.media.dvpp_jpeg_decode_async(self.ch, self.src, self.n, self.dec_desc, self.stream) == OK
        assert acl.rt.synchronize_stream(self.stream) == OK  # resize needs the written-back geometry
        assert acl.media.dvpp_vpc_resize_async(self.ch, self.dec_desc, self.out_desc, self.cfg, self.stream) == OK
        assert acl.rt.synchronize_stream(self.stream) == OK

    def release(self):
        for d in (self.dec_desc, self.out_desc):
            acl.media.dvpp_destroy_pic_desc(d)
        for p in (self.src, self.dec, self.out):
            acl.media.dvpp_free(p)


def median_ms(fn, rounds):
    fn()
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=30)
    args = ap.parse_args()
    cv2.setNumThreads(1)
    dvpp = Dvpp()
    print("| JPEG decode + resize 224x224 (1 thread) | openacl DVPP ms | OpenCV ms | PIL ms | DVPP/OpenCV | DVPP/PIL |")
    print("|---|---|---|---|---|---|")
    for w, h in ((1920, 1080), (1024, 683)):
        jpeg = make_jpeg(w, h)
        arr = np.frombuffer(jpeg, np.uint8)
        dvpp.prepare(jpeg)
        t_dvpp = median_ms(dvpp.run, args.rounds)
        dvpp.release()
        t_cv = median_ms(lambda: cv2.resize(cv2.imdecode(arr, cv2.IMREAD_COLOR), (224, 224),
                                            interpolation=cv2.INTER_LINEAR), args.rounds)
        t_pil = median_ms(lambda: Image.open(io.BytesIO(jpeg)).convert("RGB").resize((224, 224), Image.BILINEAR),
                          args.rounds)
        print(f"| {w}x{h} | {t_dvpp:.2f} | {t_cv:.2f} | {t_pil:.2f} | {t_dvpp / t_cv:.2f}x | {t_dvpp / t_pil:.2f}x |")


if __name__ == "__main__":
    main()
