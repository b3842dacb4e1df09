// aclTensorDesc entry points (acl-api.md §2.6) and the dtype helpers of acl_base.h.
#include <cstring>

#include "acl/acl_mdl.h"
#include "capi/enum_arg.h"
#include "capi/tensor_desc.h"

namespace {

using openacl::InvalidParam;
using openacl::Result;
using openacl::Status;
using openacl::capi::EnumArg;
using openacl::capi::Guard;
using openacl::capi::GuardValue;
using openacl::capi::TensorDescRegistry;

Status CheckDesc(const aclTensorDesc* desc) {
  return TensorDescRegistry().Check(desc, "desc", "aclTensorDesc");
}

Result<std::vector<int64_t>> ReadDims(int numDims, const int64_t* dims) {
  if (numDims < 0) return InvalidParam("numDims " + std::to_string(numDims) + " is negative");
  if (numDims > ACL_MAX_DIM_CNT)
    return InvalidParam("numDims " + std::to_string(numDims) + " exceeds ACL_MAX_DIM_CNT (" +
                        std::to_string(ACL_MAX_DIM_CNT) + ")");
  if (numDims > 0 && dims == nullptr) {
    return InvalidParam("dims is null but numDims is " + std::to_string(numDims));
  }
  std::vector<int64_t> out(dims, dims + numDims);
  for (int i = 0; i < numDims; ++i) {
    bool unknown_rank = numDims == 1 && out[0] == -2;
    if (out[i] < -1 && !unknown_rank) {
      return InvalidParam("dims[" + std::to_string(i) + "] = " + std::to_string(out[i]) +
                          " is invalid (>= 0, -1 = dynamic, {-2} = unknown rank)");
    }
  }
  return out;
}

Status ReadRanges(size_t count, int64_t (*ranges)[2], std::vector<std::array<int64_t, 2>>* out) {
  if (count > 0 && ranges == nullptr) return InvalidParam("range array is null");
  out->clear();
  for (size_t i = 0; i < count; ++i) out->push_back({ranges[i][0], ranges[i][1]});
  return Status::Ok();
}

}  // namespace

extern "C" {

size_t aclDataTypeSize(aclDataType dataType) {
  return (openacl::capi::AclDataTypeBits(EnumArg(dataType)) + 7) / 8;
}

float aclFloat16ToFloat(aclFloat16 value) { return openacl::HalfToFloat(value); }

aclFloat16 aclFloatToFloat16(float value) { return openacl::FloatToHalf(value); }

aclTensorDesc* aclCreateTensorDesc(aclDataType dataType, int numDims, const int64_t* dims,
                                   aclFormat format) {
  return GuardValue(__func__, static_cast<aclTensorDesc*>(nullptr),
                    [&]() -> Result<aclTensorDesc*> {
                      ASSIGN_OR_RETURN(aclDataType dtype, openacl::capi::ReadAclDataType(
                                                              EnumArg(dataType), "dataType"));
                      ASSIGN_OR_RETURN(aclFormat fmt,
                                       openacl::capi::ReadAclFormat(EnumArg(format), "format"));
                      ASSIGN_OR_RETURN(std::vector<int64_t> shape, ReadDims(numDims, dims));
                      auto* desc = new aclTensorDesc();
                      desc->dtype = dtype;
                      desc->format = fmt;
                      desc->dims = std::move(shape);
                      desc->origin_format = fmt;
                      desc->storage_format = fmt;
                      return TensorDescRegistry().Add(desc);
                    });
}

void aclDestroyTensorDesc(const aclTensorDesc* desc) {
  Guard(__func__, [&]() -> Status {
    if (desc == nullptr) return Status::Ok();  // like free(NULL)
    RETURN_IF_ERROR(CheckDesc(desc));
    TensorDescRegistry().Destroy(desc);
    return Status::Ok();
  });
}

aclError aclSetTensorShapeRange(aclTensorDesc* desc, size_t dimsCount,
                                int64_t dimsRange[][ACL_TENSOR_SHAPE_RANGE_NUM]) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    return ReadRanges(dimsCount, dimsRange, &desc->shape_range);
  });
}

aclError aclSetTensorValueRange(aclTensorDesc* desc, size_t valueCount,
                                int64_t valueRange[][ACL_TENSOR_VALUE_RANGE_NUM]) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    return ReadRanges(valueCount, valueRange, &desc->value_range);
  });
}

aclDataType aclGetTensorDescType(const aclTensorDesc* desc) {
  return GuardValue(__func__, ACL_DT_UNDEFINED, [&]() -> Result<aclDataType> {
    RETURN_IF_ERROR(CheckDesc(desc));
    return desc->dtype;
  });
}

aclFormat aclGetTensorDescFormat(const aclTensorDesc* desc) {
  return GuardValue(__func__, ACL_FORMAT_UNDEFINED, [&]() -> Result<aclFormat> {
    RETURN_IF_ERROR(CheckDesc(desc));
    return desc->format;
  });
}

size_t aclGetTensorDescSize(const aclTensorDesc* desc) {
  return GuardValue(__func__, size_t{0}, [&]() -> Result<size_t> {
    RETURN_IF_ERROR(CheckDesc(desc));
    return desc->ByteSize();
  });
}

size_t aclGetTensorDescElementCount(const aclTensorDesc* desc) {
  return GuardValue(__func__, size_t{0}, [&]() -> Result<size_t> {
    RETURN_IF_ERROR(CheckDesc(desc));
    return desc->ElementCount();
  });
}

size_t aclGetTensorDescNumDims(const aclTensorDesc* desc) {
  return GuardValue(__func__, size_t{0}, [&]() -> Result<size_t> {
    RETURN_IF_ERROR(CheckDesc(desc));
    return desc->unknown_rank() ? static_cast<size_t>(ACL_UNKNOWN_RANK) : desc->dims.size();
  });
}

int64_t aclGetTensorDescDim(const aclTensorDesc* desc, size_t index) {
  int64_t dim = -1;
  aclError ret = aclGetTensorDescDimV2(desc, index, &dim);
  return ret == ACL_SUCCESS ? dim : -1;
}

aclError aclGetTensorDescDimV2(const aclTensorDesc* desc, size_t index, int64_t* dimSize) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    if (dimSize == nullptr) return InvalidParam("dimSize is null");
    if (desc->unknown_rank())
      return InvalidParam("desc has unknown rank; no dim " + std::to_string(index));
    if (index >= desc->dims.size()) {
      return InvalidParam("index " + std::to_string(index) + " >= rank " +
                          std::to_string(desc->dims.size()));
    }
    *dimSize = desc->dims[index];
    return Status::Ok();
  });
}

aclError aclGetTensorDescDimRange(const aclTensorDesc* desc, size_t index, size_t dimRangeNum,
                                  int64_t* dimRange) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    if (dimRange == nullptr) return InvalidParam("dimRange is null");
    if (dimRangeNum < ACL_TENSOR_SHAPE_RANGE_NUM) {
      return InvalidParam("dimRangeNum " + std::to_string(dimRangeNum) + " < 2");
    }
    if (index < desc->shape_range.size()) {
      dimRange[0] = desc->shape_range[index][0];
      dimRange[1] = desc->shape_range[index][1];
      return Status::Ok();
    }
    if (index < desc->dims.size() && desc->dims[index] >= 0 && !desc->unknown_rank()) {
      dimRange[0] = dimRange[1] = desc->dims[index];  // a static dim is its own range
      return Status::Ok();
    }
    return InvalidParam("dim " + std::to_string(index) + " has no shape range (rank " +
                        std::to_string(desc->dims.size()) + ", " +
                        std::to_string(desc->shape_range.size()) + " ranges set)");
  });
}

void aclSetTensorDescName(aclTensorDesc* desc, const char* name) {
  Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    desc->name = name ? name : "";
    return Status::Ok();
  });
}

const char* aclGetTensorDescName(aclTensorDesc* desc) {
  return GuardValue(__func__, "", [&]() -> Result<const char*> {
    RETURN_IF_ERROR(CheckDesc(desc));
    return desc->name.c_str();
  });
}

aclError aclSetTensorStorageFormat(aclTensorDesc* desc, aclFormat format) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    ASSIGN_OR_RETURN(desc->storage_format, openacl::capi::ReadAclFormat(EnumArg(format), "format"));
    return Status::Ok();
  });
}

aclError aclSetTensorStorageShape(aclTensorDesc* desc, int numDims, const int64_t* dims) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    ASSIGN_OR_RETURN(desc->storage_dims, ReadDims(numDims, dims));
    return Status::Ok();
  });
}

aclError aclSetTensorFormat(aclTensorDesc* desc, aclFormat format) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    ASSIGN_OR_RETURN(desc->format, openacl::capi::ReadAclFormat(EnumArg(format), "format"));
    return Status::Ok();
  });
}

aclError aclSetTensorShape(aclTensorDesc* desc, int numDims, const int64_t* dims) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    ASSIGN_OR_RETURN(desc->dims, ReadDims(numDims, dims));
    return Status::Ok();
  });
}

aclError aclSetTensorOriginFormat(aclTensorDesc* desc, aclFormat format) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    ASSIGN_OR_RETURN(desc->origin_format, openacl::capi::ReadAclFormat(EnumArg(format), "format"));
    return Status::Ok();
  });
}

aclError aclSetTensorOriginShape(aclTensorDesc* desc, int numDims, const int64_t* dims) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    ASSIGN_OR_RETURN(desc->origin_dims, ReadDims(numDims, dims));
    desc->has_origin_shape = true;
    return Status::Ok();
  });
}

aclError aclSetTensorConst(aclTensorDesc* desc, void* dataBuffer, size_t length) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    if (dataBuffer == nullptr || length == 0) {
      return InvalidParam("const data must be a non-null host buffer of length > 0");
    }
    const auto* bytes = static_cast<const uint8_t*>(dataBuffer);
    desc->const_data.assign(bytes, bytes + length);
    desc->is_const = true;
    return Status::Ok();
  });
}

aclError aclSetTensorPlaceMent(aclTensorDesc* desc, aclMemType memType) {
  return Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(CheckDesc(desc));
    int32_t mem_type = EnumArg(memType);
    if (mem_type < ACL_MEMTYPE_DEVICE || mem_type > ACL_MEMTYPE_HOST_COMPILE_INDEPENDENT) {
      return InvalidParam("memType " + std::to_string(mem_type) + " is invalid");
    }
    desc->placement = static_cast<aclMemType>(mem_type);
    return Status::Ok();
  });
}

}  // extern "C"
