#include "kernels/onednn/layout_attrs.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>

namespace openacl::onednn {

bool LayoutAttrs::input_blocked(size_t i) const {
  return block && std::find(inputs.begin(), inputs.end(), static_cast<int64_t>(i)) != inputs.end();
}

bool LayoutAttrs::output_blocked(size_t i) const {
  return block &&
         std::find(outputs.begin(), outputs.end(), static_cast<int64_t>(i)) != outputs.end();
}

LayoutAttrs ParseLayoutAttrs(const Node& node) {
  LayoutAttrs a;
  a.block = static_cast<int>(node.attrs.get_int("layout_block", 0));
  if (a.block != 8 && a.block != 16) a.block = 0;
  if (!a.block) return a;
  a.inputs = node.attrs.get_ints("blocked_inputs", {});
  a.outputs = node.attrs.get_ints("blocked_outputs", {});
  return a;
}

bool HasBlockedLayout(const Node& node) { return ParseLayoutAttrs(node).any(); }

int PreferredChannelBlock() {
  if (const char* env = std::getenv("OPENACL_LAYOUT")) {
    std::string v(env);
    if (v == "plain" || v == "0") return 0;
    if (v == "8") return 8;
    if (v == "16") return 16;
  }
  static const int probed = [] {
    // Which blocked layout do oneDNN's jit fp32 convolutions handle natively on this CPU?
    // (With "any" layouts oneDNN may prefer NHWC brgemm kernels on newer CPUs; those are on
    // par with the blocked ones, but the blocked ones also have Winograd.)
    using tag = dnnl::memory::format_tag;
    using dt = dnnl::memory::data_type;
    for (int block : {16, 8}) {
      try {
        dnnl::engine eng(dnnl::engine::kind::cpu, 0);
        tag t = block == 16 ? tag::nChw16c : tag::nChw8c;
        dnnl::memory::dims x = {1, 64, 14, 14}, w = {64, 64, 3, 3};
        dnnl::convolution_forward::desc d(
            dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
            dnnl::memory::desc(x, dt::f32, t), dnnl::memory::desc(w, dt::f32, tag::any),
            dnnl::memory::desc(x, dt::f32, t), {1, 1}, {1, 1}, {1, 1});
        dnnl::convolution_forward::primitive_desc pd(d, eng);
        std::string impl = pd.impl_info_str();
        if (impl.find(block == 16 ? "avx512" : "avx2") != std::string::npos) return block;
      } catch (const dnnl::error&) {
      }
    }
    return 0;
  }();
  return probed;
}

}  // namespace openacl::onednn
