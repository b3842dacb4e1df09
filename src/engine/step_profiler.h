// Opt-in per-step timing for LoadedModel (env OPENACL_PROFILE=1, or EnableProfiling()).
// The executor calls Record() after each step only when profiling is on; Report() prints one
// row per step (node name, op, kernel, mean ms, %) sorted by time, plus a per-op summary.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace openacl::engine {

class StepProfiler {
 public:
  struct StepInfo {
    std::string node, op, kernel;
  };
  explicit StepProfiler(std::vector<StepInfo> steps);

  // Adds one execution's per-step nanoseconds (size == number of steps).
  void AddRun(const std::vector<int64_t>& step_ns);
  void Reset();
  // A table; `top` limits the per-step rows (0 = all).
  std::string Report(size_t top = 0) const;
  int64_t runs() const;

 private:
  std::vector<StepInfo> steps_;
  mutable std::mutex mu_;
  std::vector<int64_t> total_ns_;
  int64_t runs_ = 0;
};

}  // namespace openacl::engine
