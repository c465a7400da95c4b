#include "run_setup_record.h"

#include <filesystem>
#include <system_error>

#include "dpk/runtime/cli.h"
#include "file_digest.h"
#include "process_usage.h"

namespace dpk::runtime {

Status record_setup(const RunPlan& plan, RunSummary& summary) {
  // A plan made in code from a ready RunConfig (a staged step's pass) has no
  // option values to resolve: "{}" says so, where nulls would mislead.
  summary.common_options_json =
      plan.common_options.all().empty() ? "{}" : resolved_options_json(common_options(), plan.common_options);
  summary.step_setups.clear();
  for (const auto& step : plan.steps) {
    StepSetup setup;
    setup.options_json = resolved_options_json(step.spec->options, step.options);
    for (const auto& path : step.configured.model_files) {
      ModelFile m;
      m.path = path;
      std::error_code ec;
      const auto size = std::filesystem::file_size(path, ec);
      if (ec) return Status::Io("cannot read model file " + path + ": " + ec.message());
      m.bytes = size;
      auto digest = sha256_file(path);
      if (!digest.ok()) return digest.status();
      m.sha256 = std::move(*digest);
      setup.models.push_back(std::move(m));
    }
    summary.step_setups.push_back(std::move(setup));
  }
  return Status::Ok();
}

void record_usage(RunSummary& summary) {
  summary.host = host_name();
  const ProcessUsage u = process_usage();
  summary.cpu_seconds = u.cpu_seconds;
  summary.peak_rss_bytes = u.peak_rss_bytes;
}

}  // namespace dpk::runtime
