// Messages on standard error.
#pragma once

#include <mutex>
#include <string>
#include <string_view>

#include <vttkit/diagnostic.hpp>

namespace vtt {

/// Messages on standard error, one whole line at a time even from several threads.
class messages {
 public:
  void line(const std::string& text);
  /// `path:line:col: severity: message [ID]` as every command shows a finding
  /// (`vttkit::format_finding`: control bytes of the file name escaped).
  void diagnostic(std::string_view file, const vttkit::diagnostic& d);
  bool quiet = false;

 private:
  std::mutex mutex_;
};

}  // namespace vtt
