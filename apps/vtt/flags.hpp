// Flags that take numbers: checked as the command line is read, with the reason in words.
// Each shows a placeholder that says what it takes (N, SECONDS, NUMBER) and its default.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include <CLI/CLI.hpp>
#include <vttkit/write.hpp>

namespace vtt {

/// The most workers -j takes; more is a usage error (0 means all cores).
inline constexpr unsigned max_jobs = 1024;

/// The largest count or number a flag takes ("--max-chars must be at most 1000000000").
inline constexpr unsigned long long max_count = 1'000'000'000;

/// Adds `-j,--jobs N` bound to `jobs`: a whole number from 0 (all cores) to `max_jobs`.
CLI::Option* add_jobs_flag(CLI::App& cmd, unsigned& jobs, std::string help);

/// Adds an option `N` bound to `count`: a whole number from 0 to `max_count`
/// ("--max-chars must be 0 or more, not -5"; "--max-chars: not a whole number: 'ten'").
CLI::Option* add_count_flag(CLI::App& cmd, const std::string& name, std::size_t& count, std::string help);

/// Adds an option `NUMBER` bound to `value`: a decimal number (`17`, `17.5`) from 0 to
/// `max_count`; `unit` names what it counts in messages ("characters per second").
CLI::Option* add_number_flag(CLI::App& cmd, const std::string& name, double& value, std::string unit, std::string help);

/// Adds an option `SECONDS` bound to `seconds`: a time value of 0 or more, as
/// vttkit::parse_duration reads it (1.5, 1.5s, 1500ms, 00:01.500).
CLI::Option* add_seconds_flag(CLI::App& cmd, const std::string& name, double& seconds, std::string help);

/// Adds the transcript writers' flags (md, txt; docs/transcripts.md, "Paragraphs"), bound to
/// `write`: `--paragraph-gap SECONDS` and `--drop-sounds`, returned in that order.
std::array<CLI::Option*, 2> add_transcript_flags(CLI::App& cmd, vttkit::write_options& write);

/// When a terminal feature is on: `--color` and `--show-source` take these.
enum class when { automatic, always, never };
struct when_info {
  vtt::when when;
  std::string_view name;
};
inline constexpr std::array<when_info, 3> when_choices{
    {{when::automatic, "auto"}, {when::always, "always"}, {when::never, "never"}}};

/// Adds `--color auto|always|never` bound to `color` (the default: auto).
CLI::Option* add_color_flag(CLI::App& cmd, when& color);

/// Whether `setting` turns a feature on for what is written to `fd`: `auto` when `fd` is a
/// terminal.
bool wanted(when setting, int fd);

/// Whether to colour what is written to `fd`: `always`; or `auto`, `fd` a terminal and the
/// environment variable NO_COLOR unset or empty (https://no-color.org).
bool use_color(when setting, int fd);

}  // namespace vtt
