// CRC32C (Castagnoli), used as the .om checksum. Uses the SSE4.2 instruction when the CPU has it
// (several GB/s, so verifying a large weight section at load time stays cheap), else a table.
#pragma once

#include <cstddef>
#include <cstdint>

namespace openacl {

// Extends `crc` (0 for a fresh checksum) over `size` bytes. Crc32c(Crc32c(0, a), b) equals the
// checksum of a followed by b.
uint32_t Crc32c(uint32_t crc, const void* data, size_t size);
// The table-driven path alone (tests compare it with the hardware path).
uint32_t Crc32cPortable(uint32_t crc, const void* data, size_t size);

}  // namespace openacl
