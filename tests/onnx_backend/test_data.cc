#include "test_data.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "frontend/onnx/onnx_tensor.h"
#include "onnx/onnx_pb.h"

namespace fs = std::filesystem;

namespace openacl {
namespace backend_test {
namespace {

std::string KindOf(const onnx::TypeProto& t) {
  switch (t.value_case()) {
    case onnx::TypeProto::kTensorType:
      return "tensor";
    case onnx::TypeProto::kSequenceType:
      return "sequence";
    case onnx::TypeProto::kMapType:
      return "map";
    case onnx::TypeProto::kOptionalType:
      return "optional";
    case onnx::TypeProto::kSparseTensorType:
      return "sparse_tensor";
    default:
      return "unknown";
  }
}

ValueInfo InfoOf(const onnx::ValueInfoProto& vi) {
  ValueInfo v;
  v.name = vi.name();
  v.kind = vi.has_type() ? KindOf(vi.type()) : "tensor";
  if (vi.has_type() && vi.type().has_tensor_type())
    v.elem_type = vi.type().tensor_type().elem_type();
  return v;
}

void CollectOps(const onnx::GraphProto& g, std::set<std::string>* ops) {
  for (const auto& n : g.node()) {
    ops->insert(n.op_type());
    for (const auto& a : n.attribute()) {
      if (a.has_g()) CollectOps(a.g(), ops);
      for (const auto& sg : a.graphs()) CollectOps(sg, ops);
    }
  }
}

bool ReadFile(const std::string& path, std::string* bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *bytes = ss.str();
  return true;
}

template <typename Proto>
bool ParseProto(const std::string& bytes, Proto* proto) {
  google::protobuf::io::ArrayInputStream raw(bytes.data(), static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream coded(&raw);
  coded.SetTotalBytesLimit(INT_MAX);
  return proto->ParseFromCodedStream(&coded) && coded.ConsumedEntireMessage();
}

Result<Tensor> ReadTensorFile(const std::string& path) {
  std::string bytes;
  if (!ReadFile(path, &bytes)) return Status(StatusCode::kInvalidFile, "cannot read " + path);
  onnx::TensorProto proto;
  if (!ParseProto(bytes, &proto))
    return Status(StatusCode::kParseModel, path + " is not a TensorProto");
  return TensorFromProto(proto, "");
}

}  // namespace

Result<ModelInfo> ReadModelInfo(const std::string& path) {
  std::string bytes;
  if (!ReadFile(path, &bytes)) return Status(StatusCode::kInvalidFile, "cannot read " + path);
  onnx::ModelProto model;
  if (!ParseProto(bytes, &model))
    return Status(StatusCode::kParseModel, path + ": protobuf parse failed");
  ModelInfo info;
  std::set<std::string> inits;
  for (const auto& t : model.graph().initializer()) inits.insert(t.name());
  for (const auto& in : model.graph().input())
    if (!inits.count(in.name())) info.inputs.push_back(InfoOf(in));
  for (const auto& out : model.graph().output()) info.outputs.push_back(InfoOf(out));
  CollectOps(model.graph(), &info.ops);
  return info;
}

Result<std::vector<Tensor>> ReadTensors(const std::string& dir, const std::string& prefix) {
  std::vector<Tensor> out;
  for (int k = 0;; ++k) {
    std::string path = dir + "/" + prefix + "_" + std::to_string(k) + ".pb";
    if (!fs::exists(path)) break;
    auto t = ReadTensorFile(path);
    if (!t.ok()) return t.status().WithContext(prefix + "_" + std::to_string(k) + ".pb");
    out.push_back(std::move(t).value());
  }
  return out;
}

std::vector<std::string> DataSets(const std::string& dir) {
  std::vector<std::string> sets;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_directory() && e.path().filename().string().rfind("test_data_set_", 0) == 0)
      sets.push_back(e.path().string());
  std::sort(sets.begin(), sets.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  return sets;
}

}  // namespace backend_test
}  // namespace openacl
