// Replays fuzz inputs through a fuzz target's LLVMFuzzerTestOneInput in the ordinary build, so
// every fixed finding (tests/fuzz/regressions/<target>/) is a regression test of make test:
// under the normal build a crash fails the test, and under make sanitize ASan/UBSan report it.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <dirent.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
  int replayed = 0;
  for (int a = 1; a < argc; ++a) {
    std::vector<std::string> files;
    if (DIR* d = opendir(argv[a])) {
      while (dirent* e = readdir(d))
        if (e->d_name[0] != '.') files.push_back(std::string(argv[a]) + "/" + e->d_name);
      closedir(d);
    } else {
      files.push_back(argv[a]);
    }
    for (const std::string& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
      LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
      std::printf("replayed %s (%zu bytes)\n", f.c_str(), bytes.size());
      ++replayed;
    }
  }
  return replayed > 0 ? 0 : 1;  // no input found is a failure, not a pass
}
