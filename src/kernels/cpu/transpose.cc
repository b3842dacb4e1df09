// Fast Transpose for 4-byte elements (float32 / int32 / uint32), split across threads. At
// Prepare the permutation is simplified (size-1 dims dropped, input-adjacent dims merged); then
//   identity           -> one parallel copy (e.g. [1,S,D] perm [1,0,2] in attention blocks),
//   last dim kept      -> copies of contiguous rows of the last dim,
//   otherwise          -> [outer..., A, B] -> [outer..., B, A] style gather in 32x32 tiles
//                         over the last two output dims (reads stay within cache lines).
#include <algorithm>
#include <cstring>

#include "kernels/kernel_registry.h"

namespace openacl {
namespace {

bool SupportsTranspose(const Node& node) {
  const Value* x = node.input(0);
  const Value* y = node.output(0);
  if (!x || !y || !IsStatic(x->shape) || DTypeSize(x->dtype) != 4 || x->dtype != y->dtype)
    return false;
  return NumElements(x->shape) > 0;
}

class TransposeKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& in = node.input(0)->shape;
    size_t rank = in.size();
    std::vector<int64_t> perm = node.attrs.get_ints("perm");
    if (!node.attrs.has("perm"))
      for (size_t i = 0; i < rank; ++i) perm.push_back(static_cast<int64_t>(rank - 1 - i));
    if (perm.size() != rank) return Internal(node.Describe() + ": perm does not match the rank");
    std::vector<int64_t> in_strides = Strides(in);
    // Output-order dims with their input strides, size-1 dims dropped.
    std::vector<int64_t> size, stride;
    for (int64_t p : perm) {
      if (p < 0 || p >= static_cast<int64_t>(rank)) return Internal(node.Describe() + ": bad perm");
      if (in[p] == 1) continue;
      size.push_back(in[p]);
      stride.push_back(in_strides[p]);
    }
    // Merge output-adjacent dims that are also adjacent (and in order) in the input.
    size_.clear();
    stride_.clear();
    for (size_t i = 0; i < size.size(); ++i) {
      if (!size_.empty() && stride_.back() == stride[i] * size[i]) {
        size_.back() *= size[i];
        stride_.back() = stride[i];
      } else {
        size_.push_back(size[i]);
        stride_.push_back(stride[i]);
      }
    }
    total_ = NumElements(in);
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    const uint32_t* x = io.in(0).as<uint32_t>();
    uint32_t* y = io.out(0).as<uint32_t>();
    size_t r = size_.size();
    if (r == 0 || (r == 1 && stride_[0] == 1)) {
      CopyParallel(x, y, total_);
      return Status::Ok();
    }
    if (stride_[r - 1] == 1) {
      RowCopies(x, y);
      return Status::Ok();
    }
    TiledGather(x, y);
    return Status::Ok();
  }

 private:
  static void CopyParallel(const uint32_t* x, uint32_t* y, int64_t n) {
    const int64_t chunk = 1 << 16;
#pragma omp parallel for schedule(static) if (n >= 2 * chunk)
    for (int64_t c = 0; c < n; c += chunk)
      std::memcpy(y + c, x + c, static_cast<size_t>(std::min(chunk, n - c)) * 4);
  }

  // Input offset of outer output index `o` over dims [0, upto).
  int64_t OuterOffset(int64_t o, size_t upto) const {
    int64_t off = 0;
    for (size_t d = upto; d-- > 0;) {
      off += (o % size_[d]) * stride_[d];
      o /= size_[d];
    }
    return off;
  }

  void RowCopies(const uint32_t* x, uint32_t* y) const {
    size_t r = size_.size();
    const int64_t len = size_[r - 1];
    const int64_t rows = total_ / len;
#pragma omp parallel for schedule(static) if (total_ >= 32768)
    for (int64_t o = 0; o < rows; ++o)
      std::memcpy(y + o * len, x + OuterOffset(o, r - 1), static_cast<size_t>(len) * 4);
  }

  void TiledGather(const uint32_t* x, uint32_t* y) const {
    size_t r = size_.size();
    // r >= 2 here: a single remaining dim always has input stride 1.
    const int64_t rows = size_[r - 2], cols = size_[r - 1];
    const int64_t rs = stride_[r - 2], cs = stride_[r - 1];
    const int64_t outer = total_ / (rows * cols);
    const int64_t kTile = 32;
    const int64_t row_tiles = (rows + kTile - 1) / kTile;
#pragma omp parallel for schedule(static) if (total_ >= 32768)
    for (int64_t t = 0; t < outer * row_tiles; ++t) {
      int64_t o = t / row_tiles, i0 = (t % row_tiles) * kTile;
      int64_t i1 = std::min(rows, i0 + kTile);
      const uint32_t* xo = x + OuterOffset(o, r - 2);
      uint32_t* yo = y + o * rows * cols;
      for (int64_t j0 = 0; j0 < cols; j0 += kTile) {
        int64_t j1 = std::min(cols, j0 + kTile);
        for (int64_t i = i0; i < i1; ++i)
          for (int64_t j = j0; j < j1; ++j) yo[i * cols + j] = xo[i * rs + j * cs];
      }
    }
  }

  std::vector<int64_t> size_, stride_;  // simplified output dims and their input strides
  int64_t total_ = 0;
};

}  // namespace

void RegisterKernel_cpu_Transpose(KernelRegistry& registry) {
  KernelImpl k;
  k.op_type = "Transpose";
  k.backend = "cpu";
  k.priority = 5;
  k.supports = SupportsTranspose;
  k.make = [] { return std::unique_ptr<Kernel>(new TransposeKernel()); };
  registry.Register(std::move(k));
}

}  // namespace openacl
