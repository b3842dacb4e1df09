// Element types of the IR. Numbering follows ONNX TensorProto.DataType so the frontend maps 1:1;
// capi/ maps to aclDataType.
#pragma once

#include <cstddef>
#include <cstdint>

namespace openacl {

enum class DType : int32_t {
  kUndefined = 0,
  kFloat32 = 1,
  kUInt8 = 2,
  kInt8 = 3,
  kUInt16 = 4,
  kInt16 = 5,
  kInt32 = 6,
  kInt64 = 7,
  kString = 8,
  kBool = 9,
  kFloat16 = 10,
  kFloat64 = 11,
  kUInt32 = 12,
  kUInt64 = 13,
  kBFloat16 = 16,
};

// Bytes per element; 0 for kUndefined and kString.
size_t DTypeSize(DType t);
const char* DTypeName(DType t);
bool IsFloating(DType t);
bool IsInteger(DType t);  // signed or unsigned, excluding bool
bool IsKnownDType(int32_t raw);

// IEEE half conversions (round to nearest even).
float HalfToFloat(uint16_t h);
uint16_t FloatToHalf(float f);
float BFloat16ToFloat(uint16_t b);
uint16_t FloatToBFloat16(float f);

}  // namespace openacl
