// A context: the device it belongs to and the streams created in it (plus its default stream,
// used when an API gets a NULL stream). Default contexts are made by aclrtSetDevice, explicit
// ones by aclrtCreateContext. Bookkeeping is done by DeviceManager (device.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "device/stream.h"

namespace openacl::device {

class Context {
 public:
  Context(uint64_t id, int32_t device_id, bool is_default, std::shared_ptr<Stream> default_stream)
      : id_(id),
        device_id_(device_id),
        is_default_(is_default),
        default_stream_(std::move(default_stream)) {}

  uint64_t id() const { return id_; }
  int32_t device_id() const { return device_id_; }
  bool is_default() const { return is_default_; }
  const std::shared_ptr<Stream>& default_stream() const { return default_stream_; }

 private:
  friend class DeviceManager;
  const uint64_t id_;
  const int32_t device_id_;
  const bool is_default_;
  std::shared_ptr<Stream> default_stream_;
  std::map<uint64_t, std::shared_ptr<Stream>> streams_;  // explicit streams, by id
};

}  // namespace openacl::device
