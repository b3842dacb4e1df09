// Trilu (opset 14+): keeps the upper (j - i >= k) or lower (j - i <= k) triangle of each of the
// last two dims, zeroing the rest. k is an optional scalar int64 input read at run time.
#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

Status InferTrilu(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  if (x->shape.size() < 2)
    return Status(StatusCode::kShapeInvalid,
                  node.Describe() + ": input must have rank >= 2, got " + ShapeToString(x->shape));
  if (HasInput(node, 1) && NumElements(node.input(1)->shape) > 1)
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": k must be a scalar");
  SetOutput(node, 0, x->dtype, x->shape);
  return Status::Ok();
}

class TriluKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    upper_ = node.attrs.get_int("upper", 1) != 0;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &x = io.in(0), &y = io.out(0);
    int64_t k =
        io.has_input(1) && io.in(1).numel() > 0 ? ReadAsInt64(io.in(1).data, io.in(1).dtype, 0) : 0;
    size_t es = DTypeSize(x.dtype);
    size_t r = x.rank();
    int64_t rows = x.dim(r - 2), cols = x.dim(r - 1);
    int64_t mats = DimProduct(*x.shape, 0, r - 2);
    const uint8_t* src = static_cast<const uint8_t*>(x.data);
    uint8_t* dst = static_cast<uint8_t*>(y.data);
    for (int64_t m = 0; m < mats; ++m) {
      for (int64_t i = 0; i < rows; ++i) {
        size_t row = static_cast<size_t>((m * rows + i) * cols) * es;
        for (int64_t j = 0; j < cols; ++j) {
          bool keep = upper_ ? j - i >= k : j - i <= k;
          if (keep) {
            if (dst != src) std::memcpy(dst + row + j * es, src + row + j * es, es);
          } else {
            std::memset(dst + row + j * es, 0, es);
          }
        }
      }
    }
    return Status::Ok();
  }

 private:
  bool upper_ = true;
};

}  // namespace

void RegisterOp_Trilu(OpRegistry& registry) {
  OpSchema s;
  s.name = "Trilu";
  s.min_opset = 14;
  s.max_inputs = 2;
  s.infer = InferTrilu;
  s.reference = [] { return std::unique_ptr<Kernel>(new TriluKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
