// Single-operator compilation: an AscendCL op description -> a small ONNX-op graph (the mapping
// table) -> CompileGraph -> a CompiledModel with is_single_op and SingleOpInfo (the canonical
// description as JSON, used for matching at aclopExecuteV2).
//
// Dynamic dims (-1, optionally with shape_range): the .om holds the kernel compiled for a
// representative shape (each -1 -> max(range min, 1)) and the dynamic description; the runtime
// compiles the op for each concrete shape it is executed with (cached per shape).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "compiler/single_op/op_desc.h"
#include "format/compiled_model.h"

namespace openacl {
namespace single_op {

// Canonicalizes `desc` (checks it against the mapping table) and compiles it.
Result<CompiledModel> CompileSingleOp(const OpDesc& desc, const std::string& soc_version = "");

// Compiles a (canonical) description with its dynamic input dims replaced by `input_dims`
// (one Shape per AscendCL input; ignored for constant / omitted inputs). SingleOpInfo keeps the
// concrete description.
Result<CompiledModel> CompileSingleOpForShapes(const OpDesc& desc,
                                               const std::vector<Shape>& input_dims);

// For each AscendCL input: its index among the model's graph inputs, or -1 when the input is a
// constant or omitted (such inputs are baked into the model).
std::vector<int> GraphInputIndex(const OpDesc& desc);

}  // namespace single_op

// atc --singleop: compiles every entry of the JSON file and writes one .om per entry into
// out_dir (created if missing), named by the entry's "name" or ATC's default name. Nothing is
// written unless every entry compiles. Errors name the file, the entry index and the op.
Status CompileSingleOpJson(const std::string& json_path, const std::string& out_dir,
                           const std::string& soc_version);

}  // namespace openacl
