#include "format/om_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "format/crc32c.h"
#include "format/om_decode.h"
#include "format/om_header.h"
#include "format/om_schema_generated.h"

namespace openacl {
namespace {

constexpr const char* kMemoryWhere = "model in memory";

Status Corrupt(const std::string& m) { return Status(StatusCode::kDeserializeModel, m); }

// Checks the metadata checksum and runs the flatbuffers verifier. `region` is the file from byte
// 64 to the weight section, 8-byte aligned.
Result<const om::Model*> CheckMetadata(const uint8_t* region, const OmHeader& h,
                                       const std::string& where) {
  if (Crc32c(0, region, h.weight_offset - kOmHeaderSize) != h.meta_crc)
    return Corrupt(where + ": checksum mismatch (file corrupted) in the metadata section");
  flatbuffers::Verifier verifier(region, h.meta_size, /*max_depth=*/64, /*max_tables=*/1u << 24);
  if (!om::VerifyModelBuffer(verifier))
    return Corrupt(where + ": metadata failed flatbuffers verification (file corrupted)");
  return om::GetModel(region);
}

// `data` is the whole image, 64-byte aligned; `owner` keeps it alive (null = borrowed).
// `file_mapped`: the image is a read-only file mapping, so the weight pages are released while
// checksumming (the kernels that pack weights read them again, one layer at a time, instead of
// the whole model being resident twice at load).
Result<CompiledModel> ParseImage(const uint8_t* data, size_t size,
                                 std::shared_ptr<const uint8_t> owner, const std::string& where,
                                 bool file_mapped = false) {
  ASSIGN_OR_RETURN(OmHeader h, DecodeOmHeader(data, size, size, where));
  ASSIGN_OR_RETURN(const om::Model* fm, CheckMetadata(data + kOmHeaderSize, h, where));
  uint32_t crc = h.meta_crc;
  constexpr uint64_t kChunk = 8u << 20;
  for (uint64_t at = 0; at < h.weight_size; at += kChunk) {
    uint64_t n = std::min(kChunk, h.weight_size - at);
    crc = Crc32c(crc, data + h.weight_offset + at, n);
    if (file_mapped) ReleaseMappedPages(data + h.weight_offset + at, n);
  }
  if (crc != h.checksum)
    return Corrupt(where + ": checksum mismatch (file corrupted) in the weight section");
  const uint8_t* w = data + h.weight_offset;
  std::shared_ptr<const uint8_t> weights =
      owner ? std::shared_ptr<const uint8_t>(owner, w)
            : std::shared_ptr<const uint8_t>(w, [](const uint8_t*) {});
  auto model = DecodeOmModel(*fm, std::move(weights), h.weight_size);
  if (!model.ok()) return model.status().WithContext(where);
  model->weights_file_mapped = file_mapped;
  for (CompiledModel& gear : model->gears) gear.weights_file_mapped = file_mapped;
  return model;
}

std::shared_ptr<const uint8_t> AlignedCopy(const void* data, size_t size) {
  void* p = std::aligned_alloc(kOmAlignment, AlignUp64(size == 0 ? 1 : size));
  if (!p) return nullptr;
  std::memcpy(p, data, size);
  return std::shared_ptr<const uint8_t>(
      static_cast<const uint8_t*>(p), [](const uint8_t* q) { std::free(const_cast<uint8_t*>(q)); });
}

Status ReadFully(int fd, uint8_t* out, size_t n, uint64_t offset, const std::string& path) {
  while (n > 0) {
    ssize_t r = pread(fd, out, n, static_cast<off_t>(offset));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0)
      return Status(
          StatusCode::kInvalidFile,
          path + ": read failed: " + (r < 0 ? std::strerror(errno) : "unexpected end of file"));
    out += r;
    n -= static_cast<size_t>(r);
    offset += static_cast<uint64_t>(r);
  }
  return Status::Ok();
}

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

// Opens a regular file and returns its size.
Result<uint64_t> OpenModelFile(const std::string& path, Fd* f) {
  f->fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (f->fd < 0)
    return Status(StatusCode::kInvalidFile,
                  "cannot open model file " + path + ": " + std::strerror(errno));
  struct stat st;
  if (fstat(f->fd, &st) != 0 || !S_ISREG(st.st_mode))
    return Status(StatusCode::kInvalidFile, path + ": not a regular file");
  return static_cast<uint64_t>(st.st_size);
}

// The header of an open file (reads at most 64 bytes).
Result<OmHeader> ReadHeader(const Fd& f, uint64_t size, const std::string& path) {
  uint8_t buf[kOmHeaderSize];
  size_t n = size < kOmHeaderSize ? static_cast<size_t>(size) : kOmHeaderSize;
  RETURN_IF_ERROR(ReadFully(f.fd, buf, n, 0, path));
  return DecodeOmHeader(buf, n, size, path);
}

OmSummary Summarize(const om::Model& fm, const OmHeader& h) {
  OmSummary s;
  s.major_version = h.major;
  s.minor_version = h.minor;
  s.file_size = h.file_size();
  s.meta_size = h.meta_size;
  s.weight_size = h.weight_size;
  s.arena_size = fm.arena_size();
  s.producer = fm.producer() ? fm.producer()->str() : "";
  if (fm.options())
    for (const om::KeyValue* kv : *fm.options())
      s.options[kv->key() ? kv->key()->str() : ""] = kv->value() ? kv->value()->str() : "";
  if (fm.graph()) {
    s.num_nodes = fm.graph()->nodes() ? fm.graph()->nodes()->size() : 0;
    s.num_values = fm.graph()->values() ? fm.graph()->values()->size() : 0;
  }
  s.is_single_op = fm.is_single_op();
  if (fm.single_op() && fm.single_op()->acl_op_type())
    s.single_op_type = fm.single_op()->acl_op_type()->str();
  return s;
}

Result<OmSummary> PeekMetadata(const uint8_t* region, const OmHeader& h, const std::string& where) {
  ASSIGN_OR_RETURN(const om::Model* fm, CheckMetadata(region, h, where));
  if (fm->weight_size() != h.weight_size)
    return Corrupt(where + ": metadata and header disagree on the weight size");
  OmSummary s = Summarize(*fm, h);
  auto inputs = DecodeIODescs(fm->inputs(), "input");
  if (!inputs.ok()) return inputs.status().WithContext(where);
  auto outputs = DecodeIODescs(fm->outputs(), "output", fm->data_dependent_shapes());
  if (!outputs.ok()) return outputs.status().WithContext(where);
  s.inputs = std::move(inputs).value();
  s.outputs = std::move(outputs).value();
  return s;
}

}  // namespace

Result<CompiledModel> ReadOmFile(const std::string& path) {
  Fd f;
  ASSIGN_OR_RETURN(uint64_t size, OpenModelFile(path, &f));
  if (size < kOmHeaderSize) return ReadHeader(f, size, path).status();  // the right error
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE, f.fd, 0);
  if (p == MAP_FAILED)
    return Status(StatusCode::kInvalidFile,
                  "cannot map model file " + path + ": " + std::strerror(errno));
  std::shared_ptr<const uint8_t> mapping(static_cast<const uint8_t*>(p), [size](const uint8_t* q) {
    munmap(const_cast<uint8_t*>(q), size);
  });
  return ParseImage(mapping.get(), size, mapping, path, /*file_mapped=*/true);
}

void ReleaseMappedPages(const void* data, size_t size) {
  static const uintptr_t page = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  uintptr_t begin = (reinterpret_cast<uintptr_t>(data) + page - 1) / page * page;
  uintptr_t end = (reinterpret_cast<uintptr_t>(data) + size) / page * page;
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

Result<CompiledModel> ReadOmMemory(const void* data, size_t size, bool copy) {
  if (data == nullptr) return InvalidParam("model data is null");
  const bool aligned = reinterpret_cast<uintptr_t>(data) % kOmAlignment == 0;
  if (!copy && aligned)
    return ParseImage(static_cast<const uint8_t*>(data), size, nullptr, kMemoryWhere);
  if (size < kOmHeaderSize)  // nothing worth copying: report what is wrong
    return DecodeOmHeader(static_cast<const uint8_t*>(data), size, size, kMemoryWhere).status();
  std::shared_ptr<const uint8_t> owned = AlignedCopy(data, size);
  if (!owned)
    return Status(StatusCode::kBadAlloc,
                  "cannot allocate " + std::to_string(size) + " bytes for the model");
  return ParseImage(owned.get(), size, owned, kMemoryWhere);
}

Result<OmSummary> PeekOm(const std::string& path) {
  Fd f;
  ASSIGN_OR_RETURN(uint64_t size, OpenModelFile(path, &f));
  ASSIGN_OR_RETURN(OmHeader h, ReadHeader(f, size, path));
  // The header bounded weight_offset by the file size.
  const size_t region = static_cast<size_t>(h.weight_offset - kOmHeaderSize);
  std::unique_ptr<uint64_t[]> buf(new (std::nothrow) uint64_t[region / 8 + 1]);
  if (!buf) return Status(StatusCode::kBadAlloc, path + ": cannot allocate the metadata buffer");
  uint8_t* bytes = reinterpret_cast<uint8_t*>(buf.get());
  RETURN_IF_ERROR(ReadFully(f.fd, bytes, region, kOmHeaderSize, path));
  return PeekMetadata(bytes, h, path);
}

Result<OmSummary> PeekOmMemory(const void* data, size_t size) {
  if (data == nullptr) return InvalidParam("model data is null");
  const uint8_t* p = static_cast<const uint8_t*>(data);
  ASSIGN_OR_RETURN(OmHeader h, DecodeOmHeader(p, size, size, kMemoryWhere));
  if (reinterpret_cast<uintptr_t>(p) % 8 == 0)
    return PeekMetadata(p + kOmHeaderSize, h, kMemoryWhere);
  auto copy = AlignedCopy(p + kOmHeaderSize, h.weight_offset - kOmHeaderSize);
  if (!copy) return Status(StatusCode::kBadAlloc, "cannot allocate the metadata buffer");
  return PeekMetadata(copy.get(), h, kMemoryWhere);
}

}  // namespace openacl
