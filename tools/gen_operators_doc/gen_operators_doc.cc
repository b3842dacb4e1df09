// Writes docs/operators.md from the op registry (schemas, opset ranges, element types) and the
// kernel registry (fast kernels).
//
//   gen_operators_doc > docs/operators.md       regenerate
//   gen_operators_doc --check docs/operators.md exit 1 with a hint when the file is out of date
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "kernels/kernel_registry.h"
#include "ops/op_registry.h"

namespace openacl {
namespace {

std::string TypesOf(const OpSchema& s) {
  if (s.types.empty()) return "(not declared)";
  std::string out;
  for (DType t : s.types) out += std::string(out.empty() ? "" : ", ") + DTypeName(t);
  return out;
}

std::string FastKernelsOf(const OpSchema& s) {
  std::set<std::string> backends;
  for (const KernelImpl* k : KernelRegistry::Get().For(s.name)) backends.insert(k->backend);
  if (backends.empty()) return "-";
  std::string out;
  for (const std::string& b : backends) out += (out.empty() ? "" : ", ") + b;
  return out;
}

std::string Generate() {
  std::map<std::string, std::vector<const OpSchema*>> by_domain;
  for (const OpSchema* s : OpRegistry::Get().All()) by_domain[s->domain].push_back(s);
  size_t total = 0, fast = 0;
  for (const auto& kv : by_domain)
    for (const OpSchema* s : kv.second) {
      ++total;
      if (!KernelRegistry::Get().For(s->name).empty()) ++fast;
    }
  std::ostringstream md;
  md << "# Supported operators\n\n"
     << "Generated from the op registry by `build/bin/gen_operators_doc > docs/operators.md`; do "
        "not edit by hand\n(the `operators_doc_up_to_date` test fails when this file is stale).\n\n"
     << "Every op has a reference kernel (`src/ops/<op>.cc`); \"Fast kernels\" lists the backends "
        "of\n`src/kernels/` that may be chosen instead. \"Opsets\" is the range of the model's "
        "opset for which\nthe op is accepted; \"Types\" are the element types its reference "
        "kernel handles.\n\n"
     << total << " operators, " << fast << " with fast kernels.\n\n"
     << "Ops marked \"(shape from values)\" produce outputs whose shape depends on input "
        "values (NonZero,\nUnique, ...); models using them, or feeding a shape operand (Reshape's "
        "shape, Slice's starts, ...)\nfrom a model input, run on the dynamic executor "
        "(`src/runtime/dynamic_executor.h`), which infers\nshapes and prepares kernels at run "
        "time.\n\n"
     << "Control flow is handled by the compiler and the dynamic executor, not by the registry: "
        "`If`\n(inlined when its condition is known at compile time, otherwise the taken branch "
        "runs at run\ntime), `Loop` and `Scan` (opset 8 batched form and 9+). Their subgraphs may "
        "use every op below.\n";
  for (const auto& kv : by_domain) {
    md << "\n## " << (kv.first.empty() ? "ai.onnx" : kv.first) << "\n\n"
       << "| Op | Opsets | Inputs | Outputs | Types | Fast kernels |\n"
       << "|---|---|---|---|---|---|\n";
    for (const OpSchema* s : kv.second) {
      auto range = [](int lo, int hi) {
        return lo == hi ? std::to_string(lo) : std::to_string(lo) + "-" + std::to_string(hi);
      };
      md << "| " << s->name << (s->output_shape_from_values ? " (shape from values)" : "")
         << " | " << range(s->min_opset, s->max_opset) << " | "
         << range(s->min_inputs, s->max_inputs) << " | " << range(s->min_outputs, s->max_outputs)
         << " | " << TypesOf(*s) << " | " << FastKernelsOf(*s) << " |\n";
    }
  }
  return md.str();
}

int Check(const std::string& path, const std::string& fresh) {
  std::ifstream in(path);
  std::ostringstream ss;
  if (in) ss << in.rdbuf();
  if (in && ss.str() == fresh) {
    std::printf("%s is up to date\n", path.c_str());
    return 0;
  }
  std::istringstream a(ss.str()), b(fresh);
  std::string la, lb;
  int line = 0;
  while (true) {
    ++line;
    bool ha = static_cast<bool>(std::getline(a, la)), hb = static_cast<bool>(std::getline(b, lb));
    if (!ha && !hb) break;
    if (!ha || !hb || la != lb) {
      std::printf("first difference at line %d:\n  file:      %s\n  generated: %s\n", line,
                  ha ? la.c_str() : "(end of file)", hb ? lb.c_str() : "(end of output)");
      break;
    }
  }
  std::printf("%s is %s; regenerate it with:\n  build/bin/gen_operators_doc > docs/operators.md\n",
              path.c_str(), in ? "out of date" : "missing");
  return 1;
}

}  // namespace
}  // namespace openacl

int main(int argc, char** argv) {
  std::string doc = openacl::Generate();
  if (argc == 3 && std::strcmp(argv[1], "--check") == 0) return openacl::Check(argv[2], doc);
  if (argc != 1) {
    std::fprintf(stderr, "usage: %s [--check docs/operators.md]\n", argv[0]);
    return 2;
  }
  std::fwrite(doc.data(), 1, doc.size(), stdout);
  return 0;
}
