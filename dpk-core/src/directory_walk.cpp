#include "directory_walk.h"

#include <fnmatch.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include "dpk/byte_stream.h"

namespace dpk {
namespace fs = std::filesystem;

namespace {

bool glob_matches(const std::string& glob, const std::string& rel) {
  if (glob.empty()) return true;
  if (fnmatch(glob.c_str(), rel.c_str(), 0) == 0) return true;
  std::string name = fs::path(rel).filename().string();
  return fnmatch(glob.c_str(), name.c_str(), 0) == 0;
}

// True when `path` is `root` or below it (both canonical).
bool is_within(const std::string& root, const std::string& path) {
  if (root == "/") return true;
  return path == root || (path.size() > root.size() && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/');
}

class DirectoryWalk {
 public:
  DirectoryWalk(const std::string& root, const std::string& glob, std::vector<InputFile>& found,
                std::vector<SkippedInput>* skipped)
      : root_(root), glob_(glob), found_(found), skipped_(skipped) {}

  Status run() {
    std::error_code ec;
    root_real_ = fs::canonical(root_, ec).string();
    if (ec) return Status::Io(root_ + ": cannot resolve the directory: " + ec.message());
    struct stat st{};
    if (::stat(root_.c_str(), &st) != 0) return Status::Io(root_ + ": cannot read: " + std::strerror(errno));
    visited_dirs_.insert({st.st_dev, st.st_ino});
    // Real files and folders first, links after: a file is listed under its
    // own name wherever links to it sort, and a link only adds what no real
    // path reaches (a folder of links into a blob store, say).
    DPK_RETURN_IF_ERROR(walk(fs::path(root_), fs::path()));
    for (size_t i = 0; i < links_.size(); ++i) {
      const auto [path, rel] = links_[i];  // a copy: following a link may add more
      DPK_RETURN_IF_ERROR(follow_link(path, rel));
    }
    return Status::Ok();
  }

 private:
  using Key = std::pair<dev_t, ino_t>;

  Status walk(const fs::path& dir, const fs::path& rel) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) return Status::Io(dir.string() + ": cannot list directory: " + ec.message());
    std::sort(names.begin(), names.end());
    for (const auto& name : names) DPK_RETURN_IF_ERROR(visit(dir / name, rel.empty() ? fs::path(name) : rel / name));
    return Status::Ok();
  }

  Status visit(const fs::path& path, const fs::path& rel) {
    const std::string name = rel.filename().string();
    struct stat st{};
    if (::lstat(path.c_str(), &st) != 0) {
      // Gone since the folder was listed: a temporary renamed by the run
      // writing it, or a file another process removed.
      if (errno == ENOENT) return skip(path, is_temporary_output_name(name) ? "dpk_temporary" : "vanished");
      return Status::Io(path.string() + ": cannot read: " + std::strerror(errno));
    }
    if (!name.empty() && name[0] == '.') {
      return skip(path, name == ".dpk" && S_ISDIR(st.st_mode) ? "dpk_records" : "hidden");
    }
    if (S_ISLNK(st.st_mode)) {
      links_.emplace_back(path, rel);
      return Status::Ok();
    }
    return add(path, rel, st);
  }

  Status follow_link(const fs::path& path, const fs::path& rel) {
    struct stat st{};
    std::error_code ec;
    const std::string target = fs::canonical(path, ec).string();
    if (ec || ::stat(path.c_str(), &st) != 0) return skip(path, "broken_link");
    if (S_ISDIR(st.st_mode)) {
      const std::string at = fs::canonical(path.parent_path(), ec).string();
      if (!ec && is_within(target, at)) return skip(path, "symlink_loop");
    }
    // Only what lies inside the folder the user named is read: a link to a
    // folder elsewhere could pull in a whole disk, and a link to a file
    // elsewhere is data the user did not name. Both are counted and named in
    // a warning; name the target (or the folder holding it) to read it.
    if (!is_within(root_real_, target)) return skip(path, "link_outside_input");
    return add(path, rel, st);
  }

  // A real file or folder, or where a link leads (`st` of the target).
  Status add(const fs::path& path, const fs::path& rel, const struct stat& st) {
    const Key key{st.st_dev, st.st_ino};
    if (S_ISDIR(st.st_mode)) {
      if (!visited_dirs_.insert(key).second) return skip(path, "duplicate");
      return walk(path, rel);
    }
    if (!S_ISREG(st.st_mode)) return skip(path, "not_regular_file");
    const std::string name = rel.filename().string();
    if (is_temporary_output_name(name)) return skip(path, "dpk_temporary");
    if (!glob_matches(glob_, rel.string())) return skip(path, "glob_mismatch");
    if (!visited_files_.insert(key).second) return skip(path, "duplicate");
    found_.push_back({path.string(), rel.string(), static_cast<uint64_t>(st.st_size), 0});
    return Status::Ok();
  }

  Status skip(const fs::path& path, const char* reason) {
    if (skipped_ != nullptr) skipped_->push_back({path.string(), reason});
    return Status::Ok();
  }

  const std::string& root_;
  const std::string& glob_;
  std::vector<InputFile>& found_;
  std::vector<SkippedInput>* skipped_;
  std::string root_real_;
  std::set<Key> visited_dirs_, visited_files_;
  std::vector<std::pair<fs::path, fs::path>> links_;  // (path, relative) of links, followed after the real walk
};

}  // namespace

Status walk_input_directory(const std::string& root, const std::string& glob, std::vector<InputFile>& found,
                            std::vector<SkippedInput>* skipped) {
  return DirectoryWalk(root, glob, found, skipped).run();
}

}  // namespace dpk
