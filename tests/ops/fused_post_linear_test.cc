// The fused_post_scale / fused_post_shift contract (ops/common/fusion_attrs.h) on Conv, Gemm and
// MatMul: every fast kernel (oneDNN eltwise_linear post-op) against the reference epilogue.
#include "kernels/kernel_registry.h"
#include "op_test_util.h"

namespace openacl::testing {
namespace {

void AddPostLinear(OpTest& t, const char* act, float scale, float shift) {
  t.Attr("fused_activation", Attribute::String(act))
      .Attr("fused_post_scale", Attribute::Float(scale))
      .Attr("fused_post_shift", Attribute::Float(shift));
}

TEST(FusedPostLinear, ConvKnownValues) {
  // conv = 2x; Relu; then 0.5 * y + 1.
  OpTest t("Conv");
  t.Input(MakeFloat({1, 1, 2, 2}, {1, -2, 3, -4})).ConstInput(MakeFloat({1, 1, 1, 1}, {2}));
  AddPostLinear(t, "Relu", 0.5f, 1.0f);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 2, 2}, {2, 1, 4, 1}));
}

TEST(FusedPostLinear, ConvActivationsAgainstReference) {
  for (const char* act : {"HardSwish", "HardSigmoid", "Sigmoid", "Relu"}) {
    for (int64_t spatial : {1, 9}) {
      SCOPED_TRACE(std::string(act) + " spatial " + std::to_string(spatial));
      OpTest t("Conv");
      t.Input(RandomFloat({1, 16, spatial, spatial}, 1, -4.0f, 4.0f))
          .ConstInput(RandomFloat({16, 16, 1, 1}, 2))
          .ConstInput(RandomFloat({16}, 3));
      AddPostLinear(t, act, 0.75f, 1.0f);
      OpRun r = t.RunAndCompareAll();
      ASSERT_TRUE(r.status.ok()) << act << ": " << r.status.message();
      EXPECT_EQ(ChooseKernel(*t.node()), "onednn") << act;
    }
  }
}

TEST(FusedPostLinear, DepthwiseConvWithPadding) {
  OpTest t("Conv");
  t.Input(RandomFloat({1, 8, 7, 7}, 4, -4.0f, 4.0f))
      .ConstInput(RandomFloat({8, 1, 3, 3}, 5))
      .ConstInput(RandomFloat({8}, 6))
      .Attr("group", Attribute::Int(8))
      .Attr("pads", Attribute::Ints({1, 1, 1, 1}));
  AddPostLinear(t, "HardSwish", -1.5f, 0.25f);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
}

TEST(FusedPostLinear, GemmAndMatMul) {
  OpTest g("Gemm");
  g.Input(RandomFloat({4, 8}, 7))
      .ConstInput(RandomFloat({8, 5}, 8))
      .ConstInput(RandomFloat({5}, 9));
  AddPostLinear(g, "Relu", 2.0f, -1.0f);
  OpRun r = g.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  OpTest m("MatMul");
  m.Input(RandomFloat({2, 4, 8}, 10)).ConstInput(RandomFloat({8, 5}, 11));
  AddPostLinear(m, "Tanh", 3.0f, 0.5f);
  r = m.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
}

}  // namespace
}  // namespace openacl::testing
