// Enum parameters at the C boundary. A C caller may pass any int where an AscendCL function
// declares an enum parameter (aclrtMemcpyKind, aclDataType, ...); reading such a value through
// the enum type is undefined behaviour (UBSan's -fsanitize=enum reports it). Every entry point
// copies its enum parameters into an int32 first, validates the integer, and only converts a
// valid value back to the enum type.
#pragma once

#include <cstdint>
#include <cstring>
#include <type_traits>

namespace openacl::capi {

// The integer a caller passed as `e` (taken by reference: no load through the enum type).
template <typename E>
inline int32_t EnumArg(const E& e) {
  static_assert(std::is_enum_v<E> && sizeof(E) == sizeof(int32_t), "a 32-bit C enum");
  int32_t v;
  std::memcpy(&v, &e, sizeof v);
  return v;
}

}  // namespace openacl::capi
