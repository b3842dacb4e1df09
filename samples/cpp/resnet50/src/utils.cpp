#include "utils.h"

#include <algorithm>
#include <fstream>
#include <numeric>

namespace utils {

Result ReadBinFile(const std::string& path, size_t expectedSize, std::vector<char>& data) {
  std::ifstream file(path, std::ios::binary | std::ios::ate);
  if (!file) {
    ERROR_LOG("cannot open input file %s", path.c_str());
    return FAILED;
  }
  size_t size = static_cast<size_t>(file.tellg());
  if (size != expectedSize) {
    ERROR_LOG("input file %s has %zu bytes, the model input needs %zu", path.c_str(), size,
              expectedSize);
    return FAILED;
  }
  data.resize(size);
  file.seekg(0);
  if (!file.read(data.data(), static_cast<std::streamsize>(size))) {
    ERROR_LOG("cannot read %zu bytes from %s", size, path.c_str());
    return FAILED;
  }
  return SUCCESS;
}

Result CreateDataset(const aclmdlDesc* desc, bool isInput, aclmdlDataset** dataset,
                     std::vector<void*>& buffers) {
  aclmdlDesc* modelDesc = const_cast<aclmdlDesc*>(desc);
  *dataset = aclmdlCreateDataset();
  if (*dataset == nullptr) {
    ERROR_LOG("aclmdlCreateDataset failed");
    return FAILED;
  }
  size_t count = isInput ? aclmdlGetNumInputs(modelDesc) : aclmdlGetNumOutputs(modelDesc);
  for (size_t i = 0; i < count; ++i) {
    size_t size = isInput ? aclmdlGetInputSizeByIndex(modelDesc, i)
                          : aclmdlGetOutputSizeByIndex(modelDesc, i);
    void* buffer = nullptr;
    CHECK_ACL(aclrtMalloc(&buffer, size, ACL_MEM_MALLOC_HUGE_FIRST));
    aclDataBuffer* dataBuffer = aclCreateDataBuffer(buffer, size);
    if (dataBuffer == nullptr) {
      ERROR_LOG("aclCreateDataBuffer(%zu bytes) failed", size);
      (void)aclrtFree(buffer);
      return FAILED;
    }
    buffers.push_back(buffer);
    CHECK_ACL(aclmdlAddDatasetBuffer(*dataset, dataBuffer));
  }
  return SUCCESS;
}

void DestroyDataset(aclmdlDataset* dataset) {
  if (dataset == nullptr) {
    return;
  }
  for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(dataset); ++i) {
    aclDataBuffer* dataBuffer = aclmdlGetDatasetBuffer(dataset, i);
    void* data = aclGetDataBufferAddr(dataBuffer);
    (void)aclrtFree(data);
    (void)aclDestroyDataBuffer(dataBuffer);
  }
  (void)aclmdlDestroyDataset(dataset);
}

void PrintTop5(const std::string& title, const float* scores, size_t count) {
  std::vector<size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  size_t top = std::min<size_t>(5, count);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                    [scores](size_t a, size_t b) { return scores[a] > scores[b]; });
  printf("======== top5 inference results: %s =============\n", title.c_str());
  for (size_t i = 0; i < top; ++i) {
    printf("[%zu]: %f\n", order[i], scores[order[i]]);
  }
  fflush(stdout);
}

}  // namespace utils
