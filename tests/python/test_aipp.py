"""AIPP end to end through pyACL: models compiled by our atc with --insert_op_conf, run with
acl.mdl.execute, compared with an independent numpy implementation of the documented formulas
(docs/aipp.md) for every input format and every switch (csc, rbuv_swap, ax_swap, crop, resize,
padding, normalisation); dynamic AIPP through acl.mdl.create_aipp / set_aipp_* /
set_input_aipp; the query functions (get_aipp_type, get_first_aipp_info, get_aipp_data_size).

Each atc run compiles one model with several inputs, one aipp_op block per input, so the
combinations cost a few atc runs.
"""
import itertools
import os
import subprocess

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper, numpy_helper

import acl

from conftest import ACL_SUCCESS, ACL_MEM_MALLOC_HUGE_FIRST, ACL_MEMCPY_HOST_TO_DEVICE, \
    ACL_MEMCPY_DEVICE_TO_HOST

BUILD = os.path.dirname(os.path.dirname(os.path.abspath(acl.__file__)))
ATC = os.path.join(BUILD, "bin", "atc")

FORMATS = {  # name: aclAippInputFormat value
    "YUV420SP_U8": 1, "XRGB8888_U8": 2, "RGB888_U8": 3, "YUV400_U8": 4, "ARGB8888_U8": 7,
    "YUYV_U8": 8, "YUV422SP_U8": 9, "AYUV444_U8": 10,
}
YUV = {"YUV420SP_U8", "YUV400_U8", "YUYV_U8", "YUV422SP_U8", "AYUV444_U8"}
YUV2RGB = [298, 0, 409, 298, -100, -208, 298, 516, 0]
RGB2YUV = [66, 129, 25, -38, -74, 112, 112, -94, -18]
ACL_DATA_WITHOUT_AIPP, ACL_DATA_WITH_STATIC_AIPP = 0, 1
ACL_DATA_WITH_DYNAMIC_AIPP, ACL_DYNAMIC_AIPP_NODE = 2, 3
ACL_ERROR_GE_AIPP_NOT_EXIST = 145015


# ---------------------------------------------------------------- numpy reference (docs/aipp.md)
def image_bytes(fmt, w, h):
    return {"YUV420SP_U8": w * h * 3 // 2, "YUV422SP_U8": w * h * 2, "YUYV_U8": w * h * 2,
            "RGB888_U8": w * h * 3, "YUV400_U8": w * h}.get(fmt, w * h * 4)


def channels(buf, fmt, w, h, rbuv, ax):
    """[h, w, 3] int32 channels (R,G,B or Y,U,V) of one image, after the swaps."""
    b = np.frombuffer(buf, np.uint8).astype(np.int32)
    if fmt in ("YUV420SP_U8", "YUV422SP_U8"):
        y = b[:w * h].reshape(h, w)
        rows = h // 2 if fmt == "YUV420SP_U8" else h
        uv = b[w * h:w * h + rows * w].reshape(rows, w // 2, 2)
        if fmt == "YUV420SP_U8":
            uv = uv.repeat(2, axis=0)
        uv = uv.repeat(2, axis=1)
        c = np.stack([y, uv[..., 0], uv[..., 1]], -1)
    elif fmt == "YUYV_U8":
        q = b.reshape(h, w // 2, 4)
        y = np.stack([q[..., 0], q[..., 2]], -1).reshape(h, w)
        c = np.stack([y, q[..., 1].repeat(2, 1), q[..., 3].repeat(2, 1)], -1)
    elif fmt == "YUV400_U8":
        y = b.reshape(h, w)
        c = np.stack([y, np.full_like(y, 128), np.full_like(y, 128)], -1)
    elif fmt == "RGB888_U8":
        c = b.reshape(h, w, 3)
    else:
        q = b.reshape(h, w, 4)
        c = q[..., 0:3] if ax else q[..., 1:4]
    c = c.copy()
    if rbuv:
        i, j = (1, 2) if fmt in YUV else (0, 2)
        c[..., [i, j]] = c[..., [j, i]]
    return c


def bilinear(img, out_h, out_w):
    """Half-pixel-centre bilinear resize of [h, w, 3] floats, source coordinates clamped."""
    h, w = img.shape[:2]

    def table(o, n_in):
        s = (np.arange(o) + 0.5) * n_in / o - 0.5
        s = np.clip(s, 0, n_in - 1)
        i0 = np.floor(s).astype(int)
        return i0, np.minimum(i0 + 1, n_in - 1), s - i0

    y0, y1, fy = table(out_h, h)
    x0, x1, fx = table(out_w, w)
    fx = fx[None, :, None]
    top = img[y0][:, x0] * (1 - fx) + img[y0][:, x1] * fx
    bottom = img[y1][:, x0] * (1 - fx) + img[y1][:, x1] * fx
    return top * (1 - fy[:, None, None]) + bottom * fy[:, None, None]


def reference(buf, cfg, out_c, out_h, out_w):
    """One image: the documented AIPP steps -> float32 [C, H, W]."""
    fmt, w, h = cfg["input_format"], cfg["src_w"], cfg["src_h"]
    c = channels(buf, fmt, w, h, cfg.get("rbuv", False), cfg.get("ax", False))
    if cfg.get("crop"):
        x0, y0, cw, ch = cfg["crop"]
        c = c[y0:y0 + ch, x0:x0 + cw]
    if cfg.get("csc"):
        m = np.array(cfg["matrix"], np.int32).reshape(3, 3)
        if fmt in YUV:
            v = (c - np.array(cfg["input_bias"], np.int32)) @ m.T >> 8
        else:
            v = ((c @ m.T) >> 8) + np.array(cfg["output_bias"], np.int32)
        c = np.clip(v, 0, 255)
    img = c.astype(np.float64)
    if cfg.get("resize"):
        img = bilinear(img, cfg["resize"][1], cfg["resize"][0])
    img = img[..., :out_c]
    mean = np.array(cfg.get("mean", [0, 0, 0]), np.float64)[:out_c]
    mn = np.array(cfg.get("min", [0, 0, 0]), np.float64)[:out_c]
    vr = np.array(cfg.get("var", [1, 1, 1]), np.float64)[:out_c]
    img = (img - mean - mn) * vr
    top, bottom, left, right = cfg.get("pad", (0, 0, 0, 0))
    out = np.full((out_h, out_w, out_c), cfg.get("pad_value", 0.0))
    out[top:out_h - bottom, left:out_w - right] = img
    return out.transpose(2, 0, 1).astype(np.float32)


# ---------------------------------------------------------------- models and configs
def config_text(cfg, rank):
    lines = [f"aipp_op {{", "  aipp_mode: static", f"  related_input_rank: {rank}",
             f"  input_format: {cfg['input_format']}",
             f"  src_image_size_w: {cfg['src_w']}", f"  src_image_size_h: {cfg['src_h']}"]
    if cfg.get("csc"):
        lines.append("  csc_switch: true")
        for i, v in enumerate(cfg["matrix"]):
            lines.append(f"  matrix_r{i // 3}c{i % 3}: {v}")
        for i in range(3):
            lines.append(f"  input_bias_{i}: {cfg['input_bias'][i]}")
            lines.append(f"  output_bias_{i}: {cfg['output_bias'][i]}")
    lines.append(f"  rbuv_swap_switch: {str(cfg.get('rbuv', False)).lower()}")
    lines.append(f"  ax_swap_switch: {str(cfg.get('ax', False)).lower()}")
    if cfg.get("crop"):
        x, y, w, h = cfg["crop"]
        lines += ["  crop: true", f"  load_start_pos_w: {x}", f"  load_start_pos_h: {y}",
                  f"  crop_size_w: {w}", f"  crop_size_h: {h}"]
    if cfg.get("resize"):
        lines += ["  resize: true", f"  resize_output_w: {cfg['resize'][0]}",
                  f"  resize_output_h: {cfg['resize'][1]}"]
    if cfg.get("pad"):
        t, b, l, r = cfg["pad"]
        lines += ["  padding: true", f"  top_padding_size: {t}", f"  bottom_padding_size: {b}",
                  f"  left_padding_size: {l}", f"  right_padding_size: {r}",
                  f"  padding_value: {cfg.get('pad_value', 0.0)}"]
    for i in range(3):
        lines.append(f"  mean_chn_{i}: {cfg.get('mean', [0, 0, 0])[i]}")
        lines.append(f"  min_chn_{i}: {cfg.get('min', [0, 0, 0])[i]}")
        lines.append(f"  var_reci_chn_{i}: {cfg.get('var', [1, 1, 1])[i]}")
    return "\n".join(lines) + "\n}\n"


def identity_model(path, shapes):
    """One input -> one output per shape (y_i = x_i * 1), float32 NCHW."""
    nodes, inputs, outputs = [], [], []
    one = numpy_helper.from_array(np.ones([1], np.float32), "one")
    for i, s in enumerate(shapes):
        nodes.append(helper.make_node("Mul", [f"x{i}", "one"], [f"y{i}"]))
        inputs.append(helper.make_tensor_value_info(f"x{i}", TensorProto.FLOAT, list(s)))
        outputs.append(helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, list(s)))
    graph = helper.make_graph(nodes, "aipp_identity", inputs, outputs, initializer=[one])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.save(model, path)


def atc(onnx_path, out_prefix, cfg_path, extra=()):
    r = subprocess.run([ATC, f"--model={onnx_path}", "--framework=5", f"--output={out_prefix}",
                        "--soc_version=Ascend310", f"--insert_op_conf={cfg_path}", *extra],
                       text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return r.returncode, r.stdout


class Model:
    """A loaded .om with device buffers for every input and output."""

    def __init__(self, path):
        self.id, ret = acl.mdl.load_from_file(path)
        assert ret == ACL_SUCCESS, acl.get_recent_err_msg()
        self.desc = acl.mdl.create_desc()
        assert acl.mdl.get_desc(self.desc, self.id) == ACL_SUCCESS
        self.inputs = self._dataset(acl.mdl.get_num_inputs(self.desc), acl.mdl.get_input_size_by_index)
        self.outputs = self._dataset(acl.mdl.get_num_outputs(self.desc), acl.mdl.get_output_size_by_index)

    def _dataset(self, n, size_of):
        ds = acl.mdl.create_dataset()
        bufs = []
        for i in range(n):
            size = size_of(self.desc, i)
            ptr, ret = acl.rt.malloc(size, ACL_MEM_MALLOC_HUGE_FIRST)
            assert ret == ACL_SUCCESS
            acl.mdl.add_dataset_buffer(ds, acl.create_data_buffer(ptr, size))
            bufs.append((ptr, size))
        return ds, bufs

    def feed(self, i, data):
        ptr, size = self.inputs[1][i]
        data = np.ascontiguousarray(data)
        assert data.nbytes <= size
        host = acl.util.numpy_to_ptr(data)
        assert acl.rt.memcpy(ptr, size, host, data.nbytes, ACL_MEMCPY_HOST_TO_DEVICE) == ACL_SUCCESS

    def run(self):
        assert acl.mdl.execute(self.id, self.inputs[0], self.outputs[0]) == ACL_SUCCESS, \
            acl.get_recent_err_msg()

    def output(self, i, shape):
        ptr, size = self.outputs[1][i]
        out = np.zeros(shape, np.float32)
        assert out.nbytes == size
        assert acl.rt.memcpy(acl.util.numpy_to_ptr(out), size, ptr, size,
                             ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
        return out

    def close(self):
        for ds, bufs in (self.inputs, self.outputs):
            for i in range(len(bufs)):
                acl.destroy_data_buffer(acl.mdl.get_dataset_buffer(ds, i))
            acl.mdl.destroy_dataset(ds)
            for ptr, _ in bufs:
                acl.rt.free(ptr)
        acl.mdl.destroy_desc(self.desc)
        assert acl.mdl.unload(self.id) == ACL_SUCCESS


def combos(fmt):
    """Configs covering every switch on and off for `fmt` (all 2^4 of csc/rbuv/crop/resize;
    ax_swap and padding alternate), each with its model input size."""
    out = []
    for csc, rbuv, crop, resize in itertools.product([False, True], repeat=4):
        if fmt == "YUV400_U8" and csc:
            continue
        k = len(out)
        cfg = {"input_format": fmt, "src_w": 40, "src_h": 30, "rbuv": rbuv, "ax": k % 2 == 1,
               "mean": [3, 5, 7], "min": [0.5, 1.5, 2.5], "var": [0.0171, 0.0175, 0.0174]}
        if csc:
            cfg.update(csc=True, matrix=YUV2RGB if fmt in YUV else RGB2YUV,
                       input_bias=[16, 128, 128] if fmt in YUV else [0, 0, 0],
                       output_bias=[0, 0, 0] if fmt in YUV else [16, 128, 128])
        w, h = 40, 30
        if crop:
            cfg["crop"] = (6, 4, 24, 20)
            w, h = 24, 20
        if resize:
            cfg["resize"] = (w * 3 // 2, h // 2 * 2 - 4) if k % 4 < 2 else (w // 2 + 4, h + 6)
            w, h = cfg["resize"]
        if k % 3 == 0:
            cfg["pad"] = (2, 1, 3, 0)
            cfg["pad_value"] = -1.25
            w, h = w + 3, h + 3
        out.append((cfg, (1, 1 if fmt == "YUV400_U8" else 3, h, w)))
    return out


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    if not os.path.exists(ATC):
        pytest.skip(f"{ATC} not built")
    return str(tmp_path_factory.mktemp("aipp"))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_static_aipp_matches_numpy_for_every_switch(acl_session, context, workdir, fmt):
    cases = combos(fmt)
    onnx_path = os.path.join(workdir, f"{fmt}.onnx")
    identity_model(onnx_path, [shape for _, shape in cases])
    cfg_path = os.path.join(workdir, f"{fmt}.cfg")
    with open(cfg_path, "w") as f:
        f.write("# one block per input\n" + "".join(config_text(c, i) for i, (c, _) in enumerate(cases)))
    rc, log = atc(onnx_path, os.path.join(workdir, fmt), cfg_path)
    assert rc == 0, log
    model = Model(os.path.join(workdir, fmt + ".om"))
    rng = np.random.default_rng(len(fmt))
    images = []
    for i, (cfg, shape) in enumerate(cases):
        assert acl.mdl.get_input_size_by_index(model.desc, i) == image_bytes(fmt, 40, 30)
        assert acl.mdl.get_input_data_type(model.desc, i) == 4  # ACL_UINT8
        img = rng.integers(0, 256, image_bytes(fmt, 40, 30), dtype=np.uint8)
        images.append(img)
        model.feed(i, img)
    model.run()
    for i, (cfg, shape) in enumerate(cases):
        want = reference(images[i].tobytes(), cfg, shape[1], shape[2], shape[3])
        got = model.output(i, shape)[0]
        np.testing.assert_allclose(got, want, atol=2e-3, rtol=1e-5,
                                   err_msg=f"{fmt} case {i}: {cfg}")
        kind, attached, ret = acl.mdl.get_aipp_type(model.id, i)
        assert (kind, attached, ret) == (ACL_DATA_WITH_STATIC_AIPP, 0xFFFFFFFF, ACL_SUCCESS)
    info, ret = acl.mdl.get_first_aipp_info(model.id, 0)
    assert ret == ACL_SUCCESS
    assert info["inputFormat"] == FORMATS[fmt]
    assert info["srcImageSizeW"] == 40 and info["srcImageSizeH"] == 30
    model.close()


def test_config_errors_name_file_line_and_field(workdir):
    onnx_path = os.path.join(workdir, "err.onnx")
    identity_model(onnx_path, [(1, 3, 16, 16)])
    cfg_path = os.path.join(workdir, "err.cfg")
    with open(cfg_path, "w") as f:
        f.write("aipp_op {\n\taipp_mode : static\n\tinput_format : YUV420SP_U8\n"
                "\tsrc_image_size_w : 15\n}\n")
    rc, log = atc(onnx_path, os.path.join(workdir, "err"), cfg_path)
    assert rc != 0
    assert f"{cfg_path}:4: src_image_size_w" in log, log
    with open(cfg_path, "w") as f:
        f.write("aipp_op {\n  aipp_mode: static\n  input_fromat: RGB888_U8\n}\n")
    rc, log = atc(onnx_path, os.path.join(workdir, "err"), cfg_path)
    assert rc != 0 and f"{cfg_path}:3:" in log and "input_fromat" in log, log


def test_dynamic_aipp_changes_crop_and_normalisation_per_call(acl_session, context, workdir):
    batch, h, w, src_w, src_h = 2, 24, 32, 64, 48
    max_src = image_bytes("YUV420SP_U8", src_w, src_h)
    onnx_path = os.path.join(workdir, "dyn.onnx")
    identity_model(onnx_path, [(batch, 3, h, w)])
    cfg_path = os.path.join(workdir, "dyn.cfg")
    with open(cfg_path, "w") as f:
        f.write(f"aipp_op {{\n  aipp_mode: dynamic\n  max_src_image_size: {max_src}\n}}\n")
    rc, log = atc(onnx_path, os.path.join(workdir, "dyn"), cfg_path)
    assert rc == 0, log
    model = Model(os.path.join(workdir, "dyn.om"))
    index, ret = acl.mdl.get_input_index_by_name(model.desc, "ascend_dynamic_aipp_data")
    assert ret == ACL_SUCCESS and index == 1
    size, ret = acl.mdl.get_aipp_data_size(batch)
    assert ret == ACL_SUCCESS and size == 64 + 96 * batch
    assert acl.mdl.get_input_size_by_index(model.desc, 1) == size
    assert acl.mdl.get_aipp_type(model.id, 0) == (ACL_DATA_WITH_DYNAMIC_AIPP, 1, ACL_SUCCESS)
    assert acl.mdl.get_aipp_type(model.id, 1)[0] == ACL_DYNAMIC_AIPP_NODE
    rng = np.random.default_rng(5)
    images = rng.integers(0, 256, (batch, max_src), dtype=np.uint8)
    model.feed(0, images)
    aipp = acl.mdl.create_aipp(batch)
    assert acl.mdl.set_aipp_input_format(aipp, FORMATS["YUV420SP_U8"]) == ACL_SUCCESS
    assert acl.mdl.set_aipp_src_image_size(aipp, src_w, src_h) == ACL_SUCCESS
    m = [256, 0, 359, 256, -88, -183, 256, 454, 0]
    assert acl.mdl.set_aipp_csc_params(aipp, 1, *m, 0, 0, 0, 0, 128, 128) == ACL_SUCCESS
    for call in range(2):
        cfgs = []
        for b in range(batch):
            x0, y0 = 2 * (call + b), 2 * call
            crop = (x0, y0, 40, 30) if call == 0 else (x0, y0, w, h)
            mn = [100.0 + 10 * call, 110.0, 120.0 + b]
            var = [0.5 / (1 + call), 0.25, 1.0]
            assert acl.mdl.set_aipp_crop_params(aipp, 1, *crop, b) == ACL_SUCCESS
            assert acl.mdl.set_aipp_scf_params(aipp, int(call == 0), 40, 30, w, h, b) == ACL_SUCCESS
            assert acl.mdl.set_aipp_dtc_pixel_min(aipp, *mn, 0.0, b) == ACL_SUCCESS
            assert acl.mdl.set_aipp_pixel_var_reci(aipp, *var, 1.0, b) == ACL_SUCCESS
            cfg = {"input_format": "YUV420SP_U8", "src_w": src_w, "src_h": src_h, "csc": True,
                   "matrix": m, "input_bias": [0, 128, 128], "output_bias": [0, 0, 0],
                   "crop": crop, "min": mn, "var": var}
            if call == 0:
                cfg["resize"] = (w, h)
            cfgs.append(cfg)
        assert acl.mdl.set_input_aipp(model.id, model.inputs[0], 1, aipp) == ACL_SUCCESS, \
            acl.get_recent_err_msg()
        model.run()
        got = model.output(0, (batch, 3, h, w))
        for b in range(batch):
            # min / var_reci travel as float16 in the parameter buffer.
            cfg = dict(cfgs[b], min=np.float16(cfgs[b]["min"]).astype(float).tolist(),
                       var=np.float16(cfgs[b]["var"]).astype(float).tolist())
            want = reference(images[b, :image_bytes("YUV420SP_U8", src_w, src_h)].tobytes(),
                             cfg, 3, h, w)
            np.testing.assert_allclose(got[b], want, atol=2e-3, rtol=1e-5,
                                       err_msg=f"call {call} image {b}")
    # A crop outside the source names the parameter.
    assert acl.mdl.set_aipp_crop_params(aipp, 1, 60, 0, w, h, 0) == ACL_SUCCESS
    assert acl.mdl.set_aipp_by_input_index(model.id, model.inputs[0], 0, aipp) != ACL_SUCCESS
    assert "crop_size_w" in acl.get_recent_err_msg()
    assert acl.mdl.destroy_aipp(aipp) == ACL_SUCCESS
    model.close()


def test_queries_on_a_model_without_aipp(acl_session, context, workdir):
    onnx_path = os.path.join(workdir, "plain.onnx")
    identity_model(onnx_path, [(1, 3, 8, 8)])
    subprocess.run([ATC, f"--model={onnx_path}", "--framework=5",
                    f"--output={os.path.join(workdir, 'plain')}", "--soc_version=Ascend310"],
                   check=True, stdout=subprocess.DEVNULL)
    model = Model(os.path.join(workdir, "plain.om"))
    assert acl.mdl.get_aipp_type(model.id, 0)[0] == ACL_DATA_WITHOUT_AIPP
    info, ret = acl.mdl.get_first_aipp_info(model.id, 0)
    assert ret == ACL_ERROR_GE_AIPP_NOT_EXIST
    assert acl.mdl.get_aipp_data_size(0)[1] != ACL_SUCCESS
    assert acl.mdl.create_aipp(0) == 0
    model.close()


# ---------------------------------------------------------------- the samples vs onnxruntime
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE_DIR = os.path.join(ROOT, "samples", "python", "aipp")
IMAGENET = {"min": [123.675, 116.28, 103.53],
            "var": [0.0171247538316637, 0.0175070028011204, 0.0174291938997821]}


def sample_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("classify_aipp",
                                                  os.path.join(SAMPLE_DIR, "classify_aipp.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def nv12_cfg(crop, mins, var):
    return {"input_format": "YUV420SP_U8", "src_w": 256, "src_h": 256, "csc": True,
            "matrix": [256, 0, 359, 256, -88, -183, 256, 454, 0], "input_bias": [0, 128, 128],
            "output_bias": [0, 0, 0], "crop": crop, "min": list(mins), "var": list(var)}


@pytest.mark.parametrize("mode", ["yuv420sp", "rgb888", "dynamic"])
def test_sample_classifies_like_onnxruntime(workdir, mode):
    import sys
    sys.path.insert(0, os.path.join(ROOT, "tests", "samples"))
    import sample_check as sc
    if not sc.ort_available():
        pytest.skip("onnxruntime-node missing: run scripts/fetch_models.sh")
    onnx_path = sc.classifier_onnx(workdir)
    cfg_path = os.path.join(SAMPLE_DIR, f"aipp_{mode}.cfg")
    om = os.path.join(workdir, f"classifier_{mode}")
    rc, log = atc(onnx_path, om, cfg_path, ["--input_shape=input:1,3,224,224"])
    assert rc == 0, log
    env = dict(os.environ, PYTHONPATH=os.path.dirname(os.path.abspath(acl.__file__)))
    run = subprocess.run(["/usr/bin/python3", os.path.join(SAMPLE_DIR, "classify_aipp.py"),
                          "--model", om + ".om", "--mode", mode], env=env, text=True,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
    assert run.returncode == 0, run.stdout
    blocks = sc.parse_top5(run.stdout)
    mod = sample_module()
    if mode == "rgb888":
        pixels = mod.test_image(224)
        cfgs = [dict({"input_format": "RGB888_U8", "src_w": 224, "src_h": 224}, **IMAGENET)]
    else:
        pixels = mod.rgb_to_nv12(mod.test_image(256))
        if mode == "yuv420sp":
            cfgs = [nv12_cfg((16, 16, 224, 224), IMAGENET["min"], IMAGENET["var"])]
        else:  # float16 in the dynamic parameter buffer
            cfgs = [nv12_cfg((x, y, w, h), np.float16(m).astype(float), np.float16(v).astype(float))
                    for _, x, y, w, h, m, v in mod.DYNAMIC_CALLS]
    assert len(blocks) == len(cfgs), run.stdout
    for (title, top5), cfg in zip(blocks, cfgs):
        x = reference(pixels.tobytes(), cfg, 3, 224, 224)[None]
        ref = sc.run_ort(onnx_path, x, workdir, tag=f"{mode}_{len(title)}")
        problem = sc.top5_mismatch(top5, ref)
        assert problem is None, f"{title}: {problem}\n{run.stdout}"


def test_static_aipp_with_dynamic_batch_gears(acl_session, context, workdir):
    """YUV420SP_U8 + csc + normalisation + --dynamic_batch_size: the combination real apps use."""
    onnx_path = os.path.join(workdir, "gears.onnx")
    identity_model(onnx_path, [("N", 3, 16, 24)])
    cfg = nv12_cfg((4, 2, 24, 16), IMAGENET["min"], IMAGENET["var"])
    cfg.update(src_w=32, src_h=20)
    cfg_path = os.path.join(workdir, "gears.cfg")
    with open(cfg_path, "w") as f:
        f.write(config_text(cfg, 0))
    rc, log = atc(onnx_path, os.path.join(workdir, "gears"), cfg_path,
                  ["--input_shape=x0:-1,3,16,24", "--dynamic_batch_size=1,2,4"])
    assert rc == 0, log
    model = Model(os.path.join(workdir, "gears.om"))
    frame = image_bytes("YUV420SP_U8", 32, 20)
    assert acl.mdl.get_input_size_by_index(model.desc, 0) == 4 * frame
    dims, ret = acl.mdl.get_input_dims(model.desc, 0)
    assert ret == ACL_SUCCESS and dims["dims"] == [-1, 30, 32, 1]
    assert acl.mdl.get_aipp_type(model.id, 0)[0] == ACL_DATA_WITH_STATIC_AIPP
    info, ret = acl.mdl.get_first_aipp_info(model.id, 0)
    assert ret == ACL_SUCCESS and info["inputFormat"] == FORMATS["YUV420SP_U8"]
    gear_index, ret = acl.mdl.get_input_index_by_name(model.desc, "ascend_mbatch_shape_data")
    assert ret == ACL_SUCCESS
    images = np.random.default_rng(3).integers(0, 256, (2, frame), dtype=np.uint8)
    model.feed(0, images)
    assert acl.mdl.set_dynamic_batch_size(model.id, model.inputs[0], gear_index, 2) == ACL_SUCCESS
    model.run()
    ptr, size = model.outputs[1][0]
    got = np.zeros((4, 3, 16, 24), np.float32)
    assert acl.rt.memcpy(acl.util.numpy_to_ptr(got), size, ptr, size,
                         ACL_MEMCPY_DEVICE_TO_HOST) == ACL_SUCCESS
    for b in range(2):
        want = reference(images[b].tobytes(), cfg, 3, 16, 24)
        np.testing.assert_allclose(got[b], want, atol=2e-3, rtol=1e-5, err_msg=f"image {b}")
    model.close()


def test_cpp_sample_classifies_nv12_like_onnxruntime(workdir):
    """samples/cpp/aipp_classify fed NV12 bytes through static AIPP (aipp_yuv420sp.cfg)."""
    import sys
    sys.path.insert(0, os.path.join(ROOT, "tests", "samples"))
    import sample_check as sc
    binary = os.path.join(BUILD, "bin", "sample_aipp_classify")
    if not os.path.exists(binary):
        pytest.skip(f"{binary} not built")
    if not sc.ort_available():
        pytest.skip("onnxruntime-node missing: run scripts/fetch_models.sh")
    onnx_path = sc.classifier_onnx(workdir)
    om = os.path.join(workdir, "cpp_nv12")
    rc, log = atc(onnx_path, om, os.path.join(SAMPLE_DIR, "aipp_yuv420sp.cfg"),
                  ["--input_shape=input:1,3,224,224"])
    assert rc == 0, log
    mod = sample_module()
    nv12 = mod.rgb_to_nv12(mod.test_image(256))
    image = os.path.join(workdir, "nv12_256.bin")
    nv12.tofile(image)
    run = subprocess.run([binary, om + ".om", image], text=True, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, timeout=600)
    assert run.returncode == 0, run.stdout
    blocks = sc.parse_top5(run.stdout)
    assert len(blocks) == 1, run.stdout
    x = reference(nv12.tobytes(), nv12_cfg((16, 16, 224, 224), IMAGENET["min"], IMAGENET["var"]),
                  3, 224, 224)[None]
    problem = sc.top5_mismatch(blocks[0][1], sc.run_ort(onnx_path, x, workdir, tag="cpp_nv12"))
    assert problem is None, f"{problem}\n{run.stdout}"
