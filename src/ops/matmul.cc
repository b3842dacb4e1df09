// MatMul (opset 1/9/13): numpy matmul with batch broadcasting and 1-D operands, plus the fusion
// attributes (fused_bias [N], residual sum, activation) of ops/common/fusion_attrs.h.
#include <vector>

#include "ops/common/fusion_attrs.h"
#include "ops/common/matmul_util.h"
#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

Status InferMatMul(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  ASSIGN_OR_RETURN(MatMulShape s,
                   ComputeMatMulShape(node, node.inputs[0]->shape, node.inputs[1]->shape));
  ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 2));
  DType t = node.inputs[0]->dtype;
  if (node.inputs[1]->dtype != t)
    return Status(StatusCode::kUnsupportedDataType, node.Describe() + ": input types differ");
  if (f.bias) {
    const Value* b = node.inputs[f.bias_input];
    if (b->dtype != t || b->shape != Shape{s.N})
      return Status(StatusCode::kOpInputNotMatch, node.Describe() + ": fused bias " +
                                                      ShapeToString(b->shape) + " must be [" +
                                                      std::to_string(s.N) + "]");
  }
  RETURN_IF_ERROR(CheckResidual(node, f, s.out_shape, t));
  SetOutput(node, 0, t, s.out_shape);
  return Status::Ok();
}

class MatMulReference : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(s_, ComputeMatMulShape(node, node.inputs[0]->shape, node.inputs[1]->shape));
    ASSIGN_OR_RETURN(f_, ParseFusionAttrs(node, 2));
    // Offsets of each output batch's A and B matrices (broadcast).
    size_t nb = s_.out_full.size() - 2;
    a_off_.resize(s_.batch);
    b_off_.resize(s_.batch);
    for (int64_t i = 0; i < s_.batch; ++i) {
      int64_t rem = i, ia = 0, ib = 0, sa = s_.M * s_.K, sb = s_.K * s_.N;
      for (size_t d = nb; d-- > 0;) {
        int64_t idx = rem % s_.out_full[d];
        rem /= s_.out_full[d];
        if (s_.a_full[d] != 1) ia += idx * sa;
        if (s_.b_full[d] != 1) ib += idx * sb;
        sa *= s_.a_full[d];
        sb *= s_.b_full[d];
      }
      a_off_[i] = ia;
      b_off_[i] = ib;
    }
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    return DispatchProductTypes(io.in(0).dtype, "MatMul", [&](auto t, auto acc) {
      Compute<decltype(t), decltype(acc)>(io);
    });
  }

 private:
  template <typename T, typename Acc>
  void Compute(const KernelIO& io) const {
    const T* a = io.in(0).as<const T>();
    const T* b = io.in(1).as<const T>();
    const T* bias = f_.bias ? io.in(f_.bias_input).as<const T>() : nullptr;
    const T* r = f_.sum ? io.in(f_.sum_input).as<const T>() : nullptr;
    T* y = io.out(0).as<T>();
    const int64_t M = s_.M, N = s_.N, K = s_.K;
#pragma omp parallel for collapse(2)
    for (int64_t bi = 0; bi < s_.batch; ++bi) {
      for (int64_t i = 0; i < M; ++i) {
        const T* ar = a + a_off_[bi] + i * K;
        const T* bm = b + b_off_[bi];
        for (int64_t j = 0; j < N; ++j) {
          Acc acc = 0;
          for (int64_t k = 0; k < K; ++k)
            acc += static_cast<Acc>(ar[k]) * static_cast<Acc>(bm[k * N + j]);
          int64_t yi = (bi * M + i) * N + j;
          double v = static_cast<double>(acc);
          if (bias) v += static_cast<double>(bias[j]);
          if (r) v += static_cast<double>(r[yi]);
          y[yi] = f_.act.active() ? static_cast<T>(f_.act.Apply(v))
                                  : (bias || r ? static_cast<T>(v) : static_cast<T>(acc));
        }
      }
    }
  }

  MatMulShape s_;
  FusionAttrs f_;
  std::vector<int64_t> a_off_, b_off_;
};

}  // namespace

void RegisterOp_MatMul(OpRegistry& registry) {
  OpSchema s;
  s.name = "MatMul";
  s.min_opset = 1;
  s.min_inputs = 2;
  s.max_inputs = 4;  // A, B, fused bias, fused residual
  s.infer = InferMatMul;
  s.reference = [] { return std::unique_ptr<Kernel>(new MatMulReference()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kInt32,
             DType::kInt64,   DType::kUInt32,  DType::kUInt64};
  registry.Register(std::move(s));
}

}  // namespace openacl
