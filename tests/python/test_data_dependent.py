"""pyACL flow over a model whose output shape is decided at run time (NonZero): the output size
is unknown in the description, and each run's shape is read from the output dataset."""
import numpy as np
import onnx
from onnx import TensorProto, helper

import acl
from conftest import (ACL_MEM_MALLOC_HUGE_FIRST, ACL_MEMCPY_DEVICE_TO_HOST,
                      ACL_MEMCPY_HOST_TO_DEVICE, ACL_SUCCESS)

ACL_INT64 = 9
ACL_ERROR_INVALID_PARAM = 100000


def nonzero_model(path):
    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    graph = helper.make_graph(
        [helper.make_node("Greater", ["x", "zero"], ["pos"]),
         helper.make_node("NonZero", ["pos"], ["idx"])],
        "nonzero",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3])],
        [helper.make_tensor_value_info("idx", TensorProto.INT64, None)],
        [zero])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.save(model, str(path))


def run(model_id, x, out_size):
    in_ptr, _ = acl.rt.malloc(x.nbytes, ACL_MEM_MALLOC_HUGE_FIRST)
    out_ptr, _ = acl.rt.malloc(out_size, ACL_MEM_MALLOC_HUGE_FIRST)
    data = x.tobytes()  # kept alive while its address is in use
    host = acl.util.bytes_to_ptr(data)
    assert acl.rt.memcpy(in_ptr, x.nbytes, host, x.nbytes, ACL_MEMCPY_HOST_TO_DEVICE) == 0
    ins, outs = acl.mdl.create_dataset(), acl.mdl.create_dataset()
    in_buf = acl.create_data_buffer(in_ptr, x.nbytes)
    out_buf = acl.create_data_buffer(out_ptr, out_size)
    acl.mdl.add_dataset_buffer(ins, in_buf)
    acl.mdl.add_dataset_buffer(outs, out_buf)
    ret = acl.mdl.execute(model_id, ins, outs)
    result = None
    if ret == ACL_SUCCESS:
        desc = acl.mdl.get_dataset_tensor_desc(outs, 0)
        dims = [acl.get_tensor_desc_dim_v2(desc, i)[0]
                for i in range(acl.get_tensor_desc_num_dims(desc))]
        assert acl.get_tensor_desc_type(desc) == ACL_INT64
        nbytes = int(np.prod(dims)) * 8
        host_out = np.zeros(max(nbytes // 8, 1), dtype=np.int64)
        ptr = acl.util.numpy_to_ptr(host_out)
        assert acl.rt.memcpy(ptr, host_out.nbytes, out_ptr, nbytes,
                             ACL_MEMCPY_DEVICE_TO_HOST) == 0
        result = host_out[:nbytes // 8].reshape(dims)
    for b in (in_buf, out_buf):
        acl.destroy_data_buffer(b)
    acl.mdl.destroy_dataset(ins)
    acl.mdl.destroy_dataset(outs)
    acl.rt.free(in_ptr)
    acl.rt.free(out_ptr)
    return ret, result


def test_nonzero_shape_per_run(context, tmp_path):
    path = tmp_path / "nonzero.onnx"
    nonzero_model(path)
    model_id, ret = acl.mdl.load_from_file(str(path))
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    desc = acl.mdl.create_desc()
    assert acl.mdl.get_desc(desc, model_id) == ACL_SUCCESS
    assert acl.mdl.get_output_size_by_index(desc, 0) == 0  # decided at run time
    x = np.array([[1, -1, 2], [-2, 3, -3]], dtype=np.float32)
    ret, idx = run(model_id, x, 12 * 8)
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    np.testing.assert_array_equal(idx, np.array(np.nonzero(x > 0)))
    ret, idx = run(model_id, np.ones((2, 3), np.float32), 12 * 8)
    assert ret == ACL_SUCCESS
    assert idx.shape == (2, 6)
    # A buffer too small for this run's output is an error naming the size.
    ret, _ = run(model_id, np.ones((2, 3), np.float32), 8)
    assert ret == ACL_ERROR_INVALID_PARAM
    assert "96 bytes" in acl.get_recent_err_msg()
    acl.mdl.destroy_desc(desc)
    assert acl.mdl.unload(model_id) == ACL_SUCCESS
