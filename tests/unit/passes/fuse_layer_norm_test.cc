// FuseLayerNorm: ReduceMean/Sub/Pow/ReduceMean/Add/Sqrt/Div(/Mul/Add) over the last axis becomes
// one LayerNormalization with the same output; variants (Mul(d, d), no affine, opset-18 axes
// input) are recognized, and near-misses are left alone.
#include <gtest/gtest.h>

#include "passes/pass_manager.h"
#include "unit/passes/graph_test_util.h"

namespace openacl {
namespace {

using testing_util::AddFilledConstant;
using testing_util::AddInput;
using testing_util::Op;
using testing_util::AddRandomConstant;
using testing_util::CountOps;
using testing_util::OnlyNode;
using testing_util::PassMaxDiff;
using testing_util::RandomTensor;

struct Opts {
  int opset = 13;
  bool mul_square = false;
  bool affine = true;
  int64_t mean_axis = -1;
  Shape eps_shape = {};
  Shape gamma_shape = {16};
  bool d_extra_use = false;
};

Value* Mean(Graph& g, Value* in, const Opts& o, const std::string& name) {
  if (o.opset >= 18) {
    Value* axes =
        g.AddConstant(g.UniqueName(name + "_axes"), Tensor::FromInt64({o.mean_axis}, {1}));
    return Op(g, "ReduceMean", {in, axes}, name);
  }
  Value* y = Op(g, "ReduceMean", {in}, name);
  y->producer->attrs.set("axes", Attribute::Ints({o.mean_axis}));
  return y;
}

// x[2,4,16] -> decomposed LayerNorm -> y
Value* Build(Graph& g, const Opts& o) {
  g.opset = o.opset;
  Value* x = AddInput(g, "x", {2, 4, 16});
  Value* m = Mean(g, x, o, "m");
  Value* d = Op(g, "Sub", {x, m}, "d");
  Value* sq = o.mul_square ? Op(g, "Mul", {d, d}, "sq")
                           : Op(g, "Pow", {d, AddFilledConstant(g, "two", 2)}, "sq");
  Value* v = Mean(g, sq, o, "v");
  Value* e = Op(g, "Add", {v, AddFilledConstant(g, "eps", 1e-5f, o.eps_shape)}, "e");
  Value* s = Op(g, "Sqrt", {e}, "s");
  Value* y = Op(g, "Div", {d, s}, "n");
  if (o.affine) {
    y = Op(g, "Mul", {y, AddRandomConstant(g, "gamma", o.gamma_shape, 3, 0.5f, 1.5f)}, "g");
    y = Op(g, "Add", {AddRandomConstant(g, "beta", {16}, 4), y}, "y");
  }
  if (o.d_extra_use) g.outputs.push_back(d);
  g.outputs.push_back(y);
  return y;
}

std::map<std::string, Tensor> Feeds() { return {{"x", RandomTensor({2, 4, 16}, 9, -3.0f, 5.0f)}}; }

void ExpectFused(const Opts& o, bool has_bias, const char* what) {
  Graph g;
  Value* y = Build(g, o);
  auto diff = PassMaxDiff(g, Feeds(), FuseLayerNorm);
  ASSERT_TRUE(diff.ok()) << what << ": " << diff.status().message();
  EXPECT_LT(*diff, 1e-5) << what;
  ASSERT_EQ(g.nodes().size(), 1u) << what;
  Node* ln = OnlyNode(g, "LayerNormalization");
  ASSERT_NE(ln, nullptr) << what;
  EXPECT_EQ(ln->output(0), y) << what;
  EXPECT_EQ(ln->input(0), g.FindValue("x")) << what;
  EXPECT_GE(ln->opset, 17) << what;
  EXPECT_FLOAT_EQ(ln->attrs.get_float("epsilon", 0), 1e-5f) << what;
  EXPECT_EQ(ln->input(2) != nullptr, has_bias) << what;
}

TEST(FuseLayerNorm, Variants) {
  Opts o;
  ExpectFused(o, true, "full pattern");
  o.mul_square = true;
  ExpectFused(o, true, "Mul(d, d)");
  o = Opts();
  o.affine = false;
  ExpectFused(o, false, "no scale/bias");
  o = Opts();
  o.opset = 18;
  ExpectFused(o, true, "opset 18 axes input");
  o = Opts();
  o.mean_axis = 2;
  o.gamma_shape = {1, 1, 16};
  ExpectFused(o, true, "positive axis, [1,1,16] gamma");
}

TEST(FuseLayerNorm, LeavesNearMisses) {
  std::vector<std::pair<const char*, Opts>> cases;
  Opts o;
  o.mean_axis = 1;
  o.gamma_shape = {4, 1};
  cases.push_back({"mean over axis 1", o});
  o = Opts();
  o.eps_shape = {2, 4, 1};
  cases.push_back({"eps not a scalar", o});
  o = Opts();
  o.d_extra_use = true;
  cases.push_back({"centered x also a graph output", o});
  for (const auto& [what, opts] : cases) {
    Graph g;
    Build(g, opts);
    size_t before = g.nodes().size();
    auto diff = PassMaxDiff(g, Feeds(), FuseLayerNorm);
    ASSERT_TRUE(diff.ok()) << what << ": " << diff.status().message();
    EXPECT_EQ(*diff, 0.0) << what;
    EXPECT_EQ(g.nodes().size(), before) << what;
    EXPECT_EQ(CountOps(g, "LayerNormalization"), 0) << what;
  }
}

TEST(FuseLayerNorm, PerRowGammaKeepsTheMulOutside) {
  // gamma [4,1] varies per row, not per element of the normalized axis: the Mul/Add stay.
  Graph g;
  g.opset = 13;
  Opts o;
  o.gamma_shape = {4, 1};
  Build(g, o);
  auto diff = PassMaxDiff(g, Feeds(), FuseLayerNorm);
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  EXPECT_LT(*diff, 1e-5);
  EXPECT_EQ(CountOps(g, "LayerNormalization"), 1);
  EXPECT_EQ(CountOps(g, "Mul"), 1);
  EXPECT_EQ(CountOps(g, "Add"), 1);
}

}  // namespace
}  // namespace openacl
