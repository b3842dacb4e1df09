"""pyACL flow over gear models compiled by atc (--dynamic_batch_size, --dynamic_image_size): the
ascend_mbatch_shape_data input, the dict answers of the gear queries, and every gear's result
against the static model of that shape (and numpy)."""
import os
import subprocess

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import acl
from conftest import (ACL_FORMAT_ND, ACL_INT32, ACL_MEM_MALLOC_HUGE_FIRST,
                      ACL_MEMCPY_DEVICE_TO_HOST, ACL_MEMCPY_HOST_TO_DEVICE, ACL_SUCCESS)

ACL_ERROR_MODEL_NOT_DYNAMIC = 100019
ACL_ERROR_GE_SHAPE_INVALID = 145021
RNG = np.random.default_rng(7)
W = RNG.standard_normal((16, 4)).astype(np.float32)
B = RNG.standard_normal(4).astype(np.float32)
CONV_W = (RNG.standard_normal((4, 3, 3, 3)) * 0.2).astype(np.float32)


def atc_path():
    build_python = os.path.dirname(os.path.abspath(acl.__file__))
    return os.path.join(build_python, "..", "bin", "atc")


def atc(*args):
    proc = subprocess.run([atc_path(), *args], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def gemm_model(path):
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["x", "w", "b"], ["g"]),
         helper.make_node("Relu", ["g"], ["y"])],
        "gemm_relu",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 16])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])],
        [numpy_helper.from_array(W, "w"), numpy_helper.from_array(B, "b")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))


def conv_model(path):
    graph = helper.make_graph(
        [helper.make_node("Conv", ["x", "w"], ["c"], pads=[1, 1, 1, 1]),
         helper.make_node("Relu", ["c"], ["r"]),
         helper.make_node("GlobalAveragePool", ["r"], ["p"]),
         helper.make_node("Flatten", ["p"], ["y"])],
        "conv_pool",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 3, "H", "W"])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4])],
        [numpy_helper.from_array(CONV_W, "w")])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))


class Model:
    """A loaded model with device buffers of the description's sizes."""

    def __init__(self, path):
        self.id, ret = acl.mdl.load_from_file(str(path))
        assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
        self.desc = acl.mdl.create_desc()
        assert acl.mdl.get_desc(self.desc, self.id) == ACL_SUCCESS
        self.ins, self.outs = acl.mdl.create_dataset(), acl.mdl.create_dataset()
        self.in_ptrs, self.out_ptrs, self.bufs = [], [], []
        for i in range(acl.mdl.get_num_inputs(self.desc)):
            self._add(self.ins, acl.mdl.get_input_size_by_index(self.desc, i), self.in_ptrs)
        for i in range(acl.mdl.get_num_outputs(self.desc)):
            self._add(self.outs, acl.mdl.get_output_size_by_index(self.desc, i), self.out_ptrs)

    def _add(self, ds, size, ptrs):
        ptr, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
        assert ret == ACL_SUCCESS
        buf = acl.create_data_buffer(ptr, size)
        _, ret = acl.mdl.add_dataset_buffer(ds, buf)
        assert ret == ACL_SUCCESS
        ptrs.append((ptr, size))
        self.bufs.append(buf)

    def put(self, i, array):
        data = np.ascontiguousarray(array).tobytes()
        ptr, size = self.in_ptrs[i]
        assert len(data) <= size
        assert acl.rt.memcpy(ptr, size, acl.util.bytes_to_ptr(data), len(data),
                             ACL_MEMCPY_HOST_TO_DEVICE) == ACL_SUCCESS

    def get(self, i, shape):
        n = int(np.prod(shape)) * 4
        host = np.zeros(int(np.prod(shape)), dtype=np.float32)
        ptr, _ = self.out_ptrs[i]
        assert acl.rt.memcpy(acl.util.numpy_to_ptr(host), n, ptr, n,
                             ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
        return host.reshape(shape)

    def execute(self):
        ret = acl.mdl.execute(self.id, self.ins, self.outs)
        assert ret == ACL_SUCCESS, acl.get_recent_err_msg()

    def close(self):
        for b in self.bufs:
            acl.destroy_data_buffer(b)
        acl.mdl.destroy_dataset(self.ins)
        acl.mdl.destroy_dataset(self.outs)
        for ptr, _ in self.in_ptrs + self.out_ptrs:
            acl.rt.free(ptr)
        acl.mdl.destroy_desc(self.desc)
        acl.mdl.unload(self.id)


def run_static(path, x, out_shape):
    m = Model(path)
    m.put(0, x)
    m.execute()
    y = m.get(0, out_shape)
    m.close()
    return y


@pytest.fixture(scope="module")
def gemm_gears(tmp_path_factory):
    d = tmp_path_factory.mktemp("gears")
    onnx_path = d / "gemm.onnx"
    gemm_model(onnx_path)
    atc("--model=" + str(onnx_path), "--framework=5", "--output=" + str(d / "gemm_gears"),
        "--soc_version=Ascend310", "--input_shape=x:-1,16", "--dynamic_batch_size=1,2,4,8")
    statics = {}
    for b in (1, 2, 4, 8):
        atc("--model=" + str(onnx_path), "--framework=5", "--output=" + str(d / ("gemm_b%d" % b)),
            "--soc_version=Ascend310", "--input_shape=x:%d,16" % b)
        statics[b] = d / ("gemm_b%d.om" % b)
    return d / "gemm_gears.om", statics


def test_batch_gears_describe_and_run_like_ascendcl(context, gemm_gears):
    path, statics = gemm_gears
    m = Model(path)
    idx, ret = acl.mdl.get_input_index_by_name(m.desc, "ascend_mbatch_shape_data")
    assert ret == ACL_SUCCESS and idx == 1
    assert acl.mdl.get_input_size_by_index(m.desc, idx) == 4
    assert acl.mdl.get_input_data_type(m.desc, idx) == ACL_INT32
    assert acl.mdl.get_input_format(m.desc, idx) == ACL_FORMAT_ND
    dims, ret = acl.mdl.get_input_dims(m.desc, 0)
    assert ret == ACL_SUCCESS and dims["dims"] == [-1, 16]
    assert acl.mdl.get_input_size_by_index(m.desc, 0) == 8 * 16 * 4
    assert acl.mdl.get_output_size_by_index(m.desc, 0) == 8 * 4 * 4
    batch, ret = acl.mdl.get_dynamic_batch(m.desc)
    assert ret == ACL_SUCCESS and batch == {"batchCount": 4, "batch": [1, 2, 4, 8]}
    count, ret = acl.mdl.get_input_dynamic_gear_count(m.desc, -1)
    assert ret == ACL_SUCCESS and count == 4
    gears, ret = acl.mdl.get_input_dynamic_dims(m.desc, -1, count)
    assert ret == ACL_SUCCESS and [g["dims"] for g in gears] == [[1, 16], [2, 16], [4, 16], [8, 16]]
    for b in (4, 1, 8, 2):
        x = RNG.standard_normal((b, 16)).astype(np.float32)
        m.put(0, x)
        assert acl.mdl.set_dynamic_batch_size(m.id, m.ins, idx, b) == ACL_SUCCESS
        m.execute()
        cur, ret = acl.mdl.get_cur_output_dims(m.desc, 0)
        assert ret == ACL_SUCCESS and cur["dims"] == [b, 4]
        y = m.get(0, cur["dims"])
        np.testing.assert_allclose(y, np.maximum(x @ W + B, 0), rtol=1e-5, atol=1e-5)
        np.testing.assert_allclose(y, run_static(statics[b], x, (b, 4)), rtol=1e-6, atol=1e-6)
        desc = acl.mdl.get_dataset_tensor_desc(m.outs, 0)
        assert [acl.get_tensor_desc_dim_v2(desc, k)[0] for k in range(2)] == [b, 4]
    # Misuse: a gear not in the list, the wrong setter, a static model.
    assert acl.mdl.set_dynamic_batch_size(m.id, m.ins, idx, 3) == ACL_ERROR_GE_SHAPE_INVALID
    assert "1,2,4,8" in acl.get_recent_err_msg()
    assert acl.mdl.set_dynamic_hw_size(m.id, m.ins, idx, 8, 8) == ACL_ERROR_MODEL_NOT_DYNAMIC
    m.close()
    static = Model(statics[2])
    _, ret = acl.mdl.get_input_index_by_name(static.desc, "ascend_mbatch_shape_data")
    assert ret != ACL_SUCCESS
    batch, ret = acl.mdl.get_dynamic_batch(static.desc)
    assert ret == ACL_SUCCESS and batch["batchCount"] == 0
    static.close()


def test_image_size_gears_match_the_static_models(context, tmp_path):
    onnx_path = tmp_path / "conv.onnx"
    conv_model(onnx_path)
    atc("--model=" + str(onnx_path), "--framework=5", "--output=" + str(tmp_path / "conv_hw"),
        "--soc_version=Ascend310", "--input_shape=x:1,3,-1,-1",
        "--dynamic_image_size=8,8;12,16")
    m = Model(tmp_path / "conv_hw.om")
    idx, ret = acl.mdl.get_input_index_by_name(m.desc, "ascend_mbatch_shape_data")
    assert ret == ACL_SUCCESS
    hw, ret = acl.mdl.get_dynamic_hw(m.desc, idx)
    assert ret == ACL_SUCCESS and hw == {"hwCount": 2, "hw": [[8, 8], [12, 16]]}
    for h, w in ((12, 16), (8, 8)):
        atc("--model=" + str(onnx_path), "--framework=5",
            "--output=" + str(tmp_path / ("conv_%dx%d" % (h, w))), "--soc_version=Ascend310",
            "--input_shape=x:1,3,%d,%d" % (h, w))
        x = RNG.standard_normal((1, 3, h, w)).astype(np.float32)
        m.put(0, x)
        assert acl.mdl.set_dynamic_hw_size(m.id, m.ins, idx, h, w) == ACL_SUCCESS
        m.execute()
        want = run_static(tmp_path / ("conv_%dx%d.om" % (h, w)), x, (1, 4))
        np.testing.assert_allclose(m.get(0, (1, 4)), want, rtol=1e-6, atol=1e-6)
    m.close()


def test_atc_rejects_malformed_gear_flags_naming_flag_and_value(tmp_path):
    onnx_path = tmp_path / "gemm.onnx"
    gemm_model(onnx_path)
    base = [atc_path(), "--model=" + str(onnx_path), "--framework=5",
            "--output=" + str(tmp_path / "bad"), "--soc_version=Ascend310"]
    cases = [
        (["--input_shape=x:-1,16", "--dynamic_batch_size=1,2,2"], ["--dynamic_batch_size", "twice"]),
        (["--input_shape=x:-1,16", "--dynamic_batch_size=4"], ["--dynamic_batch_size", "2 to 100"]),
        (["--input_shape=x:-1,16", "--dynamic_batch_size=1,0"], ["value 0"]),
        (["--input_shape=x:1,-1", "--dynamic_batch_size=1,2"], ["first (batch) dim"]),
        (["--dynamic_batch_size=1,2"], ["needs --input_shape"]),
        (["--input_shape=x:-1,16", "--dynamic_batch_size=1,2", "--dynamic_dims=1;2",
          "--input_format=ND"], ["cannot be used together"]),
        (["--input_shape=x:-1,16", "--dynamic_dims=1;2"], ["--input_format=ND"]),
        (["--input_shape=x:-1,16", "--dynamic_image_size=8,8;16,16"], ["H and W"]),
        (["--input_shape=y:-1,16", "--dynamic_batch_size=1,2"], ["'y'"]),
    ]
    for extra, expected in cases:
        proc = subprocess.run(base + extra, capture_output=True, text=True)
        out = proc.stdout + proc.stderr
        assert proc.returncode != 0, extra
        assert "ATC run failed" in out, out
        for e in expected:
            assert e in out, (extra, out)


def test_msame_runs_each_batch_gear(tmp_path, gemm_gears):
    path, _ = gemm_gears
    msame = os.path.join(os.path.dirname(atc_path()), "msame")
    for b in (2, 8):
        x = RNG.standard_normal((b, 16)).astype(np.float32)
        x.tofile(tmp_path / "x.bin")
        out_dir = tmp_path / ("out%d" % b)
        proc = subprocess.run([msame, "--model", str(path), "--input", str(tmp_path / "x.bin"),
                               "--output", str(out_dir), "--outfmt", "BIN", "--dymBatch", str(b),
                               "--debug", "true"], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "DynamicBatch" in proc.stdout and "1 2 4 8" in proc.stdout
        files = [os.path.join(r, f) for r, _, fs in os.walk(out_dir) for f in fs if f.endswith(".bin")]
        assert len(files) == 1, files
        y = np.fromfile(files[0], dtype=np.float32)
        np.testing.assert_allclose(y.reshape(b, 4), np.maximum(x @ W + B, 0), rtol=1e-5, atol=1e-5)
    proc = subprocess.run([msame, "--model", str(path), "--dymBatch", "3"],
                          capture_output=True, text=True)
    assert proc.returncode != 0 and "1,2,4,8" in proc.stdout, proc.stdout


def test_if_with_equal_branch_shapes_reports_output_sizes(context, tmp_path):
    """An If on a computed condition whose branches both give [1,1]: static to the app."""
    one = helper.make_tensor("one", TensorProto.FLOAT, [1, 1], [1.0])
    then_g = helper.make_graph([helper.make_node("Add", ["x", "one"], ["t"])], "then", [],
                               [helper.make_tensor_value_info("t", TensorProto.FLOAT, None)], [one])
    else_g = helper.make_graph([helper.make_node("Sub", ["x", "one"], ["e"])], "else", [],
                               [helper.make_tensor_value_info("e", TensorProto.FLOAT, None)],
                               [helper.make_tensor("one", TensorProto.FLOAT, [1, 1], [1.0])])
    zero = helper.make_tensor("zero", TensorProto.FLOAT, [], [0.0])
    graph = helper.make_graph(
        [helper.make_node("ReduceSum", ["x"], ["s"], keepdims=0),
         helper.make_node("Greater", ["s", "zero"], ["c"]),
         helper.make_node("If", ["c"], ["y"], then_branch=then_g, else_branch=else_g),
         helper.make_node("Relu", ["y"], ["z"])],
        "if_static",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1])],
        [helper.make_tensor_value_info("z", TensorProto.FLOAT, None)], [zero])
    onnx_path = tmp_path / "if.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(onnx_path))
    atc("--model=" + str(onnx_path), "--framework=5", "--output=" + str(tmp_path / "if"),
        "--soc_version=Ascend310")
    m = Model(tmp_path / "if.om")
    assert acl.mdl.get_output_size_by_index(m.desc, 0) == 4
    dims, ret = acl.mdl.get_output_dims(m.desc, 0)
    assert ret == ACL_SUCCESS and dims["dims"] == [1, 1]
    for x, want in ((2.0, 3.0), (-3.0, 0.0), (0.5, 1.5)):
        m.put(0, np.array([[x]], dtype=np.float32))
        m.execute()
        assert m.get(0, (1, 1))[0, 0] == pytest.approx(want)
    m.close()
