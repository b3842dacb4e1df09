// Unary math and activation ops: literal expectations at a few points each.
#include <cmath>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

struct UnaryCase {
  const char* op;
  std::vector<float> in, out;
  std::vector<std::pair<std::string, float>> attrs = {};
};

class UnaryMathTest : public ::testing::TestWithParam<UnaryCase> {};

TEST_P(UnaryMathTest, Float32) {
  const UnaryCase& c = GetParam();
  OpTest t(c.op);
  t.Input(MakeFloat({static_cast<int64_t>(c.in.size())}, c.in));
  for (const auto& a : c.attrs) t.Attr(a.first, Attribute::Float(a.second));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({static_cast<int64_t>(c.out.size())}, c.out), 1e-5, 1e-5,
                   c.op);
}

const float kNaN = std::nanf("");
const float kInf = INFINITY;

INSTANTIATE_TEST_SUITE_P(
    Ops, UnaryMathTest,
    ::testing::Values(
        UnaryCase{"Abs", {-2, 0, 3.5f}, {2, 0, 3.5f}},
        UnaryCase{"Neg", {-2, 0, 3.5f}, {2, 0, -3.5f}},
        UnaryCase{"Exp", {0, 1, -1}, {1, 2.7182818f, 0.36787944f}},
        UnaryCase{"Log", {1, 2.7182818f, 0}, {0, 1, -kInf}},
        UnaryCase{"Sqrt", {4, 0, 2}, {2, 0, 1.4142135f}},
        UnaryCase{"Reciprocal", {4, -0.5f}, {0.25f, -2}},
        UnaryCase{"Floor", {-1.5f, 1.5f, 2}, {-2, 1, 2}},
        UnaryCase{"Ceil", {-1.5f, 1.5f, 2}, {-1, 2, 2}},
        UnaryCase{"Round", {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 2.6f}, {0, 2, 2, -0.f, -2, 3}},
        UnaryCase{"Sign", {-3, 0, 0.1f}, {-1, 0, 1}}, UnaryCase{"Sin", {0, 1.5707964f}, {0, 1}},
        UnaryCase{"Cos", {0, 3.1415927f}, {1, -1}}, UnaryCase{"Tan", {0, 0.7853982f}, {0, 1}},
        UnaryCase{"Asin", {0, 1}, {0, 1.5707964f}}, UnaryCase{"Acos", {1, 0}, {0, 1.5707964f}},
        UnaryCase{"Atan", {0, 1}, {0, 0.7853982f}}, UnaryCase{"Sinh", {0, 1}, {0, 1.1752012f}},
        UnaryCase{"Cosh", {0, 1}, {1, 1.5430806f}}, UnaryCase{"Asinh", {0, 1}, {0, 0.8813736f}},
        UnaryCase{"Acosh", {1, 2}, {0, 1.3169579f}}, UnaryCase{"Atanh", {0, 0.5f}, {0, 0.5493061f}},
        UnaryCase{"Erf", {0, 1, -1}, {0, 0.8427008f, -0.8427008f}},
        UnaryCase{"Tanh", {0, 1}, {0, 0.7615942f}},
        UnaryCase{"Sigmoid", {0, 2, -100}, {0.5f, 0.8807971f, 0}},
        UnaryCase{"Softplus", {0, 1, 100}, {0.6931472f, 1.3132616f, 100}},
        UnaryCase{"Softsign", {1, -3}, {0.5f, -0.75f}},
        UnaryCase{"Elu", {-1, 2}, {-1.2642411f, 2}, {{"alpha", 2.0f}}},
        UnaryCase{"Selu", {-1, 2}, {-1.1113307f, 2.101402f}},
        UnaryCase{"Celu", {-1, 2}, {-0.7869387f, 2}, {{"alpha", 2.0f}}},
        UnaryCase{"LeakyRelu", {-1, 2}, {-0.1f, 2}, {{"alpha", 0.1f}}},
        UnaryCase{"LeakyRelu", {-1, 2}, {-0.01f, 2}},
        UnaryCase{"ThresholdedRelu", {0.5f, 1, 3}, {0, 0, 3}},
        UnaryCase{"HardSigmoid", {-10, 0, 1, 10}, {0, 0.5f, 0.7f, 1}},
        UnaryCase{"HardSwish", {-4, 0, 1, 4}, {0, 0, 0.6666667f, 4}},
        UnaryCase{"Mish", {0, 1}, {0, 0.8650984f}},
        UnaryCase{"Gelu", {0, 1, -1}, {0, 0.8413447f, -0.1586553f}}),
    [](const ::testing::TestParamInfo<UnaryCase>& info) {
      return std::string(info.param.op) + std::to_string(info.index);
    });

TEST(UnaryMath, NaNPropagatesThroughSignAndAbs) {
  for (const char* op : {"Sign", "Abs", "Exp"}) {
    OpTest t(op);
    t.Input(MakeFloat({1}, {kNaN}));
    OpRun r = t.RunReference();
    ASSERT_TRUE(r.status.ok());
    EXPECT_TRUE(std::isnan(r.outputs[0].GetAsDouble(0))) << op;
  }
}

TEST(UnaryMath, GeluTanhApproximation) {
  OpTest t("Gelu", 20);
  t.Input(MakeFloat({2}, {1, -1})).Attr("approximate", Attribute::String("tanh"));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {0.8411920f, -0.1588080f}));
}

TEST(UnaryMath, IntegerTypes) {
  OpTest abs("Abs");
  abs.Input(MakeTyped(DType::kInt8, {3}, {-128 + 1, 5, -3}));
  OpRun r = abs.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kInt8, {3}, {127, 5, 3}));
  OpTest neg("Neg");
  neg.Input(MakeInt64({2}, {7, -9}));
  r = neg.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {-7, 9}));
  OpTest sign("Sign");
  sign.Input(MakeInt32({3}, {-7, 0, 9}));
  r = sign.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok());
  ExpectTensorNear(r.outputs[0], MakeInt32({3}, {-1, 0, 1}));
}

TEST(UnaryMath, HalfTypesComputeInFloat) {
  for (DType dt : {DType::kFloat16, DType::kBFloat16, DType::kFloat64}) {
    OpTest t("Sqrt");
    t.Input(MakeTyped(dt, {2}, {4, 9}));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok());
    ExpectTensorNear(r.outputs[0], MakeTyped(dt, {2}, {2, 3}));
  }
}

TEST(UnaryMath, FloatOnlyOpsRejectIntegers) {
  OpTest t("Exp");
  t.Input(MakeInt32({2}, {1, 2}));
  OpRun r = t.RunReference();
  EXPECT_EQ(r.status.code(), StatusCode::kUnsupportedDataType);
  EXPECT_NE(r.status.message().find("int32"), std::string::npos) << r.status.message();
}

TEST(UnaryMath, GeluRejectsUnknownApproximation) {
  OpTest t("Gelu", 20);
  t.Input(MakeFloat({1}, {1})).Attr("approximate", Attribute::String("fast"));
  EXPECT_FALSE(t.RunReference().status.ok());
}

TEST(UnaryMath, BitwiseNotAndNot) {
  OpTest t("BitwiseNot", 18);
  t.Input(MakeTyped(DType::kUInt8, {2}, {0, 0x0f}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kUInt8, {2}, {255, 0xf0}));
  OpTest n("Not");
  n.Input(MakeTyped(DType::kBool, {2}, {0, 1}));
  r = n.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeTyped(DType::kBool, {2}, {1, 0}));
}

}  // namespace
}  // namespace openacl::testing
