// The store of loaded single-op models and the lookup behind aclopExecuteV2.
#include <algorithm>
#include <atomic>
#include <filesystem>

#include "base/logging.h"
#include "capi/op_internal.h"
#include "compiler/single_op/op_json.h"
#include "compiler/single_op/op_mapping.h"
#include "compiler/single_op/op_match.h"
#include "compiler/single_op/single_op_compiler.h"
#include "format/om_reader.h"

namespace openacl::capi {

namespace so = single_op;

struct OpStore::Entry {
  so::OpDesc desc;  // canonical, dynamic dims kept
  std::string source;
  std::shared_ptr<engine::LoadedModel> model;  // static: the op; dynamic: the representative shape
  bool dynamic = false;
  std::string json;
  std::mutex mu;  // guards by_shape
  std::map<std::string, std::shared_ptr<engine::LoadedModel>> by_shape;
};

namespace {

constexpr size_t kMaxShapesPerOp = 64;
std::atomic<bool> g_jit{false};

Result<std::shared_ptr<OpStore::Entry>> MakeEntry(CompiledModel model, const std::string& source) {
  if (!model.is_single_op)
    return Status(StatusCode::kOpLoadFailed,
                  source + " is not a single-operator model (made by atc --model, not --singleop)");
  auto entry = std::make_shared<OpStore::Entry>();
  auto desc = so::ParseOpDesc(model.single_op.json);
  if (!desc.ok()) return Status(StatusCode::kOpLoadFailed, source + ": " + desc.status().message());
  entry->desc = std::move(desc).value();
  Status canon = so::Canonicalize(entry->desc);
  if (!canon.ok()) return Status(StatusCode::kOpLoadFailed, source + ": " + canon.message());
  entry->json = so::OpDescToJson(entry->desc);
  entry->dynamic = so::IsDynamic(entry->desc);
  entry->source = source;
  ASSIGN_OR_RETURN(entry->model, engine::LoadedModel::Create(std::move(model), engine::ModelMemory(), source));
  return entry;
}

std::string ShapeKey(const so::OpDesc& request) {
  std::string key;
  for (const auto& t : request.inputs) key += ShapeToString(t.dims);
  return key;
}

Result<OpExec> Bind(OpStore::Entry& e, const so::OpDesc& request) {
  OpExec ex;
  ex.model = e.model;
  ex.what = e.desc.op + " (" + e.source + ")";
  if (e.dynamic) {
    std::vector<Shape> dims;
    for (const auto& t : request.inputs) dims.push_back(t.dims);
    std::string key = ShapeKey(request);
    std::lock_guard<std::mutex> lock(e.mu);
    auto it = e.by_shape.find(key);
    if (it != e.by_shape.end()) {
      ex.model = it->second;
    } else {
      auto compiled = so::CompileSingleOpForShapes(e.desc, dims);
      if (!compiled.ok())
        return compiled.status().WithContext("compiling " + ex.what + " for input shapes " + key);
      ASSIGN_OR_RETURN(ex.model, engine::LoadedModel::Create(std::move(compiled).value(), engine::ModelMemory(),
                                                     e.source + " " + key));
      if (e.by_shape.size() >= kMaxShapesPerOp) e.by_shape.clear();
      e.by_shape[key] = ex.model;
    }
  }
  ex.graph_input = so::GraphInputIndex(e.desc);
  const CompiledModel& m = ex.model->model();
  for (int gi : ex.graph_input) ex.input_bytes.push_back(gi < 0 ? 0 : m.inputs[gi].nbytes);
  for (const IODesc& o : m.outputs) {
    ex.output_dims.push_back(o.shape);
    ex.output_bytes.push_back(o.nbytes);
  }
  return ex;
}

}  // namespace

bool OpJitEnabled() { return g_jit.load(); }
void SetOpJitEnabled(bool enabled) { g_jit.store(enabled); }

OpStore& OpStore::Global() {
  static OpStore* store = [] {
    RegisterFinalizeHook([] { OpStore::Global().Clear(); });
    return new OpStore();
  }();
  return *store;
}

Status OpStore::Add(std::shared_ptr<Entry> entry) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& list = by_type_[entry->desc.op];
  for (const auto& e : list)
    if (e->json == entry->json) return Status::Ok();  // identical op already loaded
  list.push_back(std::move(entry));
  return Status::Ok();
}

Status OpStore::LoadDir(const std::string& dir) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (dir_loaded_)
      return Status(StatusCode::kRepeatInitialize,
                    "single-op models were already loaded from a directory in this process "
                    "(aclopSetModelDir may be called once; use aclopLoad for more models)");
  }
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Status(StatusCode::kInvalidFile, "model directory '" + dir + "' does not exist");
  std::vector<std::string> files;
  for (const auto& f : std::filesystem::directory_iterator(dir, ec))
    if (f.is_regular_file() && f.path().extension() == ".om") files.push_back(f.path().string());
  if (ec) return Status(StatusCode::kInvalidFile, "cannot list '" + dir + "': " + ec.message());
  std::sort(files.begin(), files.end());
  std::vector<std::shared_ptr<Entry>> entries;
  for (const std::string& path : files) {
    auto summary = PeekOm(path);
    if (!summary.ok()) return Status(StatusCode::kOpLoadFailed, summary.status().message());
    if (!summary->is_single_op) {
      LOG_WARN("aclopSetModelDir: skipping %s: not a single-operator model", path.c_str());
      continue;
    }
    ASSIGN_OR_RETURN(CompiledModel model, ReadOmFile(path));
    ASSIGN_OR_RETURN(auto entry, MakeEntry(std::move(model), path));
    entries.push_back(std::move(entry));
  }
  if (entries.empty()) LOG_WARN("aclopSetModelDir: no single-operator model in %s", dir.c_str());
  for (auto& e : entries) RETURN_IF_ERROR(Add(std::move(e)));
  std::lock_guard<std::mutex> lock(mu_);
  dir_loaded_ = true;
  return Status::Ok();
}

Status OpStore::LoadMemory(const void* data, size_t size) {
  auto model = ReadOmMemory(data, size, /*copy=*/true);
  if (!model.ok()) return Status(StatusCode::kOpLoadFailed, model.status().message());
  ASSIGN_OR_RETURN(auto entry, MakeEntry(std::move(model).value(), "memory"));
  return Add(std::move(entry));
}

Status OpStore::AddCompiled(CompiledModel model, const std::string& source) {
  ASSIGN_OR_RETURN(auto entry, MakeEntry(std::move(model), source));
  return Add(std::move(entry));
}

Result<OpExec> OpStore::Resolve(const so::OpDesc& request) {
  std::vector<std::shared_ptr<Entry>> same_type;
  std::vector<std::string> types;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_type_.find(request.op);
    if (it != by_type_.end()) same_type = it->second;
    for (const auto& [t, list] : by_type_) types.push_back(t + " x" + std::to_string(list.size()));
  }
  std::string why;
  for (const auto& e : same_type) {
    std::string m = so::MatchOp(e->desc, request);
    if (m.empty()) return Bind(*e, request);
    if (why.size() < 2000) why += "\n  " + e->source + ": " + m;
  }
  std::string msg = "no loaded single-op model matches " + so::DescribeOp(request) + ". ";
  if (!same_type.empty()) {
    msg += "Loaded " + request.op + " models:" + why;
  } else {
    std::string list;
    for (const auto& t : types) list += (list.empty() ? "" : ", ") + t;
    msg += "No " + request.op + " model is loaded (loaded: " +
           (list.empty() ? std::string("none; call aclopSetModelDir or aclopLoad first") : list) +
           ")";
  }
  return Status(StatusCode::kOpNotFound, msg);
}

size_t OpStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  size_t n = 0;
  for (const auto& kv : by_type_) n += kv.second.size();
  return n;
}

void OpStore::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  by_type_.clear();
  dir_loaded_ = false;
}

}  // namespace openacl::capi
