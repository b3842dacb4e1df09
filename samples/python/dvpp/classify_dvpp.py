#!/usr/bin/python3
"""Image classification the acllite way: DVPP decodes the JPEG on the device (JPEGD -> NV12),
VPC resizes it to the model's 256x256 NV12 input, and a model compiled with static AIPP
(YUV420SP_U8 -> centre crop 224 -> RGB -> ImageNet normalisation) classifies the VPC output
buffer directly (no host-side pixel work at all).

  build/bin/atc --model=models/resnet50.onnx --framework=5 --output=model/resnet50_nv12 \
      --input_shape="input:1,3,224,224" --soc_version=Ascend310 \
      --insert_op_conf=samples/python/aipp/aipp_yuv420sp.cfg
  classify_dvpp.py --model model/resnet50_nv12.om --image picture.jpg

Prints the top-5 classes (index, probability). Without --image a test JPEG is written with
OpenCV (a smooth synthetic picture).
"""
import argparse

import numpy as np

import acl

ACL_SUCCESS = 0
ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
PIXEL_FORMAT_YUV_SEMIPLANAR_420 = 1  # what acllite's constants.py defines
MODEL_W, MODEL_H = 256, 256          # the AIPP source size of aipp_yuv420sp.cfg


def check_ret(message, ret):
    if ret != ACL_SUCCESS:
        raise RuntimeError(f"{message} failed ret={ret}: {acl.get_recent_err_msg()}")


def align_up(v, a):
    return (v + a - 1) // a * a


class DvppClassifier:
    def __init__(self, model_path):
        check_ret("acl.init", acl.init())
        check_ret("set_device", acl.rt.set_device(0))
        self.context, ret = acl.rt.create_context(0)
        check_ret("create_context", ret)
        self.stream, ret = acl.rt.create_stream()
        check_ret("create_stream", ret)
        self.channel = acl.media.dvpp_create_channel_desc()
        check_ret("dvpp_create_channel", acl.media.dvpp_create_channel(self.channel))
        self.resize_config = acl.media.dvpp_create_resize_config()
        self.model_id, ret = acl.mdl.load_from_file(model_path)
        check_ret("load_from_file", ret)
        self.model_desc = acl.mdl.create_desc()
        check_ret("get_desc", acl.mdl.get_desc(self.model_desc, self.model_id))
        self.out_size = acl.mdl.get_output_size_by_index(self.model_desc, 0)
        self.out_ptr, ret = acl.rt.malloc(self.out_size, ACL_MEM_MALLOC_HUGE_FIRST)
        check_ret("malloc output", ret)

    def decode(self, jpeg):
        """JPEGD: host bytes -> DVPP memory -> NV12 picture (acllite JpegDHelper style)."""
        host_ptr = acl.util.bytes_to_ptr(jpeg)
        width, height, _, ret = acl.media.dvpp_jpeg_get_image_info(host_ptr, len(jpeg))
        check_ret("dvpp_jpeg_get_image_info", ret)
        src, ret = acl.media.dvpp_malloc(len(jpeg))
        check_ret("dvpp_malloc", ret)
        check_ret("memcpy", acl.rt.memcpy(src, len(jpeg), host_ptr, len(jpeg), ACL_MEMCPY_HOST_TO_DEVICE))
        stride_w, stride_h = align_up(width, 128), align_up(height, 16)
        size = stride_w * stride_h * 3 // 2
        out, ret = acl.media.dvpp_malloc(size)
        check_ret("dvpp_malloc", ret)
        desc = acl.media.dvpp_create_pic_desc()
        acl.media.dvpp_set_pic_desc_data(desc, out)
        acl.media.dvpp_set_pic_desc_format(desc, PIXEL_FORMAT_YUV_SEMIPLANAR_420)
        acl.media.dvpp_set_pic_desc_width(desc, width)
        acl.media.dvpp_set_pic_desc_height(desc, height)
        acl.media.dvpp_set_pic_desc_width_stride(desc, stride_w)
        acl.media.dvpp_set_pic_desc_height_stride(desc, stride_h)
        acl.media.dvpp_set_pic_desc_size(desc, size)
        check_ret("dvpp_jpeg_decode_async",
                  acl.media.dvpp_jpeg_decode_async(self.channel, src, len(jpeg), desc, self.stream))
        check_ret("synchronize_stream", acl.rt.synchronize_stream(self.stream))
        acl.media.dvpp_free(src)
        return desc, out

    def resize(self, in_desc):
        """VPC: decoded picture -> MODEL_W x MODEL_H NV12 (the model's input buffer)."""
        stride_w, stride_h = align_up(MODEL_W, 16), align_up(MODEL_H, 2)
        size = stride_w * stride_h * 3 // 2
        out, ret = acl.media.dvpp_malloc(size)
        check_ret("dvpp_malloc", ret)
        desc = acl.media.dvpp_create_pic_desc()
        acl.media.dvpp_set_pic_desc_data(desc, out)
        acl.media.dvpp_set_pic_desc_format(desc, PIXEL_FORMAT_YUV_SEMIPLANAR_420)
        acl.media.dvpp_set_pic_desc_width(desc, MODEL_W)
        acl.media.dvpp_set_pic_desc_height(desc, MODEL_H)
        acl.media.dvpp_set_pic_desc_width_stride(desc, stride_w)
        acl.media.dvpp_set_pic_desc_height_stride(desc, stride_h)
        acl.media.dvpp_set_pic_desc_size(desc, size)
        check_ret("dvpp_vpc_resize_async", acl.media.dvpp_vpc_resize_async(
            self.channel, in_desc, desc, self.resize_config, self.stream))
        check_ret("synchronize_stream", acl.rt.synchronize_stream(self.stream))
        return desc, out, size

    def infer(self, data_ptr, size):
        inputs = acl.mdl.create_dataset()
        in_buf = acl.create_data_buffer(data_ptr, size)
        acl.mdl.add_dataset_buffer(inputs, in_buf)
        outputs = acl.mdl.create_dataset()
        out_buf = acl.create_data_buffer(self.out_ptr, self.out_size)
        acl.mdl.add_dataset_buffer(outputs, out_buf)
        check_ret("execute", acl.mdl.execute(self.model_id, inputs, outputs))
        host = bytes(self.out_size)
        check_ret("memcpy", acl.rt.memcpy(acl.util.bytes_to_ptr(host), self.out_size, self.out_ptr,
                                          self.out_size, ACL_MEMCPY_DEVICE_TO_HOST))
        for ds, buf in ((inputs, in_buf), (outputs, out_buf)):
            acl.destroy_data_buffer(buf)
            acl.mdl.destroy_dataset(ds)
        return np.frombuffer(host, np.float32)

    def classify(self, jpeg):
        dec_desc, dec_ptr = self.decode(jpeg)
        vpc_desc, vpc_ptr, vpc_size = self.resize(dec_desc)
        logits = self.infer(vpc_ptr, vpc_size)
        for desc, ptr in ((dec_desc, dec_ptr), (vpc_desc, vpc_ptr)):
            acl.media.dvpp_destroy_pic_desc(desc)
            acl.media.dvpp_free(ptr)
        e = np.exp(logits - logits.max())
        prob = e / e.sum()
        top = np.argsort(-prob)[:5]
        return [(int(i), float(prob[i])) for i in top]

    def release(self):
        acl.rt.free(self.out_ptr)
        acl.mdl.destroy_desc(self.model_desc)
        acl.mdl.unload(self.model_id)
        acl.media.dvpp_destroy_resize_config(self.resize_config)
        acl.media.dvpp_destroy_channel(self.channel)
        acl.media.dvpp_destroy_channel_desc(self.channel)
        acl.rt.destroy_stream(self.stream)
        acl.rt.destroy_context(self.context)
        acl.rt.reset_device(0)
        acl.finalize()


def test_jpeg():
    import cv2
    x = np.linspace(0, 255, 500, dtype=np.float32)[None, :]
    y = np.linspace(0, 255, 375, dtype=np.float32)[:, None]
    img = np.stack([np.broadcast_to(x, (375, 500)), np.broadcast_to(y, (375, 500)),
                    np.broadcast_to((x + y) / 2, (375, 500))], axis=2).astype(np.uint8)
    return cv2.imencode(".jpg", img)[1].tobytes()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", required=True)
    ap.add_argument("--image")
    args = ap.parse_args()
    jpeg = open(args.image, "rb").read() if args.image else test_jpeg()
    clf = DvppClassifier(args.model)
    try:
        print("======== top5 (index, probability) ========")
        for idx, p in clf.classify(jpeg):
            print(f"{idx}: {p:.6f}")
    finally:
        clf.release()


if __name__ == "__main__":
    main()
