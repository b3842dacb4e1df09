// Reduce* ops, ArgMax, ArgMin.
#include <cmath>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

// x = [[1, 2, 3], [4, 5, 6]]
Tensor X() { return MakeFloat({2, 3}, {1, 2, 3, 4, 5, 6}); }

TEST(Reduce, AllOpsOverAxis1) {
  struct {
    const char* op;
    std::vector<float> out;
  } cases[] = {
      {"ReduceSum", {6, 15}},
      {"ReduceMean", {2, 5}},
      {"ReduceMax", {3, 6}},
      {"ReduceMin", {1, 4}},
      {"ReduceProd", {6, 120}},
      {"ReduceL1", {6, 15}},
      {"ReduceL2", {std::sqrt(14.f), std::sqrt(77.f)}},
      {"ReduceSumSquare", {14, 77}},
      {"ReduceLogSum", {std::log(6.f), std::log(15.f)}},
      {"ReduceLogSumExp",
       {std::log(std::exp(1.f) + std::exp(2.f) + std::exp(3.f)),
        std::log(std::exp(4.f) + std::exp(5.f) + std::exp(6.f))}},
  };
  for (const auto& c : cases) {
    OpTest t(c.op, 11);  // axes as attribute
    t.Input(X()).Attr("axes", Attribute::Ints({1})).Attr("keepdims", Attribute::Int(0));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << c.op << ": " << r.status.message();
    ExpectTensorNear(r.outputs[0], MakeFloat({2}, c.out), 1e-5, 1e-5, c.op);
  }
}

TEST(Reduce, AxesInputKeepdimsAndDefaultAll) {
  OpTest t("ReduceSum", 13);
  t.Input(X()).ConstInput(MakeInt64({1}, {-2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 3}, {5, 7, 9}));
  OpTest all("ReduceMax", 18);
  all.Input(X());
  r = all.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1}, {6}));
  OpTest noop("ReduceSum", 13);
  noop.Input(X()).ConstInput(MakeInt64({0}, {})).Attr("noop_with_empty_axes", Attribute::Int(1));
  r = noop.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], X());
  OpTest mean18("ReduceMean", 18);
  mean18.Input(X()).ConstInput(MakeInt64({1}, {0})).Attr("keepdims", Attribute::Int(0));
  r = mean18.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({3}, {2.5f, 3.5f, 4.5f}));
}

TEST(Reduce, IntegerTypes) {
  OpTest t("ReduceSum", 13);
  t.Input(MakeInt32({2, 2}, {1, 2, 3, 4})).ConstInput(MakeInt64({1}, {1}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt32({2, 1}, {3, 7}));
}

TEST(Reduce, Misuse) {
  OpTest bad_axis("ReduceSum", 13);
  bad_axis.Input(X()).ConstInput(MakeInt64({1}, {2}));
  EXPECT_EQ(bad_axis.RunReference().status.code(), StatusCode::kShapeInvalid);
  OpTest repeated("ReduceMin", 11);
  repeated.Input(X()).Attr("axes", Attribute::Ints({1, -1}));
  EXPECT_FALSE(repeated.RunReference().status.ok());
  OpTest runtime_axes("ReduceSum", 13);
  runtime_axes.Input(X()).Input(MakeInt64({1}, {0}));
  EXPECT_EQ(runtime_axes.RunReference().status.code(), StatusCode::kDataDependentShape);
  OpTest bool_in("ReduceSum", 13);
  bool_in.Input(MakeTyped(DType::kBool, {2}, {1, 0}));
  EXPECT_EQ(bool_in.RunReference().status.code(), StatusCode::kUnsupportedDataType);
}

TEST(ArgReduce, ArgMaxArgMin) {
  Tensor x = MakeFloat({2, 3}, {1, 7, 7, 9, 0, 0});
  OpTest t("ArgMax");
  t.Input(x).Attr("axis", Attribute::Int(1));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2, 1}, {1, 0}));
  OpTest last("ArgMax");
  last.Input(x).Attr("axis", Attribute::Int(1)).Attr("select_last_index", Attribute::Int(1));
  r = last.RunAndCompareAll();
  ExpectTensorNear(r.outputs[0], MakeInt64({2, 1}, {2, 0}));
  OpTest mn("ArgMin");
  mn.Input(x).Attr("axis", Attribute::Int(-1)).Attr("keepdims", Attribute::Int(0));
  r = mn.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeInt64({2}, {0, 1}));
  OpTest bad("ArgMin");
  bad.Input(x).Attr("axis", Attribute::Int(2));
  EXPECT_EQ(bad.RunReference().status.code(), StatusCode::kShapeInvalid);
}

}  // namespace
}  // namespace openacl::testing
