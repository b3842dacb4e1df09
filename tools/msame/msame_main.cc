// build/bin/msame: Ascend's msame model-inference tool over the public AscendCL API
// (acl-api.md §7.1), plus --warmup, --threads, --json and --profile for benchmarking, and
// --outputSize for outputs whose size is decided at run time.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "msame_io.h"
#include "msame_model.h"
#include "msame_options.h"
#include "msame_stats.h"

namespace {

using msame::HostTensor;
using msame::ModelRunner;
using msame::Options;

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool IsFolderMode(const Options& o) {
  return !o.inputs.empty() && !EndsWith(o.inputs[0], ".bin") && !EndsWith(o.inputs[0], ".npy") &&
         msame::IsDirectory(o.inputs[0]);
}

// Features openacl does not have yet: fail before touching the runtime, saying so.
bool RejectUnsupported(const Options& o) {
  std::string dyn;
  const char* why = nullptr;
  if (!o.dym_shape.empty()) {
    dyn = "--dymShape";
    why = "shape-range models are not implemented (--dymBatch, --dymHW and --dymDims are)";
  } else if (o.profiler) {
    dyn = "--profiler true";
    why =
        "no Ascend profiling data is produced (use --profile for openacl's per-node table, "
        "--json for whole-model timing)";
  } else if (o.dump) {
    dyn = "--dump true";
    why = "tensor dumps are not implemented";
  }
  if (why == nullptr) return false;
  std::printf("[ERROR] %s is not supported yet: %s\n", dyn.c_str(), why);
  return true;
}

// Loads the given files into the model's inputs; inputs without a file are zero-filled.
bool LoadInputs(ModelRunner& runner, const std::vector<std::string>& files) {
  size_t n = runner.inputs().size();
  if (files.size() > n) {
    std::printf("[ERROR] %zu input files given, the model has %zu inputs\n", files.size(), n);
    return false;
  }
  for (size_t i = 0; i < n; ++i) {
    if (i >= files.size()) {
      if (!files.empty())
        std::printf("[INFO] input %zu ('%s') not given: zero-filled\n", i,
                    runner.inputs()[i].name.c_str());
      if (!runner.ZeroInput(i)) return false;
      continue;
    }
    std::printf("[INFO] start to process file:%s\n", files[i].c_str());
    HostTensor t;
    std::string error;
    if (!msame::ReadInputFile(files[i], &t, &error)) {
      std::printf("[ERROR] %s\n", error.c_str());
      return false;
    }
    if (!runner.SetInput(i, t)) return false;
  }
  return true;
}

void PrintAverages(const std::vector<double>& times) {
  msame::LatencyStats st = msame::ComputeStats(times);
  std::printf("Inference average time: %f ms\n", st.mean_ms);
  if (times.size() > 1)
    std::printf("Inference average time without first time: %f ms\n", st.mean_without_first_ms);
}

bool RunOnce(ModelRunner& runner, std::vector<double>* times) {
  double ms = 0;
  if (!runner.Execute(&ms)) return false;
  std::printf("[INFO] model execute success\n");
  std::cout << "Inference time: " << ms << "ms" << std::endl;
  times->push_back(ms);
  return true;
}

bool Process(const Options& o, msame::Summary* summary) {
  ModelRunner runner;
  summary->rss_before_load_bytes = msame::CurrentRssBytes();
  if (!runner.Load(o.model, &summary->load_ms)) return false;
  if (!runner.CreateDesc()) return false;
  if (o.debug) runner.PrintDesc();
  if (!runner.CreateOutput(o.output_sizes) || !runner.CreateInput()) return false;
  if (!runner.ApplyGear(o.dym_batch, o.dym_hw, o.dym_dims)) return false;
  // Batch for throughput: the leading dim of input 0 when it looks batched (rank >= 3).
  if (!runner.inputs().empty() && runner.inputs()[0].dims.size() >= 3 &&
      runner.inputs()[0].dims[0] > 0)
    summary->batch = static_cast<int>(runner.inputs()[0].dims[0]);

  std::string out_dir;
  if (!o.output.empty()) {
    std::string error;
    out_dir = o.output + "/" + msame::TimestampName();
    if (!msame::MakeDirs(out_dir, &error)) {
      std::printf("[ERROR] %s\n", error.c_str());
      return false;
    }
    std::cout << out_dir << std::endl;
  }
  bool txt = o.outfmt == "TXT";
  std::vector<double>& times = summary->times_ms;

  if (IsFolderMode(o)) {  // one inference per file name; --loop does not apply
    std::vector<std::string> names;
    std::string error;
    if (!msame::ListFiles(o.inputs[0], &names, &error)) {
      std::printf("[ERROR] %s\n", error.c_str());
      return false;
    }
    for (const std::string& name : names) {
      std::vector<std::string> files;
      for (const std::string& dir : o.inputs) files.push_back(dir + "/" + name);
      if (!LoadInputs(runner, files)) return false;
      for (int w = 0; w < o.warmup && &name == &names.front(); ++w) {
        double ms;
        if (!runner.Execute(&ms)) return false;
      }
      if (!RunOnce(runner, &times)) return false;
      if (o.debug) runner.PrintRunOutputs();
      std::string prefix = name.substr(0, name.find_last_of('.'));
      if (!runner.SaveOutputs(out_dir, prefix, txt, &summary->outputs)) return false;
    }
    PrintAverages(times);
    return true;
  }

  if (!LoadInputs(runner, o.inputs)) return false;
  for (int w = 0; w < o.warmup; ++w) {
    double ms;
    if (!runner.Execute(&ms)) return false;
  }
  if (o.warmup > 0) std::printf("[INFO] %d warm-up runs done\n", o.warmup);
  for (int i = 0; i < o.loop; ++i)
    if (!RunOnce(runner, &times)) return false;
  if (o.debug) runner.PrintRunOutputs();
  if (!runner.SaveOutputs(out_dir, msame::ModelName(o.model), txt, &summary->outputs)) return false;
  PrintAverages(times);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options o;
  std::string error;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!msame::ParseArgs(args, &o, &error)) {
    std::printf("[ERROR] %s\n[ERROR] Execute sample failed.\n%s", error.c_str(),
                msame::Usage().c_str());
    return 1;
  }
  if (o.help) {
    std::printf("%s", msame::Usage().c_str());
    return 0;
  }
  if (!msame::ValidateOptions(o, &error)) {
    std::printf("[ERROR] %s\n[ERROR] Execute sample failed.\n", error.c_str());
    return 1;
  }
  if (RejectUnsupported(o)) {
    std::printf("[ERROR] Execute sample failed.\n");
    return 1;
  }
  if (o.threads > 0) setenv("OPENACL_NUM_THREADS", std::to_string(o.threads).c_str(), 1);
  // The runtime reads it at model load and prints the per-node table at unload (stderr).
  if (o.profile) setenv("OPENACL_PROFILE", "1", 1);

  msame::Summary summary;
  summary.model = o.model;
  summary.threads = o.threads;
  summary.warmup = o.warmup;
  bool ok;
  {
    // Like msame: ./acl.json is passed to aclInit when present.
    const char* config = access("./acl.json", R_OK) == 0 ? "./acl.json" : nullptr;
    msame::AclResources resources;
    ok = resources.Init(o.device, config) && Process(o, &summary);
    if (!ok) std::printf("[ERROR] Sample process failed.\n");
  }  // teardown lines print here
  if (!ok) return 1;
  summary.peak_rss_bytes = msame::PeakRssBytes();
  if (!o.json.empty() && !msame::WriteSummaryJson(o.json, summary, &error)) {
    std::printf("[ERROR] %s\n", error.c_str());
    return 1;
  }
  std::printf("[INFO] pid: %d Execute sample success\n", static_cast<int>(getpid()));
  return 0;
}
