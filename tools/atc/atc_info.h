// atc --mode=6 (print an .om's description) and --mode=1 (dump as JSON).
#pragma once

#include <string>

#include "base/status.h"
#include "format/compiled_model.h"
#include "format/om_reader.h"

namespace openacl {
namespace atc {

// The --mode=6 report of a summary (inputs, outputs, sizes, options).
std::string FormatOmInfo(const std::string& path, const OmSummary& summary);

// Writes CompiledModelToJson(model) to `json_path`.
Status WriteModelJson(const CompiledModel& model, const std::string& json_path);

}  // namespace atc
}  // namespace openacl
