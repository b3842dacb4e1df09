// Scatter (opset 9-10, deprecated in 11 for ScatterElements, same semantics without reduction).
#include "ops/common/scatter_util.h"

namespace openacl {

void RegisterOp_Scatter(OpRegistry& registry) {
  OpSchema s;
  s.name = "Scatter";
  s.min_opset = 9;
  s.max_opset = 10;
  s.min_inputs = s.max_inputs = 3;
  s.infer = InferScatterElements;
  s.reference = [] { return std::unique_ptr<Kernel>(new ScatterElementsKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
