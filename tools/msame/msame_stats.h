// Latency statistics and the --json summary of msame.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace msame {

struct LatencyStats {
  double min_ms = 0, median_ms = 0, mean_ms = 0, p99_ms = 0, max_ms = 0;
  double mean_without_first_ms = 0;  // msame's "without first time" (= mean when one run)
};

// Order statistics of `times_ms` (unsorted, non-empty). p99 uses the nearest-rank method.
LatencyStats ComputeStats(const std::vector<double>& times_ms);

struct OutputInfo {
  std::string name, dtype, file;
  std::vector<long long> dims;
};

struct Summary {
  std::string model;
  int threads = 0;  // 0 = runtime default
  int warmup = 0;
  int batch = 1;  // first dim of input 0 (for throughput)
  double load_ms = 0;
  std::vector<double> times_ms;
  size_t peak_rss_bytes = 0;
  size_t rss_before_load_bytes = 0;  // VmRSS just before the model load (process baseline)
  std::vector<OutputInfo> outputs;
};

// Writes the summary as JSON (stats computed from times_ms). Returns false with *error set.
bool WriteSummaryJson(const std::string& path, const Summary& s, std::string* error);

}  // namespace msame
