#include "atc_info.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "compiler/precision_mode.h"
#include "format/om_json.h"
#include "kernels/onednn/compute_precision.h"

namespace openacl {
namespace atc {
namespace {

void PrintIO(std::ostringstream& os, const char* title, const std::vector<IODesc>& descs) {
  os << title << " (" << descs.size() << "):\n";
  for (size_t i = 0; i < descs.size(); ++i) {
    const IODesc& d = descs[i];
    os << "  [" << i << "] name: " << d.name << ", dtype: " << DTypeName(d.dtype)
       << ", shape: " << ShapeToString(d.shape) << ", format: " << IOFormatName(d.format)
       << ", size: " << d.nbytes << " bytes\n";
  }
}

}  // namespace

std::string FormatPrecisionInfo(const CompiledModel& model) {
  // A gear model's plans are compiled with the same options: the first one speaks for all.
  const Graph* graph = model.graph ? model.graph.get()
                       : model.gears.empty() ? nullptr
                                             : model.gears[0].graph.get();
  std::ostringstream rows;
  std::map<std::string, int> counts;
  if (graph)
    for (const auto& n : graph->nodes()) {
      if (!PrecisionSelectableOp(*n)) continue;
      std::string asked = n->attrs.get_string(onednn::kPrecisionAttr, "fp32");
      ++counts[asked];
      rows << "    " << n->name << " (" << n->op_type << "): " << asked << "\n";
    }
  const bool bf16_here = CompilingCpuHasBf16() && onednn::Bf16AllowedByEnvironment();
  std::ostringstream os;
  os << "precision (requested per Conv/ConvTranspose/MatMul/Gemm node; every other op fp32):";
  if (counts.empty()) os << " none of these nodes";
  for (const auto& [type, n] : counts) os << " " << n << " " << type;
  os << "\n";
  if (counts.count("bf16") || counts.count("fp16"))
    os << "  on this CPU fp16/bf16 requests run as "
       << (bf16_here ? "bf16 (AVX512-BF16), fp32 accumulation"
           : CompilingCpuHasBf16() ? "fp32 (OPENACL_DISABLE_BF16 is set)"
                                   : "fp32 (this CPU lacks AVX512-BF16)")
       << "\n";
  os << rows.str();
  return os.str();
}

std::string FormatOmInfo(const std::string& path, const OmSummary& s, const std::string& extra) {
  std::ostringstream os;
  os << "============ Display Model Info start ============\n";
  os << "model: " << path << "\n";
  os << "om format version: " << s.major_version << "." << s.minor_version
     << ", producer: " << (s.producer.empty() ? "?" : s.producer) << "\n";
  os << "file size: " << s.file_size << " bytes (metadata " << s.meta_size << ", weights "
     << s.weight_size << ")\n";
  os << "memory: work size " << s.arena_size << " bytes, weight size " << s.weight_size
     << " bytes\n";
  os << "graph: " << s.num_nodes << " nodes, " << s.num_values << " values\n";
  if (s.is_single_op) os << "single-op model: " << s.single_op_type << "\n";
  PrintIO(os, "inputs", s.inputs);
  PrintIO(os, "outputs", s.outputs);
  os << "options (" << s.options.size() << "):\n";
  for (const auto& [k, v] : s.options) os << "  " << k << ": " << v << "\n";
  os << extra;
  os << "============ Display Model Info end ============\n";
  return os.str();
}

Status WriteModelJson(const CompiledModel& model, const std::string& json_path) {
  std::ofstream out(json_path, std::ios::binary | std::ios::trunc);
  if (!out)
    return Status(StatusCode::kWriteFile,
                  "cannot create " + json_path + ": " + std::strerror(errno));
  out << CompiledModelToJson(model);
  out.close();
  if (!out) return Status(StatusCode::kWriteFile, "cannot write " + json_path);
  return Status::Ok();
}

}  // namespace atc
}  // namespace openacl
