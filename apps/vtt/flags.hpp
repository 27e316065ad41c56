// Flags that take numbers: checked as the command line is read, with the reason in words.
#pragma once

#include <cstddef>
#include <string>

#include <CLI/CLI.hpp>

namespace vtt {

/// The most workers -j takes; more is a usage error (0 means all cores).
inline constexpr unsigned max_jobs = 1024;

/// Adds `-j,--jobs N` bound to `jobs`: a whole number from 0 (all cores) to `max_jobs`.
CLI::Option* add_jobs_flag(CLI::App& cmd, unsigned& jobs, std::string help);

/// Adds an option bound to `count`: a whole number, 0 or more ("--max-chars must be 0 or more").
CLI::Option* add_count_flag(CLI::App& cmd, const std::string& name, std::size_t& count, std::string help);

/// Adds an option bound to `seconds`: a time value of 0 or more, as vttkit::parse_duration
/// reads it (1.5, 1.5s, 1500ms, 00:01.500).
CLI::Option* add_seconds_flag(CLI::App& cmd, const std::string& name, double& seconds, std::string help);

}  // namespace vtt
