// aclTensorDesc: dtype, format, shape (dims; {-2} = unknown rank, -1 = dynamic dim), origin and
// storage shape/format, shape and value ranges, name, constant value (host copy), placement.
// Other C API files may read the fields directly; use
// TensorDescRegistry().Check(desc, "inputDesc[0]", "aclTensorDesc") to reject stale pointers.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "acl/acl_base.h"
#include "base/status.h"
#include "capi/guard.h"
#include "ir/dtype.h"

struct aclTensorDesc {
  aclDataType dtype = ACL_DT_UNDEFINED;
  aclFormat format = ACL_FORMAT_UNDEFINED;
  std::vector<int64_t> dims;
  aclFormat origin_format = ACL_FORMAT_UNDEFINED;
  std::vector<int64_t> origin_dims;
  bool has_origin_shape = false;
  aclFormat storage_format = ACL_FORMAT_UNDEFINED;
  std::vector<int64_t> storage_dims;
  std::vector<std::array<int64_t, 2>> shape_range;
  std::vector<std::array<int64_t, 2>> value_range;
  std::string name;
  std::string dynamic_input_name;
  bool is_const = false;
  std::vector<uint8_t> const_data;  // host copy made by aclSetTensorConst
  aclMemType placement = ACL_MEMTYPE_DEVICE;

  bool unknown_rank() const { return dims.size() == 1 && dims[0] == -2; }
  bool has_dynamic_dim() const;
  // Product of dims (1 for a scalar); 0 when rank or a dim is unknown; kInvalidParam naming the
  // dims when the product overflows size_t.
  openacl::Result<size_t> ElementCount() const;
  // ElementCount * element size (sub-byte types rounded up); 0 when unknown; kInvalidParam
  // naming the dims and dtype when it overflows.
  openacl::Result<size_t> ByteSize() const;
};

namespace openacl::capi {

LiveSet<aclTensorDesc>& TensorDescRegistry();

// Bytes per element of an aclDataType (0 for undefined/string/unknown; 1 for sub-byte types).
size_t AclDataTypeSize(aclDataType dtype);
// Bits per element (for sub-byte types); 0 when unknown.
size_t AclDataTypeBits(int32_t dtype);
// An aclDataType / aclFormat a caller passed (read as an integer, capi/enum_arg.h), validated:
// kInvalidParam naming `what` and the value when it is not one of acl_base.h's enumerators.
Result<aclDataType> ReadAclDataType(int32_t value, const char* what);
Result<aclFormat> ReadAclFormat(int32_t value, const char* what);
// aclDataType <-> IR DType. kUnsupportedDataType when the type has no IR equivalent.
Result<DType> ToIrDType(aclDataType dtype);
// ACL_DT_UNDEFINED when the IR type has no aclDataType.
aclDataType ToAclDataType(DType dtype);

}  // namespace openacl::capi
