// Files and folders for msame (see msame_io.h).
#include "msame_io.h"

#include <dirent.h>
#include <sys/stat.h>
#include <sys/time.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace msame {
namespace {

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

float HalfToFloat(uint16_t h) {
  uint32_t sign = (h & 0x8000u) << 16, exp = (h >> 10) & 0x1f, mant = h & 0x3ffu, bits;
  if (exp == 0) {
    if (mant == 0) {
      bits = sign;
    } else {  // subnormal: renormalise
      exp = 127 - 15 + 1;
      while ((mant & 0x400u) == 0) {
        mant <<= 1;
        --exp;
      }
      bits = sign | (exp << 23) | ((mant & 0x3ffu) << 13);
    }
  } else if (exp == 31) {
    bits = sign | 0x7f800000u | (mant << 13);
  } else {
    bits = sign | ((exp + 127 - 15) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &bits, sizeof(f));
  return f;
}

template <typename T, typename Print = T>
void WriteRows(std::ostream& os, const uint8_t* data, size_t count, size_t row) {
  for (size_t i = 0; i < count; ++i) {
    T v;
    std::memcpy(&v, data + i * sizeof(T), sizeof(T));
    os << static_cast<Print>(v) << " ";
    if (row > 0 && (i + 1) % row == 0) os << "\n";
  }
}

void WriteHalfRows(std::ostream& os, const uint8_t* data, size_t count, size_t row) {
  for (size_t i = 0; i < count; ++i) {
    uint16_t v;
    std::memcpy(&v, data + i * 2, 2);
    os << HalfToFloat(v) << " ";
    if (row > 0 && (i + 1) % row == 0) os << "\n";
  }
}

}  // namespace

bool ReadInputFile(const std::string& path, HostTensor* out, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "open file " + path + " failed: " + std::strerror(errno);
    return false;
  }
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  if (bytes.empty()) {
    *error = "input file " + path + " is empty";
    return false;
  }
  out->path = path;
  if (EndsWith(path, ".npy")) {
    std::string why;
    if (!ParseNpy(bytes.data(), bytes.size(), out, &why)) {
      *error = "input file " + path + ": " + why;
      return false;
    }
    return true;
  }
  out->has_header = false;
  out->dtype = ACL_DT_UNDEFINED;
  out->shape.clear();
  out->data = std::move(bytes);
  return true;
}

bool WriteOutputFile(const std::string& path, bool txt, const void* data, size_t bytes,
                     aclDataType dtype, const std::vector<int64_t>& dims, std::string* error) {
  std::ofstream os(path, txt ? std::ios::out : std::ios::out | std::ios::binary);
  if (!os) {
    *error = "cannot create output file " + path + ": " + std::strerror(errno);
    return false;
  }
  const auto* p = static_cast<const uint8_t*>(data);
  if (!txt) {
    os.write(reinterpret_cast<const char*>(p), static_cast<std::streamsize>(bytes));
  } else {
    size_t esize = DTypeSize(dtype);
    if (esize == 0) {
      *error = "cannot write " + DTypeName(dtype) + " as TXT (" + path + ")";
      return false;
    }
    size_t count = bytes / esize;
    size_t row = dims.empty() || dims.back() <= 0 ? 0 : static_cast<size_t>(dims.back());
    switch (dtype) {
      case ACL_FLOAT:
        WriteRows<float>(os, p, count, row);
        break;
      case ACL_FLOAT16:
        WriteHalfRows(os, p, count, row);
        break;
      case ACL_DOUBLE:
        WriteRows<double>(os, p, count, row);
        break;
      case ACL_INT8:
        WriteRows<int8_t, int>(os, p, count, row);
        break;
      case ACL_UINT8:
        WriteRows<uint8_t, int>(os, p, count, row);
        break;
      case ACL_INT16:
        WriteRows<int16_t>(os, p, count, row);
        break;
      case ACL_UINT16:
        WriteRows<uint16_t>(os, p, count, row);
        break;
      case ACL_INT32:
        WriteRows<int32_t>(os, p, count, row);
        break;
      case ACL_UINT32:
        WriteRows<uint32_t>(os, p, count, row);
        break;
      case ACL_INT64:
        WriteRows<int64_t>(os, p, count, row);
        break;
      case ACL_UINT64:
        WriteRows<uint64_t>(os, p, count, row);
        break;
      case ACL_BOOL:
        WriteRows<uint8_t, int>(os, p, count, row);
        break;
      default:
        *error = "cannot write " + DTypeName(dtype) + " as TXT (" + path + ")";
        return false;
    }
  }
  os.close();
  if (!os) {
    *error = "writing " + path + " failed";
    return false;
  }
  return true;
}

std::string TimestampName() {
  struct timeval tv;
  gettimeofday(&tv, nullptr);
  struct tm t;
  localtime_r(&tv.tv_sec, &t);
  std::ostringstream ss;
  ss << (t.tm_year + 1900) << (t.tm_mon + 1) << t.tm_mday << "_" << t.tm_hour << "_" << t.tm_min
     << "_" << t.tm_sec << "_" << tv.tv_usec;
  return ss.str();
}

bool IsDirectory(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool MakeDirs(const std::string& path, std::string* error) {
  if (path.empty()) {
    *error = "empty directory name";
    return false;
  }
  for (size_t pos = path.find('/', 1);; pos = path.find('/', pos + 1)) {
    std::string part = pos == std::string::npos ? path : path.substr(0, pos);
    if (!part.empty() && !IsDirectory(part) && mkdir(part.c_str(), 0775) != 0 && errno != EEXIST) {
      *error = "cannot create directory " + part + ": " + std::strerror(errno);
      return false;
    }
    if (pos == std::string::npos) break;
  }
  return true;
}

bool ListFiles(const std::string& dir, std::vector<std::string>* names, std::string* error) {
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) {
    *error = "cannot open input folder " + dir + ": " + std::strerror(errno);
    return false;
  }
  names->clear();
  while (struct dirent* e = readdir(d)) {
    if (e->d_name[0] == '.') continue;
    std::string full = dir + "/" + e->d_name;
    if (!IsDirectory(full)) names->push_back(e->d_name);
  }
  closedir(d);
  std::sort(names->begin(), names->end());
  if (names->empty()) {
    *error = "No file in the directory[" + dir + "]";
    return false;
  }
  return true;
}

std::string ModelName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  size_t dot = base.find_last_of('.');
  return dot == std::string::npos ? base : base.substr(0, dot);
}

namespace {
size_t StatusKb(const char* key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  size_t n = std::strlen(key);
  while (std::getline(in, line)) {
    if (line.compare(0, n, key) == 0) return std::strtoull(line.c_str() + n, nullptr, 10) * 1024;
  }
  return 0;
}
}  // namespace

size_t PeakRssBytes() { return StatusKb("VmHWM:"); }

size_t CurrentRssBytes() { return StatusKb("VmRSS:"); }

}  // namespace msame
