// Soak benchmark over the public C API (issue 12 §7; numbers go to docs/reliability.md, never
// into a timed test). Three phases, each reporting resident memory over time and its slope:
//   load    N load/unload cycles of the model (aclmdlLoadFromFile / aclmdlUnload)
//   execute N executes of one loaded model (aclmdlExecute), outputs checked against the first
//   threads  T threads executing one model concurrently for S seconds, outputs checked
// usage: soak MODEL.om load|execute|threads [N | T S]
// The model's inputs are filled with a fixed pattern; every output must equal the first run's.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "acl/acl.h"

namespace {

double ResidentMiB() {
  FILE* f = std::fopen("/proc/self/statm", "r");
  long pages = 0, resident = 0;
  if (f != nullptr) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * 4096.0 / (1024.0 * 1024.0);
}

// Least-squares slope of y over x.
double Slope(const std::vector<double>& x, const std::vector<double>& y) {
  double n = x.size(), sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i];
  }
  double d = n * sxx - sx * sx;
  return d == 0 ? 0 : (n * sxy - sx * sy) / d;
}

#define CHECK(call)                                                                    \
  do {                                                                                 \
    aclError e_ = (call);                                                              \
    if (e_ != ACL_SUCCESS) {                                                           \
      std::fprintf(stderr, "%s failed: %d %s\n", #call, e_, aclGetRecentErrMsg());     \
      std::exit(1);                                                                    \
    }                                                                                  \
  } while (0)

struct Io {
  aclmdlDataset* in = nullptr;
  aclmdlDataset* out = nullptr;
  std::vector<void*> out_dev;
  std::vector<size_t> out_size;
};

Io MakeIo(aclmdlDesc* desc) {
  Io io;
  io.in = aclmdlCreateDataset();
  io.out = aclmdlCreateDataset();
  for (size_t i = 0; i < aclmdlGetNumInputs(desc); ++i) {
    size_t n = aclmdlGetInputSizeByIndex(desc, i);
    void* dev = nullptr;
    CHECK(aclrtMalloc(&dev, n, ACL_MEM_MALLOC_HUGE_FIRST));
    std::vector<unsigned char> host(n);
    for (size_t b = 0; b < n; ++b) host[b] = static_cast<unsigned char>((b * 7 + i) % 61);
    CHECK(aclrtMemcpy(dev, n, host.data(), n, ACL_MEMCPY_HOST_TO_DEVICE));
    CHECK(aclmdlAddDatasetBuffer(io.in, aclCreateDataBuffer(dev, n)));
  }
  for (size_t i = 0; i < aclmdlGetNumOutputs(desc); ++i) {
    size_t n = aclmdlGetOutputSizeByIndex(desc, i);
    void* dev = nullptr;
    CHECK(aclrtMalloc(&dev, n, ACL_MEM_MALLOC_HUGE_FIRST));
    CHECK(aclmdlAddDatasetBuffer(io.out, aclCreateDataBuffer(dev, n)));
    io.out_dev.push_back(dev);
    io.out_size.push_back(n);
  }
  return io;
}

void FreeIo(Io& io) {
  for (aclmdlDataset* ds : {io.in, io.out}) {
    for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(ds); ++i) {
      aclDataBuffer* b = aclmdlGetDatasetBuffer(ds, i);
      CHECK(aclrtFree(aclGetDataBufferAddr(b)));
      CHECK(aclDestroyDataBuffer(b));
    }
    CHECK(aclmdlDestroyDataset(ds));
  }
}

std::vector<std::vector<unsigned char>> Outputs(const Io& io) {
  std::vector<std::vector<unsigned char>> r;
  for (size_t i = 0; i < io.out_dev.size(); ++i) {
    r.emplace_back(io.out_size[i]);
    CHECK(aclrtMemcpy(r.back().data(), io.out_size[i], io.out_dev[i], io.out_size[i],
                      ACL_MEMCPY_DEVICE_TO_HOST));
  }
  return r;
}

void Report(const char* phase, const std::vector<double>& x, const std::vector<double>& rss,
            const char* unit, double seconds, long errors) {
  double slope = Slope(x, rss);
  std::printf("soak %s: %.0f %s in %.1f s, RSS %.1f -> %.1f MiB (min %.1f, max %.1f), "
              "slope %.3g MiB per 1000 %s, errors %ld\n",
              phase, x.back(), unit, seconds, rss.front(), rss.back(),
              *std::min_element(rss.begin(), rss.end()), *std::max_element(rss.begin(), rss.end()),
              slope * 1000, unit, errors);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: soak MODEL.om load|execute|threads [N | T SECONDS]\n");
    return 2;
  }
  const char* model = argv[1];
  std::string phase = argv[2];
  CHECK(aclInit(nullptr));
  CHECK(aclrtSetDevice(0));
  auto t0 = std::chrono::steady_clock::now();
  auto secs = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  std::vector<double> x, rss;
  long errors = 0;
  if (phase == "load") {
    long n = argc > 3 ? std::atol(argv[3]) : 10000;
    for (long i = 1; i <= n; ++i) {
      uint32_t id = 0;
      CHECK(aclmdlLoadFromFile(model, &id));
      CHECK(aclmdlUnload(id));
      if (i % std::max(1L, n / 50) == 0) { x.push_back(i); rss.push_back(ResidentMiB()); }
    }
    Report("load/unload", x, rss, "cycles", secs(), errors);
  } else {
    uint32_t id = 0;
    CHECK(aclmdlLoadFromFile(model, &id));
    aclmdlDesc* desc = aclmdlCreateDesc();
    CHECK(aclmdlGetDesc(desc, id));
    if (phase == "execute") {
      long n = argc > 3 ? std::atol(argv[3]) : 1000000;
      Io io = MakeIo(desc);
      CHECK(aclmdlExecute(id, io.in, io.out));
      auto expected = Outputs(io);
      for (long i = 1; i <= n; ++i) {
        CHECK(aclmdlExecute(id, io.in, io.out));
        if (i % std::max(1L, n / 50) == 0) {
          if (Outputs(io) != expected) ++errors;
          x.push_back(i);
          rss.push_back(ResidentMiB());
        }
      }
      FreeIo(io);
      Report("execute", x, rss, "executes", secs(), errors);
    } else if (phase == "threads") {
      int threads = argc > 3 ? std::atoi(argv[3]) : 8;
      double duration = argc > 4 ? std::atof(argv[4]) : 600;
      std::atomic<long> executes{0}, bad{0};
      std::atomic<bool> stop{false};
      aclrtContext ctx = nullptr;
      CHECK(aclrtGetCurrentContext(&ctx));
      Io ref = MakeIo(desc);
      CHECK(aclmdlExecute(id, ref.in, ref.out));
      auto expected = Outputs(ref);
      std::vector<std::thread> pool;
      for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
          CHECK(aclrtSetCurrentContext(ctx));
          Io io = MakeIo(desc);
          while (!stop) {
            if (aclmdlExecute(id, io.in, io.out) != ACL_SUCCESS || Outputs(io) != expected) ++bad;
            ++executes;
          }
          FreeIo(io);
        });
      }
      while (secs() < duration) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        x.push_back(executes.load());
        rss.push_back(ResidentMiB());
      }
      stop = true;
      for (auto& th : pool) th.join();
      FreeIo(ref);
      errors = bad.load();
      std::printf("soak threads: %d threads\n", threads);
      Report("threads", x, rss, "executes", secs(), errors);
    } else {
      std::fprintf(stderr, "unknown phase '%s'\n", phase.c_str());
      return 2;
    }
    CHECK(aclmdlDestroyDesc(desc));
    CHECK(aclmdlUnload(id));
  }
  CHECK(aclrtResetDevice(0));
  CHECK(aclFinalize());
  return errors == 0 ? 0 : 1;
}
