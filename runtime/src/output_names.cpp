#include "output_names.h"

#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <utility>

namespace dpk::runtime {
namespace fs = std::filesystem;

namespace {

fs::path absolute_normal(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::absolute(p, ec).lexically_normal();
  if (a.has_filename() == false && a.has_parent_path() && a != a.root_path()) a = a.parent_path();
  return a;
}

fs::path common_prefix(const fs::path& a, const fs::path& b) {
  fs::path out;
  auto ia = a.begin(), ib = b.begin();
  for (; ia != a.end() && ib != b.end() && *ia == *ib; ++ia, ++ib) out /= *ia;
  return out;
}

// Where a path leads: the file's identity when it exists, else its weakly
// canonical spelling. Empty `canonical` = not a file to compare.
struct FileKey {
  std::string canonical;
  bool exists = false;
  dev_t dev = 0;
  ino_t ino = 0;
};

FileKey key_of(const std::string& path) {
  FileKey k;
  if (path.empty() || path == "-") return k;
  struct stat st{};
  if (::stat(path.c_str(), &st) == 0) {
    if (!S_ISREG(st.st_mode)) return k;  // /dev/null, a fifo, a directory
    k.exists = true;
    k.dev = st.st_dev;
    k.ino = st.st_ino;
  }
  std::error_code ec;
  fs::path c = fs::weakly_canonical(absolute_normal(path), ec);
  k.canonical = ec ? absolute_normal(path).string() : c.string();
  return k;
}

// The folder a path reaches, links resolved as far as they exist.
fs::path canonical_folder(const std::string& path) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(absolute_normal(path), ec);
  if (ec) c = absolute_normal(path);
  if (!c.has_filename() && c.has_parent_path() && c != c.root_path()) c = c.parent_path();
  return c;
}

// Whether `inner` lies strictly below `outer`.
bool strictly_below(const fs::path& inner, const fs::path& outer) {
  fs::path rel = inner.lexically_relative(outer);
  return !rel.empty() && rel != "." && *rel.begin() != "..";
}

}  // namespace

Status check_output_outside_inputs(const std::string& output_dir, const std::vector<std::string>& input_args) {
  const fs::path out = canonical_folder(output_dir);
  for (const auto& arg : input_args) {
    std::error_code ec;
    if (arg == "-" || !fs::is_directory(arg, ec)) continue;
    if (strictly_below(out, canonical_folder(arg))) {
      return Status::Usage("output folder " + output_dir + " is inside the input folder " + arg +
                           ": a rerun would read its own output; write the output elsewhere");
    }
  }
  return Status::Ok();
}

Status check_side_files_outside_data(const std::string& output_dir, const std::vector<NamedOutput>& side_files) {
  const fs::path out = canonical_folder(output_dir);
  const fs::path records = out / ".dpk";
  for (const auto& f : side_files) {
    const fs::path p = canonical_folder(f.path);
    if (strictly_below(p, out) && !strictly_below(p, records)) {
      return Status::Usage(f.role + " " + f.path + " is inside the output folder " + output_dir +
                           ", whose files are the data the next tool reads: write it elsewhere (or below " +
                           (fs::path(output_dir) / ".dpk").lexically_normal().string() + "/)");
    }
  }
  return Status::Ok();
}

void name_below_common_folder(const std::vector<std::string>& args, std::vector<InputFile>& inputs) {
  fs::path root;
  bool first = true;
  for (const auto& arg : args) {
    if (arg == "-") continue;
    std::error_code ec;
    fs::path a = absolute_normal(arg);
    fs::path folder = fs::is_directory(arg, ec) ? a : a.parent_path();
    root = first ? folder : common_prefix(root, folder);
    first = false;
  }
  if (first) return;  // standard input only
  for (auto& in : inputs) {
    if (in.path == "-") continue;
    // An input reached outside the arguments' folders (through a link the
    // listing resolved) keeps its name below its argument; the distinct-name
    // check still stands guard over it.
    fs::path rel = absolute_normal(in.path).lexically_relative(root);
    if (!rel.empty() && *rel.begin() != "..") in.relative = rel.string();
  }
}

Status check_distinct_outputs(const std::vector<NamedOutput>& outputs, const std::vector<InputFile>& inputs) {
  // What reached each file first: an input, or an output ("ROLE PATH").
  struct Seen {
    bool input;
    std::string what;
  };
  std::map<std::string, Seen> by_name;
  std::map<std::pair<dev_t, ino_t>, Seen> by_inode;
  auto add = [&](const FileKey& k, const Seen& seen) {
    by_name.emplace(k.canonical, seen);
    if (k.exists) by_inode.emplace(std::make_pair(k.dev, k.ino), seen);
  };
  for (const auto& in : inputs) {
    FileKey k = key_of(in.path);
    if (!k.canonical.empty()) add(k, {true, in.path});
  }
  for (const auto& out : outputs) {
    FileKey k = key_of(out.path);
    if (k.canonical.empty()) continue;
    const Seen* seen = nullptr;
    if (auto it = by_name.find(k.canonical); it != by_name.end()) seen = &it->second;
    if (seen == nullptr && k.exists) {
      if (auto it = by_inode.find({k.dev, k.ino}); it != by_inode.end()) seen = &it->second;
    }
    const std::string what = out.role + " " + out.path;
    if (seen != nullptr && seen->input) {
      return Status::Usage(what + " names the input " + seen->what + ": write the output elsewhere");
    }
    if (seen != nullptr) {
      return Status::Usage(what + " and " + seen->what + " name the same file: give each output its own path");
    }
    add(k, {false, what});
  }
  return Status::Ok();
}

}  // namespace dpk::runtime
