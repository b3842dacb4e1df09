// The table from Caffe layer type to its lowering, one file per layer family.
#pragma once

#include <string>

#include "frontend/caffe/layer_context.h"

namespace openacl {
namespace caffe_frontend {

using LowerFn = Status (*)(LayerContext& ctx);

// Null for a type openacl does not lower.
LowerFn FindLowering(const std::string& type);
// Every supported type, sorted (docs, messages).
std::string SupportedLayerTypes();

// lower_conv.cc
Status LowerConvolution(LayerContext& ctx);
Status LowerDeconvolution(LayerContext& ctx);
// lower_pooling.cc
Status LowerPooling(LayerContext& ctx);
// lower_inner_product.cc
Status LowerInnerProduct(LayerContext& ctx);
// lower_activation.cc
Status LowerReLU(LayerContext& ctx);
Status LowerPReLU(LayerContext& ctx);
Status LowerELU(LayerContext& ctx);
Status LowerSigmoid(LayerContext& ctx);
Status LowerTanH(LayerContext& ctx);
Status LowerAbsVal(LayerContext& ctx);
Status LowerBNLL(LayerContext& ctx);
Status LowerThreshold(LayerContext& ctx);
Status LowerClip(LayerContext& ctx);
// lower_power.cc
Status LowerPower(LayerContext& ctx);
Status LowerExp(LayerContext& ctx);
Status LowerLog(LayerContext& ctx);
// lower_normalization.cc
Status LowerLRN(LayerContext& ctx);
Status LowerBatchNorm(LayerContext& ctx);
Status LowerMVN(LayerContext& ctx);
Status LowerNormalize(LayerContext& ctx);
// lower_scale.cc
Status LowerScale(LayerContext& ctx);
Status LowerBias(LayerContext& ctx);
// lower_eltwise.cc
Status LowerEltwise(LayerContext& ctx);
// lower_shape.cc
Status LowerConcat(LayerContext& ctx);
Status LowerSlice(LayerContext& ctx);
Status LowerSplit(LayerContext& ctx);
Status LowerFlatten(LayerContext& ctx);
Status LowerReshape(LayerContext& ctx);
Status LowerPermute(LayerContext& ctx);
Status LowerCrop(LayerContext& ctx);
Status LowerTile(LayerContext& ctx);
Status LowerDropout(LayerContext& ctx);
// lower_reduce.cc
Status LowerSoftmax(LayerContext& ctx);
Status LowerArgMax(LayerContext& ctx);
Status LowerReduction(LayerContext& ctx);
// lower_resize.cc
Status LowerShuffleChannel(LayerContext& ctx);
Status LowerInterp(LayerContext& ctx);
Status LowerUpsample(LayerContext& ctx);
// lower_prior_box.cc
Status LowerPriorBox(LayerContext& ctx);

}  // namespace caffe_frontend
}  // namespace openacl
