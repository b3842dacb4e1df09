#include "capi/tensor_desc.h"

#include <cstring>

#include "base/checked_math.h"

namespace openacl::capi {

LiveSet<aclTensorDesc>& TensorDescRegistry() {
  static auto* registry = new LiveSet<aclTensorDesc>();
  return *registry;
}

size_t AclDataTypeBits(int32_t dtype) {
  switch (dtype) {
    case ACL_FLOAT:
    case ACL_INT32:
    case ACL_UINT32:
    case ACL_COMPLEX32:
      return 32;
    case ACL_FLOAT16:
    case ACL_INT16:
    case ACL_UINT16:
    case ACL_BF16:
      return 16;
    case ACL_INT8:
    case ACL_UINT8:
    case ACL_BOOL:
    case ACL_HIFLOAT8:
    case ACL_FLOAT8_E5M2:
    case ACL_FLOAT8_E4M3FN:
    case ACL_FLOAT8_E8M0:
      return 8;
    case ACL_INT64:
    case ACL_UINT64:
    case ACL_DOUBLE:
    case ACL_COMPLEX64:
      return 64;
    case ACL_COMPLEX128:
      return 128;
    case ACL_FLOAT6_E3M2:
    case ACL_FLOAT6_E2M3:
      return 6;
    case ACL_INT4:
    case ACL_FLOAT4_E2M1:
    case ACL_FLOAT4_E1M2:
      return 4;
    case ACL_UINT1:
      return 1;
    case ACL_DT_UNDEFINED:
    case ACL_STRING:
      return 0;
  }
  return 0;
}

size_t AclDataTypeSize(aclDataType dtype) { return (AclDataTypeBits(dtype) + 7) / 8; }

Result<aclDataType> ReadAclDataType(int32_t value, const char* what) {
  if (value != ACL_DT_UNDEFINED && value != ACL_STRING && AclDataTypeBits(value) == 0)
    return InvalidParam(std::string(what) + " " + std::to_string(value) +
                        " is not an aclDataType");
  return static_cast<aclDataType>(value);
}

Result<aclFormat> ReadAclFormat(int32_t value, const char* what) {
  switch (value) {
    case ACL_FORMAT_UNDEFINED:
    case ACL_FORMAT_NCHW:
    case ACL_FORMAT_NHWC:
    case ACL_FORMAT_ND:
    case ACL_FORMAT_NC1HWC0:
    case ACL_FORMAT_FRACTAL_Z:
    case ACL_FORMAT_NC1HWC0_C04:
    case ACL_FORMAT_HWCN:
    case ACL_FORMAT_NDHWC:
    case ACL_FORMAT_FRACTAL_NZ:
    case ACL_FORMAT_NCDHW:
    case ACL_FORMAT_NDC1HWC0:
    case ACL_FRACTAL_Z_3D:
    case ACL_FORMAT_NC:
    case ACL_FORMAT_NCL:
    case ACL_FORMAT_FRACTAL_NZ_C0_16:
    case ACL_FORMAT_FRACTAL_NZ_C0_32:
    case ACL_FORMAT_FRACTAL_NZ_C0_2:
    case ACL_FORMAT_FRACTAL_NZ_C0_4:
    case ACL_FORMAT_FRACTAL_NZ_C0_8:
      return static_cast<aclFormat>(value);
    default:
      return InvalidParam(std::string(what) + " " + std::to_string(value) + " is not an aclFormat");
  }
}

Result<DType> ToIrDType(aclDataType dtype) {
  switch (dtype) {
    case ACL_FLOAT:
      return DType::kFloat32;
    case ACL_FLOAT16:
      return DType::kFloat16;
    case ACL_INT8:
      return DType::kInt8;
    case ACL_INT32:
      return DType::kInt32;
    case ACL_UINT8:
      return DType::kUInt8;
    case ACL_INT16:
      return DType::kInt16;
    case ACL_UINT16:
      return DType::kUInt16;
    case ACL_UINT32:
      return DType::kUInt32;
    case ACL_INT64:
      return DType::kInt64;
    case ACL_UINT64:
      return DType::kUInt64;
    case ACL_DOUBLE:
      return DType::kFloat64;
    case ACL_BOOL:
      return DType::kBool;
    case ACL_STRING:
      return DType::kString;
    case ACL_BF16:
      return DType::kBFloat16;
    default:
      break;
  }
  return Status(
      StatusCode::kUnsupportedDataType,
      "aclDataType " + std::to_string(static_cast<int>(dtype)) + " is not supported by openacl");
}

aclDataType ToAclDataType(DType dtype) {
  switch (dtype) {
    case DType::kFloat32:
      return ACL_FLOAT;
    case DType::kFloat16:
      return ACL_FLOAT16;
    case DType::kInt8:
      return ACL_INT8;
    case DType::kInt32:
      return ACL_INT32;
    case DType::kUInt8:
      return ACL_UINT8;
    case DType::kInt16:
      return ACL_INT16;
    case DType::kUInt16:
      return ACL_UINT16;
    case DType::kUInt32:
      return ACL_UINT32;
    case DType::kInt64:
      return ACL_INT64;
    case DType::kUInt64:
      return ACL_UINT64;
    case DType::kFloat64:
      return ACL_DOUBLE;
    case DType::kBool:
      return ACL_BOOL;
    case DType::kString:
      return ACL_STRING;
    case DType::kBFloat16:
      return ACL_BF16;
    case DType::kUndefined:
      break;
  }
  return ACL_DT_UNDEFINED;
}

}  // namespace openacl::capi

bool aclTensorDesc::has_dynamic_dim() const {
  for (int64_t d : dims) {
    if (d < 0) return true;
  }
  return false;
}

namespace {

std::string DimsText(const std::vector<int64_t>& dims) {
  std::string s = "[";
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "," : "") + std::to_string(dims[i]);
  return s + "]";
}

}  // namespace

openacl::Result<size_t> aclTensorDesc::ElementCount() const {
  size_t n = 1;
  for (int64_t d : dims) {
    if (d < 0) return size_t{0};
  }
  for (int64_t d : dims) {
    if (!openacl::CheckedMul<size_t>(n, static_cast<size_t>(d), &n))
      return openacl::InvalidParam("tensor desc dims " + DimsText(dims) +
                                   ": the element count overflows size_t");
  }
  return n;
}

openacl::Result<size_t> aclTensorDesc::ByteSize() const {
  ASSIGN_OR_RETURN(size_t count, ElementCount());
  size_t bits = 0, padded = 0;
  if (!openacl::CheckedMul<size_t>(count, openacl::capi::AclDataTypeBits(dtype), &bits) ||
      !openacl::CheckedAdd<size_t>(bits, 7, &padded))
    return openacl::InvalidParam("tensor desc dims " + DimsText(dims) + " of aclDataType " +
                                 std::to_string(static_cast<int>(dtype)) +
                                 ": the byte size overflows size_t");
  return padded / 8;
}
