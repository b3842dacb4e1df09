// ConvertF32ToBf16 (kernels/onednn/bf16_convert.h) gives oneDNN's f32 -> bf16 reorder bit for
// bit, for every tail length and across the OpenMP chunks; SameLayoutAsBf16 recognises only
// the same layout.
#include "kernels/onednn/bf16_convert.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "kernels/onednn/compute_precision.h"
#include "kernels/onednn/onednn_util.h"

namespace openacl::onednn {
namespace {

std::vector<uint16_t> OnednnReorder(const std::vector<float>& src) {
  dnnl::memory::dims dims = {static_cast<dnnl::memory::dim>(src.size())};
  dnnl::memory from({dims, dnnl::memory::data_type::f32, dnnl::memory::format_tag::a}, CpuEngine(),
                    const_cast<float*>(src.data()));
  std::vector<uint16_t> out(src.size());
  dnnl::memory to({dims, dnnl::memory::data_type::bf16, dnnl::memory::format_tag::a}, CpuEngine(),
                  out.data());
  dnnl::reorder(from, to).execute(ThreadStream(), from, to);
  ThreadStream().wait();
  return out;
}

TEST(Bf16Convert, MatchesOnednnReorder) {
  if (!CpuHasBf16()) GTEST_SKIP() << "this CPU lacks AVX512-BF16";
  std::mt19937 rng(1);
  std::normal_distribution<float> nd(0.f, 10.f);
  for (size_t n : {1u, 7u, 15u, 16u, 17u, 31u, 32u, 33u, 47u, 16384u, 16385u, 100003u}) {
    std::vector<float> src(n);
    for (float& v : src) v = nd(rng);
    src[0] = 1.00390625f;  // exactly half way between two bf16 values: rounds to even
    std::vector<uint16_t> got(n + 1, 0xABCD);
    ConvertF32ToBf16(src.data(), got.data(), n);
    EXPECT_EQ(got[n], 0xABCD) << "wrote past the end, n=" << n;
    got.resize(n);
    EXPECT_EQ(got, OnednnReorder(src)) << "n=" << n;
  }
}

TEST(Bf16Convert, SameLayoutOnly) {
  using dt = dnnl::memory::data_type;
  using tag = dnnl::memory::format_tag;
  dnnl::memory::dims d = {1, 32, 7, 7};
  EXPECT_TRUE(SameLayoutAsBf16({d, dt::f32, tag::aBcd16b}, {d, dt::bf16, tag::aBcd16b}));
  EXPECT_TRUE(SameLayoutAsBf16({d, dt::f32, tag::abcd}, {d, dt::bf16, tag::abcd}));
  EXPECT_FALSE(SameLayoutAsBf16({d, dt::f32, tag::abcd}, {d, dt::bf16, tag::acdb}));
  EXPECT_FALSE(SameLayoutAsBf16({d, dt::f32, tag::abcd}, {d, dt::f32, tag::abcd}));
}

}  // namespace
}  // namespace openacl::onednn
