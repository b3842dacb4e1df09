"""acl.op single-operator execution through the Python module: op models compiled by our atc
(--singleop), loaded with acl.op.load (repeatable) or acl.op.set_model_dir (once per process:
exercised in a subprocess), executed with execute_v2 / execute / cast / handles / online compile,
and the single-op samples run end to end.

Run: PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_op_single.py
"""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import acl
from conftest import (ACL_FLOAT, ACL_FLOAT16, ACL_FORMAT_ND, ACL_INT32, ACL_MEM_MALLOC_HUGE_FIRST,
                      ACL_MEMCPY_DEVICE_TO_HOST, ACL_MEMCPY_HOST_TO_DEVICE, ACL_SUCCESS)

ACL_ERROR_REPEAT_INITIALIZE = 100002
ACL_ERROR_OP_NOT_FOUND = 100024
ACL_ENGINE_SYS = 0
ACL_COMPILE_SYS = 0
BUILD = os.path.dirname(os.path.dirname(os.path.abspath(acl.__file__)))
ATC = os.path.join(BUILD, "bin", "atc")
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "samples", "python", "single_op")

pytestmark = pytest.mark.skipif(not os.path.exists(ATC), reason="atc not built in " + BUILD)


def nd(dtype, shape, **extra):
    d = {"format": "ND", "shape": shape, "type": dtype}
    d.update(extra)
    return d


def compile_ops(tmp_path, ops):
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "ops.json"
    path.write_text(json.dumps(ops))
    out = tmp_path / "op_models"
    r = subprocess.run([ATC, "--singleop=" + str(path), "--output=" + str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return out


def load_op(tmp_path, op):
    out = compile_ops(tmp_path, [op])
    (om,) = list(out.iterdir())
    data = om.read_bytes()
    ret = acl.op.load(acl.util.bytes_to_ptr(data), len(data))
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()


class Dev:
    """Device copy of a numpy array (or an empty allocation of `nbytes`)."""

    def __init__(self, array=None, nbytes=None):
        self.nbytes = array.nbytes if array is not None else nbytes
        self.ptr, ret = acl.rt.malloc(self.nbytes, ACL_MEM_MALLOC_HUGE_FIRST)
        assert ret == ACL_SUCCESS
        if array is not None:
            array = np.ascontiguousarray(array)
            assert acl.rt.memcpy(self.ptr, self.nbytes, acl.util.numpy_to_ptr(array), self.nbytes,
                                 ACL_MEMCPY_HOST_TO_DEVICE) == ACL_SUCCESS
        self.buf = acl.create_data_buffer(self.ptr, self.nbytes)

    def read(self, dtype):
        host = np.zeros(self.nbytes // np.dtype(dtype).itemsize, dtype=dtype)
        assert acl.rt.memcpy(acl.util.numpy_to_ptr(host), self.nbytes, self.ptr, self.nbytes,
                             ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
        return host

    def free(self):
        acl.destroy_data_buffer(self.buf)
        acl.rt.free(self.ptr)


def test_add_execute_v2_and_mismatch(stream, tmp_path):
    load_op(tmp_path, {"op": "Add", "input_desc": [nd("int32", [8, 16])] * 2,
                       "output_desc": [nd("int32", [8, 16])]})
    a = np.arange(128, dtype=np.int32).reshape(8, 16)
    b = np.full((8, 16), 7, dtype=np.int32)
    da, db, dy = Dev(a), Dev(b), Dev(nbytes=a.nbytes)
    descs = [acl.create_tensor_desc(ACL_INT32, [8, 16], ACL_FORMAT_ND) for _ in range(3)]
    attr = acl.op.create_attr()
    ret = acl.op.execute_v2("Add", descs[:2], [da.buf, db.buf], descs[2:], [dy.buf], attr, stream)
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    np.testing.assert_array_equal(dy.read(np.int32).reshape(8, 16), a + b)
    # Same op, other dtype: not loaded.
    fdesc = acl.create_tensor_desc(ACL_FLOAT, [8, 16], ACL_FORMAT_ND)
    ret = acl.op.execute_v2("Add", [fdesc, fdesc], [da.buf, db.buf], [fdesc], [dy.buf], attr,
                            stream)
    assert ret == ACL_ERROR_OP_NOT_FOUND
    assert "input 0 data type: int32 loaded, float asked" in acl.get_recent_err_msg()
    acl.destroy_tensor_desc(fdesc)
    for d in descs:
        acl.destroy_tensor_desc(d)
    acl.op.destroy_attr(attr)
    for x in (da, db, dy):
        x.free()


def test_cast_argmax_v2_const_and_handle(stream, tmp_path):
    load_op(tmp_path / "cast", {"op": "Cast", "input_desc": [nd("float", [2, 6])],
                                "output_desc": [nd("float16", [2, 6])]})
    load_op(tmp_path / "argmax", {
        "op": "ArgMaxV2",
        "input_desc": [nd("float16", [2, 6]),
                       nd("int32", [1], is_const=True, const_value=[1])],
        "output_desc": [nd("int32", [2])]})
    x = np.array([[0.5, 3, 1, 2, 0, -1], [9, 1, 1, 1, 1, 10]], dtype=np.float32)
    dx, dh, dy = Dev(x), Dev(nbytes=24), Dev(nbytes=8)
    f32 = acl.create_tensor_desc(ACL_FLOAT, [2, 6], ACL_FORMAT_ND)
    f16 = acl.create_tensor_desc(ACL_FLOAT16, [2, 6], ACL_FORMAT_ND)
    assert acl.op.cast(f32, dx.buf, f16, dh.buf, 0, stream) == ACL_SUCCESS, \
        acl.get_recent_err_msg()
    axis = np.array([1], dtype=np.int32)
    axis_desc = acl.create_tensor_desc(ACL_INT32, [1], ACL_FORMAT_ND)
    assert acl.set_tensor_const(axis_desc, acl.util.numpy_to_ptr(axis), 4) == ACL_SUCCESS
    none = acl.create_data_buffer(0, 0)
    out = acl.create_tensor_desc(ACL_INT32, [2], ACL_FORMAT_ND)
    ret = acl.op.execute_v2("ArgMaxV2", [f16, axis_desc], [dh.buf, none], [out], [dy.buf], 0,
                            stream)
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    np.testing.assert_array_equal(dh.read(np.float16).reshape(2, 6), x.astype(np.float16))
    np.testing.assert_array_equal(dy.read(np.int32), [1, 5])
    # The same through a handle.
    handle, ret = acl.op.create_handle("ArgMaxV2", [f16, axis_desc], [out], 0)
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    assert acl.op.execute_with_handle(handle, [dh.buf, none], [dy.buf], stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    acl.op.destroy_handle(handle)
    cast_handle, ret = acl.op.create_handle_for_cast(f32, f16, 0)
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    acl.op.destroy_handle(cast_handle)
    for d in (f32, f16, axis_desc, out):
        acl.destroy_tensor_desc(d)
    acl.destroy_data_buffer(none)
    for b in (dx, dh, dy):
        b.free()


def test_list_attrs_and_online_compile(stream):
    x = np.arange(12, dtype=np.float32).reshape(3, 4)
    dx, dy = Dev(x), Dev(nbytes=48)
    din = acl.create_tensor_desc(ACL_FLOAT, [3, 4], ACL_FORMAT_ND)
    dout = acl.create_tensor_desc(ACL_FLOAT, [4, 3], ACL_FORMAT_ND)
    attr = acl.op.create_attr()
    assert acl.op.set_attr_list_int(attr, "perm", [1, 0]) == ACL_SUCCESS
    ret = acl.op.execute_v2("TransposeD", [din], [dx.buf], [dout], [dy.buf], attr, stream)
    assert ret == ACL_ERROR_OP_NOT_FOUND  # not loaded, JIT off
    ret = acl.op.compile_and_execute_v2("TransposeD", [din], [dx.buf], [dout], [dy.buf], attr,
                                        ACL_ENGINE_SYS, ACL_COMPILE_SYS, None, stream)
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    np.testing.assert_array_equal(dy.read(np.float32).reshape(4, 3), x.T)
    # Compiled once: plain execute_v2 finds it now.
    assert acl.op.execute_v2("TransposeD", [din], [dx.buf], [dout], [dy.buf], attr,
                             stream) == ACL_SUCCESS
    assert acl.rt.synchronize_stream(stream) == ACL_SUCCESS
    acl.op.destroy_attr(attr)
    acl.destroy_tensor_desc(din)
    acl.destroy_tensor_desc(dout)
    dx.free()
    dy.free()


SET_MODEL_DIR_SCRIPT = r"""
import sys, acl
assert acl.init() == 0 and acl.rt.set_device(0) == 0
assert acl.op.set_model_dir(sys.argv[1] + "/missing") != 0
assert acl.op.set_model_dir(sys.argv[1]) == 0, acl.get_recent_err_msg()
print("second", acl.op.set_model_dir(sys.argv[1]))
acl.rt.reset_device(0); acl.finalize()
"""


def test_set_model_dir_once_per_process(tmp_path):
    out = compile_ops(tmp_path, [{"op": "Relu", "input_desc": [nd("float", [4])],
                                  "output_desc": [nd("float", [4])]}])
    r = subprocess.run([sys.executable, "-c", SET_MODEL_DIR_SCRIPT, str(out)],
                       capture_output=True, text=True, env=dict(os.environ))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "second %d" % ACL_ERROR_REPEAT_INITIALIZE in r.stdout


def test_atc_singleop_errors_name_the_entry(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([
        {"op": "Relu", "input_desc": [nd("float", [4])], "output_desc": [nd("float", [4])]},
        {"op": "ArgMaxD", "input_desc": [nd("float", [2, 3])], "output_desc": [nd("int32", [2])],
         "attr": [{"name": "axis", "type": "int", "value": 1}]}]))
    r = subprocess.run([ATC, "--singleop=" + str(path), "--output=" + str(tmp_path / "o")],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "entry 1 (ArgMaxD)" in r.stderr and "unknown attr 'axis'" in r.stderr, r.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_python_sample_end_to_end(tmp_path):
    env = dict(os.environ)
    r = subprocess.run([sys.executable, os.path.join(SAMPLE, "gen_model.py"), "--out",
                        str(tmp_path)], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    for args in (["--model=tiny_classifier.onnx", "--framework=5",
                  "--output=model/tiny_classifier"],
                 ["--singleop=op_list.json", "--output=op_models"]):
        r = subprocess.run([ATC] + args, cwd=tmp_path, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([sys.executable, os.path.join(SAMPLE, "single_op.py")], cwd=tmp_path,
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    label = [l for l in r.stdout.splitlines() if "label of classification result is:" in l]
    ref = [l for l in r.stdout.splitlines() if l.startswith("[Model] top-1")]
    assert label and ref and label[0].split(":")[-1].strip() == ref[0].split(":")[-1].strip()
    assert "(correct)" in r.stdout
    cpp = os.path.join(BUILD, "bin", "sample_single_op")
    if os.path.exists(cpp):
        r = subprocess.run([cpp], cwd=tmp_path, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        assert "single-op sample success" in r.stdout
