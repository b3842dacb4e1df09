// AveragePool (opset 1/7/10/11/19): N-D average pooling with pads / auto_pad, ceil_mode,
// count_include_pad and dilations. With count_include_pad the divisor counts explicit padding
// but not the extra region that ceil_mode adds past the end padding.
#include "ops/common/pool_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

Status InferAveragePool(Node& node) {
  ASSIGN_OR_RETURN(PoolGeometry g, ComputePoolGeometry(node, true));
  SetOutput(node, 0, node.inputs[0]->dtype, g.out_shape);
  return Status::Ok();
}

class AveragePoolReference : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(PoolGeometry g, ComputePoolGeometry(node, true));
    view_ = std::make_unique<PoolView>(g);
    include_pad_ = node.attrs.get_int("count_include_pad", 0) != 0;
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
      default:
        return Status(StatusCode::kUnsupportedDataType, "AveragePool: only float32/float64");
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  void Compute(const KernelIO& io) const {
    const PoolView& v = *view_;
    const T* x = io.in(0).as<const T>();
    T* y = io.out(0).as<T>();
#pragma omp parallel for
    for (int64_t pl = 0; pl < v.planes; ++pl) {
      const T* xp = x + pl * v.in_plane;
      int64_t o = pl * v.out_plane;
      for (int64_t od = 0; od < v.out[0]; ++od)
        for (int64_t oh = 0; oh < v.out[1]; ++oh)
          for (int64_t ow = 0; ow < v.out[2]; ++ow, ++o) {
            double sum = 0;
            int64_t count = 0;
            int64_t padded = v.ForEachTap(od, oh, ow, [&](int64_t id, int64_t ih, int64_t iw) {
              sum += static_cast<double>(xp[(id * v.in[1] + ih) * v.in[2] + iw]);
              ++count;
            });
            int64_t div = include_pad_ ? padded : count;
            y[o] = static_cast<T>(div > 0 ? sum / static_cast<double>(div) : 0.0);
          }
    }
  }

  std::unique_ptr<PoolView> view_;
  bool include_pad_ = false;
};

}  // namespace

void RegisterOp_AveragePool(OpRegistry& registry) {
  OpSchema s;
  s.name = "AveragePool";
  s.min_opset = 1;
  s.max_opset = 19;
  s.infer = InferAveragePool;
  s.reference = [] { return std::unique_ptr<Kernel>(new AveragePoolReference()); };
  s.types = {DType::kFloat32, DType::kFloat64};
  registry.Register(std::move(s));
}

}  // namespace openacl
