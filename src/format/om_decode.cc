#include "format/om_decode.h"

#include <cstring>
#include <string>

namespace openacl {
namespace {

namespace fb = flatbuffers;

constexpr size_t kMaxRank = 64;
constexpr uint64_t kMaxElements = uint64_t{1} << 60;

Status Corrupt(const std::string& m) { return Status(StatusCode::kDeserializeModel, m); }
std::string Str(const fb::String* s) { return s ? s->str() : std::string(); }

// The verifier checks a vector's 4-byte length prefix alignment only; 8-byte elements must be
// checked before they are read (a misaligned load is undefined behaviour).
template <typename T>
bool Aligned(const fb::Vector<T>* v) {
  return !v || v->size() == 0 || reinterpret_cast<uintptr_t>(v->Data()) % alignof(T) == 0;
}

// A shape with dims >= 0 (or -1 for unknown where allowed).
Result<Shape> ReadShape(const fb::Vector<int64_t>* v, bool allow_unknown, const std::string& what) {
  Shape s;
  if (!v) return s;
  if (!Aligned(v)) return Corrupt(what + ": misaligned shape");
  if (v->size() > kMaxRank)
    return Corrupt(what + ": rank " + std::to_string(v->size()) + " is too large");
  uint64_t n = 1;
  for (int64_t d : *v) {
    // -1: dim decided at run time; -2 (a lone dim): rank decided at run time.
    if (d < (allow_unknown ? -2 : 0) || (d == -2 && v->size() != 1))
      return Corrupt(what + ": bad dimension " + std::to_string(d));
    if (d > 0 && n > kMaxElements / static_cast<uint64_t>(d))
      return Corrupt(what + ": shape has too many elements");
    if (d >= 0) n *= static_cast<uint64_t>(d);
    s.push_back(d);
  }
  return s;
}

// Bytes of a static shape (ReadShape already bounded the element count).
uint64_t ShapeBytes(const Shape& s, DType t) {
  return static_cast<uint64_t>(NumElements(s)) * DTypeSize(t);
}

Result<DType> ReadDType(int32_t raw, bool allow_undefined, const std::string& what) {
  if (raw == 0 && allow_undefined) return DType::kUndefined;
  if (!IsKnownDType(raw)) return Corrupt(what + ": unknown dtype " + std::to_string(raw));
  return static_cast<DType>(raw);
}

Result<Tensor> ReadTensor(const om::TensorData* td, const std::string& what) {
  if (!td) return Corrupt(what + ": missing tensor data");
  ASSIGN_OR_RETURN(DType dtype, ReadDType(td->dtype(), false, what));
  ASSIGN_OR_RETURN(Shape shape, ReadShape(td->shape(), false, what));
  uint64_t want = ShapeBytes(shape, dtype);
  uint64_t have = td->data() ? td->data()->size() : 0;
  if (want != have)
    return Corrupt(what + ": tensor " + ShapeToString(shape) + " needs " + std::to_string(want) +
                   " bytes, file has " + std::to_string(have));
  Tensor t(dtype, shape);
  if (have) std::memcpy(t.mutable_data(), td->data()->data(), have);
  return t;
}

Result<std::shared_ptr<Graph>> DecodeSubgraph(const om::Graph& fg, int depth,
                                              const std::string& what);

Result<Attribute> ReadAttr(const om::Attr& a, const std::string& what, int depth) {
  switch (a.kind()) {
    case om::AttrKind_Int:
      return Attribute::Int(a.i());
    case om::AttrKind_Float:
      return Attribute::Float(a.f());
    case om::AttrKind_String:
      return Attribute::String(Str(a.s()));
    case om::AttrKind_Ints:
      if (!Aligned(a.ints())) return Corrupt(what + ": misaligned ints");
      return Attribute::Ints(a.ints() ? std::vector<int64_t>(a.ints()->begin(), a.ints()->end())
                                      : std::vector<int64_t>());
    case om::AttrKind_Floats:
      return Attribute::Floats(a.floats()
                                   ? std::vector<float>(a.floats()->begin(), a.floats()->end())
                                   : std::vector<float>());
    case om::AttrKind_Strings: {
      std::vector<std::string> v;
      if (a.strings())
        for (const auto* s : *a.strings()) v.push_back(Str(s));
      return Attribute::Strings(std::move(v));
    }
    case om::AttrKind_Tensor: {
      ASSIGN_OR_RETURN(Tensor t, ReadTensor(a.t(), what));
      return Attribute::TensorValue(std::move(t));
    }
    case om::AttrKind_Graph: {
      if (!a.g()) return Corrupt(what + ": graph attribute without a graph");
      Attribute attr;
      attr.kind = Attribute::Kind::kGraph;
      ASSIGN_OR_RETURN(attr.g, DecodeSubgraph(*a.g(), depth + 1, what));
      return attr;
    }
  }
  return Corrupt(what + ": unknown attribute kind " + std::to_string(static_cast<int>(a.kind())));
}

struct Ctx {
  Graph* g;
  std::vector<ValuePlan> plans;  // parallel to g->values()
  uint64_t arena_size, weight_size;
  const std::vector<IODesc>* inputs;
  const std::vector<IODesc>* outputs;
  bool data_dependent = false;  // unplanned intermediate values are allowed
  int depth = 0;                // subgraph nesting (0 = the model's graph)
};

constexpr int kMaxSubgraphDepth = 16;

std::string ValueWhat(const Value& v, size_t i) {
  return "value " + std::to_string(i) + " '" + v.name + "'";
}

// Memory placement of value i: bounds, sizes, io indices, alias targets.
Status CheckPlan(const Ctx& c, size_t i) {
  const Value& v = *c.g->values()[i];
  const ValuePlan& p = c.plans[i];
  const std::string what = ValueWhat(v, i);
  const bool needs_memory = p.placement == Placement::kArena || p.placement == Placement::kWeight ||
                            p.placement == Placement::kAlias;
  if (needs_memory) {
    if (!IsStatic(v.shape) || DTypeSize(v.dtype) == 0)
      return Corrupt(what + ": placed in memory without a static shape and sized dtype");
    if (ShapeBytes(v.shape, v.dtype) > p.nbytes)
      return Corrupt(what + ": shape " + ShapeToString(v.shape) + " needs more than the " +
                     std::to_string(p.nbytes) + " planned bytes");
  }
  auto in_range = [&](uint64_t limit, const char* section) -> Status {
    if (p.nbytes > limit || p.offset > limit - p.nbytes)
      return Corrupt(what + ": " + section + " range [" + std::to_string(p.offset) + ", +" +
                     std::to_string(p.nbytes) + ") exceeds the " + section + " size " +
                     std::to_string(limit));
    if (p.offset % DTypeSize(v.dtype) != 0)
      return Corrupt(what + ": misaligned " + section + " offset " + std::to_string(p.offset));
    return Status::Ok();
  };
  switch (p.placement) {
    case Placement::kArena:
      return in_range(c.arena_size, "arena");
    case Placement::kWeight:
      return in_range(c.weight_size, "weight");
    case Placement::kInput:
    case Placement::kOutput: {
      const auto& io = p.placement == Placement::kInput ? *c.inputs : *c.outputs;
      if (p.index < 0 || static_cast<size_t>(p.index) >= io.size())
        return Corrupt(what + ": io index " + std::to_string(p.index) + " out of range (" +
                       std::to_string(io.size()) + " descriptions)");
      if ((v.has_shape || !c.data_dependent) && IsStatic(v.shape) && ShapeBytes(v.shape, v.dtype) > io[p.index].nbytes)
        return Corrupt(what + ": larger than the " + std::to_string(io[p.index].nbytes) +
                       "-byte io buffer " + std::to_string(p.index));
      return Status::Ok();
    }
    case Placement::kAlias: {
      // The runtime addresses an alias directly at its own arena offset (the root's offset), so
      // the alias must be inside the arena and its chain must end in an arena value.
      size_t cur = i, steps = 0;
      while (c.plans[cur].placement == Placement::kAlias) {
        int32_t t = c.plans[cur].index;
        if (t < 0 || static_cast<size_t>(t) >= c.plans.size() || static_cast<size_t>(t) == cur)
          return Corrupt(what + ": alias target " + std::to_string(t) + " out of range");
        if (++steps > c.plans.size()) return Corrupt(what + ": alias chain has a cycle");
        cur = static_cast<size_t>(t);
      }
      if (c.plans[cur].placement != Placement::kArena)
        return Corrupt(what + ": aliases a value that is not in the arena");
      const ValuePlan& target = c.plans[static_cast<size_t>(p.index)];
      if (p.nbytes > target.nbytes)
        return Corrupt(what + ": alias of " + std::to_string(p.nbytes) + " bytes over a " +
                       std::to_string(target.nbytes) + "-byte value");
      return in_range(c.arena_size, "arena");
    }
    case Placement::kNone:
      return Status::Ok();
  }
  return Corrupt(what + ": unknown placement");
}

Placement ResolvedPlacement(const Ctx& c, int32_t i) {
  while (c.plans[i].placement == Placement::kAlias) i = c.plans[i].index;  // CheckPlan: no cycles
  return c.plans[i].placement;
}

Status ReadValues(const om::Graph& fg, const std::shared_ptr<const uint8_t>& weights, Ctx* c) {
  if (!fg.values()) return Status::Ok();
  for (size_t i = 0; i < fg.values()->size(); ++i) {
    const om::Value& fv = *fg.values()->Get(i);
    Value* v = c->g->AddValue(Str(fv.name()));
    const std::string what = ValueWhat(*v, i);
    ASSIGN_OR_RETURN(v->dtype, ReadDType(fv.dtype(), true, what));
    ASSIGN_OR_RETURN(v->shape, ReadShape(fv.shape(), true, what));
    v->has_shape = fv.has_shape();
    if (fv.dim_names())
      for (const auto* s : *fv.dim_names()) v->dim_names.push_back(Str(s));
    if (fv.placement() > om::Placement_MAX)
      return Corrupt(what + ": unknown placement " + std::to_string(fv.placement()));
    ValuePlan p;
    p.placement = static_cast<Placement>(fv.placement());
    p.offset = fv.offset();
    p.index = fv.index();
    p.nbytes = fv.nbytes();
    c->plans.push_back(p);
  }
  for (size_t i = 0; i < c->plans.size(); ++i) {
    RETURN_IF_ERROR(CheckPlan(*c, i));
    const om::Value& fv = *fg.values()->Get(i);
    Value* v = c->g->values()[i].get();
    if (!fv.is_constant()) continue;
    if (c->plans[i].placement == Placement::kWeight) {
      // Aliases the weight section: no copy (CheckPlan bounded the range).
      std::shared_ptr<const uint8_t> at(weights, weights.get() + c->plans[i].offset);
      v->constant = Tensor(v->dtype, v->shape, std::move(at));
    } else {
      ASSIGN_OR_RETURN(Tensor t, ReadTensor(fv.inline_data(), ValueWhat(*v, i)));
      if (t.dtype() != v->dtype || t.shape() != v->shape)
        return Corrupt(ValueWhat(*v, i) + ": constant data does not match the value's type");
      v->constant = std::move(t);
    }
  }
  return Status::Ok();
}

Result<Value*> ValueAt(const Ctx& c, int32_t id, bool allow_omitted, const std::string& what) {
  if (id == -1 && allow_omitted) return static_cast<Value*>(nullptr);
  if (id < 0 || static_cast<size_t>(id) >= c.g->values().size())
    return Corrupt(what + ": value index " + std::to_string(id) + " out of range (" +
                   std::to_string(c.g->values().size()) + " values)");
  return c.g->values()[id].get();
}

Status ReadNodes(const om::Graph& fg, const Ctx& c, std::vector<std::string>* kernels) {
  if (!fg.nodes()) return Status::Ok();
  for (size_t n = 0; n < fg.nodes()->size(); ++n) {
    const om::Node& fn = *fg.nodes()->Get(n);
    std::string what =
        "node " + std::to_string(n) + " '" + Str(fn.name()) + "' (" + Str(fn.op_type()) + ")";
    std::vector<Value*> ins, outs;
    if (fn.inputs())
      for (size_t i = 0; i < fn.inputs()->size(); ++i) {
        std::string w = what + " input " + std::to_string(i);
        int32_t id = fn.inputs()->Get(i);
        ASSIGN_OR_RETURN(Value * v, ValueAt(c, id, true, w));
        if (v && c.plans[id].placement == Placement::kNone && !c.data_dependent)
          return Corrupt(w + ": value '" + v->name + "' has no memory placement");
        ins.push_back(v);
      }
    if (fn.outputs())
      for (size_t i = 0; i < fn.outputs()->size(); ++i) {
        std::string w = what + " output " + std::to_string(i);
        int32_t id = fn.outputs()->Get(i);
        ASSIGN_OR_RETURN(Value * v, ValueAt(c, id, true, w));
        if (v && (v->constant || ResolvedPlacement(c, id) == Placement::kWeight))
          return Corrupt(w + ": writes into constant '" + v->name + "'");
        outs.push_back(v);
      }
    Node* node = c.g->AddNode(Str(fn.op_type()), ins, outs, Str(fn.name()));
    node->domain = Str(fn.domain());
    node->opset = fn.opset();
    if (fn.attrs())
      for (const om::Attr* a : *fn.attrs()) {
        std::string name = Str(a->name());
        ASSIGN_OR_RETURN(Attribute attr,
                         ReadAttr(*a, what + " attribute '" + name + "'", c.depth));
        node->attrs.set(name, std::move(attr));
      }
    kernels->push_back(Str(fn.kernel()));
  }
  return Status::Ok();
}

Status ReadGraphIO(const fb::Vector<int32_t>* ids, size_t expected, const Ctx& c, const char* what,
                   std::vector<Value*>* out) {
  size_t n = ids ? ids->size() : 0;
  if (n != expected)
    return Corrupt(std::string("graph has ") + std::to_string(n) + " " + what + "s but " +
                   std::to_string(expected) + " " + what + " descriptions");
  for (size_t i = 0; i < n; ++i) {
    ASSIGN_OR_RETURN(Value * v, ValueAt(c, ids->Get(i), false,
                                        std::string("graph ") + what + " " + std::to_string(i)));
    out->push_back(v);
  }
  return Status::Ok();
}

// A control-flow subgraph: every value unplanned, constants inline, no io descriptions.
Result<std::shared_ptr<Graph>> DecodeSubgraph(const om::Graph& fg, int depth,
                                              const std::string& what) {
  if (depth > kMaxSubgraphDepth)
    return Corrupt(what + ": subgraphs nested deeper than " + std::to_string(kMaxSubgraphDepth));
  auto g = std::make_shared<Graph>();
  g->name = Str(fg.name());
  g->opset = fg.opset();
  const std::vector<IODesc> none;
  Ctx c{g.get(), {}, 0, 0, &none, &none, true, depth};
  RETURN_IF_ERROR(ReadValues(fg, nullptr, &c).WithContext(what));
  for (const ValuePlan& p : c.plans)
    if (p.placement != Placement::kNone)
      return Corrupt(what + ": a subgraph value is placed in memory");
  std::vector<std::string> kernels;
  RETURN_IF_ERROR(ReadNodes(fg, c, &kernels).WithContext(what));
  for (int side = 0; side < 2; ++side) {
    const fb::Vector<int32_t>* ids = side == 0 ? fg.inputs() : fg.outputs();
    for (size_t i = 0; ids && i < ids->size(); ++i) {
      ASSIGN_OR_RETURN(Value * v, ValueAt(c, ids->Get(i), false, what + " io"));
      (side == 0 ? g->inputs : g->outputs).push_back(v);
    }
  }
  return g;
}

}  // namespace

Result<std::vector<IODesc>> DecodeIODescs(const fb::Vector<fb::Offset<om::IODesc>>* v,
                                          const char* what, bool allow_undefined_dtype) {
  std::vector<IODesc> out;
  if (!v) return out;
  for (size_t i = 0; i < v->size(); ++i) {
    const om::IODesc& d = *v->Get(i);
    IODesc io;
    io.name = Str(d.name());
    std::string w = std::string(what) + " " + std::to_string(i) + " '" + io.name + "'";
    ASSIGN_OR_RETURN(io.dtype, ReadDType(d.dtype(), allow_undefined_dtype, w));
    ASSIGN_OR_RETURN(io.shape, ReadShape(d.shape(), true, w));
    if (d.format() < -1 || d.format() > static_cast<int32_t>(IOFormat::kND))
      return Corrupt(w + ": unknown format " + std::to_string(d.format()));
    io.format = static_cast<IOFormat>(d.format());
    io.nbytes = d.nbytes();
    if (IsStatic(io.shape) && ShapeBytes(io.shape, io.dtype) > io.nbytes)
      return Corrupt(w + ": " + std::to_string(io.nbytes) + " bytes is too small for shape " +
                     ShapeToString(io.shape));
    out.push_back(std::move(io));
  }
  return out;
}

Result<CompiledModel> DecodeOmModel(const om::Model& fm, std::shared_ptr<const uint8_t> weights,
                                    uint64_t weight_size) {
  if (fm.weight_size() != weight_size)
    return Corrupt("metadata says " + std::to_string(fm.weight_size()) +
                   " weight bytes, the weight section has " + std::to_string(weight_size));
  if (fm.aipp() && fm.aipp()->size() > 0)
    return Status(StatusCode::kFeatureUnsupported,
                  "the model uses AIPP, which this openacl cannot run yet");
  const bool geared = fm.dynamic() && fm.dynamic()->gears() && fm.dynamic()->gears()->size() > 0;
  if (!fm.graph()) return Corrupt("the model has no graph");
  CompiledModel m;
  ASSIGN_OR_RETURN(m.inputs, DecodeIODescs(fm.inputs(), "input"));
  // A data-dependent model may not know an output's type before it runs.
  ASSIGN_OR_RETURN(m.outputs,
                   DecodeIODescs(fm.outputs(), "output", fm.data_dependent_shapes()));
  m.arena_size = fm.arena_size();
  m.scratch_offset = fm.scratch_offset();
  m.scratch_size = fm.scratch_size();
  if (m.scratch_size > m.arena_size || m.scratch_offset > m.arena_size - m.scratch_size)
    return Corrupt("kernel scratch [" + std::to_string(m.scratch_offset) + ", +" +
                   std::to_string(m.scratch_size) + ") exceeds the arena size " +
                   std::to_string(m.arena_size));
  m.weight_size = weight_size;
  m.weights = weights;
  m.graph = std::make_unique<Graph>();
  const om::Graph& fg = *fm.graph();
  if (geared && ((fg.nodes() && fg.nodes()->size()) || (fg.values() && fg.values()->size()) ||
                 (fg.inputs() && fg.inputs()->size()) || (fg.outputs() && fg.outputs()->size())))
    return Corrupt("a gear model's top graph must be empty (each gear has its own plan)");
  m.graph->name = Str(fg.name());
  m.graph->opset = fg.opset();
  m.data_dependent_shapes = fm.data_dependent_shapes();
  Ctx c{m.graph.get(), {}, m.arena_size, weight_size, &m.inputs, &m.outputs,
        m.data_dependent_shapes};
  RETURN_IF_ERROR(ReadValues(fg, weights, &c));
  RETURN_IF_ERROR(ReadNodes(fg, c, &m.kernels));
  if (!geared) {  // a gear model's top graph is empty: each gear's plan carries its own
    RETURN_IF_ERROR(ReadGraphIO(fg.inputs(), m.inputs.size(), c, "input", &m.graph->inputs));
    RETURN_IF_ERROR(ReadGraphIO(fg.outputs(), m.outputs.size(), c, "output", &m.graph->outputs));
  }
  for (size_t i = 0; i < c.plans.size(); ++i) m.plan[m.graph->values()[i].get()] = c.plans[i];
  if (fm.options())
    for (const om::KeyValue* kv : *fm.options()) m.options[Str(kv->key())] = Str(kv->value());
  m.is_single_op = fm.is_single_op();
  if (fm.single_op()) {
    m.single_op.acl_op_type = Str(fm.single_op()->acl_op_type());
    m.single_op.json = Str(fm.single_op()->json());
  }
  if (geared) RETURN_IF_ERROR(DecodeGears(*fm.dynamic(), weights, weight_size, &m));
  return m;
}

}  // namespace openacl
