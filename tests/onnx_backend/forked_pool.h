// Runs work items in forked child processes, a few at a time, so that a crashing or hanging
// kernel fails one test instead of the whole run. Children report through a pipe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

namespace openacl {
namespace backend_test {

struct ChildReport {
  std::string output;  // everything the child wrote to its pipe
  bool timed_out = false;
  int term_signal = 0;  // nonzero when the child was killed by a signal
  int exit_code = 0;
  double seconds = 0;
};

struct PoolOptions {
  int jobs = 1;
  double timeout_s = 60;
  size_t memory_limit_mb = 0;  // address-space limit per child (0 = none)
  bool quiet_children = true;  // send the children's stdout/stderr to /dev/null
};

// For each i in [0, count): forks a child that calls body(i, fd) and exits; fd is the write end
// of the pipe to the parent. on_done(i, report) runs in the parent as children finish.
// The parent must not have started OpenMP threads before calling this.
void RunForked(size_t count, const PoolOptions& options,
               const std::function<void(size_t, int)>& body,
               const std::function<void(size_t, const ChildReport&)>& on_done);

// Writes all of `text` to fd (retrying on partial writes).
void WriteAll(int fd, const std::string& text);

}  // namespace backend_test
}  // namespace openacl
