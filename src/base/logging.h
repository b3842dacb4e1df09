// Logging with AscendCL's levels: ASCEND_GLOBAL_LOG_LEVEL (0 debug .. 3 error, 4 off),
// ASCEND_SLOG_PRINT_TO_STDOUT=1 prints to stdout instead of stderr. Default level: error.
#pragma once

#include <cstdarg>

namespace openacl {

enum class LogLevel : int { kDebug = 0, kInfo = 1, kWarning = 2, kError = 3, kOff = 4 };

LogLevel CurrentLogLevel();
bool LogEnabled(LogLevel level);
void LogMessage(LogLevel level, const char* func, const char* file, int line, const char* fmt,
                ...) __attribute__((format(printf, 5, 6)));
void LogMessageV(LogLevel level, const char* func, const char* file, int line, const char* fmt,
                 va_list args);

}  // namespace openacl

#define OPENACL_LOG(level, ...)                                                          \
  do {                                                                                   \
    if (::openacl::LogEnabled(level))                                                    \
      ::openacl::LogMessage(level, __func__, __FILE__, __LINE__, __VA_ARGS__);           \
  } while (0)
#define LOG_DEBUG(...) OPENACL_LOG(::openacl::LogLevel::kDebug, __VA_ARGS__)
#define LOG_INFO(...) OPENACL_LOG(::openacl::LogLevel::kInfo, __VA_ARGS__)
#define LOG_WARN(...) OPENACL_LOG(::openacl::LogLevel::kWarning, __VA_ARGS__)
#define LOG_ERROR(...) OPENACL_LOG(::openacl::LogLevel::kError, __VA_ARGS__)
