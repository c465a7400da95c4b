#include "dpk/runtime/pipeline.h"

#include <tbb/global_control.h>
#include <tbb/parallel_pipeline.h>
#include <tbb/task_arena.h>

#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "dpk/byte_stream.h"
#include "dpk/document_parser.h"
#include "dpk/input_files.h"
#include "dpk/json_writer.h"
#include "dpk/line_blocks.h"
#include "dpk/runtime/cluster.h"
#include "dpk/runtime/output_target.h"
#include "dpk/runtime/progress.h"
#include "global_step_guard.h"
#include "input_run_record.h"
#include "output_names.h"
#include "run_outputs.h"
#include "run_setup_record.h"
#include "side_outputs.h"
#include "summary_exchange.h"
#include "torn_input.h"

namespace dpk::runtime {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxWarnings = 10;
// A line a source step writes for a record it could not read (see
// TransformSpec::source): {"dpk_reject":"MESSAGE",...}.
constexpr std::string_view kSourceRejectKey = "dpk_reject";
constexpr std::string_view kSourceRejectPrefix = "{\"dpk_reject\":";
// Per-document buffers above this size are freed after each block, so memory
// does not ratchet up to (slots x largest document ever seen).
constexpr size_t kKeepDocumentBytes = 64 * 1024;

// The run's first step turns each input file into documents (dpk-warc,
// dpk-ingest) instead of the input being read as JSONL.
bool starts_with_source(const RunPlan& plan) {
  return !plan.steps.empty() && plan.steps.front().spec->source;
}

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

// What one worker needs: its own parser, transform instances, compressors.
struct Chain {
  DocumentParser parser;
  std::vector<std::unique_ptr<Transform>> steps;
  std::map<Codec, std::unique_ptr<BlockCompressor>> compressors;
  std::string error_text;
};

template <typename T>
class Pool {
 public:
  void add(std::unique_ptr<T> t) {
    free_.push_back(t.get());
    all_.push_back(std::move(t));
  }
  T* take() {
    std::lock_guard<std::mutex> lock(mu_);
    T* t = free_.back();
    free_.pop_back();
    return t;
  }
  void give(T* t) {
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(t);
  }
  std::vector<std::unique_ptr<T>>& all() { return all_; }

 private:
  std::mutex mu_;
  std::vector<T*> free_;
  std::vector<std::unique_ptr<T>> all_;
};

// A pass reads one set of inputs and runs steps [begin, end) on them. It may
// first apply the decision of the global step that closed the pass before,
// and it may end at a global step that needs all documents (observe only,
// output spooled for the next pass).
struct PassSpec {
  size_t begin = 0, end = 0;
  const GlobalTransform* decide_first = nullptr;
  int decide_step = -1;
  bool ends_at_global = false;
  bool spool_in = false;
};

// What the progress line calls pass `p`: its number and its steps, e.g.
// "pass 2/2: minhash-dedup (apply), pii"; "" for a run of one pass and one
// step (the tool's name says it all).
std::string pass_title(const RunPlan& plan, const std::vector<PassSpec>& passes, size_t p) {
  const PassSpec& ps = passes[p];
  std::string steps;
  auto add = [&](size_t step, const char* role) {
    if (!steps.empty()) steps += ", ";
    steps += std::string(plan.steps[step].spec->name) + role;
  };
  if (ps.decide_first) add(static_cast<size_t>(ps.decide_step), " (apply)");
  for (size_t i = ps.begin; i < ps.end; ++i) add(i, ps.ends_at_global && i + 1 == ps.end ? " (observe)" : "");
  if (passes.size() == 1) return plan.steps.size() > 1 ? steps : "";
  return "pass " + std::to_string(p + 1) + "/" + std::to_string(passes.size()) + ": " + steps;
}

// The instance decides, not the spec's kind: a global-kind transform may
// return a streaming instance for some options (e.g. sampling by fraction).
GlobalTransform* as_global(Transform* t) { return dynamic_cast<GlobalTransform*>(t); }

class PassRunner {
 public:
  // `records` writes the completion record of each input the pass finishes
  // (null for a spooled pass).
  PassRunner(const RunPlan& plan, const PassSpec& pass, const std::vector<InputFile>& inputs,
             OutputTarget& output, SideSinks& side, Pool<Chain>& chains, RunSummary& summary,
             std::vector<InputCounts>* input_counts, ProgressLine& progress, const OutputRecords* records)
      : plan_(plan), cfg_(plan.config), pass_(pass), inputs_(inputs), output_(output), side_(side),
        chains_(chains), summary_(summary), input_counts_(input_counts), progress_(progress), records_(records),
        input_start_(counts_of(summary)) {}

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
      if (!chain.parser.parse(line, w.block.readable_from(line.data()), cfg_.schema, d, chain.error_text)) {
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

  void run_steps(WorkItem& w, Chain& chain) {
    if (pass_.decide_first != nullptr) {
      auto t0 = Clock::now();
      StepCounts& c = w.counts[static_cast<size_t>(pass_.decide_step)];
      c.in += live(w.docs, c.text_bytes_in);
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

std::string temp_root(const RunConfig& cfg) {
  if (!cfg.temp_dir.empty()) return cfg.temp_dir;
  if (output_is_directory(cfg.output)) return cfg.output + "/.dpk";
  const char* t = std::getenv("TMPDIR");
  return t && *t ? t : "/tmp";
}

}  // namespace

Status configure_plan(RunPlan& plan) {
  plan.config.schema.text_required = plan.steps.empty() || plan.steps.front().spec->reads_text;
  StepContext ctx;
  ctx.schema = plan.config.schema;
  ctx.output = plan.config.output;
  ctx.output_is_dir = output_is_directory(plan.config.output);
  // The same shard run_plan() will use: from the options, else the environment.
  ShardAssignment shard = shard_from_environment();
  if (plan.config.shard_count > 0) shard = {plan.config.shard_index, plan.config.shard_count, "options"};
  ctx.shard_index = std::max(shard.index, 0);
  ctx.shard_count = std::max(shard.count, 1);
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    auto& step = plan.steps[i];
    std::string where = step.label.empty() ? "" : step.label + ": ";
    if (i > 0 && step.spec->source) {
      // A source turns input files into documents; later in a run it would
      // get documents, not files, and do nothing.
      return Status::Usage(where + "step '" + std::string(step.spec->name) +
                           "' reads input files and makes documents of them: it can only be the first step (it is "
                           "step " + std::to_string(i + 1) + ")");
    }
    DPK_RETURN_IF_ERROR(validate_options(step.spec->options, step.options, where));
    ctx.step_label = step.label;
    auto configured = step.spec->configure(step.options, ctx);
    if (!configured.ok()) {
      const Status& s = configured.status();
      return Status(s.code(), where + s.message());
    }
    step.configured = std::move(configured.value());
  }
  return Status::Ok();
}

namespace {

// Splits the steps into passes: a global step that needs a second pass ends
// one pass (observing), and the next pass applies its decision first.
std::vector<PassSpec> plan_passes(const RunPlan& plan, std::vector<std::unique_ptr<Transform>>& masters) {
  std::vector<PassSpec> passes;
  PassSpec cur;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    auto* g = as_global(masters[i].get());
    if (g == nullptr || !g->needs_second_pass()) continue;
    cur.end = i + 1;
    cur.ends_at_global = true;
    passes.push_back(cur);
    cur = PassSpec();
    cur.begin = i + 1;
    cur.decide_first = g;
    cur.decide_step = static_cast<int>(i);
    cur.spool_in = true;
  }
  cur.end = plan.steps.size();
  passes.push_back(cur);
  return passes;
}

// A run spread over processes: every process folds the others'
// observations of a global step into its merged instance, so each one
// decides as a one-process run would.
Status exchange_observations(Cluster& cluster, const PlannedStep& step, GlobalTransform& master, bool quiet) {
  std::string mine;
  if (!master.serialize(mine)) {
    return Status::Usage("step '" + std::string(step.spec->name) + "' cannot run spread over " +
                         std::to_string(cluster.size()) + " processes (it cannot exchange its observations)");
  }
  std::vector<std::string> all;
  const auto t0 = Clock::now();
  DPK_RETURN_IF_ERROR(cluster.allgather(mine, all));
  if (!quiet && cluster.rank() == 0) {
    size_t total = 0;
    for (const auto& a : all) total += a.size();
    std::fprintf(stderr, "dpk: %s: exchanged %zu bytes of observations over %d processes (%.3f s, waiting for the slowest included)\n",
                 std::string(step.spec->name).c_str(), total, cluster.size(),
                 std::chrono::duration<double>(Clock::now() - t0).count());
  }
  mine.clear();
  mine.shrink_to_fit();
  for (size_t r = 0; r < all.size(); ++r) {
    if (static_cast<int>(r) == cluster.rank()) continue;
    DPK_RETURN_IF_ERROR(master.merge_serialized(all[r]));
    all[r].clear();
    all[r].shrink_to_fit();
  }
  return Status::Ok();
}

Status run_plan_on(Cluster& cluster, RunPlan& plan, RunSummary& summary);

}  // namespace

Status run_plan(RunPlan& plan, RunSummary& summary) {
  auto c = cluster();
  if (!c.ok()) return c.status();
  Cluster& cl = **c;
  Status s = run_plan_on(cl, plan, summary);
  // The other processes may be waiting on this one in an exchange: end them
  // all, naming this rank, rather than leave them waiting.
  if (!s.ok() && cl.size() > 1) cl.abort(plan.config.tool + ": " + s.message(), s.exit_code());
  return s;
}

namespace {

Status run_plan_on(Cluster& cluster, RunPlan& plan, RunSummary& summary) {
  const RunConfig& cfg = plan.config;
  const auto t_start = Clock::now();
  summary.tool = cfg.tool;
  summary.started = utc_now_iso();
  summary.parameters_json = plan.parameters_json;
  summary.output = cfg.output;
  summary.steps.clear();
  for (const auto& s : plan.steps) summary.steps.push_back({std::string(s.spec->name), 0, 0, {}, 0});
  DPK_RETURN_IF_ERROR(record_setup(plan, summary));

  // Inputs of this shard.
  std::vector<SkippedInput> skipped;
  auto listed = list_inputs(cfg.inputs, cfg.glob, &skipped);
  if (!listed.ok()) return listed.status();
  name_below_common_folder(cfg.inputs, *listed);
  ShardAssignment shard = shard_from_environment();
  if (cfg.shard_count > 0) shard = {cfg.shard_index, cfg.shard_count, "options"};
  if (cluster.size() > 1 && (shard.index != cluster.rank() || shard.count != cluster.size())) {
    // The exchange assumes rank R holds shard R of N; anything else would
    // count some files twice and others never.
    return Status::Usage("under mpirun each rank takes its own shard: leave out --shard-index/--shard-count "
                         "(and run mpirun outside Slurm array jobs)");
  }
  std::vector<InputFile> inputs = shard_files(*listed, shard.index, shard.count);
  summary.shard_index = shard.index;
  summary.shard_count = shard.count;
  summary.inputs.clear();
  for (const auto& in : inputs) {
    summary.inputs.push_back({in.path, 0, 0, 0, false, "", in.size});
  }
  InputFileCounts walk;  // what walking the input folders left out
  for (const auto& s : skipped) walk.add_skipped(s.path, s.reason);
  if (!cfg.quiet) {
    for (const auto& line : walk.skip_warnings()) std::fprintf(stderr, "%s: warning: %s\n", cfg.tool.c_str(), line.c_str());
  }
  summary.input_files = InputFileCounts();
  summary.input_files.listed = inputs.size();
  if (shard.index == 0) {
    // Every shard skips the same files: the first counts them, so the
    // shards' totals add up.
    summary.input_files.skipped = walk.skipped;
    summary.input_files.skipped_examples = walk.skipped_examples;
  }

  int threads = cfg.threads > 0 ? cfg.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  tbb::global_control gc(tbb::global_control::max_allowed_parallelism, static_cast<size_t>(threads));
  summary.threads = threads;

  // One master instance per step (globals merge into it) and one chain per token.
  std::vector<std::unique_ptr<Transform>> masters;
  std::optional<OutputLayout> layout;
  for (auto& s : plan.steps) {
    masters.push_back(s.configured.make());
    if (s.configured.layout) layout = s.configured.layout;
  }
  DPK_RETURN_IF_ERROR(check_global_steps(plan, masters, shard, cluster.size()));
  std::vector<PassSpec> passes = plan_passes(plan, masters);
  // Before anything is read: distinct output names, the lock, stale
  // temporaries, and what an earlier run already completed.
  auto outputs = RunOutputs::prepare(plan, *listed, inputs, shard, passes.size() == 1);
  if (!outputs.ok()) return outputs.status();
  DPK_RETURN_IF_ERROR((*outputs)->carry_resumed(summary));
  Pool<Chain> chains;
  const size_t n_chains = static_cast<size_t>(threads) * 3 + 1;
  for (size_t i = 0; i < n_chains; ++i) {
    auto c = std::make_unique<Chain>();
    for (auto& s : plan.steps) c->steps.push_back(s.configured.make());
    chains.add(std::move(c));
  }

  SideSinks side;
  DPK_RETURN_IF_ERROR(open_side_outputs(cfg, side));

  ProgressLine progress(cfg.tool, !cfg.quiet && ProgressLine::stderr_is_terminal());
  std::vector<InputFile> pass_inputs = inputs;
  std::string spool_dir;
  std::unique_ptr<OutputTarget> final_target;
  std::optional<RunTally> upstream;  // the run that wrote the input folder, read when a step asks
  Status status;
  for (size_t p = 0; p < passes.size() && status.ok(); ++p) {
    const PassSpec& pass = passes[p];
    OutputRequest req;
    std::unique_ptr<OutputTarget> target;
    std::string next_spool;
    if (pass.ends_at_global) {
      next_spool = temp_root(cfg) + "/spool-" + std::to_string(::getpid()) + "-" + std::to_string(p);
      req.output = next_spool + "/";
      req.spool = true;
    } else {
      req.output = cfg.output;
      req.compression = cfg.compression;
      req.level = cfg.compression_level;
      req.resumed = (*outputs)->resumed_lines();
      req.layout = layout;
      req.from_source = starts_with_source(plan);
    }
    auto opened = open_output_target(req, pass_inputs);
    if (!opened.ok()) {
      status = opened.status();
      break;
    }
    target = std::move(*opened);
    uint64_t pass_bytes = 0;
    for (const auto& in : pass_inputs) pass_bytes += in.size;
    progress.start_pass(pass_title(plan, passes, p), pass_bytes);
    PassRunner runner(plan, pass, pass_inputs, *target, side, chains, summary,
                      p == 0 ? &summary.inputs : nullptr, progress,
                      pass.ends_at_global ? nullptr : &(*outputs)->records());
    status = runner.run(threads);
    if (status.ok()) status = target->finish();
    if (!spool_dir.empty()) fs::remove_all(spool_dir);
    spool_dir.clear();
    if (!status.ok()) {
      if (!next_spool.empty()) fs::remove_all(next_spool);
      break;
    }
    // Merge every chain's instances of globals finished in this pass.
    for (size_t i = pass.begin; i < pass.end; ++i) {
      auto* master = as_global(masters[i].get());
      if (master == nullptr) continue;
      for (auto& c : chains.all()) master->merge_from(*as_global(c->steps[i].get()));
      if (cluster.size() > 1 && !master->runs_per_shard() && !cfg.shard_local) {
        status = exchange_observations(cluster, plan.steps[i], *master, cfg.quiet);
        if (!status.ok()) break;
      }
      const auto t_finish = Clock::now();
      if (!upstream) upstream = input_run_tally(cfg.inputs).value_or(RunTally());
      master->see_run_tally(chain_tallies(*upstream, summary.tally(i)));
      status = master->finish();
      if (cluster.size() > 1 && cluster.rank() == 0 && !cfg.quiet) {
        // Every rank decides on all observations: the part that does not shrink with more ranks.
        std::fprintf(stderr, "dpk: %s: decided on the observations of all ranks in %.3f s\n",
                     std::string(plan.steps[i].spec->name).c_str(),
                     std::chrono::duration<double>(Clock::now() - t_finish).count());
      }
      if (!status.ok()) break;
    }
    if (pass.ends_at_global) {
      spool_dir = next_spool;
      for (size_t i = 0; i < pass_inputs.size(); ++i) {
        // The name the spool's MirrorTarget gave this input's data.
        pass_inputs[i].path = spool_dir + "/" + spool_file_name(i);
        // Known now: the next pass's progress shows percent and ETA.
        std::error_code ec;
        const auto size = fs::file_size(pass_inputs[i].path, ec);
        pass_inputs[i].size = ec ? 0 : size;
      }
    } else {
      final_target = std::move(target);
    }
  }
  if (!spool_dir.empty()) fs::remove_all(spool_dir);
  progress.finish();
  if (status.ok() && side.dropped) status = side.dropped->commit();
  if (status.ok() && side.quarantine) status = side.quarantine->commit();
  for (auto& st : plan.steps) {
    if (status.ok() && st.configured.commit) status = st.configured.commit();
  }

  summary.wall_seconds = std::chrono::duration<double>(Clock::now() - t_start).count();
  if (final_target) summary.outputs = final_target->paths();
  if (!status.ok()) return status;
  for (auto& in : summary.inputs) {
    if (in.resumed) in.outcome = "resumed";
    summary.input_files.add_outcome(in.outcome);
  }

  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!summary.inputs[i].resumed) summary.input_file_bytes += inputs[i].size;
  }
  record_usage(summary);
  const std::string json = summary.to_json();
  RunSummary total;  // of all processes, under mpirun
  if (cluster.size() > 1) {
    // Every rank learns the totals (they decide --fail-on-empty alike);
    // rank 0 writes them next to each one's own.
    std::vector<std::string> counts;
    DPK_RETURN_IF_ERROR(cluster.allgather(encode_counts(summary) + encode_usage(summary), counts));
    total.tool = summary.tool;
    total.started = summary.started;
    total.wall_seconds = summary.wall_seconds;
    total.parameters_json = summary.parameters_json;
    total.common_options_json = summary.common_options_json;
    total.step_setups = summary.step_setups;
    total.host = summary.host;  // rank 0's; each rank's own record names its host
    total.threads = summary.threads;
    total.output = summary.output;
    total.shard_index = 0;
    total.shard_count = cluster.size();
    total.steps = summary.steps;
    for (auto& st : total.steps) {
      st.in = st.out = st.rejected = 0;
      st.dropped.clear();
      st.seconds = 0;
    }
    for (const auto& c : counts) DPK_RETURN_IF_ERROR(add_counts(c, total));
    total.input_files.skipped_examples = summary.input_files.skipped_examples;  // rank 0 is shard 0
    if (cluster.rank() == 0 && final_target && !final_target->directory().empty()) {
      auto sink = open_output(RunOutputs::summary_path(final_target->directory(), {0, 1, ""}));
      if (!sink.ok()) return sink.status();
      DPK_RETURN_IF_ERROR((*sink)->write(total.to_json()));
      DPK_RETURN_IF_ERROR((*sink)->commit());
    }
  }
  if (final_target && !final_target->directory().empty()) {
    auto sink = open_output(RunOutputs::summary_path(final_target->directory(), shard));
    if (!sink.ok()) return sink.status();
    DPK_RETURN_IF_ERROR((*sink)->write(json));
    DPK_RETURN_IF_ERROR((*sink)->commit());
  }
  if (!cfg.stats_path.empty()) {
    auto sink = open_output(cfg.stats_path);
    if (!sink.ok()) return sink.status();
    DPK_RETURN_IF_ERROR((*sink)->write(json));
    DPK_RETURN_IF_ERROR((*sink)->commit());
  }
  // One line for the person (a batch log included), from rank 0 for all ranks.
  Status empty = report_run_end(cluster.size() > 1 ? total : summary, cfg, cluster.rank() == 0);
  if (!summary.balanced()) {
    return Status::Io("internal error: document counts do not balance (see the run summary)");
  }
  if (!summary.input_files.balanced()) {
    return Status::Io("internal error: input file counts do not balance (see input_files in the run summary)");
  }
  return empty;
}

}  // namespace

std::string explain_plan(const RunPlan& plan) {
  std::string s;
  std::vector<std::unique_ptr<Transform>> masters;
  for (const auto& st : plan.steps) masters.push_back(st.configured.make());
  std::vector<PassSpec> passes = plan_passes(plan, masters);
  s += "input:  " + (plan.config.inputs.empty() ? std::string("-") : std::string());
  for (size_t i = 0; i < plan.config.inputs.size(); ++i) s += (i ? " " : "") + plan.config.inputs[i];
  s += "\noutput: " + plan.config.output + "\n";
  for (size_t p = 0; p < passes.size(); ++p) {
    const PassSpec& ps = passes[p];
    s += "pass " + std::to_string(p + 1) + ": read " + (ps.spool_in ? "intermediate data" : "input");
    if (ps.decide_first) s += " -> apply " + std::string(plan.steps[static_cast<size_t>(ps.decide_step)].spec->name);
    for (size_t i = ps.begin; i < ps.end; ++i) {
      const auto& st = plan.steps[i];
      s += " -> " + std::string(st.spec->name);
      if (ps.ends_at_global && i + 1 == ps.end) s += " (observe)";
    }
    s += ps.ends_at_global ? " -> spool\n" : " -> write output\n";
  }
  s += "steps:\n";
  for (const auto& st : plan.steps) {
    s += "  " + std::string(st.spec->name) + " [" + std::string(transform_kind_name(st.spec->kind)) + "]";
    if (!st.configured.explain.empty()) s += ": " + st.configured.explain;
    s += "\n";
  }
  s += "equivalent shell pipeline:\n  ";
  std::string pipeline;
  for (size_t i = 0; i < plan.steps.size(); ++i) {
    const auto& st = plan.steps[i];
    if (i) pipeline += " \\\n    | ";
    pipeline += "dpk-" + std::string(st.spec->name);
    for (const auto& [name, vals] : st.options.all()) {
      for (const auto& v : vals) {
        const OptionSpec* spec = nullptr;
        for (const auto& o : st.spec->options) if (o.name == name) spec = &o;
        if (spec && spec->type == OptionType::kFlag) {
          if (v == "true") pipeline += " --" + name;
          continue;
        }
        if (spec && v == spec->default_value) continue;
        pipeline += " --" + name + " '" + v + "'";
      }
    }
    if (i == 0) {
      for (const auto& in : plan.config.inputs) pipeline += " " + in;
    }
  }
  if (plan.steps.empty()) pipeline = "cat";
  // A directory output cannot be a redirection: the last tool writes it.
  if (output_is_directory(plan.config.output)) {
    pipeline += " -o " + plan.config.output + "\n";
  } else {
    pipeline += " > " + plan.config.output + "\n";
  }
  s += pipeline;
  return s;
}

}  // namespace dpk::runtime
