#include "format/om_writer.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "format/om_encode.h"

namespace openacl {

Result<std::vector<uint8_t>> SerializeOm(const CompiledModel& model) {
  ASSIGN_OR_RETURN(OmImage image, EncodeOm(model));
  std::vector<uint8_t> out = std::move(image.head);
  out.insert(out.end(), image.weights, image.weights + image.weight_size);
  return out;
}

Status WriteOm(const CompiledModel& model, const std::string& path) {
  ASSIGN_OR_RETURN(OmImage image, EncodeOm(model));
  const std::string tmp = path + ".tmp" + std::to_string(getpid());
  auto fail = [&](const std::string& what) {
    Status st(StatusCode::kWriteFile,
              "cannot write " + path + ": " + what + ": " + std::strerror(errno));
    std::remove(tmp.c_str());
    return st;
  };
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f)
    return Status(StatusCode::kWriteFile,
                  "cannot write " + path + ": cannot create " + tmp + ": " + std::strerror(errno));
  bool ok = std::fwrite(image.head.data(), 1, image.head.size(), f) == image.head.size();
  if (ok && image.weight_size)
    ok = std::fwrite(image.weights, 1, image.weight_size, f) == image.weight_size;
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) return fail("write failed");
  if (std::rename(tmp.c_str(), path.c_str()) != 0) return fail("rename failed");
  return Status::Ok();
}

}  // namespace openacl
