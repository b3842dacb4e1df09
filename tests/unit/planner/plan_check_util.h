// An independent checker for MemoryPlan: recomputes placements, view roots and lifetimes from the
// graph and verifies the plan's invariants (no overlap of live values, alignment, bounds).
#pragma once

#include <string>
#include <vector>

#include "ir/graph.h"
#include "planner/memory_plan.h"

namespace openacl {
namespace plan_check {

// Returns a list of violations (empty = plan is valid). `scratch_bytes` is what PlanMemory got.
std::vector<std::string> CheckPlan(const Graph& graph, const MemoryPlan& plan,
                                   uint64_t scratch_bytes);

// Largest total of value bytes live at one node position (the arena can't be smaller).
uint64_t MaxLiveBytes(const Graph& graph);
// Sum of the aligned sizes of all arena root values (a trivial upper bound, without scratch).
uint64_t SumOfArenaRoots(const Graph& graph);

}  // namespace plan_check
}  // namespace openacl
