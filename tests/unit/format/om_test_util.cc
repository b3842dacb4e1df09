#include "om_test_util.h"

#include <gtest/gtest.h>

#include <cstring>

#include "format/crc32c.h"
#include "format/om_header.h"

namespace openacl {
namespace testing_om {

CompiledModel SampleModel() {
  CompiledModel m;
  m.graph = std::make_unique<Graph>();
  Graph& g = *m.graph;
  g.name = "sample";
  g.opset = 17;
  Value* x = g.AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {1, 3, 4, 4};
  x->dim_names = {"N", "", "", ""};
  x->has_shape = true;
  Value* w = g.AddConstant("w", Tensor::FromFloat({1.5f, -2.0f, 3.25f}, {3, 1, 1}));
  Value* b = g.AddConstant("b", Tensor::FromInt64({7, -9}, {2}));
  Value* shape = g.AddConstant("shape", Tensor::FromInt64({1, 48}, {2}));
  // A constant no node reads: not planned, stored inline.
  Value* unused = g.AddConstant("unused", Tensor::FromFloat({0.25f, 4.0f}, {2}));
  Value* t = g.AddValue("t");
  t->dtype = DType::kFloat32;
  t->shape = {1, 3, 4, 4};
  t->has_shape = true;
  Value* r = g.AddValue("r");
  r->dtype = DType::kFloat32;
  r->shape = {1, 48};
  r->has_shape = true;
  Value* y = g.AddValue("y");
  y->dtype = DType::kFloat32;
  y->shape = {1, 48};
  y->has_shape = true;
  g.inputs = {x};
  g.outputs = {y};

  g.AddNode("Mul", {x, w}, {t}, "mul");
  g.AddNode("Reshape", {t, shape}, {r}, "reshape");
  Node* custom = g.AddNode("Custom", {r, nullptr, b}, {y, nullptr}, "custom");
  custom->domain = "com.example";
  custom->opset = 3;
  custom->attrs.set("i", Attribute::Int(-42));
  custom->attrs.set("f", Attribute::Float(0.125f));
  custom->attrs.set("s", Attribute::String("hello \"om\"\n"));
  custom->attrs.set("ints", Attribute::Ints({1, -2, 3}));
  custom->attrs.set("floats", Attribute::Floats({0.5f, -1.0f}));
  custom->attrs.set("strings", Attribute::Strings({"a", "", "ccc"}));
  custom->attrs.set("tensor", Attribute::TensorValue(Tensor::FromFloat({1, 2, 3, 4}, {2, 2})));
  custom->attrs.set("empty_ints", Attribute::Ints({}));
  // A subgraph (as If/Loop/Scan hold): an input, an outer reference, an inline constant.
  auto body = std::make_shared<Graph>();
  body->name = "body";
  body->opset = 17;
  Value* bin = body->AddValue("b_in");
  bin->dtype = DType::kFloat32;
  Value* outer = body->AddValue("x");  // read from the enclosing graph
  Value* k = body->AddConstant("k", Tensor::FromFloat({2.0f}, {1}));
  Value* s1 = body->AddValue("s1");
  Value* s2 = body->AddValue("s2");
  body->AddNode("Mul", {bin, k}, {s1}, "body_mul");
  body->AddNode("Add", {s1, outer}, {s2}, "body_add");
  body->inputs.push_back(bin);
  body->outputs.push_back(s2);
  Attribute graph_attr;
  graph_attr.kind = Attribute::Kind::kGraph;
  graph_attr.g = body;
  custom->attrs.set("graph", graph_attr);

  m.plan[x] = {Placement::kInput, 0, 0, 192};
  m.plan[w] = {Placement::kWeight, 0, -1, 12};
  m.plan[b] = {Placement::kWeight, 64, -1, 16};
  m.plan[shape] = {Placement::kWeight, 32, -1, 16};
  m.plan[unused] = {Placement::kNone, 0, -1, 0};
  m.plan[t] = {Placement::kArena, 0, -1, 192};
  m.plan[r] = {Placement::kAlias, 0, 5, 192};  // value 5 is t
  m.plan[y] = {Placement::kOutput, 0, 0, 192};
  m.kernels = {"onednn_binary", "view", ""};
  m.inputs = {{"x", DType::kFloat32, {1, 3, 4, 4}, IOFormat::kNCHW, 192}};
  m.outputs = {{"y", DType::kFloat32, {1, 48}, IOFormat::kND, 192}};
  m.arena_size = 256;
  m.scratch_offset = 192;
  m.scratch_size = 64;
  m.weight_size = 128;
  m.options = {{"soc_version", "Ascend310"}, {"input_shape", "x:1,3,4,4"}};
  return m;
}

void FixChecksums(std::vector<uint8_t>* image) {
  auto& v = *image;
  if (v.size() < kOmHeaderSize) return;
  uint64_t weight_offset;
  std::memcpy(&weight_offset, &v[32], 8);
  if (weight_offset < kOmHeaderSize || weight_offset > v.size()) return;
  uint32_t meta = Crc32c(0, &v[kOmHeaderSize], weight_offset - kOmHeaderSize);
  uint64_t full = Crc32c(meta, v.data() + weight_offset, v.size() - weight_offset);
  std::memcpy(&v[48], &full, 8);
  std::memcpy(&v[56], &meta, 4);
  uint32_t header = Crc32c(0, v.data(), 60);
  std::memcpy(&v[60], &header, 4);
}

namespace {

void ExpectSameTensor(const Tensor& a, const Tensor& b, const std::string& what) {
  EXPECT_EQ(a.dtype(), b.dtype()) << what;
  EXPECT_EQ(a.shape(), b.shape()) << what;
  ASSERT_EQ(a.nbytes(), b.nbytes()) << what;
  if (a.nbytes()) {
    EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.nbytes())) << what;
  }
}

void ExpectSameGraph(const Graph& ga, const Graph& gb, const CompiledModel* a,
                     const CompiledModel* b);

void ExpectSameAttr(const Attribute& a, const Attribute& b, const std::string& what) {
  ASSERT_EQ(a.kind, b.kind) << what;
  EXPECT_EQ(a.i, b.i) << what;
  EXPECT_EQ(a.f, b.f) << what;
  EXPECT_EQ(a.s, b.s) << what;
  EXPECT_EQ(a.ints, b.ints) << what;
  EXPECT_EQ(a.floats, b.floats) << what;
  EXPECT_EQ(a.strings, b.strings) << what;
  if (a.kind == Attribute::Kind::kTensor) ExpectSameTensor(a.t, b.t, what);
  if (a.kind == Attribute::Kind::kGraph) {
    ASSERT_TRUE(a.g && b.g) << what;
    ExpectSameGraph(*a.g, *b.g, nullptr, nullptr);
  }
}

// Plans are compared when the models are given (the top graph); subgraphs are unplanned.
void ExpectSameGraph(const Graph& ga, const Graph& gb, const CompiledModel* a,
                     const CompiledModel* b) {
  EXPECT_EQ(ga.name, gb.name);
  EXPECT_EQ(ga.opset, gb.opset);
  ASSERT_EQ(ga.values().size(), gb.values().size());
  auto index_of = [](const Graph& g, const Value* v) -> int {
    for (size_t i = 0; i < g.values().size(); ++i)
      if (g.values()[i].get() == v) return static_cast<int>(i);
    return -1;
  };
  for (size_t i = 0; i < ga.values().size(); ++i) {
    const Value& va = *ga.values()[i];
    const Value& vb = *gb.values()[i];
    EXPECT_EQ(va.name, vb.name);
    EXPECT_EQ(va.dtype, vb.dtype) << va.name;
    EXPECT_EQ(va.shape, vb.shape) << va.name;
    EXPECT_EQ(va.dim_names, vb.dim_names) << va.name;
    EXPECT_EQ(va.has_shape, vb.has_shape) << va.name;
    ASSERT_EQ(va.constant.has_value(), vb.constant.has_value()) << va.name;
    if (va.constant) ExpectSameTensor(*va.constant, *vb.constant, va.name);
    ValuePlan pa, pb;
    if (a && a->plan.count(&va)) pa = a->plan.at(&va);
    if (b && b->plan.count(&vb)) pb = b->plan.at(&vb);
    EXPECT_EQ(pa.placement, pb.placement) << va.name;
    EXPECT_EQ(pa.offset, pb.offset) << va.name;
    EXPECT_EQ(pa.index, pb.index) << va.name;
    EXPECT_EQ(pa.nbytes, pb.nbytes) << va.name;
  }
  ASSERT_EQ(ga.nodes().size(), gb.nodes().size());
  for (size_t n = 0; n < ga.nodes().size(); ++n) {
    const Node& na = *ga.nodes()[n];
    const Node& nb = *gb.nodes()[n];
    EXPECT_EQ(na.name, nb.name);
    EXPECT_EQ(na.op_type, nb.op_type);
    EXPECT_EQ(na.domain, nb.domain);
    EXPECT_EQ(na.opset, nb.opset);
    ASSERT_EQ(na.inputs.size(), nb.inputs.size());
    for (size_t i = 0; i < na.inputs.size(); ++i)
      EXPECT_EQ(index_of(ga, na.inputs[i]), index_of(gb, nb.inputs[i])) << na.name << " in " << i;
    ASSERT_EQ(na.outputs.size(), nb.outputs.size());
    for (size_t i = 0; i < na.outputs.size(); ++i) {
      EXPECT_EQ(index_of(ga, na.outputs[i]), index_of(gb, nb.outputs[i])) << na.name;
      if (nb.outputs[i]) {
        EXPECT_EQ(nb.outputs[i]->producer, &nb);
      }
    }
    ASSERT_EQ(na.attrs.all().size(), nb.attrs.all().size()) << na.name;
    for (const auto& [k, attr] : na.attrs.all()) {
      ASSERT_TRUE(nb.attrs.has(k)) << k;
      ExpectSameAttr(attr, *nb.attrs.find(k), na.name + "." + k);
    }
  }
  ASSERT_EQ(ga.inputs.size(), gb.inputs.size());
  for (size_t i = 0; i < ga.inputs.size(); ++i)
    EXPECT_EQ(index_of(ga, ga.inputs[i]), index_of(gb, gb.inputs[i]));
  ASSERT_EQ(ga.outputs.size(), gb.outputs.size());
  for (size_t i = 0; i < ga.outputs.size(); ++i)
    EXPECT_EQ(index_of(ga, ga.outputs[i]), index_of(gb, gb.outputs[i]));
}

}  // namespace

void ExpectSameModel(const CompiledModel& a, const CompiledModel& b) {
  ASSERT_TRUE(a.graph && b.graph);
  ExpectSameGraph(*a.graph, *b.graph, &a, &b);
  EXPECT_EQ(a.data_dependent_shapes, b.data_dependent_shapes);
  EXPECT_EQ(a.kernels, b.kernels);
  auto same_io = [](const std::vector<IODesc>& x, const std::vector<IODesc>& y) {
    ASSERT_EQ(x.size(), y.size());
    for (size_t i = 0; i < x.size(); ++i) {
      EXPECT_EQ(x[i].name, y[i].name);
      EXPECT_EQ(x[i].dtype, y[i].dtype);
      EXPECT_EQ(x[i].shape, y[i].shape);
      EXPECT_EQ(x[i].format, y[i].format);
      EXPECT_EQ(x[i].nbytes, y[i].nbytes);
    }
  };
  same_io(a.inputs, b.inputs);
  same_io(a.outputs, b.outputs);
  EXPECT_EQ(a.arena_size, b.arena_size);
  EXPECT_EQ(a.scratch_offset, b.scratch_offset);
  EXPECT_EQ(a.scratch_size, b.scratch_size);
  EXPECT_EQ(a.weight_size, b.weight_size);
  EXPECT_EQ(a.options, b.options);
  EXPECT_EQ(a.is_single_op, b.is_single_op);
  EXPECT_EQ(a.single_op.acl_op_type, b.single_op.acl_op_type);
  EXPECT_EQ(a.single_op.json, b.single_op.json);
}

}  // namespace testing_om
}  // namespace openacl
