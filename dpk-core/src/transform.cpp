#include "dpk/transform.h"

namespace dpk {

std::string_view transform_kind_name(TransformKind k) {
  switch (k) {
    case TransformKind::kAnnotator: return "annotator";
    case TransformKind::kFilter: return "filter";
    case TransformKind::kMapper: return "mapper";
    case TransformKind::kSplitter: return "splitter";
    case TransformKind::kBatch: return "batch";
    case TransformKind::kGlobal: return "global";
  }
  return "?";
}

const TransformSpec* find_transform(std::string_view name) {
  for (const TransformSpec* s : all_transforms()) {
    if (s->name == name) return s;
  }
  return nullptr;
}

}  // namespace dpk
