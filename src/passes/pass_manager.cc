#include "passes/pass_manager.h"

namespace openacl {

Status RunOptimizationPasses(Graph& graph) {
  RETURN_IF_ERROR(EliminateIdentities(graph));
  RETURN_IF_ERROR(FoldBatchNormIntoConv(graph));
  RETURN_IF_ERROR(FuseMatMulBias(graph));
  RETURN_IF_ERROR(FuseResidualAdd(graph));
  RETURN_IF_ERROR(FuseActivation(graph));
  graph.RemoveDeadNodes();
  return graph.TopoSort();
}

Status RunLayoutPasses(Graph& graph) { return AssignBlockedLayouts(graph); }

}  // namespace openacl
