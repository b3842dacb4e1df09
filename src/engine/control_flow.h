// Control-flow ops (If, Loop, Scan) for the dynamic executor: the node's semantics over
// subgraphs run by a callback (the executor supplies the node's outer values itself).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"

namespace openacl::engine {

// Runs the subgraph held by graph attribute `name` on `inputs`.
using SubgraphRunner = std::function<Status(const std::string& name,
                                            const std::vector<Tensor>& inputs,
                                            std::vector<Tensor>* outputs)>;

// `formal` are the node's inputs without its implicit ones (null = omitted optional input).
Status RunIf(const Node& node, const std::vector<const Tensor*>& formal,
             const SubgraphRunner& run, std::vector<Tensor>* outputs);
Status RunLoop(const Node& node, const std::vector<const Tensor*>& formal,
               const SubgraphRunner& run, std::vector<Tensor>* outputs);
// Scan at opset 8 (batched, sequence_lens) and 9+ (axes and directions).
Status RunScan(const Node& node, const std::vector<const Tensor*>& formal,
               const SubgraphRunner& run, std::vector<Tensor>* outputs);

// Tensor helpers (exposed for tests): element `index` along `axis` (the axis removed), and
// the stacking of equally shaped tensors along a new axis at `axis`.
Result<Tensor> TakeAlongAxis(const Tensor& t, int64_t axis, int64_t index);
Result<Tensor> StackAlongAxis(const std::vector<Tensor>& parts, int64_t axis, DType dtype,
                              const Shape& part_shape);

}  // namespace openacl::engine
