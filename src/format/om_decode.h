// Internal to format/: turns a verified flatbuffer into a CompiledModel, checking every index,
// offset, size and enum so that a hostile file cannot cause out-of-bounds access later.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "base/status.h"
#include "format/compiled_model.h"
#include "format/om_schema_generated.h"

namespace openacl {

// `weights` points at the weight section (weight_size bytes) and keeps it alive; constants
// placed in it become Tensors aliasing it. Errors are kDeserializeModel (or
// kFeatureUnsupported for sections this build cannot run) without a location prefix.
Result<CompiledModel> DecodeOmModel(const om::Model& fb, std::shared_ptr<const uint8_t> weights,
                                    uint64_t weight_size);

// The gears of a gear model (om_decode_gears.cc): decodes each gear's plan over the same weight
// section and checks it against the app-visible description already in `model` (a plan never
// reads or writes past the buffers sized by that description).
Status DecodeGears(const om::DynamicInfo& info, const std::shared_ptr<const uint8_t>& weights,
                   uint64_t weight_size, CompiledModel* model);

// The I/O descriptions alone (used by PeekOm as well).
Result<std::vector<IODesc>> DecodeIODescs(
    const flatbuffers::Vector<flatbuffers::Offset<om::IODesc>>* v, const char* what,
    bool allow_undefined_dtype = false);

}  // namespace openacl
