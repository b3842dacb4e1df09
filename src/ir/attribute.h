// Node attributes: a small typed map with defaulting getters.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ir/tensor.h"

namespace openacl {

class Graph;

struct Attribute {
  enum class Kind { kInt, kFloat, kString, kInts, kFloats, kStrings, kTensor, kGraph };
  Kind kind = Kind::kInt;
  int64_t i = 0;
  float f = 0.0f;
  std::string s;
  std::vector<int64_t> ints;
  std::vector<float> floats;
  std::vector<std::string> strings;
  Tensor t;
  std::shared_ptr<Graph> g;

  static Attribute Int(int64_t v) { Attribute a; a.kind = Kind::kInt; a.i = v; return a; }
  static Attribute Float(float v) { Attribute a; a.kind = Kind::kFloat; a.f = v; return a; }
  static Attribute String(std::string v) {
    Attribute a; a.kind = Kind::kString; a.s = std::move(v); return a;
  }
  static Attribute Ints(std::vector<int64_t> v) {
    Attribute a; a.kind = Kind::kInts; a.ints = std::move(v); return a;
  }
  static Attribute Floats(std::vector<float> v) {
    Attribute a; a.kind = Kind::kFloats; a.floats = std::move(v); return a;
  }
  static Attribute Strings(std::vector<std::string> v) {
    Attribute a; a.kind = Kind::kStrings; a.strings = std::move(v); return a;
  }
  static Attribute TensorValue(Tensor v) {
    Attribute a; a.kind = Kind::kTensor; a.t = std::move(v); return a;
  }
};

class AttrMap {
 public:
  bool has(const std::string& name) const { return attrs_.count(name) != 0; }
  const Attribute* find(const std::string& name) const {
    auto it = attrs_.find(name);
    return it == attrs_.end() ? nullptr : &it->second;
  }
  void set(const std::string& name, Attribute a) { attrs_[name] = std::move(a); }
  void erase(const std::string& name) { attrs_.erase(name); }

  int64_t get_int(const std::string& name, int64_t def = 0) const;
  float get_float(const std::string& name, float def = 0.0f) const;
  std::string get_string(const std::string& name, const std::string& def = "") const;
  std::vector<int64_t> get_ints(const std::string& name,
                                const std::vector<int64_t>& def = {}) const;
  std::vector<float> get_floats(const std::string& name, const std::vector<float>& def = {}) const;
  const std::map<std::string, Attribute>& all() const { return attrs_; }

 private:
  std::map<std::string, Attribute> attrs_;
};

}  // namespace openacl
