// MelWeightMatrix (opset 17): [dft_length/2+1, num_mel_bins] triangular mel filter bank.
// num_mel_bins and dft_length (inputs 0, 1) must be constants; sample_rate and the edge
// frequencies are read at run time. Follows the ONNX reference formula.
#include <cmath>
#include <cstring>
#include <vector>

#include "ops/common/shape_util.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

Result<std::pair<int64_t, int64_t>> ReadSizes(const Node& node) {
  ASSIGN_OR_RETURN(std::vector<int64_t> bins, ConstantInts(node, 0));
  ASSIGN_OR_RETURN(std::vector<int64_t> dft, ConstantInts(node, 1));
  if (bins.size() != 1 || dft.size() != 1 || bins[0] < 1 || dft[0] < 1)
    return InvalidParam(node.Describe() + ": num_mel_bins and dft_length must be positive scalars");
  return std::make_pair(bins[0], dft[0]);
}

Status InferMel(Node& node) {
  RETURN_IF_ERROR(CheckInputsKnown(node, 5));
  ASSIGN_OR_RETURN(auto sizes, ReadSizes(node));
  int64_t dt = node.attrs.get_int("output_datatype", 1);
  if (!IsKnownDType(static_cast<int32_t>(dt)) || dt == static_cast<int64_t>(DType::kString))
    return Status(StatusCode::kUnsupportedDataType,
                  node.Describe() + ": output_datatype " + std::to_string(dt));
  SetOutput(node, 0, static_cast<DType>(dt), {sizes.second / 2 + 1, sizes.first});
  return Status::Ok();
}

class MelKernel : public Kernel {
 public:
  Status Prepare(const Node& node) override {
    ASSIGN_OR_RETURN(auto sizes, ReadSizes(node));
    mel_bins_ = sizes.first;
    dft_length_ = sizes.second;
    return Status::Ok();
  }
  Status Run(const KernelIO& io) const override {
    const TensorRef& y = io.out(0);
    auto scalar = [&](size_t i) { return ReadAsDouble(io.in(i).data, io.in(i).dtype, 0); };
    const double rate = scalar(2), lo = scalar(3), hi = scalar(4);
    const int64_t spec_bins = dft_length_ / 2 + 1;
    const double lo_mel = 2595 * std::log10(1 + lo / 700), hi_mel = 2595 * std::log10(1 + hi / 700);
    const double step = (hi_mel - lo_mel) / static_cast<double>(mel_bins_ + 2);
    std::vector<int64_t> f(static_cast<size_t>(mel_bins_ + 2));
    for (size_t i = 0; i < f.size(); ++i) {
      double hz = 700 * (std::pow(10.0, (static_cast<double>(i) * step + lo_mel) / 2595) - 1);
      f[i] = static_cast<int64_t>(std::floor((dft_length_ + 1) * hz / rate));
    }
    for (int64_t i = 0; i < y.numel(); ++i) WriteFromDouble(y.data, y.dtype, i, 0.0);
    auto set = [&](int64_t row, int64_t col, double v) {
      if (row >= 0 && row < spec_bins) WriteFromDouble(y.data, y.dtype, row * mel_bins_ + col, v);
    };
    for (int64_t i = 0; i < mel_bins_; ++i) {
      int64_t left = f[i], center = f[i + 1], right = f[i + 2];
      if (center == left) {
        set(center, i, 1.0);
      } else {
        for (int64_t j = left; j <= center; ++j)
          set(j, i, static_cast<double>(j - left) / static_cast<double>(center - left));
      }
      for (int64_t j = center; j < right; ++j)
        set(j, i, static_cast<double>(right - j) / static_cast<double>(right - center));
    }
    return Status::Ok();
  }

 private:
  int64_t mel_bins_ = 0, dft_length_ = 0;
};

}  // namespace

void RegisterOp_MelWeightMatrix(OpRegistry& registry) {
  OpSchema s;
  s.name = "MelWeightMatrix";
  s.min_opset = 17;
  s.min_inputs = s.max_inputs = 5;
  s.infer = InferMel;
  s.reference = [] { return std::unique_ptr<Kernel>(new MelKernel()); };
  s.types = {DType::kFloat32, DType::kFloat64, DType::kFloat16, DType::kBFloat16};
  registry.Register(std::move(s));
}

}  // namespace openacl
