// The per-execution state of one plan: a work arena and the TensorRef table bound to it.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <vector>

#include "ops/kernel.h"

namespace openacl::engine {

class ExecutionContext {
 public:
  uint8_t* arena = nullptr;
  bool owns_arena = false;
  std::vector<TensorRef> refs;
  ~ExecutionContext() {
    if (owns_arena) std::free(arena);
  }
};

}  // namespace openacl::engine
