"""`python3 -m ais_bench` end to end on the generated models: every option, the output files and
their names, the *_summary.json, the printed Performance Summary lines, and the error paths
(one [ERROR] line and an exit code, never a traceback). Outputs are compared with numpy, with
msame's output files and with onnxruntime-node."""
import json
import os
import re

import numpy as np
import pytest

from conftest import run_ais_bench, run_msame, run_ort

NUM = r"-?[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?"
SUMMARY_LINES = [
    r"^\[INFO\] -----------------Performance Summary------------------$",
    rf"^\[INFO\] NPU_compute_time \(ms\): min = {NUM}, max = {NUM}, mean = {NUM}, "
    rf"median = {NUM}, percentile\(99%\) = {NUM}$",
    rf"^\[INFO\] throughput 1000\*batchsize\.mean\({NUM}\)/NPU_compute_time\.mean\({NUM}\): {NUM}$",
    r"^\[INFO\] ------------------------------------------------------$",
]
RNG = np.random.RandomState(3)


def ok(*args, **kw):
    rc, out = run_ais_bench(*args, **kw)
    assert rc == 0, out
    assert "Traceback" not in out, out
    return out


def fails(code, message, *args):
    rc, out = run_ais_bench(*args)
    assert rc == code, out
    assert "Traceback" not in out, out
    assert re.search(r"^\[ERROR\] ", out, re.M), out
    assert re.search(message, out), out
    return out


def summary_of(out):
    """(stats dict of the NPU_compute_time line, batchsize, throughput) and checks every line."""
    for pattern in SUMMARY_LINES:
        assert re.search(pattern, out, re.M), f"{pattern} not in:\n{out}"
    npu = re.search(rf"NPU_compute_time \(ms\): min = ({NUM}), max = ({NUM}), mean = ({NUM}), "
                    rf"median = ({NUM}), percentile\(99%\) = ({NUM})", out)
    tp = re.search(rf"batchsize\.mean\(({NUM})\)/NPU_compute_time\.mean\(({NUM})\): ({NUM})", out)
    stats = dict(zip(["min", "max", "mean", "median", "p99"], map(float, npu.groups())))
    assert stats["min"] <= stats["median"] <= stats["max"] and stats["min"] <= stats["mean"] <= stats["max"]
    batch, mean, throughput = map(float, tp.groups())
    assert mean == stats["mean"]
    assert throughput == pytest.approx(1000 * batch / mean, rel=1e-6)
    return stats, batch, throughput


@pytest.fixture
def tiny_inputs(tmp_path):
    x, y = RNG.randn(2, 3).astype(np.float32), RNG.randn(2, 3).astype(np.float32)
    x.tofile(tmp_path / "x.bin")
    np.save(tmp_path / "y.npy", y)
    return x, y, str(tmp_path / "x.bin"), str(tmp_path / "y.npy")


def test_pure_infer_loop_100_prints_the_summary(models, tmp_path):
    out = ok("--model", models.om["tiny"], "--loop", "100", "--output", tmp_path, "--output_dirname", "run")
    stats, batch, _ = summary_of(out)
    assert batch == 2  # input 0's first dimension
    assert "H2D_latency" not in out and "D2H_latency" not in out
    assert "[INFO] warm up 1 done" in out
    z = np.fromfile(tmp_path / "run" / "pure_infer_data_0.bin", np.float32)
    pos = np.fromfile(tmp_path / "run" / "pure_infer_data_1.bin", np.int32)
    np.testing.assert_array_equal(z, np.zeros(6, np.float32))  # zero inputs
    np.testing.assert_array_equal(pos, np.zeros(6, np.int32))
    info = json.load(open(tmp_path / "run_summary.json"))
    assert info["NPU_compute_time"]["count"] == 100  # the warm-up run is not counted
    assert len(info["npu_compute_time_list"]) == 100
    assert info["NPU_compute_time"]["mean"] == pytest.approx(stats["mean"], rel=1e-9)
    assert info["NPU_compute_time"]["percentile(99%)"] == pytest.approx(stats["p99"], rel=1e-9)
    assert info["throughput"] > 0 and info["pid"] > 0
    assert set(info["H2D_latency"]) == {"min", "max", "mean", "median", "percentile(99%)", "count"}
    assert info["filesinfo"]["0"]["outfiles"] == [str(tmp_path / "run" / f"pure_infer_data_{i}.bin")
                                                  for i in range(2)]
    assert "--loop" in info["args"]


def test_inputs_bin_npy_match_numpy_msame_and_onnxruntime(models, tmp_path, tiny_inputs):
    x, y, xbin, ynpy = tiny_inputs
    ok("--model", models.om["tiny"], "--input", f"{xbin},{ynpy}", "--output", tmp_path,
       "--output_dirname", "npy", "--outfmt", "NPY")
    z, pos = np.load(tmp_path / "npy" / "x_0.npy"), np.load(tmp_path / "npy" / "x_1.npy")
    assert z.shape == (2, 3) and pos.dtype == np.int32
    np.testing.assert_allclose(z, np.maximum(x, 0) + y, rtol=1e-6)
    np.testing.assert_array_equal(pos, (x > 0).astype(np.int32))
    ok("--model", models.om["tiny"], "--input", f"{xbin},{ynpy}", "--output", tmp_path,
       "--output_dirname", "bin")
    msame = run_msame(models.om["tiny"], [xbin, ynpy], str(tmp_path / "msame"))
    for i, ref in enumerate(msame):
        with open(tmp_path / "bin" / f"x_{i}.bin", "rb") as a, open(ref, "rb") as b:
            assert a.read() == b.read(), f"output {i} differs from msame's"
    ort_z, ort_pos = run_ort(models.onnx["tiny"], {"x": x, "y": y}, str(tmp_path))
    np.testing.assert_allclose(z, ort_z, rtol=1e-6, atol=1e-7)
    np.testing.assert_array_equal(pos, ort_pos)


def test_txt_output(models, tmp_path, tiny_inputs):
    x, y, xbin, ynpy = tiny_inputs
    ok("--model", models.om["tiny"], "-i", f"{xbin},{ynpy}", "-o", tmp_path,
       "--output_dirname", "txt", "--outfmt", "TXT")
    text = (tmp_path / "txt" / "x_0.txt").read_text()
    assert text.count("\n") == 2  # one line per innermost row
    np.testing.assert_allclose([float(v) for v in text.split()], (np.maximum(x, 0) + y).ravel(), atol=1e-6)
    ints = (tmp_path / "txt" / "x_1.txt").read_text().split("\n")[0].split()
    assert ints == [str(v) for v in (x[0] > 0).astype(int)]  # %d for integer outputs


def test_default_output_folder_is_a_timestamp(models, tmp_path):
    out = ok("--model", models.om["tiny"], "--output", tmp_path)
    folders = [f for f in os.listdir(tmp_path) if os.path.isdir(tmp_path / f)]
    assert len(folders) == 1 and re.fullmatch(r"\d{4}_\d{2}_\d{2}-\d{2}_\d{2}_\d{2}", folders[0])
    assert (tmp_path / (folders[0] + "_summary.json")).exists()
    assert f"[INFO] output path:{tmp_path / folders[0]}" in out


def test_folder_inputs(models, tmp_path):
    dx, dy = tmp_path / "dx", tmp_path / "dy"
    dx.mkdir()
    dy.mkdir()
    xs = {}
    for name in ("s1", "s2", "s10"):
        xs[name] = RNG.randn(2, 3).astype(np.float32)
        xs[name].tofile(dx / f"{name}.bin")
        np.save(dy / f"{name}.npy", np.ones((2, 3), np.float32))
    (dx / "notes.txt").write_text("ignored")
    out = ok("--model", models.om["tiny"], "--input", f"{dx},{dy}", "--output", tmp_path,
             "--output_dirname", "o", "--loop", "3")
    for name, x in xs.items():
        z = np.fromfile(tmp_path / "o" / f"{name}_0.bin", np.float32).reshape(2, 3)
        np.testing.assert_allclose(z, np.maximum(x, 0) + 1, rtol=1e-6)
    info = json.load(open(tmp_path / "o_summary.json"))
    assert info["NPU_compute_time"]["count"] == 9  # 3 inputs x --loop 3
    assert [info["filesinfo"][k]["infiles"][0] for k in ("0", "1", "2")] == \
        [str(dx / n) for n in ("s1.bin", "s2.bin", "s10.bin")]  # natural order
    summary_of(out)


def test_files_combined_into_batches(models, tmp_path):
    """batch4 takes x[4,3]: six [1,3] files make two runs (the second padded), six outputs."""
    d = tmp_path / "samples"
    d.mkdir()
    xs = [RNG.randn(1, 3).astype(np.float32) for _ in range(6)]
    for i, x in enumerate(xs):
        np.save(d / f"img{i}.npy", x)
    ok("--model", models.om["batch4"], "--input", d, "--output", tmp_path, "--output_dirname", "b",
       "--outfmt", "NPY")
    assert sorted(os.listdir(tmp_path / "b")) == sorted(f"img{i}_0.npy" for i in range(6))
    for i, x in enumerate(xs):
        np.testing.assert_allclose(np.load(tmp_path / "b" / f"img{i}_0.npy"), x * 2 + 1, rtol=1e-6)
    info = json.load(open(tmp_path / "b_summary.json"))
    assert len(info["filesinfo"]) == 6 and info["NPU_compute_time"]["count"] == 2
    # Split along axis 1 instead: 3 columns cannot be cut into 4 files.
    fails(1, r"cannot be split into 4 files along axis 1", "--model", models.om["batch4"],
          "--input", d, "--output", tmp_path, "--output_batchsize_axis", "1")
    fails(1, r"is not one of its axes", "--model", models.om["batch4"],
          "--input", d, "--output", tmp_path, "--output_batchsize_axis", "5")


def test_pure_data_type_random(models, tmp_path):
    ok("--model", models.om["batch4"], "--pure_data_type", "random", "-o", tmp_path,
       "--output_dirname", "r")
    out = np.fromfile(tmp_path / "r" / "pure_infer_data_0.bin", np.float32)
    assert not np.array_equal(out, np.ones(12, np.float32))  # zero input would give all ones
    fails(2, "invalid choice: 'noise'", "--model", models.om["batch4"], "--pure_data_type", "noise")


def test_warmup_debug_display_batchsize_device(models, tmp_path):
    out = ok("--model", models.om["tiny"], "--warmup_count", "3", "--debug", "true",
             "--display_all_summary", "1", "--batchsize", "8", "--device", "0", "--loop", "2")
    assert "[INFO] warm up 3 done" in out
    assert len(re.findall(r"^\[DEBUG\] model aclExec cost : [0-9.]+$", out, re.M)) == 3 + 2
    assert "session info:<Model>" in out and "#0    x  (2, 3)  float32  24  24" in out
    assert re.search(rf"^\[INFO\] H2D_latency \(ms\): min = {NUM}, max = {NUM}, mean = {NUM}, "
                     rf"median = {NUM}, percentile\(99%\) = {NUM}$", out, re.M), out
    assert re.search(rf"^\[INFO\] D2H_latency \(ms\): min = {NUM}", out, re.M), out
    _, batch, _ = summary_of(out)
    assert batch == 8
    out = ok("--model", models.om["tiny"], "--warmup_count", "0")
    assert "[INFO] warm up 0 done" in out


def test_run_modes_give_the_same_outputs(models, tmp_path, tiny_inputs):
    x, y, xbin, ynpy = tiny_inputs
    outputs = []
    for mode in ("array", "files", "tensor", "full"):
        ok("--model", models.om["tiny"], "--input", f"{xbin},{ynpy}", "--run_mode", mode,
           "-o", tmp_path, "--output_dirname", mode)
        outputs.append((tmp_path / mode / "x_0.bin").read_bytes())
    assert len(set(outputs)) == 1
    fails(2, "invalid choice: 'stream'", "--model", models.om["tiny"], "--run_mode", "stream")


def test_acl_json_path(models, tmp_path):
    cfg = tmp_path / "acl.json"
    cfg.write_text("{}")
    ok("--model", models.om["tiny"], "--acl_json_path", cfg)
    fails(2, "--acl_json_path .* does not exist", "--model", models.om["tiny"],
          "--acl_json_path", tmp_path / "none.json")


def test_data_dependent_output_with_output_size(models, tmp_path):
    x = np.array([[1, -1, 2], [-2, 3, -3]], np.float32)
    np.save(tmp_path / "x.npy", x)
    ok("--model", models.om["nonzero"], "--input", tmp_path / "x.npy", "--outputSize", "1000",
       "-o", tmp_path, "--output_dirname", "nz", "--outfmt", "NPY")
    idx = np.load(tmp_path / "nz" / "x_0.npy")
    np.testing.assert_array_equal(idx, np.array(np.nonzero(x > 0)))  # saved with the run's shape
    ort_idx, = run_ort(models.onnx["nonzero"], {"x": x}, str(tmp_path))
    np.testing.assert_array_equal(idx, ort_idx)
    msame_out, = run_msame(models.om["nonzero"], [str(tmp_path / "x.npy")], str(tmp_path / "ms"),
                           "--outputSize", "1000")
    ok("--model", models.om["nonzero"], "--input", tmp_path / "x.npy", "--outputSize", "1000",
       "-o", tmp_path, "--output_dirname", "nzbin")
    assert (tmp_path / "nzbin" / "x_0.bin").read_bytes() == open(msame_out, "rb").read()
    fails(1, r"output 0 \(idx\) has a size decided at run time", "--model", models.om["nonzero"])
    fails(1, "48 bytes", "--model", models.om["nonzero"], "--input",
          tmp_path / "x.npy", "--outputSize", "8")
    fails(2, "--outputSize: 'x' is not an integer", "--model", models.om["nonzero"], "--outputSize", "0,x")


def test_dynamic_options_on_a_static_model(models, tmp_path, tiny_inputs):
    om = models.om["tiny"]
    fails(1, "has no dynamic batch gears", "--model", om, "--dymBatch", "2")
    fails(1, "has no dynamic image size gears", "--model", om, "--dymHW", "8,8")
    fails(1, "has no dynamic dims gears", "--model", om, "--dymDims", "x:2,3;y:2,3")
    out = ok("--model", om, "--dymShape", "x:2,3;y:2,3")  # the static shape is a valid one
    summary_of(out)
    fails(1, "the model fixes it to", "--model", om, "--dymShape", "x:4,3;y:2,3")
    fails(2, "--dymShape entry 'x=2' must be 'name:d0,d1,...'", "--model", om, "--dymShape", "x=2")
    fails(2, r"--dymHW '8' must be two integers", "--model", om, "--dymHW", "8")
    fails(2, "--dymBatch and --dymHW given together", "--model", om, "--dymBatch", "2", "--dymHW", "8,8")
    fails(2, "is not a non-negative integer", "--model", om, "--dymBatch", "-2")
    x, y, xbin, ynpy = tiny_inputs
    np.save(tmp_path / "x.npy", x)
    ok("--model", om, "--input", f"{tmp_path / 'x.npy'},{ynpy}", "--auto_set_dymshape_mode", "true")
    fails(1, "has no dynamic dims gears", "--model", om, "--input", f"{tmp_path / 'x.npy'},{ynpy}",
          "--auto_set_dymdims_mode", "1")
    fails(2, "take the shapes from --input", "--model", om, "--auto_set_dymshape_mode", "true")
    fails(2, "are exclusive", "--model", om, "--input", ynpy, "--auto_set_dymshape_mode", "1",
          "--auto_set_dymdims_mode", "1")


def test_dymshape_range(models):
    out = ok("--model", models.om["tiny"], "--dymShape_range", "x:2,3;y:2,3")
    assert "-----------------dyshape_range Performance Summary------------------" in out
    assert re.search(r"run_count:1 success_count:1 avg_throughput:", out)
    assert re.search(r"^\[INFO\] 0 dymshape:x:2,3;y:2,3  result:OK throughput:", out, re.M)
    rc, out = run_ais_bench("--model", models.om["tiny"], "--dymShape_range", "x:2~3,3;y:2,3")
    assert rc == 1 and "Traceback" not in out  # x:3,3 does not fit the model
    assert "run_count:2 success_count:1" in out
    assert re.search(r"dymshape:x:3,3;y:2,3  result:Failed throughput:0", out)
    fails(2, "must be start~end", "--model", models.om["tiny"],
          "--dymShape_range", "x:3~2,3;y:2,3")


def test_option_errors(models, tmp_path):
    om = models.om["tiny"]
    fails(2, "unrecognized arguments: --frobnicate", "--model", om, "--frobnicate", "1")
    fails(2, "the following arguments are required: --model")
    fails(2, "--model .* does not exist", "--model", tmp_path / "missing.om")
    fails(2, "--profiler is not supported", "--model", om, "--profiler", "true")
    fails(2, "--dump is not supported", "--model", om, "--dump", "1")
    fails(2, "--output_dirname needs --output", "--model", om, "--output_dirname", "x")
    fails(2, "0 is not a positive integer", "--model", om, "--loop", "0")
    fails(2, "invalid choice: 'XML'", "--model", om, "--outfmt", "XML")
    fails(2, "'maybe' is not a boolean", "--model", om, "--debug", "maybe")
    fails(2, r"device 300 of '300' is not in \[0, 255\]", "--model", om, "--device", "300")
    fails(2, "several devices at once are not supported", "--model", om, "--device", "0,1")
    fails(1, r"set_device\(200\) failed", "--model", om, "--device", "200")
    bad = tmp_path / "bad.om"
    bad.write_bytes(b"garbage")
    fails(1, "load model .*bad.om failed", "--model", bad)


def test_input_errors(models, tmp_path, tiny_inputs):
    x, y, xbin, ynpy = tiny_inputs
    om = models.om["tiny"]
    fails(1, "--input .*nothere.bin is not a file or a folder", "--model", om, "--input", tmp_path / "nothere.bin")
    fails(1, "--input file .*gone.bin does not exist", "--model", om, "--input", f"{xbin},{tmp_path / 'gone.bin'}")
    fails(1, "--input gives 3 files for a model with 2 inputs", "--model", om, "--input", f"{xbin},{ynpy},{xbin}")
    np.zeros(5, np.float32).tofile(tmp_path / "short.bin")
    fails(1, r"input 0 \(x\) needs 24 bytes; file .*short.bin has 20", "--model", om,
          "--input", f"{tmp_path / 'short.bin'},{ynpy}")
    np.save(tmp_path / "big.npy", np.zeros((2, 4), np.float32))
    fails(1, r"input 1 \(y\): the input data has 32 bytes, the model needs 24", "--model", om,
          "--input", f"{xbin},{tmp_path / 'big.npy'}")
    (tmp_path / "broken.npy").write_bytes(b"\x93NUMPY broken")
    fails(1, "is not a valid .npy file", "--model", om, "--input", f"{xbin},{tmp_path / 'broken.npy'}")
    empty = tmp_path / "empty"
    empty.mkdir()
    fails(1, "has no .bin or .npy file", "--model", om, "--input", f"{empty},{empty}")
    fails(1, "gives 1 folders for a model with 2 inputs", "--model", om, "--input", empty)


def test_help():
    rc, out = run_ais_bench("--help")
    assert rc == 0
    for option in ("--model", "--input", "--output_dirname", "--outfmt", "--loop", "--warmup_count",
                   "--dymShape_range", "--auto_set_dymdims_mode", "--run_mode", "--outputSize"):
        assert option in out


# ----- gear models (skipped while atc cannot compile them) -----

def test_cli_dynamic_batch(models, tmp_path):
    om = models.gear("dymbatch")
    x = RNG.randn(2, 3).astype(np.float32)
    x.tofile(tmp_path / "x.bin")
    out = ok("--model", om, "--dymBatch", "2", "--input", tmp_path / "x.bin", "-o", tmp_path,
             "--output_dirname", "g", "--outfmt", "NPY")
    np.testing.assert_allclose(np.load(tmp_path / "g" / "x_0.npy"), x * 2 + 1, rtol=1e-6)
    _, batch, _ = summary_of(out)
    assert batch == 2
    fails(1, "is not one of the model's dynamic batch gears", "--model", om, "--dymBatch", "3")
    fails(1, "choose one with --dymBatch", "--model", om)


def test_cli_dynamic_hw(models, tmp_path):
    om = models.gear("dymhw")
    img = RNG.rand(1, 3, 16, 16).astype(np.float32)
    np.save(tmp_path / "img.npy", img)
    ok("--model", om, "--dymHW", "16,16", "--input", tmp_path / "img.npy", "-o", tmp_path,
       "--output_dirname", "g", "--outfmt", "NPY")
    np.testing.assert_allclose(np.load(tmp_path / "g" / "img_0.npy"), img.mean(axis=(2, 3)), rtol=1e-5)
    fails(1, "is not one of the model's dynamic image size gears", "--model", om, "--dymHW", "9,9")


def test_cli_dynamic_dims(models, tmp_path):
    om = models.gear("dymdims")
    x = RNG.randn(1, 4).astype(np.float32)
    np.save(tmp_path / "x.npy", x)
    ok("--model", om, "--dymDims", "x:1,4", "--input", tmp_path / "x.npy", "-o", tmp_path,
       "--output_dirname", "g", "--outfmt", "NPY")
    np.testing.assert_allclose(np.load(tmp_path / "g" / "x_0.npy"), x.sum(), rtol=1e-5)
    ok("--model", om, "--auto_set_dymdims_mode", "1", "--input", tmp_path / "x.npy")
    fails(1, "are not one of the model's dynamic dims gears", "--model", om, "--dymDims", "x:3,3")


def test_installed_next_to_acl(models, tmp_path):
    """`make install` puts ais_bench next to acl: PYTHONPATH=$PREFIX/python/site-packages/acl
    imports both, and the CLI runs from there."""
    import shutil
    import subprocess
    import sys
    from conftest import BUILD
    cmake = shutil.which("cmake")
    if cmake is None:
        pytest.skip("cmake not on PATH")
    prefix = tmp_path / "prefix"
    p = subprocess.run([cmake, "--install", BUILD, "--prefix", prefix], capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    site = prefix / "python" / "site-packages" / "acl"
    assert (site / "ais_bench" / "infer" / "interface.py").exists()
    assert not list(site.rglob("__pycache__"))
    env = dict(os.environ, PYTHONPATH=str(site))
    p = subprocess.run([sys.executable, "-m", "ais_bench", "--model", models.om["tiny"], "--loop", "3"],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    summary_of(p.stdout)
    p = subprocess.run([sys.executable, "-c", "import acl, ais_bench.infer.interface as i; "
                        "print(acl.__file__); print(i.__file__)"],
                       capture_output=True, text=True, env=env, cwd=tmp_path)
    assert p.returncode == 0 and p.stdout.count(str(site)) == 2, p.stdout + p.stderr
