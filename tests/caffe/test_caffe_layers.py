"""Every supported Caffe layer type, with its variants, as a small net written at test time:
compiled with atc --framework=0, run through the `acl` module, compared with OpenCV's dnn module
(or, for layers OpenCV does not read, with a numpy reference written from Caffe's definition)."""
import os

import numpy as np
import pytest

from caffe_builder import Net
from caffe_harness import compile_ok, opencv_forward, run_om

RTOL, ATOL = 1e-4, 1e-4


def rand(shape, seed=0, low=-1.0, high=1.0):
    return np.random.default_rng(seed).uniform(low, high, size=shape).astype(np.float32)


def check(tmp_path, net, outputs, reference=None, inputs=None, extra=(), rtol=RTOL, atol=ATOL,
          legacy_dims=False):
    """Compiles and runs `net`; compares each output blob in `outputs` with OpenCV (or with
    `reference(inputs) -> list of arrays`)."""
    proto, weights = net.save(str(tmp_path), legacy_dims=legacy_dims)
    om = compile_ok(proto, weights, str(tmp_path / "model"), *extra)
    if inputs is None:
        inputs = {name: rand(shape, seed=i + 1) for i, (name, shape) in enumerate(net.inputs.items())}
    got = run_om(om, list(inputs.values()))
    assert list(got.keys()) == list(outputs), "outputs %s, expected %s" % (list(got), outputs)
    if reference is None:
        want = opencv_forward(proto, weights, inputs, [net.writer[o] for o in outputs])
    else:
        want = reference(inputs)
    for name, w in zip(outputs, want):
        g = got[name]
        assert g.shape == tuple(w.shape) or g.size == w.size, (name, g.shape, w.shape)
        np.testing.assert_allclose(g.reshape(w.shape), w, rtol=rtol, atol=atol, err_msg=name)
    return got


def one_layer(type, shape=(1, 4, 7, 7), blobs=(), seed=3, **params):
    net = Net(type.lower() + "_net", seed=seed)
    x = net.input("data", list(shape))
    y = net.layer(type, x, name="out", blobs=blobs, **params)
    return net, [y]


CONV_CASES = {
    "k3_pad1": dict(num_output=6, kernel_size=[3], pad=[1]),
    "k3x1_hw_stride2": dict(num_output=5, kernel_h=3, kernel_w=1, pad_h=1, pad_w=0, stride_h=2,
                            stride_w=1),
    "group2_dilation2": dict(num_output=4, kernel_size=[3], group=2, dilation=[2], pad=[2]),
    "no_bias_1x1_stride2": dict(num_output=3, kernel_size=[1], stride=[2], bias_term=False),
    "depthwise": dict(num_output=4, kernel_size=[3], group=4, pad=[1]),
}


@pytest.mark.parametrize("case", sorted(CONV_CASES))
def test_convolution(tmp_path, case):
    p = CONV_CASES[case]
    kh = p.get("kernel_h", p.get("kernel_size", [1])[0])
    kw = p.get("kernel_w", p.get("kernel_size", [1])[0])
    blobs = [[p["num_output"], 4 // p.get("group", 1), kh, kw]]
    if p.get("bias_term", True):
        blobs.append([p["num_output"]])
    net, outs = one_layer("Convolution", blobs=blobs, convolution_param=p)
    check(tmp_path, net, outs)


@pytest.mark.parametrize("group", [1, 2])
def test_deconvolution(tmp_path, group):
    p = dict(num_output=4, kernel_size=[4], stride=[2], pad=[1], group=group)
    net, outs = one_layer("Deconvolution", blobs=[[4, 4 // group, 4, 4], [4]], convolution_param=p)
    check(tmp_path, net, outs)


POOL_CASES = {
    # 8x8, k3 s2: Caffe rounds up to 4 (floor would give 3), last window clipped.
    "max_k3_s2_ceil": ((1, 3, 8, 8), dict(pool=0, kernel_size=3, stride=2)),
    "ave_k3_s2_ceil": ((1, 3, 8, 8), dict(pool=1, kernel_size=3, stride=2)),
    # 5x5, k2 s2 pad1: ceil gives 4 windows, the 4th would start in the padding: dropped.
    "max_pad_clip": ((1, 2, 5, 5), dict(pool=0, kernel_size=2, stride=2, pad=1)),
    "ave_pad_clip": ((1, 2, 5, 5), dict(pool=1, kernel_size=2, stride=2, pad=1)),
    "ave_k3_s1_pad1": ((1, 2, 6, 6), dict(pool=1, kernel_size=3, stride=1, pad=1)),
    "max_hw": ((1, 2, 9, 7), dict(pool=0, kernel_h=3, kernel_w=2, stride_h=2, stride_w=1)),
    "global_ave": ((2, 3, 5, 6), dict(pool=1, global_pooling=True)),
    "global_max": ((2, 3, 5, 6), dict(pool=0, global_pooling=True)),
}


@pytest.mark.parametrize("case", sorted(POOL_CASES))
def test_pooling(tmp_path, case):
    shape, p = POOL_CASES[case]
    net, outs = one_layer("Pooling", shape=shape, pooling_param=p)
    check(tmp_path, net, outs)


def test_inner_product_variants(tmp_path):
    net = Net("ip", seed=5)
    x = net.input("data", [2, 3, 4, 5])
    a = net.layer("InnerProduct", x, name="fc_axis1", inner_product_param=dict(num_output=7),
                  blobs=[[7, 60], [7]])
    c = net.layer("InnerProduct", x, name="fc_axis2", inner_product_param=dict(num_output=3, axis=2),
                  blobs=[[3, 20], [3]])
    check(tmp_path, net, [a, c])


# transpose: true stores the weight as K x N (Caffe's inner_product_layer); OpenCV 4.6 reads it
# as N x K, so the reference is numpy.
def test_inner_product_transposed(tmp_path):
    net = Net("ip_t", seed=6)
    x = net.input("data", [2, 3, 4, 5])
    b = net.layer("InnerProduct", x, name="fc_transposed",
                  inner_product_param=dict(num_output=6, transpose=True, bias_term=False),
                  blobs=[[60, 6]])
    w = net.weights["fc_transposed"][0]
    check(tmp_path, net, [b], reference=lambda i: [i["data"].reshape(2, 60) @ w])


ELEMENTWISE = {
    "relu": ("ReLU", {}, ()),
    "leaky_relu": ("ReLU", dict(relu_param=dict(negative_slope=0.1)), ()),
    "prelu": ("PReLU", {}, ([4],)),
    "prelu_shared": ("PReLU", dict(prelu_param=dict(channel_shared=True)), ([1],)),
    "elu": ("ELU", dict(elu_param=dict(alpha=0.5)), ()),
    "sigmoid": ("Sigmoid", {}, ()),
    "tanh": ("TanH", {}, ()),
    "absval": ("AbsVal", {}, ()),
    "bnll": ("BNLL", {}, ()),
    "power": ("Power", dict(power_param=dict(power=2.0, scale=0.5, shift=1.0)), ()),
    "power_affine": ("Power", dict(power_param=dict(scale=-2.0, shift=0.25)), ()),
    "exp": ("Exp", {}, ()),
    "exp_base2": ("Exp", dict(exp_param=dict(base=2.0, scale=0.5, shift=0.1)), ()),
    "dropout": ("Dropout", dict(dropout_param=dict(dropout_ratio=0.3)), ()),
}


@pytest.mark.parametrize("case", sorted(ELEMENTWISE))
def test_elementwise(tmp_path, case):
    type, params, blobs = ELEMENTWISE[case]
    net, outs = one_layer(type, blobs=blobs, **params)
    check(tmp_path, net, outs)


def numpy_one(fn):
    return lambda inputs: [fn(inputs["data"])]


NUMPY_ELEMENTWISE = {
    "log": ("Log", dict(log_param=dict(shift=2.0)), lambda x: np.log(x + 2.0)),
    "log_base10": ("Log", dict(log_param=dict(base=10.0, scale=2.0, shift=3.0)),
                   lambda x: np.log10(2.0 * x + 3.0)),
    "threshold": ("Threshold", dict(threshold_param=dict(threshold=0.2)),
                  lambda x: (x > 0.2).astype(np.float32)),
    "clip": ("Clip", dict(clip_param=dict(min=-0.3, max=0.5)), lambda x: np.clip(x, -0.3, 0.5)),
}


@pytest.mark.parametrize("case", sorted(NUMPY_ELEMENTWISE))
def test_elementwise_numpy_reference(tmp_path, case):
    type, params, fn = NUMPY_ELEMENTWISE[case]
    net, outs = one_layer(type, **params)
    check(tmp_path, net, outs, reference=numpy_one(fn))


@pytest.mark.parametrize("region", [0, 1])
def test_lrn(tmp_path, region):
    p = dict(local_size=5 if region == 0 else 3, alpha=0.5, beta=0.75, norm_region=region)
    net, outs = one_layer("LRN", shape=(1, 7, 6, 6), lrn_param=p)
    check(tmp_path, net, outs)


# k (Caffe's additive term) is not read by OpenCV 4.6: numpy reference from Caffe's definition.
def test_lrn_across_channels_k(tmp_path):
    n, alpha, beta, k = 3, 0.5, 0.75, 2.0
    net, outs = one_layer("LRN", shape=(1, 7, 6, 6),
                          lrn_param=dict(local_size=n, alpha=alpha, beta=beta, k=k))

    def reference(inputs):
        x = inputs["data"]
        sq = np.pad(x ** 2, ((0, 0), (n // 2, n // 2), (0, 0), (0, 0)))
        window = sum(sq[:, i:i + x.shape[1]] for i in range(n))
        return [x / (k + alpha / n * window) ** beta]

    check(tmp_path, net, outs, reference=reference)


def test_batchnorm_scale_factor_and_scale_bias(tmp_path):
    c = 4
    net = Net("bn", seed=7)
    x = net.input("data", [2, c, 5, 5])
    rng = np.random.default_rng(8)
    mean = rng.uniform(-1, 1, c).astype(np.float32)
    var = rng.uniform(0.2, 2, c).astype(np.float32)
    bn = net.layer("BatchNorm", x, name="bn", batch_norm_param=dict(eps=1e-3),
                   blob_values=[mean * 2.5, var * 2.5, np.array([2.5], np.float32)])
    sc = net.layer("Scale", bn, name="scale", tops=[bn], scale_param=dict(bias_term=True),
                   blobs=[[c], [c]])
    check(tmp_path, net, [sc])


def test_scale_and_bias_forms(tmp_path):
    net = Net("scales", seed=9)
    x = net.input("data", [2, 3, 4, 5])
    s = net.input("s", [3, 4])
    a = net.layer("Scale", x, name="scale_blob_axis1_2axes", scale_param=dict(num_axes=2),
                  blobs=[[3, 4]])
    b = net.layer("Scale", [x, s], name="scale_bottom")
    check(tmp_path, net, [a, b])


# A scalar scale (num_axes: 0), which OpenCV 4.6 rejects: numpy reference.
def test_scale_scalar(tmp_path):
    net = Net("scale_scalar", seed=9)
    x = net.input("data", [2, 3, 4, 5])
    d = net.layer("Scale", x, name="scale_scalar", scale_param=dict(num_axes=0, bias_term=True),
                  blobs=[[1], [1]])
    s, b = net.weights["scale_scalar"]
    check(tmp_path, net, [d], reference=lambda i: [i["data"] * s[0] + b[0]])


# OpenCV 4.6 has no Bias layer: numpy reference.
def test_bias(tmp_path):
    net = Net("bias", seed=10)
    x = net.input("data", [2, 3, 4, 5])
    b = net.input("b", [3, 4])
    c = net.layer("Bias", x, name="bias_blob", blobs=[[3]])
    d = net.layer("Bias", [x, b], name="bias_bottom")
    w = net.weights["bias_blob"][0]
    check(tmp_path, net, [c, d], reference=lambda i: [i["data"] + w.reshape(3, 1, 1),
                                                       i["data"] + i["b"].reshape(3, 4, 1)])


ELTWISE = {
    "sum": dict(operation=1),
    "sum_coeff": dict(operation=1, coeff=[1.0, -0.5, 2.0]),
    "prod": dict(operation=0),
    "max": dict(operation=2),
}


@pytest.mark.parametrize("case", sorted(ELTWISE))
def test_eltwise(tmp_path, case):
    net = Net("eltwise", seed=11)
    a = net.input("a", [1, 3, 4, 4])
    b = net.input("b", [1, 3, 4, 4])
    c = net.input("c", [1, 3, 4, 4])
    y = net.layer("Eltwise", [a, b, c], name="out", eltwise_param=ELTWISE[case])
    check(tmp_path, net, [y])


def test_concat_slice_split(tmp_path):
    net = Net("layout", seed=12)
    x = net.input("data", [1, 6, 4, 4])
    y = net.input("y", [1, 6, 2, 4])
    s1, s2, s3 = net.layer("Slice", x, name="slice", tops=["s1", "s2", "s3"],
                           slice_param=dict(axis=1, slice_point=[1, 4]))
    t1, t2 = net.layer("Slice", x, name="halves", tops=["h1", "h2"], slice_param=dict(axis=2))
    sp = net.layer("Split", s2, name="split", tops=["sp1", "sp2"])
    a = net.layer("Power", sp[0], name="a", power_param=dict(scale=2.0))
    b = net.layer("Power", sp[1], name="b", power_param=dict(shift=1.0))
    cat = net.layer("Concat", [s1, a, b, s3], name="cat")
    cat2 = net.layer("Concat", [t1, y, t2], name="cat_h", concat_param=dict(axis=2))
    check(tmp_path, net, [cat, cat2])


def test_flatten_reshape_permute_softmax(tmp_path):
    net = Net("shapes", seed=13)
    x = net.input("data", [2, 3, 4, 5])
    f = net.layer("Flatten", x, name="flat")
    f2 = net.layer("Flatten", x, name="flat2", flatten_param=dict(axis=2))
    r = net.layer("Reshape", x, name="reshape", reshape_param=dict(shape=dict(dim=[0, -1, 10])))
    p = net.layer("Permute", x, name="permute", permute_param=dict(order=[0, 2, 3, 1]))
    s = net.layer("Softmax", x, name="softmax_c")
    s2 = net.layer("Softmax", f, name="softmax_flat")
    check(tmp_path, net, [f2, r, p, s, s2])


def test_crop(tmp_path):
    net = Net("crop", seed=14)
    x = net.input("data", [1, 3, 8, 9])
    ref = net.input("ref", [1, 3, 5, 4])
    y = net.layer("Crop", [x, ref], name="crop", crop_param=dict(axis=2, offset=[1, 3]))
    check(tmp_path, net, [y])


def test_mvn_and_normalize(tmp_path):
    net = Net("norms", seed=15)
    x = net.input("data", [2, 3, 4, 5])
    m = net.layer("MVN", x, name="mvn")
    m2 = net.layer("MVN", x, name="mvn_across", mvn_param=dict(across_channels=True,
                                                              normalize_variance=False))
    n = net.layer("Normalize", x, name="norm", norm_param=dict(across_spatial=False,
                                                              channel_shared=False),
                  blobs=[[3]])
    check(tmp_path, net, [m, m2, n], atol=2e-4)


def test_tile_argmax_reduction_numpy_reference(tmp_path):
    net = Net("misc", seed=16)
    x = net.input("data", [2, 3, 4, 5])
    t = net.layer("Tile", x, name="tile", tile_param=dict(axis=1, tiles=2))
    a = net.layer("ArgMax", x, name="argmax_axis", argmax_param=dict(axis=1))
    a2 = net.layer("ArgMax", x, name="argmax_top2", argmax_param=dict(top_k=2, out_max_val=True))
    r = net.layer("Reduction", x, name="sum_from1", reduction_param=dict(operation=1, axis=1))
    r2 = net.layer("Reduction", x, name="mean_from2", reduction_param=dict(operation=4, axis=2,
                                                                          coeff=2.0))
    r3 = net.layer("Reduction", x, name="asum_all", reduction_param=dict(operation=2))
    r4 = net.layer("Reduction", x, name="sumsq_from3", reduction_param=dict(operation=3, axis=3))

    def reference(inputs):
        v = inputs["data"]
        flat = v.reshape(2, -1)
        top = np.argsort(-flat, axis=1, kind="stable")[:, :2]
        pairs = np.stack([top.astype(np.float32), np.take_along_axis(flat, top, 1)], axis=1)
        return [np.tile(v, (1, 2, 1, 1)),
                np.argmax(v, axis=1)[:, None].astype(np.float32),
                pairs,
                v.reshape(2, -1).sum(1),
                2.0 * v.reshape(2, 3, -1).mean(2),
                np.abs(v).sum().reshape(()),
                (v ** 2).sum(3)]

    check(tmp_path, net, [t, a, a2, r, r2, r3, r4], reference=reference)


def bilinear_align_corners(x, h, w):
    n, c, ih, iw = x.shape
    ys = np.linspace(0, ih - 1, h) if h > 1 else np.zeros(1)
    xs = np.linspace(0, iw - 1, w) if w > 1 else np.zeros(1)
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    y1, x1 = np.minimum(y0 + 1, ih - 1), np.minimum(x0 + 1, iw - 1)
    dy, dx = (ys - y0)[:, None], (xs - x0)[None, :]
    a, b = x[:, :, y0][:, :, :, x0], x[:, :, y0][:, :, :, x1]
    c_, d = x[:, :, y1][:, :, :, x0], x[:, :, y1][:, :, :, x1]
    return (a * (1 - dy) * (1 - dx) + b * (1 - dy) * dx + c_ * dy * (1 - dx) + d * dy * dx)


# Forks' layers (ShuffleNet, PSPNet/DeepLab, YOLO ports), which OpenCV's Caffe schema does not
# have: numpy references from the forks' layer code.
def test_shuffle_channel_interp_upsample(tmp_path):
    net = Net("forks", seed=17)
    x = net.input("data", [1, 6, 4, 5])
    ref = net.input("ref", [1, 1, 7, 3])
    s = net.layer("ShuffleChannel", x, name="shuffle", shuffle_channel_param=dict(group=3))
    i1 = net.layer("Interp", x, name="interp_zoom", interp_param=dict(zoom_factor=2))
    i2 = net.layer("Interp", x, name="interp_size", interp_param=dict(height=9, width=6))
    i3 = net.layer("Interp", [x, ref], name="interp_like")
    u = net.layer("Upsample", x, name="upsample", upsample_param=dict(scale=2))

    def reference(inputs):
        v = inputs["data"]
        return [v.reshape(1, 3, 2, 4, 5).transpose(0, 2, 1, 3, 4).reshape(1, 6, 4, 5),
                bilinear_align_corners(v, 7, 9),
                bilinear_align_corners(v, 9, 6),
                bilinear_align_corners(v, 7, 3),
                v.repeat(2, axis=2).repeat(2, axis=3)]

    check(tmp_path, net, [s, i1, i2, i3, u], reference=reference, atol=1e-5)


@pytest.mark.parametrize("case", ["min_max_flip_clip", "two_min_sizes_step"])
def test_prior_box(tmp_path, case):
    """SSD's PriorBox (computed at compile time) against OpenCV's."""
    params = {
        "min_max_flip_clip": dict(min_size=[30.0], max_size=[60.0], aspect_ratio=[2.0, 3.0],
                                  flip=True, clip=True, variance=[0.1, 0.1, 0.2, 0.2]),
        # clip given explicitly: its default is false in SSD's current schema (ours), true in
        # the older one OpenCV 4.6 carries.
        "two_min_sizes_step": dict(min_size=[16.0, 24.0], aspect_ratio=[2.0], flip=False,
                                   clip=False, step=8.0, offset=0.5, variance=[0.1]),
    }[case]
    net = Net("priorbox", seed=18)
    feat = net.input("feat", [1, 4, 5, 6])
    img = net.input("data", [1, 3, 40, 48])
    y = net.layer("PriorBox", [feat, img], name="priors", prior_box_param=params)
    check(tmp_path, net, [y], atol=1e-5)
