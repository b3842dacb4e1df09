// Graph edits driven by atc options: output selection, fp16 inputs, output types, and making
// every graph output its own arena-free value (copies for inputs/constants/duplicates).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "compiler/compiler.h"
#include "ir/graph.h"

namespace openacl {

// --out_nodes "node:idx": the graph outputs become those node outputs (in order).
Status SelectOutputs(Graph& graph, const std::vector<std::pair<std::string, int>>& out_nodes);
// --input_fp16_nodes: the named float inputs are fed as float16; a Cast back to float follows.
Status InsertInputCasts(Graph& graph, const std::vector<std::string>& fp16_inputs);
// --output_type: appends Cast nodes so outputs have the requested types.
Status ApplyOutputTypes(Graph& graph, const CompileOptions& options);
// Graph outputs that are inputs, constants or repeated get an Identity copy.
Status MakeOutputsDistinct(Graph& graph);
// "FP32" / "FP16" / "INT8" / ... -> DType. Error names the bad string.
Result<DType> ParseAtcType(const std::string& text);

}  // namespace openacl
