#include "base/logging.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>

namespace openacl {
namespace {

LogLevel ReadLevelFromEnv() {
  const char* env = std::getenv("ASCEND_GLOBAL_LOG_LEVEL");
  if (env == nullptr || *env == '\0') return LogLevel::kError;
  int v = std::atoi(env);
  if (v < 0) v = 0;
  if (v > 4) v = 4;
  return static_cast<LogLevel>(v);
}

bool PrintToStdout() {
  const char* env = std::getenv("ASCEND_SLOG_PRINT_TO_STDOUT");
  return env != nullptr && std::strcmp(env, "1") == 0;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "INFO";
    case LogLevel::kWarning: return "WARNING";
    case LogLevel::kError: return "ERROR";
    default: return "OFF";
  }
}

}  // namespace

LogLevel CurrentLogLevel() {
  static const LogLevel level = ReadLevelFromEnv();
  return level;
}

bool LogEnabled(LogLevel level) {
  return level != LogLevel::kOff && static_cast<int>(level) >= static_cast<int>(CurrentLogLevel());
}

void LogMessageV(LogLevel level, const char* func, const char* file, int line, const char* fmt,
                 va_list args) {
  static std::mutex mu;
  static const bool to_stdout = PrintToStdout();
  FILE* out = to_stdout ? stdout : stderr;
  const char* base = std::strrchr(file, '/');
  base = base ? base + 1 : file;
  std::lock_guard<std::mutex> lock(mu);
  std::fprintf(out, "[%s] openacl %s:%d %s: ", LevelName(level), base, line, func);
  std::vfprintf(out, fmt, args);
  std::fputc('\n', out);
  std::fflush(out);
}

void LogMessage(LogLevel level, const char* func, const char* file, int line, const char* fmt,
                ...) {
  va_list args;
  va_start(args, fmt);
  LogMessageV(level, func, file, line, fmt, args);
  va_end(args);
}

}  // namespace openacl
