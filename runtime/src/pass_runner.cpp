#include "pass_runner.h"

#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "dpk/byte_stream.h"
#include "dpk/line_blocks.h"
#include "summary_exchange.h"
#include "torn_input.h"

namespace dpk::runtime {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kMaxWarnings = 10;
// A line a source step writes for a record it could not read (see
// TransformSpec::source): {"dpk_reject":"MESSAGE",...}.
constexpr std::string_view kSourceRejectKey = "dpk_reject";
constexpr std::string_view kSourceRejectPrefix = "{\"dpk_reject\":";
// Per-document buffers above this size are freed after each block, so memory
// does not ratchet up to (slots x largest document ever seen).
constexpr size_t kKeepDocumentBytes = 64 * 1024;

struct Rejection {
  uint64_t line;
  std::string message;
};

// One block of work as it moves through the three stages.
struct WorkItem {
  size_t input = 0;
  LineBlock block;
  uint64_t first_ordinal = 0;
  uint64_t raw_end = 0;
  uint64_t input_lines = 0;  // set on the item that ends an input
  bool last_of_input = false;
  Status read_error;
  DocumentBatch docs;
  std::vector<Document> children;
  std::string out, frame, dropped, quarantined;
  std::vector<uint32_t> doc_ends;
  std::vector<Rejection> rejections;
  std::vector<StepCounts> counts;
  uint64_t docs_in = 0, docs_out = 0, blank = 0, created = 0;
  Status step_error;

  void clear_results() {
    last_of_input = false;
    input_lines = 0;
    read_error = Status::Ok();
    out.clear();
    frame.clear();
    dropped.clear();
    quarantined.clear();
    doc_ends.clear();
    rejections.clear();
    for (auto& c : counts) c = StepCounts();
    docs_in = docs_out = blank = created = 0;
    step_error = Status::Ok();
    for (auto& d : docs) d.trim_capacity(kKeepDocumentBytes);
    block.size = 0;
  }
};

class PassRunner {
 public:
  // `records` writes the completion record of each input the pass finishes
  // (null for a spooled pass).
  PassRunner(const RunPlan& plan, const PassSpec& pass, const std::vector<InputFile>& inputs,
             OutputTarget& output, SideSinks& side, Pool<Chain>& chains, RunSummary& summary,
             std::vector<InputCounts>* input_counts, ProgressLine& progress, const OutputRecords* records)
      : plan_(plan), cfg_(plan.config), pass_(pass), inputs_(inputs), output_(output), side_(side),
        chains_(chains), summary_(summary), input_counts_(input_counts), progress_(progress), records_(records),
        input_start_(counts_of(summary)) {
    for (size_t i = 0; i < plan.steps.size(); ++i) {
      schemas_.push_back(&step_schema(plan, i));
      own_schemas_ |= plan.steps[i].own_schema.has_value();
    }
    // Documents are read as the pass's first step reads them.
    const size_t first = pass.decide_step >= 0 ? static_cast<size_t>(pass.decide_step) : pass.begin;
    parse_schema_ = first < schemas_.size() ? schemas_[first] : &cfg_.schema;
  }

  Status run(int threads) {
    const size_t tokens = static_cast<size_t>(threads) * 3 + 1;
    Pool<WorkItem> items;
    for (size_t i = 0; i < tokens; ++i) {
      auto w = std::make_unique<WorkItem>();
      w->counts.resize(plan_.steps.size());
      items.add(std::move(w));
    }
    tbb::task_arena arena(threads);
    arena.execute([&] {
      tbb::parallel_pipeline(
          tokens,
          tbb::make_filter<void, WorkItem*>(
              tbb::filter_mode::serial_in_order,
              [&](tbb::flow_control& fc) -> WorkItem* {
                WorkItem* w = read_next(items);
                if (w == nullptr) fc.stop();
                return w;
              }) &
              tbb::make_filter<WorkItem*, WorkItem*>(tbb::filter_mode::parallel,
                                                     [&](WorkItem* w) {
                                                       process(*w);
                                                       return w;
                                                     }) &
              tbb::make_filter<WorkItem*, void>(tbb::filter_mode::serial_in_order, [&](WorkItem* w) {
                collect(*w);
                items.give(w);
              }));
    });
    return error_;
  }

 private:
  // Stage 1 (serial): the next block of the current input, or an empty item
  // that marks the end of an input.
  WorkItem* read_next(Pool<WorkItem>& items) {
    if (stop_.load()) return nullptr;
    while (reader_ == nullptr) {
      if (next_input_ >= inputs_.size()) return nullptr;
      const size_t i = next_input_;
      if (!pass_.spool_in && output_.already_done(i)) {
        ordinal_base_ += output_.done_lines(i);
        if (input_counts_) (*input_counts_)[i].resumed = true;
        ++next_input_;
        continue;
      }
      // A source step reads any bytes; everything else reads JSONL lines.
      const bool from_source = !pass_.spool_in && starts_with_source(plan_);
      auto src = from_source ? open_input(inputs_[i].path) : open_jsonl_input(inputs_[i].path);
      if (src.ok() && from_source) {
        src = plan_.steps.front().spec->source(std::move(*src), inputs_[i].path, plan_.steps.front().options);
      }
      if (!src.ok()) {
        fail(src.status());
        return nullptr;
      }
      // Spooled lines are dpk's own, each a document that was read within the limit.
      reader_ = std::make_unique<LineBlockReader>(std::move(*src), cfg_.block_size,
                                                  pass_.spool_in ? LineBlockReader::kNoLimit : cfg_.max_line_bytes);
      // A slow stdin comes out as it comes in: the stdout sink writes each
      // block straight through (write(2), no buffer to flush).
      if (!pass_.spool_in) reader_->set_flush_interval(cfg_.flush_interval);
      current_ = i;
    }
    WorkItem* w = items.take();
    w->clear_results();
    w->input = current_;
    StatusOr<bool> more = false;
    try {
      more = reader_->next(w->block);
    } catch (const std::bad_alloc&) {
      more = out_of_memory_reading(inputs_[current_].path, reader_->lines() + 1, cfg_.max_line_bytes);
    }
    w->raw_end = reader_->raw_offset();
    if (!more.ok() || !*more) {
      if (!more.ok()) {
        w->read_error = describe_torn_tail(more.status(), *reader_);
        // The decoded bytes of the line the failure cut, as read.
        if (cfg_.on_error == OnError::kQuarantine && !reader_->torn_tail().empty()) {
          w->quarantined.assign(reader_->torn_tail());
          w->quarantined.push_back('\n');
        }
      }
      w->block.size = 0;
      w->last_of_input = true;
      w->input_lines = reader_->lines();
      ordinal_base_ += w->input_lines;  // the next input's ordinals follow on
      reader_.reset();
      ++next_input_;
      return w;
    }
    w->first_ordinal = ordinal_base_ + (w->block.first_line - 1);
    return w;
  }

  // Stage 2 (parallel): parse, run the steps, serialize, compress.
  void process(WorkItem& w) {
    if (w.block.size == 0) return;
    Chain* chain = chains_.take();
    try {
      parse(w, *chain);
      if (w.step_error.ok()) run_steps(w, *chain);
      if (w.step_error.ok()) serialize(w, *chain);
    } catch (const std::bad_alloc&) {
      w.step_error = Status::Io(inputs_[w.input].path + ": out of memory processing the block from line " +
                                std::to_string(w.block.first_line));
    } catch (const std::exception& e) {
      w.step_error = Status::Io(std::string("internal error in a step: ") + e.what());
    }
    chains_.give(chain);
  }

  static std::string_view next_line(std::string_view& rest) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    return line;
  }

  void parse(WorkItem& w, Chain& chain) {
    std::string_view rest = w.block.bytes();
    uint64_t line_no = w.block.first_line;
    size_t n = 0;
    if (w.block.overlong) {  // one line the reader did not hold whole: its head
      ++w.docs_in;
      reject(w, line_no, line_too_long_message(w.block.overlong_bytes, cfg_.max_line_bytes), rest);
      w.docs.resize(0);
      return;
    }
    const bool from_source = !pass_.spool_in && starts_with_source(plan_);
    for (; !rest.empty(); ++line_no) {
      std::string_view line = next_line(rest);
      if (!pass_.spool_in && line.size() > cfg_.max_line_bytes) {
        // Whole in this block, but over the limit all the same.
        ++w.docs_in;
        reject(w, line_no, line_too_long_message(line.size(), cfg_.max_line_bytes),
               line.substr(0, static_cast<size_t>(cfg_.max_line_bytes)));
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      uint64_t ordinal = w.first_ordinal + (line_no - w.block.first_line);
      uint32_t child = 0;
      uint64_t source_line = line_no;
      if (pass_.spool_in) {
        // "ORDINAL:CHILD:LINE\t" then the document (see serialize()).
        size_t tab = line.find('\t');
        size_t colon = line.find(':');
        size_t colon2 = colon == std::string_view::npos ? colon : line.find(':', colon + 1);
        if (tab == std::string_view::npos || colon2 == std::string_view::npos || colon2 > tab) {
          w.step_error = Status::Io("corrupt intermediate data in " + inputs_[w.input].path);
          return;
        }
        std::from_chars(line.data(), line.data() + colon, ordinal);
        std::from_chars(line.data() + colon + 1, line.data() + colon2, child);
        std::from_chars(line.data() + colon2 + 1, line.data() + tab, source_line);
        line.remove_prefix(tab + 1);
      }
      if (line.find_first_not_of(" \t") == std::string_view::npos) {
        ++w.blank;
        continue;
      }
      ++w.docs_in;
      if (n == w.docs.size()) w.docs.emplace_back();
      Document& d = w.docs[n];
      if (!chain.parser.parse(line, w.block.readable_from(line.data()), *parse_schema_, d, chain.error_text)) {
        if (chain.parser.out_of_memory()) {  // not bad input: the run cannot go on
          w.step_error = Status::Io(inputs_[w.input].path + ":" + std::to_string(line_no) + ": " + chain.error_text);
          w.docs.resize(n);
          return;
        }
        reject(w, line_no, chain.error_text, line);
        continue;
      }
      if (from_source && line.substr(0, kSourceRejectPrefix.size()) == kSourceRejectPrefix) {
        // A source step's record it could not read (a corrupt PDF in an
        // archive): rejected as bad input, under --on-error, with its message.
        std::string message;
        if (!d.get_string(kSourceRejectKey, message)) message = "unreadable record";
        reject(w, line_no, std::move(message), line);
        continue;
      }
      d.source = static_cast<uint32_t>(w.input);
      d.file_index = inputs_[w.input].index;
      d.line = source_line;
      d.ordinal = ordinal;
      d.child = child;
      ++n;
    }
    w.docs.resize(n);
  }

  // Bad input: counted and reported under --on-error in collect(); with
  // quarantine, `record` is kept as read.
  void reject(WorkItem& w, uint64_t line, std::string message, std::string_view record) {
    w.rejections.push_back({line, std::move(message)});
    if (cfg_.on_error == OnError::kQuarantine) {
      w.quarantined.append(record);
      w.quarantined.push_back('\n');
    }
  }

  void count_drops(WorkItem& w, size_t step) {
    StepCounts& c = w.counts[step];
    for (auto& d : w.docs) {
      if (d.dropped() && d.drop_step < 0) {
        d.drop_step = static_cast<int>(step);
        if (d.rejected()) {
          // Bad input a step found (Document::reject): handled like a line
          // that did not parse, under --on-error.
          c.rejected++;
          reject(w, d.line, d.reject_message(), d.raw());
          continue;
        }
        c.dropped[std::string(d.drop_reason())]++;
      }
    }
  }

  // The live documents of a batch; their text bytes are added to `text_bytes`.
  static uint64_t live(const DocumentBatch& docs, uint64_t& text_bytes) {
    uint64_t n = 0;
    for (const auto& d : docs) {
      if (d.dropped()) continue;
      ++n;
      text_bytes += d.text().size();
    }
    return n;
  }

  // Each document as step `step` reads it: its own text-key and id-key, if
  // it has them, else the run's. A document without the step's text field
  // is bad input there, as it would be for dpk-NAME --text-key KEY.
  void rebind(WorkItem& w, size_t step, Chain& chain) {
    if (!own_schemas_) return;
    for (auto& d : w.docs) {
      if (!d.dropped() && !d.rebind(schemas_[step], chain.error_text)) d.reject(chain.error_text);
    }
  }

  void run_steps(WorkItem& w, Chain& chain) {
    if (pass_.decide_first != nullptr) {
      auto t0 = Clock::now();
      StepCounts& c = w.counts[static_cast<size_t>(pass_.decide_step)];
      c.in += live(w.docs, c.text_bytes_in);
      rebind(w, static_cast<size_t>(pass_.decide_step), chain);
      for (auto& d : w.docs) {
        if (!d.dropped()) pass_.decide_first->decide(d);
      }
      count_drops(w, static_cast<size_t>(pass_.decide_step));
      c.out += live(w.docs, c.text_bytes_out);
      c.seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }
    for (size_t s = pass_.begin; s < pass_.end; ++s) {
      auto t0 = Clock::now();
      StepCounts& c = w.counts[s];
      // A global step that closes the pass only observes here; its documents
      // are counted once, in the next pass, where its decision applies.
      const bool observe_only = pass_.ends_at_global && s + 1 == pass_.end;
      if (!observe_only) c.in += live(w.docs, c.text_bytes_in);
      rebind(w, s, chain);
      Transform* t = chain.steps[s].get();
      if (auto* g = dynamic_cast<GlobalTransform*>(t)) {
        for (auto& d : w.docs) {
          if (!d.dropped()) g->observe(d);
        }
      } else if (auto* sp = dynamic_cast<SplitTransform*>(t)) {
        w.children.clear();
        for (auto& d : w.docs) {
          if (d.dropped()) {
            w.children.push_back(std::move(d));
            continue;
          }
          size_t before = w.children.size();
          sp->split(d, w.children);
          for (size_t k = before; k < w.children.size(); ++k) {
            Document& ch = w.children[k];
            ch.source = d.source;
            ch.file_index = d.file_index;
            ch.line = d.line;
            ch.ordinal = d.ordinal;
            ch.child = static_cast<uint32_t>(k - before);
          }
          const size_t made = w.children.size() - before;
          if (made == 0) {
            d.drop("empty_after_split");
            w.children.push_back(std::move(d));
          } else {
            w.created += made - 1;
          }
        }
        std::swap(w.docs, w.children);
      } else {
        t->process(w.docs);
      }
      count_drops(w, s);
      if (!observe_only) c.out += live(w.docs, c.text_bytes_out);
      c.seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }
  }

  void serialize(WorkItem& w, Chain& chain) {
    const bool spool_out = pass_.ends_at_global;
    const bool ends = output_.needs_doc_ends();
    for (auto& d : w.docs) {
      if (!d.dropped()) {
        if (spool_out) {
          w.out.append(std::to_string(d.ordinal));
          w.out.push_back(':');
          w.out.append(std::to_string(d.child));
          w.out.push_back(':');
          w.out.append(std::to_string(d.line));
          w.out.push_back('\t');
        }
        d.serialize(w.out);
        w.out.push_back('\n');
        if (ends) w.doc_ends.push_back(static_cast<uint32_t>(w.out.size()));
        ++w.docs_out;
      } else if (side_.dropped && !d.rejected()) {
        std::string reason(d.drop_reason());
        d.set_string("dpk_drop_reason", reason);
        d.serialize(w.dropped);
        w.dropped.push_back('\n');
      }
    }
    Codec codec = output_.block_codec(w.input);
    if (codec != Codec::kNone && !w.out.empty()) {
      auto& comp = chain.compressors[codec];
      if (!comp) comp = std::make_unique<BlockCompressor>(codec, spool_out ? 1 : cfg_.compression_level);
      Status s = comp->compress(w.out, w.frame);
      if (!s.ok()) w.step_error = s;
    }
  }

  // Stage 3 (serial, in input order): report, count, write.
  void collect(WorkItem& w) {
    if (stop_.load()) return;
    const InputFile& in = inputs_[w.input];
    if (!w.step_error.ok()) return fail(w.step_error);
    for (const auto& r : w.rejections) {
      const std::string where = in.path == "-" ? "<stdin>" : in.path;
      std::string msg = where + ":" + std::to_string(r.line) + ": " + r.message;
      if (cfg_.on_error == OnError::kFail) {
        return fail(Status::Data(msg + " (use --on-error skip or quarantine to go on)"));
      }
      warn(msg);
      summary_.rejected_by_reason[reason_key(r.message)]++;
    }
    if (!w.read_error.ok()) {
      if (w.read_error.code() != StatusCode::kData) return fail(w.read_error);
      if (cfg_.on_error == OnError::kFail) {
        return fail(Status::Data(w.read_error.message() + " (use --on-error skip or quarantine to go on)"));
      }
      warn(w.read_error.message());
      summary_.rejected_by_reason["truncated_input"]++;
      summary_.rejected++;
      summary_.documents_in++;
      if (input_counts_) (*input_counts_)[w.input].rejected++;
    }
    // Rejections are counted in every pass: a step of a later pass can
    // reject a document (Document::reject); lines only fail to parse in the
    // first.
    summary_.rejected += w.rejections.size();
    if (input_counts_) (*input_counts_)[w.input].rejected += w.rejections.size();
    if (!pass_.spool_in) {
      summary_.documents_in += w.docs_in;
      summary_.blank_lines += w.blank;
      summary_.bytes_in += w.block.size;
      if (input_counts_) {
        auto& ic = (*input_counts_)[w.input];
        ic.documents += w.docs_in;
        ic.bytes += w.block.size;
      }
    }
    summary_.created += w.created;
    for (size_t s = 0; s < w.counts.size(); ++s) summary_.steps[s].add(w.counts[s]);
    docs_seen_ += w.docs_in;
    lines_bytes_ += w.block.size;
    std::string_view bytes = output_.block_codec(w.input) == Codec::kNone ? std::string_view(w.out)
                                                                          : std::string_view(w.frame);
    Status s = output_.write(w.input, bytes, w.doc_ends, w.docs_out);
    if (!s.ok()) return fail(s);
    if (pass_.ends_at_global == false) {
      summary_.documents_out += w.docs_out;
      summary_.bytes_out += w.out.size();
    }
    if (side_.dropped && !w.dropped.empty()) {
      if (Status e = side_.dropped->write(w.dropped); !e.ok()) return fail(e);
    }
    if (side_.quarantine && !w.quarantined.empty()) {
      if (Status e = side_.quarantine->write(w.quarantined); !e.ok()) return fail(e);
    }
    if (w.last_of_input) {
      if (input_counts_) {
        auto& ic = (*input_counts_)[w.input];
        ic.outcome = !w.read_error.ok() ? "rejected" : ic.documents == 0 ? "empty_input" : "read";
      }
      finished_raw_ += in.size;
      // The record carries this input's share of the counts, for the summary of a resumed run.
      std::string rec;
      if (records_) rec = records_->record_json(w.input, w.input_lines, encode_counts_since(summary_, input_start_));
      input_start_ = counts_of(summary_);
      if (Status e = output_.input_done(w.input, rec); !e.ok()) return fail(e);
    }
    progress_.update(docs_seen_, finished_raw_ + (w.last_of_input ? 0 : w.raw_end), lines_bytes_);
  }

  static std::string reason_key(const std::string& message) {
    size_t colon = message.find(':');
    std::string key = message.substr(0, colon);
    for (auto& c : key) c = (c == ' ' || c == '\'') ? '_' : c;
    return key;
  }

  void warn(const std::string& msg) {
    if (cfg_.quiet) return;
    if (warnings_ < kMaxWarnings) {
      progress_.finish();
      std::fprintf(stderr, "%s: warning: %s\n", cfg_.tool.c_str(), msg.c_str());
    } else if (warnings_ == kMaxWarnings) {
      std::fprintf(stderr, "%s: warning: further warnings not shown (see the run summary)\n",
                   cfg_.tool.c_str());
    }
    ++warnings_;
  }

  void fail(const Status& s) {
    if (error_.ok()) error_ = s;
    stop_.store(true);
  }

  const RunPlan& plan_;
  const RunConfig& cfg_;
  PassSpec pass_;
  const std::vector<InputFile>& inputs_;
  OutputTarget& output_;
  SideSinks& side_;
  Pool<Chain>& chains_;
  RunSummary& summary_;
  std::vector<InputCounts>* input_counts_;
  ProgressLine& progress_;
  const OutputRecords* records_;
  RunSummary input_start_;  // the counts when the current input began
  std::vector<const Schema*> schemas_;  // the fields each step reads
  bool own_schemas_ = false;             // some step reads other fields than the run's
  const Schema* parse_schema_ = nullptr;

  std::unique_ptr<LineBlockReader> reader_;
  size_t next_input_ = 0;
  size_t current_ = 0;
  uint64_t ordinal_base_ = 0;
  std::atomic<bool> stop_{false};
  Status error_;
  size_t warnings_ = 0;
  uint64_t docs_seen_ = 0;
  uint64_t lines_bytes_ = 0;  // of the lines this pass read
  uint64_t finished_raw_ = 0;
};

}  // namespace

Status run_pass(const RunPlan& plan, const PassSpec& pass, const std::vector<InputFile>& inputs,
                OutputTarget& output, SideSinks& side, Pool<Chain>& chains, RunSummary& summary,
                std::vector<InputCounts>* input_counts, ProgressLine& progress, const OutputRecords* records,
                int threads) {
  PassRunner runner(plan, pass, inputs, output, side, chains, summary, input_counts, progress, records);
  return runner.run(threads);
}

}  // namespace dpk::runtime
