#include "format/om_header.h"

#include <cstring>

#include "format/crc32c.h"

namespace openacl {
namespace {

template <typename T>
void Put(uint8_t* out, T v) {
  for (size_t i = 0; i < sizeof(T); ++i) out[i] = static_cast<uint8_t>(v >> (8 * i));
}

template <typename T>
T Get(const uint8_t* in) {
  T v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) v |= static_cast<T>(static_cast<T>(in[i]) << (8 * i));
  return v;
}

Status Corrupt(const std::string& where, const std::string& what) {
  return Status(StatusCode::kDeserializeModel, where + ": " + what);
}

}  // namespace

void EncodeOmHeader(const OmHeader& h, uint8_t out[kOmHeaderSize]) {
  std::memset(out, 0, kOmHeaderSize);
  std::memcpy(out, kOmMagic, sizeof(kOmMagic));
  Put<uint16_t>(out + 8, h.major);
  Put<uint16_t>(out + 10, h.minor);
  Put<uint32_t>(out + 12, h.flags);
  Put<uint64_t>(out + 16, h.meta_offset);
  Put<uint64_t>(out + 24, h.meta_size);
  Put<uint64_t>(out + 32, h.weight_offset);
  Put<uint64_t>(out + 40, h.weight_size);
  Put<uint64_t>(out + 48, h.checksum);
  Put<uint32_t>(out + 56, h.meta_crc);
  Put<uint32_t>(out + 60, Crc32c(0, out, 60));
}

Result<OmHeader> DecodeOmHeader(const uint8_t* data, size_t available, uint64_t file_size,
                                const std::string& where) {
  if (available < sizeof(kOmMagic) || std::memcmp(data, kOmMagic, sizeof(kOmMagic)) != 0)
    return Corrupt(where, "not an openacl .om file (bad magic)");
  if (available < kOmHeaderSize)
    return Corrupt(where, "truncated .om file: " + std::to_string(available) +
                              " bytes, smaller than the " + std::to_string(kOmHeaderSize) +
                              "-byte header");
  OmHeader h;
  h.major = Get<uint16_t>(data + 8);
  h.minor = Get<uint16_t>(data + 10);
  h.flags = Get<uint32_t>(data + 12);
  h.meta_offset = Get<uint64_t>(data + 16);
  h.meta_size = Get<uint64_t>(data + 24);
  h.weight_offset = Get<uint64_t>(data + 32);
  h.weight_size = Get<uint64_t>(data + 40);
  h.checksum = Get<uint64_t>(data + 48);
  h.meta_crc = Get<uint32_t>(data + 56);
  h.header_crc = Get<uint32_t>(data + 60);

  const std::string ours = std::to_string(kOmMajorVersion) + "." + std::to_string(kOmMinorVersion);
  const std::string theirs = std::to_string(h.major) + "." + std::to_string(h.minor);
  if (h.major != kOmMajorVersion) {
    return Status(StatusCode::kUnsupportedVersion,
                  where + ": .om format version " + theirs + " is " +
                      (h.major > kOmMajorVersion ? "newer than" : "older than") +
                      " the version this openacl reads (" + ours +
                      "); recompile the model with a matching atc");
  }
  if (Crc32c(0, data, 60) != h.header_crc)
    return Corrupt(where, "checksum mismatch (file corrupted) in the header");
  if (h.meta_offset != kOmHeaderSize)
    return Corrupt(where, "bad metadata offset " + std::to_string(h.meta_offset));
  // Each check below avoids overflow: every operand is already known to be <= file_size.
  if (h.meta_size == 0 || h.meta_size > file_size || h.meta_offset > file_size - h.meta_size)
    return Corrupt(where, "metadata section [" + std::to_string(h.meta_offset) + ", +" +
                              std::to_string(h.meta_size) + ") exceeds the file size " +
                              std::to_string(file_size) + " (file truncated?)");
  if (h.weight_offset % kOmAlignment != 0 || h.weight_offset < h.meta_offset + h.meta_size ||
      h.weight_offset > file_size)
    return Corrupt(where, "bad weight section offset " + std::to_string(h.weight_offset) +
                              " (file size " + std::to_string(file_size) + ")");
  if (h.weight_size != file_size - h.weight_offset)
    return Corrupt(where, "file size " + std::to_string(file_size) +
                              " does not match the header (" + std::to_string(h.weight_offset) +
                              " + " + std::to_string(h.weight_size) +
                              " bytes expected): file truncated or extended");
  if (h.checksum >> 32 != 0) return Corrupt(where, "bad checksum field");
  return h;
}

}  // namespace openacl
