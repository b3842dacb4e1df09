// The fast cpu Transpose (kernels/cpu/transpose.cc) against the reference on each of its paths:
// pure copy (size-1 dims moved), contiguous rows, tiled gather, merged dims, default perm, int32.
#include "kernels/kernel_registry.h"
#include "op_test_util.h"

namespace openacl::testing {
namespace {

void Check(const Shape& shape, const std::vector<int64_t>& perm, uint32_t seed) {
  SCOPED_TRACE(ShapeToString(shape) + " perm " + ShapeToString(perm));
  OpTest t("Transpose", 13);
  t.Input(RandomFloat(shape, seed));
  if (!perm.empty()) t.Attr("perm", Attribute::Ints(perm));
  OpRun r = t.RunAndCompareAll(0, 0);  // a copy: bit-exact
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(ChooseKernel(*t.node()), "cpu");
}

TEST(TransposeFast, AllPathsMatchReference) {
  Check({1, 128, 512}, {1, 0, 2}, 1);          // only a size-1 dim moves: plain copy
  Check({128, 8, 64}, {1, 0, 2}, 2);           // contiguous rows of 64
  Check({128, 8, 64}, {1, 2, 0}, 3);           // gather, tiles over [64, 128]
  Check({2, 3, 37, 45}, {0, 1, 3, 2}, 4);      // partial tiles
  Check({2, 3, 4, 5}, {2, 3, 0, 1}, 5);        // merges to a 2-D swap
  Check({3, 1, 5, 7, 2}, {4, 2, 1, 0, 3}, 6);  // 5-D mix
  Check({6, 70}, {}, 7);                       // default perm: reverse
  Check({300, 1}, {1, 0}, 8);
}

TEST(TransposeFast, Int32AndLarge) {
  OpTest t("Transpose", 13);
  std::vector<int32_t> v(64 * 96 * 8);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int32_t>(i * 7919 % 100003);
  t.Input(MakeInt32({64, 96, 8}, v)).Attr("perm", Attribute::Ints({2, 0, 1}));
  OpRun r = t.RunAndCompareAll(0, 0);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(ChooseKernel(*t.node()), "cpu");
  EXPECT_EQ(r.outputs[0].data_as<int32_t>()[1], v[8]);  // y[0,0,1] = x[0,1,0]
}

}  // namespace
}  // namespace openacl::testing
