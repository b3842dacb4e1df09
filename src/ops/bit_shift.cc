// BitShift: Z = X << Y or X >> Y (direction "LEFT"/"RIGHT"), unsigned types, broadcasting.
// Shifts by the type's width or more give 0.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct BitShiftFn : MathFn {
  static constexpr bool kFloats = false;
  static constexpr bool kInts = true;
  bool left = true;
  Status Prepare(const Node& node) {
    std::string dir = node.attrs.get_string("direction", "");
    if (dir != "LEFT" && dir != "RIGHT")
      return Status(StatusCode::kOpAttrNotMatch,
                    node.Describe() + ": direction must be LEFT or RIGHT, got '" + dir + "'");
    left = dir == "LEFT";
    return Status::Ok();
  }
  template <typename T>
  T operator()(T a, T b) const {
    if (static_cast<uint64_t>(b) >= sizeof(T) * 8) return T(0);
    return static_cast<T>(left ? a << b : a >> b);
  }
};

Status InferBitShift(Node& node) {
  RETURN_IF_ERROR(InferBinaryMath(node));
  std::string dir = node.attrs.get_string("direction", "");
  if (dir != "LEFT" && dir != "RIGHT")
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": direction must be LEFT or RIGHT, got '" + dir + "'");
  return Status::Ok();
}

}  // namespace

void RegisterOp_BitShift(OpRegistry& registry) {
  OpSchema s;
  s.name = "BitShift";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferBitShift;
  s.reference = [] { return std::unique_ptr<Kernel>(new ZipKernel<BitShiftFn>()); };
  s.types = UnsignedIntTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
