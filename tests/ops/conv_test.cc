// Conv: hand-computed cases for the reference, and random cases (group, depthwise, stride,
// dilation, pads/auto_pad, 1-D/3-D, fused sum + activation) that compare every fast kernel
// (oneDNN) against the reference.
#include <numeric>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

std::vector<float> Iota(int n) {
  std::vector<float> v(n);
  std::iota(v.begin(), v.end(), 0.0f);
  return v;
}

TEST(ConvOp, HandComputed2x2) {
  OpTest t("Conv");
  t.Input(MakeFloat({1, 1, 3, 3}, Iota(9)))
      .ConstInput(MakeFloat({1, 1, 2, 2}, {1, 1, 1, 1}))
      .ConstInput(MakeFloat({1}, {0.5f}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 2, 2}, {8.5f, 12.5f, 20.5f, 24.5f}));
}

// The ONNX operator docs' Conv examples (5x5 input, 3x3 ones kernel).
TEST(ConvOp, OnnxDocPadsAndStrides) {
  OpTest t("Conv");
  t.Input(MakeFloat({1, 1, 5, 5}, Iota(25)))
      .ConstInput(MakeFloat({1, 1, 3, 3}, std::vector<float>(9, 1.0f)))
      .Attr("pads", Attribute::Ints({1, 1, 1, 1}))
      .Attr("strides", Attribute::Ints({2, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 3, 3}, {12, 27, 24, 63, 108, 81, 72, 117, 84}));
}

TEST(ConvOp, SameUpperVersusSameLower) {
  // 1-D, kernel 2: total pad 1 goes at the end (SAME_UPPER) or the start (SAME_LOWER).
  for (const char* mode : {"SAME_UPPER", "SAME_LOWER"}) {
    OpTest t("Conv");
    t.Input(MakeFloat({1, 1, 3}, {1, 2, 3}))
        .ConstInput(MakeFloat({1, 1, 2}, {1, 10}))
        .Attr("auto_pad", Attribute::String(mode));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    if (std::string(mode) == "SAME_UPPER")
      ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 3}, {21, 32, 3}));
    else
      ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 3}, {10, 21, 32}));
  }
}

TEST(ConvOp, FusedSumAndRelu) {
  OpTest t("Conv");
  t.Input(MakeFloat({1, 1, 2, 2}, {1, -2, 3, -4}))
      .ConstInput(MakeFloat({1, 1, 1, 1}, {2}))
      .NoInput()
      .Input(MakeFloat({1, 1, 2, 2}, {1, 1, -10, 1}))
      .Attr("fused_sum", Attribute::Int(1))
      .Attr("fused_activation", Attribute::String("Relu"));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 2, 2}, {3, 0, 0, 0}));
}

TEST(ConvOp, BadShapesFail) {
  OpTest t("Conv");
  t.Input(RandomFloat({1, 3, 4, 4})).ConstInput(RandomFloat({2, 2, 3, 3}));
  EXPECT_FALSE(t.RunReference().status.ok());
  OpTest u("Conv");
  u.Input(RandomFloat({1, 1, 4, 4}))
      .ConstInput(RandomFloat({1, 1, 3, 3}))
      .Attr("fused_activation", Attribute::String("NoSuchAct"));
  EXPECT_FALSE(u.RunReference().status.ok());
}

TEST(ConvOp, OneDnnIsChosenForFloatConstWeights) {
  OpTest t("Conv");
  t.Input(RandomFloat({1, 8, 8, 8})).ConstInput(RandomFloat({8, 8, 3, 3}));
  ASSERT_TRUE(t.RunReference().status.ok());
  EXPECT_EQ(ChooseKernel(*t.node()), "onednn");
  OpTest u("Conv");  // runtime weights -> reference
  u.Input(RandomFloat({1, 8, 8, 8})).Input(RandomFloat({8, 8, 3, 3}));
  ASSERT_TRUE(u.RunReference().status.ok());
  EXPECT_EQ(ChooseKernel(*u.node()), "reference");
}

struct ConvCase {
  Shape x;  // N, C, spatial...
  int64_t m, k, group;
  int64_t stride, dilation, pad;
  const char* auto_pad;
  bool bias;
  const char* act;
  bool sum;
};

void RunConvCase(const ConvCase& c, uint32_t seed, const std::string& io) {
  int nsp = static_cast<int>(c.x.size()) - 2;
  Shape w = {c.m, c.x[1] / c.group};
  for (int i = 0; i < nsp; ++i) w.push_back(c.k);
  OpTest t("Conv");
  t.Input(RandomFloat(c.x, seed)).ConstInput(RandomFloat(w, seed + 1));
  if (c.bias)
    t.ConstInput(RandomFloat({c.m}, seed + 2));
  else if (c.sum)
    t.NoInput();
  t.Attr("group", Attribute::Int(c.group))
      .Attr("strides", Attribute::Ints(std::vector<int64_t>(nsp, c.stride)))
      .Attr("dilations", Attribute::Ints(std::vector<int64_t>(nsp, c.dilation)))
      .Attr("auto_pad", Attribute::String(c.auto_pad))
      .Attr("onednn_io", Attribute::String(io));
  if (std::string(c.auto_pad) == "NOTSET")
    t.Attr("pads", Attribute::Ints(std::vector<int64_t>(2 * nsp, c.pad)));
  if (c.act[0]) t.Attr("fused_activation", Attribute::String(c.act));
  if (std::string(c.act) == "Clip")
    t.Attr("fused_alpha", Attribute::Float(-0.5f)).Attr("fused_beta", Attribute::Float(0.7f));
  if (std::string(c.act) == "LeakyRelu") t.Attr("fused_alpha", Attribute::Float(0.1f));
  if (c.sum) {
    // Output shape: infer once through the reference to size the residual.
    OpTest probe("Conv");
    probe.Input(RandomFloat(c.x, seed)).ConstInput(RandomFloat(w, seed + 1));
    probe.Attr("group", Attribute::Int(c.group))
        .Attr("strides", Attribute::Ints(std::vector<int64_t>(nsp, c.stride)))
        .Attr("dilations", Attribute::Ints(std::vector<int64_t>(nsp, c.dilation)))
        .Attr("auto_pad", Attribute::String(c.auto_pad));
    if (std::string(c.auto_pad) == "NOTSET")
      probe.Attr("pads", Attribute::Ints(std::vector<int64_t>(2 * nsp, c.pad)));
    OpRun pr = probe.RunReference();
    ASSERT_TRUE(pr.status.ok()) << pr.status.message();
    t.Input(RandomFloat(pr.outputs[0].shape(), seed + 3));
    t.Attr("fused_sum", Attribute::Int(1));
  }
  OpRun r = t.RunAndCompareAll(1e-4, 1e-4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(ChooseKernel(*t.node()), "onednn");
}

TEST(ConvOp, RandomAgainstReference) {
  const ConvCase cases[] = {
      {{1, 3, 9, 9}, 8, 3, 1, 1, 1, 1, "NOTSET", true, "", false},
      {{2, 16, 10, 10}, 16, 3, 1, 2, 1, 1, "NOTSET", true, "Relu", false},
      {{1, 16, 12, 12}, 32, 1, 1, 1, 1, 0, "NOTSET", false, "", true},
      {{1, 32, 9, 9}, 32, 3, 32, 1, 1, 1, "NOTSET", true, "Clip", false},          // depthwise
      {{1, 32, 9, 9}, 32, 3, 32, 2, 1, 0, "SAME_UPPER", true, "", false},          // depthwise s2
      {{1, 8, 11, 11}, 12, 3, 4, 1, 1, 0, "SAME_LOWER", true, "LeakyRelu", true},  // group
      {{1, 8, 13, 13}, 16, 3, 1, 1, 2, 2, "NOTSET", true, "Sigmoid", false},       // dilation
      {{1, 4, 8, 8}, 8, 5, 2, 2, 1, 0, "VALID", false, "Tanh", false},
      {{1, 16, 7, 7}, 16, 3, 1, 1, 1, 1, "NOTSET", true, "HardSwish", true},
      {{1, 16, 7, 7}, 16, 3, 1, 1, 1, 1, "NOTSET", true, "HardSigmoid", false},
      {{1, 16, 7, 7}, 16, 3, 1, 1, 1, 1, "NOTSET", true, "Gelu", false},
      {{1, 16, 7, 7}, 16, 3, 1, 1, 1, 1, "NOTSET", true, "GeluTanh", false},
      {{1, 16, 7, 7}, 16, 3, 1, 1, 1, 1, "NOTSET", true, "Elu", true},
      {{1, 16, 7, 7}, 16, 3, 1, 1, 1, 1, "NOTSET", true, "Softplus", false},
      {{1, 16, 7, 7}, 16, 3, 1, 1, 1, 1, "NOTSET", true, "Silu", false},
      {{2, 6, 17}, 4, 3, 2, 2, 1, 1, "NOTSET", true, "Relu", true},             // 1-D
      {{1, 4, 5, 6, 7}, 8, 3, 1, 1, 1, 1, "NOTSET", true, "", true},            // 3-D
      {{1, 4, 6, 6, 6}, 4, 3, 4, 2, 1, 0, "SAME_UPPER", false, "Relu", false},  // 3-D dw
  };
  uint32_t seed = 10;
  for (const char* io : {"any", "plain"}) {
    for (const ConvCase& c : cases) {
      SCOPED_TRACE(std::string("io=") + io + " x=" + ShapeToString(c.x) +
                   " m=" + std::to_string(c.m) + " k=" + std::to_string(c.k) + " group=" +
                   std::to_string(c.group) + " act=" + c.act + " sum=" + std::to_string(c.sum));
      RunConvCase(c, seed += 7, io);
    }
  }
}

}  // namespace
}  // namespace openacl::testing
