#include "format/om_json.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace openacl {
namespace {

constexpr int64_t kMaxTensorElementsShown = 16;

std::string Num(double v) {
  if (std::isnan(v)) return "\"NaN\"";
  if (std::isinf(v)) return v > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.9g", v);
  return buf;
}

template <typename T, typename F>
std::string List(const std::vector<T>& v, F item) {
  std::string s = "[";
  for (size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + item(v[i]);
  return s + "]";
}

std::string Ints(const std::vector<int64_t>& v) {
  return List(v, [](int64_t x) { return std::to_string(x); });
}

std::string TensorJson(const Tensor& t) {
  std::string s =
      "{\"dtype\": " + JsonQuote(DTypeName(t.dtype())) + ", \"shape\": " + Ints(t.shape());
  int64_t n = t.num_elements();
  if (t.data() && n > 0 && DTypeSize(t.dtype()) > 0) {
    s += ", \"values\": [";
    for (int64_t i = 0; i < n && i < kMaxTensorElementsShown; ++i)
      s += (i ? ", " : "") + Num(t.GetAsDouble(i));
    s += n > kMaxTensorElementsShown ? ", \"...\"]" : "]";
  }
  return s + "}";
}

std::string AttrJson(const Attribute& a) {
  switch (a.kind) {
    case Attribute::Kind::kInt:
      return std::to_string(a.i);
    case Attribute::Kind::kFloat:
      return Num(a.f);
    case Attribute::Kind::kString:
      return JsonQuote(a.s);
    case Attribute::Kind::kInts:
      return Ints(a.ints);
    case Attribute::Kind::kFloats:
      return List(a.floats, [](float f) { return Num(f); });
    case Attribute::Kind::kStrings:
      return List(a.strings, JsonQuote);
    case Attribute::Kind::kTensor:
      return TensorJson(a.t);
    case Attribute::Kind::kGraph:
      return "\"<graph>\"";
  }
  return "null";
}

std::string IOJson(const IODesc& d) {
  return "{\"name\": " + JsonQuote(d.name) + ", \"dtype\": " + JsonQuote(DTypeName(d.dtype)) +
         ", \"shape\": " + Ints(d.shape) + ", \"format\": " + JsonQuote(IOFormatName(d.format)) +
         ", \"size\": " + std::to_string(d.nbytes) + "}";
}

}  // namespace

std::string JsonQuote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

const char* PlacementName(Placement p) {
  switch (p) {
    case Placement::kArena:
      return "arena";
    case Placement::kWeight:
      return "weight";
    case Placement::kInput:
      return "input";
    case Placement::kOutput:
      return "output";
    case Placement::kAlias:
      return "alias";
    case Placement::kNone:
      return "none";
  }
  return "?";
}

const char* IOFormatName(IOFormat f) {
  switch (f) {
    case IOFormat::kNCHW:
      return "NCHW";
    case IOFormat::kNHWC:
      return "NHWC";
    case IOFormat::kND:
      return "ND";
    case IOFormat::kUndefined:
      return "UNDEFINED";
  }
  return "?";
}

std::string CompiledModelToJson(const CompiledModel& m) {
  std::ostringstream os;
  os << "{\n  \"arena_size\": " << m.arena_size << ",\n  \"scratch_offset\": " << m.scratch_offset
     << ",\n  \"scratch_size\": " << m.scratch_size << ",\n  \"weight_size\": " << m.weight_size
     << ",\n  \"inputs\": " << List(m.inputs, IOJson)
     << ",\n  \"outputs\": " << List(m.outputs, IOJson) << ",\n  \"options\": {";
  bool first = true;
  for (const auto& [k, v] : m.options) {
    os << (first ? "" : ", ") << JsonQuote(k) << ": " << JsonQuote(v);
    first = false;
  }
  os << "}";
  if (m.is_single_op)
    os << ",\n  \"single_op\": {\"op_type\": " << JsonQuote(m.single_op.acl_op_type)
       << ", \"desc\": " << JsonQuote(m.single_op.json) << "}";
  if (!m.graph) {
    os << "\n}\n";
    return os.str();
  }
  const Graph& g = *m.graph;
  auto name_of = [](const Value* v) { return v ? JsonQuote(v->name) : std::string("null"); };
  os << ",\n  \"graph\": {\n    \"name\": " << JsonQuote(g.name) << ",\n    \"opset\": " << g.opset
     << ",\n    \"inputs\": " << List(g.inputs, name_of)
     << ",\n    \"outputs\": " << List(g.outputs, name_of) << ",\n    \"values\": [";
  for (size_t i = 0; i < g.values().size(); ++i) {
    const Value& v = *g.values()[i];
    ValuePlan p;
    auto it = m.plan.find(&v);
    if (it != m.plan.end()) p = it->second;
    os << (i ? "," : "") << "\n      {\"name\": " << JsonQuote(v.name)
       << ", \"dtype\": " << JsonQuote(DTypeName(v.dtype)) << ", \"shape\": " << Ints(v.shape)
       << ", \"placement\": " << JsonQuote(PlacementName(p.placement));
    if (p.placement == Placement::kArena || p.placement == Placement::kWeight)
      os << ", \"offset\": " << p.offset;
    if (p.placement == Placement::kInput || p.placement == Placement::kOutput)
      os << ", \"index\": " << p.index;
    if (p.placement == Placement::kAlias)
      os << ", \"alias_of\": "
         << (p.index >= 0 && static_cast<size_t>(p.index) < g.values().size()
                 ? JsonQuote(g.values()[p.index]->name)
                 : std::string("null"));
    os << ", \"size\": " << p.nbytes;
    if (v.constant) os << ", \"constant\": true";
    os << "}";
  }
  os << "\n    ],\n    \"nodes\": [";
  for (size_t n = 0; n < g.nodes().size(); ++n) {
    const Node& node = *g.nodes()[n];
    os << (n ? "," : "") << "\n      {\"name\": " << JsonQuote(node.name)
       << ", \"op_type\": " << JsonQuote(node.op_type);
    if (!node.domain.empty()) os << ", \"domain\": " << JsonQuote(node.domain);
    os << ", \"opset\": " << node.opset << ", \"inputs\": " << List(node.inputs, name_of)
       << ", \"outputs\": " << List(node.outputs, name_of);
    if (n < m.kernels.size()) os << ", \"kernel\": " << JsonQuote(m.kernels[n]);
    os << ", \"attrs\": {";
    bool first_attr = true;
    for (const auto& [k, a] : node.attrs.all()) {
      os << (first_attr ? "" : ", ") << JsonQuote(k) << ": " << AttrJson(a);
      first_attr = false;
    }
    os << "}}";
  }
  os << "\n    ]\n  }\n}\n";
  return os.str();
}

}  // namespace openacl
