#include "unit/frontend/onnx_test_util.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace openacl {
namespace onnx_test {

TempDir::TempDir() {
  std::string tmpl = ::testing::TempDir();
  if (tmpl.empty() || tmpl.back() != '/') tmpl += '/';
  tmpl += "openacl_frontend_XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  char* made = mkdtemp(buf.data());
  EXPECT_NE(made, nullptr) << "mkdtemp failed for " << tmpl;
  path_ = made ? made : "/nonexistent";
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& bytes) const {
  std::string full = path_ + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(full).parent_path());
  std::ofstream out(full, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  EXPECT_TRUE(out.good()) << "cannot write " << full;
  return full;
}

onnx::ModelProto NewModel(int64_t opset, int64_t ir_version) {
  onnx::ModelProto m;
  m.set_ir_version(ir_version);
  m.set_producer_name("openacl-frontend-test");
  AddOpset(m, "", opset);
  m.mutable_graph()->set_name("g");
  return m;
}

void AddOpset(onnx::ModelProto& m, const std::string& domain, int64_t version) {
  auto* op = m.add_opset_import();
  op->set_domain(domain);
  op->set_version(version);
}

void SetTensorType(onnx::ValueInfoProto* vi, const std::string& name, int elem_type,
                   const std::vector<int64_t>& dims, const std::vector<std::string>& params) {
  vi->set_name(name);
  auto* tt = vi->mutable_type()->mutable_tensor_type();
  tt->set_elem_type(elem_type);
  auto* shape = tt->mutable_shape();
  for (size_t i = 0; i < dims.size(); ++i) {
    auto* d = shape->add_dim();
    if (dims[i] >= 0)
      d->set_dim_value(dims[i]);
    else if (i < params.size() && !params[i].empty())
      d->set_dim_param(params[i]);
  }
}

onnx::ValueInfoProto* AddInput(onnx::GraphProto* g, const std::string& name, int elem_type,
                               const std::vector<int64_t>& dims,
                               const std::vector<std::string>& params) {
  auto* vi = g->add_input();
  SetTensorType(vi, name, elem_type, dims, params);
  return vi;
}

onnx::ValueInfoProto* AddOutput(onnx::GraphProto* g, const std::string& name, int elem_type,
                                const std::vector<int64_t>& dims) {
  auto* vi = g->add_output();
  SetTensorType(vi, name, elem_type, dims);
  return vi;
}

onnx::NodeProto* AddNode(onnx::GraphProto* g, const std::string& op, const std::string& name,
                         const std::vector<std::string>& inputs,
                         const std::vector<std::string>& outputs, const std::string& domain) {
  auto* n = g->add_node();
  n->set_op_type(op);
  n->set_name(name);
  if (!domain.empty()) n->set_domain(domain);
  for (const auto& s : inputs) n->add_input(s);
  for (const auto& s : outputs) n->add_output(s);
  return n;
}

void SetRawFloats(onnx::TensorProto* t, const std::string& name, const std::vector<int64_t>& dims,
                  const std::vector<float>& values) {
  t->set_name(name);
  t->set_data_type(onnx::TensorProto::FLOAT);
  for (int64_t d : dims) t->add_dims(d);
  std::string raw(values.size() * sizeof(float), '\0');
  std::memcpy(&raw[0], values.data(), raw.size());
  t->set_raw_data(raw);
}

std::string Serialize(const onnx::ModelProto& m) {
  std::string bytes;
  EXPECT_TRUE(m.SerializeToString(&bytes));
  return bytes;
}

}  // namespace onnx_test
}  // namespace openacl
