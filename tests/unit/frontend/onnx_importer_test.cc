// ONNX import: initializers (raw and typed fields), Constant nodes, node order, symbolic dims,
// per-domain opsets, IR/opset version checks and malformed files.
#include "frontend/onnx/onnx_importer.h"

#include <gtest/gtest.h>

#include <cstring>

#include "unit/frontend/onnx_test_util.h"

namespace openacl {
namespace {

using namespace onnx_test;  // NOLINT(build/namespaces)

Result<std::unique_ptr<Graph>> Import(const onnx::ModelProto& m) {
  std::string bytes = Serialize(m);
  return ImportOnnxBytes(bytes.data(), bytes.size(), "");
}

// x[2,3] -> Relu -> y, the smallest valid model.
onnx::ModelProto ReluModel(int64_t opset = 13, int64_t ir = 8) {
  onnx::ModelProto m = NewModel(opset, ir);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {2, 3});
  AddNode(g, "Relu", "relu", {"x"}, {"y"});
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {2, 3});
  return m;
}

const Value* Find(const Graph& g, const std::string& name) { return g.FindValue(name); }

TEST(OnnxImport, MinimalModel) {
  auto g = Import(ReluModel());
  ASSERT_TRUE(g.ok()) << g.status().message();
  const Graph& graph = **g;
  EXPECT_EQ(graph.opset, 13);
  ASSERT_EQ(graph.inputs.size(), 1u);
  EXPECT_EQ(graph.inputs[0]->name, "x");
  EXPECT_EQ(graph.inputs[0]->dtype, DType::kFloat32);
  EXPECT_EQ(graph.inputs[0]->shape, (Shape{2, 3}));
  ASSERT_EQ(graph.nodes().size(), 1u);
  EXPECT_EQ(graph.nodes()[0]->op_type, "Relu");
  EXPECT_EQ(graph.nodes()[0]->name, "relu");
  EXPECT_EQ(graph.nodes()[0]->opset, 13);
  ASSERT_EQ(graph.outputs.size(), 1u);
  EXPECT_EQ(graph.outputs[0]->name, "y");
  EXPECT_EQ(graph.outputs[0]->producer, graph.nodes()[0].get());
}

TEST(OnnxImport, InitializersRawAndTypedFields) {
  onnx::ModelProto m = ReluModel();
  auto* g = m.mutable_graph();
  SetRawFloats(g->add_initializer(), "raw_f", {2, 2}, {1.5f, -2.f, 3.f, 4.25f});
  auto* f = g->add_initializer();
  f->set_name("typed_f");
  f->set_data_type(onnx::TensorProto::FLOAT);
  f->add_dims(3);
  for (float v : {0.5f, 1.5f, -7.f}) f->add_float_data(v);
  auto* i64 = g->add_initializer();
  i64->set_name("typed_i64");
  i64->set_data_type(onnx::TensorProto::INT64);
  i64->add_dims(2);
  i64->add_int64_data(-5);
  i64->add_int64_data(int64_t{1} << 40);
  auto* h = g->add_initializer();
  h->set_name("typed_f16");
  h->set_data_type(onnx::TensorProto::FLOAT16);
  h->add_dims(2);
  h->add_int32_data(0x3C00);  // 1.0
  h->add_int32_data(0xC000);  // -2.0
  auto* i32 = g->add_initializer();
  i32->set_name("typed_i32");
  i32->set_data_type(onnx::TensorProto::INT32);
  i32->add_int32_data(-42);  // scalar (no dims)
  auto* d = g->add_initializer();
  d->set_name("typed_f64");
  d->set_data_type(onnx::TensorProto::DOUBLE);
  d->add_dims(1);
  d->add_double_data(0.125);
  auto* b = g->add_initializer();
  b->set_name("typed_bool");
  b->set_data_type(onnx::TensorProto::BOOL);
  b->add_dims(3);
  for (int v : {1, 0, 1}) b->add_int32_data(v);

  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  const Graph& graph = **res;
  EXPECT_EQ(graph.inputs.size(), 1u) << "initializers are not graph inputs";

  const Value* raw = Find(graph, "raw_f");
  ASSERT_TRUE(raw && raw->is_constant());
  EXPECT_EQ(raw->dtype, DType::kFloat32);
  EXPECT_EQ(raw->shape, (Shape{2, 2}));
  EXPECT_TRUE(raw->has_shape);
  EXPECT_FLOAT_EQ(raw->constant->data_as<float>()[3], 4.25f);

  const Value* tf = Find(graph, "typed_f");
  ASSERT_TRUE(tf && tf->is_constant());
  EXPECT_FLOAT_EQ(tf->constant->data_as<float>()[2], -7.f);

  const Value* ti = Find(graph, "typed_i64");
  ASSERT_TRUE(ti && ti->is_constant());
  EXPECT_EQ(ti->dtype, DType::kInt64);
  EXPECT_EQ(ti->constant->ToInt64Vector(), (std::vector<int64_t>{-5, int64_t{1} << 40}));

  const Value* th = Find(graph, "typed_f16");
  ASSERT_TRUE(th && th->is_constant());
  EXPECT_EQ(th->dtype, DType::kFloat16);
  EXPECT_EQ(th->constant->nbytes(), 4u);
  EXPECT_EQ(th->constant->data_as<uint16_t>()[0], 0x3C00);
  EXPECT_EQ(th->constant->data_as<uint16_t>()[1], 0xC000);
  EXPECT_DOUBLE_EQ(th->constant->GetAsDouble(1), -2.0);

  const Value* t32 = Find(graph, "typed_i32");
  ASSERT_TRUE(t32 && t32->is_constant());
  EXPECT_TRUE(t32->shape.empty());
  EXPECT_EQ(t32->constant->GetAsInt64(0), -42);

  const Value* t64 = Find(graph, "typed_f64");
  ASSERT_TRUE(t64 && t64->is_constant());
  EXPECT_DOUBLE_EQ(t64->constant->GetAsDouble(0), 0.125);

  const Value* tb = Find(graph, "typed_bool");
  ASSERT_TRUE(tb && tb->is_constant());
  EXPECT_EQ(tb->dtype, DType::kBool);
  EXPECT_EQ(tb->constant->GetAsInt64(0), 1);
  EXPECT_EQ(tb->constant->GetAsInt64(1), 0);
}

TEST(OnnxImport, InitializerWithWrongDataSizeIsNamed) {
  {
    onnx::ModelProto m = ReluModel();
    auto* t = m.mutable_graph()->add_initializer();
    SetRawFloats(t, "short_raw", {4}, {1.f, 2.f, 3.f});
    auto g = Import(m);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.status().code(), StatusCode::kParseModel);
    EXPECT_NE(g.status().message().find("short_raw"), std::string::npos) << g.status().message();
  }
  {
    onnx::ModelProto m = ReluModel();
    auto* t = m.mutable_graph()->add_initializer();
    t->set_name("short_typed");
    t->set_data_type(onnx::TensorProto::FLOAT);
    t->add_dims(3);
    t->add_float_data(1.f);
    auto g = Import(m);
    ASSERT_FALSE(g.ok());
    EXPECT_NE(g.status().message().find("short_typed"), std::string::npos) << g.status().message();
  }
  {
    onnx::ModelProto m = ReluModel();
    auto* t = m.mutable_graph()->add_initializer();
    t->set_name("strings");
    t->set_data_type(onnx::TensorProto::STRING);
    t->add_dims(1);
    t->add_string_data("a");
    auto g = Import(m);
    ASSERT_FALSE(g.ok());
    EXPECT_EQ(g.status().code(), StatusCode::kUnsupportedDataType);
    EXPECT_NE(g.status().message().find("strings"), std::string::npos) << g.status().message();
  }
}

TEST(OnnxImport, ConstantNodeKeepsItsTensor) {
  onnx::ModelProto m = NewModel(13);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {2});
  auto* c = AddNode(g, "Constant", "const", {}, {"k"});
  auto* attr = c->add_attribute();
  attr->set_name("value");
  attr->set_type(onnx::AttributeProto::TENSOR);
  SetRawFloats(attr->mutable_t(), "k_value", {2}, {3.f, 4.f});
  AddNode(g, "Add", "add", {"x", "k"}, {"y"});
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {2});
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  const Graph& graph = **res;
  ASSERT_EQ(graph.nodes().size(), 2u);
  const Node* cn = graph.nodes()[0].get();
  EXPECT_EQ(cn->op_type, "Constant");
  const Attribute* v = cn->attrs.find("value");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, Attribute::Kind::kTensor);
  EXPECT_EQ(v->t.shape(), (Shape{2}));
  EXPECT_FLOAT_EQ(v->t.data_as<float>()[1], 4.f);
  EXPECT_EQ(graph.nodes()[1]->input(1), cn->output(0));
}

TEST(OnnxImport, AttributesOfEveryKind) {
  onnx::ModelProto m = ReluModel();
  auto* n = m.mutable_graph()->mutable_node(0);
  auto add = [&](const std::string& name, onnx::AttributeProto::AttributeType type) {
    auto* a = n->add_attribute();
    a->set_name(name);
    a->set_type(type);
    return a;
  };
  add("i", onnx::AttributeProto::INT)->set_i(-3);
  add("f", onnx::AttributeProto::FLOAT)->set_f(0.75f);
  add("s", onnx::AttributeProto::STRING)->set_s("same_upper");
  auto* ints = add("ints", onnx::AttributeProto::INTS);
  ints->add_ints(1);
  ints->add_ints(2);
  auto* floats = add("floats", onnx::AttributeProto::FLOATS);
  floats->add_floats(0.5f);
  auto* strings = add("strings", onnx::AttributeProto::STRINGS);
  strings->add_strings("a");
  strings->add_strings("b");
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  const AttrMap& attrs = (*res)->nodes()[0]->attrs;
  EXPECT_EQ(attrs.get_int("i"), -3);
  EXPECT_FLOAT_EQ(attrs.get_float("f"), 0.75f);
  EXPECT_EQ(attrs.get_string("s"), "same_upper");
  EXPECT_EQ(attrs.get_ints("ints"), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(attrs.get_floats("floats"), (std::vector<float>{0.5f}));
  ASSERT_NE(attrs.find("strings"), nullptr);
  EXPECT_EQ(attrs.find("strings")->strings, (std::vector<std::string>{"a", "b"}));
}

TEST(OnnxImport, SubgraphAttributeIsImported) {
  onnx::ModelProto m = NewModel(13);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {2});
  AddInput(g, "c", onnx::TensorProto::BOOL, {});
  auto* iff = AddNode(g, "If", "the_if", {"c"}, {"y"});
  for (const char* branch : {"then_branch", "else_branch"}) {
    auto* a = iff->add_attribute();
    a->set_name(branch);
    a->set_type(onnx::AttributeProto::GRAPH);
    auto* sub = a->mutable_g();
    sub->set_name(branch);
    AddNode(sub, std::string(branch) == "then_branch" ? "Relu" : "Neg", "inner", {"x"}, {"r"});
    AddOutput(sub, "r", onnx::TensorProto::FLOAT, {2});
  }
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {2});
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  const Attribute* then_b = (*res)->nodes()[0]->attrs.find("then_branch");
  ASSERT_TRUE(then_b && then_b->kind == Attribute::Kind::kGraph && then_b->g);
  ASSERT_EQ(then_b->g->nodes().size(), 1u);
  EXPECT_EQ(then_b->g->nodes()[0]->op_type, "Relu");
  EXPECT_EQ(then_b->g->nodes()[0]->input(0)->name, "x") << "outer-scope reference by name";
  EXPECT_EQ(then_b->g->outputs.size(), 1u);
}

TEST(OnnxImport, NodesOutOfTopologicalOrder) {
  onnx::ModelProto m = NewModel(13);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {4});
  AddNode(g, "Neg", "third", {"b"}, {"y"});
  AddNode(g, "Relu", "second", {"a"}, {"b"});
  AddNode(g, "Abs", "first", {"x"}, {"a"});
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {4});
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  Graph& graph = **res;
  ASSERT_EQ(graph.nodes().size(), 3u);
  // Producers are linked regardless of order, and the graph sorts.
  EXPECT_EQ(graph.FindValue("a")->producer->name, "first");
  EXPECT_EQ(graph.FindValue("b")->producer->name, "second");
  ASSERT_TRUE(graph.TopoSort().ok());
  EXPECT_EQ(graph.nodes()[0]->name, "first");
  EXPECT_EQ(graph.nodes()[1]->name, "second");
  EXPECT_EQ(graph.nodes()[2]->name, "third");
}

TEST(OnnxImport, SymbolicDimsArePreserved) {
  onnx::ModelProto m = NewModel(13);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {-1, 3, -1, -1}, {"batch", "", "height", ""});
  AddNode(g, "Relu", "relu", {"x"}, {"y"});
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {});
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  const Value* x = (*res)->inputs[0];
  EXPECT_TRUE(x->has_shape);
  EXPECT_EQ(x->shape, (Shape{-1, 3, -1, -1}));
  EXPECT_EQ(x->dim_names, (std::vector<std::string>{"batch", "", "height", ""}));
}

TEST(OnnxImport, InputWithoutShapeHasUnknownRank) {
  onnx::ModelProto m = ReluModel();
  m.mutable_graph()->mutable_input(0)->mutable_type()->mutable_tensor_type()->clear_shape();
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_FALSE((*res)->inputs[0]->has_shape);
  EXPECT_EQ((*res)->inputs[0]->dtype, DType::kFloat32);
}

TEST(OnnxImport, NonTensorInputIsRejected) {
  onnx::ModelProto m = ReluModel();
  auto* vi = m.mutable_graph()->mutable_input(0);
  vi->mutable_type()
      ->mutable_sequence_type()
      ->mutable_elem_type()
      ->mutable_tensor_type()
      ->set_elem_type(onnx::TensorProto::FLOAT);
  auto res = Import(m);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kUnsupportedDataType);
  EXPECT_NE(res.status().message().find("'x'"), std::string::npos) << res.status().message();
}

TEST(OnnxImport, Ir3InitializersListedAsInputsAreNotInputs) {
  onnx::ModelProto m = NewModel(8, 3);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {2});
  AddInput(g, "w", onnx::TensorProto::FLOAT, {2});
  SetRawFloats(g->add_initializer(), "w", {2}, {1.f, 2.f});
  AddNode(g, "Add", "add", {"x", "w"}, {"y"});
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {2});
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  ASSERT_EQ((*res)->inputs.size(), 1u);
  EXPECT_EQ((*res)->inputs[0]->name, "x");
  EXPECT_TRUE((*res)->FindValue("w")->is_constant());
}

TEST(OnnxImport, PerDomainOpsets) {
  onnx::ModelProto m = NewModel(13);
  AddOpset(m, "com.example", 3);
  AddOpset(m, "com.microsoft", 1);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {2});
  AddNode(g, "Relu", "default_domain", {"x"}, {"a"});
  AddNode(g, "Relu", "explicit_ai_onnx", {"a"}, {"b"}, "ai.onnx");
  AddNode(g, "Custom", "custom", {"b"}, {"c"}, "com.example");
  AddNode(g, "Gelu", "ms", {"c"}, {"d"}, "com.microsoft");
  AddNode(g, "Thing", "unimported_domain", {"d"}, {"y"}, "org.unknown");
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {2});
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  const auto& nodes = (*res)->nodes();
  ASSERT_EQ(nodes.size(), 5u);
  EXPECT_EQ(nodes[0]->domain, "");
  EXPECT_EQ(nodes[0]->opset, 13);
  EXPECT_EQ(nodes[1]->domain, "") << "ai.onnx is the default domain";
  EXPECT_EQ(nodes[1]->opset, 13);
  EXPECT_EQ(nodes[2]->domain, "com.example");
  EXPECT_EQ(nodes[2]->opset, 3) << "opset taken from the node's own domain import";
  EXPECT_EQ(nodes[3]->domain, "com.microsoft");
  EXPECT_EQ(nodes[3]->opset, 1);
  EXPECT_EQ(nodes[4]->domain, "org.unknown");
  EXPECT_EQ(nodes[4]->opset, 1);
  EXPECT_EQ((*res)->opset, 13) << "custom domains do not change the default opset";
}

TEST(OnnxImport, AiOnnxDomainImportSetsDefaultOpset) {
  onnx::ModelProto m = ReluModel();
  m.clear_opset_import();
  AddOpset(m, "ai.onnx", 17);
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  EXPECT_EQ((*res)->opset, 17);
  EXPECT_EQ((*res)->nodes()[0]->opset, 17);
}

// BUG (src/frontend/onnx/onnx_importer.cc:60, Importer::Convert node loop): ONNX graphs are
// SSA, but a second node writing an already-produced name is accepted silently: Graph::AddNode
// re-points the value's producer, both nodes write the same value and consumers read whichever
// runs last. It should be a kParseModel error naming the value and both nodes.
TEST(OnnxImport, TwoProducersOfOneValueAreRejected) {
  onnx::ModelProto m = NewModel(13);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {2});
  AddNode(g, "Relu", "first", {"x"}, {"y"});
  AddNode(g, "Neg", "second", {"x"}, {"y"});
  AddOutput(g, "y", onnx::TensorProto::FLOAT, {2});
  auto res = Import(m);
  ASSERT_FALSE(res.ok());
  EXPECT_NE(res.status().message().find("'y'"), std::string::npos) << res.status().message();
}

TEST(OnnxImport, ValueInfoAndOutputTypesAreRecorded) {
  onnx::ModelProto m = NewModel(13);
  auto* g = m.mutable_graph();
  AddInput(g, "x", onnx::TensorProto::FLOAT, {2, 3});
  AddNode(g, "Relu", "r", {"x"}, {"a"});
  auto* to = AddNode(g, "Cast", "c", {"a"}, {"y"})->add_attribute();
  to->set_name("to");
  to->set_type(onnx::AttributeProto::INT);
  to->set_i(onnx::TensorProto::INT64);
  SetTensorType(g->add_value_info(), "a", onnx::TensorProto::FLOAT, {2, 3});
  AddOutput(g, "y", onnx::TensorProto::INT64, {-1, 3});
  auto res = Import(m);
  ASSERT_TRUE(res.ok()) << res.status().message();
  const Value* a = (*res)->FindValue("a");
  EXPECT_EQ(a->dtype, DType::kFloat32);
  EXPECT_EQ(a->shape, (Shape{2, 3}));
  const Value* y = (*res)->outputs[0];
  EXPECT_EQ(y->dtype, DType::kInt64);
  EXPECT_EQ(y->shape, (Shape{-1, 3}));
}

TEST(OnnxImport, IrVersionRange) {
  for (int64_t ir : {3, 4, 7, 10}) {
    auto res = Import(ReluModel(13, ir));
    EXPECT_TRUE(res.ok()) << "IR " << ir << ": " << res.status().message();
  }
  for (int64_t ir : {0, 2, 11}) {
    auto res = Import(ReluModel(13, ir));
    ASSERT_FALSE(res.ok()) << "IR " << ir;
    EXPECT_EQ(res.status().code(), StatusCode::kParseModel);
    EXPECT_NE(res.status().message().find("IR version " + std::to_string(ir)), std::string::npos)
        << res.status().message();
  }
}

TEST(OnnxImport, OpsetRange) {
  auto ok = Import(ReluModel(18));
  EXPECT_TRUE(ok.ok()) << ok.status().message();
  auto res = Import(ReluModel(19));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kParseModel);
  EXPECT_NE(res.status().message().find("opset 19"), std::string::npos) << res.status().message();
}

TEST(OnnxImport, EmptyAndGarbageBytes) {
  auto empty = ImportOnnxBytes(nullptr, 0, "");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kParseModel);
  const char garbage[] = "\xff\xff\xff\xff this is not a protobuf";
  auto res = ImportOnnxBytes(garbage, sizeof(garbage), "");
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kParseModel);
  EXPECT_NE(res.status().message().find("not a valid ONNX model"), std::string::npos);
}

TEST(OnnxImport, ModelWithoutGraph) {
  onnx::ModelProto m = ReluModel();
  m.clear_graph();
  auto res = Import(m);
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kParseModel);
}

TEST(OnnxImport, MissingFileIsInvalidFile) {
  auto res = ImportOnnxFile("/nonexistent/openacl/model.onnx");
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.status().code(), StatusCode::kInvalidFile);
  EXPECT_NE(res.status().message().find("/nonexistent/openacl/model.onnx"), std::string::npos);
}

}  // namespace
}  // namespace openacl
