// Inputs: the files named on the command line or found under directories, opened for reading.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace vtt {

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

/// Reads a small file a flag names (--map-file, --config): a file, a pipe or a device, not a
/// folder, and at most `most` bytes (so /dev/zero ends). False with `error` in words (no
/// prefix: the caller names the flag); `what` says what a too large file is not.
bool read_small_file(const std::string& path, std::size_t most, std::string_view what, std::string& text,
                     std::string& error);

}  // namespace vtt
