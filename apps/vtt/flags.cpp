// Flags that take numbers (see flags.hpp).
#include "flags.hpp"

#include <charconv>
#include <string_view>

#include <fmt/format.h>

namespace vtt {
namespace {

/// A whole number written as digits only (no sign, no space); false when not one or too large.
bool parse_whole(std::string_view text, unsigned long long& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

CLI::Option* add_jobs_flag(CLI::App& cmd, unsigned& jobs, std::string help) {
  CLI::callback_t assign = [&jobs](const CLI::results_t& given) {
    const std::string& text = given.back();
    unsigned long long n = 0;
    const auto number = text.empty() || text[0] != '-' ? std::string_view(text) : std::string_view(text).substr(1);
    const bool digits = !number.empty() && number.find_first_not_of("0123456789") == std::string_view::npos;
    if (!digits) throw CLI::ValidationError(fmt::format("-j, --jobs: not a number of workers: '{}'", text));
    if (text[0] == '-' || !parse_whole(text, n) || n > max_jobs)
      throw CLI::ValidationError(
          fmt::format("-j, --jobs must be from 0 (all cores) to {} workers, not {}", max_jobs, text));
    jobs = static_cast<unsigned>(n);
    return true;
  };
  auto* option = cmd.add_option("-j,--jobs", std::move(assign), std::move(help));
  option->type_name("N")->expected(1)->default_str("0");
  return option;
}

}  // namespace vtt
