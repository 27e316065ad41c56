// Outputs: standard output, or a file written beside its final name and renamed into place.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <vttkit/write.hpp>

#include "inputs.hpp"

namespace vtt {

/// An output: standard output, a device or pipe written directly, or a regular file written
/// to a temporary file beside it and renamed into place by `commit`. A regular file that
/// already holds exactly the new content is left untouched (no temporary file, no rename,
/// its modification time kept), as CMake's configure_file does: re-running a batch rewrites
/// only the outputs that change. A file replaced keeps its permissions and, where the
/// process may set them, its owner and group; a file with other hard links is rewritten in
/// place once the new content is complete (a rename would part it from its other names); a
/// file the user may not write is refused, not replaced.
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
  /// Copies the finished temporary file into the existing one (which keeps its inode).
  bool write_through(std::string& error);

  int fd_ = -1;  // where bytes are written (stdout, a device, the temporary file)
  bool owned_ = false;
  int existing_fd_ = -1;  // the existing regular file, compared against until it differs
  std::size_t existing_size_ = 0;
  std::size_t matched_ = 0;  // bytes so far equal to the existing file's
  unsigned mode_ = 0;        // permissions for the new file
  int owner_ = -1;           // the existing file's owner and group (-1: a new file)
  int group_ = -1;
  bool linked_ = false;  // the existing file has other hard links: rewritten in place
  std::string final_path_;
  std::string temp_path_;
  std::unique_ptr<vttkit::fd_sink> out_;
  std::unique_ptr<comparing_sink> compare_;
};

/// Handlers for SIGINT, SIGTERM and SIGHUP (temporary output files removed, then the usual
/// death by the signal) and SIGBUS (a mapped input truncated while read: a message, exit 2).
void install_signal_handlers();

/// Where `--in-place` writes: through a symbolic link to the file it names, so the link stays
/// a link (a rename over the link itself would replace it with a plain file).
[[nodiscard]] std::string in_place_target(const std::string& path);

/// `-o PATH` naming one of `inputs` (under any name): the usage error's message, else empty.
/// Checked before any work, so that every command refuses it alike (exit 2) and writes nothing.
[[nodiscard]] std::string output_is_input(const std::string& output, const std::vector<input_file>& inputs);

/// Where an input's output goes: `-o`, `--out-dir`, or standard output.
struct output_plan {
  std::string output;   ///< -o FILE
  std::string out_dir;  ///< --out-dir DIR
  std::string extension;
  /// The path for `in` ("-" for standard output).
  [[nodiscard]] std::string path_for(const input_file& in) const;
  /// Names the --out-dir outputs of `inputs` (two inputs whose paths differ only in their
  /// extension keep it: X.vtt.json and X.srt.json) and returns, for each input, whether an
  /// earlier input already writes its output.
  [[nodiscard]] std::vector<bool> clashes(const std::vector<input_file>& inputs);
  /// With --out-dir, creates the folder that `path` (from path_for) goes in; on failure
  /// returns false and says why in `error`.
  [[nodiscard]] bool make_folder(const std::string& path, std::string& error) const;

 private:
  std::vector<std::string> keep_extension_;  ///< sorted relative paths whose output keeps the extension
};

}  // namespace vtt
