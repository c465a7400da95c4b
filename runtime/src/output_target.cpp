#include "dpk/runtime/output_target.h"

#include <filesystem>
#include <cstdlib>
#include <map>

#include "dpk/byte_stream.h"

namespace dpk::runtime {
namespace fs = std::filesystem;

bool output_is_directory(const std::string& output) {
  if (output == "-" || output.empty()) return false;
  if (output.back() == '/') return true;
  std::error_code ec;
  return fs::is_directory(output, ec);
}

namespace {

Codec resolve_codec(const std::string& compression, Codec fallback) {
  if (compression == "auto") return fallback;
  return parse_codec(compression).value_or(Codec::kNone);
}

// Writes the empty frame that makes a zero-document compressed file valid.
Status write_empty_frame(ByteSink& sink, Codec codec) {
  if (codec == Codec::kNone) return Status::Ok();
  BlockCompressor c(codec, 1);
  std::string frame;
  DPK_RETURN_IF_ERROR(c.compress("", frame));
  return sink.write(frame);
}

class StreamTarget final : public OutputTarget {
 public:
  StreamTarget(std::unique_ptr<ByteSink> sink, Codec codec) : sink_(std::move(sink)), codec_(codec) {}
  Codec block_codec(size_t) const override { return codec_; }
  Status write(size_t, std::string_view bytes, const std::vector<uint32_t>&, uint64_t) override {
    wrote_ |= !bytes.empty();
    return sink_->write(bytes);
  }
  Status input_done(size_t, std::string_view) override { return Status::Ok(); }
  Status finish() override {
    if (!wrote_ && sink_->path() != "<stdout>") DPK_RETURN_IF_ERROR(write_empty_frame(*sink_, codec_));
    return sink_->commit();
  }
  std::vector<std::string> paths() const override { return {sink_->path()}; }
  std::string directory() const override { return ""; }

 private:
  std::unique_ptr<ByteSink> sink_;
  Codec codec_;
  bool wrote_ = false;
};

class NullTarget final : public OutputTarget {
 public:
  Codec block_codec(size_t) const override { return Codec::kNone; }
  Status write(size_t, std::string_view, const std::vector<uint32_t>&, uint64_t) override { return Status::Ok(); }
  Status input_done(size_t, std::string_view) override { return Status::Ok(); }
  Status finish() override { return Status::Ok(); }
  std::vector<std::string> paths() const override { return {}; }
  std::string directory() const override { return ""; }
};

class MirrorTarget final : public OutputTarget {
 public:
  MirrorTarget(const OutputRequest& req, const std::vector<InputFile>& inputs) : dir_(req.output) {
    if (!dir_.empty() && dir_.back() == '/') dir_.pop_back();
    std::vector<MirroredFile> files = mirrored_files(req, inputs);
    for (size_t i = 0; i < files.size(); ++i) {
      Entry e;
      e.codec = files[i].codec;
      e.path = std::move(files[i].path);
      e.record = std::move(files[i].record);
      if (i < req.resumed.size() && req.resumed[i]) {
        e.done = true;
        e.lines = *req.resumed[i];
      }
      entries_.push_back(std::move(e));
    }
  }
  Codec block_codec(size_t i) const override { return entries_[i].codec; }
  bool already_done(size_t i) const override { return entries_[i].done; }
  uint64_t done_lines(size_t i) const override { return entries_[i].lines; }

  Status write(size_t i, std::string_view bytes, const std::vector<uint32_t>&, uint64_t) override {
    DPK_RETURN_IF_ERROR(open(i));
    entries_[i].wrote |= !bytes.empty();
    return sink_->write(bytes);
  }
  Status input_done(size_t i, std::string_view record_json) override {
    DPK_RETURN_IF_ERROR(open(i));
    Entry& e = entries_[i];
    if (!e.wrote) DPK_RETURN_IF_ERROR(write_empty_frame(*sink_, e.codec));
    DPK_RETURN_IF_ERROR(sink_->commit());
    sink_.reset();
    open_index_ = SIZE_MAX;
    written_.push_back(e.path);
    if (record_json.empty()) return Status::Ok();  // a spooled pass keeps no records
    auto rec = open_output(e.record);
    if (!rec.ok()) return rec.status();
    DPK_RETURN_IF_ERROR((*rec)->write(record_json));
    return (*rec)->commit();
  }
  Status finish() override { return Status::Ok(); }
  std::vector<std::string> paths() const override { return written_; }
  std::string directory() const override { return dir_; }

 private:
  struct Entry {
    std::string path, record;
    Codec codec = Codec::kNone;
    bool done = false;
    bool wrote = false;
    uint64_t lines = 0;
  };
  Status open(size_t i) {
    if (open_index_ == i) return Status::Ok();
    auto s = open_output(entries_[i].path);
    if (!s.ok()) return s.status();
    sink_ = std::move(*s);
    open_index_ = i;
    return Status::Ok();
  }
  std::string dir_;
  std::vector<Entry> entries_;
  std::unique_ptr<ByteSink> sink_;
  size_t open_index_ = SIZE_MAX;
  std::vector<std::string> written_;
};

// Numbered part files: exactly N (documents dealt round-robin), or rolled
// over at a size or document count.
class PartsTarget final : public OutputTarget {
 public:
  PartsTarget(const OutputRequest& req, Codec codec)
      : dir_(req.output), layout_(*req.layout), codec_(codec), compressor_(codec, req.level) {
    if (!dir_.empty() && dir_.back() == '/') dir_.pop_back();
  }
  Codec block_codec(size_t) const override { return Codec::kNone; }
  bool needs_doc_ends() const override { return true; }

  Status write(size_t, std::string_view bytes, const std::vector<uint32_t>& ends, uint64_t) override {
    uint32_t begin = 0;
    for (uint32_t end : ends) {
      std::string_view doc = bytes.substr(begin, end - begin);
      begin = end;
      size_t part;
      if (layout_.shards > 0) {
        part = static_cast<size_t>(doc_counter_ % layout_.shards);
      } else {
        if (parts_.empty() || (layout_.max_file_docs && parts_.back().docs >= layout_.max_file_docs) ||
            (layout_.max_file_bytes && parts_.back().bytes > 0 &&
             parts_.back().bytes + doc.size() > layout_.max_file_bytes)) {
          DPK_RETURN_IF_ERROR(flush_and_close_last());
          DPK_RETURN_IF_ERROR(new_part());
        }
        part = parts_.size() - 1;
      }
      while (parts_.size() <= part) DPK_RETURN_IF_ERROR(new_part());
      Part& p = parts_[part];
      p.pending.append(doc);
      p.docs++;
      p.bytes += doc.size();
      ++doc_counter_;
      if (p.pending.size() >= (1u << 20)) DPK_RETURN_IF_ERROR(flush(p));
    }
    return Status::Ok();
  }
  Status input_done(size_t, std::string_view) override { return Status::Ok(); }
  Status finish() override {
    if (layout_.shards > 0) {
      while (parts_.size() < layout_.shards) DPK_RETURN_IF_ERROR(new_part());
    } else if (parts_.empty()) {
      DPK_RETURN_IF_ERROR(new_part());
    }
    for (auto& p : parts_) {
      if (!p.sink) continue;
      DPK_RETURN_IF_ERROR(flush(p));
      if (!p.wrote) DPK_RETURN_IF_ERROR(write_empty_frame(*p.sink, codec_));
      DPK_RETURN_IF_ERROR(p.sink->commit());
      p.sink.reset();
    }
    return Status::Ok();
  }
  std::vector<std::string> paths() const override {
    std::vector<std::string> v;
    for (const auto& p : parts_) v.push_back(p.path);
    return v;
  }
  std::string directory() const override { return dir_; }

 private:
  struct Part {
    std::string path;
    std::unique_ptr<ByteSink> sink;
    std::string pending;
    uint64_t docs = 0, bytes = 0;
    bool wrote = false;
  };
  Status new_part() {
    char name[32];
    std::snprintf(name, sizeof name, "part-%05zu.jsonl", parts_.size());
    Part p;
    p.path = dir_ + "/" + name + std::string(codec_extension(codec_));
    auto s = open_output(p.path);
    if (!s.ok()) return s.status();
    p.sink = std::move(*s);
    parts_.push_back(std::move(p));
    return Status::Ok();
  }
  Status flush(Part& p) {
    if (p.pending.empty()) return Status::Ok();
    frame_.clear();
    DPK_RETURN_IF_ERROR(compressor_.compress(p.pending, frame_));
    p.pending.clear();
    p.wrote = true;
    return p.sink->write(frame_);
  }
  Status flush_and_close_last() {
    if (parts_.empty()) return Status::Ok();
    Part& p = parts_.back();
    DPK_RETURN_IF_ERROR(flush(p));
    if (!p.wrote) DPK_RETURN_IF_ERROR(write_empty_frame(*p.sink, codec_));
    DPK_RETURN_IF_ERROR(p.sink->commit());
    p.sink.reset();
    return Status::Ok();
  }
  std::string dir_;
  OutputLayout layout_;
  Codec codec_;
  BlockCompressor compressor_;
  std::vector<Part> parts_;
  uint64_t doc_counter_ = 0;
  std::string frame_;
};

}  // namespace

std::vector<MirroredFile> mirrored_files(const OutputRequest& req, const std::vector<InputFile>& inputs) {
  std::string dir = req.output;
  if (!dir.empty() && dir.back() == '/') dir.pop_back();
  std::vector<MirroredFile> files;
  files.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InputFile& in = inputs[i];
    MirroredFile f;
    // A .bz2 or .xz input (read, not written by dpk) stays compressed: as .zst.
    const bool read_only_codec = has_read_only_codec_extension(in.relative);
    f.codec = req.spool ? Codec::kZstd
                        : resolve_codec(req.compression, read_only_codec ? Codec::kZstd : codec_for_path(in.relative));
    std::string rel = in.relative;
    if (req.spool) {
      rel = spool_file_name(i);
    } else if (req.from_source) {
      rel = strip_codec_extension(rel) + ".jsonl" + std::string(codec_extension(f.codec));
    } else if (req.compression != "auto" || read_only_codec) {
      rel = strip_codec_extension(rel) + std::string(codec_extension(f.codec));
    }
    f.path = dir + "/" + rel;
    f.record = dir + "/.dpk/done/" + rel + ".json";
    files.push_back(std::move(f));
  }
  return files;
}

std::string spool_file_name(size_t input_index) {
  return "input-" + std::to_string(input_index) + ".jsonl.zst";
}

StatusOr<std::unique_ptr<OutputTarget>> open_output_target(const OutputRequest& req,
                                                           const std::vector<InputFile>& inputs) {
  if (req.output == "/dev/null") return std::unique_ptr<OutputTarget>(new NullTarget());
  const bool is_dir = req.spool || output_is_directory(req.output);
  Codec first_input = inputs.empty() ? Codec::kNone : codec_for_path(inputs.front().relative);
  // The level's range depends on the codec, known only here (from the
  // output name, or per input in a directory); checked before any file is made.
  if (!req.spool) {
    if (is_dir) {
      for (const auto& in : inputs) {
        DPK_RETURN_IF_ERROR(check_compression_level(resolve_codec(req.compression, codec_for_path(in.relative)), req.level));
      }
    } else {
      DPK_RETURN_IF_ERROR(check_compression_level(resolve_codec(req.compression, codec_for_path(req.output)), req.level));
    }
  }
  if (req.layout) {
    if (!is_dir) {
      return Status::Usage(req.output + ": resharding writes part files: give -o a directory (ending in '/')");
    }
    return std::unique_ptr<OutputTarget>(new PartsTarget(req, resolve_codec(req.compression, first_input)));
  }
  if (is_dir) return std::unique_ptr<OutputTarget>(new MirrorTarget(req, inputs));
  Codec codec = resolve_codec(req.compression, codec_for_path(req.output));
  auto sink = open_output(req.output);
  if (!sink.ok()) return sink.status();
  return std::unique_ptr<OutputTarget>(new StreamTarget(std::move(*sink), codec));
}

}  // namespace dpk::runtime
