// Messages (see messages.hpp).
#include "messages.hpp"

#include <cstdio>

#include <vttkit/report.hpp>

namespace vtt {

void messages::line(const std::string& text) {
  std::lock_guard lock{mutex_};
  std::string out = text;
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stderr);
}

void messages::diagnostic(std::string_view file, const vttkit::diagnostic& d) { line(vttkit::format_finding(file, d)); }

}  // namespace vtt
