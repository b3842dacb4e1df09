// Fast Slice for 4-byte elements with unit steps and constant starts/ends/axes (opset >= 10),
// e.g. splitting an attention in-projection [S, 1, 3D] into Q, K and V. The result is a set of
// equally long contiguous runs of the input (the innermost partially sliced dim and the full
// dims after it), copied with memcpy and split across threads.
#include <algorithm>
#include <cstring>

#include "kernels/kernel_registry.h"
#include "ops/common/shape_util.h"

namespace openacl {
namespace {

// Per-input-dim start of the slice (unit steps); false if unsupported.
bool SliceStarts(const Node& node, std::vector<int64_t>* start) {
  const Value* x = node.input(0);
  const Value* y = node.output(0);
  if (node.opset < 10 || !x || !y || !IsStatic(x->shape) || !IsStatic(y->shape) ||
      DTypeSize(x->dtype) != 4 || y->dtype != x->dtype || x->shape.size() != y->shape.size())
    return false;
  for (size_t i = 1; i < node.inputs.size(); ++i)
    if (node.input(i) && !node.input(i)->is_constant()) return false;
  auto starts = ConstantInts(node, 1);
  if (!starts.ok()) return false;
  std::vector<int64_t> axes, steps;
  if (node.input(3)) {
    auto a = ConstantInts(node, 3);
    if (!a.ok()) return false;
    axes = *a;
  }
  if (node.input(4)) {
    auto s = ConstantInts(node, 4);
    if (!s.ok()) return false;
    steps = *s;
  }
  if (axes.empty())
    for (size_t i = 0; i < starts->size(); ++i) axes.push_back(static_cast<int64_t>(i));
  if (axes.size() != starts->size()) return false;
  for (int64_t s : steps)
    if (s != 1) return false;
  const Shape& in = x->shape;
  int64_t rank = static_cast<int64_t>(in.size());
  start->assign(in.size(), 0);
  for (size_t i = 0; i < axes.size(); ++i) {
    int64_t a = axes[i] < 0 ? axes[i] + rank : axes[i];
    if (a < 0 || a >= rank) return false;
    int64_t dim = in[a], b = (*starts)[i];
    if (b < 0) b = b < -dim ? 0 : b + dim;
    (*start)[a] = std::clamp<int64_t>(b, 0, dim);
  }
  for (int64_t d = 0; d < rank; ++d)
    if ((*start)[d] + y->shape[d] > in[d]) return false;
  return NumElements(y->shape) > 0;
}

bool SupportsSlice(const Node& node) {
  std::vector<int64_t> start;
  return SliceStarts(node, &start);
}

class SliceKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    std::vector<int64_t> start;
    if (!SliceStarts(node, &start)) return Internal(node.Describe() + ": not supported");
    const Shape& in = node.input(0)->shape;
    const Shape& out = node.output(0)->shape;
    std::vector<int64_t> strides = Strides(in);
    int64_t rank = static_cast<int64_t>(in.size());
    // Innermost dim k with dims after it taken whole: runs of out[k] * stride[k] elements.
    int64_t k = rank - 1;
    while (k > 0 && out[k] == in[k]) --k;
    run_ = rank == 0 ? 1 : out[k] * strides[k];
    base_ = 0;
    for (int64_t d = 0; d < rank; ++d) base_ += start[d] * strides[d];
    outer_size_.assign(out.begin(), out.begin() + k);
    outer_stride_.assign(strides.begin(), strides.begin() + k);
    rows_ = NumElements(outer_size_);
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    const uint32_t* x = io.in(0).as<uint32_t>() + base_;
    uint32_t* y = io.out(0).as<uint32_t>();
    const size_t bytes = static_cast<size_t>(run_) * 4;
#pragma omp parallel for schedule(static) if (rows_ * run_ >= 32768 && rows_ > 1)
    for (int64_t r = 0; r < rows_; ++r) {
      int64_t off = 0, rem = r;
      for (size_t d = outer_size_.size(); d-- > 0;) {
        off += (rem % outer_size_[d]) * outer_stride_[d];
        rem /= outer_size_[d];
      }
      std::memcpy(y + r * run_, x + off, bytes);
    }
    return Status::Ok();
  }

 private:
  int64_t run_ = 1, base_ = 0, rows_ = 1;
  std::vector<int64_t> outer_size_, outer_stride_;
};

}  // namespace

void RegisterKernel_cpu_Slice(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "Slice";
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsSlice;
  k.make = [] { return std::unique_ptr<Kernel>(new SliceKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
