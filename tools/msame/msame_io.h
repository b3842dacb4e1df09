// File input/output for msame: raw .bin and NumPy .npy inputs, TXT/BIN outputs, the timestamped
// output folder name, folder scans. Host-side only (no ACL calls), so it is tested on its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "acl/acl_base.h"

namespace msame {

// The contents of one input file. For .npy files dtype and shape come from the header; for raw
// .bin files has_header is false (dtype ACL_DT_UNDEFINED, no shape).
struct HostTensor {
  std::string path;
  std::vector<uint8_t> data;
  bool has_header = false;
  aclDataType dtype = ACL_DT_UNDEFINED;
  std::vector<int64_t> shape;
};

// Reads a .npy file (by extension) or a raw file. Errors name the path.
bool ReadInputFile(const std::string& path, HostTensor* out, std::string* error);

// Parses an in-memory .npy image (versions 1.0, 2.0, 3.0; little-endian, C order).
bool ParseNpy(const uint8_t* bytes, size_t size, HostTensor* out, std::string* error);

// "float32", "float16", ... for messages and JSON; "dtype(<n>)" for unknown values.
std::string DTypeName(aclDataType dtype);

// Element size in bytes (0 for unknown types).
size_t DTypeSize(aclDataType dtype);

// "1,3,224,224" (dims joined by commas).
std::string DimsText(const std::vector<int64_t>& dims);

// Writes one output as raw bytes (BIN) or as msame's TXT (values separated by spaces, one line
// per innermost-dimension row; float16 printed as float).
bool WriteOutputFile(const std::string& path, bool txt, const void* data, size_t bytes,
                     aclDataType dtype, const std::vector<int64_t>& dims, std::string* error);

// msame's output subfolder name: local time "YYYYMD_h_m_s_usec", fields unpadded.
std::string TimestampName();

// Creates a directory (parents included). True when it exists afterwards.
bool MakeDirs(const std::string& path, std::string* error);

bool IsDirectory(const std::string& path);

// Names of the regular files in `dir` not starting with '.', sorted.
bool ListFiles(const std::string& dir, std::vector<std::string>* names, std::string* error);

// "resnet50" from "/a/b/resnet50.om".
std::string ModelName(const std::string& path);

// Peak resident set (VmHWM) of this process in bytes, 0 if unknown.
size_t PeakRssBytes();
// Current resident set (VmRSS) of this process in bytes, 0 if unknown.
size_t CurrentRssBytes();

}  // namespace msame
