// msame --debug output: the model description (as msame prints it) and, after an execute, the
// shapes of outputs whose size is decided at run time.
#include <cstdio>

#include "msame_model.h"

namespace msame {
namespace {

std::vector<int64_t> ToVector(const aclmdlIODims& d) {
  return std::vector<int64_t>(d.dims, d.dims + d.dimCount);
}

std::string DimsLine(const std::vector<int64_t>& dims) {
  std::string s;
  for (int64_t d : dims) s += std::to_string(d) + " ";
  return s;
}

}  // namespace

void ModelRunner::PrintDesc() const {
  std::printf("[DEBUG] start print model description\n");
  std::printf("[DEBUG] NumInputs: %zu\n[DEBUG] NumOutputs: %zu\n", inputs_.size(), outputs_.size());
  auto print = [](const char* side, size_t i, const IoDesc& d) {
    std::printf("[DEBUG] the size of %zu %s: %zu%s\n", i, side, d.size,
                d.dynamic ? " (decided at run time)" : "");
    std::printf("[DEBUG] the dims of %zu %s:\n%s\n", i, side, DimsLine(d.dims).c_str());
    std::printf("[DEBUG] the name of %zu %s: %s\n", i, side, d.name.c_str());
    std::printf("[DEBUG] the Format of %zu %s: %d\n", i, side, static_cast<int>(d.format));
    std::printf("[DEBUG] the DataType of %zu %s: %d (%s)\n", i, side, static_cast<int>(d.dtype),
                DTypeName(d.dtype).c_str());
  };
  for (size_t i = 0; i < inputs_.size(); ++i) print("input", i, inputs_[i]);
  for (size_t i = 0; i < outputs_.size(); ++i) {
    aclmdlIODims max_dims;
    if (aclmdlGetOutputDims(desc_, i, &max_dims) == ACL_SUCCESS)
      std::printf("[DEBUG] the max dims of %zu output:\n%s\n", i,
                  DimsLine(ToVector(max_dims)).c_str());
    print("output", i, outputs_[i]);
  }
  aclmdlBatch batch;
  aclmdlHW hw;
  size_t gears = 0;
  bool dynamic = false;
  if (aclmdlGetDynamicBatch(desc_, &batch) == ACL_SUCCESS && batch.batchCount > 0) {
    dynamic = true;
    std::printf("[DEBUG] DynamicBatch:\n");
    for (size_t i = 0; i < batch.batchCount; ++i)
      std::printf("%llu ", (unsigned long long)batch.batch[i]);
    std::printf("\n");
  }
  if (aclmdlGetDynamicHW(desc_, static_cast<size_t>(-1), &hw) == ACL_SUCCESS && hw.hwCount > 0) {
    dynamic = true;
    std::printf("[DEBUG] DynamicHW:\n");
    for (size_t i = 0; i < hw.hwCount; ++i)
      std::printf("%llu,%llu ", (unsigned long long)hw.hw[i][0], (unsigned long long)hw.hw[i][1]);
    std::printf("\n");
  }
  if (aclmdlGetInputDynamicGearCount(desc_, static_cast<size_t>(-1), &gears) == ACL_SUCCESS &&
      gears > 0) {
    dynamic = true;
    std::vector<aclmdlIODims> dims(gears);
    if (aclmdlGetInputDynamicDims(desc_, static_cast<size_t>(-1), dims.data(), gears) ==
        ACL_SUCCESS) {
      std::printf("[DEBUG] DynamicDims: %zu gears\n", gears);
      for (size_t g = 0; g < gears; ++g)
        std::printf("[DEBUG]   gear %zu: %s\n", g, DimsLine(ToVector(dims[g])).c_str());
    }
  }
  if (!dynamic) std::printf("[DEBUG] dynamic gears: none (static model)\n");
  std::printf("[DEBUG] end print model description\n");
}

void ModelRunner::PrintRunOutputs() const {
  for (size_t i = 0; i < outputs_.size(); ++i) {
    if (!outputs_[i].dynamic) continue;
    RunOutput r = CurrentOutput(i);
    std::printf("[DEBUG] output %zu ('%s') this run: dims [%s], %s, %zu bytes (buffer %zu)\n", i,
                outputs_[i].name.c_str(), DimsText(r.dims).c_str(), DTypeName(r.dtype).c_str(),
                r.bytes, output_bytes_[i]);
  }
}

}  // namespace msame
