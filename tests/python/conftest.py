"""Shared fixtures for the pyACL-compatible module tests.

Run: PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python
"""
import pytest

import acl

ACL_SUCCESS = 0
ACL_ERROR_API_NOT_SUPPORT = 200001
ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_HOST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
ACL_MEMCPY_DEVICE_TO_DEVICE = 3
ACL_CALLBACK_NO_BLOCK = 0
ACL_CALLBACK_BLOCK = 1
ACL_FLOAT = 0
ACL_FLOAT16 = 1
ACL_INT32 = 3
ACL_FORMAT_NCHW = 0
ACL_FORMAT_ND = 2
DEVICE_ID = 0


@pytest.fixture(scope="session")
def acl_session():
    """acl.init + set_device(0) once for the whole run; reset + finalize at the end."""
    ret = acl.init()
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    assert acl.rt.set_device(DEVICE_ID) == ACL_SUCCESS, acl.get_recent_err_msg()
    yield
    assert acl.rt.reset_device(DEVICE_ID) == ACL_SUCCESS
    assert acl.finalize() == ACL_SUCCESS


@pytest.fixture
def context(acl_session):
    ctx, ret = acl.rt.create_context(DEVICE_ID)
    assert ret == ACL_SUCCESS and ctx != 0
    yield ctx
    assert acl.rt.destroy_context(ctx) == ACL_SUCCESS


@pytest.fixture
def stream(context):
    s, ret = acl.rt.create_stream()
    assert ret == ACL_SUCCESS and s != 0
    yield s
    assert acl.rt.destroy_stream(s) == ACL_SUCCESS


@pytest.fixture
def device_buffer(context):
    """A 256-byte device allocation: (ptr, size)."""
    size = 256
    ptr, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
    assert ret == ACL_SUCCESS and ptr != 0
    yield ptr, size
    assert acl.rt.free(ptr) == ACL_SUCCESS
