// Reads .om files (docs/om-format.md). Every read is bounds-checked, the checksums and the
// flatbuffers verifier run before anything is decoded, and every index in the model is
// validated, so a corrupted or hostile file yields an error Status, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/compiled_model.h"

namespace openacl {

// Maps the file read-only. CompiledModel::weights keeps the mapping alive (munmap when the last
// reference goes); constants placed in the weight section alias the mapping, no copy.
// Errors: kInvalidFile (missing / unreadable), kDeserializeModel (corrupted),
// kUnsupportedVersion (other major format version); messages start with the path.
Result<CompiledModel> ReadOmFile(const std::string& path);

// Drops the whole pages inside [data, data + size) of a read-only file mapping from this
// process's memory (they are read back from the file if touched again). Only for memory of a
// CompiledModel whose weights_file_mapped is true.
void ReleaseMappedPages(const void* data, size_t size);

// Reads an .om image in memory. copy=true copies the buffer first (the result owns it);
// copy=false borrows it: the caller keeps `data` alive and unchanged as long as the model or any
// of its tensors lives. A buffer not aligned to 64 bytes is copied regardless.
Result<CompiledModel> ReadOmMemory(const void* data, size_t size, bool copy);

// What aclmdlQuerySize / atc --mode=6 need, without reading the weight section: the header, the
// metadata (checksummed and verified) and the I/O descriptions.
struct OmSummary {
  uint16_t major_version = 0;
  uint16_t minor_version = 0;
  uint64_t file_size = 0;
  uint64_t meta_size = 0;
  uint64_t weight_size = 0;
  uint64_t arena_size = 0;  // work memory
  std::string producer;
  std::vector<IODesc> inputs;
  std::vector<IODesc> outputs;
  std::map<std::string, std::string> options;
  size_t num_nodes = 0;
  size_t num_values = 0;
  bool is_single_op = false;
  std::string single_op_type;
};

Result<OmSummary> PeekOm(const std::string& path);
Result<OmSummary> PeekOmMemory(const void* data, size_t size);

}  // namespace openacl
