// The program's side effects (see cli_io.hpp).
#include "cli_io.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <csignal>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

namespace fs = std::filesystem;

namespace vtt {
namespace {

bool wanted_file(const fs::path& p, input_kinds kinds) {
  auto ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".vtt" || (ext == ".srt" && kinds == subtitle_files);
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
      fs::recursive_directory_iterator it{arg, fs::directory_options::skip_permission_denied, ec}, end;
      if (ec) {
        error(fmt::format("{}: {}", arg, ec.message()));
        continue;
      }
      for (; it != end; it.increment(ec)) {
        if (ec) {
          error(fmt::format("{}: {}", arg, ec.message()));
          break;
        }
        std::error_code fec;
        if (it->is_regular_file(fec) && wanted_file(it->path(), kinds))
          found.push_back({it->path().string(), fs::relative(it->path(), arg, fec).string()});
      }
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
    struct stat st {};
    if (!in.is_stdin() && ::stat(in.path.c_str(), &st) == 0) ids_.emplace_back(st.st_dev, st.st_ino);
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

/// Compares what is written with the existing file until they differ, then writes.
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
  bool same(std::string_view bytes) {
    auto& o = out_;
    o.scratch_.resize(bytes.size());
    std::size_t got = 0;
    while (got < bytes.size()) {
      const auto n = ::pread(o.existing_fd_, o.scratch_.data() + got, bytes.size() - got,
                             static_cast<off_t>(o.matched_ + got));
      if (n <= 0) return false;
      got += static_cast<std::size_t>(n);
    }
    return std::memcmp(o.scratch_.data(), bytes.data(), bytes.size()) == 0;
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
/// slot, and more files at once than slots (a -j in the hundreds), are left to the user.
struct temp_file_slot {
  std::atomic<int> state{0};  // 0 free, 1 being filled or emptied, 2 ready
  char path[512];
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
  for (const int sig : {SIGBUS, SIGINT, SIGTERM, SIGHUP}) std::signal(sig, on_fatal_signal);
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

bool output_file::open(const std::string& path, const file_identities& inputs, bool allow_input,
                       std::string& error) {
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
    mode_ = out_st.st_mode & 07777;
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

bool output_file::diverge(std::string& error) {
  const fs::path target{final_path_};
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const std::string tmpl = (dir / fmt::format(".{}.vtt-XXXXXX", target.filename().string())).string();
  std::vector<char> name(tmpl.begin(), tmpl.end());
  name.push_back('\0');
  fd_ = ::mkstemp(name.data());
  if (fd_ < 0) {
    error = fmt::format("cannot create a file in {}: {}", dir.string(), std::strerror(errno));
    return false;
  }
  owned_ = true;
  temp_path_ = name.data();
  remember_temp_file(temp_path_.c_str());
  ::fchmod(fd_, static_cast<mode_t>(mode_));
  out_ = std::make_unique<vttkit::fd_sink>(fd_);
  // The part that matched the existing file so far is the same bytes: copy them over.
  for (std::size_t done = 0; done < matched_;) {
    scratch_.resize(std::min<std::size_t>(matched_ - done, std::size_t{1} << 20));
    const auto n = ::pread(existing_fd_, scratch_.data(), scratch_.size(), static_cast<off_t>(done));
    if (n <= 0 || !out_->write({scratch_.data(), static_cast<std::size_t>(n)})) {
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
  if (::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    error = fmt::format("cannot rename into place: {}", std::strerror(errno));
    return false;
  }
  forget_temp_file(temp_path_.c_str());
  temp_path_.clear();
  return true;
}

bool output_file::broken_pipe() const noexcept { return out_ && out_->broken_pipe(); }

void messages::line(const std::string& text) {
  std::lock_guard lock{mutex_};
  std::string out = text;
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stderr);
}

namespace {

/// Length of the valid UTF-8 sequence at `s[i]`, or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte (no overlongs, surrogates)
  if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
  else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if (b1 < lo || b1 > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      const auto n = utf8_sequence(s, i);
      if (n == 0) {
        out += "\\ufffd";  // not UTF-8 (a file name, say): JSON text must be
        ++i;
      } else {
        out.append(s.substr(i, n));
        i += n;
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

std::string format_diagnostic(const std::string& file, const vttkit::diagnostic& d) {
  const auto& info = d.info();
  return fmt::format("{}:{}:{}: {}: {} [{}]", file, d.line, d.column, vttkit::to_string(info.severity), d.message,
                     info.id);
}

void messages::diagnostic(const std::string& file, const vttkit::diagnostic& d) {
  line(format_diagnostic(file, d));
}

std::string output_plan::path_for(const input_file& in) const {
  if (!output.empty()) return output;
  if (out_dir.empty()) return "-";
  fs::path rel = in.is_stdin() ? fs::path("stdin") : fs::path(in.relative);
  rel.replace_extension(extension);
  return (fs::path(out_dir) / rel).string();
}

namespace {
double now_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

progress_line::progress_line(std::size_t total_bytes, bool enabled)
    : total_(total_bytes), enabled_(enabled && total_bytes > 0), started_(now_seconds()) {}

progress_line::~progress_line() {
  if (drawn_) std::fprintf(stderr, "\r\033[K");
}

void progress_line::draw(std::size_t bytes_done) {
  const double t = now_seconds();
  if (t - last_ < 0.2) return;
  last_ = t;
  const double elapsed = t - started_;
  const double done = std::min(1.0, static_cast<double>(bytes_done) / static_cast<double>(total_));
  const double rate = elapsed > 0 ? static_cast<double>(bytes_done) / 1e6 / elapsed : 0.0;
  const double left = done > 0 ? elapsed / done * (1 - done) : 0.0;
  std::fprintf(stderr, "\r%5.1f%%  %.0f MB/s  %.0f s left ", done * 100, rate, left);
  std::fflush(stderr);
  drawn_ = true;
}

std::atomic<std::size_t> bytes_processed{0};

unsigned threads_per_input(unsigned jobs, std::size_t inputs) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, jobs / std::max<std::size_t>(inputs, 1)));
}

int run_jobs(std::size_t count, unsigned jobs, bool progress, const std::function<int(std::size_t)>& work) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(count, 1)));
  std::atomic<std::size_t> next{0}, done{0};
  std::atomic<int> worst{0};
  std::mutex m;
  std::condition_variable cv;
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) {
      const int code = work(i);
      int seen = worst.load();
      while (code > seen && !worst.compare_exchange_weak(seen, code)) {
      }
      done.fetch_add(1);
      cv.notify_all();
    }
  };
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
  std::thread progress_thread;
  std::atomic<bool> finished{false};
  if (progress) {
    progress_thread = std::thread([&] {
      std::unique_lock lock{m};
      while (!finished.load()) {
        cv.wait_for(lock, std::chrono::milliseconds(200));
        const auto d = done.load();
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const double left = d ? secs / static_cast<double>(d) * static_cast<double>(count - d) : 0.0;
        const auto width = 30;
        const auto filled = count ? static_cast<int>(width * d / count) : width;
        const double rate = secs > 0 ? static_cast<double>(bytes_processed.load()) / 1e6 / secs : 0.0;
        const auto speed = rate > 0 ? fmt::format("{:.0f} MB/s, ", rate) : std::string();
        std::fprintf(stderr, "\r[%-*s] %zu/%zu files, %s%.0f s left ", width,
                     std::string(static_cast<std::size_t>(filled), '#').c_str(), d, count, speed.c_str(), left);
        std::fflush(stderr);
      }
      std::fprintf(stderr, "\r\033[K");
      std::fflush(stderr);
    });
  }
  worker();
  for (auto& t : threads) t.join();
  finished = true;
  cv.notify_all();
  if (progress_thread.joinable()) progress_thread.join();
  return worst.load();
}

}  // namespace vtt
