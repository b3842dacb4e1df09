"""A small pyACL helper in the style of the Ascend samples: one device/context/stream for the
process (AclResource) and one loaded .om with device input/output buffers (AclModel)."""
import numpy as np

import acl

ACL_SUCCESS = 0
ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
ACL_MEMCPY_DEVICE_TO_DEVICE = 3
ACL_DEVICE = 0
NUMPY_TYPES = {0: np.float32, 1: np.float16, 2: np.int8, 3: np.int32, 4: np.uint8, 9: np.int64}


def check(ret, what):
    if ret != ACL_SUCCESS:
        raise RuntimeError(f"{what} failed, error {ret}: {acl.get_recent_err_msg()}")


class AclResource:
    """acl.init -> set_device -> create_context -> create_stream; release() undoes it all."""

    def __init__(self, device_id=0):
        self.device_id = device_id
        check(acl.init(), "acl.init")
        check(acl.rt.set_device(device_id), "acl.rt.set_device")
        self.context, ret = acl.rt.create_context(device_id)
        check(ret, "acl.rt.create_context")
        self.stream, ret = acl.rt.create_stream()
        check(ret, "acl.rt.create_stream")
        run_mode, ret = acl.rt.get_run_mode()
        check(ret, "acl.rt.get_run_mode")
        # On the device's own CPU (ACL_DEVICE) host and device memory are one: copy D2D.
        on_device = run_mode == ACL_DEVICE
        self.to_device = ACL_MEMCPY_DEVICE_TO_DEVICE if on_device else ACL_MEMCPY_HOST_TO_DEVICE
        self.to_host = ACL_MEMCPY_DEVICE_TO_DEVICE if on_device else ACL_MEMCPY_DEVICE_TO_HOST

    def release(self):
        check(acl.rt.destroy_stream(self.stream), "acl.rt.destroy_stream")
        check(acl.rt.destroy_context(self.context), "acl.rt.destroy_context")
        check(acl.rt.reset_device(self.device_id), "acl.rt.reset_device")
        check(acl.finalize(), "acl.finalize")


class AclModel:
    """Loads an .om, allocates one device buffer per input/output sized from the model desc."""

    def __init__(self, resource, om_path):
        self.resource = resource
        self.path = om_path
        self.model_id, ret = acl.mdl.load_from_file(om_path)
        check(ret, f"acl.mdl.load_from_file({om_path})")
        self.desc = acl.mdl.create_desc()
        check(acl.mdl.get_desc(self.desc, self.model_id), "acl.mdl.get_desc")
        self.inputs = self._make_dataset(acl.mdl.get_num_inputs(self.desc),
                                         acl.mdl.get_input_size_by_index)
        self.outputs = self._make_dataset(acl.mdl.get_num_outputs(self.desc),
                                          acl.mdl.get_output_size_by_index, with_host=True)

    def _make_dataset(self, count, size_of, with_host=False):
        dataset = acl.mdl.create_dataset()
        buffers = []
        for i in range(count):
            size = size_of(self.desc, i)
            ptr, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
            check(ret, f"acl.rt.malloc({size})")
            data = acl.create_data_buffer(ptr, size)
            _, ret = acl.mdl.add_dataset_buffer(dataset, data)
            check(ret, "acl.mdl.add_dataset_buffer")
            host = None
            if with_host:  # page-locked staging memory for the D2H copy of an output
                host, ret = acl.rt.malloc_host(size)
                check(ret, f"acl.rt.malloc_host({size})")
            buffers.append({"ptr": ptr, "size": size, "data": data, "host": host})
        return {"dataset": dataset, "buffers": buffers}

    def input_shape(self, index=0):
        dims, ret = acl.mdl.get_input_dims(self.desc, index)
        check(ret, "acl.mdl.get_input_dims")
        return tuple(dims["dims"])

    def execute(self, *arrays):
        """Copies the arrays in, runs the model synchronously, returns the outputs as numpy."""
        for i, (array, buf) in enumerate(zip(arrays, self.inputs["buffers"])):
            host = np.ascontiguousarray(array).tobytes()
            if len(host) != buf["size"]:
                raise ValueError(f"{self.path} input {i}: model wants {buf['size']} bytes, "
                                 f"got {len(host)} (shape {array.shape}, {array.dtype})")
            check(acl.rt.memcpy(buf["ptr"], buf["size"], acl.util.bytes_to_ptr(host), len(host),
                                self.resource.to_device), "acl.rt.memcpy (input)")
        check(acl.mdl.execute(self.model_id, self.inputs["dataset"], self.outputs["dataset"]),
              f"acl.mdl.execute({self.path})")
        results = []
        for i, buf in enumerate(self.outputs["buffers"]):
            check(acl.rt.memcpy(buf["host"], buf["size"], buf["ptr"], buf["size"],
                                self.resource.to_host), "acl.rt.memcpy (output)")
            host = acl.util.ptr_to_bytes(buf["host"], buf["size"])
            dims, ret = acl.mdl.get_cur_output_dims(self.desc, i)
            check(ret, "acl.mdl.get_cur_output_dims")
            dtype = NUMPY_TYPES.get(acl.mdl.get_output_data_type(self.desc, i), np.float32)
            results.append(np.frombuffer(host, dtype=dtype).reshape(dims["dims"]))
        return results

    def release(self):
        for part in (self.inputs, self.outputs):
            for buf in part["buffers"]:
                check(acl.destroy_data_buffer(buf["data"]), "acl.destroy_data_buffer")
                check(acl.rt.free(buf["ptr"]), "acl.rt.free")
                if buf["host"] is not None:
                    check(acl.rt.free_host(buf["host"]), "acl.rt.free_host")
            check(acl.mdl.destroy_dataset(part["dataset"]), "acl.mdl.destroy_dataset")
        check(acl.mdl.unload(self.model_id), "acl.mdl.unload")
        check(acl.mdl.destroy_desc(self.desc), "acl.mdl.destroy_desc")
