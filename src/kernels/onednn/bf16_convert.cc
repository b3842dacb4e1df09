#include "kernels/onednn/bf16_convert.h"

#include <immintrin.h>

#include <algorithm>

namespace openacl::onednn {
namespace {

__attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16"))) void ConvertChunk(const float* src,
                                                                                  uint16_t* dst,
                                                                                  size_t n) {
  size_t i = 0;
  for (; i + 32 <= n; i += 32) {
    __m512 lo = _mm512_loadu_ps(src + i), hi = _mm512_loadu_ps(src + i + 16);
    __m512bh both = _mm512_cvtne2ps_pbh(hi, lo);
    _mm512_storeu_si512(reinterpret_cast<void*>(dst + i), reinterpret_cast<__m512i&>(both));
  }
  if (i < n) {
    __mmask16 m = static_cast<__mmask16>((1u << std::min<size_t>(16, n - i)) - 1);
    __m256bh v = _mm512_cvtneps_pbh(_mm512_maskz_loadu_ps(m, src + i));
    _mm256_mask_storeu_epi16(dst + i, m, reinterpret_cast<__m256i&>(v));
    i += 16;
    if (i < n) {
      m = static_cast<__mmask16>((1u << (n - i)) - 1);
      v = _mm512_cvtneps_pbh(_mm512_maskz_loadu_ps(m, src + i));
      _mm256_mask_storeu_epi16(dst + i, m, reinterpret_cast<__m256i&>(v));
    }
  }
}

}  // namespace

bool SameLayoutAsBf16(const dnnl::memory::desc& f32, const dnnl::memory::desc& bf16) {
  if (f32.data.data_type != dnnl_f32 || bf16.data.data_type != dnnl_bf16) return false;
  dnnl_memory_desc_t d = f32.data;
  d.data_type = dnnl_bf16;
  return dnnl::memory::desc(d) == bf16;
}

void ConvertF32ToBf16(const float* src, uint16_t* dst, size_t n) {
  constexpr size_t kChunk = 16384;  // 64 KiB of f32 per task
  const long chunks = static_cast<long>((n + kChunk - 1) / kChunk);
#pragma omp parallel for schedule(static) if (chunks > 1)
  for (long c = 0; c < chunks; ++c) {
    size_t begin = static_cast<size_t>(c) * kChunk;
    ConvertChunk(src + begin, dst + begin, std::min(kChunk, n - begin));
  }
}

}  // namespace openacl::onednn
