"""`from ais_bench.infer.interface import InferSession`: load an .om, feed numpy arrays, get numpy
arrays back (ais_bench's Python API, acl-api.md §7.2), on the public pyACL module.

    session = InferSession(0, "model.om")
    outputs = session.infer([image])            # list of numpy arrays
    print(session.summary().exec_time_list)     # ms per acl.mdl.execute
    session.free_resource()

Errors are RuntimeError (InferError) with a message naming the input, output or option at fault.
"""
import logging

import numpy as np

from ais_bench.infer.acl_runtime import RUNTIME, dtype, numpy_type  # noqa: F401 (dtype re-exported)
from ais_bench.infer.model_session import MemorySummary, ModelSession  # noqa: F401
from ais_bench.infer.utils import InferError, logger

NHWC = 1
_NUMPY_SCALARS = (np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32,
                  np.float16, np.float32, np.float64, np.bool_)


class Tensor:
    """A host tensor, what run(out_array=False) returns in place of aclruntime.Tensor:
    np.array(t) gives the data; to_host()/to_device() are no-ops kept for scripts that call them."""

    def __init__(self, array):
        self._array = np.ascontiguousarray(array)

    @property
    def shape(self):
        return list(self._array.shape)

    @property
    def dtype(self):
        return self._array.dtype

    @property
    def size(self):
        return self._array.size

    def to_host(self):
        return self

    def to_device(self, device_id=0):
        return self

    def __array__(self, dtype=None):
        return self._array if dtype is None else self._array.astype(dtype)

    def __repr__(self):
        return f"Tensor(shape={self.shape}, dtype={self._array.dtype})"


class Summary:
    def __init__(self, exec_time_list):
        self.exec_time_list = exec_time_list


def _as_array(feed, index):
    if isinstance(feed, np.ndarray):
        return feed
    if isinstance(feed, Tensor):
        return np.asarray(feed)
    if isinstance(feed, _NUMPY_SCALARS):
        return np.array(feed)
    if hasattr(feed, "numpy") and hasattr(feed, "is_contiguous"):  # a torch tensor
        return np.ascontiguousarray(feed.numpy())
    raise InferError(f"input {index}: type {type(feed).__name__} is not supported (give numpy "
                     "arrays)")


class InferSession:
    def __init__(self, device_id: int, model_path: str, acl_json_path: str = None,
                 debug: bool = False, loop: int = 1):
        """Loads model_path on device_id. acl_json_path: acl.init config file. debug: print the
        model description and each execute's time. loop: executes per run() / infer()."""
        if debug:
            logger.setLevel(logging.DEBUG)
        self.device_id, self.model_path = device_id, model_path
        self._check_loop(loop)
        self.session = ModelSession(device_id, model_path, acl_json_path, debug)
        self.set_loop_count(loop)
        self.outputs_names = [t.name for t in self.session.outputs]
        logger.debug(f"session info:{self.session}")

    # ----- description -----
    def _live(self):
        if not self.session.holds_device:
            raise InferError(f"the session of {self.model_path} was freed (free_resource/finalize)")
        return self.session

    def get_inputs(self):
        """Input descriptions (name, shape, datatype, format, size, realsize); the extra gear
        input `ascend_mbatch_shape_data` of a dynamic-gear model is not listed."""
        self.intensors_desc = self._live().inputs
        return self.intensors_desc

    def get_outputs(self):
        self.outtensors_desc = self._live().outputs
        return self.outtensors_desc

    # ----- options -----
    @staticmethod
    def _check_loop(loop):
        if isinstance(loop, bool) or not isinstance(loop, (int, np.integer)) or loop < 1:
            raise InferError(f"loop {loop!r} must be a positive integer")

    def set_loop_count(self, loop):
        self._check_loop(loop)
        self.loop = int(loop)
        self.session.loop = self.loop

    def set_staticbatch(self):
        self._live().set_static()

    def set_dynamic_batchsize(self, dymBatch):  # noqa: N803 (ais_bench's name)
        self._live().set_dynamic_batchsize(dymBatch)

    def set_dynamic_hw(self, w, h):
        """Chooses an image size gear. As in ais_bench, the first argument goes to the height
        and the second to the width (its CLI passes --dymHW "h,w" in that order)."""
        self._live().set_dynamic_hw(w, h)

    def set_dynamic_dims(self, dym_dims: str):
        """'name:d0,d1;name2:...' for every input: one of the model's --dynamic_dims gears."""
        self._live().set_dynamic_dims(dym_dims)

    def set_dynamic_shape(self, dym_shape: str):
        """'name:d0,d1;name2:...' for every input of a dynamic-shape model."""
        self._live().set_dynamic_shape(dym_shape)

    def set_custom_outsize(self, custom_sizes):
        """Output buffer bytes, in output order (needed for outputs of size 0: decided at run
        time)."""
        if isinstance(custom_sizes, (int, np.integer)):
            custom_sizes = [int(custom_sizes)] * len(self.session.outputs)
        self._live().set_custom_outsize(custom_sizes)

    # ----- tensors (the run_mode=tensor/files helpers of ais_bench) -----
    def create_tensor_from_arrays_to_device(self, arrays):
        return Tensor(arrays)

    def convert_tensors_to_host(self, tensors):
        for tensor in tensors:
            tensor.to_host()

    def convert_tensors_to_arrays(self, tensors):
        return [np.asarray(t) for t in tensors]

    # ----- running -----
    def run(self, feeds, out_array=False):
        """Runs on feeds (numpy arrays or Tensors whose byte sizes are the inputs' realsize, any
        dtype: .bin files come as raw bytes). Returns numpy arrays if out_array, else Tensors."""
        arrays = [_as_array(f, i) for i, f in enumerate(feeds)]
        outputs = self._live().run(arrays)
        return outputs if out_array else [Tensor(o) for o in outputs]

    def infer(self, feeds, mode="static", custom_sizes=100000, out_array=True):
        """Runs on numpy arrays of the inputs' dtypes and shapes; returns numpy arrays.
        mode: 'static', 'dymbatch' (batch from feeds[0]), 'dymhw' (h, w from feeds[0]),
        'dymdims' / 'dymshape' (every feed's shape). custom_sizes: bytes for outputs whose size
        is decided at run time (an int for each, or a list in output order). out_array=False:
        Tensors instead of numpy arrays."""
        session = self._live()
        arrays = [_as_array(f, i) for i, f in enumerate(feeds)]
        if len(arrays) != len(session.inputs):
            raise InferError(f"model has {len(session.inputs)} inputs "
                             f"({', '.join(session.input_names())}), got {len(arrays)}")
        if mode in ("dymdims", "dymshape"):
            text = ";".join(f"{t.name}:{','.join(str(d) for d in a.shape)}"
                            for t, a in zip(session.inputs, arrays))
            if mode == "dymdims":
                session.set_dynamic_dims(text)
            else:
                session.set_dynamic_shape(text)
        elif mode == "dymbatch":
            if arrays[0].ndim == 0:
                raise InferError(f"input 0 ({session.inputs[0].name}) has no batch dimension")
            session.set_dynamic_batchsize(arrays[0].shape[0])
        elif mode == "dymhw":
            a = arrays[0]
            if a.ndim != 4:
                raise InferError(f"input 0 ({session.inputs[0].name}): mode 'dymhw' needs a 4-D "
                                 f"image array, got shape {list(a.shape)}")
            hw = a.shape[1:3] if session.inputs[0].format == NHWC else a.shape[2:4]
            session.set_dynamic_hw(*hw)
        elif mode != "static":
            raise InferError(f"mode '{mode}' is not one of static, dymbatch, dymhw, dymdims, dymshape")
        self._set_sizes_for_runtime_outputs(custom_sizes, force=(mode == "dymshape"))
        session.check_dynamic_ready()
        for i, (t, a) in enumerate(zip(session.inputs, arrays)):
            self._check_feed(i, t, a, mode)
        outputs = session.run(arrays)
        return outputs if out_array else [Tensor(o) for o in outputs]

    def _set_sizes_for_runtime_outputs(self, custom_sizes, force):
        """Buffers for the outputs of size 0 (all outputs in dymshape mode) from custom_sizes,
        unless set_custom_outsize chose them."""
        session = self.session
        if isinstance(custom_sizes, (int, np.integer)):
            if session.custom_sizes and not force:
                return
            sizes = [int(custom_sizes) if force or t.size == 0 else t.size for t in session.outputs]
            if force or any(t.size == 0 for t in session.outputs):
                session.set_custom_outsize(sizes)
        elif isinstance(custom_sizes, (list, tuple)):
            session.set_custom_outsize(list(custom_sizes))
        else:
            raise InferError(f"custom_sizes {custom_sizes!r} must be an int or a list of ints")

    @staticmethod
    def _check_feed(i, desc, array, mode):
        want = numpy_type(desc.datatype)
        if array.dtype != want:
            raise InferError(f"input {i} ({desc.name}): dtype {array.dtype}, the model expects "
                             f"{want} (shape {desc.shape})")
        if mode in ("static", "dymbatch", "dymhw") and array.ndim == len(desc.shape):
            for got, need in zip(array.shape, desc.shape):
                if need >= 0 and got != need:
                    raise InferError(f"input {i} ({desc.name}): shape {list(array.shape)}, the "
                                     f"model expects {desc.shape}")
        if array.nbytes != desc.realsize:
            raise InferError(f"input {i} ({desc.name}): shape {list(array.shape)} is "
                             f"{array.nbytes} bytes, the model expects {desc.realsize} bytes "
                             f"(shape {desc.shape} {desc.datatype.name})")

    # ----- summary and teardown -----
    def summary(self):
        """exec_time_list: ms of every acl.mdl.execute since the session started (or the last
        reset_sumaryinfo)."""
        return Summary(list(self.session.exec_time_list))

    sumary = summary  # ais_bench's spelling

    def reset_sumaryinfo(self):
        self.session.exec_time_list.clear()

    def free_resource(self):
        """Unloads the model and frees its buffers (the process stays initialized)."""
        self.session.free()

    def finalize(self):
        """free_resource, then acl.finalize when no other session is alive and ais_bench
        initialized acl."""
        self.session.free()
        RUNTIME.finalize()
