// The AIPP facts of a loaded model (aclmdlGetAippType, aclmdlGetFirstAippInfo) and
// aclmdlSetInputAIPP / aclmdlSetAIPPByInputIndex: a dynamic-AIPP parameter set checked against
// the model input it feeds (errors name the parameter) and copied into the dataset's
// ascend_dynamic_aipp_data buffer, which the Aipp node reads at execute.
#include <cstring>
#include <string>

#include "acl/acl_mdl.h"
#include "capi/data_buffer.h"
#include "capi/model_aipp.h"
#include "capi/model_registry.h"
#include "engine/gear_set.h"

using openacl::Result;
using openacl::Status;
using openacl::StatusCode;
namespace capi = openacl::capi;
namespace aipp = openacl::aipp;

namespace openacl::capi {

Result<AippInputInfo> AippInfoOfInput(const engine::LoadedModel& loaded, size_t index) {
  const CompiledModel& model = loaded.model();
  if (index >= model.inputs.size())
    return InvalidParam("input index " + std::to_string(index) + " out of range (model has " +
                        std::to_string(model.inputs.size()) + " inputs)");
  AippInputInfo info;
  info.type = ACL_DATA_WITHOUT_AIPP;
  // A gear model keeps one plan per gear (the gear input last, outside the plans): the AIPP
  // node of the largest gear speaks for the model.
  const CompiledModel* plan = &model;
  if (const engine::GearSet* gears = loaded.gears()) {
    for (size_t i = 0; i < gears->num_gears(); ++i) {
      const Graph* pg = gears->plan(i).graph.get();
      if (!pg || pg->inputs.empty() || !pg->inputs[0]->has_shape) continue;
      if (plan == &model || pg->inputs[0]->shape[0] > plan->graph->inputs[0]->shape[0])
        plan = &gears->plan(i);
    }
  }
  info.gears = plan != &model;
  const Graph* g = plan->graph.get();
  if (!g || index >= g->inputs.size()) return info;
  const Value* v = g->inputs[index];
  for (const auto& n : g->nodes()) {
    if (n->op_type != "Aipp") continue;
    bool dynamic = n->attrs.get_string("aipp_mode") == "dynamic";
    if (n->input(0) == v) {
      info.node = n.get();
      info.type = dynamic ? ACL_DATA_WITH_DYNAMIC_AIPP : ACL_DATA_WITH_STATIC_AIPP;
      for (size_t i = 0; dynamic && i < g->inputs.size(); ++i)
        if (g->inputs[i] == n->input(1)) info.attached = i;
      return info;
    }
    if (dynamic && n->input(1) == v) {
      info.node = n.get();
      info.type = ACL_DYNAMIC_AIPP_NODE;
      return info;
    }
  }
  return info;
}

}  // namespace openacl::capi

namespace {

// Params of one batch record of `set` (the header shared by all images).
Result<aipp::Params> RecordParams(const aclmdlAIPP& set, size_t b) {
  std::vector<uint8_t> one(aipp::DynamicDataSize(1));
  std::memcpy(one.data(), &set.header, sizeof(set.header));
  std::memcpy(one.data() + sizeof(set.header), &set.batches[b], sizeof(set.batches[b]));
  reinterpret_cast<aipp::DynamicHeader*>(one.data())->batch_num = 1;
  return aipp::DecodeDynamic(one.data(), one.size(), 0);
}

Status CheckAgainstModel(const aclmdlAIPP& set, const openacl::Node& node, bool gears) {
  std::vector<int64_t> chw = node.attrs.get_ints("output_chw");
  const int64_t max_src = node.attrs.get_int("max_src_image_size");
  const int64_t model_batch = node.input(0)->shape[0];
  if (set.header.input_format == 0)
    return openacl::InvalidParam("the input format was never set (aclmdlSetAIPPInputFormat)");
  if (gears ? static_cast<int64_t>(set.batch_size) > model_batch
            : static_cast<int64_t>(set.batch_size) != model_batch)
    return openacl::InvalidParam("the parameter set was made for batch " +
                                 std::to_string(set.batch_size) +
                                 " (aclmdlCreateAIPP) but the model input has batch " + std::string(gears ? "at most " : "") +
                                 std::to_string(model_batch));
  if (set.header.src_image_size_w == 0 || set.header.src_image_size_h == 0)
    return openacl::InvalidParam("the source image size was never set (aclmdlSetAIPPSrcImageSize)");
  for (size_t b = 0; b < set.batches.size(); ++b) {
    ASSIGN_OR_RETURN(aipp::Params p, RecordParams(set, b));
    std::string where = "batchIndex " + std::to_string(b) + ": ";
    if (auto e = aipp::CheckParams(p, chw[1], chw[2], chw[0]))
      return openacl::InvalidParam(where + "parameter " + e->field + ": " + e->message);
    int64_t bytes = aipp::ImageBytes(p.format, p.src_w, p.src_h);
    if (bytes > max_src)
      return openacl::InvalidParam(where + "a " + std::to_string(p.src_w) + " x " +
                                   std::to_string(p.src_h) + " " + aipp::FormatName(p.format) +
                                   " image is " + std::to_string(bytes) +
                                   " bytes, more than the model's max_src_image_size " +
                                   std::to_string(max_src));
  }
  return Status::Ok();
}

Status SetInputAipp(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                    const aclmdlAIPP* set) {
  RETURN_IF_ERROR(capi::AippRegistry().Check(set, "aippParmsSet", "aclmdlAIPP"));
  RETURN_IF_ERROR(capi::DatasetRegistry().Check(dataset, "dataset", "aclmdlDataset"));
  ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
  ASSIGN_OR_RETURN(capi::AippInputInfo info, capi::AippInfoOfInput(*model, index));
  if (info.type != ACL_DYNAMIC_AIPP_NODE)
    return openacl::InvalidParam("input " + std::to_string(index) + " of model " +
                                 std::to_string(modelId) + " is not the dynamic AIPP input (" +
                                 aipp::kDynamicInputName + ")");
  Status st = CheckAgainstModel(*set, *info.node, info.gears);
  if (!st.ok()) return st;
  if (index >= dataset->buffers.size() || !dataset->buffers[index])
    return openacl::InvalidParam("the dataset has no buffer at index " + std::to_string(index) +
                                 " (add the ascend_dynamic_aipp_data buffer first)");
  const aclDataBuffer* buf = dataset->buffers[index];
  RETURN_IF_ERROR(capi::DataBufferRegistry().Check(buf, "dataset buffer", "aclDataBuffer"));
  const size_t need = aipp::DynamicDataSize(set->batch_size);
  if (!buf->data || buf->size < need)
    return openacl::InvalidParam("the buffer at index " + std::to_string(index) + " holds " +
                                 std::to_string(buf->size) + " bytes; the parameters need " +
                                 std::to_string(need) + " (aclmdlGetAippDataSize)");
  auto* dst = static_cast<uint8_t*>(buf->data);
  std::memcpy(dst, &set->header, sizeof(set->header));
  std::memcpy(dst + sizeof(set->header), set->batches.data(),
              set->batches.size() * sizeof(aipp::DynamicBatch));
  return Status::Ok();
}

void FillDims(aclmdlIODims* d, const std::string& name, const openacl::Shape& shape) {
  std::memset(d, 0, sizeof(*d));
  std::strncpy(d->name, name.c_str(), ACL_MAX_TENSOR_NAME_LEN - 1);
  d->dimCount = shape.size();
  for (size_t i = 0; i < shape.size() && i < ACL_MAX_DIM_CNT; ++i) d->dims[i] = shape[i];
}

void FillStatic(const aipp::Params& p, aclAippInfo* a) {
  a->inputFormat = static_cast<aclAippInputFormat>(p.format);
  a->srcImageSizeW = p.src_w;
  a->srcImageSizeH = p.src_h;
  a->cropSwitch = p.crop;
  a->loadStartPosW = p.crop_x;
  a->loadStartPosH = p.crop_y;
  a->cropSizeW = p.crop_w;
  a->cropSizeH = p.crop_h;
  a->resizeSwitch = p.resize;
  a->resizeOutputW = p.resize_w;
  a->resizeOutputH = p.resize_h;
  a->paddingSwitch = p.padding;
  a->leftPaddingSize = p.pad_left;
  a->rightPaddingSize = p.pad_right;
  a->topPaddingSize = p.pad_top;
  a->bottomPaddingSize = p.pad_bottom;
  a->cscSwitch = p.csc;
  a->rbuvSwapSwitch = p.rbuv_swap;
  a->axSwapSwitch = p.ax_swap;
  a->singleLineMode = 0;
  int32_t* m[9] = {&a->matrixR0C0, &a->matrixR0C1, &a->matrixR0C2, &a->matrixR1C0, &a->matrixR1C1,
                   &a->matrixR1C2, &a->matrixR2C0, &a->matrixR2C1, &a->matrixR2C2};
  for (int i = 0; i < 9; ++i) *m[i] = p.matrix[i];
  int32_t* ob[3] = {&a->outputBias0, &a->outputBias1, &a->outputBias2};
  int32_t* ib[3] = {&a->inputBias0, &a->inputBias1, &a->inputBias2};
  for (int i = 0; i < 3; ++i) *ob[i] = p.out_bias[i], *ib[i] = p.in_bias[i];
  int32_t* mean[4] = {&a->meanChn0, &a->meanChn1, &a->meanChn2, &a->meanChn3};
  float* mn[4] = {&a->minChn0, &a->minChn1, &a->minChn2, &a->minChn3};
  float* vr[4] = {&a->varReciChn0, &a->varReciChn1, &a->varReciChn2, &a->varReciChn3};
  for (int i = 0; i < 4; ++i) {
    *mean[i] = static_cast<int32_t>(p.mean[i]);
    *mn[i] = p.min[i];
    *vr[i] = p.var_reci[i];
  }
}

}  // namespace

aclError aclmdlSetInputAIPP(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                            const aclmdlAIPP* aippParmsSet) {
  return capi::Guard(__func__, [&] { return SetInputAipp(modelId, dataset, index, aippParmsSet); });
}

aclError aclmdlSetAIPPByInputIndex(uint32_t modelId, aclmdlDataset* dataset, size_t index,
                                   const aclmdlAIPP* aippParmsSet) {
  return capi::Guard(__func__, [&]() -> Status {
    RETURN_IF_ERROR(capi::AippRegistry().Check(aippParmsSet, "aippParmsSet", "aclmdlAIPP"));
    ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
    ASSIGN_OR_RETURN(capi::AippInputInfo info, capi::AippInfoOfInput(*model, index));
    if (info.type != ACL_DATA_WITH_DYNAMIC_AIPP)
      return Status(StatusCode::kFailure, "input " + std::to_string(index) + " of model " +
                                              std::to_string(modelId) +
                                              " has no dynamic AIPP attached");
    return SetInputAipp(modelId, dataset, info.attached, aippParmsSet);
  });
}

aclError aclmdlGetAippType(uint32_t modelId, size_t index, aclmdlInputAippType* type,
                           size_t* dynamicAttachedDataIndex) {
  return capi::Guard(__func__, [&]() -> Status {
    CHECK_OR_RETURN(type != nullptr && dynamicAttachedDataIndex != nullptr, kInvalidParam,
                    "type or dynamicAttachedDataIndex is null");
    ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
    ASSIGN_OR_RETURN(capi::AippInputInfo info, capi::AippInfoOfInput(*model, index));
    *type = static_cast<aclmdlInputAippType>(info.type);
    *dynamicAttachedDataIndex = info.attached;
    return Status::Ok();
  });
}

aclError aclmdlGetFirstAippInfo(uint32_t modelId, size_t index, aclAippInfo* aippInfo) {
  return capi::Guard(__func__, [&]() -> Status {
    CHECK_OR_RETURN(aippInfo != nullptr, kInvalidParam, "aippInfo is null");
    ASSIGN_OR_RETURN(auto model, capi::FindModel(modelId));
    ASSIGN_OR_RETURN(capi::AippInputInfo info, capi::AippInfoOfInput(*model, index));
    if (info.type == ACL_DATA_WITHOUT_AIPP)
      return Status(StatusCode::kAippNotExist,
                    "input " + std::to_string(index) + " of model " + std::to_string(modelId) +
                        " has no AIPP");
    if (info.type == ACL_DYNAMIC_AIPP_NODE)
      return Status(StatusCode::kAippNotExist,
                    "input " + std::to_string(index) +
                        " is the dynamic AIPP parameter input, not an image input");
    std::memset(aippInfo, 0, sizeof(*aippInfo));
    const openacl::Node& node = *info.node;
    if (info.type == ACL_DATA_WITH_STATIC_AIPP) {
      ASSIGN_OR_RETURN(aipp::Params p, aipp::FromAttrs(node.attrs));
      FillStatic(p, aippInfo);
    }
    const openacl::Value* in = node.input(0);
    aippInfo->srcFormat = info.type == ACL_DATA_WITH_STATIC_AIPP ? ACL_FORMAT_NHWC : ACL_FORMAT_ND;
    aippInfo->srcDatatype = ACL_UINT8;
    aippInfo->srcDimNum = in->shape.size();
    aippInfo->shapeCount = 1;
    aclAippDims& d = aippInfo->outDims[0];
    FillDims(&d.srcDims, in->name, in->shape);
    d.srcSize = in->nbytes();
    const openacl::Value* out = node.output(0);
    FillDims(&d.aippOutdims, in->name, out->shape);
    d.aippOutSize = out->nbytes();
    aippInfo->aippExtend = nullptr;
    return Status::Ok();
  });
}
