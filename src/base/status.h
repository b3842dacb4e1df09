// Status and Result<T>: the error currency inside openacl. Nothing below capi/ knows aclError;
// capi/ maps StatusCode to aclError through one table.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace openacl {

enum class StatusCode : int {
  kOk = 0,
  kInvalidParam,          // caller passed a bad argument (null, out of range, wrong kind)
  kUninitialized,         // aclInit not called
  kRepeatInitialize,
  kRepeatFinalize,
  kInvalidFile,           // file missing or unreadable
  kInvalidFileSize,
  kParseFile,             // file readable but malformed (config JSON, op JSON)
  kInvalidModelId,
  kDeserializeModel,      // .om container broken (truncated, checksum, verifier)
  kParseModel,            // model content invalid (ONNX parse failure, bad graph)
  kUnsupportedVersion,    // .om from an incompatible format version
  kModelSizeInvalid,      // caller memory too small for the model
  kModelInputNotMatch,
  kModelOutputNotMatch,
  kModelNotDynamic,
  kOpNotFound,
  kOpInputNotMatch,
  kOpAttrNotMatch,
  kOpLoadFailed,
  kUnsupportedOp,         // op type/opset not implemented
  kUnsupportedDataType,
  kBadAlloc,              // host allocation failed
  kMemoryAllocation,      // device heap exhausted
  kApiNotSupport,
  kInvalidDevice,
  kInvalidResourceHandle, // stale / unknown stream, event, context
  kFeatureUnsupported,
  kRepeatSubscribe,
  kStreamNotSubscribe,
  kThreadNotSubscribe,
  kWaitCallbackTimeout,
  kWaitTimeout,
  kShapeInvalid,          // e.g. gear not in list
  kWriteFile,
  kInternal,
  kContextNull,           // no current context on this thread (aclrtSetDevice/SetCurrentContext)
  kEventNotComplete,      // event not recorded / not yet reached in its stream
  kDataDependentShape,    // a shape depends on values known only at run time
  kFormatNotMatch,        // pixel/data format not accepted by the function (DVPP)
  kFailure,               // generic failure, e.g. an image header that does not parse (DVPP)
  kAippNotExist,          // the model input has no AIPP (ACL_ERROR_GE_AIPP_NOT_EXIST)
  kNotStaticAipp,         // a static-AIPP query on an input with dynamic AIPP
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // Prepends context ("while loading model.om: ...") keeping the code.
  Status WithContext(const std::string& context) const {
    if (ok()) return *this;
    return Status(code_, context + ": " + message_);
  }
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT(runtime/explicit)
  Result(Status status) : status_(std::move(status)) {}  // NOLINT(runtime/explicit)
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

// Helpers that read well at call sites: return InvalidParam("stream is null").
inline Status InvalidParam(std::string m) { return Status(StatusCode::kInvalidParam, std::move(m)); }
inline Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }
inline Status Unsupported(std::string m) { return Status(StatusCode::kUnsupportedOp, std::move(m)); }

}  // namespace openacl

#define OPENACL_CONCAT_INNER(a, b) a##b
#define OPENACL_CONCAT(a, b) OPENACL_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                         \
  do {                                                \
    ::openacl::Status _st = (expr);                   \
    if (!_st.ok()) return _st;                        \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(OPENACL_CONCAT(_res_, __COUNTER__), lhs, expr)

// Checks a condition; on failure returns Status(code, message).
#define CHECK_OR_RETURN(cond, code, msg)                              \
  do {                                                                \
    if (!(cond)) return ::openacl::Status(::openacl::StatusCode::code, (msg)); \
  } while (0)
