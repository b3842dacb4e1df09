#!/usr/bin/python3
"""Image classification with AIPP: the model itself converts, crops and normalises raw pixels.

Modes (each needs the model compiled with the matching config in this directory):
  yuv420sp  NV12 256x256 (as a JPEG decoder gives it)      atc ... --insert_op_conf=aipp_yuv420sp.cfg
  rgb888    RGB 224x224 bytes                               atc ... --insert_op_conf=aipp_rgb888.cfg
  dynamic   NV12 256x256, crop and normalisation set per call with acl.mdl.set_input_aipp
                                                            atc ... --insert_op_conf=aipp_dynamic.cfg
e.g.
  build/bin/atc --model=models/resnet50.onnx --framework=5 --output=model/resnet50_nv12 \
      --input_shape="input:1,3,224,224" --soc_version=Ascend310 --insert_op_conf=aipp_yuv420sp.cfg
  classify_aipp.py --model model/resnet50_nv12.om --mode yuv420sp

Without --image a reproducible test picture is used (test_image()). Prints a top-5 block per
inference.
"""
import argparse

import numpy as np

import acl

ACL_SUCCESS = 0
ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
ACL_YUV420SP_U8 = 1
SRC = 256  # source image side (yuv420sp, dynamic)

# The dynamic calls: (title, crop x, crop y, crop w, crop h, min_chn, var_reci_chn).
DYNAMIC_CALLS = [
    ("dynamic: centre crop, ImageNet normalisation", 16, 16, 224, 224,
     (123.675, 116.28, 103.53), (0.0171247538316637, 0.0175070028011204, 0.0174291938997821)),
    ("dynamic: top-left crop, x/255 - 0.5", 0, 0, 224, 224,
     (127.5, 127.5, 127.5), (1 / 255.0, 1 / 255.0, 1 / 255.0)),
]
NV12_TO_RGB = (256, 0, 359, 256, -88, -183, 256, 454, 0)


def check_ret(message, ret):
    if ret != ACL_SUCCESS:
        raise RuntimeError(f"{message} failed ret={ret}: {acl.get_recent_err_msg()}")


def test_image(size):
    """A reproducible RGB uint8 picture (gradients and blocks), size x size."""
    rng = np.random.RandomState(7)
    yy, xx = np.mgrid[0:size, 0:size].astype(np.float32)
    img = np.stack([60 + 0.5 * xx, 40 + 0.6 * yy, 200 - 0.3 * (xx + yy) / 2], -1)
    for _ in range(8):
        x0, y0 = rng.randint(0, size - 40, 2)
        img[y0:y0 + rng.randint(20, 90), x0:x0 + rng.randint(20, 90)] = rng.uniform(0, 255, 3)
    return np.clip(img, 0, 255).astype(np.uint8)


def rgb_to_nv12(rgb):
    """Full-range BT.601 RGB -> NV12 (Y plane, then interleaved U, V at half resolution)."""
    r, g, b = [rgb[..., i].astype(np.float32) for i in range(3)]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    u = -0.168736 * r - 0.331264 * g + 0.5 * b + 128
    v = 0.5 * r - 0.418688 * g - 0.081312 * b + 128
    h, w = y.shape
    sub = lambda p: p.reshape(h // 2, 2, w // 2, 2).mean(axis=(1, 3))  # noqa: E731
    uv = np.stack([sub(u), sub(v)], -1).reshape(h // 2, w)
    planes = np.concatenate([y, uv], 0)
    return np.clip(np.round(planes), 0, 255).astype(np.uint8)


def load_rgb(path, size):
    if not path:
        return test_image(size)
    from PIL import Image
    return np.asarray(Image.open(path).convert("RGB").resize((size, size), Image.BILINEAR))


class AippClassifier:
    def __init__(self, model_path):
        check_ret("acl.init", acl.init())
        check_ret("acl.rt.set_device", acl.rt.set_device(0))
        self.context, ret = acl.rt.create_context(0)
        check_ret("acl.rt.create_context", ret)
        self.model_id, ret = acl.mdl.load_from_file(model_path)
        check_ret(f"acl.mdl.load_from_file({model_path})", ret)
        self.desc = acl.mdl.create_desc()
        check_ret("acl.mdl.get_desc", acl.mdl.get_desc(self.desc, self.model_id))
        self.inputs = self._dataset(acl.mdl.get_num_inputs(self.desc),
                                    acl.mdl.get_input_size_by_index)
        self.outputs = self._dataset(acl.mdl.get_num_outputs(self.desc),
                                     acl.mdl.get_output_size_by_index)
        kind, attached, ret = acl.mdl.get_aipp_type(self.model_id, 0)
        check_ret("acl.mdl.get_aipp_type", ret)
        dims, ret = acl.mdl.get_input_dims_v2(self.desc, 0)
        check_ret("acl.mdl.get_input_dims_v2", ret)
        print(f"[Model] input 0: aipp type {kind}, dims {dims['dims']}, "
              f"{self.inputs[1][0][1]} bytes")

    def _dataset(self, count, size_by_index):
        dataset = acl.mdl.create_dataset()
        buffers = []
        for i in range(count):
            size = size_by_index(self.desc, i)
            ptr, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
            check_ret("acl.rt.malloc", ret)
            _, ret = acl.mdl.add_dataset_buffer(dataset, acl.create_data_buffer(ptr, size))
            check_ret("acl.mdl.add_dataset_buffer", ret)
            buffers.append((ptr, size))
        return dataset, buffers

    def feed(self, pixels):
        ptr, size = self.inputs[1][0]
        pixels = np.ascontiguousarray(pixels, dtype=np.uint8)
        check_ret("acl.rt.memcpy H2D", acl.rt.memcpy(
            ptr, size, acl.util.numpy_to_ptr(pixels), pixels.nbytes, ACL_MEMCPY_HOST_TO_DEVICE))

    def run(self):
        check_ret("acl.mdl.execute",
                  acl.mdl.execute(self.model_id, self.inputs[0], self.outputs[0]))
        ptr, size = self.outputs[1][0]
        scores = np.zeros(size // 4, np.float32)
        check_ret("acl.rt.memcpy D2H", acl.rt.memcpy(
            acl.util.numpy_to_ptr(scores), size, ptr, size, ACL_MEMCPY_DEVICE_TO_HOST))
        return scores

    def set_dynamic(self, crop, mins, var_recis):
        aipp = acl.mdl.create_aipp(1)
        check_ret("acl.mdl.set_aipp_input_format",
                  acl.mdl.set_aipp_input_format(aipp, ACL_YUV420SP_U8))
        check_ret("acl.mdl.set_aipp_src_image_size", acl.mdl.set_aipp_src_image_size(aipp, SRC, SRC))
        check_ret("acl.mdl.set_aipp_csc_params",
                  acl.mdl.set_aipp_csc_params(aipp, 1, *NV12_TO_RGB, 0, 0, 0, 0, 128, 128))
        check_ret("acl.mdl.set_aipp_crop_params", acl.mdl.set_aipp_crop_params(aipp, 1, *crop, 0))
        check_ret("acl.mdl.set_aipp_dtc_pixel_min",
                  acl.mdl.set_aipp_dtc_pixel_min(aipp, *mins, 0.0, 0))
        check_ret("acl.mdl.set_aipp_pixel_var_reci",
                  acl.mdl.set_aipp_pixel_var_reci(aipp, *var_recis, 1.0, 0))
        check_ret("acl.mdl.set_aipp_by_input_index",
                  acl.mdl.set_aipp_by_input_index(self.model_id, self.inputs[0], 0, aipp))
        check_ret("acl.mdl.destroy_aipp", acl.mdl.destroy_aipp(aipp))

    def release(self):
        for dataset, buffers in (self.inputs, self.outputs):
            for i in range(len(buffers)):
                acl.destroy_data_buffer(acl.mdl.get_dataset_buffer(dataset, i))
            acl.mdl.destroy_dataset(dataset)
            for ptr, _ in buffers:
                acl.rt.free(ptr)
        acl.mdl.destroy_desc(self.desc)
        check_ret("acl.mdl.unload", acl.mdl.unload(self.model_id))
        acl.rt.destroy_context(self.context)
        acl.rt.reset_device(0)
        acl.finalize()


def print_top5(title, scores):
    print(f"======== top5 inference results: {title} ========")
    for i in np.argsort(-scores, kind="stable")[:5]:
        print(f"[{i}]: {scores[i]:f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--mode", choices=["yuv420sp", "rgb888", "dynamic"], required=True)
    parser.add_argument("--image", help="picture file (default: a generated test image)")
    args = parser.parse_args()
    net = AippClassifier(args.model)
    try:
        if args.mode == "rgb888":
            net.feed(load_rgb(args.image, 224))
            print_top5("rgb888", net.run())
        elif args.mode == "yuv420sp":
            net.feed(rgb_to_nv12(load_rgb(args.image, SRC)))
            print_top5("yuv420sp", net.run())
        else:
            net.feed(rgb_to_nv12(load_rgb(args.image, SRC)))
            for title, x, y, w, h, mins, var_recis in DYNAMIC_CALLS:
                net.set_dynamic((x, y, w, h), mins, var_recis)
                print_top5(title, net.run())
    finally:
        net.release()


if __name__ == "__main__":
    main()
