// The fixed 64-byte header at the start of every .om file (docs/om-format.md). All integers are
// little-endian. Layout:
//   0  magic[8] "OPENACLM"      8  u16 major   10 u16 minor   12 u32 flags
//   16 u64 meta_offset          24 u64 meta_size              (the flatbuffer)
//   32 u64 weight_offset        40 u64 weight_size            (64-aligned weight section)
//   48 u64 checksum  = CRC32C of every byte after the header (zero-extended to 64 bits)
//   56 u32 meta_crc  = CRC32C of [64, weight_offset) (flatbuffer + padding)
//   60 u32 header_crc = CRC32C of header bytes [0, 60)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/status.h"

namespace openacl {

inline constexpr char kOmMagic[8] = {'O', 'P', 'E', 'N', 'A', 'C', 'L', 'M'};
inline constexpr uint16_t kOmMajorVersion = 1;
inline constexpr uint16_t kOmMinorVersion = 1;  // 1.1: gear plans (Gear.plan)
inline constexpr size_t kOmHeaderSize = 64;
inline constexpr size_t kOmAlignment = 64;

struct OmHeader {
  uint16_t major = kOmMajorVersion;
  uint16_t minor = kOmMinorVersion;
  uint32_t flags = 0;
  uint64_t meta_offset = kOmHeaderSize;
  uint64_t meta_size = 0;
  uint64_t weight_offset = 0;
  uint64_t weight_size = 0;
  uint64_t checksum = 0;
  uint32_t meta_crc = 0;
  uint32_t header_crc = 0;  // filled in by EncodeOmHeader

  uint64_t file_size() const { return weight_offset + weight_size; }
};

inline uint64_t AlignUp64(uint64_t n) {
  return (n + kOmAlignment - 1) & ~uint64_t{kOmAlignment - 1};
}

// Writes the header, computing header_crc.
void EncodeOmHeader(const OmHeader& header, uint8_t out[kOmHeaderSize]);

// Decodes and checks a header: magic, major version, header checksum, section bounds against
// `file_size` (the real size of the file / buffer). Does not verify the section checksums. `where`
// (a path or "memory") prefixes error messages.
Result<OmHeader> DecodeOmHeader(const uint8_t* data, size_t available, uint64_t file_size,
                                const std::string& where);

}  // namespace openacl
