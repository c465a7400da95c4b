#include "dpk/compressed_sink.h"

namespace dpk {
namespace {

constexpr size_t kFrameBytes = 1 << 20;

class CompressedSink final : public ByteSink {
 public:
  CompressedSink(std::unique_ptr<ByteSink> file, Codec codec, int level)
      : file_(std::move(file)), compressor_(codec, level) {}

  Status write(std::string_view bytes) override {
    pending_.append(bytes);
    if (pending_.size() >= kFrameBytes) return flush();
    return Status::Ok();
  }
  Status commit() override {
    if (!pending_.empty() || !wrote_) DPK_RETURN_IF_ERROR(flush());
    return file_->commit();
  }
  const std::string& path() const override { return file_->path(); }

 private:
  Status flush() {
    frame_.clear();
    DPK_RETURN_IF_ERROR(compressor_.compress(pending_, frame_));
    pending_.clear();
    wrote_ = true;
    return file_->write(frame_);
  }

  std::unique_ptr<ByteSink> file_;
  BlockCompressor compressor_;
  std::string pending_, frame_;
  bool wrote_ = false;
};

}  // namespace

StatusOr<std::unique_ptr<ByteSink>> open_compressed_output(const std::string& path, Codec codec, int level) {
  if (codec == Codec::kBzip2 || codec == Codec::kXz) {
    return Status::Usage(path + ": dpk writes no " + std::string(codec_name(codec)) + " (use .gz or .zst)");
  }
  auto file = open_output(path);
  if (!file.ok() || codec == Codec::kNone) return file;
  return std::unique_ptr<ByteSink>(new CompressedSink(std::move(*file), codec, level));
}

}  // namespace dpk
