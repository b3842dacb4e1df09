// Broadcasting binary and variadic math ops.
#include <cmath>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

OpRun RunBinary(const char* op, Tensor a, Tensor b, int opset = 17) {
  OpTest t(op, opset);
  t.Input(std::move(a)).Input(std::move(b));
  return t.RunAndCompareAll();
}

TEST(BinaryMath, SubMulDivBroadcast) {
  Tensor a = MakeFloat({2, 2}, {1, 2, 3, 4});
  Tensor b = MakeFloat({2}, {2, 4});
  OpRun r = RunBinary("Sub", a, b);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {-1, -2, 1, 0}));
  r = RunBinary("Mul", a, b);
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {2, 8, 6, 16}));
  r = RunBinary("Div", a, b);
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {0.5f, 0.5f, 1.5f, 1}));
}

TEST(BinaryMath, IntegerDivTruncatesAndZeroDivisorGivesZero) {
  OpRun r = RunBinary("Div", MakeInt32({4}, {7, -7, 7, 5}), MakeInt32({4}, {2, 2, -2, 0}));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({4}, {3, -3, -3, 0}));
}

TEST(BinaryMath, TypeMismatchFails) {
  OpRun r = RunBinary("Mul", MakeFloat({2}, {1, 2}), MakeInt32({2}, {1, 2}));
  EXPECT_EQ(r.status.code(), StatusCode::kUnsupportedDataType);
  r = RunBinary("Sub", MakeFloat({2}, {1, 2}), MakeFloat({3}, {1, 2, 3}));
  EXPECT_FALSE(r.status.ok());
}

TEST(BinaryMath, PowMixedTypes) {
  OpRun r = RunBinary("Pow", MakeFloat({3}, {2, 4, 9}), MakeInt64({1}, {2}), 15);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3}, {4, 16, 81}));
  r = RunBinary("Pow", MakeInt32({3}, {2, 3, 4}), MakeFloat({3}, {3, 2, 0.5f}), 15);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({3}, {8, 9, 2}));
  // Before opset 12 the exponent must have the base's type.
  r = RunBinary("Pow", MakeFloat({1}, {2}), MakeInt64({1}, {2}), 7);
  EXPECT_FALSE(r.status.ok());
}

TEST(BinaryMath, ModSignRules) {
  OpRun r = RunBinary("Mod", MakeInt32({4}, {-7, 7, -7, 7}), MakeInt32({4}, {3, -3, -3, 3}));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({4}, {2, -2, -1, 1}));  // sign of divisor
  OpTest f("Mod");
  f.Input(MakeFloat({2}, {-7.5f, 7.5f})).Input(MakeFloat({2}, {2, -2}));
  f.Attr("fmod", Attribute::Int(1));
  r = f.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {-1.5f, 1.5f}));   // sign of dividend
  r = RunBinary("Mod", MakeFloat({1}, {1}), MakeFloat({1}, {1}));  // float needs fmod=1
  EXPECT_EQ(r.status.code(), StatusCode::kOpAttrNotMatch);
}

TEST(BinaryMath, BitShiftAndBitwise) {
  OpTest t("BitShift", 11);
  t.Input(MakeTyped(DType::kUInt8, {3}, {1, 2, 128}))
      .Input(MakeTyped(DType::kUInt8, {3}, {1, 3, 1}));
  t.Attr("direction", Attribute::String("LEFT"));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kUInt8, {3}, {2, 16, 0}));
  OpTest bad("BitShift", 11);
  bad.Input(MakeTyped(DType::kUInt8, {1}, {1})).Input(MakeTyped(DType::kUInt8, {1}, {1}));
  bad.Attr("direction", Attribute::String("UP"));
  EXPECT_FALSE(bad.RunReference().status.ok());
  r = RunBinary("BitwiseAnd", MakeInt32({2}, {12, 5}), MakeInt32({1}, {6}), 18);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({2}, {4, 4}));
  r = RunBinary("BitwiseOr", MakeInt32({2}, {12, 5}), MakeInt32({1}, {6}), 18);
  ExpectTensorNear(r.outputs[0], MakeInt32({2}, {14, 7}));
  r = RunBinary("BitwiseXor", MakeInt32({2}, {12, 5}), MakeInt32({1}, {6}), 18);
  ExpectTensorNear(r.outputs[0], MakeInt32({2}, {10, 3}));
  r = RunBinary("BitwiseAnd", MakeFloat({1}, {1}), MakeFloat({1}, {1}), 18);
  EXPECT_EQ(r.status.code(), StatusCode::kUnsupportedDataType);
}

TEST(BinaryMath, PReluSlopeBroadcast) {
  OpRun r = RunBinary("PRelu", MakeFloat({2, 2}, {-1, 2, -3, 4}), MakeFloat({2}, {0.5f, 0.25f}));
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {-0.5f, 2, -1.5f, 4}));
  // Slope may not enlarge the output.
  r = RunBinary("PRelu", MakeFloat({2}, {-1, 2}), MakeFloat({2, 2}, {1, 1, 1, 1}));
  EXPECT_FALSE(r.status.ok());
}

TEST(VariadicMath, SumMeanMaxMin) {
  auto run = [](const char* op) {
    OpTest t(op);
    t.Input(MakeFloat({2, 2}, {1, 5, 3, 4}))
        .Input(MakeFloat({2}, {2, 2}))
        .Input(MakeFloat({1}, {3}));
    return t.RunAndCompareAll();
  };
  OpRun r = run("Sum");
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {6, 10, 8, 9}));
  r = run("Mean");
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {2, 10.f / 3, 8.f / 3, 3}));
  r = run("Max");
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {3, 5, 3, 4}));
  r = run("Min");
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {1, 2, 2, 2}));
  OpTest one("Max");
  one.Input(MakeInt64({2}, {4, -1}));
  r = one.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {4, -1}));
  OpTest mixed("Sum");
  mixed.Input(MakeFloat({1}, {1})).Input(MakeInt64({1}, {1}));
  EXPECT_FALSE(mixed.RunReference().status.ok());
}

TEST(CompareLogic, ComparisonsGiveBool) {
  Tensor a = MakeFloat({3}, {1, 2, 3}), b = MakeFloat({1}, {2});
  struct {
    const char* op;
    std::vector<double> out;
  } cases[] = {{"Equal", {0, 1, 0}},
               {"Greater", {0, 0, 1}},
               {"Less", {1, 0, 0}},
               {"GreaterOrEqual", {0, 1, 1}},
               {"LessOrEqual", {1, 1, 0}}};
  for (const auto& c : cases) {
    OpRun r = RunBinary(c.op, a, b);
    ASSERT_TRUE(r.status.ok()) << c.op << ": " << r.status.message();
    ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {3}, c.out), 0, 0, c.op);
  }
  OpRun r = RunBinary("Equal", MakeInt64({2}, {1, 2}), MakeInt64({2}, {1, 3}));
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {2}, {1, 0}));
}

TEST(CompareLogic, AndOrXor) {
  Tensor a = MakeTyped(DType::kBool, {2, 2}, {0, 0, 1, 1});
  Tensor b = MakeTyped(DType::kBool, {2}, {0, 1});
  OpRun r = RunBinary("And", a, b);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {2, 2}, {0, 0, 0, 1}));
  r = RunBinary("Or", a, b);
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {2, 2}, {0, 1, 1, 1}));
  r = RunBinary("Xor", a, b);
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {2, 2}, {0, 1, 1, 0}));
  r = RunBinary("And", MakeFloat({1}, {1}), MakeFloat({1}, {1}));
  EXPECT_EQ(r.status.code(), StatusCode::kUnsupportedDataType);
}

TEST(CompareLogic, IsNaNIsInf) {
  Tensor x = MakeFloat({4}, {1, std::nanf(""), INFINITY, -INFINITY});
  OpTest nan("IsNaN");
  nan.Input(x);
  OpRun r = nan.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {4}, {0, 1, 0, 0}));
  OpTest inf("IsInf");
  inf.Input(x).Attr("detect_negative", Attribute::Int(0));
  r = inf.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {4}, {0, 0, 1, 0}));
}

}  // namespace
}  // namespace openacl::testing
