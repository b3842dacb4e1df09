#include "compiler/precision_mode.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "kernels/onednn/compute_precision.h"

namespace openacl {
namespace {

struct ModeName {
  const char* name;
  PrecisionMode mode;
};

// ATC's --precision_mode values. On a CPU every op supports fp32, so the "allow_fp32_to_*" modes
// (reduce only ops without fp32 support) keep everything in fp32.
const ModeName kModes[] = {
    {"force_fp32", PrecisionMode::kForceFp32},
    {"must_keep_origin_dtype", PrecisionMode::kMustKeepOriginDtype},
    {"allow_fp32_to_fp16", PrecisionMode::kForceFp32},
    {"allow_fp32_to_bf16", PrecisionMode::kForceFp32},
    {"allow_fp32_to_lowprecision", PrecisionMode::kForceFp32},
    {"force_fp16", PrecisionMode::kForceFp16},
    {"force_lowerprecision", PrecisionMode::kForceFp16},
    {"cube_fp16in_fp32out", PrecisionMode::kForceFp16},
    {"allow_mix_precision", PrecisionMode::kMixFp16},
    {"allow_mix_precision_fp16", PrecisionMode::kMixFp16},
    {"allow_mix_precision_bf16", PrecisionMode::kMixBf16},
};

// --precision_mode_v2's values.
const ModeName kModesV2[] = {
    {"fp16", PrecisionMode::kForceFp16},
    {"origin", PrecisionMode::kMustKeepOriginDtype},
    {"cube_fp16in_fp32out", PrecisionMode::kForceFp16},
    {"mixed_float16", PrecisionMode::kMixFp16},
    {"mixed_bfloat16", PrecisionMode::kMixBf16},
};

template <size_t N>
Result<PrecisionMode> Lookup(const ModeName (&table)[N], const std::string& flag,
                             const std::string& value) {
  std::string accepted;
  for (const ModeName& m : table) {
    if (value == m.name) return m.mode;
    accepted += accepted.empty() ? "" : ", ";
    accepted += m.name;
  }
  return InvalidParam("--" + flag + "=" + value +
                      " is not a precision mode (accepted: " + accepted + ")");
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// ATC's op type names in "OpType::" entries, for the ONNX types openacl's graph uses.
std::string OnnxOpType(const std::string& t) {
  static const std::map<std::string, std::string> kAtcTypes = {
      {"Conv2D", "Conv"},
      {"Conv3D", "Conv"},
      {"DepthwiseConv2D", "Conv"},
      {"Convolution", "Conv"},
      {"Conv2DTranspose", "ConvTranspose"},
      {"Conv3DTranspose", "ConvTranspose"},
      {"Deconvolution", "ConvTranspose"},
      {"MatMulV2", "MatMul"},
      {"BatchMatMul", "MatMul"},
      {"BatchMatMulV2", "MatMul"},
      {"FullyConnection", "Gemm"},
      {"InnerProduct", "Gemm"},
  };
  auto it = kAtcTypes.find(t);
  return it == kAtcTypes.end() ? t : it->second;
}

}  // namespace

Result<PrecisionMode> ParsePrecisionMode(const std::string& precision_mode,
                                         const std::string& precision_mode_v2) {
  if (!precision_mode.empty() && !precision_mode_v2.empty())
    return InvalidParam("--precision_mode and --precision_mode_v2 cannot both be given");
  if (!precision_mode_v2.empty()) return Lookup(kModesV2, "precision_mode_v2", precision_mode_v2);
  if (!precision_mode.empty()) return Lookup(kModes, "precision_mode", precision_mode);
  return PrecisionMode::kForceFp32;
}

Result<std::vector<KeepDtypeEntry>> ParseKeepDtype(const std::string& text,
                                                   const std::string& file_name) {
  std::vector<KeepDtypeEntry> out;
  std::istringstream in(text);
  std::string raw;
  int line = 0;
  const std::string op_prefix = "OpType::";
  while (std::getline(in, raw)) {
    ++line;
    std::string s = Trim(raw);
    if (s.empty() || s[0] == '#') continue;
    KeepDtypeEntry e;
    e.line = line;
    if (s.compare(0, op_prefix.size(), op_prefix) == 0) {
      e.is_op_type = true;
      e.name = Trim(s.substr(op_prefix.size()));
      if (e.name.empty())
        return InvalidParam("--keep_dtype file " + file_name + " line " + std::to_string(line) +
                            ": 'OpType::' without a type name");
    } else {
      e.name = s;
    }
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<KeepDtypeEntry>> ReadKeepDtypeFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f)
    return Status(StatusCode::kInvalidFile,
                  "--keep_dtype: cannot open " + path + ": " + std::strerror(errno));
  std::stringstream ss;
  ss << f.rdbuf();
  return ParseKeepDtype(ss.str(), path);
}

Result<PrecisionOptions> MakePrecisionOptions(const std::string& precision_mode,
                                              const std::string& precision_mode_v2,
                                              const std::string& keep_dtype_file) {
  PrecisionOptions o;
  ASSIGN_OR_RETURN(o.mode, ParsePrecisionMode(precision_mode, precision_mode_v2));
  if (!keep_dtype_file.empty()) {
    o.keep_dtype_file = keep_dtype_file;
    ASSIGN_OR_RETURN(o.keep_dtype, ReadKeepDtypeFile(keep_dtype_file));
  }
  return o;
}

const char* PrecisionModeName(PrecisionMode mode) {
  switch (mode) {
    case PrecisionMode::kForceFp32:
      return "force_fp32";
    case PrecisionMode::kMustKeepOriginDtype:
      return "must_keep_origin_dtype";
    case PrecisionMode::kForceFp16:
      return "force_fp16";
    case PrecisionMode::kMixFp16:
      return "allow_mix_precision_fp16";
    case PrecisionMode::kMixBf16:
      return "allow_mix_precision_bf16";
  }
  return "?";
}

const char* RequestedPrecision(PrecisionMode mode) {
  switch (mode) {
    case PrecisionMode::kForceFp16:
    case PrecisionMode::kMixFp16:
      return "fp16";
    case PrecisionMode::kMixBf16:
      return "bf16";
    default:
      return "fp32";
  }
}

bool PrecisionSelectableOp(const Node& node) {
  if (!node.domain.empty()) return false;
  return node.op_type == "Conv" || node.op_type == "ConvTranspose" || node.op_type == "MatMul" ||
         node.op_type == "Gemm";
}

Status MarkKeptNodes(Graph& graph, const PrecisionOptions& options) {
  const std::string where = "--keep_dtype file " + options.keep_dtype_file;
  for (const KeepDtypeEntry& e : options.keep_dtype) {
    bool found = false;
    const std::string type = OnnxOpType(e.name);
    for (const auto& n : graph.nodes()) {
      if (e.is_op_type ? n->op_type != type : n->name != e.name) continue;
      found = true;
      if (PrecisionSelectableOp(*n))
        n->attrs.set(onednn::kPrecisionAttr, Attribute::String("fp32"));
    }
    if (!found)
      return InvalidParam(
          where + " line " + std::to_string(e.line) + ": " +
          (e.is_op_type ? "no node of type '" + e.name + "'" : "no node named '" + e.name + "'") +
          " in the model");
  }
  return Status::Ok();
}

void MarkRequestedPrecision(Graph& graph, const PrecisionOptions& options) {
  const std::string asked = RequestedPrecision(options.mode);
  if (asked == "fp32") return;
  for (const auto& n : graph.nodes())
    if (PrecisionSelectableOp(*n) && !n->attrs.has(onednn::kPrecisionAttr))
      n->attrs.set(onednn::kPrecisionAttr, Attribute::String(asked));
}

bool CompilingCpuHasBf16() { return onednn::CpuHasBf16(); }

}  // namespace openacl
