// ScatterElements (opset 11+; reduction add/mul since 16, max/min since 18).
#include "ops/common/scatter_util.h"

namespace openacl {

void RegisterOp_ScatterElements(OpRegistry& registry) {
  OpSchema s;
  s.name = "ScatterElements";
  s.min_opset = 11;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferScatterElements;
  s.reference = [] { return std::unique_ptr<Kernel>(new ScatterElementsKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
