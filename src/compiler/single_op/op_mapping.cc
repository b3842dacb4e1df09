#include "compiler/single_op/op_mapping.h"

#include <algorithm>

#include "compiler/single_op/op_builders.h"

namespace openacl::single_op {
namespace {

using T = AttrValue::Type;
namespace b = builders;

AttrSpec Req(const char* name, T type) { return AttrSpec{name, type, true, false, AttrValue()}; }
AttrSpec Opt(const char* name, T type) { return AttrSpec{name, type, false, false, AttrValue()}; }
AttrSpec Def(const char* name, AttrValue v) { return AttrSpec{name, v.type, false, true, v}; }
AttrValue BoolV(bool v) { return AttrValue::Bool(v); }
AttrValue IntV(int64_t v) { return AttrValue::Int(v); }
AttrValue StrV(const char* v) { return AttrValue::String(v); }
AttrValue FloatV(float v) { return AttrValue::Float(v); }
AttrValue ListV(std::vector<int64_t> v) { return AttrValue::ListInt(std::move(v)); }

OpMapping M(const char* acl, const char* onnx, int min_in, int max_in, int min_out, int max_out,
            std::vector<AttrSpec> attrs, BuildFn fn, const char* note,
            std::vector<int> const_inputs = {}) {
  OpMapping m;
  m.acl_op = acl;
  m.onnx_op = onnx;
  m.min_inputs = min_in;
  m.max_inputs = max_in;
  m.min_outputs = min_out;
  m.max_outputs = max_out;
  m.attrs = std::move(attrs);
  m.build = fn;
  m.note = note;
  m.const_inputs = std::move(const_inputs);
  return m;
}

std::vector<OpMapping> BuildTable() {
  std::vector<OpMapping> t;
  for (auto [acl, onnx] :
       std::vector<std::pair<const char*, const char*>>{{"Relu", "Relu"},
                                                        {"Sigmoid", "Sigmoid"},
                                                        {"Exp", "Exp"},
                                                        {"Log", "Log"},
                                                        {"Abs", "Abs"},
                                                        {"Sqrt", "Sqrt"},
                                                        {"Tanh", "Tanh"},
                                                        {"Neg", "Neg"},
                                                        {"Floor", "Floor"},
                                                        {"Ceil", "Ceil"},
                                                        {"Sin", "Sin"},
                                                        {"Cos", "Cos"},
                                                        {"Reciprocal", "Reciprocal"},
                                                        {"Erf", "Erf"},
                                                        {"Sign", "Sign"},
                                                        {"Round", "Round"},
                                                        {"Softplus", "Softplus"},
                                                        {"Softsign", "Softsign"},
                                                        {"Identity", "Identity"},
                                                        {"LogicalNot", "Not"}})
    t.push_back(M(acl, onnx, 1, 1, 1, 1, {}, b::Unary, "elementwise"));
  for (auto [acl, onnx] :
       std::vector<std::pair<const char*, const char*>>{{"Add", "Add"},
                                                        {"AddV2", "Add"},
                                                        {"Sub", "Sub"},
                                                        {"Mul", "Mul"},
                                                        {"Div", "Div"},
                                                        {"RealDiv", "Div"},
                                                        {"Pow", "Pow"},
                                                        {"Maximum", "Max"},
                                                        {"Minimum", "Min"},
                                                        {"Equal", "Equal"},
                                                        {"Less", "Less"},
                                                        {"Greater", "Greater"},
                                                        {"LessEqual", "LessOrEqual"},
                                                        {"GreaterEqual", "GreaterOrEqual"},
                                                        {"LogicalAnd", "And"},
                                                        {"LogicalOr", "Or"}})
    t.push_back(M(acl, onnx, 2, 2, 1, 1, {}, b::Binary, "numpy broadcasting"));
  t.push_back(M("Square", "Mul", 1, 1, 1, 1, {}, b::Square, "Mul(x, x)"));
  t.push_back(M("Rsqrt", "Sqrt", 1, 1, 1, 1, {}, b::Rsqrt, "Reciprocal(Sqrt(x))"));
  t.push_back(M("SquaredDifference", "Sub", 2, 2, 1, 1, {}, b::SquaredDifference,
                "Mul(d, d), d = Sub(x1, x2)"));
  t.push_back(M("LeakyRelu", "LeakyRelu", 1, 1, 1, 1, {Def("negative_slope", FloatV(0.0f))},
                b::LeakyRelu, "alpha = negative_slope"));
  t.push_back(M("Elu", "Elu", 1, 1, 1, 1, {Def("alpha", FloatV(1.0f))}, b::Elu, "alpha"));
  t.push_back(M("Relu6", "Clip", 1, 1, 1, 1, {}, b::Relu6, "Clip(x, 0, 6)"));
  t.push_back(M("Cast", "Cast", 1, 1, 1, 1,
                {Opt("dst_type", T::kInt), Def("truncate", BoolV(false))}, b::Cast,
                "to = dst_type (defaults to the output desc's type; must agree with it)"));
  for (const char* acl : {"ArgMaxD", "ArgMinD"})
    t.push_back(M(acl, acl[3] == 'M' && acl[4] == 'a' ? "ArgMax" : "ArgMin", 1, 1, 1, 1,
                  {Req("dimension", T::kInt), Def("dtype", AttrValue::DataType(kAclInt32))},
                  b::ArgReduceD, "axis = dimension, keepdims = 0, index cast to dtype (int32)"));
  t.push_back(M("ArgMaxV2", "ArgMax", 2, 2, 1, 1, {Def("dtype", AttrValue::DataType(kAclInt32))},
                b::ArgReduceV2, "axis = const input 1, keepdims = 0, index cast to dtype", {1}));
  t.push_back(M("ArgMin", "ArgMin", 2, 2, 1, 1, {Def("dtype", AttrValue::DataType(kAclInt32))},
                b::ArgReduceV2, "axis = const input 1, keepdims = 0, index cast to dtype", {1}));
  for (auto [acl, onnx] : std::vector<std::pair<const char*, const char*>>{
           {"Softmax", "Softmax"}, {"SoftmaxV2", "Softmax"}, {"LogSoftmaxV2", "LogSoftmax"}})
    t.push_back(M(acl, onnx, 1, 1, 1, 1, {Def("axes", ListV({-1}))}, b::Softmax,
                  "axis = axes[0] (one axis)"));
  for (auto [acl, onnx] :
       std::vector<std::pair<const char*, const char*>>{{"ReduceSumD", "ReduceSum"},
                                                        {"ReduceMeanD", "ReduceMean"},
                                                        {"ReduceMaxD", "ReduceMax"},
                                                        {"ReduceMinD", "ReduceMin"},
                                                        {"ReduceProdD", "ReduceProd"}})
    t.push_back(M(acl, onnx, 1, 1, 1, 1, {Req("axes", T::kListInt), Def("keep_dims", BoolV(false))},
                  b::ReduceD, "axes, keepdims = keep_dims"));
  t.push_back(M("ReduceSum", "ReduceSum", 2, 2, 1, 1, {Def("keep_dims", BoolV(false))},
                b::ReduceSumConst, "axes = const input 1, keepdims = keep_dims", {1}));
  for (const char* acl : {"MatMul", "MatMulV2"})
    t.push_back(M(acl, "MatMul", 2, 4, 1, 1,
                  {Def("transpose_x1", BoolV(false)), Def("transpose_x2", BoolV(false)),
                   Def("offset_x", IntV(0))},
                  b::MatMul, "Transpose(last two dims) when transpose_x1/x2, + bias input"));
  for (const char* acl : {"BatchMatMul", "BatchMatMulV2"})
    t.push_back(
        M(acl, "MatMul", 2, 4, 1, 1,
          {Def("adj_x1", BoolV(false)), Def("adj_x2", BoolV(false)), Def("offset_x", IntV(0))},
          b::BatchMatMul, "Transpose(last two dims) when adj_x1/x2, + bias input"));
  t.push_back(M("GEMM", "MatMul", 5, 5, 1, 1,
                {Def("transpose_a", BoolV(false)), Def("transpose_b", BoolV(false))}, b::Gemm,
                "alpha * op(a) @ op(b) + beta * c (alpha, beta: tensors)"));
  t.push_back(M(
      "Conv2D", "Conv", 2, 4, 1, 1,
      {Req("strides", T::kListInt), Req("pads", T::kListInt), Def("dilations", ListV({1, 1, 1, 1})),
       Def("groups", IntV(1)), Def("data_format", StrV("NCHW")), Def("offset_x", IntV(0))},
      b::Conv2D, "NCHW only; pads [top,bottom,left,right]; filter = input 1"));
  for (const char* acl : {"MaxPool", "AvgPool"})
    t.push_back(M(acl, acl[0] == 'M' ? "MaxPool" : "AveragePool", 1, 1, 1, 1,
                  {Req("ksize", T::kListInt), Req("strides", T::kListInt),
                   Req("padding", T::kString), Def("data_format", StrV("NCHW"))},
                  b::Pool, "NCHW only; padding VALID / SAME (SAME_UPPER)"));
  t.push_back(
      M("TransposeD", "Transpose", 1, 1, 1, 1, {Req("perm", T::kListInt)}, b::TransposeD, "perm"));
  t.push_back(
      M("Transpose", "Transpose", 2, 2, 1, 1, {}, b::TransposeConst, "perm = const input 1", {1}));
  for (const char* acl : {"TopK", "TopKV2"})
    t.push_back(M(acl, "TopK", 2, 2, 2, 2,
                  {Def("sorted", BoolV(true)), Def("largest", BoolV(true)), Def("dim", IntV(-1))},
                  b::TopK, "k = const input 1, axis = dim; indices cast to the output type", {1}));
  for (const char* acl : {"ConcatD", "ConcatV2D"})
    t.push_back(M(acl, "Concat", 1, 1024, 1, 1, {Req("concat_dim", T::kInt), Opt("N", T::kInt)},
                  b::ConcatD, "axis = concat_dim (N, if given, = number of inputs)"));
  t.push_back(M("SplitD", "Split", 1, 1, 1, 1024,
                {Req("split_dim", T::kInt), Req("num_split", T::kInt)}, b::SplitD,
                "axis = split_dim, num_split equal parts"));
  t.push_back(M("Reshape", "Reshape", 2, 2, 1, 1, {Def("axis", IntV(0)), Def("num_axes", IntV(-1))},
                b::Reshape, "shape = const input 1", {1}));
  t.push_back(M("Squeeze", "Squeeze", 1, 1, 1, 1, {Def("axis", ListV({}))}, b::Squeeze,
                "axes = axis (empty: every 1-dim)"));
  t.push_back(
      M("Unsqueeze", "Unsqueeze", 1, 1, 1, 1, {Req("axes", T::kListInt)}, b::Unsqueeze, "axes"));
  t.push_back(M("Flatten", "Flatten", 1, 1, 1, 1, {Def("axis", IntV(1))}, b::Flatten, "axis"));
  t.push_back(M("GatherV2", "Gather", 3, 3, 1, 1, {Def("batch_dims", IntV(0))}, b::GatherV2,
                "axis = const input 2 (batch_dims 0 only)", {2}));
  return t;
}

bool Coerce(const AttrSpec& spec, AttrValue& v) {
  if (v.type == spec.type) return true;
  if (v.type == T::kInt && (spec.type == T::kBool || spec.type == T::kDataType)) {
    if (spec.type == T::kBool && v.i != 0 && v.i != 1) return false;
    v.type = spec.type;
    return true;
  }
  if (v.type == T::kBool && spec.type == T::kInt) {
    v.type = T::kInt;
    return true;
  }
  if (v.type == T::kInt && spec.type == T::kFloat) {
    v = AttrValue::Float(static_cast<float>(v.i));
    return true;
  }
  if (v.type == T::kDataType && spec.type == T::kInt) {
    v.type = T::kInt;
    return true;
  }
  if ((v.type == T::kListInt || v.type == T::kListBool) && spec.type == T::kListFloat) {
    AttrValue f;
    f.type = T::kListFloat;
    for (int64_t x : v.ints) f.floats.push_back(static_cast<float>(x));
    v = f;
    return true;
  }
  if (v.type == T::kListBool && spec.type == T::kListInt) {
    v.type = T::kListInt;
    return true;
  }
  return false;
}

}  // namespace

const std::vector<OpMapping>& AllOpMappings() {
  static const std::vector<OpMapping>* table = new std::vector<OpMapping>(BuildTable());
  return *table;
}

const OpMapping* FindOpMapping(const std::string& acl_op) {
  for (const auto& m : AllOpMappings())
    if (m.acl_op == acl_op) return &m;
  return nullptr;
}

Status Canonicalize(OpDesc& desc) {
  const OpMapping* m = FindOpMapping(desc.op);
  if (!m) {
    std::string known;
    for (const auto& x : AllOpMappings()) known += (known.empty() ? "" : ", ") + x.acl_op;
    return Status(
        StatusCode::kUnsupportedOp,
        "op type '" + desc.op + "' is not supported by openacl (supported: " + known + ")");
  }
  const std::string at = desc.op + ": ";
  int n_in = static_cast<int>(desc.inputs.size()), n_out = static_cast<int>(desc.outputs.size());
  // Trailing omitted optional inputs do not count.
  while (n_in > m->min_inputs && desc.inputs[n_in - 1].omitted()) --n_in;
  if (n_in < m->min_inputs || n_in > m->max_inputs)
    return Status(StatusCode::kOpInputNotMatch,
                  at + "has " + std::to_string(desc.inputs.size()) + " inputs, expected " +
                      std::to_string(m->min_inputs) +
                      (m->max_inputs != m->min_inputs ? ".." + std::to_string(m->max_inputs) : ""));
  desc.inputs.resize(n_in);
  if (n_out < m->min_outputs || n_out > m->max_outputs)
    return Status(
        StatusCode::kOpInputNotMatch,
        at + "has " + std::to_string(n_out) + " outputs, expected " +
            std::to_string(m->min_outputs) +
            (m->max_outputs != m->min_outputs ? ".." + std::to_string(m->max_outputs) : ""));
  for (int i = 0; i < m->min_inputs; ++i)
    if (desc.inputs[i].omitted())
      return Status(StatusCode::kOpInputNotMatch,
                    at + "input " + std::to_string(i) + " is required but given as undefined");
  for (int ci : m->const_inputs)
    if (ci < n_in && !desc.inputs[ci].is_const)
      return Status(
          StatusCode::kOpInputNotMatch,
          at + "input " + std::to_string(ci) +
              " must be a constant (is_const in the JSON, aclSetTensorConst at run time)");
  for (auto& attr : desc.attrs) {
    const std::string& name = attr.first;  // a named reference: clang 14 cannot capture bindings
    auto& v = attr.second;
    auto spec = std::find_if(m->attrs.begin(), m->attrs.end(),
                             [&](const AttrSpec& s) { return s.name == name; });
    if (spec == m->attrs.end()) {
      std::string known;
      for (const auto& s : m->attrs) known += (known.empty() ? "" : ", ") + s.name;
      return Status(StatusCode::kOpAttrNotMatch,
                    at + "unknown attr '" + name + "' (" +
                        (known.empty() ? std::string("the op has no attrs") : "known: " + known) +
                        ")");
    }
    AttrValue::Type given = v.type;
    if (!Coerce(*spec, v))
      return Status(StatusCode::kOpAttrNotMatch, at + "attr '" + name + "' is " +
                                                     AttrTypeName(given) + ", expected " +
                                                     AttrTypeName(spec->type));
  }
  for (const auto& s : m->attrs) {
    if (desc.attrs.count(s.name)) continue;
    if (s.required)
      return Status(StatusCode::kOpAttrNotMatch, at + "required attr '" + s.name + "' (" +
                                                     AttrTypeName(s.type) + ") is missing");
    if (s.has_default) desc.attrs[s.name] = s.def;
  }
  // Cast: dst_type is implied by the output desc.
  if (desc.op == "Cast" && !desc.attrs.count("dst_type") && !desc.outputs.empty())
    desc.attrs["dst_type"] = AttrValue::Int(desc.outputs[0].dtype);
  return Status::Ok();
}

}  // namespace openacl::single_op
