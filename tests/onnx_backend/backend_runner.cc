// ONNX backend conformance runner: compiles every test model of the official ONNX test data
// through the engine, runs each data set and compares the outputs. Each test runs in a forked
// child with a time limit. Checks the results against expected_failures.txt.
//
//   onnx_backend_runner [--data-dir D] [--suites node,simple] [--filter substr] [--jobs N]
//                       [--timeout S] [--expectations F] [--update-expectations]
//                       [--report F] [--no-fork] [--verbose]
#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <sstream>
#include <thread>

#include "backend_case.h"
#include "expectations.h"
#include "forked_pool.h"

#ifndef OPENACL_ONNX_TEST_DATA
#define OPENACL_ONNX_TEST_DATA "/usr/include/onnx/backend/test/data"
#endif
#ifndef OPENACL_EXPECTATIONS_FILE
#define OPENACL_EXPECTATIONS_FILE "tests/onnx_backend/expected_failures.txt"
#endif
#ifndef OPENACL_REPORT_FILE
#define OPENACL_REPORT_FILE "onnx_backend_report.json"
#endif

namespace openacl {
namespace backend_test {
namespace {

struct Args {
  std::string data_dir = OPENACL_ONNX_TEST_DATA;
  std::vector<std::string> suites = {"node", "simple", "pytorch-converted", "pytorch-operator"};
  std::string filter;
  int jobs = 0;
  double timeout_s = 120;
  std::string expectations = OPENACL_EXPECTATIONS_FILE;
  bool update = false;
  std::string report = OPENACL_REPORT_FILE;
  bool fork = true;
  bool verbose = false;
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  size_t memory_limit_mb = 0;  // sanitizers reserve huge address ranges
#else
  size_t memory_limit_mb = 8192;
#endif
};

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, sep))
    if (!item.empty()) out.push_back(item);
  return out;
}

bool ParseArgs(int argc, char** argv, Args* a) {
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (k == "--data-dir" && value(&v))
      a->data_dir = v;
    else if (k == "--suites" && value(&v))
      a->suites = Split(v, ',');
    else if (k == "--filter" && value(&v))
      a->filter = v;
    else if (k == "--jobs" && value(&v))
      a->jobs = std::atoi(v.c_str());
    else if (k == "--timeout" && value(&v))
      a->timeout_s = std::atof(v.c_str());
    else if (k == "--expectations" && value(&v))
      a->expectations = v;
    else if (k == "--report" && value(&v))
      a->report = v;
    else if (k == "--memory-limit-mb" && value(&v))
      a->memory_limit_mb = std::strtoull(v.c_str(), nullptr, 10);
    else if (k == "--update-expectations")
      a->update = true;
    else if (k == "--no-fork")
      a->fork = false;
    else if (k == "--verbose")
      a->verbose = true;
    else {
      std::fprintf(stderr,
                   "usage: %s [--data-dir D] [--suites a,b] [--filter substr] [--jobs N] "
                   "[--timeout S] [--expectations F] [--update-expectations] [--report F] "
                   "[--memory-limit-mb M] [--no-fork] [--verbose]\n",
                   argv[0]);
      return false;
    }
  }
  return true;
}

std::string Clean(std::string s) {
  for (char& c : s)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return s;
}

// Child -> parent protocol: "S\t<stage>" lines while working, "O\t<op>" when the op is known,
// then one "R\t<outcome>\t<category>\t<op>\t<seconds>\t<message>" line.
std::string Serialize(const TestResult& r) {
  char secs[32];
  std::snprintf(secs, sizeof(secs), "%.3f", r.seconds);
  return std::string("R\t") + OutcomeName(r.outcome) + "\t" + Clean(r.category) + "\t" +
         Clean(r.op) + "\t" + secs + "\t" + Clean(r.message) + "\n";
}

TestResult FromChild(const ChildReport& rep, double timeout_s) {
  std::string stage = "start", op;
  TestResult r;
  bool have_result = false;
  for (const std::string& line : Split(rep.output, '\n')) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, '\t')) f.push_back(field);
    if (f.size() >= 2 && f[0] == "S") stage = f[1];
    if (f.size() >= 2 && f[0] == "O") op = f[1];
    if (f.size() >= 5 && f[0] == "R") {
      r.outcome = f[1] == "pass"   ? Outcome::kPass
                  : f[1] == "skip" ? Outcome::kSkip
                                   : Outcome::kFail;
      r.category = f[2];
      r.op = f[3];
      r.seconds = std::atof(f[4].c_str());
      r.message = f.size() >= 6 ? f[5] : "";
      have_result = true;
    }
  }
  if (have_result && !rep.timed_out && rep.term_signal == 0) return r;
  r = TestResult();
  r.outcome = Outcome::kFail;
  r.op = op;
  r.seconds = rep.seconds;
  if (rep.timed_out) {
    r.category = "timeout";
    r.message = "ran past " + std::to_string(static_cast<int>(timeout_s)) + " s during " + stage;
  } else {
    r.category = "crash";
    r.message = rep.term_signal ? std::string("killed by signal ") + strsignal(rep.term_signal) +
                                      " during " + stage
                                : "exited with code " + std::to_string(rep.exit_code) +
                                      " without a result during " + stage;
  }
  return r;
}

void PrintSummary(const std::vector<RunRecord>& records) {
  std::map<std::string, std::array<int, 3>> counts;
  std::vector<std::string> order;
  for (const RunRecord& rec : records) {
    if (!counts.count(rec.test.suite)) order.push_back(rec.test.suite);
    counts[rec.test.suite][static_cast<int>(rec.result.outcome)]++;
  }
  std::array<int, 3> total = {0, 0, 0};
  auto line = [](const std::string& name, const std::array<int, 3>& c) {
    int run = c[0] + c[1];
    std::printf("onnx-backend %s: passed %d / failed %d / skipped %d (pass rate %.1f%%)\n",
                name.c_str(), c[0], c[1], c[2], run ? 100.0 * c[0] / run : 0.0);
  };
  for (const std::string& s : order) {
    line(s, counts[s]);
    for (int k = 0; k < 3; ++k) total[k] += counts[s][k];
  }
  if (order.size() > 1) line("total", total);
  int dynamic = 0;
  for (const RunRecord& rec : records)
    if (rec.result.outcome == Outcome::kPass && !rec.result.message.empty()) ++dynamic;
  if (dynamic)
    std::printf(
        "(%d passing tests have shapes decided at run time and ran on the dynamic executor; "
        "see \"message\" in the report)\n",
        dynamic);
}

int Main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) return 2;
  if (!std::filesystem::is_directory(args.data_dir)) {
    std::printf("ONNX backend test data not found at %s (install libonnx-testdata); skipping\n",
                args.data_dir.c_str());
    return 77;
  }
  std::vector<TestCase> tests;
  for (TestCase& t : DiscoverTests(args.data_dir, args.suites))
    if (args.filter.empty() || t.Id().find(args.filter) != std::string::npos)
      tests.push_back(std::move(t));
  if (tests.empty()) {
    std::printf("no tests match (data %s, filter '%s')\n", args.data_dir.c_str(),
                args.filter.c_str());
    return 2;
  }
  auto expected = ReadExpectations(args.expectations);
  if (!expected.ok()) {
    std::fprintf(stderr, "%s\n", expected.status().message().c_str());
    return 2;
  }

  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  int jobs = args.jobs > 0 ? args.jobs : cores;
  int threads = std::max(1, cores / jobs);
  if (!getenv("OPENACL_NUM_THREADS"))
    setenv("OPENACL_NUM_THREADS", std::to_string(threads).c_str(), 1);

  RunOptions run_options;
  std::vector<RunRecord> records(tests.size());
  for (size_t i = 0; i < tests.size(); ++i) records[i].test = tests[i];
  if (args.fork) {
    PoolOptions pool;
    pool.jobs = jobs;
    pool.timeout_s = args.timeout_s;
    pool.memory_limit_mb = args.memory_limit_mb;
    pool.quiet_children = !args.verbose;
    RunForked(
        tests.size(), pool,
        [&](size_t i, int fd) {
          omp_set_num_threads(threads);
          TestResult r = RunBackendTest(tests[i], run_options, [fd](const std::string& stage) {
            WriteAll(fd,
                     (stage.rfind("op:", 0) == 0 ? "O\t" + stage.substr(3) : "S\t" + Clean(stage)) +
                         "\n");
          });
          WriteAll(fd, Serialize(r));
        },
        [&](size_t i, const ChildReport& rep) {
          records[i].result = FromChild(rep, args.timeout_s);
          if (args.verbose)
            std::printf("%-5s %s (%.2fs)\n", OutcomeName(records[i].result.outcome),
                        tests[i].Id().c_str(), records[i].result.seconds);
        });
  } else {
    for (size_t i = 0; i < tests.size(); ++i) {
      if (args.verbose) std::printf("run %s\n", tests[i].Id().c_str());
      records[i].result = RunBackendTest(tests[i], run_options, [](const std::string&) {});
    }
  }

  int unexpected_fail = 0, unexpected_pass = 0;
  for (const RunRecord& rec : records) {
    const TestResult& r = rec.result;
    bool listed = expected->count(rec.test.Id()) > 0;
    if (r.outcome == Outcome::kFail) {
      if (!listed) ++unexpected_fail;
      std::printf("FAIL%s %s [%s%s%s] %s\n", listed ? "" : " (NEW)", rec.test.Id().c_str(),
                  r.category.c_str(), r.op.empty() ? "" : " ", r.op.c_str(), r.message.c_str());
    } else if (r.outcome == Outcome::kPass && listed) {
      ++unexpected_pass;
      std::printf("PASS (listed as expected failure) %s\n", rec.test.Id().c_str());
    } else if (r.outcome == Outcome::kSkip && args.verbose) {
      std::printf("SKIP %s: %s\n", rec.test.Id().c_str(), r.message.c_str());
    }
  }
  PrintSummary(records);
  Status st = WriteJsonReport(args.report, records);
  if (!st.ok())
    std::fprintf(stderr, "%s\n", st.message().c_str());
  else
    std::printf("report: %s\n", args.report.c_str());

  if (args.update) {
    st = WriteExpectations(args.expectations, records, *expected);
    if (!st.ok()) {
      std::fprintf(stderr, "%s\n", st.message().c_str());
      return 1;
    }
    std::printf("rewrote %s\n", args.expectations.c_str());
    return 0;
  }
  if (unexpected_fail || unexpected_pass) {
    std::printf(
        "expectations: %d new failure(s) (marked NEW above), %d listed test(s) now pass; fix the "
        "regressions, then run `onnx_backend_runner --update-expectations` to refresh %s\n",
        unexpected_fail, unexpected_pass, args.expectations.c_str());
    return 1;
  }
  std::printf("expectations: all results match %s\n", args.expectations.c_str());
  return 0;
}

}  // namespace
}  // namespace backend_test
}  // namespace openacl

int main(int argc, char** argv) { return openacl::backend_test::Main(argc, argv); }
