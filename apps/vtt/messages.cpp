// Messages (see messages.hpp).
#include "messages.hpp"

#include <algorithm>
#include <cstdio>

#include <unistd.h>

#include <fmt/format.h>

namespace vtt {

namespace {
constexpr std::string_view clear_line = "\r\033[K";  // to the line's start, erased to its end
}

void messages::write(const std::string& text) {
  std::string out;
  if (!status_.empty()) out += clear_line;
  out += text;
  out += '\n';
  if (!status_.empty()) out += status_;
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

void messages::line(const std::string& text) {
  std::lock_guard lock{mutex_};
  write(text);
}

void messages::warning(const std::string& text) {
  ++warnings_;
  line(text);
}

void messages::diagnostic(std::string_view file, const vttkit::diagnostic& d) {
  ++(d.info().severity == vttkit::severity::error ? errors_ : warnings_);
  line(vttkit::format_finding(file, d, style));
}

void messages::status(std::string_view text) {
  std::lock_guard lock{mutex_};
  status_ = fmt::format("{}{}", clear_line, text);
  std::fwrite(status_.data(), 1, status_.size(), stderr);
  std::fflush(stderr);
}

void messages::clear_status() {
  std::lock_guard lock{mutex_};
  if (status_.empty()) return;
  status_.clear();
  std::fwrite(clear_line.data(), 1, clear_line.size(), stderr);
  std::fflush(stderr);
}

void messages::stdin_hint(const std::vector<input_file>& inputs, std::string_view what) {
  if (quiet || !std::any_of(inputs.begin(), inputs.end(), [](const input_file& in) { return in.is_stdin(); }) ||
      !::isatty(0))
    return;
  line(fmt::format("vtt: reading {} from standard input; pass a file or pipe one in (Ctrl-D ends)", what));
}

}  // namespace vtt
