#!/usr/bin/python3
"""Single-operator sample (pyACL): the guide's "Processing the Inference Result Using
Single-Operators" flow, plus an Add example.

1. Execute a classifier model (tiny_classifier.om: [1,3,16,16] -> [1,1000] float32).
2. acl.op.cast the device output to float16, acl.op.execute_v2 ArgMaxD (dimension 1) on it,
   copy the int32 class index to the host and print it. It must equal the top-1 of the float32
   output computed on the host.
3. acl.op.execute_v2 Add on two int32 [8,16] tensors, checked against numpy.

The op models come from `atc --singleop=op_list.json --output=op_models` (see README.md).

usage: single_op.py [--model model/tiny_classifier.om] [--op_models op_models]
"""
import argparse
import sys

import numpy as np

import acl

ACL_SUCCESS = 0
ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
ACL_FLOAT = 0
ACL_FLOAT16 = 1
ACL_INT32 = 3
ACL_FORMAT_ND = 2
NUM_CLASSES = 1000
INPUT_SHAPE = (1, 3, 16, 16)


def check(ret, what):
    if ret != ACL_SUCCESS:
        raise RuntimeError("%s failed: %d %s" % (what, ret, acl.get_recent_err_msg()))


def to_device(array):
    array = np.ascontiguousarray(array)
    ptr, ret = acl.rt.malloc(array.nbytes, ACL_MEM_MALLOC_HUGE_FIRST)
    check(ret, "acl.rt.malloc")
    check(acl.rt.memcpy(ptr, array.nbytes, acl.util.numpy_to_ptr(array), array.nbytes,
                        ACL_MEMCPY_HOST_TO_DEVICE), "acl.rt.memcpy H2D")
    return ptr


def to_host(ptr, size, dtype):
    host = np.zeros(size // np.dtype(dtype).itemsize, dtype=dtype)
    check(acl.rt.memcpy(acl.util.numpy_to_ptr(host), size, ptr, size, ACL_MEMCPY_DEVICE_TO_HOST),
          "acl.rt.memcpy D2H")
    return host


class SingleOpSample:
    def __init__(self, model_path, op_models, device_id=0):
        self.device_id = device_id
        check(acl.init(), "acl.init")
        check(acl.rt.set_device(device_id), "acl.rt.set_device")
        self.context, ret = acl.rt.create_context(device_id)
        check(ret, "acl.rt.create_context")
        self.stream, ret = acl.rt.create_stream()
        check(ret, "acl.rt.create_stream")
        # Load every single-op model of the folder (once per process).
        check(acl.op.set_model_dir(op_models), "acl.op.set_model_dir")
        self.model_id, ret = acl.mdl.load_from_file(model_path)
        check(ret, "acl.mdl.load_from_file")
        self.model_desc = acl.mdl.create_desc()
        check(acl.mdl.get_desc(self.model_desc, self.model_id), "acl.mdl.get_desc")

    def run_model(self, image):
        """Executes the model; returns (device output pointer, its size)."""
        self.input_ptr = to_device(image.astype(np.float32))
        in_size = acl.mdl.get_input_size_by_index(self.model_desc, 0)
        out_size = acl.mdl.get_output_size_by_index(self.model_desc, 0)
        self.output_ptr, ret = acl.rt.malloc(out_size, ACL_MEM_MALLOC_HUGE_FIRST)
        check(ret, "acl.rt.malloc")
        self.in_ds, self.out_ds = acl.mdl.create_dataset(), acl.mdl.create_dataset()
        self.in_buf = acl.create_data_buffer(self.input_ptr, in_size)
        self.out_buf = acl.create_data_buffer(self.output_ptr, out_size)
        _, ret = acl.mdl.add_dataset_buffer(self.in_ds, self.in_buf)
        check(ret, "acl.mdl.add_dataset_buffer")
        _, ret = acl.mdl.add_dataset_buffer(self.out_ds, self.out_buf)
        check(ret, "acl.mdl.add_dataset_buffer")
        check(acl.mdl.execute(self.model_id, self.in_ds, self.out_ds), "acl.mdl.execute")
        return self.output_ptr, out_size

    def top1_with_single_ops(self):
        """Cast (float32 -> float16) then ArgMaxD on the model's device output."""
        # Cast: built into the API, needs a loaded Cast op model matching the descs.
        cast_in_desc = acl.create_tensor_desc(ACL_FLOAT, [1, NUM_CLASSES], ACL_FORMAT_ND)
        cast_out_desc = acl.create_tensor_desc(ACL_FLOAT16, [1, NUM_CLASSES], ACL_FORMAT_ND)
        cast_size = acl.get_tensor_desc_size(cast_out_desc)
        dev_cast, ret = acl.rt.malloc(cast_size, ACL_MEM_MALLOC_HUGE_FIRST)
        check(ret, "acl.rt.malloc")
        cast_out_buf = acl.create_data_buffer(dev_cast, cast_size)
        check(acl.op.cast(cast_in_desc, self.out_buf, cast_out_desc, cast_out_buf, 0, self.stream),
              "acl.op.cast")

        # ArgMaxD: not wrapped by the API; descs + attr + execute_v2.
        argmax_in_desc = acl.create_tensor_desc(ACL_FLOAT16, [1, NUM_CLASSES], ACL_FORMAT_ND)
        argmax_out_desc = acl.create_tensor_desc(ACL_INT32, [1], ACL_FORMAT_ND)
        argmax_size = acl.get_tensor_desc_size(argmax_out_desc)
        dev_argmax, ret = acl.rt.malloc(argmax_size, ACL_MEM_MALLOC_HUGE_FIRST)
        check(ret, "acl.rt.malloc")
        argmax_out_buf = acl.create_data_buffer(dev_argmax, argmax_size)
        attr = acl.op.create_attr()
        check(acl.op.set_attr_int(attr, "dimension", 1), "acl.op.set_attr_int")
        check(acl.op.execute_v2("ArgMaxD", [argmax_in_desc], [cast_out_buf], [argmax_out_desc],
                                [argmax_out_buf], attr, self.stream), "acl.op.execute_v2 ArgMaxD")
        check(acl.rt.synchronize_stream(self.stream), "acl.rt.synchronize_stream")

        label = int(to_host(dev_argmax, argmax_size, np.int32)[0])
        print("[SingleOP][ArgMaxOp] label of classification result is:{}".format(label))

        for desc in (cast_in_desc, cast_out_desc, argmax_in_desc, argmax_out_desc):
            acl.destroy_tensor_desc(desc)
        for buf in (cast_out_buf, argmax_out_buf):
            check(acl.destroy_data_buffer(buf), "acl.destroy_data_buffer")
        for ptr in (dev_cast, dev_argmax):
            check(acl.rt.free(ptr), "acl.rt.free")
        acl.op.destroy_attr(attr)
        return label

    def add_int32(self, a, b):
        """Add on int32 [8,16] with acl.op.execute_v2."""
        descs = [acl.create_tensor_desc(ACL_INT32, [8, 16], ACL_FORMAT_ND) for _ in range(3)]
        ptr_a, ptr_b = to_device(a), to_device(b)
        ptr_y, ret = acl.rt.malloc(a.nbytes, ACL_MEM_MALLOC_HUGE_FIRST)
        check(ret, "acl.rt.malloc")
        bufs = [acl.create_data_buffer(p, a.nbytes) for p in (ptr_a, ptr_b, ptr_y)]
        attr = acl.op.create_attr()
        check(acl.op.execute_v2("Add", descs[:2], bufs[:2], descs[2:], bufs[2:], attr,
                                self.stream), "acl.op.execute_v2 Add")
        check(acl.rt.synchronize_stream(self.stream), "acl.rt.synchronize_stream")
        y = to_host(ptr_y, a.nbytes, np.int32).reshape(a.shape)
        acl.op.destroy_attr(attr)
        for d in descs:
            acl.destroy_tensor_desc(d)
        for buf in bufs:
            acl.destroy_data_buffer(buf)
        for p in (ptr_a, ptr_b, ptr_y):
            check(acl.rt.free(p), "acl.rt.free")
        return y

    def release(self):
        for buf in (self.in_buf, self.out_buf):
            acl.destroy_data_buffer(buf)
        acl.mdl.destroy_dataset(self.in_ds)
        acl.mdl.destroy_dataset(self.out_ds)
        acl.rt.free(self.input_ptr)
        acl.rt.free(self.output_ptr)
        acl.mdl.destroy_desc(self.model_desc)
        check(acl.mdl.unload(self.model_id), "acl.mdl.unload")
        check(acl.rt.destroy_stream(self.stream), "acl.rt.destroy_stream")
        check(acl.rt.destroy_context(self.context), "acl.rt.destroy_context")
        check(acl.rt.reset_device(self.device_id), "acl.rt.reset_device")
        check(acl.finalize(), "acl.finalize")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="model/tiny_classifier.om")
    parser.add_argument("--op_models", default="op_models")
    args = parser.parse_args()

    sample = SingleOpSample(args.model, args.op_models)
    image = np.random.default_rng(1).standard_normal(INPUT_SHAPE).astype(np.float32)
    out_ptr, out_size = sample.run_model(image)
    label = sample.top1_with_single_ops()
    reference = int(np.argmax(to_host(out_ptr, out_size, np.float32)))
    print("[Model] top-1 of the float32 output (host argmax): {}".format(reference))

    a = np.arange(128, dtype=np.int32).reshape(8, 16)
    b = (np.arange(128, dtype=np.int32) * 3 - 100).reshape(8, 16)
    y = sample.add_int32(a, b)
    add_ok = np.array_equal(y, a + b)
    print("[SingleOP][Add] int32 [8,16]: y[0,:4] = {} ({})".format(
        y[0, :4].tolist(), "correct" if add_ok else "WRONG"))
    sample.release()
    if label != reference or not add_ok:
        print("[ERROR] single-op results do not match")
        return 1
    print("[INFO] single-op sample success")
    return 0


if __name__ == "__main__":
    sys.exit(main())
