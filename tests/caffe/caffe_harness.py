"""Compiles Caffe models with build/bin/atc --framework=0, runs the .om through the `acl` module,
and runs the same files through OpenCV's dnn module (the independent reference)."""
import os
import subprocess

import numpy as np

ATC = os.environ.get("ATC", os.path.join(os.path.dirname(__file__), "..", "..", "build", "bin", "atc"))

ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
ACL_DTYPES = {0: np.float32, 1: np.float16, 2: np.int8, 3: np.int32, 4: np.uint8, 9: np.int64}


def atc(proto, weights, out_prefix, *extra):
    """Runs atc; returns (returncode, stdout + stderr)."""
    args = [ATC, "--model=" + proto, "--framework=0", "--output=" + out_prefix,
            "--soc_version=Ascend310"]
    if weights:
        args.append("--weight=" + weights)
    args += list(extra)
    r = subprocess.run(args, capture_output=True, text=True, timeout=600)
    return r.returncode, r.stdout + r.stderr


def compile_ok(proto, weights, out_prefix, *extra):
    rc, log = atc(proto, weights, out_prefix, *extra)
    assert rc == 0, log
    return out_prefix + ".om"


def run_om(om_path, inputs):
    """Executes the .om on `inputs` (arrays in model input order); returns the outputs by name,
    in model output order."""
    import acl
    model_id, ret = acl.mdl.load_from_file(om_path)
    assert ret == 0, acl.get_recent_err_msg()
    desc = acl.mdl.create_desc()
    assert acl.mdl.get_desc(desc, model_id) == 0
    assert acl.mdl.get_num_inputs(desc) == len(inputs)
    keep, buffers, frees = [], [], []
    ins, outs = acl.mdl.create_dataset(), acl.mdl.create_dataset()
    for i, x in enumerate(inputs):
        size = acl.mdl.get_input_size_by_index(desc, i)
        data = np.ascontiguousarray(x).tobytes()
        assert len(data) == size, "input %d: %d bytes given, model wants %d" % (i, len(data), size)
        ptr, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
        assert ret == 0
        keep.append(data)
        assert acl.rt.memcpy(ptr, size, acl.util.bytes_to_ptr(data), size,
                             ACL_MEMCPY_HOST_TO_DEVICE) == 0
        buf = acl.create_data_buffer(ptr, size)
        acl.mdl.add_dataset_buffer(ins, buf)
        buffers.append(buf)
        frees.append(ptr)
    out_info = []
    for i in range(acl.mdl.get_num_outputs(desc)):
        size = acl.mdl.get_output_size_by_index(desc, i)
        dims, ret = acl.mdl.get_output_dims(desc, i)
        assert ret == 0
        dtype = ACL_DTYPES[acl.mdl.get_output_data_type(desc, i)]
        ptr, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
        assert ret == 0
        buf = acl.create_data_buffer(ptr, size)
        acl.mdl.add_dataset_buffer(outs, buf)
        buffers.append(buf)
        frees.append(ptr)
        out_info.append((acl.mdl.get_output_name_by_index(desc, i), ptr, size, dims["dims"], dtype))
    ret = acl.mdl.execute(model_id, ins, outs)
    assert ret == 0, acl.get_recent_err_msg()
    results = {}
    for name, ptr, size, dims, dtype in out_info:
        host = np.zeros(size // np.dtype(dtype).itemsize, dtype=dtype)
        assert acl.rt.memcpy(acl.util.numpy_to_ptr(host), size, ptr, size,
                             ACL_MEMCPY_DEVICE_TO_HOST) == 0
        results[name] = host.reshape(dims)
    for b in buffers:
        acl.destroy_data_buffer(b)
    acl.mdl.destroy_dataset(ins)
    acl.mdl.destroy_dataset(outs)
    for p in frees:
        acl.rt.free(p)
    acl.mdl.destroy_desc(desc)
    assert acl.mdl.unload(model_id) == 0
    return results


def opencv_forward(proto, weights, inputs, layer_names):
    """OpenCV dnn's outputs of `layer_names` for `inputs` ({name: array})."""
    import cv2
    net = cv2.dnn.readNetFromCaffe(proto, weights)
    net.setPreferableBackend(cv2.dnn.DNN_BACKEND_OPENCV)
    net.setPreferableTarget(cv2.dnn.DNN_TARGET_CPU)
    for name, x in inputs.items():
        net.setInput(x, name)
    outs = net.forward(list(layer_names))
    return [np.asarray(o) for o in outs]

