#include "frontend/onnx/onnx_tensor.h"

#include <climits>
#include <cstdlib>
#include <cstring>
#include <fstream>

namespace openacl {
namespace {

// Resolves an external data location inside base_dir; rejects escapes.
Result<std::string> ResolveExternalPath(const std::string& base_dir, const std::string& location,
                                        const std::string& tensor) {
  if (base_dir.empty())
    return Status(StatusCode::kParseModel, "tensor '" + tensor +
                                               "' uses external data but the model was not loaded "
                                               "from a file");
  if (location.empty() || location[0] == '/' || location.find("..") != std::string::npos)
    return Status(StatusCode::kParseModel, "tensor '" + tensor + "': external data location '" +
                                               location + "' leaves the model folder");
  char real_base[PATH_MAX], real_file[PATH_MAX];
  std::string full = base_dir + "/" + location;
  if (!realpath(base_dir.c_str(), real_base) || !realpath(full.c_str(), real_file))
    return Status(StatusCode::kInvalidFile, "tensor '" + tensor + "': external data file '" +
                                                full + "' not found");
  std::string rb(real_base), rf(real_file);
  if (rf.compare(0, rb.size() + 1, rb + "/") != 0)
    return Status(StatusCode::kParseModel, "tensor '" + tensor + "': external data '" + location +
                                               "' resolves outside the model folder");
  return rf;
}

Status ReadExternal(const onnx::TensorProto& proto, const std::string& base_dir, void* dst,
                    size_t nbytes) {
  std::string location;
  int64_t offset = 0, length = -1;
  for (const auto& kv : proto.external_data()) {
    if (kv.key() == "location") location = kv.value();
    if (kv.key() == "offset") offset = std::atoll(kv.value().c_str());
    if (kv.key() == "length") length = std::atoll(kv.value().c_str());
  }
  ASSIGN_OR_RETURN(std::string path, ResolveExternalPath(base_dir, location, proto.name()));
  if (length >= 0 && static_cast<size_t>(length) != nbytes)
    return Status(StatusCode::kParseModel, "tensor '" + proto.name() + "': external length " +
                                               std::to_string(length) + " != expected " +
                                               std::to_string(nbytes));
  std::ifstream in(path, std::ios::binary);
  in.seekg(0, std::ios::end);
  int64_t file_size = in.tellg();
  if (offset < 0 || offset + static_cast<int64_t>(nbytes) > file_size)
    return Status(StatusCode::kParseModel, "tensor '" + proto.name() + "': external data in '" +
                                               path + "' is shorter than the tensor");
  in.seekg(offset);
  in.read(static_cast<char*>(dst), static_cast<std::streamsize>(nbytes));
  if (!in) return Status(StatusCode::kInvalidFile, "cannot read external data '" + path + "'");
  return Status::Ok();
}

template <typename Src>
Status CopyTyped(const google::protobuf::RepeatedField<Src>& field, Tensor& t,
                 const std::string& name) {
  int64_t n = t.num_elements();
  if (field.size() != n)
    return Status(StatusCode::kParseModel, "tensor '" + name + "' has " +
                                               std::to_string(field.size()) +
                                               " values, shape needs " + std::to_string(n));
  for (int64_t i = 0; i < n; ++i) {
    Src v = field.Get(static_cast<int>(i));
    switch (t.dtype()) {
      case DType::kFloat16:
      case DType::kBFloat16:  // stored as raw uint16 bits in int32_data
        static_cast<uint16_t*>(t.mutable_data())[i] = static_cast<uint16_t>(v);
        break;
      case DType::kInt64:
        static_cast<int64_t*>(t.mutable_data())[i] = static_cast<int64_t>(v);
        break;
      case DType::kUInt64:
        static_cast<uint64_t*>(t.mutable_data())[i] = static_cast<uint64_t>(v);
        break;
      case DType::kUInt32:
        static_cast<uint32_t*>(t.mutable_data())[i] = static_cast<uint32_t>(v);
        break;
      default:
        WriteFromDouble(t.mutable_data(), t.dtype(), i, static_cast<double>(v));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Tensor> TensorFromProto(const onnx::TensorProto& proto, const std::string& base_dir) {
  int32_t raw_type = proto.data_type();
  if (!IsKnownDType(raw_type) || raw_type == static_cast<int32_t>(DType::kString))
    return Status(StatusCode::kUnsupportedDataType,
                  "tensor '" + proto.name() + "' has unsupported data type " +
                      std::to_string(raw_type));
  DType dtype = static_cast<DType>(raw_type);
  Shape shape(proto.dims().begin(), proto.dims().end());
  for (int64_t d : shape)
    if (d < 0)
      return Status(StatusCode::kParseModel, "tensor '" + proto.name() + "' has negative dim");
  Tensor t(dtype, shape);
  size_t nbytes = t.nbytes();
  if (proto.data_location() == onnx::TensorProto::EXTERNAL) {
    RETURN_IF_ERROR(ReadExternal(proto, base_dir, t.mutable_data(), nbytes));
    return t;
  }
  if (proto.has_raw_data()) {
    if (proto.raw_data().size() != nbytes)
      return Status(StatusCode::kParseModel,
                    "tensor '" + proto.name() + "' raw_data has " +
                        std::to_string(proto.raw_data().size()) + " bytes, shape " +
                        ShapeToString(shape) + " needs " + std::to_string(nbytes));
    std::memcpy(t.mutable_data(), proto.raw_data().data(), nbytes);
    return t;
  }
  switch (dtype) {
    case DType::kFloat32: RETURN_IF_ERROR(CopyTyped(proto.float_data(), t, proto.name())); break;
    case DType::kFloat64: RETURN_IF_ERROR(CopyTyped(proto.double_data(), t, proto.name())); break;
    case DType::kInt64: RETURN_IF_ERROR(CopyTyped(proto.int64_data(), t, proto.name())); break;
    case DType::kUInt32:
    case DType::kUInt64: RETURN_IF_ERROR(CopyTyped(proto.uint64_data(), t, proto.name())); break;
    default: RETURN_IF_ERROR(CopyTyped(proto.int32_data(), t, proto.name())); break;
  }
  return t;
}

}  // namespace openacl
