"""Classic architectures as Caffe prototxt (ResNet bottleneck blocks with BatchNorm + Scale in
place, a GoogLeNet inception module with LRN + Concat, VGG-style, a SqueezeNet fire module, a
legacy V1 `layers` net), the Caffe samples' atc line, and the errors for broken files."""
import os

import numpy as np
import pytest

import caffe_pb2
from caffe_builder import Net
from caffe_harness import atc, compile_ok, opencv_forward, run_om
from test_caffe_layers import check, rand


def conv(net, x, name, out, k, cin, stride=1, pad=0, bias=True, group=1):
    p = dict(num_output=out, kernel_size=[k], stride=[stride], pad=[pad], group=group,
             bias_term=bias)
    blobs = [[out, cin // group, k, k]] + ([[out]] if bias else [])
    return net.layer("Convolution", x, name=name, convolution_param=p, blobs=blobs)


def bn_scale_relu(net, x, name, c, relu=True):
    """ResNet's in-place BatchNorm + Scale (+ ReLU), as in the published deploy prototxts."""
    rng = net.rng
    net.layer("BatchNorm", x, name="bn_" + name, tops=[x],
              blob_values=[rng.uniform(-0.2, 0.2, c).astype(np.float32),
                           rng.uniform(0.5, 1.5, c).astype(np.float32),
                           np.array([1.0], np.float32)])
    net.layer("Scale", x, name="scale_" + name, tops=[x], scale_param=dict(bias_term=True),
              blob_values=[rng.uniform(0.5, 1.5, c).astype(np.float32),
                           rng.uniform(-0.2, 0.2, c).astype(np.float32)])
    if relu:
        net.layer("ReLU", x, name=name + "_relu", tops=[x])
    return x


def bottleneck(net, x, name, cin, mid, cout, stride, project):
    a = bn_scale_relu(net, conv(net, x, name + "_branch2a", mid, 1, cin, stride, bias=False),
                      name + "_branch2a", mid)
    b = bn_scale_relu(net, conv(net, a, name + "_branch2b", mid, 3, mid, 1, 1, bias=False),
                      name + "_branch2b", mid)
    c = bn_scale_relu(net, conv(net, b, name + "_branch2c", cout, 1, mid, bias=False),
                      name + "_branch2c", cout, relu=False)
    short = x
    if project:
        short = bn_scale_relu(net, conv(net, x, name + "_branch1", cout, 1, cin, stride, bias=False),
                              name + "_branch1", cout, relu=False)
    y = net.layer("Eltwise", [short, c], name=name)
    net.layer("ReLU", y, name=name + "_relu", tops=[y])
    return y


def resnet_like(depth_blocks=(1, 1), width=8, hw=32, classes=10, seed=21):
    net = Net("resnet_like", seed=seed)
    x = net.input("data", [1, 3, hw, hw])
    y = bn_scale_relu(net, conv(net, x, "conv1", width, 7, 3, 2, 3), "conv1", width)
    y = net.layer("Pooling", y, name="pool1", pooling_param=dict(pool=0, kernel_size=3, stride=2))
    cin = width
    for stage, blocks in enumerate(depth_blocks):
        for b in range(blocks):
            mid = width * (2 ** stage)
            cout = mid * 4
            y = bottleneck(net, y, "res%d%s" % (stage + 2, "abcdef"[b]), cin, mid, cout,
                           2 if (b == 0 and stage > 0) else 1, b == 0)
            cin = cout
    y = net.layer("Pooling", y, name="pool5", pooling_param=dict(pool=1, global_pooling=True))
    y = net.layer("InnerProduct", y, name="fc", inner_product_param=dict(num_output=classes),
                  blobs=[[classes, cin], [classes]])
    return net, net.layer("Softmax", y, name="prob")


def test_resnet_bottlenecks_with_batchnorm_scale(tmp_path):
    net, prob = resnet_like()
    got = check(tmp_path, net, [prob], rtol=1e-3, atol=1e-5)
    assert got["prob"].shape == (1, 10)


def test_googlenet_inception_with_lrn_and_concat(tmp_path):
    net = Net("inception", seed=22)
    x = net.input("data", [1, 3, 40, 40])
    y = conv(net, x, "conv1/7x7_s2", 16, 7, 3, 2, 3)
    net.layer("ReLU", y, name="conv1/relu_7x7", tops=[y])
    y = net.layer("Pooling", y, name="pool1/3x3_s2", pooling_param=dict(pool=0, kernel_size=3, stride=2))
    y = net.layer("LRN", y, name="pool1/norm1", lrn_param=dict(local_size=5, alpha=1e-4, beta=0.75))
    branches = []
    for name, k, reduce_to, out in [("1x1", 1, None, 8), ("3x3", 3, 6, 12), ("5x5", 5, 4, 6)]:
        b = y
        cin = 16
        if reduce_to:
            b = conv(net, b, "inception_3a/%s_reduce" % name, reduce_to, 1, 16)
            net.layer("ReLU", b, name="inception_3a/relu_%s_reduce" % name, tops=[b])
            cin = reduce_to
        b = conv(net, b, "inception_3a/" + name, out, k, cin, 1, k // 2)
        net.layer("ReLU", b, name="inception_3a/relu_" + name, tops=[b])
        branches.append(b)
    p = net.layer("Pooling", y, name="inception_3a/pool",
                  pooling_param=dict(pool=0, kernel_size=3, stride=1, pad=1))
    p = conv(net, p, "inception_3a/pool_proj", 4, 1, 16)
    net.layer("ReLU", p, name="inception_3a/relu_pool_proj", tops=[p])
    cat = net.layer("Concat", branches + [p], name="inception_3a/output")
    y = net.layer("Pooling", cat, name="pool5/7x7_s1", pooling_param=dict(pool=1, kernel_size=7, stride=1))
    y = net.layer("Dropout", y, name="pool5/drop_7x7_s1", tops=[y], dropout_param=dict(dropout_ratio=0.4))
    y = net.layer("InnerProduct", y, name="loss3/classifier", inner_product_param=dict(num_output=10),
                  blobs=[[10, 30 * 4 * 4], [10]])
    prob = net.layer("Softmax", y, name="prob")
    check(tmp_path, net, [prob], rtol=1e-3, atol=1e-5)


def test_vgg_style(tmp_path):
    net = Net("vgg_like", seed=23)
    y = net.input("data", [1, 3, 16, 16])
    cin = 3
    for block, (width, convs) in enumerate([(8, 2), (16, 2)]):
        for i in range(convs):
            y = conv(net, y, "conv%d_%d" % (block + 1, i + 1), width, 3, cin, 1, 1)
            net.layer("ReLU", y, name="relu%d_%d" % (block + 1, i + 1), tops=[y])
            cin = width
        y = net.layer("Pooling", y, name="pool%d" % (block + 1),
                      pooling_param=dict(pool=0, kernel_size=2, stride=2))
    y = net.layer("InnerProduct", y, name="fc6", inner_product_param=dict(num_output=32),
                  blobs=[[32, 16 * 4 * 4], [32]])
    net.layer("ReLU", y, name="relu6", tops=[y])
    net.layer("Dropout", y, name="drop6", tops=[y])
    y = net.layer("InnerProduct", y, name="fc8", inner_product_param=dict(num_output=5),
                  blobs=[[5, 32], [5]])
    prob = net.layer("Softmax", y, name="prob")
    check(tmp_path, net, [prob], rtol=1e-3, atol=1e-5)


def test_squeezenet_fire_module(tmp_path):
    net = Net("squeezenet_fire", seed=24)
    x = net.input("data", [1, 3, 17, 17])
    y = conv(net, x, "conv1", 16, 3, 3, 2)
    net.layer("ReLU", y, name="relu_conv1", tops=[y])
    y = net.layer("Pooling", y, name="pool1", pooling_param=dict(pool=0, kernel_size=3, stride=2))
    s = conv(net, y, "fire2/squeeze1x1", 4, 1, 16)
    net.layer("ReLU", s, name="fire2/relu_squeeze1x1", tops=[s])
    e1 = conv(net, s, "fire2/expand1x1", 8, 1, 4)
    net.layer("ReLU", e1, name="fire2/relu_expand1x1", tops=[e1])
    e3 = conv(net, s, "fire2/expand3x3", 8, 3, 4, 1, 1)
    net.layer("ReLU", e3, name="fire2/relu_expand3x3", tops=[e3])
    cat = net.layer("Concat", [e1, e3], name="fire2/concat")
    y = conv(net, cat, "conv10", 6, 1, 16)
    y = net.layer("Pooling", y, name="pool10", pooling_param=dict(pool=1, global_pooling=True))
    prob = net.layer("Softmax", y, name="prob")
    check(tmp_path, net, [prob], rtol=1e-3, atol=1e-5)


def test_legacy_v1_layers_and_blob_dims(tmp_path):
    """An old-style net: `input_dim`, V1 `layers` with enum types, 4-D legacy blob dims."""
    V1 = caffe_pb2.V1LayerParameter
    proto = caffe_pb2.NetParameter(name="lenet_v1")
    proto.input.append("data")
    proto.input_dim.extend([1, 1, 12, 12])
    rng = np.random.default_rng(25)
    weights = {}

    def add(name, type, bottom, top, param=None, blobs=()):
        layer = proto.layers.add(name=name, type=type, bottom=[bottom], top=[top])
        if param:
            getattr(layer, param[0]).CopyFrom(param[1])
        weights[name] = [rng.uniform(-0.5, 0.5, s).astype(np.float32) for s in blobs]

    add("conv1", V1.CONVOLUTION, "data", "conv1",
        ("convolution_param", caffe_pb2.ConvolutionParameter(num_output=4, kernel_size=[3])),
        [[4, 1, 3, 3], [4]])
    add("pool1", V1.POOLING, "conv1", "pool1",
        ("pooling_param", caffe_pb2.PoolingParameter(pool=0, kernel_size=2, stride=2)))
    add("relu1", V1.RELU, "pool1", "pool1")
    add("ip1", V1.INNER_PRODUCT, "pool1", "ip1",
        ("inner_product_param", caffe_pb2.InnerProductParameter(num_output=3)), [[3, 100], [3]])
    add("prob", V1.SOFTMAX, "ip1", "prob")
    model = caffe_pb2.NetParameter()
    model.CopyFrom(proto)
    for layer in model.layers:
        for w in weights[layer.name]:
            b = layer.blobs.add()
            b.num, b.channels, b.height, b.width = [1] * (4 - w.ndim) + list(w.shape)
            b.data.extend(w.ravel().tolist())
    from google.protobuf import text_format
    p, wpath = str(tmp_path / "lenet_v1.prototxt"), str(tmp_path / "lenet_v1.caffemodel")
    open(p, "w").write(text_format.MessageToString(proto))
    open(wpath, "wb").write(model.SerializeToString())
    om = compile_ok(p, wpath, str(tmp_path / "lenet_v1"))
    x = rand((1, 1, 12, 12), seed=3)
    got = run_om(om, [x])["prob"]
    want = opencv_forward(p, wpath, {"data": x}, ["prob"])[0]
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_sample_readme_atc_line(tmp_path):
    """The C++ ResNet-50 sample's line: -output_type (one dash), fp16 input, --out_nodes=prob:0."""
    net, prob = resnet_like(seed=26)
    proto, weights = net.save(str(tmp_path))
    rc, log = atc(proto, weights, str(tmp_path / "model" / "resnet50"), "--input_format=NCHW",
                  "--input_fp16_nodes=data", "-output_type=FP32", "--out_nodes=prob:0")
    assert rc == 0, log
    assert "ATC run success" in log
    x = rand((1, 3, 32, 32), seed=4)
    got = run_om(str(tmp_path / "model" / "resnet50.om"), [x.astype(np.float16)])
    assert list(got) == ["prob"] and got["prob"].dtype == np.float32
    want = opencv_forward(proto, weights, {"data": x.astype(np.float16).astype(np.float32)},
                          ["prob"])[0]
    np.testing.assert_allclose(got["prob"], want, rtol=1e-3, atol=1e-5)


def test_input_shape_and_out_nodes_by_top_index(tmp_path):
    """--input_shape changes the batch by Caffe input name; --out_nodes picks tops by layer:index."""
    net = Net("sliced", seed=27)
    x = net.input("data", [1, 4, 6, 6])
    y = conv(net, x, "conv", 6, 3, 4, 1, 1)
    net.layer("Slice", y, name="slice", tops=["lo", "hi"], slice_param=dict(slice_point=[2]))
    net.layer("Sigmoid", "lo", name="sig")
    net.layer("TanH", "hi", name="tanh")
    proto, weights = net.save(str(tmp_path))
    om = compile_ok(proto, weights, str(tmp_path / "m"), "--input_shape=data:3,4,6,6",
                    "--out_nodes=slice:1;sig:0", "--output_type=FP16")
    xb = rand((3, 4, 6, 6), seed=5)
    got = run_om(om, [xb])
    assert list(got) == ["hi", "sig"], list(got)
    want_hi, want_sig = opencv_forward(proto, weights, {"data": xb}, ["conv", "sig"])
    assert got["hi"].dtype == np.float16 and got["hi"].shape == (3, 4, 6, 6)
    np.testing.assert_allclose(got["hi"].astype(np.float32), want_hi[:, 2:], rtol=2e-3, atol=2e-3)
    np.testing.assert_allclose(got["sig"].astype(np.float32), want_sig, rtol=2e-3, atol=2e-3)


@pytest.fixture
def small_net(tmp_path):
    net = Net("small", seed=28)
    x = net.input("data", [1, 3, 8, 8])
    y = conv(net, x, "conv1", 4, 3, 3, 1, 1)
    net.layer("ReLU", y, name="relu1", tops=[y])
    return net, net.save(str(tmp_path))


def test_malformed_prototxt_names_file_and_line(tmp_path, small_net):
    _, (proto, weights) = small_net
    text = open(proto).read().replace("num_output: 4", "num_output: four", 1)
    line = text.split("\n").index("    num_output: four") + 1
    bad = str(tmp_path / "bad.prototxt")
    open(bad, "w").write(text)
    rc, log = atc(bad, weights, str(tmp_path / "x"))
    assert rc != 0
    assert "bad.prototxt" in log and "line %d, column 17" % line in log and "four" in log, log


def test_truncated_caffemodel(tmp_path, small_net):
    _, (proto, weights) = small_net
    data = open(weights, "rb").read()
    cut = str(tmp_path / "cut.caffemodel")
    open(cut, "wb").write(data[: len(data) * 2 // 3])
    rc, log = atc(proto, cut, str(tmp_path / "x"))
    assert rc != 0
    assert "cut.caffemodel" in log and "not a valid caffemodel" in log, log


def test_missing_weights_and_wrong_shape(tmp_path, small_net):
    net, (proto, _) = small_net
    net.weights.pop("conv1")
    p, w = net.save(str(tmp_path / "noweights"))
    rc, log = atc(proto, w, str(tmp_path / "x"))
    assert rc != 0
    assert "layer 'conv1' (type Convolution" in log and "weight blob 0" in log, log
    net.weights["conv1"] = [np.zeros((4, 2, 3, 3), np.float32), np.zeros(4, np.float32)]
    p, w = net.save(str(tmp_path / "wrongshape"))
    rc, log = atc(proto, w, str(tmp_path / "x"))
    assert rc != 0
    assert "[4,2,3,3]" in log and "[4,3,3,3]" in log, log


def test_unsupported_layer_and_missing_files(tmp_path, small_net):
    net, (small_proto, small_weights) = small_net
    net.layer("SPP", "conv1", name="spp")
    proto, weights = net.save(str(tmp_path / "spp"))
    rc, log = atc(proto, weights, str(tmp_path / "x"))
    assert rc != 0
    assert "layer 'spp' (type SPP" in log and "line" in log and "not supported" in log, log
    rc, log = atc(str(tmp_path / "nope.prototxt"), weights, str(tmp_path / "x"))
    assert rc != 0 and "nope.prototxt" in log
    rc, log = atc(proto, "", str(tmp_path / "x"))
    assert rc != 0 and "--weight" in log
    rc, log = atc(small_proto, small_weights, str(tmp_path / "x"), "--input_shape=image:1,3,8,8")
    assert rc != 0 and "'image'" in log, log


def test_dynamic_batch_gears(tmp_path):
    """--dynamic_batch_size with a Caffe model: each gear is imported with its own batch."""
    import acl
    net, prob = resnet_like(seed=29)
    proto, weights = net.save(str(tmp_path))
    om = compile_ok(proto, weights, str(tmp_path / "gears"), "--input_shape=data:-1,3,32,32",
                    "--dynamic_batch_size=1,2,4")
    model_id, ret = acl.mdl.load_from_file(om)
    assert ret == 0, acl.get_recent_err_msg()
    desc = acl.mdl.create_desc()
    assert acl.mdl.get_desc(desc, model_id) == 0
    assert acl.mdl.get_num_inputs(desc) == 2
    assert acl.mdl.get_input_name_by_index(desc, 1) == "ascend_mbatch_shape_data"
    batch, ret = acl.mdl.get_dynamic_batch(desc)
    assert ret == 0 and list(batch["batch"])[:batch["batchCount"]] == [1, 2, 4], batch
    acl.mdl.destroy_desc(desc)
    assert acl.mdl.unload(model_id) == 0
