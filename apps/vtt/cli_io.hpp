// The program's side effects: opening inputs, safe outputs, messages, batches of files.
#pragma once

#include <atomic>
#include <cmath>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <vttkit/diagnostic.hpp>
#include <vttkit/timestamp.hpp>
#include <vttkit/write.hpp>

namespace vtt {

/// Seconds as given on the command line to milliseconds, rounded.
inline vttkit::millis to_millis(double seconds) { return static_cast<vttkit::millis>(std::llround(seconds * 1000.0)); }

/// Exit codes (SPEC section 6): the highest applies when files differ.
enum exit_code : int { exit_ok = 0, exit_findings = 1, exit_usage = 2 };

/// One input: a path, or "-" for standard input.
struct input_file {
  std::string path;      ///< as given, or found under a directory with -r
  std::string relative;  ///< path relative to the directory argument it was found in (for --out-dir)
  [[nodiscard]] bool is_stdin() const noexcept { return path == "-"; }
  [[nodiscard]] std::string display() const { return path; }
};

/// Which files a directory walk (-r) takes.
enum input_kinds : bool {
  subtitle_files = false,  ///< .vtt and .srt
  webvtt_only = true,      ///< .vtt: lint and fmt read WebVTT only; a SubRip file in a folder is not one to refuse
};

/// Expands arguments: none means standard input; with `recursive`, directories are walked
/// for the files `kinds` names (sorted). Files named on the command line are always kept.
/// Unreadable arguments are reported through `error`.
std::vector<input_file> expand_inputs(const std::vector<std::string>& args, bool recursive, input_kinds kinds,
                                      const std::function<void(const std::string&)>& error);

/// The identities (device, inode) of the input files, to recognise an input under any name.
class file_identities {
 public:
  file_identities() = default;
  explicit file_identities(const std::vector<input_file>& inputs);
  /// True when `path` exists and is one of the inputs.
  [[nodiscard]] bool contains(const std::string& path) const;

 private:
  std::vector<std::pair<unsigned long long, unsigned long long>> ids_;  // sorted (device, inode)
};

/// An opened input file descriptor (closed on destruction unless it is standard input).
class input_handle {
 public:
  input_handle() = default;
  input_handle(const input_handle&) = delete;
  input_handle& operator=(const input_handle&) = delete;
  ~input_handle();
  /// Opens `in`; on failure returns false and sets `error`.
  bool open(const input_file& in, std::string& error);
  [[nodiscard]] int fd() const noexcept { return fd_; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  int fd_ = -1;
  bool owned_ = false;
  std::size_t size_ = 0;
};

/// An output: standard output, a device or pipe written directly, or a regular file written
/// to a temporary file beside it and renamed into place by `commit`. A regular file that
/// already holds exactly the new content is left untouched (no temporary file, no rename,
/// its modification time kept), as CMake's configure_file does: re-running a batch rewrites
/// only the outputs that change.
class output_file {
 public:
  output_file();
  output_file(const output_file&) = delete;
  output_file& operator=(const output_file&) = delete;
  ~output_file();  ///< removes the temporary file unless committed

  /// Opens `path` ("-" or empty for standard output). Refuses a path that is one of `inputs`
  /// (same device and inode) unless `allow_input`.
  bool open(const std::string& path, const file_identities& inputs, bool allow_input, std::string& error);
  vttkit::byte_sink& sink() noexcept;
  /// Makes the output visible (rename). False with `error` on failure.
  bool commit(std::string& error);
  /// True when writing failed because standard output was closed.
  [[nodiscard]] bool broken_pipe() const noexcept;

 private:
  class comparing_sink;
  friend class comparing_sink;
  /// The new content differs from the existing file: create the temporary file and copy the
  /// part that matched into it.
  bool diverge(std::string& error);

  int fd_ = -1;               // where bytes are written (stdout, a device, the temporary file)
  bool owned_ = false;
  int existing_fd_ = -1;      // the existing regular file, compared against until it differs
  std::size_t existing_size_ = 0;
  std::size_t matched_ = 0;   // bytes so far equal to the existing file's
  unsigned mode_ = 0;         // permissions for the new file
  std::string final_path_;
  std::string temp_path_;
  std::string scratch_;
  std::unique_ptr<vttkit::fd_sink> out_;
  std::unique_ptr<comparing_sink> compare_;
};

/// Messages on standard error, one whole line at a time even from several threads.
class messages {
 public:
  void line(const std::string& text);
  void diagnostic(const std::string& file, const vttkit::diagnostic& d);
  bool quiet = false;

 private:
  std::mutex mutex_;
};

/// Appends `s` as a JSON string. Any bytes are accepted (file names need not be UTF-8): bytes
/// that are not UTF-8 become U+FFFD, control characters are escaped.
void append_json_string(std::string& out, std::string_view s);

/// `path:line:col: severity: message [ID]`
std::string format_diagnostic(const std::string& file, const vttkit::diagnostic& d);

/// A progress line on standard error for one large input: percent, MB/s, time left. Cheap to
/// call for every cue: it looks at the clock every few thousand calls and redraws at most
/// five times a second. Clears itself when destroyed.
class progress_line {
 public:
  progress_line(std::size_t total_bytes, bool enabled);
  progress_line(const progress_line&) = delete;
  progress_line& operator=(const progress_line&) = delete;
  ~progress_line();
  void update(std::size_t bytes_done) {
    if (enabled_ && ++calls_ % 4096 == 0) draw(bytes_done);
  }

 private:
  void draw(std::size_t bytes_done);
  std::size_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::size_t calls_ = 0;
  double started_;
  double last_ = 0;
};

/// Input bytes the jobs have read so far (workers add their inputs' sizes), for the progress bar.
extern std::atomic<std::size_t> bytes_processed;

/// Runs `work(i)` for i in [0, count) on `jobs` threads (0 = all cores); returns the highest
/// exit code. Shows a progress bar on a terminal when `progress` is set.
int run_jobs(std::size_t count, unsigned jobs, bool progress, const std::function<int(std::size_t)>& work);

/// Handlers for SIGINT, SIGTERM and SIGHUP (temporary output files removed, then the usual
/// death by the signal) and SIGBUS (a mapped input truncated while read: a message, exit 2).
void install_signal_handlers();

/// Threads to parse each input with when `jobs` workers (0 = all cores) share `inputs` files:
/// the workers left over when there are fewer files than workers, at least 1.
unsigned threads_per_input(unsigned jobs, std::size_t inputs);

/// Where an input's output goes: `-o`, `--out-dir`, or standard output.
struct output_plan {
  std::string output;   ///< -o FILE
  std::string out_dir;  ///< --out-dir DIR
  std::string extension;
  /// The path for `in` ("-" for standard output).
  [[nodiscard]] std::string path_for(const input_file& in) const;
};

}  // namespace vtt
