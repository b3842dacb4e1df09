"""InferSession (ais_bench.infer.interface) on a static model, a data-dependent model (NonZero)
and the dynamic-gear models: descriptions, infer/run, summary, errors naming the input, teardown.
Outputs are checked against numpy and onnxruntime-node."""
import numpy as np
import pytest

import acl
from ais_bench.infer.interface import InferSession, MemorySummary, dtype
from conftest import run_ort

RNG = np.random.RandomState(7)


@pytest.fixture
def tiny(models):
    session = InferSession(0, models.om["tiny"])
    yield session
    session.finalize()


def test_descriptions(tiny):
    ins, outs = tiny.get_inputs(), tiny.get_outputs()
    assert [t.name for t in ins] == ["x", "y"]
    assert [t.name for t in outs] == ["z", "pos"]
    for t in ins:
        assert t.shape == [2, 3] and t.datatype == dtype.float32 and t.size == 24 == t.realsize
    assert outs[1].datatype == dtype.int32 and str(outs[1].datatype) == "dtype.int32"
    assert outs[0].size == outs[0].realsize == 24
    assert "#1    y  (2, 3)  float32  24  24" in str(tiny.session)


def test_infer_matches_numpy_and_onnxruntime(tiny, models, tmp_path):
    x, y = RNG.randn(2, 3).astype(np.float32), RNG.randn(2, 3).astype(np.float32)
    z, pos = tiny.infer([x, y])
    assert z.dtype == np.float32 and z.shape == (2, 3) and pos.dtype == np.int32
    np.testing.assert_allclose(z, np.maximum(x, 0) + y, rtol=1e-6)
    np.testing.assert_array_equal(pos, (x > 0).astype(np.int32))
    ort_z, ort_pos = run_ort(models.onnx["tiny"], {"x": x, "y": y}, str(tmp_path))
    np.testing.assert_allclose(z, ort_z, rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(pos, ort_pos)


def test_run_returns_tensors_or_arrays(tiny):
    x, y = np.ones((2, 3), np.float32), np.full((2, 3), 2, np.float32)
    tensors = tiny.run([x, y])
    tiny.convert_tensors_to_host(tensors)
    arrays = tiny.convert_tensors_to_arrays(tensors)
    np.testing.assert_array_equal(arrays[0], np.full((2, 3), 3, np.float32))
    assert tensors[0].shape == [2, 3]
    z, _ = tiny.run([x, y], out_array=True)
    np.testing.assert_array_equal(z, arrays[0])
    # run() takes raw bytes as the CLI reads .bin files: any dtype with the right byte size.
    raw = np.frombuffer(x.tobytes(), np.int8)
    z, _ = tiny.run([raw, y], out_array=True)
    np.testing.assert_array_equal(z, arrays[0])


def test_summary_and_loop(models):
    session = InferSession(0, models.om["tiny"], loop=5)
    x = np.zeros((2, 3), np.float32)
    MemorySummary.reset()
    session.infer([x, x])
    session.infer([x, x])
    times = session.summary().exec_time_list
    assert len(times) == 10 and all(t > 0 for t in times)
    assert session.sumary().exec_time_list == times  # ais_bench's spelling
    assert len(MemorySummary.get_H2D_time_list()) == 4  # two inputs, two runs
    assert len(MemorySummary.get_D2H_time_list()) == 4
    session.reset_sumaryinfo()
    assert session.summary().exec_time_list == []
    session.set_loop_count(1)
    session.infer([x, x])
    assert len(session.summary().exec_time_list) == 1
    with pytest.raises(RuntimeError, match="loop 0 must be a positive integer"):
        session.set_loop_count(0)
    session.finalize()


def test_wrong_inputs_name_the_input(tiny):
    x = np.zeros((2, 3), np.float32)
    with pytest.raises(RuntimeError, match=r"input 1 \(y\): dtype float64, the model expects float32"):
        tiny.infer([x, np.zeros((2, 3))])
    with pytest.raises(RuntimeError, match=r"input 0 \(x\): shape \[3, 2\], the model expects \[2, 3\]"):
        tiny.infer([np.zeros((3, 2), np.float32), x])
    with pytest.raises(RuntimeError, match=r"input 1 \(y\): shape \[7\] is 28 bytes, the model expects 24"):
        tiny.infer([x, np.zeros(7, np.float32)])
    with pytest.raises(RuntimeError, match=r"model has 2 inputs \(x, y\), got 1"):
        tiny.infer([x])
    with pytest.raises(RuntimeError, match="input 0: type str is not supported"):
        tiny.infer(["x", x])
    with pytest.raises(RuntimeError, match=r"input 0 \(x\): got 20 bytes"):
        tiny.run([np.zeros(5, np.float32), x])
    with pytest.raises(RuntimeError, match="mode 'bogus' is not one of"):
        tiny.infer([x, x], mode="bogus")
    # A flat array with the right element count is the same buffer: accepted, as on Ascend.
    z, _ = tiny.infer([x.reshape(6), x])
    assert z.shape == (2, 3)


def test_bad_session_arguments(models, tmp_path):
    with pytest.raises(RuntimeError, match="does not exist"):
        InferSession(0, str(tmp_path / "missing.om"))
    bad = tmp_path / "bad.om"
    bad.write_bytes(b"not a model")
    with pytest.raises(RuntimeError, match="load model .*bad.om failed"):
        InferSession(0, str(bad))
    with pytest.raises(RuntimeError, match="device_id -1"):
        InferSession(-1, models.om["tiny"])
    with pytest.raises(RuntimeError, match="acl_json_path .* does not exist"):
        InferSession(0, models.om["tiny"], acl_json_path=str(tmp_path / "none.json"))


def test_acl_json_and_debug(models, tmp_path, capsys):
    cfg = tmp_path / "acl.json"
    cfg.write_text("{}")
    session = InferSession(0, models.om["tiny"], acl_json_path=str(cfg), debug=True)
    session.infer([np.zeros((2, 3), np.float32)] * 2)
    out = capsys.readouterr().out
    assert "[DEBUG] model aclExec cost : " in out
    assert "session info:<Model>" in out
    session.finalize()
    import logging
    from ais_bench.infer.utils import logger
    logger.setLevel(logging.INFO)


def test_free_resource_then_use(models):
    session = InferSession(0, models.om["tiny"])
    session.free_resource()
    session.free_resource()  # idempotent
    with pytest.raises(RuntimeError, match="was freed"):
        session.infer([np.zeros((2, 3), np.float32)] * 2)
    # A new session after finalize initializes acl again.
    session.finalize()
    again = InferSession(0, models.om["tiny"])
    z, _ = again.infer([np.ones((2, 3), np.float32)] * 2)
    np.testing.assert_array_equal(z, np.full((2, 3), 2, np.float32))
    again.finalize()


def test_two_sessions_share_the_device(models):
    a = InferSession(0, models.om["tiny"])
    b = InferSession(0, models.om["batch4"])
    a.free_resource()  # b keeps the device and its context
    out, = b.infer([np.ones((4, 3), np.float32)])
    np.testing.assert_array_equal(out, np.full((4, 3), 3, np.float32))
    b.finalize()


def test_application_owned_acl_is_left_initialized(models):
    """A script that called acl.init itself keeps acl after the session finalizes."""
    from ais_bench.infer.acl_runtime import RUNTIME
    assert not RUNTIME.initialized  # every test before finalized its sessions
    assert acl.init() == 0
    session = InferSession(0, models.om["tiny"])
    session.infer([np.zeros((2, 3), np.float32)] * 2)
    session.finalize()
    assert acl.rt.set_device(0) == 0  # still initialized: a device can be opened
    assert acl.rt.reset_device(0) == 0
    assert acl.finalize() == 0


def test_data_dependent_output(models, tmp_path):
    session = InferSession(0, models.om["nonzero"])
    out = session.get_outputs()[0]
    assert out.size == 0 and out.datatype == dtype.int64
    x = np.array([[1, -1, 2], [-2, 3, -3]], dtype=np.float32)
    idx, = session.infer([x])  # default custom_sizes: 100000 bytes for the size-0 output
    np.testing.assert_array_equal(idx, np.array(np.nonzero(x > 0)))
    ort_idx, = run_ort(models.onnx["nonzero"], {"x": x}, str(tmp_path))
    np.testing.assert_array_equal(idx, ort_idx)
    idx, = session.infer([np.ones((2, 3), np.float32)], mode="dymshape", custom_sizes=[96])
    assert idx.shape == (2, 6)
    # A buffer too small for this run's output: ACL's message names the bytes needed.
    session.set_custom_outsize([8])
    with pytest.raises(RuntimeError, match="96 bytes"):
        session.run([np.ones((2, 3), np.float32)], out_array=True)
    session.finalize()


def test_data_dependent_output_needs_a_size(models):
    session = InferSession(0, models.om["nonzero"])
    with pytest.raises(RuntimeError, match=r"output 0 \(idx\) has a size decided at run time"):
        session.run([np.ones((2, 3), np.float32)])
    with pytest.raises(RuntimeError, match="must be positive"):
        session.set_custom_outsize([0])
    with pytest.raises(RuntimeError, match="2 custom output sizes for a model with 1 outputs"):
        session.set_custom_outsize([8, 8])
    session.set_custom_outsize(200)  # one int: the size of every output
    idx, = session.run([np.ones((2, 3), np.float32)], out_array=True)
    assert idx.shape == (2, 6)
    session.finalize()


def test_dynamic_shape_mode_on_static_inputs(tiny):
    x = np.ones((2, 3), np.float32)
    z, _ = tiny.infer([x, x], mode="dymshape", custom_sizes=24)
    np.testing.assert_array_equal(z, np.full((2, 3), 2, np.float32))
    with pytest.raises(RuntimeError, match=r"--dymShape gives input 'x' shape \[3, 3\], but the model fixes it to \[2, 3\]"):
        tiny.set_dynamic_shape("x:3,3;y:2,3")
    with pytest.raises(RuntimeError, match="the model has no input named 'q'"):
        tiny.set_dynamic_shape("x:2,3;q:2,3")
    with pytest.raises(RuntimeError, match="gives no shape for input 'y'"):
        tiny.set_dynamic_shape("x:2,3")


def test_gear_setters_on_a_static_model(tiny):
    with pytest.raises(RuntimeError, match="has no dynamic batch gears"):
        tiny.set_dynamic_batchsize(2)
    with pytest.raises(RuntimeError, match="has no dynamic image size gears"):
        tiny.set_dynamic_hw(8, 8)
    with pytest.raises(RuntimeError, match="has no dynamic dims gears"):
        tiny.set_dynamic_dims("x:2,3;y:2,3")
    with pytest.raises(RuntimeError, match="has no dynamic batch gears"):
        tiny.infer([np.zeros((2, 3), np.float32)] * 2, mode="dymbatch")


# ----- dynamic gears (skipped while atc cannot compile them) -----

def test_dynamic_batch(models, tmp_path):
    session = InferSession(0, models.gear("dymbatch"))
    assert [t.name for t in session.get_inputs()] == ["x"]  # the gear input is hidden
    assert session.get_inputs()[0].shape == [-1, 3]
    x = RNG.randn(2, 3).astype(np.float32)
    out, = session.infer([x], mode="dymbatch")
    np.testing.assert_allclose(out, x * 2 + 1, rtol=1e-6)
    assert session.get_inputs()[0].realsize == 2 * 3 * 4
    session.set_dynamic_batchsize(4)
    out, = session.infer([np.ones((4, 3), np.float32)])
    assert out.shape == (4, 3)
    with pytest.raises(RuntimeError, match=r"batch size 3 is not one of the model's dynamic batch gears \[1, 2, 4\]"):
        session.set_dynamic_batchsize(3)
    session.finalize()
    unset = InferSession(0, models.gear("dymbatch"))
    with pytest.raises(RuntimeError, match="choose one with --dymBatch"):
        unset.run([np.ones((4, 3), np.float32)])
    unset.finalize()


def test_dynamic_hw(models, tmp_path):
    session = InferSession(0, models.gear("dymhw"))
    img = RNG.rand(1, 3, 8, 8).astype(np.float32)
    out, = session.infer([img], mode="dymhw")
    np.testing.assert_allclose(out, img.mean(axis=(2, 3)), rtol=1e-5)
    session.set_dynamic_hw(16, 16)
    assert session.get_inputs()[0].realsize == 3 * 16 * 16 * 4
    with pytest.raises(RuntimeError, match="image size 9,9 is not one of"):
        session.set_dynamic_hw(9, 9)
    session.finalize()


def test_dynamic_dims(models):
    session = InferSession(0, models.gear("dymdims"))
    x = RNG.randn(2, 8).astype(np.float32)
    out, = session.infer([x], mode="dymdims")
    np.testing.assert_allclose(out, x.sum(), rtol=1e-5)
    with pytest.raises(RuntimeError, match="are not one of the model's dynamic dims gears"):
        session.set_dynamic_dims("x:2,4")
    session.finalize()
