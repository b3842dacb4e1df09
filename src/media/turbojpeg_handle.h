// RAII owner of a TurboJPEG handle (one per call: handles are not thread-safe).
#pragma once

#include <turbojpeg.h>

namespace openacl::media {

class TurboJpegHandle {
 public:
  enum Kind { kDecompress, kCompress };
  explicit TurboJpegHandle(Kind kind)
      : handle_(kind == kDecompress ? tjInitDecompress() : tjInitCompress()) {}
  ~TurboJpegHandle() {
    if (handle_ != nullptr) tjDestroy(handle_);
  }
  TurboJpegHandle(const TurboJpegHandle&) = delete;
  TurboJpegHandle& operator=(const TurboJpegHandle&) = delete;
  explicit operator bool() const { return handle_ != nullptr; }
  tjhandle get() const { return handle_; }

 private:
  tjhandle handle_;
};

}  // namespace openacl::media
