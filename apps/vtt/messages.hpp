// Messages on standard error.
#pragma once

#include <atomic>
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include <vttkit/diagnostic.hpp>
#include <vttkit/report.hpp>

#include "inputs.hpp"

namespace vtt {

/// Messages on standard error, one whole line at a time even from several threads, and at
/// most one status line (a progress bar) kept under them: a message clears the status line,
/// takes its own line and the status line is drawn again below it.
class messages {
 public:
  void line(const std::string& text);
  /// A warning line (counted for the summary).
  void warning(const std::string& text);
  /// `path:line:col: severity: message [ID]` as every command shows a finding
  /// (`vttkit::format_finding`: control bytes of the file name escaped; in colour when
  /// `style.color`). Counted by severity for the summary.
  void diagnostic(std::string_view file, const vttkit::diagnostic& d);
  /// Shows `text` as the status line (no line end), replacing the one shown.
  void status(std::string_view text);
  /// Clears the status line.
  void clear_status();
  /// When an input is standard input and that is a terminal, says that the program reads it
  /// (a new user waiting for output would otherwise see nothing); `what` names the format.
  void stdin_hint(const std::vector<input_file>& inputs, std::string_view what = "WebVTT");

  [[nodiscard]] std::size_t errors() const noexcept { return errors_.load(); }
  [[nodiscard]] std::size_t warnings() const noexcept { return warnings_.load(); }

  bool quiet = false;
  vttkit::text_style style;  ///< colour (only: standard error shows no source lines)

 private:
  void write(const std::string& text);
  std::mutex mutex_;
  std::string status_;  // the status line shown, empty when none
  std::atomic<std::size_t> errors_{0};
  std::atomic<std::size_t> warnings_{0};
};

}  // namespace vtt
