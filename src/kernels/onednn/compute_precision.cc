#include "kernels/onednn/compute_precision.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <oneapi/dnnl/dnnl.hpp>

#include "base/logging.h"

namespace openacl::onednn {

bool CpuHasBf16() {
  static const bool has = [] {
    try {
      return dnnl::get_effective_cpu_isa() >= dnnl::cpu_isa::avx512_core_bf16;
    } catch (const dnnl::error&) {
      return false;
    }
  }();
  return has;
}

bool Bf16AllowedByEnvironment() {
  const char* env = std::getenv("OPENACL_DISABLE_BF16");
  return env == nullptr || env[0] == '\0' || std::strcmp(env, "0") == 0;
}

ComputeType ChooseComputeType(const Node& node) {
  const std::string asked = node.attrs.get_string(kPrecisionAttr, "fp32");
  if (asked != "bf16" && asked != "fp16") return ComputeType::kF32;
  if (CpuHasBf16() && Bf16AllowedByEnvironment()) return ComputeType::kBF16;
  static std::atomic<bool> logged{false};
  if (!logged.exchange(true))
    LOG_WARN(
        "%s asks for %s (atc --precision_mode), but %s: running it and the other "
        "reduced-precision nodes in fp32",
        node.Describe().c_str(), asked.c_str(),
        CpuHasBf16() ? "OPENACL_DISABLE_BF16 is set" : "this CPU lacks AVX512-BF16");
  return ComputeType::kF32;
}

const char* ComputeTypeName(ComputeType t) { return t == ComputeType::kBF16 ? "bf16" : "fp32"; }

}  // namespace openacl::onednn
