// f32 -> bf16 conversion of activations for the reduced-precision kernels (compute_precision.h).
// oneDNN 2.6's reorder for "same layout, f32 to bf16" ran at a few GB/s on ResNet-50's
// activations (measured: ~1/3 of a bf16 ResNet-50 run); this is one AVX512-BF16 pass
// (vcvtne2ps2bf16, round to nearest even as oneDNN does), split over the OpenMP threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <oneapi/dnnl/dnnl.hpp>

namespace openacl::onednn {

// True if `bf16` is `f32`'s layout (dims, blocking, padding) with data type bf16: then the
// conversion is element by element over the buffer.
bool SameLayoutAsBf16(const dnnl::memory::desc& f32, const dnnl::memory::desc& bf16);

// dst[i] = bf16(src[i]) for i < n. Only call where CpuHasBf16() (AVX512-BF16 instructions).
void ConvertF32ToBf16(const float* src, uint16_t* dst, size_t n);

}  // namespace openacl::onednn
