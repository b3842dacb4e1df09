// NumPy .npy parsing and dtype helpers (see msame_io.h).
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "msame_io.h"

namespace msame {
namespace {

struct NpyType {
  const char* code;  // descr without byte-order character
  aclDataType dtype;
};

const NpyType kNpyTypes[] = {
    {"f4", ACL_FLOAT},  {"f2", ACL_FLOAT16}, {"f8", ACL_DOUBLE}, {"i1", ACL_INT8},
    {"u1", ACL_UINT8},  {"i2", ACL_INT16},   {"u2", ACL_UINT16}, {"i4", ACL_INT32},
    {"u4", ACL_UINT32}, {"i8", ACL_INT64},   {"u8", ACL_UINT64}, {"b1", ACL_BOOL},
};

// Finds `'key':` in the header dict and returns the position just after the colon.
bool FindKey(const std::string& header, const char* key, size_t* pos) {
  for (char quote : {'\'', '"'}) {
    std::string pattern = std::string(1, quote) + key + quote;
    size_t at = header.find(pattern);
    if (at == std::string::npos) continue;
    size_t colon = header.find(':', at + pattern.size());
    if (colon == std::string::npos) return false;
    *pos = colon + 1;
    while (*pos < header.size() && std::isspace(static_cast<unsigned char>(header[*pos]))) ++*pos;
    return true;
  }
  return false;
}

bool ParseHeader(const std::string& header, HostTensor* out, std::string* why) {
  size_t p = 0;
  if (!FindKey(header, "descr", &p) || p >= header.size() ||
      (header[p] != '\'' && header[p] != '"')) {
    *why = "no 'descr' string in the header";
    return false;
  }
  size_t close = header.find(header[p], p + 1);
  if (close == std::string::npos) {
    *why = "unterminated 'descr'";
    return false;
  }
  std::string descr = header.substr(p + 1, close - p - 1);
  if (descr.size() != 3 || (descr[0] != '<' && descr[0] != '|' && descr[0] != '=')) {
    *why = "unsupported dtype '" + descr + "' (little-endian numeric types only)";
    return false;
  }
  out->dtype = ACL_DT_UNDEFINED;
  for (const NpyType& t : kNpyTypes)
    if (descr.compare(1, 2, t.code) == 0) out->dtype = t.dtype;
  if (out->dtype == ACL_DT_UNDEFINED) {
    *why = "unsupported dtype '" + descr + "'";
    return false;
  }
  if (!FindKey(header, "fortran_order", &p)) {
    *why = "no 'fortran_order' in the header";
    return false;
  }
  if (header.compare(p, 4, "True") == 0) {
    *why = "Fortran-order arrays are not supported (save with np.ascontiguousarray)";
    return false;
  }
  if (!FindKey(header, "shape", &p) || p >= header.size() || header[p] != '(') {
    *why = "no 'shape' tuple in the header";
    return false;
  }
  size_t end = header.find(')', p);
  if (end == std::string::npos) {
    *why = "unterminated 'shape'";
    return false;
  }
  out->shape.clear();
  const char* s = header.c_str() + p + 1;
  const char* e = header.c_str() + end;
  while (s < e) {
    if (std::isspace(static_cast<unsigned char>(*s)) || *s == ',') {
      ++s;
      continue;
    }
    char* next = nullptr;
    long long v = std::strtoll(s, &next, 10);
    if (next == s || v < 0) {
      *why = "bad 'shape' entry in '" + header.substr(p, end - p + 1) + "'";
      return false;
    }
    out->shape.push_back(v);
    s = next;
  }
  return true;
}

}  // namespace

bool ParseNpy(const uint8_t* bytes, size_t size, HostTensor* out, std::string* error) {
  static const char kMagic[] = "\x93NUMPY";
  if (size < 10 || std::memcmp(bytes, kMagic, 6) != 0) {
    *error = "not a .npy file (bad magic)";
    return false;
  }
  uint8_t major = bytes[6];
  size_t header_len = 0, offset = 0;
  if (major == 1) {
    header_len = bytes[8] | (bytes[9] << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (size < 12) {
      *error = "truncated .npy header";
      return false;
    }
    header_len = static_cast<size_t>(bytes[8]) | (static_cast<size_t>(bytes[9]) << 8) |
                 (static_cast<size_t>(bytes[10]) << 16) | (static_cast<size_t>(bytes[11]) << 24);
    offset = 12;
  } else {
    *error = "unsupported .npy version " + std::to_string(major);
    return false;
  }
  if (offset + header_len > size) {
    *error = "truncated .npy header";
    return false;
  }
  std::string header(reinterpret_cast<const char*>(bytes) + offset, header_len);
  std::string why;
  if (!ParseHeader(header, out, &why)) {
    *error = ".npy header: " + why;
    return false;
  }
  size_t count = 1;
  for (int64_t d : out->shape) count *= static_cast<size_t>(d);
  size_t expected = count * DTypeSize(out->dtype);
  size_t payload = size - offset - header_len;
  if (payload != expected) {
    *error = ".npy data has " + std::to_string(payload) + " bytes, its header (" +
             DTypeName(out->dtype) + " [" + DimsText(out->shape) + "]) says " +
             std::to_string(expected);
    return false;
  }
  out->has_header = true;
  out->data.assign(bytes + offset + header_len, bytes + size);
  return true;
}

std::string DTypeName(aclDataType dtype) {
  switch (dtype) {
    case ACL_FLOAT:
      return "float32";
    case ACL_FLOAT16:
      return "float16";
    case ACL_INT8:
      return "int8";
    case ACL_INT32:
      return "int32";
    case ACL_UINT8:
      return "uint8";
    case ACL_INT16:
      return "int16";
    case ACL_UINT16:
      return "uint16";
    case ACL_UINT32:
      return "uint32";
    case ACL_INT64:
      return "int64";
    case ACL_UINT64:
      return "uint64";
    case ACL_DOUBLE:
      return "float64";
    case ACL_BOOL:
      return "bool";
    case ACL_BF16:
      return "bfloat16";
    default:
      return "dtype(" + std::to_string(static_cast<int>(dtype)) + ")";
  }
}

size_t DTypeSize(aclDataType dtype) {
  switch (dtype) {
    case ACL_INT8:
    case ACL_UINT8:
    case ACL_BOOL:
      return 1;
    case ACL_FLOAT16:
    case ACL_INT16:
    case ACL_UINT16:
    case ACL_BF16:
      return 2;
    case ACL_FLOAT:
    case ACL_INT32:
    case ACL_UINT32:
      return 4;
    case ACL_INT64:
    case ACL_UINT64:
    case ACL_DOUBLE:
      return 8;
    default:
      return 0;
  }
}

std::string DimsText(const std::vector<int64_t>& dims) {
  std::string s;
  for (size_t i = 0; i < dims.size(); ++i) s += (i ? "," : "") + std::to_string(dims[i]);
  return s;
}

}  // namespace msame
