// Models whose shapes are decided at run time: compiled without an arena plan, executed by the
// dynamic executor (shape operands fed by inputs, NonZero), stored in and loaded from an .om.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <unistd.h>

#include "compiler/compiler.h"
#include "format/om_reader.h"
#include "format/om_writer.h"
#include "engine/loaded_model.h"

namespace openacl {
namespace {

Value* AddInput(Graph& g, const std::string& name, DType dtype, Shape shape) {
  Value* v = g.AddValue(name);
  v->dtype = dtype;
  v->shape = std::move(shape);
  v->has_shape = true;
  g.inputs.push_back(v);
  return v;
}

// y = Relu(Reshape(x, shape)): the output shape is the value of input `shape`.
std::unique_ptr<Graph> ReshapeByInputGraph() {
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = AddInput(*g, "x", DType::kFloat32, {2, 3});
  Value* shape = AddInput(*g, "shape", DType::kInt64, {2});
  Value* r = g->AddValue("r");
  Value* y = g->AddValue("y");
  g->AddNode("Reshape", {x, shape}, {r}, "reshape");
  g->AddNode("Relu", {r}, {y}, "relu");
  g->outputs.push_back(y);
  return g;
}

// idx = NonZero(x > 0): the output's second dim is the count of positive elements.
std::unique_ptr<Graph> NonZeroGraph() {
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = AddInput(*g, "x", DType::kFloat32, {2, 3});
  Value* zero = g->AddConstant("zero", Tensor::FromFloat({0.f}, {}));
  Value* pos = g->AddValue("pos");
  Value* idx = g->AddValue("idx");
  g->AddNode("Greater", {x, zero}, {pos}, "greater");
  g->AddNode("NonZero", {pos}, {idx}, "nonzero");
  g->outputs.push_back(idx);
  return g;
}

std::shared_ptr<engine::LoadedModel> Load(std::unique_ptr<Graph> g) {
  auto model = CompileGraph(std::move(g), CompileOptions());
  EXPECT_TRUE(model.ok()) << model.status().message();
  if (!model.ok()) return nullptr;
  EXPECT_TRUE(model->data_dependent_shapes);
  auto loaded = engine::LoadedModel::Create(std::move(model).value(), engine::ModelMemory(), "test");
  EXPECT_TRUE(loaded.ok()) << loaded.status().message();
  return loaded.ok() ? *loaded : nullptr;
}

const float kX[6] = {-1, 2, -3, 4, 5, -6};

TEST(DataDependent, ReshapeShapeFromInput) {
  auto m = Load(ReshapeByInputGraph());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->model().outputs[0].nbytes, 0u);  // unknown until run time
  for (auto dims : {std::vector<int64_t>{3, 2}, std::vector<int64_t>{1, 6},
                    std::vector<int64_t>{3, 2}, std::vector<int64_t>{6, -1}}) {
    const void* ins[] = {kX, dims.data()};
    size_t sizes[] = {sizeof(kX), 16};
    std::vector<Tensor> out;
    Status st = m->ExecuteToTensors(ins, sizes, 2, &out);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_EQ(out.size(), 1u);
    Shape want = {dims[0], dims[1] < 0 ? 1 : dims[1]};
    EXPECT_EQ(out[0].shape(), want);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(out[0].data_as<float>()[i], kX[i] > 0 ? kX[i] : 0) << i;
  }
}

TEST(DataDependent, BadShapeValueIsAnErrorNamingTheNode) {
  auto m = Load(ReshapeByInputGraph());
  ASSERT_TRUE(m);
  int64_t dims[2] = {4, 4};
  const void* ins[] = {kX, dims};
  size_t sizes[] = {sizeof(kX), 16};
  std::vector<Tensor> out;
  Status st = m->ExecuteToTensors(ins, sizes, 2, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("reshape"), std::string::npos) << st.message();
  // The model still runs afterwards.
  int64_t good[2] = {2, 3};
  ins[1] = good;
  EXPECT_TRUE(m->ExecuteToTensors(ins, sizes, 2, &out).ok());
}

TEST(DataDependent, NonZeroOutputShapeFollowsTheData) {
  auto m = Load(NonZeroGraph());
  ASSERT_TRUE(m);
  const void* ins[] = {kX};
  size_t size = sizeof(kX);
  std::vector<Tensor> out;
  ASSERT_TRUE(m->ExecuteToTensors(ins, &size, 1, &out).ok());
  ASSERT_EQ(out[0].shape(), (Shape{2, 3}));
  const int64_t* idx = out[0].data_as<int64_t>();
  // Positive elements at (0,1), (1,0), (1,1).
  EXPECT_EQ(std::vector<int64_t>(idx, idx + 6), (std::vector<int64_t>{0, 1, 1, 1, 0, 1}));
  float none[6] = {-1, -1, -1, -1, -1, -1};
  ins[0] = none;
  ASSERT_TRUE(m->ExecuteToTensors(ins, &size, 1, &out).ok());
  EXPECT_EQ(out[0].shape(), (Shape{2, 0}));
}

TEST(DataDependent, BufferExecuteChecksTheSizeOfThisRun) {
  auto m = Load(NonZeroGraph());
  ASSERT_TRUE(m);
  const void* ins[] = {kX};
  size_t in_size = sizeof(kX);
  int64_t buf[6] = {};
  void* outs[] = {buf};
  size_t small = 5 * sizeof(int64_t);
  std::vector<Shape> shapes;
  Status st = m->Execute(ins, &in_size, 1, outs, &small, 1, &shapes);
  EXPECT_EQ(st.code(), StatusCode::kInvalidParam);
  EXPECT_NE(st.message().find("48 bytes"), std::string::npos) << st.message();
  size_t enough = sizeof(buf);
  st = m->Execute(ins, &in_size, 1, outs, &enough, 1, &shapes);
  ASSERT_TRUE(st.ok()) << st.message();
  ASSERT_EQ(shapes.size(), 1u);
  EXPECT_EQ(shapes[0], (Shape{2, 3}));
  EXPECT_EQ(buf[1], 1);
}

TEST(DataDependent, SurvivesAnOmRoundTrip) {
  auto model = CompileGraph(ReshapeByInputGraph(), CompileOptions());
  ASSERT_TRUE(model.ok()) << model.status().message();
  std::string path = ::testing::TempDir() + "/dd_" + std::to_string(getpid()) + ".om";
  ASSERT_TRUE(WriteOm(*model, path).ok());
  auto read = ReadOmFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE(read->data_dependent_shapes);
  EXPECT_EQ(read->outputs[0].shape, (Shape{-2}));
  auto loaded = engine::LoadedModel::Create(std::move(read).value(), engine::ModelMemory(), path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  int64_t dims[2] = {6, 1};
  const void* ins[] = {kX, dims};
  size_t sizes[] = {sizeof(kX), 16};
  std::vector<Tensor> out;
  ASSERT_TRUE((*loaded)->ExecuteToTensors(ins, sizes, 2, &out).ok());
  EXPECT_EQ(out[0].shape(), (Shape{6, 1}));
}

// y = If(c) { Relu(x) } else { Neg(x) }: x is read by the branches as an implicit input.
std::unique_ptr<Graph> IfGraph() {
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* c = AddInput(*g, "c", DType::kBool, {});
  Value* x = AddInput(*g, "x", DType::kFloat32, {2, 3});
  auto branch = [](const std::string& op) {
    auto b = std::make_shared<Graph>();
    b->opset = 17;
    Value* xr = b->AddValue("x");
    Value* out = b->AddValue(op + "_out");
    b->AddNode(op, {xr}, {out}, op + "_node");
    b->outputs.push_back(out);
    Attribute a;
    a.kind = Attribute::Kind::kGraph;
    a.g = b;
    return a;
  };
  Value* y = g->AddValue("y");
  y->dtype = DType::kFloat32;
  Node* n = g->AddNode("If", {c, x}, {y}, "if");
  n->attrs.set("then_branch", branch("Relu"));
  n->attrs.set("else_branch", branch("Neg"));
  n->attrs.set(kImplicitInputsAttr, Attribute::Strings({"x"}));
  g->outputs.push_back(y);
  return g;
}

TEST(DataDependent, IfWithRunTimeConditionThroughAnOm) {
  auto model = CompileGraph(IfGraph(), CompileOptions());
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_TRUE(model->data_dependent_shapes);
  std::string path = ::testing::TempDir() + "/if_" + std::to_string(getpid()) + ".om";
  ASSERT_TRUE(WriteOm(*model, path).ok());
  auto read = ReadOmFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(read.ok()) << read.status().message();
  auto loaded = engine::LoadedModel::Create(std::move(read).value(), engine::ModelMemory(), path);
  ASSERT_TRUE(loaded.ok()) << loaded.status().message();
  for (bool c : {true, false, true}) {
    const void* ins[] = {&c, kX};
    size_t sizes[] = {1, sizeof(kX)};
    std::vector<Tensor> out;
    Status st = (*loaded)->ExecuteToTensors(ins, sizes, 2, &out);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_EQ(out[0].shape(), (Shape{2, 3}));
    for (int i = 0; i < 6; ++i)
      EXPECT_EQ(out[0].data_as<float>()[i], c ? (kX[i] > 0 ? kX[i] : 0) : -kX[i]) << c << i;
  }
}

TEST(DataDependent, ProfilesEveryNode) {
  auto m = Load(NonZeroGraph());
  ASSERT_TRUE(m);
  m->EnableProfiling(true);
  const void* ins[] = {kX};
  size_t size = sizeof(kX);
  std::vector<Tensor> out;
  ASSERT_TRUE(m->ExecuteToTensors(ins, &size, 1, &out).ok());
  std::string report = m->ProfileReport();
  EXPECT_NE(report.find("nonzero"), std::string::npos) << report;
  EXPECT_NE(report.find("greater"), std::string::npos) << report;
}

Attribute GraphAttr(std::shared_ptr<Graph> g) {
  Attribute a;
  a.kind = Attribute::Kind::kGraph;
  a.g = std::move(g);
  return a;
}

// Loop(M, cond, v) with body (i, c, v) -> (c_out, v + 1, scan: v); `bad_body` drops the
// scan output's producer arity (returns one value too few).
std::unique_ptr<Graph> LoopGraph(bool bad_body) {
  auto g = std::make_unique<Graph>();
  g->opset = 13;
  Value* m = AddInput(*g, "m", DType::kInt64, {});
  Value* v0 = AddInput(*g, "v0", DType::kFloat32, {2});
  auto body = std::make_shared<Graph>();
  body->opset = 13;
  Value* i = body->AddValue("i");
  i->dtype = DType::kInt64;
  Value* c = body->AddValue("c");
  c->dtype = DType::kBool;
  Value* v = body->AddValue("v");
  v->dtype = DType::kFloat32;
  body->inputs = {i, c, v};
  Value* one = body->AddConstant("one", Tensor::FromFloat({1.f}, {}));
  Value* v1 = body->AddValue("v1");
  Value* c_out = body->AddValue("c_out");
  Value* scan = body->AddValue("scan");
  body->AddNode("Add", {v, one}, {v1}, "inc");
  body->AddNode("Identity", {c}, {c_out}, "keep_cond");
  body->AddNode("Identity", {v}, {scan}, "scan_out");
  body->outputs = bad_body ? std::vector<Value*>{c_out} : std::vector<Value*>{c_out, v1, scan};
  Value* vf = g->AddValue("vf");
  vf->dtype = DType::kFloat32;
  Value* scans = g->AddValue("scans");
  scans->dtype = DType::kFloat32;
  Node* n = g->AddNode("Loop", {m, nullptr, v0}, {vf, scans}, "loop");
  n->attrs.set("body", GraphAttr(body));
  g->outputs = {vf, scans};
  return g;
}

TEST(DataDependent, LoopCarriesAndStacks) {
  auto m = Load(LoopGraph(false));
  ASSERT_TRUE(m);
  int64_t trips = 3;
  float v0[2] = {1, 10};
  const void* ins[] = {&trips, v0};
  size_t sizes[] = {8, sizeof(v0)};
  std::vector<Tensor> out;
  Status st = m->ExecuteToTensors(ins, sizes, 2, &out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out[0].data_as<float>()[0], 4.f);
  EXPECT_EQ(out[1].shape(), (Shape{3, 2}));
  EXPECT_EQ(out[1].data_as<float>()[4], 3.f);  // v before the third step
  trips = 0;  // no iteration: the carried value unchanged, an empty scan output
  ASSERT_TRUE(m->ExecuteToTensors(ins, sizes, 2, &out).ok());
  EXPECT_EQ(out[0].data_as<float>()[1], 10.f);
  EXPECT_EQ(out[1].shape()[0], 0);
}

TEST(DataDependent, MalformedLoopBodyIsAnErrorNamingTheNode) {
  auto m = Load(LoopGraph(true));
  ASSERT_TRUE(m);
  int64_t trips = 2;
  float v0[2] = {1, 10};
  const void* ins[] = {&trips, v0};
  size_t sizes[] = {8, sizeof(v0)};
  std::vector<Tensor> out;
  Status st = m->ExecuteToTensors(ins, sizes, 2, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("loop"), std::string::npos) << st.message();
}

TEST(DataDependent, IfConditionMustHoldOneElement) {
  auto g = IfGraph();
  g->inputs[0]->shape = {2};  // a two-element condition
  auto m = Load(std::move(g));
  ASSERT_TRUE(m);
  bool c[2] = {true, false};
  const void* ins[] = {c, kX};
  size_t sizes[] = {2, sizeof(kX)};
  std::vector<Tensor> out;
  Status st = m->ExecuteToTensors(ins, sizes, 2, &out);
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("one element"), std::string::npos) << st.message();
}

// Conv -> BatchNormalization -> Relu (static shapes) -> Reshape(shape fed by an input): the
// static part is optimized (BN folded, Relu fused) and gives the same values as unoptimized.
std::unique_ptr<Graph> ConvBnReluReshapeGraph() {
  auto g = std::make_unique<Graph>();
  g->opset = 13;
  Value* x = AddInput(*g, "x", DType::kFloat32, {1, 2, 4, 4});
  Value* shape = AddInput(*g, "shape", DType::kInt64, {2});
  std::vector<float> w(2 * 2 * 3 * 3);
  for (size_t i = 0; i < w.size(); ++i) w[i] = 0.1f * static_cast<float>(i % 7) - 0.3f;
  Value* wv = g->AddConstant("w", Tensor::FromFloat(w, {2, 2, 3, 3}));
  Value* scale = g->AddConstant("scale", Tensor::FromFloat({1.5f, 0.5f}, {2}));
  Value* bias = g->AddConstant("bias", Tensor::FromFloat({0.1f, -0.2f}, {2}));
  Value* mean = g->AddConstant("mean", Tensor::FromFloat({0.05f, -0.1f}, {2}));
  Value* var = g->AddConstant("var", Tensor::FromFloat({0.9f, 1.2f}, {2}));
  Value* c = g->AddValue("c");
  Value* b = g->AddValue("b");
  Value* r = g->AddValue("r");
  Value* y = g->AddValue("y");
  y->dtype = DType::kFloat32;
  Node* conv = g->AddNode("Conv", {x, wv}, {c}, "conv");
  conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
  g->AddNode("BatchNormalization", {c, scale, bias, mean, var}, {b}, "bn");
  g->AddNode("Relu", {b}, {r}, "relu");
  g->AddNode("Reshape", {r, shape}, {y}, "reshape");
  g->outputs.push_back(y);
  return g;
}

TEST(DataDependent, StaticRegionIsOptimized) {
  CompileOptions plain;
  plain.optimize = false;
  auto reference = CompileGraph(ConvBnReluReshapeGraph(), plain);
  auto optimized = CompileGraph(ConvBnReluReshapeGraph(), CompileOptions());
  ASSERT_TRUE(reference.ok() && optimized.ok());
  ASSERT_TRUE(optimized->data_dependent_shapes);
  std::vector<std::string> ops;
  for (const auto& n : optimized->graph->nodes()) ops.push_back(n->op_type);
  EXPECT_EQ(ops, (std::vector<std::string>{"Conv", "Reshape"}));
  std::vector<float> x(32);
  for (size_t i = 0; i < x.size(); ++i) x[i] = std::sin(0.37f * static_cast<float>(i));
  int64_t dims[2] = {4, 8};
  const void* ins[] = {x.data(), dims};
  size_t sizes[] = {x.size() * 4, 16};
  std::vector<Tensor> want, got;
  auto a = engine::LoadedModel::Create(std::move(reference).value(), engine::ModelMemory(), "plain");
  auto b = engine::LoadedModel::Create(std::move(optimized).value(), engine::ModelMemory(), "optimized");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->ExecuteToTensors(ins, sizes, 2, &want).ok());
  ASSERT_TRUE((*b)->ExecuteToTensors(ins, sizes, 2, &got).ok());
  ASSERT_EQ(got[0].shape(), (Shape{4, 8}));
  for (int i = 0; i < 32; ++i)
    EXPECT_NEAR(got[0].data_as<float>()[i], want[0].data_as<float>()[i], 1e-5) << i;
}

TEST(DataDependent, StaticModelsStayPlanned) {
  auto g = ReshapeByInputGraph();
  // Freezing the shape makes every shape static again.
  Value* shape = g->inputs[1];
  shape->constant = Tensor::FromInt64({3, 2}, {2});
  g->inputs.pop_back();
  auto model = CompileGraph(std::move(g), CompileOptions());
  ASSERT_TRUE(model.ok()) << model.status().message();
  EXPECT_FALSE(model->data_dependent_shapes);
  EXPECT_EQ(model->outputs[0].nbytes, 24u);
}

}  // namespace
}  // namespace openacl
