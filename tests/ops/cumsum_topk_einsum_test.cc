// CumSum, TopK, Einsum.
#include "op_test_util.h"

namespace openacl::testing {
namespace {

TEST(CumSum, ExclusiveReverseAxis) {
  Tensor x = MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6});
  struct {
    int excl, rev;
    int64_t axis;
    std::vector<float> out;
  } cases[] = {
      {0, 0, 1, {1, 3, 6, 4, 9, 15}},  {1, 0, 1, {0, 1, 3, 0, 4, 9}},
      {0, 1, 1, {6, 5, 3, 15, 11, 6}}, {1, 1, -1, {5, 3, 0, 11, 6, 0}},
      {0, 0, 0, {1, 2, 3, 5, 7, 9}},
  };
  for (const auto& c : cases) {
    OpTest t("CumSum", 14);
    t.Input(x).Input(MakeInt64({}, {c.axis}));
    t.Attr("exclusive", Attribute::Int(c.excl)).Attr("reverse", Attribute::Int(c.rev));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, c.out));
  }
  OpTest bad("CumSum", 14);
  bad.Input(x).ConstInput(MakeInt64({}, {2}));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kShapeInvalid);
}

TEST(TopK, LargestSmallestAndStableTies) {
  Tensor x = MakeFloat({2, 4}, {3, 1, 3, 2, 0, 5, 5, -1});
  OpTest t("TopK", 11);
  t.Input(x).ConstInput(MakeInt64({1}, {2})).Outputs(2);
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {3, 3, 5, 5}));
  ExpectTensorNear(r.outputs[1], MakeInt64({2, 2}, {0, 2, 1, 2}));
  OpTest s("TopK", 11);
  s.Input(x).ConstInput(MakeInt64({1}, {3})).Attr("largest", Attribute::Int(0)).Outputs(2);
  r = s.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 3}, {1, 2, 3, -1, 0, 5}));
  ExpectTensorNear(r.outputs[1], MakeInt64({2, 3}, {1, 3, 0, 3, 0, 1}));
  OpTest axis0("TopK", 1);  // k as attribute before opset 10
  axis0.Input(x).Attr("k", Attribute::Int(1)).Attr("axis", Attribute::Int(0)).Outputs(2);
  r = axis0.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 4}, {3, 5, 5, 2}));
  ExpectTensorNear(r.outputs[1], MakeInt64({1, 4}, {0, 1, 1, 0}));
}

TEST(TopK, Misuse) {
  Tensor x = MakeFloat({4}, {1, 2, 3, 4});
  OpTest big("TopK", 11);
  big.Input(x).ConstInput(MakeInt64({1}, {5})).Outputs(2);
  EXPECT_EQ(big.RunReference().status.code(), StatusCode::kShapeInvalid);
  OpTest runtime_k("TopK", 11);
  runtime_k.Input(x).Input(MakeInt64({1}, {2})).Outputs(2);
  EXPECT_EQ(runtime_k.RunReference().status.code(), StatusCode::kDataDependentShape);
}

OpRun RunEinsum(const std::string& eq, std::vector<Tensor> ins) {
  OpTest t("Einsum", 12);
  for (auto& in : ins) t.Input(in);
  t.Attr("equation", Attribute::String(eq));
  return t.RunAndCompareAll();
}

TEST(Einsum, CommonForms) {
  Tensor a = MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6});
  Tensor b = MakeFloat({3, 2}, {1, 0, 0, 1, 1, 1});
  OpRun r = RunEinsum("ij,jk->ik", {a, b});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {4, 5, 10, 11}));
  r = RunEinsum("ij->ji", {a});
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 2}, {1, 4, 2, 5, 3, 6}));
  r = RunEinsum("ij->i", {a});
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {6, 15}));
  r = RunEinsum("ij", {a});  // implicit output: sorted single labels -> "ij"
  ExpectTensorNear(r.outputs[0], a);
  r = RunEinsum("ba", {a});  // implicit "ab": transpose
  ExpectTensorNear(r.outputs[0], MakeFloat({3, 2}, {1, 4, 2, 5, 3, 6}));
  r = RunEinsum("i,j->ij", {MakeFloat({2}, {1, 2}), MakeFloat({2}, {3, 4})});
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 2}, {3, 4, 6, 8}));
  r = RunEinsum("ii->i", {MakeFloat({2, 2}, {1, 2, 3, 4})});
  ExpectTensorNear(r.outputs[0], MakeFloat({2}, {1, 4}));
  r = RunEinsum("ii", {MakeFloat({2, 2}, {1, 2, 3, 4})});  // trace
  ExpectTensorNear(r.outputs[0], MakeFloat({}, {5}));
}

TEST(Einsum, BatchMatmulWithEllipsisBroadcast) {
  Tensor a = MakeFloat({2, 1, 2}, {1, 2, 3, 4});
  Tensor b = MakeFloat({2, 1}, {1, 1});
  OpRun r = RunEinsum("...ij,jk->...ik", {a, b});
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 1, 1}, {3, 7}));
  r = RunEinsum("bij,bjk->bik", {a, MakeFloat({2, 2, 1}, {1, 0, 0, 1})});
  ExpectTensorNear(r.outputs[0], MakeFloat({2, 1, 1}, {1, 4}));
}

TEST(Einsum, Misuse) {
  Tensor a = MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_FALSE(RunEinsum("ij,jk->ik", {a, a}).status.ok());  // j: 3 vs 2
  EXPECT_FALSE(RunEinsum("ijk->i", {a}).status.ok());        // rank mismatch
  EXPECT_FALSE(RunEinsum("ij->iz", {a}).status.ok());        // unknown output label
  EXPECT_FALSE(RunEinsum("ij,ij->i", {a}).status.ok());      // operand count
}

}  // namespace
}  // namespace openacl::testing
