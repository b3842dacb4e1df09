#include "kernels/onednn/matmul_exec.h"

#include "kernels/onednn/bf16_convert.h"

#include <algorithm>

namespace openacl::onednn {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

namespace {

dnnl::matmul::primitive_desc MakeMatMulPd(const MatMulExecConfig& cfg,
                                          const dnnl::memory::desc& src,
                                          const dnnl::memory::desc& weights) {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  if (cfg.alpha != 1.0f) attr.set_output_scales(0, {cfg.alpha});
  dnnl::post_ops ops;
  for (const AddendSpec& a : cfg.adds) ops.append_binary(dnnl::algorithm::binary_add, a.md);
  AppendActivation(cfg.act, ops);
  attr.set_post_ops(ops);
  auto desc = cfg.has_bias ? dnnl::matmul::desc(src, weights, cfg.bias_md, cfg.dst)
                           : dnnl::matmul::desc(src, weights, cfg.dst);
  return dnnl::matmul::primitive_desc(desc, attr, CpuEngine());
}

}  // namespace

Status MatMulExec::Init(MatMulExecConfig cfg, const std::string& what) {
  cfg_ = std::move(cfg);
  ONEDNN_TRY(what, {
    dnnl::matmul::primitive_desc pd;
    if (cfg_.bf16 && cfg_.weights_const) {
      try {  // bf16 only where oneDNN has an optimized kernel for it; fp32 otherwise.
        const dnnl::memory::dims dims = cfg_.src.dims();
        src_int_ = dnnl::memory::desc(dims, dt::bf16, PlainTag(static_cast<int>(dims.size())));
        pd = MakeMatMulPd(cfg_, src_int_,
                          dnnl::memory::desc(cfg_.weights_user.dims(), dt::bf16, tag::any));
        bf16_ = !IsReferenceImpl(pd.impl_info_str());
      } catch (const dnnl::error&) {
      }
    }
    if (!bf16_) {
      weights_md_ = cfg_.weights_const
                        ? dnnl::memory::desc(cfg_.weights_user.dims(), dt::f32, tag::any)
                        : cfg_.weights_user;
      pd = MakeMatMulPd(cfg_, cfg_.src, weights_md_);
    }
    prim_ = dnnl::matmul(pd);
    weights_md_ = pd.weights_desc();
    pad_bytes_ = std::max<size_t>(pd.scratchpad_desc().get_size(), 64);
    convert_src_ = bf16_ && SameLayoutAsBf16(cfg_.src, src_int_);
    if (bf16_ && !convert_src_) {
      dnnl::primitive_attr attr;
      attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
      dnnl::reorder::primitive_desc rpd(CpuEngine(), cfg_.src, CpuEngine(), src_int_, attr);
      pad_bytes_ = std::max(pad_bytes_, rpd.scratchpad_desc().get_size());
      src_in_ = dnnl::reorder(rpd);
    }
    pad_bytes_ = (pad_bytes_ + 63) / 64 * 64;
    src_off_ = pad_bytes_;
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
    dnnl::memory pad(dnnl::memory::desc({static_cast<dnnl::memory::dim>(pad_bytes_)}, dt::u8,
                                        tag::a),
                     eng, io.scratch);
    dnnl::memory src(cfg_.src, eng, io.in(0).data);
    if (bf16_) {
      dnnl::memory converted(src_int_, eng, static_cast<char*>(io.scratch) + src_off_);
      if (convert_src_)
        ConvertF32ToBf16(static_cast<const float*>(io.in(0).data),
                         static_cast<uint16_t*>(converted.get_data_handle()),
                         src_int_.get_size() / 2);
      else
        src_in_.execute(s,
                      {{DNNL_ARG_FROM, src}, {DNNL_ARG_TO, converted}, {DNNL_ARG_SCRATCHPAD, pad}});
      src = converted;
    }
    args.emplace(DNNL_ARG_SRC, src);
    args.emplace(DNNL_ARG_WEIGHTS,
                 weights_ ? weights_ : dnnl::memory(weights_md_, eng, io.in(1).data));
    args.emplace(DNNL_ARG_DST, dnnl::memory(cfg_.dst, eng, io.out(0).data));
    args.emplace(DNNL_ARG_SCRATCHPAD, pad);
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
