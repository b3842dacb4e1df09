// atc --precision_mode / --precision_mode_v2 / --keep_dtype: which nodes the compiler asks to
// run in reduced precision (docs/precision.md).
//
// Only convolutions, ConvTranspose, MatMul and Gemm are ever asked: they get the node attribute
// "openacl_precision" (kernels/onednn/compute_precision.h) = "fp16" or "bf16" when the mode
// reduces precision, "fp32" when --keep_dtype lists them. Softmax, normalisations, reductions,
// exp/log and everything else stay fp32 in every mode, as ATC's mixed precision keeps them. The
// kernels decide at load whether the CPU honours the request (bf16 for both fp16 and bf16).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

// ATC's precision modes (openacl's default is kForceFp32: the CPU's native precision).
enum class PrecisionMode {
  kForceFp32,            // force_fp32; also allow_fp32_to_fp16 / allow_fp32_to_bf16 /
                         // allow_fp32_to_lowprecision (every CPU op supports fp32)
  kMustKeepOriginDtype,  // must_keep_origin_dtype, v2 "origin"
  kForceFp16,            // force_fp16, force_lowerprecision, cube_fp16in_fp32out, v2 "fp16",
                         // v2 "cube_fp16in_fp32out"
  kMixFp16,              // allow_mix_precision(_fp16), v2 "mixed_float16"
  kMixBf16,              // allow_mix_precision_bf16, v2 "mixed_bfloat16"
};

// A --keep_dtype entry: a node name, or "OpType::<type>" for every node of that type.
struct KeepDtypeEntry {
  std::string name;
  bool is_op_type = false;
  int line = 0;  // 1-based line in the file
};

struct PrecisionOptions {
  PrecisionMode mode = PrecisionMode::kForceFp32;
  std::string keep_dtype_file;  // for messages
  std::vector<KeepDtypeEntry> keep_dtype;
};

// Parses the two flags (either may be empty; both given is an error). Errors name the flag and
// list the accepted values.
Result<PrecisionMode> ParsePrecisionMode(const std::string& precision_mode,
                                         const std::string& precision_mode_v2);
// --keep_dtype's file: one entry per line; blank lines and lines starting with '#' skipped,
// surrounding whitespace trimmed.
Result<std::vector<KeepDtypeEntry>> ParseKeepDtype(const std::string& text,
                                                   const std::string& file_name);
Result<std::vector<KeepDtypeEntry>> ReadKeepDtypeFile(const std::string& path);
// The three flags' values as given ("" when absent) -> options (reads the --keep_dtype file).
Result<PrecisionOptions> MakePrecisionOptions(const std::string& precision_mode,
                                              const std::string& precision_mode_v2,
                                              const std::string& keep_dtype_file);

// "force_fp32", "must_keep_origin_dtype", "force_fp16", "allow_mix_precision_fp16",
// "allow_mix_precision_bf16".
const char* PrecisionModeName(PrecisionMode mode);
// What the mode asks of Conv/ConvTranspose/MatMul/Gemm: "fp32", "fp16" or "bf16".
const char* RequestedPrecision(PrecisionMode mode);
// Conv, ConvTranspose, MatMul, Gemm (and their fused forms).
bool PrecisionSelectableOp(const Node& node);

// Right after import, before the graph passes: marks the --keep_dtype nodes "fp32" (the mark
// survives fusions that keep the node). An entry naming no node (or no node of the type) is an
// error naming the file and line.
Status MarkKeptNodes(Graph& graph, const PrecisionOptions& options);
// After the passes, before kernel choice: every selectable node not marked yet gets the mode's
// request (nothing is written for fp32 modes, so default .om files do not change).
void MarkRequestedPrecision(Graph& graph, const PrecisionOptions& options);

// Whether the CPU running this process has native bf16 (for atc's log at compile time).
bool CompilingCpuHasBf16();

}  // namespace openacl
