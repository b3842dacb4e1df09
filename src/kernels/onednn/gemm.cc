// oneDNN Gemm: Y = act(alpha * op(A) op(B) + beta * C + R) as one matmul primitive. transA /
// transB become strides; alpha an output scale; C and the fused residual R binary-add post-ops
// (C broadcast [1,N], [M,1], [M,N] or scalar). A non-constant C with beta not in {0, 1} is left
// to the reference.
#include "kernels/kernel_registry.h"
#include "kernels/onednn/compute_precision.h"
#include "kernels/onednn/matmul_exec.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT
using dt = dnnl::memory::data_type;

// C's shape as 2-D [cm, cn].
Shape C2D(const Shape& c) {
  if (c.empty()) return {1, 1};
  if (c.size() == 1) return {1, c[0]};
  return c;
}

bool SupportsGemm(const Node& node) {
  if (!AllFloat32(node) || !node.input(0) || !node.input(1)) return false;
  for (const Value* v : node.inputs)
    if (v && !IsStatic(v->shape)) return false;
  for (const Value* v : node.outputs)
    if (v && (!v->has_shape || !IsStatic(v->shape))) return false;
  auto f = ParseFusionAttrs(node, 3);
  if (!f.ok() || !ActivationSupported(f->act)) return false;
  if (node.inputs[0]->shape.size() != 2 || node.inputs[1]->shape.size() != 2) return false;
  const Value* c = node.input(2);
  float beta = node.attrs.get_float("beta", 1.0f);
  if (c && !c->is_constant() && beta != 0.0f && beta != 1.0f) return false;
  return true;
}

class OnednnGemm : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    what_ = node.Describe();
    ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 3));
    const Shape& a = node.inputs[0]->shape;
    const Shape& b = node.inputs[1]->shape;
    const Shape& y = node.outputs[0]->shape;
    bool ta = node.attrs.get_int("transA", 0) != 0, tb = node.attrs.get_int("transB", 0) != 0;
    int64_t M = y[0], N = y[1], K = ta ? a[0] : a[1];
    float beta = node.attrs.get_float("beta", 1.0f);
    MatMulExecConfig cfg;
    ONEDNN_TRY(what_, {
      cfg.src = dnnl::memory::desc({M, K}, dt::f32,
                                   ta ? dnnl::memory::dims{1, M} : dnnl::memory::dims{K, 1});
      cfg.weights_user = dnnl::memory::desc(
          {K, N}, dt::f32, tb ? dnnl::memory::dims{1, K} : dnnl::memory::dims{N, 1});
      cfg.dst = PlainDesc(y);
      if (node.inputs[1]->is_constant()) cfg.weights_const = node.inputs[1]->constant->data();
      (void)b;
      const Value* c = node.input(2);
      if (c && beta != 0.0f) {
        AddendSpec add;
        add.md = PlainDesc(C2D(c->shape));
        if (c->is_constant()) {
          const float* p = c->constant->data_as<float>();
          add.constant.assign(p, p + c->constant->num_elements());
          for (float& v : add.constant) v *= beta;
        } else {
          add.input = 2;
        }
        cfg.adds.push_back(std::move(add));
      }
      if (f.sum) {
        AddendSpec add;
        add.md = cfg.dst;
        add.input = f.sum_input;
        cfg.adds.push_back(std::move(add));
      }
      cfg.act = f.act;
      cfg.alpha = node.attrs.get_float("alpha", 1.0f);
      cfg.bf16 = ChooseComputeType(node) == ComputeType::kBF16;
    });
    return exec_.Init(std::move(cfg), what_);
  }
  size_t ScratchBytes() const override { return exec_.ScratchBytes(); }
  Status Run(const KernelIO& io) const override { return exec_.Execute(io, what_); }

 private:
  MatMulExec exec_;
  std::string what_;
};

}  // namespace

void RegisterKernel_onednn_Gemm(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "Gemm";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = SupportsGemm;
  k.make = [] { return std::unique_ptr<Kernel>(new OnednnGemm()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
