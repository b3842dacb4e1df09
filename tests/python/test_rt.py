"""acl.rt: devices, contexts, streams, events and memory."""
import pytest

import acl
from conftest import (ACL_MEM_MALLOC_HUGE_FIRST, ACL_MEMCPY_DEVICE_TO_DEVICE,
                      ACL_MEMCPY_DEVICE_TO_HOST, ACL_MEMCPY_HOST_TO_DEVICE, ACL_SUCCESS, DEVICE_ID)


def test_device_queries(context):
    assert acl.rt.get_device() == (DEVICE_ID, ACL_SUCCESS)
    count, ret = acl.rt.get_device_count()
    assert ret == ACL_SUCCESS and count >= 1
    assert acl.rt.synchronize_device() == ACL_SUCCESS


def test_bad_device_id_is_an_error_code(acl_session):
    count, _ = acl.rt.get_device_count()
    ctx, ret = acl.rt.create_context(count + 100)
    assert ret != ACL_SUCCESS
    assert acl.rt.set_device(count + 100) != ACL_SUCCESS


def test_context_current_and_switch(acl_session):
    ctx1, ret = acl.rt.create_context(DEVICE_ID)
    assert ret == ACL_SUCCESS
    assert acl.rt.get_context() == (ctx1, ACL_SUCCESS)
    ctx2, ret = acl.rt.create_context(DEVICE_ID)
    assert ret == ACL_SUCCESS and ctx2 != ctx1
    assert acl.rt.set_context(ctx1) == ACL_SUCCESS
    assert acl.rt.get_context() == (ctx1, ACL_SUCCESS)
    assert acl.rt.destroy_context(ctx2) == ACL_SUCCESS
    assert acl.rt.destroy_context(ctx1) == ACL_SUCCESS


def test_stream_lifecycle(context):
    s, ret = acl.rt.create_stream()
    assert ret == ACL_SUCCESS and isinstance(s, int) and s != 0
    assert acl.rt.synchronize_stream(s) == ACL_SUCCESS
    status, ret = acl.rt.stream_query(s)
    assert ret == ACL_SUCCESS and status == 0  # ACL_STREAM_STATUS_COMPLETE
    assert acl.rt.destroy_stream(s) == ACL_SUCCESS


def test_events_and_elapsed_time(stream):
    e0, ret = acl.rt.create_event()
    assert ret == ACL_SUCCESS and e0 != 0
    e1, ret = acl.rt.create_event()
    assert ret == ACL_SUCCESS
    assert acl.rt.record_event(e0, stream) == ACL_SUCCESS
    assert acl.rt.record_event(e1, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_event(e1) == ACL_SUCCESS
    assert acl.rt.query_event_status(e1) == (1, ACL_SUCCESS)  # RECORDED_STATUS_COMPLETE
    ms, ret = acl.rt.event_elapsed_time(e0, e1)
    assert ret == ACL_SUCCESS and isinstance(ms, float) and ms >= 0.0
    assert acl.rt.stream_wait_event(stream, e1) == ACL_SUCCESS
    assert acl.rt.destroy_event(e0) == ACL_SUCCESS
    assert acl.rt.destroy_event(e1) == ACL_SUCCESS


@pytest.mark.parametrize("fn", ["malloc", "malloc_cached", "malloc_align32"])
def test_device_malloc_variants(context, fn):
    ptr, ret = getattr(acl.rt, fn)(1024, ACL_MEM_MALLOC_HUGE_FIRST)
    assert ret == ACL_SUCCESS and ptr != 0
    assert acl.rt.free(ptr) == ACL_SUCCESS
    assert acl.rt.free(ptr) != ACL_SUCCESS  # double free is an error code, not a crash


def test_host_malloc(context):
    ptr, ret = acl.rt.malloc_host(100)
    assert ret == ACL_SUCCESS and ptr != 0
    assert acl.rt.free_host(ptr) == ACL_SUCCESS


def test_memcpy_round_trip_through_device(device_buffer):
    dev, size = device_buffer
    data = bytes(range(256))
    src = acl.util.bytes_to_ptr(data)
    assert acl.rt.memcpy(dev, size, src, size, ACL_MEMCPY_HOST_TO_DEVICE) == ACL_SUCCESS
    dev2, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
    assert ret == ACL_SUCCESS
    assert acl.rt.memcpy(dev2, size, dev, size, ACL_MEMCPY_DEVICE_TO_DEVICE) == ACL_SUCCESS
    host, ret = acl.rt.malloc_host(size)
    assert ret == ACL_SUCCESS
    assert acl.rt.memcpy(host, size, dev2, size, ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
    assert acl.util.ptr_to_bytes(host, size) == data
    assert acl.rt.free_host(host) == ACL_SUCCESS
    assert acl.rt.free(dev2) == ACL_SUCCESS


def test_memcpy_larger_than_dest_max_fails(device_buffer):
    dev, size = device_buffer
    data = bytes(2 * size)
    ret = acl.rt.memcpy(dev, size, acl.util.bytes_to_ptr(data), 2 * size,
                        ACL_MEMCPY_HOST_TO_DEVICE)
    assert ret != ACL_SUCCESS


def test_memcpy_async_and_memset(stream, device_buffer):
    dev, size = device_buffer
    assert acl.rt.memset(dev, size, 0x5A, size) == ACL_SUCCESS
    out = bytes(size)
    assert acl.rt.memcpy(acl.util.bytes_to_ptr(out), size, dev, size,
                         ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
    assert out == b"\x5a" * size
    assert acl.rt.memset_async(dev, size, 0x11, size, stream) == ACL_SUCCESS
    out2 = bytes(size)
    assert acl.rt.memcpy_async(acl.util.bytes_to_ptr(out2), size, dev, size,
                               ACL_MEMCPY_DEVICE_TO_HOST, stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    assert out2 == b"\x11" * size


def test_memcpy_2d(device_buffer):
    dev, size = device_buffer
    # 4 rows of 8 bytes taken from a source with a 16-byte pitch, packed on the device.
    src = bytes(range(64))
    ret = acl.rt.memcpy_2d(dev, 8, acl.util.bytes_to_ptr(src), 16, 8, 4,
                           ACL_MEMCPY_HOST_TO_DEVICE)
    assert ret == ACL_SUCCESS
    out = bytes(32)
    assert acl.rt.memcpy(acl.util.bytes_to_ptr(out), 32, dev, 32,
                         ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
    assert out == b"".join(src[r * 16:r * 16 + 8] for r in range(4))


def test_get_mem_info(context):
    results = [acl.rt.get_mem_info(attr) for attr in (0, 1)]  # ACL_DDR_MEM, ACL_HBM_MEM
    assert all(len(r) == 3 for r in results)
    ok = [(free, total) for free, total, ret in results if ret == ACL_SUCCESS]
    assert ok, results
    assert all(total > 0 and 0 <= free <= total for free, total in ok)
