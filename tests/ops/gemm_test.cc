// Gemm and MatMul: hand-computed cases and random cases (transposes, alpha/beta, C broadcast,
// batch broadcast, 1-D operands, fused bias/sum/activation) against every fast kernel.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(GemmOp, HandComputed) {
  OpTest t("Gemm");
  t.Input(MakeFloat({2, 2}, {1, 2, 3, 4}))
      .ConstInput(MakeFloat({2, 2}, {1, 0, 0, 1}))
      .ConstInput(MakeFloat({2}, {10, 20}))
      .Attr("alpha", Attribute::Float(2.0f))
      .Attr("beta", Attribute::Float(0.5f));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {7, 14, 11, 18}));
}

TEST(GemmOp, TransposedAndFusedRelu) {
  OpTest t("Gemm");
  // A^T = [[1,2],[3,4]] given as A = [[1,3],[2,4]]; B^T with transB.
  t.Input(MakeFloat({2, 2}, {1, 3, 2, 4}))
      .ConstInput(MakeFloat({2, 2}, {1, 1, -1, -1}))  // B = [[1,-1],[1,-1]]
      .Attr("transA", Attribute::Int(1))
      .Attr("transB", Attribute::Int(1))
      .Attr("fused_activation", Attribute::String("Relu"));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {3, 0, 7, 0}));
}

TEST(GemmOp, RandomAgainstReference) {
  struct Case {
    int64_t M, N, K;
    bool ta, tb;
    float alpha, beta;
    Shape c;  // {-1} = no C
    bool c_const, b_const, sum;
    const char* act;
  };
  const Case cases[] = {
      {7, 9, 5, false, false, 1, 1, {9}, true, true, false, ""},
      {7, 9, 5, true, false, 0.5f, 2, {7, 9}, true, true, true, "Relu"},
      {7, 9, 5, false, true, 1, 1, {7, 1}, false, true, false, "Tanh"},
      {7, 9, 5, true, true, 1.5f, 1, {1, 9}, false, false, true, ""},
      {1, 1000, 64, false, true, 1, 1, {1000}, true, true, false, "Gelu"},
      {16, 32, 48, false, false, 1, 1, {-1}, true, true, false, "Sigmoid"},
      {5, 6, 7, false, false, 1, 1, {1}, true, true, false, ""},
      {5, 6, 7, false, false, 1, 3, {5, 6}, false, true, false, ""},  // reference only
  };
  uint32_t seed = 200;
  for (const Case& c : cases) {
    SCOPED_TRACE("M=" + std::to_string(c.M) + " N=" + std::to_string(c.N) +
                 " c=" + ShapeToString(c.c));
    OpTest t("Gemm");
    t.Input(RandomFloat(c.ta ? Shape{c.K, c.M} : Shape{c.M, c.K}, seed++));
    Tensor b = RandomFloat(c.tb ? Shape{c.N, c.K} : Shape{c.K, c.N}, seed++);
    c.b_const ? t.ConstInput(b) : t.Input(b);
    if (c.c != Shape{-1}) {
      Tensor ct = RandomFloat(c.c, seed++);
      c.c_const ? t.ConstInput(ct) : t.Input(ct);
    } else if (c.sum) {
      t.NoInput();
    }
    if (c.sum) t.Input(RandomFloat({c.M, c.N}, seed++)).Attr("fused_sum", Attribute::Int(1));
    t.Attr("transA", Attribute::Int(c.ta))
        .Attr("transB", Attribute::Int(c.tb))
        .Attr("alpha", Attribute::Float(c.alpha))
        .Attr("beta", Attribute::Float(c.beta));
    if (c.act[0]) t.Attr("fused_activation", Attribute::String(c.act));
    OpRun r = t.RunAndCompareAll(1e-4, 1e-4);
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    bool expect_onednn = c.c_const || c.beta == 1 || c.c == Shape{-1};
    EXPECT_EQ(ChooseKernel(*t.node()), expect_onednn ? "onednn" : "reference");
  }
}

TEST(MatMulOp, HandComputedAndVectors) {
  OpTest t("MatMul");
  t.Input(MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6})).ConstInput(MakeFloat({3}, {1, 0, -1}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {-2, -2}));
  OpTest u("MatMul");
  u.Input(MakeFloat({2}, {1, 2})).Input(MakeFloat({2, 2}, {1, 2, 3, 4}));
  r = u.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {7, 10}));
}

TEST(MatMulOp, IntegerAndBadShapes) {
  OpTest t("MatMul");
  t.Input(MakeInt32({1, 2}, {2, 3})).Input(MakeInt32({2, 1}, {4, 5}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({1, 1}, {23}));
  OpTest u("MatMul");
  u.Input(RandomFloat({2, 3})).Input(RandomFloat({4, 2}));
  EXPECT_FALSE(u.RunReference().status.ok());
}

TEST(MatMulOp, RandomAgainstReference) {
  struct Case {
    Shape a, b;
    bool b_const, bias, sum;
    const char* act;
  };
  const Case cases[] = {
      {{4, 5}, {5, 6}, true, false, false, ""},
      {{3, 4, 5}, {5, 6}, true, true, false, "Relu"},
      {{2, 3, 4, 5}, {2, 3, 5, 6}, false, false, true, ""},
      {{2, 1, 4, 5}, {1, 3, 5, 6}, false, true, true, "Gelu"},  // batch broadcast both ways
      {{3, 4, 5}, {3, 5, 6}, true, false, false, "Sigmoid"},
      {{5}, {2, 5, 6}, false, false, false, ""},  // 1-D A
      {{2, 4, 5}, {5}, true, false, false, ""},   // 1-D B
      {{1, 128, 64}, {64, 256}, true, true, true, "GeluTanh"},
  };
  uint32_t seed = 300;
  for (const Case& c : cases) {
    SCOPED_TRACE("a=" + ShapeToString(c.a) + " b=" + ShapeToString(c.b));
    OpTest probe("MatMul");
    probe.Input(RandomFloat(c.a)).Input(RandomFloat(c.b));
    OpRun pr = probe.RunReference();
    ASSERT_TRUE(pr.status.ok()) << pr.status.message();
    Shape out = pr.outputs[0].shape();
    OpTest t("MatMul");
    t.Input(RandomFloat(c.a, seed++));
    c.b_const ? t.ConstInput(RandomFloat(c.b, seed++)) : t.Input(RandomFloat(c.b, seed++));
    if (c.bias)
      t.ConstInput(RandomFloat({c.b.size() == 1 ? 1 : c.b.back()}, seed++))
          .Attr("fused_bias", Attribute::Int(1));
    if (c.sum) t.Input(RandomFloat(out, seed++)).Attr("fused_sum", Attribute::Int(1));
    if (c.act[0]) t.Attr("fused_activation", Attribute::String(c.act));
    OpRun r = t.RunAndCompareAll(1e-4, 1e-4);
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    EXPECT_EQ(r.outputs[0].shape(), out);
    EXPECT_EQ(ChooseKernel(*t.node()), "onednn");
  }
}

}  // namespace
}  // namespace openacl::testing
