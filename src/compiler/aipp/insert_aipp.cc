#include "compiler/aipp/insert_aipp.h"

#include <cstring>

namespace openacl {
namespace {

// ATC's template defaults when csc_switch is on and no matrix is given (BT.601, video range).
constexpr int32_t kYuvToRgb[9] = {298, 0, 409, 298, -100, -208, 298, 516, 0};
constexpr int32_t kRgbToYuv[9] = {66, 129, 25, -38, -74, 112, 112, -94, -18};
constexpr int32_t kVideoRangeBias[3] = {16, 128, 128};

struct ModelInput {
  Value* value = nullptr;
  int64_t n = 0, c = 0, h = 0, w = 0;
  bool nhwc = false;
};

Result<ModelInput> FindInput(Graph& graph, const AippOpConfig& cfg, const std::string& format) {
  ModelInput in;
  if (!cfg.related_input_name.empty()) {
    for (Value* v : graph.inputs)
      if (v->name == cfg.related_input_name) in.value = v;
    if (!in.value)
      return cfg.Error("related_input_name",
                       "the model has no input named '" + cfg.related_input_name + "'");
  } else {
    if (cfg.related_input_rank < 0 ||
        cfg.related_input_rank >= static_cast<int64_t>(graph.inputs.size()))
      return cfg.Error("related_input_rank",
                       std::to_string(cfg.related_input_rank) + " is out of range: the model has " +
                           std::to_string(graph.inputs.size()) + " input(s)");
    in.value = graph.inputs[cfg.related_input_rank];
  }
  const Value* v = in.value;
  const std::string field = cfg.related_input_name.empty() ? "related_input_rank"
                                                           : "related_input_name";
  if (graph.Consumers(v).size() == 1 && graph.Consumers(v)[0]->op_type == "Aipp")
    return cfg.Error(field, "input '" + v->name + "' already has an aipp_op block");
  if (v->dtype != DType::kFloat32 && v->dtype != DType::kFloat16)
    return cfg.Error(field, "input '" + v->name + "' is " + DTypeName(v->dtype) +
                                "; AIPP feeds float32 / float16 image inputs");
  if (!v->has_shape || v->shape.size() != 4)
    return cfg.Error(field, "input '" + v->name + "' has shape " + ShapeToString(v->shape) +
                                "; AIPP needs a 4-D NCHW or NHWC input");
  if (!format.empty() && format != "NCHW" && format != "NHWC")
    return cfg.Error(field, "--input_format " + format + " cannot be used with AIPP (NCHW or NHWC)");
  in.nhwc = format == "NHWC";
  const Shape& s = v->shape;
  in.n = s[0];
  in.c = in.nhwc ? s[3] : s[1];
  in.h = in.nhwc ? s[1] : s[2];
  in.w = in.nhwc ? s[2] : s[3];
  if (in.c <= 0 || in.h <= 0 || in.w <= 0 || in.n <= 0)
    return cfg.Error(field, "input '" + v->name + "' shape " + ShapeToString(s) +
                                " must be static for AIPP (fix it with --input_shape or a gear flag)");
  return in;
}

// Fills sizes the config leaves at 0 from the model input and ATC's default CSC matrix.
aipp::Params Resolve(const AippOpConfig& cfg, const ModelInput& in) {
  aipp::Params p = cfg.params;
  const int32_t pw = static_cast<int32_t>(in.w) - (p.padding ? p.pad_left + p.pad_right : 0);
  const int32_t ph = static_cast<int32_t>(in.h) - (p.padding ? p.pad_top + p.pad_bottom : 0);
  if (p.resize && p.resize_w == 0) p.resize_w = pw;
  if (p.resize && p.resize_h == 0) p.resize_h = ph;
  if (p.crop && p.crop_w == 0) p.crop_w = pw;
  if (p.crop && p.crop_h == 0) p.crop_h = ph;
  if (p.src_w == 0) p.src_w = (p.crop || p.resize) ? static_cast<int32_t>(in.w) : pw;
  if (p.src_h == 0) p.src_h = (p.crop || p.resize) ? static_cast<int32_t>(in.h) : ph;
  if (p.csc && !cfg.csc_matrix_given) {
    const bool yuv = aipp::IsYuv(p.format);
    std::memcpy(p.matrix, yuv ? kYuvToRgb : kRgbToYuv, sizeof(p.matrix));
    bool biases_given = false;
    for (const char* f : {"input_bias_0", "input_bias_1", "input_bias_2", "output_bias_0",
                          "output_bias_1", "output_bias_2"})
      biases_given = biases_given || cfg.field_lines.count(f);
    if (!biases_given) std::memcpy(yuv ? p.in_bias : p.out_bias, kVideoRangeBias, sizeof(kVideoRangeBias));
  }
  return p;
}

Status InsertOne(Graph& graph, const AippOpConfig& cfg, const std::string& format) {
  ASSIGN_OR_RETURN(ModelInput in, FindInput(graph, cfg, format));
  Value* images = in.value;
  Value* as_float = graph.AddValue(graph.UniqueName(images->name + "_aipp"));
  as_float->dtype = images->dtype;
  as_float->shape = images->shape;
  as_float->has_shape = true;
  graph.ReplaceAllUses(images, as_float);
  std::vector<Value*> node_inputs = {images};
  AttrMap attrs;
  if (cfg.dynamic) {
    if (graph.FindValue(aipp::kDynamicInputName))
      return cfg.Error("aipp_mode", "only one input can have dynamic AIPP");
    images->shape = {in.n, cfg.max_src_image_size};
    Value* params = graph.AddValue(aipp::kDynamicInputName);
    params->dtype = DType::kUInt8;
    params->shape = {static_cast<int64_t>(aipp::DynamicDataSize(static_cast<uint64_t>(in.n)))};
    params->has_shape = true;
    graph.inputs.push_back(params);
    node_inputs.push_back(params);
    attrs.set("aipp_mode", Attribute::String("dynamic"));
    attrs.set("max_src_image_size", Attribute::Int(cfg.max_src_image_size));
  } else {
    aipp::Params p = Resolve(cfg, in);
    if (auto e = aipp::CheckParams(p, in.h, in.w, in.c)) return cfg.Error(e->field, e->message);
    images->shape = aipp::BufferShape(p.format, in.n, p.src_w, p.src_h);
    aipp::ToAttrs(p, &attrs);
    attrs.set("aipp_mode", Attribute::String("static"));
  }
  attrs.set("output_chw", Attribute::Ints({in.c, in.h, in.w}));
  attrs.set("output_layout", Attribute::String(in.nhwc ? "NHWC" : "NCHW"));
  attrs.set("output_dtype", Attribute::Int(static_cast<int64_t>(as_float->dtype)));
  attrs.set("related_input_rank", Attribute::Int(cfg.related_input_rank));
  images->dtype = DType::kUInt8;
  images->dim_names.clear();
  Node* node = graph.AddNode("Aipp", node_inputs, {as_float}, graph.UniqueName("aipp_" + images->name));
  node->opset = 1;
  node->attrs = std::move(attrs);
  return Status::Ok();
}

}  // namespace

Status InsertAippOps(Graph& graph, const std::vector<AippOpConfig>& configs,
                     const std::string& input_format) {
  for (const AippOpConfig& cfg : configs) RETURN_IF_ERROR(InsertOne(graph, cfg, input_format));
  return graph.TopoSort();
}

Status InsertAippFromFile(Graph& graph, const std::string& config_path,
                          const std::string& input_format) {
  if (config_path.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<AippOpConfig> configs, LoadAippConfigFile(config_path));
  return InsertAippOps(graph, configs, input_format);
}

const Node* AippNodeOf(const Graph& graph, const Value* v) {
  for (const Node* n : graph.Consumers(v))
    if (n->op_type == "Aipp") return n;
  return nullptr;
}

void DescribeAippInputs(const Graph& graph, std::vector<IODesc>* inputs) {
  for (size_t i = 0; i < graph.inputs.size() && i < inputs->size(); ++i) {
    const Node* n = AippNodeOf(graph, graph.inputs[i]);
    if (!n) continue;
    (*inputs)[i].format = n->input(0) == graph.inputs[i] &&
                                  n->attrs.get_string("aipp_mode") == "static"
                              ? IOFormat::kNHWC
                              : IOFormat::kND;
  }
}

}  // namespace openacl
