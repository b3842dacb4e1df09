// msame --dymBatch N, --dymHW h,w, --dymDims "name:d0,d1;name2:...": the gear is set on the input
// dataset once, through the model's ascend_mbatch_shape_data input, as msame does.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "msame_model.h"

namespace msame {
namespace {

bool ParseUnsigned(const std::string& text, uint64_t* out) {
  if (text.empty() || text.size() > 12 || text.find_first_not_of("0123456789") != std::string::npos)
    return false;
  *out = std::strtoull(text.c_str(), nullptr, 10);
  return true;
}

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

bool ModelRunner::ApplyGear(const std::string& dym_batch, const std::string& dym_hw,
                            const std::string& dym_dims) {
  if (dym_batch.empty() && dym_hw.empty() && dym_dims.empty()) return true;
  size_t index = 0;
  if (aclmdlGetInputIndexByName(desc_, ACL_DYNAMIC_TENSOR_NAME, &index) != ACL_SUCCESS) {
    std::printf("[ERROR] the model has no dynamic gears (no %s input); --dymBatch, --dymHW and "
                "--dymDims need a model compiled with gears\n", ACL_DYNAMIC_TENSOR_NAME);
    return false;
  }
  aclError ret = ACL_SUCCESS;
  if (!dym_batch.empty()) {
    uint64_t batch = 0;
    if (!ParseUnsigned(dym_batch, &batch) || batch == 0) {
      std::printf("[ERROR] --dymBatch %s: expected a positive batch size\n", dym_batch.c_str());
      return false;
    }
    ret = aclmdlSetDynamicBatchSize(model_id_, input_, index, batch);
    if (ret != ACL_SUCCESS) PrintAclError("aclmdlSetDynamicBatchSize", ret);
  } else if (!dym_hw.empty()) {
    std::vector<std::string> hw = Split(dym_hw, ',');
    uint64_t h = 0, w = 0;
    if (hw.size() != 2 || !ParseUnsigned(hw[0], &h) || !ParseUnsigned(hw[1], &w)) {
      std::printf("[ERROR] --dymHW %s: expected height,width\n", dym_hw.c_str());
      return false;
    }
    ret = aclmdlSetDynamicHWSize(model_id_, input_, index, h, w);
    if (ret != ACL_SUCCESS) PrintAclError("aclmdlSetDynamicHWSize", ret);
  } else {
    // "name:d0,d1;name2:..." -> every input's full shape, concatenated in model input order.
    aclmdlIODims dims = {};
    std::vector<std::string> entries = Split(dym_dims, ';');
    for (size_t i = 0; i < inputs_.size(); ++i) {
      if (i == index) continue;
      std::string shape;
      for (const std::string& e : entries) {
        size_t colon = e.rfind(':');
        if (colon != std::string::npos && e.substr(0, colon) == inputs_[i].name)
          shape = e.substr(colon + 1);
      }
      if (shape.empty()) {
        std::printf("[ERROR] --dymDims %s gives no shape for input '%s'\n", dym_dims.c_str(),
                    inputs_[i].name.c_str());
        return false;
      }
      for (const std::string& d : Split(shape, ',')) {
        uint64_t v = 0;
        if (!ParseUnsigned(d, &v) || dims.dimCount >= ACL_MAX_DIM_CNT) {
          std::printf("[ERROR] --dymDims %s: bad dim '%s'\n", dym_dims.c_str(), d.c_str());
          return false;
        }
        dims.dims[dims.dimCount++] = static_cast<int64_t>(v);
      }
    }
    ret = aclmdlSetInputDynamicDims(model_id_, input_, index, &dims);
    if (ret != ACL_SUCCESS) PrintAclError("aclmdlSetInputDynamicDims", ret);
  }
  if (ret != ACL_SUCCESS) return false;
  std::printf("[INFO] set dynamic gear success\n");
  return true;
}

}  // namespace msame
