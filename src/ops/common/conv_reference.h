// What the Conv and ConvTranspose ops share: shape inference from their geometry (types,
// residual check) and the reference kernels' state and dtype dispatch. `Geometry` is
// ComputeConvGeometry or ComputeConvTransposeGeometry; a kernel derives from
// ConvLikeReference<Itself, Geometry> and implements `template <typename T> void
// Compute(const KernelIO&) const` over g_, f_ and has_bias_.
#pragma once

#include "ops/common/conv_util.h"
#include "ops/common/fusion_attrs.h"
#include "ops/op_registry.h"

namespace openacl {

using ConvGeometryFn = Result<ConvGeometry> (*)(const Node& node);

template <ConvGeometryFn Geometry>
Status InferConvLike(Node& node) {
  ASSIGN_OR_RETURN(ConvGeometry g, Geometry(node));
  ASSIGN_OR_RETURN(FusionAttrs f, ParseFusionAttrs(node, 3));
  DType t = node.inputs[0]->dtype;
  if (node.inputs[1]->dtype != t)
    return Status(StatusCode::kUnsupportedDataType, node.Describe() + ": X and W types differ");
  RETURN_IF_ERROR(CheckResidual(node, f, g.out_shape, t));
  SetOutput(node, 0, t, g.out_shape);
  return Status::Ok();
}

template <typename Derived, ConvGeometryFn Geometry>
class ConvLikeReference : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(g_, Geometry(node));
    ASSIGN_OR_RETURN(f_, ParseFusionAttrs(node, 3));
    has_bias_ = node.input(2) != nullptr;
    op_ = node.op_type;
    return Status::Ok();
  }

  Status Run(const KernelIO& io) const override {
    const Derived& self = static_cast<const Derived&>(*this);
    switch (io.in(0).dtype) {
      case DType::kFloat32:
        self.template Compute<float>(io);
        return Status::Ok();
      case DType::kFloat64:
        self.template Compute<double>(io);
        return Status::Ok();
      default:
        return Status(StatusCode::kUnsupportedDataType, op_ + ": only float32/float64");
    }
  }

 protected:
  ConvGeometry g_;
  FusionAttrs f_;
  bool has_bias_ = false;
  std::string op_;
};

// The schema both ops register (X, W, B?, fused residual; float32/float64 references).
template <typename Reference, ConvGeometryFn Geometry>
void RegisterConvLikeOp(OpRegistry& registry, const char* name) {
  OpSchema s;
  s.name = name;
  s.min_opset = 1;
  s.min_inputs = 2;
  s.max_inputs = 4;
  s.infer = InferConvLike<Geometry>;
  s.reference = [] { return std::unique_ptr<Kernel>(new Reference()); };
  s.types = {DType::kFloat32, DType::kFloat64};
  registry.Register(std::move(s));
}

}  // namespace openacl
