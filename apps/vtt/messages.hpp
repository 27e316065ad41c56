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

}  // namespace vtt
