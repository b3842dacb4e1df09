// base/checked_math.h and the checked tensor sizes of ir/tensor.h (issue 12 §6: size arithmetic
// that wraps).
#include <gtest/gtest.h>

#include <cstdint>

#include "base/checked_math.h"
#include "base/size_limits.h"
#include "ir/graph.h"
#include "ir/tensor.h"

namespace openacl {
namespace {

TEST(CheckedMath, MulAddRoundUpReportOverflow) {
  size_t r = 0;
  EXPECT_TRUE(CheckedMul<size_t>(size_t{1} << 31, size_t{1} << 31, &r));
  EXPECT_EQ(r, size_t{1} << 62);
  EXPECT_FALSE(CheckedMul<size_t>(size_t{1} << 32, size_t{1} << 32, &r));
  EXPECT_FALSE(CheckedAdd<size_t>(SIZE_MAX, 1, &r));
  EXPECT_TRUE(CheckedRoundUp<size_t>(65, 64, &r));
  EXPECT_EQ(r, 128u);
  EXPECT_FALSE(CheckedRoundUp<size_t>(SIZE_MAX, 64, &r));  // the aclrtMallocHost(SIZE_MAX) case
  EXPECT_FALSE(CheckedRoundUp<size_t>(5, 0, &r));
}

TEST(CheckedMath, DimHelpersSaturate) {
  EXPECT_EQ(SatMulDim(3, 4), 12);
  EXPECT_EQ(SatMulDim(-1, 4), -1);
  EXPECT_EQ(SatMulDim(4, (int64_t{1} << 62) + 1), kDimOverflow);  // would wrap to 4
  EXPECT_EQ(SatAddDim(INT64_MAX, 2), kDimOverflow);
  EXPECT_EQ(SatAddDim(5, -2), 3);
  EXPECT_EQ(DimFromDouble(1e30), kDimOverflow);
  EXPECT_EQ(DimFromDouble(12.0), 12);
  EXPECT_EQ(DimFromDouble(0.0 / 0.0), -1);
}

TEST(CheckedSizes, NumElementsAndBytesNeverWrap) {
  Shape wraps = {int64_t{1} << 32, int64_t{1} << 32};  // 2^64 elements: 0 in wrapping math
  EXPECT_EQ(NumElements(wraps), kDimOverflow);
  EXPECT_EQ(NumElements({2, -1}), -1);
  EXPECT_EQ(SaturatedBytes(kDimOverflow, DType::kFloat32), SIZE_MAX);
  EXPECT_EQ(SaturatedBytes(int64_t{1} << 62, DType::kFloat32), SIZE_MAX);
  EXPECT_EQ(SaturatedBytes(3, DType::kFloat32), 12u);
  Value v;
  v.dtype = DType::kFloat32;
  v.shape = wraps;
  EXPECT_EQ(v.nbytes(), SIZE_MAX);
  // A tensor of a wrapping shape cannot be built with a small buffer. (Under AddressSanitizer
  // an allocation of SIZE_MAX bytes is a sanitizer report instead of std::bad_alloc.)
#if !defined(__SANITIZE_ADDRESS__)
  EXPECT_THROW(Tensor(DType::kFloat32, wraps), std::bad_alloc);
#endif
}

TEST(CheckedSizes, CheckShapeBytesNamesTheTensor) {
  auto ok = CheckShapeBytes({2, 3}, DType::kFloat32, "output 'y'");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 24u);
  auto count = CheckShapeBytes({int64_t{1} << 32, int64_t{1} << 32}, DType::kUInt8, "output 'y'");
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.status().code(), StatusCode::kShapeInvalid);
  EXPECT_NE(count.status().message().find("output 'y'"), std::string::npos);
  EXPECT_NE(count.status().message().find("element count overflows"), std::string::npos);
  auto bytes = CheckShapeBytes({int64_t{1} << 62}, DType::kFloat32, "input 'x'", false);
  ASSERT_FALSE(bytes.ok());
  EXPECT_NE(bytes.status().message().find("byte size overflows"), std::string::npos);
  // 0 elements next to dims whose product overflows: still an error (strides would wrap).
  EXPECT_FALSE(CheckShapeBytes({0, int64_t{1} << 40, int64_t{1} << 40}, DType::kFloat32, "v").ok());
  EXPECT_TRUE(CheckShapeBytes({0, int64_t{1} << 40}, DType::kFloat32, "v").ok());
}

TEST(CheckedSizes, TensorLimitIsConfigurable) {
  uint64_t before = MaxTensorBytes();
  EXPECT_GT(before, 0u);
  SetMaxTensorBytes(1024);
  EXPECT_EQ(MaxTensorBytes(), 1024u);
  auto big = CheckShapeBytes({512}, DType::kFloat32, "output 'z'");
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("largest tensor allowed (1024 bytes"), std::string::npos)
      << big.status().message();
  EXPECT_TRUE(CheckShapeBytes({512}, DType::kFloat32, "output 'z'", /*apply_limit=*/false).ok());
  SetMaxTensorBytes(0);
  EXPECT_EQ(MaxTensorBytes(), before);
}

}  // namespace
}  // namespace openacl
