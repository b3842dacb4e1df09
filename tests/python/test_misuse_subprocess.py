"""Misuse through `acl`, each probe in its own process (issue 12 §5/§6).

A probe that crashes the interpreter (segfault, abort) fails with the signal; a probe that hangs
fails on the timeout; otherwise the probe itself checks that the API returned the documented
error code with a message. Hostile models are generated here with onnx.helper (never
committed). Run: PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_misuse_subprocess.py
"""
import os
import signal
import subprocess
import sys
import textwrap

import pytest

PRELUDE = textwrap.dedent(
    """
    import os, sys, time, json, tempfile
    import numpy as np
    import acl
    SUCCESS = 0
    INVALID_PARAM = 100000
    INVALID_FILE = 100003
    PARSE_FILE = 100006
    INVALID_MODEL_ID = 100011
    BAD_ALLOC = 200000
    INVALID_RESOURCE_HANDLE = 200005
    MEMORY_ALLOCATION = 207001
    STREAM_SYNC_TIMEOUT = 507046
    H2D, D2H, DEFAULT = 1, 2, 4

    def expect(ret, want, what):
        msg = acl.get_recent_err_msg()
        assert ret == want, f"{what}: got {ret}, want {want} ({msg})"
        return msg or ""

    def start(config=None):
        expect(acl.init(config), SUCCESS, "init")
        expect(acl.rt.set_device(0), SUCCESS, "set_device")

    def onnx_bytes(nodes, inputs, outputs, inits=()):
        import onnx
        from onnx import helper
        g = helper.make_graph(nodes, "probe", inputs, outputs, list(inits))
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
        m.ir_version = 7
        return m.SerializeToString()

    def load_bytes(data):
        ptr = acl.util.bytes_to_ptr(data)
        t0 = time.monotonic()
        model_id, ret = acl.mdl.load_from_mem(ptr, len(data))
        return model_id, ret, time.monotonic() - t0
    """
)


def run_probe(body, timeout=60, extra_env=None):
    code = PRELUDE + textwrap.dedent(body) + "\nprint('PROBE-OK')\n"
    env = dict(os.environ)
    env.update(extra_env or {})
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    if proc.returncode < 0:
        pytest.fail(
            f"probe died with signal {signal.Signals(-proc.returncode).name}\n{proc.stderr[-3000:]}"
        )
    assert proc.returncode == 0 and "PROBE-OK" in proc.stdout, proc.stdout[-2000:] + proc.stderr[-3000:]


HOSTILE_MODELS = {
    # a ~200-byte model whose Pad asks for 2^41 + 1 elements: must fail in well under a second
    "pad_2e40": """
        from onnx import helper, TensorProto
        data = onnx_bytes(
            [helper.make_node("Pad", ["x", "pads"], ["y"])],
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
            [helper.make_tensor("pads", TensorProto.INT64, [2], [2**40, 2**40])])
        assert len(data) < 300, len(data)
    """,
    # 4 * (2^62 + 1) wraps to 4 in int64 arithmetic
    "tile_wraps": """
        from onnx import helper, TensorProto
        data = onnx_bytes(
            [helper.make_node("Tile", ["x", "r"], ["y"])],
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [4])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
            [helper.make_tensor("r", TensorProto.INT64, [1], [2**62 + 1])])
    """,
    # element count 2^64: 0 in wrapping arithmetic
    "constant_of_shape_2e64": """
        from onnx import helper, TensorProto
        data = onnx_bytes(
            [helper.make_node("ConstantOfShape", ["s"], ["z"]),
             helper.make_node("Add", ["x", "z"], ["y"])],
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
            [helper.make_tensor("s", TensorProto.INT64, [2], [2**32, 2**32])])
    """,
    # an input whose declared shape overflows int64
    "input_shape_overflows": """
        from onnx import helper, TensorProto
        data = onnx_bytes(
            [helper.make_node("Relu", ["x"], ["y"])],
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2**40, 2**40])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)])
    """,
    # Expand to a shape of 2^62 elements of float (byte size overflows)
    "expand_bytes_overflow": """
        from onnx import helper, TensorProto
        data = onnx_bytes(
            [helper.make_node("Expand", ["x", "s"], ["y"])],
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
            [helper.make_tensor("s", TensorProto.INT64, [2], [2**31, 2**31])])
    """,
}


@pytest.mark.parametrize("name", sorted(HOSTILE_MODELS))
def test_hostile_model_fails_fast_with_a_message(name):
    run_probe(
        HOSTILE_MODELS[name]
        + """
        start()
        model_id, ret, secs = load_bytes(data)
        msg = acl.get_recent_err_msg() or ""
        assert ret != SUCCESS, "a hostile model loaded"
        assert secs < 5, f"load took {secs:.1f} s"
        assert "overflow" in msg or "largest tensor" in msg, msg
        """
    )


def test_tensor_desc_size_of_huge_dims_is_zero_with_a_message():
    run_probe(
        """
        d = acl.create_tensor_desc(0, [2**32, 2**32], 2)
        assert d != 0
        assert acl.get_tensor_desc_size(d) == 0
        assert "overflows" in (acl.get_recent_err_msg() or "")
        acl.destroy_tensor_desc(d)
        assert acl.create_tensor_desc(1000, [2], 2) == 0   # not an aclDataType
        assert "1000" in (acl.get_recent_err_msg() or "")
        """
    )


def test_huge_sizes_and_pitches():
    run_probe(
        """
        start()
        p, ret = acl.rt.malloc_host(2**64 - 1)
        expect(ret, BAD_ALLOC, "malloc_host(SIZE_MAX)")
        p, ret = acl.rt.malloc(2**64 - 1, 0)
        expect(ret, MEMORY_ALLOCATION, "malloc(SIZE_MAX)")
        dev, ret = acl.rt.malloc(256, 0)
        expect(ret, SUCCESS, "malloc")
        host = np.zeros(256, dtype=np.uint8)
        hp = acl.util.numpy_to_ptr(host)
        msg = expect(acl.rt.memcpy_2d(dev, 2**63, hp, 16, 16, 3, H2D), INVALID_PARAM, "memcpy_2d")
        assert "dpitch" in msg, msg
        expect(acl.rt.memcpy(dev, 256, hp, 256, 1000), INVALID_PARAM, "memcpy kind 1000")
        expect(acl.rt.memset(dev, 2**64 - 1, 0, 2**63), INVALID_PARAM, "memset past the block")
        expect(acl.rt.free(dev), SUCCESS, "free")
        """
    )


def test_freed_memory_is_refused_by_every_memory_operation():
    run_probe(
        """
        start()
        host = np.zeros(4096, dtype=np.uint8)
        hp = acl.util.numpy_to_ptr(host)
        for size in (64, 1 << 20):
            dev, ret = acl.rt.malloc(size, 0)
            expect(ret, SUCCESS, "malloc")
            expect(acl.rt.free(dev), SUCCESS, "free")
            msg = expect(acl.rt.memset(dev, size, 0, size), INVALID_PARAM, "memset after free")
            assert "freed" in msg, msg
            stream, ret = acl.rt.create_stream()
            expect(acl.rt.memset_async(dev, size, 0, size, stream), INVALID_PARAM, "memset_async")
            expect(acl.rt.memcpy(dev, 64, hp, 64, DEFAULT), INVALID_PARAM, "memcpy DEFAULT")
            expect(acl.rt.memcpy(dev, 64, hp, 64, H2D), INVALID_PARAM, "memcpy H2D")
            expect(acl.rt.free(dev), INVALID_PARAM, "double free")
            expect(acl.rt.destroy_stream(stream), SUCCESS, "destroy_stream")
        """
    )


def test_config_directory_and_bad_values():
    run_probe(
        """
        d = tempfile.mkdtemp()
        msg = expect(acl.init(d), INVALID_FILE, "init(directory)")
        assert d in msg and "directory" in msg, msg
        bad = os.path.join(d, "bad.json")
        with open(bad, "w") as f:
            json.dump({"openacl": {"device_memory_mb": "lots"}}, f)
        expect(acl.init(bad), PARSE_FILE, "init(bad value)")
        start()
        """
    )


def test_small_device_memory_limits_malloc_and_model_loads():
    run_probe(
        """
        from onnx import helper, TensorProto
        d = tempfile.mkdtemp()
        cfg = os.path.join(d, "acl.json")
        with open(cfg, "w") as f:
            json.dump({"openacl": {"device_memory_mb": 1}}, f)
        start(cfg)
        p, ret = acl.rt.malloc(2 << 20, 0)
        msg = expect(ret, MEMORY_ALLOCATION, "malloc past the budget")
        assert "device memory exhausted" in msg, msg
        w = np.full((512, 1024), 1.0, dtype=np.float32)   # 2 MiB of weights
        data = onnx_bytes(
            [helper.make_node("Add", ["x", "w"], ["y"])],
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [512, 1024])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, [512, 1024])],
            [helper.make_tensor("w", TensorProto.FLOAT, [512, 1024], w.tobytes(), raw=True)])
        model_id, ret, secs = load_bytes(data)
        msg = expect(ret, MEMORY_ALLOCATION, "load past the budget")
        assert "device memory exhausted" in msg, msg
        free, total, ret = acl.rt.get_mem_info(1)
        assert ret == SUCCESS and free == total == 1 << 20, (free, total)
        # nothing leaked: the whole budget is still there
        p, ret = acl.rt.malloc(1 << 20, 0)
        expect(ret, SUCCESS, "malloc of the whole budget")
        expect(acl.rt.free(p), SUCCESS, "free")
        """
    )


def test_lifecycle_misuse():
    run_probe(
        """
        start()
        s, ret = acl.rt.create_stream()
        expect(ret, SUCCESS, "create_stream")
        expect(acl.rt.destroy_stream(s), SUCCESS, "destroy_stream")
        expect(acl.rt.destroy_stream(s), INVALID_RESOURCE_HANDLE, "destroy_stream twice")
        expect(acl.rt.synchronize_stream(s), INVALID_RESOURCE_HANDLE, "synchronize stale stream")
        current, ret = acl.rt.get_context()
        ctx, ret = acl.rt.create_context(0)
        expect(acl.rt.destroy_context(ctx), SUCCESS, "destroy_context")
        expect(acl.rt.destroy_context(ctx), INVALID_RESOURCE_HANDLE, "destroy_context twice")
        expect(acl.rt.set_context(ctx), INVALID_RESOURCE_HANDLE, "stale context")
        expect(acl.rt.set_context(current), SUCCESS, "back to the default context")
        ds = acl.mdl.create_dataset()
        expect(acl.mdl.destroy_dataset(ds), SUCCESS, "destroy_dataset")
        expect(acl.mdl.destroy_dataset(ds), INVALID_PARAM, "destroy_dataset twice")
        b = acl.create_data_buffer(0, 0)
        expect(acl.destroy_data_buffer(b), SUCCESS, "destroy_data_buffer")
        expect(acl.destroy_data_buffer(b), INVALID_PARAM, "destroy_data_buffer twice")
        expect(acl.mdl.unload(12345), INVALID_MODEL_ID, "unload unknown model")
        # a stream held by a slow host func: a short synchronize times out, a full one works
        s, ret = acl.rt.create_stream()
        acl.rt.launch_host_func(s, lambda _: time.sleep(0.3), None)
        expect(acl.rt.synchronize_stream_with_timeout(s, 20), STREAM_SYNC_TIMEOUT, "timeout")
        expect(acl.rt.synchronize_stream(s), SUCCESS, "synchronize")
        # finalize with live streams, contexts and memory; old handles are errors afterwards
        s2, ret = acl.rt.create_stream()
        dev, ret = acl.rt.malloc(64, 0)
        ctx2, ret = acl.rt.create_context(0)
        expect(acl.finalize(), SUCCESS, "finalize with live handles")
        start()
        expect(acl.rt.destroy_stream(s2), INVALID_RESOURCE_HANDLE, "stream from before finalize")
        expect(acl.rt.destroy_context(ctx2), INVALID_RESOURCE_HANDLE, "context from before")
        expect(acl.rt.free(dev), INVALID_PARAM, "memory from before finalize")
        expect(acl.rt.reset_device(0), SUCCESS, "reset_device")
        expect(acl.finalize(), SUCCESS, "finalize")
        """
    )


def test_tensor_limit_from_the_environment_and_the_file_loader():
    run_probe(
        """
        from onnx import helper, TensorProto
        # Tile to 4 MiB: fine by default, too large with OPENACL_MAX_TENSOR_MB=1
        data = onnx_bytes(
            [helper.make_node("Tile", ["x", "r"], ["y"])],
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1])],
            [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
            [helper.make_tensor("r", TensorProto.INT64, [1], [1 << 20])])
        path = os.path.join(tempfile.mkdtemp(), "tile.onnx")
        with open(path, "wb") as f:
            f.write(data)
        start()
        model_id, ret = acl.mdl.load_from_file(path)
        msg = expect(ret, 145021, "load_from_file of an oversized .onnx")
        assert "largest tensor allowed" in msg and "OPENACL_MAX_TENSOR_MB" in msg, msg
        assert "output 'y'" in msg, msg
        """,
        extra_env={"OPENACL_MAX_TENSOR_MB": "1"},
    )
