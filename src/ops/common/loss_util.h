// Shared by NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss: the NLL reduction over
// log-probabilities of shape (N, C, d1..dk) with integer targets (N, d1..dk).
#pragma once

#include "ops/op_registry.h"

namespace openacl {

struct NllAttrs {
  std::string reduction = "mean";  // none | sum | mean
  bool has_ignore_index = false;
  int64_t ignore_index = 0;
};

Result<NllAttrs> ReadNllAttrs(const Node& node);

// Output 0 dtype/shape: the input's dtype; (N, d1..dk) for reduction none, else a scalar.
Status InferNllOutput(Node& node, const NllAttrs& attrs, const Value* input, const Value* target);

// logp: N*C*D doubles (D = product of d1..dk). target: TensorRef of int32/int64. weight: optional
// C-vector. Writes the loss into out (dtype of out).
Status ComputeNll(const std::vector<double>& logp, const Shape& input_shape,
                  const TensorRef& target, const TensorRef* weight, const NllAttrs& attrs,
                  const TensorRef& out, const std::string& who);

}  // namespace openacl
