// The compiler: ONNX -> IR -> passes -> kernel choice -> memory plan -> CompiledModel.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "compiler/gear_spec.h"
#include "compiler/precision_mode.h"
#include "format/compiled_model.h"

namespace openacl {

struct CompileOptions {
  // --input_shape "name:d0,d1;name2:..." parsed; fixes symbolic / -1 dims.
  std::map<std::string, Shape> input_shapes;
  // --input_format: NCHW (default for 4-D inputs) / NHWC / ND.
  std::string input_format;
  // --output_type: "" (keep), "FP32", "FP16", ... for all outputs; per-output overrides by
  // "node:index" key or output name.
  std::string output_type;
  std::map<std::string, std::string> output_type_per_output;
  // --out_nodes "node:idx;..." selects the graph outputs.
  std::vector<std::pair<std::string, int>> out_nodes;
  // --insert_op_conf: AIPP config file; an Aipp node goes in front of each configured input.
  std::string insert_op_conf;
  // --input_fp16_nodes: inputs fed as float16 (a Cast is inserted).
  std::vector<std::string> fp16_inputs;
  std::string soc_version = "Ascend310";
  std::string precision_mode;
  // --precision_mode / --precision_mode_v2 / --keep_dtype parsed (compiler/precision_mode.h).
  PrecisionOptions precision;
  // Everything as given on the command line, recorded in the .om.
  std::map<std::string, std::string> recorded;
  // Optional progress reporting: (stage, fraction 0..1).
  std::function<void(const std::string&, double)> progress;
  // Disable optimization passes (debugging).
  bool optimize = true;
  // Dynamic gears (atc --dynamic_batch_size / --dynamic_image_size / --dynamic_dims): one plan
  // per gear over one weight blob (compiler/gear_compiler.cc).
  GearSpec gears;
};

// Parses "name:1,3,224,224;name2:1,10" into a map. Error names the malformed part.
Result<std::map<std::string, Shape>> ParseInputShapes(const std::string& text);

Result<CompiledModel> CompileOnnxFile(const std::string& path, const CompileOptions& options);
Result<CompiledModel> CompileOnnxBytes(const void* data, size_t size, const std::string& base_dir,
                                       const CompileOptions& options);
// Compiles every gear of options.gears (the source read once, imported per gear) and combines
// the plans into one gear model whose plans share one weight blob.
Result<CompiledModel> CompileOnnxGears(const void* data, size_t size, const std::string& base_dir,
                                       const CompileOptions& options);
// The same from any graph source (called once per gear: each gear compiles a fresh graph).
using GraphSource = std::function<Result<std::unique_ptr<Graph>>()>;
Result<CompiledModel> CompileGraphGears(const GraphSource& source, const CompileOptions& options);

// Compiles an already-imported graph (used by single-op compile and tests).
Result<CompiledModel> CompileGraph(std::unique_ptr<Graph> graph, const CompileOptions& options);

}  // namespace openacl
