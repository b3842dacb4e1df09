// Fast float32 Add / Sub / Mul / Div with numpy broadcasting. The shapes are fixed at Prepare:
// dims are collapsed (adjacent dims that broadcast alike merge), so a residual add, a scalar
// op or a per-channel [1,C,1,1] op runs as long contiguous inner loops, split across threads.
#include <algorithm>
#include <cstring>

#include "kernels/kernel_registry.h"

namespace openacl {
namespace {

enum class BinOp { kAdd, kSub, kMul, kDiv };

bool SupportsBinary(const Node& node) {
  if (node.inputs.size() != 2 || node.outputs.size() != 1) return false;
  for (const Value* v : {node.input(0), node.input(1), node.output(0)})
    if (!v || v->dtype != DType::kFloat32 || !IsStatic(v->shape)) return false;
  return NumElements(node.output(0)->shape) > 0;
}

template <BinOp op>
inline float Apply(float a, float b) {
  if constexpr (op == BinOp::kAdd) return a + b;
  if constexpr (op == BinOp::kSub) return a - b;
  if constexpr (op == BinOp::kMul) return a * b;
  return a / b;
}

template <BinOp op>
void Inner(const float* a, int64_t sa, const float* b, int64_t sb, float* y, int64_t n) {
  if (sa == 1 && sb == 1) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = Apply<op>(a[i], b[i]);
  } else if (sa == 1) {
    const float bv = b[0];
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = Apply<op>(a[i], bv);
  } else if (sb == 1) {
    const float av = a[0];
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) y[i] = Apply<op>(av, b[i]);
  } else {
    y[0] = Apply<op>(a[0], b[0]);
    for (int64_t i = 1; i < n; ++i) y[i] = y[0];
  }
}

template <BinOp op>
class BinaryKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& out = node.output(0)->shape;
    Shape a = node.input(0)->shape, b = node.input(1)->shape;
    size_t r = out.size();
    a.insert(a.begin(), r - a.size(), 1);
    b.insert(b.begin(), r - b.size(), 1);
    std::vector<int64_t> as = Strides(a), bs = Strides(b);
    // Per dim: size, A stride, B stride (0 = broadcast); merge dims that continue each other.
    dims_.clear();
    for (size_t i = 0; i < r; ++i) {
      if (out[i] == 1) continue;
      Dim d{out[i], a[i] == 1 ? 0 : as[i], b[i] == 1 ? 0 : bs[i]};
      if (!dims_.empty()) {
        Dim& p = dims_.back();
        if (p.sa == d.sa * d.n && p.sb == d.sb * d.n) {
          p.n *= d.n;
          p.sa = d.sa;
          p.sb = d.sb;
          continue;
        }
      }
      dims_.push_back(d);
    }
    if (dims_.empty()) dims_.push_back({1, 1, 1});
    inner_ = dims_.back();
    dims_.pop_back();
    rows_ = 1;
    for (const Dim& d : dims_) rows_ *= d.n;
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    const float* a = io.in(0).as<float>();
    const float* b = io.in(1).as<float>();
    float* y = io.out(0).as<float>();
    const int64_t n = inner_.n, sa = inner_.sa, sb = inner_.sb;
    const int64_t total = rows_ * n;
    if (rows_ == 1 && n >= 65536) {  // one long row: split it
#pragma omp parallel for schedule(static)
      for (int64_t c = 0; c < n; c += 16384) {
        int64_t len = std::min<int64_t>(16384, n - c);
        Inner<op>(a + (sa ? c : 0), sa, b + (sb ? c : 0), sb, y + c, len);
      }
      return Status::Ok();
    }
#pragma omp parallel for schedule(static) if (total >= 32768)
    for (int64_t row = 0; row < rows_; ++row) {
      int64_t oa = 0, ob = 0, rem = row;
      for (size_t k = dims_.size(); k-- > 0;) {
        int64_t i = rem % dims_[k].n;
        rem /= dims_[k].n;
        oa += i * dims_[k].sa;
        ob += i * dims_[k].sb;
      }
      Inner<op>(a + oa, sa ? 1 : 0, b + ob, sb ? 1 : 0, y + row * n, n);
    }
    return Status::Ok();
  }

 private:
  struct Dim {
    int64_t n, sa, sb;
  };
  std::vector<Dim> dims_;
  Dim inner_{1, 1, 1};
  int64_t rows_ = 1;
};

template <BinOp op>
void RegisterBinary(KernelRegistry& registry, const char* name) {
  KernelImpl k;
  k.op_type = name;
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsBinary;
  k.make = [] { return std::unique_ptr<Kernel>(new BinaryKernel<op>()); };
  registry.Register(std::move(k));
}

}  // namespace

void RegisterKernel_cpu_Add(KernelRegistry& r) { RegisterBinary<BinOp::kAdd>(r, "Add"); }
void RegisterKernel_cpu_Sub(KernelRegistry& r) { RegisterBinary<BinOp::kSub>(r, "Sub"); }
void RegisterKernel_cpu_Mul(KernelRegistry& r) { RegisterBinary<BinOp::kMul>(r, "Mul"); }
void RegisterKernel_cpu_Div(KernelRegistry& r) { RegisterBinary<BinOp::kDiv>(r, "Div"); }

}  // namespace openacl
