// Writes a CompiledModel as an .om file (docs/om-format.md): 64-byte header, flatbuffer metadata
// (om_schema.fbs), 64-aligned weight section.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/compiled_model.h"

namespace openacl {

// The whole file in memory.
Result<std::vector<uint8_t>> SerializeOm(const CompiledModel& model);

// Writes the file (through a temporary file + rename, so a failed write never leaves a partial
// .om under `path`). Errors are kWriteFile and name the path.
Status WriteOm(const CompiledModel& model, const std::string& path);

}  // namespace openacl
