// MaxPool (opset 1/8/10/11/12): N-D max pooling with pads / auto_pad, ceil_mode, dilations and
// the optional Indices output (int64, flattened over the whole input; storage_order 1 = the
// spatial dims in column-major order).
#include <limits>

#include "ops/common/pool_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

Status InferMaxPool(Node& node) {
  ASSIGN_OR_RETURN(PoolGeometry g, ComputePoolGeometry(node, true));
  SetOutput(node, 0, node.inputs[0]->dtype, g.out_shape);
  SetOutput(node, 1, DType::kInt64, g.out_shape);
  return Status::Ok();
}

class MaxPoolReference : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(PoolGeometry g, ComputePoolGeometry(node, true));
    view_ = std::make_unique<PoolView>(g);
    column_major_ = node.attrs.get_int("storage_order", 0) != 0;
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    switch (io.in(0).dtype) {
      case DType::kFloat32:
        Compute<float>(io);
        break;
      case DType::kFloat64:
        Compute<double>(io);
        break;
      case DType::kInt8:
        Compute<int8_t>(io);
        break;
      case DType::kUInt8:
        Compute<uint8_t>(io);
        break;
      default:
        return Status(StatusCode::kUnsupportedDataType, "MaxPool: unsupported dtype");
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  void Compute(const KernelIO& io) const {
    const PoolView& v = *view_;
    const T* x = io.in(0).as<const T>();
    T* y = io.out(0).as<T>();
    int64_t* indices = io.has_output(1) ? io.out(1).as<int64_t>() : nullptr;
#pragma omp parallel for
    for (int64_t pl = 0; pl < v.planes; ++pl) {
      const T* xp = x + pl * v.in_plane;
      int64_t o = pl * v.out_plane;
      for (int64_t od = 0; od < v.out[0]; ++od)
        for (int64_t oh = 0; oh < v.out[1]; ++oh)
          for (int64_t ow = 0; ow < v.out[2]; ++ow, ++o) {
            T best = std::numeric_limits<T>::lowest();
            int64_t bd = 0, bh = 0, bw = 0;
            bool found = false;
            v.ForEachTap(od, oh, ow, [&](int64_t id, int64_t ih, int64_t iw) {
              T val = xp[(id * v.in[1] + ih) * v.in[2] + iw];
              if (!found || val > best) {
                best = val;
                bd = id, bh = ih, bw = iw;
                found = true;
              }
            });
            y[o] = best;
            if (indices)
              indices[o] =
                  pl * v.in_plane + (column_major_ ? bd + bh * v.in[0] + bw * v.in[0] * v.in[1]
                                                   : (bd * v.in[1] + bh) * v.in[2] + bw);
          }
    }
  }

  std::unique_ptr<PoolView> view_;
  bool column_major_ = false;
};

}  // namespace

void RegisterOp_MaxPool(OpRegistry& registry) {
  OpSchema s;
  s.name = "MaxPool";
  s.min_opset = 1;
  s.max_outputs = 2;
  s.infer = InferMaxPool;
  s.reference = [] { return std::unique_ptr<Kernel>(new MaxPoolReference()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kInt8, DType::kUInt8};
  registry.Register(std::move(s));
}

}  // namespace openacl
