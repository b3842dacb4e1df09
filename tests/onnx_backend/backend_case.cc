#include "backend_case.h"


#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "compiler/compiler.h"
#include "frontend/onnx/onnx_importer.h"
#include "engine/loaded_model.h"
#include "tensor_compare.h"
#include "test_data.h"

namespace fs = std::filesystem;

namespace openacl {
namespace backend_test {
namespace {

std::string OneLine(std::string s, size_t max_len = 400) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (s.size() > max_len) s = s.substr(0, max_len) + "...";
  return s;
}

// The op type of the first "node 'x' (Op)" in a message.
std::string OpFromMessage(const std::string& m) {
  size_t p = m.find("node '");
  if (p == std::string::npos) return "";
  size_t q = m.find("' (", p + 6);
  if (q == std::string::npos) return "";
  size_t e = m.find(')', q + 3);
  if (e == std::string::npos) return "";
  return m.substr(q + 3, e - q - 3);
}

TestResult Fail(const std::string& category, const std::string& op, const std::string& message) {
  TestResult r;
  r.outcome = Outcome::kFail;
  r.category = category;
  r.op = op;
  r.message = OneLine(message);
  return r;
}

std::string SingleOp(const ModelInfo& info) {
  return info.ops.size() == 1 ? *info.ops.begin() : "";
}

// Maps an engine Status to a failure; `stage_category` is compile_error or runtime_error.
TestResult Classify(const Status& st, const std::string& stage_category, const ModelInfo& info,
                    const std::string& model_path) {
  std::string msg = st.message();
  std::string prefix = "compiling '" + model_path + "': ";
  if (msg.compare(0, prefix.size(), prefix) == 0) msg = msg.substr(prefix.size());
  std::string op = OpFromMessage(msg);
  if (op.empty()) op = SingleOp(info);
  if (msg.find("unsupported op:") != std::string::npos ||
      msg.find("unsupported opset:") != std::string::npos)
    return Fail("unsupported_op", op, msg);
  switch (st.code()) {
    case StatusCode::kUnsupportedDataType:
      return Fail("unsupported_type", op, msg);
    case StatusCode::kUnsupportedOp:
    case StatusCode::kFeatureUnsupported:
      return Fail("unsupported_feature", op, msg);
    default:
      return Fail(stage_category, op, msg);
  }
}

// ONNX 1.12 stores bfloat16 test tensors as uint16 with the same bits.
Tensor AsBFloat16IfBits(const Tensor& t, DType want) {
  if (want != DType::kBFloat16 || t.dtype() != DType::kUInt16) return t;
  Tensor out(DType::kBFloat16, t.shape());
  if (t.nbytes()) std::memcpy(out.mutable_data(), t.data(), t.nbytes());
  return out;
}

TestResult RunChecked(const TestCase& test, const RunOptions& options,
                      const std::function<void(const std::string&)>& stage) {
  const std::string model_path = test.dir + "/model.onnx";
  TestResult skip;
  skip.outcome = Outcome::kSkip;
  skip.category = "skipped";
  if (!fs::exists(model_path)) {
    skip.message = "no model.onnx (model is downloaded by the suite, not installed)";
    return skip;
  }
  uint64_t size = fs::file_size(model_path);
  if (size > options.max_model_bytes) {
    skip.message = "model.onnx is " + std::to_string(size >> 20) + " MB (limit " +
                   std::to_string(options.max_model_bytes >> 20) + " MB)";
    return skip;
  }
  std::vector<std::string> sets = DataSets(test.dir);
  if (sets.empty()) {
    skip.message = "no test_data_set_* folders";
    return skip;
  }
  stage("read model");
  auto info_or = ReadModelInfo(model_path);
  if (!info_or.ok()) return Fail("compile_error", "", info_or.status().message());
  const ModelInfo& info = *info_or;
  if (!SingleOp(info).empty()) stage("op:" + SingleOp(info));
  for (const auto* list : {&info.inputs, &info.outputs})
    for (const ValueInfo& v : *list) {
      if (v.kind != "tensor")
        return Fail("unsupported_type", SingleOp(info),
                    "value '" + v.name + "' is a " + v.kind + " (only tensors are supported)");
      if (v.elem_type == static_cast<int>(DType::kString))
        return Fail("unsupported_type", SingleOp(info),
                    "value '" + v.name + "' is a string tensor (strings are not supported)");
    }

  std::map<std::string, Shape> compiled_shapes;
  std::shared_ptr<engine::LoadedModel> loaded;
  for (size_t s = 0; s < sets.size(); ++s) {
    const std::string set_tag = "data set " + std::to_string(s);
    stage("read " + set_tag);
    auto inputs = ReadTensors(sets[s], "input");
    if (!inputs.ok()) return Fail("unsupported_type", SingleOp(info), inputs.status().message());
    auto expected = ReadTensors(sets[s], "output");
    if (!expected.ok())
      return Fail("unsupported_type", SingleOp(info), expected.status().message());
    if (inputs->size() != info.inputs.size())
      return Fail("compile_error", SingleOp(info),
                  set_tag + " has " + std::to_string(inputs->size()) + " inputs; the model has " +
                      std::to_string(info.inputs.size()));
    std::map<std::string, Shape> shapes;
    for (size_t i = 0; i < inputs->size(); ++i) shapes[info.inputs[i].name] = (*inputs)[i].shape();
    if (!loaded || shapes != compiled_shapes) {
      stage("compile");
      CompileOptions copt;
      copt.input_shapes = shapes;
      auto compiled = CompileOnnxFile(model_path, copt);
      if (!compiled.ok()) return Classify(compiled.status(), "compile_error", info, model_path);
      stage("load");
      auto lm = engine::LoadedModel::Create(std::move(compiled).value(), engine::ModelMemory(), model_path);
      if (!lm.ok()) return Classify(lm.status(), "compile_error", info, model_path);
      loaded = std::move(lm).value();
      compiled_shapes = shapes;
    }
    const CompiledModel& cm = loaded->model();
    if (cm.inputs.size() != inputs->size())
      return Fail("compile_error", SingleOp(info),
                  "compiled model has " + std::to_string(cm.inputs.size()) +
                      " inputs; the test feeds " + std::to_string(inputs->size()));
    if (cm.outputs.size() != expected->size())
      return Fail("compile_error", SingleOp(info),
                  "compiled model has " + std::to_string(cm.outputs.size()) +
                      " outputs; the test expects " + std::to_string(expected->size()));
    static uint8_t dummy[64];
    std::vector<const void*> in_ptrs;
    std::vector<size_t> in_sizes;
    for (size_t i = 0; i < inputs->size(); ++i) {
      const Tensor& t = (*inputs)[i];
      bool bf16_bits = cm.inputs[i].dtype == DType::kBFloat16 && t.dtype() == DType::kUInt16;
      if (cm.inputs[i].dtype != t.dtype() && !bf16_bits)
        return Fail("unsupported_type", SingleOp(info),
                    "input '" + cm.inputs[i].name + "' compiled as " +
                        DTypeName(cm.inputs[i].dtype) + " but the test feeds " +
                        DTypeName(t.dtype()));
      in_ptrs.push_back(t.data() ? t.data() : dummy);
      in_sizes.push_back(t.nbytes());
    }
    stage("execute " + set_tag);
    std::vector<Tensor> results;
    Status st = loaded->ExecuteToTensors(in_ptrs.data(), in_sizes.data(), in_ptrs.size(), &results);
    if (!st.ok()) return Classify(st, "runtime_error", info, model_path);
    stage("compare " + set_tag);
    for (size_t o = 0; o < results.size(); ++o) {
      std::string what = set_tag + " output " + std::to_string(o) + " '" + cm.outputs[o].name + "'";
      const Tensor& r = results[o];
      CompareResult c =
          CompareOutput(what, r.dtype(), r.shape(), r.data(),
                        AsBFloat16IfBits((*expected)[o], r.dtype()), options.rtol, options.atol);
      if (!c.ok) return Fail("wrong_result", SingleOp(info), c.message);
    }
  }
  TestResult pass;
  pass.outcome = Outcome::kPass;
  if (loaded && loaded->data_dependent_shapes())
    pass.message = "data-dependent shapes (dynamic executor)";
  return pass;
}

}  // namespace

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kPass:
      return "pass";
    case Outcome::kFail:
      return "fail";
    default:
      return "skip";
  }
}

std::vector<TestCase> DiscoverTests(const std::string& data_dir,
                                    const std::vector<std::string>& suites) {
  std::vector<TestCase> tests;
  for (const std::string& suite : suites) {
    std::string root = data_dir + "/" + suite;
    std::error_code ec;
    if (!fs::is_directory(root, ec)) continue;
    std::vector<TestCase> found;
    for (const auto& e : fs::directory_iterator(root, ec))
      if (e.is_directory())
        found.push_back({suite, e.path().filename().string(), e.path().string()});
    std::sort(found.begin(), found.end(),
              [](const TestCase& a, const TestCase& b) { return a.name < b.name; });
    tests.insert(tests.end(), found.begin(), found.end());
  }
  return tests;
}

TestResult RunBackendTest(const TestCase& test, const RunOptions& options,
                          const std::function<void(const std::string&)>& stage) {
  auto start = std::chrono::steady_clock::now();
  TestResult r;
  try {
    r = RunChecked(test, options, stage);
  } catch (const std::exception& e) {
    r = Fail("crash", "", std::string("C++ exception: ") + e.what());
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace backend_test
}  // namespace openacl
