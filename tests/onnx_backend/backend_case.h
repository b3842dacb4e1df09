// One test of the ONNX backend conformance suite: a folder with model.onnx and
// test_data_set_N/{input_K.pb,output_K.pb}. RunBackendTest compiles the model through the engine
// and checks every data set; it runs inside a forked child (see forked_pool.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace openacl {
namespace backend_test {

struct TestCase {
  std::string suite;  // node, simple, pytorch-converted, pytorch-operator
  std::string name;   // test_abs
  std::string dir;    // full path of the test folder
  std::string Id() const { return suite + "/" + name; }
};

enum class Outcome { kPass, kFail, kSkip };
const char* OutcomeName(Outcome o);

// Failure categories (TestResult::category).
//   unsupported_op      op type / opset not registered (op names it)
//   unsupported_type    sequence/optional/map/string values, or an element type an op rejects
//   unsupported_feature an attribute value or mode an op does not implement
//   compile_error       import, shape inference, planning or kernel preparation failed
//   runtime_error       Execute returned an error
//   wrong_result        output dtype, shape or values differ from the expected output
//   crash / timeout     the child process died or ran past the time limit
//   skipped             not run (model too large, no test data)
struct TestResult {
  Outcome outcome = Outcome::kFail;
  std::string category;
  std::string op;       // op at fault, when known
  std::string message;  // one line
  double seconds = 0;
};

struct RunOptions {
  double rtol = 1e-3;
  double atol = 1e-7;
  uint64_t max_model_bytes = 200ull << 20;
};

// Test folders of the given suites under data_dir, sorted by suite then name.
std::vector<TestCase> DiscoverTests(const std::string& data_dir,
                                    const std::vector<std::string>& suites);

// Runs one test in this process. `stage` is told where the test is ("compile", "execute 0", ...)
// so that a crash can be attributed.
TestResult RunBackendTest(const TestCase& test, const RunOptions& options,
                          const std::function<void(const std::string&)>& stage);

}  // namespace backend_test
}  // namespace openacl
