"""acl.util pointer helpers (acl-api.md §4.4)."""
import sys
import warnings

import numpy as np
import pytest

import acl
from conftest import ACL_MEMCPY_DEVICE_TO_HOST, ACL_MEMCPY_HOST_TO_DEVICE, ACL_SUCCESS

BYTES_HEADER = sys.getsizeof(b"") - 1  # offset of ob_sval inside a CPython bytes object


def test_bytes_to_ptr_is_the_objects_own_buffer():
    data = bytes(range(10, 42))
    ptr = acl.util.bytes_to_ptr(data)
    assert ptr == id(data) + BYTES_HEADER
    assert acl.util.bytes_to_ptr(data) == ptr
    assert acl.util.ptr_to_bytes(ptr, len(data)) == data


def test_writes_through_bytes_to_ptr_are_visible_in_the_bytes_object(device_buffer):
    """acllite memcpys device output into a bytes object and reads that object back."""
    dev, size = device_buffer
    pattern = bytes((i * 7) % 256 for i in range(size))
    assert acl.rt.memcpy(dev, size, acl.util.bytes_to_ptr(pattern), size,
                         ACL_MEMCPY_HOST_TO_DEVICE) == ACL_SUCCESS
    target = bytes(size)  # fresh, zero-filled
    assert acl.rt.memcpy(acl.util.bytes_to_ptr(target), size, dev, size,
                         ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
    assert target == pattern
    assert np.frombuffer(target, np.uint8)[3] == pattern[3]


def test_bytes_to_ptr_accepts_bytearray():
    buf = bytearray(b"abcdef")
    ptr = acl.util.bytes_to_ptr(buf)
    assert acl.util.ptr_to_bytes(ptr, 6) == b"abcdef"


def test_ptr_to_bytes_copies(context):
    host, ret = acl.rt.malloc_host(8)
    assert ret == ACL_SUCCESS
    view = acl.util.ptr_to_numpy(host, (8,), 2)  # uint8 view
    view[:] = np.arange(8, dtype=np.uint8)
    snapshot = acl.util.ptr_to_bytes(host, 8)
    view[:] = 0
    assert snapshot == bytes(range(8))
    assert acl.rt.free_host(host) == ACL_SUCCESS


def test_ptr_to_bytes_edge_cases():
    assert acl.util.ptr_to_bytes(0, 0) == b""
    with pytest.raises(ValueError):
        acl.util.ptr_to_bytes(0, 4)


def test_numpy_to_ptr_is_the_data_address():
    arr = np.arange(12, dtype=np.float32).reshape(3, 4)
    assert acl.util.numpy_to_ptr(arr) == arr.ctypes.data
    assert acl.util.numpy_contiguous_to_ptr(arr) == arr.ctypes.data


def test_numpy_to_ptr_warns_for_discontiguous():
    arr = np.arange(12, dtype=np.int32).reshape(3, 4)[:, ::2]
    with pytest.warns(UserWarning, match="The input ndarray is discontiguous. Please use "
                                         r"acl.util.numpy_contiguous_to_ptr instead."):
        ptr = acl.util.numpy_to_ptr(arr)
    assert ptr == arr.ctypes.data


def test_numpy_contiguous_to_ptr_on_discontiguous_gives_packed_data():
    arr = np.arange(12, dtype=np.int32).reshape(3, 4)[:, ::2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ptr = acl.util.numpy_contiguous_to_ptr(arr)
    packed = np.frombuffer(acl.util.ptr_to_bytes(ptr, arr.nbytes), np.int32).reshape(arr.shape)
    np.testing.assert_array_equal(packed, arr)


NPY_TYPES = {0: np.bool_, 1: np.int8, 2: np.uint8, 3: np.int16, 4: np.uint16, 5: np.int32,
             6: np.uint32, 7: np.int64, 8: np.uint64, 9: np.longlong, 10: np.ulonglong,
             11: np.float32, 12: np.float64, 23: np.float16}


@pytest.mark.parametrize("npy_type,dtype", sorted(NPY_TYPES.items()))
def test_ptr_to_numpy_type_numbers(npy_type, dtype):
    src = np.zeros(6, dtype=dtype)
    view = acl.util.ptr_to_numpy(src.ctypes.data, (2, 3), npy_type)
    assert view.dtype == np.dtype(dtype) and view.shape == (2, 3)


def test_ptr_to_numpy_is_a_view():
    src = np.arange(6, dtype=np.float32)
    view = acl.util.ptr_to_numpy(acl.util.numpy_to_ptr(src), (2, 3), 11)
    assert view.ctypes.data == src.ctypes.data
    view[1, 2] = 42.0
    assert src[5] == 42.0
    src[0] = -1.0
    assert view[0, 0] == -1.0
    assert view.flags.writeable and not view.flags.owndata


def test_ptr_to_numpy_errors():
    src = np.zeros(4, np.float32)
    with pytest.raises(ValueError):
        acl.util.ptr_to_numpy(0, (4,), 11)
    with pytest.raises(ValueError):
        acl.util.ptr_to_numpy(src.ctypes.data, (-1,), 11)
    with pytest.raises(Exception):
        acl.util.ptr_to_numpy(src.ctypes.data, (4,), 9999)
    with pytest.raises(TypeError):
        acl.util.ptr_to_numpy(src.ctypes.data, "4", 11)


def test_ptr_to_numpy_over_host_memory(context):
    host, ret = acl.rt.malloc_host(16)
    assert ret == ACL_SUCCESS
    view = acl.util.ptr_to_numpy(host, (4,), 5)
    view[:] = [1, 2, 3, 4]
    assert np.frombuffer(acl.util.ptr_to_bytes(host, 16), np.int32).tolist() == [1, 2, 3, 4]
    del view
    assert acl.rt.free_host(host) == ACL_SUCCESS
