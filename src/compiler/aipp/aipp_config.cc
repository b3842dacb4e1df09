#include "compiler/aipp/aipp_config.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "compiler/aipp/aipp_config.pb.h"

namespace openacl {
namespace {

namespace pb = google::protobuf;
using ConfigOp = aipp_config::AippOp;

// Collects the text parser's first error. Value errors are reported at the token after the
// value; Format() moves them back to the line that names the field.
class FirstError : public pb::io::ErrorCollector {
 public:
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    if (!message_.empty()) return;
    line_ = line;
    column_ = column;
    message_ = message;
  }
  void AddWarning(int, pb::io::ColumnNumber, const std::string&) override {}

  std::string Format(const std::string& file, const std::string& text) const {
    if (message_.empty()) return file + ": malformed";
    int line = line_, column = column_;
    size_t q = message_.find("field \"");
    if (q != std::string::npos) {
      std::string field = message_.substr(q + 7, message_.find('"', q + 7) - q - 7);
      std::vector<std::string> lines;
      std::stringstream ss(text);
      for (std::string l; std::getline(ss, l);) lines.push_back(l);
      for (int i = std::min<int>(line, static_cast<int>(lines.size()) - 1); i >= 0; --i) {
        size_t at = lines[i].find(field);
        if (at != std::string::npos) {
          line = i;
          column = static_cast<int>(at);
          break;
        }
      }
    }
    return file + ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " +
           message_;
  }

 private:
  int line_ = 0, column_ = 0;
  std::string message_;
};

// Fields that mean something with aipp_mode: dynamic (the rest come from aclmdlSetInputAIPP).
bool AllowedInDynamic(const std::string& field) {
  return field == "aipp_mode" || field == "related_input_rank" || field == "input_edge_idx" ||
         field == "max_src_image_size" || field == "support_rotation" ||
         field == "related_input_name";
}

Status ToStatic(const ConfigOp& op, AippOpConfig* c) {
  if (!op.has_input_format())
    return c->Error("input_format", "is required with aipp_mode: static (YUV420SP_U8, "
                                    "XRGB8888_U8, RGB888_U8, YUV400_U8, ARGB8888_U8, YUYV_U8, "
                                    "YUV422SP_U8, AYUV444_U8)");
  auto format = aipp::FormatFromAcl(op.input_format());
  if (!format)
    return c->Error("input_format", std::string(ConfigOp::InputFormat_Name(op.input_format())) +
                                        " is not supported by openacl's AIPP");
  if (op.single_line_mode())
    return c->Error("single_line_mode", "true is not supported (images are processed whole)");
  aipp::Params& p = c->params;
  p.format = *format;
  p.src_w = op.src_image_size_w();
  p.src_h = op.src_image_size_h();
  p.csc = op.csc_switch();
  p.rbuv_swap = op.rbuv_swap_switch();
  p.ax_swap = op.ax_swap_switch();
  const int32_t m[9] = {op.matrix_r0c0(), op.matrix_r0c1(), op.matrix_r0c2(),
                        op.matrix_r1c0(), op.matrix_r1c1(), op.matrix_r1c2(),
                        op.matrix_r2c0(), op.matrix_r2c1(), op.matrix_r2c2()};
  for (int i = 0; i < 9; ++i) p.matrix[i] = m[i];
  c->csc_matrix_given = op.has_matrix_r0c0() || op.has_matrix_r0c1() || op.has_matrix_r0c2() ||
                        op.has_matrix_r1c0() || op.has_matrix_r1c1() || op.has_matrix_r1c2() ||
                        op.has_matrix_r2c0() || op.has_matrix_r2c1() || op.has_matrix_r2c2();
  const int32_t ob[3] = {op.output_bias_0(), op.output_bias_1(), op.output_bias_2()};
  const int32_t ib[3] = {op.input_bias_0(), op.input_bias_1(), op.input_bias_2()};
  for (int i = 0; i < 3; ++i) p.out_bias[i] = ob[i], p.in_bias[i] = ib[i];
  p.crop = op.crop();
  p.crop_x = op.load_start_pos_w();
  p.crop_y = op.load_start_pos_h();
  p.crop_w = op.crop_size_w();
  p.crop_h = op.crop_size_h();
  p.resize = op.resize();
  p.resize_w = op.resize_output_w();
  p.resize_h = op.resize_output_h();
  p.padding = op.padding();
  p.pad_top = op.top_padding_size();
  p.pad_bottom = op.bottom_padding_size();
  p.pad_left = op.left_padding_size();
  p.pad_right = op.right_padding_size();
  p.pad_value = op.has_padding_value() ? op.padding_value() : op.cpadding_value();
  const float mean[4] = {static_cast<float>(op.mean_chn_0()), static_cast<float>(op.mean_chn_1()),
                         static_cast<float>(op.mean_chn_2()), static_cast<float>(op.mean_chn_3())};
  const float mn[4] = {op.min_chn_0(), op.min_chn_1(), op.min_chn_2(), op.min_chn_3()};
  const float vr[4] = {op.has_var_reci_chn_0() ? op.var_reci_chn_0() : 1.0f,
                       op.has_var_reci_chn_1() ? op.var_reci_chn_1() : 1.0f,
                       op.has_var_reci_chn_2() ? op.var_reci_chn_2() : 1.0f,
                       op.has_var_reci_chn_3() ? op.var_reci_chn_3() : 1.0f};
  for (int i = 0; i < 4; ++i) p.mean[i] = mean[i], p.min[i] = mn[i], p.var_reci[i] = vr[i];
  return Status::Ok();
}

}  // namespace

Status AippOpConfig::Error(const std::string& field, const std::string& message) const {
  auto it = field_lines.find(field);
  int line = it != field_lines.end() ? it->second : block_line;
  return Status(StatusCode::kParseFile,
                file + ":" + std::to_string(line) + ": " + field + ": " + message);
}

Result<std::vector<AippOpConfig>> ParseAippConfig(const std::string& text,
                                                  const std::string& file_name) {
  aipp_config::InsertOpConf conf;
  FirstError errors;
  pb::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  pb::TextFormat::ParseInfoTree tree;
  parser.WriteLocationsTo(&tree);
  if (!parser.ParseFromString(text, &conf))
    return Status(StatusCode::kParseFile, "AIPP config " + errors.Format(file_name, text));
  if (conf.aipp_op_size() == 0)
    return Status(StatusCode::kParseFile,
                  "AIPP config " + file_name + " has no aipp_op { ... } block");
  const pb::FieldDescriptor* block_field =
      aipp_config::InsertOpConf::descriptor()->FindFieldByName("aipp_op");
  std::vector<AippOpConfig> out;
  for (int i = 0; i < conf.aipp_op_size(); ++i) {
    const ConfigOp& op = conf.aipp_op(i);
    AippOpConfig c;
    c.file = file_name;
    c.block_line = tree.GetLocation(block_field, i).line + 1;
    const pb::TextFormat::ParseInfoTree* fields = tree.GetTreeForNested(block_field, i);
    std::vector<const pb::FieldDescriptor*> set;
    op.GetReflection()->ListFields(op, &set);
    for (const pb::FieldDescriptor* f : set)
      if (fields) c.field_lines[f->name()] = fields->GetLocation(f, f->is_repeated() ? 0 : -1).line + 1;
    if (!op.has_aipp_mode() || op.aipp_mode() == ConfigOp::undefined)
      return c.Error("aipp_mode", "is required (static or dynamic)");
    c.dynamic = op.aipp_mode() == ConfigOp::dynamic;
    c.related_input_rank = op.related_input_rank();
    c.related_input_name = op.related_input_name();
    for (uint32_t edge : op.input_edge_idx())
      if (edge != 0)
        return c.Error("input_edge_idx", std::to_string(edge) +
                                             ": a model input has one output edge (0)");
    if (c.dynamic) {
      for (const pb::FieldDescriptor* f : set)
        if (!AllowedInDynamic(f->name()))
          return c.Error(f->name(), "is a static parameter; with aipp_mode: dynamic it is set "
                                    "at run time (aclmdlSetInputAIPP)");
      if (!op.has_max_src_image_size() || op.max_src_image_size() == 0)
        return c.Error("max_src_image_size",
                       "is required with aipp_mode: dynamic (bytes of the largest source image)");
      if (op.support_rotation())
        return c.Error("support_rotation", "true is not supported");
      c.max_src_image_size = op.max_src_image_size();
    } else {
      RETURN_IF_ERROR(ToStatic(op, &c));
    }
    for (const AippOpConfig& prev : out)
      if (prev.related_input_rank == c.related_input_rank && prev.related_input_name.empty() &&
          c.related_input_name.empty())
        return c.Error("related_input_rank",
                       std::to_string(c.related_input_rank) + " already has an aipp_op block (line " +
                           std::to_string(prev.block_line) + ")");
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<AippOpConfig>> LoadAippConfigFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status(StatusCode::kInvalidFile, "cannot open AIPP config file '" + path + "'");
  std::stringstream ss;
  ss << f.rdbuf();
  return ParseAippConfig(ss.str(), path);
}

}  // namespace openacl
