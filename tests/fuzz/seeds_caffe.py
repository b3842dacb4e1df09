"""Seeds for fuzz_caffe (run by make_seeds.py with OUT and ATC): small nets of several layer
families, as 'prototxt NUL caffemodel' files, through tests/caffe/caffe_builder.py."""
import os
import sys

OUT, ATC = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "caffe"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(ATC))),
                                "generated", "caffe"))
from caffe_builder import Net  # noqa: E402


def save(net, name, legacy_dims=False):
    d = os.path.join(OUT, "fuzz_caffe")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(net.prototxt().encode() + b"\0" + net.caffemodel(legacy_dims))


net = Net("conv", seed=1)
x = net.input("data", [1, 3, 6, 6])
y = net.layer("Convolution", x, name="c", convolution_param=dict(num_output=2, kernel_size=[3], pad=[1]),
              blobs=[[2, 3, 3, 3], [2]])
net.layer("ReLU", y, name="r", tops=[y])
p = net.layer("Pooling", y, name="p", pooling_param=dict(pool=0, kernel_size=2, stride=2))
net.layer("InnerProduct", p, name="fc", inner_product_param=dict(num_output=3), blobs=[[3, 18], [3]])
save(net, "conv_pool_fc")
save(net, "conv_pool_fc_legacy_dims", legacy_dims=True)

net = Net("bn", seed=2, legacy_inputs=True)
x = net.input("data", [1, 2, 3, 3])
b = net.layer("BatchNorm", x, name="bn", tops=[x], blobs=[[2], [2], [1]])
s = net.layer("Scale", x, name="sc", tops=[x], scale_param=dict(bias_term=True), blobs=[[2], [2]])
e = net.layer("Eltwise", [x, x], name="sum", eltwise_param=dict(coeff=[1.0, 0.5]))
c = net.layer("Concat", [e, x], name="cat")
sl = net.layer("Slice", c, name="sl", tops=["a", "b"])
net.layer("Reshape", "a", name="rs", reshape_param=dict(shape=dict(dim=[0, -1])))
net.layer("Permute", "b", name="pm", permute_param=dict(order=[0, 2, 3, 1]))
save(net, "bn_scale_eltwise_layout")

net = Net("misc", seed=3)
x = net.input("data", [2, 4, 5])
net.layer("Softmax", x, name="sm", softmax_param=dict(axis=2))
net.layer("ArgMax", x, name="am", argmax_param=dict(top_k=2, out_max_val=True))
net.layer("Reduction", x, name="rd", reduction_param=dict(operation=4, axis=1))
save(net, "softmax_argmax_reduction")
