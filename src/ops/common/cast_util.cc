#include "ops/common/cast_util.h"

#include <cmath>
#include <cstring>
#include <type_traits>

#include "ir/tensor.h"

namespace openacl {

bool IsCastableType(DType t) { return t != DType::kString && DTypeSize(t) != 0; }

namespace {

template <typename D>
void WriteInt(void* dst, int64_t i, uint64_t bits) {
  static_cast<D*>(dst)[i] = static_cast<D>(bits);
}

void WriteIntAny(void* dst, DType t, int64_t i, uint64_t bits) {
  switch (t) {
    case DType::kInt8:
      WriteInt<int8_t>(dst, i, bits);
      break;
    case DType::kUInt8:
      WriteInt<uint8_t>(dst, i, bits);
      break;
    case DType::kInt16:
      WriteInt<int16_t>(dst, i, bits);
      break;
    case DType::kUInt16:
      WriteInt<uint16_t>(dst, i, bits);
      break;
    case DType::kInt32:
      WriteInt<int32_t>(dst, i, bits);
      break;
    case DType::kUInt32:
      WriteInt<uint32_t>(dst, i, bits);
      break;
    case DType::kInt64:
      WriteInt<int64_t>(dst, i, bits);
      break;
    case DType::kUInt64:
      WriteInt<uint64_t>(dst, i, bits);
      break;
    default:
      break;
  }
}

uint64_t ReadIntBits(const void* src, DType t, int64_t i) {
  switch (t) {
    case DType::kUInt64:
      return static_cast<const uint64_t*>(src)[i];
    case DType::kBool:
      return static_cast<const uint8_t*>(src)[i] ? 1 : 0;
    default:
      return static_cast<uint64_t>(ReadAsInt64(src, t, i));
  }
}

// Float to integer with truncation; out-of-range and NaN saturate instead of invoking UB.
uint64_t FloatToIntBits(double v, DType t) {
  if (std::isnan(v)) return 0;
  v = std::trunc(v);
  if (t == DType::kUInt64) {
    if (v <= 0) return static_cast<uint64_t>(static_cast<int64_t>(v < -9.2e18 ? -9.2e18 : v));
    return v >= 1.8446744073709552e19 ? ~0ull : static_cast<uint64_t>(v);
  }
  if (v >= 9.223372036854775807e18) return static_cast<uint64_t>(INT64_MAX);
  if (v <= -9.223372036854775808e18) return static_cast<uint64_t>(INT64_MIN);
  return static_cast<uint64_t>(static_cast<int64_t>(v));
}

}  // namespace

void CastElements(const void* src, DType st, void* dst, DType dt, int64_t n) {
  bool src_int = IsInteger(st) || st == DType::kBool;
  if (st == dt) {
    std::memcpy(dst, src, static_cast<size_t>(n) * DTypeSize(st));
    return;
  }
  for (int64_t i = 0; i < n; ++i) {
    if (dt == DType::kBool) {
      bool b = src_int ? ReadIntBits(src, st, i) != 0 : ReadAsDouble(src, st, i) != 0.0;
      static_cast<uint8_t*>(dst)[i] = b ? 1 : 0;
    } else if (IsInteger(dt)) {
      WriteIntAny(dst, dt, i,
                  src_int ? ReadIntBits(src, st, i) : FloatToIntBits(ReadAsDouble(src, st, i), dt));
    } else if (src_int) {
      double v = st == DType::kUInt64
                     ? static_cast<double>(ReadIntBits(src, st, i))
                     : static_cast<double>(static_cast<int64_t>(ReadIntBits(src, st, i)));
      WriteFromDouble(dst, dt, i, v);
    } else {
      WriteFromDouble(dst, dt, i, ReadAsDouble(src, st, i));
    }
  }
}

}  // namespace openacl
