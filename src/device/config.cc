#include "device/config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/size_limits.h"
#include "device/thread_config.h"

namespace openacl::device {
namespace {

std::mutex g_config_mu;
RuntimeConfig g_config;

Status BadValue(const std::string& origin, const std::string& key, const std::string& why) {
  return Status(StatusCode::kParseFile, "config " + origin + ": \"openacl." + key + "\" " + why);
}

Status ReadPositiveInt(const nlohmann::json& section, const std::string& key,
                       const std::string& origin, int64_t max_value, int64_t* out) {
  auto it = section.find(key);
  if (it == section.end()) return Status::Ok();
  if (!it->is_number_integer()) return BadValue(origin, key, "must be an integer");
  int64_t v = it->get<int64_t>();
  if (v <= 0 || v > max_value) {
    return BadValue(origin, key,
                    "must be in [1, " + std::to_string(max_value) + "], got " + std::to_string(v));
  }
  *out = v;
  return Status::Ok();
}

}  // namespace

Result<RuntimeConfig> ParseConfigText(const std::string& text, const std::string& origin) {
  RuntimeConfig config;
  config.path = origin;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return config;  // empty = {}
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for numbers
    return Status(StatusCode::kParseFile, "config " + origin + " is not valid JSON: " + e.what());
  }
  if (!root.is_object()) {
    return Status(StatusCode::kParseFile, "config " + origin + ": top level must be an object");
  }
  auto it = root.find("openacl");
  if (it == root.end()) return config;
  if (!it->is_object()) {
    return Status(StatusCode::kParseFile, "config " + origin + ": \"openacl\" must be an object");
  }
  int64_t mb = 0, threads = 0, tensor_mb = 0;
  RETURN_IF_ERROR(ReadPositiveInt(*it, "device_memory_mb", origin, int64_t{1} << 30, &mb));
  RETURN_IF_ERROR(ReadPositiveInt(*it, "max_tensor_mb", origin, int64_t{1} << 30, &tensor_mb));
  config.max_tensor_bytes = static_cast<uint64_t>(tensor_mb) << 20;
  RETURN_IF_ERROR(ReadPositiveInt(*it, "num_threads", origin, 4096, &threads));
  config.device_memory_bytes = static_cast<size_t>(mb) << 20;
  config.num_threads = static_cast<int>(threads);
  auto soc = it->find("soc_name");
  if (soc != it->end()) {
    if (!soc->is_string() || soc->get<std::string>().empty()) {
      return BadValue(origin, "soc_name", "must be a non-empty string");
    }
    config.soc_name = soc->get<std::string>();
  }
  return config;
}

Result<RuntimeConfig> LoadConfigFile(const char* path) {
  if (path == nullptr || path[0] == '\0') return RuntimeConfig{};
  struct stat st;
  if (::stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
    return Status(StatusCode::kInvalidFile,
                  std::string("config file ") + path + " is a directory, not a file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(StatusCode::kInvalidFile,
                  std::string("config file ") + path + " does not exist or cannot be read");
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return ParseConfigText(buf.str(), path);
}

void SetActiveConfig(const RuntimeConfig& config) {
  std::lock_guard<std::mutex> lock(g_config_mu);
  g_config = config;
  device::SetConfiguredNumThreads(config.num_threads);
  SetMaxTensorBytes(config.max_tensor_bytes);
}

RuntimeConfig ActiveConfig() {
  std::lock_guard<std::mutex> lock(g_config_mu);
  return g_config;
}

std::string ConfiguredSocName() {
  std::string name = ActiveConfig().soc_name;
  return name.empty() ? "Ascend310" : name;
}

size_t PhysicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<size_t>(pages) * static_cast<size_t>(page_size);
}

}  // namespace openacl::device
