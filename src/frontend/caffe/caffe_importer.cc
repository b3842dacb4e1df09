#include "frontend/caffe/caffe_importer.h"

#include <algorithm>
#include <unordered_map>

#include "frontend/caffe/caffe_net.h"
#include "frontend/caffe/layer_table.h"

namespace openacl {
namespace {

using caffe_frontend::CaffeNet;
using caffe_frontend::LayerContext;
using caffe_frontend::WeightMap;
using openacl_caffe::LayerParameter;
using openacl_caffe::NetStateRule;

// Caffe's rule matching for the TEST phase of a deploy net (no levels or stages set).
bool RuleMatchesTest(const NetStateRule& rule) {
  if (rule.has_phase() && rule.phase() != openacl_caffe::TEST) return false;
  if (rule.has_min_level() && rule.min_level() > 0) return false;
  if (rule.has_max_level() && rule.max_level() < 0) return false;
  return rule.stage_size() == 0;
}

bool IncludedInTest(const LayerParameter& layer) {
  if (layer.include_size() > 0)
    return std::any_of(layer.include().begin(), layer.include().end(), RuleMatchesTest);
  return std::none_of(layer.exclude().begin(), layer.exclude().end(), RuleMatchesTest);
}

bool IsDataLayer(const std::string& type) {
  return type == "Data" || type == "ImageData" || type == "MemoryData" || type == "HDF5Data" ||
         type == "WindowData" || type == "DummyData" || type == "AnnotatedData";
}

// Layers that only matter for training or evaluation: they have no place in an inference graph.
bool IsTrainingOnly(const std::string& type) {
  if (type == "Accuracy" || type == "Silence") return true;
  return type.size() > 4 && type.compare(type.size() - 4, 4, "Loss") == 0;
}

Shape ToShape(const openacl_caffe::BlobShape& s) { return Shape(s.dim().begin(), s.dim().end()); }

class Importer {
 public:
  Importer(const CaffeNet& net, const WeightMap& weights,
           const std::map<std::string, Shape>& input_shapes)
      : net_(net), weights_(weights), input_shapes_(input_shapes) {}

  Result<std::unique_ptr<Graph>> Run() {
    graph_ = std::make_unique<Graph>();
    graph_->name = net_.net.name();
    graph_->opset = caffe_frontend::kLoweringOpset;
    RETURN_IF_ERROR(AddNetInputs());
    for (int i = 0; i < net_.net.layer_size(); ++i) {
      const LayerParameter& layer = net_.net.layer(i);
      int line = i < static_cast<int>(net_.layer_lines.size()) ? net_.layer_lines[i] : 0;
      std::string where = net_.path + (line > 0 ? " line " + std::to_string(line)
                                                : " layer #" + std::to_string(i + 1));
      if (!IncludedInTest(layer)) continue;
      RETURN_IF_ERROR(AddLayer(layer, where));
    }
    RETURN_IF_ERROR(SetOutputs());
    RETURN_IF_ERROR(graph_->TopoSort());
    return std::move(graph_);
  }

 private:
  Status AddNetInputs() {
    const auto& net = net_.net;
    int n = net.input_size();
    if (n == 0) return Status::Ok();
    bool by_shape = net.input_shape_size() == n;
    bool by_dim = net.input_dim_size() == 4 * n;
    if (!by_shape && net.input_shape_size() > 0)
      return Status(StatusCode::kParseModel,
                    net_.path + ": " + std::to_string(n) + " inputs but " +
                        std::to_string(net.input_shape_size()) + " input_shape entries");
    if (!by_shape && !by_dim && net.input_dim_size() > 0)
      return Status(StatusCode::kParseModel,
                    net_.path + ": " + std::to_string(n) + " inputs need " +
                        std::to_string(4 * n) + " input_dim values, the file gives " +
                        std::to_string(net.input_dim_size()));
    for (int i = 0; i < n; ++i) {
      Shape shape;
      if (by_shape) shape = ToShape(net.input_shape(i));
      if (by_dim) shape.assign(net.input_dim().begin() + 4 * i, net.input_dim().begin() + 4 * i + 4);
      RETURN_IF_ERROR(AddInput(net.input(i), shape, net_.path + " (net input)"));
    }
    return Status::Ok();
  }

  Status AddInput(const std::string& name, Shape shape, const std::string& where) {
    auto given = input_shapes_.find(name);
    if (given != input_shapes_.end()) shape = given->second;
    if (shape.empty())
      return Status(StatusCode::kParseModel,
                    "input '" + name + "' (" + where +
                        ") has no shape in the prototxt: give it with --input_shape=" + name +
                        ":N,C,H,W");
    for (int64_t d : shape)
      if (d <= 0)
        return Status(StatusCode::kParseModel,
                      "input '" + name + "' (" + where + ") has shape " + ShapeToString(shape) +
                          ": every dim must be positive (set it with --input_shape)");
    if (blobs_.count(name))
      return Status(StatusCode::kParseModel, "input '" + name + "' (" + where + ") is declared twice");
    Value* v = graph_->AddValue(name);
    v->dtype = DType::kFloat32;
    v->shape = shape;
    v->has_shape = true;
    graph_->inputs.push_back(v);
    Define(name, v);
    return Status::Ok();
  }

  Status AddInputLayer(const LayerParameter& layer, const std::string& where) {
    const std::string label = "layer '" + layer.name() + "' (type " + layer.type() + ", " + where + ")";
    if (layer.type() == "Input") {
      const auto& shapes = layer.input_param().shape();
      if (shapes.size() > 1 && shapes.size() != layer.top_size())
        return Status(StatusCode::kParseModel, label + ": " + std::to_string(layer.top_size()) +
                                                   " tops but " + std::to_string(shapes.size()) +
                                                   " input_param shapes");
      for (int t = 0; t < layer.top_size(); ++t) {
        Shape shape = shapes.empty() ? Shape{} : ToShape(shapes.size() == 1 ? shapes[0] : shapes[t]);
        RETURN_IF_ERROR(AddInput(layer.top(t), shape, label));
      }
      return Status::Ok();
    }
    // A data layer: its first top is the image batch; the label top is for training only.
    if (layer.top_size() == 0) return Status(StatusCode::kParseModel, label + " has no top");
    Shape shape;
    if (layer.type() == "MemoryData" || layer.type() == "DummyData") shape = {};
    return AddInput(layer.top(0), shape, label);
  }

  Status AddLayer(const LayerParameter& layer, const std::string& where) {
    const std::string& type = layer.type();
    if (type == "Input" || IsDataLayer(type)) return AddInputLayer(layer, where);
    if (IsTrainingOnly(type)) return Status::Ok();
    caffe_frontend::LowerFn lower = caffe_frontend::FindLowering(type);
    const std::string label = "layer '" + layer.name() + "' (type " + type + ", " + where + ")";
    if (!lower)
      return Status(StatusCode::kUnsupportedOp,
                    label + ": layer type '" + type +
                        "' is not supported by openacl's Caffe frontend (supported: " +
                        caffe_frontend::SupportedLayerTypes() + ")");
    std::vector<Value*> bottoms;
    for (const std::string& b : layer.bottom()) {
      auto it = blobs_.find(b);
      if (it == blobs_.end())
        return Status(StatusCode::kParseModel,
                      label + ": bottom '" + b + "' is not produced by any earlier layer or input");
      bottoms.push_back(it->second);
    }
    std::vector<Tensor> blobs;
    auto w = weights_.find(layer.name());
    const auto* protos = w != weights_.end() ? &w->second : nullptr;
    std::vector<openacl_caffe::BlobProto> inline_blobs(layer.blobs().begin(), layer.blobs().end());
    if (!protos) protos = &inline_blobs;
    for (size_t i = 0; i < protos->size(); ++i) {
      auto t = caffe_frontend::BlobToTensor((*protos)[i], "weight blob " + std::to_string(i) +
                                                              " of layer '" + layer.name() + "'");
      if (!t.ok()) return t.status();
      blobs.push_back(std::move(t).value());
    }
    LayerContext ctx(*graph_, layer, where, bottoms, std::move(blobs));
    RETURN_IF_ERROR(lower(ctx));
    for (const std::string& b : layer.bottom()) Consume(b);
    for (int t = 0; t < layer.top_size(); ++t) {
      Value* v = ctx.tops()[t];
      if (!v) return ctx.Fail("produced no value for top '" + layer.top(t) + "'");
      Define(layer.top(t), v);
    }
    return Status::Ok();
  }

  void Define(const std::string& blob, Value* v) {
    blobs_[blob] = v;
    available_.erase(std::remove(available_.begin(), available_.end(), blob), available_.end());
    available_.push_back(blob);
  }
  void Consume(const std::string& blob) {
    available_.erase(std::remove(available_.begin(), available_.end(), blob), available_.end());
  }

  // The net's outputs, as in Caffe: every blob no later layer reads, in order of definition.
  // An output written in place keeps the blob's name (the earlier versions are renamed).
  Status SetOutputs() {
    for (const std::string& blob : available_) {
      Value* v = blobs_[blob];
      if (graph_->IsGraphInput(v) && available_.size() > 1) continue;
      if (v->name != blob) {
        Value* first = graph_->FindValue(blob);
        if (first) first->name = graph_->UniqueName(blob + "/before_in_place");
        v->name = blob;
      }
      graph_->outputs.push_back(v);
    }
    if (graph_->outputs.empty())
      return Status(StatusCode::kParseModel, net_.path + " has no output blob");
    return Status::Ok();
  }

  const CaffeNet& net_;
  const WeightMap& weights_;
  const std::map<std::string, Shape>& input_shapes_;
  std::unique_ptr<Graph> graph_;
  std::unordered_map<std::string, Value*> blobs_;  // current value of each Caffe blob
  std::vector<std::string> available_;             // blobs not yet read by a later layer
};

}  // namespace

Result<std::unique_ptr<Graph>> ImportCaffeFiles(const std::string& prototxt,
                                                const std::string& caffemodel,
                                                const std::map<std::string, Shape>& input_shapes) {
  ASSIGN_OR_RETURN(CaffeNet net, caffe_frontend::ReadPrototxt(prototxt));
  WeightMap weights;
  if (!caffemodel.empty()) {
    ASSIGN_OR_RETURN(weights, caffe_frontend::ReadCaffemodel(caffemodel));
  }
  Importer importer(net, weights, input_shapes);
  return importer.Run();
}

Result<std::unique_ptr<Graph>> ImportCaffeText(const std::string& prototxt_text,
                                               const std::string& caffemodel_bytes,
                                               const std::map<std::string, Shape>& input_shapes,
                                               const std::string& what) {
  ASSIGN_OR_RETURN(CaffeNet net, caffe_frontend::ParsePrototxtText(prototxt_text, what));
  WeightMap weights;
  if (!caffemodel_bytes.empty()) {
    ASSIGN_OR_RETURN(weights,
                     caffe_frontend::ParseCaffemodelBytes(caffemodel_bytes, what + " weights"));
  }
  Importer importer(net, weights, input_shapes);
  return importer.Run();
}

}  // namespace openacl
