#include "base/size_limits.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>

namespace openacl {
namespace {

std::atomic<uint64_t> g_configured{0};  // 0 = not set by acl.json

uint64_t HalfOfPhysicalRam() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGE_SIZE);
  if (pages <= 0 || page_size <= 0) return uint64_t{4} << 30;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size) / 2;
}

// OPENACL_MAX_TENSOR_MB as bytes; 0 when unset or not a positive number.
uint64_t FromEnvironment() {
  const char* env = std::getenv("OPENACL_MAX_TENSOR_MB");
  if (env == nullptr || *env == '\0') return 0;
  char* end = nullptr;
  unsigned long long mb = std::strtoull(env, &end, 10);
  if (end == env || *end != '\0' || mb == 0 || mb > (uint64_t{1} << 40)) return 0;
  return static_cast<uint64_t>(mb) << 20;
}

}  // namespace

uint64_t MaxTensorBytes() {
  uint64_t configured = g_configured.load(std::memory_order_relaxed);
  if (configured != 0) return configured;
  uint64_t env = FromEnvironment();
  if (env != 0) return env;
  static const uint64_t half = HalfOfPhysicalRam();
  return half;
}

void SetMaxTensorBytes(uint64_t bytes) { g_configured.store(bytes, std::memory_order_relaxed); }

const char* MaxTensorBytesOrigin() {
  if (g_configured.load(std::memory_order_relaxed) != 0) return "openacl.max_tensor_mb in acl.json";
  if (FromEnvironment() != 0) return "OPENACL_MAX_TENSOR_MB";
  return "default: half of physical RAM; raise it with OPENACL_MAX_TENSOR_MB or "
         "openacl.max_tensor_mb in acl.json";
}

}  // namespace openacl
