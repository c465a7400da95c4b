#include "warc_document_source.h"

#include <cstring>

#include "charset_decoder.h"
#include "dpk/json_text.h"
#include "dpk/warc_reader.h"

namespace dpk {
namespace {

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[i]) return false;
  }
  return true;
}

// Where the text goes: html, text, or nothing (not a text type).
enum class BodyKind { kHtml, kText, kOther };

BodyKind body_kind(std::string_view content_type) {
  while (!content_type.empty() && content_type.front() == ' ') content_type.remove_prefix(1);
  if (content_type.empty() || starts_with_ci(content_type, "text/html") ||
      starts_with_ci(content_type, "application/xhtml")) {
    return BodyKind::kHtml;
  }
  if (starts_with_ci(content_type, "text/")) return BodyKind::kText;
  return BodyKind::kOther;
}

// The longest block worth reading for a body of at most `max_body` bytes:
// the body plus a MiB for HTTP headers and chunk framing. A longer block
// holds a longer body (inflating never shrinks one by more than a few bytes
// in 64 KiB; chunk framing is a few bytes a chunk), so it is passed over
// unread and memory stays near the cap.
uint64_t max_block(uint64_t max_body) { return max_body == 0 ? 0 : max_body + (uint64_t{1} << 20); }

class WarcDocumentSource final : public ProducedByteSource {
 public:
  WarcDocumentSource(std::unique_ptr<ByteSource> raw, WarcSourceOptions options)
      : raw_(raw.get()), reader_(std::move(raw), max_block(options.max_body)), options_(std::move(options)) {}

  uint64_t raw_offset() const override { return raw_->raw_offset(); }
  Codec codec() const override { return raw_->codec(); }

 private:
  Status produce() override {
    auto more = reader_.next(rec_, problem_);
    if (!more.ok()) return more.status();
    if (!problem_.empty()) emit_problem();
    if (!*more) {
      done_ = true;
      return Status::Ok();
    }
    if (options_.types.count(rec_.type) == 0) return Status::Ok();
    if (rec_.block_skipped) {
      http_ = HttpResponse();  // no headers were read: no content type
      emit_skip("too_large", "a block of " + std::to_string(rec_.length) + " bytes, passed over unread");
      return Status::Ok();
    }
    std::string_view body = rec_.block;
    std::string_view content_type = rec_.content_type;
    std::string declared;
    int status = 0;
    if (rec_.type == "response") {
      if (!parse_http_response(rec_.block, http_, options_.max_body)) {
        emit_skip("not_http");
        return Status::Ok();
      }
      if (http_.bad_chunking) {
        emit_skip("bad_chunking", http_.chunking_problem);
        return Status::Ok();
      }
      if (http_.bad_encoding) {
        emit_skip("bad_content_encoding", "the gzip body does not inflate");
        return Status::Ok();
      }
      if (http_.too_large) {
        emit_skip("too_large");
        return Status::Ok();
      }
      body = http_.body;
      content_type = http_.content_type;
      declared = http_.charset;
      status = http_.status;
    }
    const BodyKind kind = body_kind(content_type);
    if (kind == BodyKind::kOther) {
      emit_skip("not_text");
      return Status::Ok();
    }
    if (options_.max_body != 0 && body.size() > options_.max_body) {
      emit_skip("too_large");
      return Status::Ok();
    }
    const std::string_view utf8 = decoder_.utf8_view(body, declared, utf8_, charset_);
    begin_doc();
    if (status != 0) {
      out_.append(",\"http_status\":");
      out_.append(std::to_string(status));
    }
    header_field("charset", charset_);  // a label from a header: any bytes
    field(kind == BodyKind::kHtml ? "html" : "text", utf8);
    if (kind == BodyKind::kHtml) out_.append(",\"text\":\"\"");
    out_.append("}\n");
    return Status::Ok();
  }

  void field(std::string_view key, std::string_view value) {
    out_.push_back(',');
    append_json_string(out_, key);
    out_.push_back(':');
    append_json_string(out_, value);
  }

  // Header values may be in any charset: make them valid UTF-8 first.
  void header_field(std::string_view key, std::string_view value) {
    decoder_.to_utf8(value, "utf-8", header_utf8_, header_cs_);
    field(key, header_utf8_);
  }

  void begin_doc() {
    out_.append("{\"url\":");
    decoder_.to_utf8(rec_.target_uri, "utf-8", header_utf8_, header_cs_);
    append_json_string(out_, header_utf8_);
    header_field("date", rec_.date);
    header_field("warc_record_id", rec_.record_id);
    header_field("warc_type", rec_.type);
    header_field("content_type", rec_.type == "response" ? std::string_view(http_.content_type)
                                                          : std::string_view(rec_.content_type));
    out_.append(",\"warc_offset\":");
    out_.append(std::to_string(rec_.offset));
  }

  void emit_skip(std::string_view why, std::string_view detail = {}) {
    begin_doc();
    field("warc_problem", why);
    if (!detail.empty()) field("warc_problem_detail", detail);
    out_.append(",\"text\":\"\"}\n");
  }

  void emit_problem() {
    out_.append("{\"warc_problem\":");
    append_json_string(out_, starts_with_ci(problem_, "truncated") || problem_.find("truncated") != std::string::npos
                                 ? "truncated"
                                 : "malformed");
    field("warc_problem_detail", problem_);
    out_.append(",\"text\":\"\"}\n");
  }

  ByteSource* raw_;
  WarcReader reader_;
  WarcSourceOptions options_;
  WarcRecord rec_;
  HttpResponse http_;
  CharsetDecoder decoder_;
  std::string problem_, utf8_, charset_, header_utf8_, header_cs_;
};

}  // namespace

std::unique_ptr<ByteSource> make_warc_document_source(std::unique_ptr<ByteSource> raw, const std::string&,
                                                      WarcSourceOptions options) {
  return std::make_unique<WarcDocumentSource>(std::move(raw), std::move(options));
}

}  // namespace dpk
