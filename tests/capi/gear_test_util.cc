#include "gear_test_util.h"

#include "compiler/compiler.h"
#include "format/om_writer.h"
#include "model_test_util.h"

namespace openacl_test {
namespace {

using namespace openacl;

std::vector<float> Ramp(size_t n, float scale, float offset) {
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = offset + scale * static_cast<float>((i * 7) % 13) - 0.3f;
  return v;
}

Value* Input(Graph& g, const std::string& name, Shape shape) {
  Value* v = g.AddValue(name);
  v->dtype = DType::kFloat32;
  v->shape = std::move(shape);
  v->has_shape = true;
  g.inputs.push_back(v);
  return v;
}

std::unique_ptr<Graph> Build(GearNet net) {
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  if (net == GearNet::kConv) {
    Value* x = Input(*g, "x", {-1, 3, -1, -1});
    Value* w = g->AddConstant("w", Tensor::FromFloat(Ramp(4 * 3 * 3 * 3, 0.05f, 0.f), {4, 3, 3, 3}));
    Value* b = g->AddConstant("b", Tensor::FromFloat({0.1f, -0.2f, 0.3f, 0.f}, {4}));
    Value* c = g->AddValue("c");
    Node* conv = g->AddNode("Conv", {x, w, b}, {c}, "conv");
    conv->attrs.set("pads", Attribute::Ints({1, 1, 1, 1}));
    conv->attrs.set("kernel_shape", Attribute::Ints({3, 3}));
    Value* r = g->AddValue("r");
    g->AddNode("Relu", {c}, {r}, "relu");
    Value* p = g->AddValue("p");
    g->AddNode("GlobalAveragePool", {r}, {p}, "pool");
    Value* y = g->AddValue("y");
    g->AddNode("Flatten", {p}, {y}, "flatten");
    g->outputs.push_back(y);
  } else {
    Value* a = Input(*g, "a", {2, -1});
    Value* b = Input(*g, "b", {-1, 3});
    Value* y = g->AddValue("y");
    g->AddNode("MatMul", {a, b}, {y}, "matmul");
    g->outputs.push_back(y);
  }
  return g;
}

}  // namespace

std::string WriteGearOm(GearNet net, const std::string& name, const GearFlags& flags,
                        std::string* error) {
  auto spec = ParseGearSpec(flags);
  if (!spec.ok()) {
    *error = spec.status().message();
    return "";
  }
  CompileOptions options;
  options.input_format = flags.input_format;
  options.gears = *spec;
  auto model = CompileGraphGears(
      [net]() -> Result<std::unique_ptr<Graph>> { return Build(net); }, options);
  if (!model.ok()) {
    *error = model.status().message();
    return "";
  }
  std::string path = TempDir() + "/" + name + ".om";
  Status st = WriteOm(*model, path);
  if (!st.ok()) {
    *error = st.message();
    return "";
  }
  return path;
}

std::string WriteStaticOm(GearNet net, const std::string& name,
                          const std::map<std::string, Shape>& shapes) {
  CompileOptions options;
  options.input_shapes = shapes;
  auto model = CompileGraph(Build(net), options);
  if (!model.ok()) return "";
  std::string path = TempDir() + "/" + name + ".om";
  if (!WriteOm(*model, path).ok()) return "";
  return path;
}

}  // namespace openacl_test
