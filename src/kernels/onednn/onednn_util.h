// Shared oneDNN plumbing for the kernels in this folder: the CPU engine, a per-thread stream,
// shape/tag helpers, the fusion-attribute -> post-op mapping, and a scratch layout helper.
// oneDNN's C++ API throws dnnl::error; every entry point wraps its body in ONEDNN_TRY so no
// exception leaves the kernel (architecture.md: Status inside, never exceptions).
#pragma once

#include <oneapi/dnnl/dnnl.hpp>
#include <string>
#include <unordered_map>

#include "ir/graph.h"
#include "ops/common/fusion_attrs.h"
#include "ops/kernel.h"

namespace openacl::onednn {

dnnl::engine& CpuEngine();
// A stream per calling thread, so concurrent Run()s never share one.
dnnl::stream& ThreadStream();

dnnl::memory::dims ToDims(const Shape& s);
dnnl::memory::dims ToDims(const std::vector<int64_t>& v, int64_t minus);  // v[i] - minus
// Plain row-major tag (a, ab, abc, ...) for `ndims` dims.
dnnl::memory::format_tag PlainTag(int ndims);
dnnl::memory::desc PlainDesc(const Shape& s,
                             dnnl::memory::data_type type = dnnl::memory::data_type::f32);
// Activation desc (f32 unless `type` says otherwise): plain for block 0, else channel-blocked
// nC[d][h]wBc (rank 3-5).
dnnl::memory::desc ActivationDesc(const Shape& s, int block,
                                  dnnl::memory::data_type type = dnnl::memory::data_type::f32);
// True if oneDNN picked an unoptimized reference implementation (impl_info_str "ref:...").
bool IsReferenceImpl(const std::string& impl);

// True if the fused activation can be expressed as oneDNN eltwise post-ops.
bool ActivationSupported(const FusedActivation& act);
// Appends the activation (if any) as eltwise post-op(s).
void AppendActivation(const FusedActivation& act, dnnl::post_ops& ops);

// Offsets into one Kernel scratch buffer; each region 64-byte aligned.
class ScratchLayout {
 public:
  size_t Add(size_t bytes) {
    size_t off = total_;
    total_ += (bytes + 63) / 64 * 64;
    return off;
  }
  size_t total() const { return total_; }

 private:
  size_t total_ = 0;
};

// A float32 node whose listed inputs are float32 (null inputs are skipped).
bool AllFloat32(const Node& node);

using ArgMap = std::unordered_map<int, dnnl::memory>;

}  // namespace openacl::onednn

#define ONEDNN_TRY(context, ...)                                              \
  try {                                                                       \
    __VA_ARGS__                                                               \
  } catch (const dnnl::error& e) {                                            \
    return ::openacl::Status(::openacl::StatusCode::kOpLoadFailed,            \
                             std::string(context) + ": oneDNN: " + e.what()); \
  }
