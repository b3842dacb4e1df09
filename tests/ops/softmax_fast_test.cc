// The fast cpu Softmax (vectorized exp, kernels/cpu/fast_exp.h) against the reference on
// attention-sized rows with a wide input range, plus FastExp itself against std::exp.
#include <cmath>
#include <vector>

#include "kernels/cpu/fast_exp.h"
#include "kernels/kernel_registry.h"
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(SoftmaxFast, AttentionRowsAgainstReference) {
  OpTest t("Softmax", 13);
  t.Input(RandomFloat({2, 8, 16, 128}, 21, -40.0f, 40.0f));
  OpRun r = t.RunAndCompareAll(1e-6, 1e-5);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(ChooseKernel(*t.node()), "cpu");
}

TEST(SoftmaxFast, FastExpRelativeError) {
  double worst = 0;
  for (float x = -87.0f; x <= 88.0f; x += 0.00137f) {
    double want = std::exp(static_cast<double>(x));
    worst = std::max(worst, std::fabs(cpu::FastExp(x) - want) / want);
  }
  EXPECT_LT(worst, 3e-7);
  EXPECT_EQ(cpu::FastExp(0.0f), 1.0f);
  EXPECT_LT(cpu::FastExp(-1000.0f), 1e-37f);
  EXPECT_TRUE(std::isnan(cpu::FastExp(NAN)));
}

TEST(SoftmaxFast, ExpShiftedSumVectorAndTail) {
  std::vector<float> x(23), y(23);
  for (size_t i = 0; i < x.size(); ++i) x[i] = -90.0f + 7.9f * static_cast<float>(i);
  double want_sum = 0;
  float sum = cpu::ExpShiftedSum(x.data(), 3.0f, y.data(), static_cast<int64_t>(x.size()));
  for (size_t i = 0; i < x.size(); ++i) {
    double want = std::exp(static_cast<double>(x[i]) - 3.0);
    if (x[i] - 3.0f < -87.3f) want = std::exp(static_cast<double>(-87.3f));  // clamped
    want_sum += want;
    EXPECT_NEAR(y[i], want, want * 3e-7) << i;
  }
  EXPECT_NEAR(sum, want_sum, want_sum * 1e-6);
  x[5] = NAN;
  cpu::ExpShiftedSum(x.data(), 0.0f, y.data(), 8);
  EXPECT_TRUE(std::isnan(y[5]));
  EXPECT_FALSE(std::isnan(y[4]));
}

}  // namespace
}  // namespace openacl::testing
