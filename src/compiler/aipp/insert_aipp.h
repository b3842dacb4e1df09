// atc --insert_op_conf: puts an Aipp node (ops/aipp.cc) in front of each configured model input.
// The input keeps its name and becomes uint8 images in the source format (NHWC; YUV420SP as
// [N, H*3/2, W, 1]); dynamic AIPP also adds the parameter input ascend_dynamic_aipp_data.
// The config's rules are checked here against the model input (errors name file, line, field).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "compiler/aipp/aipp_config.h"
#include "format/compiled_model.h"
#include "ir/graph.h"

namespace openacl {

// `input_format` is atc's --input_format ("NHWC" makes the model input [N, H, W, C]).
Status InsertAippOps(Graph& graph, const std::vector<AippOpConfig>& configs,
                     const std::string& input_format);
// Reads the config file and inserts its nodes (no-op for an empty path).
Status InsertAippFromFile(Graph& graph, const std::string& config_path,
                          const std::string& input_format);
// The Aipp node fed by graph input `v` (input 0 or its parameter input 1), or nullptr.
const Node* AippNodeOf(const Graph& graph, const Value* v);
// Description formats of AIPP inputs: images NHWC, the dynamic parameter input ND.
void DescribeAippInputs(const Graph& graph, std::vector<IODesc>* inputs);

}  // namespace openacl
