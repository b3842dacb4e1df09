// Static memory plan: where each value of a compiled graph lives.
#pragma once

#include "base/checked_math.h"
#include <cstdint>
#include <unordered_map>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

enum class Placement : uint8_t {
  kArena = 0,    // offset into the per-execution work arena
  kWeight = 1,   // offset into the weight blob (constants)
  kInput = 2,    // bound to the caller's input buffer `index`
  kOutput = 3,   // bound to the caller's output buffer `index`
  kAlias = 4,    // same memory as value `index` (views: Reshape, Squeeze, ...)
  kNone = 5,     // omitted / unused
};

struct ValuePlan {
  Placement placement = Placement::kNone;
  uint64_t offset = 0;  // kArena / kWeight: byte offset; kAlias: offset of the aliased root
  int32_t index = -1;   // kInput / kOutput: io index; kAlias: index in graph values of the root
  uint64_t nbytes = 0;
};

struct MemoryPlan {
  std::unordered_map<const Value*, ValuePlan> values;
  uint64_t arena_size = 0;     // values + scratch
  uint64_t scratch_offset = 0;  // kernel scratch region (shared: kernels run one at a time)
  uint64_t scratch_size = 0;
  uint64_t weight_size = 0;
};

constexpr uint64_t kPlanAlignment = 64;
// Saturates at UINT64_MAX (no plan of that size fits anywhere, so loads fail on it).
inline uint64_t AlignUp(uint64_t v, uint64_t a = kPlanAlignment) {
  uint64_t r;
  return CheckedRoundUp<uint64_t>(v, a, &r) ? r : UINT64_MAX;
}

// Ops whose output 0 may share its input 0's memory (pure views).
bool IsViewOp(const std::string& op_type);

// Plans `graph` (nodes in execution order, static shapes). `scratch_bytes` is the largest
// kernel scratch of any node.
Result<MemoryPlan> PlanMemory(const Graph& graph, uint64_t scratch_bytes);

// For graphs whose shapes are decided at run time (dynamic executor): places only the graph
// inputs, outputs (0 bytes when the shape is unknown) and weights; other values stay kNone.
Result<MemoryPlan> PlanWeightsAndIO(const Graph& graph);

}  // namespace openacl
