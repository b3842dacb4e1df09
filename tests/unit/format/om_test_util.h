// Shared helpers of the format tests: a hand-built compiled model touching every feature of the
// container, and a checksum fixer for crafting hostile-but-checksummed files.
#pragma once

#include <cstdint>
#include <vector>

#include "format/compiled_model.h"

namespace openacl {
namespace testing_om {

// Graph: x(input) * w(weight) -> t(arena) -Reshape(shape: weight)-> r(alias of t)
//        -Custom(r, <omitted>, b: weight; attributes of every kind)-> y(output), <omitted>
// plus a constant no node reads, "unused" (unplanned, stored inline).
CompiledModel SampleModel();

// Recomputes the three checksums of an .om image after it was edited.
void FixChecksums(std::vector<uint8_t>* image);

// Expects two models to be equal in every stored field (gtest assertions).
void ExpectSameModel(const CompiledModel& a, const CompiledModel& b);

}  // namespace testing_om
}  // namespace openacl
