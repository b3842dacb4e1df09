#include "kernels/onednn/matmul_exec.h"

#include <algorithm>

namespace openacl::onednn {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

Status MatMulExec::Init(MatMulExecConfig cfg, const std::string& what) {
  cfg_ = std::move(cfg);
  ONEDNN_TRY(what, {
    weights_md_ = cfg_.weights_const
                      ? dnnl::memory::desc(cfg_.weights_user.dims(), dt::f32, tag::any)
                      : cfg_.weights_user;
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    if (cfg_.alpha != 1.0f) attr.set_output_scales(0, {cfg_.alpha});
    dnnl::post_ops ops;
    for (const AddendSpec& a : cfg_.adds) ops.append_binary(dnnl::algorithm::binary_add, a.md);
    AppendActivation(cfg_.act, ops);
    attr.set_post_ops(ops);
    auto desc = cfg_.has_bias ? dnnl::matmul::desc(cfg_.src, weights_md_, cfg_.bias_md, cfg_.dst)
                              : dnnl::matmul::desc(cfg_.src, weights_md_, cfg_.dst);
    dnnl::matmul::primitive_desc pd(desc, attr, CpuEngine());
    prim_ = dnnl::matmul(pd);
    weights_md_ = pd.weights_desc();
    pad_bytes_ = std::max<size_t>(pd.scratchpad_desc().get_size(), 64);
    if (cfg_.weights_const) {
      dnnl::memory user(cfg_.weights_user, CpuEngine(), const_cast<void*>(cfg_.weights_const));
      weights_ = dnnl::memory(weights_md_, CpuEngine());
      dnnl::stream& s = ThreadStream();
      dnnl::reorder(user, weights_).execute(s, user, weights_);
      s.wait();
      cfg_.weights_const = nullptr;  // the model's copy is not needed any more
    }
  });
  return Status::Ok();
}

Status MatMulExec::Execute(const KernelIO& io, const std::string& what) const {
  ONEDNN_TRY(what, {
    dnnl::engine& eng = CpuEngine();
    dnnl::stream& s = ThreadStream();
    ArgMap args;
    args.emplace(DNNL_ARG_SRC, dnnl::memory(cfg_.src, eng, io.in(0).data));
    args.emplace(DNNL_ARG_WEIGHTS,
                 weights_ ? weights_ : dnnl::memory(weights_md_, eng, io.in(1).data));
    args.emplace(DNNL_ARG_DST, dnnl::memory(cfg_.dst, eng, io.out(0).data));
    args.emplace(DNNL_ARG_SCRATCHPAD,
                 dnnl::memory(dnnl::memory::desc({static_cast<dnnl::memory::dim>(pad_bytes_)},
                                                 dt::u8, tag::a),
                              eng, io.scratch));
    if (cfg_.has_bias) {
      void* b = cfg_.bias_input >= 0 ? io.in(static_cast<size_t>(cfg_.bias_input)).data
                                     : const_cast<float*>(cfg_.bias_const.data());
      args.emplace(DNNL_ARG_BIAS, dnnl::memory(cfg_.bias_md, eng, b));
    }
    for (size_t i = 0; i < cfg_.adds.size(); ++i) {
      const AddendSpec& a = cfg_.adds[i];
      void* p = a.input >= 0 ? io.in(static_cast<size_t>(a.input)).data
                             : const_cast<float*>(a.constant.data());
      args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(static_cast<int>(i)) | DNNL_ARG_SRC_1,
                   dnnl::memory(a.md, eng, p));
    }
    prim_.execute(s, args);
    s.wait();
  });
  return Status::Ok();
}

}  // namespace openacl::onednn
