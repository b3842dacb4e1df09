// A readable JSON dump of a compiled model (atc --mode=1): graph, plan, kernels, I/O, sizes,
// options. Weights are summarized (dtype, shape, location), never dumped.
#pragma once

#include <string>

#include "format/compiled_model.h"

namespace openacl {

std::string CompiledModelToJson(const CompiledModel& model);

// JSON string literal with escapes (quotes included).
std::string JsonQuote(const std::string& s);

const char* PlacementName(Placement p);
const char* IOFormatName(IOFormat f);

}  // namespace openacl
