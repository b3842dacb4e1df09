// Mod: C = A mod B with numpy broadcasting. fmod=0 (integers only): the result takes the
// divisor's sign (Python %); fmod=1: C fmod, the result takes the dividend's sign.
#include "ops/common/math_util.h"

namespace openacl {
namespace {

struct ModFn : MathFn {
  static constexpr bool kInts = true;
  bool fmod = false;
  Status Prepare(const Node& node) {
    fmod = node.attrs.get_int("fmod", 0) != 0;
    const Value* a = node.input(0);
    if (!fmod && a && IsFloating(a->dtype))
      return Status(StatusCode::kOpAttrNotMatch,
                    node.Describe() + ": fmod must be 1 for floating point inputs");
    return Status::Ok();
  }
  template <typename T>
  T operator()(T a, T b) const {
    if constexpr (std::is_floating_point_v<T>) {
      T r = std::fmod(a, b);
      if (!fmod && r != T(0) && ((r < 0) != (b < 0))) r += b;
      return r;
    } else {
      if (b == T(0)) return T(0);
      T r = static_cast<T>(a % b);
      if constexpr (std::is_signed_v<T>) {
        if (!fmod && r != 0 && ((r < 0) != (b < 0))) r = static_cast<T>(r + b);
      }
      return r;
    }
  }
};

Status InferMod(Node& node) {
  RETURN_IF_ERROR(InferBinaryMath(node));
  if (node.attrs.get_int("fmod", 0) == 0 && IsFloating(node.inputs[0]->dtype))
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": fmod must be 1 for floating point inputs");
  return Status::Ok();
}

}  // namespace

void RegisterOp_Mod(OpRegistry& registry) {
  OpSchema s;
  s.name = "Mod";
  s.min_opset = 10;
  s.min_inputs = s.max_inputs = 2;
  s.infer = InferMod;
  s.reference = [] { return std::unique_ptr<Kernel>(new ZipKernel<ModFn>()); };
  s.types = NumericTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
