// atc's command line (ATC's syntax, docs acl-api.md §6), parsed the gflags way: `--opt=value`,
// `-opt=value`, `--opt value`, `-opt value`; booleans as `--opt`, `--noopt`, `--opt=true|false`.
// Parsing is pure (no I/O, no logging) so it is unit tested on its own.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace openacl {
namespace atc {

struct AtcOptions {
  int mode = 0;        // 0 compile, 1 .om -> JSON, 6 print .om info
  int framework = -1;  // -1 = not given
  std::string model, weight, output, om, json;
  std::string input_shape, input_format, output_type, out_nodes, input_fp16_nodes;
  std::string precision_mode, soc_version, log, singleop;
  std::string dynamic_batch_size, dynamic_image_size, dynamic_dims, input_shape_range;
  std::string insert_op_conf;
  bool help = false;
  // Every option given, by name without dashes (recorded in the .om's options).
  std::map<std::string, std::string> given;
};

// Parses argv[1..]. Errors (kInvalidParam) name the option: unknown (with the closest known
// name), missing value, malformed number or boolean, given twice.
Result<AtcOptions> ParseAtcArgs(const std::vector<std::string>& args);

// Checks what the chosen mode needs and rejects what openacl does not do (yet), with messages
// that say so: other frameworks, dynamic gears, AIPP, single-op, modes 3 and 5.
Status ValidateAtcOptions(const AtcOptions& options);

std::string AtcUsage();

// "--out_nodes": "node:0;node2:1".
Result<std::vector<std::pair<std::string, int>>> ParseOutNodes(const std::string& text);

// "--output_type": "FP16" for every output, or per output "node:0:FP16;node2:1:FP32"
// (key "node:0") / "out_name:FP16" (key "out_name"). Types: FP32 FP16 UINT8 INT8 UINT16 INT16
// UINT32 INT32 UINT64 INT64 DOUBLE BOOL.
struct OutputTypes {
  std::string all;
  std::map<std::string, std::string> per_output;
};
Result<OutputTypes> ParseOutputType(const std::string& text);

// "--input_fp16_nodes": "in1;in2" (',' also accepted).
std::vector<std::string> ParseNameList(const std::string& text);

// "--log": debug / info / warning / error / null -> ASCEND_GLOBAL_LOG_LEVEL value 0..4.
Result<int> ParseLogLevel(const std::string& text);

// "--output" prefix -> file name (".om" appended unless already there).
std::string OmPathFromOutput(const std::string& output);

}  // namespace atc
}  // namespace openacl
