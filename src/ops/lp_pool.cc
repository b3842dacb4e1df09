// LpPool (opset 1/2/11/18): y = (sum over the window of |x|^p)^(1/p); padding contributes 0.
// Opset 18's ceil_mode and dilations are honoured.
#include <cmath>

#include "ops/common/pool_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

Status InferLpPool(Node& node) {
  ASSIGN_OR_RETURN(PoolGeometry g, ComputePoolGeometry(node, true));
  SetOutput(node, 0, node.inputs[0]->dtype, g.out_shape);
  return Status::Ok();
}

class LpPoolReference : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(PoolGeometry g, ComputePoolGeometry(node, true));
    view_ = std::make_unique<PoolView>(g);
    p_ = static_cast<double>(node.attrs.get_int("p", 2));
    if (p_ <= 0)
      return Status(StatusCode::kOpAttrNotMatch, node.Describe() + ": p must be positive");
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
        return Status(StatusCode::kUnsupportedDataType, "LpPool: only float32/float64");
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
            v.ForEachTap(od, oh, ow, [&](int64_t id, int64_t ih, int64_t iw) {
              double a = std::fabs(static_cast<double>(xp[(id * v.in[1] + ih) * v.in[2] + iw]));
              sum += p_ == 2 ? a * a : std::pow(a, p_);
            });
            y[o] = static_cast<T>(p_ == 2 ? std::sqrt(sum) : std::pow(sum, 1.0 / p_));
          }
    }
  }

  std::unique_ptr<PoolView> view_;
  double p_ = 2;
};

}  // namespace

void RegisterOp_LpPool(OpRegistry& registry) {
  OpSchema s;
  s.name = "LpPool";
  s.min_opset = 2;
  s.infer = InferLpPool;
  s.reference = [] { return std::unique_ptr<Kernel>(new LpPoolReference()); };
  s.types = {DType::kFloat32, DType::kFloat64};
  registry.Register(std::move(s));
}

}  // namespace openacl
