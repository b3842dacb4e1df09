// The compiled, planned model: what atc produces, what the .om file stores and what the runtime
// loads. The graph's nodes are in execution order with static shapes; every value has a placement.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ir/graph.h"
#include "planner/memory_plan.h"

namespace openacl {

// acl formats used in descriptions (values of aclFormat).
enum class IOFormat : int32_t { kUndefined = -1, kNCHW = 0, kNHWC = 1, kND = 2 };

struct IODesc {
  std::string name;
  DType dtype = DType::kFloat32;
  Shape shape;
  IOFormat format = IOFormat::kND;
  uint64_t nbytes = 0;
};

// Attributes recorded for a single-operator model (atc --singleop) used for matching.
struct SingleOpInfo {
  std::string acl_op_type;   // the AscendCL op type asked for ("ArgMaxD", "Cast", ...)
  std::string json;          // the op description entry, canonical JSON (for matching/dumps)
};

// Dynamic gears (atc --dynamic_batch_size / --dynamic_image_size / --dynamic_dims); same
// numbering as om::GearKind.
enum class GearKind : uint8_t { kNone = 0, kBatch = 1, kImageSize = 2, kDims = 3 };

// The extra input AscendCL adds to a gear model (ACL_DYNAMIC_TENSOR_NAME): int32, ND, one
// element per gear value (batch 1, image size 2, dims one per dynamic dim).
inline constexpr const char* kGearInputName = "ascend_mbatch_shape_data";

struct CompiledModel {
  std::unique_ptr<Graph> graph;                  // nodes in execution order, shapes static
  std::unordered_map<const Value*, ValuePlan> plan;  // placement of every value in the graph
  uint64_t scratch_offset = 0;                   // kernel scratch region inside the arena
  uint64_t scratch_size = 0;
  std::vector<std::string> kernels;              // kernel choice per node (parallel to nodes)
  std::vector<IODesc> inputs;                    // parallel to graph->inputs
  std::vector<IODesc> outputs;                   // parallel to graph->outputs
  uint64_t arena_size = 0;                       // work bytes per concurrent execution
  uint64_t weight_size = 0;                      // bytes of the weight blob
  std::map<std::string, std::string> options;    // compile options (soc_version, input_shape...)
  std::shared_ptr<const uint8_t> weights;        // weight blob (weight_size bytes, 64-aligned)
  // The weight blob is a read-only private mapping of the .om file: its pages can be dropped
  // from memory (ReleaseMappedPages) and come back from the file if read again.
  bool weights_file_mapped = false;
  bool is_single_op = false;
  SingleOpInfo single_op;
  // Some shapes depend on values known only at run time (shape operands fed by inputs,
  // NonZero, ...): the graph is not planned (only inputs, outputs and weights are placed), no
  // kernels are chosen, and the runtime executes it with the dynamic executor. Outputs whose
  // shape is unknown have nbytes 0 and shape {-2} (unknown rank) or -1 dims.
  bool data_dependent_shapes = false;
  // A gear model: `inputs` / `outputs` are what the app sees (-1 at the dims that vary between
  // gears, the largest gear's sizes, the gear input last), `arena_size` is the largest gear's,
  // `graph` is empty and `gears[i]` is the complete plan of gear `gear_values[i]` (its own graph,
  // kernels, arena offsets and io descriptions, without the gear input). All plans place their
  // constants in this model's one weight blob.
  GearKind gear_kind = GearKind::kNone;
  std::vector<std::vector<int64_t>> gear_values;
  std::vector<CompiledModel> gears;

  bool has_gears() const { return gear_kind != GearKind::kNone; }
};

}  // namespace openacl
