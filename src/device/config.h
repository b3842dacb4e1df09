// Runtime configuration read by aclInit from acl.json. openacl's own keys live under "openacl":
//   {"openacl": {"device_memory_mb": 2048, "num_threads": 4, "soc_name": "Ascend310",
//                "max_tensor_mb": 4096}}
// Other sections (dump, profiler, ...) are accepted and ignored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/status.h"

namespace openacl::device {

struct RuntimeConfig {
  std::string path;                // file the config came from ("" = defaults)
  size_t device_memory_bytes = 0;  // 0 = default (half of physical RAM)
  int num_threads = 0;             // 0 = not set
  std::string soc_name;            // "" = default "Ascend310"
  uint64_t max_tensor_bytes = 0;   // 0 = default (base/size_limits.h)
};

// Parses an acl.json file. NULL or "" gives the defaults. A missing or unreadable file is
// kInvalidFile; malformed JSON or a bad openacl value is kParseFile; both name the file.
Result<RuntimeConfig> LoadConfigFile(const char* path);
// Parses JSON text; `origin` names the source in error messages.
Result<RuntimeConfig> ParseConfigText(const std::string& text, const std::string& origin);

// The configuration in force (set by aclInit, reset by aclFinalize). Also forwards num_threads
// to device/thread_config.h (device::ConfiguredNumThreads()) and max_tensor_bytes to
// base/size_limits.h.
void SetActiveConfig(const RuntimeConfig& config);
RuntimeConfig ActiveConfig();

// SoC name reported by aclrtGetSocName.
std::string ConfiguredSocName();
// Physical RAM in bytes (0 if unknown).
size_t PhysicalMemoryBytes();

}  // namespace openacl::device
