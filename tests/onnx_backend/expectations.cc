#include "expectations.h"

#include <array>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace openacl {
namespace backend_test {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string JsonString(const std::string& s) {
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
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
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

const char kHeader[] =
    "# ONNX backend conformance tests (ONNX 1.12 test data, Debian libonnx-testdata) that openacl\n"
    "# does not pass yet: \"<suite>/<test>  # reason\". The onnx_backend ctest fails when a "
    "listed\n"
    "# test passes (remove it) or an unlisted test fails (a regression).\n"
    "# Regenerate from the current results:\n"
    "#   build/bin/onnx_backend_runner --update-expectations\n";

}  // namespace

Result<std::map<std::string, std::string>> ReadExpectations(const std::string& path) {
  std::map<std::string, std::string> out;
  std::ifstream in(path);
  if (!in) return out;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    std::string reason;
    size_t hash = line.find('#');
    if (hash != std::string::npos) {
      reason = Trim(line.substr(hash + 1));
      line = line.substr(0, hash);
    }
    std::string id = Trim(line);
    if (id.empty()) continue;
    if (id.find('/') == std::string::npos || id.find_first_of(" \t") != std::string::npos)
      return Status(StatusCode::kParseFile, path + ":" + std::to_string(lineno) +
                                                ": expected \"<suite>/<test>  # reason\"");
    out[id] = reason;
  }
  return out;
}

std::string ReasonFor(const TestResult& r) {
  std::string reason = r.category;
  if (!r.op.empty()) reason += " " + r.op;
  if (!r.message.empty()) reason += ": " + r.message;
  for (char& c : reason)
    if (c == '#' || c == '\n') c = ' ';
  if (reason.size() > 160) reason = reason.substr(0, 157) + "...";
  return reason;
}

Status WriteExpectations(const std::string& path, const std::vector<RunRecord>& records,
                         const std::map<std::string, std::string>& previous) {
  std::map<std::string, std::string> entries;
  std::set<std::string> ran;
  for (const RunRecord& rec : records) {
    ran.insert(rec.test.Id());
    if (rec.result.outcome != Outcome::kFail) continue;
    // A reason edited by hand is kept while the failure keeps its category.
    auto prev = previous.find(rec.test.Id());
    bool keep = prev != previous.end() &&
                prev->second.compare(0, rec.result.category.size(), rec.result.category) == 0;
    entries[rec.test.Id()] = keep ? prev->second : ReasonFor(rec.result);
  }
  for (const auto& kv : previous)
    if (!ran.count(kv.first)) entries.insert(kv);
  std::ofstream out(path);
  if (!out) return Status(StatusCode::kWriteFile, "cannot write " + path);
  out << kHeader;
  for (const auto& kv : entries) out << kv.first << "  # " << kv.second << "\n";
  return out ? Status::Ok() : Status(StatusCode::kWriteFile, "write to " + path + " failed");
}

Status WriteJsonReport(const std::string& path, const std::vector<RunRecord>& records) {
  std::map<std::string, std::array<int, 3>> counts;  // suite -> pass/fail/skip
  for (const RunRecord& rec : records)
    counts[rec.test.suite][static_cast<int>(rec.result.outcome)]++;
  std::ostringstream js;
  js << "{\n  \"suites\": {";
  bool first = true;
  for (const auto& kv : counts) {
    js << (first ? "\n" : ",\n") << "    " << JsonString(kv.first)
       << ": {\"passed\": " << kv.second[0] << ", \"failed\": " << kv.second[1]
       << ", \"skipped\": " << kv.second[2] << "}";
    first = false;
  }
  js << "\n  },\n  \"tests\": [";
  first = true;
  for (const RunRecord& rec : records) {
    const TestResult& r = rec.result;
    char secs[32];
    std::snprintf(secs, sizeof(secs), "%.3f", r.seconds);
    js << (first ? "\n" : ",\n") << "    {\"id\": " << JsonString(rec.test.Id())
       << ", \"suite\": " << JsonString(rec.test.suite)
       << ", \"name\": " << JsonString(rec.test.name)
       << ", \"status\": " << JsonString(OutcomeName(r.outcome))
       << ", \"category\": " << JsonString(r.category) << ", \"op\": " << JsonString(r.op)
       << ", \"message\": " << JsonString(r.message) << ", \"seconds\": " << secs << "}";
    first = false;
  }
  js << "\n  ]\n}\n";
  std::ofstream out(path);
  if (!out) return Status(StatusCode::kWriteFile, "cannot write " + path);
  out << js.str();
  return out ? Status::Ok() : Status(StatusCode::kWriteFile, "write to " + path + " failed");
}

}  // namespace backend_test
}  // namespace openacl
