"""The process-wide pyACL state ais_bench sessions share: acl.init once, one context per device
(reference counted by the sessions that use it), acl.finalize when the last session finalizes.

Only the public `acl` module is used. If the application called acl.init itself, the sessions
join that initialization and never finalize it."""
import enum

import numpy as np

import acl

from ais_bench.infer.utils import InferError, logger

ACL_SUCCESS = 0
ACL_ERROR_REPEAT_INITIALIZE = 100002
ACL_MEM_MALLOC_HUGE_FIRST = 0
ACL_MEMCPY_HOST_TO_DEVICE = 1
ACL_MEMCPY_DEVICE_TO_HOST = 2
ACL_DYNAMIC_TENSOR_NAME = "ascend_mbatch_shape_data"


class dtype(enum.IntEnum):  # noqa: N801 (aclruntime.dtype's spelling)
    """Tensor element types with aclDataType's values, named as aclruntime.dtype names them."""
    undefined = -1
    float32 = 0
    float16 = 1
    int8 = 2
    int32 = 3
    uint8 = 4
    int16 = 6
    uint16 = 7
    uint32 = 8
    int64 = 9
    uint64 = 10
    double64 = 11
    bool = 12
    bfloat16 = 27

    def __str__(self):
        return "dtype." + self.name


# aclDataType -> numpy dtype. bfloat16 has no numpy type: its raw 16-bit words come back as uint16.
NUMPY_TYPES = {
    dtype.float32: np.float32, dtype.float16: np.float16, dtype.int8: np.int8,
    dtype.int32: np.int32, dtype.uint8: np.uint8, dtype.int16: np.int16,
    dtype.uint16: np.uint16, dtype.uint32: np.uint32, dtype.int64: np.int64,
    dtype.uint64: np.uint64, dtype.double64: np.float64, dtype.bool: np.bool_,
    dtype.bfloat16: np.uint16,
}


def to_dtype(acl_type):
    try:
        return dtype(acl_type)
    except ValueError:
        return dtype.undefined


def numpy_type(acl_type):
    """numpy dtype of an aclDataType; an error for types numpy cannot hold."""
    t = NUMPY_TYPES.get(to_dtype(acl_type))
    if t is None:
        raise InferError(f"aclDataType {acl_type} has no numpy equivalent")
    return np.dtype(t)


def check(ret, what):
    """Raises InferError with ACL's own message when `ret` is not ACL_SUCCESS."""
    if ret != ACL_SUCCESS:
        detail = acl.get_recent_err_msg()
        raise InferError(f"{what} failed, error {ret}" + (f": {detail}" if detail else ""))


class AclRuntime:
    """acl.init / set_device / create_context on demand, shared by every session."""

    def __init__(self):
        self.initialized = False
        self.owns_init = False  # we called acl.init (so acl.finalize is ours to call)
        self.contexts = {}  # device id -> [context, users]
        self.config_path = None

    def init(self, acl_json_path=None):
        if self.initialized:
            if acl_json_path and acl_json_path != self.config_path:
                logger.warning(f"acl is already initialized; acl_json_path {acl_json_path} "
                               "takes effect from the next initialization")
            return
        ret = acl.init(acl_json_path) if acl_json_path else acl.init()
        if ret == ACL_ERROR_REPEAT_INITIALIZE:
            self.owns_init = False  # the application initialized acl itself
        else:
            check(ret, "acl.init" + (f"({acl_json_path})" if acl_json_path else ""))
            self.owns_init = True
            logger.debug("acl init success")
        self.initialized = True
        self.config_path = acl_json_path

    def use_device(self, device_id):
        """Makes device_id's context current (creating it on first use) and counts one user."""
        entry = self.contexts.get(device_id)
        if entry is None:
            check(acl.rt.set_device(device_id), f"acl.rt.set_device({device_id})")
            context, ret = acl.rt.create_context(device_id)
            if ret != ACL_SUCCESS:
                acl.rt.reset_device(device_id)
                check(ret, f"acl.rt.create_context({device_id})")
            entry = self.contexts[device_id] = [context, 0]
            logger.debug(f"open device {device_id} success")
        entry[1] += 1
        self.make_current(device_id)

    def make_current(self, device_id):
        check(acl.rt.set_context(self.contexts[device_id][0]), "acl.rt.set_context")

    def release_device(self, device_id):
        """One user fewer; the context and device go when nobody uses them."""
        entry = self.contexts.get(device_id)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] <= 0:
            acl.rt.destroy_context(entry[0])
            acl.rt.reset_device(device_id)
            del self.contexts[device_id]

    def finalize(self):
        """acl.finalize if we initialized acl and no session still holds a device."""
        if not self.initialized or self.contexts:
            return
        if self.owns_init:
            acl.finalize()
        self.initialized = False
        self.owns_init = False


RUNTIME = AclRuntime()

