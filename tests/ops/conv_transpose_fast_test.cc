// The cpu ConvTranspose kernel for kernel == stride upsampling with few output channels
// (kernels/cpu/conv_transpose.cc) against the reference, with fused activations, and the shapes
// it must leave to oneDNN / the reference.
#include "kernels/kernel_registry.h"
#include "op_test_util.h"

namespace openacl::testing {
namespace {

struct Case {
  int64_t c, m, h, w, k;
  bool bias;
  const char* act;  // "" = none
};

OpRun RunCase(const Case& k, std::string* chosen, uint32_t seed) {
  OpTest t("ConvTranspose");
  t.Input(RandomFloat({1, k.c, k.h, k.w}, seed, -2.0f, 2.0f))
      .ConstInput(RandomFloat({k.c, k.m, k.k, k.k}, seed + 1));
  if (k.bias) t.ConstInput(RandomFloat({k.m}, seed + 2));
  t.Attr("strides", Attribute::Ints({k.k, k.k})).Attr("kernel_shape", Attribute::Ints({k.k, k.k}));
  if (*k.act) t.Attr("fused_activation", Attribute::String(k.act));
  OpRun r = t.RunAndCompareAll(1e-5, 1e-5);
  *chosen = r.status.ok() ? ChooseKernel(*t.node()) : "";
  return r;
}

TEST(ConvTransposeFast, UpsamplingMatchesReference) {
  std::vector<Case> cases = {
      {24, 1, 20, 37, 2, true, "Sigmoid"},  // DB head: C -> 1 probability map
      {24, 1, 8, 8, 2, false, ""},
      {5, 3, 6, 9, 3, true, "Relu"},
      {7, 4, 5, 5, 2, true, "HardSwish"},  // generic activation path
  };
  uint32_t seed = 1;
  for (const Case& k : cases) {
    SCOPED_TRACE(std::to_string(k.c) + "->" + std::to_string(k.m) + " " + k.act);
    std::string chosen;
    OpRun r = RunCase(k, &chosen, seed += 3);
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    EXPECT_EQ(chosen, "cpu");
  }
}

TEST(ConvTransposeFast, OtherShapesAreNotTaken) {
  std::string chosen;
  OpRun r = RunCase({8, 16, 4, 4, 2, true, ""}, &chosen, 50);  // many output channels
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_NE(chosen, "cpu");
  OpTest t("ConvTranspose");  // kernel 3, stride 2: overlapping windows
  t.Input(RandomFloat({1, 4, 5, 5}, 60))
      .ConstInput(RandomFloat({4, 1, 3, 3}, 61))
      .Attr("strides", Attribute::Ints({2, 2}));
  r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_NE(ChooseKernel(*t.node()), "cpu");
}

TEST(ConvTransposeFast, OneDnnEpilogueBiasAndActivation) {
  // Many output channels: oneDNN runs it, with bias + activation in the kernel's own epilogue.
  for (const char* act : {"", "Relu", "HardSigmoid"}) {
    for (bool bias : {true, false}) {
      SCOPED_TRACE(std::string(act) + (bias ? " bias" : ""));
      std::string chosen;
      OpRun r = RunCase({8, 16, 5, 6, 2, bias, act}, &chosen, 70);
      ASSERT_TRUE(r.status.ok()) << r.status.message();
      EXPECT_EQ(chosen, "onednn");
    }
  }
  OpTest t("ConvTranspose");  // overlapping windows, pads, runtime bias
  t.Input(RandomFloat({2, 4, 5, 5}, 80))
      .ConstInput(RandomFloat({4, 16, 3, 3}, 81))
      .Input(RandomFloat({16}, 82))
      .Attr("strides", Attribute::Ints({2, 2}))
      .Attr("pads", Attribute::Ints({1, 1, 1, 1}))
      .Attr("fused_activation", Attribute::String("Relu"));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(ChooseKernel(*t.node()), "onednn");
}

}  // namespace
}  // namespace openacl::testing
