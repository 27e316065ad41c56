// Outputs (see output_file.hpp), and the signal handlers that remove unfinished ones.
#include "output_file.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <vttkit/report.hpp>

#include "exit_code.hpp"

namespace fs = std::filesystem;

namespace vtt {

namespace {

/// The buffer that existing outputs are read into, to compare them with the new content and
/// to copy their matching part: one per thread, kept for the thread's life. A buffer per
/// output would be allocated, zeroed and given back to the system for every file of a batch,
/// and faulting its pages in again cost more than the comparison (a rerun of 2,000 files
/// took 74,000 page faults).
std::span<char> compare_buffer() {
  constexpr std::size_t size = std::size_t{64} << 10;
  thread_local const std::unique_ptr<char[]> buffer(new char[size]);
  return {buffer.get(), size};
}

}  // namespace

class output_file::comparing_sink final : public vttkit::byte_sink {
 public:
  explicit comparing_sink(output_file& out) : out_(out) {}
  bool write(std::string_view bytes) override {
    auto& o = out_;
    if (!o.out_) {
      if (o.existing_fd_ >= 0 && o.matched_ + bytes.size() <= o.existing_size_ && same(bytes)) {
        o.matched_ += bytes.size();
        return true;
      }
      if (!o.diverge(error_)) return false;
    }
    if (o.out_->write(bytes)) return true;
    error_ = o.out_->error();
    return false;
  }

 private:
  /// Whether the existing file holds `bytes` where the matched part ends, read a piece at a time.
  bool same(std::string_view bytes) {
    const std::span<char> buffer = compare_buffer();
    for (std::size_t done = 0; done < bytes.size();) {
      const std::size_t want = std::min(buffer.size(), bytes.size() - done);
      const auto n = ::pread(out_.existing_fd_, buffer.data(), want, static_cast<off_t>(out_.matched_ + done));
      if (n <= 0 || std::memcmp(buffer.data(), bytes.data() + done, static_cast<std::size_t>(n)) != 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }
  output_file& out_;
};

// ---------------------------------------------------------------------------------------------
// Temporary files removed when a signal ends the program
// ---------------------------------------------------------------------------------------------

namespace {

/// The temporary outputs being written, for the signal handler to remove. The handler may
/// neither lock nor allocate, and must not read a path another thread is freeing: each slot
/// owns a copy of its path and a state (free, being written, ready). Paths longer than a
/// slot (PATH_MAX, longer paths cannot be opened), and more files at once than slots (a -j in
/// the hundreds), are left to the user.
struct temp_file_slot {
  std::atomic<int> state{0};  // 0 free, 1 being filled or emptied, 2 ready
  char path[PATH_MAX];
};
std::array<temp_file_slot, 256> live_temp_files;

void remember_temp_file(const char* path) noexcept {
  const auto length = std::strlen(path);
  if (length >= sizeof live_temp_files[0].path) return;
  for (auto& slot : live_temp_files) {
    int expected = 0;
    if (!slot.state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(slot.path, path, length + 1);
    slot.state.store(2);
    return;
  }
}

void forget_temp_file(const char* path) noexcept {
  for (auto& slot : live_temp_files) {
    int expected = 2;
    if (slot.state.load() != 2 || std::strcmp(slot.path, path) != 0) continue;
    if (slot.state.compare_exchange_strong(expected, 1)) {
      slot.state.store(0);
      return;
    }
  }
}

void remove_temp_files() noexcept {
  for (auto& slot : live_temp_files)
    if (slot.state.load() == 2) ::unlink(slot.path);
}

extern "C" void on_fatal_signal(int sig) {
  remove_temp_files();
  if (sig == SIGBUS) {
    // Only a mapped input shrinking under us raises SIGBUS here (mapped_file_source).
    constexpr char message[] = "vtt: an input file was truncated while it was being read\n";
    [[maybe_unused]] const auto n = ::write(2, message, sizeof message - 1);
    ::_exit(exit_usage);
  }
  std::signal(sig, SIG_DFL);  // then die of the signal as usual (exit status 128 + sig)
  std::raise(sig);
}

}  // namespace

void install_signal_handlers() {
  // Every signal that ends the program by default and can be caught, so that none leaves a
  // temporary file behind.
  for (const int sig :
       {SIGBUS, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU})
    std::signal(sig, on_fatal_signal);
  // Past a file size limit (ulimit -f) a write fails with EFBIG, reported as a failed write,
  // instead of the program dying of SIGXFSZ without a word.
  std::signal(SIGXFSZ, SIG_IGN);
}

output_file::output_file() = default;

output_file::~output_file() {
  if (owned_ && fd_ >= 0) ::close(fd_);
  if (existing_fd_ >= 0) ::close(existing_fd_);
  if (!temp_path_.empty()) {
    forget_temp_file(temp_path_.c_str());
    ::unlink(temp_path_.c_str());
  }
}

vttkit::byte_sink& output_file::sink() noexcept {
  if (compare_) return *compare_;
  return *out_;
}

bool output_file::open(const std::string& path, const file_identities& inputs, bool allow_input, std::string& error) {
  if (path.empty() || path == "-") {
    fd_ = 1;
    out_ = std::make_unique<vttkit::fd_sink>(fd_);
    return true;
  }
  struct stat out_st {};
  const bool exists = ::stat(path.c_str(), &out_st) == 0;
  if (exists && !allow_input && inputs.contains(path)) {
    error = "refusing to overwrite an input file (choose another output name)";
    return false;
  }
  if (exists && S_ISDIR(out_st.st_mode)) {
    error = "is a directory";
    return false;
  }
  if (exists && !S_ISREG(out_st.st_mode)) {  // a device or a pipe: written directly
    fd_ = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) {
      error = std::strerror(errno);
      return false;
    }
    owned_ = true;
    out_ = std::make_unique<vttkit::fd_sink>(fd_);
    return true;
  }
  // A regular file: compared with what exists, written to a temporary file once it differs.
  final_path_ = path;
  compare_ = std::make_unique<comparing_sink>(*this);
  if (exists) {
    if (::access(path.c_str(), W_OK) != 0) {
      error = "not writable: refusing to replace a file you may not write";
      return false;
    }
    mode_ = out_st.st_mode & 07777;
    owner_ = static_cast<int>(out_st.st_uid);
    group_ = static_cast<int>(out_st.st_gid);
    linked_ = out_st.st_nlink > 1;
    existing_fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    existing_size_ = static_cast<std::size_t>(out_st.st_size);
    return true;  // an unreadable existing file simply never matches
  }
  // umask can only be read by setting it, which is not thread-safe: read it once.
  static const mode_t mask = [] {
    const mode_t m = ::umask(0);
    ::umask(m);
    return m;
  }();
  mode_ = 0666 & ~mask;
  return diverge(error);
}

namespace {

/// The output's name as the start of its temporary file's name, cut (at a UTF-8 character
/// boundary) so that ".NAME.vtt-XXXXXX" stays within the 255 bytes a file name may have.
std::string temp_stem(std::string name) {
  constexpr std::size_t longest = 255 - std::string_view("..vtt-XXXXXX").size();
  if (name.size() <= longest) return name;
  std::size_t cut = longest;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  name.resize(cut);
  return name;
}

}  // namespace

bool output_file::diverge(std::string& error) {
  const fs::path target{final_path_};
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string tmpl = (dir / fmt::format(".{}.vtt-XXXXXX", temp_stem(target.filename().string()))).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0) {
    error = fmt::format("cannot create a file in {}: {}", vttkit::display_name(dir.string()), std::strerror(errno));
    return false;
  }
  owned_ = true;
  temp_path_ = name.data();
  remember_temp_file(temp_path_.c_str());
  ::fchmod(fd_, static_cast<mode_t>(mode_));
  if (owner_ >= 0 && ::fchown(fd_, static_cast<uid_t>(owner_), static_cast<gid_t>(group_)) != 0) {
    // Not allowed to give the file away (not root): it keeps the group if it can.
    [[maybe_unused]] const int ignored = ::fchown(fd_, static_cast<uid_t>(-1), static_cast<gid_t>(group_));
  }
  out_ = std::make_unique<vttkit::fd_sink>(fd_);
  // The part that matched the existing file so far is the same bytes: copy them over.
  const std::span<char> buffer = compare_buffer();
  for (std::size_t done = 0; done < matched_;) {
    const std::size_t want = std::min(buffer.size(), matched_ - done);
    const auto n = ::pread(existing_fd_, buffer.data(), want, static_cast<off_t>(done));
    if (n <= 0 || !out_->write({buffer.data(), static_cast<std::size_t>(n)})) {
      error = n <= 0 ? "cannot read the existing output again" : out_->error();
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (existing_fd_ >= 0) {
    ::close(existing_fd_);
    existing_fd_ = -1;
  }
  return true;
}

bool output_file::commit(std::string& error) {
  if (final_path_.empty()) return true;  // standard output, a device or a pipe
  if (!out_) {
    if (matched_ == existing_size_) return true;  // the same content: leave the file as it is
    if (!diverge(error)) return false;            // shorter than before
  }
  if (::close(fd_) != 0) {
    fd_ = -1;
    error = std::strerror(errno);
    return false;
  }
  fd_ = -1;
  if (linked_) return write_through(error);
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    error = fmt::format("cannot rename into place: {}", std::strerror(errno));
    return false;
  }
  forget_temp_file(temp_path_.c_str());
  temp_path_.clear();
  return true;
}

bool output_file::write_through(std::string& error) {
  const int from = ::open(temp_path_.c_str(), O_RDONLY | O_CLOEXEC);
  const int to = from < 0 ? -1 : ::open(final_path_.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  bool ok = from >= 0 && to >= 0;
  if (ok) {
    vttkit::fd_sink out{to};
    const std::span<char> buffer = compare_buffer();
    for (ssize_t n; ok && (n = ::read(from, buffer.data(), buffer.size())) != 0;)
      ok = n > 0 && out.write({buffer.data(), static_cast<std::size_t>(n)});
  }
  const int why = errno;
  if (to >= 0 && ::close(to) != 0) ok = false;
  if (from >= 0) ::close(from);
  // Written in place, the temporary file goes; else it replaces the file (the complete new
  // content is never lost, though the other names then keep the old one).
  const bool replaced = !ok && ::rename(temp_path_.c_str(), final_path_.c_str()) == 0;
  if (ok) ::unlink(temp_path_.c_str());
  if (!ok)
    error = fmt::format("cannot rewrite the file in place for its other hard links: {}{}", std::strerror(why),
                        replaced ? " (replaced instead: the other names keep the old content)" : "");
  if (ok || replaced) {
    forget_temp_file(temp_path_.c_str());
    temp_path_.clear();
  }
  return ok;
}

bool output_file::broken_pipe() const noexcept { return out_ && out_->broken_pipe(); }

std::string in_place_target(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(path, ec)) return path;
  auto target = std::filesystem::canonical(path, ec);
  return ec ? path : target.string();
}

std::string output_is_input(const std::string& output, const std::vector<input_file>& inputs) {
  if (output.empty() || output == "-" || !file_identities{inputs}.contains(output)) return {};
  return "vtt: -o " + vttkit::display_name(output) + ": that is an input file; choose another output name";
}

std::string output_plan::path_for(const input_file& in) const {
  if (!output.empty()) return output;
  if (out_dir.empty()) return "-";
  fs::path rel = in.is_stdin() ? fs::path("stdin") : fs::path(in.relative);
  if (std::binary_search(keep_extension_.begin(), keep_extension_.end(), in.relative)) rel += extension;
  else rel.replace_extension(extension);
  return (fs::path(out_dir) / rel).string();
}

bool output_plan::make_folder(const std::string& path, std::string& error) const {
  if (out_dir.empty()) return true;
  const fs::path folder = fs::path(path).parent_path();
  std::error_code ec;
  fs::create_directories(out_dir, ec);  // DIR itself may be a link: the user named it
  // The folders below DIR one by one, never through a link (one to a folder outside DIR would
  // take the outputs there).
  fs::path at = out_dir;
  for (const auto& part : folder.lexically_relative(out_dir)) {
    if (ec) break;
    if (part == ".") continue;
    at /= part;
    struct stat st {};
    if (::lstat(at.c_str(), &st) == 0) {
      if (!S_ISLNK(st.st_mode)) continue;
      error = fmt::format("refusing to write through the link {}: outputs stay inside --out-dir",
                          vttkit::display_name(at.string()));
      return false;
    }
    if (::mkdir(at.c_str(), 0777) != 0 && errno != EEXIST) ec = std::error_code(errno, std::generic_category());
  }
  if (!ec) return true;
  error = fmt::format("cannot create the folder {}: {}", vttkit::display_name(folder.string()), ec.message());
  return false;
}

std::vector<bool> output_plan::clashes(const std::vector<input_file>& inputs) {
  std::vector<bool> clash(inputs.size(), false);
  if (out_dir.empty()) return clash;
  // Inputs that differ only in their extension (X.vtt and X.srt) keep it: X.vtt.json, X.srt.json.
  std::vector<std::pair<std::string, std::string>> stems;  // (relative path without extension, relative path)
  for (const auto& in : inputs)
    if (!in.is_stdin()) stems.emplace_back(fs::path(in.relative).replace_extension().string(), in.relative);
  std::sort(stems.begin(), stems.end());
  stems.erase(std::unique(stems.begin(), stems.end()), stems.end());
  keep_extension_.clear();
  for (std::size_t i = 0; i < stems.size(); ++i) {
    const bool shared = (i > 0 && stems[i - 1].first == stems[i].first) ||
                        (i + 1 < stems.size() && stems[i + 1].first == stems[i].first);
    if (shared) keep_extension_.push_back(stems[i].second);
  }
  std::sort(keep_extension_.begin(), keep_extension_.end());
  std::vector<std::pair<std::string, std::size_t>> seen;
  for (std::size_t i = 0; i < inputs.size(); ++i) seen.emplace_back(path_for(inputs[i]), i);
  std::sort(seen.begin(), seen.end());
  for (std::size_t i = 1; i < seen.size(); ++i)
    if (seen[i].first == seen[i - 1].first) clash[seen[i].second] = true;
  return clash;
}

}  // namespace vtt
