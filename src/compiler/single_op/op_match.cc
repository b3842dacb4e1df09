#include "compiler/single_op/op_match.h"

namespace openacl::single_op {
namespace {

std::string Dims(const TensorSpec& t) {
  return t.unknown_rank() ? std::string("[unknown rank]") : ShapeToString(t.dims);
}

std::string MatchTensor(const TensorSpec& l, const TensorSpec& r, const std::string& what,
                        bool output) {
  if (l.omitted() != r.omitted())
    return what + ": " +
           (l.omitted() ? "omitted in the loaded op, given"
                        : "given in the loaded op, "
                          "omitted") +
           " in the request";
  if (l.omitted()) return "";
  if (l.dtype != r.dtype)
    return what + " data type: " + AclDTypeName(l.dtype) + " loaded, " + AclDTypeName(r.dtype) +
           " asked";
  if (l.format != kAclFormatUndefined && l.format != r.format)
    return what + " format: " + AclFormatName(l.format) + " loaded, " + AclFormatName(r.format) +
           " asked";
  if (!l.unknown_rank()) {
    bool ok = !r.unknown_rank() && r.dims.size() == l.dims.size();
    for (size_t d = 0; ok && d < l.dims.size(); ++d) {
      int64_t want = r.dims[d];
      if (l.dims[d] >= 0) {
        ok = want == l.dims[d] || (output && want < 0);
      } else if (want < 0) {
        ok = output;
      } else if (d < l.shape_range.size()) {
        int64_t lo = l.shape_range[d][0], hi = l.shape_range[d][1];
        ok = want >= lo && (hi < 0 || want <= hi);
      }
    }
    if (!ok) {
      std::string s = what + " shape: " + Dims(l);
      if (!l.shape_range.empty())
        s += " (" + DescribeTensor(l).substr(DescribeTensor(l).find("range")) + ")";
      return s + " loaded, " + Dims(r) + " asked";
    }
  }
  if (l.is_const != r.is_const)
    return what + ": " +
           (l.is_const ? "constant in the loaded op, not"
                       : "not constant in the loaded "
                         "op, constant") +
           " in the request";
  if (l.is_const && l.const_data != r.const_data) return what + ": constant value differs";
  return "";
}

}  // namespace

bool IsDynamic(const OpDesc& desc) {
  for (const auto& t : desc.inputs)
    if (!t.omitted() && !t.is_const && t.dynamic()) return true;
  for (const auto& t : desc.outputs)
    if (t.dynamic()) return true;
  return false;
}

std::string MatchOp(const OpDesc& l, const OpDesc& r) {
  if (l.op != r.op) return "op type: " + l.op + " loaded, " + r.op + " asked";
  if (l.inputs.size() != r.inputs.size())
    return "number of inputs: " + std::to_string(l.inputs.size()) + " loaded, " +
           std::to_string(r.inputs.size()) + " asked";
  if (l.outputs.size() != r.outputs.size())
    return "number of outputs: " + std::to_string(l.outputs.size()) + " loaded, " +
           std::to_string(r.outputs.size()) + " asked";
  for (size_t i = 0; i < l.inputs.size(); ++i) {
    std::string m = MatchTensor(l.inputs[i], r.inputs[i], "input " + std::to_string(i), false);
    if (!m.empty()) return m;
  }
  for (size_t i = 0; i < l.outputs.size(); ++i) {
    std::string m = MatchTensor(l.outputs[i], r.outputs[i], "output " + std::to_string(i), true);
    if (!m.empty()) return m;
  }
  for (const auto& [name, v] : l.attrs) {
    auto it = r.attrs.find(name);
    if (it == r.attrs.end()) return "attr " + name + ": " + AttrValueText(v) + " loaded, not given";
    if (it->second != v)
      return "attr " + name + ": " + AttrValueText(v) + " loaded, " + AttrValueText(it->second) +
             " asked";
  }
  for (const auto& [name, v] : r.attrs)
    if (!l.attrs.count(name))
      return "attr " + name + ": not in the loaded op, asked " + AttrValueText(v);
  return "";
}

}  // namespace openacl::single_op
