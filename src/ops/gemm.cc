// Gemm (opset 7/9/11/13): Y = alpha * op(A) * op(B) + beta * C, op = optional transpose, C
// broadcast unidirectionally to [M, N]; plus the fusion attributes (residual sum, activation).
#include "ops/common/fusion_attrs.h"
#include "ops/common/matmul_util.h"
#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

struct GemmDims {
  int64_t M = 0, N = 0, K = 0;
};

Result<GemmDims> ComputeGemmDims(const Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 2));
  const Shape& a = node.inputs[0]->shape;
  const Shape& b = node.inputs[1]->shape;
  if (a.size() != 2 || b.size() != 2)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": A " + ShapeToString(a) +
                                                 " and B " + ShapeToString(b) + " must be 2-D");
  bool ta = node.attrs.get_int("transA", 0) != 0, tb = node.attrs.get_int("transB", 0) != 0;
  GemmDims d;
  d.M = ta ? a[1] : a[0];
  d.K = ta ? a[0] : a[1];
  d.N = tb ? b[0] : b[1];
  int64_t kb = tb ? b[1] : b[0];
  if (kb != d.K)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": inner dims of A " +
                                                 ShapeToString(a) + " and B " + ShapeToString(b) +
                                                 " differ");
  const Value* c = node.input(2);
  if (c) {
    const Shape& cs = c->shape;
    bool ok = cs.size() <= 2;
    if (ok && cs.size() >= 1) ok = cs.back() == d.N || cs.back() == 1;
    if (ok && cs.size() == 2) ok = cs[0] == d.M || cs[0] == 1;
    if (!ok)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": C " + ShapeToString(cs) +
                                                   " cannot broadcast to [" + std::to_string(d.M) +
                                                   "," + std::to_string(d.N) + "]");
  }
  return d;
}

Status InferGemm(Node& node) {
  ASSIGN_OR_RETURN(GemmDims d, ComputeGemmDims(node));
  ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 3));
  DType t = node.inputs[0]->dtype;
  if (node.inputs[1]->dtype != t || (node.input(2) && node.input(2)->dtype != t))
    return Status(StatusCode::kUnsupportedDataType, node.Describe() + ": input types differ");
  RETURN_IF_ERROR(CheckResidual(node, f, {d.M, d.N}, t));
  SetOutput(node, 0, t, {d.M, d.N});
  return Status::Ok();
}

class GemmReference : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(d_, ComputeGemmDims(node));
    ASSIGN_OR_RETURN(f_, ParseFusionAttrs(node, 3));
    trans_a_ = node.attrs.get_int("transA", 0) != 0;
    trans_b_ = node.attrs.get_int("transB", 0) != 0;
    alpha_ = node.attrs.get_float("alpha", 1.0f);
    beta_ = node.attrs.get_float("beta", 1.0f);
    if (const Value* c = node.input(2)) c_shape_ = c->shape;
    has_c_ = node.input(2) != nullptr;
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    return DispatchProductTypes(io.in(0).dtype, "Gemm", [&](auto t, auto acc) {
      Compute<decltype(t), decltype(acc)>(io);
    });
  }

 private:
  template <typename T, typename Acc>
  void Compute(const KernelIO& io) const {
    const T* a = io.in(0).as<const T>();
    const T* b = io.in(1).as<const T>();
    const T* c = has_c_ && io.has_input(2) ? io.in(2).as<const T>() : nullptr;
    const T* r = f_.sum ? io.in(f_.sum_input).as<const T>() : nullptr;
    T* y = io.out(0).as<T>();
    const int64_t M = d_.M, N = d_.N, K = d_.K;
    // Strides of C broadcast to [M, N].
    int64_t cs_m = 0, cs_n = 0;
    if (c_shape_.size() == 2) {
      cs_m = c_shape_[0] == 1 ? 0 : c_shape_[1];
      cs_n = c_shape_[1] == 1 ? 0 : 1;
    } else if (c_shape_.size() == 1) {
      cs_n = c_shape_[0] == 1 ? 0 : 1;
    }
#pragma omp parallel for
    for (int64_t i = 0; i < M; ++i) {
      for (int64_t j = 0; j < N; ++j) {
        Acc acc = 0;
        for (int64_t k = 0; k < K; ++k) {
          Acc av = static_cast<Acc>(trans_a_ ? a[k * M + i] : a[i * K + k]);
          Acc bv = static_cast<Acc>(trans_b_ ? b[j * K + k] : b[k * N + j]);
          acc += av * bv;
        }
        double v = static_cast<double>(alpha_) * static_cast<double>(acc);
        if (c) v += static_cast<double>(beta_) * static_cast<double>(c[i * cs_m + j * cs_n]);
        if (r) v += static_cast<double>(r[i * N + j]);
        y[i * N + j] = static_cast<T>(f_.act.Apply(v));
      }
    }
  }

  GemmDims d_;
  FusionAttrs f_;
  bool trans_a_ = false, trans_b_ = false, has_c_ = false;
  float alpha_ = 1.0f, beta_ = 1.0f;
  Shape c_shape_;
};

}  // namespace

void RegisterOp_Gemm(OpRegistry& registry) {
  OpSchema s;
  s.name = "Gemm";
  s.min_opset = 7;
  s.min_inputs = 2;
  s.max_inputs = 4;  // A, B, C?, fused residual
  s.infer = InferGemm;
  s.reference = [] { return std::unique_ptr<Kernel>(new GemmReference()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kInt32,
             DType::kInt64,   DType::kUInt32,  DType::kUInt64};
  registry.Register(std::move(s));
}

}  // namespace openacl
