// atc --insert_op_conf: the AIPP config file (protobuf text format over aipp_config.proto) read
// into one AippOpConfig per `aipp_op { ... }` block, with the line of every field so that the
// rules checked later against the model (insert_aipp.cc) can name file, line and field.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "ops/common/aipp_params.h"

namespace openacl {

struct AippOpConfig {
  bool dynamic = false;
  int64_t related_input_rank = 0;
  std::string related_input_name;  // when given, picks the input by name
  int64_t max_src_image_size = 0;  // dynamic only
  // Static parameters. Sizes the file leaves at 0 (src_image_size, crop_size, resize_output)
  // are taken from the model input when the node is inserted.
  aipp::Params params;
  bool csc_matrix_given = false;  // false: ATC's default BT.601 matrix when csc_switch is on

  // Where things are: "file:line" of the block and of each field given.
  std::string file;
  int block_line = 0;
  std::map<std::string, int> field_lines;
  // "file:line: field: message" (the field's line, else the block's).
  Status Error(const std::string& field, const std::string& message) const;
};

// Parses AIPP config text; `file_name` is used in messages. Syntax errors (unknown field, bad
// value, repeated field) name the line and column; semantic errors the line and field.
Result<std::vector<AippOpConfig>> ParseAippConfig(const std::string& text,
                                                  const std::string& file_name);
Result<std::vector<AippOpConfig>> LoadAippConfigFile(const std::string& path);

}  // namespace openacl
