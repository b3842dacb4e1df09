// oneDNN MatMul: numpy matmul (batch broadcasting, 1-D operands promoted) as one matmul
// primitive; constant B is pre-packed. Fusion: fused_bias -> primitive bias [1,...,1,N],
// fused_sum -> binary-add post-op, fused_activation -> eltwise post-op(s). bf16 on request with
// constant B (compute_precision.h).
#include "kernels/kernel_registry.h"
#include "kernels/onednn/compute_precision.h"
#include "kernels/onednn/matmul_exec.h"
#include "ops/common/matmul_util.h"

namespace openacl {
namespace {

using namespace onednn;  // NOLINT

bool SupportsMatMul(const Node& node) {
  if (!AllFloat32(node) || !node.input(0) || !node.input(1)) return false;
  for (const Value* v : node.inputs)
    if (v && !IsStatic(v->shape)) return false;
  auto f = ParseFusionAttrs(node, 2);
  if (!f.ok() || !ActivationSupported(f->act)) return false;
  auto s = ComputeMatMulShape(node, node.inputs[0]->shape, node.inputs[1]->shape);
  return s.ok() && s->out_full.size() <= 6 && s->M > 0 && s->N > 0 && s->K > 0;
}

// [b..., M, K] x [1..., K, N] (B shared by every batch): one [b*M, K] x [K, N] product. Same
// bytes for A and the result (row-major), but one big GEMM instead of b small ones (e.g. the
// attention in-projection [128, 1, 512] x [512, 1536] is 128 GEMVs otherwise).
void FoldBatchIntoRows(MatMulShape& s) {
  size_t r = s.a_full.size();
  if (r <= 2) return;
  int64_t rows = 1;
  for (size_t i = 0; i + 2 < r; ++i) {
    if (s.b_full[i] != 1) return;
    rows *= s.a_full[i];
  }
  if (rows == 1) return;
  s.a_full = {rows * s.M, s.K};
  s.b_full = {s.K, s.N};
  s.out_full = {rows * s.M, s.N};
  s.M *= rows;
  s.batch = 1;
}

class OnednnMatMul : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    what_ = node.Describe();
    ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 2));
    ASSIGN_OR_RETURN(MatMulShape s,
                     ComputeMatMulShape(node, node.inputs[0]->shape, node.inputs[1]->shape));
    FoldBatchIntoRows(s);
    MatMulExecConfig cfg;
    ONEDNN_TRY(what_, {
      cfg.src = PlainDesc(s.a_full);
      cfg.weights_user = PlainDesc(s.b_full);
      cfg.dst = PlainDesc(s.out_full);
      if (node.inputs[1]->is_constant()) cfg.weights_const = node.inputs[1]->constant->data();
      if (f.bias) {
        Shape bshape(s.out_full.size(), 1);
        bshape.back() = s.N;
        cfg.has_bias = true;
        cfg.bias_md = PlainDesc(bshape);
        const Value* b = node.inputs[f.bias_input];
        if (b->is_constant()) {
          const float* p = b->constant->data_as<float>();
          cfg.bias_const.assign(p, p + s.N);
        } else {
          cfg.bias_input = f.bias_input;
        }
      }
      if (f.sum) {
        AddendSpec add;
        add.md = cfg.dst;
        add.input = f.sum_input;
        cfg.adds.push_back(std::move(add));
      }
      cfg.act = f.act;
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

void RegisterKernel_onednn_MatMul(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "MatMul";
  k.backend = "onednn";
  k.priority = 10;
  k.supports = SupportsMatMul;
  k.make = [] { return std::unique_ptr<Kernel>(new OnednnMatMul()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
