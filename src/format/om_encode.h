// Internal to format/: builds the parts of an .om image (header + metadata, weight section).
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "format/compiled_model.h"

namespace openacl {

struct OmImage {
  // Header, flatbuffer and zero padding up to the weight section (weight_offset bytes).
  std::vector<uint8_t> head;
  // The weight section: either borrowed from CompiledModel::weights or built into owned_weights.
  const uint8_t* weights = nullptr;
  uint64_t weight_size = 0;
  std::vector<uint8_t> owned_weights;
};

// Encodes `model`. Errors (kInvalidParam) name the value / node / attribute that cannot be
// stored: graph attributes, weight-placed values without data, out-of-range plan entries.
Result<OmImage> EncodeOm(const CompiledModel& model);

}  // namespace openacl
