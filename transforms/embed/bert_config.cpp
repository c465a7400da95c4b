// bert_config.cpp — see bert_config.h.
#include "bert_config.h"

#include <simdjson.h>

#include <algorithm>

namespace dpk {
namespace {

// Parses a JSON file; false when it is missing (not an error for optional files).
bool load_json(simdjson::dom::parser& p, const std::string& path, simdjson::dom::element& out, Status& st) {
  simdjson::padded_string text;
  if (simdjson::padded_string::load(path).get(text)) return false;
  if (p.parse(text).get(out)) {
    st = Status::Data(path + ": not valid JSON");
    return false;
  }
  return true;
}

}  // namespace

StatusOr<BertConfig> read_bert_config(const std::string& dir) {
  BertConfig c;
  c.dir = dir;
  Status st;
  {
    simdjson::dom::parser p;
    simdjson::dom::element root;
    if (!load_json(p, dir + "/config.json", root, st)) {
      return st.ok() ? Status::Usage("cannot read " + dir + "/config.json") : st;
    }
    std::string_view type;
    if (!root["model_type"].get(type) && type != "bert") {
      return Status::Usage(dir + "/config.json: model_type '" + std::string(type) + "' is not bert");
    }
    auto get_int = [&](const char* key, int& out, bool required) -> Status {
      int64_t v;
      if (root[key].get(v)) {
        return required ? Status::Data(dir + "/config.json: no integer '" + key + "'") : Status::Ok();
      }
      out = static_cast<int>(v);
      return Status::Ok();
    };
    DPK_RETURN_IF_ERROR(get_int("vocab_size", c.vocab_size, true));
    DPK_RETURN_IF_ERROR(get_int("hidden_size", c.hidden_size, true));
    DPK_RETURN_IF_ERROR(get_int("num_hidden_layers", c.num_layers, true));
    DPK_RETURN_IF_ERROR(get_int("num_attention_heads", c.num_heads, true));
    DPK_RETURN_IF_ERROR(get_int("intermediate_size", c.intermediate_size, true));
    DPK_RETURN_IF_ERROR(get_int("max_position_embeddings", c.max_position_embeddings, false));
    DPK_RETURN_IF_ERROR(get_int("type_vocab_size", c.type_vocab_size, false));
    double eps;
    if (!root["layer_norm_eps"].get(eps)) c.layer_norm_eps = static_cast<float>(eps);
    std::string_view act;
    if (!root["hidden_act"].get(act) && act != "gelu") {
      return Status::Usage(dir + "/config.json: hidden_act '" + std::string(act) + "' is not supported (gelu only)");
    }
    if (c.num_heads <= 0 || c.hidden_size % c.num_heads != 0) {
      return Status::Data(dir + "/config.json: hidden_size is not a multiple of num_attention_heads");
    }
    c.max_seq_length = c.max_position_embeddings;
  }
  {
    simdjson::dom::parser p;
    simdjson::dom::element root;
    if (load_json(p, dir + "/sentence_bert_config.json", root, st)) {
      int64_t v;
      if (!root["max_seq_length"].get(v)) c.max_seq_length = std::min(c.max_position_embeddings, static_cast<int>(v));
    }
    if (!st.ok()) return st;
  }
  std::string pooling_dir = "1_Pooling";
  {
    simdjson::dom::parser p;
    simdjson::dom::element root;
    if (load_json(p, dir + "/modules.json", root, st)) {
      simdjson::dom::array mods;
      if (!root.get(mods)) {
        for (auto m : mods) {
          std::string_view type, path;
          if (m["type"].get(type)) continue;
          if (type.ends_with(".Normalize")) c.normalize = true;
          if (type.ends_with(".Pooling") && !m["path"].get(path)) pooling_dir = std::string(path);
        }
      }
    }
    if (!st.ok()) return st;
  }
  {
    simdjson::dom::parser p;
    simdjson::dom::element root;
    if (load_json(p, dir + "/" + pooling_dir + "/config.json", root, st)) {
      bool cls = false, mean = false, other = false;
      if (root["pooling_mode_cls_token"].get(cls)) cls = false;
      if (root["pooling_mode_mean_tokens"].get(mean)) mean = false;
      bool b = false;
      if (!root["pooling_mode_max_tokens"].get(b)) other |= b;
      if (!root["pooling_mode_mean_sqrt_len_tokens"].get(b)) other |= b;
      if (other || cls == mean) {
        return Status::Usage(dir + "/" + pooling_dir + "/config.json: only mean or CLS pooling (one of them) is supported");
      }
      c.pooling = cls ? Pooling::kCls : Pooling::kMean;
    }
    if (!st.ok()) return st;
  }
  return c;
}

}  // namespace dpk
