// Flags that take numbers: checked as the command line is read, with the reason in words.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

namespace vtt {

/// The most workers -j takes; more is a usage error (0 means all cores).
inline constexpr unsigned max_jobs = 1024;

/// Adds `-j,--jobs N` bound to `jobs`: a whole number from 0 (all cores) to `max_jobs`.
CLI::Option* add_jobs_flag(CLI::App& cmd, unsigned& jobs, std::string help);

}  // namespace vtt
