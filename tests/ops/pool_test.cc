// MaxPool / AveragePool / LpPool / GlobalAveragePool / GlobalMaxPool: hand-computed cases for
// the reference and random cases comparing the oneDNN kernels with the reference.
#include <numeric>

#include "op_test_util.h"

namespace openacl::testing {
namespace {

std::vector<float> Iota(int n, float start = 0) {
  std::vector<float> v(n);
  std::iota(v.begin(), v.end(), start);
  return v;
}

TEST(MaxPoolOp, IndicesBothStorageOrders) {
  for (int order : {0, 1}) {
    OpTest t("MaxPool");
    t.Input(MakeFloat({1, 1, 4, 4}, Iota(16)))
        .Attr("kernel_shape", Attribute::Ints({2, 2}))
        .Attr("strides", Attribute::Ints({2, 2}))
        .Attr("storage_order", Attribute::Int(order))
        .Outputs(2);
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 2, 2}, {5, 7, 13, 15}));
    ExpectTensorNear(r.outputs[1], order == 0 ? MakeInt64({1, 1, 2, 2}, {5, 7, 13, 15})
                                              : MakeInt64({1, 1, 2, 2}, {5, 13, 7, 15}));
    EXPECT_EQ(ChooseKernel(*t.node()), "reference");  // Indices: reference only
  }
}

TEST(MaxPoolOp, CeilMode) {
  OpTest t("MaxPool");
  t.Input(MakeFloat({1, 1, 4, 4}, Iota(16, 1)))
      .Attr("kernel_shape", Attribute::Ints({3, 3}))
      .Attr("strides", Attribute::Ints({2, 2}))
      .Attr("ceil_mode", Attribute::Int(1));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 2, 2}, {11, 12, 15, 16}));
  EXPECT_EQ(ChooseKernel(*t.node()), "onednn");
}

TEST(AveragePoolOp, CountIncludePad) {
  for (int include : {0, 1}) {
    OpTest t("AveragePool");
    t.Input(MakeFloat({1, 1, 3}, {1, 2, 3}))
        .Attr("kernel_shape", Attribute::Ints({2}))
        .Attr("pads", Attribute::Ints({1, 1}))
        .Attr("count_include_pad", Attribute::Int(include));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    ExpectTensorNear(r.outputs[0], include ? MakeFloat({1, 1, 4}, {0.5f, 1.5f, 2.5f, 1.5f})
                                           : MakeFloat({1, 1, 4}, {1, 1.5f, 2.5f, 3}));
  }
}

TEST(AveragePoolOp, CeilModeExtensionIsNotCounted) {
  for (int include : {0, 1}) {
    OpTest t("AveragePool");
    t.Input(MakeFloat({1, 1, 5}, {1, 2, 3, 4, 5}))
        .Attr("kernel_shape", Attribute::Ints({2}))
        .Attr("strides", Attribute::Ints({2}))
        .Attr("ceil_mode", Attribute::Int(1))
        .Attr("count_include_pad", Attribute::Int(include));
    OpRun r = t.RunAndCompareAll();
    ASSERT_TRUE(r.status.ok()) << r.status.message();
    ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 3}, {1.5f, 3.5f, 5}));
  }
}

TEST(LpPoolOp, HandComputed) {
  OpTest t("LpPool");
  t.Input(MakeFloat({1, 1, 2, 2}, {3, -4, 0, 0})).Attr("kernel_shape", Attribute::Ints({2, 2}));
  OpRun r = t.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 1, 1}, {5}));
  OpTest u("LpPool");
  u.Input(MakeFloat({1, 1, 3}, {1, -2, 3}))
      .Attr("kernel_shape", Attribute::Ints({2}))
      .Attr("p", Attribute::Int(1));
  r = u.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 1, 2}, {3, 5}));
}

TEST(GlobalPoolOps, HandComputed) {
  Tensor x = MakeFloat({1, 2, 2, 2}, {1, 2, 3, 4, -1, -2, -3, -8});
  OpTest a("GlobalAveragePool");
  a.Input(x);
  OpRun r = a.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 1, 1}, {2.5f, -3.5f}));
  OpTest m("GlobalMaxPool");
  m.Input(x);
  r = m.RunAndCompareAll();
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  ExpectTensorNear(r.outputs[0], MakeFloat({1, 2, 1, 1}, {4, -1}));
  EXPECT_EQ(ChooseKernel(*m.node()), "onednn");
}

TEST(GlobalPoolOps, RandomAgainstReference) {
  for (const Shape& s : {Shape{2, 3, 7}, Shape{2, 16, 7, 7}, Shape{1, 8, 3, 4, 5}}) {
    for (const char* op : {"GlobalAveragePool", "GlobalMaxPool"}) {
      OpTest t(op);
      t.Input(RandomFloat(s, 5));
      OpRun r = t.RunAndCompareAll();
      ASSERT_TRUE(r.status.ok()) << r.status.message();
    }
  }
}

TEST(PoolOps, RandomAgainstReference) {
  struct Case {
    Shape x;
    int64_t k, stride, dilation, pad;
    const char* auto_pad;
    int ceil, include_pad;
  };
  const Case cases[] = {
      {{1, 3, 9, 9}, 3, 2, 1, 1, "NOTSET", 0, 0},
      {{2, 8, 10, 10}, 3, 2, 1, 0, "NOTSET", 1, 0},
      {{2, 8, 10, 10}, 3, 2, 1, 1, "NOTSET", 1, 1},  // avg include+ceil -> reference
      {{1, 4, 11, 11}, 2, 2, 1, 0, "SAME_UPPER", 0, 1},
      {{1, 4, 11, 11}, 3, 2, 1, 0, "SAME_LOWER", 0, 0},
      {{1, 4, 12, 12}, 3, 1, 2, 2, "NOTSET", 0, 1},  // dilation
      {{1, 4, 12, 12}, 3, 3, 1, 0, "VALID", 1, 0},
      {{2, 3, 15}, 4, 3, 1, 1, "NOTSET", 1, 0},       // 1-D
      {{1, 2, 6, 7, 8}, 3, 2, 1, 1, "NOTSET", 0, 1},  // 3-D
  };
  uint32_t seed = 400;
  for (const char* op : {"MaxPool", "AveragePool", "LpPool"}) {
    for (const Case& c : cases) {
      SCOPED_TRACE(std::string(op) + " x=" + ShapeToString(c.x) + " k=" + std::to_string(c.k) +
                   " ceil=" + std::to_string(c.ceil) + " pad=" + c.auto_pad);
      int nsp = static_cast<int>(c.x.size()) - 2;
      OpTest t(op);
      t.Input(RandomFloat(c.x, seed++))
          .Attr("kernel_shape", Attribute::Ints(std::vector<int64_t>(nsp, c.k)))
          .Attr("strides", Attribute::Ints(std::vector<int64_t>(nsp, c.stride)))
          .Attr("dilations", Attribute::Ints(std::vector<int64_t>(nsp, c.dilation)))
          .Attr("auto_pad", Attribute::String(c.auto_pad))
          .Attr("ceil_mode", Attribute::Int(c.ceil))
          .Attr("count_include_pad", Attribute::Int(c.include_pad));
      if (std::string(c.auto_pad) == "NOTSET")
        t.Attr("pads", Attribute::Ints(std::vector<int64_t>(2 * nsp, c.pad)));
      OpRun r = t.RunAndCompareAll(1e-5, 1e-4);
      ASSERT_TRUE(r.status.ok()) << r.status.message();
      if (std::string(op) == "MaxPool") EXPECT_EQ(ChooseKernel(*t.node()), "onednn");
    }
  }
}

}  // namespace
}  // namespace openacl::testing
