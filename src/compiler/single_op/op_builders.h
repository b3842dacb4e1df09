// Builders behind the mapping table (op_mapping.cc). Generic ones use mapping().onnx_op.
#pragma once

#include "compiler/single_op/op_mapping.h"

namespace openacl::single_op::builders {

using R = Result<std::vector<Value*>>;

// op_builders_basic.cc
R Unary(BuildContext& c);   // y = onnx_op(x)
R Binary(BuildContext& c);  // y = onnx_op(x1, x2)
R Square(BuildContext& c);  // x * x
R Rsqrt(BuildContext& c);   // 1 / sqrt(x)
R SquaredDifference(BuildContext& c);
R LeakyRelu(BuildContext& c);
R Elu(BuildContext& c);
R Relu6(BuildContext& c);
R Cast(BuildContext& c);
R ArgReduceD(BuildContext& c);      // ArgMaxD / ArgMinD: attr dimension
R ArgReduceV2(BuildContext& c);     // ArgMaxV2 / ArgMin: const input dimension
R Softmax(BuildContext& c);         // SoftmaxV2 / LogSoftmaxV2: axes
R ReduceD(BuildContext& c);         // ReduceXxxD: attrs axes, keep_dims
R ReduceSumConst(BuildContext& c);  // ReduceSum: const axes input

// op_builders_tensor.cc
R MatMul(BuildContext& c);       // MatMul / MatMulV2: transpose_x1/x2, optional bias
R BatchMatMul(BuildContext& c);  // adj_x1/adj_x2, optional bias
R Gemm(BuildContext& c);         // GEMM: a, b, c, alpha, beta; transpose_a/b
R Conv2D(BuildContext& c);
R Pool(BuildContext& c);  // MaxPool / AvgPool: ksize, strides, padding, data_format
R TransposeD(BuildContext& c);
R TransposeConst(BuildContext& c);
R TopK(BuildContext& c);
R ConcatD(BuildContext& c);
R SplitD(BuildContext& c);
R Reshape(BuildContext& c);
R Squeeze(BuildContext& c);
R Unsqueeze(BuildContext& c);
R Flatten(BuildContext& c);
R GatherV2(BuildContext& c);

}  // namespace openacl::single_op::builders
