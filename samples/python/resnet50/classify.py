#!/usr/bin/python3
"""ResNet-50 image classification with pyACL (synchronous execution).

The call sequence of the pyACL guide "Executing a Model": init -> set_device -> create_context
-> create_stream -> load_from_file -> create_desc/get_desc -> input/output datasets of device
buffers sized from the model desc -> H2D copy -> mdl.execute -> D2H copy -> top-5 -> teardown.

usage: classify.py --model resnet50.om [IMAGE ...]
Compile the model first, e.g.
  build/bin/atc --model=models/resnet50.onnx --framework=5 --output=model/resnet50 \
      --input_shape="input:1,3,224,224" --soc_version=Ascend310
Without an IMAGE a test picture is generated (preprocess.make_test_image, seed 0).
"""
import argparse
import os
import struct
import sys

import numpy as np

import acl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from preprocess import load_image, preprocess  # noqa: E402

ACL_SUCCESS = 0
ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
ACL_MEMCPY_DEVICE_TO_DEVICE = 3
ACL_DEVICE = 0


def check_ret(message, ret):
    if ret != ACL_SUCCESS:
        raise RuntimeError(f"{message} failed ret={ret}: {acl.get_recent_err_msg()}")


class Classify:
    def __init__(self, device_id, model_path):
        self.device_id = device_id
        self.model_path = model_path
        self.context = None
        self.stream = None
        self.model_id = None
        self.model_desc = None
        self.input_dataset = None
        self.output_dataset = None
        self.input_data = []
        self.output_data = []

    def init_resource(self):
        check_ret("acl.init", acl.init())
        check_ret("acl.rt.set_device", acl.rt.set_device(self.device_id))
        self.context, ret = acl.rt.create_context(self.device_id)
        check_ret("acl.rt.create_context", ret)
        self.stream, ret = acl.rt.create_stream()
        check_ret("acl.rt.create_stream", ret)
        run_mode, ret = acl.rt.get_run_mode()
        check_ret("acl.rt.get_run_mode", ret)
        on_device = run_mode == ACL_DEVICE
        self.h2d = ACL_MEMCPY_DEVICE_TO_DEVICE if on_device else ACL_MEMCPY_HOST_TO_DEVICE
        self.d2h = ACL_MEMCPY_DEVICE_TO_DEVICE if on_device else ACL_MEMCPY_DEVICE_TO_HOST

        self.model_id, ret = acl.mdl.load_from_file(self.model_path)
        check_ret(f"acl.mdl.load_from_file({self.model_path})", ret)
        self.model_desc = acl.mdl.create_desc()
        check_ret("acl.mdl.get_desc", acl.mdl.get_desc(self.model_desc, self.model_id))
        self.input_dataset, self.input_data = self._create_dataset(
            acl.mdl.get_num_inputs(self.model_desc), acl.mdl.get_input_size_by_index)
        self.output_dataset, self.output_data = self._create_dataset(
            acl.mdl.get_num_outputs(self.model_desc), acl.mdl.get_output_size_by_index)
        print(f"[Model] {self.model_path}: model_id {self.model_id}, input "
              f"{self.input_data[0]['size']} bytes, output {self.output_data[0]['size']} bytes")

    def _create_dataset(self, count, size_by_index):
        dataset = acl.mdl.create_dataset()
        buffers = []
        for i in range(count):
            buffer_size = size_by_index(self.model_desc, i)
            buffer, ret = acl.rt.malloc(buffer_size, ACL_MEM_MALLOC_HUGE_FIRST)
            check_ret("acl.rt.malloc", ret)
            data = acl.create_data_buffer(buffer, buffer_size)
            _, ret = acl.mdl.add_dataset_buffer(dataset, data)
            check_ret("acl.mdl.add_dataset_buffer", ret)
            buffers.append({"buffer": buffer, "size": buffer_size})
        return dataset, buffers

    def run(self, img):
        """img: float32 (1, 3, 224, 224). Returns the 1000 scores as a numpy array."""
        if "bytes_to_ptr" in dir(acl.util):
            bytes_data = img.tobytes()
            ptr = acl.util.bytes_to_ptr(bytes_data)
        else:
            ptr = acl.util.numpy_to_ptr(img)
        check_ret("acl.rt.memcpy H2D", acl.rt.memcpy(
            self.input_data[0]["buffer"], self.input_data[0]["size"], ptr,
            self.input_data[0]["size"], self.h2d))
        check_ret("acl.mdl.execute",
                  acl.mdl.execute(self.model_id, self.input_dataset, self.output_dataset))
        return self._output_scores()

    def _output_scores(self):
        size = self.output_data[0]["size"]
        buffer_host, ret = acl.rt.malloc_host(size)
        check_ret("acl.rt.malloc_host", ret)
        check_ret("acl.rt.memcpy D2H", acl.rt.memcpy(
            buffer_host, size, self.output_data[0]["buffer"], size, self.d2h))
        bytes_out = acl.util.ptr_to_bytes(buffer_host, size)
        check_ret("acl.rt.free_host", acl.rt.free_host(buffer_host))
        return np.array(struct.unpack("%df" % (size // 4), bytes_out), dtype=np.float32)

    def release_resource(self):
        for dataset, buffers in ((self.input_dataset, self.input_data),
                                 (self.output_dataset, self.output_data)):
            for i in range(acl.mdl.get_dataset_num_buffers(dataset)):
                check_ret("acl.destroy_data_buffer",
                          acl.destroy_data_buffer(acl.mdl.get_dataset_buffer(dataset, i)))
            check_ret("acl.mdl.destroy_dataset", acl.mdl.destroy_dataset(dataset))
            while buffers:
                check_ret("acl.rt.free", acl.rt.free(buffers.pop()["buffer"]))
        check_ret("acl.mdl.unload", acl.mdl.unload(self.model_id))
        check_ret("acl.mdl.destroy_desc", acl.mdl.destroy_desc(self.model_desc))
        check_ret("acl.rt.destroy_stream", acl.rt.destroy_stream(self.stream))
        check_ret("acl.rt.destroy_context", acl.rt.destroy_context(self.context))
        check_ret("acl.rt.reset_device", acl.rt.reset_device(self.device_id))
        check_ret("acl.finalize", acl.finalize())
        print("[Sample] resources released")


def print_top5(name, vals):
    top_k = vals.argsort()[-1:-6:-1]
    print(f"======== top5 inference results: {name} =============")
    for j in top_k:
        print("[%d]: %f" % (j, vals[j]))


def main():
    parser = argparse.ArgumentParser(description="ResNet-50 classification with pyACL")
    parser.add_argument("--model", default=os.path.join(os.path.dirname(__file__), "model",
                                                        "resnet50.om"))
    parser.add_argument("--device", type=int, default=0)
    parser.add_argument("images", nargs="*", help="image files (default: a generated one)")
    args = parser.parse_args()
    if not os.path.exists(args.model):
        sys.exit(f"error: {args.model} not found; compile it with atc (see this file's docstring)")

    sample = Classify(args.device, args.model)
    sample.init_resource()
    try:
        for path in args.images or [None]:
            scores = sample.run(preprocess(load_image(path)))
            print_top5(path or "generated image (seed 0)", scores)
    finally:
        sample.release_resource()


if __name__ == "__main__":
    main()
