#include "frontend/caffe/layer_table.h"

#include <algorithm>
#include <vector>

namespace openacl {
namespace caffe_frontend {
namespace {

struct Entry {
  const char* type;
  LowerFn lower;
};

const Entry kLowerings[] = {
    {"Convolution", LowerConvolution},
    {"Deconvolution", LowerDeconvolution},
    {"Pooling", LowerPooling},
    {"InnerProduct", LowerInnerProduct},
    {"ReLU", LowerReLU},
    {"PReLU", LowerPReLU},
    {"ELU", LowerELU},
    {"Sigmoid", LowerSigmoid},
    {"TanH", LowerTanH},
    {"AbsVal", LowerAbsVal},
    {"BNLL", LowerBNLL},
    {"Threshold", LowerThreshold},
    {"Clip", LowerClip},
    {"Power", LowerPower},
    {"Exp", LowerExp},
    {"Log", LowerLog},
    {"LRN", LowerLRN},
    {"BatchNorm", LowerBatchNorm},
    {"MVN", LowerMVN},
    {"Normalize", LowerNormalize},
    {"Scale", LowerScale},
    {"Bias", LowerBias},
    {"Eltwise", LowerEltwise},
    {"Concat", LowerConcat},
    {"Slice", LowerSlice},
    {"Split", LowerSplit},
    {"Flatten", LowerFlatten},
    {"Reshape", LowerReshape},
    {"Permute", LowerPermute},
    {"Crop", LowerCrop},
    {"Tile", LowerTile},
    {"Dropout", LowerDropout},
    {"Softmax", LowerSoftmax},
    {"ArgMax", LowerArgMax},
    {"Reduction", LowerReduction},
    {"ShuffleChannel", LowerShuffleChannel},
    {"Interp", LowerInterp},
    {"Upsample", LowerUpsample},
    {"PriorBox", LowerPriorBox},
};

}  // namespace

LowerFn FindLowering(const std::string& type) {
  for (const Entry& e : kLowerings)
    if (type == e.type) return e.lower;
  return nullptr;
}

std::string SupportedLayerTypes() {
  std::vector<std::string> names;
  for (const Entry& e : kLowerings) names.push_back(e.type);
  std::sort(names.begin(), names.end());
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace caffe_frontend
}  // namespace openacl
