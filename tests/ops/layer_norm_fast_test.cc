// The fast cpu LayerNormalization kernel (kernels/cpu/layer_norm.cc) against the reference:
// transformer-sized rows, no bias, axis != -1, and the cases it must
// leave to the reference (statistics outputs).
#include "kernels/kernel_registry.h"
#include "op_test_util.h"

namespace openacl::testing {
namespace {

// True if a cpu kernel is registered for LayerNormalization and accepts `node`.
bool CpuKernelTakes(const Node& node) {
  for (const KernelImpl* impl : KernelRegistry::Get().For("LayerNormalization"))
    if (impl->backend == "cpu" && (!impl->supports || impl->supports(node))) return true;
  return false;
}

TEST(LayerNormFast, TransformerRows) {
  OpTest t("LayerNormalization", 17);
  // Offset and scaled rows: a one-pass variance would lose precision here.
  t.Input(RandomFloat({2, 64, 512}, 3, 90.0f, 110.0f))
      .ConstInput(RandomFloat({512}, 4, 0.5f, 1.5f))
      .ConstInput(RandomFloat({512}, 5))
      .Attr("epsilon", Attribute::Float(1e-5f));
  OpRun r = t.RunAndCompareAll(1e-4, 1e-4);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_TRUE(CpuKernelTakes(*t.node()));
}

TEST(LayerNormFast, NoBias) {
  OpTest t("LayerNormalization", 17);
  t.Input(RandomFloat({3, 5, 120}, 6)).ConstInput(RandomFloat({120}, 7)).NoInput();
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_TRUE(CpuKernelTakes(*t.node()));
}

TEST(LayerNormFast, InnerAxisNormalizesTrailingBlock) {
  OpTest t("LayerNormalization", 17);
  t.Input(RandomFloat({4, 3, 7}, 8))
      .Input(RandomFloat({3, 7}, 9))
      .Input(RandomFloat({3, 7}, 10))
      .Attr("axis", Attribute::Int(1))
      .Attr("epsilon", Attribute::Float(1e-3f));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_TRUE(CpuKernelTakes(*t.node()));
}

TEST(LayerNormFast, KnownValues) {
  OpTest t("LayerNormalization", 17);
  t.Input(MakeFloat({2, 2}, {1, 3, 2, 6}))
      .Input(MakeFloat({2}, {1, 2}))
      .Input(MakeFloat({2}, {0, 1}))
      .Attr("epsilon", Attribute::Float(0));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_TRUE(CpuKernelTakes(*t.node()));
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {-1, 3, -1, 3}));
}

TEST(LayerNormFast, StatisticsOutputsStayWithReference) {
  OpTest t("LayerNormalization", 17);
  t.Input(RandomFloat({2, 8}, 11)).Input(RandomFloat({8}, 12)).Outputs(3);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_FALSE(CpuKernelTakes(*t.node()));
}

}  // namespace
}  // namespace openacl::testing
