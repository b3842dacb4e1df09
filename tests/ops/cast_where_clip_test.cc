// Cast, CastLike, Where, Clip.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(Cast, FloatToIntTruncatesAndToBool) {
  OpTest t("Cast");
  t.Input(MakeFloat({4}, {1.9f, -1.9f, 0, 300})).Attr("to", Attribute::Int(6));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({4}, {1, -1, 0, 300}));
  OpTest b("Cast");
  b.Input(MakeFloat({3}, {0, 0.5f, -2})).Attr("to", Attribute::Int(9));
  r = b.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {3}, {0, 1, 1}));
}

TEST(Cast, HalfAndWideIntegers) {
  OpTest h("Cast");
  h.Input(MakeFloat({2}, {1.5f, 65504})).Attr("to", Attribute::Int(10));
  OpRun r = h.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kFloat16, {2}, {1.5, 65504}));
  OpTest i("Cast");  // int64 -> uint8 wraps like C
  i.Input(MakeInt64({2}, {257, -1})).Attr("to", Attribute::Int(2));
  r = i.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kUInt8, {2}, {1, 255}));
  OpTest big("Cast");  // exact above 2^53
  big.Input(MakeInt64({1}, {(1LL << 60) + 1})).Attr("to", Attribute::Int(13));
  r = big.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  EXPECT_EQ(static_cast<const uint64_t*>(r.outputs[0].data())[0], (1ULL << 60) + 1);
}

TEST(Cast, RejectsStringAndMissingTo) {
  OpTest s("Cast");
  s.Input(MakeFloat({1}, {1})).Attr("to", Attribute::Int(8));
  EXPECT_EQ(s.RunReference().status.code(), StatusCode::kUnsupportedDataType);
  OpTest m("Cast");
  m.Input(MakeFloat({1}, {1}));
  EXPECT_FALSE(m.RunReference().status.ok());
}

TEST(CastLike, TakesTypeOfSecondInput) {
  OpTest t("CastLike", 15);
  t.Input(MakeFloat({2}, {2.7f, -3.2f})).Input(MakeInt64({1}, {0}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {2, -3}));
}

TEST(Where, ThreeWayBroadcast) {
  OpTest t("Where");
  t.Input(MakeTyped(DType::kBool, {2, 1}, {1, 0}))
      .Input(MakeFloat({2}, {1, 2}))
      .Input(MakeFloat({1}, {9}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {1, 2, 9, 9}));
  OpTest bad("Where");
  bad.Input(MakeFloat({1}, {1})).Input(MakeFloat({1}, {1})).Input(MakeFloat({1}, {1}));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kUnsupportedDataType);
  OpTest mixed("Where");
  mixed.Input(MakeTyped(DType::kBool, {1}, {1}))
      .Input(MakeFloat({1}, {1}))
      .Input(MakeInt64({1}, {1}));
  EXPECT_FALSE(mixed.RunReference().status.ok());
}

TEST(Clip, AttributesBeforeOpset11) {
  OpTest t("Clip", 6);
  t.Input(MakeFloat({4}, {-5, -1, 1, 5}))
      .Attr("min", Attribute::Float(-2))
      .Attr("max", Attribute::Float(2));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({4}, {-2, -1, 1, 2}));
}

TEST(Clip, InputsFromOpset11) {
  OpTest t("Clip", 13);
  t.Input(MakeFloat({4}, {-5, -1, 1, 5})).NoInput().Input(MakeFloat({}, {0}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({4}, {-5, -1, 0, 0}));
  OpTest i("Clip", 13);
  i.Input(MakeTyped(DType::kInt8, {3}, {-100, 0, 100})).Input(MakeTyped(DType::kInt8, {}, {-3}));
  r = i.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kInt8, {3}, {-3, 0, 100}));
  OpTest bad("Clip", 13);
  bad.Input(MakeFloat({2}, {1, 2})).Input(MakeFloat({2}, {0, 0}));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kShapeInvalid);
}

}  // namespace
}  // namespace openacl::testing
