"""atc --precision_mode / --precision_mode_v2 / --keep_dtype (docs/precision.md), end to end:
a model with Conv, ConvTranspose, Gemm, MatMul and Softmax compiled by build/bin/atc, loaded and
run through the acl module. Reduced precision is decided at load: bf16 where the CPU has
AVX512-BF16, fp32 otherwise or with OPENACL_DISABLE_BF16=1.

Run: PYTHONPATH=build/python /usr/bin/python3 -m pytest -q tests/python/test_precision.py
"""
import os
import subprocess

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import acl
from conftest import ACL_MEM_MALLOC_HUGE_FIRST, ACL_MEMCPY_DEVICE_TO_HOST, \
    ACL_MEMCPY_HOST_TO_DEVICE, ACL_SUCCESS

BUILD = os.path.dirname(os.path.dirname(os.path.abspath(acl.__file__)))
ATC = os.path.join(BUILD, "bin", "atc")
SELECTABLE = ["conv_a", "conv_b", "up", "fc1", "fc2"]

pytestmark = pytest.mark.skipif(not os.path.exists(ATC), reason="atc not built in " + BUILD)


def cpu_has_bf16():
    with open("/proc/cpuinfo") as f:
        flags = f.read()
    return " avx512_bf16" in flags or " amx_bf16" in flags


def make_model(path):
    rng = np.random.default_rng(7)

    def const(name, shape, scale):
        return numpy_helper.from_array((rng.standard_normal(shape) * scale).astype(np.float32),
                                       name)

    inits = [const("wa", [32, 16, 3, 3], 0.12), const("ba", [32], 0.1),
             const("wb", [32, 32, 1, 1], 0.2), const("wt", [32, 8, 2, 2], 0.2),
             const("w1", [32, 64], 0.2), const("b1", [64], 0.1), const("w2", [64, 10], 0.2)]
    nodes = [
        helper.make_node("Conv", ["x", "wa", "ba"], ["a"], name="conv_a", pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["a"], ["ar"], name="relu_a"),
        helper.make_node("Conv", ["ar", "wb"], ["b"], name="conv_b"),
        helper.make_node("ConvTranspose", ["b", "wt"], ["up_out"], name="up", strides=[2, 2]),
        helper.make_node("GlobalAveragePool", ["b"], ["pool"], name="pool"),
        helper.make_node("Flatten", ["pool"], ["flat"], name="flatten"),
        helper.make_node("Gemm", ["flat", "w1", "b1"], ["h"], name="fc1"),
        helper.make_node("Relu", ["h"], ["hr"], name="relu_h"),
        helper.make_node("MatMul", ["hr", "w2"], ["logits"], name="fc2"),
        helper.make_node("Softmax", ["logits"], ["prob"], name="softmax", axis=1),
    ]
    graph = helper.make_graph(
        nodes, "precision",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 16, 20, 20])],
        [helper.make_tensor_value_info("prob", TensorProto.FLOAT, [1, 10]),
         helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, 10]),
         helper.make_tensor_value_info("up_out", TensorProto.FLOAT, [1, 8, 40, 40])],
        inits)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)]), str(path))


@pytest.fixture(scope="module")
def onnx_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("precision") / "model.onnx"
    make_model(path)
    return path


def atc(*args):
    return subprocess.run([ATC] + list(args), capture_output=True, text=True)


def compile_om(onnx_path, name, *flags):
    prefix = str(onnx_path.parent / name)
    r = atc("--model=" + str(onnx_path), "--framework=5", "--output=" + prefix,
            "--soc_version=Ascend310", *flags)
    assert r.returncode == 0, r.stdout + r.stderr
    return prefix + ".om"


def run_om(om, x):
    model_id, ret = acl.mdl.load_from_file(om)
    assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
    desc = acl.mdl.create_desc()
    assert acl.mdl.get_desc(desc, model_id) == ACL_SUCCESS
    n_out = acl.mdl.get_num_outputs(desc)
    ins, outs = acl.mdl.create_dataset(), acl.mdl.create_dataset()
    ptrs, bufs = [], []
    in_ptr, _ = acl.rt.malloc(x.nbytes, ACL_MEM_MALLOC_HUGE_FIRST)
    assert acl.rt.memcpy(in_ptr, x.nbytes, acl.util.numpy_to_ptr(x), x.nbytes,
                         ACL_MEMCPY_HOST_TO_DEVICE) == ACL_SUCCESS
    ptrs.append(in_ptr)
    bufs.append(acl.create_data_buffer(in_ptr, x.nbytes))
    acl.mdl.add_dataset_buffer(ins, bufs[-1])
    sizes = []
    for i in range(n_out):
        size = acl.mdl.get_output_size_by_index(desc, i)
        ptr, _ = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
        ptrs.append(ptr)
        sizes.append(size)
        bufs.append(acl.create_data_buffer(ptr, size))
        acl.mdl.add_dataset_buffer(outs, bufs[-1])
    assert acl.mdl.execute(model_id, ins, outs) == ACL_SUCCESS, acl.get_recent_err_msg()
    results = []
    for i, size in enumerate(sizes):
        host = np.zeros(size // 4, dtype=np.float32)
        assert acl.rt.memcpy(acl.util.numpy_to_ptr(host), size, ptrs[1 + i], size,
                             ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
        results.append(host)
    for b in bufs:
        acl.destroy_data_buffer(b)
    acl.mdl.destroy_dataset(ins)
    acl.mdl.destroy_dataset(outs)
    for p in ptrs:
        acl.rt.free(p)
    acl.mdl.destroy_desc(desc)
    assert acl.mdl.unload(model_id) == ACL_SUCCESS
    return results


def rel_err(a, b):
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-30))


def requested(info):
    """node name -> requested precision from atc --mode=6's precision section."""
    out = {}
    for line in info.splitlines():
        line = line.strip()
        for name in SELECTABLE:
            if line.startswith(name + " ("):
                out[name] = line.rsplit(": ", 1)[1]
    return out


def info_of(om):
    r = atc("--mode=6", "--om=" + om)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.fixture(scope="module")
def x():
    return np.random.default_rng(3).standard_normal((1, 16, 20, 20)).astype(np.float32)


def test_every_precision_mode_value_compiles_and_records_its_request(onnx_path):
    cases = {
        ("--precision_mode", "force_fp32"): "fp32",
        ("--precision_mode", "must_keep_origin_dtype"): "fp32",
        ("--precision_mode", "allow_fp32_to_fp16"): "fp32",
        ("--precision_mode", "force_fp16"): "fp16",
        ("--precision_mode", "allow_mix_precision"): "fp16",
        ("--precision_mode", "allow_mix_precision_fp16"): "fp16",
        ("--precision_mode", "allow_mix_precision_bf16"): "bf16",
        ("--precision_mode_v2", "fp16"): "fp16",
        ("--precision_mode_v2", "origin"): "fp32",
        ("--precision_mode_v2", "cube_fp16in_fp32out"): "fp16",
        ("--precision_mode_v2", "mixed_float16"): "fp16",
        ("--precision_mode_v2", "mixed_bfloat16"): "bf16",
    }
    for i, ((flag, value), want) in enumerate(cases.items()):
        om = compile_om(onnx_path, "mode%d" % i, flag + "=" + value)
        info = info_of(om)
        assert requested(info) == {n: want for n in SELECTABLE}, (flag, value, info)
        assert "softmax" not in info.split("precision (")[1]  # only the selectable ops listed


def test_default_is_fp32(onnx_path):
    info = info_of(compile_om(onnx_path, "default"))
    assert requested(info) == {n: "fp32" for n in SELECTABLE}, info
    assert "5 fp32" in info


def test_bad_values_name_the_flag(onnx_path):
    prefix = str(onnx_path.parent / "bad")
    base = ["--model=" + str(onnx_path), "--framework=5", "--output=" + prefix]
    r = atc(*base, "--precision_mode=fp8")
    assert r.returncode != 0
    assert "--precision_mode=fp8 is not a precision mode" in r.stderr, r.stderr
    assert "allow_mix_precision_bf16" in r.stderr  # the accepted values are listed
    r = atc(*base, "--precision_mode_v2=mixed")
    assert r.returncode != 0 and "--precision_mode_v2=mixed is not a precision mode" in r.stderr
    r = atc(*base, "--precision_mode=force_fp16", "--precision_mode_v2=fp16")
    assert r.returncode != 0 and "cannot both be given" in r.stderr, r.stderr
    assert not os.path.exists(prefix + ".om")


def test_keep_dtype_errors_name_file_and_line(onnx_path, tmp_path):
    keep = tmp_path / "keep.cfg"
    keep.write_text("# kept in fp32\nconv_a\n\nconv_zz\n")
    base = ["--model=" + str(onnx_path), "--framework=5", "--output=" + str(tmp_path / "k"),
            "--precision_mode=allow_mix_precision"]
    r = atc(*base, "--keep_dtype=" + str(keep))
    assert r.returncode != 0
    assert "--keep_dtype file %s line 4: no node named 'conv_zz'" % keep in r.stderr, r.stderr
    keep.write_text("OpType::LSTM\n")
    r = atc(*base, "--keep_dtype=" + str(keep))
    assert r.returncode != 0 and "line 1: no node of type 'LSTM'" in r.stderr, r.stderr
    r = atc(*base, "--keep_dtype=" + str(tmp_path / "missing.cfg"))
    assert r.returncode != 0 and "missing.cfg" in r.stderr, r.stderr


def test_mixed_precision_within_bf16_tolerance_of_fp32(context, onnx_path, x):
    ref = run_om(compile_om(onnx_path, "fp32"), x)
    for mode in ("allow_mix_precision", "allow_mix_precision_bf16", "force_fp16"):
        got = run_om(compile_om(onnx_path, "mix_" + mode, "--precision_mode=" + mode), x)
        for r, g in zip(ref, got):
            assert rel_err(g, r) < 3e-2, (mode, rel_err(g, r))
        if cpu_has_bf16():
            # bf16 really ran: the results differ from fp32, by more than fp32 rounding.
            assert max(rel_err(g, r) for r, g in zip(ref, got)) > 1e-4, mode


def test_disable_bf16_env_forces_fp32_exactly(context, onnx_path, x, monkeypatch):
    ref = run_om(compile_om(onnx_path, "fp32_env"), x)
    om = compile_om(onnx_path, "bf16_env", "--precision_mode=allow_mix_precision_bf16")
    monkeypatch.setenv("OPENACL_DISABLE_BF16", "1")
    got = run_om(om, x)  # decided at load: this load runs fp32
    for r, g in zip(ref, got):
        assert np.array_equal(r, g)
    assert "fp32 (OPENACL_DISABLE_BF16 is set)" in info_of(om) or not cpu_has_bf16()
    monkeypatch.delenv("OPENACL_DISABLE_BF16")
    again = run_om(om, x)  # the same .om, loaded without the override
    if cpu_has_bf16():
        assert not all(np.array_equal(r, g) for r, g in zip(ref, again))


def test_keep_dtype_keeps_nodes_fp32(context, onnx_path, x, tmp_path):
    keep = tmp_path / "keep_one.cfg"
    keep.write_text("conv_a\n")
    om = compile_om(onnx_path, "keep_one", "--precision_mode=allow_mix_precision_bf16",
                    "--keep_dtype=" + str(keep))
    want = {n: "bf16" for n in SELECTABLE}
    want["conv_a"] = "fp32"
    assert requested(info_of(om)) == want
    # Everything kept (names and an OpType entry): runs exactly as the fp32 model.
    keep_all = tmp_path / "keep_all.cfg"
    keep_all.write_text("conv_a\nconv_b\nup\nOpType::Gemm\n  fc2  \n")
    om_all = compile_om(onnx_path, "keep_all", "--precision_mode=allow_mix_precision",
                        "--keep_dtype=" + str(keep_all))
    assert requested(info_of(om_all)) == {n: "fp32" for n in SELECTABLE}
    ref = run_om(compile_om(onnx_path, "fp32_keep"), x)
    for r, g in zip(ref, run_om(om_all, x)):
        assert np.array_equal(r, g)


CHILD = r"""
import sys
import numpy as np
sys.path.insert(0, sys.argv[1])
import acl
import test_precision as t
assert acl.init() == 0 and acl.rt.set_device(0) == 0
x = np.random.default_rng(3).standard_normal((1, 16, 20, 20)).astype(np.float32)
ref, got = t.run_om(sys.argv[2], x), t.run_om(sys.argv[3], x)
assert all(np.array_equal(r, g) for r, g in zip(ref, got)), "bf16 .om differs from fp32 on AVX2"
acl.rt.reset_device(0)
acl.finalize()
print("same")
"""


def test_cpu_without_bf16_compiles_with_a_warning_and_runs_fp32(onnx_path):
    # DNNL_MAX_CPU_ISA=AVX2 makes oneDNN (and openacl's bf16 check) see an AVX2-only CPU.
    env = dict(os.environ, DNNL_MAX_CPU_ISA="AVX2")
    prefix = str(onnx_path.parent / "avx2_mix")
    r = subprocess.run([ATC, "--model=" + str(onnx_path), "--framework=5", "--output=" + prefix,
                        "--precision_mode=allow_mix_precision"], capture_output=True, text=True,
                       env=env)
    assert r.returncode == 0, r.stderr
    assert "this CPU lacks AVX512-BF16" in r.stderr, r.stderr
    r = subprocess.run([ATC, "--mode=6", "--om=" + prefix + ".om"], capture_output=True,
                       text=True, env=env)
    assert "run as fp32 (this CPU lacks AVX512-BF16)" in r.stdout, r.stdout
    # The .om compiled on an AVX2 CPU asks for fp16 and runs on this one (bf16 if it has it);
    # one compiled here (e.g. on a bf16 CPU) runs on an AVX2 CPU exactly as the fp32 model.
    fp32 = compile_om(onnx_path, "avx2_fp32")
    bf16 = compile_om(onnx_path, "avx2_bf16", "--precision_mode=allow_mix_precision_bf16")
    r = subprocess.run(["/usr/bin/python3", "-c", CHILD, os.path.dirname(__file__), fp32, bf16],
                       capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "same" in r.stdout, r.stdout + r.stderr
