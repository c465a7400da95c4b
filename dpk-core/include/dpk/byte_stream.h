// dpk/byte_stream.h — reading and writing the bytes of one input or output:
// a file or stdin/stdout ("-"), with .gz, .zst, .bz2 and .xz decompressed on
// the fly (detected from the first bytes, whatever the name says).
//
//   auto src = dpk::open_input("corpus.jsonl.zst");
//   if (!src.ok()) return src.status();
//   char buf[65536];
//   auto n = (*src)->read(buf, sizeof buf);   // 0 at end of stream
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "dpk/compression.h"
#include "dpk/status.h"

namespace dpk {

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n decoded bytes; 0 means end of stream. A truncated or
  // corrupt compressed stream is a kData error naming the byte offset.
  virtual StatusOr<size_t> read(char* buf, size_t n) = 0;
  // Bytes consumed from the underlying file so far (compressed bytes).
  virtual uint64_t raw_offset() const = 0;
  virtual Codec codec() const = 0;
  // True for a source fed by a pipe, terminal or socket, whose bytes come
  // when its writer sends them; false for a file, whose bytes are at hand.
  virtual bool can_stall() const { return false; }
  // Waits up to `timeout_ms` for bytes to read; false when none came in
  // time. True at once when a read would not wait (bytes buffered, or a
  // source that cannot stall). Only meant after a read returned less than
  // asked, so a steady stream pays no wait.
  virtual bool wait_readable(int /*timeout_ms*/) { return true; }
};

// A ByteSource whose bytes a subclass makes on demand, a piece at a time:
// read() calls produce() until it has the bytes asked for or the subclass
// sets done_. Source steps (dpk-warc, dpk-ingest) append one JSONL line per
// record to out_, so only the records in flight are held.
class ProducedByteSource : public ByteSource {
 public:
  StatusOr<size_t> read(char* buf, size_t n) final;

 protected:
  // Appends to out_ (possibly nothing, e.g. a record skipped), or sets done_.
  virtual Status produce() = 0;
  std::string out_;
  bool done_ = false;

 private:
  size_t out_pos_ = 0;
};

// Opens a file, or stdin for "-". Missing file: kUsage; unreadable: kIo.
// gzip, zstd, bzip2 and xz are decoded; anything else is read as it is.
StatusOr<std::unique_ptr<ByteSource>> open_input(const std::string& path);
// open_input() for a file to be read as JSONL lines: a format that is known
// not to be lines (Parquet, by its "PAR1" magic) is kUsage, naming it,
// rather than a stream of malformed lines.
StatusOr<std::unique_ptr<ByteSource>> open_jsonl_input(const std::string& path);

// Reads the whole (decoded) input into a string: for small side files.
StatusOr<std::string> read_whole_input(const std::string& path);

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status write(std::string_view bytes) = 0;
  // Flushes and closes; for files opened atomically, renames the temporary
  // file to its final name. Without commit(), the temporary file is removed.
  virtual Status commit() = 0;
  virtual const std::string& path() const = 0;
};

// stdout for "-"; otherwise `path` written under a temporary name in the
// same directory and renamed on commit (parent directories are created).
StatusOr<std::unique_ptr<ByteSink>> open_output(const std::string& path);

// The temporary name open_output writes `path` under until commit:
// PATH.tmp-PID.
std::string temporary_output_name(const std::string& path);
// True for a file name of that form (NAME.tmp- then digits only): a file dpk
// is writing, or one a killed run left. Input listings skip exactly these.
bool is_temporary_output_name(std::string_view file_name);

}  // namespace dpk
