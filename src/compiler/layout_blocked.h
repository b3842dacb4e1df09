// Blocked-layout assignment (compiler/layout_blocked.cc). It runs on the final graph (after
// output copies/casts are in place, before kernel selection), because it records choices that
// depend on every consumer of a value and on which nodes will run the oneDNN kernels: kernel
// choice, hence the compiler's job rather than a graph pass's.
#pragma once

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

Status AssignBlockedLayouts(Graph& graph);

}  // namespace openacl
