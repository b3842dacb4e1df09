#include "kernels/onednn/pool_exec.h"

#include <algorithm>

namespace openacl::onednn {

Status PoolExec::Init(const PoolSpec& spec, const std::string& what) {
  ONEDNN_TRY(what, {
    src_ = PlainDesc(spec.src);
    dst_ = PlainDesc(spec.dst);
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    dnnl::pooling_v2_forward::desc desc(dnnl::prop_kind::forward_inference, spec.alg, src_, dst_,
                                        ToDims(spec.stride, 0), ToDims(spec.kernel, 0),
                                        ToDims(spec.dilation, 1), ToDims(spec.pad_l, 0),
                                        ToDims(spec.pad_r, 0));
    dnnl::pooling_v2_forward::primitive_desc pd(desc, attr, CpuEngine());
    prim_ = dnnl::pooling_v2_forward(pd);
    pad_bytes_ = std::max<size_t>(pd.scratchpad_desc().get_size(), 64);
  });
  return Status::Ok();
}

Status PoolExec::Execute(const KernelIO& io, const std::string& what) const {
  ONEDNN_TRY(what, {
    dnnl::engine& eng = CpuEngine();
    dnnl::stream& s = ThreadStream();
    dnnl::memory pad(dnnl::memory::desc({static_cast<dnnl::memory::dim>(pad_bytes_)},
                                        dnnl::memory::data_type::u8, dnnl::memory::format_tag::a),
                     eng, io.scratch);
    prim_.execute(s, {{DNNL_ARG_SRC, dnnl::memory(src_, eng, io.in(0).data)},
                      {DNNL_ARG_DST, dnnl::memory(dst_, eng, io.out(0).data)},
                      {DNNL_ARG_SCRATCHPAD, pad}});
    s.wait();
  });
  return Status::Ok();
}

bool PoolNodeBasics(const Node& node) {
  if (!AllFloat32(node) || !node.input(0) || !IsStatic(node.inputs[0]->shape)) return false;
  for (size_t i = 1; i < node.outputs.size(); ++i)
    if (node.outputs[i]) return false;  // MaxPool Indices: reference only
  size_t rank = node.inputs[0]->shape.size();
  return rank >= 3 && rank <= 5;
}

}  // namespace openacl::onednn
