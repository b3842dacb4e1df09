#include "model_test_util.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

#include "compiler/compiler.h"
#include "format/om_writer.h"

namespace openacl_test {

std::string TempDir() {
  static std::string dir = [] {
    char tmpl[] = "/tmp/openacl_model_test_XXXXXX";
    return std::string(mkdtemp(tmpl));
  }();
  return dir;
}

std::string WriteReluAddOm() {
  using namespace openacl;
  std::string path = TempDir() + "/relu_add.om";
  std::ifstream exists(path);
  if (exists.good()) return path;
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = g->AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {2, 4};
  x->has_shape = true;
  g->inputs.push_back(x);
  Value* bias = g->AddConstant("bias", Tensor::FromFloat({1, 2, 3, 4}, {4}));
  Value* r = g->AddValue("r");
  Value* y = g->AddValue("y");
  g->AddNode("Relu", {x}, {r});
  g->AddNode("Add", {r, bias}, {y});
  g->outputs.push_back(y);
  auto model = CompileGraph(std::move(g), CompileOptions());
  if (!model.ok()) return "";
  if (!WriteOm(*model, path).ok()) return "";
  return path;
}

std::string WriteNonZeroOm() {
  using namespace openacl;
  std::string path = TempDir() + "/nonzero.om";
  auto g = std::make_unique<Graph>();
  g->opset = 17;
  Value* x = g->AddValue("x");
  x->dtype = DType::kFloat32;
  x->shape = {2, 3};
  x->has_shape = true;
  g->inputs.push_back(x);
  Value* zero = g->AddConstant("zero", Tensor::FromFloat({0.f}, {}));
  Value* pos = g->AddValue("pos");
  Value* idx = g->AddValue("idx");
  idx->dtype = DType::kInt64;  // as an ONNX model declares it
  g->AddNode("Greater", {x, zero}, {pos});
  g->AddNode("NonZero", {pos}, {idx});
  g->outputs.push_back(idx);
  auto model = CompileGraph(std::move(g), CompileOptions());
  if (!model.ok() || !WriteOm(*model, path).ok()) return "";
  return path;
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace openacl_test
