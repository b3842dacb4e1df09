// Runs the optimization passes in order. Each pass is one file with one entry point.
#pragma once

#include "base/status.h"
#include "ir/graph.h"

namespace openacl {

Status EliminateIdentities(Graph& graph);    // passes/eliminate_identity.cc
Status FoldBatchNormIntoConv(Graph& graph);  // passes/fold_batchnorm.cc
Status FuseResidualAdd(Graph& graph);        // passes/fuse_residual_add.cc
Status FuseActivation(Graph& graph);         // passes/fuse_activation.cc
Status FuseMatMulBias(Graph& graph);         // passes/fuse_matmul_bias.cc
Status FoldConvAffine(Graph& graph);         // passes/fold_conv_affine.cc
Status FuseHardSwish(Graph& graph);          // passes/fuse_hardswish.cc
Status FusePostAffine(Graph& graph);         // passes/fuse_post_affine.cc
Status FuseLayerNorm(Graph& graph);          // passes/fuse_layer_norm.cc
Status FuseGateResidual(Graph& graph);       // passes/fuse_gate_residual.cc
Status TransposeToReshape(Graph& graph);     // passes/transpose_to_reshape.cc

Status RunOptimizationPasses(Graph& graph);
}  // namespace openacl
