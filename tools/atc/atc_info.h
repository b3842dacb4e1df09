// atc --mode=6 (print an .om's description) and --mode=1 (dump as JSON).
#pragma once

#include <string>

#include "base/status.h"
#include "format/compiled_model.h"
#include "format/om_reader.h"

namespace openacl {
namespace atc {

// The --mode=6 report of a summary (inputs, outputs, sizes, options); `extra` (e.g.
// FormatPrecisionInfo's section) goes before the closing line.
std::string FormatOmInfo(const std::string& path, const OmSummary& summary,
                         const std::string& extra = "");

// The precision each Conv/ConvTranspose/MatMul/Gemm node asks for (node attribute
// "openacl_precision", docs/precision.md) and what this CPU runs it in.
std::string FormatPrecisionInfo(const CompiledModel& model);

// Writes CompiledModelToJson(model) to `json_path`.
Status WriteModelJson(const CompiledModel& model, const std::string& json_path);

}  // namespace atc
}  // namespace openacl
