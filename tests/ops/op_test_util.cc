#include "op_test_util.h"

#include <cmath>
#include <cstring>
#include <random>

namespace openacl::testing {

OpTest& OpTest::AddInput(Tensor t, bool is_const) {
  std::string name = "in" + std::to_string(inputs_.size());
  Value* v;
  if (is_const) {
    v = graph_.AddConstant(name, t);
  } else {
    v = graph_.AddValue(name);
    v->dtype = t.dtype();
    v->shape = t.shape();
    v->has_shape = true;
    graph_.inputs.push_back(v);
  }
  inputs_.push_back(v);
  input_data_.push_back(std::move(t));
  return *this;
}

Status OpTest::Build() {
  if (node_) return Status::Ok();
  std::vector<Value*> outs;
  for (int i = 0; i < num_outputs_; ++i) outs.push_back(graph_.AddValue("out" + std::to_string(i)));
  node_ = graph_.AddNode(op_type_, inputs_, outs, "test_node");
  node_->attrs = attrs_;
  graph_.outputs = outs;
  const OpSchema* schema = OpRegistry::Get().Find(op_type_);
  if (!schema) return Status(StatusCode::kUnsupportedOp, "op not registered: " + op_type_);
  return schema->infer(*node_);
}

OpRun OpTest::RunKernel(Kernel& kernel) {
  OpRun run;
  std::vector<TensorRef> ins(inputs_.size()), outs(node_->outputs.size());
  for (size_t i = 0; i < inputs_.size(); ++i) {
    if (!inputs_[i]) continue;
    ins[i].data = const_cast<void*>(input_data_[i].data());
    ins[i].dtype = inputs_[i]->dtype;
    ins[i].shape = &inputs_[i]->shape;
  }
  for (size_t i = 0; i < outs.size(); ++i) {
    Value* v = node_->outputs[i];
    if (!v->has_shape || !IsStatic(v->shape)) {
      run.status = Status(StatusCode::kShapeInvalid,
                          node_->Describe() + ": output '" + v->name + "' shape " +
                              ShapeToString(v->shape) + " is not known (use ConstInput)");
      return run;
    }
    run.outputs.emplace_back(v->dtype, v->shape);
    outs[i].data = run.outputs.back().mutable_data();
    outs[i].dtype = v->dtype;
    outs[i].shape = &v->shape;
  }
  std::vector<uint8_t> scratch(kernel.ScratchBytes() + 64);
  KernelIO io;
  io.inputs = ins.data();
  io.num_inputs = ins.size();
  io.outputs = outs.data();
  io.num_outputs = outs.size();
  io.scratch = scratch.data();
  run.status = kernel.Run(io);
  return run;
}

OpRun OpTest::RunReference() {
  OpRun run;
  run.status = Build();
  if (!run.status.ok()) return run;
  auto kernel = CreateReferenceKernel(*node_);
  if (!kernel.ok()) {
    run.status = kernel.status();
    return run;
  }
  return RunKernel(**kernel);
}

OpRun OpTest::RunAndCompareAll(double atol, double rtol) {
  OpRun ref = RunReference();
  if (!ref.status.ok()) return ref;
  for (const KernelImpl* impl : KernelRegistry::Get().For(op_type_)) {
    if (impl->supports && !impl->supports(*node_)) continue;
    std::unique_ptr<Kernel> k = impl->make();
    Status st = k->Prepare(*node_);
    EXPECT_TRUE(st.ok()) << impl->backend << " Prepare: " << st.message();
    if (!st.ok()) continue;
    OpRun fast = RunKernel(*k);
    EXPECT_TRUE(fast.status.ok()) << impl->backend << " Run: " << fast.status.message();
    for (size_t i = 0; i < ref.outputs.size() && fast.status.ok(); ++i)
      ExpectTensorNear(fast.outputs[i], ref.outputs[i], atol, rtol,
                       impl->backend + " kernel output " + std::to_string(i));
  }
  return ref;
}

Tensor MakeFloat(Shape shape, std::vector<float> values) {
  Tensor t(DType::kFloat32, std::move(shape));
  if (!values.empty()) std::memcpy(t.mutable_data(), values.data(), values.size() * 4);
  return t;
}

Tensor MakeInt64(Shape shape, std::vector<int64_t> values) {
  return Tensor::FromInt64(values, std::move(shape));
}

Tensor MakeInt32(Shape shape, std::vector<int32_t> values) {
  Tensor t(DType::kInt32, std::move(shape));
  if (!values.empty()) std::memcpy(t.mutable_data(), values.data(), values.size() * 4);
  return t;
}

Tensor MakeTyped(DType dtype, Shape shape, const std::vector<double>& values) {
  Tensor t(dtype, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i)
    WriteFromDouble(t.mutable_data(), dtype, static_cast<int64_t>(i), values[i]);
  return t;
}

Tensor RandomFloat(Shape shape, uint32_t seed, float lo, float hi) {
  Tensor t(DType::kFloat32, std::move(shape));
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> dist(lo, hi);
  float* p = static_cast<float*>(t.mutable_data());
  for (int64_t i = 0; i < t.num_elements(); ++i) p[i] = dist(rng);
  return t;
}

void ExpectTensorNear(const Tensor& actual, const Tensor& expected, double atol, double rtol,
                      const std::string& what) {
  ASSERT_EQ(actual.dtype(), expected.dtype()) << what;
  ASSERT_EQ(actual.shape(), expected.shape()) << what;
  int64_t n = expected.num_elements();
  int reported = 0;
  for (int64_t i = 0; i < n; ++i) {
    double a = actual.GetAsDouble(i), e = expected.GetAsDouble(i);
    if (std::isnan(e) && std::isnan(a)) continue;
    if (std::isinf(e) && a == e) continue;
    if (std::fabs(a - e) > atol + rtol * std::fabs(e)) {
      ADD_FAILURE() << what << ": element " << i << " is " << a << ", expected " << e;
      if (++reported > 5) return;
    }
  }
}

}  // namespace openacl::testing
