#include "atc_info.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "format/om_json.h"

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

std::string FormatOmInfo(const std::string& path, const OmSummary& s) {
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
