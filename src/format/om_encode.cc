#include "format/om_encode.h"

#include <cstring>
#include <unordered_map>

#include "format/crc32c.h"
#include "format/om_header.h"
#include "format/om_schema_generated.h"

namespace openacl {
namespace {

namespace fb = flatbuffers;
using StrOffset = fb::Offset<fb::String>;

Status Bad(const std::string& m) {
  return Status(StatusCode::kInvalidParam, "cannot write .om: " + m);
}

fb::Offset<om::TensorData> EncodeTensor(fb::FlatBufferBuilder& b, const Tensor& t) {
  auto shape = b.CreateVector<int64_t>(t.shape());
  static const uint8_t kNothing = 0;  // never pass null to the builder's memcpy
  size_t n = (t.num_elements() < 0 || !t.data()) ? 0 : t.nbytes();
  auto data = b.CreateVector<uint8_t>(n ? static_cast<const uint8_t*>(t.data()) : &kNothing, n);
  return om::CreateTensorData(b, static_cast<int32_t>(t.dtype()), shape, data);
}

fb::Offset<fb::Vector<StrOffset>> EncodeStrings(fb::FlatBufferBuilder& b,
                                                const std::vector<std::string>& strings) {
  std::vector<StrOffset> offs;
  offs.reserve(strings.size());
  for (const auto& s : strings) offs.push_back(b.CreateString(s));
  return b.CreateVector(offs);
}

constexpr int kMaxSubgraphDepth = 16;

Result<fb::Offset<om::Graph>> EncodeGraph(fb::FlatBufferBuilder& b, const Graph& g,
                                          const std::unordered_map<const Value*, ValuePlan>* plan,
                                          const std::vector<std::string>* kernels, int depth);

Result<fb::Offset<om::Attr>> EncodeAttr(fb::FlatBufferBuilder& b, const Node& node,
                                        const std::string& name, const Attribute& a, int depth) {
  auto name_off = b.CreateString(name);
  switch (a.kind) {
    case Attribute::Kind::kInt:
      return om::CreateAttr(b, name_off, om::AttrKind_Int, a.i);
    case Attribute::Kind::kFloat:
      return om::CreateAttr(b, name_off, om::AttrKind_Float, 0, a.f);
    case Attribute::Kind::kString:
      return om::CreateAttr(b, name_off, om::AttrKind_String, 0, 0.0f, b.CreateString(a.s));
    case Attribute::Kind::kInts:
      return om::CreateAttr(b, name_off, om::AttrKind_Ints, 0, 0.0f, 0, b.CreateVector(a.ints));
    case Attribute::Kind::kFloats:
      return om::CreateAttr(b, name_off, om::AttrKind_Floats, 0, 0.0f, 0, 0,
                            b.CreateVector(a.floats));
    case Attribute::Kind::kStrings:
      return om::CreateAttr(b, name_off, om::AttrKind_Strings, 0, 0.0f, 0, 0, 0,
                            EncodeStrings(b, a.strings));
    case Attribute::Kind::kTensor:
      if (a.t.num_elements() < 0)
        return Bad(node.Describe() + " attribute '" + name + "': tensor has an unknown shape");
      return om::CreateAttr(b, name_off, om::AttrKind_Tensor, 0, 0.0f, 0, 0, 0, 0,
                            EncodeTensor(b, a.t));
    case Attribute::Kind::kGraph: {
      if (!a.g) return Bad(node.Describe() + " attribute '" + name + "' has no graph");
      if (depth >= kMaxSubgraphDepth)
        return Bad(node.Describe() + ": subgraphs nested deeper than " +
                   std::to_string(kMaxSubgraphDepth));
      ASSIGN_OR_RETURN(auto g, EncodeGraph(b, *a.g, nullptr, nullptr, depth + 1));
      return om::CreateAttr(b, name_off, om::AttrKind_Graph, 0, 0.0f, 0, 0, 0, 0, 0, g);
    }
  }
  return Bad(node.Describe() + " attribute '" + name + "' has an unknown kind");
}

// The weight section: borrowed from model.weights or assembled from the constants.
Status BuildWeights(const CompiledModel& model, OmImage* image) {
  uint64_t end = 0;
  for (const auto& v : model.graph->values()) {
    auto it = model.plan.find(v.get());
    if (it == model.plan.end() || it->second.placement != Placement::kWeight) continue;
    const ValuePlan& p = it->second;
    if (p.offset > UINT64_MAX - p.nbytes)
      return Bad("value '" + v->name + "': weight offset overflows");
    end = std::max(end, p.offset + p.nbytes);
  }
  // Borrowed weights are exactly weight_size bytes; assembled ones may size themselves.
  uint64_t size = model.weight_size;
  if (size == 0 && !model.weights) size = AlignUp64(end);
  if (end > size)
    return Bad("weights end at byte " + std::to_string(end) + " but weight_size is " +
               std::to_string(size));
  image->weight_size = size;
  if (model.weights) {
    image->weights = model.weights.get();
    return Status::Ok();
  }
  image->owned_weights.assign(size, 0);
  for (const auto& v : model.graph->values()) {
    auto it = model.plan.find(v.get());
    if (it == model.plan.end() || it->second.placement != Placement::kWeight) continue;
    if (!v->constant)
      return Bad("value '" + v->name +
                 "' is placed in the weight section but has no constant data");
    const Tensor& t = *v->constant;
    if (t.num_elements() < 0 || t.nbytes() > it->second.nbytes)
      return Bad("constant '" + v->name + "' has " + std::to_string(t.nbytes()) +
                 " bytes but its plan reserves " + std::to_string(it->second.nbytes));
    if (t.nbytes() && t.data())
      std::memcpy(&image->owned_weights[it->second.offset], t.data(), t.nbytes());
  }
  image->weights = image->owned_weights.data();
  return Status::Ok();
}

fb::Offset<fb::Vector<fb::Offset<om::IODesc>>> EncodeIO(fb::FlatBufferBuilder& b,
                                                        const std::vector<IODesc>& descs) {
  std::vector<fb::Offset<om::IODesc>> out;
  for (const auto& d : descs)
    out.push_back(om::CreateIODesc(b, b.CreateString(d.name), static_cast<int32_t>(d.dtype),
                                   b.CreateVector<int64_t>(d.shape), static_cast<int32_t>(d.format),
                                   d.nbytes));
  return b.CreateVector(out);
}

// The top graph is encoded with its plan and kernel choices; subgraphs (plan == nullptr) with
// every value unplanned and constants inline.
Result<fb::Offset<om::Graph>> EncodeGraph(fb::FlatBufferBuilder& b, const Graph& g,
                                          const std::unordered_map<const Value*, ValuePlan>* plan,
                                          const std::vector<std::string>* kernels, int depth) {
  static const std::vector<std::string> kNoKernels;
  if (!kernels) kernels = &kNoKernels;
  std::unordered_map<const Value*, int32_t> index;
  for (size_t i = 0; i < g.values().size(); ++i)
    index[g.values()[i].get()] = static_cast<int32_t>(i);
  auto lookup = [&](const Value* v, const std::string& what) -> Result<int32_t> {
    if (v == nullptr) return -1;
    auto it = index.find(v);
    if (it == index.end()) return Bad(what + " refers to a value the graph does not own");
    return it->second;
  };

  std::vector<fb::Offset<om::Value>> values;
  for (const auto& v : g.values()) {
    ValuePlan p;
    if (plan) {
      auto it = plan->find(v.get());
      if (it != plan->end()) p = it->second;
    }
    fb::Offset<om::TensorData> inline_data = 0;
    if (v->constant && p.placement != Placement::kWeight) {
      if (v->constant->num_elements() < 0)
        return Bad("constant '" + v->name + "' has an unknown shape");
      inline_data = EncodeTensor(b, *v->constant);
    }
    values.push_back(om::CreateValue(
        b, b.CreateString(v->name), static_cast<int32_t>(v->dtype),
        b.CreateVector<int64_t>(v->shape), EncodeStrings(b, v->dim_names), v->has_shape,
        static_cast<om::Placement>(p.placement), p.offset, p.index, p.nbytes,
        v->constant.has_value() || p.placement == Placement::kWeight, inline_data));
  }

  if (!kernels->empty() && kernels->size() != g.nodes().size())
    return Bad(std::to_string(kernels->size()) + " kernel choices for " +
               std::to_string(g.nodes().size()) + " nodes");
  std::vector<fb::Offset<om::Node>> nodes;
  for (size_t n = 0; n < g.nodes().size(); ++n) {
    const Node& node = *g.nodes()[n];
    std::vector<int32_t> ins, outs;
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      ASSIGN_OR_RETURN(int32_t id,
                       lookup(node.inputs[i], node.Describe() + " input " + std::to_string(i)));
      ins.push_back(id);
    }
    for (size_t i = 0; i < node.outputs.size(); ++i) {
      ASSIGN_OR_RETURN(int32_t id,
                       lookup(node.outputs[i], node.Describe() + " output " + std::to_string(i)));
      outs.push_back(id);
    }
    std::vector<fb::Offset<om::Attr>> attrs;
    for (const auto& [name, attr] : node.attrs.all()) {
      ASSIGN_OR_RETURN(auto off, EncodeAttr(b, node, name, attr, depth));
      attrs.push_back(off);
    }
    const std::string kernel = kernels->empty() ? "" : (*kernels)[n];
    nodes.push_back(om::CreateNode(b, b.CreateString(node.name), b.CreateString(node.op_type),
                                   b.CreateString(node.domain), node.opset, b.CreateVector(ins),
                                   b.CreateVector(outs), b.CreateVector(attrs),
                                   b.CreateString(kernel)));
  }
  std::vector<int32_t> ins, outs;
  for (size_t i = 0; i < g.inputs.size(); ++i) {
    ASSIGN_OR_RETURN(int32_t id, lookup(g.inputs[i], "graph input " + std::to_string(i)));
    if (id < 0) return Bad("graph input " + std::to_string(i) + " is null");
    ins.push_back(id);
  }
  for (size_t i = 0; i < g.outputs.size(); ++i) {
    ASSIGN_OR_RETURN(int32_t id, lookup(g.outputs[i], "graph output " + std::to_string(i)));
    if (id < 0) return Bad("graph output " + std::to_string(i) + " is null");
    outs.push_back(id);
  }
  return om::CreateGraph(b, b.CreateString(g.name), g.opset, b.CreateVector(values),
                         b.CreateVector(nodes), b.CreateVector(ins), b.CreateVector(outs));
}

constexpr int kMaxPlanNesting = 1;  // a gear model's plans have no gears of their own

// The Model table of `model`; a gear model also gets one nested Model per gear.
Result<fb::Offset<om::Model>> EncodeModelTable(fb::FlatBufferBuilder& b, const CompiledModel& model,
                                               uint64_t weight_size, int nesting) {
  if (!model.graph) return Bad("the compiled model has no graph");
  ASSIGN_OR_RETURN(auto graph, EncodeGraph(b, *model.graph, &model.plan, &model.kernels, 0));
  fb::Offset<om::DynamicInfo> dynamic = 0;
  if (model.has_gears()) {
    if (nesting >= kMaxPlanNesting) return Bad("a gear's plan has gears of its own");
    if (model.gears.size() != model.gear_values.size() || model.gears.empty())
      return Bad(std::to_string(model.gears.size()) + " gear plans for " +
                 std::to_string(model.gear_values.size()) + " gears");
    std::vector<fb::Offset<om::Gear>> gears;
    for (size_t i = 0; i < model.gears.size(); ++i) {
      ASSIGN_OR_RETURN(auto plan, EncodeModelTable(b, model.gears[i], weight_size, nesting + 1));
      gears.push_back(om::CreateGear(b, b.CreateVector(model.gear_values[i]),
                                     model.gears[i].arena_size, plan));
    }
    dynamic = om::CreateDynamicInfo(b, static_cast<om::GearKind>(model.gear_kind),
                                    b.CreateVector(gears));
  }
  std::vector<fb::Offset<om::KeyValue>> options;
  for (const auto& [k, v] : model.options)
    options.push_back(om::CreateKeyValue(b, b.CreateString(k), b.CreateString(v)));
  fb::Offset<om::SingleOp> single_op = 0;
  if (model.is_single_op)
    single_op = om::CreateSingleOp(b, b.CreateString(model.single_op.acl_op_type),
                                   b.CreateString(model.single_op.json));
  auto inputs = EncodeIO(b, model.inputs);
  auto outputs = EncodeIO(b, model.outputs);
  return om::CreateModel(b, b.CreateString("openacl"), graph, inputs, outputs, model.arena_size,
                         model.scratch_offset, model.scratch_size, weight_size,
                         b.CreateVectorOfSortedTables(&options), model.is_single_op, single_op,
                         dynamic, /*aipp=*/0, model.data_dependent_shapes);
}

}  // namespace

Result<OmImage> EncodeOm(const CompiledModel& model) {
  if (!model.graph) return Bad("the compiled model has no graph");
  if (model.has_gears() && !model.weights)
    return Bad("a gear model must carry the weight blob its plans share");
  OmImage image;
  RETURN_IF_ERROR(BuildWeights(model, &image));
  for (const CompiledModel& gear : model.gears) {
    OmImage check;  // bounds of the gear's weight placements (the blob itself is shared)
    RETURN_IF_ERROR(BuildWeights(gear, &check));
    if (check.weight_size > image.weight_size)
      return Bad("a gear's weights end past the shared weight blob");
  }

  fb::FlatBufferBuilder b(1 << 16);
  ASSIGN_OR_RETURN(auto root, EncodeModelTable(b, model, image.weight_size, 0));
  om::FinishModelBuffer(b, root);

  OmHeader h;
  h.meta_size = b.GetSize();
  h.weight_offset = AlignUp64(kOmHeaderSize + h.meta_size);
  h.weight_size = image.weight_size;
  image.head.assign(h.weight_offset, 0);
  std::memcpy(&image.head[kOmHeaderSize], b.GetBufferPointer(), b.GetSize());
  h.meta_crc = Crc32c(0, image.head.data() + kOmHeaderSize, h.weight_offset - kOmHeaderSize);
  h.checksum = Crc32c(h.meta_crc, image.weights, image.weight_size);
  EncodeOmHeader(h, image.head.data());
  return image;
}

}  // namespace openacl
