#include "forked_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <vector>

namespace openacl {
namespace backend_test {
namespace {

using Clock = std::chrono::steady_clock;

struct Running {
  size_t index;
  pid_t pid;
  int fd;
  Clock::time_point start;
  std::string output;
};

void SetupChild(const PoolOptions& options) {
  if (options.quiet_children) {
    int null_fd = open("/dev/null", O_WRONLY);
    if (null_fd >= 0) {
      dup2(null_fd, STDOUT_FILENO);
      dup2(null_fd, STDERR_FILENO);
      close(null_fd);
    }
  }
  if (options.memory_limit_mb > 0) {
    rlimit lim;
    lim.rlim_cur = lim.rlim_max = static_cast<rlim_t>(options.memory_limit_mb) << 20;
    setrlimit(RLIMIT_AS, &lim);
  }
}

ChildReport Reap(Running& r, bool timed_out) {
  ChildReport rep;
  if (timed_out) kill(r.pid, SIGKILL);
  int status = 0;
  while (waitpid(r.pid, &status, 0) < 0 && errno == EINTR) {
  }
  // Drain what the child wrote before it ended.
  char buf[4096];
  for (;;) {
    ssize_t n = read(r.fd, buf, sizeof(buf));
    if (n <= 0) break;
    r.output.append(buf, static_cast<size_t>(n));
  }
  close(r.fd);
  rep.output = std::move(r.output);
  rep.timed_out = timed_out;
  if (WIFSIGNALED(status) && !timed_out) rep.term_signal = WTERMSIG(status);
  if (WIFEXITED(status)) rep.exit_code = WEXITSTATUS(status);
  rep.seconds = std::chrono::duration<double>(Clock::now() - r.start).count();
  return rep;
}

}  // namespace

void WriteAll(int fd, const std::string& text) {
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

void RunForked(size_t count, const PoolOptions& options,
               const std::function<void(size_t, int)>& body,
               const std::function<void(size_t, const ChildReport&)>& on_done) {
  std::vector<Running> running;
  size_t next = 0;
  const int jobs = options.jobs > 0 ? options.jobs : 1;
  while (next < count || !running.empty()) {
    while (static_cast<int>(running.size()) < jobs && next < count) {
      int fds[2];
      if (pipe(fds) != 0) {
        ChildReport rep;
        rep.exit_code = -1;
        rep.output = "pipe() failed";
        on_done(next++, rep);
        continue;
      }
      fflush(stdout);
      fflush(stderr);
      pid_t pid = fork();
      if (pid == 0) {
        close(fds[0]);
        for (const Running& r : running) close(r.fd);
        SetupChild(options);
        body(next, fds[1]);
        close(fds[1]);
        _exit(0);
      }
      close(fds[1]);
      if (pid < 0) {
        close(fds[0]);
        ChildReport rep;
        rep.exit_code = -1;
        rep.output = "fork() failed";
        on_done(next++, rep);
        continue;
      }
      running.push_back({next++, pid, fds[0], Clock::now(), ""});
    }
    std::vector<pollfd> pfds;
    for (const Running& r : running) pfds.push_back({r.fd, POLLIN, 0});
    int ready = poll(pfds.data(), pfds.size(), 100);
    if (ready < 0 && errno != EINTR) ready = 0;
    for (size_t k = running.size(); k-- > 0;) {
      Running& r = running[k];
      bool finished = false;
      if (ready > 0 && (pfds[k].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[4096];
        ssize_t n = read(r.fd, buf, sizeof(buf));
        if (n > 0) r.output.append(buf, static_cast<size_t>(n));
        if (n == 0) finished = true;
      }
      bool late = std::chrono::duration<double>(Clock::now() - r.start).count() > options.timeout_s;
      if (finished || late) {
        ChildReport rep = Reap(r, !finished);
        size_t index = r.index;
        running.erase(running.begin() + static_cast<long>(k));
        on_done(index, rep);
      }
    }
  }
}

}  // namespace backend_test
}  // namespace openacl
