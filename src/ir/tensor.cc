#include "ir/tensor.h"

#include "base/checked_math.h"
#include "base/size_limits.h"

#include <cstdint>
#include <cstring>
#include <sstream>

namespace openacl {

int64_t NumElements(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0) return -1;
  }
  for (int64_t d : shape) n = SatMulDim(n, d);
  return n;
}

size_t SaturatedBytes(int64_t count, DType dtype) {
  if (count < 0) return 0;
  size_t bytes;
  if (count == kDimOverflow ||
      !CheckedMul<size_t>(static_cast<size_t>(count), DTypeSize(dtype), &bytes))
    return SIZE_MAX;
  return bytes;
}

Result<uint64_t> CheckShapeBytes(const Shape& shape, DType dtype, const std::string& what,
                                 bool apply_limit) {
  // Dims whose product overflows (or a dim that overflowed during inference) are an error even
  // next to a 0 dim: strides computed from them would wrap.
  bool overflow = false, empty = false;
  uint64_t count = 1;
  for (int64_t d : shape) {
    if (d == kDimOverflow) overflow = true;
    if (d == 0) empty = true;
    if (d > 0 && !CheckedMul<uint64_t>(count, static_cast<uint64_t>(d), &count)) overflow = true;
  }
  if (count > static_cast<uint64_t>(INT64_MAX)) overflow = true;
  if (empty) count = 0;
  uint64_t bytes = 0;
  if (overflow)
    return Status(StatusCode::kShapeInvalid, what + " has shape " + ShapeToString(shape) +
                                                 " whose element count overflows int64");
  if (!CheckedMul<uint64_t>(count, DTypeSize(dtype), &bytes))
    return Status(StatusCode::kShapeInvalid, what + " has shape " + ShapeToString(shape) +
                                                 " whose byte size overflows 64 bits");
  if (apply_limit && bytes > MaxTensorBytes())
    return Status(StatusCode::kShapeInvalid,
                  what + " has shape " + ShapeToString(shape) + " of " + std::to_string(bytes) +
                      " bytes, more than the largest tensor allowed (" +
                      std::to_string(MaxTensorBytes()) + " bytes; " + MaxTensorBytesOrigin() +
                      ")");
  return bytes;
}

bool IsStatic(const Shape& shape) { return NumElements(shape) >= 0; }

std::string ShapeToString(const Shape& shape) {
  std::ostringstream os;
  os << "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) os << ",";
    os << shape[i];
  }
  os << "]";
  return os.str();
}

std::vector<int64_t> Strides(const Shape& shape) {
  std::vector<int64_t> s(shape.size(), 1);
  for (int i = static_cast<int>(shape.size()) - 2; i >= 0; --i)
    s[i] = SatMulDim(s[i + 1], shape[i + 1]);
  return s;
}

Tensor::Tensor(DType dtype, Shape shape) : dtype_(dtype), shape_(std::move(shape)) {
  size_t n = nbytes();
  uint8_t* raw = new uint8_t[n == 0 ? 1 : n]();
  bytes_ = std::shared_ptr<const uint8_t>(raw, [](const uint8_t* p) { delete[] p; });
}

Tensor Tensor::Uninitialized(DType dtype, Shape shape) {
  Tensor t;
  t.dtype_ = dtype;
  t.shape_ = std::move(shape);
  size_t n = t.nbytes();
  uint8_t* raw = new uint8_t[n == 0 ? 1 : n];  // default-initialized: no zero fill
  t.bytes_ = std::shared_ptr<const uint8_t>(raw, [](const uint8_t* p) { delete[] p; });
  return t;
}

Tensor::Tensor(DType dtype, Shape shape, std::shared_ptr<const uint8_t> bytes)
    : dtype_(dtype), shape_(std::move(shape)), bytes_(std::move(bytes)) {}

double ReadAsDouble(const void* data, DType dtype, int64_t i) {
  switch (dtype) {
    case DType::kFloat32: return static_cast<const float*>(data)[i];
    case DType::kFloat64: return static_cast<const double*>(data)[i];
    case DType::kFloat16: return HalfToFloat(static_cast<const uint16_t*>(data)[i]);
    case DType::kBFloat16: return BFloat16ToFloat(static_cast<const uint16_t*>(data)[i]);
    case DType::kInt8: return static_cast<const int8_t*>(data)[i];
    case DType::kUInt8: return static_cast<const uint8_t*>(data)[i];
    case DType::kInt16: return static_cast<const int16_t*>(data)[i];
    case DType::kUInt16: return static_cast<const uint16_t*>(data)[i];
    case DType::kInt32: return static_cast<const int32_t*>(data)[i];
    case DType::kUInt32: return static_cast<const uint32_t*>(data)[i];
    case DType::kInt64: return static_cast<double>(static_cast<const int64_t*>(data)[i]);
    case DType::kUInt64: return static_cast<double>(static_cast<const uint64_t*>(data)[i]);
    case DType::kBool: return static_cast<const uint8_t*>(data)[i] ? 1.0 : 0.0;
    default: return 0.0;
  }
}

int64_t ReadAsInt64(const void* data, DType dtype, int64_t i) {
  switch (dtype) {
    case DType::kInt64: return static_cast<const int64_t*>(data)[i];
    case DType::kUInt64: return static_cast<int64_t>(static_cast<const uint64_t*>(data)[i]);
    case DType::kInt32: return static_cast<const int32_t*>(data)[i];
    case DType::kUInt32: return static_cast<const uint32_t*>(data)[i];
    default: return static_cast<int64_t>(ReadAsDouble(data, dtype, i));
  }
}

void WriteFromDouble(void* data, DType dtype, int64_t i, double v) {
  switch (dtype) {
    case DType::kFloat32: static_cast<float*>(data)[i] = static_cast<float>(v); break;
    case DType::kFloat64: static_cast<double*>(data)[i] = v; break;
    case DType::kFloat16: static_cast<uint16_t*>(data)[i] = FloatToHalf(static_cast<float>(v)); break;
    case DType::kBFloat16:
      static_cast<uint16_t*>(data)[i] = FloatToBFloat16(static_cast<float>(v));
      break;
    case DType::kInt8: static_cast<int8_t*>(data)[i] = static_cast<int8_t>(v); break;
    case DType::kUInt8: static_cast<uint8_t*>(data)[i] = static_cast<uint8_t>(v); break;
    case DType::kInt16: static_cast<int16_t*>(data)[i] = static_cast<int16_t>(v); break;
    case DType::kUInt16: static_cast<uint16_t*>(data)[i] = static_cast<uint16_t>(v); break;
    case DType::kInt32: static_cast<int32_t*>(data)[i] = static_cast<int32_t>(v); break;
    case DType::kUInt32: static_cast<uint32_t*>(data)[i] = static_cast<uint32_t>(v); break;
    case DType::kInt64: static_cast<int64_t*>(data)[i] = static_cast<int64_t>(v); break;
    case DType::kUInt64: static_cast<uint64_t*>(data)[i] = static_cast<uint64_t>(v); break;
    case DType::kBool: static_cast<uint8_t*>(data)[i] = v != 0.0; break;
    default: break;
  }
}

double Tensor::GetAsDouble(int64_t i) const { return ReadAsDouble(data(), dtype_, i); }
int64_t Tensor::GetAsInt64(int64_t i) const { return ReadAsInt64(data(), dtype_, i); }

std::vector<int64_t> Tensor::ToInt64Vector() const {
  std::vector<int64_t> v(static_cast<size_t>(num_elements()));
  for (size_t i = 0; i < v.size(); ++i) v[i] = GetAsInt64(static_cast<int64_t>(i));
  return v;
}

Tensor Tensor::FromInt64(const std::vector<int64_t>& values, Shape shape) {
  Tensor t(DType::kInt64, std::move(shape));
  if (!values.empty()) std::memcpy(t.mutable_data(), values.data(), values.size() * sizeof(int64_t));
  return t;
}

Tensor Tensor::FromFloat(const std::vector<float>& values, Shape shape) {
  Tensor t(DType::kFloat32, std::move(shape));
  if (!values.empty()) std::memcpy(t.mutable_data(), values.data(), values.size() * sizeof(float));
  return t;
}

}  // namespace openacl
