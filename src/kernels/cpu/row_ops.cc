// Fast float32 row kernels for transformer-style graphs: Softmax and ReduceMean over the
// trailing dims (rows are contiguous), and Pow with a scalar exponent (2 -> x*x, 0.5 -> sqrt).
// Rows are split across threads; other axes/broadcasts stay with the reference kernels.
#include <algorithm>
#include <cmath>

#include "kernels/cpu/fast_exp.h"
#include "kernels/kernel_registry.h"

namespace openacl {
namespace {

bool Float32Io(const Node& node, size_t n_in) {
  for (size_t i = 0; i < n_in; ++i)
    if (!node.input(i) || node.input(i)->dtype != DType::kFloat32 || !IsStatic(node.input(i)->shape))
      return false;
  return node.outputs.size() == 1 && node.output(0) && node.output(0)->dtype == DType::kFloat32;
}

// ---- Softmax: opset >= 13 over one axis (must be the last); opset < 13 over dims [axis, r).
bool SoftmaxRows(const Node& node, int64_t* rows, int64_t* len) {
  if (!Float32Io(node, 1)) return false;
  const Shape& s = node.input(0)->shape;
  int64_t r = static_cast<int64_t>(s.size());
  if (r == 0) return false;
  int64_t axis = node.attrs.get_int("axis", node.opset >= 13 ? -1 : 1);
  if (axis < 0) axis += r;
  if (axis < 0 || axis >= r) return false;
  if (node.opset >= 13 && axis != r - 1) return false;
  *rows = 1;
  *len = 1;
  for (int64_t i = 0; i < r; ++i) (i < axis ? *rows : *len) *= s[i];
  return *len > 0;
}

bool SupportsSoftmax(const Node& node) {
  int64_t rows, len;
  return SoftmaxRows(node, &rows, &len);
}

class SoftmaxKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    if (!SoftmaxRows(node, &rows_, &len_)) return Internal(node.Describe() + ": not supported");
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const float* x = io.in(0).as<float>();
    float* y = io.out(0).as<float>();
    const int64_t len = len_;
#pragma omp parallel for schedule(static) if (rows_ * len_ >= 16384 && rows_ > 1)
    for (int64_t r = 0; r < rows_; ++r) {
      const float* xr = x + r * len;
      float* yr = y + r * len;
      float mx = xr[0];
#pragma omp simd reduction(max : mx)
      for (int64_t i = 1; i < len; ++i) mx = std::max(mx, xr[i]);
      const float sum = cpu::ExpShiftedSum(xr, mx, yr, len);
      const float inv = 1.0f / sum;
#pragma omp simd
      for (int64_t i = 0; i < len; ++i) yr[i] *= inv;
    }
    return Status::Ok();
  }

 private:
  int64_t rows_ = 0, len_ = 0;
};

// ---- ReduceMean over trailing axes (attribute axes, opset < 18).
bool MeanRows(const Node& node, int64_t* rows, int64_t* len) {
  if (!Float32Io(node, 1) || node.opset >= 18 || !node.attrs.has("axes")) return false;
  const Shape& s = node.input(0)->shape;
  int64_t r = static_cast<int64_t>(s.size());
  std::vector<int64_t> axes = node.attrs.get_ints("axes");
  if (axes.empty()) return false;
  for (int64_t& a : axes) a = a < 0 ? a + r : a;
  std::sort(axes.begin(), axes.end());
  for (size_t i = 0; i < axes.size(); ++i)
    if (axes[i] != r - static_cast<int64_t>(axes.size()) + static_cast<int64_t>(i)) return false;
  *rows = 1;
  *len = 1;
  for (int64_t i = 0; i < r; ++i) (i < axes.front() ? *rows : *len) *= s[i];
  return *len > 0 && *rows * 1 == NumElements(node.output(0)->shape);
}

bool SupportsReduceMean(const Node& node) {
  int64_t rows, len;
  return MeanRows(node, &rows, &len);
}

class ReduceMeanKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    if (!MeanRows(node, &rows_, &len_)) return Internal(node.Describe() + ": not supported");
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const float* x = io.in(0).as<float>();
    float* y = io.out(0).as<float>();
    const int64_t len = len_;
    const float inv = 1.0f / static_cast<float>(len);
#pragma omp parallel for schedule(static) if (rows_ * len_ >= 32768 && rows_ > 1)
    for (int64_t r = 0; r < rows_; ++r) {
      const float* xr = x + r * len;
      double sum = 0.0;  // the reference accumulates in double
#pragma omp simd reduction(+ : sum)
      for (int64_t i = 0; i < len; ++i) sum += xr[i];
      y[r] = static_cast<float>(sum) * inv;
    }
    return Status::Ok();
  }

 private:
  int64_t rows_ = 0, len_ = 0;
};

// ---- Pow with a one-element exponent.
bool SupportsPow(const Node& node) {
  return Float32Io(node, 2) && NumElements(node.input(1)->shape) == 1 &&
         node.input(0)->shape == node.output(0)->shape;
}

class PowKernel : public Kernel {
 public:
  Status Run(const KernelIO& io) const override {
    const float* x = io.in(0).as<float>();
    const float e = io.in(1).as<float>()[0];
    float* y = io.out(0).as<float>();
    const int64_t n = io.in(0).numel();
#pragma omp parallel for schedule(static) if (n >= 65536)
    for (int64_t c = 0; c < n; c += 16384) {
      const int64_t end = std::min<int64_t>(n, c + 16384);
      if (e == 2.0f) {
#pragma omp simd
        for (int64_t i = c; i < end; ++i) y[i] = x[i] * x[i];
      } else if (e == 0.5f) {
        for (int64_t i = c; i < end; ++i) y[i] = std::sqrt(x[i]);
      } else if (e == 1.0f) {
        std::copy(x + c, x + end, y + c);
      } else {
        for (int64_t i = c; i < end; ++i) y[i] = std::pow(x[i], e);
      }
    }
    return Status::Ok();
  }
};

template <typename K>
void Register(KernelRegistry& registry, const char* op, bool (*supports)(const Node&)) {
  KernelImpl k;
  k.op_type = op;
  k.backend = "cpu";
  k.priority = 5;
  k.supports = supports;
  k.make = [] { return std::unique_ptr<Kernel>(new K()); };
  registry.Register(std::move(k));
}

}  // namespace

void RegisterKernel_cpu_Softmax(KernelRegistry& r) {
  Register<SoftmaxKernel>(r, "Softmax", SupportsSoftmax);
}
void RegisterKernel_cpu_ReduceMean(KernelRegistry& r) {
  Register<ReduceMeanKernel>(r, "ReduceMean", SupportsReduceMean);
}
void RegisterKernel_cpu_Pow(KernelRegistry& r) { Register<PowKernel>(r, "Pow", SupportsPow); }

}  // namespace openacl
