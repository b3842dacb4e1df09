"""One loaded .om model on pyACL: its input/output descriptions, the dynamic gear or shape chosen
for the next runs, device buffers, and a run (H2D copy, `loop` timed acl.mdl.execute calls, D2H
copy of the outputs with this run's shapes).

Dynamic models (acl-api.md §2.10): a gear model has the extra input `ascend_mbatch_shape_data`,
hidden from get_inputs() and filled through acl.mdl.set_dynamic_batch_size / set_dynamic_hw_size /
set_input_dynamic_dims; a dynamic-shape run sets each input's tensor desc on the input dataset;
an output whose size is decided at run time (size 0 in the description) needs a buffer size from
set_custom_outsize, and its shape is read from the output dataset's tensor desc after the run."""
import atexit
import os
import time
import weakref

import numpy as np

import acl

from ais_bench.infer import dynamic_args
from ais_bench.infer.acl_runtime import (ACL_DYNAMIC_TENSOR_NAME, ACL_MEM_MALLOC_HUGE_FIRST,
                                         ACL_MEMCPY_DEVICE_TO_HOST, ACL_MEMCPY_HOST_TO_DEVICE,
                                         ACL_SUCCESS, RUNTIME, check, numpy_type, to_dtype)
from ais_bench.infer.utils import InferError, logger

LIVE_SESSIONS = weakref.WeakSet()


class TensorDesc:
    """What get_inputs()/get_outputs() return: name, datatype (dtype enum), format, shape (-1 at
    dynamic positions), size (bytes in the model description: the largest gear; 0 when decided at
    run time) and realsize (bytes for the gear or shape set now)."""
    __slots__ = ("name", "datatype", "format", "shape", "size", "realsize")

    def __init__(self, name, datatype, fmt, shape, size):
        self.name, self.datatype, self.format = name, datatype, fmt
        self.shape, self.size, self.realsize = list(shape), size, size

    def __repr__(self):
        return (f"TensorDesc(name={self.name!r}, shape={self.shape}, datatype={self.datatype}, "
                f"size={self.size}, realsize={self.realsize})")


class MemorySummary:
    """H2D / D2H copy times (ms) of every run, as aclruntime.MemorySummary keeps them."""
    H2D_time_list = []
    D2H_time_list = []

    @staticmethod
    def get_H2D_time_list():  # noqa: N802 (ais_bench's name)
        return list(MemorySummary.H2D_time_list)

    @staticmethod
    def get_D2H_time_list():  # noqa: N802
        return list(MemorySummary.D2H_time_list)

    @staticmethod
    def reset():
        MemorySummary.H2D_time_list.clear()
        MemorySummary.D2H_time_list.clear()


def _shape_of(dims_result):
    dims, ret = dims_result
    return list(dims["dims"]) if ret == ACL_SUCCESS else []


def _element_count(shape):
    return int(np.prod(shape, dtype=np.int64)) if shape else 1


class ModelSession:
    def __init__(self, device_id, model_path, acl_json_path=None, debug=False):
        self.device_id, self.model_path, self.debug = device_id, model_path, debug
        self.model_id = self.model_desc = None
        self.device_buffers = {}  # key -> (ptr, bytes)
        self.exec_time_list = []
        self.loop = 1
        self.custom_sizes = []
        self.dynamic = ("static",)
        self.holds_device = False
        if not isinstance(device_id, int) or device_id < 0:
            raise InferError(f"device_id {device_id!r} must be a non-negative integer")
        if not isinstance(model_path, str) or not model_path:
            raise InferError(f"model_path {model_path!r} must be the path of an .om file")
        if not os.path.isfile(model_path):
            raise InferError(f"model file {model_path} does not exist")
        if acl_json_path is not None and not os.path.isfile(acl_json_path):
            raise InferError(f"acl_json_path {acl_json_path} does not exist")
        RUNTIME.init(acl_json_path)
        RUNTIME.use_device(device_id)
        self.holds_device = True
        try:
            model_id, ret = acl.mdl.load_from_file(model_path)
            check(ret, f"load model {model_path}")
            self.model_id = model_id
            logger.debug(f"load model {model_path} success")
            self.model_desc = acl.mdl.create_desc()
            check(acl.mdl.get_desc(self.model_desc, model_id), "acl.mdl.get_desc")
            self._describe()
        except BaseException:
            self.free()
            RUNTIME.finalize()  # a failed load leaves acl as it found it (when nothing else runs)
            raise
        LIVE_SESSIONS.add(self)

    # ----- description -----
    def _describe(self):
        desc = self.model_desc
        n_in = acl.mdl.get_num_inputs(desc)
        names = [acl.mdl.get_input_name_by_index(desc, i) for i in range(n_in)]
        self.dynamic_index = names.index(ACL_DYNAMIC_TENSOR_NAME) if ACL_DYNAMIC_TENSOR_NAME in names else None
        self.input_indices = [i for i in range(n_in) if i != self.dynamic_index]
        self.inputs = [TensorDesc(names[i], to_dtype(acl.mdl.get_input_data_type(desc, i)),
                                  acl.mdl.get_input_format(desc, i),
                                  _shape_of(acl.mdl.get_input_dims(desc, i)),
                                  acl.mdl.get_input_size_by_index(desc, i))
                       for i in self.input_indices]
        self.outputs = [TensorDesc(acl.mdl.get_output_name_by_index(desc, i),
                                   to_dtype(acl.mdl.get_output_data_type(desc, i)),
                                   acl.mdl.get_output_format(desc, i),
                                   _shape_of(acl.mdl.get_output_dims(desc, i)),
                                   acl.mdl.get_output_size_by_index(desc, i))
                        for i in range(acl.mdl.get_num_outputs(desc))]
        batch, ret = acl.mdl.get_dynamic_batch(desc)
        self.batch_gears = list(batch["batch"][:batch["batchCount"]]) if ret == ACL_SUCCESS else []
        hw, ret = acl.mdl.get_dynamic_hw(desc, -1)
        self.hw_gears = [tuple(p) for p in hw["hw"][:hw["hwCount"]]] if ret == ACL_SUCCESS else []
        count, ret = acl.mdl.get_input_dynamic_gear_count(desc, -1)
        self.dims_gears = []
        if ret == ACL_SUCCESS and count > 0:
            gears, ret = acl.mdl.get_input_dynamic_dims(desc, -1, count)
            check(ret, "acl.mdl.get_input_dynamic_dims")
            self.dims_gears = [list(g["dims"][:g["dimCount"]]) for g in gears]

    def input_names(self):
        return [t.name for t in self.inputs]

    def gear_kind(self):
        """'dymbatch', 'dymhw', 'dymdims' or None: the gears atc compiled into the model."""
        if self.batch_gears:
            return "dymbatch"
        if self.hw_gears:
            return "dymhw"
        if self.dims_gears:
            return "dymdims"
        return None

    def __str__(self):
        def rows(tensors):
            return "".join(f"  #{i}    {t.name}  ({', '.join(str(d) for d in t.shape)})  "
                           f"{t.datatype.name}  {t.size}  {t.realsize}\n"
                           for i, t in enumerate(tensors))
        return (f"<Model>\ndevice:\t{self.device_id}\ninput:\n{rows(self.inputs)}"
                f"output:\n{rows(self.outputs)}")

    # ----- dynamic settings -----
    def _reset_realsizes(self):
        for t in self.inputs:
            t.realsize = t.size

    def set_static(self):
        self._reset_realsizes()
        self.dynamic = ("static",)

    def set_dynamic_batchsize(self, batch):
        batch = int(batch)
        if not self.batch_gears:
            raise InferError(f"model {self.model_path} has no dynamic batch gears (compile it with "
                             "atc --dynamic_batch_size to use --dymBatch / set_dynamic_batchsize)")
        if batch not in self.batch_gears:
            raise InferError(f"batch size {batch} is not one of the model's dynamic batch gears "
                             f"{self.batch_gears}")
        largest = max(self.batch_gears)
        self._reset_realsizes()
        for t in self.inputs:
            if -1 in t.shape:
                t.realsize = t.size * batch // largest
        self.dynamic = ("batch", batch)

    def set_dynamic_hw(self, height, width):
        height, width = int(height), int(width)
        if not self.hw_gears:
            raise InferError(f"model {self.model_path} has no dynamic image size gears (compile it "
                             "with atc --dynamic_image_size to use --dymHW / set_dynamic_hw)")
        if (height, width) not in self.hw_gears:
            raise InferError(f"image size {height},{width} is not one of the model's dynamic "
                             f"image size gears {[list(g) for g in self.hw_gears]}")
        largest = max(h * w for h, w in self.hw_gears)
        self._reset_realsizes()
        for t in self.inputs:
            if -1 in t.shape:
                t.realsize = t.size * height * width // largest
        self.dynamic = ("hw", height, width)

    def set_dynamic_dims(self, text):
        if not self.dims_gears:
            raise InferError(f"model {self.model_path} has no dynamic dims gears (compile it with "
                             "atc --dynamic_dims to use --dymDims / set_dynamic_dims)")
        shapes = dynamic_args.shapes_by_input(text, "--dymDims", self.input_names())
        dims = [d for t in self.inputs for d in shapes[t.name]]
        if dims not in self.dims_gears:
            gears = "; ".join(",".join(str(d) for d in g) for g in self.dims_gears)
            raise InferError(f"dims '{text}' are not one of the model's dynamic dims gears "
                             f"(each gear is every input's shape in input order: {gears})")
        for t in self.inputs:
            t.realsize = _element_count(shapes[t.name]) * numpy_type(t.datatype).itemsize
        self.dynamic = ("dims", dims)

    def set_dynamic_shape(self, text):
        shapes = dynamic_args.shapes_by_input(text, "--dymShape", self.input_names())
        for t in self.inputs:
            shape = shapes[t.name]
            if len(t.shape) not in (0, len(shape)) and -2 not in t.shape:
                raise InferError(f"--dymShape gives input '{t.name}' {len(shape)} dimensions, "
                                 f"the model's has {len(t.shape)} ({t.shape})")
            for want, got in zip(t.shape, shape):
                if want >= 0 and want != got:
                    raise InferError(f"--dymShape gives input '{t.name}' shape {shape}, but the "
                                     f"model fixes it to {t.shape}")
            t.realsize = _element_count(shape) * numpy_type(t.datatype).itemsize
        self.dynamic = ("shape", [shapes[t.name] for t in self.inputs])

    def set_custom_outsize(self, sizes):
        sizes = [int(s) for s in sizes]
        if any(s <= 0 for s in sizes):
            raise InferError(f"custom output sizes {sizes} must be positive byte counts")
        if len(sizes) > len(self.outputs):
            raise InferError(f"{len(sizes)} custom output sizes for a model with "
                             f"{len(self.outputs)} outputs")
        self.custom_sizes = sizes

    # ----- buffers -----
    def _device_buffer(self, key, size):
        ptr, have = self.device_buffers.get(key, (0, -1))
        if have != size:
            if ptr:
                acl.rt.free(ptr)
                del self.device_buffers[key]
            ptr, ret = acl.rt.malloc(max(size, 1), ACL_MEM_MALLOC_HUGE_FIRST)
            check(ret, f"acl.rt.malloc({size}) for {key[0]} {key[1]}")
            self.device_buffers[key] = (ptr, size)
        return ptr

    def output_buffer_size(self, i):
        out = self.outputs[i]
        size = self.custom_sizes[i] if i < len(self.custom_sizes) else out.size
        if size <= 0:
            raise InferError(f"output {i} ({out.name}) has a size decided at run time: give its "
                             "buffer size in bytes with --outputSize / set_custom_outsize / "
                             "infer(custom_sizes=...)")
        return size

    def check_inputs(self, arrays):
        """Contiguous numpy arrays whose byte sizes are the inputs' realsize."""
        if len(arrays) != len(self.inputs):
            raise InferError(f"model has {len(self.inputs)} inputs "
                             f"({', '.join(self.input_names())}), got {len(arrays)}")
        checked = []
        for i, (t, a) in enumerate(zip(self.inputs, arrays)):
            if not isinstance(a, np.ndarray):
                raise InferError(f"input {i} ({t.name}): expected a numpy array, got {type(a).__name__}")
            a = np.ascontiguousarray(a)
            if a.nbytes != t.realsize:
                raise InferError(f"input {i} ({t.name}): got {a.nbytes} bytes ({a.dtype} "
                                 f"{list(a.shape)}), the model needs {t.realsize} "
                                 f"({t.datatype.name} {t.shape})")
            checked.append(a)
        return checked

    def check_dynamic_ready(self):
        kind = self.gear_kind()
        wanted = {"dymbatch": "batch", "dymhw": "hw", "dymdims": "dims"}.get(kind)
        if wanted and self.dynamic[0] != wanted:
            option = {"batch": "--dymBatch / set_dynamic_batchsize", "hw": "--dymHW / set_dynamic_hw",
                      "dims": "--dymDims / set_dynamic_dims"}[wanted]
            gears = {"batch": self.batch_gears, "hw": [list(g) for g in self.hw_gears],
                     "dims": self.dims_gears}[wanted]
            raise InferError(f"model {self.model_path} has {kind} gears {gears}: choose one with "
                             f"{option} before running")

    # ----- run -----
    def run(self, arrays):
        """Runs `loop` times on the inputs; returns the outputs as numpy arrays."""
        arrays = self.check_inputs(arrays)
        self.check_dynamic_ready()
        RUNTIME.make_current(self.device_id)
        in_ds, out_ds = acl.mdl.create_dataset(), acl.mdl.create_dataset()
        data_buffers, tensor_descs = [], []
        try:
            self._fill_inputs(in_ds, arrays, data_buffers)
            out_sizes = self._fill_outputs(out_ds, data_buffers)
            self._apply_dynamic(in_ds, tensor_descs)
            for _ in range(max(1, self.loop)):
                start = time.perf_counter()
                ret = acl.mdl.execute(self.model_id, in_ds, out_ds)
                cost = (time.perf_counter() - start) * 1000.0
                check(ret, f"acl.mdl.execute of {self.model_path}")
                if self.debug:
                    print(f"[DEBUG] model aclExec cost : {cost:f}")
                self.exec_time_list.append(cost)
            return [self._read_output(out_ds, i, out_sizes[i]) for i in range(len(self.outputs))]
        finally:
            for b in data_buffers:
                acl.destroy_data_buffer(b)
            acl.mdl.destroy_dataset(in_ds)
            acl.mdl.destroy_dataset(out_ds)
            for d in tensor_descs:
                acl.destroy_tensor_desc(d)

    def _add(self, dataset, ptr, size, data_buffers):
        buf = acl.create_data_buffer(ptr, size)
        if not buf:
            check(1, "acl.create_data_buffer")
        data_buffers.append(buf)
        _, ret = acl.mdl.add_dataset_buffer(dataset, buf)
        check(ret, "acl.mdl.add_dataset_buffer")

    def _fill_inputs(self, in_ds, arrays, data_buffers):
        by_model_index = dict(zip(self.input_indices, arrays))
        sizes = dict(zip(self.input_indices, (t.size for t in self.inputs)))
        for index in range(len(self.input_indices) + (self.dynamic_index is not None)):
            if index == self.dynamic_index:
                size = acl.mdl.get_input_size_by_index(self.model_desc, index)
                self._add(in_ds, self._device_buffer(("gear input", index), size), size, data_buffers)
                continue
            a = by_model_index[index]
            # A gear model's buffer has the largest gear's size, as the Ascend samples allocate
            # it (aclmdlGetInputSizeByIndex); this run's data fills its start.
            size = max(a.nbytes, sizes[index])
            ptr = self._device_buffer(("input", index), size)
            if a.nbytes:
                start = time.perf_counter()
                check(acl.rt.memcpy(ptr, a.nbytes, acl.util.numpy_to_ptr(a), a.nbytes,
                                    ACL_MEMCPY_HOST_TO_DEVICE), f"copy of input {index} to the device")
                MemorySummary.H2D_time_list.append((time.perf_counter() - start) * 1000.0)
            self._add(in_ds, ptr, size, data_buffers)

    def _fill_outputs(self, out_ds, data_buffers):
        sizes = [self.output_buffer_size(i) for i in range(len(self.outputs))]
        for i, size in enumerate(sizes):
            self._add(out_ds, self._device_buffer(("output", i), size), size, data_buffers)
        return sizes

    def _apply_dynamic(self, in_ds, tensor_descs):
        kind, index = self.dynamic[0], self.dynamic_index
        if kind == "batch":
            check(acl.mdl.set_dynamic_batch_size(self.model_id, in_ds, index, self.dynamic[1]),
                  f"acl.mdl.set_dynamic_batch_size({self.dynamic[1]})")
        elif kind == "hw":
            check(acl.mdl.set_dynamic_hw_size(self.model_id, in_ds, index, *self.dynamic[1:]),
                  f"acl.mdl.set_dynamic_hw_size{self.dynamic[1:]}")
        elif kind == "dims":
            dims = self.dynamic[1]
            check(acl.mdl.set_input_dynamic_dims(self.model_id, in_ds, index,
                                                 {"name": "", "dimCount": len(dims), "dims": dims}),
                  f"acl.mdl.set_input_dynamic_dims({dims})")
        elif kind == "shape":
            for t, index, shape in zip(self.inputs, self.input_indices, self.dynamic[1]):
                desc = acl.create_tensor_desc(int(t.datatype), shape, t.format)
                if not desc:
                    check(1, f"acl.create_tensor_desc for input {t.name}")
                tensor_descs.append(desc)
                _, ret = acl.mdl.set_dataset_tensor_desc(in_ds, desc, index)
                check(ret, f"acl.mdl.set_dataset_tensor_desc for input {t.name} {shape}")

    def _output_shape(self, out_ds, i, buffer_size, itemsize):
        desc = acl.mdl.get_dataset_tensor_desc(out_ds, i)
        if desc:
            n = acl.get_tensor_desc_num_dims(desc)
            dims = [acl.get_tensor_desc_dim_v2(desc, k) for k in range(max(n, 0))]
            if all(ret == ACL_SUCCESS and d >= 0 for d, ret in dims):
                return [d for d, _ in dims]
        dims, ret = acl.mdl.get_cur_output_dims(self.model_desc, i)
        if ret == ACL_SUCCESS and all(d >= 0 for d in dims["dims"]):
            return list(dims["dims"])
        return [buffer_size // itemsize]  # shape unknown: the whole buffer, flat

    def _read_output(self, out_ds, i, buffer_size):
        out = self.outputs[i]
        np_type = numpy_type(out.datatype)
        shape = self._output_shape(out_ds, i, buffer_size, np_type.itemsize)
        host = np.empty(shape, dtype=np_type)
        if host.nbytes > buffer_size:
            raise InferError(f"output {i} ({out.name}) of shape {shape} needs {host.nbytes} bytes, "
                             f"its buffer has {buffer_size}")
        if host.nbytes:
            ptr, _ = self.device_buffers[("output", i)]
            start = time.perf_counter()
            check(acl.rt.memcpy(acl.util.numpy_to_ptr(host), host.nbytes, ptr, host.nbytes,
                                ACL_MEMCPY_DEVICE_TO_HOST), f"copy of output {i} ({out.name}) to the host")
            MemorySummary.D2H_time_list.append((time.perf_counter() - start) * 1000.0)
        return host

    # ----- teardown -----
    def free(self):
        """Frees the device buffers, unloads the model, releases the device. Idempotent."""
        if not self.holds_device:
            return
        if RUNTIME.initialized:
            RUNTIME.make_current(self.device_id)
            for ptr, _ in self.device_buffers.values():
                acl.rt.free(ptr)
            if self.model_id is not None:
                acl.mdl.unload(self.model_id)
            if self.model_desc:
                acl.mdl.destroy_desc(self.model_desc)
            RUNTIME.release_device(self.device_id)
        self.device_buffers.clear()
        self.model_id = self.model_desc = None
        self.holds_device = False
        LIVE_SESSIONS.discard(self)

    def __del__(self):
        try:
            self.free()
        except Exception:  # interpreter shutdown: acl may already be gone
            pass


@atexit.register
def _free_sessions_at_exit():
    """Sessions still alive at exit give their models and devices back before acl.finalize."""
    for session in list(LIVE_SESSIONS):
        session.free()
    RUNTIME.finalize()
