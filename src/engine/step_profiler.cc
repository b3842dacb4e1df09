#include "engine/step_profiler.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <numeric>

namespace openacl::engine {

StepProfiler::StepProfiler(std::vector<StepInfo> steps)
    : steps_(std::move(steps)), total_ns_(steps_.size(), 0) {}

void StepProfiler::AddRun(const std::vector<int64_t>& step_ns) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < total_ns_.size() && i < step_ns.size(); ++i) total_ns_[i] += step_ns[i];
  ++runs_;
}

void StepProfiler::Reset() {
  std::lock_guard<std::mutex> lock(mu_);
  std::fill(total_ns_.begin(), total_ns_.end(), 0);
  runs_ = 0;
}

int64_t StepProfiler::runs() const {
  std::lock_guard<std::mutex> lock(mu_);
  return runs_;
}

std::string StepProfiler::Report(size_t top) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::string out;
  char line[512];
  if (runs_ == 0) return "openacl profile: no executions recorded\n";
  double sum = std::accumulate(total_ns_.begin(), total_ns_.end(), 0.0);
  double per_run_ms = sum / runs_ / 1e6;
  std::snprintf(line, sizeof(line), "openacl profile: %lld runs, %.3f ms per run in kernels\n",
                static_cast<long long>(runs_), per_run_ms);
  out += line;
  // Per op type (and kernel) summary.
  std::map<std::string, std::pair<double, int>> by_op;
  for (size_t i = 0; i < steps_.size(); ++i) {
    auto& e = by_op[steps_[i].op + " [" + steps_[i].kernel + "]"];
    e.first += total_ns_[i];
    e.second += 1;
  }
  std::vector<std::pair<std::string, std::pair<double, int>>> ops(by_op.begin(), by_op.end());
  std::sort(ops.begin(), ops.end(),
            [](const auto& a, const auto& b) { return a.second.first > b.second.first; });
  std::snprintf(line, sizeof(line), "%-40s %6s %10s %7s\n", "op [kernel]", "count", "ms/run", "%");
  out += line;
  for (const auto& o : ops) {
    std::snprintf(line, sizeof(line), "%-40s %6d %10.3f %6.1f%%\n", o.first.c_str(),
                  o.second.second, o.second.first / runs_ / 1e6,
                  sum > 0 ? 100.0 * o.second.first / sum : 0.0);
    out += line;
  }
  std::vector<size_t> order(steps_.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return total_ns_[a] > total_ns_[b]; });
  if (top && order.size() > top) order.resize(top);
  std::snprintf(line, sizeof(line), "%5s %-48s %-20s %-10s %10s %7s\n", "step", "node", "op",
                "kernel", "ms/run", "%");
  out += line;
  for (size_t i : order) {
    std::snprintf(line, sizeof(line), "%5zu %-48.48s %-20.20s %-10.10s %10.4f %6.1f%%\n", i,
                  steps_[i].node.c_str(), steps_[i].op.c_str(), steps_[i].kernel.c_str(),
                  total_ns_[i] / runs_ / 1e6, sum > 0 ? 100.0 * total_ns_[i] / sum : 0.0);
    out += line;
  }
  return out;
}

}  // namespace openacl::engine
