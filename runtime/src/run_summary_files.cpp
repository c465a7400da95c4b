#include "run_summary_files.h"

#include "dpk/byte_stream.h"
#include "run_outputs.h"
#include "summary_exchange.h"

namespace dpk::runtime {
namespace {

Status write_json(const std::string& path, const std::string& json) {
  auto sink = open_output(path);
  if (!sink.ok()) return sink.status();
  DPK_RETURN_IF_ERROR((*sink)->write(json));
  return (*sink)->commit();
}

}  // namespace

StatusOr<RunSummary> write_summary_files(Cluster& cluster, const RunConfig& cfg, const RunSummary& summary,
                                         const OutputTarget* final_target, const ShardAssignment& shard) {
  const std::string json = summary.to_json();
  const bool to_directory = final_target != nullptr && !final_target->directory().empty();
  RunSummary total;
  if (cluster.size() > 1) {
    // Every rank learns the totals (they decide --fail-on-empty alike);
    // rank 0 writes them next to each one's own.
    std::vector<std::string> counts;
    DPK_RETURN_IF_ERROR(cluster.allgather(encode_counts(summary) + encode_usage(summary), counts));
    auto t = totals_of_processes(summary, counts, cluster.size());
    if (!t.ok()) return t.status();
    total = std::move(*t);
    if (cluster.rank() == 0 && to_directory) {
      DPK_RETURN_IF_ERROR(write_json(RunOutputs::summary_path(final_target->directory(), {0, 1, ""}), total.to_json()));
    }
  }
  if (to_directory) DPK_RETURN_IF_ERROR(write_json(RunOutputs::summary_path(final_target->directory(), shard), json));
  if (!cfg.stats_path.empty()) DPK_RETURN_IF_ERROR(write_json(cfg.stats_path, json));
  if (cluster.size() > 1) return total;
  return summary;
}

}  // namespace dpk::runtime
