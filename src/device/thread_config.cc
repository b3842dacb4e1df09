#include "device/thread_config.h"

#include <sched.h>

#include <atomic>
#include <cstdlib>
#include <thread>

namespace openacl::device {
namespace {
std::atomic<int> g_config_threads{0};
}

void SetConfiguredNumThreads(int n) { g_config_threads = n; }

int ConfiguredNumThreads() {
  if (const char* env = std::getenv("OPENACL_NUM_THREADS")) {
    int n = std::atoi(env);
    if (n > 0) return n;
  }
  if (g_config_threads > 0) return g_config_threads;
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  unsigned hw = std::thread::hardware_concurrency();
  return hw ? static_cast<int>(hw) : 1;
}

}  // namespace openacl::device
