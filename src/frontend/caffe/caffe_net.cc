#include "frontend/caffe/caffe_net.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <sstream>

namespace openacl {
namespace caffe_frontend {
namespace {

using openacl_caffe::LayerParameter;
using openacl_caffe::NetParameter;
using openacl_caffe::V1LayerParameter;

Result<std::string> ReadWholeFile(const std::string& path, const std::string& kind) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kInvalidFile, "cannot open " + kind + " '" + path + "'");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Collects the first text-format error with its position.
class FirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, int column, const std::string& message) override {
    if (!message_.empty()) return;
    message_ = "line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1) +
               ": " + message;
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

struct V1Type {
  V1LayerParameter::LayerType type;
  const char* name;
};

const V1Type kV1Types[] = {
    {V1LayerParameter::ABSVAL, "AbsVal"},
    {V1LayerParameter::ACCURACY, "Accuracy"},
    {V1LayerParameter::ARGMAX, "ArgMax"},
    {V1LayerParameter::BNLL, "BNLL"},
    {V1LayerParameter::CONCAT, "Concat"},
    {V1LayerParameter::CONTRASTIVE_LOSS, "ContrastiveLoss"},
    {V1LayerParameter::CONVOLUTION, "Convolution"},
    {V1LayerParameter::DATA, "Data"},
    {V1LayerParameter::DECONVOLUTION, "Deconvolution"},
    {V1LayerParameter::DROPOUT, "Dropout"},
    {V1LayerParameter::DUMMY_DATA, "DummyData"},
    {V1LayerParameter::EUCLIDEAN_LOSS, "EuclideanLoss"},
    {V1LayerParameter::ELTWISE, "Eltwise"},
    {V1LayerParameter::EXP, "Exp"},
    {V1LayerParameter::FLATTEN, "Flatten"},
    {V1LayerParameter::HDF5_DATA, "HDF5Data"},
    {V1LayerParameter::HDF5_OUTPUT, "HDF5Output"},
    {V1LayerParameter::HINGE_LOSS, "HingeLoss"},
    {V1LayerParameter::IM2COL, "Im2col"},
    {V1LayerParameter::IMAGE_DATA, "ImageData"},
    {V1LayerParameter::INFOGAIN_LOSS, "InfogainLoss"},
    {V1LayerParameter::INNER_PRODUCT, "InnerProduct"},
    {V1LayerParameter::LRN, "LRN"},
    {V1LayerParameter::MEMORY_DATA, "MemoryData"},
    {V1LayerParameter::MULTINOMIAL_LOGISTIC_LOSS, "MultinomialLogisticLoss"},
    {V1LayerParameter::MVN, "MVN"},
    {V1LayerParameter::POOLING, "Pooling"},
    {V1LayerParameter::POWER, "Power"},
    {V1LayerParameter::RELU, "ReLU"},
    {V1LayerParameter::SIGMOID, "Sigmoid"},
    {V1LayerParameter::SIGMOID_CROSS_ENTROPY_LOSS, "SigmoidCrossEntropyLoss"},
    {V1LayerParameter::SILENCE, "Silence"},
    {V1LayerParameter::SOFTMAX, "Softmax"},
    {V1LayerParameter::SOFTMAX_LOSS, "SoftmaxWithLoss"},
    {V1LayerParameter::SPLIT, "Split"},
    {V1LayerParameter::SLICE, "Slice"},
    {V1LayerParameter::TANH, "TanH"},
    {V1LayerParameter::WINDOW_DATA, "WindowData"},
    {V1LayerParameter::THRESHOLD, "Threshold"},
};

// V1 layer -> current layer. The per-type parameter messages are the same messages.
LayerParameter UpgradeV1(const V1LayerParameter& v1) {
  LayerParameter l;
  l.set_name(v1.name());
  l.set_type(V1TypeName(v1.type()));
  for (const auto& b : v1.bottom()) l.add_bottom(b);
  for (const auto& t : v1.top()) l.add_top(t);
  for (const auto& r : v1.include()) *l.add_include() = r;
  for (const auto& r : v1.exclude()) *l.add_exclude() = r;
  for (const auto& b : v1.blobs()) *l.add_blobs() = b;
#define OPENACL_COPY_PARAM(field) \
  if (v1.has_##field()) *l.mutable_##field() = v1.field();
  OPENACL_COPY_PARAM(accuracy_param)
  OPENACL_COPY_PARAM(argmax_param)
  OPENACL_COPY_PARAM(concat_param)
  OPENACL_COPY_PARAM(convolution_param)
  OPENACL_COPY_PARAM(data_param)
  OPENACL_COPY_PARAM(dropout_param)
  OPENACL_COPY_PARAM(eltwise_param)
  OPENACL_COPY_PARAM(exp_param)
  OPENACL_COPY_PARAM(inner_product_param)
  OPENACL_COPY_PARAM(lrn_param)
  OPENACL_COPY_PARAM(mvn_param)
  OPENACL_COPY_PARAM(pooling_param)
  OPENACL_COPY_PARAM(power_param)
  OPENACL_COPY_PARAM(relu_param)
  OPENACL_COPY_PARAM(sigmoid_param)
  OPENACL_COPY_PARAM(softmax_param)
  OPENACL_COPY_PARAM(slice_param)
  OPENACL_COPY_PARAM(tanh_param)
  OPENACL_COPY_PARAM(threshold_param)
  OPENACL_COPY_PARAM(transform_param)
  OPENACL_COPY_PARAM(loss_param)
#undef OPENACL_COPY_PARAM
  return l;
}

// Moves V1 `layers` into `layer` (a file holds one form or the other).
Status UpgradeNet(NetParameter* net, const std::string& what) {
  if (net->layers_size() == 0) return Status::Ok();
  if (net->layer_size() > 0)
    return Status(StatusCode::kParseModel,
                  what + " mixes the `layer` and the legacy `layers` forms; use one of them");
  for (const auto& v1 : net->layers()) {
    if (v1.type() == V1LayerParameter::NONE)
      return Status(StatusCode::kParseModel,
                    what + ": legacy layer '" + v1.name() + "' has no type");
    *net->add_layer() = UpgradeV1(v1);
  }
  net->clear_layers();
  return Status::Ok();
}

}  // namespace

std::string V1TypeName(V1LayerParameter::LayerType type) {
  for (const V1Type& t : kV1Types)
    if (t.type == type) return t.name;
  return "";
}

Result<CaffeNet> ParsePrototxtText(const std::string& text, const std::string& what) {
  CaffeNet result;
  result.path = what;
  google::protobuf::TextFormat::Parser parser;
  FirstError errors;
  parser.RecordErrorsTo(&errors);
  google::protobuf::TextFormat::ParseInfoTree tree;
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(text, &result.net))
    return Status(StatusCode::kParseModel,
                  what + " is not a valid Caffe prototxt: " +
                      (errors.message().empty() ? std::string("parse failed") : errors.message()));
  const auto* desc = NetParameter::descriptor();
  const auto* layer_field = desc->FindFieldByName(result.net.layer_size() > 0 ? "layer" : "layers");
  int n = result.net.layer_size() > 0 ? result.net.layer_size() : result.net.layers_size();
  for (int i = 0; i < n; ++i) {
    auto loc = tree.GetLocation(layer_field, i);
    result.layer_lines.push_back(loc.line >= 0 ? loc.line + 1 : 0);
  }
  RETURN_IF_ERROR(UpgradeNet(&result.net, what));
  if (result.net.layer_size() == 0 && result.net.input_size() == 0)
    return Status(StatusCode::kParseModel, what + " declares no layers");
  return result;
}

Result<CaffeNet> ReadPrototxt(const std::string& path) {
  ASSIGN_OR_RETURN(std::string text, ReadWholeFile(path, "Caffe model (--model)"));
  return ParsePrototxtText(text, "'" + path + "'");
}

Result<WeightMap> ParseCaffemodelBytes(const std::string& bytes, const std::string& what) {
  if (bytes.empty()) return Status(StatusCode::kParseModel, what + " is empty");
  NetParameter net;
  google::protobuf::io::ArrayInputStream raw(bytes.data(), static_cast<int>(bytes.size()));
  google::protobuf::io::CodedInputStream coded(&raw);
  coded.SetTotalBytesLimit(INT32_MAX);
  if (!net.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
    return Status(StatusCode::kParseModel,
                  what + " is not a valid caffemodel (binary NetParameter parse failed: "
                         "truncated or not a caffemodel file)");
  RETURN_IF_ERROR(UpgradeNet(&net, what));
  WeightMap weights;
  for (const auto& layer : net.layer()) {
    if (layer.blobs_size() == 0) continue;
    auto& blobs = weights[layer.name()];
    if (!blobs.empty())
      return Status(StatusCode::kParseModel,
                    what + " holds weights for layer '" + layer.name() + "' twice");
    blobs.assign(layer.blobs().begin(), layer.blobs().end());
  }
  return weights;
}

Result<WeightMap> ReadCaffemodel(const std::string& path) {
  ASSIGN_OR_RETURN(std::string bytes, ReadWholeFile(path, "Caffe weight file (--weight)"));
  return ParseCaffemodelBytes(bytes, "weight file '" + path + "'");
}

Result<Tensor> BlobToTensor(const openacl_caffe::BlobProto& blob, const std::string& what) {
  Shape shape;
  if (blob.has_shape()) {
    for (int64_t d : blob.shape().dim()) {
      if (d < 0 || d > (int64_t{1} << 31))
        return Status(StatusCode::kParseModel, what + " has an invalid dim " + std::to_string(d));
      shape.push_back(d);
    }
  } else {
    for (int64_t d : {blob.num(), blob.channels(), blob.height(), blob.width()}) {
      if (d < 0)
        return Status(StatusCode::kParseModel, what + " has an invalid dim " + std::to_string(d));
      shape.push_back(d);
    }
    // Legacy blobs that give no dims at all hold a flat vector.
    if (shape == Shape{0, 0, 0, 0}) shape = {blob.data_size() + blob.double_data_size()};
  }
  int64_t count = 1;
  for (int64_t d : shape) {
    count *= d;
    if (count > (int64_t{1} << 34))
      return Status(StatusCode::kParseModel, what + " is too large (" + ShapeToString(shape) + ")");
  }
  int64_t have = blob.data_size() > 0 ? blob.data_size() : blob.double_data_size();
  if (have != count)
    return Status(StatusCode::kParseModel,
                  what + " holds " + std::to_string(have) + " values but its shape " +
                      ShapeToString(shape) + " needs " + std::to_string(count) +
                      " (truncated or inconsistent caffemodel)");
  Tensor t(DType::kFloat32, shape);
  float* out = static_cast<float*>(t.mutable_data());
  if (blob.data_size() > 0) {
    for (int64_t i = 0; i < count; ++i) out[i] = blob.data(static_cast<int>(i));
  } else {
    for (int64_t i = 0; i < count; ++i) out[i] = static_cast<float>(blob.double_data(static_cast<int>(i)));
  }
  return t;
}

}  // namespace caffe_frontend
}  // namespace openacl
