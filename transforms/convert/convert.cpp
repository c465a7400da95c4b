#include "dpk/transform.h"
namespace dpk {
namespace {
class Stub final : public DocumentTransform { public: void apply(Document&) override {} };
}
const TransformSpec& dpk_transform_convert() {
  static const TransformSpec spec{"convert", TransformKind::kFilter, "(being written)", "", {}, {}, {}, "-",
    [](const OptionValues&, const StepContext&) -> StatusOr<ConfiguredStep> {
      ConfiguredStep c; c.make = [] { return std::make_unique<Stub>(); }; return c; }};
  return spec;
}
}  // namespace dpk
