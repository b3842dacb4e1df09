// expected_failures.txt (tests we do not pass yet, one "<suite>/<test>  # reason" a line) and the
// machine-readable JSON report.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "backend_case.h"
#include "base/status.h"

namespace openacl {
namespace backend_test {

struct RunRecord {
  TestCase test;
  TestResult result;
};

// Test id -> reason. A missing file reads as empty.
Result<std::map<std::string, std::string>> ReadExpectations(const std::string& path);

// One-line reason derived from the classification: "unsupported_op Foo: <message>".
std::string ReasonFor(const TestResult& r);

// Rewrites the file listing every failing test of `records`. Entries of `previous` for tests
// that did not run this time (filtered out) are kept as they were, and so is a previous reason
// that still starts with the failure's category (reasons may be refined by hand).
Status WriteExpectations(const std::string& path, const std::vector<RunRecord>& records,
                         const std::map<std::string, std::string>& previous);

Status WriteJsonReport(const std::string& path, const std::vector<RunRecord>& records);

}  // namespace backend_test
}  // namespace openacl
