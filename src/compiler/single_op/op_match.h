// Matching an execution request (descs + attrs an app passes to aclopExecuteV2) against a loaded
// single-op description. Both must be canonical (op_mapping.h Canonicalize).
//
// Rules: same op type; same number of inputs and outputs; per tensor the same data type and
// format (a loaded UNDEFINED format accepts any), omitted inputs on both sides, constant inputs
// constant on both sides with equal values; shapes: a loaded static dim must be equal, a loaded
// -1 dim accepts any concrete size inside its shape_range (an output may also be asked as -1),
// a loaded unknown rank accepts any shape; every attribute value equal (defaults filled in).
#pragma once

#include <string>

#include "compiler/single_op/op_desc.h"

namespace openacl::single_op {

// "" when `loaded` serves `request`; otherwise the first difference, e.g.
// "input 0 data type: float16 loaded, float asked".
std::string MatchOp(const OpDesc& loaded, const OpDesc& request);

// Whether a description has dynamic dims in any non-constant input or any output.
bool IsDynamic(const OpDesc& desc);

}  // namespace openacl::single_op
