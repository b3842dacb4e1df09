"""Data buffers, tensor descriptions, datasets; leak checks over many create/destroy cycles."""
import os

import pytest

import acl
from conftest import (ACL_ERROR_API_NOT_SUPPORT, ACL_FLOAT, ACL_FLOAT16, ACL_FORMAT_NCHW,
                      ACL_FORMAT_ND, ACL_INT32, ACL_SUCCESS)


def require_supported(ret):
    if ret == ACL_ERROR_API_NOT_SUPPORT:
        pytest.skip("not implemented in the C library yet")


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def test_data_buffer_accessors(device_buffer):
    dev, size = device_buffer
    buf = acl.create_data_buffer(dev, size)
    assert isinstance(buf, int) and buf != 0
    assert acl.get_data_buffer_addr(buf) == dev
    assert acl.get_data_buffer_size_v2(buf) == size
    assert acl.get_data_buffer_size(buf) == size
    assert acl.update_data_buffer(buf, dev + 16, size - 16) == ACL_SUCCESS
    assert acl.get_data_buffer_addr(buf) == dev + 16
    assert acl.get_data_buffer_size_v2(buf) == size - 16
    assert acl.destroy_data_buffer(buf) == ACL_SUCCESS


def test_empty_data_buffer_is_legal(acl_session):
    buf = acl.create_data_buffer(0, 0)  # unused optional op input
    assert buf != 0
    assert acl.get_data_buffer_addr(buf) == 0
    assert acl.destroy_data_buffer(buf) == ACL_SUCCESS


def test_tensor_desc_queries(acl_session):
    desc = acl.create_tensor_desc(ACL_FLOAT, [1, 3, 224, 224], ACL_FORMAT_NCHW)
    assert desc != 0
    assert acl.get_tensor_desc_type(desc) == ACL_FLOAT
    assert acl.get_tensor_desc_format(desc) == ACL_FORMAT_NCHW
    assert acl.get_tensor_desc_num_dims(desc) == 4
    assert acl.get_tensor_desc_element_count(desc) == 3 * 224 * 224
    assert acl.get_tensor_desc_size(desc) == 4 * 3 * 224 * 224
    assert acl.get_tensor_desc_dim(desc, 1) == 3
    assert acl.get_tensor_desc_dim_v2(desc, 2) == (224, ACL_SUCCESS)
    dim, ret = acl.get_tensor_desc_dim_v2(desc, 9)
    assert ret != ACL_SUCCESS
    assert acl.destroy_tensor_desc(desc) is None


def test_tensor_desc_setters(acl_session):
    desc = acl.create_tensor_desc(ACL_INT32, [8, 16], ACL_FORMAT_ND)
    assert acl.set_tensor_shape(desc, [4, 4, 2]) == ACL_SUCCESS
    assert acl.get_tensor_desc_num_dims(desc) == 3
    assert acl.get_tensor_desc_size(desc) == 4 * 32
    assert acl.set_tensor_format(desc, ACL_FORMAT_NCHW) == ACL_SUCCESS
    assert acl.get_tensor_desc_format(desc) == ACL_FORMAT_NCHW
    assert acl.set_tensor_origin_shape(desc, [32]) == ACL_SUCCESS
    assert acl.set_tensor_origin_format(desc, ACL_FORMAT_ND) == ACL_SUCCESS
    assert acl.set_tensor_desc_name(desc, "x0") is None
    assert acl.get_tensor_desc_name(desc) == "x0"
    assert acl.set_tensor_shape_range(desc, [[1, 8], [4, 4], [2, 2]]) == ACL_SUCCESS
    rng, ret = acl.get_tensor_desc_dim_range(desc, 0, 2)
    assert ret == ACL_SUCCESS and rng == [1, 8]
    assert acl.set_tensor_value_range(desc, [[0, 10]]) == ACL_SUCCESS
    const = bytes(4)
    assert acl.set_tensor_const(desc, acl.util.bytes_to_ptr(const), 4) == ACL_SUCCESS
    assert acl.set_tensor_place_ment(desc, 1) == ACL_SUCCESS  # ACL_MEMTYPE_HOST
    acl.destroy_tensor_desc(desc)


def test_scalar_and_undefined_descs(acl_session):
    scalar = acl.create_tensor_desc(ACL_FLOAT, [], ACL_FORMAT_ND)
    assert scalar != 0 and acl.get_tensor_desc_num_dims(scalar) == 0
    assert acl.get_tensor_desc_element_count(scalar) == 1
    acl.destroy_tensor_desc(scalar)
    unused = acl.create_tensor_desc(-1, None, -1)  # (ACL_DT_UNDEFINED, 0, NULL, UNDEFINED)
    assert unused != 0
    acl.destroy_tensor_desc(unused)


def test_data_type_size_and_fp16(acl_session):
    assert acl.data_type_size(ACL_FLOAT) == 4
    assert acl.data_type_size(ACL_FLOAT16) == 2
    assert acl.data_type_size(ACL_INT32) == 4
    assert acl.float16_to_float(0x3C00) == 1.0
    assert acl.float_to_float16(-2.0) == 0xC000


def test_dataset_conventions(device_buffer):
    dev, size = device_buffer
    ds = acl.mdl.create_dataset()
    if ds == 0:
        pytest.skip("aclmdlCreateDataset not implemented yet")
    buf = acl.create_data_buffer(dev, size)
    out = acl.mdl.add_dataset_buffer(ds, buf)
    assert isinstance(out, tuple) and len(out) == 2
    require_supported(out[1])
    assert out == (ds, ACL_SUCCESS)
    assert acl.mdl.get_dataset_num_buffers(ds) == 1
    assert acl.mdl.get_dataset_buffer(ds, 0) == buf
    assert acl.mdl.get_dataset_buffer(ds, 5) == 0
    desc = acl.create_tensor_desc(ACL_FLOAT, [64], ACL_FORMAT_ND)
    out = acl.mdl.set_dataset_tensor_desc(ds, desc, 0)
    assert isinstance(out, tuple) and out[0] == ds
    if out[1] == ACL_SUCCESS:
        assert acl.mdl.get_dataset_tensor_desc(ds, 0) != 0
    assert acl.destroy_data_buffer(buf) == ACL_SUCCESS
    assert acl.mdl.destroy_dataset(ds) == ACL_SUCCESS
    acl.destroy_tensor_desc(desc)


def _cycle_data_buffers(n, dev):
    for _ in range(n):
        buf = acl.create_data_buffer(dev, 64)
        acl.get_data_buffer_size_v2(buf)
        acl.destroy_data_buffer(buf)


def _cycle_tensor_descs(n):
    for _ in range(n):
        desc = acl.create_tensor_desc(ACL_FLOAT, [1, 3, 8, 8], ACL_FORMAT_NCHW)
        acl.get_tensor_desc_dim_v2(desc, 0)
        acl.destroy_tensor_desc(desc)


@pytest.mark.parametrize("what", ["data_buffer", "tensor_desc"])
def test_create_destroy_cycles_do_not_leak(device_buffer, what):
    dev, _ = device_buffer
    cycle = (lambda n: _cycle_data_buffers(n, dev)) if what == "data_buffer" else \
        _cycle_tensor_descs
    cycle(5000)  # warm up allocator pools
    before = rss_bytes()
    cycle(100000)
    grown = rss_bytes() - before
    # A leak of even 32 bytes per cycle would be 3.2 MB here.
    assert grown < 1 << 20, f"RSS grew by {grown} bytes over 100000 {what} cycles"


def test_thread_cycles_do_not_leak(acl_session):
    def body(args):
        pass

    for _ in range(50):
        tid, _ = acl.util.start_thread(body, [])
        acl.util.stop_thread(tid)
    before = rss_bytes()
    for _ in range(500):
        tid, ret = acl.util.start_thread(body, [])
        assert ret == ACL_SUCCESS
        assert acl.util.stop_thread(tid) == ACL_SUCCESS
    assert rss_bytes() - before < 2 << 20
