// The fast cpu Slice (kernels/cpu/slice.cc) against the reference: attention Q/K/V splits,
// negative / out-of-range starts and ends, several axes, and what it leaves to the reference.
#include "kernels/kernel_registry.h"
#include "op_test_util.h"

namespace openacl::testing {
namespace {

std::string Check(const Shape& shape, std::vector<int64_t> starts, std::vector<int64_t> ends,
                  std::vector<int64_t> axes, std::vector<int64_t> steps = {}) {
  OpTest t("Slice", 13);
  int64_t n = static_cast<int64_t>(starts.size());
  t.Input(RandomFloat(shape, 5))
      .ConstInput(MakeInt64({n}, starts))
      .ConstInput(MakeInt64({n}, ends))
      .ConstInput(MakeInt64({n}, axes));
  if (!steps.empty()) t.ConstInput(MakeInt64({n}, steps));
  OpRun r = t.RunAndCompareAll(0, 0);  // a copy: bit-exact
  EXPECT_TRUE(r.status.ok()) << r.status.message();
  return r.status.ok() ? ChooseKernel(*t.node()) : "";
}

TEST(SliceFast, MatchesReference) {
  EXPECT_EQ(Check({128, 1, 1536}, {512}, {1024}, {-1}), "cpu");  // K of a Q/K/V split
  EXPECT_EQ(Check({128, 1, 1536}, {0}, {512}, {2}), "cpu");
  EXPECT_EQ(Check({4, 6, 5}, {1, -4}, {3, 100}, {0, 1}), "cpu");  // whole trailing dim
  EXPECT_EQ(Check({4, 6, 5}, {-100, 2}, {2, -1}, {1, 2}), "cpu");
  EXPECT_EQ(Check({3, 7}, {2}, {3}, {0}), "cpu");  // one row
  EXPECT_EQ(Check({2, 3, 4, 5}, {1, 1, 1}, {3, 4, 5}, {1, 2, 3}, {1, 1, 1}), "cpu");
}

TEST(SliceFast, StepsAndEmptyStayWithReference) {
  EXPECT_NE(Check({4, 6}, {0}, {6}, {1}, {2}), "cpu");
  EXPECT_NE(Check({4, 6}, {5}, {0}, {1}, {-1}), "cpu");
  EXPECT_NE(Check({4, 6}, {3}, {3}, {1}), "cpu");  // empty result
}

}  // namespace
}  // namespace openacl::testing
