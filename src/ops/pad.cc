// Pad (opset 2+): pads are an attribute (with float `value`) before opset 11, then a constant
// int64 input with an optional scalar constant_value input; opset 18 adds an optional axes input.
// Modes constant/reflect/edge; negative pads crop.
#include <cstdlib>

#include "ops/common/tensor_util.h"

namespace openacl {
namespace {

// Full-rank begin/end pads: [b0..b{r-1}, e0..e{r-1}].
Result<std::vector<int64_t>> FullPads(const Node& node) {
  size_t rank = node.input(0)->shape.size();
  ASSIGN_OR_RETURN(auto pads_opt, IntsAttrOrInput(node, "pads", 1, 11));
  if (!pads_opt) return Status(StatusCode::kParseModel, node.Describe() + ": pads are required");
  std::vector<int64_t> pads = *pads_opt;
  std::vector<int64_t> axes;
  if (node.opset >= 18 && HasInput(node, 3)) {
    ASSIGN_OR_RETURN(axes, ConstantInts(node, 3));
  } else {
    for (size_t i = 0; i < rank; ++i) axes.push_back(static_cast<int64_t>(i));
  }
  if (pads.size() != 2 * axes.size())
    return Status(StatusCode::kShapeInvalid, node.Describe() + ": pads " + ShapeToString(pads) +
                                                 " should have " + std::to_string(2 * axes.size()) +
                                                 " entries");
  std::vector<int64_t> full(2 * rank, 0);
  for (size_t i = 0; i < axes.size(); ++i) {
    ASSIGN_OR_RETURN(int64_t a, NormalizeAxis(axes[i], static_cast<int64_t>(rank), node));
    full[a] = pads[i];
    full[a + rank] = pads[i + axes.size()];
  }
  return full;
}

Status InferPad(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 1));
  const Value* x = node.input(0);
  RETURN_IF_ERROR(CheckFixedSize(node, x->dtype));
  std::string mode = node.attrs.get_string("mode", "constant");
  if (mode != "constant" && mode != "reflect" && mode != "edge")
    return Status(StatusCode::kOpAttrNotMatch,
                  node.Describe() + ": pad mode '" + mode + "' is not supported");
  ASSIGN_OR_RETURN(std::vector<int64_t> pads, FullPads(node));
  size_t rank = x->shape.size();
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t d = x->shape[i];
    out[i] = d < 0 ? -1 : SatAddDim(SatAddDim(d, pads[i]), pads[i + rank]);
    if (d >= 0 && out[i] < 0)
      return Status(StatusCode::kShapeInvalid, node.Describe() + ": pads " + ShapeToString(pads) +
                                                   " crop more than input " +
                                                   ShapeToString(x->shape));
    if (d == 0 && out[i] > 0 && mode != "constant")
      return Status(StatusCode::kShapeInvalid,
                    node.Describe() + ": cannot " + mode + "-pad an empty dim");
  }
  SetOutput(node, 0, x->dtype, out);
  return Status::Ok();
}

class PadKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    const Shape& in = node.input(0)->shape;
    const Shape& out = node.output(0)->shape;
    std::string mode = node.attrs.get_string("mode", "constant");
    ASSIGN_OR_RETURN(std::vector<int64_t> pads, FullPads(node));
    size_t rank = in.size();
    in_strides_ = Strides(in);
    maps_.assign(rank, {});
    for (size_t d = 0; d < rank; ++d) {
      int64_t n = in[d];
      for (int64_t o = 0; o < out[d]; ++o) {
        int64_t c = o - pads[d];
        if (c < 0 || c >= n) {
          if (mode == "constant") {
            c = -1;
          } else if (mode == "edge") {
            c = c < 0 ? 0 : n - 1;
          } else if (n == 1) {
            c = 0;
          } else {
            int64_t period = 2 * (n - 1);
            c = ((c % period) + period) % period;
            if (c >= n) c = period - c;
          }
        }
        maps_[d].push_back(c);
      }
    }
    // Pre-opset-11 fill value is an attribute; converted once to the element type.
    DType dt = node.input(0)->dtype;
    WriteFromDouble(value_, dt, 0, node.opset < 11 ? node.attrs.get_float("value", 0.0f) : 0.0);
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef &in = io.in(0), &out = io.out(0);
    size_t es = DTypeSize(in.dtype);
    const uint8_t* fill = value_;
    if (io.has_input(2) && io.in(2).numel() > 0) fill = static_cast<const uint8_t*>(io.in(2).data);
    uint8_t* dst = static_cast<uint8_t*>(out.data);
    if (out.numel() == 0) return Status::Ok();
    if (in.rank() == 0) {
      std::memcpy(dst, in.data, es);
      return Status::Ok();
    }
    Fill(dst, static_cast<const uint8_t*>(in.data), 0, 0, true, fill, es);
    return Status::Ok();
  }

 private:
  // Writes the output block for dims [d, rank); returns the advanced dst.
  uint8_t* Fill(uint8_t* dst, const uint8_t* src, size_t d, int64_t off, bool inside,
                const uint8_t* fill, size_t es) const {
    const std::vector<int64_t>& map = maps_[d];
    bool last = d + 1 == maps_.size();
    for (int64_t c : map) {
      bool in = inside && c >= 0;
      int64_t o = off + (c >= 0 ? c : 0) * in_strides_[d];
      if (last) {
        std::memcpy(dst, in ? src + o * es : fill, es);
        dst += es;
      } else {
        dst = Fill(dst, src, d + 1, o, in, fill, es);
      }
    }
    return dst;
  }

  std::vector<std::vector<int64_t>> maps_;  // per dim: output coord -> input coord, -1 = fill
  std::vector<int64_t> in_strides_;
  alignas(8) uint8_t value_[8] = {};
};

}  // namespace

void RegisterOp_Pad(OpRegistry& registry) {
  OpSchema s;
  s.name = "Pad";
  s.min_opset = 2;
  s.max_inputs = 4;
  s.infer = InferPad;
  s.reference = [] { return std::unique_ptr<Kernel>(new PadKernel()); };
  s.types = AllFixedSizeTypes();
  registry.Register(std::move(s));
}

}  // namespace openacl
