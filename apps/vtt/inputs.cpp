// Inputs (see inputs.hpp).
#include "inputs.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <vttkit/report.hpp>

namespace fs = std::filesystem;

namespace vtt {
namespace {

bool wanted_file(const fs::path& p, input_kinds kinds) {
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".vtt" || (ext == ".srt" && kinds == subtitle_files);
}

/// Walks `dir` (the subfolders in name order are walked too; links to folders are not
/// followed) and adds the wanted files to `found`, each with its path relative to `root` as
/// written, never resolved through a link: an output under --out-dir stays at the link's own
/// place. A folder that cannot be read is reported and the walk goes on.
void walk(const fs::path& root, const fs::path& dir, input_kinds kinds, std::vector<input_file>& found,
          const std::function<void(const std::string&)>& error) {
  std::error_code ec;
  fs::directory_iterator it{dir, ec}, end;
  for (; !ec && it != end; it.increment(ec)) {
    std::error_code fec;
    const auto& path = it->path();
    if (it->is_symlink(fec) ? false : it->is_directory(fec)) walk(root, path, kinds, found, error);
    else if (it->is_regular_file(fec) && wanted_file(path, kinds))
      found.push_back({path.string(), path.lexically_relative(root).string()});
  }
  if (ec) error(fmt::format("{}: cannot read the folder: {}", vttkit::display_name(dir.string()), ec.message()));
}

}  // namespace

std::vector<input_file> expand_inputs(const std::vector<std::string>& args, bool recursive, input_kinds kinds,
                                      const std::function<void(const std::string&)>& error) {
  std::vector<input_file> out;
  if (args.empty()) {
    out.push_back({"-", "-"});
    return out;
  }
  for (const auto& arg : args) {
    std::error_code ec;
    if (arg != "-" && recursive && fs::is_directory(arg, ec)) {
      std::vector<input_file> found;
      walk(arg, arg, kinds, found, error);
      if (found.empty())
        error(fmt::format("{}: no {} files in the folder", vttkit::display_name(arg),
                          kinds == subtitle_files ? ".vtt or .srt" : ".vtt"));
      std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
      out.insert(out.end(), found.begin(), found.end());
    } else {
      out.push_back({arg, fs::path(arg).filename().string()});
    }
  }
  return out;
}

file_identities::file_identities(const std::vector<input_file>& inputs) {
  for (const auto& in : inputs) {
    // Standard input counts too when it is a file (`vtt convert -o v.vtt - < v.vtt`).
    struct stat st {};
    if (in.is_stdin() ? ::fstat(0, &st) == 0 && S_ISREG(st.st_mode) : ::stat(in.path.c_str(), &st) == 0)
      ids_.emplace_back(st.st_dev, st.st_ino);
  }
  std::sort(ids_.begin(), ids_.end());
}

bool file_identities::contains(const std::string& path) const {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return false;
  return std::binary_search(ids_.begin(), ids_.end(),
                            std::pair<unsigned long long, unsigned long long>(st.st_dev, st.st_ino));
}

input_handle::~input_handle() {
  if (owned_ && fd_ >= 0) ::close(fd_);
}

bool read_small_file(const std::string& path, std::size_t most, std::string_view what, std::string& text,
                     std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = errno == ENOENT ? "no such file" : std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    error = "is a folder, not a file";
    return false;
  }
  text.clear();
  char buf[65536];
  ssize_t n = 0;
  while (text.size() <= most && (n = ::read(fd, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
  const int read_errno = errno;
  ::close(fd);
  if (n < 0) error = std::strerror(read_errno);
  else if (text.size() > most)
    error = most % (1 << 20) == 0 ? fmt::format("larger than {} MiB: not {}", most >> 20, what)
                                  : fmt::format("larger than {} KiB: not {}", most >> 10, what);
  return error.empty();
}

bool input_handle::open(const input_file& in, std::string& error) {
  if (in.is_stdin()) {
    fd_ = 0;
    owned_ = false;
  } else {
    fd_ = ::open(in.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) {
      error = std::strerror(errno);
      return false;
    }
    owned_ = true;
  }
  struct stat st {};
  if (::fstat(fd_, &st) == 0) {
    if (S_ISDIR(st.st_mode)) {
      error = "is a directory (use -r to read the subtitle files in it)";
      return false;
    }
    if (S_ISREG(st.st_mode)) size_ = static_cast<std::size_t>(st.st_size);
  }
  return true;
}

}  // namespace vtt
