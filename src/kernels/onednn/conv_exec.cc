#include "kernels/onednn/conv_exec.h"

#include "kernels/onednn/bf16_convert.h"

#include <algorithm>
#include <cstring>

namespace openacl::onednn {
namespace {

dnnl::primitive_attr UserScratchpad() {
  dnnl::primitive_attr attr;
  attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
  return attr;
}

// A reorder with a user-managed scratchpad; returns the scratchpad bytes it needs.
dnnl::reorder MakeReorder(const dnnl::memory::desc& from, const dnnl::memory::desc& to,
                          size_t* pad_bytes) {
  dnnl::reorder::primitive_desc pd(CpuEngine(), from, CpuEngine(), to, UserScratchpad());
  *pad_bytes = pd.scratchpad_desc().get_size();
  return dnnl::reorder(pd);
}

}  // namespace

Status ConvExec::Init(const dnnl::primitive_desc& pd, const dnnl::primitive& prim,
                      const ConvExecConfig& cfg) {
  ONEDNN_TRY("conv prepare", {
    prim_ = prim;
    src_user_ = cfg.src_user;
    dst_user_ = cfg.dst_user;
    res_user_ = cfg.sum_input >= 0 ? cfg.res_user : dnnl::memory::desc();
    src_int_ = pd.src_desc();
    dst_int_ = pd.dst_desc();
    sum_input_ = cfg.sum_input;
    residual_binary_ = cfg.sum_input >= 0 && cfg.residual_binary;
    // Pre-pack the constant weights (done once; the plain copy is not kept).
    dnnl::memory user_w(cfg.weights_user, CpuEngine(), const_cast<void*>(cfg.weights_data));
    weights_ = dnnl::memory(pd.weights_desc(), CpuEngine());
    dnnl::stream& s = ThreadStream();
    dnnl::reorder(user_w, weights_).execute(s, user_w, weights_);
    s.wait();
    has_bias_ = cfg.bias != nullptr;
    if (has_bias_) {
      bias_md_ = pd.weights_desc(1);
      if (cfg.bias->is_constant()) {
        const float* b = cfg.bias->constant->data_as<float>();
        bias_const_.assign(b, b + cfg.bias->constant->num_elements());
      }
    }
    reorder_src_ = src_int_ != src_user_;
    reorder_dst_ = dst_int_ != dst_user_;
    size_t src_in_pad = 0, dst_out_pad = 0, res_in_pad = 0;
    convert_src_ = reorder_src_ && SameLayoutAsBf16(src_user_, src_int_);
    if (reorder_src_ && !convert_src_) src_in_ = MakeReorder(src_user_, src_int_, &src_in_pad);
    if (reorder_dst_) dst_out_ = MakeReorder(dst_int_, dst_user_, &dst_out_pad);
    if (sum_input_ >= 0 && !residual_binary_) {
      // The sum post-op accumulates into dst: put the residual there first.
      residual_copy_ = res_user_ == dst_int_;
      if (!residual_copy_) res_in_ = MakeReorder(res_user_, dst_int_, &res_in_pad);
    }
    // Reorders and the primitive run one after another: they share one scratchpad region.
    pad_bytes_ = std::max(
        {pd.scratchpad_desc().get_size(), src_in_pad, dst_out_pad, res_in_pad, size_t{64}});
    pad_off_ = layout_.Add(pad_bytes_);
    if (reorder_src_) src_off_ = layout_.Add(src_int_.get_size());
    if (reorder_dst_) dst_off_ = layout_.Add(dst_int_.get_size());
  });
  return Status::Ok();
}

Status ConvExec::Execute(const KernelIO& io, const std::string& what) const {
  ONEDNN_TRY(what, {
    dnnl::engine& eng = CpuEngine();
    dnnl::stream& s = ThreadStream();
    char* scratch = static_cast<char*>(io.scratch);
    dnnl::memory pad(dnnl::memory::desc({static_cast<dnnl::memory::dim>(pad_bytes_)},
                                        dnnl::memory::data_type::u8, dnnl::memory::format_tag::a),
                     eng, scratch + pad_off_);
    dnnl::memory src_u(src_user_, eng, io.in(0).data);
    dnnl::memory dst_u(dst_user_, eng, io.out(0).data);
    dnnl::memory src = src_u, dst = dst_u;
    if (reorder_src_) {
      src = dnnl::memory(src_int_, eng, scratch + src_off_);
      if (convert_src_)
        ConvertF32ToBf16(static_cast<const float*>(io.in(0).data),
                         reinterpret_cast<uint16_t*>(scratch + src_off_), src_int_.get_size() / 2);
      else
        src_in_.execute(s,
                        {{DNNL_ARG_FROM, src_u}, {DNNL_ARG_TO, src}, {DNNL_ARG_SCRATCHPAD, pad}});
    }
    if (reorder_dst_) dst = dnnl::memory(dst_int_, eng, scratch + dst_off_);
    ArgMap args{{DNNL_ARG_SRC, src},
                {DNNL_ARG_WEIGHTS, weights_},
                {DNNL_ARG_DST, dst},
                {DNNL_ARG_SCRATCHPAD, pad}};
    if (sum_input_ >= 0) {
      void* r = io.in(static_cast<size_t>(sum_input_)).data;
      if (residual_binary_) {
        args.emplace(DNNL_ARG_ATTR_MULTIPLE_POST_OP(0) | DNNL_ARG_SRC_1,
                     dnnl::memory(res_user_, eng, r));
      } else if (!residual_copy_) {
        dnnl::memory res(res_user_, eng, r);
        res_in_.execute(s, {{DNNL_ARG_FROM, res}, {DNNL_ARG_TO, dst}, {DNNL_ARG_SCRATCHPAD, pad}});
      } else if (r != dst.get_data_handle()) {
        std::memcpy(dst.get_data_handle(), r, dst_int_.get_size());
      }
    }
    if (has_bias_) {
      void* b = bias_const_.empty() ? io.in(static_cast<size_t>(bias_input_)).data
                                    : const_cast<float*>(bias_const_.data());
      args.emplace(DNNL_ARG_BIAS, dnnl::memory(bias_md_, eng, b));
    }
    prim_.execute(s, args);
    if (reorder_dst_)
      dst_out_.execute(s, {{DNNL_ARG_FROM, dst}, {DNNL_ARG_TO, dst_u}, {DNNL_ARG_SCRATCHPAD, pad}});
    s.wait();
  });
  return Status::Ok();
}

}  // namespace openacl::onednn
