// Flags that take numbers (see flags.hpp).
#include "flags.hpp"

#include <charconv>
#include <cstdlib>
#include <span>
#include <string_view>

#include <unistd.h>

#include <fmt/format.h>
#include <vttkit/timestamp.hpp>

#include "choices.hpp"

namespace vtt {
namespace {

/// A whole number written as digits only (no sign, no space); false when not one or too large.
bool parse_whole(std::string_view text, unsigned long long& value) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

/// Whether `text` is made of digits with at most one '.', and at least one digit.
bool decimal_digits(std::string_view text) {
  const auto dot = text.find('.');
  const auto digits = [](std::string_view d) { return d.find_first_not_of("0123456789") == std::string_view::npos; };
  if (dot == std::string_view::npos) return !text.empty() && digits(text);
  return text.size() > 1 && digits(text.substr(0, dot)) && digits(text.substr(dot + 1));
}

/// Whether `text` is a negative number ("-5", "-0.5", "-1s", "-00:01.000").
bool negative_number(std::string_view text) {
  return text.size() > 1 && text[0] == '-' && text.find_first_not_of("0123456789.:ms", 1) == std::string_view::npos;
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

CLI::Option* add_count_flag(CLI::App& cmd, const std::string& name, std::size_t& count, std::string help) {
  CLI::callback_t assign = [&count, name](const CLI::results_t& given) {
    const std::string& text = given.back();
    unsigned long long n = 0;
    if (negative_number(text)) throw CLI::ValidationError(fmt::format("{} must be 0 or more, not {}", name, text));
    if (text.find_first_not_of("0123456789") != std::string::npos || text.empty())
      throw CLI::ValidationError(fmt::format("{}: not a whole number: '{}'", name, text));
    if (!parse_whole(text, n) || n > max_count)
      throw CLI::ValidationError(fmt::format("{} must be at most {}, not {}", name, max_count, text));
    count = static_cast<std::size_t>(n);
    return true;
  };
  const auto current = std::to_string(count);
  auto* option = cmd.add_option(name, std::move(assign), std::move(help));
  option->type_name("N")->expected(1)->default_str(current);
  return option;
}

CLI::Option* add_number_flag(CLI::App& cmd, const std::string& name, double& value, std::string unit,
                             std::string help) {
  CLI::callback_t assign = [&value, name, unit](const CLI::results_t& given) {
    const std::string& text = given.back();
    if (negative_number(text))
      throw CLI::ValidationError(fmt::format("{} must be 0 or more {}, not {}", name, unit, text));
    double n = 0;
    // Digits and one '.', nothing else: no exponent, no nan or inf, no unit.
    if (!decimal_digits(text) || std::from_chars(text.data(), text.data() + text.size(), n).ec != std::errc())
      throw CLI::ValidationError(fmt::format("{}: not a number: '{}' (write 17 or 17.5)", name, text));
    if (n > static_cast<double>(max_count))
      throw CLI::ValidationError(fmt::format("{} must be at most {} {}, not {}", name, max_count, unit, text));
    value = n;
    return true;
  };
  const auto current = fmt::format("{}", value);
  auto* option = cmd.add_option(name, std::move(assign), std::move(help));
  option->type_name("NUMBER")->expected(1)->default_str(current);
  return option;
}

namespace {

/// A time value of 0 or more for the flag `name`, or a ValidationError saying what is wrong.
vttkit::millis checked_seconds(const std::string& name, const std::string& text) {
  const auto ms = vttkit::parse_duration(text);
  if (!ms && decimal_digits(text))  // parse_duration takes at most 12 digits of seconds
    throw CLI::ValidationError(fmt::format("{} must be at most 999999999999 seconds, not {}", name, text));
  if (!ms)
    throw CLI::ValidationError(
        fmt::format("{}: not a number of seconds: '{}' (write 1.5, 1.5s, 1500ms or 00:01.500)", name, text));
  if (*ms < 0) throw CLI::ValidationError(fmt::format("{} must be 0 or more seconds, not {}", name, text));
  return *ms;
}

}  // namespace

CLI::Option* add_seconds_flag(CLI::App& cmd, const std::string& name, double& seconds, std::string help) {
  CLI::callback_t assign = [&seconds, name](const CLI::results_t& given) {
    seconds = static_cast<double>(checked_seconds(name, given.back())) / 1000.0;
    return true;
  };
  const auto current = fmt::format("{}", seconds);
  auto* option = cmd.add_option(name, std::move(assign), std::move(help));
  option->type_name("SECONDS")->expected(1)->default_str(current);
  return option;
}

std::array<CLI::Option*, 2> add_transcript_flags(CLI::App& cmd, vttkit::write_options& write) {
  auto& gap = write.paragraphs.gap;
  CLI::callback_t assign = [&gap](const CLI::results_t& given) {
    gap = checked_seconds("--paragraph-gap", given.back());
    return true;
  };
  auto* gap_flag =
      cmd.add_option(
             "--paragraph-gap", std::move(assign),
             "md, txt and html: in a turn without a speaker, a pause longer than SECONDS starts a paragraph (so "
             "do about 1000 characters)")
          ->type_name("SECONDS")
          ->expected(1)
          ->default_str(fmt::format("{}", static_cast<double>(gap) / 1000.0));
  auto* drop_flag = cmd.add_flag("--drop-sounds", write.drop_sounds,
                                 "md, txt and html: leave out bracketed sound tags such as [door slams] and (laughs)");
  return {gap_flag, drop_flag};
}

CLI::Option* add_color_flag(CLI::App& cmd, when& color) {
  return add_choice(cmd, "--color", color, std::span<const when_info>(when_choices), &when_info::when,
                    "Colour on standard error (lint: also its findings): auto (on a terminal, unless NO_COLOR is "
                    "set), always, never")
      ->type_name("WHEN");
}

bool wanted(when setting, int fd) { return setting == when::always || (setting == when::automatic && ::isatty(fd)); }

bool use_color(when setting, int fd) {
  if (setting != when::automatic) return setting == when::always;
  const char* no_color = std::getenv("NO_COLOR");
  return (no_color == nullptr || *no_color == '\0') && ::isatty(fd);
}

}  // namespace vtt
