#include "kernels/onednn/pool_exec.h"

#include <algorithm>

#include "kernels/onednn/layout_attrs.h"

namespace openacl::onednn {
namespace {

// Blocked and plain layouts of `s` address the same bytes (N == 1, every spatial dim 1 and
// C a multiple of the block), so no reorder is needed between them.
bool SameBytes(const Shape& s, int block) {
  if (s.size() < 3 || s[0] != 1 || s[1] % block != 0) return false;
  for (size_t i = 2; i < s.size(); ++i)
    if (s[i] != 1) return false;
  return true;
}

}  // namespace

Status PoolExec::Init(const PoolSpec& spec, const std::string& what) {
  ONEDNN_TRY(what, {
    src_ = ActivationDesc(spec.src, spec.src_block);
    dst_user_ = ActivationDesc(spec.dst, spec.dst_block);
    int int_block = spec.src_block;
    if (spec.src_block && !spec.dst_block && SameBytes(spec.dst, spec.src_block))
      int_block = 0;  // describe the result as plain: same bytes
    // Pool in the source's layout: oneDNN's fast pooling wants src and dst alike.
    dst_int_ = ActivationDesc(spec.dst, spec.src_block);
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    dnnl::pooling_v2_forward::desc desc(dnnl::prop_kind::forward_inference, spec.alg, src_,
                                        dst_int_, ToDims(spec.stride, 0), ToDims(spec.kernel, 0),
                                        ToDims(spec.dilation, 1), ToDims(spec.pad_l, 0),
                                        ToDims(spec.pad_r, 0));
    dnnl::pooling_v2_forward::primitive_desc pd(desc, attr, CpuEngine());
    prim_ = dnnl::pooling_v2_forward(pd);
    size_t reorder_pad = 0;
    reorder_dst_ = dst_int_ != dst_user_ && !(int_block == 0 && spec.src_block);
    if (reorder_dst_) {
      dnnl::reorder::primitive_desc rpd(CpuEngine(), dst_int_, CpuEngine(), dst_user_, attr);
      reorder_pad = rpd.scratchpad_desc().get_size();
      dst_out_ = dnnl::reorder(rpd);
    }
    pad_bytes_ = std::max<size_t>({pd.scratchpad_desc().get_size(), reorder_pad, 64});
    pad_off_ = layout_.Add(pad_bytes_);
    if (reorder_dst_) dst_off_ = layout_.Add(dst_int_.get_size());
  });
  return Status::Ok();
}

Status PoolExec::Execute(const KernelIO& io, const std::string& what) const {
  ONEDNN_TRY(what, {
    dnnl::engine& eng = CpuEngine();
    dnnl::stream& s = ThreadStream();
    char* scratch = static_cast<char*>(io.scratch);
    dnnl::memory pad(dnnl::memory::desc({static_cast<dnnl::memory::dim>(pad_bytes_)},
                                        dnnl::memory::data_type::u8, dnnl::memory::format_tag::a),
                     eng, scratch + pad_off_);
    dnnl::memory dst(dst_int_, eng, reorder_dst_ ? scratch + dst_off_ : io.out(0).data);
    prim_.execute(s, {{DNNL_ARG_SRC, dnnl::memory(src_, eng, io.in(0).data)},
                      {DNNL_ARG_DST, dst},
                      {DNNL_ARG_SCRATCHPAD, pad}});
    if (reorder_dst_)
      dst_out_.execute(s, {{DNNL_ARG_FROM, dst},
                           {DNNL_ARG_TO, dnnl::memory(dst_user_, eng, io.out(0).data)},
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

void SetPoolLayout(const Node& node, PoolSpec& spec) {
  LayoutAttrs lay = ParseLayoutAttrs(node);
  spec.src_block = lay.input_blocked(0) ? lay.block : 0;
  spec.dst_block = lay.output_blocked(0) ? lay.block : 0;
}

Status GlobalPoolKernel::Prepare(const Node& node) {
  what_ = node.Describe();
  const Shape& x = node.inputs[0]->shape;
  size_t nsp = x.size() - 2;
  PoolSpec spec;
  spec.src = x;
  spec.dst = Shape(x.size(), 1);
  spec.dst[0] = x[0];
  spec.dst[1] = x[1];
  spec.kernel.assign(x.begin() + 2, x.end());
  spec.stride.assign(nsp, 1);
  spec.dilation.assign(nsp, 1);
  spec.pad_l.assign(nsp, 0);
  spec.pad_r.assign(nsp, 0);
  spec.alg = alg_;
  SetPoolLayout(node, spec);
  return exec_.Init(spec, what_);
}

}  // namespace openacl::onednn
