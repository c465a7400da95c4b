// dpk/runtime/output_target.h — where the documents of a pass are written:
// one stream (stdout or a file), a directory mirroring the inputs (one output
// file per input, with resume), or numbered part files (dpk-convert's
// resharding). Every file is written under a temporary name and renamed when
// complete; a directory of mirrored files also gets a completion record per
// file, so a rerun skips what is done.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dpk/compression.h"
#include "dpk/input_files.h"
#include "dpk/status.h"
#include "dpk/transform.h"

namespace dpk::runtime {

class OutputTarget {
 public:
  virtual ~OutputTarget() = default;
  // Codec the workers compress blocks of input `i` with; kNone when the
  // target splits documents itself and compresses as it goes.
  virtual Codec block_codec(size_t input_index) const = 0;
  // Whether the workers must record where each document ends.
  virtual bool needs_doc_ends() const { return false; }
  // True when input `i` was completed by an earlier run (resume).
  virtual bool already_done(size_t input_index) const { (void)input_index; return false; }
  // Lines of input `i` as recorded when it was completed (for resume: the
  // ordinals of the inputs after it continue from there).
  virtual uint64_t done_lines(size_t input_index) const { (void)input_index; return 0; }
  // `bytes` are block-compressed frames (or plain lines when block_codec is
  // kNone); `doc_ends` marks one past each document's newline in plain bytes.
  virtual Status write(size_t input_index, std::string_view bytes,
                       const std::vector<uint32_t>& doc_ends, uint64_t docs) = 0;
  // Input `i` is finished: a mirrored output file is committed now.
  virtual Status input_done(size_t input_index, std::string_view record_json) = 0;
  virtual Status finish() = 0;
  // Final paths written (for the summary).
  virtual std::vector<std::string> paths() const = 0;
  // Directory of the output, or "" for a stream.
  virtual std::string directory() const = 0;
};

struct OutputRequest {
  std::string output;           // "-", a file, or a directory
  std::string compression;      // auto|none|gzip|zstd
  int level = 3;
  // Per input: the line count an earlier run recorded when it completed the
  // input's output (resume skips it); empty or nullopt = write it.
  std::vector<std::optional<uint64_t>> resumed;
  std::optional<OutputLayout> layout;
  bool spool = false;           // internal pass data: zstd level 1, mirrored
  // The run began with a source step (WARC, files, archives): mirrored outputs
  // are named INPUT.jsonl[.gz|.zst], never like the non-JSONL input itself.
  bool from_source = false;
};

// One input's file in a directory output, and its completion record.
struct MirroredFile {
  std::string path;    // DIR/RELATIVE, codec extension as the request says
  std::string record;  // DIR/.dpk/done/RELATIVE.json
  Codec codec = Codec::kNone;
};

// The files a directory output writes, one per input, in input order.
std::vector<MirroredFile> mirrored_files(const OutputRequest& req, const std::vector<InputFile>& inputs);

// Name of input `i`'s data in a spooled pass's directory: by position, so
// inputs whose names differ only by codec never share one.
std::string spool_file_name(size_t input_index);

// True when `output` names a directory: ends with '/' or exists as one.
bool output_is_directory(const std::string& output);

StatusOr<std::unique_ptr<OutputTarget>> open_output_target(const OutputRequest& req,
                                                           const std::vector<InputFile>& inputs);

}  // namespace dpk::runtime
