// Executes a graph whose shapes are decided at run time (CompiledModel::data_dependent_shapes):
// shape operands fed by graph inputs, ops such as NonZero whose output shape depends on values.
// Node by node, each node's output shapes are inferred from the actual inputs; kernels are
// prepared per distinct input signature (dtypes, shapes and the values of small inputs) and
// cached, so a repeated signature costs no preparation; values are allocated per run and freed
// after their last use. Unlike the static path this allocates on every run.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "ir/graph.h"
#include "ops/kernel.h"

namespace openacl::engine {

class DynamicExecutor {
 public:
  // `graph` (nodes in execution order) must outlive the executor; the executor uses its Values
  // as scratch for shape inference, so nothing else may use the graph's shapes concurrently.
  static Result<std::unique_ptr<DynamicExecutor>> Create(Graph& graph);
  // For a control-flow subgraph: values it reads from enclosing scopes are named by
  // `outer_names` (the node's implicit inputs) and supplied per run; its inputs may have any shape.
  static Result<std::unique_ptr<DynamicExecutor>> CreateSubgraph(
      Graph& graph, const std::vector<std::string>& outer_names);
  ~DynamicExecutor();

  // Runs one inference. `inputs[i]` holds graph input i with the graph's static input shape.
  // Runs are serialized (one at a time per executor).
  // `node_ns`, when given, receives each top-level node's time (ns) of this run (profiling).
  Status Run(const void* const* inputs, std::vector<Tensor>* outputs,
             std::vector<int64_t>* node_ns = nullptr);
  // Runs with input tensors of any shape; `outer[k]` is the value of outer_names[k].
  Status RunTensors(const std::vector<Tensor>& inputs, const std::vector<const Tensor*>& outer,
                    std::vector<Tensor>* outputs);

 private:
  struct CachedKernel;
  struct NodeState;
  enum class BindLevel;
  static bool Binds(BindLevel level, const Tensor& t);

  explicit DynamicExecutor(Graph& graph);
  Status Prepare(const std::vector<std::string>* outer_names);
  Status PrepareSubgraphs(NodeState& st);
  Status RunLocked(std::vector<Tensor>& values, std::vector<Tensor>* outputs,
                   std::vector<int64_t>* node_ns = nullptr);
  Status RunNode(size_t n, std::vector<Tensor>& values);
  Status RunControlFlow(NodeState& st, const std::vector<const Tensor*>& ins,
                        std::vector<Tensor>& values);
  Result<const CachedKernel*> KernelFor(size_t n, const std::vector<const Tensor*>& inputs);

  Graph& graph_;
  std::mutex mutex_;
  std::vector<int32_t> value_index_of_input_;   // parallel to graph inputs
  std::vector<int32_t> output_value_index_;     // parallel to graph outputs
  std::vector<int32_t> outer_value_index_;      // parallel to outer names (-1 = unused here)
  bool is_subgraph_ = false;
  std::vector<std::unique_ptr<NodeState>> nodes_;  // parallel to graph nodes
  std::vector<bool> is_constant_;                 // parallel to graph values (at load)
  std::vector<int32_t> uses_;                     // consumers per value, graph outputs count
  std::vector<int32_t> remaining_;                // per run
  std::unique_ptr<uint8_t, void (*)(void*)> scratch_;
  size_t scratch_size_ = 0;
  uint64_t tick_ = 0;
};

}  // namespace openacl::engine
