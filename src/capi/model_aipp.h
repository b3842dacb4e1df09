// The dynamic-AIPP parameter set (aclmdlAIPP) and the AIPP facts of a loaded model's inputs,
// shared by capi/model_aipp.cc (handle + setters) and capi/model_aipp_query.cc (queries,
// aclmdlSetInputAIPP).
#pragma once

#include <cstdint>
#include <vector>

#include "capi/guard.h"
#include "engine/loaded_model.h"
#include "format/compiled_model.h"
#include "ops/common/aipp_params.h"

struct aclmdlAIPP {
  uint64_t batch_size = 0;
  openacl::aipp::DynamicHeader header{};
  std::vector<openacl::aipp::DynamicBatch> batches;
};

namespace openacl::capi {

LiveSet<aclmdlAIPP>& AippRegistry();

// What a model input is for AIPP (aclmdlInputAippType) and the node that says so.
struct AippInputInfo {
  int type = 0;              // ACL_DATA_WITHOUT_AIPP / _WITH_STATIC_ / _WITH_DYNAMIC_ / _NODE
  size_t attached = 0xFFFFFFFFu;  // dynamic: index of the parameter input
  const Node* node = nullptr;
  bool gears = false;  // the node is the largest gear's (dynamic batch: batch sizes up to it)
};
// kInvalidParam when `index` is out of range.
Result<AippInputInfo> AippInfoOfInput(const engine::LoadedModel& model, size_t index);

}  // namespace openacl::capi
