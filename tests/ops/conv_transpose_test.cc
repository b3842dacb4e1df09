// ConvTranspose: ONNX-doc hand cases for the reference, shape rules (pads, output_shape,
// output_padding, auto_pad), and random cases comparing the oneDNN kernel with the reference.
#include <numeric>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(ConvTransposeOp, OnnxDocExample) {
  std::vector<float> x(9);
  std::iota(x.begin(), x.end(), 0.0f);
  OpTest t("ConvTranspose");
  t.Input(MakeFloat({1, 1, 3, 3}, x))
      .ConstInput(MakeFloat({1, 2, 3, 3}, std::vector<float>(18, 1.0f)));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  std::vector<float> plane = {0,  1,  3, 3,  2,  3,  8,  15, 12, 7,  9,  21, 36,
                              27, 15, 9, 20, 33, 24, 13, 6,  13, 21, 15, 8};
  std::vector<float> y = plane;
  y.insert(y.end(), plane.begin(), plane.end());
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 5, 5}, y));
}

Shape OutShape(std::vector<std::pair<std::string, Attribute>> attrs) {
  OpTest t("ConvTranspose");
  t.Input(RandomFloat({1, 1, 3, 3})).ConstInput(RandomFloat({1, 2, 3, 3}));
  for (auto& a : attrs) t.Attr(a.first, a.second);
  OpRun r = t.RunAndCompareAll();
  EXPECT_TRUE(r.status.ok()) << r.status.message();
  return r.status.ok() ? r.outputs[0].shape() : Shape{};
}

TEST(ConvTransposeOp, ShapeRules) {
  EXPECT_EQ(
      OutShape({{"strides", Attribute::Ints({3, 2})}, {"pads", Attribute::Ints({1, 2, 1, 2})}}),
      (Shape{1, 2, 7, 3}));
  EXPECT_EQ(
      OutShape({{"strides", Attribute::Ints({3, 2})}, {"output_shape", Attribute::Ints({10, 8})}}),
      (Shape{1, 2, 10, 8}));
  EXPECT_EQ(
      OutShape({{"strides", Attribute::Ints({3, 2})}, {"output_padding", Attribute::Ints({1, 1})}}),
      (Shape{1, 2, 10, 8}));
  EXPECT_EQ(OutShape({{"strides", Attribute::Ints({2, 2})},
                      {"auto_pad", Attribute::String("SAME_UPPER")}}),
            (Shape{1, 2, 6, 6}));
  EXPECT_EQ(OutShape({{"dilations", Attribute::Ints({2, 2})}}), (Shape{1, 2, 7, 7}));
}

TEST(ConvTransposeOp, RandomAgainstReference) {
  struct Case {
    Shape x;
    int64_t m_per_group, k, group, stride, dilation, pad, out_pad;
    const char* auto_pad;
    bool bias;
    const char* act;
  };
  const Case cases[] = {
      {{1, 8, 5, 5}, 4, 3, 1, 2, 1, 1, 1, "NOTSET", true, ""},
      {{2, 8, 6, 6}, 2, 3, 4, 2, 1, 0, 0, "SAME_UPPER", true, "Relu"},
      {{1, 16, 7, 7}, 1, 3, 16, 1, 1, 1, 0, "NOTSET", false, ""},  // depthwise
      {{1, 4, 5, 5}, 6, 3, 1, 1, 2, 0, 0, "VALID", true, "Sigmoid"},
      {{1, 4, 5, 5}, 4, 4, 2, 2, 1, 1, 0, "SAME_LOWER", false, ""},
      {{1, 4, 9}, 3, 3, 1, 2, 1, 0, 1, "NOTSET", true, ""},        // 1-D
      {{1, 4, 3, 4, 5}, 4, 3, 2, 2, 1, 1, 1, "NOTSET", true, ""},  // 3-D
      {{1, 4, 5, 5}, 4, 3, 1, 2, 1, 0, 1, "NOTSET", true, ""},     // pad_end < output_padding
  };
  uint32_t seed = 100;
  for (const char* io : {"any", "plain"}) {
    for (const Case& c : cases) {
      SCOPED_TRACE(std::string("io=") + io + " x=" + ShapeToString(c.x) +
                   " group=" + std::to_string(c.group) + " stride=" + std::to_string(c.stride));
      int nsp = static_cast<int>(c.x.size()) - 2;
      Shape w = {c.x[1], c.m_per_group};
      for (int i = 0; i < nsp; ++i) w.push_back(c.k);
      OpTest t("ConvTranspose");
      t.Input(RandomFloat(c.x, seed++)).ConstInput(RandomFloat(w, seed++));
      if (c.bias) t.ConstInput(RandomFloat({c.m_per_group * c.group}, seed++));
      t.Attr("group", Attribute::Int(c.group))
          .Attr("strides", Attribute::Ints(std::vector<int64_t>(nsp, c.stride)))
          .Attr("dilations", Attribute::Ints(std::vector<int64_t>(nsp, c.dilation)))
          .Attr("output_padding", Attribute::Ints(std::vector<int64_t>(nsp, c.out_pad)))
          .Attr("auto_pad", Attribute::String(c.auto_pad))
          .Attr("onednn_io", Attribute::String(io));
      if (std::string(c.auto_pad) == "NOTSET")
        t.Attr("pads", Attribute::Ints(std::vector<int64_t>(2 * nsp, c.pad)));
      if (c.act[0]) t.Attr("fused_activation", Attribute::String(c.act));
      OpRun r = t.RunAndCompareAll(1e-4, 1e-4);
      ASSERT_TRUE(r.status.ok()) << r.status.message();
      if (c.out_pad == 0) EXPECT_EQ(ChooseKernel(*t.node()), "onednn");
    }
  }
}

}  // namespace
}  // namespace openacl::testing
