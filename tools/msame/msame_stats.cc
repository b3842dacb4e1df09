#include "msame_stats.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numeric>
#include <sstream>

namespace msame {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Num(double v) {
  if (!std::isfinite(v)) return "null";
  std::ostringstream ss;
  ss.precision(9);
  ss << v;
  return ss.str();
}

}  // namespace

LatencyStats ComputeStats(const std::vector<double>& times_ms) {
  LatencyStats s;
  if (times_ms.empty()) return s;
  std::vector<double> v = times_ms;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  s.min_ms = v.front();
  s.max_ms = v.back();
  s.median_ms = n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  double sum = std::accumulate(times_ms.begin(), times_ms.end(), 0.0);
  s.mean_ms = sum / n;
  size_t rank = static_cast<size_t>(std::ceil(0.99 * n));
  s.p99_ms = v[std::min(n, std::max<size_t>(rank, 1)) - 1];
  s.mean_without_first_ms = n > 1 ? (sum - times_ms.front()) / (n - 1) : s.mean_ms;
  return s;
}

bool WriteSummaryJson(const std::string& path, const Summary& s, std::string* error) {
  LatencyStats st = ComputeStats(s.times_ms);
  std::ostringstream j;
  j << "{\n  \"tool\": \"msame\",\n  \"model\": " << Quote(s.model) << ",\n";
  j << "  \"threads\": " << s.threads << ",\n  \"warmup\": " << s.warmup << ",\n";
  j << "  \"loop\": " << s.times_ms.size() << ",\n  \"batch\": " << s.batch << ",\n";
  j << "  \"load_ms\": " << Num(s.load_ms) << ",\n";
  j << "  \"min_ms\": " << Num(st.min_ms) << ",\n  \"median_ms\": " << Num(st.median_ms) << ",\n";
  j << "  \"mean_ms\": " << Num(st.mean_ms) << ",\n  \"p99_ms\": " << Num(st.p99_ms) << ",\n";
  j << "  \"max_ms\": " << Num(st.max_ms) << ",\n";
  double per_s = st.mean_ms > 0 ? 1000.0 / st.mean_ms : 0;
  j << "  \"throughput_inferences_per_s\": " << Num(per_s) << ",\n";
  j << "  \"throughput_samples_per_s\": " << Num(per_s * s.batch) << ",\n";
  j << "  \"peak_rss_bytes\": " << s.peak_rss_bytes << ",\n";
  j << "  \"rss_before_load_bytes\": " << s.rss_before_load_bytes << ",\n  \"times_ms\": [";
  for (size_t i = 0; i < s.times_ms.size(); ++i) j << (i ? ", " : "") << Num(s.times_ms[i]);
  j << "],\n  \"outputs\": [";
  for (size_t i = 0; i < s.outputs.size(); ++i) {
    const OutputInfo& o = s.outputs[i];
    j << (i ? ",\n" : "\n") << "    {\"name\": " << Quote(o.name)
      << ", \"dtype\": " << Quote(o.dtype) << ", \"dims\": [";
    for (size_t k = 0; k < o.dims.size(); ++k) j << (k ? ", " : "") << o.dims[k];
    j << "], \"file\": " << Quote(o.file) << "}";
  }
  j << (s.outputs.empty() ? "]\n}\n" : "\n  ]\n}\n");
  std::ofstream out(path);
  if (!out) {
    *error = "cannot write --json file " + path + ": " + std::strerror(errno);
    return false;
  }
  out << j.str();
  return static_cast<bool>(out);
}

}  // namespace msame
