#include "passes/pass_manager.h"

namespace openacl {

Status RunOptimizationPasses(Graph& graph) {
  RETURN_IF_ERROR(EliminateIdentities(graph));
  // Affine folding before and after BN folding: Conv -> Add(bias) -> BN and Conv -> BN -> Mul.
  RETURN_IF_ERROR(FoldConvAffine(graph));
  RETURN_IF_ERROR(FoldBatchNormIntoConv(graph));
  RETURN_IF_ERROR(FoldConvAffine(graph));
  RETURN_IF_ERROR(FuseHardSwish(graph));
  RETURN_IF_ERROR(FuseLayerNorm(graph));
  RETURN_IF_ERROR(FuseMatMulBias(graph));
  RETURN_IF_ERROR(FuseResidualAdd(graph));
  RETURN_IF_ERROR(FuseActivation(graph));
  RETURN_IF_ERROR(FusePostAffine(graph));
  RETURN_IF_ERROR(FuseGateResidual(graph));
  RETURN_IF_ERROR(TransposeToReshape(graph));
  graph.RemoveDeadNodes();
  return graph.TopoSort();
}

}  // namespace openacl
