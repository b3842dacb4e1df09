#!/usr/bin/python3
"""The pyACL guide's "Executing a Model" code put together into one runnable script.

The four snippets of the guide (preparing the input/output data structures, executing the model,
processing the result in memory, destroying the input/output resources) are pasted below
UNCHANGED, apart from the guide's typo `np_ptr` (the variable it creates is `ptr`). Everything
marked [glue] is ours: the class around the snippets, the resource setup/teardown the guide
describes in other sections (init, device, context, stream, model load), transfer_pic (which the
guide leaves to "the sample"), one call per image to the result-processing snippet, and main.

usage: seed_flow.py --model resnet50.om     (run from any directory: it creates
       ./data/dog1_1024_683.jpg and ./data/dog2_1024_683.jpg, synthetic pictures, if missing)
"""
import argparse
import os
import struct
import sys

import numpy as np
from PIL import Image

import acl

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from preprocess import make_test_image, preprocess  # noqa: E402  [glue]

# [glue] the guide's snippets set these as locals of one snippet and use them in another
ACL_MEMCPY_DEVICE_TO_HOST = 2
IMAGE_FILES = ["./data/dog1_1024_683.jpg", "./data/dog2_1024_683.jpg"]  # [glue] the guide's list


def transfer_pic(image):  # [glue] read + resize/crop + normalise, float32 NCHW, contiguous
    with Image.open(image) as picture:
        return preprocess(picture)


def make_data():  # [glue] the guide's images are not shipped: generate stand-ins once
    for seed, path in enumerate(IMAGE_FILES):
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            make_test_image(seed).save(path, quality=95)


class SeedFlow:  # [glue]
    def __init__(self, model_path, device_id=0):  # [glue] "Loading a Model" & co.
        self.device_id = device_id
        assert acl.init() == 0, acl.get_recent_err_msg()
        assert acl.rt.set_device(device_id) == 0, acl.get_recent_err_msg()
        self.context, ret = acl.rt.create_context(device_id)
        assert ret == 0, acl.get_recent_err_msg()
        self.stream, ret = acl.rt.create_stream()
        assert ret == 0, acl.get_recent_err_msg()
        self.model_id, ret = acl.mdl.load_from_file(model_path)
        assert ret == 0, acl.get_recent_err_msg()

    def prepare_io(self):
        # Initialize variables.
        ACL_MEM_MALLOC_HUGE_FIRST = 0

        # 1. Obtain the model description based on the model ID.
        # self.model_desc is of type aclmdlDesc.
        self.model_desc = acl.mdl.create_desc()
        ret = acl.mdl.get_desc(self.model_desc, self.model_id)

        # 2. Prepare the input dataset for model inference.
        # Create data of the aclmdlDataset type to describe the input for model inference.
        self.load_input_dataset = acl.mdl.create_dataset()
        # Obtain the number of model inputs.
        input_size = acl.mdl.get_num_inputs(self.model_desc)
        self.input_data = []
        # Allocate buffer for each input and add each input to the data of type aclmdlDataset with a for loop.
        for i in range(input_size):
            buffer_size = acl.mdl.get_input_size_by_index(self.model_desc, i)
            # Allocate input buffer.
            buffer, ret = acl.rt.malloc(buffer_size, ACL_MEM_MALLOC_HUGE_FIRST)
            data = acl.create_data_buffer(buffer, buffer_size)
            _, ret = acl.mdl.add_dataset_buffer(self.load_input_dataset, data)
            self.input_data.append({"buffer": buffer, "size": buffer_size})

        # 3. Prepare the output dataset for model inference.
        # Create data of the aclmdlDataset type to describe the output for model inference.
        self.load_output_dataset = acl.mdl.create_dataset()
        # Obtain the number of model outputs.
        output_size = acl.mdl.get_num_outputs(self.model_desc)
        self.output_data = []
        # Allocate buffer for each output and add each output to the data of type aclmdlDataset with a for loop.
        for i in range(output_size):
            buffer_size = acl.mdl.get_output_size_by_index(self.model_desc, i)
            # Allocate output buffer.
            buffer, ret = acl.rt.malloc(buffer_size, ACL_MEM_MALLOC_HUGE_FIRST)
            data = acl.create_data_buffer(buffer, buffer_size)
            _, ret = acl.mdl.add_dataset_buffer(self.load_output_dataset, data)
            self.output_data.append({"buffer": buffer, "size": buffer_size})

        # ......

    def execute(self):
        ACL_MEMCPY_HOST_TO_DEVICE = 1
        ACL_MEMCPY_DEVICE_TO_HOST = 2
        NPY_BYTE = 1
        images_list = ["./data/dog1_1024_683.jpg", "./data/dog2_1024_683.jpg"]

        for image in images_list:
            # 1. Use the custom function transfer_pic to read the image file using the Python library and perform operations such as resizing and cropping on the image.
            # For details about the implementation of the transfer_pic function, see source code in the sample.
            img = transfer_pic(image)

            # 2. Prepare input data for model inference. The default run mode is ACL_HOST. The model in the current instance code has only one input.
            if "bytes_to_ptr" in dir(acl.util):
                bytes_data = img.tobytes()
                ptr = acl.util.bytes_to_ptr(bytes_data)
            else:
                ptr = acl.util.numpy_to_ptr(img)
            # Transfer image data from the host to the device.
            ret = acl.rt.memcpy(self.input_data[0]["buffer"], self.input_data[0]["size"], ptr,
                                 self.input_data[0]["size"], ACL_MEMCPY_HOST_TO_DEVICE)

            # 3. Run model inference.
            # self.model_id indicates the model ID. After a model is successfully loaded, its model ID is returned.
            ret = acl.mdl.execute(self.model_id, self.load_input_dataset, self.load_output_dataset)
            self.process_result()  # [glue] the guide's result-processing code, per image

        # ......

    def process_result(self):
        # Process the model inference output and print the class indexes corresponding to the top 5 confidence values.
        inference_result = []
        for i, item in enumerate(self.output_data):
            buffer_host, ret = acl.rt.malloc_host(self.output_data[i]["size"])
            # Transfer the inference output data from the device to the host.
            ret = acl.rt.memcpy(buffer_host, self.output_data[i]["size"], self.output_data[i]["buffer"],
                                 self.output_data[i]["size"], ACL_MEMCPY_DEVICE_TO_HOST)

            bytes_out = acl.util.ptr_to_bytes(buffer_host, self.output_data[i]["size"])
            data = np.frombuffer(bytes_out, dtype=np.byte)

            inference_result.append(data)
            tuple_st = struct.unpack("1000f", bytearray(inference_result[0]))
            vals = np.array(tuple_st).flatten()
            top_k = vals.argsort()[-1:-6:-1]
            print("======== top5 inference results: =============")
            for j in top_k:
                print("[%d]: %f" % (j, vals[j]))

        # ......

    def destroy_io(self):
        # Destroy input and output resources for model inference.
        # Destroy the input data structure and free input buffer.
        while self.input_data:
            item = self.input_data.pop()
            ret = acl.rt.free(item["buffer"])
        input_number = acl.mdl.get_dataset_num_buffers(self.load_input_dataset)
        for i in range(input_number):
            data_buf = acl.mdl.get_dataset_buffer(self.load_input_dataset, i)
            if data_buf:
                ret = acl.destroy_data_buffer(data_buf)
        ret = acl.mdl.destroy_dataset(self.load_input_dataset)

        # Destroy the output data structure and free output buffer.
        while self.output_data:
            item = self.output_data.pop()
            ret = acl.rt.free(item["buffer"])
        output_number = acl.mdl.get_dataset_num_buffers(self.load_output_dataset)
        for i in range(output_number):
            data_buf = acl.mdl.get_dataset_buffer(self.load_output_dataset, i)
            if data_buf:
                ret = acl.destroy_data_buffer(data_buf)
        ret = acl.mdl.destroy_dataset(self.load_output_dataset)

    def release(self):  # [glue] unload and release what __init__ set up
        assert acl.mdl.unload(self.model_id) == 0
        assert acl.mdl.destroy_desc(self.model_desc) == 0
        assert acl.rt.destroy_stream(self.stream) == 0
        assert acl.rt.destroy_context(self.context) == 0
        assert acl.rt.reset_device(self.device_id) == 0
        assert acl.finalize() == 0


def main():  # [glue]
    parser = argparse.ArgumentParser(description="The pyACL guide's model-execution code")
    parser.add_argument("--model", required=True, help="resnet50.om (1x3x224x224 -> 1000)")
    args = parser.parse_args()
    make_data()
    sample = SeedFlow(args.model)
    sample.prepare_io()
    sample.execute()
    sample.destroy_io()
    sample.release()


if __name__ == "__main__":
    main()
